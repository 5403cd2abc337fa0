"""``split_many``: many dumps split at once, on several threads, give each dump its own ``split_with_year``."""

from __future__ import annotations

import pytest

from newskit.io import read_document
from newskit.model import Document
from newskit.split import split_many, split_with_year
from newskit.split.features import lexicon_word, word_source
from newskit.split.tagger import default_model
from tests.conftest import SEEDS


def _docs() -> list[Document]:
    seeds = [read_document(str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    # a page with no blocks, one of a single line, and a seed again under another name, among the seeds
    extra = [Document.from_text("", path="empty.txt"), Document.from_text("孤零零的一行", path="one.txt"),
             Document.from_text(seeds[0].text, path="again.txt")]
    return [seeds[0], extra[0], *seeds[1:3], extra[1], *seeds[3:], extra[2]]


@pytest.mark.parametrize("threads", [1, 2, 3, 16])
def test_each_dump_gets_the_records_and_year_of_its_own_split(threads) -> None:
    docs = _docs()
    assert split_many(docs, threads=threads) == [split_with_year(d) for d in docs]


def test_words_given_as_a_python_callable_are_looked_up_on_the_calling_thread() -> None:
    """A callable needs the GIL, so those pages are split one by one here: the same records."""
    docs = _docs()
    core = default_model()._core
    from newskit import model

    def args(words):
        return ([d.text for d in docs], words, model, [f"u{k}:" for k in range(len(docs))], [d.path for d in docs])

    with_index = core.split_many(*args(word_source(lexicon_word)), 2)
    with_callable = core.split_many(*args(lexicon_word), 2)
    assert with_callable == with_index


def test_no_dumps_no_work_and_mismatched_names_are_refused() -> None:
    assert split_many([], threads=2) == []
    from newskit import model

    with pytest.raises(ValueError, match="one uri and one path per text"):
        default_model()._core.split_many(["一"], None, model, [], ["p"], 2)


def _split_in_child(want) -> None:
    import os

    os._exit(0 if split_many(_docs(), threads=2) == want else 1)


def test_a_forked_child_splits_on_workers_of_its_own() -> None:
    """A child forked after the parent split on threads inherits the parent's pool without its threads: it
    must make its own rather than wait on workers that do not exist (lint --jobs, multiprocessing)."""
    import multiprocessing as mp

    want = split_many(_docs(), threads=2)  # the parent's worker now exists
    child = mp.get_context("fork").Process(target=_split_in_child, args=(want,))
    child.start()
    child.join(60)
    if child.exitcode is None:
        child.kill()
    assert child.exitcode == 0
