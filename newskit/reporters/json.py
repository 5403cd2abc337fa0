"""Findings as JSON (one array) or JSON Lines (one object a line); fields as in NEWSKIT.md §4."""

from __future__ import annotations

import json
from typing import TextIO

from newskit.lint.engine import FileResult
from newskit.reporters.base import LintRun


def write(run: LintRun, out: TextIO) -> None:
    json.dump([f.to_dict() for f in run.findings()], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_result_lines(result: FileResult, out: TextIO, unsafe: bool = False) -> None:
    for f in result.findings:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")


def write_lines(run: LintRun, out: TextIO) -> None:
    for result in run.results:
        write_result_lines(result, out)
