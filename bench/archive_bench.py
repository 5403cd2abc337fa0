#!/usr/bin/env python
"""Archive growth: add 4 batches of 30,000 real paragraphs, then check a 2,000-paragraph dump against it.

    python bench/archive_bench.py                      # 4 x 30,000 paragraphs, a 2,000-paragraph check
    python bench/archive_bench.py --batch 10000        # a quicker look

Targets (issue 11): adding at >= 5,000 paragraphs/s overall, the slowest batch <= 1.4x the first (the cost
per paragraph stays flat as the archive grows); the check in <= 5 s, finding every paragraph copied from
the archive; peak memory printed for both. The baseline is the first batch of the same run.

Paragraphs: People's Daily pages and 新闻联播 days of ../shared/corpus (read at run time, never copied
into the repository), each page or day one dump, in a shuffled order so every batch mixes sources and
years. The checked dump: 1,000 paragraphs copied from the archive (a third exact with half-width
punctuation and OCR spaces, a third near with 1–4% of the characters edited, a third inside new text)
and 1,000 paragraphs the archive does not hold. Adds run in one process (a long-lived ingest), the
check in another, so each peak is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from dedupe_bench import (  # noqa: E402
    CORPUS, load_paragraphs, make_container, make_exact, make_near, peak_rss_mb,
)

TARGET_RATE = 5_000  # paragraphs/s over all batches
TARGET_SLOWEST = 1.4  # slowest batch / first batch
TARGET_CHECK_S = 5.0


def build(corpus: Path, batches: int, batch: int, queries: int, seed: int = 5):
    rng = random.Random(seed)
    paragraphs = load_paragraphs(corpus)
    rng.shuffle(paragraphs)
    need = batches * batch
    if len(paragraphs) < need + queries:
        raise SystemExit(f"corpus too small: {len(paragraphs)} paragraphs for {need + queries}")
    archive = paragraphs[:need]
    rest = paragraphs[need:]
    filler = "".join(p for _, p in rest[-3000:])
    copied = rng.sample(range(need), queries // 2)
    query: list[tuple[str, str]] = []
    truth: dict[int, tuple[str, int]] = {}  # query index -> (kind, archive index)
    for k, src in enumerate(copied):
        kind = ("exact", "near", "contained")[k % 3]
        text = archive[src][1]
        copy = {"exact": lambda: make_exact(text, rng),
                "near": lambda: make_near(text, rng, filler[k % 2000:k % 2000 + 200]),
                "contained": lambda: make_container(text, rng, filler)}[kind]()
        truth[len(query)] = (kind, src)
        query.append(("today.txt", copy))
    query.extend(("today.txt", p) for _, p in rest[:queries - len(query)])
    order = list(range(len(query)))
    rng.shuffle(order)
    query = [query[i] for i in order]
    truth = {order.index(i): t for i, t in truth.items()}
    return archive, query, truth


def child_add(db: str, data: str, batches: int, batch: int) -> dict:
    from newskit.dedupe import DedupeSettings, Passage
    from newskit.dedupe.archive import Archive

    with open(data, "rb") as fh:
        archive_items = pickle.load(fh)
    times = []
    with Archive.open(db, DedupeSettings(), create=True) as archive:
        for b in range(batches):
            items = archive_items[b * batch:(b + 1) * batch]
            passages = [Passage(text=t, path=d, line=b * batch + i + 1) for i, (d, t) in enumerate(items)]
            t0, c0 = time.perf_counter(), time.process_time()
            report = archive.add(passages)
            times.append((time.perf_counter() - t0, report.passages_added, report.dumps_added,
                          time.process_time() - c0))
        size = archive.count()
        segments = archive.segment_sizes()
    return {"times": times, "peak_mb": peak_rss_mb(), "db_mb": os.path.getsize(db) / 2**20,
            "dumps": size[0], "passages": size[1], "segments": segments}


def child_check(db: str, data: str) -> dict:
    from newskit.dedupe import DedupeSettings, Passage
    from newskit.dedupe.archive import Archive, check

    with open(data, "rb") as fh:
        query = pickle.load(fh)
    passages = [Passage(text=t, path=d, line=i + 1) for i, (d, t) in enumerate(query)]
    loaded = peak_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    with Archive.open(db, DedupeSettings()) as archive:
        result = check(passages, archive)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    pairs = []
    for d in result.duplicates:
        sides = {loc.archived: loc for loc in (d.a, d.b)}
        if True in sides and False in sides:
            pairs.append((d.kind, sides[False].passage, sides[True].line - 1))  # archived: line = index + 1
    return {"seconds": seconds, "cpu": cpu, "pairs": pairs, "peak_mb": peak_rss_mb(), "loaded_mb": loaded,
            "within": sum(1 for d in result.duplicates if not (d.a.archived or d.b.archived))}


def spawn(*args: str) -> dict:
    run = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"child {args[:2]} failed:\n{run.stderr}")
    return json.loads(run.stdout.splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batches", type=int, default=4)
    ap.add_argument("--batch", type=int, default=30_000)
    ap.add_argument("--queries", type=int, default=2_000)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--child")
    ap.add_argument("--db")
    ap.add_argument("--data")
    args = ap.parse_args()
    if args.child == "add":
        print(json.dumps(child_add(args.db, args.data, args.batches, args.batch)))
        return
    if args.child == "check":
        print(json.dumps(child_check(args.db, args.data)))
        return
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.jsonl.gz")):
        print(f"archive bench: corpus absent at {args.corpus}: skipping")
        return

    archive_items, query, truth = build(args.corpus, args.batches, args.batch, args.queries)
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        db = str(Path(tmp) / "archive.db")
        adata, qdata = Path(tmp) / "archive.pkl", Path(tmp) / "query.pkl"
        adata.write_bytes(pickle.dumps(archive_items))
        qdata.write_bytes(pickle.dumps(query))
        add = spawn("--child", "add", "--db", db, "--data", str(adata), "--batches", str(args.batches),
                    "--batch", str(args.batch))
        chk = spawn("--child", "check", "--db", db, "--data", str(qdata))

    print(f"archive: {args.batches} batches of {args.batch:,} corpus paragraphs ({add['dumps']:,} dumps) "
          f"added one after another, then a {len(query):,}-paragraph dump checked against it")
    first, first_cpu = add["times"][0][0], add["times"][0][3]
    print("\n  batch  paragraphs  dumps  wall s  paras/s  vs first   CPU s  paras/CPU s  vs first")
    for k, (seconds, n, dumps, cpu) in enumerate(add["times"], 1):
        print(f"  {k:>5}  {n:>10,}  {dumps:>5,}  {seconds:>6.2f}  {n / seconds:>7,.0f}  {seconds / first:>7.2f}x  "
              f"{cpu:>6.2f}  {n / cpu:>11,.0f}  {cpu / first_cpu:>7.2f}x")
    total_n = sum(row[1] for row in add["times"])
    for label, col, base in (("wall", 0, first), ("CPU", 3, first_cpu)):
        rate = total_n / sum(row[col] for row in add["times"])
        slowest = max(row[col] for row in add["times"]) / base
        print(f"  {label:>4} overall: {rate:,.0f} paragraphs/s (target >= {TARGET_RATE:,}: "
              f"{'met' if rate >= TARGET_RATE else 'MISSED'}); slowest batch {slowest:.2f}x the first "
              f"(target <= {TARGET_SLOWEST}: {'met' if slowest <= TARGET_SLOWEST else 'MISSED'})")
    print("  (CPU: this process's own time — on a shared machine the fair measure of cost per paragraph)")
    print(f"  archive: {add['passages']:,} passages, {add['db_mb']:.0f} MB on disk, segments (tier, postings): "
          f"{add['segments']}; peak memory while adding {add['peak_mb']:.0f} MB")
    # A copy of a paragraph the corpus itself prints several times may pair with any of its printings.
    from newskit.dedupe.normalize import matching_text

    printings: dict[str, list[int]] = {}
    for i, (_, t) in enumerate(archive_items):
        printings.setdefault(matching_text(t), []).append(i)
    found_q: dict[int, set[int]] = {}
    for _, q, a in chk["pairs"]:
        found_q.setdefault(q, set()).add(a)
    found = {(q, src) for q, (_, src) in truth.items()
             if found_q.get(q, set()) & set(printings[matching_text(archive_items[src][1])])}
    by_kind: dict[str, list[bool]] = {}
    for q, (kind, src) in truth.items():
        by_kind.setdefault(kind, []).append((q, src) in found)
    copied_q = set(truth)
    other = sum(1 for _, q, _ in chk["pairs"] if q not in copied_q)
    recall = sum(sum(v) for v in by_kind.values()) / max(1, len(truth))
    print(f"\n  check: {chk['seconds']:.2f} s wall, {chk['cpu']:.2f} s CPU for {len(query):,} paragraphs against {add['passages']:,} "
          f"(target <= {TARGET_CHECK_S:.0f} s: {'met' if chk['seconds'] <= TARGET_CHECK_S else 'MISSED'} wall, "
          f"{'met' if chk['cpu'] <= TARGET_CHECK_S else 'MISSED'} CPU); "
          f"peak memory {chk['peak_mb']:.0f} MB ({chk['peak_mb'] - chk['loaded_mb']:.0f} MB for the check)")
    for q, (kind, src) in sorted(truth.items()):
        if (q, src) not in found:
            twins = sum(1 for _, t in archive_items if t == archive_items[src][1])
            print(f"  missed {kind}: {archive_items[src][1][:50]!r} (printed {twins}x in the archive)")
    print(f"  copied paragraphs found: {recall:.4f} ({sum(sum(v) for v in by_kind.values())} of {len(truth)}; "
          f"target: every one: {'met' if recall == 1 else 'MISSED'}); per kind "
          + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items()))
          + f"; {other} more pairs with paragraphs not copied (the corpus's own repeats)")


if __name__ == "__main__":
    main()
