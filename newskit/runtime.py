"""How the process runs bulk work: the cyclic garbage collector paused for the length of a batch."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
