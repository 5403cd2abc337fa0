"""bench/lint_recall.py on a tiny hand-written corpus (no corpus text), and its clean skip when there is none."""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def recall():
    sys.path.insert(0, str(BENCH))
    try:
        import lint_recall
        yield lint_recall
    finally:
        sys.path.remove(str(BENCH))


PARAGRAPHS = [
    "市图书馆宣布推出夜间阅读服务，读者下班后也能借阅图书，首批开放的城市书房配备自助借还设备。",
    "河畔公园改造工程近日完工，新增步道三公里，沿线种植樱花树两百余株，附近居民纷纷前来散步。",
    "农业农村局与银行分行签订战略合作协议，推进乡村金融服务全覆盖，助力农业现代化建设。",
    "今年还将新建五个城市书房，进一步扩大公共文化服务覆盖面，方便群众就近阅读学习。",
]


def write_corpus(directory: Path, copies: int) -> None:
    with gzip.open(directory / "renmin-2099-01.jsonl.gz", "wt", encoding="utf-8") as fh:
        for k in range(copies):
            record = {"date": "20990105", "page": 1 + k // 50, "seq": k, "title_lines": ["测试"],
                      "body": "\n".join(PARAGRAPHS)}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_doubling_a_word_writes_it_twice(recall) -> None:
    text, at, word = recall.double_a_word(PARAGRAPHS[0], random.Random(1), function=False)
    assert 2 <= len(word) <= 4 and text[at - len(word):at + len(word)] == word * 2
    assert text.replace(word * 2, word, 1) == PARAGRAPHS[0]


def test_splice_lands_between_words(recall) -> None:
    text, at = recall.splice(PARAGRAPHS[1], "按装", random.Random(2))
    assert text[at:at + 2] == "按装" and text[:at] + text[at + 2:] == PARAGRAPHS[1]


def test_run_reports_every_figure_with_a_target(recall, tmp_path) -> None:
    write_corpus(tmp_path, 1200)
    result = recall.run(tmp_path, seed=0, doubled=60, misses=2)
    figures = {(r["rule"], r["figure"]) for r in result["rows"]}
    assert ("R101", "recall: doubled word") in figures and ("W101", "false positives: standard form") in figures
    assert all("target" in r and isinstance(r["met"], bool) for r in result["rows"])
    w101 = next(r for r in result["rows"] if r["figure"] == "recall: wrong form")
    assert w101["value"] > 0.8  # planted wrong forms are found in these simple sentences


def test_absent_corpus_skips_cleanly(recall, monkeypatch, tmp_path, capsys) -> None:
    import lint_corpus

    monkeypatch.setattr(lint_corpus, "FALLBACK", tmp_path / "none")
    monkeypatch.setattr(lint_corpus.corpus, "corpus_dir", lambda *a: None)
    monkeypatch.delenv("NEWSKIT_CORPUS", raising=False)
    assert recall.main([]) == 0
    assert "corpus absent: skipping" in capsys.readouterr().err
