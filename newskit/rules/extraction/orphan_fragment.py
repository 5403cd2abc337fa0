"""X105 orphan-fragment."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Article, Finding, Kind, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import interleaved_joins
from newskit.text.cjk import HAN, NO_START

#: Characters that cannot start a sentence: closing marks and bound particles.
_BOUND_START = NO_START + "的了着地得们吗呢吧"
#: The first clause of a paragraph: a few Han characters before a comma.
_FIRST_CLAUSE_RE = re.compile(f"([{HAN}]{{1,3}})[，,]")
#: A fragment is short: a left-over tail of a sentence, not a paragraph of its own.
MAX_FRAGMENT = 30
_NOUN_TAGS = ("n", "vn", "ng", "nz")


def _starts_mid_sentence(text: str) -> tuple[str, dict] | None:
    """Why ``text`` starts inside a sentence (a message key and its values), or None."""
    if text[0] in _BOUND_START:
        return "bound_start", {"first": text[0]}
    m = _FIRST_CLAUSE_RE.match(text)
    if m is None:
        return None
    from newskit.text.segment import tagged_words  # the lexicon, opened only when a candidate exists

    words = tagged_words(m.group(1))
    if len(words) == 1 and words[0][1] in _NOUN_TAGS:
        return "bare_noun", {"noun": m.group(1)}
    return None


class OrphanFragment(Rule):
    """A fragment of a sentence printed after a heading: the tail of a paragraph from elsewhere.

    ## What it does
    Flags the first paragraph of a record (right after its headline and byline) when it is short, stands alone
    (the record ends or a section title follows) and starts inside a sentence: with a closing mark or a bound
    particle (`，`, `的`, `了` …), or with a bare noun cut off by a comma (`动态,推动各项保障措施落实。`). Records the split
    marks as fragments are checked the same way. A tail the splitter already reattached across an
    interleaved layout (a join with reason `interleaved`) is reported where it is printed, as the page is still wrong.

    ## Why it matters
    Layout interleaves articles; the tail of one (`…每日向省专班报送工作` ⏎ `动态,推动…`) lands under another's heading. The
    fragment belongs to a different article and the other article is missing it.

    ## Example
    ```text
    ## 你们逆行 有我护航

    通讯员 马孝华

    动态,推动各项保障措施落实。

    ## 创新建立新机制

    为确保各项保障服务落地，市人社局建立工作机制。
    ```

    ## Use instead
    Move the fragment back to the paragraph it completes (`…报送工作动态，推动各项保障措施落实。`).

    ## Fix safety
    No fix: where the fragment belongs is not in this record.
    """

    code = "X105"
    messages = {
        "elsewhere": ("orphan fragment after a heading: it continues line {line}, printed inside another article",
                      "标题后的孤立片段：它接续第 {line} 行，却印在另一篇文章里"),
        "bound_start": ("orphan fragment after a heading: it starts with '{first}'", "标题后的孤立片段：以“{first}”开头"),
        "bare_noun": ("orphan fragment after a heading: it starts with the bare noun '{noun}' cut off by a comma",
                      "标题后的孤立片段：以被逗号截断的名词“{noun}”开头"),
    }
    name = "orphan-fragment"
    severity = Severity.WARNING
    needs_lexicon = True

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        if article.kind not in (Kind.ARTICLE, Kind.FRAGMENT) or not article.body:
            return
        # A fragment the splitter already reattached across an interleaved layout (002:85 goes on from 67).
        for join, elsewhere, text, i in interleaved_joins(ctx, article):
            if elsewhere:
                yield ctx.finding_in(self, text, i, min(len(text.text), i + 12),
                                     ctx.say(self, "elsewhere", line=join.before_line), article=article)
                return
        first = article.body[0]
        text = first.text.strip()
        if first.section or not text or len(text) > MAX_FRAGMENT:
            return
        if article.kind == Kind.ARTICLE and not article.headlines:
            return
        if len(article.body) > 1 and not article.body[1].section:
            return  # a short opening paragraph followed by more text is a lead, not a left-over tail
        why = _starts_mid_sentence(text)
        if why:
            yield ctx.finding_in(self, first.source, 0, min(len(first.text), 12),
                                 ctx.say(self, why[0], **why[1]), article=article)
