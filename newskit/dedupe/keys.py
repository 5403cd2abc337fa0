"""Exact keys of whole matching texts, and the fingerprints of one text (no NumPy import: lint's R201
compares a few paragraphs of one article, and importing NumPy would cost it more than the whole comparison).

``fingerprints`` is fingerprint.winnow for one text: the same compiled kernel, without NumPy.
"""

from __future__ import annotations

import hashlib
from array import array

from newskit import _core


def text_key(norm: str) -> int:
    """A signed 64-bit key of a whole matching text (exact copies share it): BLAKE2b, stable everywhere."""
    digest = hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def fingerprints(norm: str, n: int, window: int) -> set[int]:
    """Winnowed n-gram hashes of one matching text, as fingerprint.winnow computes them."""
    codes = memoryview(norm.encode("utf-32-le", "surrogatepass")).cast("I")
    _, hashes, _ = _core.dedupe_winnow(codes, array("q", (0, len(norm))), n, window)
    return set(array("Q", hashes))
