"""Lazy jieba: the dictionary takes about a second to load, so it is loaded on first use only and only
ever run on small windows (a candidate word and its neighbours), never on whole dumps."""

from __future__ import annotations

import functools
import logging


@functools.cache
def _tokenizer():
    import jieba  # imported here so commands that never segment never pay for it

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def words(window: str) -> list[str]:
    """Segment a short window of text into words."""
    return list(_tokenizer().cut(window, HMM=False))


def is_loaded() -> bool:
    return _tokenizer.cache_info().currsize > 0


@functools.cache
def _pos_tokenizer():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


def tagged_words(window: str) -> list[tuple[str, str]]:
    """Segment a short window into (word, part-of-speech tag) pairs (jieba's tag set: n, v, t, c …)."""
    return [(p.word, p.flag) for p in _pos_tokenizer().cut(window, HMM=False)]
