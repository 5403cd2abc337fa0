"""The terminal report: one rich table per article (headline as its title), the flagged span highlighted and
centred in each excerpt, repeated findings of one rule folded into one row (count + lines), then per file the
findings by severity and the estimated error rate per article and page, and for several files one table of
error rates per page. Messages wrap, never truncate; every table is laid out for 80 columns and up."""

from __future__ import annotations

from typing import TextIO

from newskit.lint.engine import FileResult, Rate, RateSummary, error_rates
from newskit.model import Article, Finding, Severity
from newskit.reporters.base import LintRun, is_fixable, summary_line

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
HIGHLIGHT = "bold reverse"
HEADLINE_WIDTH = 36
#: lines listed in a folded row before "…"
LINES_SHOWN = 6


def _title(article: Article | None, uri: str | None, run: LintRun) -> str:
    if article is None:
        return "(page)" if uri is None else uri
    head = article.headline
    if not head and article.body:
        head = article.body[0].text[:HEADLINE_WIDTH // 2] + "…"
    if len(head) > HEADLINE_WIDTH:
        head = head[:HEADLINE_WIDTH - 1] + "…"
    kind = "" if article.kind == "article" else f" [{article.kind}]"
    lines = run.say("lines", first=article.line_start, last=article.line_end)
    return f"{head or article.id}{kind}  ({lines})"


def excerpt_text(f: Finding, cells: int | None = None):
    """The excerpt with the flagged span highlighted (``⏎`` stands for a line end inside it); with ``cells``,
    cut to about that many terminal cells around the span so the span is always in view."""
    from rich.cells import cell_len
    from rich.text import Text

    excerpt, start = f.excerpt, f.excerpt_offset
    if not 0 <= start < len(excerpt):
        return Text(excerpt)
    end = start + max(1, min(f.end - f.start, len(excerpt) - start))
    lo, hi = start, end
    if cells is not None:
        budget = max(cells - 2, cell_len(excerpt[start:end]))  # two cells for the "…" marks
        width = cell_len(excerpt[lo:hi])
        grew = True
        while grew:  # grow one character each side in turn, keeping the span in the middle
            grew = False
            if lo > 0 and width + cell_len(excerpt[lo - 1]) <= budget:
                lo -= 1
                width += cell_len(excerpt[lo])
                grew = True
            if hi < len(excerpt) and width + cell_len(excerpt[hi]) <= budget:
                width += cell_len(excerpt[hi])
                hi += 1
                grew = True
    else:
        lo, hi = 0, len(excerpt)
    text = Text(("…" if lo else "") + excerpt[lo:hi] + ("…" if hi < len(excerpt) else ""))
    shift = 1 if lo else 0
    text.stylize(HIGHLIGHT, start - lo + shift, end - lo + shift)
    return text


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:LINES_SHOWN])
    return shown + (", …" if len(lines) > LINES_SHOWN else "")


