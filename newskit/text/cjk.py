"""Character classes and width tables for Chinese text.

Patterns here are plain character classes (no nested quantifiers) so everything built on them stays
linear on hostile input.
"""

from __future__ import annotations

import re

#: Han ideographs: CJK Unified Ideographs, Extension A, Compatibility Ideographs, 〇.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
HAN_CLASS = f"[{HAN}]"
HAN_RE = re.compile(HAN_CLASS)

#: Full-width (Chinese) punctuation that ends a sentence.
SENTENCE_END = "。！？…"
#: Closing marks that may follow a sentence end (`。”`, `！）`).
CLOSERS = "”’」』）》】〕"
#: Marks after which a paragraph may legitimately end (sentence ends, closers, colon before a list).
PARAGRAPH_END = SENTENCE_END + CLOSERS + "：；!?.;:" + ")"
#: Full-width marks that never start a sentence: a paragraph starting with one is a continuation.
NO_START = "，。、；：？！）》」』”’…"

HALF_TO_FULL = {
    ",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）",
}


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: East Asian wide characters (Han, kana, full-width marks,
    everything from U+2E80 on) two, the rest one."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def cut_to_columns(text: str, room: int) -> str:
    """``text`` cut to at most ``room`` columns, with ``…`` where it was cut."""
    if columns(text) <= room:
        return text
    out, used = [], 1  # the ellipsis
    for c in text:
        used += columns(c)
        if used > room:
            break
        out.append(c)
    return "".join(out) + "…"


def to_halfwidth_alnum(text: str) -> str:
    """Full-width digits and Latin letters to ASCII (punctuation untouched)."""
    return "".join(
        chr(ord(c) - 0xFEE0) if ("０" <= c <= "９" or "Ａ" <= c <= "Ｚ" or "ａ" <= c <= "ｚ") else c
        for c in text
    )


def non_space(text: str) -> str:
    """The text with every whitespace character removed (the unit of split's losslessness)."""
    return "".join(text.split())
