"""How the process runs bulk work: in batches, with the cyclic garbage collector paused for each."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: Characters of dumps split together before the rules run over them (about 16 pages). Page by page, the
#: split's tables (model weights, the page's n-gram counts) and the rules' (trigger automata, word lists, the
#: lexicon) evict each other from the CPU's cache; a batch at a time each stays warm for a batch: a lint of
#: many dumps takes 8-10% less time (bench/lint_bench.py), for a few pages' records held at once. A batch is
#: also what the split shares out over its threads (``newskit.split.split_many``).
BATCH_CHARS = 100_000


def batched(items: Iterable[T], size: Callable[[T], int], limit: int | None = None) -> Iterator[list[T]]:
    """``items`` in order, in runs whose sizes add up to ``limit`` (default ``BATCH_CHARS``) or just past it
    (one item at least)."""
    limit = BATCH_CHARS if limit is None else limit
    batch: list[T] = []
    total = 0
    for item in items:
        batch.append(item)
        total += size(item)
        if total >= limit:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk step (left paused when it already was).

    Bulk steps make many small acyclic objects: dedupe's postings and counters, a lint batch's records and
    findings. Each collection walks all the objects still alive again, so a run of 100k paragraphs took half
    as long again as 50k twice, and a lint of many dumps spent about 4% of its time in collections. What a
    step leaves as cyclic garbage is collected after it, when the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
