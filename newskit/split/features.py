"""Block features for the split tagger: what the shape rules know about a block, its neighbours, and cheap
text cues (characters at its start and end, a topic-shift measure around it, a word cut by a break).

A feature is a short string (``sh=heading``, ``e2=——``, ``p:end=han``); the tagger's model weighs each one
per label. Text cues are at most two characters of the block, so a trained model holds no running text.

A block's features are its own, what it sees of its neighbours (``p:…``, ``n:…``, ``n2:…``) and, for short
blocks that could start an article, how the text around them shifts topic.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newskit.model import Block
from newskit.split import bylines
from newskit.split.classify import (
    MAX_HEAD_LINE, BlockInfo, Shape, ends_article, ends_paragraph, has_column_tag, has_photo_credit,
    is_notice_head, looks_like_ad,
)
from newskit.split.heads import is_kicker_text, is_location
from newskit.text.cjk import NO_START

_SENTENCE = re.compile(r"[。！？!?]")
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+[章节部分])")
_DATE_HEAD = re.compile(r"^\d{1,2}\s*月\s*\d{1,2}\s*日")
_NEVER_ENDS_HEAD = frozenset("的了在和与及这那把被对向从是为将也都就而并或但其之以于让给比跟同")
_LENGTH_BUCKETS = ((4, "1-4"), (8, "5-8"), (12, "9-12"), (18, "13-18"), (28, "19-28"), (40, "29-40"),
                   (80, "41-80"), (200, "81-200"))
#: Blocks this short (or heading-shaped) get the topic-shift measure: only they could start an article.
_TOPIC_CANDIDATE = 60
_TOPIC_WINDOW = 240  # characters of running text either side compared
_TOPIC_BLOCKS = 3
#: A lead paragraph names a date or a reporter early (``1月5日，``, ``近日，记者从…``): what follows a headline.
_LEAD_CUE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|记者|近日|日前|\d{4}\s*年")
_LEAD_WINDOW = 24
#: Clause marks: a break cuts one clause in two, so the clause ending a cut block and the clause opening its
#: continuation add up to one clause; a paragraph that merely ends unpunctuated leaves two whole ones.
_CLAUSE_MARK = re.compile(r"[，。！？；：、,.!?;:“”（）()《》]")
_CLAUSE_BUCKETS = ((6, "1-6"), (12, "7-12"), (18, "13-18"), (26, "19-26"), (40, "27-40"))
_DISTANCE_BUCKETS = ((1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (16, "9-16"))


@lru_cache(maxsize=65536)
def lexicon_word(text: str) -> bool:
    """Is ``text`` a word of the lexicon (jieba's dictionary, through newskit's mmapped index)?"""
    from newskit.text import lexicon

    try:
        return lexicon.freq(text) is not None
    except lexicon.LexiconError:
        return False


def _bucket(n: float, buckets: tuple[tuple[float, str], ...], above: str) -> str:
    """The name of the first bucket whose limit ``n`` does not exceed, else ``above``."""
    for limit, name in buckets:
        if n <= limit:
            return name
    return above


def _length(n: int) -> str:
    return _bucket(n, _LENGTH_BUCKETS, "201+")


def _end_class(text: str) -> str:
    last = text[-1]
    if text.endswith("——"):
        return "dash"
    if last in "。！？!?…":
        return "sent"
    if last in "，,、":
        return "comma"
    if last in "：:":
        return "colon"
    if last in "；;":
        return "semi"
    if last in "”’」』）》】〕)":
        return "closer-sent" if ends_paragraph(text) else "closer-word"
    if "\u4e00" <= last <= "\u9fff":
        return "han"
    if last.isdigit():
        return "digit"
    if last.isascii() and last.isalpha():
        return "latin"
    return "other"


def _distance(n: int | None) -> str:
    return "none" if n is None else _bucket(n, _DISTANCE_BUCKETS, "17+")


def _clause(n: int) -> str:
    return _bucket(n, _CLAUSE_BUCKETS, "41+")


def _tail_clause(text: str) -> int:
    """Characters after the last clause mark (the whole text when there is none)."""
    marks = list(_CLAUSE_MARK.finditer(text, max(0, len(text) - 60)))
    return len(text) - marks[-1].end() if marks else min(len(text), 60)


def _head_clause(text: str) -> int:
    m = _CLAUSE_MARK.search(text, 0, 60)
    return m.start() if m else min(len(text), 60)


def _count(n: int) -> str:
    return str(n) if n < 3 else "3+"


def bigrams(text: str) -> set[str]:
    """Character bigrams: a topic fingerprint that needs no word segmentation (jieba-speed segmentation of
    every block would cost more than the whole split)."""
    return set(map(str.__add__, text, text[1:]))


_OVERLAP_BUCKETS = ((0.0, "0"), (0.03, "lo"), (0.08, "mid"), (0.16, "hi"))


def _overlap(a: set[str], b: set[str]) -> str:
    """How much of the smaller set the other shares, bucketed."""
    if not a or not b:
        return "none"
    return _bucket(len(a & b) / min(len(a), len(b)), _OVERLAP_BUCKETS, "top")


def _base(block: Block, info: BlockInfo, gap: int, shape: str, length: str, end: str) -> list[str]:
    """The block's own features."""
    text = block.text
    flat = text.replace("\n", "")
    n = len(flat)
    lines = text.count("\n") + 1
    sentences = len(_SENTENCE.findall(flat)) if n < 400 else 3
    feats = [
        f"sh={shape}", f"len={length}", f"end={end}", f"sent={_count(sentences)}", f"nl={_count(lines - 1)}",
        f"s1={flat[0]}", f"s2={flat[:2]}", f"e1={flat[-1]}", f"e2={flat[-2:]}", f"gap={_count(gap)}",
        f"sh={shape}|len={length}", f"sh={shape}|end={end}",
    ]
    if info.md_level:
        feats.append(f"md={info.md_level}")
    if info.may_head:
        feats.append("may_head")
    if info.byline_start:
        feats.append("byline_start")
    if info.broken_byline:
        feats.append("broken_byline")
    if n <= 90:
        # Heading-shaped cues only matter for short blocks; long ones are running text whatever they hold.
        if "，" in flat or "," in flat:
            feats.append("comma")
        if "！" in flat or "!" in flat:
            feats.append("excl")
        if "“" in flat or "\"" in flat:
            feats.append("quote")
        if flat.startswith("——"):
            feats.append("dash_start")
        if is_kicker_text(flat):
            feats.append("kicker_end")
        if is_location(flat):
            feats.append("location")
        if has_column_tag(flat):
            feats.append("column_tag")
        if ends_article(flat):
            feats.append("closing_line")
        if is_notice_head(flat):
            feats.append("notice_word")
        if _ENUMERATED.match(flat):
            feats.append("enumerated")
        if _DATE_HEAD.match(flat):
            feats.append("date_head")
        if bylines.is_bare_name(flat):
            feats.append("bare_name")
        if bylines.is_byline_line(flat):
            feats.append("byline_line")
        if flat[-1] in _NEVER_ENDS_HEAD:
            feats.append("function_word_end")
        if any(len(line.strip()) > MAX_HEAD_LINE for line in text.split("\n")):
            feats.append("long_line")
    if n <= 400 and has_photo_credit(flat):
        feats.append("photo_credit")
    if flat[0] in NO_START:
        feats.append("continuation_mark")
    if n >= 20 and looks_like_ad(text):
        feats.append("ad")
    return feats


