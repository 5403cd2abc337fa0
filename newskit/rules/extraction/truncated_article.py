"""X104 truncated-article."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Article, Finding, Kind, Paragraph, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import interleaved_joins
from newskit.text.cjk import PARAGRAPH_END

#: Marks a sentence never stops on: a paragraph ending with one was cut.
_CLAUSE_MARKS = "，,、；;"
#: Words that need something after them: prepositions, conjunctions, the possessive 的.
_NEEDS_MORE = frozenset("以的和与及在对把被将从于并而或向为让给由但却则即所其该之若如")
_OPEN_PAIR_RE = re.compile("[《“（(]")
_PAIRS = {"《": "》", "“": "”", "（": "）)", "(": ")）"}  # bracket width is P101's, not a cut
#: Shorter than this, a paragraph is a heading, a list line or a sign-off.
MIN_SENTENCE = 12


def cut_reason(p: Paragraph) -> tuple[str, dict] | None:
    """Why a paragraph surely stops mid-sentence (a message key and its values), or None (a missing full
    stop alone is not enough)."""
    text = p.text.rstrip()
    if p.section or len(text) < MIN_SENTENCE or text.endswith(tuple(PARAGRAPH_END)):
        return None
    last = text[-1]
    if last in _CLAUSE_MARKS:
        return "stops_on", {"mark": last}
    if last in _NEEDS_MORE:
        from newskit.text.segment import words  # the segmenter: is it 为 alone, or the end of 行为?

        if words(text[-6:])[-1] == last:
            return "stops_on", {"mark": last}
    last_close = {opener: max(text.rfind(c) for c in closers) for opener, closers in _PAIRS.items()}
    for m in _OPEN_PAIR_RE.finditer(text):
        if last_close[m.group()] < m.end():
            return "never_closed", {"opener": m.group()}
    return None


class TruncatedArticle(Rule):
    """An article that ends mid-sentence, or a paragraph cut off before a section title.

    ## What it does
    Flags an article whose last paragraph surely stops mid-sentence, and a paragraph that does so right
    before an in-article section title: it ends on a comma or 顿号, on a word that needs more after it
    (`以`, `的`, `和` …), or with a quote, bracket or book-title mark still open. A paragraph that only
    lacks its full stop is not flagged (lists, captions and credits often end that way).
    Also flags a paragraph cut before a section of another article that the layout printed inside this
    one (the splitter rejoins it across that section, a join with reason `interleaved`).

    ## Why it matters
    The rest of the text was lost at a column or page break, or continues on another page without a jump
    line (`下转第3版`). Published that way, the article just stops.

    ## Example
    ```text
    机关党建要与中心工作融合促进

    本报讯（记者 唐海强）3月18日，会议召开。

    会议要求，要以习近平总书记的讲话为根本遵循，以党的政治建设为统领，以
    ```

    ## Use instead
    ```text
    机关党建要与中心工作融合促进

    本报讯（记者 唐海强）3月18日，会议召开。

    会议要求，要以习近平总书记的讲话为根本遵循，以党的政治建设为统领。
    ```

    ## Fix safety
    No fix: the missing text is not in the dump.
    """

    code = "X104"
    messages = {
        "before_section": ("the paragraph stops mid-sentence before another article's section title and goes on at line {line}: '…{tail}'",
                           "段落在另一篇文章的小标题前断在句中，第 {line} 行接续：“…{tail}”"),
        "article_ends": ("the article ends mid-sentence ({reason}): '…{tail}'",
                         "文章在句中结束（{reason}）：“…{tail}”"),
        "section_ends": ("the paragraph stops before a section title mid-sentence ({reason}): '…{tail}'",
                         "段落在小标题前断在句中（{reason}）：“…{tail}”"),
        "stops_on": ("it stops on '{mark}'", "停在“{mark}”上"),
        "never_closed": ("'{opener}' is never closed", "“{opener}”没有收尾"),
    }
    name = "truncated-article"
    severity = Severity.WARNING
    needs_lexicon = True

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        if article.kind != Kind.ARTICLE or not article.body:
            return
        body = article.body
        # A paragraph cut before another article's section and rejoined past it (002:63 goes on at 69).
        for join, elsewhere, text, i in interleaved_joins(ctx, article):
            if not elsewhere and i:
                yield ctx.finding_in(self, text, i - 1, i,
                                     ctx.say(self, "before_section", line=join.after_line, tail=text.text[max(0, i - 12):i]),
                                     article=article)
        for k, p in enumerate(body):
            last = k == len(body) - 1
            if not (last or body[k + 1].section):
                continue
            reason = cut_reason(p)
            if reason is None:
                continue
            text = p.text.rstrip()
            where = "article_ends" if last else "section_ends"
            yield ctx.finding_in(self, p.source, len(text) - 1, len(text),
                                 ctx.say(self, where, reason=ctx.say(self, reason[0], **reason[1]), tail=text[-12:]), article=article)
