"""The dedupe engine: units → fingerprints → candidates → verified pairs → the best pair per passage pair.

Each stage is a pure function over plain data, so the same stages run on one machine (here, NumPy) or as
a Spark job over an archive too big for one:

1. units (units.py): every passage, and every printed paragraph inside a rejoined one;
2. fingerprints (fingerprint.py): winnowed character n-gram hashes of every unit, in one vectorised pass;
3. candidates (candidates.py): a self-join on the hash, n-grams in more than ``max_df`` passages dropped,
   pairs kept when they share enough of the smaller side (containment, which MinHash-Jaccard cannot see)
   or enough for a shared run of ``min_overlap`` characters;
4. verification (verify.py): exact, near, contained or overlap, with the aligned spans (rapidfuzz);
5. selection (``best_edges``): one pair per pair of passages, on the units that explain it best —
   the strongest relation (exact, near, contained, overlap), then the most text aligned.

Pairs come first; clusters are built from verified pairs only, and boilerplate — a passage recurring in a
large share of the dumps — is listed apart (``assemble``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from newskit import _core
from newskit.dedupe.normalize import matching_map, matching_text, original_span
from newskit.dedupe.passage import Passage
from newskit.dedupe.records import (
    Boilerplate, Cluster, DedupeResult, Duplicate, Location, Relation,
)
from newskit.dedupe.units import WHOLE, Units, make_units
from newskit.dedupe.verify import Match, verify
from newskit.runtime import paused_gc

EXCERPT_CONTEXT = 16
#: Default shortest overlap. Official formulas — meeting titles, slogans, a speaker's full title, up to
#: ~35 characters — end one paragraph and open another all the time: among 30,000 unrelated corpus
#: paragraphs, 32 dovetail over 15+ characters, 2 over 30+, 1 over 40+ (a templated report). A reprint cut
#: differently shares a sentence or more.
OVERLAP_CHARS = 40


@dataclass(frozen=True)
class DedupeSettings:
    """Tunables, with defaults measured by bench/dedupe_bench.py.

    min_chars: units with fewer matching characters (letters and digits after normalisation) are skipped.
    threshold: 0–1; near needs this whole-text similarity, contained and overlap this similarity of the
        aligned spans.
    min_overlap: matching characters an overlap must pair up (None: max(min_chars, OVERLAP_CHARS));
        0 turns overlap off.
    ngram: characters per n-gram; None picks 7, or about min_chars / 2 for short units (sentences).
    window: winnowing window (1 indexes every n-gram); None picks 4, or 1 for short units (n below 7).
    candidate: share of the smaller unit's fingerprints a pair must share to be verified.
    max_df: an n-gram in more passages than this is a stock phrase, not evidence, and is dropped.
    max_align_chars: the most text partial_ratio sees at once.
    boilerplate_min_dumps, boilerplate_share: a passage is boilerplate when it recurs in at least
        max(boilerplate_min_dumps, boilerplate_share × all dumps) distinct dumps (0 dumps: never).
    parts: also index the printed paragraphs inside rejoined passages.
    """

    min_chars: int = 15
    threshold: float = 0.9
    min_overlap: int | None = None
    ngram: int | None = None
    window: int | None = None
    candidate: float = 0.5
    max_df: int = 50
    max_align_chars: int = 2000
    boilerplate_min_dumps: int = 5
    boilerplate_share: float = 0.2
    parts: bool = True

    def __post_init__(self) -> None:
        if self.min_chars < 1:
            raise ValueError(f"min_chars must be at least 1, not {self.min_chars}")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
        if self.min_overlap is not None and self.min_overlap < 0:
            raise ValueError(f"min_overlap must not be negative, not {self.min_overlap}")
        if self.ngram is not None and not 2 <= self.ngram <= 32:
            raise ValueError(f"ngram must be between 2 and 32, not {self.ngram}")
        if self.window is not None and self.window < 1:
            raise ValueError(f"window must be at least 1, not {self.window}")
        if not 0 < self.candidate <= 1:
            raise ValueError(f"candidate must be in (0, 1], not {self.candidate}")
        if self.max_df < 2:
            raise ValueError(f"max_df must be at least 2, not {self.max_df}")
        if self.boilerplate_min_dumps < 0:
            raise ValueError(f"boilerplate_min_dumps must not be negative, not {self.boilerplate_min_dumps}")
        if not 0 <= self.boilerplate_share <= 1:
            raise ValueError(f"boilerplate_share must be in [0, 1], not {self.boilerplate_share}")

    @property
    def n(self) -> int:
        if self.ngram is not None:
            return self.ngram
        return 7 if self.min_chars >= 14 else max(3, self.min_chars // 2)

    @property
    def w(self) -> int:
        if self.window is not None:
            return self.window
        return 4 if self.n >= 7 else 1

    @property
    def overlap_chars(self) -> int | None:
        """Characters an overlap must pair up, or None when overlap is off."""
        chars = max(self.min_chars, OVERLAP_CHARS) if self.min_overlap is None else self.min_overlap
        return chars or None

    def boilerplate_dumps(self, total_dumps: int) -> int | None:
        """Distinct dumps a passage must recur in to be boilerplate, among ``total_dumps`` (None: never).

        A standing masthead, notice or weather box is printed in most issues; a reprint, however often,
        is printed in a few. A fixed count cannot tell them apart in an archive of hundreds of dumps, a
        share alone cannot in a handful, hence both: at least 5 dumps and at least 20% of them.
        """
        if not self.boilerplate_min_dumps:
            return None
        return max(self.boilerplate_min_dumps, math.ceil(self.boilerplate_share * total_dumps))


@dataclass(frozen=True, slots=True)
class Edge:
    """A verified pair between nodes — passages: input ones are 0.., archived ones negative — with the
    match in the passages' matching-text coordinates; ``parts`` says which unit of each side explained it."""

    x: int
    y: int
    match: Match
    parts: tuple[int, int] = (WHOLE, WHOLE)