#: A block this long that ends a sentence, after a block that ends one, is running text whatever else it
#: holds (headlines, section titles and credits do not end on 。): the tagger labels it ``body`` without
#: weighing features — most blocks of a page.
_SETTLED_LENGTH = 50
_CAPTION_START = tuple("▲△▼▽") + ("图为",)
SETTLED = "settled"


def settled_blocks(blocks: list[Block], infos: list[BlockInfo]) -> list[bool]:
    """Which blocks are certainly body paragraphs (see ``_SETTLED_LENGTH``)."""
    out = []
    prev_ends = False  # the previous block ends a paragraph and is no caption (a break may run across one)
    for block, info in zip(blocks, infos, strict=True):
        text = block.text
        ends = ends_paragraph(text)
        out.append(prev_ends and ends and len(text) > _SETTLED_LENGTH and not info.md_level
                   and info.shape is Shape.BODY and not text.startswith(_CAPTION_START))
        prev_ends = ends and info.shape is not Shape.CAPTION
    return out


def heading_form(text: str) -> str:
    """A heading's printed form: Han characters as ``H``, digits ``D``, Latin ``L``, everything else itself
    (``复兴之光 扬帆远航`` -> ``HHHH HHHH``). The section titles of one article share one form; the next
    article's headline seldom has it."""
    out = []
    for ch in text.replace("\n", ""):
        if "\u4e00" <= ch <= "\u9fff":
            out.append("H")
        elif ch.isdigit():
            out.append("D")
        elif ch.isascii() and ch.isalpha():
            out.append("L")
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(ch)
    return re.sub(" +", " ", "".join(out))


