"""The dedupe engine: fingerprint, find candidates in an n-gram index, verify, then report.

Candidates come from an exact index of winnowed character n-grams of the matching text (passim's
approach, adapted to unspaced Chinese): two passages are compared only when they share at least
``candidate`` of the smaller one's fingerprints. Containment is scored on the smaller side
(shared / min(|A|, |B|)), which MinHash-Jaccard cannot do. Every candidate is then verified and aligned
with rapidfuzz (verify.py); pairs come first, clusters are built from verified pairs only.

Winnowing (Schleimer et al., MOSS) keeps the smallest n-gram hash of every ``window`` consecutive ones,
so two texts sharing a run of ``ngram + window - 1`` characters always share a fingerprint, while the
index holds about ``2 / (window + 1)`` of the n-grams. Hashes are CPython's hash of a tuple of code
points: 64-bit, fast and — unlike ``hash(str)`` — the same in every process, so the archive can store them.
"""

from __future__ import annotations

import gc
import math
from contextlib import contextmanager
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newskit.dedupe.normalize import matching_map, matching_text, original_span
from newskit.dedupe.passage import Passage
from newskit.dedupe.records import (
    Boilerplate, Cluster, DedupeResult, Duplicate, Location, Relation,
)
from newskit.dedupe.verify import Match, verify

EXCERPT_CONTEXT = 16
#: A fixed tuple's hash, stored in the archive: if another Python hashes tuples differently, say so.
HASH_CANARY = hash((0x65B0, 0x95FB, 0x5DE5, 0x5177))


@dataclass(frozen=True)
class DedupeSettings:
    """Tunables, with defaults measured by bench/dedupe_bench.py.

    min_chars: passages with fewer matching characters (letters and digits after normalisation) are skipped.
    threshold: 0–1; near needs this whole-text similarity, contained this partial_ratio of the inner text.
    ngram: characters per n-gram; None picks 7, or about min_chars / 2 for short units (sentences).
    window: winnowing window (1 indexes every n-gram); None picks 4, or 1 for short units (n below 7).
    candidate: share of the smaller passage's fingerprints a pair must share to be verified.
    max_df: an n-gram in more passages than this is a stock phrase, not evidence, and is dropped.
    max_align_chars: the most text partial_ratio sees at once.
    boilerplate_min_dumps: a passage found in this many distinct dumps is boilerplate (0 turns it off).
    """

    min_chars: int = 15
    threshold: float = 0.9
    ngram: int | None = None
    window: int | None = None
    candidate: float = 0.5
    max_df: int = 50
    max_align_chars: int = 2000
    boilerplate_min_dumps: int = 3

    def __post_init__(self) -> None:
        if self.min_chars < 1:
            raise ValueError(f"min_chars must be at least 1, not {self.min_chars}")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
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


def fingerprints(norm: str, n: int, window: int) -> set[int]:
    """Winnowed n-gram hashes of a matching text (empty when it is shorter than ``n``)."""
    return _fingerprints(tuple(map(ord, norm)), n, window)


def _fingerprints(codes: tuple[int, ...], n: int, window: int) -> set[int]:
    if len(codes) < n:
        return set()
    # zip of n shifted views yields the n-gram tuples without a Python-level loop.
    hashes = list(map(hash, zip(*(codes[k:] for k in range(n)))))
    if window <= 1:
        return set(hashes)
    if len(hashes) <= window:
        return {min(hashes)}
    return set(map(min, *(hashes[k:] for k in range(window))))


def needed_shares(settings: DedupeSettings, fps_a: int, fps_b: int) -> int:
    smaller = min(fps_a, fps_b)
    return max(1, min(2, smaller), math.ceil(settings.candidate * smaller))


_STOP = ()  # marks an n-gram that passed max_df: no longer evidence, its postings are dropped


