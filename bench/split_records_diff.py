#!/usr/bin/env python
"""The compiled record builder (classify, group, finish: ``SplitTagger.split``) against the Python one it
replaced, on the seeds and on corpus pages of every headline style: the same Article objects for every page,
and both timed end to end (decode + split) in this run.

    python bench/split_records_diff.py --mb 2 --damage light      # 2 MB per style of the held-out month
    python bench/split_records_diff.py --mb 1 --damage heavy --months 2020-01

The Python splitter is loaded from git as it was before the port (bench/reference.py, ``SPLIT_RECORDS_PYTHON``);
the corpus is rendered by bench/corpus.py (only the seeds when ../shared/corpus is absent)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

import corpus  # noqa: E402
import reference  # noqa: E402


def seed_documents() -> list:
    from newskit.io import read_document

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    return [read_document(p) for p in sorted(seeds.glob("*.txt"))]


def differences(old_split, docs) -> list[str]:
    """Where the compiled split differs from the old one: one line per differing page."""
    from newskit.split import split_with_year

    out = []
    for doc in docs:
        want, want_year = old_split(doc)
        got, got_year = split_with_year(doc)
        if want != got or want_year != got_year:
            k = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
            out.append(f"{doc.path}: {len(want)} vs {len(got)} records, year {want_year} vs {got_year}, "
                       f"first difference at record {k}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = corpus.sample_arguments(__doc__.split("\n\n")[0], argv)
    from newskit.io import decode
    from newskit.split import split_with_year

    old = reference.python_split_records()
    docs = seed_documents()
    dumps = []
    if corpus.corpus_dir() is not None:
        dumps = [d for _, d in corpus.sample_dumps(args)]
    else:
        print("corpus absent: the seeds only")
    docs += [decode(d.data, d.path) for d in dumps]
    diff = differences(old.split_with_year, docs)
    for line in diff[:20]:
        print(line)
    print(f"{len(docs)} pages ({len(dumps)} corpus pages, {args.months}, {args.damage} damage, every style): "
          f"{len(diff)} differ (target 0 {'MET' if not diff else 'NOT MET'})")
    if dumps:
        def best(split) -> float:
            times = []
            for _ in range(3):
                t = time.perf_counter()
                for d in dumps:
                    split(decode(d.data, d.path))
                times.append(time.perf_counter() - t)
            return min(times)

        size = sum(d.utf8_size for d in dumps) / 1e6
        py_s, rs_s = best(old.split_with_year), best(split_with_year)
        print(f"decode + split on {size:.2f} MB: Python records {size / py_s:.2f} MB/s, compiled {size / rs_s:.2f} MB/s "
              f"= {py_s / rs_s:.2f}x (same run; absolute MB/s depend on the load)")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
