"""Run every table-driven rule case in tests/rules/cases/*.toml through the real engine.

For each case: a pass case gives no finding of its rule; a fail case gives at least one (exactly the listed
``violations`` when given); ``fixed`` is the text after ``--fix`` (``--unsafe-fixes`` with ``unsafe = true``),
and re-linting it offers no further fix of that rule.
"""

from __future__ import annotations

import pytest

from casefiles import Case, all_cases
from newskit.lint import LintPlan, fix_document, lint_document
from newskit.model import Applicability, Document
from newskit.rules import rule_by_code

CASES = all_cases()


def _rule(case: Case):
    cls = rule_by_code(case.code)
    assert cls is not None, f"{case.source}: rule {case.code} is not in the registry (newskit/rules/__init__.py)"
    return cls(cls.make_options(case.options))


def _findings(case: Case, rule, text: str):
    doc = Document.from_text(text, path=f"{case.id}.txt")
    return doc, [f for f in lint_document(doc, [rule], case.lint_settings()) if f.code == case.code]


def _show(findings) -> str:
    return "\n".join(f"  {f.line}:{f.column} {f.code} {f.message} [{f.excerpt}]" for f in findings) or "  (none)"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    rule = _rule(case)
    doc, findings = _findings(case, rule, case.text)

    if case.expect == "pass":
        assert not findings, f"{case.id}: expected no {case.code} finding, got:\n{_show(findings)}"
    else:
        assert findings, f"{case.id}: expected a {case.code} finding, got none"
        if case.violations is not None:
            got = [(f.line, f.column) for f in findings]
            assert got == list(case.violations), f"{case.id}: violations differ:\n{_show(findings)}"

    for f in findings:
        assert (f.line, f.column) == doc.position(f.start), f"{case.id}: line/column disagree with the offset"
        assert (f.end_line, f.end_column) == doc.position(f.end)
        assert f.name == rule.name and f.fingerprint
        if f.fix is not None:
            assert rule.fixable is not None, f"{case.id}: {case.code} offers a fix but is not marked fixable"
            for e in f.fix.edits:
                assert f.start <= e.start <= e.end <= f.end, f"{case.id}: a fix edits text outside its finding"

    if case.fixed is not None:
        plan = LintPlan(rules=(rule,), settings=case.lint_settings())
        result = fix_document(doc, plan, unsafe=case.unsafe)
        fixed_text = result.fixed_text if result.fixed_text is not None else case.text
        assert fixed_text == case.fixed, f"{case.id}: fixed text differs"
        _, again = _findings(case, rule, fixed_text)
        still = [f for f in again if f.fix is not None
                 and (case.unsafe or f.fix.applicability == Applicability.SAFE)]
        assert not still, f"{case.id}: the fixed text still has fixes to apply:\n{_show(still)}"
