"""Two units, one engine: a wrong join or a missed join in the reflow hides no pair, and each pair of
passages is reported once, on the unit that explains it best."""

import pytest

from newskit.dedupe import DedupeSettings, Passage, Relation, article_passages, run, text_passages
from newskit.dedupe.units import make_units
from newskit.io import read_document
from newskit.model import Document
from newskit.split import split_document

from .test_engine import P1, P2, P3, P4

HEADLINE = "全市新增城镇就业岗位一万二千个"
FRAGMENT = P3[:30]  # cut mid-sentence: 县图书馆少儿阅览室经过两个月装修重新开放，新增绘本两千余册和十台
CREDIT = "（本报记者 扎西次仁）"


def glued(*texts: str, path: str = "b.txt") -> Passage:
    """One reflowed passage made of printed paragraphs, with its soft breaks where they were joined."""
    breaks, at = [], 0
    for text in texts[:-1]:
        at += len(text)
        breaks.append(at)
    return Passage(text="".join(texts), path=path, breaks=tuple(breaks))


def test_parts_are_the_printed_paragraphs_long_enough_to_match():
    units = make_units([glued(FRAGMENT, HEADLINE, P4), Passage(P1)], 15)
    assert [(g, part) for g, part in zip(units.group, units.part)] == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0)]
    assert units.text(1) + units.text(2) + units.text(3) == units.text(0)
    # A 3-character printed paragraph (a glued section title) is no unit; the rest of the passage is one.
    short = make_units([Passage(P1, breaks=(3,))], 15)
    assert short.part == [0, 1] and short.text(1) == short.text(0)[3:]


def test_a_fragment_glued_to_the_next_headline_and_paragraph_is_still_found():
    result = run([Passage(P3, "a.txt"), Passage(P4, "a.txt", line=3), glued(FRAGMENT, HEADLINE, P4)],
                 DedupeSettings())
    found = sorted((d.kind, d.a.path, d.b.path, d.a.text if d.kind == "contained" else d.b.text)
                   for d in result.duplicates)
    # Once per pair of passages, on the printed paragraph: the fragment inside its original, the
    # paragraph after the headline an exact copy (not: the glued passage "overlapping" both).
    assert found == [("contained", "b.txt", "a.txt", FRAGMENT.rstrip("，")), ("exact", "a.txt", "b.txt", P4.rstrip("。"))]


def test_a_missed_join_finds_both_halves():
    half = len(P2) // 2
    first = list(text_passages(P2, "a.txt"))
    second = list(text_passages(P2[:half] + "\n\n" + P2[half:], "b.txt"))
    kinds = sorted((d.kind, d.a.line) for d in run(first + second, DedupeSettings()).duplicates)
    assert kinds == [("contained", 1), ("contained", 3)]


def test_a_correct_join_is_one_exact_pair_not_three():
    half = len(P1) // 2
    result = run([Passage(P1, "a.txt"), glued(P1[:half], P1[half:])], DedupeSettings())
    assert [(d.kind, d.score) for d in result.duplicates] == [("exact", 1.0)]


def test_the_fragment_the_split_puts_in_a_head_stack_is_compared(tmp_path):
    # A cut paragraph left before the next headline stays body text (see
    # test_split_keeps_a_fragment_out_of_the_next_head_stack) and is compared like any passage.
    page = tmp_path / "page.txt"
    page.write_text(f"城区供热管网改造进入收尾阶段\n\n本报讯（记者 李明）{P2}\n\n{FRAGMENT}\n\n{HEADLINE}\n\n{P4}\n",
                    encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(f"县图书馆重新开放\n\n{P3}\n", encoding="utf-8")
    passages = []
    for path in (source, page):
        doc = read_document(path)
        passages.extend(article_passages(doc, split_document(doc)))
    (dup,) = run(passages, DedupeSettings()).duplicates
    assert dup.relation is Relation.CONTAINED and dup.a.path.endswith("page.txt") and dup.a.line == 5


def _page(*blocks: str) -> Document:
    return Document.from_text("\n\n".join(blocks) + "\n", path="page.txt")


def test_split_keeps_a_fragment_out_of_the_next_head_stack():
    """What dedupe needs from split's reflow: a block cut mid-sentence right before the next article's head
    stack stays body text (of the article before, or a fragment record); the next article's headline is
    exactly its printed title line."""
    doc = _page("城区供热管网改造进入收尾阶段", "本报讯（记者 李明）" + P2, FRAGMENT, HEADLINE, P4)
    records = split_document(doc)
    heads = [h.value for r in records for h in r.headlines]
    assert FRAGMENT not in "".join(heads)
    assert [h.value for r in records for h in r.headlines if HEADLINE in h.value] == [HEADLINE]
    assert any(p.text == FRAGMENT for r in records for p in r.body)


def test_split_never_glues_a_closing_credit_line_to_what_follows():
    """(Holds today in these layouts; a guard for the reflow rewrite.) A closing credit line `（本报记者 扎西次仁）` ends the article's text even though `）` hides the 仁
    ends_paragraph looks at: it is never glued to the next block, neither to a paragraph nor to a headline."""
    for after in (P4, HEADLINE + "\n\n" + P4):
        doc = _page("城区供热管网改造进入收尾阶段", "本报讯（记者 李明）" + P2, P3[:40], CREDIT, after)
        for record in split_document(doc):
            for p in record.body:
                assert CREDIT not in p.text or p.text.strip() == CREDIT
            assert all(CREDIT not in h.value for h in record.headlines)
