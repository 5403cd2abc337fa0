"""The archive: add incrementally, check without rebuilding, refuse what is not an archive."""

import sqlite3

import pytest

from newskit.dedupe import DedupeSettings, Relation, text_passages
from newskit.dedupe.archive import Archive, ArchiveError, check

from .test_engine import P1, P2, P3, P4


def dump(path, *paragraphs):
    return list(text_passages("\n\n".join(paragraphs), path))


def test_add_then_check_round_trip(tmp_path):
    db = tmp_path / "archive.db"
    with Archive.open(db, DedupeSettings(), create=True) as archive:
        report = archive.add(dump("2020-03-17.txt", P1, P2) + dump("2020-03-18.txt", P3))
        assert (report.dumps_added, report.passages_added) == (2, 3)
    with Archive.open(db, DedupeSettings(), create=True) as archive:  # reopening appends, nothing rebuilt
        assert archive.add(dump("2020-03-19.txt", P4)).dumps_added == 1
        assert archive.count() == (3, 4)

    new = dump("2021-05-01.txt", P2.replace("三万余户", "三万多户"), "记者了解到，" + P4[:40], "今日无其他要闻。")
    with Archive.open(db, DedupeSettings()) as archive:
        result = check(new, archive)
    assert result.archived == 4
    found = {(d.kind, d.a.path, d.a.line, d.b.path, d.b.line, d.a.archived) for d in result.duplicates}
    assert found == {
        ("near", "2020-03-17.txt", 3, "2021-05-01.txt", 1, True),
        ("contained", "2021-05-01.txt", 3, "2020-03-19.txt", 1, False),
    }
    inside = next(d for d in result.duplicates if d.relation is Relation.CONTAINED)
    assert inside.b.archived and inside.b.text == P4[:40]  # the archived paragraph, with its span


def test_adding_the_same_dump_twice_is_a_no_op(tmp_path):
    db = tmp_path / "a.db"
    with Archive.open(db, create=True) as archive:
        archive.add(dump("x.txt", P1, P2))
        again = archive.add(dump("x.txt", P1, P2))
        assert (again.dumps_added, again.dumps_skipped) == (0, 1)
        assert archive.count() == (1, 2)
        # Checking a dump that is already archived does not match it against itself.
        assert check(dump("x.txt", P1, P2), archive).duplicates == ()


def test_boilerplate_counts_archived_dumps(tmp_path):
    notice = "本报热线电话：一二三四五六七八，欢迎广大读者提供新闻线索，一经采用即付稿酬。"
    with Archive.open(tmp_path / "a.db", create=True) as archive:
        archive.add(dump("d1.txt", P1, notice) + dump("d2.txt", P2, notice))
        # Three dumps of five: a reprint, reported as duplicates.
        result = check(dump("d3.txt", P3, notice), archive)
        assert {(d.kind, d.a.path, d.b.path) for d in result.duplicates} == {("exact", "d1.txt", "d3.txt")}
        for k in range(4, 8):
            archive.add(dump(f"d{k}.txt", f"第{k}期", notice))
        # Seven dumps of seven (six archived): standing text. The archive counts the dumps each exact text is printed in,
        # though the check pairs the new copy with the first printing only.
        result = check(dump("d8.txt", P3, notice), archive)
    assert result.duplicates == ()
    assert [b.dumps for b in result.boilerplate] == [7]


def older_archive(db):
    """The meta table of an archive built by newskit before the segment store (schema 1)."""
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema', '1')")
    conn.commit()
    conn.close()
    return db


def test_an_archive_of_the_older_newskit_gets_one_line(tmp_path):
    db = older_archive(tmp_path / "old.db")
    with pytest.raises(ArchiveError, match="older newskit") as info:
        Archive.open(db)
    assert "\n" not in str(info.value) and "--add-to" in str(info.value)


def test_segments_merge_in_tiers_and_keep_every_posting(tmp_path, monkeypatch):
    from newskit.dedupe import archive as store

    monkeypatch.setattr(store, "BASE_ROWS", 8)
    monkeypatch.setattr(store, "FANIN", 4)
    paragraphs = [P1, P2, P3, P4, P1[:50] + P2[:50], P3[10:] + P4[:20]]
    with Archive.open(tmp_path / "a.db", create=True) as archive:
        for k, text in enumerate(paragraphs):
            archive.add(dump(f"d{k}.txt", text))
        sizes = archive.segment_sizes()
        assert len(sizes) < len(paragraphs)  # four tier-0 segments became one tier-1 segment
        assert sum(rows for _, rows in sizes) == sum(
            len(s.whole_hash) + len(s.part_hash) for s in archive.segments())
        found = {(d.kind, d.a.path) for d in check(dump("new.txt", P2, P4[:30]), archive).duplicates}
    assert ("exact", "d1.txt") in found and ("contained", "new.txt") in found


def test_the_archive_keeps_its_own_ngram_settings(tmp_path):
    db = tmp_path / "a.db"
    with Archive.open(db, DedupeSettings(ngram=9), create=True) as archive:
        archive.add(dump("x.txt", P1))
    with Archive.open(db, DedupeSettings(ngram=5)) as archive:
        assert archive.settings.n == 9
        assert [d.kind for d in check(dump("y.txt", P2, P1), archive).duplicates] == ["exact"]


def test_missing_and_foreign_files_are_errors(tmp_path):
    with pytest.raises(ArchiveError, match="no such archive"):
        Archive.open(tmp_path / "missing.db")
    text = tmp_path / "notes.txt"
    text.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(ArchiveError, match="not a newskit archive"):
        Archive.open(text)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(ArchiveError, match="not a newskit archive"):
        Archive.open(other)
