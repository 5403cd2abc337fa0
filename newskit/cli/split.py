"""``newskit split``: page dumps -> article records."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newskit.cli.common import Paths, RecordFormat, fail, with_progress


def split_command(
    paths: Paths,
    fmt: Annotated[Optional[RecordFormat], typer.Option(
        "--format", "-f", help="Output format (default: table on a terminal, else jsonl).",
        case_sensitive=False)] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Write articles.jsonl and one readable .txt file per record into DIR.",
        metavar="DIR")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option(
        "--stdin-filename", help="Name to report for input read from '-'.")] = None,
) -> None:
    """Split page dumps into clean article records (losslessly: every character lands in one record)."""
    from newskit.io import iter_input_paths, read_document
    from newskit.reporters.articles import WRITERS
    from newskit.split import article_to_record, render_text, safe_filename, split_document

    files = list(iter_input_paths(paths))
    if out is not None and out.exists() and not out.is_dir():
        fail(f"{out}: exists and is not a directory")
    records: list[dict] = []
    for path in with_progress(files, "splitting"):
        doc = read_document(path, stdin_name=stdin_filename)
        records.extend(article_to_record(a) for a in split_document(doc))

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        with open(out / "articles.jsonl", "w", encoding="utf-8") as fh:
            WRITERS["jsonl"](records, fh)
        names: set[str] = set()
        for rec in records:
            name = safe_filename(rec)
            while name in names:  # two dumps with the same stem in different folders
                name = name.replace(".txt", "-dup.txt")
            names.add(name)
            (out / name).write_text(render_text(rec), encoding="utf-8")
        print(f"newskit: wrote {len(records)} records to {out}/articles.jsonl and {len(names)} files",
              file=sys.stderr)
        if fmt is None:
            return
    WRITERS[RecordFormat.default(fmt).value](records, sys.stdout)