def form_features(texts: list[str], heading: list[bool]) -> list[tuple[str, ...]]:
    """``form_prev=same|diff|none`` and ``form_next=…`` for each heading-shaped block: does its form match the
    nearest heading-shaped block before (after) it, past its own stack? Parallel forms mark a run of section
    titles inside one article (a long review's ``HHHH HHHH`` titles, ``春——`` / ``夏——``)."""
    n = len(texts)
    forms = [heading_form(t) if h else "" for t, h in zip(texts, heading, strict=True)]
    out: list[tuple[str, ...]] = [()] * n
    for k in range(n):
        if not heading[k]:
            continue
        j = k - 1
        while j >= 0 and heading[j]:  # its own stack
            j -= 1
        while j >= 0 and not heading[j]:
            j -= 1
        m = k + 1
        while m < n and heading[m]:
            m += 1
        while m < n and not heading[m]:
            m += 1
        prev = "none" if j < 0 else ("same" if forms[j] == forms[k] else "diff")
        nxt = "none" if m >= n else ("same" if forms[m] == forms[k] else "diff")
        out[k] = (f"form_prev={prev}", f"form_next={nxt}", f"form={prev}|{nxt}")
    return out


class _Bigrams:
    """Bigram sets of each block's first and last ``_TOPIC_WINDOW // _TOPIC_BLOCKS`` characters, made once."""

    def __init__(self, texts: list[str], common: frozenset[str]) -> None:
        self.texts = texts
        self.common = common
        self.heads: dict[int, set[str]] = {}
        self.tails: dict[int, set[str]] = {}
        self.span = _TOPIC_WINDOW // _TOPIC_BLOCKS

    def _set(self, text: str) -> set[str]:
        return bigrams(text) - self.common

    def head(self, k: int) -> set[str]:
        got = self.heads.get(k)
        if got is None:
            got = self.heads[k] = self._set(self.texts[k][:self.span])
        return got

    def tail(self, k: int) -> set[str]:
        got = self.tails.get(k)
        if got is None:
            got = self.tails[k] = self._set(self.texts[k][-self.span:])
        return got


