"""Matching text: the characters dedupe compares, with a map back to the printed text.

Two printings of one paragraph differ in ways an editor does not count as a difference: full- or
half-width forms (`５.６` / `5.6`, `，` / `,`), punctuation, spaces and OCR line breaks. For matching we keep
only letters and digits after NFKC and lower-casing; every kept character remembers the index of the
printed character it came from, so a match on the matching text is reported on the original span.
"""

from __future__ import annotations

import unicodedata


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


def matching_text(text: str) -> str:
    """The text as dedupe compares it: NFKC, lower case, letters and digits only (no spaces, punctuation)."""
    return text.translate(_FOLD)


def matching_map(text: str) -> tuple[str, list[int]]:
    """``matching_text(text)`` and, for each of its characters, the index in ``text`` it came from."""
    parts: list[str] = []
    origin: list[int] = []
    fold = _FOLD
    for i, ch in enumerate(text):
        folded = fold[ord(ch)]
        if folded:
            parts.append(folded)
            origin.extend([i] * len(folded))
    return "".join(parts), origin


def original_span(origin: list[int], i: int, j: int) -> tuple[int, int]:
    """Printed-text span ``[start, end)`` covering matching-text characters ``[i, j)``."""
    if not origin:
        return 0, 0
    if j <= i:
        k = origin[min(i, len(origin) - 1)]
        return k, k
    return origin[i], origin[j - 1] + 1
