"""Shared CLI plumbing: one-line errors with exit code 2, exit codes, stderr console."""

from __future__ import annotations

import os
import sys
from enum import IntEnum, StrEnum
from typing import Annotated, NoReturn

import typer


def _exception_classes(name: str) -> tuple[type, ...]:
    """``name`` from typer's vendored click (typer >= 0.17) and from click itself, whichever exist."""
    found = []
    for module in ("typer._click.exceptions", "click.exceptions", "typer.exceptions"):
        try:
            mod = __import__(module, fromlist=[name])
        except ImportError:
            continue
        cls = getattr(mod, name, None)
        if isinstance(cls, type) and cls not in found:
            found.append(cls)
    return tuple(found)


_CLICK_ERROR = _exception_classes("ClickException")
_EXIT = _exception_classes("Exit")
_ABORT = _exception_classes("Abort")


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


#: The PATH... argument every command takes.
Paths = Annotated[list[str], typer.Argument(metavar="PATH", help="Dump files or directories; '-' reads standard input.",
                                            show_default=False)]


def Flag(*names: str, **kw):  # noqa: N802 - used like typer.Option
    """A boolean option whose help shows no ``<bool>`` type: a flag takes no value."""
    return typer.Option(*names, metavar="", **kw)


class RecordFormat(StrEnum):
    """Output formats of the record commands (split, dedupe); a table by default on a terminal."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"

    @classmethod
    def default(cls, chosen: RecordFormat | None) -> RecordFormat:
        return chosen or (cls.TABLE if stdout_is_terminal() else cls.JSONL)


class UsageError(Exception):
    """Bad flags or values: one line on stderr, exit 2."""


def fail(message: str) -> NoReturn:
    """Print one clear line on stderr and exit with code 2."""
    print(f"newskit: error: {message}", file=sys.stderr)
    raise typer.Exit(ExitCode.ERROR)


class _PipeClosed(Exception):
    """Standard output's reader went away (``newskit … | head``)."""


class _GuardedStdout:
    """``sys.stdout`` whose broken pipe surfaces as ``_PipeClosed``: click turns an ``OSError`` with EPIPE into
    exit 1 before ``run_app`` can see it, which would make ``newskit … | head`` look like a failure."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError as exc:
            raise _PipeClosed from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError as exc:
            raise _PipeClosed from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def write_bytes(out, data: bytes) -> None:
    """Write bytes (a patch in its files' own encodings) to a text stream's underlying buffer, in order with
    the text written before; a closed pipe ends the run quietly, as for text."""
    try:
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    except BrokenPipeError as exc:
        raise _PipeClosed from exc


def run_app(app: typer.Typer) -> None:
    """Run the app so that every expected error is one line and exit 2, never a traceback."""
    from newskit.io import InputError

    if sys.stdout is not None and not isinstance(sys.stdout, _GuardedStdout):
        sys.stdout = _GuardedStdout(sys.stdout)
    try:
        # In non-standalone mode click returns the exit code of typer.Exit instead of raising it.
        rc = app(standalone_mode=False)
    except _EXIT as exc:
        sys.exit(getattr(exc, "exit_code", 0))
    except _ABORT:
        print("newskit: aborted", file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    except _CLICK_ERROR as exc:  # usage errors: bad option, bad value, missing argument
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare ``newskit``: help was asked for, in effect
            print(exc.format_message(), file=sys.stderr)
            sys.exit(ExitCode.ERROR)
        msg = " ".join(exc.format_message().split())
        print(f"newskit: error: {msg}", file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    except (InputError, UsageError) as exc:
        print(f"newskit: error: {exc}", file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    except (BrokenPipeError, _PipeClosed):  # ``newskit … | head``: the reader has what it wanted
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.OK)
    except KeyboardInterrupt:
        print("newskit: interrupted", file=sys.stderr)
        sys.exit(130)
    except OSError as exc:  # writing output: permission denied, disk full, …
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"newskit: error: {where}{exc.strerror or exc}", file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("NEWSKIT_DEBUG"):
            raise
        print(f"newskit: internal error: {type(exc).__name__}: {exc} (set NEWSKIT_DEBUG=1 for a traceback)",
              file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    sys.exit(rc if isinstance(rc, int) else ExitCode.OK)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def with_progress(items: list, label: str, *, show: bool = True):
    """Iterate ``items`` with a progress bar on stderr when there are many, stderr is a terminal and ``show``.

    The bar never touches stdout: rich's default redirects ``sys.stdout`` into the live display, which sent
    every finding of ``newskit lint pages/ --format jsonl | wc -l`` to the screen instead of the pipe.
    """
    if not show or len(items) < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True,
                  redirect_stdout=False, redirect_stderr=False) as progress:
        task = progress.add_task(label, total=len(items))
        for item in items:
            yield item
            progress.advance(task)


class BadFiles:
    """Files that could not be read: each is one line on stderr as it happens; the command goes on with the
    rest and exits 2 at the end (``lint``, ``split`` and ``dedupe`` alike)."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, message: str) -> None:
        print(f"newskit: error: {message}", file=sys.stderr)
        self.count += 1

    def read_each(self, files: list[str], label: str, stdin_name: str | None = None, *, show: bool = True,
                  ids: dict[str, str] | None = None):
        """``(path, document)`` for each of ``files`` that can be read, with a progress bar on a terminal;
        ``ids``: path -> dump id (``newskit.io.dump_ids``), which names the records."""
        from newskit.io import InputError, read_document

        for path in with_progress(files, label, show=show):
            try:
                yield path, read_document(path, stdin_name=stdin_name, dump_id=(ids or {}).get(path, ""))
            except InputError as exc:
                self.report(str(exc))

    def exit_if_any(self) -> None:
        if self.count:
            raise typer.Exit(ExitCode.ERROR)
