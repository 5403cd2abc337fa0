"""Split accuracy on each training month in turn: train the tagger on the other training months, measure
whole articles per headline style on the one left out.

One dev month is too few to tell a change of a point or so from noise. Twice a change that gained about one
point on the dev month 2020-01 lost about as much on the held-out month 2020-02: the second pass's paired
features (reverted in 25537db) and the boosted-tree reranker (branch split-rerank). The rotation measures a
change on every training month. The held-out month 2020-02 is never read here.

    python bench/split_rotation.py --save /tmp/base.json                       # the tagger as it trains now
    python bench/split_rotation.py --against /tmp/base.json -- --c1 5          # a change, against that run

Arguments after ``--`` go to ``bench/train_split_tagger.py`` for every rotation. Its ``--months`` and ``--out``
are set here. Each rotation trains one tagger, about 7 minutes on two idle cores. Figures are per style,
each against the split bench's target. With ``--against``, each style's change is printed per month, with
whether it held on every month.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
import corpus  # noqa: E402  bench/corpus.py
import split_bench  # noqa: E402
import train_split_tagger  # noqa: E402


def rotation(months: list[str], train_args: list[str], seed: int, mb: float, workdir: Path) -> dict:
    """{dev month: {style: whole-article share}}: a tagger trained on the other months, measured on it."""
    out: dict = {}
    for dev in months:
        model = workdir / f"tagger-without-{dev}.json"
        others = ",".join(m for m in months if m != dev)
        with contextlib.redirect_stdout(sys.stderr):  # the trainer's label report is progress, not figures
            code = train_split_tagger.main([*train_args, "--months", others, "--out", str(model)])
        if code:
            raise SystemExit(f"training without {dev} failed ({code})")
        figures = io.StringIO()
        with contextlib.redirect_stdout(figures):
            code = split_bench.main(["--months", dev, "--model", str(model), "--seed", str(seed), "--mb", str(mb),
                                     "--json"])
        if code:
            raise SystemExit(f"the split bench on {dev} failed ({code})")
        styles = json.loads(figures.getvalue())["styles"]
        out[dev] = {style: f["whole_article"] for style, f in styles.items()}
        print(f"{dev}: " + ", ".join(f"{s} {v:.1%}" for s, v in out[dev].items()), file=sys.stderr)
    return out


def report(result: dict, against: dict | None) -> list[str]:
    styles = list(corpus.HEADLINE_STYLES)
    target = split_bench.TARGET_WHOLE
    width = 22 if against else 16  # three styles fit 80 columns
    lines = [f"whole articles on each dev month (trained on the other months), target ≥{target:.2f}",
             f"  {'dev month':<10}" + "".join(f"{s:>{width}}" for s in styles)]

    def cell(value: float, change: str = "") -> str:
        return f"{f'{value:.1%}{change} {split_bench.met(value >= target)}':>{width}}"

    for dev, by_style in result.items():
        change = {s: f" ({(by_style[s] - against[dev][s]) * 100:+.1f})" if against and dev in against else ""
                  for s in styles}
        lines.append(f"  {dev:<10}" + "".join(cell(by_style[s], change[s]) for s in styles))
    lines.append(f"  {'worst':<10}" + "".join(cell(min(r[s] for r in result.values())) for s in styles))
    if against:
        shared = [d for d in result if d in against]
        held = {s: all(result[d][s] > against[d][s] for d in shared) for s in styles}
        lines.append(f"  {'gain held':<10}" + "".join(f"{('every month' if held[s] else 'no'):>{width}}" for s in styles))
        lines.append(f"  (in brackets: the change in points against the saved run, on {len(shared)} months)")
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    train_args = argv[argv.index("--") + 1:] if "--" in argv else []
    own = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", type=Path, help="write the figures as JSON (for a later --against)")
    parser.add_argument("--against", type=Path, help="a saved run to print each style's change against")
    parser.add_argument("--seed", type=int, default=0, help="the split bench's render seed (default 0)")
    parser.add_argument("--mb", type=corpus.non_negative(), default=0, help="megabytes per style and month (default 0: all of it)")
    parser.add_argument("--workdir", type=Path, help="where the rotation's models go (default: a temporary dir)")
    args = parser.parse_args(own)
    if "--months" in train_args or "--out" in train_args:
        parser.error("--months and --out are set per rotation; leave them out of the training arguments")
    if corpus.corpus_dir() is None:
        parser.error("the corpus is absent (../shared/corpus): nothing to train on")
    against = None
    if args.against:
        try:
            against = json.loads(args.against.read_text(encoding="utf-8"))["whole_article"]
        except (OSError, ValueError) as exc:
            parser.error(f"--against {args.against}: {exc}")
        except (KeyError, TypeError):
            parser.error(f"--against {args.against}: not a run saved by split_rotation.py --save")
    if args.workdir is not None and args.workdir.exists() and not args.workdir.is_dir():
        parser.error(f"--workdir {args.workdir}: not a directory")
    months = corpus.training_months()
    if len(months) < 2:
        parser.error(f"a rotation needs two training months or more; the corpus has {', '.join(months) or 'none'}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        result = rotation(months, train_args, args.seed, args.mb, workdir)
    for line in report(result, against):
        print(line)
    if args.save:
        args.save.write_text(json.dumps({"train_args": train_args, "seed": args.seed, "mb": args.mb,
                                         "whole_article": result}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
