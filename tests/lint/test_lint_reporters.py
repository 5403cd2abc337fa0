"""Reporters on a hand-made run: escaping, SARIF details, statistics, highlighting."""

from __future__ import annotations

import io
import json

from newskit.lint import FileResult
from newskit.model import Applicability, Document, Edit, Finding, Fix, Severity
from newskit.reporters.base import LintRun, OutputFormat, get_reporter, rule_statistics, summary_line
from newskit.reporters.github import format_finding as github_line
from newskit.rules.punctuation.halfwidth_punctuation import HalfwidthPunctuation
from newskit.rules.spacing.space_between_han_and_digit import SpaceBetweenHanAndDigit

DOC = Document.from_text("标题\n\n会议召开,大家参加 9 人。\n", path="pages/a,b:c%.txt")


def finding(code: str, start: int, end: int, severity: Severity, message: str, fix: Fix | None = None) -> Finding:
    line, col = DOC.position(start)
    end_line, end_col = DOC.position(end)
    return Finding(code, "n", severity, message, DOC.path, line, col, end_line, end_col, start, end,
                   excerpt=DOC.text[start - 4:end + 2], excerpt_offset=4, fix=fix, fingerprint=f"fp{start}")


COMMA = DOC.text.index(",")
P = finding("P101", COMMA, COMMA + 1, Severity.ERROR, "half-width ','\nsecond line",
            Fix((Edit(COMMA, COMMA + 1, "，"),), Applicability.SAFE, "Replace"))
SPACE = DOC.text.index(" 9")
S = finding("S101", SPACE, SPACE + 1, Severity.INFO, "space 100%")
RUN = LintRun(results=(FileResult(DOC, (), (P, S)),), rules=(HalfwidthPunctuation, SpaceBetweenHanAndDigit))


def render(fmt: str, run: LintRun = RUN) -> str:
    buf = io.StringIO()
    get_reporter(fmt)(run, buf)
    return buf.getvalue()


def test_every_format_has_a_reporter() -> None:
    for fmt in OutputFormat:
        assert render(fmt.value)


def test_github_escapes_properties_and_data() -> None:
    assert github_line(P) == (
        "::error file=pages/a%2Cb%3Ac%25.txt,line=3,col=5,endLine=3,endColumn=6,title=P101 n"
        "::P101 half-width ','%0Asecond line"
    )
    assert github_line(S).startswith("::notice ") and github_line(S).endswith("space 100%25")


def test_sarif_levels_fixes_and_uri() -> None:
    sarif = json.loads(render("sarif"))
    (run,) = sarif["runs"]
    p, s = run["results"]
    assert (p["level"], s["level"]) == ("error", "note")
    assert p["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pages/a%2Cb%3Ac%25.txt"
    (replacement,) = p["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement == {"deletedRegion": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 6},
                           "insertedContent": {"text": "，"}}
    assert "fixes" not in s and p["partialFingerprints"] == {"newskit/v1": f"fp{COMMA}"}
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["P101", "S101"]
    assert rules[0]["help"]["markdown"].startswith("Half-width") and "## Fix safety" in rules[0]["help"]["text"]


def test_sarif_lists_rules_even_without_results() -> None:
    empty = LintRun(results=(FileResult(DOC, (), ()),), rules=(HalfwidthPunctuation,))
    run = json.loads(render("sarif", empty))["runs"][0]
    assert run["results"] == [] and [r["id"] for r in run["tool"]["driver"]["rules"]] == ["P101"]


def test_concise_and_summary() -> None:
    lines = render("concise").splitlines()
    assert lines[0] == "pages/a,b:c%.txt:3:5: P101 [*] [error] half-width ','\nsecond line".split("\n")[0]
    assert lines[-1] == "Found 1 error, 1 info in 1 file. 1 fixable with --fix (marked [*])."
    assert summary_line(LintRun(results=())) == "No findings in 0 files."


def test_rule_statistics_most_frequent_first() -> None:
    run = LintRun(results=(FileResult(DOC, (), (P, S, S)),))
    rows = [(r["code"], r["count"], r["fixable"]) for r in rule_statistics(run)]
    assert rows == [("S101", 2, 0), ("P101", 1, 1)]


def test_table_highlights_the_flagged_span() -> None:
    from newskit.reporters.table import HIGHLIGHT, excerpt_text

    text = excerpt_text(P)
    (span,) = [s for s in text.spans if s.style == HIGHLIGHT]
    assert text.plain[span.start:span.end] == ","
