"""Realistic page dumps with known answers, built from the People's Daily corpus in ../shared/corpus.

Pure Python (stdlib only) so every benchmark can import it by path. The corpus is research material: it is
read at run time and never copied into the repository.

A corpus page (records grouped by date and page, ordered by seq) is rendered the way the seed dumps look:
two blank lines at the top, each article's headline lines (kicker / main / subhead), then its paragraphs,
blocks separated by blank lines; the byline / 电头 stays at the start of the first paragraph. Damage
modelled on NEWSKIT.md §2 (column breaks, half-width punctuation, OCR spaces, a paragraph printed twice,
CRLF, GB18030) is applied with a seeded ``random.Random`` and every damage is recorded in the truth, so a
benchmark or test can check what the splitter recovered.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

RENMIN_GLOB = "renmin-*.jsonl.gz"
#: The month kept out of training and tuning of the split tagger: accuracy figures are measured on it only.
HELD_OUT_MONTH = "2020-02"
#: Block labels of the split tagger's truth (newskit.split.tagger.LABELS spells the same names).
HEAD, HEAD_MORE, BYLINE, BODY, JOIN, SECTION, CAPTION, CLOSING = (
    "head", "head+", "byline", "body", "join", "section", "caption", "closing")

#: Full-width marks that OCR / PDF export prints half-width (seed 002); 。 “” 、 stay full-width there.
FULL_TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})

#: Characters a column break never lands next to: punctuation of both widths, brackets, quotes (and any white
#: space, see ``breakable``).
NO_BREAK_NEIGHBOURS = frozenset("，。、；：？！…—·“”‘’「」『』（）《》〈〉【】〔〕,.;:?!()[]<>\"'-/")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
#: A run of ASCII digits (with a decimal point or percent) with a Han character on at least one side.
_DIGITS_BY_HAN = re.compile(rf"(?<=[{_HAN}])[0-9][0-9.%]*|[0-9][0-9.%]*(?=[{_HAN}])")
_HAN_RE = re.compile(f"[{_HAN}]")

#: Endings of a first title line that make it a kicker (引题): `…——`, `…强调`, `…指出`, `…：`.
_KICKER_END = ("——", "强调", "指出", "：", ":")


# --------------------------------------------------------------------------------------------------
# corpus


def corpus_dir(start: Path | None = None) -> Path | None:
    """``../shared/corpus`` next to the repository (…/main/../shared/corpus), or None when absent."""
    repo = (start or Path(__file__)).resolve()
    if repo.is_file():
        repo = repo.parent
    for folder in (repo, *repo.parents):
        if (folder / "pyproject.toml").is_file():
            candidate = folder.parent / "shared" / "corpus"
            if any(candidate.glob(RENMIN_GLOB)):
                return candidate
            return None
    return None


def corpus_months(directory: Path | None = None) -> list[str]:
    """The People's Daily months present (``2019-02``, …), in order."""
    directory = directory or corpus_dir()
    if directory is None:
        return []
    return [p.name[len("renmin-"):-len(".jsonl.gz")] for p in sorted(directory.glob(RENMIN_GLOB))]


def training_months(directory: Path | None = None) -> list[str]:
    """Every month but the held-out one: what the split tagger is trained and tuned on."""
    return [m for m in corpus_months(directory) if m != HELD_OUT_MONTH]


