"""The report's view model without a browser: where findings and duplicates land."""

from __future__ import annotations

from newskit.config import Config
from newskit.lint.runner import lint_path
from newskit.model import MappedText, Piece
from newskit.reporters import html
from newskit.reporters.html.place import TextIndex
from tests.conftest import SEEDS


def test_every_seed_finding_lands_on_printed_text():
    _, plan = Config().plan()
    results = [lint_path(str(p), plan) for p in sorted(SEEDS.glob("*.txt"))]
    report = html.build(results, html.Labels("en"))
    views = [f for d in report.dumps for f in d.findings]
    assert len(views) == sum(len(r.findings) for r in results)
    assert [f.where for f in views if f.approx] == []
    assert all(not d.unplaced for d in report.dumps)
    # a caption found inside a paragraph (X103, seed 003) is marked in the caption record, where its text is
    seed3 = next(d for d in report.dumps if d.path.endswith("003_70b3b63cf430e7af.txt"))
    x103 = [(r, f) for r in seed3.records for f in r.findings if f.finding.code == "X103"]
    assert len(x103) == 2
    for owner, f in x103:
        assert owner.article.uri == f.finding.article  # listed under the article it was found in
        (holder,) = [r for r in seed3.records if any(f'id="{f.id}"' in str(b.html) for b in r.blocks)]
        assert holder.kind == "caption" and holder is not owner


def test_text_index_hits_pieces_and_points():
    a = MappedText("abcdef", (Piece(0, 10, 13), Piece(3, 20, 23)))  # "abc" at 10, "def" at 20
    b = MappedText("xyz", (Piece(0, 30, 33),))
    index = TextIndex([a, b])
    assert [(h.text, h.start, h.end) for h in index.hits(11, 22)] == [(0, 1, 5)]  # across the break
    assert [(h.text, h.start, h.end) for h in index.hits(12, 32)] == [(0, 2, 6), (1, 0, 2)]
    assert [(h.text, h.start, h.end) for h in index.hits(21, 21)] == [(0, 4, 4)]  # an empty span
    assert index.hits(15, 18) == []  # the blank between two pieces
    near = index.nearest(16)
    assert (near.text, near.start) == (0, 3)
    assert index.overlaps(MappedText("q", (Piece(0, 32, 34),)))
    assert not index.overlaps(MappedText("q", (Piece(0, 13, 20),)))


def test_a_finding_no_printed_text_can_hold_is_still_an_element():
    from newskit.lint.engine import FileResult
    from newskit.model import Document, Finding, Severity
    from newskit.reporters.html.view import build_dump

    doc = Document.from_text("甲乙\n", path="x.txt")
    finding = Finding("X101", "markup-residue", Severity.WARNING, "m", "x.txt", 1, 1, 1, 2, 0, 1)
    dump = build_dump(0, "x", FileResult(doc, (), (finding,)), (), html.Labels("zh"))
    (view,) = dump.unplaced
    assert 'data-code="X101"' in view.element and 'data-line="1"' in view.element
    page = html.render_page(html.Report((dump,), html.Labels("zh")))
    assert page.count('data-code="X101"') == 1
