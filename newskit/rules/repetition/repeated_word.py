"""R101 repeated-word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Article, Finding, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts
from newskit.text.cjk import HAN

#: A run of 1–4 Han characters written twice in a row. The group is bounded, so the scan stays linear.
_REPEAT_RE = re.compile(f"([{HAN}]{{1,4}})\\1")
#: Single characters that never reduplicate: a doubled one is a keying error (`的的`, `是是`, `在在`).
FUNCTION_CHARS = frozenset("的了是在和与及对被将从于并而或向其该之地得着也都就还又为以让给由但却则即所")
#: Two-character words that reduplicate as ABAB: tentative verbs (`研究研究`) and vivid adjectives (`雪白雪白`).
ABAB_WORDS = frozenset("""
研究 讨论 学习 考虑 商量 休息 活动 锻炼 打扫 收拾 整理 检查 准备 练习 交流 沟通 体验 了解 认识 介绍 分析 琢磨
比较 思考 总结 放松 清醒 热闹 高兴 暖和 凉快 轻松 溜达 打听 研讨 讲解 宣传 关心 帮助 照顾 调查 尝试 享受 感受
表扬 教育 批评 提醒 开导 合计 算计 盘算 捉摸 思量 掂量 比划 比画 摆弄 修理 清理 梳理 整顿 调整 联系 议论 考察
观察 欣赏 品尝 体会 回忆 讲讲 加油 雪白 通红 冰凉 笔直 碧绿 火红 金黄 漆黑 崭新 滚烫 蜡黄 瓦蓝 粉红 喷香 冰冷
""".split())
_WINDOW = 4  # characters of context each side given to jieba


def _token_starts(words: list[str]) -> dict[int, str]:
    """Map each window offset where a token starts to that token."""
    out, pos = {}, 0
    for w in words:
        out[pos] = w
        pos += len(w)
    return out


def _is_error(text: str, i: int, unit: str) -> bool:
    """Whether ``unit`` written twice at ``text[i:]`` is a keying error rather than reduplication."""
    n = len(unit)
    if n == 1:
        if unit not in FUNCTION_CHARS:
            return False  # 人人, 件件, 层层, 看看: reduplication is the norm for content characters
        if (i >= 2 and text[i - 2] == text[i - 1]) or (i + 3 < len(text) and text[i + 2] == text[i + 3]):
            return False  # AABB: 实实在在, 的的确确, 是是非非
    else:
        if unit in ABAB_WORDS or unit[0] == unit[1] or (n == 2 and unit[0] == "一"):
            return False  # 研究研究, 哈哈哈哈, 一个一个
    # The segmenter must read the first copy as a word and start a new word at the second: 为了|了解 and
    # 目的|的 are not repeats, 户外|户外活动 is.
    from newskit.text.segment import words  # jieba, loaded only when a candidate exists

    lo = max(0, i - _WINDOW)
    starts = _token_starts(words(text[lo:i + 2 * n + _WINDOW]))
    second = starts.get(i - lo + n, "")
    return starts.get(i - lo) == unit and second.startswith(unit)


class RepeatedWord(Rule):
    """A word or character written twice by mistake: `使用使用`, `的的`.

    ## What it does
    Flags a word of two to four characters repeated immediately (`使用使用`, `户外户外`, `解决解决`,
    `文件文件`) and a doubled function character (`的的`, `了了`, `是是`), also across a rejoined line
    break. Legitimate reduplication is not flagged: content characters (`件件有回音`, `事事`, `家家户户`,
    `层层压实`, `步步推进`, `一件件`, `看看`), AABB forms (`实实在在`), `一个一个`, and verbs and
    adjectives that reduplicate as ABAB (`研究研究`, `雪白雪白`). A candidate counts only when the
    segmenter reads the unit as a word both times (`为了了解` is `为了` + `了解`).

    ## Why it matters
    A doubled word is the commonest keying slip (多字, one error each in the 差错 count), and no CJK
    linter catches it: English tools find repeats between spaces, and Chinese has none.

    ## Example
    ```text
    扶贫资金和项目使用使用情况；发展的的关键
    ```

    ## Use instead
    ```text
    扶贫资金和项目使用情况；发展的关键
    ```

    ## Fix safety
    Unsafe: the second copy is deleted, which is right for a keying slip but not for a rare deliberate
    repetition in a quotation.
    """

    code = "R101"
    name = "repeated-word"
    severity = Severity.ERROR
    fixable = Applicability.UNSAFE
    needs_jieba = True

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        for mapped in texts(article):
            yield from self._check_text(mapped, article, ctx)

    def _check_text(self, mapped: MappedText, article: Article, ctx: LintContext) -> Iterator[Finding]:
        text = mapped.text
        for m in _REPEAT_RE.finditer(text):
            unit, i = m.group(1), m.start()
            if _is_error(text, i, unit):
                j = i + len(unit)
                yield ctx.finding_in(self, mapped, j, j + len(unit), f"'{unit}' repeated: '{unit}{unit}'",
                                     replacement="", applicability=Applicability.UNSAFE,
                                     title=f"Delete the second '{unit}'", article=article)
