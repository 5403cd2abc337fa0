"""``newskit dedupe`` end to end: exit codes 0 / 1 / 2, formats, archive round trip."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .test_engine import P1, P2, P3, P4, SEED


def newskit(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newskit", "dedupe", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def write(path: Path, *paragraphs: str) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def test_seed_duplicates_exit_1_with_json():
    run = newskit(SEED, "--format", "json")
    assert run.returncode == 1, run.stderr
    doc = json.loads(run.stdout)
    inner_lines = {(d["a"]["line"], d["b"]["line"], d["kind"], d["inside"]) for d in doc["duplicates"]}
    assert {(29, 27, "contained", "a_in_b"), (31, 27, "contained", "a_in_b")} <= inner_lines
    assert doc["summary"]["contained"] >= 2
    assert doc["clusters"] and doc["clusters"][0]["size"] >= 3


def test_clean_dump_exits_0(tmp_path):
    page = write(tmp_path / "page.txt", P1, P2, P3)
    run = newskit(page, "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""


def test_across_files_jsonl(tmp_path):
    a = write(tmp_path / "a.txt", P1, P2)
    b = write(tmp_path / "b.txt", P3, P2.replace("三万余户", "三万多户"))
    run = newskit(a, b, "-f", "jsonl")
    assert run.returncode == 1
    (record,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert record["kind"] == "near" and record["a"]["path"].endswith("a.txt")
    assert record["b"]["path"].endswith("b.txt") and record["b"]["line"] == 3


def test_table_output(tmp_path):
    a = write(tmp_path / "a.txt", P1, P1)
    run = newskit(a, "-f", "table")
    assert run.returncode == 1
    assert "exact" in run.stdout and "1 duplicate pairs" in run.stdout


def test_archive_round_trip(tmp_path):
    db = tmp_path / "archive.db"
    old = write(tmp_path / "old.txt", P1, P2)
    added = newskit("--add-to", db, old)
    assert added.returncode == 0, added.stderr
    assert "added 1 dumps" in added.stderr and added.stdout == ""
    new = write(tmp_path / "new.txt", P3, "据了解，" + P2 + P4)
    run = newskit(new, "--against", db, "-f", "json")
    assert run.returncode == 1, run.stderr
    (dup,) = json.loads(run.stdout)["duplicates"]
    assert dup["kind"] == "contained" and dup["a"]["archived"] and dup["a"]["path"].endswith("old.txt")
    assert dup["a"]["line"] == 3 and dup["b"]["line"] == 3
    # Check and add in one go; then the new dump is in the archive too.
    assert newskit(new, "--against", db, "--add-to", db, "-f", "json").returncode == 1
    again = write(tmp_path / "later.txt", P4, P3)
    later = newskit(again, "--against", db, "-f", "jsonl")
    assert later.returncode == 1 and "new.txt" in later.stdout


@pytest.mark.parametrize("args", [
    ["missing.txt"],
    ["empty.txt"],
    ["ok.txt", "--threshold", "1.5"],
    ["ok.txt", "--threshold", "0"],
    ["ok.txt", "--min-chars", "0"],
    ["ok.txt", "--format", "xml"],
    ["ok.txt", "--against", "missing.db"],
    ["ok.txt", "--against", "ok.txt"],
    ["ok.txt", "--against", "."],
    [],
])
def test_bad_input_exits_2_with_one_line(tmp_path, args):
    write(tmp_path / "ok.txt", P1)
    (tmp_path / "empty.txt").write_bytes(b"")
    run = newskit(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "Traceback" not in run.stderr
