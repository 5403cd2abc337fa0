"""Lint benchmark: throughput and peak memory of ``newskit lint`` (full rule set) against autocorrect-py.

Page dumps are rendered from the People's Daily corpus in ../shared/corpus by bench/corpus.py ("light" damage:
column breaks, half-width punctuation, OCR spaces, duplicated paragraphs — what real dumps look like). Both
linters get the same decoded text, one dump at a time, in this run:

- newskit: ``lint_documents`` with every rule of the newspaper profile — split into records, then the rules, a
  batch of about 16 dumps at a time as ``newskit lint`` runs them (the word lexicon — jieba's dictionary as an
  on-disk index — is opened on demand by the rules that segment);
- autocorrect-py (the Rust autocorrect behind a Python binding): ``autocorrect_py.lint_for(text, "page.txt")``.

Each linter first warms up on one dump (imports, the word lexicon, the Rust library), then the timed pass lints
every dump. Throughput is UTF-8 bytes of page text per second of wall time. autocorrect-py runs on one thread;
newskit splits each batch's pages on two threads when the machine has two CPUs (the calling one and one
long-lived worker; the rules run on one), and the full rule set is timed a second time with the split on the
calling thread only, so the one-core figure stands beside what a user gets. Each linter runs in its own child
process so its peak resident memory (VmHWM) is its own; newskit's Python heap peak is measured with tracemalloc
in a separate, untimed pass.

newskit's figures, each against autocorrect-py timed in the same run (issue 14's targets):
- the full rule set (split, then every default rule): >= 1.0x, as run and on one thread;
- split + the punctuation and spacing rules (the P and S families: what autocorrect checks): >= 1.5x.

Behaviour check: ``--save FILE`` writes every finding's digest (code, span, position, message, fix, fingerprint),
the counts by rule and the memory figures; ``--check-against FILE`` compares this run with a saved one (counts by
rule, findings only in one of the two, peak memory) and exits 1 on any difference in findings. Save before a
change, check after it: the same findings on the same dumps.

    pip install autocorrect-py             # the baseline; bench only, never a newskit dependency
    python bench/lint_bench.py             # 8 MB
    python bench/lint_bench.py --mb 8 --save /tmp/before.json
    python bench/lint_bench.py --mb 8 --check-against /tmp/before.json
    python bench/lint_bench.py --mb 16 --json
"""

from __future__ import annotations

import argparse
import collections
import gc
import hashlib
import json
import multiprocessing as mp
import resource
import sys
import time
import tracemalloc
from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: issue 14: the full rule set at least as fast as autocorrect-py; split + P/S rules half as fast again
TARGET_FULL = 1.0
TARGET_SUBSET = 1.5
#: the rule families autocorrect covers: punctuation and spacing
SUBSET_FAMILIES = ("P", "S")


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


