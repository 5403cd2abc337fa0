"""T101 preferred-term."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches


@functools.cache
def term_pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    """One alternation of literal terms, longest first (so `一带一路倡议` wins over `一带一路`)."""
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t))))


class PreferredTerm(Rule):
    """A term the house style replaces: `[terms] preferred` in the config.

    ## What it does
    Flags every occurrence of a term listed in `[terms] preferred` (a table `wrong = "right"` in newskit.toml,
    `[tool.newskit.terms]` in pyproject.toml)
    and offers the house form. Typical entries are variant forms (异形词: `笔划` → `笔画`, `惟一` → `唯一`),
    official names and house spellings.

    ## Why it matters
    Consistent terms are part of a paper's style book; a checker that knows the list saves the copy desk
    the lookups.

    ## Example
    ```text
    他是惟一的证人。        # [terms] preferred = { "惟一" = "唯一" }
    ```

    ## Use instead
    ```text
    他是唯一的证人。
    ```

    ## Fix safety
    Safe: the editor's own table names the replacement.
    """

    code = "T101"
    messages = {
        "preferred": ("house style: '{wrong}' → '{right}'", "本报用字：“{wrong}”应为“{right}”"),
    }
    name = "preferred-term"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        table = ctx.settings.preferred_terms
        pattern = term_pattern(frozenset(table))
        if pattern is None:
            return
        for article, mapped, m in matches(ctx, pattern):
            right = table[m.group()]
            yield ctx.finding_in(self, mapped, m.start(), m.end(), ctx.say(self, "preferred", wrong=m.group(), right=right),
                                 replacement=right, title=f"Replace with '{right}'", article=article)
