"""D104 vague-dateline."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Article, Finding, Severity
from newskit.rules.base import LintContext, Rule


class VagueDateline(Rule):
    """A 本报讯 item dated `近日` or `日前` instead of a date.

    ## What it does
    Reports, at info level, a local item (`本报讯（…）`) whose lead is dated with a vague time word — `近日`,
    `日前`, `近期`, `连日来`, `前不久` — where a dateline belongs (`为…，近日，白河县出台…` counts too: the vague
    word stands in the dateline's place in the lead).

    ## Why it matters
    News copy dates its event; `近日` hides when it happened (and often that it happened weeks ago). Many
    desks accept it for features, so this is a prompt, not an error.

    ## Example
    ```text
    本报讯（通讯员 李军力）近日，一位七旬老读者写信给本报编辑部……
    ```

    ## Use instead
    ```text
    本报讯（通讯员 李军力）12月2日，一位七旬老读者写信给本报编辑部……
    ```

    ## Fix safety
    No fix: the date is not in the text.
    """

    code = "D104"
    messages = {
        "vague": ("vague dateline '{dateline}' on a 本报讯 item; give the date",
                  "本报讯电头用了模糊时间“{dateline}”，应写明日期"),
    }
    name = "vague-dateline"
    severity = Severity.INFO

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        d = article.dateline
        if d is None or not d.vague or article.byline is None or "讯" not in article.byline.text:
            return
        yield ctx.finding(self, d.start, d.end, ctx.say(self, "vague", dateline=d.text),
                          article=article)
