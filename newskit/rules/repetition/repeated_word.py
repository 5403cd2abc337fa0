"""R101 repeated-word."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import repeated_units
from newskit.text.cjk import HAN

_WINDOW = 4  # characters of context each side given to the segmenter
#: jieba tags of words that repeat by nature: onomatopoeia, interjections, modal particles.
_REPEATING_TAGS = frozenset({"o", "e", "y"})
_OPEN_QUOTES, _CLOSE_QUOTES = "“‘「『", "”’」』"
#: What may follow a repeat in quoted speech: a cry or a question (“吃啥吃啥？”), or the closing mark.
_SPEECH_END = frozenset("！？”’」』")
_MODAL_PARTICLES = frozenset("吧啊呀呢嘛哦哇啦")
#: Verbs that report speech: what follows them directly is the speaker's words (我说可以可以，).
_SPEECH_VERBS = frozenset("说道喊问答")
#: Marks that bound a clause: a repeat standing alone between them is a cry or a rhetorical opening.
_CLAUSE_MARKS = frozenset("，。！？；：“”‘’「」『』（）《》")
#: Where a doubled adjective is the vivid form (油绿油绿的): the lexicon's state-adjective tag, before 的/地
#: (plain adjectives tagged a do not reduplicate ABAB: 重要重要的 is a slip; the few that do are listed).
_VIVID_TAGS = frozenset({"z"})


@dataclass(frozen=True, slots=True)
class Reduplication:
    """newskit/data/reduplication.toml: the closed set of patterns a doubled unit may legitimately follow."""

    slip_characters: frozenset[str]
    counting_characters: frozenset[str]
    numeral_characters: frozenset[str]
    measure_prefixes: frozenset[str]
    measure_characters: frozenset[str]
    abab_words: frozenset[str]
    tentative_followers: frozenset[str]
    emphatic_adverbs: frozenset[str]
    prepositions: frozenset[str]
    fixed_terms: tuple[str, ...]


@functools.cache
def reduplication() -> Reduplication:
    data = tomllib.loads(resources.files("newskit.data").joinpath("reduplication.toml").read_text(encoding="utf-8"))
    return Reduplication(frozenset(data["slip_characters"]), frozenset(data["counting_characters"]),
                         frozenset(data["numeral_characters"]), frozenset(data["measure_prefixes"]), frozenset(data["measure_characters"]),
                         frozenset(data["abab_words"].split()), frozenset(data["tentative_followers"]),
                         frozenset(data["emphatic_adverbs"].split()), frozenset(data["prepositions"]),
                         tuple(data["fixed_terms"].split()))


def _fixed_term_at(text: str, k: int, unit: str, data: Reduplication) -> bool:
    """A fixed term starting at ``text[k]`` (which is ``unit``): a lexicon word of three or more characters
    (以权谋私), or one of ``fixed_terms``."""
    from newskit.text import lexicon

    if text.startswith(data.fixed_terms, k):
        return True
    return any(lexicon.freq(text[k:k + m]) is not None for m in range(3, 9) if k + m <= len(text))


def _in_quotes(text: str, i: int) -> bool:
    opened = max(text.rfind(q, 0, i) for q in _OPEN_QUOTES)
    return opened > max(text.rfind(q, 0, i) for q in _CLOSE_QUOTES)


def _in_quoted_speech(text: str, i: int, end: int) -> bool:
    """Inside quotation marks and directly before ！, ？ or the closing mark: “吃啥吃啥？”, “快走快走”."""
    return _in_quotes(text, i) and (end >= len(text) or text[end] in _SPEECH_END)


def _aabb(text: str, i: int, end: int, unit: str) -> bool:
    """AABB: the doubled character and its neighbour pair make a word (的的确确: 的确; 你你我我: 你我), not
    a slip before a doubled word (绷得得紧紧的: 得紧 is no word)."""
    from newskit.text import lexicon

    after = end + 1 < len(text) and text[end] == text[end + 1] and lexicon.freq(unit + text[end]) is not None
    before = i >= 2 and text[i - 2] == text[i - 1] and lexicon.freq(text[i - 1] + unit) is not None
    return after or before


_PARALLEL_MARKS = "，、"
#: what may stand before a doubled verb that opens its clause (、 too: 停一停、梳理梳理)
_CLAUSE_OPENERS = _CLAUSE_MARKS | {"、"}
_HAN_RE = re.compile(f"[{HAN}]")


def _is_han(c: str) -> bool:
    return _HAN_RE.match(c) is not None


def lexicon_word(word: str) -> bool:
    from newskit.text import lexicon

    return lexicon.freq(word) is not None


def _is_verb(word: str) -> bool:
    from newskit.text import lexicon

    return (lexicon.pos(word) or "").startswith("v")


def _clause_bounds(text: str, i: int, end: int) -> tuple[int, int]:
    """The clause around ``text[i:end]``: from after the clause mark before it to the one after it."""
    lo = max(text.rfind(m, 0, i) for m in _CLAUSE_OPENERS) + 1
    his = [k for k in (text.find(m, end) for m in _CLAUSE_OPENERS) if k != -1]
    return lo, min(his) if his else len(text)


def _parallel_verb_doubling(text: str, i: int, end: int) -> str | None:
    """Another doubled verb leading the same, the next or the previous clause (parallel clauses, split by ，
    or 、), outside ``text[i:end]``: ``"ABAB"`` for a two-character
    word led by a verb (整修整修…，联系联系…), ``"AA"`` for a doubled form the lexicon lists as a verb (望望…，
    呼吸呼吸…), ``"A一A"`` (稳一稳、沉淀沉淀); None when there is none."""
    from newskit.text import lexicon

    lo, hi = _clause_bounds(text, i, end)
    if lo > 0 and text[lo - 1] in _PARALLEL_MARKS:
        lo = _clause_bounds(text, lo - 1, lo - 1)[0]
    if hi < len(text) and text[hi] in _PARALLEL_MARKS:
        hi = _clause_bounds(text, hi + 1, hi + 1)[1]
    for k in range(lo, hi - 1):
        if i <= k < end:
            continue  # the unit itself
        a = text[k]
        if k + 2 < hi and text[k + 1] == "一" and text[k + 2] == a != "一" and _is_han(a):
            return "A一A"  # 稳一稳, 看一看: A一A is a verb's form whatever the lexicon tags A
        if k > 0 and text[k - 1] not in _CLAUSE_OPENERS:
            continue  # AA and ABAB partners lead their clause, as parallel clauses do
        if k + 3 < hi and text[k:k + 2] == text[k + 2:k + 4] and (k + 4 <= i or k >= end) and (
                _is_verb(text[k:k + 2]) or _is_verb(a)):
            return "ABAB"  # 整修整修; 联系 (tagged a noun only) is led by the verb 联
        if text[k + 1] == a and (k + 2 <= i or k >= end) and (
                (lexicon.pos(a + a) or "").startswith("v") or _is_verb(a)):
            return "AA"  # 望望, 说说
    return None


def reduplication_pattern(text: str, i: int, unit: str) -> str | None:
    """The legitimate pattern that ``unit`` written twice at ``text[i:]`` follows, or None for a slip.

    Decided from the unit alone first (cheap), then from the lexicon: the segmenter must read the first copy
    as a word and start a word at the second (为了|了解 and 目的|的 are not repeats), and a doubled form the
    dictionary lists as one word (谢谢, 星星) is that word.
    """
    data = reduplication()
    n = len(unit)
    end = i + 2 * n
    if n == 1:
        if unit not in data.slip_characters:
            return "content character"  # 人人, 件件, 看看: reduplication is the norm for content characters
        if _aabb(text, i, end, unit):
            return "AABB"  # 的的确确, 是是非非, 你你我我
        if unit in data.prepositions and _fixed_term_at(text, i + 1, unit, data):
            return "X + X-term"  # 以以危险方法危害公共安全罪: 以 + the crime's name
    else:
        if unit in data.abab_words:
            return "ABAB"  # 研究研究, 雪白雪白
        if n == 2 and unit[0] == unit[1]:
            return "AAAA"  # 哈哈哈哈, 谢谢谢谢
        if unit[-1] == "着":
            return "A着A着"  # 聊着聊着
        if unit[0] in data.counting_characters:
            return "counted unit"  # 一个一个, 一个问题一个问题, 半份半份, 逐项逐项
        if n == 2 and unit[1] in data.measure_characters and (
                unit[0] in data.numeral_characters or unit[0] in data.measure_prefixes):
            return "counted unit"  # 三天三天, 成片成片, 大袋大袋
        if unit[-1] in _MODAL_PARTICLES:
            return "A吧A吧"  # 吃饭吧吃饭吧
        if unit in data.emphatic_adverbs and end < len(text) and text[end] not in _CLAUSE_MARKS:
            return "emphatic"  # 非常非常感谢
        if n == 2 and _is_verb(unit) and end < len(text) and text[end] in data.tentative_followers:
            return "tentative VV"  # 凑合凑合就能住人
        if n == 2 and (_is_verb(unit) or (_is_verb(unit[0]) and lexicon_word(unit))):
            # parallel clauses each open on their doubled verb (深化改革改革举措，扩大扩大开放 are two slips)
            opens = i == 0 or text[i - 1] in _CLAUSE_OPENERS
            partner = _parallel_verb_doubling(text, i, end) if opens else None
            if partner == "ABAB" or (partner and _is_verb(unit)):
                return "tentative VV"  # 整修整修茶叶机械，联系联系采茶工人 (a word led by a verb: with an ABAB)
    if text.startswith(unit, end) or (i >= n and text[i - n:i] == unit):
        return "AAA"  # 向前向前向前, 好好好 (seen from the first pair or the second)
    if i >= 1 and text[i - 1] == "该":
        return "该AA"  # 该进城进城，该赶集赶集
    if text.startswith(("你", "您"), end):
        return "AA你"  # 小孩小孩你别馋
    if text.startswith("再" + unit, end):
        return "AA再A"  # 抓紧抓紧再抓紧
    if (i == 0 or text[i - 1] in _CLAUSE_MARKS) and (end == len(text) or text[end] in _CLAUSE_MARKS) and (
            n >= 2 or _in_quotes(text, i)):
        return "whole clause"  # a lone doubled function word is a clause only in speech: “对对，…”  # 年画年画，无画不年；加油加油！
    if _in_quoted_speech(text, i, end):
        return "quoted speech"
    before_mark = end == len(text) or text[end] in _CLAUSE_MARKS
    if before_mark and i >= 1 and text[i - 1] in _SPEECH_VERBS:
        return "reported speech"  # 我说可以可以，
    from newskit.text import lexicon  # opened only once a candidate gets this far

    if n == 2 and before_mark and _in_quotes(text, i) and (lexicon.pos(unit) or "").startswith("v"):
        return "quoted speech"  # “如果能提议提议，…”: a tentative verb in speech
    if n >= 2:
        tag = lexicon.pos(unit) or ""
        if tag in _REPEATING_TAGS:
            return "onomatopoeia"  # 哗啦哗啦, 扑通扑通
        if tag in _VIVID_TAGS and text.startswith(("的", "地"), end):
            return "vivid ABAB"  # 油绿油绿的, 黑瘦黑瘦的
    lo = max(0, i - _WINDOW)
    starts, ends, at = {}, {}, lo
    for w in lexicon.segment(text[lo:end + _WINDOW]):
        starts[at] = w
        at += len(w)
        ends[at] = w
    first, second = ends.get(i + n, ""), starts.get(i + n, "")
    # The first copy is a word, or ends a word the lexicon lists as a two-word phrase (深化|改革 in
    # 深化改革|改革举措) — not a compound with a one-character head (公开赛|开赛, 党组织|组织力), and
    # 为了|了解 has no word 了 ending there. A unit of three or four characters may be two words, as long as
    # both copies start and end on word boundaries (新|亮点|新|亮点, 踢|足球|踢|足球).
    if n >= 3 and i in starts and i + n in starts and (end in starts or end == at):
        return None
    if first != unit and not (n >= 2 and first.endswith(unit) and len(first) - n >= 2
                              and lexicon.freq(first[:-n]) is not None):
        return "not a word here"  # 为了|了解, 不了了之
    # The second copy may be glued to what follows only as the prefix of a word at least two characters
    # longer (户外|户外活动), never of a title (府右街大队|大队长) or a one-character word's compound
    # (加深了|了解, 对|对冲, 对|对方: a function word before a word it starts).
    if second == unit or (n >= 2 and second.startswith(unit) and len(second) - n >= 2):
        return None
    return "not a word here"


class RepeatedWord(Rule):
    """A word or character written twice by mistake: `改革改革`, `的的`.

    ## What it does
    Flags a unit of one to four characters written twice in a row when the lexicon reads both copies as the
    same word: a doubled noun or verb (`深化改革改革举措`, `扩大扩大开放`, `人才人才队伍`, `稳步提升提升，`) and a
    doubled function word or pronoun (`的的`, `了了`, `是是`, `他他`), also across a rejoined line break.
    Real reduplication is a closed set of patterns, listed in `newskit/data/reduplication.toml` and never
    flagged: a doubled content character (`人人`, `件件`, `看看`, `层层`), AABB (`实实在在`, `的的确确`), ABAB
    of the listed tentative verbs and vivid adjectives (`研究研究`, `走动走动`, `参谋参谋`, `雪白雪白`), counted
    units (`一步一步`, `一个一个`), `聊着聊着`, `X一X` (`看一看`, never a doubled unit), the tentative form of a
    two-character verb before 就/吧 (`凑合凑合就能住`) or opening one of two parallel clauses
    (`整修整修农具，联系联系买家`), an emphatic `非常非常`, a preposition before a fixed term that starts with
    it (`以以危险方法危害公共安全罪`), onomatopoeia
    (`哗啦哗啦`), and quoted speech before punctuation (`“快走快走！”`). Where the segmenter does not read the
    first copy as a word the repeat is not one (`为了了解` is 为了 + 了解, `北京大学大学生`).

    ## Why it matters
    A doubled word is the commonest keying slip (多字, one error each in the 差错 count), and no CJK linter
    catches it: English tools find repeats between spaces, and Chinese has none.

    ## Example
    ```text
    扶贫资金和项目使用使用情况；发展的的关键；要稳步提升提升。
    ```

    ## Use instead
    ```text
    扶贫资金和项目使用情况；发展的关键；要稳步提升。
    ```

    ## Fix safety
    Unsafe: the second copy is deleted, which is right for a keying slip but not for a rare deliberate
    repetition the list does not know.
    """

    code = "R101"
    name = "repeated-word"
    severity = Severity.ERROR
    fixable = Applicability.UNSAFE
    needs_lexicon = True
    messages = {
        "repeated": ("'{unit}' repeated: '{unit}{unit}'", "“{unit}”重复：“{unit}{unit}”"),
        "fix": ("Delete the second '{unit}'", "删去第二个“{unit}”"),
    }

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # Every unit of 1-4 Han characters followed by itself, the longest at each position, in every text
        # of the dump in one compiled pass (rust/newskit-core/src/lint/repeats.rs; most texts hold none).
        # Every position is tried, so a repeat that starts inside another is not skipped (兵带兵带兵 holds
        # 带兵带兵 one character after 兵带兵带). The pattern is asked first: most units are content characters
        # (人人, 看看), told from the unit alone, where the break test maps three spans.
        for article, mapped, i, n in repeated_units(ctx):
            text = mapped.text
            unit, j = text[i:i + n], i + n
            if reduplication_pattern(text, i, unit) is not None:
                continue
            if (mapped.contiguous_span(i, j + len(unit)) is None and mapped.contiguous_span(i, j) is not None
                    and mapped.contiguous_span(j, j + len(unit)) is not None):
                continue  # a break between the copies: two paragraphs the splitter joined, not a slip
            yield ctx.finding_in(self, mapped, j, j + len(unit), ctx.say(self, "repeated", unit=unit),
                                 replacement="", applicability=Applicability.UNSAFE,
                                 title=ctx.say(self, "fix", unit=unit), article=article)
