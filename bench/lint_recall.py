"""Lint recall on planted errors: wrong words, variant forms, context confusions and doubled words spliced into
real People's Daily paragraphs, with the false positives of each rule beside its recall.

Every wrong form of W101's list (and every variant of T103's) is spliced once into one real paragraph, at a
word boundary the segmenter finds there, and its standard form into another; W102's confusions go in as short
phrases (`截止2019年底`, `悄悄的把`) with their right versions elsewhere; R101 gets a word of the paragraph
written twice at a random position (`改革改革`), a doubled function word or pronoun (`的的`, `他他`), and the
forms of its reduplication allow-list (`研究研究`, `一步一步`, `看一看`, `“快走快走！”`), which must stay
clean. Paragraphs are packed into page dumps and linted with the real engine (split, then the rule).

    python bench/lint_recall.py                          # the held-out month 2020-02
    python bench/lint_recall.py --months 2019-02 --seed 3 --misses 10
    python bench/lint_recall.py --json

Per rule it prints recall (planted errors reported), false positives on the planted standard forms, findings in
the untouched text (per 10,000 characters: every paragraph is edited copy, so these are false positives or
real slips), and each figure's target with met / not met. Skips cleanly when the corpus is absent.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
import corpus  # noqa: E402  bench/corpus.py
import lint_corpus  # noqa: E402  bench/lint_corpus.py: --corpus and --months

PARAGRAPHS_PER_DUMP = 40
HEADLINE = "本版稿件"
#: recall targets per (rule, kind); false-positive targets below
RECALL_TARGETS = {
    ("W101", "wrong form"): 0.95,
    ("T103", "variant form"): 0.95,
    ("W102", "confusion"): 0.9,
    ("R101", "doubled word"): 0.9,
    ("R101", "doubled function character"): 0.9,
}
STANDARD_FP_TARGET = 0  # findings on a planted standard form or an allow-list reduplication
BACKGROUND_TARGET_PER_10K = 0.1  # findings in untouched edited copy

#: W102 plants: (wrong phrase, right phrase). Built from the contexts each pattern names, with words around
#: them that the patterns do not list, so the plant tests the pattern in real surroundings.
CONFUSIONS = [
    *[(f"截止{y}年底", f"截至{y}年底") for y in range(2012, 2024)],
    *[(f"截止{m}月{d}日", f"截至{m}月{d}日") for m, d in [(1, 5), (3, 18), (6, 30), (9, 1), (12, 31)]],
    ("截止目前", "截至目前"), ("截止今年", "截至今年"), ("截止发稿时", "截至发稿时"), ("截止昨天", "截至昨天"),
    *[(f"{a}的{p}", f"{a}地{p}") for a, p in [("悄悄", "把"), ("默默", "为"), ("渐渐", "从"), ("稳步", "向"),
                                                ("积极", "将"), ("认真", "把"), ("主动", "向"), ("不断", "从"),
                                                ("逐步", "把"), ("扎实", "在"), ("紧紧", "把"), ("牢牢", "把")]],
    ("显的很", "显得很"), ("显的格外", "显得格外"), ("显的有些", "显得有些"), ("显的非常", "显得非常"),
    ("变的越来越", "变得越来越"), ("变的更加", "变得更加"), ("变的十分", "变得十分"),
    ("度过难关", "渡过难关"), ("度过了难关", "渡过了难关"), ("度过危机", "渡过危机"),
    ("渡过春节", "度过春节"), ("渡过了一个愉快", "度过了一个愉快"), ("渡过晚年", "度过晚年"),
    ("渡过假期", "度过假期"), ("必需坚持", "必须坚持"), ("必需加强", "必须加强"), ("必需严格", "必须严格"),
    ("必需把", "必须把"), ("反应问题", "反映问题"), ("反应诉求", "反映诉求"), ("反应了问题", "反映了问题"),
]
#: R101 allow-list plants: reduplications that must not be reported.
REDUPLICATIONS = [
    "高高兴兴", "实实在在", "的的确确", "是是非非", "看一看", "想一想", "一步一步", "一个一个", "两步两步",
    "聊着聊着", "走着走着", "哈哈哈哈", "抓紧抓紧再抓紧", "油绿油绿的", "雪白雪白的", "成片成片地", "大袋大袋的",
    "“快走快走！”", "“加油加油”", "哗啦哗啦地", "人人", "层层", "件件", "看看", "天天",
]


@dataclass
class Plant:
    rule: str
    kind: str  # "wrong form", "standard form", "doubled word", "reduplication" …
    text: str
    start: int = 0  # document offsets, set when the dump is built
    end: int = 0
    found: bool = False
    context: str = ""  # the plant with a few characters either side, for the misses list


def paragraphs(directory: Path, rng: random.Random) -> list[str]:
    """Body paragraphs of the chosen months: long enough to hide a plant, shuffled."""
    out = [p for page in corpus.iter_renmin_pages(directory) for record in page
           for p in record["body"].split("\n") if 40 <= len(p) <= 400]
    rng.shuffle(out)
    return out


def han_boundaries(words: list[str]) -> list[int]:
    """Offsets between two words that both end / start with a Han character: where a word can be spliced."""
    out, at = [], 0
    for a, b in zip(words, words[1:]):
        at += len(a)
        if corpus._HAN_RE.match(a[-1]) and corpus._HAN_RE.match(b[0]):
            out.append(at)
    return out


def splice(paragraph: str, insert: str, rng: random.Random) -> tuple[str, int] | None:
    from newskit.text.segment import words

    cuts = han_boundaries(words(paragraph))
    if not cuts:
        return None
    at = rng.choice(cuts)
    return paragraph[:at] + insert + paragraph[at:], at


def double_a_word(paragraph: str, rng: random.Random, function: bool) -> tuple[str, int, str] | None:
    """The paragraph with one of its words written twice: a 2–4 character Han word, or (``function``) one of
    R101's slip characters standing as a word. Returns (text, offset of the second copy, word)."""
    from newskit.rules.repetition.repeated_word import reduplication
    from newskit.text.segment import words

    slips = reduplication().slip_characters
    tokens = words(paragraph)
    offsets, at = [], 0
    for w in tokens:
        offsets.append(at)
        at += len(w)
    choices = [k for k, w in enumerate(tokens)
               if all(corpus._HAN_RE.match(ch) for ch in w)
               and ((len(w) == 1 and w in slips) if function else 2 <= len(w) <= 4)]
    if not choices:
        return None
    k = rng.choice(choices)
    w, at = tokens[k], offsets[k]
    return paragraph[:at + len(w)] + w + paragraph[at + len(w):], at + len(w), w


