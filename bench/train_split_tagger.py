"""Train the split tagger (a linear-chain CRF over a page's blocks) and write the model newskit ships.

Training pages are People's Daily months from ../shared/corpus rendered by bench/corpus.py in every
headline style, with its damage (column breaks, half-width punctuation, OCR spaces, duplicated paragraphs,
photo captions, byline lines), each block labelled from the truth; plus the seeds' structure
(seeds/labels/*.labels, one label per block, read off the rule-based split the seed tests pin down).
The held-out month (corpus.HELD_OUT_MONTH, 2020-02) is never read: accuracy is measured on it by
bench/split_bench.py.

    pip install -e '.[train]'
    python bench/train_split_tagger.py                            # all training months -> the packaged model
    python bench/train_split_tagger.py --months 2019-02,2019-10 --dev 2020-01 --out /tmp/tagger.json

The tagger is stacked (``--stacked``, the default): a first CRF labels the page, then a second one, trained
on first-pass labels of pages the first model never saw (two folds of the training pages, split by day of
the month so no page is seen in both), reweighs each block with features of the article the first pass put
it in (``rust/newskit-core/src/split/context.rs``). Three first-pass models (two folds, and all pages for
the shipped first pass) train in parallel processes.

The model file holds feature strings (shape names, at most two characters of a block's start or end) and
weights, no running text: it is safe to commit. Retrain after changing newskit/split/features.py (the
feature strings are the model's vocabulary) and commit the new newskit/split/data/tagger.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_REPO = _HERE.parent
sys.path.insert(0, str(_HERE))
import corpus  # noqa: E402  bench/corpus.py

from newskit.io import decode, read_document  # noqa: E402
from newskit.split.blocks import make_blocks  # noqa: E402
from newskit.split.classify import classify  # noqa: E402
from newskit.split.features import (bigrams, block_features, context_features, lexicon_word,  # noqa: E402
                                    settled_blocks)
from newskit.split.tagger import (LABELS, MODEL_VERSION, TaggerModel, block_constraints,  # noqa: E402
                                  decode as viterbi, label_blocks)

DEFAULT_OUT = _REPO / "newskit" / "split" / "data" / "tagger.json"
SEED_LABELS = _REPO / "seeds" / "labels"
#: Damage drawn per (month, style) in turn, so the model sees clean, lightly and heavily damaged pages.
DAMAGES = ("light", "heavy", "none")


#: How many of the most widespread Han bigrams the topic-shift feature ignores.
COMMON_BIGRAMS = 2000


def common_bigrams(months: list[str]) -> list[str]:
    """The bigrams found in the most articles of the training months (``的发``, ``我们``, ``发展``…)."""
    df: Counter = Counter()
    for page in corpus.iter_renmin_pages(months=months):
        for record in page:
            df.update(bigrams(record["body"]))
    return sorted(b for b, _ in df.most_common(COMMON_BIGRAMS))


def page_sequences(months: list[str], seed: int, damages: tuple[str, ...] = DAMAGES,
                   common: frozenset[str] = frozenset()) -> list[tuple]:
    """(features, labels, style, allowed labels) for every rendered page of ``months``, in every style with
    every damage."""
    out = []
    k = 0
    for month in months:
        for style in corpus.HEADLINE_STYLES:
            for damage_name in damages:
                damage = corpus.Damage.parse(damage_name)
                k += 1
                for d in corpus.build_dumps(10**12, damage, seed=seed + k, headline_style=style, months=[month]):
                    doc = decode(d.data, d.path)
                    blocks = make_blocks(doc)
                    if len(blocks) != len(d.labels):
                        continue  # rendering and block cutting disagree (never seen); skip rather than mislabel
                    out.append(_sequence(doc, blocks, list(d.labels), style, common))
    return out


@dataclass
class Sequence:
    """One training page: its blocks' features and truth labels, and what the stacked pass needs."""
    feats: list[list[str]]
    labels: list[str]
    style: str
    allowed: list
    blocks: list
    infos: list
    settled: list[bool]
    path: str

    def fold(self) -> int:
        """0 or 1 by the page's day of the month (renmin-YYYYMMDD-PP.txt; seeds are fold 0): every rendering
        of one corpus page falls in the same fold."""
        digits = self.path.split("-")[1] if self.path.startswith("renmin-") else "0"
        return int(digits[-1]) % 2 if digits.isdigit() else 0


def _sequence(doc, blocks, labels: list[str], style: str, common: frozenset[str]) -> Sequence:
    infos = [classify(b.text) for b in blocks]
    settled = settled_blocks(blocks, infos)
    SETTLED_NOT_BODY.update(lab for lab, fixed in zip(labels, settled) if fixed and lab != "body")
    return Sequence(block_features(blocks, infos, lexicon_word, common, settled), labels, style,
                    block_constraints(blocks, infos, settled), blocks, infos, settled, Path(doc.path).name)


#: Labels the truth gave to blocks the tagger settles as body (should stay empty: each one is a miss).
SETTLED_NOT_BODY: Counter = Counter()


