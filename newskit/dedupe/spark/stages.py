"""What the Spark job's executors run: the embedded engine's own stages, applied to one partition at a time.

Nothing here is a second algorithm. Each function takes the rows of one partition (plain tuples, so they
pickle cheaply between the JVM and Python) and calls the functions the embedded engine calls:

- ``read_rows``: read_document → split_document → article_passages, as the CLI does;
- ``unit_rows``: make_units and unit_postings (fingerprint.winnow) over a chunk of passages;
- ``share_rows``: candidates.share_mode, the scalar twin of worth_verifying, on joined pair counts;
- ``verify_rows``: per pair of passages, filter_copies → verify_units → best_edges on the units of just
  those two passages (verification and selection only ever look at one pair of passages at a time).

The joins between them (document frequency, the stock-phrase cut, the self-join on the hash, the exact
keys) are DataFrame operations in job.py, which run in the JVM with bounded memory and spill to disk.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from newskit.dedupe.engine import DedupeSettings, Edge
from newskit.dedupe.passage import Passage
from newskit.dedupe.units import Units

#: Passages per make_units / unit_postings call inside one task: a task's NumPy arrays stay a few tens of MB
#: whatever the partition's size.
CHUNK = 20_000

PASSAGE, ERROR, DUMP = "P", "E", "D"
POSTING, UNIT, TEXT = "f", "u", "t"


@dataclass(frozen=True, slots=True)
class LineWindow:
    """The lines of a dump that one passage was printed on: ``Document.position`` for its offsets, without
    the dump's text, so a passage can travel between executors and the driver on its own."""

    first: int  # 0-based number of the first line kept
    starts: tuple[int, ...]  # document offsets where those lines start

    def position(self, offset: int) -> tuple[int, int]:
        k = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.first + k + 1, offset - self.starts[k] + 1


def detach(passage: Passage, *, breakpoints: bool = False) -> Passage:
    """The passage with its soft breaks fixed and its Document replaced by the lines it spans (same
    ``span_position`` answers, a few hundred bytes instead of the whole dump); with ``breakpoints``, also
    the position map an archive stores (``Passage.compute_breakpoints`` needs the dump's text)."""
    breaks = passage.soft_breaks()
    source, document = passage.source, passage.document
    if breakpoints:
        passage = replace(passage, breakpoints=passage.compute_breakpoints())
    if source is None or document is None:
        return replace(passage, breaks=breaks, ref=None)
    starts = document.line_starts
    if source.pieces:
        lo = min(p.start for p in source.pieces)
        hi = max(p.end for p in source.pieces)
        a = max(bisect.bisect_right(starts, lo) - 1, 0)
        b = max(bisect.bisect_right(starts, hi) - 1, a)
        window = LineWindow(a, tuple(starts[a:b + 1]))
    else:
        window = LineWindow(0, (0,))
    return replace(passage, document=window, breaks=breaks, ref=None)  # type: ignore[arg-type]


def read_rows(items: Iterable[tuple[int, str, object]], *, breakpoints: bool = False) -> Iterator[tuple]:
    """(PASSAGE, passage) for every passage of every readable dump and (DUMP, file index, dump key, digest,
    passages) once per dump; (ERROR, file index, message) for a file that cannot be read.

    ``items`` are (file index, path, Document or None); a Document is given for standard input, which only
    the driver can read.
    """
    from newskit.dedupe.archive import dump_digest
    from newskit.dedupe.passage import article_passages
    from newskit.io import InputError, read_document
    from newskit.split import split_document

    for index, path, given in items:
        try:
            doc = given if given is not None else read_document(path)
        except InputError as exc:
            yield ERROR, index, str(exc)
            continue
        passages = list(article_passages(doc, split_document(doc)))
        if passages:
            yield DUMP, index, passages[0].dump_key, dump_digest(passages), len(passages)
        for passage in passages:
            yield PASSAGE, detach(passage, breakpoints=breakpoints)


