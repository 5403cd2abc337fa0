"""``newskit dedupe``: duplicated, near-duplicated, contained and overlapping passages, within dumps and against an archive."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from enum import StrEnum
from typing import Annotated, Optional

import typer

from newskit.cli.common import BadFiles, ExitCode, Paths, RecordFormat, fail


class Engine(StrEnum):
    EMBEDDED = "embedded"
    SPARK = "spark"


def dedupe_command(
    paths: Paths,
    against: Annotated[Optional[Path], typer.Option(
        "--against", help="Also check the dumps against this archive (SQLite; with --engine spark, a Parquet "
                               "directory).", metavar="ARCHIVE")] = None,
    add_to: Annotated[Optional[Path], typer.Option(
        "--add-to", help="Add the dumps to this archive (created if missing). Alone, it only adds; "
                         "with --against, it checks first, then adds.", metavar="ARCHIVE")] = None,
    fmt: Annotated[Optional[RecordFormat], typer.Option(
        "--format", "-f", help="Output format (default: table on a terminal, else jsonl).",
        case_sensitive=False)] = None,
    min_chars: Annotated[int, typer.Option(
        "--min-chars", min=1, help="Skip paragraphs with fewer letters and digits (punctuation and "
                                   "spaces not counted).")] = 15,
    threshold: Annotated[float, typer.Option(
        "--threshold", help="Similarity (0-1] a pair needs: whole-text for near, of the aligned spans for "
                            "contained and overlap.",
    )] = 0.9,
    min_overlap: Annotated[Optional[int], typer.Option(
        "--min-overlap", min=0, help="Letters and digits two passages cut differently must share to be an "
                                     "overlap (default 40, or --min-chars if more; 0: no overlaps).")] = None,
    boilerplate_min_dumps: Annotated[int, typer.Option(
        "--boilerplate-min-dumps", min=0, help="Boilerplate recurs in at least this many distinct dumps "
                                               "(0: never boilerplate).")] = 5,
    boilerplate_share: Annotated[float, typer.Option(
        "--boilerplate-share", min=0.0, max=1.0, help="… and in at least this share of all dumps (both "
                                                      "hold); it is listed once and does not set exit 1.")] = 0.2,
    ngram: Annotated[Optional[int], typer.Option(
        "--ngram", min=2, max=32, help="Characters per n-gram (default: 7); an archive keeps the size it "
                                       "was built with.")] = None,
    max_df: Annotated[int, typer.Option(
        "--max-df", min=2, help="Ignore n-grams found in more passages than this (stock phrases).")] = 50,
    stdin_filename: Annotated[Optional[str], typer.Option(
        "--stdin-filename", help="Name to report for input read from '-'.", metavar="NAME")] = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", case_sensitive=False, help="embedded: this process; spark: a Spark job (pip install "
                                               "'newskit[spark]' and Java), same results, archives are "
                                               "Parquet directories.")] = Engine.EMBEDDED,
    spark_master: Annotated[str, typer.Option(
        "--spark-master", metavar="URL", help="Spark master for --engine spark (local[*], spark://host:7077, "
                                              "yarn, …); input paths must be readable by every executor.")]
    = "local[*]",
) -> None:
    """Find paragraphs printed twice, pasted from an earlier issue, reprinted with small edits or cut differently.

    Exit code 0: no duplicates; 1: duplicates found; 2: bad input or usage.
    """
    from newskit.dedupe import DedupeSettings, article_passages, run
    from newskit.dedupe.archive import Archive, ArchiveError, check
    from newskit.io import input_ids
    from newskit.split import split_document

    if not 0 < threshold <= 1:
        fail(f"--threshold must be greater than 0 and at most 1, not {threshold}")
    settings = DedupeSettings(min_chars=min_chars, threshold=threshold, ngram=ngram, max_df=max_df,
                              min_overlap=min_overlap, boilerplate_min_dumps=boilerplate_min_dumps,
                              boilerplate_share=boilerplate_share)
    ids = input_ids(paths, stdin_name=stdin_filename)  # the records' ids, as split names them
    if engine is Engine.SPARK:
        from newskit.cli.dedupe_spark import run_on_spark

        result, bad_files = run_on_spark(list(ids), settings, master=spark_master, against=against, add_to=add_to,
                                         stdin_filename=stdin_filename)
        _write(result, fmt, bad_files)
    bad = BadFiles()  # a bad file is reported and skipped; the rest are still compared; exit 2 at the end
    passages = []
    for _, doc in bad.read_each(list(ids), "reading", stdin_filename, ids=ids):
        passages.extend(article_passages(doc, split_document(doc)))

    result = None
    try:
        if against is not None:
            with Archive.open(against, settings) as archive:
                result = check(passages, archive)
        elif add_to is None:
            result = run(passages, settings)
        if add_to is not None:
            with Archive.open(add_to, settings, create=True) as archive:
                report = archive.add(passages)
                dumps, total = archive.count()
            print(f"newskit: added {report.dumps_added} dumps ({report.passages_added} passages) to {add_to}"
                  f"{f'; {report.dumps_skipped} already archived' if report.dumps_skipped else ''}; "
                  f"archive holds {dumps} dumps, {total} passages", file=sys.stderr)
    except ArchiveError as exc:
        fail(str(exc))
    except sqlite3.Error as exc:  # locked, read-only or damaged database file
        fail(f"{against if add_to is None else add_to}: archive error: {exc}")

    _write(result, fmt, bad.count)


def _write(result, fmt: RecordFormat | None, bad_files: int = 0) -> None:
    """Print the result (None: nothing to print, only added) and exit: 2 if a file was bad, else 1 on
    duplicates, else 0."""
    from newskit.reporters.duplicates import WRITERS

    if result is not None:
        WRITERS[RecordFormat.default(fmt).value](result, sys.stdout)
    if bad_files:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.FINDINGS if result is not None and result.found else ExitCode.OK)
