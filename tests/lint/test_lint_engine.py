"""The engine on hand-built records: selection, fixes, ignores, error rates (no splitter involved)."""

from __future__ import annotations

import dataclasses

import pytest

from newskit.lint import (
    FileResult, Ignore, LintPlan, SelectorError, apply_fixes, error_rates, lint_articles, select_rules,
)
from newskit.model import (
    Applicability, Article, Byline, Credit, Document, Edit, Finding, Fix, Kind, MappedText, Paragraph, Severity,
)
from newskit.rules import all_rules
from newskit.rules.base import LintSettings
from newskit.rules.bylines.broken_byline import BrokenByline
from newskit.rules.punctuation.halfwidth_punctuation import HalfwidthPunctuation
from newskit.rules.spacing.space_between_han_and_digit import SpaceBetweenHanAndDigit


def article(doc: Document, *paragraphs: list[tuple[int, int]], kind: Kind = Kind.ARTICLE,
            byline: list[tuple[int, int]] | None = None) -> Article:
    body = tuple(Paragraph(MappedText.from_slices(doc.text, slices)) for slices in paragraphs)
    by = None
    if byline:
        mapped = MappedText.from_slices(doc.text, byline)
        by = Byline(mapped.text, (Credit("张三", "记者"),), mapped)
    return Article(uri=f"newskit:{doc.name}:1", kind=kind, path=doc.path, line_start=1,
                   line_end=doc.text.count("\n") + 1, body=body, byline=by)


def span(doc: Document, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = doc.text.index(sub, i + 1)
    return i, i + len(sub)


# --- selection ---------------------------------------------------------------------------------------------

CLASSES = [HalfwidthPunctuation, SpaceBetweenHanAndDigit, BrokenByline]


def codes(classes) -> list[str]:
    return [c.code for c in classes]


def test_default_selection_is_every_default_rule_of_the_profile() -> None:
    assert codes(select_rules(CLASSES)) == ["B101", "P101", "S101"]
    assert codes(select_rules(CLASSES, profile="web")) == ["B101", "P101"]


@pytest.mark.parametrize("tokens, want", [
    (["P101"], ["P101"]),
    (["p101"], ["P101"]),
    (["P"], ["P101"]),
    (["P1"], ["P101"]),
    (["halfwidth-punctuation"], ["P101"]),
    (["ALL"], ["B101", "P101", "S101"]),
    (["S", "B101"], ["B101", "S101"]),
    (["N"], []),  # a family with no rule registered yet is a valid selector
])
def test_select_by_code_prefix_or_name(tokens, want) -> None:
    assert codes(select_rules(CLASSES, tokens)) == want


def test_ignore_and_extend_select() -> None:
    assert codes(select_rules(CLASSES, ignore=["S"])) == ["B101", "P101"]
    assert codes(select_rules(CLASSES, ["P"], extend_select=["broken-byline"])) == ["B101", "P101"]
    assert codes(select_rules(CLASSES, ["ALL"], ignore=["halfwidth-punctuation", "B1"])) == ["S101"]


@pytest.mark.parametrize("token", ["P999", "no-such-rule", "Q1", "P1011", ""])
def test_unknown_selector_raises(token) -> None:
    with pytest.raises(SelectorError, match="unknown rule selector"):
        select_rules(CLASSES, [token])


def test_profile_is_respected_even_when_selected_by_code() -> None:
    assert codes(select_rules(CLASSES, ["S101"], profile="web")) == []
    doc = Document.from_text("今年 9 月开工。\n")
    art = article(doc, [(0, len(doc.text) - 1)])
    assert lint_articles(doc, [art], [SpaceBetweenHanAndDigit()], LintSettings(profile="web")) == []
    assert len(lint_articles(doc, [art], [SpaceBetweenHanAndDigit()])) == 2


def test_registry_holds_the_engine_rules() -> None:
    assert {"P101", "S101", "B101"} <= {r.code for r in all_rules()}


# --- positions across a rejoined break ---------------------------------------------------------------------


def test_positions_map_to_the_original_file_and_fixes_never_cross_a_break() -> None:
    # a paragraph broken by a blank line mid-sentence; the comma sits right before the break
    doc = Document.from_text("标题\n\n店门镇纪委书记刘益良在,\n\n浏览全镇各村 ,微信群。\n")
    first, second = span(doc, "店门镇纪委书记刘益良在,"), span(doc, "浏览全镇各村 ,微信群。")
    art = article(doc, [first, second])
    found = lint_articles(doc, [art], [HalfwidthPunctuation()])
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [(3, 12, 3, 13), (5, 8, 5, 9)]
    assert all(f.fix is not None for f in found)  # each mark lies inside one printed piece
    text, applied = apply_fixes(doc, found)
    assert text == "标题\n\n店门镇纪委书记刘益良在，\n\n浏览全镇各村 ，微信群。\n"
    assert len(applied) == 2


def test_a_span_across_a_rejoined_break_is_reported_without_a_fix() -> None:
    doc = Document.from_text("已建立 \n\n 289个群。\n")
    art = article(doc, [span(doc, "已建立 "), span(doc, " 289个群。")])
    (f,) = lint_articles(doc, [art], [SpaceBetweenHanAndDigit()])
    assert f.fix is None  # deleting both spaces would also delete the break between them
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 4, 3, 2)
    inside = Document.from_text("已建立\n\n 289个群。\n")
    art = article(inside, [span(inside, "已建立"), span(inside, " 289个群。")])
    (g,) = lint_articles(inside, [art], [SpaceBetweenHanAndDigit()])
    assert g.fix is not None and apply_fixes(inside, [g])[0] == "已建立\n\n289个群。\n"


