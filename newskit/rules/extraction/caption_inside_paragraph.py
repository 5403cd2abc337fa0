"""X103 caption-inside-paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Finding, Kind, Severity
from newskit.rules.base import LintContext, Rule


class CaptionInsideParagraph(Rule):
    """A photo caption printed in the middle of a paragraph.

    ## What it does
    Reports a caption (`▲…`, `■通讯员 X 摄`, `X摄`) that the split found between the two halves of a
    paragraph broken by the layout: the paragraph stops mid-sentence before the caption and continues
    after it (`newskit split` rejoins it and records the join as `across-caption`).

    ## Why it matters
    In the dump, the caption reads as part of the article text; anyone copying the text (the web desk,
    the archive) carries `▲民政党员干部下沉社区一线抗疫` into the middle of a sentence.

    ## Example
    ```text
    危难之时显身手

    文/李逸峰 供图/醴陵市民政局

    打赢疫情防控这场人民战争，必须紧紧依靠人民群众。要



    ▲民政党员干部下沉社区一线抗疫

    发挥社会工作的专业优势，开展心理疏导等服务。
    ```

    ## Use instead
    ```text
    危难之时显身手

    文/李逸峰 供图/醴陵市民政局

    打赢疫情防控这场人民战争，必须紧紧依靠人民群众。要发挥社会工作的专业优势，开展心理疏导等服务。



    ▲民政党员干部下沉社区一线抗疫
    ```

    ## Fix safety
    No fix: moving a caption is a layout decision.
    """

    code = "X103"
    messages = {
        "caption": ("caption inside a paragraph: the paragraph breaks at line {before} and continues at line {after}",
                    "图片说明插在段落中间：段落在第 {before} 行断开，第 {after} 行接续"),
    }
    name = "caption-inside-paragraph"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        captions = [a for a in ctx.articles if a.kind == Kind.CAPTION]
        if not captions:
            return
        for article in ctx.articles:
            for join in article.joins:
                if join.reason != "across-caption":
                    continue
                for caption in captions:
                    if join.before_line < caption.line_start and caption.line_end < join.after_line:
                        texts = caption.texts()
                        start = min(t.start for t in texts)
                        end = max(t.end for t in texts)
                        yield ctx.finding(
                            self, start, end,
                            ctx.say(self, "caption", before=join.before_line, after=join.after_line),
                            article=article,
                        )