def unit_rows(settings: DedupeSettings, rows: Iterable[tuple[Passage, int]]) -> Iterator[tuple]:
    """Stage 1 and 2 for a partition of (passage, passage id): its units and their fingerprints.

    Yields (UNIT, pid, part, key, fingerprints), (TEXT, pid, text, units) once per passage with units (its
    units packed as ``start,end,fingerprints;…``, what the archives store), and
    (POSTING, hash, pid, part, first) per fingerprint, the hash as a signed 64-bit integer and ``first`` true
    on the first unit of its passage holding that hash (summing it counts distinct passages: the document
    frequency ``max_df`` cuts).
    """
    from itertools import islice

    it = iter(rows)
    while chunk := list(islice(it, CHUNK)):
        yield from _chunk_rows(settings, chunk)


def _chunk_rows(settings: DedupeSettings, chunk: list[tuple[Passage, int]]) -> Iterator[tuple]:
    import numpy as np

    from newskit.dedupe.archive import pack
    from newskit.dedupe.engine import unit_postings
    from newskit.dedupe.units import make_units

    passages = [p for p, _ in chunk]
    pids = np.asarray([pid for _, pid in chunk], dtype=np.int64)
    units = make_units(passages, settings.min_chars, parts=settings.parts)
    post = unit_postings(units, settings.n, settings.w)
    counts = post.counts.tolist()
    per_group: dict[int, list[tuple[int, int, int]]] = {}
    for u, (group, part, key) in enumerate(zip(units.group, units.part, units.key)):
        per_group.setdefault(group, []).append((units.start[u], units.end[u], counts[u]))
        yield UNIT, int(pids[group]), part, key, counts[u]
    for group, rows in per_group.items():
        yield TEXT, int(pids[group]), passages[group].text, pack(rows)
    if not len(post.hash):
        return
    unit_group = np.asarray(units.group, dtype=np.int64)[post.unit.astype(np.int64)]
    # Postings are sorted by unit, and a passage's units are consecutive: sort by (passage, hash) to find
    # the first unit of each passage holding each hash.
    order = np.lexsort((post.unit, post.hash, unit_group))
    g, h = unit_group[order], post.hash[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (g[1:] != g[:-1]) | (h[1:] != h[:-1])
    hashes = h.view(np.int64).tolist()
    pid_list = pids[g].tolist()
    parts = np.asarray(units.part, dtype=np.int64)[post.unit[order].astype(np.int64)].tolist()
    for row in zip(hashes, pid_list, parts, first.tolist()):
        yield (POSTING, *row)


def units_of(texts: Sequence[str], packed: Sequence[str]) -> Units:
    """The Units of passages from their texts and packed unit rows (``start,end,fingerprints;…``, as
    unit_rows and both archives store them): what make_units gave when they were first read."""
    from newskit.dedupe.archive import unpack
    from newskit.dedupe.normalize import matching_texts
    from newskit.dedupe.units import units_from_ranges

    return units_from_ranges(matching_texts(list(texts)), [unpack(rows) for rows in packed])


def share_rows(settings: DedupeSettings, rows: Iterable) -> Iterator[tuple]:
    """Stage 3's share rule on (pa, qa, pb, qb, shared, live_a, live_b): (pa, qa, pb, qb, mode, exact=False)
    for the pairs worth verifying."""
    from newskit.dedupe.candidates import overlap_shares, share_mode

    overlap_needed = overlap_shares(settings.overlap_chars, settings.n, settings.w) \
        if settings.overlap_chars else 1 << 30
    for pa, qa, pb, qb, shared, live_a, live_b in rows:
        mode = share_mode(shared, live_a, live_b, candidate=settings.candidate, overlap_needed=overlap_needed)
        if mode:
            yield pa, qa, pb, qb, mode, False


def verify_rows(settings: DedupeSettings, rows: Iterable) -> Iterator[tuple]:
    """Stages 4 and 5 per pair of passages: (pa, pb, text_a, units_a, text_b, units_b, pairs) → edge rows.

    ``pairs`` are (part_a, part_b, mode, exact) unit pairs between the two passages (or inside one, pa == pb).
    """
    for pa, pb, text_a, units_a, text_b, units_b, pairs in rows:
        for edge in verify_bucket(settings, pa, pb, text_a, units_a, text_b, units_b, pairs):
            yield edge_row(edge)


def verify_bucket(settings: DedupeSettings, pa: int, pb: int, text_a: str, units_a: str, text_b: str, units_b: str,
                  pairs) -> list[Edge]:
    """The embedded engine's verification and selection for the unit pairs between two passages."""
    from newskit.dedupe.engine import FULL, _whole_first, best_edges, filter_copies, verify_units

    units = units_of([text_a], [units_a]) if pb == pa else units_of([text_a, text_b], [units_a, units_b])
    unit_of = {(units.group[u], units.part[u]): u for u in range(len(units))}
    gb = 1 if pb != pa else 0
    exact, found = [], []
    for qa, qb, mode, is_exact in pairs:
        a, b = unit_of[(0, qa)], unit_of[(gb, qb)]
        (exact if is_exact else found).append((a, b, mode))
    candidates = [(a, b, FULL) for a, b, _ in sorted(exact)] + filter_copies(units, sorted(found))
    node = (pa, pb)
    return [Edge(node[e.x], node[e.y], e.match, e.parts)
            for e in best_edges(verify_units(units, _whole_first(units, candidates), settings))]


def edge_row(edge: Edge) -> tuple:
    m = edge.match
    return (edge.x, edge.y, m.relation.value, m.score, m.x_span[0], m.x_span[1], m.y_span[0], m.y_span[1],
            m.x_inside, m.matched, edge.parts[0], edge.parts[1])


def edge_of(row) -> Edge:
    from newskit.dedupe.records import Relation
    from newskit.dedupe.verify import Match

    x, y, relation, score, x0, x1, y0, y1, x_inside, matched, part_x, part_y = row
    return Edge(x, y, Match(Relation(relation), score, (x0, x1), (y0, y1), x_inside, matched), (part_x, part_y))


EDGE, KNOWN = "e", "k"


def archive_rows(settings: DedupeSettings, skip_dumps: frozenset[int], rows: Iterable) -> Iterator[tuple]:
    """Verification against an archive, per (checked passage, archived passage): archive.verify_archived.

    Rows are (pid, aid, text, units, archived text, archived units, archived dump, pairs), each pair
    (part, archived code, mode, exact, first code of the part's key or None, dumps printing it). Yields
    (EDGE, *edge row) and (KNOWN, node, dumps) — the archive's count of dumps printing a matched text.
    """
    from newskit.dedupe.archive import Stored, unpack, verify_archived
    from newskit.dedupe.normalize import matching_text

    for pid, aid, text, packed, archived_text, archived_units, archived_dump, pairs in rows:
        units = units_of([text], [packed])
        unit_of = {units.part[u]: u for u in range(len(units))}
        stored = {aid: Stored(None, archived_dump, matching_text(archived_text), unpack(archived_units))}
        exact: dict[int, tuple[int, int]] = {}
        modes: dict[tuple[int, int], int] = {}
        for part, code, mode, is_exact, first, dumps in sorted(pairs, key=lambda p: not p[3]):  # exact first
            u = unit_of[part]
            if first is not None:
                exact[units.key[u]] = (first, dumps)
            modes.setdefault((u, code), mode)
        known: dict[int, int] = {}
        for edge in verify_archived(units, modes, stored, exact, skip_dumps, settings, {}, known):
            yield (EDGE, *edge_row(Edge(edge.x, pid, edge.match, edge.parts)))
        for node, dumps in known.items():
            yield KNOWN, node, dumps
