"""Read dumps (UTF-8, UTF-8 with BOM, GB18030/GBK; CRLF, CR or LF) and write them back atomically."""

from __future__ import annotations

import fnmatch
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newskit.model import Document

#: File endings a directory walk picks up; a file named on the command line is read whatever its ending.
DUMP_SUFFIXES = (".txt", ".text", ".md")


#: the byte-order mark each encoding was read with, written back as it was
BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


class InputError(Exception):
    """Bad input: the CLI prints the message on one line and exits with code 2."""


def decode(data: bytes, path: str, dump_id: str = "") -> Document:
    """Decode a dump's bytes into a Document, remembering how to write it back; ``dump_id`` names its records
    (``dump_ids``; by default it comes from the file name, see ``document_id``)."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: looks like a binary file (NUL bytes), not a text dump")
    bom = False
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding, bom = _strict(data[3:], "utf-8", path), "utf-8", True
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # the byte order is part of the file: --fix must write UTF-16BE back as BE, not as the machine's order
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        text, bom = _strict(data[2:], encoding, path), True
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # Chinese newsroom systems still export GBK; GB18030 is its superset and decodes both.
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: cannot decode as UTF-8 or GB18030 (byte {exc.start}); convert it to UTF-8 first"
                ) from None
    if "\r\n" in text:
        newline = "\r\n"
    elif "\r" in text:
        newline = "\r"
    else:
        newline = "\n"
    if newline != "\n":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise InputError(f"{path}: looks like a binary file (control characters), not a text dump")
    return Document.from_text(text, path=path, encoding=encoding, bom=bom, newline=newline, dump_id=dump_id)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: invalid {encoding} at byte {exc.start}") from None


#: Control characters a text dump does not hold (line ends are normalised to LF before the test).
_CONTROLS = re.compile("[\x00-\x08\r\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(8, len(sample) // 50)


def read_document(path: str | Path, *, stdin_name: str | None = None, dump_id: str = "") -> Document:
    """Read one dump; ``-`` reads standard input (named ``stdin_name`` in reports). ``dump_id``: see ``decode``."""
    spath = str(path)
    if spath == "-":
        data = sys.stdin.buffer.read()
        return decode(data, stdin_name or "-", dump_id)
    p = Path(spath)
    if not p.exists():
        raise InputError(f"{spath}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{spath}: is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{spath}: cannot read ({exc.strerror or exc})") from None
    return decode(data, spath, dump_id)


#: The manifest ``newskit split --out`` leaves in the folders it writes: it lists the files written (so a re-run
#: replaces exactly them) and tells a directory walk that the folder holds output, not dumps.
OUT_MANIFEST = ".newskit-out.json"


@dataclass(frozen=True)
class InputFile:
    """One dump to read: its path as given or found, and that path relative to the argument it came from."""

    path: str
    relative: str


def _excluded(rel: str, path: str, patterns: Sequence[str]) -> bool:
    """A glob matches the path relative to its argument, the path as given, or any trailing part of it."""
    parts = rel.split("/")
    candidates = {rel, path.replace("\\", "/"), *("/".join(parts[k:]) for k in range(len(parts)))}
    return any(fnmatch.fnmatchcase(c, pat.rstrip("/")) or fnmatch.fnmatchcase(c, pat.rstrip("/") + "/*")
               for pat in patterns for c in candidates)


def input_files(paths: Iterable[str], exclude: Sequence[str] = ()) -> list[InputFile]:
    """Expand directories (sorted, hidden entries and ``split --out`` folders skipped) into dump files;
    ``-`` passes through; files matching an ``exclude`` glob are left out (a file named on the command line
    is excluded only when a pattern names it).

    A path that does not exist raises InputError before anything is read, so a typo fails fast.
    """
    expanded: list[InputFile] = []
    for raw in paths:
        if raw == "-":
            expanded.append(InputFile(raw, "-"))
            continue
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        if not p.is_dir():
            if not _excluded(p.name, raw, exclude):
                expanded.append(InputFile(str(p), p.name))
            continue
        out_dirs = {m.parent for m in p.rglob(OUT_MANIFEST)}
        found = []
        for f in p.rglob("*"):
            rel = f.relative_to(p)
            if (f.is_file() and f.suffix.lower() in DUMP_SUFFIXES
                    and not any(part.startswith(".") for part in rel.parts)
                    and not any(d in f.parents for d in out_dirs)
                    and not _excluded(rel.as_posix(), str(f), exclude)):
                found.append(InputFile(str(f), rel.as_posix()))
        if not found:
            raise InputError(f"{raw}: directory holds no dump files ({', '.join(DUMP_SUFFIXES)})")
        expanded.extend(sorted(found, key=lambda i: i.path))
    return expanded


def iter_input_paths(paths: Iterable[str], exclude: Sequence[str] = ()) -> Iterator[str]:
    """The file paths of ``input_files``."""
    return iter([f.path for f in input_files(paths, exclude)])


_ID_SEPARATORS = re.compile(r"[/\\]+")
_ID_UNSAFE = re.compile(r"[^\w.-]+")


def dump_id(relative: str) -> str:
    """The record-id stem of a dump, from its path relative to the argument it was found under: without its
    suffix, path separators and other unsafe characters turned into ``_`` (CJK characters are kept), never
    starting with ``-`` or ``.``. ``2020-03-18/A01.txt`` -> ``2020-03-18_A01``. split's records, lint's
    findings, report and dedupe all name articles ``newskit:<dump id>:<line>`` from it."""
    stem = relative.rsplit(".", 1)[0] if "." in relative.rsplit("/", 1)[-1] else relative
    return _ID_UNSAFE.sub("_", _ID_SEPARATORS.sub("_", stem)).lstrip("-._").rstrip("._")[:80] or "dump"


def document_id(doc: Document) -> str:
    """``doc``'s dump id: the one it was read with, else the rule of ``dump_id`` on its file name."""
    return doc.dump_id or dump_id(doc.path.replace("\\", "/").rsplit("/", 1)[-1])


