"""bench/split_bench.py scoring: a splitter's records compared with the truth of a hand-written page."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from newskit.model import Article, Byline, Document, Headline, Kind, MappedText, Paragraph

_PATH = Path(__file__).resolve().parents[2] / "bench" / "split_bench.py"
_spec = importlib.util.spec_from_file_location("bench_split_bench", _PATH)
split_bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_split_bench"] = split_bench
_spec.loader.exec_module(split_bench)
corpus = split_bench.corpus

PAGE = [
    {"date": "20240306", "page": 5, "seq": 1, "title_lines": ["老街夜市重新开张——", "三十多个摊位迎来首批食客"],
     "body": "本报讯（记者 赵一帆）6日晚，改造后的老街夜市重新开张，三十多个摊位陆续亮灯迎客。\n"
             "摊主老周说，今年准备了五种新口味的糕点，希望能吸引更多年轻顾客。\n"
             "街道办表示，夜市将每晚开放至23时。"},
    {"date": "20240306", "page": 5, "seq": 2, "title_lines": ["社区食堂试运营"],
     "body": "本报讯（记者 钱多多）社区食堂本周开始试运营，老人用餐可享受优惠。\n首周共接待居民八百余人次。"},
]


def mapped(text: str) -> MappedText:
    return MappedText(text, ())


def perfect_records(dump, *, join_breaks=True, byline_out=False) -> list[Article]:
    """What an ideal splitter returns; the opening byline may be moved into ``byline``."""
    breaks = {(b.article, b.paragraph): b for b in dump.breaks}
    records = []
    for a, truth in enumerate(dump.articles):
        body: list[Paragraph] = []
        for k, text in enumerate(truth.paragraphs):
            brk = breaks.get((a, k))
            if brk and not join_breaks:
                body += [Paragraph(mapped(brk.before)), Paragraph(mapped(brk.after))]
            else:
                body.append(Paragraph(mapped(text)))
        byline = None
        if byline_out:
            cut = body[0].text.index("）") + 1
            byline = Byline(body[0].text[:cut], (), mapped(body[0].text[:cut]))
            body[0] = Paragraph(mapped(body[0].text[cut:]))
        heads = tuple(Headline(role, value, mapped(value)) for role, value in truth.headlines)
        records.append(Article(f"t:{a}", Kind.ARTICLE, dump.path, truth.line_start, truth.line_end, heads,
                               byline, body=tuple(body)))
    return records


def score(dump, records, to_record=None):
    acc = split_bench.Accuracy()
    split_bench.evaluate_page(dump, Document.from_text(dump.text, dump.path), records, to_record, acc, keep=5)
    return acc


def broken_dump():
    dump = corpus.render_page(PAGE, corpus.Damage(column_break=1.0), random.Random(2), headline_style="plain")
    assert len(dump.breaks) == 5
    return dump


def test_a_perfect_split_scores_everything():
    dump = broken_dump()
    acc = score(dump, perfect_records(dump))
    assert (acc.articles, acc.main_found, acc.stack_found, acc.first_found, acc.last_found, acc.whole_found) == (
        2, 2, 2, 2, 2, 2)
    assert (acc.breaks, acc.breaks_rejoined, acc.false_joins, acc.boundaries) == (5, 5, 0, 3)
    assert acc.pages_lossless == acc.pages_count_equal == 1 and not acc.failures


def test_a_byline_moved_out_of_the_first_paragraph_still_counts():
    dump = broken_dump()
    assert score(dump, perfect_records(dump, byline_out=True)).first_found == 2


def test_unjoined_breaks_are_counted_and_reported():
    dump = broken_dump()
    acc = score(dump, perfect_records(dump, join_breaks=False))
    assert acc.breaks_rejoined == 0 and len(acc.failures["break not rejoined"]) == 5
    assert acc.first_found == 0 and acc.last_found == 0  # the truth holds whole paragraphs
    assert acc.pages_lossless == 1  # nothing was lost, only left apart


def test_joining_real_paragraphs_is_a_false_join():
    dump = corpus.render_page(PAGE, headline_style="plain")
    records = perfect_records(dump)
    first = records[0]
    merged = Paragraph(mapped(first.body[0].text + first.body[1].text))
    records[0] = Article(first.uri, first.kind, first.path, first.line_start, first.line_end, first.headlines,
                         body=(merged, first.body[2]))
    acc = score(dump, records)
    assert acc.false_joins == 1 and acc.first_found == 1 and acc.last_found == 2


def test_a_dropped_record_is_not_lossless():
    dump = corpus.render_page(PAGE, headline_style="plain")
    acc = score(dump, perfect_records(dump)[:1])
    assert acc.pages_lossless == acc.pages_count_equal == 0
    assert acc.main_found == 1 and "lossless" in acc.failures
    assert acc.chars_in - acc.chars_out == len("社区食堂试运营") + len(split_bench.non_space(PAGE[1]["body"]))


def test_record_texts_reads_text_fields_only():
    record = {"uri": "x:1", "kind": "article", "headlines": [{"role": "main", "value": "标题"}],
              "by": "本报讯（记者 甲）", "credits": [{"name": "甲", "role": "记者"}], "body": ["正文一。", "正文二。"],
              "dateline": {"text": "3月6日"}, "extra": ["图片说明"]}
    assert split_bench.record_texts(object(), lambda _: record) == [
        "标题", "本报讯（记者 甲）", "正文一。", "正文二。", "图片说明"]


def test_a_one_paragraph_article_with_its_byline_moved_out_has_its_last_paragraph():
    page = [{"date": "20240306", "page": 6, "seq": 1, "title_lines": ["简讯"],
             "body": "本报讯（记者 孙小雨）区体育馆本周六起恢复夜间开放。"}]
    dump = corpus.render_page(page, headline_style="plain")
    acc = score(dump, perfect_records(dump, byline_out=True))
    assert (acc.first_found, acc.last_found, acc.whole_found) == (1, 1, 1)


def test_describe_says_how_a_paragraph_differs():
    assert split_bench.describe("甲乙丙丁", "甲乙").startswith("cut short: 2 of 4")
    assert split_bench.describe("甲乙", "甲乙丙丁").startswith("ran on: +2")
    assert split_bench.describe("甲乙丙丁", "丙丁").startswith("lost its head")
    assert split_bench.describe("丙丁", "甲乙丙丁").startswith("extra head")
    assert split_bench.describe("甲乙", "").startswith("missing")
