"""Dedupe results -> table (rich), json, jsonl. Rendering only: results come from newskit.dedupe."""

from __future__ import annotations

import json
from typing import TextIO

from newskit.dedupe.records import DedupeResult, Location

MAX_SHOWN = 72  # characters of matched text shown per row in the table
MAX_OCCURRENCES = 6


def write_jsonl(result: DedupeResult, out: TextIO) -> None:
    """One pair per line, then one line per boilerplate passage."""
    for dup in result.duplicates:
        out.write(json.dumps(dup.to_dict(), ensure_ascii=False) + "\n")
    for boiler in result.boilerplate:
        out.write(json.dumps(boiler.to_dict(), ensure_ascii=False) + "\n")


def write_json(result: DedupeResult, out: TextIO) -> None:
    doc = {
        "summary": summary(result),
        "duplicates": [d.to_dict() for d in result.duplicates],
        "clusters": [c.to_dict() for c in result.clusters],
        "boilerplate": [b.to_dict() for b in result.boilerplate],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def summary(result: DedupeResult) -> dict:
    kinds = {"exact": 0, "near": 0, "contained": 0, "overlap": 0}
    for d in result.duplicates:
        kinds[d.kind] += 1
    return {"passages": result.passages, "archived": result.archived, "pairs": len(result.duplicates),
            **kinds, "clusters": len(result.clusters), "boilerplate": len(result.boilerplate)}


def write_table(result: DedupeResult, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False)
    if result.duplicates:
        table = Table(header_style="bold", show_lines=False, expand=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("relation", no_wrap=True)
        table.add_column("a", no_wrap=True)
        table.add_column("b", no_wrap=True)
        table.add_column("matched text, in b", ratio=1, min_width=24, overflow="fold")
        paths = None
        for dup in result.duplicates:
            if (dup.a.path, dup.b.path) != paths:
                paths = (dup.a.path, dup.b.path)
                header = _path(dup.a) if paths[0] == paths[1] else f"a: {_path(dup.a)}  b: {_path(dup.b)}"
                table.add_section()
                table.add_row("", "", "", "", f"[bold]{header}[/]")
            relation = {"exact": "[red]exact[/]", "near": "[yellow]near[/]",
                        "contained": "[magenta]a ⊂ b[/]", "overlap": "[cyan]a ∩ b[/]"}[dup.kind]
            table.add_row(str(dup.cluster), f"{relation} {dup.score:.2f}", _span(dup.a), _span(dup.b),
                          _highlight(dup.b))
        console.print(table)
    if result.boilerplate:
        table = Table(title="boilerplate (recurs across dumps; not reported as duplicates)",
                      header_style="bold", show_lines=True, expand=False)
        table.add_column("dumps", justify="right", no_wrap=True)
        table.add_column("where", no_wrap=True)
        table.add_column("text", ratio=1, overflow="fold")
        for boiler in result.boilerplate:
            shown = boiler.occurrences[:MAX_OCCURRENCES]
            where = "\n".join(_where(o) for o in shown)
            if len(boiler.occurrences) > len(shown):
                where += f"\n… {len(boiler.occurrences) - len(shown)} more"
            table.add_row(str(boiler.dumps), where, _escape(_clip(boiler.text, MAX_SHOWN)))
        console.print(table)
    s = summary(result)
    archived = f" and {s['archived']} archived" if s["archived"] else ""
    console.print(
        f"{s['pairs']} duplicate pairs ({s['exact']} exact, {s['near']} near, {s['contained']} contained, "
        f"{s['overlap']} overlap) "
        f"in {s['clusters']} clusters among {s['passages']} passages{archived}; "
        f"{s['boilerplate']} boilerplate passages"
    )


def _path(loc: Location) -> str:
    return ("[dim](archive)[/] " if loc.archived else "") + _escape(loc.path)


def _span(loc: Location) -> str:
    span = f"{loc.line}:{loc.column}"
    return span + (f"–{loc.end_column}" if loc.end_line == loc.line else f"–{loc.end_line}:{loc.end_column}")


def _where(loc: Location) -> str:
    return f"{_path(loc)}:{_span(loc)}"


def _highlight(loc: Location) -> str:
    """The excerpt around b's span with the span in bold; long spans keep their start and end."""
    before = loc.excerpt[:loc.excerpt_offset]
    span = loc.excerpt[loc.excerpt_offset:loc.excerpt_offset + len(loc.text)]
    after = loc.excerpt[loc.excerpt_offset + len(loc.text):]
    if len(span) > MAX_SHOWN:
        half = MAX_SHOWN // 2
        span_markup = f"[bold]{_escape(span[:half])}[/][dim]…[/][bold]{_escape(span[-half:])}[/]"
    else:
        span_markup = f"[bold]{_escape(span)}[/]"
    return f"[dim]{_escape(before)}[/]{span_markup}[dim]{_escape(after)}[/]"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


WRITERS = {"table": write_table, "json": write_json, "jsonl": write_jsonl}
