"""P101 halfwidth-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

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
        # Most texts hold no ASCII mark at all: the trigger skips them in one pass. The marks of the rest are
        # found and their findings built in one call per dump (the scan — which marks are Chinese, which
        # parentheses pair — in rust/newskit-core/src/lint/punct.rs; a page of half-width commas has hundreds
        # of findings).
        read = list(texts_containing(ctx, _ANY_MARK_RE, byline=True, kinds=NON_AD_KINDS))
        if not read:
            return
        found, parens = ctx.page().halfwidth_findings(Finding, Fix, Edit, self.code, self.name, ctx.doc.path,
                                                      [(m.pieces, m.text, a.uri) for a, m in read],
                                                      self._marks(ctx), self.severity, Applicability.SAFE)
        yield from found
        yield from ctx.findings(self, [self._pair(read[t][1], i, j, read[t][0], ctx) for t, i, j in parens])

    def _marks(self, ctx: LintContext) -> dict[str, tuple[str, str, str]]:
        """Half-width mark -> (full-width mark, message, fix title) in the run's language (made once)."""
        by_lang = self.__dict__.setdefault("_marks_by_lang", {})
        marks = by_lang.get(ctx.settings.lang)
        if marks is None:
            marks = by_lang[ctx.settings.lang] = {
                half: (full, ctx.say(self, "mark", half=half, full=full), f"Replace with '{full}'")
                for half, full in HALF_TO_FULL.items()
            }
        return marks

    def _pair(self, mapped: MappedText, i: int, j: int, article: Article, ctx: LintContext) -> Row:
        start, end = mapped.source_span(i, j + 1)
        opening, closing = mapped.contiguous_span(i, i + 1), mapped.contiguous_span(j, j + 1)
        fix = None
        if opening is not None and closing is not None:
            fix = Fix((Edit(*opening, "（"), Edit(*closing, "）")), Applicability.SAFE, "Replace with '（）'")
        return start, end, ctx.say(self, "parens"), self.severity, article.uri, fix
