"""``LintContext.findings_in`` maps text spans in Rust (rust/newskit-core/src/pieces.rs ``PieceMap``):
it must land every span and offer every fix exactly where ``MappedText.source_span`` and ``contiguous_span``
say, for any pieces (rejoined breaks, separators that map nowhere, spans past the end)."""

from hypothesis import given, settings, strategies as st

from newskit.model import Applicability, Document, Edit, Fix, MappedText, Severity
from newskit.rules.base import LintContext, Rule

TEXT = "第一行文字,\n第二行文字：\n\n第三段 文字。\n" * 3


class _Probe(Rule):
    code = "Z999"
    name = "probe"


@st.composite
def mapped_texts(draw):
    bounds = sorted(draw(st.lists(st.integers(0, len(TEXT)), min_size=0, max_size=8)))
    slices = [(a, b) for a, b in zip(bounds[::2], bounds[1::2])]
    return MappedText.from_slices(TEXT, slices, sep=draw(st.sampled_from(["", " "])))


@settings(max_examples=300, deadline=None)
@given(mapped_texts(), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.booleans()), max_size=6))
def test_spans_and_fixes_land_where_the_mapped_text_says(mapped, spans):
    ctx = LintContext(doc=Document.from_text(TEXT, path="page.txt"), articles=[])
    rule = _Probe()
    rows = [(i, j, "m", Severity.INFO, None, "，" if fix else None, Applicability.UNSAFE, "t") for i, j, fix in spans]
    found = ctx.findings_in(rule, mapped, rows)
    assert len(found) == len(rows)
    for (i, j, fix), f in zip(spans, found):
        start, end = mapped.source_span(i, j)
        span = mapped.contiguous_span(i, j)
        expected = ctx.findings(rule, [(start, end, "m", Severity.INFO, None,
                                        Fix((Edit(*span, "，"),), Applicability.UNSAFE, "t") if fix and span else None)])
        assert f == expected[0]


def test_finding_in_is_one_row():
    doc = Document.from_text("甲乙,丙丁\n", path="p.txt")
    ctx = LintContext(doc=doc, articles=[])
    mapped = MappedText.from_slices(doc.text, [(0, 2), (2, 5)])
    f = ctx.finding_in(_Probe(), mapped, 2, 3, "comma", replacement="，", title="Replace")
    assert (f.start, f.end, f.line, f.column, f.severity) == (2, 3, 1, 3, _Probe.severity)
    assert f.fix == Fix((Edit(2, 3, "，"),), Applicability.SAFE, "Replace")


def test_findings_filled_in_rust_are_the_dataclass_s_own():
    import dataclasses
    import gc

    import pytest

    from newskit.model import Finding

    doc = Document.from_text("甲乙,丙丁\n", path="p.txt")
    ctx = LintContext(doc=doc, articles=[])
    f = ctx.finding_in(_Probe(), MappedText.from_slices(doc.text, [(0, 5)]), 2, 3, "comma", replacement="，")
    built = Finding(*(getattr(f, field.name) for field in dataclasses.fields(Finding)))
    assert type(f) is Finding and f == built and hash(f) == hash(built) and repr(f) == repr(built)
    assert dataclasses.replace(f, message="x").message == "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.message = "x"
    assert f.fix in gc.get_referents(f) and f.fix.edits[0] in gc.get_referents(f.fix.edits)


def test_a_class_of_other_fields_is_called():
    doc = Document.from_text("甲乙,丙丁\n", path="p.txt")
    calls = []

    def finding(*values):
        calls.append(values)
        return values

    (got,) = LintContext(doc=doc, articles=[]).page().findings(finding, "Z999", "probe", "p.txt",
                                                               [(2, 3, "m", Severity.INFO, None, None)])
    assert calls == [got] and got[:2] == ("Z999", "probe") and got[9:11] == (2, 3)


def test_findings_built_in_rust_are_the_dataclass_own_and_hold_their_references():
    """The builder stores each field straight into its slot (rust/newskit-py/src/lint.rs ``Filler``): the
    objects must equal what the dataclass's constructor makes, keep every field, hold one reference to each
    value (none leaked, none missing) and be left to the cyclic GC as before (untracked)."""
    import dataclasses
    import gc
    import sys

    from newskit.model import Finding

    ctx = LintContext(doc=Document.from_text(TEXT, path="page.txt"), articles=[])
    mapped = MappedText.from_slices(TEXT, [(0, 6), (7, 14)])
    message = "".join(["a message ", "of its own"])  # a fresh object whose references are counted
    row = (1, 3, message, Severity.INFO, "uri", "，", Applicability.SAFE, "t")
    before = sys.getrefcount(message)
    found = ctx.findings_in(_Probe(), mapped, [row] * 50)
    assert sys.getrefcount(message) == before + 50
    f = found[0]
    assert f == Finding(**{field.name: getattr(f, field.name) for field in dataclasses.fields(Finding)})
    assert (f.code, f.message, f.article, f.start, f.end) == ("Z999", message, "uri", 1, 3)
    assert f.fix == Fix((Edit(1, 3, "，"),), Applicability.SAFE, "t")
    assert not gc.is_tracked(f) and not gc.is_tracked(f.fix) and not gc.is_tracked(f.fix.edits)
    del found, f
    assert sys.getrefcount(message) == before