# -- stage 2: fingerprints of units -------------------------------------------------------------------

def unit_postings(units: Units, n: int, w: int):
    """Winnowed fingerprints of every unit (fingerprint.Postings over unit ids)."""
    import numpy as np

    from newskit.dedupe.fingerprint import codes_of, winnow

    codes, offsets = codes_of(units.norms)
    base = offsets[np.asarray(units.group, dtype=np.int64)] if len(units) else np.zeros(0, np.int64)
    ranges = np.stack([base + np.asarray(units.start, dtype=np.int64),
                       base + np.asarray(units.end, dtype=np.int64)], axis=1) if len(units) else \
        np.zeros((0, 2), np.int64)
    return winnow(codes, ranges, n, w)


# -- stage 3: candidates --------------------------------------------------------------------------------

FULL = 1  # candidates.FULL, without importing NumPy at module load
#: Two printed paragraphs of one passage pair only when both are this long (matching characters): the reflow
#: glues a fragment to the paragraph it was cut from (seed 000), but also a headline to the lead restating it.
SAME_PASSAGE_CHARS = 30


def exact_pairs(units: Units) -> list[tuple[int, int]]:
    """Units with the same matching text, each paired with the first printing only."""
    first: dict[int, int] = {}
    out = []
    for u, key in enumerate(units.key):
        f = first.setdefault(key, u)
        if f != u and not _same_printing(units, f, u):
            out.append((f, u))
    return out


def _same_printing(units: Units, a: int, b: int) -> bool:
    """A passage and a part of itself (or itself): never a pair."""
    return units.group[a] == units.group[b] and (units.part[a] == WHOLE or units.part[b] == WHOLE)


#: Runs of at most this many units (lint's R201: a few paragraphs of one article) take the pure-Python path:
#: the same fingerprints and the same share rule, without NumPy's import and per-call costs.
SMALL_UNITS = 200


def self_candidates(units: Units, settings: DedupeSettings) -> list[tuple[int, int, int]]:
    """Unit pairs worth verifying, with what for (candidates.FULL or OVERLAP_ONLY) — stage 3 on one machine."""
    if len(units) <= SMALL_UNITS:
        return small_candidates(units, settings)
    import numpy as np

    from newskit.dedupe.candidates import overlap_shares, self_join, worth_verifying

    post = unit_postings(units, settings.n, settings.w)
    group = np.asarray(units.group, dtype=np.int64)
    counted, live = self_join(post, group, settings.max_df)
    overlap_needed = overlap_shares(settings.overlap_chars, settings.n, settings.w) \
        if settings.overlap_chars else 1 << 30
    mode = worth_verifying(counted, live[counted.a], live[counted.b], candidate=settings.candidate,
                           overlap_needed=overlap_needed)
    mask = mode > 0
    pairs = [(a, b, FULL) for a, b in exact_pairs(units)]
    return pairs + filter_copies(units, zip(counted.a[mask].tolist(), counted.b[mask].tolist(), mode[mask].tolist()))


