"""A persistent archive of printed passages (SQLite, stdlib) that new dumps are added to and checked against.

Adding is incremental: passages and their fingerprint postings are appended, nothing is rebuilt. Checking
reads only the postings of the checked passages' fingerprints and the rows of the candidates they
name, in batches, so memory stays bounded by the batch, not by the archive.

Schema (``meta`` records the n-gram size, winnowing window and a hash canary; an archive is only read
with the settings it was built with):

- ``dumps(id, path, digest, passages, added)`` — one row per dump added; the digest makes re-adding a no-op;
- ``passages(id, dump, path, article, text, key, length, fps, breakpoints)`` — the printed text and the
  map back to ``path:line:column``; ``key`` hashes the matching text (exact copies);
- ``grams(hash, df)`` — how many passages hold each fingerprint;
- ``postings(hash, passage)`` — who holds it, kept only up to ``max_df`` passages per fingerprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newskit.dedupe.engine import (
    HASH_CANARY, DedupeSettings, Edge, Engine, Prepared, assemble, bulk, needed_shares, prepare,
)
from newskit.dedupe.normalize import matching_text
from newskit.dedupe.passage import Passage
from newskit.dedupe.records import DedupeResult
from newskit.dedupe.verify import verify

SCHEMA_VERSION = "1"
BATCH = 1000  # passages per query batch
SQL_VARS = 900  # stay under SQLite's host-parameter limit on old builds

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dumps(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, digest TEXT NOT NULL UNIQUE,
    passages INTEGER NOT NULL, added TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY, dump INTEGER NOT NULL REFERENCES dumps(id), path TEXT NOT NULL,
    article TEXT, text TEXT NOT NULL, key INTEGER NOT NULL, length INTEGER NOT NULL,
    fps INTEGER NOT NULL, breakpoints TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS passages_key ON passages(key);
CREATE TABLE IF NOT EXISTS grams(hash INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS postings(
    hash INTEGER NOT NULL, passage INTEGER NOT NULL, PRIMARY KEY(hash, passage)) WITHOUT ROWID;
"""


class ArchiveError(Exception):
    """The archive is missing, not a newskit archive, or built with other settings (CLI: exit 2)."""


@dataclass(frozen=True, slots=True)
class AddReport:
    dumps_added: int
    dumps_skipped: int  # already archived (same content)
    passages_added: int


