"""T102 banned-term."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches
from newskit.rules.terms.preferred_term import term_pattern


class BannedTerm(Rule):
    """A term the house style bans: `[terms] banned` in the config.

    ## What it does
    Flags every occurrence of a term listed in `[terms] banned` (a table `term = "reason"` in newskit.toml,
    `[tool.newskit.terms]` in pyproject.toml),
    with the reason as the message.

    ## Why it matters
    Style books ban terms (禁用词: discriminatory wording, expressions the paper's guidelines forbid, names
    that must not appear); a missed one is a serious error in print.

    ## Example
    ```text
    该小区居民多为外来妹。      # [terms] banned = { "外来妹" = "歧视性称谓，用‘外来务工女性’" }
    ```

    ## Use instead
    ```text
    该小区居民多为外来务工女性。
    ```

    ## Fix safety
    No fix: the right wording depends on the sentence.
    """

    code = "T102"
    messages = {
        "banned": ("banned term '{term}'", "禁用词“{term}”"),
        "banned_why": ("banned term '{term}': {reason}", "禁用词“{term}”：{reason}"),
    }
    name = "banned-term"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        table = ctx.settings.banned_terms
        pattern = term_pattern(frozenset(table))
        if pattern is None:
            return
        for article, mapped, m in matches(ctx, pattern, byline=True):
            reason = table[m.group()]
            message = (ctx.say(self, "banned_why", term=m.group(), reason=reason) if reason
                       else ctx.say(self, "banned", term=m.group()))
            yield ctx.finding_in(self, mapped, m.start(), m.end(), message, article=article)
