#!/usr/bin/env python
"""Spark engine benchmark: ``newskit dedupe --engine spark`` (local[2]) against the embedded engine, same run.

    nice -n 10 python bench/spark_bench.py                          # 25k / 50k / 100k printed paragraphs
    nice -n 10 python bench/spark_bench.py --sizes 4000 8000 16000  # a quicker look

Dump files come from ../shared/corpus (People's Daily and 新闻联播 paragraphs, natural repeats filtered out,
1% each of exact, near, contained and overlap copies planted: dedupe_bench.build, the raw-passage corpus;
the page corpus of build_pages holds fewer than 100k paragraphs), one file per corpus dump with blank lines
between paragraphs, built once at the largest size; each smaller size is a prefix of the files. The script
skips with a message when the corpus is absent.

For each size both engines run through the CLI (split included, default settings) in their own process
tree; the script reports

- wall time, and the ratio Spark / embedded in the same run;
- peak memory of the whole process tree, sampled from /proc every 0.2 s: Python, the JVM (Spark's driver
  and, in local mode, its executors) and the Python workers, added up;
- whether both engines printed the same pairs and clusters (the target: identical);
- from Spark's event log: tasks, shuffle written, the largest task's peak execution memory, spills.

From the three sizes it fits time and shuffle per paragraph and prints what a 100M-paragraph run needs
(partitions, executor memory) — an extrapolation from these measurements, labelled as one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = next((d / "shared" / "corpus" for d in REPO.parents if (d / "shared" / "corpus").is_dir()),
              REPO.parent / "shared" / "corpus")
#: A shuffle partition of about this many bytes keeps a task's sort buffers small (Spark's advisory size).
PARTITION_BYTES = 128 << 20
TARGET_PARAGRAPHS = 100_000_000


def _dedupe_bench():
    spec = importlib.util.spec_from_file_location("dedupe_bench", REPO / "bench" / "dedupe_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["dedupe_bench"] = module
    spec.loader.exec_module(module)
    return module


# -- measuring a process tree -------------------------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(tree.get(pid, ()))
    return total / 1024


def measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd``; wall seconds, peak RSS of its whole process tree, exit code, stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:6])} … failed ({proc.returncode}):\n{err[-3000:]}")
    return {"seconds": seconds, "peak_mb": peak[0], "exit": proc.returncode, "doc": json.loads(out)}


def event_log_metrics(folder: Path) -> dict:
    """Tasks, shuffle bytes written, the largest task's peak execution memory and spills, from Spark's event log."""
    tasks = shuffle = spilled = 0
    peak = 0
    for log in (p for p in folder.rglob("*") if p.is_file()):  # Spark 4 writes a folder of rolled files
        with open(log, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if '"SparkListenerTaskEnd"' not in line:
                    continue
                metrics = json.loads(line).get("Task Metrics") or {}
                tasks += 1
                shuffle += (metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
                peak = max(peak, metrics.get("Peak Execution Memory", 0))
                spilled += metrics.get("Disk Bytes Spilled", 0)
    return {"tasks": tasks, "shuffle_mb": shuffle / 2**20, "task_peak_mb": peak / 2**20, "spilled_mb": spilled / 2**20}


# -- the run ----------------------------------------------------------------------------------------

def comparable(doc: dict) -> tuple:
    """Pairs and clusters as plain data (the whole JSON but the summary, which both share too)."""
    return json.dumps(doc["duplicates"], sort_keys=True), json.dumps(doc["clusters"], sort_keys=True), \
        json.dumps(doc["boilerplate"], sort_keys=True), json.dumps(doc["summary"], sort_keys=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs=3, default=[25_000, 50_000, 100_000],
                    help="printed paragraphs per run (three sizes: the scaling fit needs them)")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--save", type=Path, help="also write the measurements as JSON here")
    ap.add_argument("--from", dest="saved", type=Path, help="print the report of measurements saved with --save")
    args = ap.parse_args()
    if args.saved:
        report(json.loads(args.saved.read_text(encoding="utf-8")), args.master)
        return
    if not args.corpus.is_dir():
        print(f"spark_bench: skipped: no corpus at {args.corpus}")
        return
    sizes = sorted(args.sizes)
    if sizes[-1] < 100_000:
        print(f"spark_bench: note: the largest size is {sizes[-1]:,}; the issue's figure needs >= 100,000")
    bench = _dedupe_bench()
    t0 = time.perf_counter()
    items, _, _, _ = bench.build(args.corpus, sizes[-1], queries=10)
    by_dump: dict[str, list[str]] = {}
    for dump, text in items:
        by_dump.setdefault(dump, []).append(text)
    dumps = [(f"{k:05d}.txt", "\n\n".join(texts) + "\n") for k, (_, texts) in enumerate(sorted(by_dump.items()))]
    paragraphs = len(items)
    print(f"dumps: {len(dumps):,} files, {paragraphs:,} corpus paragraphs with planted copies, built in "
          f"{time.perf_counter() - t0:.0f} s; master {args.master}; {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as tmp:
        tmp = Path(tmp)
        conf = tmp / "conf"
        conf.mkdir()
        for size in sizes:
            folder = tmp / f"pages-{size}"
            folder.mkdir()
            count = 0
            for name, text in dumps:
                if count >= size:
                    break
                (folder / name).write_text(text, encoding="utf-8")
                count += text.count("\n\n") + 1
            events = tmp / f"events-{size}"
            events.mkdir()
            (conf / "spark-defaults.conf").write_text(
                f"spark.eventLog.enabled true\nspark.eventLog.dir file://{events}\nspark.eventLog.compress false\n"
                f"spark.eventLog.rolling.enabled false\n", encoding="utf-8")
            env = {**os.environ, "SPARK_CONF_DIR": str(conf)}
            cli = [sys.executable, "-m", "newskit", "dedupe", str(folder), "--format", "json"]
            embedded = measured(cli)
            spark = measured([*cli, "--engine", "spark", "--spark-master", args.master], env=env)
            same = comparable(embedded["doc"]) == comparable(spark["doc"])
            metrics = event_log_metrics(events)
            for r in (embedded, spark):
                r["doc"] = {"summary": r["doc"]["summary"]}
            rows.append({"size": count, "files": len(list(folder.iterdir())), "embedded": embedded, "spark": spark,
                         "same": same, "events": metrics, "pairs": spark["doc"]["summary"]["pairs"]})
            if args.save:
                args.save.write_text(json.dumps(rows, indent=1), encoding="utf-8")
            print(f"  {count:,} paragraphs: embedded {embedded['seconds']:.1f} s / {embedded['peak_mb']:.0f} MB, "
                  f"spark {spark['seconds']:.1f} s / {spark['peak_mb']:.0f} MB, same output: {same}", flush=True)
    report(rows, args.master)


def report(rows: list[dict], master: str) -> None:
    print(f"\nSpark ({master}) against the embedded engine, both through the CLI on the same page files "
          "(split included); peak = the whole process tree's RSS (Python + JVM + Python workers)")
    header = ["paragraphs", "files", "pairs", "embedded s", "spark s", "spark/embedded", "embedded MB", "spark MB",
              "same pairs+clusters"]
    table = [[f"{r['size']:,}", f"{r['files']:,}", f"{r['pairs']:,}", f"{r['embedded']['seconds']:.1f}",
              f"{r['spark']['seconds']:.1f}", f"{r['spark']['seconds'] / r['embedded']['seconds']:.2f}x",
              f"{r['embedded']['peak_mb']:.0f}", f"{r['spark']['peak_mb']:.0f}",
              "yes (target: yes)" if r["same"] else "NO (target: yes) MISSED"] for r in rows]
    _print_table(header, table)
    print("\nSpark's event log per run (all jobs of the run)")
    _print_table(["paragraphs", "tasks", "shuffle MB", "shuffle KB/paragraph", "largest task peak MB", "spilled MB"],
                 [[f"{r['size']:,}", f"{r['events']['tasks']}", f"{r['events']['shuffle_mb']:.0f}",
                   f"{r['events']['shuffle_mb'] * 1024 / r['size']:.2f}", f"{r['events']['task_peak_mb']:.0f}",
                   f"{r['events']['spilled_mb']:.0f}"] for r in rows])
    # Scaling: a least-squares line through (paragraphs, seconds); its slope is the marginal cost, the
    # intercept Spark's start-up and per-job latency.
    xs = [r["size"] for r in rows]
    ys = [r["spark"]["seconds"] for r in rows]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    intercept = mean_y - slope * mean_x
    marginal = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) * 1e6 for i in range(len(xs) - 1)]
    flat = max(marginal) <= 1.5 * min(marginal) if min(marginal) > 0 else False
    print(f"\nscaling (Spark {master}): {slope * 1e6:.0f} µs per paragraph marginal (fit), {intercept:.0f} s fixed; "
          f"marginal cost between sizes {' -> '.join(f'{m:.0f}' for m in marginal)} µs/paragraph "
          f"(target: near-linear, the last <= 1.5x the first: {'met' if flat else 'MISSED'})")
    cores = int(master[master.find("[") + 1:master.find("]")]) if master.startswith("local[") and \
        master[master.find("[") + 1:master.find("]")].isdigit() else 2
    shuffle_per = rows[-1]["events"]["shuffle_mb"] * 2**20 / rows[-1]["size"]
    total_shuffle = shuffle_per * TARGET_PARAGRAPHS
    partitions = max(1, round(total_shuffle / PARTITION_BYTES))
    core_hours = slope * TARGET_PARAGRAPHS * cores / 3600
    largest = max(r["events"]["task_peak_mb"] for r in rows)
    print(f"extrapolated to {TARGET_PARAGRAPHS:,} paragraphs (from these measurements, assuming the measured linear "
          f"cost holds): about {core_hours:,.0f} core-hours at this machine's speed ({core_hours / 100:,.1f} h on 100 "
          f"cores); shuffle about {total_shuffle / 2**30:,.0f} GB, so spark.sql.shuffle.partitions about "
          f"{partitions:,} for ~{PARTITION_BYTES >> 20} MB each; the largest task here peaked at {largest:.0f} MB of "
          f"execution memory with {rows[-1]['size'] // max(1, rows[-1]['events']['tasks']):,} paragraphs per task "
          f"on average — per-task memory follows the partition size, not the archive, so 4 GB executors with "
          f"2 cores each leave room")


def _print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  " + "  ".join(str(c).rjust(w) for c, w in zip(r, widths)))


if __name__ == "__main__":
    main()
