"""How long ``newskit lint`` takes on one seed page, start-up included, and whether the word lexicon is opened.

Target (issue 3): one seed page in under 0.5 s wall time, including interpreter start-up, with the lexicon
(jieba's dictionary, ``newskit.text.lexicon``) opened only when a rule meets a candidate. Baselines, run in the same script: the bare interpreter
(``python -c pass``) and the CLI without work (``newskit --help``). Each figure is the median (and the
fastest) of ``--runs`` fresh processes; the target is judged on the median.

    python bench/lint_startup.py                 # every seed, default rules and the engine's own rules
    python bench/lint_startup.py --runs 9 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
TARGET_S = 0.5
ENGINE_RULES = "P101,S101,B101"

#: run in a fresh interpreter: lint one file in-process the way the CLI does, report whether the lexicon opened
_PROBE = """
import sys
from newskit.cli import app
from newskit.text import segment
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("LEXICON=" + str(segment.is_loaded()), file=sys.stderr)
"""


def wall(cmd: list[str], runs: int) -> tuple[float, float]:
    """(median, fastest) wall time of ``runs`` fresh processes (stdout discarded); the fastest run shows the
    cost without noise from other work on the machine."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def lexicon_opened(args: list[str]) -> bool:
    res = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=REPO)
    return "LEXICON=True" in res.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="processes per figure (median)")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    opts = parser.parse_args()

    py = sys.executable
    bare, _ = wall([py, "-c", "pass"], opts.runs)
    cli_help, _ = wall([py, "-m", "newskit", "--help"], opts.runs)
    rows = []
    for seed in SEEDS:
        rel = str(seed.relative_to(REPO))
        for label, extra in (("default rules", []), ("engine rules", ["--select", ENGINE_RULES])):
            args = ["lint", rel, "--format", "concise", *extra]
            seconds, fastest = wall([py, "-m", "newskit", *args], opts.runs)
            rows.append({
                "seed": seed.name, "rules": label, "seconds": round(seconds, 3), "fastest": round(fastest, 3),
                "vs_bare_python": round(seconds / bare, 1), "vs_cli_help": round(seconds / cli_help, 2),
                "lexicon_opened": lexicon_opened(args), "under_target": seconds < TARGET_S,
            })
    report = {"target_s": TARGET_S, "runs": opts.runs, "baseline_bare_python_s": round(bare, 3),
              "baseline_cli_help_s": round(cli_help, 3), "rows": rows}
    if opts.json:
        print(json.dumps(report, indent=2))
        return
    print(f"baseline  python -c pass     {bare:.3f} s")
    print(f"baseline  newskit --help     {cli_help:.3f} s")
    print(f"{'seed':<26} {'rules':<14} {'median s':>8} {'min s':>6} {'×python':>8} {'×help':>6}  lexicon  "
          f"<{TARGET_S}s")
    for r in rows:
        print(f"{r['seed']:<26} {r['rules']:<14} {r['seconds']:>8.3f} {r['fastest']:>6.3f} "
              f"{r['vs_bare_python']:>8.1f} "
              f"{r['vs_cli_help']:>6.2f}  {'yes' if r['lexicon_opened'] else 'no':<7}  "
              f"{'ok' if r['under_target'] else 'SLOW'}")


if __name__ == "__main__":
    main()
