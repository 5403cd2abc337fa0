"""Issue 10, items 1–5: no output lost to a progress bar, --fix keeps what a file is, --diff applies with
git, split/dedupe go on past a bad file, split --out ids and folders."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import SEEDS, seed_path

BROKEN = "会议召开\n\n本报讯（记者 张三）3月2日,市委召开会议,部署工作。"  # half-width commas, no final newline


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskit", *args], input=stdin, capture_output=True,
                          timeout=120, cwd=cwd)


def run_with_terminal_stderr(*args: str, cwd: Path) -> tuple[bytes, int]:
    """stdout a pipe, stderr a terminal (a pty): the case where rich's Progress stole stdout."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "newskit", *args], stdout=subprocess.PIPE, stderr=slave,
                            cwd=cwd, env={**os.environ, "COLUMNS": "100"})
    os.close(slave)

    def drain() -> None:  # read the terminal so the child never blocks on it
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:  # EIO: the child closed its end
                break

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stdout, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return stdout, proc.returncode


@pytest.fixture
def pages(tmp_path) -> Path:
    work = tmp_path / "pages"
    work.mkdir()
    for name in ("001", "002", "004"):
        shutil.copy(seed_path(name), work / seed_path(name).name)
    return work


# --- 1. findings never vanish from a pipe ------------------------------------------------------------------


def test_progress_never_takes_stdout(pages, tmp_path) -> None:
    expected = run("lint", str(pages), "--format", "jsonl", "--exit-zero", cwd=tmp_path).stdout
    assert expected.count(b"\n") > 100
    stdout, rc = run_with_terminal_stderr("lint", str(pages), "--format", "jsonl", "--exit-zero", cwd=tmp_path)
    assert rc == 0
    assert stdout.count(b"\n") == expected.count(b"\n")
    stdout, rc = run_with_terminal_stderr("split", str(pages), "--format", "jsonl", cwd=tmp_path)
    assert rc == 0 and stdout.count(b"\n") == run("split", str(pages), "-f", "jsonl").stdout.count(b"\n")


# --- 2. --fix keeps links, mode, owner, encoding; refuses read-only files ----------------------------------


def _fix(path: Path, cwd: Path) -> subprocess.CompletedProcess:
    return run("lint", str(path), "--fix", "--select", "P101", "--format", "concise", cwd=cwd)