def iter_renmin_pages(directory: Path | None = None, months: list[str] | tuple[str, ...] | None = None,
                      ) -> Iterator[list[dict]]:
    """Pages of People's Daily: records grouped by (date, page), ordered by seq, files in name order.

    Each record has ``date``, ``page``, ``seq``, ``title_lines`` and ``body`` (paragraphs joined by ``\\n``).
    ``months`` (``["2020-02"]``) keeps only those files.
    """
    directory = directory or corpus_dir()
    if directory is None:
        return
    for path in sorted(directory.glob(RENMIN_GLOB)):
        if months is not None and path.name[len("renmin-"):-len(".jsonl.gz")] not in months:
            continue
        pages: dict[tuple[str, int], list[dict]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    pages.setdefault((record["date"], int(record["page"])), []).append(record)
        for key in sorted(pages):
            yield sorted(pages[key], key=lambda r: r["seq"])


# --------------------------------------------------------------------------------------------------
# damage and truth


@dataclass(frozen=True, slots=True)
class Damage:
    """Probabilities of each kind of damage; all off by default.

    ``column_break`` is per paragraph, ``duplicate`` per article, the rest per page (a dump comes out of one
    tool: either all its punctuation is half-width or none is). ``ocr_space`` picks a page, then spaces each
    digit run next to a Han character with probability ``ocr_space_run`` (seed 001 mixes `289 个` and `1300元`).
    """

    column_break: float = 0.0
    half_width: float = 0.0
    ocr_space: float = 0.0
    ocr_space_run: float = 0.7
    duplicate: float = 0.0
    crlf: float = 0.0
    gb18030: float = 0.0
    caption: float = 0.0  # per article: a photo caption printed after one of its paragraphs (or inside a break)
    byline_line: float = 0.0  # per page: bylines printed on their own line (``本报记者 王明``), as many papers do
    truncate: float = 0.0  # per article: its text stops mid-sentence (continued on another page) before the next

    @classmethod
    def parse(cls, spec: str | None) -> Damage:
        """``none``, ``light``, ``heavy``, or ``key=prob,key=prob`` (field names, e.g. ``column_break=0.1``)."""
        if not spec or spec == "none":
            return cls()
        if spec in DAMAGE_PRESETS:
            return DAMAGE_PRESETS[spec]
        names = {f.name for f in fields(cls)}
        values: dict[str, float] = {}
        for item in spec.split(","):
            key, sep, raw = item.partition("=")
            key = key.strip()
            if not sep or key not in names:
                raise ValueError(
                    f"bad damage {item!r}: use none, {', '.join(DAMAGE_PRESETS)} or key=prob with key in "
                    + ", ".join(sorted(names))
                )
            try:
                value = float(raw)
            except ValueError:
                raise ValueError(f"bad damage {item!r}: {raw!r} is not a number") from None
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"bad damage {item!r}: a probability lies in [0, 1]")
            values[key] = value
        return cls(**values)


DAMAGE_PRESETS: dict[str, Damage] = {
    "light": Damage(column_break=0.05, half_width=0.2, ocr_space=0.1, duplicate=0.02, crlf=0.2, gb18030=0.1,
                    caption=0.1, byline_line=0.3, truncate=0.03),
    "heavy": Damage(column_break=0.25, half_width=0.5, ocr_space=0.4, duplicate=0.1, crlf=0.5, gb18030=0.3,
                    caption=0.3, byline_line=0.3, truncate=0.1),
}


