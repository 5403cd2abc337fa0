"""P101 halfwidth-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from newskit import _core
from newskit.model import Applicability, Article, Edit, Finding, Fix, MappedText, Severity
from newskit.rules.base import LintContext, Row, Rule
from newskit.rules.scan import NON_AD_KINDS, texts_containing, trigger
from newskit.text.cjk import HALF_TO_FULL

#: Every text holding a mark to report holds one of these; most texts hold none and are skipped in one pass.
_ANY_MARK_RE = trigger(r"[,:;!?()]", ",:;!?()")


class HalfwidthPunctuation(Rule):
    """Half-width `, : ; ! ? ( )` in Chinese text.

    ## What it does
    Flags the ASCII marks `,` `:` `;` `!` `?` next to a Chinese character or Chinese punctuation, and ASCII
    parentheses `( )` around Chinese text or next to a Chinese character. Marks between digits (`1,000`,
    `10:30`), inside URLs and inside English (`Hello, world`) are left alone, as are parentheses around
    Latin or digits only (`成像(NMRI)`, a bracket-width choice). Advertisement records are skipped: their
    copy is the advertiser's, set as table cells.

    ## Why it matters
    GB/T 15834-2011 sets point marks in Chinese text full width, one character cell each. Half-width marks
    come from PDF and OCR extraction or from copy typed on an English keyboard; in print they look cramped
    and they break sentence splitting and near-duplicate search.

    ## Example
    ```text
    本报讯(记者 魏涛)3月2日,省人社厅副厅长李军一行来我市督查。
    ```

    ## Use instead
    ```text
    本报讯（记者 魏涛）3月2日，省人社厅副厅长李军一行来我市督查。
    ```

    ## Fix safety
    Safe: each mark is replaced by its full-width form (ASCII spaces right after it, before more Chinese
    text, are dropped, since full-width marks carry their own spacing). No other character changes, and a
    mark on a rejoined line break is reported without a fix.
    """

    code = "P101"
    messages = {
        "mark": ("half-width '{half}' in Chinese text; use '{full}'", "中文里用了半角“{half}”，应为“{full}”"),
        "parens": ("half-width parentheses around Chinese text; use '（）'", "中文外用了半角括号，应为“（）”"),
    }
    name = "halfwidth-punctuation"
    severity = Severity.ERROR
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # Most texts hold no ASCII mark at all: the trigger skips them in one pass in C. A page's findings are
        # built in one call (a page of half-width commas has hundreds).
        pairs: list[Row] = []
        messages: dict[str, tuple[str, str, str]] = {}  # half -> (full, message, fix title)
        severity, safe = self.severity, Applicability.SAFE
        for article, mapped in texts_containing(ctx, _ANY_MARK_RE, byline=True, kinds=NON_AD_KINDS):
            # The scan (which marks are Chinese, which parentheses pair) is compiled:
            # rust/newskit-core/src/lint/punct.rs
            text, rows = mapped.text, []
            for is_pair, i, j in _core.halfwidth_marks(text):
                if is_pair:
                    pairs.append(self._pair(mapped, i, j, article, ctx))
                    continue
                half = text[i]
                said = messages.get(half)
                if said is None:
                    full = HALF_TO_FULL[half]
                    said = messages[half] = (full, ctx.say(self, "mark", half=half, full=full),
                                             f"Replace with '{full}'")
                full, message, title = said
                rows.append((i, j, message, severity, article.uri, full, safe, title))
            if rows:
                yield from ctx.findings_in(self, mapped, rows)
        yield from ctx.findings(self, pairs)

    def _pair(self, mapped: MappedText, i: int, j: int, article: Article, ctx: LintContext) -> Row:
        start, end = mapped.source_span(i, j + 1)
        opening, closing = mapped.contiguous_span(i, i + 1), mapped.contiguous_span(j, j + 1)
        fix = None
        if opening is not None and closing is not None:
            fix = Fix((Edit(*opening, "（"), Edit(*closing, "）")), Applicability.SAFE, "Replace with '（）'")
        return start, end, ctx.say(self, "parens"), self.severity, article.uri, fix