def test_advertisements_are_skipped_by_p101_and_s101() -> None:
    doc = Document.from_text("恒大名都 精装公寓, 37.8m 成熟小区, 30万 地址:韶山路 568 号\n")
    whole = [(0, len(doc.text) - 1)]
    rules = [HalfwidthPunctuation(), SpaceBetweenHanAndDigit()]
    assert lint_articles(doc, [article(doc, whole, kind=Kind.ADVERTISEMENT)], rules) == []
    assert lint_articles(doc, [article(doc, whole, kind=Kind.NOTICE)], rules)


def test_duplicate_findings_from_shared_text_are_dropped() -> None:
    doc = Document.from_text("会议召开,大家参加。\n")
    whole = [(0, len(doc.text) - 1)]
    # the same paragraph owned twice (a splitter bug must not double-report)
    art = dataclasses.replace(article(doc, whole, whole))
    assert len(lint_articles(doc, [art], [HalfwidthPunctuation()])) == 1


def test_b101_fix_is_unsafe_and_joins_with_a_space_between_names() -> None:
    doc = Document.from_text("本报讯（邹红辉 通讯员 陆意\n\n刘紫星）11月30日，会议召开。\n")
    by = [span(doc, "本报讯（邹红辉 通讯员 陆意"), span(doc, "刘紫星）")]
    art = article(doc, [span(doc, "11月30日，会议召开。")], byline=by)
    (f,) = lint_articles(doc, [art], [BrokenByline()])
    assert (f.line, f.column, f.end_line) == (1, 1, 3)
    assert f.fix.applicability == Applicability.UNSAFE
    assert apply_fixes(doc, [f])[0] == doc.text  # safe only: nothing applied
    assert apply_fixes(doc, [f], unsafe=True)[0] == "本报讯（邹红辉 通讯员 陆意 刘紫星）11月30日，会议召开。\n"


def test_b101_break_inside_a_name_joins_without_a_space() -> None:
    doc = Document.from_text("本报讯（记者张阳\n\n诗华）11月30日，会议召开。\n")
    art = article(doc, [span(doc, "11月30日，会议召开。")],
                  byline=[span(doc, "本报讯（记者张阳"), span(doc, "诗华）")])
    (f,) = lint_articles(doc, [art], [BrokenByline()])
    assert apply_fixes(doc, [f], unsafe=True)[0] == "本报讯（记者张阳诗华）11月30日，会议召开。\n"


def test_b101_break_holding_text_has_no_fix() -> None:
    doc = Document.from_text("本报讯（记者 张三\n\n■通讯员 李四 摄\n\n王五）会议召开。\n")
    art = article(doc, [span(doc, "会议召开。")], byline=[span(doc, "本报讯（记者 张三"), span(doc, "王五）")])
    (f,) = lint_articles(doc, [art], [BrokenByline()])
    assert f.fix is None


