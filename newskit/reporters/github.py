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


def write_step_summary(run: LintRun, out: TextIO) -> None:
    """A markdown table of pages and error rates for ``$GITHUB_STEP_SUMMARY`` (shown on the run's page)."""
    from newskit.reporters.statistics import page_rates

    limit = run.max_error_rate if run.max_error_rate is not None else run.threshold
    out.write(f"### newskit lint: error rate per page (pass ≤ {limit:g} per 10,000 characters)\n\n")
    out.write("| page | characters | errors | per 10,000 | |\n|---|---:|---:|---:|---|\n")
    for row in page_rates(run):
        ok = row["error_rate"] <= limit
        path = row["path"].replace("|", "\\|")
        out.write(f"| `{path}` | {row['characters']:,} | {row['errors']} | {row['error_rate']:.1f} | "
                  f"{'pass' if ok else '**over**'} |\n")
    out.write("\n")