@dataclass(frozen=True, slots=True)
class ColumnBreak:
    """A paragraph of article ``article`` printed as two: ``before`` ends at ``before_line``, ``after`` starts
    at ``after_line`` (1-based lines of ``PageDump.text``)."""

    article: int
    paragraph: int
    before_line: int
    after_line: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Paragraph ``paragraph`` of article ``article`` printed again right after itself."""

    article: int
    paragraph: int
    line: int  # the original
    copy_line: int  # the copy


@dataclass(frozen=True, slots=True)
class DamageRecord:
    """One text-level damage: ``kind`` is ``half-width`` or ``ocr-space``; ``count`` characters touched."""

    kind: str
    article: int
    count: int


@dataclass(frozen=True, slots=True)
class ArticleTruth:
    """What a splitter should recover for one article. Paragraph texts are as printed (after text-level damage,
    before column breaks): a rejoined paragraph equals its entry here."""

    headlines: tuple[tuple[str, str], ...]  # (role, value): role is kicker | main | subhead
    roles_certain: bool  # False when two title lines could be kicker+main or main+subhead
    paragraphs: tuple[str, ...]  # including a duplicated paragraph's copy
    line_start: int  # first headline line
    line_end: int  # last paragraph line
    paragraph_lines: tuple[int, ...] = ()  # the line each paragraph starts on

    @property
    def main(self) -> str:
        return next(value for role, value in self.headlines if role == "main")

    @property
    def first_paragraph(self) -> str:
        return self.paragraphs[0]

    @property
    def last_paragraph(self) -> str:
        return self.paragraphs[-1]


@dataclass(frozen=True, slots=True)
class PageDump:
    """A rendered page: ``text`` (``\\n`` line ends), ``data`` (the bytes as a tool would write them) and the truth."""

    path: str
    text: str
    data: bytes
    encoding: str  # "utf-8" or "gb18030"
    newline: str  # "\n" or "\r\n"
    headline_style: str  # "plain" | "block" | "markdown"
    articles: tuple[ArticleTruth, ...]
    breaks: tuple[ColumnBreak, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    damage: tuple[DamageRecord, ...] = ()
    #: One label per printed block (runs of non-blank lines), in order: what the split tagger should say.
    labels: tuple[str, ...] = ()
    #: Index into ``articles`` of each block's article (-1 for none).
    block_articles: tuple[int, ...] = ()

    @property
    def utf8_size(self) -> int:
        return len(self.text.encode("utf-8"))


# --------------------------------------------------------------------------------------------------
# rendering


HEADLINE_STYLES = ("plain", "block", "markdown")
#: How often each style appears when the caller does not pick one (plain stacks dominate the seeds).
HEADLINE_STYLE_WEIGHTS = (6, 2, 2)


def headline_roles(title_lines: list[str]) -> tuple[tuple[tuple[str, str], ...], bool]:
    """Assign kicker / main / subhead to a corpus title stack; the bool says whether the roles are certain.

    One line is the main head; three are kicker, main, subhead. With two, a first line ending in `——` or
    `强调` is a kicker and a second starting with `——` is a subhead; otherwise the pair is read as
    main + subhead, which is a guess (`中共中央国务院印发` / `新时代公民道德建设实施纲要` is a kicker + main).
    """
    lines = [t.strip() for t in title_lines if t.strip()]
    if len(lines) == 1:
        return (("main", lines[0]),), True
    if len(lines) == 2:
        first, second = lines
        if first.endswith(_KICKER_END):
            return (("kicker", first), ("main", second)), True
        if second.startswith("——"):
            return (("main", first), ("subhead", second)), True
        return (("main", first), ("subhead", second)), False
    roles = ["kicker", "main"] + ["subhead"] * (len(lines) - 2)
    return tuple(zip(roles, lines)), len(lines) == 3


def _headline_blocks(heads: tuple[tuple[str, str], ...], style: str, md_level: int) -> list[list[str]]:
    if style == "block":
        return [[value for _, value in heads]]
    if style == "markdown":
        return [[("#" * (md_level if role == "main" else md_level + 1)) + " " + value] for role, value in heads]
    return [[value] for _, value in heads]


def breakable(ch: str) -> bool:
    """May a column break fall next to ``ch``? Not beside punctuation or white space (NBSP pads corpus names)."""
    return ch not in NO_BREAK_NEIGHBOURS and not ch.isspace()


def _break_point(paragraph: str, rng: random.Random, margin: int = 6) -> int | None:
    """An index where a column break may fall: both neighbours are not punctuation or space."""
    if len(paragraph) < 2 * margin:
        return None
    candidates = [
        i for i in range(margin, len(paragraph) - margin + 1)
        if breakable(paragraph[i - 1]) and breakable(paragraph[i])
    ]
    return rng.choice(candidates) if candidates else None


def _ocr_spaces(text: str, rng: random.Random, probability: float) -> tuple[str, int]:
    """Put spaces around digit runs next to Han characters (`今年 9 月`), each run with ``probability``."""
    count = 0

    def spaced(m: re.Match[str]) -> str:
        nonlocal count
        if rng.random() >= probability:
            return m.group()
        count += 1
        before = " " if m.start() > 0 and _HAN_RE.match(text, m.start() - 1) else ""
        after = " " if _HAN_RE.match(text, m.end()) else ""
        return before + m.group() + after

    return _DIGITS_BY_HAN.sub(spaced, text), count


#: Truth of a paragraph that closes an article: a trailing 电头 or credit, an author note, ``（完）``.
_CLOSING_TRUTH = re.compile(r"^[（(][^（）()]{0,150}(?:电|报道|供稿|综合|整理)[^（）()]{0,150}[）)]?$"
                            r"|^[（(](?:作者|本文|完|记者|本报记者)[^（）()]{0,150}[）)]$")
#: Truth of an in-article section title (``核心阅读``, ``编者的话``, ``一、…``): short, no sentence mark.
_SENTENCE_MARKS = re.compile(r"[。！？!?；;…]")
_SECTION_MAX = 30
#: How a bundled item's kicker line ends (``周新霞——``, ``最高检：``).
_ITEM_KICKER_END = ("——", "：", ":")
#: A date on a line of its own: a letter's or a speech's date under its signature, never a kicker.
_NUMERAL = r"\d〇零一二三四五六七八九十"
_DATE_LINE = re.compile(rf"^[{_NUMERAL}]{{2,4}}\s*年[{_NUMERAL}\s]{{1,3}}月[{_NUMERAL}\s]{{1,3}}日$")
#: How a line that is never a bundled item's kicker starts.
_NOT_KICKER_START = ("（", "(", "●", "■", "▲", "—")  # "—" covers a `——` sign-off
#: A paragraph opening with a 电头 (``本报北京1月31日电``, ``据新华社…电``, ``本报电``).
_WIRE_START = re.compile(r"^(?:据)?(?:本报|新华社|中新社)[^，。\n]{0,24}?电")
#: A credit inside the 电头 of a lead paragraph: ``本报北京1月31日电 （记者杜一菲、王明）…``.
_WIRE_CREDIT = re.compile(r"^(?P<wire>(?:据)?(?:本报|新华社)[^（(，。\n]{0,24}?电)[\s\u00a0]*[（(]记者"
                          r"(?P<names>[^（()），。\n]{2,40})[）)][\s\u00a0]*")
#: Made-up names for synthetic photo credits and bylines (no corpus text).
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "明华强军平芳伟静丽敏磊洋勇艳杰涛超秀霞鹏宇飞"


def _synthetic_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


#: Truth of a byline paragraph (``本报记者  王明``, ``新华社记者 X Y``, ``文/X``), at the top or inside the body.
_BYLINE_TRUTH = re.compile(rf"^■?(?:(?:本报|新华社|人民日报)?(?:特约|见习)?(?:记者|通讯员|实习生)|文[/／]|图[/／]|作者[:：]?)"
                           rf"[\s\u00a0]*[{_HAN}·][{_HAN}·\s\u00a0、]{{1,40}}$")


def is_byline_truth(paragraph: str) -> bool:
    return len(paragraph) <= 50 and bool(_BYLINE_TRUTH.match(paragraph))


def is_closing_truth(paragraph: str) -> bool:
    return len(paragraph) <= 200 and bool(_CLOSING_TRUTH.match(paragraph))


#: Truth of a credit line printed at an article's end: graphics, layout and source credits (``版式设计：X``,
#: ``数据来源：X``), a photo credit (``王  正摄（人民视觉）``, ``X  Y摄影报道``), a contributions address. Written
#: apart from the splitter's ``classify._CREDIT_LINE`` on purpose, as the other truth patterns are: the truth
#: must not move when the system it measures does.
_CREDIT_TRUTH = re.compile(r"^(?:本版)?(?:制图|责任编辑|责编|摄影|图片编辑|版式设计|图片来源|数据来源)[:：]"
                           r"|^[^。！？，]{1,24}摄(?:影)?(?:报道)?(?:[（(][^（）()]{2,8}[）)])?$"
                           r"|^[^。！？，]{0,20}[\w.-]+@[\w-]+\.[\w.]+$")


def is_credit_truth(paragraph: str) -> bool:
    """A credit line: at an article's end it closes the article (``closing``), as a 电头 credit does."""
    return len(paragraph) <= 60 and bool(_CREDIT_TRUTH.match(paragraph))


