"""Read the table-driven rule cases in tests/rules/cases/<CODE>.toml (format: tests/rules/cases/README.md)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from newskit.rules.base import LintSettings

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "text", "expect", "violations", "fixed", "options", "settings", "unsafe"}
SETTINGS_KEYS = {"profile", "roster", "preferred_terms", "banned_terms", "issue_date", "lang", "wrong_words",
                 "allowed_words"}


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    text: str
    expect: str  # "pass" | "fail"
    violations: tuple[tuple[int, int], ...] | None = None
    fixed: str | None = None
    options: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    unsafe: bool = False
    source: str = ""

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"

    def lint_settings(self) -> LintSettings:
        s = dict(self.settings)
        if "roster" in s:
            s["roster"] = tuple(s["roster"])
        if "allowed_words" in s:
            s["allowed_words"] = frozenset(s["allowed_words"])
        if "issue_date" in s:
            s["issue_date"] = dt.date.fromisoformat(str(s["issue_date"]))
        return LintSettings(**s)


class CaseFileError(ValueError):
    pass


def load_case_file(path: Path) -> tuple[str, list[Case]]:
    """Parse one case file; malformed files raise CaseFileError naming the file and the case."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown_top = set(data) - {"rule", "case"}
    if unknown_top:
        raise CaseFileError(f"{path.name}: unknown top-level keys {sorted(unknown_top)}")
    code = data.get("rule")
    if not isinstance(code, str):
        raise CaseFileError(f"{path.name}: missing 'rule = \"CODE\"'")
    if path.stem != code:
        raise CaseFileError(f"{path.name}: file name does not match rule {code}")
    cases = []
    for raw in data.get("case", []):
        where = f"{path.name}: case {raw.get('name', '?')!r}"
        unknown = set(raw) - CASE_KEYS
        if unknown:
            raise CaseFileError(f"{where}: unknown keys {sorted(unknown)}")
        if not {"name", "text", "expect"} <= set(raw):
            raise CaseFileError(f"{where}: needs name, text and expect")
        if raw["expect"] not in ("pass", "fail"):
            raise CaseFileError(f"{where}: expect must be 'pass' or 'fail'")
        if raw["expect"] == "pass" and ("fixed" in raw or "violations" in raw):
            raise CaseFileError(f"{where}: a pass case has no violations and no fixed text")
        unknown_settings = set(raw.get("settings", {})) - SETTINGS_KEYS
        if unknown_settings:
            raise CaseFileError(f"{where}: unknown settings {sorted(unknown_settings)}")
        violations = raw.get("violations")
        cases.append(Case(
            code=code, name=raw["name"], text=raw["text"], expect=raw["expect"],
            violations=tuple(tuple(v) for v in violations) if violations is not None else None,
            fixed=raw.get("fixed"), options=raw.get("options", {}), settings=raw.get("settings", {}),
            unsafe=bool(raw.get("unsafe", False)), source=path.name,
        ))
    names = [c.name for c in cases]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise CaseFileError(f"{path.name}: duplicated case names {duplicated}")
    return code, cases


def case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.toml"))


def all_cases() -> list[Case]:
    out: list[Case] = []
    for path in case_files():
        out.extend(load_case_file(path)[1])
    return out