def finding_digest(f) -> str:
    """Everything a user sees of one finding, hashed: two runs agree when their digests do."""
    fix = json.dumps(f.fix.to_dict(), ensure_ascii=False, sort_keys=True) if f.fix else ""
    key = "\x00".join(map(str, (f.path, f.code, f.start, f.end, f.line, f.column, f.end_line, f.end_column,
                                 f.severity, f.message, f.article, f.excerpt, f.excerpt_offset, f.fingerprint, fix)))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def run_newskit(texts: list[tuple[str, str]]) -> dict:
    from newskit.lint import lint_document, lint_documents
    from newskit.lint.engine import lint_articles, split
    from newskit.model import Document
    from newskit.split.articles import split_threads

    from newskit.text.segment import tagged_words, words

    rules = _newskit_rules()
    subset = [r for r in rules if r.code.startswith(SUBSET_FAMILIES)]
    t = time.perf_counter()
    lint_document(Document.from_text(texts[0][1], path=texts[0][0]), rules)  # warm-up: imports
    words("预热")
    tagged_words("预热")  # the lexicon, opened once per process by the rules that need it
    warmup = time.perf_counter() - t
    gc.collect()
    found = []
    t0 = time.perf_counter()
    for findings in lint_documents((Document.from_text(text, path=path) for path, text in texts), rules):
        found.extend(findings)
    seconds = time.perf_counter() - t0
    by_rule = collections.Counter(f.code for f in found)
    digests = sorted(finding_digest(f) for f in found)
    del found
    gc.collect()
    t0 = time.perf_counter()
    one_thread = []  # the same pass with the split on the calling thread only: the one-core figure
    for findings in lint_documents((Document.from_text(text, path=path) for path, text in texts), rules,
                                   threads=1):
        one_thread.extend(findings)
    one_thread_seconds = time.perf_counter() - t0
    if sorted(finding_digest(f) for f in one_thread) != digests:
        raise RuntimeError("the findings of the one-thread run differ from the default run's")
    del one_thread
    gc.collect()
    t0 = time.perf_counter()
    for _ in lint_documents((Document.from_text(text, path=path) for path, text in texts), subset):
        pass
    subset_seconds = time.perf_counter() - t0
    # The same work in two halves, to show where the time goes.
    docs = [Document.from_text(text, path=path) for path, text in texts]
    t1 = time.perf_counter()
    splits = [split(doc) for doc in docs]
    split_seconds = time.perf_counter() - t1
    t2 = time.perf_counter()
    for doc, (articles, year) in zip(docs, splits):
        lint_articles(doc, articles, rules, year=year)
    rules_seconds = time.perf_counter() - t2
    return {"seconds": seconds, "one_thread_seconds": one_thread_seconds, "threads": split_threads(),
            "findings": len(digests), "rules": len(rules), "warmup_seconds": warmup,
            "subset_seconds": subset_seconds, "subset_rules": len(subset),
            "by_rule": dict(sorted(by_rule.items())), "digests": digests, "split_seconds": split_seconds,
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


def compare(now: dict, saved: dict) -> tuple[bool, list[str]]:
    """Whether this run's findings equal a saved run's, and the lines that say how they differ (counts by rule,
    findings only in one run, peak memory against the saved run's)."""
    lines = []
    if (now["mb"], now["seed"]) != (saved["mb"], saved["seed"]):
        return False, [f"saved run is --mb {saved['mb']} --seed {saved['seed']}; rerun with the same dumps"]
    codes = sorted(set(now["by_rule"]) | set(saved["by_rule"]))
    for code in codes:
        a, b = saved["by_rule"].get(code, 0), now["by_rule"].get(code, 0)
        if a != b:
            lines.append(f"  {code}: {a} saved, {b} now")
    before, after = collections.Counter(saved["digests"]), collections.Counter(now["digests"])
    gone, new = sum((before - after).values()), sum((after - before).values())
    same = not lines and not gone and not new
    verdict = "the same" if same else "DIFFERENT"
    lines.insert(0, f"findings against the saved run: {verdict} ({len(now['digests'])} now, "
                    f"{len(saved['digests'])} saved; {gone} only in the saved run, {new} only in this one)")
    for key, label in (("peak_rss_mb", "peak RSS"), ("heap_peak_mb", "Python heap peak")):
        a, b = saved["memory"][key], now["memory"][key]
        ok = b <= a * 1.02 + 1  # a megabyte or 2% of noise (allocator, import order)
        lines.append(f"{label}: {b:.1f} MB now, {a:.1f} MB saved ({'no higher' if ok else 'HIGHER'})")
    return same, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=corpus.non_negative(), default=8.0, help="megabytes (UTF-8) of page dumps (>= 8 for the target)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--save", metavar="FILE", help="write this run's finding digests and memory figures")
    parser.add_argument("--check-against", metavar="FILE",
                        help="compare findings and memory with a run saved by --save (exit 1 if findings differ)")
    args = parser.parse_args(argv)
    if corpus.corpus_dir() is None:
        print("lint_bench: ../shared/corpus is absent; nothing to measure", file=sys.stderr)
        return 0
    saved = None
    if args.check_against:
        try:
            saved = json.loads(Path(args.check_against).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"lint_bench: cannot read {args.check_against}: {exc}", file=sys.stderr)
            return 2
    texts = build(args.mb, args.seed)
    size = sum(len(text.encode("utf-8")) for _, text in texts)
    print(f"lint_bench: {len(texts)} page dumps, {size / 1e6:.2f} MB UTF-8", file=sys.stderr)

    mine = in_child("newskit", args.mb, args.seed)
    if "error" in mine:
        print(f"lint_bench: newskit failed: {mine['error']}", file=sys.stderr)
        return 1
    mine["heap_peak_mb"] = newskit_heap_peak(texts)
    base = in_child("autocorrect", args.mb, args.seed)
    digests = mine.pop("digests")
    result = {"bytes": size, "dumps": len(texts), "newskit": mine, "autocorrect": base}
    mine["mb_per_s"] = size / 1e6 / mine["seconds"]
    mine["subset_mb_per_s"] = size / 1e6 / mine["subset_seconds"]
    if "error" in base:
        result["ratio_full"] = result["ratio_subset"] = result["ratio_full_one_thread"] = None
    else:
        base["mb_per_s"] = size / 1e6 / base["seconds"]
        result["ratio_full"] = base["seconds"] / mine["seconds"]
        result["ratio_full_one_thread"] = base["seconds"] / mine["one_thread_seconds"]
        result["meets_full_one_thread"] = result["ratio_full_one_thread"] >= TARGET_FULL
        result["ratio_subset"] = base["seconds"] / mine["subset_seconds"]
        result["meets_full"] = result["ratio_full"] >= TARGET_FULL
        result["meets_subset"] = result["ratio_subset"] >= TARGET_SUBSET
    record = {"mb": args.mb, "seed": args.seed, "by_rule": mine["by_rule"], "digests": digests,
              "memory": {"peak_rss_mb": mine["peak_rss_mb"], "heap_peak_mb": mine["heap_peak_mb"]}}
    if args.save:
        Path(args.save).write_text(json.dumps(record), encoding="utf-8")
    same, check_lines = compare(record, saved) if saved is not None else (True, [])
    if saved is not None:
        result["same_findings"] = same

    if args.json:
        print(json.dumps(result, indent=2))
        return 0 if same else 1
    print(f"{'linter':<34}{'MB/s':>8}{'seconds':>9}{'findings':>10}{'peak RSS MB':>13}")
    print(f"{'newskit (' + str(mine['rules']) + ' rules)':<34}{mine['mb_per_s']:>8.2f}{mine['seconds']:>9.2f}"
          f"{mine['findings']:>10}{mine['peak_rss_mb']:>13.0f}")
    label = "newskit, split on one thread"
    print(f"{label:<34}{size / 1e6 / mine['one_thread_seconds']:>8.2f}{mine['one_thread_seconds']:>9.2f}")
    label = f"newskit split + {'/'.join(SUBSET_FAMILIES)} ({mine['subset_rules']} rules)"
    print(f"{label:<34}{mine['subset_mb_per_s']:>8.2f}{mine['subset_seconds']:>9.2f}")
    if "error" in base:
        print(f"{'autocorrect-py':<34}  not run: {base['error']} (pip install autocorrect-py)")
    else:
        print(f"{'autocorrect-py lint_for':<34}{base['mb_per_s']:>8.2f}{base['seconds']:>9.2f}"
              f"{base['findings']:>10}{base['peak_rss_mb']:>13.0f}")
        for name, ratio, target, ok in (
                (f"full rule set ({mine['threads']} split threads)", result["ratio_full"], TARGET_FULL,
                 result["meets_full"]),
                ("full rule set, one thread", result["ratio_full_one_thread"], TARGET_FULL,
                 result["meets_full_one_thread"]),
                ("split + punctuation/spacing", result["ratio_subset"], TARGET_SUBSET, result["meets_subset"])):
            print(f"target {name:<36} {ratio:.2f}x autocorrect-py (target >= {target:g}x: "
                  f"{'met' if ok else 'NOT met'})")
    print(f"newskit time split: split {mine['split_seconds']:.2f} s, rules {mine['rules_seconds']:.2f} s "
          f"(warm-up with the word lexicon, once per process: {mine['warmup_seconds']:.2f} s); "
          f"Python heap peak on the largest dump {mine['heap_peak_mb']:.1f} MB; "
          f"RSS with the dumps loaded before linting {mine['corpus_rss_mb']:.0f} MB")
    for line in check_lines:
        print(line)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
