"""B107 photo-credit-shape."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.bylines.common import byline_span, bylines

_ROLE_RE = re.compile("记者|通讯员|摄影|实习生")
_SPACE_BEFORE_RE = re.compile("[ \u3000]摄")


def credit_shape(text: str) -> str:
    """A label for how a photo credit is written: marker, role, a space before 摄."""
    head = text.lstrip()[:1]
    parts = [head] if head in "■□▲●" else []
    parts.append("role" if _ROLE_RE.search(text) else "name")
    parts.append("space" if _SPACE_BEFORE_RE.search(text) else "flush")
    return "+".join(parts)




class PhotoCreditShape(Rule):
    """Photo credits of one page written in different shapes: `■通讯员 X 摄` beside `X摄`.

    ## What it does
    Compares the photo credits (`…摄`) of a dump by shape — marker (`■`, `▲`) or none, role word or name
    only, a space before `摄` or not — and reports the credits whose shape differs from the page's most
    common one. A credit with no name at all (`▲ 本报记者 摄`) is B103's finding.

    ## Why it matters
    Photo credits follow one house pattern per page; a different shape marks a caption pasted from
    another source (or a wire photo whose credit still needs the house form).

    ## Example
    ```text
    油菜花竞相开放，吸引游客前往。 ■通讯员 何社成 摄



    桃花盛开，游人如织。 ■通讯员 李研 摄



    村民在为光伏组件除尘。刘丽强摄
    ```

    ## Use instead
    ```text
    油菜花竞相开放，吸引游客前往。 ■通讯员 何社成 摄



    桃花盛开，游人如织。 ■通讯员 李研 摄



    村民在为光伏组件除尘。 ■通讯员 刘丽强 摄
    ```

    ## Fix safety
    No fix: the role of the photographer is not in the text.
    """

    code = "B107"
    messages = {
        "differs": ("photo credit written as {shape}; the page's other credits use {house}",
                    "图片署名写成{shape}，本版其他图片署名用{house}"),
        "name": ("name only", "只有姓名"),
        "role": ("role + name", "职务加姓名"),
        "space": ("'X 摄'", "“X 摄”"),
        "flush": ("'X摄'", "“X摄”"),
        "marker": ("marker {marker}", "标记{marker}"),
        "separator": (", ", "、"),
    }
    name = "photo-credit-shape"
    severity = Severity.INFO

    def _describe(self, shape: str, ctx: LintContext) -> str:
        """``■+role+space`` -> "marker ■, role + name, 'X 摄'" in the run's language."""
        parts = (ctx.say(self, p) if p in ("name", "role", "space", "flush") else ctx.say(self, "marker", marker=p)
                 for p in shape.split("+"))
        return ctx.say(self, "separator").join(parts)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        credits = [(a, b, credit_shape(b.text)) for a, b in bylines(ctx.articles, captions=True)
                   if b.text.rstrip().endswith(("摄", "摄影"))]
        counts = Counter(shape for _, _, shape in credits)
        if len(counts) < 2:
            return
        house = max(counts, key=lambda s: (counts[s], s))
        if list(counts.values()).count(counts[house]) > 1:
            return  # no majority: nothing to measure against
        for article, byline, shape in credits:
            if shape != house:
                start, end = byline_span(byline)
                yield ctx.finding(self, start, end,
                                  ctx.say(self, "differs", shape=self._describe(shape, ctx),
                                          house=self._describe(house, ctx)), article=article)
