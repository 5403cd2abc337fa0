"""Read dumps (UTF-8, UTF-8 with BOM, GB18030/GBK; CRLF, CR or LF) and write them back atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from newskit.model import Document

#: File endings a directory walk picks up; a file named on the command line is read whatever its ending.
DUMP_SUFFIXES = (".txt", ".text", ".md")


class InputError(Exception):
    """Bad input: the CLI prints the message on one line and exits with code 2."""


def decode(data: bytes, path: str) -> Document:
    """Decode a dump's bytes into a Document, remembering how to write it back."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: looks like a binary file (NUL bytes), not a text dump")
    bom = False
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding, bom = _strict(data[3:], "utf-8", path), "utf-8", True
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding, bom = _strict(data, "utf-16", path), "utf-16", True
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
    return Document.from_text(text, path=path, encoding=encoding, bom=bom, newline=newline)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: invalid {encoding} at byte {exc.start}") from None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\t\f\v")
    return controls > max(8, len(sample) // 50)


def read_document(path: str | Path, *, stdin_name: str | None = None) -> Document:
    """Read one dump; ``-`` reads standard input (named ``stdin_name`` in reports)."""
    spath = str(path)
    if spath == "-":
        data = sys.stdin.buffer.read()
        return decode(data, stdin_name or "-")
    p = Path(spath)
    if not p.exists():
        raise InputError(f"{spath}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{spath}: is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{spath}: cannot read ({exc.strerror or exc})") from None
    return decode(data, spath)


def iter_input_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories (sorted, hidden entries skipped) into dump files; ``-`` passes through.

    A path that does not exist raises InputError before anything is read, so a typo fails fast.
    """
    expanded: list[str] = []
    for raw in paths:
        if raw == "-":
            expanded.append(raw)
            continue
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in DUMP_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise InputError(f"{raw}: directory holds no dump files ({', '.join(DUMP_SUFFIXES)})")
            expanded.extend(found)
        else:
            expanded.append(str(p))
    return iter(expanded)


def encode(doc: Document, text: str) -> bytes:
    """Encode text the way ``doc`` was read (encoding, BOM, line ends)."""
    if doc.newline != "\n":
        text = text.replace("\n", doc.newline)
    if doc.encoding == "utf-16":
        return text.encode("utf-16")  # Python writes the BOM itself
    data = text.encode(doc.encoding)
    return (b"\xef\xbb\xbf" + data) if doc.bom else data


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    """Write via a temp file in the same directory and rename, so a crash never leaves half a file;
    ``durable=False`` skips the fsync (a regenerable output such as a report page)."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        except FileNotFoundError:
            pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