def is_section_truth(paragraph: str) -> bool:
    """A body paragraph printed as an in-article section title."""
    return (len(paragraph) <= _SECTION_MAX and not _SENTENCE_MARKS.search(paragraph)
            and not paragraph.endswith(("，", "、", ",", "：", ":")) and bool(_HAN_RE.search(paragraph)))


def _caption(paragraphs: list[str], rng: random.Random) -> str:
    """A photo caption made from a clause of the article and a made-up credit, in one of the printed forms."""
    source = rng.choice(paragraphs)
    clauses = [c for c in re.split(r"[，。；！？,;!?]", source) if 6 <= len(c.strip()) <= 30]
    clause = (rng.choice(clauses) if clauses else source[:20]).strip()
    name = _synthetic_name(rng)
    form = rng.randrange(4)
    if form == 0:
        return f"▲{clause}。  新华社记者  {name}摄"
    if form == 1:
        return f"图为{clause}。  本报记者  {name}摄"
    if form == 2:
        return f"{clause}。  {name}摄"
    return f"{clause}。  {name}摄（人民视觉）"


def _byline_line(paragraphs: list[str], rng: random.Random) -> tuple[str | None, list[str]]:
    """Print the lead's credit on a line of its own, as papers that do not run 电头 credits inline do."""
    m = _WIRE_CREDIT.match(paragraphs[0]) if paragraphs else None
    if m:
        names = " ".join(n for n in re.split(r"[、\s\u00a0]+", m.group("names")) if n)
        staff = "新华社记者" if "新华社" in m.group("wire") else "本报记者"
        rest = paragraphs[0][m.end():]
        if not rest:
            return None, paragraphs
        if rng.random() < 0.5:
            return f"{staff}  {names}", [rest, *paragraphs[1:]]
        return f"■{staff}  {names}", [f"{m.group('wire')}  {rest}", *paragraphs[1:]]
    if paragraphs and rng.random() < 0.3:
        first, second = _synthetic_name(rng), _synthetic_name(rng)
        return rng.choice((f"本报记者  {first}", f"文/{first}", f"本报记者  {first}  通讯员  {second}")), paragraphs
    return None, paragraphs


