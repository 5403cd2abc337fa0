"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message`` (one a finding).

GitHub turns them into annotations on the pull request's changed lines. Values are escaped the way the
runner expects (``%``, CR, LF everywhere; ``:`` and ``,`` in properties too).
"""

from __future__ import annotations

from typing import TextIO

from newskit.model import Severity
from newskit.lint.engine import FileResult
from newskit.reporters.base import LintRun

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_finding(f) -> str:
    props = {
        "file": f.path, "line": f.line, "col": f.column, "endLine": f.end_line, "endColumn": f.end_column,
        "title": f"{f.code} {f.name}",
    }
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{LEVELS[f.severity]} {joined}::{escape_data(f'{f.code} {f.message}')}"


def write_result(result: FileResult, out: TextIO, unsafe: bool = False) -> None:
    for f in result.findings:
        out.write(format_finding(f) + "\n")


def write(run: LintRun, out: TextIO) -> None:
    for result in run.results:
        write_result(result, out)
