"""Configuration: ``[tool.newskit]`` in pyproject.toml, or a ``newskit.toml`` (same keys, no table prefix).

Found from the working directory upward: in each directory ``newskit.toml`` wins over ``pyproject.toml``, and a
pyproject.toml without a ``[tool.newskit]`` table is passed over. Keys may be spelt with ``-`` or ``_``::

    [tool.newskit]
    profile = "newspaper"            # or "web"
    select = ["P", "S", "B"]         # codes, prefixes, names or ALL; default: every default rule
    extend-select = []
    ignore = ["B101"]
    fail-on = "error"                # error | warning | info
    issue-date = "2020-03-18"        # the edition's date (datelines must not be later)
    roster = ["许珂", "李奇"]         # or a file name: roster = "staff.txt" (one name a line)
    lang = "zh"                      # messages and headings: zh | en (default: from the locale)
    exclude = ["archive/*"]          # globs of files a walk skips (--exclude replaces, --extend-exclude adds)
    extend-exclude = []
    max-error-rate = 3               # page gate: exit 1 when a page has more errors per 10,000 characters

    [tool.newskit.terms]
    preferred = { "笔划" = "笔画" }   # wrong -> right
    banned = { "某词" = "why" }
    wrong-words = { "错形" = "正形" } # more W101 entries (wrong -> right)
    allow = ["九洲"]                 # built-in W101 / W102 / T103 forms the house uses on purpose

    [tool.newskit.rules.halfwidth-punctuation]   # a rule's name or code
    severity = "warning"             # error | warning | info | off
    # any other key is one of the rule's options

    [[tool.newskit.ignores]]         # dumps have no comment syntax: ignore by file + rule + fingerprint
    path = "pages/001_*.txt"         # glob, relative to the config file's directory
    code = "S101"
    fingerprint = "a7740af3ee09"     # from --format json; omit it (keeping path) to ignore the rule in those files
    reason = "table in an advertisement"

Every error is a ``ConfigError`` with one line naming the file; the CLI prints it and exits with code 2.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newskit.lint.engine import Ignore, LintPlan, SelectorError, resolve_rules, select_rules
from newskit.model import Severity
from newskit.rules.base import LintSettings

PROFILES = ("newspaper", "web")
_TOP_KEYS = {
    "profile", "select", "extend_select", "ignore", "fail_on", "issue_date", "roster", "terms", "rules",
    "ignores", "lang", "exclude", "extend_exclude", "max_error_rate",
}
LANGS = ("en", "zh")
_IGNORE_KEYS = {"path", "code", "fingerprint", "reason"}


class ConfigError(Exception):
    """A bad configuration file or value: one line, exit code 2."""


@dataclass(frozen=True)
class Config:
    """The resolved configuration (defaults when no file is found)."""

    path: Path | None = None
    profile: str = "newspaper"
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    issue_date: dt.date | None = None
    roster: tuple[str, ...] = ()
    preferred_terms: dict[str, str] = field(default_factory=dict)
    banned_terms: dict[str, str] = field(default_factory=dict)
    wrong_words: dict[str, str] = field(default_factory=dict)
    allowed_words: frozenset[str] = frozenset()
    rule_options: dict[str, dict] = field(default_factory=dict)  # code -> options
    severities: dict[str, Severity] = field(default_factory=dict)  # code -> severity
    ignores: tuple[Ignore, ...] = ()
    lang: str | None = None  # None: from the locale
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    max_error_rate: float | None = None

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def plan(self, select: Sequence[str] | None = None, ignore: Sequence[str] = (),
             extend_select: Sequence[str] = (), profile: str | None = None,
             issue_date: dt.date | None = None, lang: str | None = None) -> tuple[list[type], LintPlan]:
        """The selected rule classes and the plan for a run: command-line ``select`` replaces the config's,
        ``ignore`` and ``extend_select`` add to it. Raises SelectorError or ValueError (bad options)."""
        from newskit.rules import all_rules

        chosen_profile = profile or self.profile
        classes = select_rules(all_rules(), select if select else self.select, [*self.ignore, *ignore],
                               extend_select=[*self.extend_select, *extend_select], profile=chosen_profile)
        plan = LintPlan(
            rules=tuple(resolve_rules(classes, self.rule_options)),
            settings=self.settings(chosen_profile, issue_date, lang), severities=tuple(self.severities.items()),
            ignores=self.ignores, root=str(self.root) if self.root else None,
        )
        return classes, plan

    def settings(self, profile: str | None = None, issue_date: dt.date | None = None,
                 lang: str | None = None) -> LintSettings:
        return LintSettings(
            profile=profile or self.profile, roster=self.roster, preferred_terms=dict(self.preferred_terms),
            banned_terms=dict(self.banned_terms), issue_date=issue_date or self.issue_date,
            lang=lang or self.lang or locale_lang(),
            wrong_words=dict(self.wrong_words), allowed_words=self.allowed_words,
        )


def locale_lang(environ: dict | None = None) -> str:
    """``zh`` when the locale is Chinese (LC_ALL, LC_MESSAGES or LANG, as gettext reads them), else ``en``."""
    import os

    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return "zh" if env[name].lower().startswith("zh") else "en"
    return "en"


def kebab(key: str) -> str:
    """Config keys are documented in kebab-case; errors name them the same way."""
    return key.replace("_", "-")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest newskit.toml, or pyproject.toml holding ``[tool.newskit]``, from ``start`` upward."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "newskit.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _has_newskit_table(candidate):
            return candidate
    return None


def _has_newskit_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # a broken pyproject.toml that is not ours to read is passed over, not reported
        return False
    return isinstance(data.get("tool"), dict) and "newskit" in data["tool"]


def load_config(path: Path | str | None = None, *, start: Path | None = None) -> Config:
    """Load ``path`` (or the file ``find_config`` finds); no file means the defaults."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Config()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("newskit")
        if table is None:
            raise ConfigError(f"{path}: no [tool.newskit] table")
        where = f"{path} [tool.newskit]"
    elif set(data) == {"tool"} and isinstance(data["tool"], dict) and "newskit" in data["tool"]:
        # the README's pyproject example pasted into newskit.toml: the same settings, so accept it
        table, where = data["tool"]["newskit"], f"{path} [tool.newskit]"
    else:
        table, where = data, str(path)
    try:
        return _parse(table, path)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _norm(table: dict) -> dict:
    return {str(k).replace("-", "_"): v for k, v in table.items()}