def render_page(
    page: list[dict],
    damage: Damage | None = None,
    rng: random.Random | None = None,
    *,
    headline_style: str | None = None,
    path: str | None = None,
) -> PageDump:
    """Render a page (corpus records; printed in seq order) as a dump, with damage and the truth.

    Records with an empty body (photo pages) are left out: they have no paragraphs to recover. Every printed
    block gets its tagger label (``labels``): the first headline block of an article ``head``, the rest of its
    stack ``head+``, a byline line ``byline``, a paragraph ``body``, ``section`` (a short title-shaped
    paragraph), ``closing`` (a trailing 电头 or author note), the second part of a broken paragraph ``join``,
    a photo caption ``caption``, a credit line (at the top or inside the body) ``byline``.
    """
    damage = damage or Damage()
    rng = rng or random.Random(0)
    if headline_style is None:
        headline_style = rng.choices(HEADLINE_STYLES, HEADLINE_STYLE_WEIGHTS)[0]
    if headline_style not in HEADLINE_STYLES:
        raise ValueError(f"headline_style must be one of {', '.join(HEADLINE_STYLES)}")
    md_level = rng.choice((1, 2))
    half_width = rng.random() < damage.half_width
    ocr_space = rng.random() < damage.ocr_space
    newline = "\r\n" if rng.random() < damage.crlf else "\n"
    encoding = "gb18030" if rng.random() < damage.gb18030 else "utf-8"
    # Layout draws only when enabled, so pages rendered without them come out as before.
    byline_lines = damage.byline_line > 0 and rng.random() < damage.byline_line

    records = sorted((r for r in page if r["body"].strip()), key=lambda r: r.get("seq", 0))
    lines: list[str] = ["", ""]  # two blank lines at the top, as in every seed
    labels: list[str] = []
    owners: list[int] = []
    truths: list[ArticleTruth] = []
    breaks: list[ColumnBreak] = []
    duplicates: list[Duplicate] = []
    damage_log: list[DamageRecord] = []

    def add_block(block: list[str], label: str, owner: int) -> int:
        """Append a block after a blank line (none before the first); returns its first line number."""
        if len(lines) > 2:
            lines.append("")
        lines.extend(block)
        labels.append(label)
        owners.append(owner)
        return len(lines) - len(block) + 1

    def render_article(a, heads, certain, byline, paragraphs):
        if byline is None and len(paragraphs) > 1 and is_byline_truth(paragraphs[0]):
            byline, paragraphs = paragraphs[0], paragraphs[1:]  # a credit line opening the body is the byline
        if damage.truncate > 0 and rng.random() < damage.truncate and len(paragraphs) > 1:
            cut = _break_point(paragraphs[-1], rng)
            if cut is not None:  # the rest is printed on another page: the text stops mid-sentence
                paragraphs = [*paragraphs[:-1], paragraphs[-1][:cut]]
        duplicated = rng.randrange(len(paragraphs)) if rng.random() < damage.duplicate else None
        captioned = (rng.randrange(len(paragraphs)) if damage.caption > 0 and rng.random() < damage.caption
                     else None)

        if a and rng.random() < 0.1:
            lines.extend(["", ""])  # a wider gap, as around the captions the corpus does not carry
        line_start = 0
        for block in _headline_blocks(heads, headline_style, md_level):
            first = add_block(block, HEAD_MORE if line_start else HEAD, a)
            line_start = line_start or first
        if byline is not None:
            add_block([byline], BYLINE, a)
        printed: list[str] = []
        starts: list[int] = []
        closing_from = len(paragraphs)
        while closing_from > 1 and (is_closing_truth(paragraphs[closing_from - 1])
                                    or is_credit_truth(paragraphs[closing_from - 1])):
            closing_from -= 1

        def label_of(k: int, paragraph: str) -> str:
            if k >= closing_from:
                return CLOSING
            if is_byline_truth(paragraph):
                return BYLINE
            if k < len(paragraphs) - 1 and is_section_truth(paragraph):
                return SECTION
            return BODY

        def add_paragraph(k: int, paragraph: str, caption: str | None) -> int:
            label = label_of(k, paragraph)
            cut = (_break_point(paragraph, rng) if rng.random() < damage.column_break and label == BODY
                   else None)
            if cut is None:
                line = add_block([paragraph], label, a)
                if caption is not None:
                    add_block([caption], CAPTION, a)
            else:
                line = add_block([paragraph[:cut]], label, a)
                inside = caption is not None and rng.random() < 0.5  # a caption printed inside the break
                if inside:
                    add_block([caption], CAPTION, a)
                breaks.append(ColumnBreak(a, len(printed), line, add_block([paragraph[cut:]], JOIN, a),
                                          paragraph[:cut], paragraph[cut:]))
                if caption is not None and not inside:
                    add_block([caption], CAPTION, a)
            printed.append(paragraph)
            starts.append(line)
            return line

        for k, paragraph in enumerate(paragraphs):
            caption = _caption(paragraphs, rng) if k == captioned else None
            line = add_paragraph(k, paragraph, caption if k != duplicated else None)
            if k == duplicated:
                duplicates.append(Duplicate(a, k, line, add_paragraph(k, paragraph, caption)))
        last_line = len(lines)
        if labels and labels[-1] == CAPTION:  # the article's text ends before a caption printed after it
            last_line = len(lines) - 2
        truths.append(ArticleTruth(heads, certain, tuple(printed), line_start, last_line, tuple(starts)))

    a = -1
    for record in records:
        heads, certain = headline_roles(record["title_lines"])
        paragraphs = [p.strip() for p in record["body"].split("\n") if p.strip()]
        byline = None
        if byline_lines:
            byline, paragraphs = _byline_line(paragraphs, rng)
        # Text-level damage touches headlines and paragraphs alike: one export tool printed the whole page.
        texts = [value for _, value in heads] + paragraphs
        if half_width:
            touched = sum(sum(t.count(c) for c in "，：；！？（）") for t in texts)
            texts = [t.translate(FULL_TO_HALF) for t in texts]
            if touched:
                damage_log.append(DamageRecord("half-width", a + 1, touched))
        if ocr_space:
            touched = 0
            for k, t in enumerate(texts):
                texts[k], n = _ocr_spaces(t, rng, damage.ocr_space_run)
                touched += n
            if touched:
                damage_log.append(DamageRecord("ocr-space", a + 1, touched))
        heads = tuple((role, value) for (role, _), value in zip(heads, texts))
        for heads, certain, byline, paragraphs in _pieces(heads, certain, byline, texts[len(heads):]):
            a += 1
            render_article(a, heads, certain, byline, paragraphs)

    text = "\n".join(lines)
    data = text.replace("\n", newline).encode(encoding)
    if path is None:
        first = page[0] if page else {"date": "00000000", "page": 0}
        path = f"renmin-{first['date']}-{int(first['page']):02d}.txt"
    return PageDump(path, text, data, encoding, newline, headline_style, tuple(truths),
                    tuple(breaks), tuple(duplicates), tuple(damage_log), tuple(labels), tuple(owners))


