"""The full rule set on the five seed dumps: every defect found by reading them is reported with the right
family, and the places that only look like defects (reduplication, a leap-day diary head, clause spaces in a
headline) are not.

Lines are the seeds' own (``cat -n seeds/…``). Rules outside the newspaper rule set's own findings list
(P101, S101, B101) are checked only where the seeds need them.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from newskit.io import read_document
from newskit.lint import lint_document
from newskit.rules import all_rules

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ENGINE_RULES = {"P101", "S101", "B101"}  # the engine helper's rules: asserted only where listed below


@functools.cache
def findings(seed: str) -> tuple:
    [path] = SEEDS.glob(f"{seed}_*.txt")
    return tuple(lint_document(read_document(path), [cls() for cls in all_rules()]))


def lines_of(seed: str, code: str) -> set[int]:
    return {f.line for f in findings(seed) if f.code == code}


#: (seed, line, code, what is wrong there)
DEFECTS = [
    ("000", 19, "X104", "article ends mid-sentence: …以党的政治建设为统领，以"),
    ("000", 21, "S102", "stray space in the headline 全力推进 农业现代化"),
    ("000", 29, "R201", "paragraph of line 27 printed again"),
    ("000", 31, "R201", "fragment of line 27 printed again"),
    ("000", 131, "X104", "article ends on a comma"),
    ("000", 151, "P109", "、 between book titles"),
    ("000", 183, "X106", "(未完待续)"),
    ("001", 5, "S101", "衡山 289 个"),
    ("001", 55, "B101", "byline broken across paragraphs"),
    ("001", 83, "D104", "本报讯 dated 近日"),
    ("002", 5, "P101", "half-width punctuation"),
    ("002", 5, "B102", "byline in half-width brackets"),
    ("002", 63, "X104", "paragraph stops on a comma before another article's section title"),
    ("002", 85, "X105", "orphan fragment 动态,推动… after a heading"),
    ("002", 103, "P105", "「红色防线」 on a page set with “”"),
    ("003", 29, "X103", "caption inside a paragraph"),
    ("003", 37, "X103", "caption inside a paragraph"),
    ("003", 61, "R101", "户外户外"),
    ("003", 71, "X101", "<sup>2</sup>"),
    ("003", 119, "X101", "**bold**"),
    ("004", 9, "X104", "paragraph cut off before a section title: …有针对性地开"),
    ("004", 19, "X102", "平台 and 手机客户端"),
    ("004", 59, "B102", "byline in half-width brackets"),
    ("004", 122, "R101", "使用使用"),
    ("004", 128, "R101", "解决解决"),
    ("004", 132, "R101", "文件文件"),
]

#: (seed, line, code prefix, why it is fine)
LEGITIMATE = [
    ("000", 41, "D", "2月29日 星期六 on a 2020 page"),
    ("000", 45, "D", "3月1日 星期日 (2020)"),
    ("000", 51, "D", "3月5日 星期四 (2020)"),
    ("000", 65, "R", "家家户户"),
    ("001", 7, "R", "一个一个解决"),
    ("001", 23, "R", "件件有回音、事事有着落"),
    ("001", 65, "S102", "建平台 启服务 助治理 重党建: parallel clauses"),
    ("001", 105, "S102", "富强 民主 文明 和谐: a slogan box"),
    ("002", 61, "R", "一件件"),
    ("002", 81, "S102", "你们逆行 有我护航: parallel clauses"),
    ("002", 115, "R", "件件关乎, 把把关"),
    ("003", 41, "R", "一股股"),
    ("003", 59, "R", "层层压实"),
    ("004", 55, "R", "人人有责"),
    ("004", 69, "S102", "好人战疫 筑起“平安墙”: parallel clauses"),
    ("004", 95, "R", "做细做深做好做实"),
    ("004", 118, "R", "步步推进、层层落实"),
]


@pytest.mark.parametrize(("seed", "line", "code", "what"), DEFECTS, ids=[f"{s}:{n}-{c}" for s, n, c, _ in DEFECTS])
def test_defect_is_reported(seed: str, line: int, code: str, what: str) -> None:
    assert line in lines_of(seed, code), f"{seed}:{line} {what}: no {code} finding"


@pytest.mark.parametrize(("seed", "line", "prefix", "why"), LEGITIMATE, ids=[f"{s}:{n}-{p}" for s, n, p, _ in LEGITIMATE])
def test_legitimate_text_is_not_flagged(seed: str, line: int, prefix: str, why: str) -> None:
    hits = [f"{f.code} {f.message}" for f in findings(seed) if f.line == line and f.code.startswith(prefix)]
    assert not hits, f"{seed}:{line} ({why}) flagged: {hits}"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_no_other_findings_of_the_rule_set(seed: str) -> None:
    """Beyond the listed defects (and X101 on the ad's table rows, B102/D104 on each byline of a kind),
    the rule set reports nothing: every other finding would be a false positive."""
    expected = {(line, code) for s, line, code, _ in DEFECTS if s == seed}
    repeated = {"X101", "B102", "D104"}  # one finding per table row / byline: checked by line ranges below
    got = {(f.line, f.code) for f in findings(seed) if f.code not in ENGINE_RULES | repeated}
    assert got == {e for e in expected if e[1] not in ENGINE_RULES | repeated}


def test_repeated_findings_stay_where_they_belong() -> None:
    assert lines_of("003", "X101") == set(range(71, 85)) | {119}  # the real-estate table rows and the bold line
    assert lines_of("002", "B102") == {5, 15, 25, 33, 43}  # every 本报讯(…) byline of the page
    assert lines_of("004", "B102") == {59, 71, 85, 93, 105}
    assert lines_of("000", "B102") == lines_of("001", "B102") == set()  # full-width bylines
    assert lines_of("001", "D104") == {7, 83}


def _dates_on_page(year: int, head: str) -> list:
    from newskit.model import Document

    doc = Document.from_text(f"青春是用来奉献的\n\n■本报记者 周琪\n\n{year}年是关键之年。\n\n{head} 天气晴\n\n清晨，我赶往社区。\n")
    return [f for f in lint_document(doc, [cls() for cls in all_rules()]) if f.code.startswith("D")]


def test_the_seed_diary_head_depends_on_the_page_year() -> None:
    """`2月29日 星期六` holds in 2020; on a 2021 page the date does not exist; `3月1日 星期日` is wrong in 2019
    and the message names the years where it holds."""
    assert _dates_on_page(2020, "2月29日 星期六") == []
    assert [f.code for f in _dates_on_page(2021, "2月29日 星期六")] == ["D101"]
    [f] = _dates_on_page(2019, "3月1日 星期日")
    assert f.code == "D102" and "2020" in f.message and "星期五" in f.message
