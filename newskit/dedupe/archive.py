"""A persistent archive of printed passages that new dumps are added to and checked against.

One SQLite file (stdlib), embedded, no server. Its cost per added paragraph stays flat as it grows: the
old design put ~40 random 64-bit keys per paragraph into B-trees (postings and document frequencies),
and once those outgrew the page cache every insert was a random page read. Now fingerprints are written
the way an LSM tree writes them:

- each ``add`` sorts its postings by hash once, in memory (NumPy), and appends them as one immutable
  **segment** (sorted arrays in four BLOB columns) — one sequential write, whatever the archive's size (measured: bench/archive_bench.py);
- segments are merged in tiers (``FANIN`` segments of one tier become one of the next), so there are
  O(log n) of them and each posting is rewritten O(log n) times, always sequentially;
- passages get consecutive ids (rowid appends), and the only per-paragraph random write left is one
  exact-text key (``keys``), a small table that stays in cache.

Checking reads one segment at a time and binary-searches it for the checked units' hashes (memory is
bounded by the largest segment, ``MAX_MERGE_ROWS``), then fetches only the candidate passages by id.

Schema 2 (``meta`` records the scheme and settings; an archive is only read with the ones it was built
with, and schema 1 — newskit before the segment store — is refused with a one-line message):

- ``dumps(id, path, digest, passages, added)``: one row per dump; the digest makes re-adding a no-op;
- ``passages(id, dump, path, article, text, breakpoints, units)``: the printed text, its map back to
  ``path:line:column``, and its units (``start,end,fingerprints`` of the whole, then of each printed
  paragraph, packed as text); a unit's code is ``id * 256 + part``;
- ``keys(key, first, dumps, last_dump)``: every exact text, its first unit and how many dumps print it
  (boilerplate evidence that survives ``max_df``);
- ``segments(id, tier, rows, whole_hash, whole_passage, part_hash, part_unit)``: sorted postings of
  whole passages (their count is a hash's document frequency) and of parts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newskit.dedupe.engine import (
    DedupeSettings, Edge, assemble, best_edges, find_edges, shifted, unit_postings, verify_pair,
)
from newskit.dedupe.normalize import matching_texts
from newskit.dedupe.passage import Passage
from newskit.dedupe.records import DedupeResult
from newskit.dedupe.units import WHOLE, Units, make_units
from newskit.runtime import paused_gc

SCHEMA_VERSION = "2"
PART_BITS = 8  # unit code = passage id << PART_BITS | part
BATCH = 2000  # checked passages per query batch
SQL_VARS = 900  # stay under SQLite's host-parameter limit on old builds
FANIN = 8  # segments of one tier merged into one of the next (Lucene's merge factor is 10)
BASE_ROWS = 1 << 16  # tier 0 holds segments up to this many postings
MAX_MERGE_ROWS = 1 << 23  # segments this large are not merged further (bounds memory while checking)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE dumps(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, digest TEXT NOT NULL UNIQUE,
    passages INTEGER NOT NULL, added TEXT NOT NULL);
CREATE TABLE passages(
    id INTEGER PRIMARY KEY, dump INTEGER NOT NULL REFERENCES dumps(id), path TEXT NOT NULL,
    article TEXT, text TEXT NOT NULL, breakpoints TEXT NOT NULL, units TEXT NOT NULL);
CREATE TABLE keys(
    key INTEGER PRIMARY KEY, first INTEGER NOT NULL, dumps INTEGER NOT NULL, last_dump INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE segments(
    id INTEGER PRIMARY KEY, tier INTEGER NOT NULL, rows INTEGER NOT NULL,
    whole_hash BLOB NOT NULL, whole_passage BLOB NOT NULL, part_hash BLOB NOT NULL, part_unit BLOB NOT NULL);
"""


class ArchiveError(Exception):
    """The archive is missing, not a newskit archive, or built with other settings (CLI: exit 2)."""


@dataclass(frozen=True, slots=True)
class AddReport:
    dumps_added: int
    dumps_skipped: int  # already archived (same content)
    passages_added: int


@dataclass(frozen=True, slots=True)
class Segment:
    """Sorted postings: whole passages (hash, passage id) and parts (hash, unit code)."""

    whole_hash: object  # np.ndarray uint64, sorted
    whole_passage: object  # np.ndarray int64
    part_hash: object
    part_unit: object


