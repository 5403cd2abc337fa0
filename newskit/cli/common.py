"""Shared CLI plumbing: one-line errors with exit code 2, exit codes, stderr console."""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import NoReturn

import click
import typer


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


class UsageError(Exception):
    """Bad flags or values: one line on stderr, exit 2."""


def fail(message: str) -> NoReturn:
    """Print one clear line on stderr and exit with code 2."""
    print(f"newskit: error: {message}", file=sys.stderr)
    raise typer.Exit(ExitCode.ERROR)


def run_app(app: typer.Typer) -> None:
    """Run the app so that every expected error is one line and exit 2, never a traceback."""
    from newskit.io import InputError

    try:
        # In non-standalone mode click returns the exit code of typer.Exit instead of raising it.
        rc = app(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        print("newskit: aborted", file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    except click.ClickException as exc:  # usage errors: bad option, bad value, missing argument
        msg = exc.format_message().replace("\n", " ")
        print(f"newskit: error: {msg}", file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    except (InputError, UsageError) as exc:
        print(f"newskit: error: {exc}", file=sys.stderr)
        sys.exit(ExitCode.ERROR)
    except BrokenPipeError:
        sys.exit(rc if isinstance(rc, int) else ExitCode.OK)
    except KeyboardInterrupt:
        print("newskit: interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(rc if isinstance(rc, int) else ExitCode.OK)
