"""B105 mixed-byline-styles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.bylines.common import bracket_style, byline_span, bylines, is_dispatch, marker


class MixedBylineStyles(Rule):
    """Bylines of one page in different styles: `（记者 X）` beside `(记者 X)`, `■本报记者 X` beside `本报记者 X`.

    ## What it does
    Compares the bylines of a dump. Bracketed credit lists (`本报讯（…）`) should all use the same bracket width;
    stand-alone byline lines with a role (`■本报记者 X`, `记者 X 通讯员 Y`) should all carry the same marker or none (a
    bare name line is left out: it may be a subhead). The less common style is reported (on a tie, the
    half-width or unmarked one).

    ## Why it matters
    One page, one house style: a mixed page shows copy pasted from different sources without normalising.

    ## Example
    ```text
    全市召开工作会议

    本报讯（记者 胡建军）3月18日，会议召开。

    市长调研项目建设

    本报讯（记者 唐海强）3月18日，市长调研。

    副市长督导复工

    本报讯(记者 魏涛)3月18日，副市长督导。
    ```

    ## Use instead
    ```text
    全市召开工作会议

    本报讯（记者 胡建军）3月18日，会议召开。

    市长调研项目建设

    本报讯（记者 唐海强）3月18日，市长调研。

    副市长督导复工

    本报讯（记者 魏涛）3月18日，副市长督导。
    ```

    ## Fix safety
    No fix: which style the page wants is the editor's choice.
    """

    code = "B105"
    messages = {
        "differs": ("{what} differs from the page's other bylines: {style} here, {house} in {n} {others}",
                    "{what}与本版其他署名不同：此处为{style}，其他 {n} {others}为{house}"),
        "bracket width": ("bracket width", "括号全半角"),
        "byline marker": ("byline marker", "署名标记"),
        "full": ("full-width '（）'", "全角“（）”"),
        "half": ("half-width '()'", "半角“()”"),
        "none": ("no marker", "无标记"),
        "other": ("other", "处"),
        "others": ("others", "处"),
    }
    name = "mixed-byline-styles"
    severity = Severity.INFO

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        found = bylines(ctx.articles)
        brackets = [(a, b, bracket_style(b.text)) for a, b in found if is_dispatch(b) and bracket_style(b.text)]
        yield from self._minority(ctx, [(a, b, s) for a, b, s in brackets if s != "mixed"],
                                  prefer=("full", "half"), what="bracket width")
        standalone = [(a, b, marker(b) or "none") for a, b in found
                      if not is_dispatch(b) and any(c.role for c in b.credits)]
        yield from self._minority(ctx, standalone, prefer=("■", "□", "none"), what="byline marker")

    def _minority(self, ctx: LintContext, items: list, *, prefer: tuple[str, ...], what: str) -> Iterator[Finding]:
        counts = Counter(style for _, _, style in items)
        if len(counts) < 2:
            return
        rank = {s: k for k, s in enumerate(prefer)}
        house = max(counts, key=lambda s: (counts[s], -rank.get(s, len(prefer))))
        for article, byline, style in items:
            if style != house:
                start, end = byline_span(byline)
                def label(s: str) -> str:
                    return ctx.say(self, s) if s in self.messages else repr(s)

                yield ctx.finding(
                    self, start, end,
                    ctx.say(self, "differs", what=ctx.say(self, what), style=label(style), house=label(house), n=counts[house],
                            others=ctx.say(self, "others" if counts[house] > 1 else "other")),
                    article=article,
                )
