"""bench/corpus.py: rendering a page into a seed-shaped dump, damage and its truth.

The page below is hand-written for these tests (no corpus text). bench/ is not a package, so the module is
imported by path.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "corpus.py"
_spec = importlib.util.spec_from_file_location("bench_corpus", _PATH)
corpus = importlib.util.module_from_spec(_spec)
sys.modules["bench_corpus"] = corpus  # dataclasses look the module up while the class body runs
_spec.loader.exec_module(corpus)

PAGE = [
    {"date": "20240305", "page": 2, "seq": 2, "title_lines": ["河畔公园完成改造", "新增步道三公里"],
     "body": "本报讯（记者 李青）河畔公园改造工程近日完工，新增步道3公里，沿线种植樱花树200余株。\n"
             "附近居民说：“傍晚来散步的人明显多了！”"},
    {"date": "20240305", "page": 2, "seq": 1, "title_lines": ["市图书馆推出夜间阅读服务——", "城市书房亮灯到晚上十点"],
     "body": "本报讯（记者 王小明）3月5日，市图书馆宣布推出夜间阅读服务，读者下班后也能借阅图书。\n"
             "据介绍，首批开放的12个城市书房配备自助借还设备，每天开放到22时；今年还将新建5个。\n"
             "馆方表示，将根据读者反馈调整开放时间。"},
    {"date": "20240305", "page": 2, "seq": 3, "title_lines": ["春日剪影"], "body": ""},
]


def lines_of(dump):
    return dump.text.split("\n")


def non_space(text: str) -> str:
    return "".join(text.split())


def test_plain_page_has_the_seed_shape_and_truth_points_at_its_lines():
    dump = corpus.render_page(PAGE, headline_style="plain")
    lines = lines_of(dump)
    assert dump.text.startswith("\n\n") and not dump.text.startswith("\n\n\n")
    assert not dump.text.endswith("\n")
    assert [a.main for a in dump.articles] == ["城市书房亮灯到晚上十点", "河畔公园完成改造"]  # seq order, empty body left out
    first = dump.articles[0]
    assert first.headlines == (("kicker", "市图书馆推出夜间阅读服务——"), ("main", "城市书房亮灯到晚上十点"))
    assert lines[first.line_start - 1] == "市图书馆推出夜间阅读服务——"
    assert lines[first.line_start] == ""  # each headline line is its own paragraph
    assert lines[first.line_start + 1] == "城市书房亮灯到晚上十点"
    assert lines[first.line_end - 1] == first.last_paragraph == "馆方表示，将根据读者反馈调整开放时间。"
    assert [lines[n - 1] for n in first.paragraph_lines] == list(first.paragraphs)
    assert first.first_paragraph.startswith("本报讯（记者 王小明）3月5日")  # the 电头 stays in the paragraph
    # blocks are single lines separated by exactly one blank line
    body = lines[2:]
    assert all(line for line in body[0::2]) and not any(body[1::2])
    second = dump.articles[1]
    assert second.line_start == first.line_end + 2
    assert dump.data == dump.text.encode("utf-8") and dump.encoding == "utf-8" and dump.newline == "\n"


def test_block_style_breaks_the_headline_stack_by_single_newlines():
    dump = corpus.render_page(PAGE, headline_style="block")
    lines = lines_of(dump)
    first = dump.articles[0]
    assert lines[first.line_start - 1: first.line_start + 2] == ["市图书馆推出夜间阅读服务——", "城市书房亮灯到晚上十点", ""]


def test_markdown_style_marks_the_main_head_one_level_above_the_others():
    dump = corpus.render_page(PAGE, headline_style="markdown", rng=random.Random(3))
    lines = lines_of(dump)
    kicker, main = lines[dump.articles[0].line_start - 1], lines[dump.articles[0].line_start + 1]
    level = len(main) - len(main.lstrip("#"))
    assert main == "#" * level + " 城市书房亮灯到晚上十点"
    assert kicker == "#" * (level + 1) + " 市图书馆推出夜间阅读服务——"


@pytest.mark.parametrize(
    ("title_lines", "roles", "certain"),
    [
        (["一行标题"], ("main",), True),
        (["某地举行活动——", "主标题"], ("kicker", "main"), True),
        (["某某在会议上强调", "主标题"], ("kicker", "main"), True),
        (["主标题", "——副题说明"], ("main", "subhead"), True),
        (["主标题", "另一行"], ("main", "subhead"), False),
        (["引题", "主标题", "副题"], ("kicker", "main", "subhead"), True),
    ],
)
def test_headline_roles(title_lines, roles, certain):
    heads, is_certain = corpus.headline_roles(title_lines)
    assert tuple(role for role, _ in heads) == roles
    assert tuple(value for _, value in heads) == tuple(title_lines)
    assert is_certain is certain


def test_column_breaks_fall_mid_sentence_and_are_recorded():
    dump = corpus.render_page(PAGE, corpus.Damage(column_break=1.0), random.Random(7), headline_style="plain")
    lines = lines_of(dump)
    assert len(dump.breaks) == 5  # every paragraph of at least 12 characters
    for brk in dump.breaks:
        assert lines[brk.before_line - 1] == brk.before and lines[brk.after_line - 1] == brk.after
        assert brk.after_line == brk.before_line + 2 and lines[brk.before_line] == ""
        assert corpus.breakable(brk.before[-1]) and corpus.breakable(brk.after[0])
        assert brk.before + brk.after == dump.articles[brk.article].paragraphs[brk.paragraph]
    # the truth keeps whole paragraphs; the article's lines still span its text
    first = dump.articles[0]
    assert [lines[n - 1] for n in first.paragraph_lines] == [b.before for b in dump.breaks[:3]]
    assert lines[first.line_end - 1] == dump.breaks[2].after
    assert first.paragraphs[2] == "馆方表示，将根据读者反馈调整开放时间。"


def test_a_column_break_never_lands_beside_a_space():
    page = [{"date": "20240305", "page": 3, "seq": 1, "title_lines": ["名单"],
             "body": "本报记者\u00a0\u00a0张\u00a0\u00a0三\u3000李\u00a0四 王\u00a0五\u00a0\u00a0赵\u00a0六\u00a0钱七七"}]
    for seed in range(30):
        dump = corpus.render_page(page, corpus.Damage(column_break=1.0), random.Random(seed))
        for brk in dump.breaks:
            assert not brk.before[-1].isspace() and not brk.after[0].isspace()
    assert not corpus.breakable("\u00a0") and not corpus.breakable("（") and corpus.breakable("张")


def test_half_width_punctuation_changes_text_and_truth_alike():
    dump = corpus.render_page(PAGE, corpus.Damage(half_width=1.0), headline_style="plain")
    assert "，" not in dump.text and "（" not in dump.text and "本报讯(记者 王小明)3月5日," in dump.text
    assert "。" in dump.text and "“" in dump.text  # full stops and quotes stay full-width, as in seed 002
    assert dump.articles[0].first_paragraph.startswith("本报讯(记者 王小明)3月5日,")
    assert [(d.kind, d.article) for d in dump.damage] == [("half-width", 0), ("half-width", 1)]
    assert dump.damage[0].count == 8  # （），， + ，，； + ， in article 0


def test_ocr_spaces_surround_digit_runs_between_han_characters():
    damage = corpus.Damage(ocr_space=1.0, ocr_space_run=1.0)
    dump = corpus.render_page(PAGE, damage, headline_style="plain")
    assert "首批开放的 12 个城市书房" in dump.text and "新建 5 个" in dump.text
    assert "3 月 5 日，" in dump.text and "到 22 时；" in dump.text  # no space before punctuation
    assert "步道 3 公里" in dump.articles[1].first_paragraph
    assert sum(d.count for d in dump.damage if d.kind == "ocr-space") == 7


def test_duplicated_paragraph_is_printed_twice_and_recorded():
    dump = corpus.render_page(PAGE, corpus.Damage(duplicate=1.0), random.Random(1), headline_style="plain")
    lines = lines_of(dump)
    assert len(dump.duplicates) == 2
    for dup in dump.duplicates:
        truth = dump.articles[dup.article]
        assert lines[dup.line - 1] == lines[dup.copy_line - 1] == truth.paragraphs[dup.paragraph]
        assert truth.paragraphs[dup.paragraph] == truth.paragraphs[dup.paragraph + 1]
    assert [len(a.paragraphs) for a in dump.articles] == [4, 3]
    assert [len(a.paragraph_lines) for a in dump.articles] == [4, 3]


def test_crlf_and_gb18030_change_only_the_bytes():
    dump = corpus.render_page(PAGE, corpus.Damage(crlf=1.0, gb18030=1.0), headline_style="plain")
    assert dump.encoding == "gb18030" and dump.newline == "\r\n"
    assert dump.data.decode("gb18030") == dump.text.replace("\n", "\r\n")
    with pytest.raises(UnicodeDecodeError):
        dump.data.decode("utf-8")


def test_rendering_keeps_every_non_space_character_of_the_page():
    damage = corpus.Damage(column_break=0.5, half_width=1.0, ocr_space=1.0)
    dump = corpus.render_page(PAGE, damage, random.Random(5), headline_style="block")
    truth = "".join("".join(v for _, v in a.headlines) + "".join(a.paragraphs) for a in dump.articles)
    assert non_space(dump.text) == non_space(truth)


def test_the_same_seed_gives_the_same_dump():
    damage = corpus.DAMAGE_PRESETS["heavy"]
    one = corpus.render_page(PAGE, damage, random.Random(11))
    two = corpus.render_page(PAGE, damage, random.Random(11))
    assert one == two
    others = {corpus.render_page(PAGE, damage, random.Random(s)).data for s in range(8)}
    assert len(others) > 1


def test_damage_parse():
    assert corpus.Damage.parse(None) == corpus.Damage() == corpus.Damage.parse("none")
    assert corpus.Damage.parse("light") == corpus.DAMAGE_PRESETS["light"]
    assert corpus.Damage.parse("column_break=0.3,crlf=1") == corpus.Damage(column_break=0.3, crlf=1.0)
    for bad in ("column_brake=0.1", "crlf", "crlf=x", "crlf=2"):
        with pytest.raises(ValueError):
            corpus.Damage.parse(bad)


def write_corpus(folder: Path) -> Path:
    directory = folder / "shared" / "corpus"
    directory.mkdir(parents=True)
    records = [dict(r) for r in PAGE] + [
        {"date": "20240304", "page": 1, "seq": 1, "title_lines": ["前一天的标题"], "body": "前一天的正文内容。"}
    ]
    with gzip.open(directory / "renmin-2024-03.jsonl.gz", "wt", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return directory


def test_pages_are_grouped_by_date_and_page_in_seq_order(tmp_path):
    directory = write_corpus(tmp_path)
    pages = list(corpus.iter_renmin_pages(directory))
    assert [[(r["date"], r["page"], r["seq"]) for r in page] for page in pages] == [
        [("20240304", 1, 1)],
        [("20240305", 2, 1), ("20240305", 2, 2), ("20240305", 2, 3)],
    ]


def test_corpus_dir_looks_beside_the_repository(tmp_path):
    repo = tmp_path / "main"
    (repo / "bench").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("")
    assert corpus.corpus_dir(repo / "bench") is None
    directory = write_corpus(tmp_path)
    assert corpus.corpus_dir(repo / "bench") == directory.resolve()


def test_build_dumps_stops_at_the_target_size(tmp_path):
    directory = write_corpus(tmp_path)
    one = corpus.build_dumps(1, directory=directory)
    assert [d.path for d in one] == ["renmin-20240304-01.txt"]
    both = corpus.build_dumps(10**6, directory=directory)
    assert [d.path for d in both] == ["renmin-20240304-01.txt", "renmin-20240305-02.txt"]
    assert both[1].utf8_size == len(both[1].data)


def test_credit_lines_at_an_articles_end_are_its_closing_lines():
    page = [{"date": "20240305", "page": 2, "seq": 1, "title_lines": ["城市书房亮灯"],
             "body": "市图书馆宣布推出夜间阅读服务，读者下班后也能借阅图书。\n王  明摄（城市影像）\n"
                     "首批开放的城市书房配备自助借还设备。\n（本报记者 李青）\n版式设计：张  华"}]
    dump = corpus.render_page(page, headline_style="plain")
    # the photo credit inside the article stays a line of it; the two credit lines at its end close it
    assert dump.labels == ("head", "body", "section", "body", "closing", "closing")


@pytest.mark.parametrize("line, credit", [
    ("版式设计：郭  祥", True), ("数据来源：国家统计局", True), ("王 正摄(人民视觉)", True), ("陈明  李华摄影报道", True),
    ("栏目投稿邮箱：news2024@163.com", True), ("他说，我来摄", False), ("城市书房亮灯", False),
])
def test_credit_truth(line, credit):
    assert corpus.is_credit_truth(line) is credit


def _items(body: str) -> list[tuple[tuple, list[str]]]:
    paragraphs = body.split("\n")
    return [(heads, text) for heads, _, _, text in corpus._pieces((("main", "年味里的坚守"),), True, None, paragraphs)]


# Hand-written bundled records (no corpus text): each item is a title over a byline.
@pytest.mark.parametrize("body, stacks, last_of_first", [
    # a place kicker over the item's title goes with the item, not with the item before
    ("岁末年初，记者走进乡村。\n山西闻喜\n蒸花馍  过大年\n本报记者  王  明\n腊月里，村里家家蒸花馍。",
     [(("main", "年味里的坚守"),), (("kicker", "山西闻喜"), ("main", "蒸花馍  过大年"))], "岁末年初，记者走进乡村。"),
    # a kicker ending in a dash, as before
    ("岁末年初，记者走进乡村。\n外卖骑手周新霞——\n风雪里送年夜饭\n本报记者  王  明\n除夕夜，她跑了四十单。",
     [(("main", "年味里的坚守"),), (("kicker", "外卖骑手周新霞——"), ("main", "风雪里送年夜饭"))], "岁末年初，记者走进乡村。"),
    # two title-shaped lines: both are the item's stack (which makes the main head is a guess)
    ("岁末年初，记者走进乡村。\n急诊医生吴利东\n施仁术\n把健康守护\n本报记者  王  明\n除夕夜，急诊科灯火通明。",
     [(("main", "年味里的坚守"),), (("kicker", "急诊医生吴利东"), ("main", "施仁术"), ("subhead", "把健康守护"))],
     "岁末年初，记者走进乡村。"),
    # a dash-led title is the subhead of the line above it
    ("岁末年初，记者走进乡村。\n搭上公交进山里\n——一位返乡人的见闻\n本报记者  王  明\n腊月二十八，他坐上了公交。",
     [(("main", "年味里的坚守"),), (("main", "搭上公交进山里"), ("subhead", "——一位返乡人的见闻"))],
     "岁末年初，记者走进乡村。"),
    # a closing credit, a sign-off and a letter's date stay with the text they close
    ("市里开展送温暖活动。\n（王  明）\n城市书房亮灯\n本报电  市图书馆推出夜间阅读服务。",
     [(("main", "年味里的坚守"),), (("main", "城市书房亮灯"),)], "（王  明）"),
    ("希望大家再接再厉。\n——编  者\n城市书房亮灯\n本报记者  王  明\n市图书馆推出夜间阅读服务。",
     [(("main", "年味里的坚守"),), (("main", "城市书房亮灯"),)], "——编  者"),
    ("祝大家新年快乐。\n2024年1月1日\n城市书房亮灯\n本报记者  王  明\n市图书馆推出夜间阅读服务。",
     [(("main", "年味里的坚守"),), (("main", "城市书房亮灯"),)], "2024年1月1日"),
    # the item before keeps at least one paragraph
    ("市里开展送温暖活动。\n（本报记者  李  青）\n城市书房亮灯\n山西闻喜\n蒸花馍  过大年\n本报记者  王  明\n腊月里。",
     [(("main", "年味里的坚守"),), (("main", "城市书房亮灯"),), (("main", "蒸花馍  过大年"),)],
     "（本报记者  李  青）"),
])
def test_a_bundled_items_kickers_open_its_stack(body, stacks, last_of_first):
    items = _items(body)
    assert [heads for heads, _ in items] == stacks
    assert items[0][1][-1] == last_of_first
    # every paragraph lands in exactly one item, in order
    printed = [v for n, (heads, text) in enumerate(items) for v in [*(h for _, h in heads[1 if n == 0 else 0:]), *text]]
    assert printed == body.split("\n")


@pytest.mark.parametrize("kind, text, value", [(float, "0", 0.0), (float, "2.5", 2.5), (int, "200", 200)])
def test_non_negative_takes_zero_and_more(kind, text, value):
    assert corpus.non_negative(kind)(text) == value


@pytest.mark.parametrize("kind, text", [(float, "-1"), (float, "x"), (int, "1.5"), (int, "-3")])
def test_non_negative_is_a_usage_error_otherwise(kind, text, capsys):
    import argparse

    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--mb", type=corpus.non_negative(kind))
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["--mb", text])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("bench: error: argument --mb:") and "Traceback" not in "\n".join(err)