def block_features(blocks: list[Block], infos: list[BlockInfo],
                   word: callable | None = None, common: frozenset[str] = frozenset(),
                   settled: list[bool] | None = None) -> list[list[str]]:
    """The feature strings of every block, in order. ``word(s)`` says whether ``s`` is a lexicon word (for the
    cut-word cues across a break); None skips those cues. ``common`` are bigrams too frequent to say anything
    about a topic (the model ships them), left out of the topic-shift measure. A settled block
    (``settled_blocks``) gets the one feature ``settled``: its label is fixed."""
    n = len(blocks)
    if settled is None:
        settled = settled_blocks(blocks, infos)
    texts = [b.text for b in blocks]
    summaries: list[tuple[str, str, str, str]] = []  # shape, length bucket, end class, byline flag
    for block, info in zip(blocks, infos, strict=True):
        text = block.text
        shape = "md" if info.md_level else info.shape.value
        summaries.append((shape, _length(len(text) - text.count("\n")), _end_class(text.replace("\n", "")),
                          "1" if info.byline_start or info.shape is Shape.BYLINE else "0"))
    # Distance to the nearest heading-shaped block before and after: sections recur inside long articles,
    # a headline stands between two articles' worth of running text.
    since: list[int | None] = []
    last = None
    for k in range(n):
        since.append(None if last is None else k - last)
        if summaries[k][0] in ("heading", "md"):
            last = k
    until: list[int | None] = [None] * n
    nxt = None
    for k in range(n - 1, -1, -1):
        until[k] = None if nxt is None else nxt - k
        if summaries[k][0] in ("heading", "md"):
            nxt = k
    bigrams = _Bigrams(texts, common)
    forms = form_features(texts, [sm[0] in ("heading", "md") for sm in summaries])
    # A page that marks headlines with ``#`` prints its plain short lines as section titles, not headlines.
    page = "md" if any(info.md_level for info in infos) else "plain"
    out: list[list[str]] = []
    prev_end = 0
    for k in range(n):
        block = blocks[k]
        gap = block.line_start - prev_end - 1 if k else 0
        prev_end = block.line_end
        if settled[k]:
            out.append([SETTLED])
            continue
        text = texts[k]
        shape, length, end, bl = summaries[k]
        feats = _base(block, infos[k], gap, shape, length, end)
        feats.append(f"page={page}|sh={shape}")
        if k == 0:
            feats.append("first")
            feats.append("p:none")
        else:
            a = texts[k - 1]
            pshape, plen, pend, pbl = summaries[k - 1]
            feats += (f"p:sh={pshape}", f"p:len={plen}", f"p:end={pend}", f"p:bl={pbl}",
                      f"p:md={infos[k - 1].md_level}", f"p:sh={pshape}|end={pend}", f"p:e1={a[-1]}",
                      f"p:e2={a[-2:]}", f"p:len={plen}|end={pend}", f"p:sh={pshape}|sh={shape}")
            if len(a) <= 90 and ("，" in a or "," in a):
                feats.append("p:comma")
        if k + 1 < n:
            b = texts[k + 1]
            nshape, nlen, nend, nbl = summaries[k + 1]
            feats += (f"n:sh={nshape}", f"n:len={nlen}", f"n:end={nend}", f"n:bl={nbl}",
                      f"n:md={infos[k + 1].md_level}", f"n:sh={nshape}|len={nlen}",
                      f"n:lead={'1' if _LEAD_CUE.search(b, 0, _LEAD_WINDOW) else '0'}", f"n:s1={b[0]}",
                      f"n:s2={b[:2]}", f"sh={shape}|n:sh={nshape}")
            if k + 2 < n:
                feats.append(f"n2:sh={summaries[k + 2][0]}")
                feats.append(f"n2:bl={summaries[k + 2][3]}")
        else:
            feats.append("last")
            feats.append("n:none")
        if k and len(text) <= _TOPIC_CANDIDATE and (shape in ("heading", "md") or infos[k].may_head):
            before = set().union(*(bigrams.tail(j) for j in range(max(0, k - 2 * _TOPIC_BLOCKS), k)))
            after = set().union(*(bigrams.head(j) for j in range(k + 1, min(n, k + 1 + _TOPIC_BLOCKS))))
            own = bigrams.head(k)
            feats += (f"topic={_overlap(before, after)}", f"head_body={_overlap(own, after)}",
                      f"head_prev={_overlap(own, before)}", f"since={_distance(since[k])}",
                      f"until={_distance(until[k])}")
        feats += forms[k]
        if k and summaries[k - 1][2] in ("han", "digit", "latin", "closer-word"):
            # the previous block stops mid-sentence: is this block the rest of it?
            a = texts[k - 1]
            feats.append(f"x2={a[-1]}{text[0]}")
            tail, head = _tail_clause(a), _head_clause(text)
            feats += (f"x_clause={_clause(tail + head)}", f"p:tail_clause={_clause(tail)}",
                      f"head_clause={_clause(head)}")
            if word is not None:
                if word(a[-1:] + text[:1]) or word(a[-1:] + text[:2]) or word(a[-2:] + text[:1]):
                    feats.append("word_across")
                # a title ends on a whole word and a paragraph starts on one; a break falls anywhere
                if not (word(a[-2:]) or word(a[-3:])):
                    feats.append("p:ends_mid_word")
                if not (word(text[:2]) or word(text[:3])):
                    feats.append("starts_mid_word")
        out.append(feats)
    return out
