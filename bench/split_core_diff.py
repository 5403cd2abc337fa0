#!/usr/bin/env python
"""The compiled split tagger against the pure-Python one it replaced, on corpus pages: the same feature
strings and labels on every page, and both timed in this run.

    python bench/split_core_diff.py --mb 2          # 2 MB per style of the held-out month, light damage

The Python tagger is loaded from git as it was before the port (bench/reference.py); the corpus is
rendered by bench/corpus.py (skips when ../shared/corpus is absent)."""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

import corpus  # noqa: E402
import reference  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = corpus.sample_arguments(__doc__.split("\n\n")[0], argv)
    if corpus.corpus_dir() is None:
        print("corpus absent: skipping")
        return 0
    from newskit.io import decode
    from newskit.split import tagger
    from newskit.split.blocks import make_blocks
    from newskit.split.classify import classify
    from newskit.split.features import as_ported, block_features, lexicon_word

    old_features, old_tagger = reference.python_split_tagger()
    old_model = old_tagger.TaggerModel.from_json(reference_model())
    model = tagger.default_model()
    # the compiled decoder on what the Python decoded with: the model's first pass, the Python's features
    same_model = dataclasses.replace(tagger.TaggerModel.from_json(reference_model()), second=None)
    pages = []
    docs = []
    for style, d in corpus.sample_dumps(args):
        doc = decode(d.data, d.path)
        blocks = make_blocks(doc)
        pages.append((style, blocks, [classify(b.text) for b in blocks]))
        docs.append(doc)
    blocks_n = sum(len(b) for _, b, _ in pages)
    feats_differ = labels_differ = 0
    for style, blocks, infos in pages:
        want = old_features.block_features(blocks, infos, lexicon_word, model.common_bigrams)
        got = [as_ported(fs)  # without the families the Python never had
               for fs in block_features(blocks, infos, lexicon_word, model.common_bigrams)]
        feats_differ += sum(w != g for w, g in zip(want, got, strict=True))
        allowed = old_tagger.block_constraints(blocks, infos, old_features.settled_blocks(blocks, infos))
        old_labels = old_tagger.decode(old_model, want, allowed)
        labels_differ += sum(a != b for a, b in zip(old_labels, tagger.decode(same_model, got, allowed), strict=True))

    def best(run) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            run()
            times.append(time.perf_counter() - t)
        return min(times)

    def python_tag() -> None:
        for _, blocks, infos in pages:
            old_tagger.label_blocks(blocks, infos, old_model)

    def compiled_tag() -> None:
        for _, blocks, infos in pages:
            tagger.label_blocks(blocks, infos, model)

    from newskit.split import split_document, split_with_year

    def split_all() -> None:
        for doc in docs:
            split_document(doc)

    def python_split() -> None:  # split end to end with the Python tagger's labels in the compiled one's place
        for doc in docs:
            blocks = make_blocks(doc)
            labels = old_tagger.label_blocks(blocks, [classify(b.text) for b in blocks], old_model)
            split_with_year(doc, labels=labels)

    py_s, rs_s = best(python_tag), best(compiled_tag)
    py_split, rs_split = best(python_split), best(split_all)
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(f"{len(pages)} pages, {blocks_n:,} blocks ({args.months}, {args.damage} damage, every style)")
    print(f"feature lists differing: {feats_differ} (target 0 {'MET' if not feats_differ else 'NOT MET'}); "
          f"labels differing: {labels_differ} (target 0 {'MET' if not labels_differ else 'NOT MET'})")
    print(f"tagging (settle, features, constraints, decode): Python {py_s:.3f} s, compiled {rs_s:.3f} s = "
          f"{py_s / rs_s:.1f}x faster (same run)")
    print(f"split end to end on {size:.2f} MB: with the Python tagger {size / py_split:.2f} MB/s, compiled "
          f"{size / rs_split:.2f} MB/s = {py_split / rs_split:.2f}x (same run; absolute MB/s depend on the load)")
    return 1 if feats_differ or labels_differ else 0


def reference_model() -> dict:
    import json
    from importlib import resources

    return json.loads((resources.files("newskit.split") / "data" / "tagger.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    raise SystemExit(main())