class MemoryIndex:
    """Fingerprint -> passage ids, in memory; ``add`` answers "who shares what with me" and then indexes.

    Most fingerprints occur once, so a posting is a bare int until a second passage shares it.
    ``live[pid]`` counts a passage's fingerprints that are still evidence: when an n-gram passes
    ``max_df`` every passage holding it loses one, so a paragraph made mostly of stock phrases
    (习近平新时代中国特色社会主义思想…) is judged on what is left of it.
    """

    def __init__(self, max_df: int) -> None:
        self.max_df = max_df
        self.postings: dict[int, int | list[int] | tuple] = {}
        self.live: list[int] = []

    def add(self, pid: int, fps: Iterable[int]) -> dict[int, int]:
        shared: dict[int, int] = {}
        postings = self.postings
        live = self.live
        get = postings.get
        own = 0
        for h in fps:
            posting = get(h)
            if posting is None:
                postings[h] = pid
                own += 1
            elif posting.__class__ is int:
                shared[posting] = shared.get(posting, 0) + 1
                postings[h] = [posting, pid]
                own += 1
            elif posting is _STOP:
                continue
            elif len(posting) >= self.max_df:
                postings[h] = _STOP
                for q in posting:
                    live[q] -= 1
            else:
                for q in posting:
                    shared[q] = shared.get(q, 0) + 1
                posting.append(pid)
                own += 1
        live.append(own)
        return shared


@dataclass(slots=True)
class Prepared:
    """What the engine keeps per passage: its matching text, fingerprint count and exact key."""

    passage: Passage
    norm: str
    key: int
    fps: int


def prepare(passage: Passage, settings: DedupeSettings) -> tuple[Prepared, set[int]] | None:
    norm = matching_text(passage.text)
    if len(norm) < settings.min_chars:
        return None
    codes = tuple(map(ord, norm))
    fps = _fingerprints(codes, settings.n, settings.w)
    return Prepared(passage, norm, hash(codes), len(fps)), fps


@dataclass(frozen=True, slots=True)
class Edge:
    """A verified pair between node ids (input passages are 0.., archived ones are negative)."""

    x: int
    y: int
    match: Match


class Engine:
    """Incremental in-memory dedupe: feed passages in reading order, collect verified edges."""

    def __init__(self, settings: DedupeSettings) -> None:
        self.settings = settings
        self.index = MemoryIndex(settings.max_df)
        self.nodes: list[Prepared] = []
        self.input_index: list[int] = []  # node -> index in the caller's passage list
        self.first_copy: dict[int, int] = {}  # exact key -> first node with that matching text
        self.edges: list[Edge] = []

    def add(self, passage: Passage, input_index: int | None = None, *,
            ready: tuple[Prepared, set[int]] | None = None) -> Prepared | None:
        """Index one passage and verify it against every earlier one it shares enough fingerprints with."""
        if ready is None:
            ready = prepare(passage, self.settings)
        if ready is None:
            return None
        prepared, fps = ready
        node = len(self.nodes)
        self.nodes.append(prepared)
        self.input_index.append(node if input_index is None else input_index)
        shared = self.index.add(node, fps)
        first = self.first_copy.setdefault(prepared.key, node)
        candidates: list[int] = []
        if first != node:
            candidates.append(first)  # an exact copy pairs with the first printing only
        nodes = self.nodes
        live = self.index.live
        mine = live[node]
        for other, count in shared.items():
            if count == 1 and mine > 1 and live[other] > 1:
                continue  # one shared fingerprint is evidence only for the tiniest passages
            if other == first or (first != node and nodes[other].key == prepared.key):
                continue
            if count >= needed_shares(self.settings, mine, live[other]):
                candidates.append(other)
        for other in sorted(candidates):
            match = self._verify(nodes[other].norm, prepared.norm)
            if match is not None:
                self.edges.append(Edge(other, node, match))
        return prepared

    def _verify(self, x: str, y: str) -> Match | None:
        s = self.settings
        return verify(x, y, threshold=s.threshold, ngram=s.n, max_chars=s.max_align_chars)


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
             *, passages: int = 0, archived: int = 0) -> DedupeResult:
    """Turn verified edges into Duplicates, Clusters and Boilerplate.

    ``node_passage(node) -> Passage`` and ``node_input_index(node) -> int | None`` resolve node ids
    (negative ids are archived passages).
    """
    cache: dict = {}
    # Boilerplate: a passage seen (alone, as a copy, or inside another) in enough distinct dumps.
    boiler_nodes: set[int] = set()
    if settings.boilerplate_min_dumps:
        dumps: dict[int, set[str]] = {}
        for edge in edges:
            px, py = node_passage(edge.x), node_passage(edge.y)
            for node, p in ((edge.x, px), (edge.y, py)):
                dumps.setdefault(node, {p.dump_key})
            if edge.match.relation is Relation.CONTAINED:
                inner, outer = (edge.x, py) if edge.match.x_inside else (edge.y, px)
                dumps[inner].add(outer.dump_key)
            else:
                dumps[edge.x].add(py.dump_key)
                dumps[edge.y].add(px.dump_key)
        boiler_nodes = {n for n, seen in dumps.items() if len(seen) >= settings.boilerplate_min_dumps}
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

    clusters = []
    for cid in sorted(members):
        locs = []
        for node in members[cid]:
            p = node_passage(node)
            norm_len = len(matching_text(p.text))
            locs.append((-norm_len, node < 0, abs(node),
                         locate(p, (0, norm_len), passage_index=node_input_index(node),
                                archived=node < 0, cache=cache)))
        locs.sort(key=lambda t: t[:3])
        clusters.append(Cluster(cid, tuple(t[3] for t in locs), pair_counts[cid]))

    return DedupeResult(tuple(duplicates), tuple(clusters),
                        _boilerplate(boiler_edges, boiler_nodes, node_passage, node_input_index, cache),
                        passages=passages, archived=archived)


