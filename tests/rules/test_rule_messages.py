"""The message contract (issue 10, item 8): every rule declares its messages in English and Chinese with the
same placeholders, builds them with ``ctx.say``, and a finding's message follows ``settings.lang``."""

from __future__ import annotations

import dataclasses
import re
import string

import pytest

from casefiles import all_cases
from newskit.lint import lint_document
from newskit.model import Document
from newskit.rules import all_rules, rule_by_code
from newskit.rules.base import LANGUAGES

HAN_RE = re.compile(r"[\u4e00-\u9fff]")
RULES = list(all_rules())


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("cls", RULES, ids=[c.code for c in RULES])
def test_every_message_in_both_languages_with_the_same_placeholders(cls) -> None:
    assert len(LANGUAGES) == 2 and cls.messages, f"{cls.code} declares no messages"
    for key, texts in cls.messages.items():
        assert isinstance(texts, tuple) and len(texts) == len(LANGUAGES), (cls.code, key)
        english, chinese = texts
        assert english.strip() and chinese.strip(), (cls.code, key)
        assert _fields(english) == _fields(chinese), f"{cls.code} {key!r}: placeholders differ"
        assert HAN_RE.search(chinese) or not HAN_RE.search(english.replace("月", "").replace("日", "")), (
            cls.code, key)


FAILING = [c for c in all_cases() if c.expect == "fail"]


@pytest.mark.parametrize("case", FAILING, ids=[c.id for c in FAILING])
def test_findings_speak_the_chosen_language(case) -> None:
    """Every failing case, linted in each language: same findings, and each message is the rule's template
    in that language (so a rule that still builds its own English string fails here)."""
    cls = rule_by_code(case.code)
    rule = cls(cls.make_options(case.options))
    doc = Document.from_text(case.text, path="case.txt")
    found = {}
    for lang in LANGUAGES:
        settings = dataclasses.replace(case.lint_settings(), lang=lang)
        found[lang] = [f for f in lint_document(doc, [rule], settings) if f.code == case.code]
    en, zh = found["en"], found["zh"]
    assert [(f.start, f.end) for f in en] == [(f.start, f.end) for f in zh]
    for a, b in zip(en, zh):
        assert a.message != b.message and HAN_RE.search(b.message), (a.message, b.message)
        assert _matches_a_template(cls, a.message, 0), a.message
        assert _matches_a_template(cls, b.message, 1), b.message


def _matches_a_template(cls, message: str, lang: int) -> bool:
    for texts in cls.messages.values():
        pattern = "".join(re.escape(lit) + (".*?" if name is not None else "")
                          for lit, name, _, _ in string.Formatter().parse(texts[lang]))
        if re.fullmatch(pattern, message, re.S):
            return True
    return False
