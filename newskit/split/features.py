"""Block features for the split tagger: what the shape rules know about a block, its neighbours, and cheap
text cues (characters at its start and end, a topic-shift measure around it, a word cut by a break).

A feature is a short string (``sh=heading``, ``e2=——``, ``p:end=han``); the tagger's model weighs each one
per label. Text cues are at most two characters of the block, so a trained model holds no running text.

A block's features are its own, what it sees of its neighbours (``p:…``, ``n:…``, ``n2:…``) and, for short
blocks that could start an article, how the text around them shifts topic.

The extractor is compiled (``rust/newskit-core/src/split/features.rs``, one method per group of features;
the feature strings are the model's vocabulary, so changing one means retraining). This module packs a
page for it and hands it the shape rules' own patterns (``classify``, ``bylines``, ``heads``), so the block
classifier and the features read every pattern alike.
"""

from __future__ import annotations

from functools import lru_cache

from newskit import _core
from newskit.model import Block
from newskit.split import bylines, classify, heads
from newskit.split.classify import BlockInfo, Shape
from newskit.text import cjk

SETTLED = "settled"
#: Prefixes of the feature families added after the extractor was compiled (the shape windows, the credit
#: line): the differential test against the pure-Python extractor leaves them out.
NEWER_FEATURES = ("w3=", "w5=", "wf=", "wb=", "credit_line")

_SHAPE_CODE = {shape: k for k, shape in enumerate(Shape)}  # the order of features.rs ``Shape::ALL``


@lru_cache(maxsize=65536)
def lexicon_word(text: str) -> bool:
    """Is ``text`` a word of the lexicon (jieba's dictionary, through newskit's mmapped index)?"""
    from newskit.text import lexicon

    try:
        return lexicon.freq(text) is not None
    except lexicon.LexiconError:
        return False


def as_ported(features: list[str]) -> list[str]:
    """A block's feature strings as the pure-Python extractor spelled them: without ``NEWER_FEATURES``, and
    with the ``block`` page kind (a headline stack printed as one block of lines, added since) read as the
    ``plain`` it was then. For the differential tests against that extractor."""
    return [f.replace("page=block|", "page=plain|", 1) for f in features if not f.startswith(NEWER_FEATURES)]


def _never_a_word(text: str) -> bool:
    return False


def word_source(word):
    """What the compiled extractor looks words up in for ``word``: ``lexicon_word`` becomes the lexicon
    index's own buffer (searched in place, no call back into Python per lookup); any other callable is
    called; None skips the cut-word cues."""
    if word is not lexicon_word:
        return word
    from newskit.text import lexicon

    try:
        return lexicon.default().layout()
    except lexicon.LexiconError:
        return _never_a_word


def bigrams(text: str) -> set[str]:
    """Character bigrams: a topic fingerprint that needs no word segmentation (jieba-speed segmentation of
    every block would cost more than the whole split)."""
    return set(map(str.__add__, text, text[1:]))


def _cue_source() -> dict:
    """The shape rules' patterns (source text, flags, whether used with ``.match``) and string constants."""
    def pattern(p, anchored: bool) -> tuple[str, int, bool]:
        return p.pattern, int(p.flags), anchored

    return {
        "patterns": {
            "article_end": pattern(classify._ARTICLE_END, True),
            "column_tag": pattern(classify._COLUMN_TAG, False),
            "notice_head": pattern(classify._NOTICE_HEAD, False),
            "photo_credit": pattern(classify._PHOTO_CREDIT, False),
            "agency_note": pattern(classify._AGENCY_NOTE, False),
            "credit_line": pattern(classify._CREDIT_LINE, False),
            "location": pattern(heads._LOCATION, True),
            "role_line": pattern(bylines._ROLE_LINE, True),
            "marked_line": pattern(bylines._MARKED_LINE, True),
            "bare_name": pattern(bylines._BARE_NAME, True),
            "box_head": pattern(_box_head(), False),
            "md_heading": pattern(classify.MD_HEADING, True),
            "broken_byline": pattern(bylines.BROKEN_BYLINE, True),
            "byline_prefix": pattern(bylines.BYLINE_PREFIX, True),
            "close_prefix": pattern(bylines._CLOSE_PREFIX, True),
            "meeting_subhead": pattern(classify._MEETING_SUBHEAD, True),
            "sentence_mark": pattern(classify._SENTENCE_MARK, False),
            "caption_mark": pattern(classify._CAPTION_MARK, True),
            "word_char": pattern(classify._WORD_CHAR, False),
            "continued_mark": pattern(classify.CONTINUED_MARK, False),
            "credit_tail": pattern(classify.CREDIT_TAIL, False),
            "title_name": pattern(bylines._TITLE_NAME, True),
            "credit_split": pattern(bylines._SPLIT, False),
        },
        "ad_signals": [(p.pattern, int(p.flags)) for p in classify._AD_SIGNALS],
        "ad_threshold": classify.AD_THRESHOLD,
        "strings": {
            "kicker_end": list(heads._KICKER_END),
            "credit_endings": list(classify._CREDIT_ENDINGS),
            "caption_start": list(_CAPTION_START),
            "closers": [cjk.CLOSERS],
            "sentence_end": [cjk.SENTENCE_END],
            "paragraph_end": [cjk.PARAGRAPH_END],
            "no_start": [cjk.NO_START],
            "roles": list(bylines.ROLES),
        },
        "max_head_line": classify.MAX_HEAD_LINE,
    }


