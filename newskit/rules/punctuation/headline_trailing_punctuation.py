"""P107 headline-trailing-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Applicability, Article, Finding, Severity
from newskit.rules.base import LintContext, Rule

#: Marks a headline never ends with; `？！……——”` and a kicker's `：` are fine.
_FORBIDDEN = "。，；、,;."


class HeadlineTrailingPunctuation(Rule):
    """A headline ending in `。`, `，`, `；` or `、`.

    ## What it does
    Flags a kicker, main headline, subhead or in-article section title whose last character is `。`, `，`,
    `；`, `、` (or their ASCII forms). Headlines may end in `？`, `！`, `……`, a closing quote, and a kicker in
    `——` or `：`.

    ## Why it matters
    Headlines carry no sentence-final or pause marks in Chinese newspapers (GB/T 15834 practice; lint-md's
    `correct-title-trailing-punctuation`). A trailing `。` usually means the first sentence of the body was
    taken for a headline, or the headline was pasted from body copy.

    ## Example
    ```text
    # 我市启动老旧小区改造。

    本报讯（记者 张三）3月18日，改造工程开工。
    ```

    ## Use instead
    ```text
    # 我市启动老旧小区改造

    本报讯（记者 张三）3月18日，改造工程开工。
    ```

    ## Fix safety
    Safe: the trailing mark is deleted.
    """

    code = "P107"
    messages = {
        "trailing": ("headline ends with '{mark}'", "标题末尾多了“{mark}”"),
    }
    name = "headline-trailing-punctuation"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        sources = [h.source for h in article.headlines] + [p.source for p in article.body if p.section]
        for mapped in sources:
            text = mapped.text.rstrip()
            if text and text[-1] in _FORBIDDEN and len(text) > 1:
                i = len(text) - 1
                yield ctx.finding_in(self, mapped, i, i + 1, ctx.say(self, "trailing", mark=text[-1]),
                                     replacement="", title=f"Delete '{text[-1]}'", article=article)