def _pieces(heads, certain, byline, paragraphs):
    """A corpus record as the articles the page prints: a record that bundles separately headlined and
    credited items (a brief column, ``综合消息``) is one article per item. An item starts at a title-shaped
    paragraph that a byline or a 电头 paragraph follows, or that follows a closing credit. The one or two
    kicker lines right before an item's title (``_item_kickers``) belong to its headline stack, not to the
    item before: no article ends on a line announcing what follows or on a bare title."""
    starts = [0]
    kickers: dict[int, int] = {}  # item start -> how many lines before its title are its kickers
    for k in range(1, len(paragraphs) - 1):
        if k - starts[-1] < 2 or not is_section_truth(paragraphs[k]):
            continue
        if (is_byline_truth(paragraphs[k + 1]) or _WIRE_START.match(paragraphs[k + 1])
                or is_closing_truth(paragraphs[k - 1])):
            # the item before keeps its title and at least one paragraph
            floor = starts[-1] + 1 if len(starts) > 1 else 0
            starts.append(k)
            kickers[k] = _item_kickers(paragraphs, k, floor)
    ends = [s - kickers[s] for s in starts[1:]] + [len(paragraphs)]
    for n, (s, e) in enumerate(zip(starts, ends)):
        if n == 0:
            yield heads, certain, byline, paragraphs[s:e]
            continue
        stack = paragraphs[s - kickers[s]:s + 1]
        if len(stack) == 1:
            yield (("main", stack[0]),), True, None, paragraphs[s + 1:e]
        elif stack[1].startswith("——"):  # `搭上公交进山里` / `——重庆丰都人冯小波的回家见闻`
            yield (("main", stack[0]), ("subhead", stack[1])), True, None, paragraphs[s + 1:e]
        elif len(stack) == 2:
            yield (("kicker", stack[0]), ("main", stack[1])), True, None, paragraphs[s + 1:e]
        else:  # `外卖骑手郭杜军` / `冒严寒` / `送上年夜饭`: which lines make the main head is a guess
            yield (("kicker", stack[0]), ("main", stack[1]), ("subhead", stack[2])), False, None, paragraphs[s + 1:e]


