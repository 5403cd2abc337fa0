"""B102 byline-brackets."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.bylines.common import bracket_style, byline_span, bylines


class BylineBrackets(Rule):
    """A byline with half-width, mixed or unbalanced brackets: `本报讯(记者 魏涛)`.

    ## What it does
    Reports the whole byline when its credit brackets are ASCII `( )`, mix widths (`（记者 X)`), or do not
    pair up (`本报讯（记者 X` with no `）`). P101 fixes each half-width mark in running text; this rule
    is about the byline as a unit, so a page editor sees one finding per byline.

    ## Why it matters
    The credit line is set in full-width brackets by every Chinese newsroom (`本报讯（记者 X）`); half-width
    brackets mark copy that came through an English keyboard or a PDF export, and an unclosed bracket
    means part of the byline was lost.

    ## Example
    ```text
    本报讯(记者 魏涛)3月2日，省人社厅副厅长李军一行来我市督查。
    ```

    ## Use instead
    ```text
    本报讯（记者 魏涛）3月2日，省人社厅副厅长李军一行来我市督查。
    ```

    ## Fix safety
    No fix here: P101's safe fix replaces the brackets themselves.
    """

    code = "B102"
    messages = {
        "unpaired": ("byline brackets do not pair up: '{byline}'", "署名括号不成对：“{byline}”"),
        "half": ("byline set in half-width brackets '( )'; use '（ ）'", "署名用了半角括号“( )”，应为“（ ）”"),
        "mixed": ("byline mixes bracket widths; use '（ ）' on both sides", "署名括号全半角混用，两边都应为“（ ）”"),
    }
    name = "byline-brackets"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, byline in bylines(ctx.articles) + bylines(ctx.articles, captions=True):
            text = byline.text
            style = bracket_style(text)
            if style is None:
                continue
            opens = text.count("（") + text.count("(")
            closes = text.count("）") + text.count(")")
            start, end = byline_span(byline)
            if opens != closes:
                yield ctx.finding(self, start, end, ctx.say(self, "unpaired", byline=text), article=article)
            elif style == "half":
                yield ctx.finding(self, start, end, ctx.say(self, "half"),
                                  article=article)
            elif style == "mixed":
                yield ctx.finding(self, start, end, ctx.say(self, "mixed"),
                                  article=article)
