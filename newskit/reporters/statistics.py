"""``--statistics``: findings counted per rule, and the estimated error rate per file and article."""

from __future__ import annotations

import json
from typing import TextIO

from newskit.lint.engine import Rate, error_rates
from newskit.reporters.base import LintRun, rule_statistics


def _rate(rate: Rate, threshold: float) -> dict:
    return {"chars": rate.chars, "errors": rate.errors, "rate": round(rate.rate, 2),
            "passes": rate.passes(threshold)}


def page_rates(run: LintRun) -> list[dict]:
    """Per file: ``error_rate`` (errors per 10,000 characters), ``errors``, ``characters`` and the verdict
    against the newspaper threshold and, when set, the ``--max-error-rate`` gate."""
    rows = []
    for result in run.results:
        page = run.page_rate(result)
        row = {"path": result.doc.path, "error_rate": round(page.rate, 2), "errors": page.errors,
               "characters": page.chars, "passes": page.passes(run.threshold)}
        if run.max_error_rate is not None:
            row["over_max_error_rate"] = page.rate > run.max_error_rate
        rows.append(row)
    return rows


def build(run: LintRun) -> dict:
    files = []
    for result, page in zip(run.results, page_rates(run)):
        rates = error_rates(result, run.threshold)
        files.append({
            **page,
            **_rate(rates.page, run.threshold),
            "articles": [
                {"article": r.uri, "headline": r.headline, "kind": r.kind, **_rate(r, run.threshold)}
                for r in rates.articles if r.chars
            ],
        })
    return {"threshold": run.threshold, "max_error_rate": run.max_error_rate,
            "unit": "errors per 10,000 non-space characters",
            "rules": rule_statistics(run), "files": files}


def write_json(run: LintRun, out: TextIO) -> None:
    json.dump(build(run), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_json_lines(run: LintRun, out: TextIO) -> None:
    data = build(run)
    for row in data["rules"]:
        out.write(json.dumps({"type": "rule", **row}, ensure_ascii=False) + "\n")
    for row in data["files"]:
        out.write(json.dumps({"type": "file", "threshold": data["threshold"], **row}, ensure_ascii=False) + "\n")


def write_text(run: LintRun, out: TextIO) -> None:
    for row in rule_statistics(run):
        mark = "[*]" if row["fixable"] else "   "
        out.write(f"{row['count']:>6}\t{row['code']}\t{mark} {row['name']} ({row['severity']})\n")
    for result in run.results:
        page = run.page_rate(result)
        verdict = "pass" if page.passes(run.threshold) else "over"
        out.write(f"{result.doc.path}: {page.rate:.1f} errors per 10,000 characters "
                  f"({page.errors} in {page.chars:,}; {verdict} at {run.threshold:g})\n")


def write_table(run: LintRun, out: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from newskit.reporters.table import pages_table, rates_table

    console = Console(file=out, highlight=False)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title=run.say("rules_title"),
                  title_justify="left", title_style="bold")
    for name, kw in (("count", {"justify": "right"}), ("code", {}), ("name", {"overflow": "fold"}),
                     ("severity", {}), ("fixable", {"justify": "right"})):
        table.add_column(run.say(name), **kw)
    for row in rule_statistics(run):
        table.add_row(str(row["count"]), row["code"], row["name"], row["severity"], str(row["fixable"]))
    console.print(table)
    for result in run.results:
        console.print(f"[bold]{result.doc.path}[/]")
        console.print(rates_table(error_rates(result, run.threshold), all_articles=True, lang=run.lang))
    if len(run.results) > 1:
        console.print(pages_table(run))
