"""The lint output formats and what every findings reporter receives.

Each format is a function ``write(run, out)`` in its own module, imported only when chosen, so
``--format json`` never pays for importing rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TextIO

from newskit.lint.engine import NEWSPAPER_THRESHOLD, FileResult
from newskit.model import Finding, Severity


class OutputFormat(StrEnum):
    TABLE = "table"
    CONCISE = "concise"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    GITHUB = "github"


#: format -> "module:function" writing a LintRun to a text stream
REPORTERS: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "newskit.reporters.table:write",
    OutputFormat.CONCISE: "newskit.reporters.concise:write",
    OutputFormat.JSON: "newskit.reporters.json:write",
    OutputFormat.JSONL: "newskit.reporters.json:write_lines",
    OutputFormat.SARIF: "newskit.reporters.sarif:write",
    OutputFormat.GITHUB: "newskit.reporters.github:write",
}

#: line formats that can print each file as soon as it is linted: "module:function(result, out, unsafe)"
STREAMS: dict[OutputFormat, str] = {
    OutputFormat.CONCISE: "newskit.reporters.concise:write_result",
    OutputFormat.JSONL: "newskit.reporters.json:write_result_lines",
    OutputFormat.GITHUB: "newskit.reporters.github:write_result",
}

#: format -> writer of ``--statistics`` (counts per rule and error rates instead of findings)
STATISTICS: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "newskit.reporters.statistics:write_table",
    OutputFormat.CONCISE: "newskit.reporters.statistics:write_text",
    OutputFormat.JSON: "newskit.reporters.statistics:write_json",
    OutputFormat.JSONL: "newskit.reporters.statistics:write_json_lines",
    OutputFormat.SARIF: "newskit.reporters.statistics:write_text",
    OutputFormat.GITHUB: "newskit.reporters.statistics:write_text",
}


@dataclass(frozen=True)
class LintRun:
    """One ``newskit lint`` invocation's results, in input order."""

    results: tuple[FileResult, ...]
    rules: tuple[type, ...] = ()  # the selected rule classes (SARIF lists them in its tool section)
    fail_on: Severity = Severity.ERROR
    threshold: float = NEWSPAPER_THRESHOLD
    fixing: bool = False  # --fix ran: ``findings`` are what remains
    unsafe: bool = False
    extra: dict = field(default_factory=dict)

    def findings(self) -> Iterator[Finding]:
        for r in self.results:
            yield from r.findings

    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for f in self.findings():
            out[f.severity] += 1
        return out

    def fixable(self) -> int:
        return sum(1 for f in self.findings()
                   if f.fix is not None and (self.unsafe or f.fix.applicability == "safe"))

    def fixed(self) -> int:
        return sum(len(r.fixed) for r in self.results)


Writer = Callable[[LintRun, TextIO], None]


def _load(path: str) -> Writer:
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def get_reporter(fmt: OutputFormat | str) -> Writer:
    return _load(REPORTERS[OutputFormat(fmt)])


def get_stream_reporter(fmt: OutputFormat | str) -> Callable[[FileResult, TextIO, bool], None]:
    return _load(STREAMS[OutputFormat(fmt)])


def get_statistics_reporter(fmt: OutputFormat | str) -> Writer:
    return _load(STATISTICS[OutputFormat(fmt)])


def rule_statistics(run: LintRun) -> list[dict]:
    """Findings per rule, most frequent first (ruff's ``--statistics``)."""
    by_code: dict[str, dict] = {}
    for f in run.findings():
        row = by_code.setdefault(f.code, {"code": f.code, "name": f.name, "severity": f.severity.value,
                                          "count": 0, "fixable": 0})
        row["count"] += 1
        if f.fix is not None:
            row["fixable"] += 1
    return sorted(by_code.values(), key=lambda r: (-r["count"], r["code"]))


def summary_line(run: LintRun) -> str:
    """``Found 3 errors, 1 warning in 2 files (2 fixable with --fix).``"""
    counts = run.counts()
    parts = [f"{n} {s.value}{'' if s == Severity.INFO or n == 1 else 's'}" for s, n in counts.items() if n]
    files = len(run.results)
    where = f"in {files} file{'s' if files != 1 else ''}"
    if not parts:
        text = f"No findings {where}."
    else:
        text = f"Found {', '.join(parts)} {where}."
    if run.fixing:
        text += f" Fixed {run.fixed()}."
    fixable = run.fixable()
    if fixable and not run.fixing:
        text += f" {fixable} fixable with --fix{' --unsafe-fixes' if run.unsafe else ''}."
    return text
