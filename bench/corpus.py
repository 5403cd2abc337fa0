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

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

RENMIN_GLOB = "renmin-*.jsonl.gz"

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


def iter_renmin_pages(directory: Path | None = None) -> Iterator[list[dict]]:
    """Pages of People's Daily: records grouped by (date, page), ordered by seq, files in name order.

    Each record has ``date``, ``page``, ``seq``, ``title_lines`` and ``body`` (paragraphs joined by ``\\n``).
    """
    directory = directory or corpus_dir()
    if directory is None:
        return
    for path in sorted(directory.glob(RENMIN_GLOB)):
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
    "light": Damage(column_break=0.05, half_width=0.2, ocr_space=0.1, duplicate=0.02, crlf=0.2, gb18030=0.1),
    "heavy": Damage(column_break=0.25, half_width=0.5, ocr_space=0.4, duplicate=0.1, crlf=0.5, gb18030=0.3),
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


def render_page(
    page: list[dict],
    damage: Damage | None = None,
    rng: random.Random | None = None,
    *,
    headline_style: str | None = None,
    path: str | None = None,
) -> PageDump:
    """Render a page (corpus records; printed in seq order) as a dump, with damage and the truth.

    Records with an empty body (photo pages) are left out: they have no paragraphs to recover.
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

    records = sorted((r for r in page if r["body"].strip()), key=lambda r: r.get("seq", 0))
    lines: list[str] = ["", ""]  # two blank lines at the top, as in every seed
    truths: list[ArticleTruth] = []
    breaks: list[ColumnBreak] = []
    duplicates: list[Duplicate] = []
    damage_log: list[DamageRecord] = []

    def add_block(block: list[str]) -> int:
        """Append a block after a blank line (none before the first); returns its first line number."""
        if len(lines) > 2:
            lines.append("")
        lines.extend(block)
        return len(lines) - len(block) + 1

    for a, record in enumerate(records):
        heads, certain = headline_roles(record["title_lines"])
        paragraphs = [p.strip() for p in record["body"].split("\n") if p.strip()]
        # Text-level damage touches headlines and paragraphs alike: one export tool printed the whole page.
        texts = [value for _, value in heads] + paragraphs
        if half_width:
            touched = sum(sum(t.count(c) for c in "，：；！？（）") for t in texts)
            texts = [t.translate(FULL_TO_HALF) for t in texts]
            if touched:
                damage_log.append(DamageRecord("half-width", a, touched))
        if ocr_space:
            touched = 0
            for k, t in enumerate(texts):
                texts[k], n = _ocr_spaces(t, rng, damage.ocr_space_run)
                touched += n
            if touched:
                damage_log.append(DamageRecord("ocr-space", a, touched))
        heads = tuple((role, value) for (role, _), value in zip(heads, texts))
        paragraphs = texts[len(heads):]
        duplicated = rng.randrange(len(paragraphs)) if rng.random() < damage.duplicate else None

        if a and rng.random() < 0.1:
            lines.extend(["", ""])  # a wider gap, as around the captions the corpus does not carry
        line_start = 0
        for block in _headline_blocks(heads, headline_style, md_level):
            first = add_block(block)
            line_start = line_start or first
        printed: list[str] = []
        starts: list[int] = []

        def add_paragraph(paragraph: str) -> int:
            cut = _break_point(paragraph, rng) if rng.random() < damage.column_break else None
            if cut is None:
                line = add_block([paragraph])
            else:
                line = add_block([paragraph[:cut]])
                breaks.append(ColumnBreak(a, len(printed), line, add_block([paragraph[cut:]]),
                                          paragraph[:cut], paragraph[cut:]))
            printed.append(paragraph)
            starts.append(line)
            return line

        for k, paragraph in enumerate(paragraphs):
            line = add_paragraph(paragraph)
            if k == duplicated:
                duplicates.append(Duplicate(a, k, line, add_paragraph(paragraph)))
        truths.append(ArticleTruth(heads, certain, tuple(printed), line_start, len(lines), tuple(starts)))

    text = "\n".join(lines)
    data = text.replace("\n", newline).encode(encoding)
    if path is None:
        first = page[0] if page else {"date": "00000000", "page": 0}
        path = f"renmin-{first['date']}-{int(first['page']):02d}.txt"
    return PageDump(path, text, data, encoding, newline, headline_style, tuple(truths),
                    tuple(breaks), tuple(duplicates), tuple(damage_log))


def build_dumps(
    target_bytes: int,
    damage: Damage | None = None,
    *,
    seed: int = 0,
    directory: Path | None = None,
    headline_style: str | None = None,
) -> list[PageDump]:
    """Render corpus pages in order until their UTF-8 size reaches ``target_bytes`` (or the corpus ends).

    Deterministic for a given seed. Empty when the corpus is absent. ``headline_style`` fixes the style of every
    page (default: drawn per page).
    """
    rng = random.Random(seed)
    dumps: list[PageDump] = []
    total = 0
    for page in iter_renmin_pages(directory):
        if total >= target_bytes:
            break
        dump = render_page(page, damage, rng, headline_style=headline_style)
        if not dump.articles:
            continue
        dumps.append(dump)
        total += dump.utf8_size
    return dumps
