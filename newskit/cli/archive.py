"""``newskit archive``: archives as files — ``export`` turns an SQLite archive into the Spark engine's Parquet one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newskit.cli.common import fail

archive_app = typer.Typer(help="Work with dedupe archives (export an SQLite archive for --engine spark).",
                          no_args_is_help=True)


@archive_app.command("export")
def export_command(
    source: Annotated[Path, typer.Argument(help="An SQLite archive (built with newskit dedupe --add-to).",
                                           show_default=False)],
    dest: Annotated[Path, typer.Argument(help="A new folder for the Parquet archive (--engine spark --against).",
                                         show_default=False)],
    spark_master: Annotated[str, typer.Option("--spark-master", metavar="URL",
                                              help="Spark master that writes the Parquet files.")] = "local[*]",
) -> None:
    """Export an SQLite archive as a Parquet archive that newskit dedupe --engine spark reads and adds to."""
    import sqlite3

    from newskit.dedupe.archive import ArchiveError
    from newskit.dedupe.spark import SparkUnavailable, spark_session
    from newskit.dedupe.spark.archive import ParquetArchiveError, export_sqlite

    try:
        session = spark_session(spark_master)
        dumps, passages = export_sqlite(source, dest, session)
    except (SparkUnavailable, ArchiveError, ParquetArchiveError) as exc:
        fail(str(exc))
    except sqlite3.Error as exc:
        fail(f"{source}: archive error: {exc}")
    print(f"newskit: exported {dumps} dumps ({passages} passages) from {source} to {dest}", file=sys.stderr)