def fold(findings: list[Finding]) -> list[list[Finding]]:
    """Findings of one rule with one message in one article, as one group each, in order of first line."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.code, f.message), []).append(f)
    return list(groups.values())


def _findings_table(findings: list[Finding], title: str, run: LintRun, width: int):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, expand=True)
    # excerpt: about a third of the line, never less than 16 cells; the message takes what is left, wrapped
    excerpt_cells = max(16, (width - 24) // 3)
    table.add_column(run.say("code"), no_wrap=True)
    table.add_column(run.say("where"), justify="right", overflow="fold", max_width=max(10, width // 6))
    table.add_column(run.say("message"), overflow="fold", ratio=1)
    table.add_column(run.say("excerpt"), no_wrap=True, width=excerpt_cells)
    for group in fold(findings):
        f = group[0]
        code = Text(f.code + (" [*]" if is_fixable(f, run.unsafe) else ""), style=SEVERITY_STYLE[f.severity])
        if len(group) == 1:
            where = f"{f.line}:{f.column}"
        else:
            where = run.say("times", n=len(group), lines=_lines(sorted({g.line for g in group})))
        table.add_row(code, where, Text(f.message), excerpt_text(f, excerpt_cells))
    return table


def rates_table(rates: RateSummary, *, all_articles: bool = False, lang: str = "en"):
    """Errors per 10,000 characters, per article and for the page, against the newspaper threshold."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from newskit.reporters.base import say

    table = Table(title=say(lang, "rates_title", threshold=f"{rates.threshold:g}"),
                  title_justify="left", title_style="dim", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name, kw in (("record", {"ratio": 3, "overflow": "fold"}), ("chars", {"justify": "right"}),
                     ("errors", {"justify": "right"}), ("rate", {"justify": "right"}), ("", {})):
        table.add_column(say(lang, name) if name else "", **kw)

    def row(label: str, rate: Rate, style: str = "") -> None:
        table.add_row(Text(label, style=style), f"{rate.chars:,}", str(rate.errors), rate_text(rate, lang),
                      verdict(rate, rates.threshold, lang))

    for rate in rates.articles:
        if rate.chars and (all_articles or rate.errors or rate.kind == "article"):
            head = rate.headline or (rate.uri or "").rsplit(":", 1)[-1]
            if len(head) > HEADLINE_WIDTH:
                head = head[:HEADLINE_WIDTH - 1] + "…"
            row(head if rate.kind == "article" else f"{head} [{rate.kind}]", rate)
    row(say(lang, "page"), rates.page, "bold")
    return table


def rate_text(rate: Rate, lang: str) -> str:
    """``2.3`` (per 10,000) or, for a Chinese desk, ``万分之 2.3``."""
    from newskit.reporters.base import say

    return say(lang, "rate_value", rate=f"{rate.rate:.1f}")


def verdict(rate: Rate, threshold: float, lang: str):
    from rich.text import Text

    from newskit.reporters.base import say

    ok = rate.passes(threshold)
    return Text(say(lang, "pass" if ok else "over"), style="green" if ok else "bold red")


def pages_table(run: LintRun):
    """One row per page: characters, errors, error rate and pass/over — the end of a multi-file run."""
    from rich import box
    from rich.table import Table

    limit = run.max_error_rate if run.max_error_rate is not None else run.threshold
    table = Table(title=run.say("pages_title"), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for name, kw in (("file", {"overflow": "fold", "ratio": 1}), ("chars", {"justify": "right"}),
                     ("errors", {"justify": "right"}), ("rate", {"justify": "right"}), ("", {})):
        table.add_column(run.say(name) if name else "", **kw)
    for result in run.results:
        page = run.page_rate(result)
        table.add_row(result.doc.path, f"{page.chars:,}", str(page.errors), rate_text(page, run.lang),
                      verdict(page, limit, run.lang))
    return table


def _file(console, result: FileResult, run: LintRun) -> None:
    from rich.rule import Rule as Ruler

    console.print(Ruler(result.doc.path, align="left", style="dim"))
    by_uri = {a.uri: a for a in result.articles}
    groups: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(f.article, []).append(f)
    for uri, findings in groups.items():
        console.print(_findings_table(findings, _title(by_uri.get(uri), uri, run), run, console.width))
        console.print()
    counts = {s: 0 for s in Severity}
    for f in result.findings:
        counts[f.severity] += 1
    parts = [f"[{SEVERITY_STYLE[s]}]{n} {run.say(s.value)}[/]" for s, n in counts.items()]
    fixed = run.say("fixed", n=len(result.fixed)) if run.fixing else ""
    ignored = run.say("ignored", n=result.ignored) if result.ignored else ""
    console.print(run.say("counts", path=result.doc.path, counts=run.say("list").join(parts), fixed=fixed,
                          ignored=ignored),
                  highlight=False)
    console.print(rates_table(error_rates(result, run.threshold), lang=run.lang))


def write(run: LintRun, out: TextIO) -> None:
    from rich.console import Console

    console = Console(file=out, highlight=False)
    for result in run.results:
        _file(console, result, run)
    if len(run.results) > 1:
        console.print(pages_table(run))
    if run.extra.get("quiet"):  # -q: the findings and rates, no legend or summary line
        return
    if run.fixable() and not run.fixing:
        console.print(run.say("fix_legend"), style="dim", highlight=False)
    console.print(summary_line(run), highlight=False)
