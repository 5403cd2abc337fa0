#!/usr/bin/env python
"""Dedupe benchmark: newskit's winnowed n-gram index vs datasketch MinHashLSH, on the same corpus, same run.

    python bench/dedupe_bench.py                     # 100,000 paragraphs, baseline, scale and archive runs
    python bench/dedupe_bench.py --paragraphs 20000 --no-archive   # a quicker look

The baseline is datasketch (bench only, never a newskit dependency). If it is missing the script runs
``python -m pip install datasketch`` first; ``--no-baseline`` skips it.

Corpus: paragraphs of ../shared/corpus (People's Daily 2019–2020 and 新闻联播 transcripts; gz JSONL, read
at run time, never copied into the repo). The script skips with a message when the corpus is absent.
Natural repeats are filtered out of the pool first (exact matching text, or sharing a quarter of their
winnowed 10-grams with an earlier paragraph), then 1% exact, 1% near and 1% contained duplicates are
planted with known answers:

- exact: the paragraph again, printed with half-width punctuation and OCR spaces (same matching text);
- near: 1 to 4% of its Han characters substituted, inserted or deleted;
- contained: half embedded between 30–150-character runs of other text, half a truncated fragment
  (30–70% of the paragraph), the case of seed 000:27–31.

Both engines end with the same rapidfuzz verification (newskit.dedupe.verify), so the comparison is
about candidate generation: recall and precision per kind, wall time end to end (fingerprints or
sketches, index, candidates, verification), paragraphs/s and peak RSS, each run in its own process.
Then newskit alone at 25k / 50k / 100k paragraphs in memory, and an archive grown to the same sizes
with a fixed query dump checked against it, to show memory growing linearly (or not at all).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = next((d / "shared" / "corpus" for d in REPO.parents if (d / "shared" / "corpus").is_dir()),
              REPO.parent / "shared" / "corpus")

from newskit.dedupe.normalize import matching_text  # noqa: E402

PLANT_SHARE = 0.01  # of each kind
MIN_LEN, MAX_LEN = 20, 1200  # matching characters of a pool paragraph
FULL_TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})
KINDS = ("exact", "near", "contained", "overlap")
QUERY_KINDS = KINDS[:3]
OWNERS = 8  # kept paragraphs remembered per n-gram by the pool filter
#: 新闻联播 transcripts open most items with this credit; like 本报讯 it is a standing line, not content.
CREDIT = "央视网消息（新闻联播）："


# -- corpus ---------------------------------------------------------------------------------------------

def load_paragraphs(corpus: Path) -> list[tuple[str, str]]:
    """(dump, paragraph) in corpus order; a People's Daily page or a 新闻联播 day is one dump."""
    out: list[tuple[str, str]] = []
    for path in sorted(corpus.glob("*.jsonl.gz")):
        source = path.name.split("-")[0]
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                dump = f"{source}/{rec['date']}" + (f"-p{rec['page']:02d}" if "page" in rec else "") + ".txt"
                for para in rec["body"].split("\n"):
                    para = para.strip().removeprefix(CREDIT)
                    if MIN_LEN <= len(matching_text(para)) <= MAX_LEN:
                        out.append((dump, para))
    return out


def unique_pool(paragraphs: list[tuple[str, str]], need: int) -> list[tuple[str, str]]:
    """Paragraphs with no natural repeat among those kept (a filter independent of newskit's engine).

    Drop a paragraph when it shares a quarter of the smaller side's 8-grams (every other one kept) with
    one kept paragraph: stricter than any duplicate newskit reports, so what remains is unique.
    """
    seen_text: set[str] = set()
    index: dict[int, int | list[int]] = {}
    sizes: list[int] = []
    kept: list[tuple[str, str]] = []
    for dump, para in paragraphs:
        norm = matching_text(para)
        if norm in seen_text:
            continue
        codes = tuple(map(ord, norm))  # hash(str) changes per process; a tuple of ints hashes the same
        grams = [hash(codes[i:i + 8]) for i in range(len(codes) - 7)] or [hash(codes)]
        fps = set(map(min, grams, grams[1:] + grams[-1:]))
        shared: dict[int, int] = {}
        for h in fps:
            owners = index.get(h)
            if owners is not None:
                for owner in ([owners] if owners.__class__ is int else owners):
                    shared[owner] = shared.get(owner, 0) + 1
        if any(n * 4 >= min(len(fps), sizes[owner]) for owner, n in shared.items()):
            continue
        k = len(kept)
        for h in fps:
            owners = index.get(h)
            if owners is None:
                index[h] = k
            elif owners.__class__ is int:
                index[h] = [owners, k]
            elif len(owners) < OWNERS:
                owners.append(k)
        seen_text.add(norm)
        sizes.append(len(fps))
        kept.append((dump, para))
        if len(kept) >= need:
            break
    return kept


def _han_positions(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]


def make_exact(text: str, rng: random.Random) -> str:
    out = text.translate(FULL_TO_HALF)
    han = _han_positions(out)
    for i in sorted(rng.sample(han, min(2, len(han))), reverse=True):
        out = out[:i] + " " + out[i:]
    return out


def make_near(text: str, rng: random.Random, donor: str) -> str:
    from rapidfuzz.distance import Indel

    norm = matching_text(text)
    han = _han_positions(text)
    edits = rng.randint(1, max(1, int(0.04 * len(norm))))
    out = list(text)
    for i in sorted(rng.sample(han, min(edits, len(han))), reverse=True):
        op = rng.choice(("sub", "ins", "del"))
        new = rng.choice(donor)
        if op == "sub":
            out[i] = new if new != out[i] else "之"
        elif op == "ins":
            out.insert(i, new)
        else:
            del out[i]
    near = "".join(out)
    if matching_text(near) == norm or Indel.normalized_similarity(matching_text(near), norm) < 0.9:
        near = text[: han[0]] + ("之" if text[han[0]] != "之" else "乎") + text[han[0] + 1:]
    return near


