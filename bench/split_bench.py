"""Split benchmark: throughput, peak memory and accuracy of ``newskit.split`` on realistic page dumps.

Page dumps are rendered from the People's Daily corpus in ../shared/corpus by bench/corpus.py, with damage
(column breaks, half-width punctuation, OCR spaces, duplicated paragraphs, CRLF, GB18030) whose answers are
known. Each dump's bytes go through ``newskit.io.decode`` and ``split_document``, so decoding is measured
too. Throughput is UTF-8 bytes of page text per second of wall time on one core, reported against a naive
paragraph splitter (decode, ``split("\\n\\n")``, strip) run in the same process.

    python bench/split_bench.py                      # the held-out month 2020-02, each style, damage "light"
    python bench/split_bench.py --mb 2 --damage heavy --seed 3
    python bench/split_bench.py --months 2020-01 --style plain   # tuning runs use a training month
    python bench/split_bench.py --damage column_break=0.2,crlf=1 --json
    python bench/split_bench.py --failures 20        # print examples of what went wrong

Accuracy is reported per headline style against its target (whole articles ≥ 0.93, false joins ≤ 5 per
1,000 boundaries, every page lossless), never as one blended figure.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_HERE = Path(__file__).resolve().parent


sys.path.insert(0, str(_HERE))
import corpus  # noqa: E402  bench/corpus.py, the page-dump builder every bench shares

#: Characters of tail / head compared to decide that a break was rejoined (or a boundary wrongly joined).
JOIN_PROBE = 12


def non_space(text: str) -> str:
    return "".join(text.split())


# --------------------------------------------------------------------------------------------------
# what a record holds


def record_texts(article, to_record, record_text=None) -> list[str]:
    """Every text field of the JSON record: headline values, by, body, and any other owned text it exposes.

    ``to_record`` is ``newskit.split.article_to_record`` (without it, the model's ``texts()`` is used);
    ``record_text`` is newskit.split's own "all the input text a record holds" when it exists, which also
    restores markdown markers from the levels the record exposes. Structured copies of printed text (credits,
    dateline parts, source) are not text fields.
    """
    if to_record is None:
        return [m.text for m in article.texts()]
    record = to_record(article)
    if record_text is not None:
        return [record_text(record)]
    out = [h["value"] for h in record.get("headlines") or ()]
    if record.get("by"):
        out.append(record["by"])
    body = record.get("body") or ()
    out.extend(body if isinstance(body, list) else [body])
    for key in RECORD_EXTRA_TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out.extend(v if isinstance(v, str) else v.get("value") or v.get("text") or "" for v in value)
    return out


#: Other record keys that carry owned text (captions, residue), read when the record exposes them.
RECORD_EXTRA_TEXT_KEYS = ("extra", "residue", "captions", "text")


def main_headline(article) -> str:
    for h in article.headlines:
        if h.role == "main":
            return h.value
    return ""


def opening_variants(article) -> set[str]:
    """The record's first paragraph as printed: body[0], with the byline / dateline put back in front when the
    splitter moved them out of the paragraph."""
    if not article.body:
        return set()
    first = non_space(article.body[0].text)
    variants = {first}
    if article.byline is not None:
        variants.add(non_space(article.byline.text) + first)
    return variants


# --------------------------------------------------------------------------------------------------
# measuring


@dataclass
class Accuracy:
    articles: int = 0
    main_certain: int = 0  # articles whose title roles are unambiguous
    main_found: int = 0
    stack_found: int = 0
    first_found: int = 0
    last_found: int = 0
    whole_found: int = 0  # one record with the whole headline stack, first and last paragraph
    breaks: int = 0
    breaks_rejoined: int = 0
    boundaries: int = 0  # paragraph boundaries that are real (not planted breaks)
    false_joins: int = 0
    article_boundaries: int = 0  # one article's end followed by the next one's headline
    false_article_joins: int = 0  # …glued into one paragraph by the reflow
    pages: int = 0
    pages_lossless: int = 0  # same multiset of non-space characters in and out
    pages_count_equal: int = 0  # same number of non-space characters in and out
    chars_in: int = 0
    chars_out: int = 0
    records: Counter = field(default_factory=Counter)
    main_by_style: Counter = field(default_factory=Counter)  # (style, found) -> articles with certain roles
    failures: dict[str, list[str]] = field(default_factory=dict)

    def fail(self, kind: str, message: str, keep: int) -> None:
        bucket = self.failures.setdefault(kind, [])
        if len(bucket) < keep:
            bucket.append(message)


def _short(text: str, n: int = 28) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= n else text[: n - 1] + "…"


def paragraph_at(records, offset: int):
    """The (record, body index) whose paragraph holds document ``offset``, or (record, None) for a record whose
    lines hold it elsewhere (headline, byline), or (None, None)."""
    for a in records:
        for k, p in enumerate(a.body):
            if any(piece.start <= offset < piece.end for piece in p.source.pieces):
                return a, k
    return None, None


def describe(want: str, got: str) -> str:
    """How a recovered paragraph differs from the truth (both compared without white space)."""
    w, g = non_space(want), non_space(got)
    if not g:
        return "missing"
    if w.startswith(g):
        return f"cut short: {len(g)} of {len(w)} chars, ends …{_short(g[-10:], 10)!r}"
    if g.startswith(w):
        return f"ran on: +{len(g) - len(w)} chars {_short(g[len(w):], 14)!r}"
    if w.endswith(g):
        return f"lost its head {_short(w[: len(w) - len(g)], 16)!r}"
    if g.endswith(w):
        return f"extra head {_short(g[: len(g) - len(w)], 16)!r}"
    return f"other text {_short(g, 16)!r}"


def evaluate_page(dump, doc, articles, to_record, acc: Accuracy, keep: int, record_text=None) -> None:
    """Compare one page's records with its truth (see the module docstring for each measure)."""
    acc.pages += 1
    for a in articles:
        acc.records[str(a.kind)] += 1
    spans = [(a.line_start, a.line_end, a) for a in articles]

    def overlapping(first: int, last: int):
        return [a for s, e, a in spans if s <= last and e >= first]

    texts_out = [t for a in articles for t in record_texts(a, to_record, record_text)]
    out = Counter(non_space("".join(texts_out)))
    inp = Counter(non_space(doc.text))
    n_in, n_out = sum(inp.values()), sum(out.values())
    acc.chars_in += n_in
    acc.chars_out += n_out
    acc.pages_count_equal += n_in == n_out
    acc.pages_lossless += inp == out
    if inp != out:
        lost = "".join((inp - out).elements())[:20]
        extra = "".join((out - inp).elements())[:20]
        acc.fail("lossless", f"{dump.path}: in {n_in} out {n_out} non-space chars; "
                             f"missing {lost!r} extra {extra!r}", keep)

    # Paragraphs joined by a character no probe holds, so `probe in` finds a probe inside one paragraph. A probe
    # already inside one printed block (a quote repeated elsewhere on the page) proves nothing and is skipped.
    def paragraphs_of(records) -> str:
        return "\x00".join(non_space(p.text) for a in records for p in a.body)

    blocks_in = "\x00".join(non_space(b) for b in dump.text.split("\n\n"))
    for truth in dump.articles:
        acc.articles += 1
        near = overlapping(truth.line_start, truth.line_end)
        where = f"{dump.path}:{truth.line_start}"
        heads_truth = non_space("".join(v for _, v in truth.headlines))
        main_truth = non_space(truth.main)
        stack_ok = [a for a in near if non_space("".join(h.value for h in a.headlines)) == heads_truth]
        acc.stack_found += bool(stack_ok)
        if truth.roles_certain:
            acc.main_certain += 1
            main_ok = any(non_space(main_headline(a)) == main_truth for a in near)
            acc.main_found += main_ok
            acc.main_by_style[dump.headline_style, main_ok] += 1
            if not main_ok:
                got = "; ".join(f"{a.kind}@{a.line_start}:" + "/".join(f"{h.role}={_short(h.value, 16)}"
                                                                         for h in a.headlines) for a in near[:3])
                acc.fail("main headline", f"{where} [{dump.headline_style}] want "
                                          f"{_short(truth.main, 20)!r}; got {got or 'no record'}", keep)
        first_truth = non_space(truth.first_paragraph)
        last_truth = non_space(truth.last_paragraph)
        first_ok = [a for a in near if first_truth in opening_variants(a)]
        last_ok = [a for a in near if a.body and (
            non_space(a.body[-1].text) == last_truth or len(a.body) == 1 and last_truth in opening_variants(a))]
        acc.first_found += bool(first_ok)
        acc.last_found += bool(last_ok)
        whole = any(a in first_ok and a in last_ok for a in stack_ok)
        acc.whole_found += whole
        if not whole and stack_ok and first_ok and last_ok:
            # each part found, but not in one record: the article was cut in two (or merged with a neighbour)
            got = "; ".join(f"{a.kind}@{a.line_start}-{a.line_end}" + ("(stack)" if a in stack_ok else "")
                            + ("(first)" if a in first_ok else "") + ("(last)" if a in last_ok else "")
                            for a in near[:4])
            acc.fail("whole: parts in different records", f"{where}-{truth.line_end} {got}", keep)
        if not first_ok:
            acc.fail("first paragraph", f"{where} {_where_paragraph(doc, articles, truth, 0)}", keep)
        if not last_ok:
            acc.fail("last paragraph", f"{where}-{truth.line_end} {_where_paragraph(doc, articles, truth, -1)}", keep)
        # real paragraph boundaries must stay; planted breaks (below) must go
        near_text = paragraphs_of(near)
        for k in range(len(truth.paragraphs) - 1):
            acc.boundaries += 1
            probe = non_space(truth.paragraphs[k])[-JOIN_PROBE:] + non_space(truth.paragraphs[k + 1])[:JOIN_PROBE]
            if probe not in blocks_in and probe in near_text:
                acc.false_joins += 1
                acc.fail("false join", f"{where} joined {_short(truth.paragraphs[k][-16:])!r} + "
                                       f"{_short(truth.paragraphs[k + 1][:16])!r}", keep)
    for before, after in zip(dump.articles, dump.articles[1:]):
        acc.article_boundaries += 1
        tail = non_space(before.last_paragraph)[-JOIN_PROBE:]
        near_text = paragraphs_of(overlapping(before.line_end, after.line_end))
        for start in (after.headlines[0][1], after.first_paragraph):
            probe = tail + non_space(start)[:JOIN_PROBE]
            if probe not in blocks_in and probe in near_text:
                acc.false_article_joins += 1
                acc.fail("false join across articles", f"{dump.path}:{before.line_end} glued "
                                                       f"{_short(before.last_paragraph[-16:])!r} + {_short(start[:16])!r}", keep)
                break
    for brk in dump.breaks:
        acc.breaks += 1
        probe = non_space(brk.before)[-JOIN_PROBE:] + non_space(brk.after)[:JOIN_PROBE]
        if probe in paragraphs_of(overlapping(brk.before_line, brk.after_line)):
            acc.breaks_rejoined += 1
        else:
            acc.fail("break not rejoined", f"{dump.path}:{brk.before_line}/{brk.after_line} "
                                           f"…{_short(brk.before[-14:], 14)!r} | {_short(brk.after[:14], 14)!r}", keep)


def _where_paragraph(doc, articles, truth, k: int) -> str:
    """Which record took truth paragraph ``k`` (0 or -1) and how its text differs."""
    line = truth.paragraph_lines[k]
    # the last character of the paragraph's first line: past any byline a splitter moved out of the body
    offset = doc.line_starts[line] - 2 if line < len(doc.line_starts) else len(doc.text) - 1
    if k == -1:
        offset = doc.line_starts[truth.line_end] - 2 if truth.line_end < len(doc.line_starts) else len(doc.text) - 1
    record, index = paragraph_at(articles, offset)
    if record is None:
        return "in no record's body"
    text = record.body[index].text
    if index == 0 and record.byline is not None:
        text = record.byline.text + text
    head = f"{record.kind}@{record.line_start}-{record.line_end} body[{index}/{len(record.body)}]"
    if non_space(text) != non_space(truth.paragraphs[k]):
        return f"{head}: {describe(truth.paragraphs[k], text)}"
    if k == 0:
        return f"{head}: intact, but the record starts earlier"
    return f"{head}: intact, but the record runs on"


def naive_split(data: bytes, encoding: str) -> list[str]:
    """The baseline: decode, normalise CRLF, cut at blank lines, strip each block."""
    text = data.decode(encoding).replace("\r\n", "\n")
    return [b for b in (block.strip() for block in text.split("\n\n")) if b]


def best_time(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


#: What the splitter must reach on the held-out month (issue 9), per headline style.
TARGET_WHOLE = 0.93
TARGET_FALSE_JOINS = 5.0  # per 1,000 boundaries (real paragraph boundaries and article boundaries)


def met(ok: bool) -> str:
    """How a figure against its target is printed."""
    return "met" if ok else "NOT met"
TARGET_MB_S = 10.0


def style_figures(acc: Accuracy) -> dict:
    def share(n: int, d: int) -> float | None:
        return round(n / d, 4) if d else None

    joins = acc.false_joins + acc.false_article_joins
    bounds = acc.boundaries + acc.article_boundaries
    return {
        "pages": acc.pages, "articles": acc.articles,
        "whole_article": share(acc.whole_found, acc.articles),
        "main_headline": share(acc.main_found, acc.main_certain), "main_headline_of": acc.main_certain,
        "headline_stack": share(acc.stack_found, acc.articles),
        "first_paragraph": share(acc.first_found, acc.articles),
        "last_paragraph": share(acc.last_found, acc.articles),
        "breaks": acc.breaks, "breaks_rejoined": share(acc.breaks_rejoined, acc.breaks),
        "false_joins_per_1000_boundaries": round(1000 * joins / bounds, 2) if bounds else None,
        "false_joins_in_articles": acc.false_joins, "paragraph_boundaries": acc.boundaries,
        "false_joins_across_articles": acc.false_article_joins, "article_boundaries": acc.article_boundaries,
        "lossless_pages": share(acc.pages_lossless, acc.pages),
        "records": dict(acc.records),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=corpus.non_negative(), default=0.0,
                        help="UTF-8 megabytes of page text per style (default 0: the whole month)")
    parser.add_argument("--damage", default="light",
                        help="none, light, heavy, or key=prob,… (default light)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--months", default=corpus.HELD_OUT_MONTH,
                        help=f"corpus months to render, comma-separated (default {corpus.HELD_OUT_MONTH}, the month "
                             "the tagger was neither trained nor tuned on)")
    parser.add_argument("--style", choices=corpus.HEADLINE_STYLES,
                        help="only this headline style (default: each style in turn, every page in each)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs; the best is reported (default 1)")
    parser.add_argument("--failures", type=int, default=0, metavar="N",
                        help="print up to N examples of each kind of failure to stderr")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--model", type=Path, metavar="FILE",
                        help="a tagger model to measure instead of the packaged one (a dev run of "
                             "bench/train_split_tagger.py --out FILE)")
    args = parser.parse_args(argv)
    try:
        damage = corpus.Damage.parse(args.damage)
    except ValueError as exc:
        parser.error(str(exc))

    if corpus.corpus_dir() is None:
        print("corpus absent: skipping")
        return 0
    try:
        from newskit.io import decode
        from newskit.split import split_document
    except ImportError as exc:
        print(f"splitter not available ({exc}): skipping")
        return 0
    import newskit.split as split_module

    if args.model:
        from newskit.split import split_with_year, tagger

        try:
            model = tagger.TaggerModel.load(args.model)
        except (OSError, ValueError) as exc:
            parser.error(f"--model {args.model}: {exc}")

        def split_document(doc):  # noqa: F811  the same split, with this model instead of the packaged one
            return split_with_year(doc, model)[0]

    to_record = getattr(split_module, "article_to_record", None)
    record_text = getattr(split_module, "record_text", None) if to_record else None
    months = [m.strip() for m in args.months.split(",") if m.strip()]
    unknown = sorted(set(months) - set(corpus.corpus_months()))
    if unknown or not months:
        parser.error(f"no corpus month {', '.join(unknown) or '(none given)'}; the corpus has "
                     f"{', '.join(corpus.corpus_months())}")
    styles = [args.style] if args.style else list(corpus.HEADLINE_STYLES)
    target = int(args.mb * 1_000_000) if args.mb else 10**12

    t0 = time.perf_counter()
    dumps = [d for style in styles
             for d in corpus.build_dumps(target, damage, seed=args.seed, headline_style=style, months=months)]
    size = sum(d.utf8_size for d in dumps)
    print(f"built {len(dumps)} page dumps of {','.join(months)} in {len(styles)} style(s), {size / 1e6:.2f} MB, "
          f"{sum(len(d.articles) for d in dumps)} articles in {time.perf_counter() - t0:.1f} s "
          f"(damage {args.damage}, seed {args.seed})", file=sys.stderr)

    def run_naive() -> None:
        for d in dumps:
            naive_split(d.data, d.encoding)

    results: list = []

    def run_split() -> None:
        results.clear()
        for d in dumps:
            doc = decode(d.data, d.path)
            results.append((doc, split_document(doc)))

    naive_s = best_time(run_naive, max(3, args.repeat))
    split_s = best_time(run_split, args.repeat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # Peak memory of splitting one page at a time (tracemalloc slows the run, so it is a separate pass).
    results_for_eval = list(results)
    results.clear()
    tracemalloc.start()
    peak_page = peak_per_kb = 0.0
    for d in dumps:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        split_document(decode(d.data, d.path))
        peak = tracemalloc.get_traced_memory()[1] - base
        peak_page = max(peak_page, peak)
        peak_per_kb = max(peak_per_kb, peak / max(1, d.utf8_size / 1000))
    tracemalloc.stop()

    keep = max(args.failures, 0)
    by_style = {style: Accuracy() for style in styles}
    for d, (doc, articles) in zip(dumps, results_for_eval):
        evaluate_page(d, doc, articles, to_record, by_style[d.headline_style], keep, record_text)

    split_mbs = size / 1e6 / split_s
    naive_mbs = size / 1e6 / naive_s
    per_style = {style: style_figures(acc) for style, acc in by_style.items()}
    whole_met = {s: (f["whole_article"] or 0) >= TARGET_WHOLE for s, f in per_style.items()}
    joins_met = {s: (f["false_joins_per_1000_boundaries"] or 0) <= TARGET_FALSE_JOINS for s, f in per_style.items()}
    lossless_met = {s: f["lossless_pages"] == 1.0 for s, f in per_style.items()}
    figures = {
        "input_mb": round(size / 1e6, 3), "pages": len(dumps), "months": months, "damage": args.damage,
        "seed": args.seed, "split_mb_s": round(split_mbs, 3), "naive_mb_s": round(naive_mbs, 3),
        "ratio_to_naive": round(split_mbs / naive_mbs, 5), "split_seconds": round(split_s, 3),
        "target_mb_s": TARGET_MB_S, "meets_speed_target": split_mbs >= TARGET_MB_S,
        "peak_traced_mb_per_page": round(peak_page / 1e6, 2), "peak_traced_kb_per_input_kb": round(peak_per_kb / 1e3, 1),
        "max_rss_mb": round(rss_mb, 1),
        "target_whole_article": TARGET_WHOLE, "target_false_joins_per_1000": TARGET_FALSE_JOINS,
        "styles": per_style, "whole_article_met": whole_met, "false_joins_met": joins_met,
        "lossless_met": lossless_met,
        "record_fields": ("record_text(article_to_record)" if record_text else "article_to_record fields")
        if to_record else "Article.texts()",
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        pct = lambda v: "n/a" if v is None else f"{100 * v:.1f}%"  # noqa: E731
        print(f"split: {split_mbs:.2f} MB/s = {split_mbs / naive_mbs:.3f}x of naive paragraph splitting "
              f"({naive_mbs:.1f} MB/s); target {TARGET_MB_S:g} MB/s {met(split_mbs >= TARGET_MB_S)}")
        print(f"  input {size / 1e6:.2f} MB UTF-8 of {','.join(months)}, {len(dumps)} pages, {split_s:.2f} s; "
              f"damage {args.damage}, seed {args.seed}")
        print(f"  memory: peak {peak_page / 1e6:.1f} MB traced per page ({peak_per_kb / 1e3:.1f} KB per KB of "
              f"input at most), max RSS {rss_mb:.0f} MB (whole process)")
        print(f"  {'style':<9} {'articles':>8} {'whole':>7} {'target':>7}   {'main':>6} {'stack':>6} {'first':>6} "
              f"{'last':>6} {'rejoin':>7} {'false joins/1000':>17}   {'lossless':>8}")
        for style, f in per_style.items():
            print(f"  {style:<9} {f['articles']:>8} {pct(f['whole_article']):>7} "
                  f"{'≥' + format(TARGET_WHOLE, '.2f'):>7} {met(whole_met[style]):>7}  "
                  f"{pct(f['main_headline']):>6} {pct(f['headline_stack']):>6} {pct(f['first_paragraph']):>6} "
                  f"{pct(f['last_paragraph']):>6} {pct(f['breaks_rejoined']):>7} "
                  f"{f['false_joins_per_1000_boundaries']:>6} (≤{TARGET_FALSE_JOINS:g}) {met(joins_met[style]):>7}  "
                  f"{pct(f['lossless_pages']):>8}")
        for style, f in per_style.items():
            print(f"  {style}: false joins {f['false_joins_in_articles']} of {f['paragraph_boundaries']} paragraph "
                  f"boundaries, {f['false_joins_across_articles']} of {f['article_boundaries']} article "
                  f"boundaries; records {', '.join(f'{k} {v}' for k, v in sorted(f['records'].items()))}")
    if keep:
        for style, acc in by_style.items():
            for kind, examples in acc.failures.items():
                print(f"-- {style}: {kind}", file=sys.stderr)
                for line in examples:
                    print(f"   {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