def _strings(value: object, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings")
    return tuple(value)


def _str_map(value: object, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigError(f"'{key}' must be a table of strings")
    return dict(value)


def _severity(value: object, key: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"'{key}' must be error, warning or info, not {value!r}") from None


def _parse(raw: dict, path: Path) -> Config:
    from newskit.rules import all_rules

    if not isinstance(raw, dict):
        raise ConfigError("expected a table")
    table = _norm(raw)
    unknown = sorted(set(table) - _TOP_KEYS)
    if unknown:
        raise ConfigError(f"unknown key(s) {', '.join(map(kebab, unknown))} "
                          f"(known: {', '.join(sorted(map(kebab, _TOP_KEYS)))})")
    classes = all_rules()
    kw: dict = {"path": path}

    profile = table.get("profile", "newspaper")
    if profile not in PROFILES:
        raise ConfigError(f"'profile' must be one of {', '.join(PROFILES)}, not {profile!r}")
    kw["profile"] = profile
    if "select" in table:
        kw["select"] = _strings(table["select"], "select")
    kw["extend_select"] = _strings(table.get("extend_select", []), "extend-select")
    ignore = list(_strings(table.get("ignore", []), "ignore"))
    if "fail_on" in table:
        kw["fail_on"] = _severity(table["fail_on"], "fail-on")
    if "issue_date" in table:
        value = table["issue_date"]
        try:
            kw["issue_date"] = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(f"'issue-date' must be YYYY-MM-DD, not {value!r}") from None
    if "roster" in table:
        kw["roster"] = _roster(table["roster"], path)
    if "lang" in table:
        if table["lang"] not in LANGS:
            raise ConfigError(f"'lang' must be one of {', '.join(LANGS)}, not {table['lang']!r}")
        kw["lang"] = table["lang"]
    kw["exclude"] = _strings(table.get("exclude", []), "exclude")
    kw["extend_exclude"] = _strings(table.get("extend_exclude", []), "extend-exclude")
    if "max_error_rate" in table:
        value = table["max_error_rate"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"'max-error-rate' must be a number of errors per 10,000 characters, not {value!r}")
        kw["max_error_rate"] = float(value)

    terms = table.get("terms", {})
    if not isinstance(terms, dict):
        raise ConfigError("'terms' must be a table")
    terms = _norm(terms)
    extra = sorted(set(terms) - {"preferred", "banned", "wrong_words", "allow"})
    if extra:
        raise ConfigError(f"unknown key(s) in [terms]: {', '.join(extra)} (known: allow, banned, preferred, "
                          "wrong-words)")
    kw["preferred_terms"] = _str_map(terms.get("preferred", {}), "terms.preferred")
    kw["banned_terms"] = _str_map(terms.get("banned", {}), "terms.banned")
    kw["wrong_words"] = _str_map(terms.get("wrong_words", {}), "terms.wrong-words")
    kw["allowed_words"] = frozenset(_strings(terms.get("allow", []), "terms.allow"))

    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError("'rules' must be a table of rule tables")
    options: dict[str, dict] = {}
    severities: dict[str, Severity] = {}
    for key, values in rules.items():
        cls = next((c for c in classes if key.upper() == c.code or key == c.name), None)
        if cls is None:
            raise ConfigError(f"[rules.{key}]: no rule with that code or name")
        if not isinstance(values, dict):
            raise ConfigError(f"[rules.{key}] must be a table")
        values = _norm(values)
        if "severity" in values:
            level = str(values.pop("severity")).lower()
            if level == "off":
                ignore.append(cls.code)
            else:
                severities[cls.code] = _severity(level, f"rules.{key}.severity")
        if values:
            try:
                cls.make_options(values)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"[rules.{key}]: {str(exc).replace('_', '-')}") from None
            options[cls.code] = values
    kw["ignore"] = tuple(ignore)
    kw["rule_options"] = options
    kw["severities"] = severities
    kw["ignores"] = _ignores(table.get("ignores", []), classes)

    try:
        select_rules(classes, kw.get("select"), kw["ignore"], extend_select=kw["extend_select"], profile=profile)
    except SelectorError as exc:
        raise ConfigError(str(exc)) from None
    return Config(**kw)


def _roster(value: object, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        roster_path = path.parent / value
        try:
            text = roster_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"'roster' file {roster_path} cannot be read ({exc})") from None
        return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return _strings(value, "roster")


def _ignores(value: object, classes) -> tuple[Ignore, ...]:
    if not isinstance(value, list):
        raise ConfigError("'ignores' must be an array of tables ([[tool.newskit.ignores]])")
    out = []
    for k, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise ConfigError(f"ignores #{k} must be a table")
        unknown = sorted(set(item) - _IGNORE_KEYS)
        if unknown:
            raise ConfigError(f"ignores #{k}: unknown key(s) {', '.join(unknown)}")
        if not all(isinstance(v, str) for v in item.values()):
            raise ConfigError(f"ignores #{k}: values must be strings")
        if "code" not in item and "fingerprint" not in item:
            raise ConfigError(f"ignores #{k}: needs a code, a fingerprint or both")
        try:
            select_rules(classes, [item.get("code", "ALL")])
        except SelectorError as exc:
            raise ConfigError(f"ignores #{k}: {exc}") from None
        if "fingerprint" not in item and item.get("path", "*") in ("*", "**", ""):
            raise ConfigError(f"ignores #{k}: a code with no path and no fingerprint hides {item['code']} in "
                              f"every file; give a path or a fingerprint, or use ignore = [\"{item['code']}\"]")
        out.append(Ignore(path=item.get("path", "*"), code=item.get("code", "ALL"),
                          fingerprint=item.get("fingerprint", ""), reason=item.get("reason", "")))
    return tuple(out)
