"""W101 wrong-word."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.wrong_words import phrases

DATA_FILE = "wrong_words.toml"


class WrongWord(Rule):
    """A form that is wrong in standard Chinese wherever it appears (错别字): `再接再励`, `按装`.

    ## What it does
    Looks up every headline, caption and paragraph in a curated list of more than 2,300 wrong forms and their
    standard forms (`newskit/data/wrong_words.toml`), all found in one pass, and offers the standard form as
    the fix. A form counts only where the segmenter reads it as standing on its own, so the characters of a
    wrong form spread over two right words are not flagged (`按装修标准` is 按 + 装修, `不能自已` is one word).
    The list's sources, one group each:

    - 《咬文嚼字》编辑部《当代汉语出版物中最常见的100个别字》（2005）
    - 《咬文嚼字》编辑部年度“十大语文差错”（2006—2019）
    - 《现代汉语词典》（第7版）、《新华成语词典》所收成语的字形；各编校手册“常见误写成语”条目
    - 形近、音近字组的词形：《现代汉语词典》（第7版）；《咬文嚼字》“常见别字”所列字组
    - 编校手册“易混字”字组（戴/带、作/做、型/形、练/炼、厉/励/历 …）
    - 编校手册按音序所列“常见错别字”字组（拔/拨、备/倍、察/查、抵/底、泛/范 … 朴/扑/普/谱）

    No wrong form is a word of newskit's word list (jieba's dictionary) unless the file names it as one of
    the misspellings that dictionary kept from the corpus it was counted from. A house adds entries with
    `[tool.newskit.terms] wrong-words = { "错形" = "正形" }` and switches built-in ones off with
    `allow = ["九洲"]` (a company name, say).

    ## Why it matters
    The 差错率 a paper is judged by (《报纸期刊质量管理规定》: at most 3 per 10,000 characters) counts wrong
    characters above all, and these are the forms proofreaders find again and again.

    ## Example
    ```text
    工人正在按装空调，大家再接再励。
    ```

    ## Use instead
    ```text
    工人正在安装空调，大家再接再厉。
    ```

    ## Fix safety
    Safe: every entry is wrong wherever it stands on its own, and the fix writes the standard form the list
    names.
    """

    code = "W101"
    name = "wrong-word"
    severity = Severity.ERROR
    fixable = Applicability.SAFE
    needs_lexicon = True
    messages = {
        "wrong": ("'{wrong}' is a wrong form of '{right}'", "“{wrong}”应为“{right}”"),
        "fix": ("Replace with '{right}'", "改为“{right}”"),
    }

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        house = frozenset(ctx.settings.wrong_words.items())
        matcher = phrases.matcher(DATA_FILE, house, ctx.settings.allowed_words)
        return phrases.phrase_findings(self, ctx, matcher, "wrong")
