"""``newskit dedupe --engine spark``: the CLI side of the Spark engine (requirements, stdin, bad files, archives)."""

from __future__ import annotations

import sys
from pathlib import Path

from newskit.cli.common import BadFiles, fail


def run_on_spark(files: list[str], settings, *, master: str, against: Path | None, add_to: Path | None,
                 stdin_filename: str | None):
    """The result to print (None when only adding) and how many files could not be read."""
    from newskit.dedupe.spark import SparkUnavailable, check_requirements

    try:
        check_requirements()
    except SparkUnavailable as exc:
        fail(str(exc))
    from newskit.dedupe.spark.archive import ParquetArchive, ParquetArchiveError
    from newskit.dedupe.spark.job import dedupe_files
    from newskit.dedupe.spark.session import spark_session
    from newskit.io import InputError, read_document

    bad = BadFiles()
    stdin_document = None
    if "-" in files:  # only the driver can read standard input: it goes to the job as a Document
        try:
            stdin_document = read_document("-", stdin_name=stdin_filename)
        except InputError as exc:
            bad.report(str(exc))
            files = [f for f in files if f != "-"]
    try:
        check_archive = ParquetArchive.open(against, settings) if against is not None else None
        add_archive = ParquetArchive.open(add_to, settings, create=True) if add_to is not None else None
        archive_settings = (check_archive or add_archive).settings if (check_archive or add_archive) else settings
        session = spark_session(master)
        run = dedupe_files(files, archive_settings, session=session, stdin_document=stdin_document,
                           against=check_archive, add_to=add_archive, compare=add_to is None or against is not None)
    except SparkUnavailable as exc:
        fail(str(exc))
    except ParquetArchiveError as exc:
        fail(str(exc))
    for message in run.errors:
        bad.report(message)
    if run.added is not None:
        report, (dumps, total) = run.added
        print(f"newskit: added {report.dumps_added} dumps ({report.passages_added} passages) to {add_to}"
              f"{f'; {report.dumps_skipped} already archived' if report.dumps_skipped else ''}; "
              f"archive holds {dumps} dumps, {total} passages", file=sys.stderr)
    return run.result, bad.count