class Archive:
    """An on-disk archive. ``Archive.open(path, create=True)`` makes a new one with ``settings``."""

    def __init__(self, conn: sqlite3.Connection, path: str, settings: DedupeSettings) -> None:
        self.conn = conn
        self.path = path
        self.settings = settings

    @classmethod
    def open(cls, path: str | Path, settings: DedupeSettings | None = None, *, create: bool = False) -> Archive:
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
            conn.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache: the archive's memory bound
            if exists:
                meta = dict(conn.execute("SELECT key, value FROM meta"))
            else:
                conn.executescript(_SCHEMA)
                meta = {
                    "schema": SCHEMA_VERSION, "ngram": str(settings.n), "window": str(settings.w),
                    "min_chars": str(settings.min_chars), "max_df": str(settings.max_df),
                    "hash_canary": str(HASH_CANARY),
                }
                conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
                conn.commit()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{spath}: not a newskit archive ({exc})") from None
        if meta.get("schema") != SCHEMA_VERSION:
            raise ArchiveError(f"{spath}: not a newskit archive (schema {meta.get('schema')!r})")
        if meta.get("hash_canary") != str(HASH_CANARY):
            raise ArchiveError(f"{spath}: built by a Python that hashes differently; rebuild the archive")
        from dataclasses import replace

        stored = replace(settings, ngram=int(meta["ngram"]), window=int(meta["window"]),
                         max_df=int(meta["max_df"]))
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
        passages = self.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        return dumps, passages

    # -- adding -------------------------------------------------------------------------------------

    def add(self, passages: Iterable[Passage]) -> AddReport:
        """Append the passages' dumps (grouped by ``Passage.dump_key``); a dump already archived is skipped."""
        added = skipped = count = 0
        conn = self.conn
        for dump_key, group in _group_by_dump(passages):
            digest = dump_digest(group)
            if conn.execute("SELECT 1 FROM dumps WHERE digest = ?", (digest,)).fetchone():
                skipped += 1
                continue
            prepared = [r for r in (prepare(p, self.settings) for p in group) if r is not None]
            cur = conn.execute(
                "INSERT INTO dumps(path, digest, passages, added) VALUES (?, ?, ?, ?)",
                (dump_key, digest, len(prepared), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            dump_id = cur.lastrowid
            self._add_passages(dump_id, prepared)
            added += 1
            count += len(prepared)
        conn.commit()
        return AddReport(added, skipped, count)

    def _add_passages(self, dump_id: int, prepared: list[tuple[Prepared, set[int]]]) -> None:
        conn = self.conn
        rows = []
        for item, _ in prepared:
            p = item.passage
            rows.append((dump_id, p.path, p.article, p.text, item.key, len(item.norm), item.fps,
                         json.dumps(p.compute_breakpoints(), separators=(",", ":"))))
        ids = [
            conn.execute("INSERT INTO passages(dump, path, article, text, key, length, fps, breakpoints) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid
            for row in rows
        ]
        holders: dict[int, list[int]] = {}
        for pid, (_, fps) in zip(ids, prepared):
            for h in fps:
                holders.setdefault(h, []).append(pid)
        df = self._df(holders)
        max_df = self.settings.max_df
        postings = []
        for h, ids in holders.items():
            room = max_df - df.get(h, 0)
            if room > 0:
                postings.extend((h, pid) for pid in ids[:room])
        conn.executemany("INSERT OR IGNORE INTO postings(hash, passage) VALUES (?, ?)", postings)
        conn.executemany(
            "INSERT INTO grams(hash, df) VALUES (?, ?) ON CONFLICT(hash) DO UPDATE SET df = df + excluded.df",
            ((h, len(ids)) for h, ids in holders.items()))

    def _df(self, hashes: Iterable[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for chunk in _chunks(list(hashes), SQL_VARS):
            marks = ",".join("?" * len(chunk))
            out.update(self.conn.execute(f"SELECT hash, df FROM grams WHERE hash IN ({marks})", chunk))
        return out

    # -- checking -----------------------------------------------------------------------------------

    def archived_dumps(self, passages: Sequence[Passage]) -> set[int]:
        """Ids of archived dumps with the same content as one of these passages' dumps (not checked against)."""
        ids = set()
        for _, group in _group_by_dump(passages):
            row = self.conn.execute("SELECT id FROM dumps WHERE digest = ?", (dump_digest(group),)).fetchone()
            if row:
                ids.add(row[0])
        return ids

    def candidates(self, batch: Sequence[tuple[int, Prepared, set[int]]],
                   skip_dumps: set[int]) -> Iterator[tuple[int, int]]:
        """(node, archived passage id) pairs worth verifying for a batch of prepared input passages."""
        conn = self.conn
        max_df = self.settings.max_df
        all_hashes = set().union(*(fps for _, _, fps in batch)) if batch else set()
        df = self._df(all_hashes)
        useful = [h for h, n in df.items() if n <= max_df]
        holders: dict[int, list[int]] = {}
        for chunk in _chunks(useful, SQL_VARS):
            marks = ",".join("?" * len(chunk))
            for h, pid in conn.execute(f"SELECT hash, passage FROM postings WHERE hash IN ({marks})", chunk):
                holders.setdefault(h, []).append(pid)
        shared_by_node: dict[int, dict[int, int]] = {}
        for node, _, fps in batch:
            shared: dict[int, int] = {}
            for h in fps:
                for pid in holders.get(h, ()):
                    shared[pid] = shared.get(pid, 0) + 1
            shared_by_node[node] = shared
        wanted = {pid for shared in shared_by_node.values() for pid in shared}
        info: dict[int, tuple[int, int, int, int]] = {}  # id -> (dump, fps, length, key)
        for chunk in _chunks(sorted(wanted), SQL_VARS):
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(f"SELECT id, dump, fps, length, key FROM passages WHERE id IN ({marks})", chunk):
                info[row[0]] = row[1:]
        keys = {item.key for _, item, _ in batch}
        exact: dict[int, list[int]] = {}
        for chunk in _chunks(sorted(keys), SQL_VARS):
            marks = ",".join("?" * len(chunk))
            for pid, key, dump in conn.execute(
                    f"SELECT id, key, dump FROM passages WHERE key IN ({marks}) ORDER BY id", chunk):
                if dump not in skip_dumps and len(exact.setdefault(key, [])) < max_df:
                    exact[key].append(pid)
        min_chars = self.settings.min_chars
        for node, item, fps_set in batch:
            live = sum(1 for h in fps_set if df.get(h, 0) <= max_df)
            stock = item.fps - live
            chosen = set(exact.get(item.key, ()))
            for pid, count in shared_by_node[node].items():
                dump, fps, length, key = info[pid]
                if pid in chosen or dump in skip_dumps or length < min_chars:
                    continue
                if key == item.key:
                    continue  # an exact copy beyond the first max_df: boilerplate, already counted
                # The archived side's stock n-grams are unknown here; a copy shares the query's.
                if count >= needed_shares(self.settings, live, max(1, fps - stock)):
                    chosen.add(pid)
            for pid in sorted(chosen):
                yield node, pid

    def passages_by_id(self, ids: Iterable[int]) -> dict[int, Passage]:
        out: dict[int, Passage] = {}
        for chunk in _chunks(sorted(set(ids)), SQL_VARS):
            marks = ",".join("?" * len(chunk))
            for pid, path, article, text, bps, dump_path in self.conn.execute(
                    "SELECT p.id, p.path, p.article, p.text, p.breakpoints, d.path FROM passages p "
                    f"JOIN dumps d ON d.id = p.dump WHERE p.id IN ({marks})", chunk):
                points = tuple(tuple(b) for b in json.loads(bps))
                out[pid] = Passage(text=text, path=path, article=article, breakpoints=points, dump=dump_path)
        return out


def check(passages: Sequence[Passage], archive: Archive) -> DedupeResult:
    """Dedupe passages among themselves and against the archive (archived passages are node ``-id``)."""
    settings = archive.settings
    engine = Engine(settings)
    batch: list[tuple[int, Prepared, set[int]]] = []
    archived: dict[int, Passage] = {}
    edges: list[Edge] = []
    skip_dumps = archive.archived_dumps(passages)

    def flush() -> None:
        pairs = list(archive.candidates(batch, skip_dumps))
        texts = archive.passages_by_id(pid for _, pid in pairs)
        norms = {pid: matching_text(p.text) for pid, p in texts.items()}
        by_node = {node: item for node, item, _ in batch}
        for node, pid in pairs:
            match = verify(norms[pid], by_node[node].norm, threshold=settings.threshold, ngram=settings.n,
                           max_chars=settings.max_align_chars)
            if match is not None:
                edges.append(Edge(-pid, node, match))
                archived[pid] = texts[pid]
        batch.clear()

    with bulk():
        for k, passage in enumerate(passages):
            ready = prepare(passage, settings)
            if ready is None:
                continue
            item = engine.add(passage, k, ready=ready)
            batch.append((len(engine.nodes) - 1, item, ready[1]))
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    all_edges = edges + engine.edges
    _, total = archive.count()
    return assemble(
        all_edges,
        lambda node: archived[-node] if node < 0 else engine.nodes[node].passage,
        lambda node: None if node < 0 else engine.input_index[node],
        settings, passages=len(engine.nodes), archived=total,
    )


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
