"""Lint many dumps: read, lint, fix (written atomically) or diff, optionally in parallel processes.

A file that cannot be read becomes a ``FileError`` (the CLI prints one line for it and exits 2 at the end)
instead of stopping the other files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from enum import StrEnum

from newskit.io import InputError, check_writable, encode, patch, read_document, write_atomic
from newskit.lint.engine import FileResult, LintPlan, RuleError, fix_document, lint_file, split, split_batch
from newskit.model import Document
from newskit.runtime import batched, paused_gc


class Mode(StrEnum):
    CHECK = "check"
    FIX = "fix"  # apply fixes and write the file back (stdin: the fixed text goes to stdout)
    DIFF = "diff"  # compute fixes, write nothing


@dataclass(frozen=True)
class FileError:
    path: str
    message: str


def lint_path(path: str, plan: LintPlan, mode: Mode = Mode.CHECK, unsafe: bool = False,
              stdin_name: str | None = None, dump_id: str = "") -> FileResult | FileError:
    """Lint one path; in FIX mode write the fixed text back atomically, in its original encoding.
    ``dump_id`` names its articles (``newskit.io.dump_ids``, as split names its records)."""
    read = _read(path, stdin_name, dump_id)
    return read if isinstance(read, FileError) else _finish(path, read, plan, mode, unsafe, _split(read, plan))


def lint_paths(work: Sequence[tuple], plan: LintPlan, mode: Mode = Mode.CHECK,
               unsafe: bool = False) -> Iterator[FileResult | FileError]:
    """``lint_path`` over (path, stdin name, dump id) triples in one process, in order: the dumps of a batch
    (``runtime.BATCH_CHARS``) are read and split, then linted — the split's and the rules' tables stay in
    the cache a batch at a time (``engine.lint_documents``)."""
    read = ((path, _read(path, stdin_name, dump_id)) for path, stdin_name, dump_id in work)
    for batch in batched(read, _size):
        with paused_gc():  # as in engine.lint_documents, and never across a yield
            docs = [doc for _, doc in batch if not isinstance(doc, FileError)]
            try:
                splits = iter(split_batch(docs, plan.settings))
            except Exception:  # noqa: BLE001 - split one by one, so the failure is the one dump's own error
                splits = iter([_split(doc, plan) for doc in docs])
            results = [doc if isinstance(doc, FileError) else _finish(path, doc, plan, mode, unsafe, next(splits))
                       for path, doc in batch]
        yield from results


def _size(item: tuple[str, Document | FileError]) -> int:
    return 0 if isinstance(item[1], FileError) else len(item[1].text)


def _read(path: str, stdin_name: str | None, dump_id: str) -> Document | FileError:
    try:
        return read_document(path, stdin_name=stdin_name, dump_id=dump_id)
    except InputError as exc:
        return FileError(path, str(exc))


def _split(doc: Document, plan: LintPlan) -> tuple | Exception:
    """The dump's records and year, or what the split raised (reported by ``_finish`` as that file's error)."""
    try:
        return split(doc, plan.settings)
    except Exception as exc:  # noqa: BLE001 - one dump's failure must not stop the others of its batch
        return exc


def _finish(path: str, doc: Document, plan: LintPlan, mode: Mode, unsafe: bool,
            records: tuple | Exception) -> FileResult | FileError:
    """Lint a read and split dump; fix or diff it as ``mode`` says."""
    try:
        if isinstance(records, Exception):
            raise records
        checked = lint_file(doc, plan, records)
        if mode == Mode.CHECK:
            return checked
        result = fix_document(doc, plan, unsafe=unsafe, first=checked)
    except RuleError as exc:
        return FileError(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - a crash is reported, never mistaken for findings (exit 1)
        return FileError(path, f"{doc.path}: newskit failed: {type(exc).__name__}: {exc}")
    if mode == Mode.DIFF:
        # the report (and exit code) is what a check would say; the diff shows what --fix would change
        return dataclasses.replace(checked, fixed=result.fixed, fixed_text=result.fixed_text)
    if result.fixed_text is not None and path != "-":
        try:
            check_writable(path)
        except InputError as exc:
            return FileError(path, str(exc))
        try:
            write_atomic(path, encode(doc, result.fixed_text))
        except (OSError, UnicodeEncodeError) as exc:
            return FileError(path, f"{path}: cannot write the fixed file ({exc})")
    return result


def _work(args: tuple) -> FileResult | FileError:
    return lint_path(*args)


def iter_results(paths: Sequence[str], plan: LintPlan, mode: Mode = Mode.CHECK, unsafe: bool = False,
                 stdin_name: str | None = None, jobs: int = 1,
                 ids: dict[str, str] | None = None) -> Iterator[FileResult | FileError]:
    """Results in input order; with ``jobs > 1`` files are linted in that many worker processes. ``ids``:
    path -> dump id (``newskit.io.dump_ids``)."""
    if jobs <= 1 or len(paths) < 2 or "-" in paths:
        yield from lint_paths([(p, stdin_name, (ids or {}).get(p, "")) for p in paths], plan, mode, unsafe)
        return
    work = [(p, plan, mode, unsafe, stdin_name, (ids or {}).get(p, "")) for p in paths]
    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        yield from pool.map(_work, work, chunksize=1)


def slim(result: FileResult) -> FileResult:
    """The result without the dump's text and records, once its findings have been printed: what the
    summary and the exit code still need (findings, counts) and nothing more."""
    return dataclasses.replace(result, doc=Document.from_text("", path=result.doc.path), articles=(),
                               fixed_text="" if result.fixed_text is not None else None)


def unified_diff(result: FileResult) -> bytes:
    """The change ``--fix`` would make to one file, as a patch ``git apply`` takes (``newskit.io.patch``)."""
    return b"" if result.fixed_text is None else patch(result.doc, result.fixed_text)
