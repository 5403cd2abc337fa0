"""W102 context-confusion."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches, trigger

DATA_FILE = "confusions.toml"


@dataclass(frozen=True, slots=True)
class Confusion:
    name: str
    source: str
    why: str  # the short reason in English
    why_zh: str  # ... and in Chinese
    wrong: str
    right: str
    pattern: re.Pattern[str]
    gate: re.Pattern[str]  # the wrong word alone: a page without it is skipped
    trigger: re.Pattern[str]  # the pattern without its look-arounds: a text without it is skipped


_NEGATIVE_LOOKBEHIND_RE = re.compile(r"\(\?<!(?:\[[^\]]*\]|[^()\[\]]*)\)")


def without_lookarounds(pattern: str) -> str:
    """A pattern every text matching ``pattern`` matches too, and that Rust ``regex`` reads: positive
    look-arounds become plain groups, negative look-behinds are dropped (they only ever reject a match)."""
    plain = _NEGATIVE_LOOKBEHIND_RE.sub("", pattern).replace("(?<=", "(?:").replace("(?=", "(?:")
    if "(?<" in plain or "(?!" in plain:
        raise ValueError(f"{DATA_FILE}: cannot drop the look-arounds of {pattern!r}")
    return plain


@functools.cache
def confusions() -> tuple[Confusion, ...]:
    data = tomllib.loads(resources.files("newskit.data").joinpath(DATA_FILE).read_text(encoding="utf-8"))
    # Registered as triggers (the one scan per dump), so this runs at import, before any dump is scanned. Every
    # match holds the wrong word's first character: the key that wakes the trigger's regex (的 alone for 的
    # itself, which then needs no regex at all).
    return tuple(
        Confusion(p["name"], p["source"], p["why"], p["why_zh"], p["wrong"], p["right"], re.compile(p["pattern"]),
                  trigger(re.escape(p["wrong"]), p["wrong"][0]), trigger(without_lookarounds(p["pattern"]), p["wrong"][0]))
        for p in data["pattern"]
    )


confusions()


class ContextConfusion(Rule):
    """A word that its context shows to be the wrong one of a confusable pair: `截止2018年底` → `截至`.

    ## What it does
    Checks short, precise contexts from `newskit/data/confusions.toml`: `截止` before a point in time
    (`截至`), `的` between an adverbial and a preposition (`悄悄地把`), `显的`/`变的` before a degree adverb
    (`显得`, `变得`), `度过难关` (`渡过`) and `渡过春节` (`度过`), `必需` before a verb (`必须`), `反应问题`
    (`反映`). Each pattern names its source; one is kept only while it stays silent on edited copy
    (bench/lint_precision.py). A house switches one off by listing the wrong word in
    `[tool.newskit.terms] allow`.

    ## Why it matters
    These are real-word errors (别字 that are words themselves), which no word list can catch; they count in
    the 差错率 like any other wrong character.

    ## Example
    ```text
    截止2018年底，全县已建成… 大家悄悄的把门关上，显的很安静。
    ```

    ## Use instead
    ```text
    截至2018年底，全县已建成… 大家悄悄地把门关上，显得很安静。
    ```

    ## Fix safety
    Unsafe: the context makes the wrong word very likely, not certain (a quotation may keep it).
    """

    code = "W102"
    name = "context-confusion"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE
    messages = {
        "confused": ("'{wrong}' here should be '{right}' ({why})", "此处“{wrong}”应为“{right}”（{why}）"),
        "fix": ("Replace with '{right}'", "改为“{right}”"),
    }

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        allowed = ctx.settings.allowed_words
        for c in confusions():
            if c.wrong in allowed:
                continue
            for article, mapped, m in matches(ctx, c.pattern, trigger=c.trigger, gate=c.gate):
                why = c.why_zh if ctx.settings.lang == "zh" else c.why
                yield ctx.finding_in(
                    self, mapped, m.start(), m.end(), ctx.say(self, "confused", wrong=c.wrong, right=c.right, why=why),
                    replacement=c.right, applicability=Applicability.UNSAFE,
                    title=ctx.say(self, "fix", right=c.right), article=article)
