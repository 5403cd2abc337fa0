"""Every registered rule is documented, named and tested the same way (ruff/sqlfluff-style meta-tests)."""

from __future__ import annotations

import dataclasses
import importlib
import re

import pytest

from casefiles import CaseFileError, case_files, load_case_file
from newskit.model import Applicability, Severity
from newskit.rules import RULE_PATHS, all_rules

FAMILIES = {
    "P": "punctuation", "N": "numbers", "S": "spacing", "R": "repetition",
    "B": "bylines", "D": "datelines", "X": "extraction", "T": "terms",
    "W": "wrong_words",
}
HEADINGS = ["## What it does", "## Why it matters", "## Example", "## Use instead", "## Fix safety"]
CODE_RE = re.compile(r"^[PNSRBDXTW]\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RULES = all_rules()
IDS = [r.code for r in RULES]
CASES = {}
for _path in case_files():
    try:
        _code, _cases = load_case_file(_path)
    except CaseFileError as exc:  # reported by test_case_files_parse
        CASES[_path.stem] = exc
    else:
        CASES[_code] = _cases


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _sections(doc: str) -> dict[str, str]:
    out: dict[str, str] = {}
    current = None
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped.startswith("## "):
            current = stripped
            out[current] = ""
        elif current:
            out[current] += stripped + "\n"
    return {k: v.strip() for k, v in out.items()}


def test_registry_paths_are_unique_and_import() -> None:
    assert len(RULE_PATHS) == len(set(RULE_PATHS)), "a rule is registered twice"
    for path in RULE_PATHS:
        module, cls = path.split(":")
        assert hasattr(importlib.import_module(module), cls), path


def test_codes_and_names_are_unique() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_code_name_and_layout(rule) -> None:
    assert CODE_RE.match(rule.code), rule.code
    assert NAME_RE.match(rule.name), f"{rule.code}: name {rule.name!r} is not kebab-case"
    assert rule.__name__ == _camel(rule.name), f"{rule.code}: class should be {_camel(rule.name)}"
    family = FAMILIES[rule.code[0]]
    assert rule.__module__ == f"newskit.rules.{family}.{rule.name.replace('-', '_')}", rule.__module__


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_attributes(rule) -> None:
    assert isinstance(rule.severity, Severity)
    assert rule.fixable in (None, Applicability.SAFE, Applicability.UNSAFE)
    assert rule.profiles and rule.profiles <= {"newspaper", "web"}
    assert dataclasses.is_dataclass(rule.Options)
    rule()  # default options construct


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_docstring_sections_in_order(rule) -> None:
    doc = rule.__doc__ or ""
    assert doc.strip() and not doc.strip().splitlines()[0].startswith("#"), f"{rule.code}: no summary line"
    positions = [doc.find(h + "\n") for h in HEADINGS]
    missing = [h for h, p in zip(HEADINGS, positions) if p < 0]
    assert not missing, f"{rule.code}: docstring lacks {missing}"
    assert positions == sorted(positions), f"{rule.code}: headings out of order, want {HEADINGS}"
    sections = _sections(doc)
    for h in HEADINGS:
        assert sections[h], f"{rule.code}: section {h!r} is empty"
    first_word = re.split(r"[\s:.,]", sections["## Fix safety"], maxsplit=1)[0]
    want = {Applicability.SAFE: {"Safe"}, Applicability.UNSAFE: {"Unsafe"}, None: {"None", "No"}}[rule.fixable]
    assert first_word in want, f"{rule.code}: '## Fix safety' should start with one of {sorted(want)}"


def test_case_files_parse() -> None:
    bad = {code: str(v) for code, v in CASES.items() if isinstance(v, Exception)}
    assert not bad, bad


def test_every_case_file_names_a_registered_rule() -> None:
    registered = {r.code for r in RULES}
    orphans = sorted(set(CASES) - registered)
    assert not orphans, f"case files without a registered rule: {orphans}"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_has_cases(rule) -> None:
    cases = CASES.get(rule.code)
    assert cases is not None, f"tests/rules/cases/{rule.code}.toml is missing"
    assert not isinstance(cases, Exception), cases
    kinds = {c.expect for c in cases}
    assert kinds == {"pass", "fail"}, f"{rule.code}: needs at least one pass and one fail case"
    for c in cases:
        rule.make_options(c.options)  # unknown option names fail here
    if rule.fixable is not None:
        missing = [c.name for c in cases if c.expect == "fail" and c.fixed is None]
        assert not missing, f"{rule.code}: fail cases of a fixable rule need 'fixed': {missing}"
        demonstrated = [c for c in cases if c.fixed is not None and c.fixed != c.text
                        and (c.unsafe or rule.fixable == Applicability.SAFE)]
        assert demonstrated, f"{rule.code}: no case shows the fix changing the text"
    else:
        assert not [c for c in cases if c.fixed is not None and c.fixed != c.text], \
            f"{rule.code}: has no fix but a case expects fixed text"