def dump_ids(files: Sequence[InputFile], stdin_name: str | None = None) -> dict[str, str]:
    """A dump id (``dump_id``) per input path, unique within the run: a clash gets ``-2``, ``-3``."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for f in files:
        if f.path in ids:  # a dump named twice is one dump
            continue
        stem = dump_id(stdin_name if f.path == "-" and stdin_name else f.relative)
        unique, n = stem, 1
        while unique in taken:
            n += 1
            unique = f"{stem}-{n}"
        taken.add(unique)
        ids[f.path] = unique
    return ids


def input_ids(paths: Iterable[str], exclude: Sequence[str] = (), stdin_name: str | None = None) -> dict[str, str]:
    """``dump_ids`` of ``input_files``: each dump file to read (in order, once) -> its dump id."""
    return dump_ids(input_files(paths, exclude), stdin_name)


def encode(doc: Document, text: str) -> bytes:
    """Encode text the way ``doc`` was read (encoding, BOM, line ends)."""
    if doc.newline != "\n":
        text = text.replace("\n", doc.newline)
    data = text.encode(doc.encoding)
    return (BOMS.get(doc.encoding, b"") + data) if doc.bom else data


#: what diff(1) prints after a last line that has no line end; git apply and patch need it
NO_NEWLINE = b"\\ No newline at end of file\n"


def patch(doc: Document, fixed_text: str) -> bytes:
    """The change from ``doc`` to ``fixed_text`` as a patch ``git apply`` takes (b'' when nothing changes).

    A patch is bytes, not text: git compares a file's own bytes, so each line is written in the file's encoding
    (GB18030 stays GB18030), with its line ends and BOM, and a last line without a line end gets the
    ``\\ No newline at end of file`` marker. git treats UTF-16 as binary (it holds NUL bytes) and applies no
    text hunk to it: such a file gets a git binary patch, preceded by the text diff as ``#`` comment lines in
    UTF-8 for the reader (git apply skips them)."""
    old, new = encode(doc, doc.text), encode(doc, fixed_text)
    if old == new:
        return b""
    name = os.fsencode(doc.path)
    if doc.encoding.startswith("utf-16"):
        readable = _text_patch(name, doc.text.encode("utf-8"), fixed_text.encode("utf-8"))
        comment = b"".join(b"# " + line + b"\n" for line in readable.splitlines())
        return comment + _binary_patch(name, old, new)
    return _text_patch(name, old, new)


def _text_patch(name: bytes, old: bytes, new: bytes) -> bytes:
    import difflib

    def lines(data: bytes) -> list[bytes]:
        # git splits lines at LF only; in UTF-8 and GB18030 the byte 0x0A is never inside a character
        *full, last = data.split(b"\n")
        return [line + b"\n" for line in full] + ([last] if last else [])

    out = []
    for line in difflib.diff_bytes(difflib.unified_diff, lines(old), lines(new), b"a/" + name, b"b/" + name):
        out.append(line)
        if not line.endswith(b"\n"):
            out.append(b"\n" + NO_NEWLINE)
    return b"".join(out)


def _binary_patch(name: bytes, old: bytes, new: bytes) -> bytes:
    """git's binary patch (``git diff --binary``): the full blob ids let git apply check the file it patches,
    then the new and the old contents, zlib-compressed, in git's base85 lines of at most 52 bytes."""
    import base64
    import hashlib
    import zlib

    def blob_id(data: bytes) -> bytes:
        return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest().encode()

    def literal(data: bytes) -> bytes:
        packed = zlib.compress(data, 9)
        rows = []
        for i in range(0, len(packed), 52):
            chunk = packed[i:i + 52]
            size = chr(ord("A") + len(chunk) - 1) if len(chunk) <= 26 else chr(ord("a") + len(chunk) - 27)
            rows.append(size.encode() + base64.b85encode(chunk, pad=True) + b"\n")
        return b"literal %d\n" % len(data) + b"".join(rows) + b"\n"

    return (b"diff --git a/" + name + b" b/" + name + b"\n"
            + b"index " + blob_id(old) + b".." + blob_id(new) + b"\n"
            + b"GIT binary patch\n" + literal(new) + literal(old))