def small_candidates(units: Units, settings: DedupeSettings) -> list[tuple[int, int, int]]:
    """``self_candidates`` without NumPy: the compiled small join, ``candidates.share_mode``."""
    from newskit.dedupe.candidates import overlap_shares, share_mode

    # Each unit's fingerprints (``keys.fingerprints``), postings, stock hashes (held by more than max_df
    # passages), live counts and shared counts per pair: compiled in one call from the units' texts
    # (rust/newskit-core/src/dedupe.rs, small_join_texts; no Python set per unit), pairs sorted.
    live, counted = _core.dedupe_small_join([units.text(u) for u in range(len(units))], units.group,
                                            settings.n, settings.w, settings.max_df)
    overlap_needed = overlap_shares(settings.overlap_chars, settings.n, settings.w) \
        if settings.overlap_chars else 1 << 30
    found = []
    for a, b, count in counted:
        mode = share_mode(count, live[a], live[b], candidate=settings.candidate, overlap_needed=overlap_needed)
        if mode:
            found.append((a, b, mode))
    return [(a, b, FULL) for a, b in exact_pairs(units)] + filter_copies(units, found)


def filter_copies(units: Units, pairs) -> list[tuple[int, int]]:
    """Drop pairs that are no pair: a unit and its own passage, exact copies (paired by ``exact_pairs``),
    and units of two passages that are copies of one text (each pairs with the first, whole to whole)."""
    key, group, part = units.key, units.group, units.part
    whole_key = {group[u]: key[u] for u in range(len(units)) if part[u] == WHOLE}
    out = []
    for a, b, mode in pairs:
        if key[a] == key[b] or _same_printing(units, a, b):
            continue
        ga, gb = group[a], group[b]
        if ga != gb:
            ka, kb = whole_key[ga], whole_key[gb]
            if ka == kb:
                continue  # exact copies of one passage: already paired whole to whole
        elif min(units.end[a] - units.start[a], units.end[b] - units.start[b]) < SAME_PASSAGE_CHARS:
            continue  # a headline glued in front of its lead paragraph restates it by design
        out.append((a, b, mode))
    return out


# -- stage 4 and 5: verification and selection -------------------------------------------------------

def verify_units(units: Units, pairs: Sequence[tuple[int, int, int]], settings: DedupeSettings) -> list[Edge]:
    """Verify unit pairs; each edge joins their passages, spans shifted into passage coordinates."""
    edges = []
    settled: set[tuple[int, int]] = set()  # passage pairs already exact whole to whole
    for a, b, mode in pairs:
        whole = units.part[a] == WHOLE and units.part[b] == WHOLE
        if not whole and (units.group[a], units.group[b]) in settled:
            continue
        match = verify_pair(units.text(a), units.text(b), settings, mode)
        if match is not None:
            if whole and match.rank == 0:
                settled.add((units.group[a], units.group[b]))
            edges.append(Edge(units.group[a], units.group[b], shifted(match, units.start[a], units.start[b]),
                              (units.part[a], units.part[b])))
    return edges


def verify_pair(x: str, y: str, settings: DedupeSettings, mode: int = 1) -> Match | None:
    from newskit.dedupe.candidates import OVERLAP_ONLY
    from newskit.dedupe.verify import overlap

    if mode == OVERLAP_ONLY:
        return overlap(x, y, threshold=settings.threshold, min_overlap=settings.overlap_chars)
    return verify(x, y, threshold=settings.threshold, ngram=settings.n, max_chars=settings.max_align_chars,
                  min_overlap=settings.overlap_chars)


def shifted(match: Match, dx: int, dy: int) -> Match:
    if not dx and not dy:
        return match
    from dataclasses import replace

    return replace(match, x_span=(match.x_span[0] + dx, match.x_span[1] + dx),
                   y_span=(match.y_span[0] + dy, match.y_span[1] + dy))


def edge_rank(edge: Edge) -> tuple:
    """Smaller is stronger: the relation (exact, near, contained, overlap), then the higher score (a printed
    paragraph matches better than the passage a headline was glued onto), more text aligned, wholes."""
    m = edge.match
    return m.rank, -round(m.score, 6), -m.matched, sum(1 for p in edge.parts if p != WHOLE)


