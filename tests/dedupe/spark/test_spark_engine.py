"""The Spark engine against the embedded one, for real in local[2]: same pairs, clusters and boilerplate.

Few tests, one shared session: each Spark job costs seconds. Every comparison is the whole JSON the CLI
prints, so a pair, a span, a score, a cluster number or the order of anything that differs fails it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newskit.dedupe import DedupeSettings, Relation, article_passages, run
from newskit.io import read_document
from newskit.reporters.duplicates import write_json
from newskit.split import split_document

from . import realshaped

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def passages_of(files):
    out = []
    for path in files:
        doc = read_document(path)
        out.extend(article_passages(doc, split_document(doc)))
    return out


def as_json(result) -> dict:
    buf = io.StringIO()
    write_json(result, buf)
    return json.loads(buf.getvalue())


def spark_run(spark, files, settings, **kw):
    from newskit.dedupe.spark.job import dedupe_files

    return dedupe_files([str(f) for f in files], settings, session=spark, **kw)


def test_seeds_and_reprints_give_the_embedded_json(spark, tmp_path):
    """All five seeds, seed 000 and 001 reprinted in other files: the 建行 case (000:29 printed inside 27, its
    fragment 000:31) and the reprints, byte for byte the embedded engine's output."""
    files = sorted(SEEDS.glob("*.txt"))
    for name in ("000", "001"):
        (copy,) = SEEDS.glob(f"{name}_*.txt")
        (tmp_path / f"reprint-{name}.txt").write_text(copy.read_text(encoding="utf-8"), encoding="utf-8")
    files += sorted(tmp_path.glob("*.txt"))
    settings = DedupeSettings()
    embedded = as_json(run(passages_of(files), settings))
    got = spark_run(spark, files, settings)
    assert got.errors == []
    assert as_json(got.result) == embedded
    inner = {(Path(d.a.path).name[:3], d.a.line): d for d in got.result.duplicates
             if d.relation is Relation.CONTAINED and d.a.path == d.b.path}
    assert inner[("000", 29)].b.line == 27 and inner[("000", 31)].b.line == 27
    assert inner[("000", 31)].b.text == "市农业农村局相关负责人介绍，协议签订"
    assert embedded["summary"]["exact"] >= 20  # the reprints


def test_real_shaped_paragraphs_with_planted_copies(spark, tmp_path):
    """3,000 paragraphs drawn from the seeds' character model in 30 files, with exact, near, contained and
    overlap copies planted across files; a low --max-df makes the stock-phrase cut drop many n-grams."""
    planted = realshaped.build(tmp_path, files=30, per_file=100)
    files = sorted(tmp_path.glob("*.txt"))
    for settings in (DedupeSettings(), DedupeSettings(max_df=5, min_chars=20)):
        embedded = as_json(run(passages_of(files), settings))
        got = as_json(spark_run(spark, files, settings).result)
        assert got["duplicates"] == embedded["duplicates"]
        assert got["clusters"] == embedded["clusters"]
        assert got == embedded
    summary = embedded["summary"]
    assert summary["passages"] >= 3000
    for kind, count in planted.items():  # every kind planted is found (a check that the run compared anything)
        assert count >= 10 and summary[kind] >= count // 2, (kind, summary)


def test_parquet_archive_answers_as_the_sqlite_one(spark, tmp_path):
    """--add-to then --against: an archive the Spark engine built, and one exported from SQLite, give the
    embedded check's JSON; adding the same dumps again adds nothing."""
    from newskit.dedupe.archive import Archive, check
    from newskit.dedupe.spark.archive import ParquetArchive, export_sqlite

    realshaped.build(tmp_path, files=12, per_file=40, seed=5)
    pages = sorted(tmp_path.glob("*.txt"))
    old, new = pages[:8], pages[8:] + [pages[0]]  # page000 again: its own archived dump is not compared
    settings = DedupeSettings()
    with Archive.open(tmp_path / "a.db", settings, create=True) as db:
        db.add(passages_of(old))
    with Archive.open(tmp_path / "a.db", settings) as db:
        embedded = as_json(check(passages_of(new), db))
    assert embedded["summary"]["pairs"] > 0 and embedded["summary"]["archived"] > 0

    built = ParquetArchive.open(tmp_path / "built", settings, create=True)
    added = spark_run(spark, old, built.settings, add_to=built, compare=False).added
    assert (added[0].dumps_added, added[0].passages_added) == (8, embedded["summary"]["archived"])
    again = spark_run(spark, old[:2], built.settings, add_to=ParquetArchive.open(tmp_path / "built"), compare=False)
    assert (again.added[0].dumps_added, again.added[0].dumps_skipped) == (0, 2)

    export_sqlite(tmp_path / "a.db", tmp_path / "exported", spark)
    for folder in ("built", "exported"):
        archive = ParquetArchive.open(tmp_path / folder, settings)
        got = as_json(spark_run(spark, new, archive.settings, against=archive).result)
        assert got == embedded, folder


def test_the_cli_prints_the_embedded_json_and_exit_code(spark, tmp_path):
    from typer.testing import CliRunner

    from newskit.cli import app

    realshaped.build(tmp_path, files=4, per_file=30, seed=9)
    runner = CliRunner()
    embedded = runner.invoke(app, ["dedupe", str(tmp_path), "-f", "json"])
    on_spark = runner.invoke(app, ["dedupe", str(tmp_path), "-f", "json", "--engine", "spark",
                                   "--spark-master", "local[2]"])
    assert embedded.exit_code == on_spark.exit_code == 1
    assert json.loads(on_spark.stdout) == json.loads(embedded.stdout)
