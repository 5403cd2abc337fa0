"""Exact keys and, for small runs, fingerprints in pure Python (no NumPy import: lint's R201 compares a few
paragraphs of one article, and importing NumPy would cost it more than the whole comparison).

``fingerprints`` computes exactly what fingerprint.winnow computes for one text: the same polynomial
hash over code points modulo 2**64, the same splitmix64 finish, the same winnowing.
"""

from __future__ import annotations

import hashlib

BASE = 0x9E3779B97F4A7C15 | 1
MIX1, MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
_M64 = (1 << 64) - 1


def text_key(norm: str) -> int:
    """A signed 64-bit key of a whole matching text (exact copies share it): BLAKE2b, stable everywhere."""
    digest = hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _mix(h: int) -> int:
    h ^= h >> 30
    h = (h * MIX1) & _M64
    h ^= h >> 27
    h = (h * MIX2) & _M64
    return h ^ (h >> 31)


def fingerprints(norm: str, n: int, window: int) -> set[int]:
    """Winnowed n-gram hashes of one matching text, as fingerprint.winnow computes them."""
    codes = [ord(c) + 1 for c in norm]
    if len(codes) < n:
        return set()
    hashes = []
    for i in range(len(codes) - n + 1):
        h = 0
        for c in codes[i:i + n]:
            h = (h * BASE + c) & _M64
        hashes.append(_mix(h))
    w = max(1, window)
    if w == 1:
        return set(hashes)
    if len(hashes) < w:
        return {min(hashes)}
    last = len(hashes) - w + 1
    return set(map(min, *(hashes[k:k + last] for k in range(w))))