def _inner_nodes(edge: Edge) -> tuple[int, ...]:
    if edge.match.relation is Relation.CONTAINED:
        return (edge.x,) if edge.match.x_inside else (edge.y,)
    return edge.x, edge.y


def _boilerplate(edges: Sequence[Edge], boiler_nodes: set[int], node_passage, node_input_index,
                 cache: dict) -> tuple[Boilerplate, ...]:
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
        dumps = {node_passage(n).dump_key for n in spans}
        text = node_passage(root).text
        out.append(Boilerplate(text, len(dumps), tuple(occurrences)))
    out.sort(key=lambda b: (-b.dumps, b.text))
    return tuple(out)


def _duplicate_order(d: Duplicate) -> tuple:
    return (d.cluster, d.a.archived, d.a.path, d.a.line, d.a.column, d.b.path, d.b.line, d.b.column)


@contextmanager
def bulk():
    """Pause the cyclic garbage collector during a bulk run.

    The engine makes millions of small acyclic objects (postings, counters); every full collection
    would walk all of them again, which made 100k paragraphs take half as long again as 50k twice.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run(passages: Sequence[Passage], settings: DedupeSettings) -> DedupeResult:
    """Dedupe passages within and across the dumps they come from (no archive)."""
    engine = Engine(settings)
    with bulk():
        for k, passage in enumerate(passages):
            engine.add(passage, k)
    return assemble(
        engine.edges,
        lambda node: engine.nodes[node].passage,
        lambda node: engine.input_index[node],
        settings, passages=len(engine.nodes),
    )


def find_duplicates(passages: Sequence[Passage], *, min_chars: int = 15, threshold: float = 0.9,
                    ngram: int | None = None, window: int | None = None) -> list[Duplicate]:
    """Verified duplicate pairs among ``passages`` (paragraphs, or sentences of one article).

    Each Duplicate says how two passages relate — ``exact`` (same text once width, punctuation,
    spaces and line breaks are ignored), ``near`` (whole-text similarity ≥ ``threshold``) or
    ``contained`` (``dup.a`` is printed inside ``dup.b``, e.g. a paragraph repeated inside a longer
    one, or a truncated fragment) — with a 0–1 ``score`` and, for each side, a Location: the aligned
    span as ``start``/``end`` indices into that passage's text, its ``path:line:column``, and
    ``passage``, the index of the passage in ``passages`` (``ref`` hands back ``Passage.ref``).

    ``min_chars`` counts matching characters (letters and digits, no punctuation or spaces): shorter
    passages are ignored. For ~15-character sentences pass e.g. ``min_chars=8``; the n-gram size then
    drops to 4 so a sentence with one character changed is still found. An exact copy is paired with
    its first printing only. No boilerplate filtering happens here: every verified pair is returned,
    in reading order of ``a``.

    Example::

        passages = [Passage(text=s, path=doc.path, source=m, document=doc) for s, m in sentences]
        for dup in find_duplicates(passages, min_chars=8):
            first, again = dup.a.passage, dup.b.passage
    """
    settings = DedupeSettings(min_chars=min_chars, threshold=threshold, ngram=ngram, window=window,
                              boilerplate_min_dumps=0)
    result = run(passages, settings)
    return sorted(result.duplicates, key=lambda d: (d.a.passage or 0, d.a.start, d.b.passage or 0))