def seed_sequences(common: frozenset[str] = frozenset()) -> list[tuple]:
    out = []
    for path in sorted(SEED_LABELS.glob("*.labels")):
        doc = read_document(str(_REPO / "seeds" / (path.stem + ".txt")))
        blocks = make_blocks(doc)
        labels = path.read_text(encoding="utf-8").split()
        if len(labels) != len(blocks):
            raise SystemExit(f"{path}: {len(labels)} labels for {len(blocks)} blocks")
        out.append(_sequence(doc, blocks, labels, "seed", common))
    return out


def export(model_file: str, meta: dict) -> dict:
    """crfsuite's weights as newskit's model JSON (sparse state weights, dense transitions)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(model_file)
    info = tagger.info()
    index = {label: k for k, label in enumerate(LABELS)}
    weights: dict[str, list[list[float]]] = {}
    for (attr, label), w in info.state_features.items():
        if abs(w) >= 1e-4:
            weights.setdefault(attr, []).append([index[label], round(w, 4)])
    transitions = [[0.0] * len(LABELS) for _ in LABELS]
    for (a, b), w in info.transitions.items():
        transitions[index[a]][index[b]] = round(w, 4)
    return {"version": MODEL_VERSION, "labels": list(LABELS), "meta": meta,
            "transitions": transitions, "weights": dict(sorted(weights.items()))}


def label_report(model: TaggerModel, sequences: list[Sequence]) -> list[str]:
    """Precision and recall per label, per style, of the tagger as split runs it (a training-time check)."""
    lines = []
    by_style: dict[str, Counter] = {}
    for seq in sequences:
        c = by_style.setdefault(seq.style, Counter())
        got = label_blocks(seq.blocks, seq.infos, model)
        for want, g in zip(seq.labels, got):
            g = LABELS[g]
            c["n"] += 1
            c["ok"] += want == g
            c[("tp", want)] += want == g
            c[("want", want)] += 1
            c[("got", g)] += 1
    for style, c in by_style.items():
        parts = []
        for label in LABELS:
            w, g, tp = c[("want", label)], c[("got", label)], c[("tp", label)]
            if w:
                parts.append(f"{label} P{tp / g if g else 0:.3f}/R{tp / w:.3f}")
        lines.append(f"{style}: block accuracy {c['ok'] / c['n']:.4f} of {c['n']}; " + ", ".join(parts))
    return lines


_TRAINING: tuple = ()


def _kept(feats: list[list[str]], drop: tuple[str, ...]) -> list[list[str]]:
    return [[f for f in fs if not f.startswith(drop)] for fs in feats] if drop else feats


def _train(trainer) -> dict:
    """Train a crfsuite trainer that holds its pages and export the weights."""
    with tempfile.TemporaryDirectory() as tmp:
        model_file = str(Path(tmp) / "tagger.crfsuite")
        trainer.train(model_file)
        return export(model_file, {})


def _train_first_pass(fold: int | None) -> dict:
    """A first-pass model on every training page (``fold`` None) or on one fold's pages; the seeds count in
    fold 0 (so fold 1's model labels them as a page it never saw)."""
    import pycrfsuite

    sequences, seeds, seed_weight, drop, params = _TRAINING
    trainer = pycrfsuite.Trainer(verbose=False)
    for seq in sequences:
        if fold is None or seq.fold() == fold:
            trainer.append(_kept(seq.feats, drop), seq.labels)
    if fold in (None, 0):
        for _ in range(seed_weight):
            for seq in seeds:
                trainer.append(_kept(seq.feats, drop), seq.labels)
    trainer.set_params(params)
    return _train(trainer)


def _stacked(seq: Sequence, first: TaggerModel, common, drop: tuple[str, ...]) -> list[list[str]]:
    """A page's second-pass features: its own, and those of the articles ``first`` labels it into."""
    labels = viterbi(first, seq.feats, seq.allowed)
    context = context_features(seq.blocks, seq.infos, labels, seq.settled, frozenset(common))
    return _kept([f + c for f, c in zip(seq.feats, context, strict=True)], drop)


def train_tagger(sequences: list[Sequence], seeds: list[Sequence], common: list[str], seed_weight: int,
                 drop: tuple[str, ...], params: dict, stacked: bool = True) -> dict:
    """The tagger's passes trained on ``sequences`` and the seeds: the first pass on every page, and when
    ``stacked`` the second on first-pass labels of each page from the fold model that never saw it."""
    import pycrfsuite

    global _TRAINING  # read by the forked first-pass workers (copy-on-write, nothing pickled)
    _TRAINING = (sequences, seeds, seed_weight, drop, params)
    jobs = [None] + ([0, 1] if stacked else [])  # None: every page (the shipped first pass); k: fold k only
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        first, *folds = pool.map(_train_first_pass, jobs)
    data = dict(first)
    if stacked:
        fold_models = [TaggerModel.from_json(f) for f in folds]
        trainer = pycrfsuite.Trainer(verbose=False)
        for seq in sequences:
            trainer.append(_stacked(seq, fold_models[1 - seq.fold()], common, drop), seq.labels)
        seed_rows = [(_stacked(seq, fold_models[1 - seq.fold()], common, drop), seq.labels) for seq in seeds]
        for _ in range(seed_weight):
            for feats, labels in seed_rows:
                trainer.append(feats, labels)
        trainer.set_params(params)
        second = _train(trainer)
        data["second"] = {"weights": second["weights"], "transitions": second["transitions"]}
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--months", help="training months, comma-separated (default: every month but the held-out one)")
    parser.add_argument("--dev", help="a month to report label accuracy on after training (never the held-out one)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"model file (default {DEFAULT_OUT})")
    parser.add_argument("--c1", type=float, default=2.0,
                        help="L1 penalty (sparsity; default 2, chosen on the dev month 2020-01: the weaker 0.05 "
                             "fitted the training months' headlines and glued 3x more paragraphs on a new month)")
    parser.add_argument("--c2", type=float, default=0.1, help="L2 penalty (default 0.1)")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--minfreq", type=int, default=5, help="drop features seen fewer times (default 5)")
    parser.add_argument("--seed-weight", type=corpus.non_negative(int), default=200,
                        help="how many times the seeds' pages count (they are few but real; default 200: at 100,"
                             " the model trained on the 2026-12-03 corpus truth missed one of seed 004's joins)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bias", default="head=2,join=-2,section=0.5",
                        help="per-label emission offsets of both passes, tuned with bench/split_bench.py on the dev "
                             "month (default head=2,join=-2,section=0.5: a missed headline costs two whole "
                             "articles, a false join glues two paragraphs, and a section title read as a headline "
                             "cuts an article in two)")
    parser.add_argument("--damages", default=",".join(DAMAGES),
                        help=f"damage presets each month is rendered with, in every style (default {','.join(DAMAGES)})")
    parser.add_argument("--drop", default="",
                        help="feature prefixes to leave out of training, comma-separated (an ablation: e.g. "
                             "'s2=,e2=' trains without the two-character cues)")
    parser.add_argument("--stacked", action=argparse.BooleanOptionalAction, default=True,
                        help="train the second, article-aware pass too (default; --no-stacked: one pass)")
    args = parser.parse_args(argv)
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        parser.error("python-crfsuite is not installed: pip install -e '.[train]'")
    if corpus.corpus_dir() is None:
        parser.error("the corpus is absent (../shared/corpus): nothing to train on")
    months = args.months.split(",") if args.months else corpus.training_months()
    bias = [0.0] * len(LABELS)
    try:
        for item in filter(None, args.bias.split(",")):
            label, _, value = item.partition("=")
            bias[LABELS.index(label.strip())] = float(value)
    except ValueError:
        parser.error(f"--bias takes label=number pairs with labels from {', '.join(LABELS)}")
    for name in args.damages.split(","):
        try:
            corpus.Damage.parse(name)
        except ValueError as exc:
            parser.error(str(exc))
    unknown = sorted(set(months + ([args.dev] if args.dev else [])) - set(corpus.corpus_months()))
    if unknown:
        parser.error(f"no corpus month {', '.join(unknown)}; the corpus has {', '.join(corpus.corpus_months())}")
    if corpus.HELD_OUT_MONTH in months or args.dev == corpus.HELD_OUT_MONTH:
        parser.error(f"{corpus.HELD_OUT_MONTH} is the held-out month: it is only for measuring")
    t0 = time.perf_counter()
    common = common_bigrams(months)
    sequences = page_sequences(months, args.seed, tuple(args.damages.split(",")), frozenset(common))
    seeds = seed_sequences(frozenset(common))
    print(f"{len(sequences)} pages, {sum(len(s.labels) for s in sequences)} blocks from {','.join(months)}; "
          f"{len(seeds)} seeds x {args.seed_weight}; features in {time.perf_counter() - t0:.0f} s; settled blocks "
          f"the truth calls otherwise: {dict(SETTLED_NOT_BODY) or 'none'}", file=sys.stderr)

    drop = tuple(filter(None, args.drop.split(",")))
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
              "feature.minfreq": args.minfreq, "feature.possible_transitions": True}
    t1 = time.perf_counter()
    data = train_tagger(sequences, seeds, common, args.seed_weight, drop, params, args.stacked)
    data["meta"] = {"trained_on": months, "held_out": corpus.HELD_OUT_MONTH, "styles": list(corpus.HEADLINE_STYLES),
                    "damage": args.damages.split(","), "seed_weight": args.seed_weight, "c1": args.c1, "c2": args.c2,
                    "iterations": args.iterations, "minfreq": args.minfreq, "bias": args.bias, "drop": list(drop),
                    "stacked": args.stacked, "pages": len(sequences), "date": dt.date.today().isoformat()}
    data["common_bigrams"] = common
    data["bias"] = bias
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    features = len(data["weights"]) + len(data.get("second", {}).get("weights", ()))
    print(f"trained in {time.perf_counter() - t1:.0f} s: {features} features -> {args.out} "
          f"({args.out.stat().st_size / 1e3:.0f} KB)", file=sys.stderr)

    model = TaggerModel.from_json(data)
    for line in label_report(model, seeds):
        print(line)
    if args.dev:
        for line in label_report(model, page_sequences([args.dev], args.seed + 100, ("light",), frozenset(common))):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