# --- apply_fixes -------------------------------------------------------------------------------------------


def finding(doc: Document, start: int, end: int, *edits: Edit, code: str = "P101",
            applicability: Applicability = Applicability.SAFE, severity: Severity = Severity.ERROR) -> Finding:
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return Finding(code, "x", severity, "m", doc.path, line, col, end_line, end_col, start, end,
                   fix=Fix(edits, applicability) if edits else None, fingerprint=f"{code}{start}")


def test_overlapping_fixes_apply_the_first_only() -> None:
    doc = Document.from_text("abcdef")
    a = finding(doc, 1, 3, Edit(1, 3, "X"))
    b = finding(doc, 2, 4, Edit(2, 4, "Y"))
    c = finding(doc, 4, 5, Edit(4, 5, "Z"))
    text, applied = apply_fixes(doc, [b, c, a])
    assert text == "aXdZf" and applied == [a, c]


def test_insertion_touching_a_replacement_conflicts() -> None:
    doc = Document.from_text("abcdef")
    a = finding(doc, 1, 3, Edit(1, 3, "X"))
    b = finding(doc, 3, 3, Edit(3, 3, "+"))
    assert apply_fixes(doc, [a, b])[0] == "aXdef"


def test_unsafe_fixes_need_unsafe() -> None:
    doc = Document.from_text("abc")
    f = finding(doc, 0, 1, Edit(0, 1, "X"), applicability=Applicability.UNSAFE)
    assert apply_fixes(doc, [f]) == ("abc", [])
    assert apply_fixes(doc, [f], unsafe=True) == ("Xbc", [f])


def test_a_fix_outside_its_finding_is_refused() -> None:
    doc = Document.from_text("abcdef")
    rogue = finding(doc, 0, 1, Edit(3, 4, "X"))
    assert apply_fixes(doc, [rogue]) == ("abcdef", [])


def test_no_op_fixes_are_not_counted() -> None:
    doc = Document.from_text("abc")
    same = finding(doc, 0, 1, Edit(0, 1, "a"))
    assert apply_fixes(doc, [same]) == ("abc", [])


def test_multi_edit_fix_applies_all_edits() -> None:
    doc = Document.from_text("会(议)开")
    f = finding(doc, 1, 4, Edit(1, 2, "（"), Edit(3, 4, "）"))
    assert apply_fixes(doc, [f])[0] == "会（议）开"


# --- ignores and error rates -------------------------------------------------------------------------------


def test_ignore_by_path_code_and_fingerprint() -> None:
    doc = Document.from_text("会议召开,大家参加,活动结束。\n", path="pages/a.txt")
    art = article(doc, [(0, len(doc.text) - 1)])
    first, second = lint_articles(doc, [art], [HalfwidthPunctuation()])
    assert first.fingerprint != second.fingerprint
    assert Ignore(path="pages/*.txt", code="P101", fingerprint=first.fingerprint).matches(first)
    assert not Ignore(path="pages/*.txt", code="P101", fingerprint=first.fingerprint).matches(second)
    assert Ignore(path="a.txt", code="P").matches(second)
    assert Ignore(code="halfwidth-punctuation").matches(second)
    assert not Ignore(path="other/*.txt", code="P101").matches(first)
    assert not Ignore(code="S").matches(first)
    assert Ignore(path="pages/a.txt").matches(first)


def test_fingerprint_survives_lines_added_above() -> None:
    doc = Document.from_text("会议召开,大家参加。\n")
    moved = Document.from_text("新增一行。\n\n会议召开,大家参加。\n")
    (f,) = lint_articles(doc, [article(doc, [(0, len(doc.text) - 1)])], [HalfwidthPunctuation()])
    (g,) = lint_articles(moved, [article(moved, [span(moved, "会议召开,大家参加。")])], [HalfwidthPunctuation()])
    assert f.line != g.line and f.fingerprint == g.fingerprint


