"""Matching text: the characters dedupe compares, with a map back to the printed text.

Two printings of one paragraph differ in ways an editor does not count as a difference: full- or
half-width forms (`５.６` / `5.6`, `，` / `,`), punctuation, spaces and OCR line breaks. For matching we keep
only letters and digits after NFKC and lower-casing; every kept character remembers the index of the
printed character it came from, so a match on the matching text is reported on the original span.
"""

from __future__ import annotations

import itertools
import sys
import unicodedata

from newskit import _core


class _FoldTable(dict):
    """``str.translate`` table built lazily: code point -> the matching characters it becomes ("" drops it)."""

    def __missing__(self, code: int) -> str:
        folded = "".join(
            c for c in unicodedata.normalize("NFKC", chr(code)).lower()
            if unicodedata.category(c)[0] in "LN"
        )
        self[code] = folded
        return folded


_FOLD = _FoldTable()
#: ``_FOLD`` compiled for the characters texts have brought so far (rust/newskit-core/src/dedupe.rs, Fold):
#: a text of learnt characters folds without a table look-up in Python per character (R201 folds a few
#: paragraphs of every article it compares; ``str.translate`` over a dict was half of its dedupe time).
_COMPILED = _core.MatchingFold()


def _compiled(text: str, mapped: bool):
    """The compiled ``matching_text`` (``matching_map`` when ``mapped``) of ``text``; None when a character
    folds to several or lies past the BMP (``_FOLD`` answers those). Characters not seen before are taught
    first, from ``_FOLD``."""
    fold = _COMPILED.fold_map if mapped else _COMPILED.fold
    found = fold(text)
    if found is None:
        unknown = _COMPILED.unknown(text)
        if unknown:
            _COMPILED.learn([(code, _FOLD[code]) for code in unknown])
            found = fold(text)
    return found


_MULTI = 0xFFFFFFFF  # in the code table: this code point becomes several matching characters
_BLOCK = 256


class _CodeTable:
    """Code point -> the one matching character it becomes (0: dropped; _MULTI: several), as a NumPy array
    filled 256 code points at a time as texts need them (CJK text touches about 80 blocks)."""

    def __init__(self) -> None:
        self.table = None
        self.filled = None

    def lookup(self, codes):
        import numpy as np

        if self.table is None:
            self.table = np.zeros(0x110000, dtype=np.uint32)
            self.filled = np.zeros(0x110000 // _BLOCK, dtype=bool)
        blocks = np.unique(codes >> 8)
        for block in blocks[~self.filled[blocks]].tolist():
            start = block * _BLOCK
            values = []
            for code in range(start, start + _BLOCK):
                folded = _FOLD[code] if not 0xD800 <= code <= 0xDFFF else ""
                values.append(ord(folded) if len(folded) == 1 else (0 if not folded else _MULTI))
            self.table[start:start + _BLOCK] = values
            self.filled[block] = True
        return self.table[codes]


_CODES = _CodeTable()
#: Shorter texts are mapped without NumPy (its fixed cost per call is larger).
_VECTOR_MIN = 512


def _folded_codes(text: str):
    """(matching code points, index of each in ``text``), or None when a character folds to several."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = _CODES.lookup(codes)
    if (folded == _MULTI).any():
        return None
    keep = np.flatnonzero(folded)
    return folded[keep], keep


def matching_text(text: str) -> str:
    """The text as dedupe compares it: NFKC, lower case, letters and digits only (no spaces, punctuation)."""
    found = _compiled(text, False)
    return text.translate(_FOLD) if found is None else found


def matching_texts(texts: list[str]) -> list[str]:
    """``matching_text`` of many texts in one vectorised pass over their concatenation (the engine's way:
    one table look-up for all of them instead of one ``str.translate`` call per text)."""
    if len(texts) < 64:
        return [matching_text(t) for t in texts]
    import numpy as np

    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = _CODES.lookup(codes)
    multi = folded == _MULTI
    single = (folded != 0) & ~multi  # a character that folds to several is redone below, with its text
    kept = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(single, out=kept[1:])
    joined = folded[single].tobytes().decode("utf-32-le")
    bounds = kept[starts].tolist()
    out = [joined[a:b] for a, b in zip(bounds, bounds[1:])]
    if multi.any():  # a ligature or a unit sign (ﬁ, ㎞) becomes several characters: those texts the slow way
        seen = np.zeros(len(codes) + 1, dtype=np.int64)
        np.cumsum(multi, out=seen[1:])
        for k in np.flatnonzero(seen[starts[1:]] > seen[starts[:-1]]).tolist():
            out[k] = texts[k].translate(_FOLD)
    return out


class _CountTable(dict):
    """``str.translate`` table: code point -> one character whose code is how many matching characters it
    becomes (0, 1, or more for a ligature such as ﬁ)."""

    def __missing__(self, code: int) -> str:
        mark = chr(len(_FOLD[code]))
        self[code] = mark
        return mark


_COUNT = _CountTable()


def matching_map(text: str) -> tuple[str, list[int]]:
    """``matching_text(text)`` and, for each of its characters, the index in ``text`` it came from.

    No Python loop per character: a long text goes through the NumPy code table when NumPy is loaded already
    (dedupe's engine); otherwise (lint, whose R201 maps a few passages per page and must not pay NumPy's
    import) the compiled fold, or for a text it cannot fold alone (a ligature, a character past the BMP)
    the count marks pick the kept indices with ``itertools.compress``.
    """
    if len(text) >= _VECTOR_MIN and "numpy" in sys.modules:
        found = _folded_codes(text)
        if found is not None:
            return found[0].tobytes().decode("utf-32-le"), found[1].tolist()
    found = _compiled(text, True)
    if found is not None:
        return found
    # One byte per character: how many matching characters it becomes (NFKC expands one to at most 18).
    counts = text.translate(_COUNT).encode("latin-1")
    if counts.count(0) + counts.count(1) == len(counts):
        origin = list(itertools.compress(range(len(text)), counts))
    else:  # a ligature or a unit sign (ﬁ, ㎞): its index once per character it becomes
        origin = [i for i, n in enumerate(counts) for _ in range(n)]
    return text.translate(_FOLD), origin


def original_span(origin: list[int], i: int, j: int) -> tuple[int, int]:
    """Printed-text span ``[start, end)`` covering matching-text characters ``[i, j)``."""
    if not origin:
        return 0, 0
    if j <= i:
        k = origin[min(i, len(origin) - 1)]
        return k, k
    return origin[i], origin[j - 1] + 1
