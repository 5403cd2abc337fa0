"""``newskit split`` from the outside: formats, --out, stdin, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SEEDS, seed_path


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskit", *args], input=stdin, capture_output=True, timeout=60)


def test_jsonl_is_default_when_piped() -> None:
    res = run("split", str(seed_path("000")))
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert recs[0]["uri"] == "newskit:000_5aba1ba51e5b42c7:3"
    assert {"uri", "type", "kind", "headlines", "by", "credits", "dateline", "body", "source", "continued"} <= set(recs[0])


def test_json_and_table_formats() -> None:
    res = run("split", str(seed_path("002")), "--format", "json")
    assert res.returncode == 0
    assert len(json.loads(res.stdout)) == 8
    res = run("split", str(seed_path("002")), "-f", "table")
    assert res.returncode == 0
    assert "安康水务" in res.stdout.decode() and "8 records" in res.stdout.decode()


def test_directory_and_out_dir(tmp_path) -> None:
    out = tmp_path / "articles"
    res = run("split", str(SEEDS), "--out", str(out))
    assert res.returncode == 0, res.stderr
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    files = sorted(p.name for p in out.iterdir() if p.suffix == ".txt")
    assert len(files) == len(lines) == 42
    assert "000_5aba1ba51e5b42c7-00021-article.txt" in files
    assert all("/" not in f and not f.startswith(".") for f in files)
    assert "全力推进 农业现代化" in (out / "000_5aba1ba51e5b42c7-00021-article.txt").read_text(encoding="utf-8")


def test_file_names_never_come_from_text(tmp_path) -> None:
    dump = tmp_path / "..evil name.txt"
    dump.write_text("../../etc/passwd\n\n本报讯（记者 张三）3月1日，正文内容。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("split", str(dump), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == [".newskit-out.json", "articles.jsonl", "evil_name-00001-article.txt"]


def test_stdin_with_name() -> None:
    res = run("split", "-", "--stdin-filename", "page.txt", stdin=seed_path("004").read_bytes())
    assert res.returncode == 0
    assert json.loads(res.stdout.decode().splitlines()[0])["source"]["path"] == "page.txt"


def test_gb18030_crlf_input(tmp_path) -> None:
    dump = tmp_path / "gbk.txt"
    dump.write_bytes(seed_path("000").read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    res = run("split", str(dump))
    assert res.returncode == 0
    assert json.loads(res.stdout.decode().splitlines()[1])["dateline"]["date"] == "2020-03-18"


@pytest.mark.parametrize("args,content,message", [
    (["missing.txt"], None, "no such file"),
    (["empty.txt"], b"", "empty"),
    (["bin.txt"], b"\x00\x01\x02\x03", "binary"),
    (["bad.txt"], b"abc \x80\xff\x80\xff" * 4, "cannot decode"),
    (["ok.txt", "--format", "xml"], "正文。".encode(), "--format"),
    (["ok.txt", "--bogus"], "正文。".encode(), "--bogus"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, args, content, message) -> None:
    if content is not None:
        (tmp_path / args[0]).write_bytes(content)
    res = run("split", *[str(tmp_path / a) if k == 0 else a for k, a in enumerate(args)])
    err = res.stderr.decode()
    assert res.returncode == 2
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_out_must_be_a_directory(tmp_path) -> None:
    (tmp_path / "file").write_text("x")
    res = run("split", str(seed_path("000")), "--out", str(tmp_path / "file"))
    assert res.returncode == 2 and "not a directory" in res.stderr.decode()


@pytest.mark.parametrize("args", [("split", "--format", "jsonl"), ("lint", "--format", "concise")])
def test_closed_pipe_is_a_quiet_stop(args) -> None:
    """``newskit … | head``: the reader leaving early is not an error (click alone would exit 1)."""
    proc = subprocess.Popen([sys.executable, "-m", "newskit", args[0], str(SEEDS), *args[1:]],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()  # like ``head -c 10`` exiting
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert stderr == b""


def test_split_explain_prints_each_blocks_label_and_features():
    import subprocess
    import sys

    from tests.conftest import seed_path

    out = subprocess.run([sys.executable, "-m", "newskit", "split", "--explain", str(seed_path("000"))],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].endswith("000_5aba1ba51e5b42c7.txt") and "strongest features" in out[1]
    rows = out[2:]
    assert rows[0].split()[:2] == ["3", "head"] and "+" in rows[0]
    assert len(rows) == 89  # one line per block
    assert any(r.split()[1] == "join" and "p:end=han" in r for r in rows)
