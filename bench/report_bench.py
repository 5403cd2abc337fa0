"""Report benchmark: does `newskit report -o DIR` stay usable on many pages?

Page dumps are rendered from the People's Daily corpus in ../shared/corpus by bench/corpus.py ("light" damage)
and written to a temporary folder. In this one process:

- baseline: lint every dump (the default rules), as `newskit lint` does;
- report: lint + dedupe across all dumps + build and write the folder report (index + a page per dump).
Each is run three times, alternating, and timed in CPU seconds of this process (time.process_time: the work
is single-threaded, and on a shared two-core machine wall time mostly measures the neighbours); the fastest
run of each phase counts.

Targets, each printed with whether it is met:
- time: rendering (build + write) / lint <= 1.0 — the report's own work costs no more than linting did;
  the whole report / lint <= 3.0 (lint, dedupe across every dump — the dedupe engine's cost — and rendering);
- size: the largest per-dump page <= 2 MB and the index page <= 1 MB, so a year of pages never becomes one
  huge file;
- opening: with Chromium present, the largest page loads (scripts run, filters applied) in <= 2 s.

    python bench/report_bench.py            # 2 MB of dumps
    python bench/report_bench.py --mb 8 --corpus /work/shared/corpus   # from a worktree
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
import corpus  # noqa: E402  bench/corpus.py, the page-dump builder every bench shares

TARGET_RENDER_RATIO = 1.0
TARGET_TIME_RATIO = 3.0
ROUNDS = 3
TARGET_PAGE_MB = 2.0
TARGET_INDEX_MB = 1.0
TARGET_OPEN_SECONDS = 2.0


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def open_seconds(page: Path) -> float | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context()
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        tab = context.new_page()
        tab.goto("about:blank")
        t = time.perf_counter()
        tab.goto(page.as_uri(), wait_until="load")
        tab.wait_for_function("() => document.getElementById('nk-status').textContent.length > 0")
        seconds = time.perf_counter() - t
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=corpus.non_negative(), default=2.0, help="megabytes (UTF-8) of page dumps")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=None,
                        help="the corpus folder (default: ../shared/corpus next to the repository)")
    args = parser.parse_args()
    directory = args.corpus or corpus.corpus_dir()
    if directory is None or not any(directory.glob(corpus.RENMIN_GLOB)):
        print("report_bench: the corpus (../shared/corpus or --corpus) is absent; nothing to measure",
              file=sys.stderr)
        return

    from newskit.config import Config
    from newskit.dedupe import DedupeSettings, article_passages, run
    from newskit.lint.runner import iter_results
    from newskit.reporters import html

    dumps = corpus.build_dumps(int(args.mb * 1_000_000), corpus.Damage.parse("light"), seed=args.seed,
                               directory=directory)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        files = []
        for k, d in enumerate(dumps):
            path = folder / f"{k:05d}.txt"
            path.write_bytes(d.data)
            files.append(str(path))
        size = sum(d.utf8_size for d in dumps)
        print(f"report_bench: {len(files)} page dumps, {size / 1e6:.2f} MB UTF-8", file=sys.stderr)
        _, plan = Config().plan()
        list(iter_results(files[:1], plan))  # warm-up: imports, the lexicon

        lint_runs, parts = [], []
        site = Path(tmp) / "site"
        for _ in range(ROUNDS):
            results = report = passages = duplicates = None  # each run starts from nothing, as the CLI does
            gc.collect()
            t = time.process_time()
            results = list(iter_results(files, plan))
            lint_runs.append(time.process_time() - t)

            results = None
            gc.collect()
            t = time.process_time()
            results = list(iter_results(files, plan))
            linted = time.process_time()
            passages = [p for r in results for p in article_passages(r.doc, r.articles)]
            duplicates = run(passages, DedupeSettings())
            deduped = time.process_time()
            report = html.build(results, html.Labels("zh"), duplicates, passages, folder=True)
            written = html.write(report, site)
            done = time.process_time()
            parts.append((done - t, linted - t, deduped - linted, done - deduped))
        lint_seconds = min(lint_runs)
        # the fastest run of each phase: another engineer's job slows whichever phase it lands on
        report_seconds, lint_done, dedupe_seconds, render_seconds = (min(p[k] for p in parts) for k in range(4))

        pages = [p for p in written if p.name != html.INDEX_PAGE]
        page_sizes = [p.stat().st_size / 1e6 for p in pages]
        index_mb = (site / html.INDEX_PAGE).stat().st_size / 1e6
        largest = max(pages, key=lambda p: p.stat().st_size)
        opening = open_seconds(largest)

    ratio = report_seconds / lint_seconds
    render_ratio = render_seconds / lint_seconds
    findings = sum(len(r.findings) for r in results)
    print(f"lint (baseline)   {lint_seconds:7.2f} CPU s   {findings} findings")
    print(f"report            {report_seconds:7.2f} CPU s   = lint {lint_done:.2f} + dedupe {dedupe_seconds:.2f} "
          f"+ build and write {render_seconds:.2f}; {len(duplicates.duplicates)} duplicate pairs")
    print(f"rendering / lint: {render_ratio:.2f}x ({verdict(render_ratio <= TARGET_RENDER_RATIO)} the <= "
          f"{TARGET_RENDER_RATIO:g}x target)")
    print(f"whole report / lint: {ratio:.2f}x ({verdict(ratio <= TARGET_TIME_RATIO)} the <= "
          f"{TARGET_TIME_RATIO:g}x target); dedupe alone is {dedupe_seconds / lint_seconds:.2f}x lint")
    print(f"per-dump page: median {statistics.median(page_sizes):.2f} MB, largest {max(page_sizes):.2f} MB "
          f"({verdict(max(page_sizes) <= TARGET_PAGE_MB)} the <= {TARGET_PAGE_MB:g} MB target)")
    print(f"index page: {index_mb:.2f} MB ({verdict(index_mb <= TARGET_INDEX_MB)} the <= {TARGET_INDEX_MB:g} MB target)")
    if opening is None:
        print("opening the largest page: not measured (needs chromium and playwright)")
    else:
        print(f"opening the largest page in Chromium: {opening:.2f} s "
              f"({verdict(opening <= TARGET_OPEN_SECONDS)} the <= {TARGET_OPEN_SECONDS:g} s target)")


if __name__ == "__main__":
    main()
