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
    OutputFormat.SARIF: "newskit.reporters.sarif:write",  # the counts and rates ride in run properties
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
    lang: str = "en"  # headings and summaries of the terminal formats ("en" | "zh")
    max_error_rate: float | None = None  # the page gate (--max-error-rate), when one is set
    page_rates: dict = field(default_factory=dict)  # path -> page Rate, counted before results were slimmed
    extra: dict = field(default_factory=dict)

    def say(self, key: str, **values: object) -> str:
        return say(self.lang, key, **values)

    def findings(self) -> Iterator[Finding]:
        for r in self.results:
            yield from r.findings

    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for f in self.findings():
            out[f.severity] += 1
        return out

    def page_rate(self, result: FileResult):
        """The page's error rate (kept from before the result's text was dropped when streaming)."""
        from newskit.lint.engine import error_rates

        return self.page_rates.get(result.doc.path) or error_rates(result, self.threshold).page

    def fixable(self) -> int:
        return sum(1 for f in self.findings() if is_fixable(f, self.unsafe))

    def fixed(self) -> int:
        return sum(len(r.fixed) for r in self.results)


#: Headings of the terminal reports, (English, 中文): a Chinese copy desk reads the tables in Chinese.
HEADINGS: dict[str, tuple[str, str]] = {
    "code": ("code", "规则"), "severity": ("severity", "级别"), "where": ("line:col", "行:列"),
    "message": ("message", "说明"), "excerpt": ("excerpt", "原文"), "page": ("page", "全版"),
    "file": ("page", "版面"), "lines": ("lines {first}–{last}", "第 {first}–{last} 行"), "list": (", ", "，"),
    "record": ("record", "稿件"), "chars": ("chars", "字数"), "errors": ("errors", "差错"),
    "rate": ("per 10,000", "差错率"), "pass": ("pass", "合格"), "over": ("over", "超标"),
    "times": ("×{n} lines {lines}", "{n} 处，第 {lines} 行"),
    "rates_title": ("estimated error rate (errors per 10,000 characters; pass ≤ {threshold})",
                    "估算差错率（每万字差错数；合格线 万分之 {threshold}）"),
    "pages_title": ("error rate per page", "各版差错率"),
    "rate_value": ("{rate}", "万分之 {rate}"),
    "counts": ("{path}: {counts}{fixed}{ignored}", "{path}：{counts}{fixed}{ignored}"),
    "fixed": (", {n} fixed", "，已修正 {n} 处"), "ignored": (", {n} ignored by config", "，按配置忽略 {n} 处"),
    "error": ("error", "错误"), "warning": ("warning", "警告"), "info": ("info", "提示"),
    "fix_legend": ("[*] fixable: --fix repairs it in this run (a safe fix; with --unsafe-fixes, unsafe ones too)",
                   "[*] 可修正：本次 --fix 会自动改正（安全修正；加 --unsafe-fixes 时也包括不安全修正）"),
    "rules_title": ("findings per rule", "各规则发现数"), "count": ("count", "数量"), "name": ("name", "名称"),
    "fixable": ("fixable", "可修正"),
}


def say(lang: str, key: str, **values: object) -> str:
    english, chinese = HEADINGS[key]
    return (chinese if lang == "zh" else english).format(**values)


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


def is_fixable(f: Finding, unsafe: bool = False) -> bool:
    """What the fixable mark ``[*]`` means everywhere (table, concise, statistics):
    ``--fix`` repairs this finding in this run — a safe fix, or an unsafe one with ``--unsafe-fixes``."""
    return f.fix is not None and (unsafe or f.fix.applicability == "safe")


def rule_statistics(run: LintRun) -> list[dict]:
    """Findings per rule, most frequent first (ruff's ``--statistics``)."""
    by_code: dict[str, dict] = {}
    for f in run.findings():
        row = by_code.setdefault(f.code, {"code": f.code, "name": f.name, "severity": f.severity.value,
                                          "count": 0, "fixable": 0})
        row["count"] += 1
        if is_fixable(f, run.unsafe):
            row["fixable"] += 1
    return sorted(by_code.values(), key=lambda r: (-r["count"], r["code"]))


def summary_line(run: LintRun) -> str:
    """``Found 3 errors, 1 warning in 2 files. 2 fixable with --fix (marked [*]).``"""
    counts = run.counts()
    if run.lang == "zh":
        return _summary_zh(run, counts)
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
        text += f" {fixable} fixable with --fix{' --unsafe-fixes' if run.unsafe else ''} (marked [*])."
    return text


def _summary_zh(run: LintRun, counts: dict[Severity, int]) -> str:
    parts = [f"{n} 处{say('zh', s.value)}" for s, n in counts.items() if n]
    files = f"{len(run.results)} 个文件"
    text = f"{files}中共发现 {'、'.join(parts)}。" if parts else f"{files}中未发现问题。"
    if run.fixing:
        text += f"已修正 {run.fixed()} 处。"
    fixable = run.fixable()
    if fixable and not run.fixing:
        text += f"其中 {fixable} 处可用 --fix{' --unsafe-fixes' if run.unsafe else ''} 自动修正（标 [*]）。"
    return text
