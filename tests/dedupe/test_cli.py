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


def test_a_reprinted_seed_is_duplicates_and_the_masthead_boilerplate(tmp_path):
    """Seed 001 reprinted in 3 of 40 dumps, each dump carrying the same standing masthead line: the reprint is
    a duplicate cluster (exit 1), the masthead boilerplate only (40 of 40 dumps, at least max(5, 20%))."""
    import random

    masthead = "人民日报社出版　国内统一连续出版物号CN11-0065　邮发代号1-1　本报地址北京市朝阳区金台西路2号"
    seed = (SEED.parent / "001_55b05c65cda929fe.txt").read_text(encoding="utf-8")
    rng = random.Random(1)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    for k in range(40):
        if k in (4, 17, 33):
            body = seed
        else:  # an unrelated page: two paragraphs of random characters
            body = "\n\n".join(["本地新闻", *("".join(rng.choice(han) for _ in range(120)) + "。" for _ in range(2))])
        (tmp_path / f"2020-03-{k:02d}.txt").write_text(masthead + "\n\n" + body + "\n", encoding="utf-8")
    run = newskit(tmp_path, "--format", "json")
    assert run.returncode == 1, run.stderr
    doc = json.loads(run.stdout)
    (boiler,) = doc["boilerplate"]
    assert boiler["dumps"] == 40 and "人民日报社出版" in boiler["text"]
    reprints = {"2020-03-04.txt", "2020-03-17.txt", "2020-03-33.txt"}
    across = [d for d in doc["duplicates"] if Path(d["a"]["path"]).name != Path(d["b"]["path"]).name]
    assert across and all({Path(d["a"]["path"]).name, Path(d["b"]["path"]).name} <= reprints for d in across)
    assert all("人民日报社出版" not in d["a"]["text"] + d["b"]["text"] for d in doc["duplicates"])
    # Every paragraph of the first printing has its copies in the two reprints.
    pairs = {(d["a"]["line"], Path(d["b"]["path"]).name) for d in across if d["kind"] == "exact"
             and Path(d["a"]["path"]).name == "2020-03-04.txt"}
    assert {name for _, name in pairs} == {"2020-03-17.txt", "2020-03-33.txt"}
    assert len(pairs) >= 2 * 10


def test_an_archive_of_the_older_newskit_is_one_line_exit_2(tmp_path):
    from .test_archive import older_archive

    old = older_archive(tmp_path / "old.db")
    page = write(tmp_path / "page.txt", P1, P2)
    for args in (["--against", old], ["--add-to", old]):
        run = newskit(page, *args)
        assert run.returncode == 2 and run.stdout == ""
        assert len(run.stderr.strip().splitlines()) == 1 and "older newskit" in run.stderr, run.stderr


def test_overlap_through_the_cli(tmp_path):
    a = write(tmp_path / "a.txt", P1 + P2)
    b = write(tmp_path / "b.txt", P2 + P3)
    run = newskit(a, b, "-f", "json")
    assert run.returncode == 1, run.stderr
    (dup,) = json.loads(run.stdout)["duplicates"]
    assert dup["kind"] == "overlap" and dup["a"]["text"] == dup["b"]["text"] == P2.rstrip("。")
    assert newskit(a, b, "-f", "json", "--min-overlap", "0").returncode == 0
