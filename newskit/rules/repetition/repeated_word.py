"""R101 repeated-word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Article, Finding, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts
from newskit.text.cjk import HAN, is_han

#: A run of 1–4 Han characters written twice in a row. The group is bounded, so the scan stays linear.
_REPEAT_RE = re.compile(f"([{HAN}]{{1,4}})\\1")
#: Single characters that never reduplicate: a doubled one is a keying error (`的的`, `是是`, `在在`).
FUNCTION_CHARS = frozenset("的了是在和与及对被将从于并而或向其该之地得着也都就还又为以让给由但却则即所")
#: Two-character words that reduplicate as ABAB: tentative verbs (`研究研究`) and vivid adjectives (`雪白雪白`).
ABAB_WORDS = frozenset("""
研究 讨论 学习 考虑 商量 休息 活动 锻炼 打扫 收拾 整理 检查 准备 练习 交流 沟通 体验 了解 认识 介绍 分析 琢磨
比较 思考 总结 放松 清醒 热闹 高兴 暖和 凉快 轻松 溜达 打听 研讨 讲解 宣传 关心 帮助 照顾 调查 尝试 享受 感受
表扬 教育 批评 提醒 开导 合计 算计 盘算 捉摸 思量 掂量 比划 比画 摆弄 修理 清理 梳理 整顿 调整 联系 议论 考察
观察 欣赏 品尝 体会 回忆 拾掇 打量 逛逛 加油 雪白 通红 冰凉 笔直 碧绿 火红 金黄 漆黑 崭新 滚烫 蜡黄 瓦蓝 粉红 喷香 冰冷
""".split())
_WINDOW = 4  # characters of context each side given to the segmenter
#: What cannot follow a reduplicated word: a result complement (解决解决好) or the head of a noun phrase
#: the word modifies (使用使用情况, 户外户外活动, 文件文件精神). Only then is ABAB surely a slip.
_UNGRAMMATICAL_AFTER_RE = re.compile(
    "[好完成掉住清透齐]|情况|工作|问题|方面|过程|活动|精神|措施|制度|政策|机制|体系|建设|能力|水平|服务|项目|资金"
    "|管理|任务|目标|要求|内容|方案|标准|规定|单位|部门|人员|时间|范围|领域|环境|条件|效果|质量|数据|信息|系统"
)
#: First characters of a counted unit that repeats by design: 一个一个, 半份半份, 两步两步.
_COUNTING = frozenset("一二两三四五六七八九十半几每整")


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
    after = text[i + 2 * n:i + 2 * n + 1]
    if not after or not is_han(after):
        return False  # a repeat before punctuation is deliberate: 对对，  年画年画，  加油加油！
    if n == 1:
        if unit not in FUNCTION_CHARS:
            return False  # 人人, 件件, 层层, 看看: reduplication is the norm for content characters
        if (i >= 2 and text[i - 2] == text[i - 1]) or (i + 3 < len(text) and text[i + 2] == text[i + 3]):
            return False  # AABB: 实实在在, 的的确确, 是是非非
    else:
        if unit in ABAB_WORDS or unit[0] == unit[1] or unit[-1] == "着" or (n == 2 and unit[0] in _COUNTING):
            return False  # 研究研究, 哈哈哈哈, 聊着聊着, 一个一个, 半份半份
        if not _UNGRAMMATICAL_AFTER_RE.match(text, i + 2 * n):
            return False  # 排练排练节目, 参观参观去, 归纳归纳看: tentative or emphatic reduplication
    # The segmenter must read the first copy as a word and start a new word at the second: 为了|了解 and
    # 目的|的 are not repeats, 户外|户外活动 is.
    from newskit.text.segment import words  # the lexicon, opened only when a candidate exists

    lo = max(0, i - _WINDOW)
    starts = _token_starts(words(text[lo:i + 2 * n + _WINDOW]))
    second = starts.get(i - lo + n, "")
    # The second copy may be glued to what follows (户外|户外活动) but only as a prefix of two words, not as
    # part of one (府右街大队|大队长).
    return starts.get(i - lo) == unit and (second == unit or (second.startswith(unit) and len(second) - n >= 2))


class RepeatedWord(Rule):
    """A word or character written twice by mistake: `使用使用`, `的的`.

    ## What it does
    Flags a word of two to four characters repeated immediately where reduplication is ungrammatical — before
    a result complement (`解决解决好`) or before the noun it modifies (`使用使用情况`, `户外户外活动`, `文件文件精神`) — and a
    doubled function character (`的的`, `了了`, `是是`), also across a rejoined line break. Legitimate reduplication
    is not flagged: content characters (`件件有回音`, `事事`, `家家户户`, `层层压实`, `步步推进`, `一件件`, `看看`), AABB forms
    (`实实在在`), counted units (`一个一个`, `半份半份`), `聊着聊着`, verbs and adjectives that reduplicate as ABAB (`研究研究`,
    `雪白雪白`), and any repeat directly before punctuation (`对对，`, `加油加油！`: emphasis, not a slip). A candidate
    counts only when the segmenter reads the unit as a word both times (`为了了解` is `为了` + `了解`).

    ## Why it matters
    A doubled word is the commonest keying slip (多字, one error each in the 差错 count), and no CJK linter
    catches it: English tools find repeats between spaces, and Chinese has none.

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
    messages = {
        "repeated": ("'{unit}' repeated: '{unit}{unit}'", "“{unit}”重复：“{unit}{unit}”"),
    }
    name = "repeated-word"
    severity = Severity.ERROR
    fixable = Applicability.UNSAFE
    needs_lexicon = True

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        for mapped in texts(article):
            yield from self._check_text(mapped, article, ctx)

    def _check_text(self, mapped: MappedText, article: Article, ctx: LintContext) -> Iterator[Finding]:
        text = mapped.text
        for m in _REPEAT_RE.finditer(text):
            unit, i = m.group(1), m.start()
            if _is_error(text, i, unit):
                j = i + len(unit)
                yield ctx.finding_in(self, mapped, j, j + len(unit), ctx.say(self, "repeated", unit=unit),
                                     replacement="", applicability=Applicability.UNSAFE,
                                     title=f"Delete the second '{unit}'", article=article)
