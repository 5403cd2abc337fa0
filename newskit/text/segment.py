"""Word segmentation of small windows (a candidate word and its neighbours), never of whole dumps.

Backed by ``newskit.text.lexicon``: jieba's own dictionary and no-HMM algorithm, answered from an on-disk index
that opens in milliseconds instead of jieba's ~0.9 s dictionary load. The index is opened on first use only,
so a lint run that meets no candidate never touches it."""

from __future__ import annotations

from newskit.text import lexicon


def words(window: str) -> list[str]:
    """Segment a short window of text into words, as ``jieba.cut(window, HMM=False)`` does."""
    return lexicon.segment(window)


def tagged_words(window: str) -> list[tuple[str, str]]:
    """Segment a short window into (word, part-of-speech tag) pairs (jieba's tag set: n, v, t, c …), as
    ``jieba.posseg.cut(window, HMM=False)`` does."""
    return lexicon.tagged(window)


def is_loaded() -> bool:
    """Whether this process has opened the lexicon."""
    return lexicon.is_open()
