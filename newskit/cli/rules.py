"""``newskit rules [CODE]``: list every rule, or explain one (its documentation, example and fix)."""

from __future__ import annotations

import inspect
import json
import sys
from enum import StrEnum
from typing import Annotated, Optional

import typer

from newskit.cli.common import fail, stdout_is_terminal


class RulesFormat(StrEnum):
    TABLE = "table"
    TEXT = "text"
    JSON = "json"


def _fixable(cls) -> str:
    return cls.fixable.value if cls.fixable else "—"


def _info(cls) -> dict:
    return {
        "code": cls.code, "name": cls.name, "severity": cls.severity.value,
        "fixable": cls.fixable.value if cls.fixable else None, "default": cls.default,
        "profiles": sorted(cls.profiles), "summary": cls.summary(),
    }


def _explain_markdown(cls) -> str:
    doc = inspect.cleandoc(cls.__doc__ or cls.name)
    summary, _, rest = doc.partition("\n")
    facts = (f"severity **{cls.severity.value}** · fix **{_fixable(cls)}** · profiles "
             f"{', '.join(sorted(cls.profiles))}{'' if cls.default else ' · not selected by default'}")
    return f"# {cls.code} {cls.name}\n\n{summary}\n\n{facts}\n{rest}\n"


def rules_command(
    rule: Annotated[Optional[str], typer.Argument(
        help="A rule code or name to explain; a prefix (P, S1) lists that family.", show_default=False)] = None,
    fmt: Annotated[Optional[RulesFormat], typer.Option(
        "--format", "-f", help="Output format (default: table on a terminal, else text).",
        case_sensitive=False)] = None,
) -> None:
    """List the lint rules, or explain one with its example and fix."""
    from newskit.lint.engine import SelectorError, select_rules, selects
    from newskit.rules import all_rules

    classes = list(all_rules())
    chosen = fmt or (RulesFormat.TABLE if stdout_is_terminal() else RulesFormat.TEXT)
    exact = [c for c in classes if rule and (rule.upper() == c.code or rule.lower() == c.name)]
    if exact:
        cls = exact[0]
        if chosen == RulesFormat.JSON:
            print(json.dumps({**_info(cls), "doc": inspect.cleandoc(cls.__doc__ or "")}, ensure_ascii=False,
                             indent=2))
        elif chosen == RulesFormat.TABLE:
            from rich.console import Console
            from rich.markdown import Markdown

            Console().print(Markdown(_explain_markdown(cls)))
        else:
            sys.stdout.write(_explain_markdown(cls))
        return

    if rule:  # a prefix lists its family, in every profile, so the list shows what exists
        try:
            select_rules(classes, [rule])
        except SelectorError as exc:
            fail(str(exc))
        classes = [c for c in classes if selects(rule, c.code, c.name)]
    if chosen == RulesFormat.JSON:
        print(json.dumps([_info(c) for c in classes], ensure_ascii=False, indent=2))
    elif chosen == RulesFormat.TABLE:
        from rich import box
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        console = Console()
        wide = console.width >= 120  # at 80 columns the name and summary share one column, wrapped
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
        table.add_column("code", no_wrap=True)
        if wide:
            table.add_column("name", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("fix", no_wrap=True)
        table.add_column("summary" if wide else "name / summary", overflow="fold", ratio=1)
        for c in classes:
            only = "" if c.profiles == {"newspaper", "web"} else f" ({', '.join(sorted(c.profiles))} only)"
            summary = c.summary() + only
            cells = [c.name, summary] if wide else [f"[bold]{c.name}[/]\n{escape(summary)}"]
            if wide:
                table.add_row(c.code, cells[0], c.severity.value, _fixable(c), escape(summary))
            else:
                table.add_row(c.code, c.severity.value, _fixable(c), cells[0])
        console.print(table)
    else:
        for c in classes:
            print(f"{c.code}\t{c.name}\t{c.severity.value}\t{_fixable(c)}\t{c.summary()}")
