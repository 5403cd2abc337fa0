"""The engine's rules on the seed dumps: what they must flag and what they must leave alone."""

from __future__ import annotations

import re

from newskit.io import read_document
from newskit.lint import lint_document
from newskit.model import Kind
from newskit.rules.bylines.broken_byline import BrokenByline
from newskit.rules.punctuation.halfwidth_punctuation import HalfwidthPunctuation
from newskit.rules.spacing.space_between_han_and_digit import SpaceBetweenHanAndDigit
from tests.conftest import seed_path

RULES = (HalfwidthPunctuation(), SpaceBetweenHanAndDigit(), BrokenByline())


def lint(seed: str):
    return lint_document(read_document(seed_path(seed)), RULES)


def test_seed_002_byline_and_dateline_comma() -> None:
    found = [(f.line, f.column, f.code) for f in lint("002") if f.line == 5]
    assert found[:2] == [(5, 4, "P101"), (5, 15, "P101")]


def test_seed_001_spaces_and_broken_byline() -> None:
    found = lint("001")
    assert [(f.line, f.column) for f in found if f.code == "S101"][:4] == [(3, 15), (3, 18), (5, 3), (5, 7)]
    (b101,) = [f for f in found if f.code == "B101"]
    assert (b101.line, b101.end_line) == (55, 57)
    assert not [f for f in found if f.code == "P101"]  # 001 is printed with full-width marks


def test_seed_003_advertisement_is_left_alone() -> None:
    doc = read_document(seed_path("003"))
    ad_lines = doc.text.splitlines()[62:150]
    # the ad really holds what the rules would flag elsewhere: `寓, 37.8m`, `地址:天元区`
    assert any(re.search(r"[\u4e00-\u9fff][,:]", line) for line in ad_lines)
    found = lint("003")
    assert found and all(f.line < 63 for f in found)
    from newskit.split import split_document

    kinds = {a.kind for a in split_document(doc) if a.line_start >= 63}
    assert Kind.ADVERTISEMENT in kinds


def test_no_finding_touches_digits_urls_or_latin_words() -> None:
    for seed in ("000", "001", "002", "003", "004"):
        doc = read_document(seed_path(seed))
        for f in lint(seed):
            if f.code != "P101":
                continue
            flagged = doc.text[f.start:f.end]
            before, after = doc.text[f.start - 1], doc.text[f.end] if f.end < len(doc.text) else ""
            if len(flagged.strip()) == 1:  # a single mark, not a pair
                assert not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()), \
                    (seed, f.line, f.column, f.excerpt)


def _block(doc: str, heading: str) -> str:
    """The fenced text block under ``heading`` in a rule docstring."""
    section = doc.split(heading, 1)[1]
    return section.split("```text\n", 1)[1].split("```", 1)[0]


def test_docstring_examples_fail_and_fix_into_use_instead() -> None:
    import inspect

    from newskit.lint import LintPlan, fix_document
    from newskit.model import Applicability, Document

    for rule in RULES:
        doc = inspect.cleandoc(type(rule).__doc__)
        bad, good = _block(doc, "## Example"), _block(doc, "## Use instead")
        assert lint_document(Document.from_text(bad), [rule]), rule.code
        assert not lint_document(Document.from_text(good), [rule]), rule.code
        fixed = fix_document(Document.from_text(bad), LintPlan(rules=(rule,)),
                             unsafe=rule.fixable == Applicability.UNSAFE)
        assert fixed.fixed_text == good, rule.code


def test_linting_the_seeds_a_batch_at_a_time_gives_each_dump_its_own_findings(monkeypatch) -> None:
    from newskit import runtime
    from newskit.lint import LintPlan, lint_documents
    from newskit.lint.runner import lint_path, lint_paths
    from tests.conftest import SEEDS

    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    docs = [read_document(p) for p in paths]
    one_by_one = [lint_document(d, RULES) for d in docs]
    assert any(one_by_one)
    # the default batch holds every seed at once; a batch of about two dumps cuts across them
    for limit in (runtime.BATCH_CHARS, 2 * len(docs[0].text)):
        monkeypatch.setattr(runtime, "BATCH_CHARS", limit)
        assert list(lint_documents(iter(docs), RULES)) == one_by_one
        plan = LintPlan(rules=RULES)
        batch = list(lint_paths([(p, None, "") for p in paths], plan))
        assert [r.findings for r in batch] == [lint_path(p, plan).findings for p in paths]
        assert [r.doc.path for r in batch] == paths


def test_the_garbage_collector_is_paused_for_a_batch_only() -> None:
    """Each batch runs with the collector paused, never the caller's code between the dumps it is handed, and a
    collector the caller paused stays paused."""
    import gc

    from newskit.lint import lint_documents
    from newskit.runtime import paused_gc
    from tests.conftest import SEEDS

    docs = [read_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    seen = []

    class Watching(HalfwidthPunctuation):
        def check(self, ctx):
            seen.append(gc.isenabled())
            return super().check(ctx)

    assert gc.isenabled()
    for _ in lint_documents(docs, [Watching()]):
        assert gc.isenabled()  # the caller's code between dumps
    assert seen == [False] * len(docs) and gc.isenabled()
    with paused_gc():
        list(lint_documents(docs[:1], RULES))
        assert not gc.isenabled()
    assert gc.isenabled()
