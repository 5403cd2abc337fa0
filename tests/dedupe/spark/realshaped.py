"""Real-shaped paragraphs for the Spark tests, without the corpus: an order-3 character model of the seeds.

The seeds are real dumps, so their character trigrams carry real news Chinese — stock phrases, numbers,
punctuation — and text drawn from them shares n-grams the way an archive's paragraphs do (the stock-phrase
cut and the candidate share rule see realistic counts), while no generated paragraph is a seed's.
"""

from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
ORDER = 3


def model() -> dict[str, list[str]]:
    follow: dict[str, list[str]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip()
            if len(line) < 20:
                continue
            padded = "^" * ORDER + line + "$"
            for i in range(ORDER, len(padded)):
                follow.setdefault(padded[i - ORDER:i], []).append(padded[i])
    return follow


def paragraph(follow: dict[str, list[str]], rng: random.Random, lo: int = 40, hi: int = 220) -> str:
    while True:
        state, out = "^" * ORDER, []
        while len(out) < hi:
            ch = rng.choice(follow.get(state) or ["$"])
            if ch == "$":
                break
            out.append(ch)
            state = state[1:] + ch
        text = "".join(out).strip()
        if len(text) >= lo:
            return text if text[-1] in "。！？”" else text + "。"


def near(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(max(1, len(chars) // 60)):
        i = rng.randrange(len(chars))
        if "\u4e00" <= chars[i] <= "\u9fff":
            chars[i] = "的" if chars[i] != "的" else "了"
    return "".join(chars)


def build(folder: Path, files: int, per_file: int, seed: int = 3) -> dict[str, int]:
    """``files`` page files of ``per_file`` paragraphs with planted copies across files; kind -> planted."""
    rng = random.Random(seed)
    follow = model()
    pages = [[paragraph(follow, rng) for _ in range(per_file)] for _ in range(files)]
    planted = {"exact": 0, "near": 0, "contained": 0, "overlap": 0}
    for k in range(files * per_file // 50):
        src, dst = rng.sample(range(files), 2)
        text = rng.choice(pages[src])
        kind = list(planted)[k % 4]
        if kind == "exact":
            copy = text.replace("，", ",")
        elif kind == "near":
            copy = near(text, rng)
        elif kind == "contained":
            copy = paragraph(follow, rng, 30, 60).rstrip("。") + "，" + text
        else:
            half = len(text) // 2
            copy = text[half:].rstrip("。") + "，" + paragraph(follow, rng, 60, 90)
        pages[dst].insert(rng.randrange(len(pages[dst]) + 1), copy)
        planted[kind] += 1
    for i, paras in enumerate(pages):
        (folder / f"page{i:03d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return planted
