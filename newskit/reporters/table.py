"""The terminal report: one rich table per article (headline as its title), the flagged span highlighted in
each excerpt, then per file the findings by severity and the estimated error rate per article and page."""

from __future__ import annotations

from typing import TextIO

from newskit.lint.engine import FileResult, RateSummary, error_rates
from newskit.model import Article, Finding, Severity
from newskit.reporters.base import LintRun, summary_line

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
HIGHLIGHT = "bold reverse"
HEADLINE_WIDTH = 36


def _title(article: Article | None, uri: str | None) -> str:
    if article is None:
        return "(page)" if uri is None else uri
    head = article.headline
    if not head and article.body:
        head = article.body[0].text[:HEADLINE_WIDTH // 2] + "…"
    if len(head) > HEADLINE_WIDTH:
        head = head[:HEADLINE_WIDTH - 1] + "…"
    kind = "" if article.kind == "article" else f" [{article.kind}]"
    return f"{head or article.id}{kind}  (lines {article.line_start}–{article.line_end})"


def excerpt_text(f: Finding):
    """The excerpt with the flagged span highlighted (``⏎`` stands for a line end inside it)."""
    from rich.text import Text

    text = Text(f.excerpt, no_wrap=False)
    start = f.excerpt_offset
    length = max(1, min(f.end - f.start, len(f.excerpt) - start))
    if 0 <= start < len(f.excerpt):
        text.stylize(HIGHLIGHT, start, start + length)
    return text


def _findings_table(findings: list[Finding], title: str):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, expand=False)
    table.add_column("code", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("line:col", justify="right", no_wrap=True)
    table.add_column("message", ratio=3)
    table.add_column("excerpt", ratio=2)
    for f in findings:
        code = Text(f.code + (" *" if f.fix is not None else ""))
        table.add_row(code, Text(f.severity.value, style=SEVERITY_STYLE[f.severity]), f"{f.line}:{f.column}",
                      Text(f.message), excerpt_text(f))
    return table


def rates_table(rates: RateSummary, *, all_articles: bool = False):
    """Errors per 10,000 characters, per article and for the page, against the newspaper threshold."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"estimated error rate (errors per 10,000 characters; pass ≤ {rates.threshold:g})",
                  title_justify="left", title_style="dim", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name, kw in (("record", {"ratio": 3}), ("chars", {"justify": "right"}), ("errors", {"justify": "right"}),
                     ("per 10,000", {"justify": "right"}), ("", {})):
        table.add_column(name, **kw)

    def row(label: str, rate, style: str = "") -> None:
        ok = rate.passes(rates.threshold)
        verdict = Text("pass" if ok else "over", style="green" if ok else "bold red")
        table.add_row(Text(label, style=style), f"{rate.chars:,}", str(rate.errors), f"{rate.rate:.1f}", verdict)

    for rate in rates.articles:
        if rate.chars and (all_articles or rate.errors or rate.kind == "article"):
            head = rate.headline or (rate.uri or "").rsplit(":", 1)[-1]
            if len(head) > HEADLINE_WIDTH:
                head = head[:HEADLINE_WIDTH - 1] + "…"
            row(head if rate.kind == "article" else f"{head} [{rate.kind}]", rate)
    row("page", rates.page, "bold")
    return table


def _file(console, result: FileResult, run: LintRun) -> None:
    from rich.rule import Rule as Ruler

    console.print(Ruler(result.doc.path, align="left", style="dim"))
    by_uri = {a.uri: a for a in result.articles}
    groups: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(f.article, []).append(f)
    for uri, findings in groups.items():
        console.print(_findings_table(findings, _title(by_uri.get(uri), uri)))
        console.print()
    counts = {s: 0 for s in Severity}
    for f in result.findings:
        counts[f.severity] += 1
    parts = [f"[{SEVERITY_STYLE[s]}]{n} {s.value}[/]" for s, n in counts.items()]
    fixed = f", {len(result.fixed)} fixed" if run.fixing else ""
    ignored = f", {result.ignored} ignored by config" if result.ignored else ""
    console.print(f"{result.doc.path}: {', '.join(parts)}{fixed}{ignored}", highlight=False)
    console.print(rates_table(error_rates(result, run.threshold)))


def write(run: LintRun, out: TextIO) -> None:
    from rich.console import Console

    console = Console(file=out, highlight=False)
    for result in run.results:
        _file(console, result, run)
    console.print(summary_line(run), highlight=False)