def _is_item_kicker(line: str) -> bool:
    """A line that can be a bundled item's kicker: one ending in ``——`` or ``：`` (``周新霞——``, ``最高检：``),
    or a bare title-shaped line (a place or person: ``山西闻喜`` over ``蒸花馍  过大年``). Not a credit, byline
    or closing line, and not a bracketed, bulleted or dash-led one (``（喻思南）`` closes the brief before it,
    ``●…`` is a bullet of the text, ``——编  者`` signs off an editor's note)."""
    if (len(line) > _SECTION_MAX or line.startswith(_NOT_KICKER_START) or _DATE_LINE.match(line)
            or is_byline_truth(line) or is_closing_truth(line) or is_credit_truth(line)):
        return False
    return line.endswith(_ITEM_KICKER_END) or is_section_truth(line)


def _item_kickers(paragraphs: list[str], k: int, floor: int) -> int:
    """How many of the lines right before item title ``k`` (at most two, all after ``floor``) are its kickers.
    0 when the "title" is itself a closing 电头 (``（新华社北京10月15日电）`` after a letter's signature)."""
    if is_closing_truth(paragraphs[k].strip()):
        return 0
    count = 0
    while count < 2 and k - count - 1 > floor and _is_item_kicker(paragraphs[k - count - 1].strip()):
        count += 1
    return count


