"""The options ``lint`` and ``report`` share (selection, profile, issue date, language, config, jobs) and the
lint plan they make."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Optional

import typer

from newskit.cli.common import Flag, fail


class Profile(StrEnum):
    NEWSPAPER = "newspaper"
    WEB = "web"


class Lang(StrEnum):
    """The languages of messages, headings and report labels (``newskit.rules.base.LANGUAGES``)."""

    EN = "en"
    ZH = "zh"


Select = Annotated[Optional[list[str]], typer.Option(
    "--select", "-s", help="Rules to run: codes, prefixes (P, P1), names or ALL; comma-separated.",
    metavar="RULES")]
ExtendSelect = Annotated[Optional[list[str]], typer.Option(
    "--extend-select", help="Rules to add to the selection.", metavar="RULES")]
Ignore = Annotated[Optional[list[str]], typer.Option(
    "--ignore", help="Rules to leave out: codes, prefixes or names.", metavar="RULES")]
ProfileOption = Annotated[Optional[Profile], typer.Option(
    "--profile", help="House style profile (default: from config, else newspaper).", case_sensitive=False)]
IssueDate = Annotated[Optional[str], typer.Option(
    "--issue-date", help="The edition's date, YYYY-MM-DD (dateline rules compare against it).", metavar="DATE")]
ConfigFile = Annotated[Optional[str], typer.Option(
    "--config", help="Config file (newskit.toml or pyproject.toml) instead of the one found upward.",
    metavar="FILE")]
Isolated = Annotated[bool, Flag("--isolated", help="Ignore every config file.")]
StdinFilename = Annotated[Optional[str], typer.Option(
    "--stdin-filename", help="Name to report (and match ignores against) for input read from '-'.", metavar="NAME")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", help="Lint files in N parallel processes (0 = one per CPU).",
                                   min=0)]


def lang_option(default: str) -> typer.models.OptionInfo:
    """``--lang``; ``default`` says in the help what an unset flag falls back to."""
    return typer.Option("--lang", help=f"Language of messages and headings (default: config 'lang', else {default}).",
                        case_sensitive=False)


def workers(jobs: int) -> int:
    """``--jobs``: 0 means one process per CPU."""
    import os

    return (os.cpu_count() or 1) if jobs == 0 else jobs


def tokens(values: list[str] | None) -> list[str]:
    """``--select P,S --select B101`` -> ["P", "S", "B101"]."""
    return [t.strip() for v in values or () for t in v.split(",") if t.strip()]


def lint_plan(select: list[str] | None, ignore: list[str] | None, extend_select: list[str] | None,
              profile: Profile | None, issue_date: str | None, config: str | None, isolated: bool,
              lang: Lang | None = None, default_lang: str | None = None):
    """(config, selected rule classes, plan) from the options as typed; a bad flag, config or selector is one
    line and exit 2. The language is ``lang``, else the config's, else ``default_lang``, else the locale's."""
    from newskit.config import Config, ConfigError, load_config
    from newskit.lint.engine import SelectorError

    if config and isolated:
        fail("--config and --isolated cannot be combined")
    date = None
    if issue_date:
        try:
            date = dt.date.fromisoformat(issue_date)
        except ValueError:
            fail(f"--issue-date must be YYYY-MM-DD, not {issue_date!r}")
    try:
        cfg = Config() if isolated else load_config(config)
    except ConfigError as exc:
        fail(str(exc))
    try:
        classes, plan = cfg.plan(tokens(select), tokens(ignore), tokens(extend_select),
                                 profile.value if profile else None, date,
                                 lang.value if lang else (cfg.lang or default_lang))
    except (SelectorError, ValueError) as exc:
        fail(str(exc))
    return cfg, classes, plan
