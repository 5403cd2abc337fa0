"""One line per finding: ``path:line:col: CODE [severity] message`` (the shape editors and grep expect)."""

from __future__ import annotations

from typing import TextIO

from newskit.lint.engine import FileResult
from newskit.reporters.base import LintRun, is_fixable, summary_line


def format_finding(f, unsafe: bool = False) -> str:
    """``[*]`` marks a finding ``--fix`` would fix in this run (see ``is_fixable``)."""
    mark = " [*]" if is_fixable(f, unsafe) else ""
    return f"{f.path}:{f.line}:{f.column}: {f.code}{mark} [{f.severity.value}] {f.message}"


def write_result(result: FileResult, out: TextIO, unsafe: bool = False) -> None:
    for f in result.findings:
        out.write(format_finding(f, unsafe) + "\n")


def write(run: LintRun, out: TextIO) -> None:
    for result in run.results:
        write_result(result, out, run.unsafe)
    out.write(summary_line(run) + "\n")
