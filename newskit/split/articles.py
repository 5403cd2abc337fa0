"""A dump's records: articles (head stack, byline, reflowed body) and, apart from them, captions, ads, notices
and fragments. Every block goes to one record.

The page is cut, classified, tagged and grouped in one compiled pass (``newskit._core.SplitTagger.split``,
rust/newskit-core/src/split/records.rs), which also builds the model objects (rust/newskit-py/src/split.rs).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from newskit import model as _model
from newskit.io import document_id
from newskit.model import Article, Document
from newskit.split.features import lexicon_word, word_source
from newskit.split.tagger import TaggerModel, default_model


def split_document(doc: Document) -> list[Article]:
    """Split a dump into records, in order of their first line."""
    return split_with_year(doc)[0]


def split_with_year(doc: Document, model: TaggerModel | None = None,
                    labels: list[int] | None = None) -> tuple[list[Article], int | None]:
    """The dump's records and the year it names as current (``infer_year``), found once for both. ``labels``
    (one per block of ``make_blocks``) groups by those instead of the tagger's: any labels keep a page lossless."""
    # The records come back built (Article and everything in it, made in the compiled core without a Python
    # call per object: rust/newskit-py/src/split.rs, Records).
    out, year = (model or default_model())._core.split(doc.text, word_source(lexicon_word), _model, _uri_prefix(doc),
                                                       doc.path, labels)
    return out, year


def _uri_prefix(doc: Document) -> str:
    """What a record's uri starts with (its first own line follows): ``newskit:<document id>:``."""
    return f"newskit:{document_id(doc)}:"


def split_many(docs: Sequence[Document], model: TaggerModel | None = None,
               threads: int | None = None) -> list[tuple[list[Article], int | None]]:
    """``split_with_year`` of each dump, in order; the compiled work of all of them (blocks, tagging,
    grouping) on up to ``threads`` threads (default ``split_threads()``) with the GIL released, the records
    built after. A batch of pages, not one page, is the unit worth sharing out: a page takes under a
    millisecond, and the threads are long-lived (rust/newskit-core/src/par.rs)."""
    if not docs:
        return []
    return (model or default_model())._core.split_many(
        [d.text for d in docs], word_source(lexicon_word), _model, [_uri_prefix(d) for d in docs],
        [d.path for d in docs], split_threads() if threads is None else threads)


#: At most this many split threads: a batch is about 16 pages, and each thread holds its own regex caches.
MAX_SPLIT_THREADS = 2


def split_threads() -> int:
    """Threads ``split_many`` uses by default: the CPUs this process may run on, at most ``MAX_SPLIT_THREADS``."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_SPLIT_THREADS))