@dataclass(frozen=True, slots=True)
class Stored:
    """An archived passage as the checker needs it."""

    passage: Passage
    dump: int
    norm: str
    units: tuple[tuple[int, int, int], ...]  # (start, end, fingerprints) of the whole, then of each part


class Archive:
    """An on-disk archive. ``Archive.open(path, create=True)`` makes a new one with ``settings``."""

    def __init__(self, conn: sqlite3.Connection, path: str, settings: DedupeSettings) -> None:
        self.conn = conn
        self.path = path
        self.settings = settings

    @classmethod
    def open(cls, path: str | Path, settings: DedupeSettings | None = None, *, create: bool = False) -> Archive:
        from newskit.dedupe.fingerprint import FINGERPRINT

        settings = settings or DedupeSettings()
        spath = str(path)
        p = Path(spath)
        if p.is_dir():
            raise ArchiveError(f"{spath}: is a directory, not an archive file")
        exists = p.exists() and p.stat().st_size > 0
        if not exists and not create:
            raise ArchiveError(f"{spath}: no such archive (create it with --add-to)")
        try:
            conn = sqlite3.connect(spath)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
            if exists:
                meta = dict(conn.execute("SELECT key, value FROM meta"))
            else:
                conn.executescript(_SCHEMA)
                meta = {
                    "schema": SCHEMA_VERSION, "fingerprint": FINGERPRINT, "ngram": str(settings.n),
                    "window": str(settings.w), "min_chars": str(settings.min_chars),
                    "max_df": str(settings.max_df),
                }
                conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
                conn.commit()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{spath}: not a newskit archive ({exc})") from None
        schema = meta.get("schema")
        if schema == "1":
            conn.close()
            raise ArchiveError(f"{spath}: built by an older newskit (archive schema 1, before the segment store); "
                               f"rebuild it with newskit dedupe --add-to NEW.db DUMPS")
        if schema != SCHEMA_VERSION:
            conn.close()
            raise ArchiveError(f"{spath}: not a newskit archive (schema {schema!r})")
        if meta.get("fingerprint") != FINGERPRINT:
            conn.close()
            raise ArchiveError(f"{spath}: fingerprints of another scheme ({meta.get('fingerprint')}); rebuild the archive")
        stored = replace(settings, ngram=int(meta["ngram"]), window=int(meta["window"]),
                         min_chars=int(meta["min_chars"]), max_df=int(meta["max_df"]))
        return cls(conn, spath, stored)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- size ---------------------------------------------------------------------------------------

    def count(self) -> tuple[int, int]:
        """(dumps, passages) in the archive."""
        dumps = self.conn.execute("SELECT count(*) FROM dumps").fetchone()[0]
        passages = self.conn.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0]
        return dumps, passages

    def segment_sizes(self) -> list[tuple[int, int]]:
        """(tier, postings) of every segment, oldest first."""
        return list(self.conn.execute("SELECT tier, rows FROM segments ORDER BY id"))

    # -- adding -------------------------------------------------------------------------------------

    def add(self, passages: Iterable[Passage]) -> AddReport:
        """Append the passages' dumps (grouped by ``Passage.dump_key``); a dump already archived is skipped."""
        conn = self.conn
        added = skipped = 0
        new: list[Passage] = []
        dump_of: list[int] = []
        with paused_gc():
            for dump_key, group in _group_by_dump(passages):
                digest = dump_digest(group)
                if conn.execute("SELECT 1 FROM dumps WHERE digest = ?", (digest,)).fetchone():
                    skipped += 1
                    continue
                cur = conn.execute(
                    "INSERT INTO dumps(path, digest, passages, added) VALUES (?, ?, ?, ?)",
                    (dump_key, digest, len(group), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
                added += 1
                new.extend(group)
                dump_of.extend([cur.lastrowid] * len(group))
            count = self._add_passages(new, dump_of) if new else 0
        conn.commit()
        return AddReport(added, skipped, count)

    def _add_passages(self, passages: list[Passage], dump_of: list[int]) -> int:
        import numpy as np

        s = self.settings
        units = make_units(passages, s.min_chars, parts=s.parts)
        post = unit_postings(units, s.n, s.w)
        first_id = self.count()[1] + 1
        kept = sorted(set(units.group))
        pid_of = {g: first_id + k for k, g in enumerate(kept)}
        per_group: dict[int, list[tuple[int, int, int]]] = {}
        counts = post.counts.tolist()
        for u in range(len(units)):
            per_group.setdefault(units.group[u], []).append((units.start[u], units.end[u], counts[u]))
        rows = []
        for g in kept:
            p = passages[g]
            rows.append((pid_of[g], dump_of[g], p.path, p.article, p.text,
                         pack(p.compute_breakpoints()), pack(per_group[g])))
        self.conn.executemany("INSERT INTO passages(id, dump, path, article, text, breakpoints, units) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        codes = [(pid_of[g] << PART_BITS) | part for g, part in zip(units.group, units.part)]
        self.conn.executemany(
            "INSERT INTO keys(key, first, dumps, last_dump) VALUES (?, ?, 1, ?) ON CONFLICT(key) DO UPDATE SET "
            "dumps = dumps + (last_dump != excluded.last_dump), last_dump = excluded.last_dump",
            ((k, c, dump_of[g]) for k, c, g in zip(units.key, codes, units.group)))
        code_arr = np.asarray(codes, dtype=np.int64)[post.unit.astype(np.int64)]
        whole = (code_arr & ((1 << PART_BITS) - 1)) == WHOLE
        self._write_segment(0, _sorted_segment(post.hash[whole], code_arr[whole] >> PART_BITS,
                                               post.hash[~whole], code_arr[~whole]))
        self._merge_tiers()
        return len(kept)

    def _write_segment(self, tier: int, seg: Segment) -> None:
        rows = len(seg.whole_hash) + len(seg.part_hash)
        tier = max(tier, _tier(rows))
        self.conn.execute(
            "INSERT INTO segments(tier, rows, whole_hash, whole_passage, part_hash, part_unit) VALUES (?, ?, ?, ?, ?, ?)",
            (tier, rows, seg.whole_hash.tobytes(), seg.whole_passage.tobytes(), seg.part_hash.tobytes(),
             seg.part_unit.tobytes()))

    def _merge_tiers(self) -> None:
        """Merge FANIN segments of one tier into one of the next, until no tier holds FANIN of them."""
        import numpy as np

        while True:
            row = self.conn.execute(
                "SELECT tier FROM segments WHERE rows < ? GROUP BY tier HAVING count(*) >= ? ORDER BY tier LIMIT 1",
                (MAX_MERGE_ROWS, FANIN)).fetchone()
            if row is None:
                return
            tier = row[0]
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM segments WHERE tier = ? AND rows < ? ORDER BY id LIMIT ?", (tier, MAX_MERGE_ROWS, FANIN))]
            segs = [self._load(i) for i in ids]  # oldest first: later segments hold larger passage ids
            merged = _merged_segment(segs)
            self.conn.executemany("DELETE FROM segments WHERE id = ?", [(i,) for i in ids])
            self._write_segment(tier + 1, merged)

    def _load(self, segment_id: int) -> Segment:
        import numpy as np

        wh, wp, ph, pu = self.conn.execute(
            "SELECT whole_hash, whole_passage, part_hash, part_unit FROM segments WHERE id = ?",
            (segment_id,)).fetchone()
        return Segment(np.frombuffer(wh, dtype=np.uint64), np.frombuffer(wp, dtype=np.int64),
                       np.frombuffer(ph, dtype=np.uint64), np.frombuffer(pu, dtype=np.int64))

    def segments(self) -> Iterator[Segment]:
        """Every segment, one at a time (each is dropped before the next is read)."""
        for (segment_id,) in list(self.conn.execute("SELECT id FROM segments ORDER BY id")):
            yield self._load(segment_id)

    # -- checking -----------------------------------------------------------------------------------

    def archived_dumps(self, passages: Sequence[Passage]) -> set[int]:
        """Ids of archived dumps with the same content as one of these passages' dumps (not checked against)."""
        ids = set()
        for _, group in _group_by_dump(passages):
            row = self.conn.execute("SELECT id FROM dumps WHERE digest = ?", (dump_digest(group),)).fetchone()
            if row:
                ids.add(row[0])
        return ids

    def exact_keys(self, keys: Iterable[int]) -> dict[int, tuple[int, int]]:
        """key -> (first unit code, dumps printing it) for the keys the archive holds."""
        out: dict[int, tuple[int, int]] = {}
        for chunk in _chunks(sorted(set(keys)), SQL_VARS):
            marks = ",".join("?" * len(chunk))
            for key, first, dumps in self.conn.execute(
                    f"SELECT key, first, dumps FROM keys WHERE key IN ({marks})", chunk):
                out[key] = (first, dumps)
        return out

    def unit_sizes(self, ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
        """passage id -> fingerprint count of its whole, then of each part (what the share test needs)."""
        out: dict[int, tuple[int, ...]] = {}
        for chunk in _chunks(sorted(set(ids)), SQL_VARS):
            marks = ",".join("?" * len(chunk))
            for pid, units in self.conn.execute(f"SELECT id, units FROM passages WHERE id IN ({marks})", chunk):
                out[pid] = tuple(int(row.rsplit(",", 1)[1]) for row in units.split(";")) if units else ()
        return out

    def stored(self, ids: Iterable[int]) -> dict[int, Stored]:
        rows = []
        for chunk in _chunks(sorted(set(ids)), SQL_VARS):
            marks = ",".join("?" * len(chunk))
            rows.extend(self.conn.execute(
                "SELECT p.id, p.dump, p.path, p.article, p.text, p.breakpoints, p.units, d.path FROM passages p "
                f"JOIN dumps d ON d.id = p.dump WHERE p.id IN ({marks})", chunk))
        norms = matching_texts([row[4] for row in rows])
        out: dict[int, Stored] = {}
        for (pid, dump, path, article, text, bps, units, dump_path), norm in zip(rows, norms):
            passage = Passage(text=text, path=path, article=article, breakpoints=unpack(bps), dump=dump_path)
            out[pid] = Stored(passage, dump, norm, unpack(units))
        return out


def pack(rows: Iterable[Sequence[int]]) -> str:
    """Rows of integers as text, ``1,2,3;4,5,6`` (a tenth of json.dumps's cost, for every passage added)."""
    return ";".join(",".join(map(str, row)) for row in rows)


def unpack(text: str) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(map(int, row.split(","))) for row in text.split(";")) if text else ()


def _tier(rows: int) -> int:
    tier, size = 0, BASE_ROWS
    while rows > size:
        tier, size = tier + 1, size * FANIN
    return tier


def _sorted_segment(whole_hash, whole_passage, part_hash, part_unit) -> Segment:
    import numpy as np

    w = np.lexsort((whole_passage, whole_hash))
    p = np.lexsort((part_unit, part_hash))
    return Segment(np.ascontiguousarray(whole_hash[w], dtype=np.uint64),
                   np.ascontiguousarray(whole_passage[w], dtype=np.int64),
                   np.ascontiguousarray(part_hash[p], dtype=np.uint64),
                   np.ascontiguousarray(part_unit[p], dtype=np.int64))


def _merged_segment(segs: list[Segment]) -> Segment:
    """Segments merged into one. Each is sorted by (hash, id) and holds larger ids than the ones before it,
    so a stable sort of their concatenation by hash alone (timsort merging len(segs) runs) keeps (hash, id)
    order: O(n log k), not a full sort."""
    import numpy as np

    def merge(hashes, values):
        h = np.concatenate(hashes)
        v = np.concatenate(values)
        order = np.argsort(h, kind="stable")
        return h[order], v[order]

    wh, wp = merge([s.whole_hash for s in segs], [s.whole_passage for s in segs])
    ph, pu = merge([s.part_hash for s in segs], [s.part_unit for s in segs])
    return Segment(wh, wp, ph, pu)


def archive_candidates(archive: Archive, units: Units, post, settings: DedupeSettings):
    """Stage 3 against the archive: (input unit, archived unit code, shared) for every pair sharing live
    fingerprints, and each input unit's live count. Stock n-grams (in more than ``max_df`` passages,
    archive and input together) are dropped."""
    import numpy as np

    from newskit.dedupe.candidates import group_postings
    from newskit.dedupe.fingerprint import expand

    max_df = settings.max_df
    group = np.asarray(units.group, dtype=np.int64)
    hs, us, starts, sizes, _ = group_postings(post.unit, post.hash, group, max_df)
    uniq = hs[starts] if len(hs) else np.zeros(0, np.uint64)
    # The input's own document frequency (distinct passages per hash).
    gs = group[us] if len(us) else np.zeros(0, np.int64)
    new_group = np.ones(len(hs), dtype=bool)
    if len(hs):
        new_group[1:] = (hs[1:] != hs[:-1]) | (gs[1:] != gs[:-1])
    df = np.add.reduceat(new_group.astype(np.int64), starts) if len(hs) else np.zeros(0, np.int64)
    found_h: list = []  # per segment: index into uniq, archived unit code
    found_c: list = []
    for seg in archive.segments():
        lo = np.searchsorted(seg.whole_hash, uniq, "left")
        hi = np.searchsorted(seg.whole_hash, uniq, "right")
        df += hi - lo
        for lo_, hi_, codes, shift in ((lo, hi, seg.whole_passage, True),
                                       (np.searchsorted(seg.part_hash, uniq, "left"),
                                        np.searchsorted(seg.part_hash, uniq, "right"), seg.part_unit, False)):
            runs = hi_ - lo_
            take = np.flatnonzero((runs > 0) & (runs <= max_df))
            if not len(take):
                continue
            lengths = runs[take]
            idx = np.repeat(take, lengths)
            rows = expand(lo_[take], lengths)
            found_h.append(idx)
            found_c.append((codes[rows] << PART_BITS) if shift else codes[rows])
    stock = df > max_df
    live = np.bincount(us[~np.repeat(stock, sizes)], minlength=len(units)).astype(np.int64) if len(us) else \
        np.zeros(len(units), np.int64)
    z = np.zeros(0, np.int64)
    if not found_h:
        return (z, z, z), live, stock, uniq
    idx = np.concatenate(found_h)
    codes = np.concatenate(found_c)
    keep = ~stock[idx]
    idx, codes = idx[keep], codes[keep]
    # Join on the hash: every input unit holding uniq[i] meets every archived unit holding it.
    q_counts = sizes[idx]
    q_units = us[expand(starts[idx], q_counts)].astype(np.uint64)
    a_codes = np.repeat(codes, q_counts).astype(np.uint64)
    pair = (q_units << np.uint64(40)) | a_codes
    pair, shared = np.unique(pair, return_counts=True)
    return ((pair >> np.uint64(40)).astype(np.int64), (pair & np.uint64((1 << 40) - 1)).astype(np.int64),
            shared.astype(np.int64)), live, stock, uniq


def check(passages: Sequence[Passage], archive: Archive) -> DedupeResult:
    """Dedupe passages among themselves and against the archive (archived passages are node ``-id``)."""
    settings = archive.settings
    skip_dumps = archive.archived_dumps(passages)
    edges: list[Edge] = []
    archived: dict[int, Passage] = {}
    known_dumps: dict[int, int] = {}
    with paused_gc():
        units = make_units(passages, settings.min_chars, parts=settings.parts)
        edges.extend(find_edges(units, settings))
        for lo in range(0, len(units), BATCH * 2):
            batch = _slice_units(units, lo, lo + BATCH * 2)
            edges.extend(_check_batch(archive, batch, settings, skip_dumps, archived, known_dumps))
    dumps, total = archive.count()
    new_dumps = {p.dump_key for p in passages}
    return assemble(
        best_edges(edges),
        lambda node: archived[-node] if node < 0 else passages[node],
        lambda node: None if node < 0 else node,
        settings, passages=sum(1 for n in units.norms if n), archived=total,
        total_dumps=dumps + len(new_dumps) - len(skip_dumps), known_dumps=known_dumps,
    )


def _slice_units(units: Units, lo: int, hi: int) -> Units:
    """Units lo:hi, widened to whole passages (a passage's units stay in one batch)."""
    n = len(units)
    while 0 < lo < n and units.part[lo] != WHOLE:
        lo -= 1
    while hi < n and units.part[hi] != WHOLE:
        hi += 1
    return Units(units.norms, units.group[lo:hi], units.part[lo:hi], units.start[lo:hi], units.end[lo:hi],
                 units.key[lo:hi])


def _check_batch(archive: Archive, units: Units, settings: DedupeSettings, skip_dumps: set[int],
                 archived: dict[int, Passage], known_dumps: dict[int, int]) -> list[Edge]:
    import numpy as np

    from newskit.dedupe.candidates import overlap_shares, worth_verifying

    if not len(units):
        return []
    post = unit_postings(units, settings.n, settings.w)
    (q, codes, shared), live, stock, uniq = archive_candidates(archive, units, post, settings)
    # Exact copies: every unit whose text the archive holds pairs with its first archived printing.
    exact = archive.exact_keys(units.key)
    pairs: dict[tuple[int, int], int] = {}  # (unit, archived unit code) -> what to verify it for
    for u, key in enumerate(units.key):
        if key in exact:
            pairs[(u, exact[key][0])] = 1
    if len(q):
        pids = codes >> PART_BITS
        parts = codes & ((1 << PART_BITS) - 1)
        sizes = archive.unit_sizes(pids.tolist())
        fps = np.array([_stored_fps(sizes.get(p), k) for p, k in zip(pids.tolist(), parts.tolist())],
                       dtype=np.int64)
        stock_of = np.bincount(post.unit[np.isin(post.hash, uniq[stock])].astype(np.int64),
                               minlength=len(units)) if stock.any() else np.zeros(len(units), np.int64)
        # The archived side's stock n-grams are not stored; a copy shares the checked unit's.
        archived_live = np.maximum(1, fps - stock_of[q])
        overlap_needed = overlap_shares(settings.overlap_chars, settings.n, settings.w) \
            if settings.overlap_chars else 1 << 30
        from newskit.dedupe.candidates import Counted

        mode = worth_verifying(Counted(q, codes, shared), live[q], archived_live, candidate=settings.candidate,
                               overlap_needed=overlap_needed)
        mask = mode > 0
        for u, c, m in zip(q[mask].tolist(), codes[mask].tolist(), mode[mask].tolist()):
            pairs.setdefault((u, c), m)
    stored = archive.stored({c >> PART_BITS for _, c in pairs})  # texts of the pairs to verify only
    return verify_archived(units, pairs, stored, exact, skip_dumps, settings, archived, known_dumps)


def verify_archived(units: Units, pairs: dict[tuple[int, int], int], stored: dict[int, Stored],
                    exact: dict[int, tuple[int, int]], skip_dumps: set[int], settings: DedupeSettings,
                    archived: dict[int, Passage], known_dumps: dict[int, int]) -> list[Edge]:
    """Verify (checked unit, archived unit code) pairs: edges ``-passage id → group``, the archived passages
    they name into ``archived`` and the dumps known to print an archived text into ``known_dumps``.

    ``exact`` maps a checked unit's key to (first archived unit code, dumps printing it). Shared by the
    SQLite archive and the Spark engine's Parquet archive (one pair of passages at a time there).
    """
    out: list[Edge] = []
    settled: set[tuple[int, int]] = set()
    for u, code in sorted(pairs, key=lambda p: (units.group[p[0]], p[1] >> PART_BITS,
                                                   units.part[p[0]] + (p[1] & 255) > 0, p)):
        pid, part = code >> PART_BITS, code & ((1 << PART_BITS) - 1)
        item = stored.get(pid)
        if item is None or item.dump in skip_dumps or part >= len(item.units):
            continue
        g = units.group[u]
        whole = units.part[u] == WHOLE and part == WHOLE
        if not whole and (g, pid) in settled:
            continue
        start, end, _ = item.units[part]
        text = units.text(u)
        first = exact.get(units.key[u], (None,))[0]
        if code != first and (item.norm[start:end] == text or item.norm == units.norms[g]):
            continue  # a later copy of the same text: exact copies pair with the first printing only
        match = verify_pair(item.norm[start:end], text, settings, pairs[(u, code)])
        if match is None:
            continue
        if whole and match.rank == 0:
            settled.add((g, pid))
        out.append(Edge(-pid, g, shifted(match, start, units.start[u]), (part, units.part[u])))
        archived[pid] = item.passage
        key_info = exact.get(units.key[u])
        if key_info is not None and key_info[0] == code:
            known_dumps[-pid] = max(known_dumps.get(-pid, 0), key_info[1])
    return out


def _stored_fps(sizes: tuple[int, ...] | None, part: int) -> int:
    if not sizes or part >= len(sizes):
        return 1
    return sizes[part]


def dump_digest(passages: Sequence[Passage]) -> str:
    h = hashlib.sha256()
    for p in passages:
        h.update(p.text.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _group_by_dump(passages: Iterable[Passage]) -> list[tuple[str, list[Passage]]]:
    groups: dict[str, list[Passage]] = {}
    for p in passages:
        groups.setdefault(p.dump_key, []).append(p)
    return list(groups.items())


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
