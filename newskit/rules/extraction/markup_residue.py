"""X101 markup-residue."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from newskit.model import Applicability, Article, Finding, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches, trigger

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
#: One alternative per kind of residue; each is bounded, so the scan stays linear.
_RESIDUE_RE = re.compile(
    r"(?P<sup>[ \t]?<(?P<tag>sup|sub)>(?P<digits>[0-9]{1,3})</(?P=tag)>)"
    r"|(?P<bold>\*\*(?P<inner>[^*\n]{1,80})\*\*)"
    r"|(?P<tagonly></?[A-Za-z][A-Za-z0-9]{0,9}(?:[ \t][^<>\n]{0,80})?/?>)"
    r"|(?P<entity>&(?:nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|hellip|mdash|#[0-9]{2,6});)"
    r"|(?P<heading>(?<=[^#\n])#{1,6}[ \t])"
)
_TRIGGER_RE = trigger(r"<[A-Za-z/]|\*\*|&[#a-z]{2,7};|#", "<*&#")


class MarkupResidue(Rule):
    """HTML or Markdown left in the text: `<sup>2</sup>`, `**bold**`, `&nbsp;`, a stray `#`.

    ## What it does
    Flags HTML tags, character entities, Markdown bold markers and heading markers (`#`, `##` …) that remain
    inside headlines, paragraphs and ads after extraction. Heading markers at the start of a dump line are the
    dump's heading syntax (the split's business), so only a `## ` inside running text is flagged. Topic tags
    written `#话题#` (no space) are left alone.

    ## Why it matters
    Web and PDF-to-Markdown exports leave markup in the copy; printed, `m <sup>2</sup>` is garbage where
    readers expect `m²`.

    ## Example
    ```text
    精装公寓, 37.8m <sup>2</sup> 成熟小区；**用华融闪贷 借钱就是快**
    ```

    ## Use instead
    ```text
    精装公寓, 37.8m² 成熟小区；用华融闪贷 借钱就是快
    ```

    ## Fix safety
    Safe for superscript/subscript digits (`<sup>2</sup>` → `²`, with the space before it), bold markers (the
    text is kept) and entities (decoded). Other tags and `#` are deleted only as an unsafe fix: the tag may
    have carried meaning (a line break, a link).
    """

    code = "X101"
    messages = {
        "html_digits": ("HTML markup '{markup}' left in the text; use '{new}'",
                        "正文残留 HTML 标记“{markup}”，应为“{new}”"),
        "bold": ("Markdown bold markers '**' left in the text", "正文残留 Markdown 加粗符号“**”"),
        "entity": ("HTML entity '{entity}' left in the text", "正文残留 HTML 实体“{entity}”"),
        "tag": ("HTML tag '{markup}' left in the text", "正文残留 HTML 标签“{markup}”"),
        "heading": ("Markdown heading marker '{markup}' left in the text", "正文残留 Markdown 标题符号“{markup}”"),
    }
    name = "markup-residue"
    severity = Severity.ERROR
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped, m in matches(ctx, _RESIDUE_RE, trigger=_TRIGGER_RE, byline=True):
            yield self._finding(ctx, mapped, m, article)

    def _finding(self, ctx: LintContext, mapped: MappedText, m: re.Match[str], article: Article) -> Finding:
        i, j = m.span()
        if m.group("sup"):
            table = _SUPERSCRIPT if m.group("tag") == "sup" else _SUBSCRIPT
            new = m.group("digits").translate(table)
            return ctx.finding_in(self, mapped, i, j, ctx.say(self, "html_digits", markup=m.group().strip(), new=new),
                                  replacement=new, title=f"Replace with '{new}'", article=article)
        if m.group("bold"):
            return ctx.finding_in(self, mapped, i, j, ctx.say(self, "bold"),
                                  replacement=m.group("inner"), title="Remove the '**' markers", article=article)
        if m.group("entity"):
            new = html.unescape(m.group()).replace("\u00a0", " ")
            return ctx.finding_in(self, mapped, i, j, ctx.say(self, "entity", entity=m.group()),
                                  replacement=new, title=f"Replace with '{new}'", article=article)
        key = "tag" if m.group("tagonly") else "heading"
        return ctx.finding_in(self, mapped, i, j, ctx.say(self, key, markup=m.group().strip()), replacement="",
                              applicability=Applicability.UNSAFE, title="Delete it",
                              article=article)
