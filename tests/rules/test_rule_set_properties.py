"""Properties of the newspaper rule set on arbitrary dumps: no rule crashes, every finding lies inside the
dump, every fix edits only the text its finding reports, and fixing twice changes nothing the second time."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from newskit.lint import LintPlan, apply_fixes, fix_document, lint_document
from newskit.model import Document
from newskit.rules import all_rules

RULES = [cls() for cls in all_rules()]
#: Characters the rules react to: Han (with reduplication-prone ones), marks of both widths, digits of both
#: widths, quotes, brackets, dashes, markup, invisible characters, date words.
ALPHABET = st.sampled_from(list(
    "的了是使用解决件层人家户本报讯记者通讯员实习生摄月日年星期周六二〇零O一十"
    "，。、；：？！…—·“”‘’「」（）《》,.;:?!()\"'-#*<>/ \u3000\n0123456789０１２and"
    "\u200b\ufffd■▲"
))
TEXT = st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=40), min_size=1, max_size=8).map("\n\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_rules_never_crash_and_findings_stay_inside(text: str) -> None:
    doc = Document.from_text(text)
    for f in lint_document(doc, RULES):
        assert 0 <= f.start <= f.end <= len(text)
        if f.fix is not None:
            for e in f.fix.edits:
                assert f.start <= e.start <= e.end <= f.end


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_safe_fixes_are_idempotent(text: str) -> None:
    doc = Document.from_text(text)
    plan = LintPlan(rules=tuple(RULES))
    first = fix_document(doc, plan)
    once = first.fixed_text if first.fixed_text is not None else text
    second = fix_document(Document.from_text(once), plan)
    assert (second.fixed_text if second.fixed_text is not None else once) == once


def test_apply_fixes_on_a_seed_like_page_keeps_everything_else() -> None:
    text = "本报讯（记者 张三）3月18日，他说\"我们要坚持\"...大家鼓掌！！\n"
    doc = Document.from_text(text)
    fixed, applied = apply_fixes(doc, lint_document(doc, RULES))
    assert fixed == "本报讯（记者 张三）3月18日，他说“我们要坚持”……大家鼓掌！\n" and applied


#: Rules whose example needs settings from config (a roster, an issue date, term tables) to fire.
NEEDS_SETTINGS = {"B106", "D103", "T101", "T102"}


def _block(doc: str, heading: str) -> str | None:
    """The fenced text block under ``heading`` in a rule docstring (None when the section has no block)."""
    section = doc.split(heading, 1)[1].split("\n## Fix safety", 1)[0]
    if "```text\n" not in section:
        return None
    return section.split("```text\n", 1)[1].split("```", 1)[0]


def test_docstring_examples_fail_and_use_instead_passes() -> None:
    """What `newskit rules CODE` shows is true: the example is flagged, the "use instead" text is not."""
    import inspect

    for rule in RULES:
        if rule.code in NEEDS_SETTINGS | {"P101", "S101", "B101"}:  # the engine's own rules have their own test
            continue
        doc = inspect.cleandoc(type(rule).__doc__)
        bad, good = _block(doc, "## Example"), _block(doc, "## Use instead")
        assert lint_document(Document.from_text(bad), [rule]), f"{rule.code}: its example is not flagged"
        if good is not None:
            assert not lint_document(Document.from_text(good), [rule]), f"{rule.code}: 'use instead' is flagged"
