"""Split records -> table (rich), json, jsonl. Rendering only: records come from newskit.split."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import TextIO


def write_jsonl(records: Iterable[dict], out: TextIO) -> None:
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def write_json(records: Iterable[dict], out: TextIO) -> None:
    json.dump(list(records), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_table(records: Iterable[dict], out: TextIO) -> None:
    """One table per dump (its path as the title); headlines and bylines wrap, never truncate, so a whole
    headline is readable at 80 columns."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out)
    records = list(records)
    by_path: dict[str, list[dict]] = {}
    for rec in records:
        by_path.setdefault(rec["source"]["path"], []).append(rec)
    for path, recs in by_path.items():
        table = Table(title=_escape(path), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                      show_edge=False, pad_edge=False, header_style="bold", expand=True)
        for name, kw in (("lines", {"justify": "right", "no_wrap": True}), ("kind", {"no_wrap": True}),
                         ("headline", {"ratio": 3, "overflow": "fold"}), ("byline", {"ratio": 2, "overflow": "fold"}),
                         ("date", {"no_wrap": True}), ("paras", {"justify": "right", "no_wrap": True})):
            table.add_column(name, **kw)
        for rec in recs:
            src = rec["source"]
            head = next((h["value"] for h in rec["headlines"] if h["role"] == "main"), "")
            if not head and rec["body"]:
                head = "[dim]" + _escape(rec["body"][0][:24]) + "…[/]"
            else:
                head = _escape(head)
            if rec["continued"]:
                head += " [yellow](continued)[/]"
            date = rec["dateline"] or {}
            kind = rec["kind"] if rec["kind"] == "article" else f"[cyan]{rec['kind']}[/]"
            table.add_row(f"{src['line_start']}–{src['line_end']}", kind, head, _escape(rec["by"] or ""),
                          date.get("date") or date.get("text") or "", str(len(rec["body"])))
        console.print(table)
    kinds: dict[str, int] = {}
    for rec in records:
        kinds[rec["kind"]] = kinds.get(rec["kind"], 0) + 1
    joins = sum(len(r["joins"]) for r in records)
    summary = ", ".join(f"{n} {k}" for k, n in kinds.items())
    console.print(f"{len(records)} records ({summary}); {joins} broken paragraphs rejoined")


def record_filename(record: dict) -> str:
    """``<id>-<first line>-<kind>.txt`` from the record id only, never from headline text; the id keeps CJK
    characters and never starts with ``-`` or holds a path separator (see ``newskit.io.dump_ids``)."""
    stem = record["uri"].split(":", 1)[-1].rsplit(":", 1)[0]
    return f"{stem}-{record['source']['line_start']:05d}-{record['kind']}.txt"


def record_files(records: list[dict]) -> dict[str, bytes]:
    """The files of ``split --out``: articles.jsonl and one readable text file per record."""
    from newskit.split import render_text

    lines = io.StringIO()
    write_jsonl(records, lines)
    files = {"articles.jsonl": lines.getvalue().encode("utf-8")}
    for record in records:
        name, n = record_filename(record), 1
        while name in files:  # two records of one dump starting on one line (interleaved articles)
            n += 1
            name = record_filename(record).replace(".txt", f"-{n}.txt")
        files[name] = render_text(record).encode("utf-8")
    return files


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


WRITERS = {"jsonl": write_jsonl, "json": write_json, "table": write_table}
