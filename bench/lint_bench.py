"""Lint benchmark: throughput and peak memory of ``newskit lint`` (full rule set) against autocorrect-py.

Page dumps are rendered from the People's Daily corpus in ../shared/corpus by bench/corpus.py ("light" damage:
column breaks, half-width punctuation, OCR spaces, duplicated paragraphs — what real dumps look like). Both
linters get the same decoded text, one dump at a time, in this run:

- newskit: ``lint_document`` with every rule of the newspaper profile — split into records, then the rules
  (the word lexicon — jieba's dictionary as an on-disk index — is opened on demand by the rules that segment);
- autocorrect-py (the Rust autocorrect behind a Python binding): ``autocorrect_py.lint_for(text, "page.txt")``.

Each linter first warms up on one dump (imports, the word lexicon, the Rust library), then the timed pass lints
every dump. Throughput is UTF-8 bytes of page text per second of wall time on one core. Each linter runs in its
own child process so its peak resident memory (VmHWM) is its own; newskit's Python heap peak is measured with
tracemalloc in a separate, untimed pass.

    pip install autocorrect-py             # the baseline; bench only, never a newskit dependency
    python bench/lint_bench.py             # 8 MB
    python bench/lint_bench.py --mb 16 --json
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import resource
import sys
import time
import tracemalloc
from pathlib import Path

_HERE = Path(__file__).resolve().parent
TARGET_RATIO = 2.0


sys.path.insert(0, str(_HERE))
import corpus  # noqa: E402  bench/corpus.py, the page-dump builder every bench shares


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it does not inherit the parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(mb: float, seed: int) -> list[tuple[str, str]]:
    dumps = corpus.build_dumps(int(mb * 1_000_000), corpus.Damage.parse("light"), seed=seed)
    return [(d.path, d.text) for d in dumps]


def _newskit_rules():
    from newskit.rules import all_rules

    return [cls() for cls in all_rules() if cls.default and "newspaper" in cls.profiles]


def run_newskit(texts: list[tuple[str, str]]) -> dict:
    from newskit.lint import lint_document
    from newskit.lint.engine import lint_articles, split
    from newskit.model import Document

    from newskit.text.segment import tagged_words, words

    rules = _newskit_rules()
    t = time.perf_counter()
    lint_document(Document.from_text(texts[0][1], path=texts[0][0]), rules)  # warm-up: imports
    words("预热")
    tagged_words("预热")  # the lexicon, opened once per process by the rules that need it
    warmup = time.perf_counter() - t
    gc.collect()
    findings = 0
    t0 = time.perf_counter()
    for path, text in texts:
        findings += len(lint_document(Document.from_text(text, path=path), rules))
    seconds = time.perf_counter() - t0
    # The same work in two halves, to show where the time goes.
    docs = [Document.from_text(text, path=path) for path, text in texts]
    t1 = time.perf_counter()
    splits = [split(doc) for doc in docs]
    split_seconds = time.perf_counter() - t1
    t2 = time.perf_counter()
    for doc, (articles, year) in zip(docs, splits):
        lint_articles(doc, articles, rules, year=year)
    rules_seconds = time.perf_counter() - t2
    return {"seconds": seconds, "findings": findings, "rules": len(rules), "warmup_seconds": warmup,
            "split_seconds": split_seconds,
            "rules_seconds": rules_seconds, "peak_rss_mb": peak_rss_mb()}


def run_autocorrect(texts: list[tuple[str, str]]) -> dict:
    import autocorrect_py

    autocorrect_py.lint_for(texts[0][1], "page.txt")  # warm-up
    gc.collect()
    findings = 0
    t0 = time.perf_counter()
    for _, text in texts:
        findings += len(autocorrect_py.lint_for(text, "page.txt").lines)
    return {"seconds": time.perf_counter() - t0, "findings": findings, "peak_rss_mb": peak_rss_mb()}


def newskit_heap_peak(texts: list[tuple[str, str]]) -> float:
    """Peak Python heap (MB) while linting the largest dump: tracemalloc, untimed."""
    from newskit.lint import lint_document
    from newskit.model import Document

    rules = _newskit_rules()
    path, text = max(texts, key=lambda t: len(t[1]))
    lint_document(Document.from_text(text, path=path), rules)  # load jieba etc. before measuring
    gc.collect()
    tracemalloc.start()
    lint_document(Document.from_text(text, path=path), rules)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def _child(target: str, mb: float, seed: int, queue) -> None:
    try:
        texts = build(mb, seed)
        base = peak_rss_mb()
        result = {"newskit": run_newskit, "autocorrect": run_autocorrect}[target](texts)
        result["corpus_rss_mb"] = base
        queue.put(result)
    except Exception as exc:  # reported by the parent as one line
        queue.put({"error": f"{type(exc).__name__}: {exc}"})


def in_child(target: str, mb: float, seed: int) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(target, mb, seed, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=8.0, help="megabytes (UTF-8) of page dumps (>= 8 for the target)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if corpus.corpus_dir() is None:
        print("lint_bench: ../shared/corpus is absent; nothing to measure", file=sys.stderr)
        return 0
    texts = build(args.mb, args.seed)
    size = sum(len(text.encode("utf-8")) for _, text in texts)
    print(f"lint_bench: {len(texts)} page dumps, {size / 1e6:.2f} MB UTF-8", file=sys.stderr)

    mine = in_child("newskit", args.mb, args.seed)
    if "error" in mine:
        print(f"lint_bench: newskit failed: {mine['error']}", file=sys.stderr)
        return 1
    mine["heap_peak_mb"] = newskit_heap_peak(texts)
    base = in_child("autocorrect", args.mb, args.seed)
    result = {"bytes": size, "dumps": len(texts), "newskit": mine, "autocorrect": base}
    mine["mb_per_s"] = size / 1e6 / mine["seconds"]
    if "error" in base:
        result["ratio"] = None
    else:
        base["mb_per_s"] = size / 1e6 / base["seconds"]
        result["ratio"] = mine["mb_per_s"] / base["mb_per_s"]

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'linter':<28}{'MB/s':>8}{'seconds':>9}{'findings':>10}{'peak RSS MB':>13}")
    print(f"{'newskit (' + str(mine['rules']) + ' rules)':<28}{mine['mb_per_s']:>8.2f}{mine['seconds']:>9.2f}"
          f"{mine['findings']:>10}{mine['peak_rss_mb']:>13.0f}")
    if "error" in base:
        print(f"{'autocorrect-py':<28}  not run: {base['error']} (pip install autocorrect-py)")
    else:
        print(f"{'autocorrect-py lint_for':<28}{base['mb_per_s']:>8.2f}{base['seconds']:>9.2f}"
              f"{base['findings']:>10}{base['peak_rss_mb']:>13.0f}")
        verdict = "meets" if result["ratio"] >= TARGET_RATIO else "misses"
        print(f"ratio newskit / autocorrect-py: {result['ratio']:.2f}x ({verdict} the {TARGET_RATIO:g}x target)")
    print(f"newskit time split: split {mine['split_seconds']:.2f} s, rules {mine['rules_seconds']:.2f} s "
          f"(warm-up with the word lexicon, once per process: {mine['warmup_seconds']:.2f} s); "
          f"Python heap peak on the largest dump {mine['heap_peak_mb']:.1f} MB; "
          f"RSS with the dumps loaded before linting {mine['corpus_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