def test_fix_through_a_symlink_fixes_the_target(tmp_path) -> None:
    target = tmp_path / "real.txt"
    target.write_text(BROKEN, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    assert _fix(link, tmp_path).returncode == 0
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert "，市委召开会议，" in target.read_text(encoding="utf-8")


def test_fix_keeps_hard_links_and_mode(tmp_path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(BROKEN, encoding="utf-8")
    os.chmod(first, 0o640)
    second = tmp_path / "b.txt"
    os.link(first, second)
    assert _fix(first, tmp_path).returncode == 0
    assert os.stat(first).st_ino == os.stat(second).st_ino and os.stat(first).st_nlink == 2
    assert "，市委" in second.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o640


def test_fix_keeps_mode_when_renaming(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BROKEN, encoding="utf-8")
    os.chmod(path, 0o604)
    inode = os.stat(path).st_ino
    assert _fix(path, tmp_path).returncode == 0
    assert "，市委" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o604
    assert os.stat(path).st_ino != inode or os.stat(path).st_nlink == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to hand a file to another user")
def test_fix_keeps_the_owner(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BROKEN, encoding="utf-8")
    os.chown(path, 65534, 65534)  # nobody
    assert _fix(path, tmp_path).returncode == 0
    assert "，市委" in path.read_text(encoding="utf-8")
    assert (os.stat(path).st_uid, os.stat(path).st_gid) == (65534, 65534)


@pytest.mark.parametrize("encoding,bom", [("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"\xff\xfe"),
                                          ("utf-8", b"\xef\xbb\xbf")])
def test_fix_keeps_encoding_and_bom(tmp_path, encoding, bom) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bom + BROKEN.replace("\n", "\r\n").encode(encoding))
    assert _fix(path, tmp_path).returncode == 0
    data = path.read_bytes()
    assert data.startswith(bom)
    fixed = data[len(bom):].decode(encoding)
    assert fixed == BROKEN.replace("\n", "\r\n").replace(",", "，")


def test_fix_refuses_a_read_only_file(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BROKEN, encoding="utf-8")
    os.chmod(path, 0o444)
    before = path.read_bytes()
    res = _fix(path, tmp_path)  # root may write a 444 file; newskit still must not
    err = res.stderr.decode()
    assert res.returncode == 2
    assert "read-only" in err and len([line for line in err.splitlines() if "error" in line]) == 1
    assert path.read_bytes() == before and stat.S_IMODE(os.stat(path).st_mode) == 0o444


# --- 3. every diff applies with git apply ------------------------------------------------------------------


@pytest.mark.parametrize("encoding,newline,bom", [
    ("utf-8", "\n", b""), ("utf-8", "\r\n", b""), ("utf-8", "\n", b"\xef\xbb\xbf"),
    ("gb18030", "\n", b""), ("gb18030", "\r\n", b""),  # the patch is GB18030 bytes, as git compares them
    ("utf-16-le", "\r\n", b"\xff\xfe"), ("utf-16-be", "\n", b"\xfe\xff"),  # binary to git: a binary patch
])
def test_diff_applies_with_git(tmp_path, encoding, newline, bom) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)

    def original(seed: Path) -> bytes:
        return bom + seed.read_text(encoding="utf-8").replace("\n", newline).encode(encoding)

    for seed in sorted(SEEDS.glob("*.txt")):
        assert not seed.read_text(encoding="utf-8").endswith("\n")  # the case the marker is for
        (tmp_path / seed.name).write_bytes(original(seed))
    res = run("lint", ".", "--diff", "--unsafe-fixes", cwd=tmp_path)
    patch = res.stdout
    assert patch.count(b"+++ b/") == 5 and b"\\ No newline at end of file" in patch
    if encoding.startswith("utf-16"):  # the text diff is there for the reader, as comment lines git skips
        assert patch.count(b"GIT binary patch") == 5 and b"\n# +" in patch
        assert "# -全力推进 农业现代化".encode() in patch
    else:
        assert "-全力推进 农业现代化".encode(encoding) in patch
    (tmp_path / "fix.patch").write_bytes(patch)
    applied = subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr.decode()
    fixed = {p.name: p.read_bytes() for p in tmp_path.glob("*.txt")}
    assert fixed != {seed.name: original(seed) for seed in SEEDS.glob("*.txt")}
    for p in tmp_path.glob("*.txt"):  # the same as --fix, byte for byte
        p.write_bytes(original(seed_path(p.name[:3])))
    run("lint", ".", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert fixed == {p.name: p.read_bytes() for p in tmp_path.glob("*.txt")}


# --- 4. split and dedupe go on past a bad file -------------------------------------------------------------


@pytest.mark.parametrize("command", ["split", "dedupe"])
def test_bad_file_is_reported_and_the_rest_processed(tmp_path, command) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    shutil.copy(seed_path("000"), tmp_path / "b.txt")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02\x03")
    shutil.copy(seed_path("000"), tmp_path / "d.txt")
    res = run(command, str(tmp_path), "--format", "jsonl")
    err = res.stderr.decode().splitlines()
    assert res.returncode == 2
    assert len(err) == 2 and "a_empty.txt" in err[0] and "c_binary.txt" in err[1]
    lines = [json.loads(line) for line in res.stdout.decode().splitlines()]
    if command == "split":
        assert {r["source"]["path"].rsplit("/", 1)[-1] for r in lines} == {"b.txt", "d.txt"}
    else:  # the two good copies are duplicates of each other
        assert lines and any("b.txt" in json.dumps(r) and "d.txt" in json.dumps(r) for r in lines)


# --- 5. split ids and --out folders ------------------------------------------------------------------------


def _dump(path: Path, head: str = "会议召开") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{head}\n\n本报讯（记者 张三）3月2日，市委召开会议，部署工作。\n", encoding="utf-8")


def test_ids_unique_per_path_keep_cjk_and_never_start_with_a_dash(tmp_path) -> None:
    pages = tmp_path / "pages"
    for rel in ("2020-03-18/A01.txt", "2020-03-19/A01.txt", "第一版.txt", "第二版.txt", "-rf.txt"):
        _dump(pages / rel)
    out = tmp_path / "out"
    res = run("split", str(pages), "--out", str(out), "--format", "jsonl")
    assert res.returncode == 0, res.stderr.decode()
    uris = [json.loads(line)["uri"] for line in res.stdout.decode().splitlines()]
    assert sorted(uris) == sorted(["newskit:2020-03-18_A01:1", "newskit:2020-03-19_A01:1", "newskit:第一版:1",
                                   "newskit:第二版:1", "newskit:rf:1"])
    names = sorted(p.name for p in out.iterdir() if p.suffix == ".txt")
    assert names == sorted(["2020-03-18_A01-00001-article.txt", "2020-03-19_A01-00001-article.txt",
                            "第一版-00001-article.txt", "第二版-00001-article.txt", "rf-00001-article.txt"])
    assert all(not n.startswith(("-", ".")) and "/" not in n and "dup" not in n for n in names)


def test_lint_and_dedupe_name_articles_as_split_does(tmp_path) -> None:
    """One dump id (newskit.io.dump_id) names split's records, lint's articles and dedupe's passages: from the
    path relative to its argument, unique in the run (the same A01.txt under two arguments: A01, A01-2)."""
    page = "会议召开\n\n本报讯（记者 张三）3月2日,市委召开会议，部署部署工作。本次会议强调要把各项工作落到实处。\n"
    for rel in ("pages/2020-03-18/A01.txt", "pages/2020-03-19/A01.txt", "extra/A01.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(page, encoding="utf-8")
    args = ("pages", "extra")
    split = run("split", *args, "--format", "jsonl", cwd=tmp_path)
    uris = {json.loads(line)["uri"] for line in split.stdout.decode().splitlines()}
    assert uris == {"newskit:2020-03-18_A01:1", "newskit:2020-03-19_A01:1", "newskit:A01:1"}
    findings = json.loads(run("lint", *args, "--format", "json", "--select", "P101", cwd=tmp_path).stdout)
    assert {f["article"] for f in findings} == uris and len(findings) == 3
    dupes = run("dedupe", *args, "--format", "json", cwd=tmp_path).stdout.decode()
    assert set(re.findall(r"newskit:[^\"]+", dupes)) == uris
    twice = run("lint", "pages/2020-03-18", "extra", "--format", "json", "--select", "P101", cwd=tmp_path)
    assert {f["article"] for f in json.loads(twice.stdout)} == {"newskit:A01:1", "newskit:A01-2:1"}


def test_rerun_replaces_stale_files_and_foreign_folders_are_refused(tmp_path) -> None:
    pages = tmp_path / "pages"
    _dump(pages / "A01.txt")
    _dump(pages / "A02.txt")
    out = tmp_path / "out"
    assert run("split", str(pages), "--out", str(out)).returncode == 0
    (pages / "A02.txt").unlink()
    assert run("split", str(pages), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "A01-00001-article.txt", "articles.jsonl"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no staging folder left

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    res = run("split", str(pages), "--out", str(mine))
    assert res.returncode == 2 and "--force" in res.stderr.decode()
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    assert run("split", str(pages), "--out", str(mine), "--force").returncode == 0
    assert sorted(p.name for p in mine.iterdir() if not p.name.startswith(".")) == [
        "A01-00001-article.txt", "articles.jsonl"]


def test_lint_of_a_folder_skips_split_output(tmp_path) -> None:
    pages = tmp_path / "pages"
    _dump(pages / "A01.txt")
    assert run("split", str(pages), "--out", str(pages / "articles")).returncode == 0
    res = run("lint", str(pages), "--format", "json", "--select", "ALL", "--exit-zero")
    assert {f["path"] for f in json.loads(res.stdout)} <= {str(pages / "A01.txt")}
    res = run("lint", str(pages), "--statistics", "--format", "json", "--exit-zero")
    assert [f["path"] for f in json.loads(res.stdout)["files"]] == [str(pages / "A01.txt")]