def build_plants(texts: list[str], rng: random.Random, doubled: int) -> list[tuple[str, Plant | None]]:
    """(paragraph, plant) pairs; a paragraph with ``None`` is left untouched."""
    from newskit.rules.wrong_words import phrases

    pool = iter(texts)
    out: list[tuple[str, Plant | None]] = []

    def put(rule: str, kind: str, insert: str) -> None:
        for paragraph in pool:
            spliced = splice(paragraph, insert, rng)
            if spliced:
                text, at = spliced
                out.append((text, Plant(rule, kind, insert, at, at + len(insert), context=text[max(0, at - 8):at + len(insert) + 8])))
                return

    for rule, name, kind in [("W101", "wrong_words.toml", "wrong form"), ("T103", "variant_forms.toml", "variant form")]:
        for entry in phrases.load(name).entries():
            put(rule, kind, entry.wrong)
            put(rule, "standard form", entry.right)
    for wrong, right in CONFUSIONS:
        put("W102", "confusion", wrong)
        put("W102", "standard form", right)
    for form in REDUPLICATIONS:
        put("R101", "reduplication", form)
    for k in range(doubled):
        function = k % 3 == 2
        for paragraph in pool:
            result = double_a_word(paragraph, rng, function)
            if result:
                text, at, word = result
                kind = "doubled function character" if function else "doubled word"
                out.append((text, Plant("R101", kind, word, at - len(word), at + len(word),
                                        context=text[max(0, at - len(word) - 8):at + len(word) + 8])))
                break
    # untouched paragraphs: the background false positives
    out.extend((paragraph, None) for paragraph in itertools.islice(pool, len(out) // 4))
    rng.shuffle(out)
    return out


def run(directory: Path, seed: int, doubled: int, misses: int) -> dict:
    from newskit.lint import lint_document
    from newskit.model import Document
    from newskit.rules import rule_by_code

    rng = random.Random(seed)
    items = build_plants(paragraphs(directory, rng), rng, doubled)
    rules = [rule_by_code(code)() for code in ("W101", "W102", "T103", "R101")]
    plants: list[Plant] = []
    background: dict[str, list[str]] = defaultdict(list)
    chars = 0
    for k in range(0, len(items), PARAGRAPHS_PER_DUMP):
        chunk = items[k:k + PARAGRAPHS_PER_DUMP]
        parts, at, here = [HEADLINE], len(HEADLINE) + 2, []
        for text, plant in chunk:
            if plant is not None:
                plant.start += at
                plant.end += at
                here.append(plant)
            parts.append(text)
            at += len(text) + 2
        dump = "\n\n".join(parts) + "\n"
        chars += len(dump) - dump.count("\n")
        for f in lint_document(Document.from_text(dump, path=f"recall-{k // PARAGRAPHS_PER_DUMP}.txt"), rules):
            near = [p for p in here if f.start < p.end and f.end > p.start]
            for p in near:
                p.found = p.found or p.rule == f.code
            if not near:  # a finding on another rule's plant (T103's 复辙 inside W101's 重蹈复辙) is not background
                background[f.code].append(f"{f.message} | {f.excerpt}")
        plants.extend(here)
    rows = []
    for (rule, kind), target in RECALL_TARGETS.items():
        group = [p for p in plants if p.rule == rule and p.kind == kind]
        found = sum(p.found for p in group)
        rows.append({"rule": rule, "figure": f"recall: {kind}", "value": found / len(group) if group else 0.0,
                     "count": f"{found}/{len(group)}", "target": f">= {target}",
                     "met": bool(group) and found / len(group) >= target,
                     "misses": [p.context for p in group if not p.found][:misses]})
    for rule, kind in [("W101", "standard form"), ("T103", "standard form"), ("W102", "standard form"),
                       ("R101", "reduplication")]:
        group = [p for p in plants if p.rule == rule and p.kind == kind]
        flagged = [p.context for p in group if p.found]
        rows.append({"rule": rule, "figure": f"false positives: {kind}", "value": len(flagged),
                     "count": f"{len(flagged)}/{len(group)}", "target": f"= {STANDARD_FP_TARGET}",
                     "met": len(flagged) <= STANDARD_FP_TARGET, "misses": flagged[:misses]})
    for rule in ("W101", "W102", "T103", "R101"):
        per10k = len(background[rule]) * 10_000 / chars
        rows.append({"rule": rule, "figure": "findings in untouched text per 10k", "value": round(per10k, 3),
                     "count": str(len(background[rule])), "target": f"<= {BACKGROUND_TARGET_PER_10K}",
                     "met": per10k <= BACKGROUND_TARGET_PER_10K, "misses": background[rule][:misses]})
    return {"chars": chars, "paragraphs": len(items), "plants": len(plants), "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="corpus directory (default: ../shared/corpus, $NEWSKIT_CORPUS, "
                                         "/work/shared/corpus)")
    parser.add_argument("--months", default=lint_corpus.HELD_OUT_MONTH,
                        help="People's Daily months, comma-separated (default: the held-out month)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--doubled", type=int, default=1500, help="paragraphs given a doubled word")
    parser.add_argument("--misses", type=int, default=5, help="examples shown per figure")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    directory = lint_corpus.corpus_directory(args.corpus)
    if directory is None:
        print("lint_recall: corpus absent: skipping", file=sys.stderr)
        return 0
    result = run(lint_corpus.month_directory(directory, args.months.split(",")), args.seed, args.doubled,
                 args.misses)
    result["months"] = args.months
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"months {args.months}: {result['paragraphs']:,} real paragraphs, {result['chars']:,} characters, "
          f"{result['plants']:,} plants")
    print(f"{'rule':<6}{'figure':<46}{'value':>8}{'count':>12}  {'target':<8} met")
    for row in result["rows"]:
        value = f"{row['value']:.3f}" if isinstance(row["value"], float) else str(row["value"])
        print(f"{row['rule']:<6}{row['figure']:<46}{value:>8}{row['count']:>12}  {row['target']:<8} "
              f"{'met' if row['met'] else 'NOT MET'}")
    for row in result["rows"]:
        if row["misses"]:
            print(f"\n{row['rule']} {row['figure']}:")
            for example in row["misses"]:
                print(f"  {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
