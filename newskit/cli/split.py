"""``newskit split``: page dumps -> article records."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newskit.cli.common import Flag, BadFiles, Paths, RecordFormat, fail


def split_command(
    paths: Paths,
    fmt: Annotated[Optional[RecordFormat], typer.Option(
        "--format", "-f", help="Output format (default: table on a terminal, else jsonl).",
        case_sensitive=False)] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Write articles.jsonl and one readable .txt file per record into DIR "
                            "(a folder newskit wrote before is replaced, stale files and all).",
        metavar="DIR")] = None,
    force: Annotated[bool, Flag(
        "--force", help="Let --out replace the contents of a folder newskit did not write.")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option(
        "--stdin-filename", help="Name to report for input read from '-'.", metavar="NAME")] = None,
    explain: Annotated[bool, Flag(
        "--explain", help="Print each block's label and the features that decided it, instead of records.")] = False,
) -> None:
    """Split page dumps into clean article records (losslessly: every character lands in one record).

    Record ids come from each file's path relative to the argument it was found under (2020-03-18/A01.txt
    -> newskit:2020-03-18_A01:3), so they are unique within a run. A file that cannot be read is one line
    on stderr; the others are still split and the exit code is 2.
    """
    from newskit.io import InputError, dump_ids, input_files, replace_directory
    from newskit.reporters.articles import WRITERS, record_files
    from newskit.runtime import batched
    from newskit.split import article_to_record, split_many

    files = input_files(paths)
    if out is not None and out.exists() and not out.is_dir():
        fail(f"{out}: exists and is not a directory")
    ids = dump_ids(files, stdin_filename)
    bad = BadFiles()
    if explain:
        from newskit.reporters.explain import write_explanations
        from newskit.split import explain_document

        import shutil

        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        for _, doc in bad.read_each(list(ids), "explaining", stdin_filename, ids=ids):
            write_explanations(doc.path, explain_document(doc), sys.stdout, width)
        bad.exit_if_any()
        return
    records: list[dict] = []
    # a batch of dumps at a time: the split shares a batch's pages out over its threads
    for batch in batched((doc for _, doc in bad.read_each(list(ids), "splitting", stdin_filename, ids=ids)),
                         lambda doc: len(doc.text)):
        for articles, _ in split_many(batch):
            records.extend(article_to_record(article) for article in articles)

    if out is not None:
        written = record_files(records)
        try:
            replace_directory(out, written, force=force)
        except InputError as exc:
            fail(str(exc))
        print(f"newskit: wrote {len(records)} records to {out}/articles.jsonl and {len(written) - 1} files",
              file=sys.stderr)
    if out is None or fmt is not None:
        WRITERS[RecordFormat.default(fmt).value](records, sys.stdout)
    bad.exit_if_any()
