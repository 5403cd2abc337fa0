"""Property: whatever the dump, split loses no character and puts each in exactly one record."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.model import Document
from newskit.split import article_to_record, record_text, split_document
from newskit.text.cjk import non_space

# Pieces that exercise every classifier: bylines, markers, headings, captions, breaks, ads, punctuation.
FRAGMENTS = [
    "本报讯（记者 张三 实习生 李四）", "本报讯(通讯员 王五)", "本报讯（邹红辉 通讯员 陆意", "刘紫星）",
    "■本报记者 周琪", "记者 周健 通讯员 李研", "文/李逸峰 供图/某局", "津文", "新华社北京3月18日电（记者 赵六）",
    "# ", "## ", "#### ", "——", "——记某某", "：", "▲", "■通讯员 何社成 摄", "刘丽强摄", "图为",
    "3月18日", "2月29日 星期六 天气晴", "近日，", "2020年是", "（未完待续）", "联系电话:28200686",
    "m <sup>2</sup>", "**加粗**", "\t", "  ", "\u3000", "。", "，", ",", "；", "“", "”", "《", "》", "（", "）",
    "市总工会", "发出倡议", "农业现代化", "会议召开。刘正兴出席并讲话", "问答", "APP", "2,000", "www.a.cn",
]
TEXT_PART = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="天地人和中国新闻社区工作的了在是有一二三", max_size=12))
LINE = st.lists(TEXT_PART, max_size=8).map("".join)
DUMP = st.lists(st.tuples(LINE, st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n\r\n"])), max_size=25).map(
    lambda parts: "".join(line + sep for line, sep in parts))


@settings(max_examples=300, deadline=None)
@given(DUMP)
def test_split_is_lossless(text: str) -> None:
    text = text.replace("\r\n", "\n")
    doc = Document.from_text(text, path="prop.txt")
    articles = split_document(doc)
    recs = [article_to_record(a) for a in articles]
    assert Counter(non_space("".join(record_text(r) for r in recs))) == Counter(non_space(text))
    owned = [b for a in articles for b in a.blocks]
    assert len(owned) == len(set(owned)), "a block belongs to two records"
    for a in articles:
        for mapped in a.texts():  # every piece of record text maps back to the same document text
            for p in mapped.pieces:
                assert mapped.text[p.offset:p.offset + p.end - p.start] == text[p.start:p.end]


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(FRAGMENTS), st.integers(min_value=200, max_value=2000))
def test_hostile_repetition_terminates(fragment: str, times: int) -> None:
    # Long runs of one fragment (a hostile or corrupt dump) must split without blowing up.
    text = (fragment * times)[:20000]
    recs = split_document(Document.from_text(text, path="hostile.txt"))
    assert Counter(non_space("".join(record_text(article_to_record(a)) for a in recs))) == Counter(non_space(text))