def test_error_rate_counts_errors_per_10000_non_space_characters() -> None:
    body = "会议召开,大家参加" + "好" * 91  # 100 non-space characters
    doc = Document.from_text(f"{body}\n\n  标 题  \n")
    art = article(doc, [(0, len(body))])
    found = lint_articles(doc, [art], [HalfwidthPunctuation()])
    info = dataclasses.replace(found[0], severity=Severity.INFO, start=0, end=1)
    result = FileResult(doc, (art,), (*found, info))
    rates = error_rates(result)
    (a,) = rates.articles
    assert (a.chars, a.errors, a.rate) == (100, 1, 100.0)
    assert not a.passes()
    assert (rates.page.chars, rates.page.errors) == (102, 1)  # spaces never count
    assert error_rates(FileResult(doc, (art,), ())).articles[0].passes()


def test_plan_is_picklable_for_parallel_jobs() -> None:
    import pickle

    plan = LintPlan(rules=tuple(r() for r in CLASSES), settings=LintSettings(roster=("张三",)),
                    ignores=(Ignore(code="P101"),))
    copy = pickle.loads(pickle.dumps(plan))
    assert [type(r) for r in copy.rules] == CLASSES
    assert [r.options for r in copy.rules] == [r.options for r in plan.rules]
    assert (copy.settings, copy.ignores) == (plan.settings, plan.ignores)


class _Crashing(HalfwidthPunctuation):
    def check(self, ctx):
        raise KeyError("boom")


def test_a_crashing_rule_is_named_and_reported_as_an_input_error(tmp_path) -> None:
    from newskit.lint import RuleError, lint_document
    from newskit.lint.runner import FileError, lint_path

    doc = Document.from_text("会议召开,大家参加。\n", path="x.txt")
    with pytest.raises(RuleError, match=r"x.txt: rule P101 \(halfwidth-punctuation\) failed: KeyError"):
        lint_document(doc, [_Crashing()])
    page = tmp_path / "page.txt"
    page.write_text(doc.text, encoding="utf-8")
    result = lint_path(str(page), LintPlan(rules=(_Crashing(),)))
    assert isinstance(result, FileError) and "rule P101" in result.message


@pytest.mark.parametrize("sizes, limit, want", [
    ([], 10, []),
    ([3, 3, 3, 3], 6, [[3, 3], [3, 3]]),
    ([3, 3, 3], 7, [[3, 3, 3]]),
    ([9, 1, 1], 5, [[9], [1, 1]]),  # a dump bigger than a batch is a batch of its own
    ([0, 0, 5, 0], 5, [[0, 0, 5], [0]]),  # an unreadable file (size 0) rides with its neighbours
])
def test_batched_cuts_runs_that_reach_the_limit(sizes, limit, want) -> None:
    from newskit.runtime import batched

    assert list(batched(sizes, lambda n: n, limit)) == want


def test_a_batch_reports_each_file_failure_in_its_place(tmp_path, monkeypatch) -> None:
    """An unreadable file and a dump whose split fails become their own one-line errors; the batch's other
    files are linted as usual, in input order."""
    from newskit.lint import runner
    from newskit.lint.runner import FileError, lint_paths

    good = tmp_path / "good.txt"
    good.write_text("会议召开,大家参加。\n", encoding="utf-8")
    bad_split = tmp_path / "bad_split.txt"
    bad_split.write_text("会议召开。\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    real_split = runner.split

    def split(doc, settings):
        if doc.path.endswith("bad_split.txt"):
            raise ValueError("no records")
        return real_split(doc, settings)

    def split_batch(docs, settings):
        return [split(doc, settings) for doc in docs]

    # the batch's split fails as a whole; each dump is then split alone, so the failure is the one file's
    monkeypatch.setattr(runner, "split", split)
    monkeypatch.setattr(runner, "split_batch", split_batch)
    work = [(str(p), None, "") for p in (good, missing, bad_split, good)]
    results = list(lint_paths(work, LintPlan(rules=(HalfwidthPunctuation(),))))
    assert [type(r).__name__ for r in results] == ["FileResult", "FileError", "FileError", "FileResult"]
    assert isinstance(results[1], FileError) and results[1].path == str(missing)
    assert results[2].message == f"{bad_split}: newskit failed: ValueError: no records"
    assert [f.code for f in results[0].findings] == [f.code for f in results[3].findings] == ["P101"]