#: Of the edges between two passages, those aligning at least this share of the most any of them aligns
#: compete on relation: exact on a printed paragraph beats near on the passage it was glued into, but
#: exact on half of a near copy (the half a column break left untouched) does not beat near on the whole.
EXPLAINS_NEARLY_AS_MUCH = 0.9


def best_edges(edges: Sequence[Edge]) -> list[Edge]:
    """Stage 5: one edge per pair of passages (or per pair of parts inside one passage): of those that align
    nearly as much text as the best, the strongest relation."""
    groups: dict[tuple, list[Edge]] = {}
    for edge in edges:
        key = (edge.x, edge.y) if edge.x != edge.y else (edge.x, edge.y, *sorted(edge.parts))
        groups.setdefault(key, []).append(edge)
    best = []
    for group in groups.values():
        most = max(e.match.matched for e in group)
        best.append(min((e for e in group if e.match.matched >= EXPLAINS_NEARLY_AS_MUCH * most), key=edge_rank))
    return sorted(best, key=lambda e: (abs(e.x), abs(e.y), e.parts))


def find_edges(units: Units, settings: DedupeSettings) -> list[Edge]:
    """Stages 2–5 over the units of one run."""
    if len(units) < 2:
        return []
    pairs = self_candidates(units, settings)
    return best_edges(verify_units(units, _whole_first(units, pairs), settings))