#: A caption opens with a mark or 图为: such a block is never settled as body text.
_CAPTION_START = tuple("▲△▼▽") + ("图为",)


def _box_head():
    from newskit.split import tagger

    return tagger._BOX_HEAD


def core_tagger(weights: dict | None = None, transitions=None, bias=None, common=frozenset(),
                second=None) -> _core.SplitTagger:
    """A compiled tagger over the shape rules' patterns and a model's weights (none: features only);
    ``second`` is a stacked pass's (weights, transitions)."""
    zero = [[0.0] * 8 for _ in range(8)]
    if second is not None:
        second = (second[0], [list(r) for r in second[1]])
    return _core.SplitTagger(_cue_source(), weights or {}, [list(r) for r in (transitions or zero)],
                             list(bias or [0.0] * 8), sorted(common), second)


@lru_cache(maxsize=8)
def _featuriser(common: frozenset[str]) -> _core.SplitTagger:
    return core_tagger(common=common)


def pack(blocks: list[Block], infos: list[BlockInfo]) -> tuple:
    """A page as the compiled tagger reads it: the blocks' texts as one UTF-8 buffer and their lengths, the
    lines they span, and each ``BlockInfo`` as bits (shape, markdown level << 3, may_head, broken_byline,
    byline_start from bit 7)."""
    texts = [b.text for b in blocks]
    joined = "".join(texts)
    try:
        data = joined.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (never from a decoded file): one "?" keeps the lengths
        data = joined.encode("utf-8", "replace")
    codes = [_SHAPE_CODE[i.shape] | i.md_level << 3 | i.may_head << 7 | i.broken_byline << 8 | i.byline_start << 9
             for i in infos]
    if len(codes) != len(texts):
        raise ValueError("one BlockInfo per block")
    return (data, list(map(len, texts)), [b.line_start for b in blocks], [b.line_end for b in blocks], codes)


def settled_blocks(blocks: list[Block], infos: list[BlockInfo]) -> list[bool]:
    """Which blocks are certainly body paragraphs: long, ending a sentence after a block that ends one, body
    shaped, no caption (the tagger labels them ``body`` without weighing features — most blocks of a page)."""
    return _featuriser(frozenset()).settled(pack(blocks, infos))


def context_features(blocks: list[Block], infos: list[BlockInfo], labels: list[int], settled: list[bool],
                     common: frozenset[str] = frozenset()) -> list[list[str]]:
    """The stacked pass's features of every block: the article the first pass's ``labels`` put it in
    (``common`` as for ``block_features``)."""
    return _featuriser(frozenset(common)).context_features(pack(blocks, infos), labels, settled)


def block_features(blocks: list[Block], infos: list[BlockInfo],
                   word: callable | None = None, common: frozenset[str] = frozenset(),
                   settled: list[bool] | None = None) -> list[list[str]]:
    """The feature strings of every block, in order. ``word(s)`` says whether ``s`` is a lexicon word (for the
    cut-word cues across a break); None skips those cues. ``common`` are bigrams too frequent to say anything
    about a topic (the model ships them), left out of the topic-shift measure. A settled block
    (``settled_blocks``) gets the one feature ``settled``: its label is fixed."""
    return _featuriser(frozenset(common)).features(pack(blocks, infos), word_source(word), settled)
