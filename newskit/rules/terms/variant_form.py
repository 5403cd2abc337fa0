"""T103 variant-form."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.wrong_words import phrases

DATA_FILE = "variant_forms.toml"
WRONG_WORDS = "wrong_words.toml"  # W101's list (newskit.rules.wrong_words.wrong_word.DATA_FILE)


class VariantForm(Rule):
    """A variant form (异形词) the national standard does not recommend: `笔划` → `笔画`, `惟一` → `唯一`.

    ## What it does
    Flags the non-recommended forms of 《第一批异形词整理表》 (GF 1001—2001) and the `帐`/`账` pairs
    the 《现代汉语词典》 settles (`帐户` → `账户`), from `newskit/data/variant_forms.toml`, and offers the
    recommended form. Like W101 it counts a form only where the segmenter reads it as standing on its own.
    Off by default (select it with `--select T103` or `extend-select = ["T103"]`): edited copy keeps some
    non-recommended forms on purpose — quotations of poems and old texts (`寄与陇头人`, `那末`) and technical
    usage (`联接技术`). The house's `[tool.newskit.terms] allow` list switches single forms off. Where a W101
    form (a whole wrong idiom such as `杯盘狼籍`, or a house entry) covers the same span, W101 reports it alone.

    ## Why it matters
    The standard asks publishers to use the recommended form of each pair; mixing `笔划` and `笔画` in one
    paper is a consistency error a copy desk corrects.

    ## Example
    ```text
    这个字的笔划很多，是世界上惟一的写法。
    ```

    ## Use instead
    ```text
    这个字的笔画很多，是世界上唯一的写法。
    ```

    ## Fix safety
    Safe: the two forms mean the same; the fix writes the recommended one.
    """

    code = "T103"
    name = "variant-form"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    default = False
    needs_lexicon = True
    messages = {
        "variant": ("'{wrong}' is a variant form; the standard recommends '{right}'",
                    "“{wrong}”是异形词的非推荐词形，宜用“{right}”"),
        "fix": ("Replace with '{right}'", "改为“{right}”"),
    }

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        matcher = phrases.matcher(DATA_FILE, allowed=ctx.settings.allowed_words)
        # W101 is the more specific rule where both match: its form is the whole phrase (杯盘狼籍 holds the
        # variant 狼籍) or the house's own entry; one finding per span
        wrong = phrases.matcher(WRONG_WORDS, frozenset(ctx.settings.wrong_words.items()), ctx.settings.allowed_words)
        return phrases.phrase_findings(self, ctx, matcher, "variant", yield_to=wrong)
