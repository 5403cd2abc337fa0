"""Property tests: on any dump, findings point inside the file, fixes keep every Chinese character, a second
--fix changes nothing; hostile input gives exact findings."""

from __future__ import annotations

import collections
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newskit.lint import LintPlan, fix_document, lint_document
from newskit.model import Document
from newskit.rules.bylines.broken_byline import BrokenByline
from newskit.rules.punctuation.halfwidth_punctuation import HalfwidthPunctuation
from newskit.rules.spacing.space_between_han_and_digit import SpaceBetweenHanAndDigit

RULES = (HalfwidthPunctuation(), SpaceBetweenHanAndDigit(), BrokenByline())
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]")
ALPHABET = list("会议召开本报讯记者通讯员张三李四年月日") + list("0123456789") + list(",:;!?()（）。，“”") + \
    list("APw./ ") + ["\n", "\n\n", "\u3000", "\t", "# ", "——"]
dumps = st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=120).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps)
def test_findings_lie_inside_the_file_and_fixes_inside_findings(text: str) -> None:
    doc = Document.from_text(text, path="p.txt")
    for f in lint_document(doc, RULES):
        assert 0 <= f.start <= f.end <= len(text)
        assert (f.line, f.column) == doc.position(f.start)
        if f.fix:
            assert all(f.start <= e.start <= e.end <= f.end for e in f.fix.edits)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps, st.booleans())
def test_fix_keeps_chinese_and_is_idempotent(text: str, unsafe: bool) -> None:
    doc = Document.from_text(text, path="p.txt")
    plan = LintPlan(rules=RULES)
    once = fix_document(doc, plan, unsafe=unsafe)
    fixed = once.fixed_text if once.fixed_text is not None else text
    assert collections.Counter(HAN_RE.findall(fixed)) == collections.Counter(HAN_RE.findall(text))
    again = fix_document(Document.from_text(fixed, path="p.txt"), plan, unsafe=unsafe)
    assert again.fixed_text is None and not again.fixed


def test_hostile_input_gives_exact_findings() -> None:
    """Long runs that would blow up a backtracking pattern; the counts show each run is matched once."""
    cases = [
        ("会" + "(" * 20_000 + "议", 2),  # only the marks touching Chinese
        ("年 " + " " * 20_000 + "9", 1),  # one run of spaces, one finding
        ("会议" + ", " * 10_000 + "会", 2),  # the first and the last comma
        ("会议" + "(会议" * 5_000 + ")" * 5_000, 5_000),  # 4,999 lone '(' before Han + the innermost pair
    ]
    for text, want in cases:
        found = lint_document(Document.from_text(text + "\n"), RULES)
        assert len(found) == want, (text[:12], [(f.column, f.message) for f in found][:5])
