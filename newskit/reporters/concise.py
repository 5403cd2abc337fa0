"""One line per finding: ``path:line:col: CODE [severity] message`` (the shape editors and grep expect)."""

from __future__ import annotations

from typing import TextIO

from newskit.reporters.base import LintRun, summary_line


def format_finding(f, unsafe: bool = False) -> str:
    """``[*]`` marks a finding ``--fix`` would fix (with ``--unsafe-fixes`` when ``unsafe``)."""
    fixable = f.fix is not None and (unsafe or f.fix.applicability == "safe")
    mark = " [*]" if fixable else ""
    return f"{f.path}:{f.line}:{f.column}: {f.code}{mark} [{f.severity.value}] {f.message}"


def write(run: LintRun, out: TextIO) -> None:
    for f in run.findings():
        out.write(format_finding(f, run.unsafe) + "\n")
    out.write(summary_line(run) + "\n")