def build_dumps(
    target_bytes: int,
    damage: Damage | None = None,
    *,
    seed: int = 0,
    directory: Path | None = None,
    headline_style: str | None = None,
    months: list[str] | tuple[str, ...] | None = None,
) -> list[PageDump]:
    """Render corpus pages in order until their UTF-8 size reaches ``target_bytes`` (or the corpus ends).

    Deterministic for a given seed. Empty when the corpus is absent. ``headline_style`` fixes the style of every
    page (default: drawn per page).
    """
    rng = random.Random(seed)
    dumps: list[PageDump] = []
    total = 0
    for page in iter_renmin_pages(directory, months):
        if total >= target_bytes:
            break
        dump = render_page(page, damage, rng, headline_style=headline_style)
        if not dump.articles:
            continue
        dumps.append(dump)
        total += dump.utf8_size
    return dumps


# --------------------------------------------------------------------------------------------------
# what the compiled-vs-Python diff benches sample


def non_negative(kind: type = float):
    """An argparse type: a number of ``kind`` that is 0 or more (``--mb -1`` is one usage error, exit 2)."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
        return value

    parse.__name__ = f"non-negative {kind.__name__}"
    return parse


def sample_arguments(description: str, argv: list[str] | None = None) -> argparse.Namespace:
    """``--mb`` per style, ``--damage`` and ``--months`` (default the held-out month) of a diff bench."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--mb", type=non_negative(), default=1.0, help="MB of pages per style (default 1)")
    ap.add_argument("--damage", default="light")
    ap.add_argument("--months", default=HELD_OUT_MONTH)
    return ap.parse_args(argv)


def sample_dumps(args: argparse.Namespace) -> Iterator[tuple[str, PageDump]]:
    """(style, dump) for ``args.mb`` MB of ``args.months`` in every headline style, with ``args.damage``."""
    for style in HEADLINE_STYLES:
        for d in build_dumps(int(args.mb * 1e6), Damage.parse(args.damage), seed=0, headline_style=style,
                             months=args.months.split(",")):
            yield style, d