def make_container(text: str, rng: random.Random, filler: str) -> str:
    size = len(matching_text(text))
    extra = max(60, int(0.4 * size))
    before = rng.randint(min(30, extra // 2), min(150, extra - 30))
    after = max(30, extra - before)
    start = rng.randrange(0, max(1, len(filler) - before - after))
    return filler[start:start + before] + text + filler[start + before:start + before + after]


def make_overlap(text: str, rng: random.Random, filler: str) -> str:
    """A reprint cut differently: the last 40–60% of the paragraph (at least 50 letters and digits, over the
    default --min-overlap), then other text half to all as long again — too long a tail for the copy to be
    'contained' in the paragraph, so the pair is an overlap by any reading."""
    cut = int(len(text) * rng.uniform(0.4, 0.6))
    while cut > 0 and len(matching_text(text[cut:])) < 50:
        cut -= 1
    shared = text[cut:]
    extra = max(30, int(len(shared) * rng.uniform(0.5, 1.0)))
    start = rng.randrange(0, max(1, len(filler) - extra))
    return shared + filler[start:start + extra]


def make_fragment(text: str, rng: random.Random) -> str:
    cut = int(len(text) * rng.uniform(0.3, 0.7))
    return text[:cut]


def build(corpus: Path, total: int, queries: int, seed: int = 7):
    """The benchmark corpus: items (dump, text), planted truth, and a query dump for the archive runs."""
    rng = random.Random(seed)
    paragraphs = load_paragraphs(corpus)
    rng.shuffle(paragraphs)
    n_plant = int(total * PLANT_SHARE)
    n_base = total - 4 * n_plant
    pool = unique_pool(paragraphs, n_base + queries + 4000)
    if len(pool) < n_base + queries + 4000:
        raise SystemExit(f"corpus too small: {len(pool)} unique paragraphs")
    base, query_pool, fillers = pool[:n_base], pool[n_base:n_base + queries], pool[n_base + queries:]
    filler_text = "".join(p for _, p in fillers)
    dumps = sorted({d for d, _ in base})
    items = list(base)
    truth: set[tuple[str, int, int]] = set()  # (kind, a, b): unordered a<b for exact/near; a inside b
    long_enough = [i for i, (_, p) in enumerate(base) if len(matching_text(p)) >= 60]
    chosen = rng.sample(long_enough, 3 * n_plant)
    longer = [i for i in long_enough if len(matching_text(base[i][1])) >= 100 and i not in set(chosen)]
    for src in rng.sample(longer, n_plant):  # overlap: the second half printed again, then other text
        new = len(items)
        items.append((rng.choice(dumps), make_overlap(base[src][1], rng, filler_text)))
        truth.add(("overlap", src, new))
    for k, src in enumerate(chosen):
        text = base[src][1]
        kind = KINDS[k % 3]
        new = len(items)
        if kind == "exact":
            items.append((rng.choice(dumps), make_exact(text, rng)))
            truth.add(("exact", src, new))
        elif kind == "near":
            items.append((rng.choice(dumps), make_near(text, rng, filler_text[k % 5000:k % 5000 + 200])))
            truth.add(("near", src, new))
        elif k % 2:
            items.append((rng.choice(dumps), make_container(text, rng, filler_text)))
            truth.add(("contained", src, new))
        else:
            items.append((rng.choice(dumps), make_fragment(text, rng)))
            truth.add(("contained", new, src))
    # Read in a random order, so a planted copy may come before or after its source, in any dump.
    order = list(range(len(items)))
    rng.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    items = [items[i] for i in order]
    truth = {_pair(kind, position[a], position[b]) for kind, a, b in truth}

    # Query dump for the archive: half copies of archived paragraphs from the first 25k (not already in a
    # planted pair), half unrelated paragraphs.
    planted = {i for _, a, b in truth for i in (a, b)}
    eligible = [i for i in range(min(25_000, len(items)) ) if i not in planted and len(matching_text(items[i][1])) >= 60]
    sources = rng.sample(eligible, queries // 2)
    query: list[tuple[str, str]] = []
    query_truth: set[tuple[str, int, int]] = set()  # (kind, archive id, query id) / contained: (kind, inner, outer) with query ids negative-1
    for k, src in enumerate(sources):
        text = items[src][1]
        kind = QUERY_KINDS[k % 3]
        q = len(query)
        if kind == "exact":
            query.append(("query.txt", make_exact(text, rng)))
            query_truth.add(("exact", src, -q - 1))
        elif kind == "near":
            query.append(("query.txt", make_near(text, rng, filler_text[k % 5000:k % 5000 + 200])))
            query_truth.add(("near", src, -q - 1))
        else:
            query.append(("query.txt", make_container(text, rng, filler_text)))
            query_truth.add(("contained", src, -q - 1))
    query.extend(("query.txt", p) for _, p in query_pool[: queries - len(query)])
    return items, truth, query, query_truth


def _pair(kind: str, a: int, b: int) -> tuple[str, int, int]:
    if kind == "contained":
        return kind, a, b
    return kind, min(a, b), max(a, b)


# -- child processes: one engine run each, so peak RSS is that run's own ----------------------------------

def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it does not inherit the parent's)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_newskit(items: list[tuple[str, str]], threshold: float = 0.9, stages: str = "compiled") -> dict:
    """newskit's engine end to end; ``stages="numpy"`` swaps in the NumPy fingerprints and self-join it had
    before the compiled core (bench/reference.py loads them from git), the same-run baseline. Fingerprinting
    (engine.unit_postings: code points, n-gram hashes, winnowing) and counting (candidates.self_join) are
    timed inside the run."""
    from newskit.dedupe import DedupeSettings, Passage, candidates, engine, fingerprint, run

    if stages == "numpy":
        import reference

        old_fp, old_cand, _ = reference.numpy_dedupe_stages()
        fingerprint.codes_of, fingerprint.winnow, candidates.self_join = old_fp.codes_of, old_fp.winnow, \
            old_cand.self_join
    spent = {"fingerprint": 0.0, "self_join": 0.0}

    def timed(name, fn):
        def call(*args, **kw):
            t = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                spent[name] += time.perf_counter() - t
        return call

    engine.unit_postings = timed("fingerprint", engine.unit_postings)
    candidates.self_join = timed("self_join", candidates.self_join)
    passages = [Passage(text=t, path=d, line=i + 1) for i, (d, t) in enumerate(items)]
    loaded = peak_rss_mb()
    t0 = time.perf_counter()
    result = run(passages, DedupeSettings(threshold=threshold, boilerplate_min_dumps=0))
    seconds = time.perf_counter() - t0
    pairs = [_pair(d.kind, d.a.passage, d.b.passage) for d in result.duplicates]
    clusters = sorted(sorted(m.passage for m in c.members) for c in result.clusters)
    return {"pairs": pairs, "clusters": clusters, "seconds": seconds, "peak_mb": peak_rss_mb(), "loaded_mb": loaded,
            "fingerprint_seconds": spent["fingerprint"], "self_join_seconds": spent["self_join"]}


def child_minhash(items: list[tuple[str, str]]) -> dict:
    """datasketch MinHashLSH (Jaccard 0.5, 128 permutations, character 5-grams) + newskit's verification.

    Exact copies (the same matching text) pair with their first printing without verification, as in
    newskit, so a line printed on every page costs the baseline no more than it costs newskit."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    from newskit.dedupe.engine import DedupeSettings
    from newskit.dedupe.verify import verify

    settings = DedupeSettings()
    loaded = peak_rss_mb()
    t0 = time.perf_counter()
    norms = [matching_text(t) for _, t in items]
    shingles = [{s[i:i + 5].encode("utf-8") for i in range(max(1, len(s) - 4))} for s in norms]
    sketches = [LeanMinHash(m) for m in MinHash.bulk(shingles, num_perm=128)]
    del shingles
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    with lsh.insertion_session() as session:
        for i, m in enumerate(sketches):
            session.insert(i, m)
    pairs = []
    first: dict[str, int] = {}
    for i, norm in enumerate(norms):
        first.setdefault(norm, i)
    for i, m in enumerate(sketches):
        for j in lsh.query(m):
            if j <= i:
                continue
            if norms[i] == norms[j]:  # exact copies pair with the first printing only, unverified (as newskit)
                if first[norms[i]] == i:
                    pairs.append(_pair("exact", i, j))
                continue
            match = verify(norms[i], norms[j], threshold=settings.threshold, ngram=settings.n,
                           max_chars=settings.max_align_chars, min_overlap=settings.overlap_chars)
            if match is None:
                continue
            if match.relation.value == "contained":
                pairs.append(_pair("contained", *((i, j) if match.x_inside else (j, i))))
            else:
                pairs.append(_pair(match.relation.value, i, j))
    seconds = time.perf_counter() - t0
    return {"pairs": pairs, "seconds": seconds, "peak_mb": peak_rss_mb(), "loaded_mb": loaded}


def child_archive_add(db: str, items: list[tuple[str, str]], start: int) -> dict:
    from newskit.dedupe import DedupeSettings, Passage
    from newskit.dedupe.archive import Archive

    passages = [Passage(text=t, path=d, line=start + i + 1) for i, (d, t) in enumerate(items)]
    loaded = peak_rss_mb()
    t0 = time.perf_counter()
    with Archive.open(db, DedupeSettings(boilerplate_min_dumps=0), create=True) as archive:
        archive.add(passages)
        size = archive.count()[1]
    return {"seconds": time.perf_counter() - t0, "peak_mb": peak_rss_mb(), "loaded_mb": loaded, "size": size,
            "db_mb": os.path.getsize(db) / 2**20}


def child_archive_check(db: str, query: list[tuple[str, str]]) -> dict:
    from newskit.dedupe import DedupeSettings, Passage
    from newskit.dedupe.archive import Archive, check

    passages = [Passage(text=t, path=d, line=-i) for i, (d, t) in enumerate(query)]  # line -i: query id
    loaded = peak_rss_mb()
    t0 = time.perf_counter()
    with Archive.open(db, DedupeSettings(boilerplate_min_dumps=0)) as archive:
        result = check(passages, archive)
    pairs = []
    for d in result.duplicates:
        ids = [loc.line - 1 for loc in (d.a, d.b)]  # archived: line i + 1; query: line -i, id -i - 1
        if d.kind == "contained":
            pairs.append(("contained", ids[0], ids[1]))
        else:
            archived = [i for i in ids if i >= 0]
            queried = [i for i in ids if i < 0]
            pairs.append((d.kind, archived[0] if archived else ids[0], queried[0] if queried else ids[1]))
    return {"pairs": pairs, "seconds": time.perf_counter() - t0, "peak_mb": peak_rss_mb(), "loaded_mb": loaded}


TARGET_FINGERPRINT = 5.0  # compiled fingerprinting vs the NumPy stages it replaced (issue 14)
TARGET_VS_MINHASH = 3.0  # the whole run vs datasketch MinHashLSH


def met(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def compiled_report(now: dict, before: dict) -> None:
    """The compiled stages against the NumPy ones, same corpus, same bench run: speed, memory, output."""
    fp = before["fingerprint_seconds"] / max(now["fingerprint_seconds"], 1e-9)
    sj = before["self_join_seconds"] / max(now["self_join_seconds"], 1e-9)
    same = sorted(map(tuple, now["pairs"])) == sorted(map(tuple, before["pairs"])) and \
        now["clusters"] == before["clusters"]
    print(f"  compiled core vs the NumPy stages (same run): fingerprinting {now['fingerprint_seconds']:.2f} s vs "
          f"{before['fingerprint_seconds']:.2f} s = {fp:.1f}x faster, target {TARGET_FINGERPRINT:g}x "
          f"{met(fp >= TARGET_FINGERPRINT)}; candidate counting {now['self_join_seconds']:.2f} s vs "
          f"{before['self_join_seconds']:.2f} s = {sj:.1f}x; whole run {now['seconds']:.1f} s vs "
          f"{before['seconds']:.1f} s = {before['seconds'] / now['seconds']:.2f}x")
    print(f"  peak memory {now['peak_mb']:.0f} MB vs {before['peak_mb']:.0f} MB before, target no higher "
          f"(1% RSS noise allowed) {met(now['peak_mb'] <= before['peak_mb'] * 1.01)}; pairs and clusters identical to before: "
          f"{met(same)} ({len(now['pairs']):,} pairs, {len(now['clusters']):,} clusters)")


def spawn(mode: str, data: Path, *extra: str) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", mode, "--data", str(data), *extra],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{run.stderr}")
    return json.loads(run.stdout.splitlines()[-1])


# -- scoring ---------------------------------------------------------------------------------------------

def score(pairs: list, truth: set, text_of=None, limit: int | None = None) -> dict[str, tuple]:
    """kind -> (recall, precision, planted, reported, natural).

    A reported pair that was not planted is a natural repeat the pool filter let through; it counts as
    correct only if difflib (independent of rapidfuzz) confirms it: same matching text for exact,
    ratio ≥ 0.85 for near, blocks covering 85% of the shorter text for contained.
    """
    if limit is not None:
        truth = {t for t in truth if t[1] < limit and t[2] < limit}
    reported = {tuple(p) for p in pairs}
    out = {}
    for kind in KINDS:
        want = {t for t in truth if t[0] == kind}
        got = {p for p in reported if p[0] == kind}
        hit = len(want & got)
        natural = [p for p in got - want if text_of is not None and _confirmed(p, text_of)]
        out[kind] = (hit / len(want) if want else 1.0, (hit + len(natural)) / len(got) if got else 1.0,
                     len(want), len(got), len(natural))
    return out


def _confirmed(pair, text_of) -> bool:
    import difflib

    kind, a, b = pair
    x, y = matching_text(text_of(a)), matching_text(text_of(b))
    if kind == "exact":
        return x == y
    matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
    if kind == "near":
        return matcher.ratio() >= 0.85
    if kind == "overlap":
        return _dovetail_confirmed(x, y)
    covered = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
    return covered >= 0.85 * len(x)


def _dovetail_confirmed(x: str, y: str, chars: int = 40, slack: int = 5) -> bool:
    """difflib's longest common run is long and runs off opposite ends of the two texts."""
    import difflib

    m = difflib.SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    if m.size < 0.85 * chars:
        return False
    x_start, x_end = m.a <= slack, len(x) - (m.a + m.size) <= slack
    y_start, y_end = m.b <= slack, len(y) - (m.b + m.size) <= slack
    return (x_end and y_start) or (x_start and y_end)



# -- page files through the CLI ------------------------------------------------------------------------

#: A standing line printed on every page (a masthead box): boilerplate, never a duplicate.
STANDING = "本报社址：北京市朝阳区金台西路2号　邮政编码：100733　广告许可证：京工商广字第003号"
PAGE_KINDS = ("exact", "near", "contained", "overlap", "fragment")
BREAK_SHARE = 0.03  # paragraphs printed across a column break (two blocks the reflow rejoins)


def load_pages(corpus: Path, months: tuple[str, ...]) -> list[list[tuple[list[str], list[str]]]]:
    """People's Daily pages in corpus order: each a list of (title lines, paragraphs) articles."""
    pages: dict[tuple[str, int], list[tuple[int, list[str], list[str]]]] = {}
    for path in sorted(corpus.glob("renmin-*.jsonl.gz")):
        if months and not any(m in path.name for m in months):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                paras = [p.strip() for p in rec["body"].split("\n") if p.strip()]
                if paras:
                    pages.setdefault((rec["date"], int(rec["page"])), []).append(
                        (int(rec.get("seq", 0)), [t.strip() for t in rec.get("title_lines", []) if t.strip()], paras))
    return [[(t, p) for _, t, p in sorted(arts)] for _, arts in sorted(pages.items())]


def build_pages(corpus: Path, want: int, months: tuple[str, ...], seed: int = 11):
    """Page dumps with planted pairs: (pages as lists of blocks, truth, paragraph texts by id).

    Natural repeats are removed first (the same filter as the raw run, over all paragraphs in corpus
    order). Then about 1% of the paragraphs per kind are planted in another page: exact, near, contained
    (inside other text) and overlap copies as a new paragraph inside an article, and truncated fragments
    (30–70% of a paragraph, cut mid-sentence) as an article's last paragraph, right before the next headline.
    """
    rng = random.Random(seed)
    pages = load_pages(corpus, months)
    # Title lines (k < 0) and paragraphs alike: a headline printed twice is a natural repeat too.
    flat = [(pi, ai, k, p) for pi, page in enumerate(pages) for ai, (titles, paras) in enumerate(page)
            for k, p in [*((-1 - j, t) for j, t in enumerate(titles)), *enumerate(paras)]]
    keep = {(pi, ai, k) for pi, ai, k, _ in
            (flat[i] for i in _unique_indices([p for *_, p in flat]))}
    chosen_pages, count = [], 0
    for pi, page in enumerate(pages):
        arts = [([t for j, t in enumerate(titles) if (pi, ai, -1 - j) in keep],
                 [p for k, p in enumerate(paras) if (pi, ai, k) in keep])
                for ai, (titles, paras) in enumerate(page)]
        arts = [(t, ps) for t, ps in arts if ps and t]
        if len(arts) >= 2:
            chosen_pages.append(arts)
            count += sum(len(ps) for _, ps in arts)
        if count >= want:
            break
    # Filler (text around contained copies, after overlap copies) from the pages after those used.
    filler = "".join(p for qi, page in enumerate(pages[pi + 1:pi + 80], pi + 1)
                     for ai, (_, paras) in enumerate(page) for k, p in enumerate(paras) if (qi, ai, k) in keep)
    if len(filler) < 20_000:  # every page of the months was used: take filler from another month
        other = [m for m in ("2019-02", "2019-10", "2020-01", "2020-02") if m not in months][:1]
        filler = "".join(p for page in load_pages(corpus, tuple(other))[-80:] for _, paras in page for p in paras)
    n_plant = max(1, int(count * PLANT_SHARE))
    # Paragraph ids: (page, article, index) of every original paragraph, before planting.
    sources = [(pi, ai, k) for pi, arts in enumerate(chosen_pages) for ai, (_, ps) in enumerate(arts)
               for k, p in enumerate(ps) if len(matching_text(p)) >= 100]
    picked = rng.sample(sources, n_plant * len(PAGE_KINDS))
    inserts: dict[tuple[int, int], list[tuple[int, str, str, tuple]]] = {}  # (page, art) -> (pos, kind, text, src)
    for k, src in enumerate(picked):
        kind = PAGE_KINDS[k % len(PAGE_KINDS)]
        text = chosen_pages[src[0]][src[1]][1][src[2]]
        target = rng.choice([i for i in range(len(chosen_pages)) if i != src[0]][:5000] or [src[0]])
        arts = chosen_pages[target]
        if kind == "fragment":
            ai = rng.randrange(len(arts) - 1)  # an article followed by another one's headline
            pos = len(arts[ai][1])
            copy = make_fragment(text, rng)
            while copy and copy[-1] in "，。、；：？！”）":
                copy = copy[:-1]  # cut mid-sentence, as a fragment left over from a column is
        else:
            ai = rng.randrange(len(arts))
            pos = rng.randint(1, len(arts[ai][1]))
            copy = {"exact": lambda: make_exact(text, rng),
                    "near": lambda: make_near(text, rng, filler[k % 5000:k % 5000 + 200]),
                    "contained": lambda: make_container(text, rng, filler),
                    "overlap": lambda: make_overlap(text, rng, filler)}[kind]()
        inserts.setdefault((target, ai), []).append((pos, kind, copy, src))
    dumps, truth, texts = [], set(), {}
    where: dict[tuple, tuple[str, int]] = {}  # paragraph id -> (file, line)
    planted: list[tuple[str, tuple, tuple]] = []
    for pi, arts in enumerate(chosen_pages):
        name = f"p{pi:05d}.txt"
        lines: list[str] = ["", ""]

        def block(text: str, pid=None) -> None:
            if len(lines) > 2:
                lines.append("")
            lines.append(text)
            if pid is not None:
                where[pid] = (name, len(lines))
                texts[(name, len(lines))] = pid

        for ai, (titles, paras) in enumerate(arts):
            items = [(("orig", pi, ai, k), p, None) for k, p in enumerate(paras)]
            for pos, kind, copy, src in sorted(inserts.get((pi, ai), []), key=lambda t: t[0], reverse=True):
                pid = ("plant", pi, ai, pos, len(planted))
                items.insert(min(pos, len(items)), (pid, copy, kind))
                planted.append((kind, ("orig", *src), pid))
            for title in titles:
                block(title)
            for pid, text, kind in items:
                cut = _column_break(text, rng) if kind != "fragment" and rng.random() < BREAK_SHARE else None
                if cut is None:
                    block(text, pid)
                else:  # printed across a column break: both blocks belong to the paragraph
                    block(text[:cut], pid)
                    block(text[cut:])
                    texts[(name, len(lines))] = pid
        block(STANDING)
        dumps.append((name, "\n".join(lines) + "\n"))
    for kind, src, copy in planted:
        if kind == "fragment":
            truth.add(("contained", copy, src, "fragment"))
        elif kind == "contained":
            truth.add(("contained", src, copy, kind))
        else:
            truth.add((kind, *sorted((src, copy)), kind))
    para_text = {pid: None for pid in where}
    global where_of
    where_of = lambda pid: "%s:%d" % where[pid]  # noqa: E731 (for the bench's report of misses)
    return dumps, truth, texts, len(where), para_text


def _unique_indices(paragraphs: list[str]) -> list[int]:
    """Indices of the paragraphs left after unique_pool's filter (no natural repeat among those kept)."""
    kept = unique_pool([(str(i), p) for i, p in enumerate(paragraphs)], len(paragraphs))
    return [int(d) for d, _ in kept]


def _column_break(text: str, rng: random.Random) -> int | None:
    """A mid-sentence cut (never next to punctuation), or None for a short paragraph."""
    spots = [i for i in range(10, len(text) - 10)
             if "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i] <= "\u9fff"]
    return rng.choice(spots) if spots else None


def child_pages(directory: str) -> dict:
    """The CLI on the page files (split included, default settings): its pairs and wall time."""
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "newskit", "dedupe", directory, "--format", "json"],
                         capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if run.returncode not in (0, 1):
        raise SystemExit(f"newskit dedupe failed ({run.returncode}): {run.stderr[-2000:]}")
    doc = json.loads(run.stdout)
    return {"seconds": seconds, "exit": run.returncode, "doc": doc}


def child_page_engines(directory: str, engine: str) -> dict:
    """Split the page files once, then time one engine on the passages (split time reported apart)."""
    from newskit.dedupe import DedupeSettings, article_passages
    from newskit.io import read_document
    from newskit.split import split_document

    t0 = time.perf_counter()
    passages = []
    for path in sorted(Path(directory).glob("*.txt")):
        doc = read_document(path)
        passages.extend(article_passages(doc, split_document(doc)))
    split_s = time.perf_counter() - t0
    loaded = peak_rss_mb()
    t0 = time.perf_counter()
    if engine == "newskit":
        from newskit.dedupe import run as dedupe_run

        result = dedupe_run(passages, DedupeSettings())
        sides = [(d.kind, (d.a.path, d.a.line), (d.b.path, d.b.line)) for d in result.duplicates]
    else:
        found = child_minhash([(p.dump_key, p.text) for p in passages])
        sides = []
        for kind, i, j in found["pairs"]:
            pa, pb = passages[i], passages[j]
            sides.append((kind, (pa.path, pa.position(0)[0]), (pb.path, pb.position(0)[0])))
    seconds = time.perf_counter() - t0
    return {"split_s": split_s, "seconds": seconds, "passages": len(passages), "sides": sides,
            "peak_mb": peak_rss_mb(), "loaded_mb": loaded}


def score_pages(sides, truth, texts, text_of_side=None) -> dict[str, tuple]:
    """kind -> (recall, planted) and relation -> (precision, reported, natural, unexplained examples)."""
    def pid(side):
        path, line = side
        return texts.get((Path(path).name, line))

    reported = set()
    unexplained = []
    shown = {}
    for kind, a, b, *rest in sides:
        a, b = tuple(a), tuple(b)
        x, y = pid(a) or ("?", *a), pid(b) or ("?", *b)
        r = (kind, x, y) if kind == "contained" else (kind, *sorted((x, y)))
        reported.add(r)
        shown[r] = (a, b, *rest)
    planted = {(k, x, y) for k, x, y, _ in truth}
    planted_pairs = {frozenset((x, y)): lab for _, x, y, lab in truth}
    found_pairs = {frozenset(r[1:]) for r in reported}
    recall = {}
    for label in PAGE_KINDS:
        want = [(k, x, y) for k, x, y, lab in truth if lab == label]
        hit = sum(1 for _, x, y in want if frozenset((x, y)) in found_pairs)
        same = sum(1 for t in want if t in reported)
        recall[label] = (hit / len(want) if want else 1.0, len(want), same / len(want) if want else 1.0)
    precision = {}
    for relation in KINDS:
        got = [r for r in reported if r[0] == relation]
        good = [r for r in got if r in planted or frozenset(r[1:]) in planted_pairs]
        natural = [r for r in got if r not in good and text_of_side is not None and text_of_side(r)]
        bad = [r for r in got if r not in good and r not in natural]
        unexplained.extend((r[0], shown[r]) for r in bad[:3])
        precision[relation] = ((len(good) + len(natural)) / len(got) if got else 1.0, len(got), len(natural))
    missed = [(lab, x, y) for _, x, y, lab in truth if frozenset((x, y)) not in found_pairs]
    return {"recall": recall, "precision": precision, "unexplained": unexplained, "missed": missed}


def pages_section(args, tmp: Path) -> None:
    t0 = time.perf_counter()
    dumps, truth, texts, paragraphs, _ = build_pages(args.corpus, args.page_paragraphs, tuple(args.months))
    folder = tmp / "pages"
    folder.mkdir()
    for name, text in dumps:
        (folder / name).write_text(text, encoding="utf-8")
    size = sum(len(t) for _, t in dumps)
    print(f"pages: {len(dumps):,} page files ({paragraphs:,} printed paragraphs, {size / 1e6:.1f} M characters, "
          f"months {', '.join(args.months) or 'all'}) with a standing line on every page; planted "
          + ", ".join(f"{sum(1 for t in truth if t[3] == k)} {k}" for k in PAGE_KINDS)
          + f"; {BREAK_SHARE:.0%} of paragraphs across a column break; built in {time.perf_counter() - t0:.0f} s")
    cli = child_pages(str(folder))
    doc = cli["doc"]
    sides = [(d["kind"], (d["a"]["path"], d["a"]["line"]), (d["b"]["path"], d["b"]["line"]), d["a"]["text"],
              d["b"]["text"]) for d in doc["duplicates"]]
    by_side = {}
    for kind, a, b, ta, tb in sides:
        by_side[(a, b)] = (ta, tb)

    def confirmed(r) -> bool:
        return False  # a pair not planted is unexplained: natural repeats were filtered out of the pages

    s = score_pages(sides, truth, texts, confirmed)
    rows = []
    for label in PAGE_KINDS:
        rec, n, same = s["recall"][label]
        rows.append([label, f"{n}", f"{rec:.4f}", "met" if rec >= 0.99 else "MISSED", f"{same:.4f}"])
    table("newskit dedupe DIR (CLI, split included, boilerplate at its default): recall per planted kind, "
          "target >= 0.99", rows, ["planted", "pairs", "recall", "target", "same relation"])
    print("  same relation: the pair reported with the planted relation (a fragment: contained); a pair whose "
          "printed paragraph the split cut or glued may be reported as another")
    for label, x, y in s["missed"][:8]:
        print(f"  missed {label}: {where_of(x)} / {where_of(y)}")
    rows = []
    for relation in KINDS:
        prec, n, natural = s["precision"][relation]
        rows.append([relation, f"{n}", f"{prec:.4f}", "met" if prec >= 0.99 else "MISSED"])
    table("precision per reported relation, target >= 0.99", rows, ["relation", "reported", "precision", "target"])
    for kind, (a, b, ta, tb) in s["unexplained"][:8]:
        print(f"  not planted: {kind} {Path(a[0]).name}:{a[1]} {ta[:30]!r} / {Path(b[0]).name}:{b[1]} {tb[:30]!r}")
    standing = [b for b in doc["boilerplate"] if matching_text(STANDING) in matching_text(b["text"])
                or matching_text(b["text"]) in matching_text(STANDING)]
    print(f"  standing line: {'boilerplate in ' + str(standing[0]['dumps']) + ' dumps' if standing else 'NOT boilerplate'}"
          f"; {len(doc['boilerplate'])} boilerplate passages in all; exit code {cli['exit']}")
    print(f"  CLI wall time {cli['seconds']:.1f} s for {len(dumps):,} files "
          f"({paragraphs / cli['seconds']:,.0f} printed paragraphs/s, split and start-up included)")
    if not args.no_baseline:
        # Each engine twice, alternating, the faster run kept: the machine is shared, and a burst of load
        # during one run should not decide the ratio.
        runs = [spawn_dir(mode, folder) for _ in range(2) for mode in ("page-newskit", "page-minhash")]
        n = min(runs[0::2], key=lambda r: r["seconds"])
        m = min(runs[1::2], key=lambda r: r["seconds"])
        sm = score_pages(m["sides"], truth, texts)
        sn = score_pages(n["sides"], truth, texts)
        rows = [[name, f"{r['split_s']:.1f}", f"{r['seconds']:.1f}", f"{r['passages'] / r['seconds']:,.0f}",
                 f"{r['peak_mb']:.0f}", " ".join(f"{sc['recall'][k][0]:.2f}" for k in PAGE_KINDS),
                 " ".join(f"{sc['precision'][k][0]:.2f}" for k in KINDS)]
                for name, r, sc in (("newskit", n, sn), ("MinHashLSH", m, sm))]
        table("engines on the same split passages (split timed apart, best of two runs each; recall per planted kind "
              + "/".join(PAGE_KINDS) + ", precision per relation " + "/".join(KINDS) + ")", rows, ["engine", "split s", "engine s", "passages/s", "peak MB", "recall", "precision"])
        ratio = m["seconds"] / n["seconds"]
        print(f"  newskit vs MinHashLSH on the split passages: {ratio:.2f}x faster "
              f"(target >= 3x: {'met' if ratio >= 3 else 'MISSED'}); "
              f"CLI end to end vs split + MinHashLSH: {(m['split_s'] + m['seconds']) / cli['seconds']:.2f}x")


def spawn_dir(mode: str, folder: Path) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", mode, "--data", str(folder)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{run.stderr}")
    return json.loads(run.stdout.splitlines()[-1])

def table(title: str, rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for r in [header, *rows]:
        print("  " + "  ".join(str(c).rjust(w) for c, w in zip(r, widths)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--paragraphs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=2_000)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--no-archive", action="store_true")
    ap.add_argument("--no-sweep", action="store_true")
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--child")
    ap.add_argument("--data")
    ap.add_argument("--db")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--page-paragraphs", type=int, default=20_000,
                    help="printed paragraphs in the page-file run (before planting)")
    ap.add_argument("--months", nargs="*", default=["2019-02", "2019-10", "2020-01"],
                    help="corpus months for the page files (2020-02 is the held-out month)")
    ap.add_argument("--no-pages", action="store_true", help="skip the page-file run through the CLI")
    ap.add_argument("--no-raw", action="store_true", help="skip the raw-passage runs")
    args = ap.parse_args()

    if args.child in ("page-newskit", "page-minhash"):
        print(json.dumps(child_page_engines(args.data, args.child.split("-")[1])))
        return
    if args.child:
        with open(args.data, "rb") as fh:
            items = pickle.load(fh)
        if args.child in ("newskit", "newskit-numpy"):
            out = child_newskit(items[: args.limit], args.threshold, "numpy" if args.child == "newskit-numpy" else "compiled")
        elif args.child == "minhash":
            out = child_minhash(items[: args.limit])
        elif args.child == "archive-add":
            out = child_archive_add(args.db, items[args.start: args.limit], args.start)
        else:
            out = child_archive_check(args.db, items)
        print(json.dumps(out))
        return

    if not args.corpus.is_dir() or not any(args.corpus.glob("*.jsonl.gz")):
        print(f"dedupe bench: skipped, corpus not found at {args.corpus}")
        return
    if not args.no_baseline:
        try:
            import datasketch  # noqa: F401
        except ImportError:
            print("dedupe bench: installing the bench-only baseline (pip install datasketch)", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "datasketch"], check=True)
    if not args.no_pages:
        with tempfile.TemporaryDirectory(prefix="dedupe-pages-") as tmp:
            pages_section(args, Path(tmp))
    if args.no_raw:
        return

    t0 = time.perf_counter()
    items, truth, query, query_truth = build(args.corpus, args.paragraphs, args.queries)
    chars = sum(len(t) for _, t in items)
    print(f"corpus: {len(items):,} paragraphs ({chars / 1e6:.1f} M characters, {len({d for d, _ in items}):,} dumps) "
          f"from {args.corpus}; planted " + ", ".join(f"{sum(1 for t in truth if t[0] == k)} {k}" for k in KINDS)
          + f"; built in {time.perf_counter() - t0:.0f} s")
    with tempfile.TemporaryDirectory(prefix="dedupe-bench-") as tmp:
        data = Path(tmp) / "items.pkl"
        with open(data, "wb") as fh:
            pickle.dump(items, fh)

        runs = {"newskit": spawn("newskit", data)}
        before = spawn("newskit-numpy", data)
        if not args.no_baseline:
            runs["MinHashLSH"] = spawn("minhash", data)
        rows = []
        for name, r in runs.items():
            s = score(r["pairs"], truth, lambda i: items[i][1])
            rows.append([name, *(f"{s[k][0]:.4f}/{s[k][1]:.4f}" for k in KINDS),
                         "/".join(str(s[k][4]) for k in KINDS), f"{r['seconds']:.1f}",
                         f"{len(items) / r['seconds']:,.0f}", f"{r['peak_mb']:.0f}",
                         f"{r['peak_mb'] - r['loaded_mb']:.0f}"])
        table(f"end to end on {len(items):,} paragraphs (recall/precision per kind)", rows,
              ["engine", *KINDS, "natural", "seconds", "paras/s", "peak MB", "engine MB"])
        print("  natural: reported pairs not planted but confirmed by difflib (counted as correct), per kind")
        if "MinHashLSH" in runs:
            n, m = runs["newskit"], runs["MinHashLSH"]
            ratio = m["seconds"] / n["seconds"]
            print(f"  newskit vs MinHashLSH: {ratio:.2f}x faster, {m['peak_mb'] / n['peak_mb']:.2f}x less peak memory;"
                  f" target {TARGET_VS_MINHASH:g}x {met(ratio >= TARGET_VS_MINHASH)}")
        compiled_report(runs["newskit"], before)

        if not args.no_scale:
            rows = []
            for size in (25_000, 50_000, len(items)):
                r = runs["newskit"] if size == len(items) else spawn("newskit", data, "--limit", str(size))
                s = score(r["pairs"], truth, lambda i: items[i][1], limit=size)
                engine_mb = r["peak_mb"] - r["loaded_mb"]
                rows.append([f"{size:,}", f"{min(v[0] for v in s.values()):.4f}", f"{min(v[1] for v in s.values()):.4f}",
                             f"{r['seconds']:.1f}", f"{size / r['seconds']:,.0f}", f"{r['peak_mb']:.0f}",
                             f"{engine_mb:.0f}", f"{engine_mb * 1024 / size:.2f}"])
            table("newskit in memory by size (min over kinds)", rows,
                  ["paragraphs", "recall", "precision", "seconds", "paras/s", "peak MB", "engine MB", "KB/para"])

        if not args.no_sweep:
            size = min(25_000, len(items))
            rows = []
            for threshold in (0.8, 0.85, 0.9, 0.95):
                r = spawn("newskit", data, "--limit", str(size), "--threshold", str(threshold))
                s = score(r["pairs"], truth, lambda i: items[i][1], limit=size)
                rows.append([f"{threshold:.2f}", *(f"{s[k][0]:.4f}/{s[k][1]:.4f}" for k in KINDS),
                             "/".join(str(s[k][4]) for k in KINDS)])
            table(f"--threshold on {size:,} paragraphs (recall/precision; natural pairs per kind)", rows,
                  ["threshold", *KINDS, "natural"])

        if not args.no_archive:
            db = Path(tmp) / "archive.db"
            qdata = Path(tmp) / "query.pkl"
            with open(qdata, "wb") as fh:
                pickle.dump(query, fh)
            rows = []
            start = 0
            for size in (25_000, 50_000, len(items)):
                add = spawn("archive-add", data, "--db", str(db), "--start", str(start), "--limit", str(size))
                start = size
                chk = spawn("archive-check", qdata, "--db", str(db))
                s = score(chk["pairs"], {t for t in query_truth if t[1] < size},
                          lambda i: items[i][1] if i >= 0 else query[-i - 1][1])
                rows.append([f"{size:,}", f"{add['seconds']:.1f}", f"{add['peak_mb']:.0f}", f"{add['db_mb']:.0f}",
                             f"{chk['seconds']:.1f}", f"{len(query) / chk['seconds']:,.0f}", f"{chk['peak_mb']:.0f}",
                             f"{min(v[0] for v in s.values()):.4f}", f"{min(v[1] for v in s.values()):.4f}"])
            table(f"archive: add in steps, then check a {len(query):,}-paragraph dump against it", rows,
                  ["archive", "add s", "add peak MB", "db MB", "check s", "check paras/s", "check peak MB",
                   "recall", "precision"])


if __name__ == "__main__":
    main()