def check_writable(path: str | Path) -> None:
    """Refuse to rewrite a file its owner marked read-only (no write bit for anyone), even as root, who may
    write anything: ``chmod 444`` is an editor saying "leave this one alone"."""
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError(f"{path}: read-only file, not fixed (make it writable to let --fix change it)")


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    """Replace a file's contents so that a crash never leaves half a file, keeping what the file *is*.

    A symlink's target is rewritten (the link stays a link); mode and owner are copied to the new file. When
    renaming would lose something — the file has other hard links, its owner cannot be kept, or the directory
    is not writable — the bytes are written in place instead, after the data is safely complete in memory.
    ``durable=False`` skips the fsync (a regenerable output such as a report page).
    """
    target = Path(os.path.realpath(path))
    st = target.stat() if target.exists() else None
    if st is not None and (st.st_nlink > 1 or not os.access(target.parent, os.W_OK | os.X_OK)):
        _write_in_place(target, data)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if st is not None:
            os.chmod(tmp, st.st_mode & 0o7777)
            if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except PermissionError:  # cannot give the file back to its owner: keep the inode instead
                    os.unlink(tmp)
                    _write_in_place(target, data)
                    return
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _write_in_place(target: Path, data: bytes) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def replace_directory(out: Path, files: dict[str, bytes], *, force: bool = False) -> None:
    """Make ``out`` hold exactly ``files`` (name -> bytes) and the manifest naming them.

    A folder newskit did not write (no manifest, or files the manifest does not list) is refused unless
    ``force``. Everything is written into a sibling temporary folder first and swapped in by renames, so a
    re-run leaves no stale files and a crash leaves the old folder as it was.
    """
    import json
    import shutil

    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a directory")
    if out.exists() and not force:
        present = {p.name for p in out.iterdir()}
        manifest = out / OUT_MANIFEST
        written: set[str] = set()
        if manifest.is_file():
            try:
                written = set(json.loads(manifest.read_text(encoding="utf-8"))["files"]) | {OUT_MANIFEST}
            except (OSError, ValueError, KeyError, TypeError):
                written = set()
        foreign = sorted(present - written)
        if foreign:
            raise InputError(f"{out}: folder holds files newskit did not write ({foreign[0]}"
                             f"{f' and {len(foreign) - 1} more' if len(foreign) > 1 else ''}); "
                             "choose an empty folder or pass --force to replace its contents")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        (staging / OUT_MANIFEST).write_text(
            json.dumps({"tool": "newskit split", "files": sorted(files)}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.rmdir(old)
            os.replace(out, old)
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
