"""Blocks as printed (``make_blocks``, compiled in ``newskit._core``): table cases and a property."""

import pytest
from hypothesis import given, settings, strategies as st

from newskit.model import Document
from newskit.split.blocks import make_blocks

CASES = [
    ("paragraphs apart by blank lines", "标题\n\n正文一\n正文二\n\n\n尾", [("标题", 1, 1), ("正文一\n正文二", 3, 4), ("尾", 7, 7)]),
    ("indents and white-only lines", "\u3000\u3000第一段 \n \u00a0\t\n第二段", [("第一段", 1, 1), ("第二段", 3, 3)]),
    ("leading blank lines", "\n\n\n甲\n乙", [("甲\n乙", 4, 5)]),
    ("a single line end keeps one block", "甲\n 乙", [("甲\n 乙", 1, 2)]),
    ("CR, FF and VT count as blank", "甲\n\r\f\v\n乙", [("甲", 1, 1), ("乙", 3, 3)]),
    ("nothing but white space", "\n \n\u3000\n", []),
    ("empty", "", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_blocks(text, expected):
    doc = Document.from_text(text)
    blocks = make_blocks(doc)
    assert [(b.text, b.line_start, b.line_end) for b in blocks] == expected
    for k, b in enumerate(blocks):
        assert b.index == k and doc.text[b.start:b.end] == b.text
        assert doc.line_of(b.start) == b.line_start and doc.line_of(b.end - 1) == b.line_end


_WS = " \t\n\u3000\u00a0\f\v\r"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("甲乙, \t\n\u3000\u00a0\r\f\v")), max_size=40))
def test_blocks_keep_every_printed_character_and_no_outer_space(text):
    doc = Document.from_text(text)
    blocks = make_blocks(doc)
    assert "".join(c for b in blocks for c in b.text if c not in _WS) == "".join(c for c in text if c not in _WS)
    for b, nxt in zip(blocks, blocks[1:]):
        assert b.end < nxt.start
        gap = text[b.end:nxt.start]
        assert gap.strip(_WS) == "" and gap.count("\n") >= 2  # blocks are parted by a blank line
    for b in blocks:
        assert b.text == b.text.strip(_WS)
        assert all(line.strip(_WS) for line in b.text.split("\n"))  # no blank line inside a block