def _whole_first(units: Units, pairs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Verify whole-to-whole pairs first and skip the part pairs of passages already found exact or near."""
    group, part = units.group, units.part
    unique = {(a, b): mode for a, b, mode in reversed(pairs)}  # the first (an exact copy's FULL) wins
    return sorted(((a, b, mode) for (a, b), mode in unique.items()),
                  key=lambda p: (group[p[0]], group[p[1]], part[p[0]] + part[p[1]] > 0, p))


def locate(passage: Passage, norm_span: tuple[int, int], *, passage_index: int | None,
           archived: bool = False, cache: dict | None = None) -> Location:
    """The Location of a matching-text span of ``passage``, in printed coordinates."""
    mapping = cache.get(id(passage)) if cache is not None else None
    if mapping is None:
        mapping = matching_map(passage.text)
        if cache is not None:
            cache[id(passage)] = mapping
    start, end = original_span(mapping[1], *norm_span)
    line, column, end_line, end_column = passage.span_position(start, end)
    text = passage.text
    lo = max(0, start - EXCERPT_CONTEXT)
    hi = min(len(text), end + EXCERPT_CONTEXT)
    return Location(
        path=passage.path, line=line, column=column, end_line=end_line, end_column=end_column,
        article=passage.article, start=start, end=end, text=text[start:end],
        excerpt=text[lo:hi].replace("\n", "⏎"), excerpt_offset=start - lo,
        passage=passage_index, archived=archived, ref=passage.ref,
    )


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def assemble(edges: Sequence[Edge], node_passage, node_input_index, settings: DedupeSettings,
             *, passages: int = 0, archived: int = 0, total_dumps: int = 0,
             known_dumps: dict[int, int] | None = None, clusters: bool = True) -> DedupeResult:
    """Turn verified edges into Duplicates, Clusters and Boilerplate.

    ``node_passage(node) -> Passage`` and ``node_input_index(node) -> int | None`` resolve node ids
    (negative ids are archived passages). ``total_dumps`` is how many dumps the run covers (the input's
    and the archive's); ``known_dumps[node]`` how many dumps an archived passage's exact text is already
    known to be printed in (the archive counts them when it is built). ``clusters=False`` leaves the
    clusters out (each Duplicate still has its cluster id): ``find_duplicates`` returns only the pairs.
    """
    cache: dict = {}
    # Boilerplate: a passage seen (alone, as a copy, or inside another) in enough distinct dumps.
    boiler_nodes: set[int] = set()
    needed = settings.boilerplate_dumps(total_dumps)
    if needed is not None:
        dumps: dict[int, set[tuple[bool, str]]] = {}  # node -> (archived?, dump) it is printed in
        for edge in edges:
            px, py = node_passage(edge.x), node_passage(edge.y)
            dx, dy = (edge.x < 0, px.dump_key), (edge.y < 0, py.dump_key)
            dumps.setdefault(edge.x, {dx})
            dumps.setdefault(edge.y, {dy})
            if edge.match.relation is Relation.CONTAINED:
                inner, outer = (edge.x, dy) if edge.match.x_inside else (edge.y, dx)
                dumps[inner].add(outer)
            elif edge.match.relation is not Relation.OVERLAP:  # sharing a run is no evidence of standing text
                dumps[edge.x].add(dy)
                dumps[edge.y].add(dx)
        boiler_nodes = {n for n, seen in dumps.items() if _dump_count(seen, (known_dumps or {}).get(n, 0)) >= needed}
    # Exact and near copies of boilerplate are boilerplate too (they share its dumps by construction).
    kept: list[Edge] = []
    boiler_edges: list[Edge] = []
    for edge in edges:
        inner_nodes = _inner_nodes(edge)
        if boiler_nodes and any(n in boiler_nodes for n in inner_nodes):
            boiler_edges.append(edge)
        else:
            kept.append(edge)

    uf = _UnionFind()
    for edge in kept:
        uf.union(edge.x, edge.y)
    roots = sorted({uf.find(e.x) for e in kept}, key=lambda r: (r < 0, abs(r)))
    cluster_id = {root: k + 1 for k, root in enumerate(roots)}

    duplicates: list[Duplicate] = []
    members: dict[int, set[int]] = {}
    pair_counts: dict[int, int] = {}
    for edge in kept:
        match = edge.match
        px, py = node_passage(edge.x), node_passage(edge.y)
        lx = locate(px, match.x_span, passage_index=node_input_index(edge.x), archived=edge.x < 0, cache=cache)
        ly = locate(py, match.y_span, passage_index=node_input_index(edge.y), archived=edge.y < 0, cache=cache)
        a, b = (lx, ly) if (match.relation is not Relation.CONTAINED or match.x_inside) else (ly, lx)
        cid = cluster_id[uf.find(edge.x)]
        duplicates.append(Duplicate(match.relation, match.score, a, b, cid))
        members.setdefault(cid, set()).update((edge.x, edge.y))
        pair_counts[cid] = pair_counts.get(cid, 0) + 1
    duplicates.sort(key=_duplicate_order)

    out_clusters = []
    for cid in sorted(members) if clusters else ():
        locs = []
        for node in members[cid]:
            p = node_passage(node)
            norm_len = len(matching_text(p.text))
            locs.append((-norm_len, node < 0, abs(node),
                         locate(p, (0, norm_len), passage_index=node_input_index(node),
                                archived=node < 0, cache=cache)))
        locs.sort(key=lambda t: t[:3])
        out_clusters.append(Cluster(cid, tuple(t[3] for t in locs), pair_counts[cid]))

    return DedupeResult(tuple(duplicates), tuple(out_clusters),
                        _boilerplate(boiler_edges, boiler_nodes, node_passage, node_input_index, cache, known_dumps),
                        passages=passages, archived=archived)


def _dump_count(seen: set[tuple[bool, str]], known: int) -> int:
    """Distinct dumps: the input's, and the archive's — at least ``known``, what the archive counted."""
    archived = sum(1 for a, _ in seen if a)
    return len(seen) - archived + max(archived, known)


def _inner_nodes(edge: Edge) -> tuple[int, ...]:
    """The nodes an edge shows printed again: the inner one of a containment, both copies, none for overlap."""
    if edge.match.relation is Relation.CONTAINED:
        return (edge.x,) if edge.match.x_inside else (edge.y,)
    if edge.match.relation is Relation.OVERLAP:
        return ()
    return edge.x, edge.y


def _printed(passage: Passage, norm_span: tuple[int, int]) -> tuple[int, int]:
    return original_span(matching_map(passage.text)[1], *norm_span)


def _boilerplate(edges: Sequence[Edge], boiler_nodes: set[int], node_passage, node_input_index,
                 cache: dict, known_dumps: dict[int, int] | None = None) -> tuple[Boilerplate, ...]:
    if not edges:
        return ()
    uf = _UnionFind()
    for edge in edges:
        inner = [n for n in _inner_nodes(edge) if n in boiler_nodes]
        for n in inner:
            uf.union(inner[0], n)
    groups: dict[int, list[Edge]] = {}
    for edge in edges:
        inner = next(n for n in _inner_nodes(edge) if n in boiler_nodes)
        groups.setdefault(uf.find(inner), []).append(edge)
    out = []
    for root, group in groups.items():
        spans: dict[int, tuple[int, int]] = {}
        for edge in group:
            spans.setdefault(edge.x, edge.match.x_span)
            spans.setdefault(edge.y, edge.match.y_span)
        occurrences = [
            locate(node_passage(n), span, passage_index=node_input_index(n), archived=n < 0, cache=cache)
            for n, span in sorted(spans.items(), key=lambda t: (t[0] < 0, abs(t[0])))
        ]
        dumps = _dump_count({(n < 0, node_passage(n).dump_key) for n in spans},
                            max((known_dumps or {}).get(n, 0) for n in spans))
        text = node_passage(root).text[slice(*_printed(node_passage(root), spans[root]))]
        out.append(Boilerplate(text, dumps, tuple(occurrences)))
    out.sort(key=lambda b: (-b.dumps, b.text))
    return tuple(out)


def _duplicate_order(d: Duplicate) -> tuple:
    return (d.cluster, d.a.archived, d.a.path, d.a.line, d.a.column, d.b.path, d.b.line, d.b.column)


def run(passages: Sequence[Passage], settings: DedupeSettings, *, clusters: bool = True,
        need_exact: bool = False) -> DedupeResult:
    """Dedupe passages within and across the dumps they come from (no archive); ``clusters=False``: the
    result's duplicates only (``assemble``); ``need_exact``: see ``find_duplicates``."""
    with paused_gc():
        units = make_units(passages, settings.min_chars, parts=settings.parts)
        if need_exact and len(set(units.key)) == len(units.key):
            edges = []  # no two units alike: no exact pair, and the caller wants no other
        else:
            edges = find_edges(units, settings)
    compared = sum(1 for norm in units.norms if norm)
    return assemble(edges, passages.__getitem__, lambda node: node, settings, passages=compared,
                    total_dumps=len({p.dump_key for p in passages}), clusters=clusters)


def find_duplicates(passages: Sequence[Passage], *, min_chars: int = 15, threshold: float = 0.9,
                    ngram: int | None = None, window: int | None = None, need_exact: bool = False) -> list[Duplicate]:
    """Verified duplicate pairs among ``passages`` (paragraphs, or sentences of one article).

    Each Duplicate says how two passages relate — ``exact`` (same text once width, punctuation,
    spaces and line breaks are ignored), ``near`` (whole-text similarity ≥ ``threshold``) or
    ``contained`` (``dup.a`` is printed inside ``dup.b``, e.g. a paragraph repeated inside a longer
    one, or a truncated fragment) or ``overlap`` (a run of at least ``min_chars`` characters shared,
    neither inside the other) — with a 0–1 ``score`` and, for each side, a Location: the aligned
    span as ``start``/``end`` indices into that passage's text, its ``path:line:column``, and
    ``passage``, the index of the passage in ``passages`` (``ref`` hands back ``Passage.ref``).

    ``min_chars`` counts matching characters (letters and digits, no punctuation or spaces): shorter
    passages are ignored. For ~15-character sentences pass e.g. ``min_chars=8``; the n-gram size then
    drops to 4 so a sentence with one character changed is still found. An exact copy is paired with
    its first printing only. A passage with rejoined breaks (``Passage.soft_breaks``) is also compared
    printed paragraph by printed paragraph; each pair of passages is reported once. No boilerplate filtering happens here: every verified pair is returned,
    in reading order of ``a``. ``need_exact``: the caller uses exact pairs only (R201's sentences), so when no
    two units have the same matching text there is nothing to find and the search stops before fingerprinting
    ([]); otherwise the answer is the same as without it (every verified pair, of any relation).

    Example::

        passages = [Passage(text=s, path=doc.path, source=m, document=doc) for s, m in sentences]
        for dup in find_duplicates(passages, min_chars=8):
            first, again = dup.a.passage, dup.b.passage
    """
    settings = DedupeSettings(min_chars=min_chars, threshold=threshold, ngram=ngram, window=window,
                              boilerplate_min_dumps=0)
    result = run(passages, settings, clusters=False, need_exact=need_exact)
    return sorted(result.duplicates, key=lambda d: (d.a.passage or 0, d.a.start, d.b.passage or 0))

