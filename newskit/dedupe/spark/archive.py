"""The Spark engine's archive: a directory of Parquet tables that Spark reads and appends to natively.

The same content as the SQLite archive (archive.py), laid out for a cluster:

- ``newskit-archive.json``: the layout, the fingerprint scheme and the settings it was built with (an archive is
  only read with those), the counts and the next ids; written last by every add, so rows of an add that
  did not finish (ids at or past the next ids) are never read;
- ``dumps/``: ``id, path, digest, passages, added`` — one row per dump; the digest makes re-adding a no-op;
- ``passages/``: ``id, dump, path, article, text, breakpoints, units`` — the SQLite columns, the same packing;
- ``units/``: ``key, code, dump, fps`` — every unit's exact key (a unit's code is ``id * 256 + part``), its
  dump and fingerprint count (exact copies, boilerplate evidence and the share rule need them);
- ``postings/``: ``hash, code``, partitioned by ``bucket = hash mod 64`` into directories: each add appends
  one file per bucket, and a check's join on the hash reads bucket by bucket.

Every add appends files; nothing is rewritten, so adding to a large archive costs what the new dumps cost.
An SQLite archive becomes one with ``newskit archive export ARCHIVE.db DIR``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from newskit.dedupe.engine import DedupeSettings

LAYOUT = "newskit-parquet-1"
META = "newskit-archive.json"
BUCKETS = 64
PART_BITS = 8
TABLES = ("dumps", "passages", "units", "postings")
SCHEMAS = {
    "dumps": "id long, path string, digest string, passages long, added string",
    "passages": "id long, dump long, path string, article string, text string, breakpoints string, units string",
    "units": "key long, code long, dump long, fps long",
    "postings": "bucket int, hash long, code long",
}


class ParquetArchiveError(Exception):
    """Missing, not a newskit Parquet archive, or built with another scheme (CLI: one line, exit 2)."""


@dataclass
class ParquetArchive:
    path: Path
    settings: DedupeSettings
    meta: dict

    @classmethod
    def open(cls, path: str | Path, settings: DedupeSettings | None = None, *, create: bool = False) -> ParquetArchive:
        from newskit.dedupe.fingerprint import FINGERPRINT

        settings = settings or DedupeSettings()
        p = Path(path)
        meta_path = p / META
        if p.is_file():
            raise ParquetArchiveError(
                f"{p}: is a file; with --engine spark an archive is a Parquet directory "
                f"(an SQLite archive becomes one with: newskit archive export {p} DIR)")
        if not meta_path.exists():
            if not create:
                raise ParquetArchiveError(f"{p}: no such archive (create it with --engine spark --add-to)")
            if p.exists() and any(p.iterdir()):
                raise ParquetArchiveError(f"{p}: a folder that is not a newskit archive; give a new or empty one")
            meta = {"layout": LAYOUT, "fingerprint": FINGERPRINT, "ngram": settings.n, "window": settings.w,
                    "min_chars": settings.min_chars, "max_df": settings.max_df, "dumps": 0, "passages": 0,
                    "next_dump": 1, "next_passage": 1}
            archive = cls(p, settings, meta)
            archive.save_meta()
            return archive
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ParquetArchiveError(f"{p}: not a newskit archive ({exc})") from None
        if meta.get("layout") != LAYOUT:
            raise ParquetArchiveError(f"{p}: not a newskit Parquet archive (layout {meta.get('layout')!r})")
        if meta.get("fingerprint") != FINGERPRINT:
            raise ParquetArchiveError(f"{p}: fingerprints of another scheme ({meta.get('fingerprint')}); rebuild the archive")
        stored = replace(settings, ngram=int(meta["ngram"]), window=int(meta["window"]),
                         min_chars=int(meta["min_chars"]), max_df=int(meta["max_df"]))
        return cls(p, stored, meta)

    def save_meta(self) -> None:
        """Write the meta file atomically (rename): it is what makes an add visible."""
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / f".{META}.tmp"
        tmp.write_text(json.dumps(self.meta, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path / META)

    def count(self) -> tuple[int, int]:
        """(dumps, passages) in the archive."""
        return int(self.meta["dumps"]), int(self.meta["passages"])

    def uri(self, table: str) -> str:
        return str((self.path / table).resolve())

    def table(self, spark, name: str):
        """A table as a DataFrame, without rows of an add that did not finish; empty if never written."""
        from pyspark.sql import functions as F

        folder = self.path / name
        if not folder.exists():
            return spark.createDataFrame([], SCHEMAS[name])
        df = spark.read.schema(SCHEMAS[name]).parquet(self.uri(name))
        if name == "dumps":
            return df.where(F.col("id") < self.meta["next_dump"])
        if name == "passages":
            return df.where(F.col("id") < self.meta["next_passage"])
        return df.where(F.col("code") < self.meta["next_passage"] << PART_BITS)

    def append(self, name: str, df) -> None:
        writer = df.write.mode("append")
        if name == "postings":
            writer = writer.partitionBy("bucket")
        writer.parquet(self.uri(name))


#: Passages per DataFrame written while exporting (the driver holds one chunk at a time).
EXPORT_CHUNK = 50_000


def export_sqlite(source: str | Path, dest: str | Path, spark) -> tuple[int, int]:
    """Write the SQLite archive ``source`` as a new Parquet archive ``dest``; (dumps, passages) exported.

    Ids, texts, position maps and units are copied as they are; each unit's exact key is recomputed from its
    text (the SQLite archive keeps one row per distinct key, this one a row per unit), and the postings come
    from the SQLite segments. The result answers ``--against`` exactly as the SQLite archive does.
    """
    import numpy as np

    from newskit.dedupe.archive import PART_BITS as SQLITE_PART_BITS
    from newskit.dedupe.archive import Archive, unpack
    from newskit.dedupe.keys import text_key
    from newskit.dedupe.normalize import matching_texts

    with Archive.open(source) as old:
        settings = old.settings
        target = Path(dest)
        if target.exists() and any(target.iterdir()):
            raise ParquetArchiveError(f"{target}: exists and is not empty; export into a new folder")
        new = ParquetArchive.open(target, settings, create=True)
        conn = old.conn
        dumps = conn.execute("SELECT id, path, digest, passages, added FROM dumps ORDER BY id").fetchall()
        if dumps:
            new.append("dumps", spark.createDataFrame(dumps, SCHEMAS["dumps"]))
        last = 0
        while True:
            rows = conn.execute("SELECT id, dump, path, article, text, breakpoints, units FROM passages "
                                "WHERE id > ? ORDER BY id LIMIT ?", (last, EXPORT_CHUNK)).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            new.append("passages", spark.createDataFrame(rows, SCHEMAS["passages"]))
            units = []
            for (pid, dump, *_, text, _, packed), norm in zip(rows, matching_texts([r[4] for r in rows])):
                for part, (start, end, fps) in enumerate(unpack(packed)):
                    units.append((text_key(norm[start:end]), (pid << SQLITE_PART_BITS) | part, dump, fps))
            new.append("units", spark.createDataFrame(units, SCHEMAS["units"]))
        for seg in old.segments():
            hashes = np.concatenate([seg.whole_hash, seg.part_hash])
            codes = np.concatenate([seg.whole_passage << SQLITE_PART_BITS, seg.part_unit])
            signed = hashes.view(np.int64)
            for lo in range(0, len(signed), EXPORT_CHUNK * 20):
                h = signed[lo:lo + EXPORT_CHUNK * 20]
                c = codes[lo:lo + EXPORT_CHUNK * 20]
                rows = list(zip(np.mod(h, BUCKETS).tolist(), h.tolist(), c.tolist()))  # Spark's pmod
                new.append("postings", spark.createDataFrame(rows, SCHEMAS["postings"]))
        dump_count, passage_count = old.count()
        max_dump = dumps[-1][0] if dumps else 0
        new.meta.update(dumps=dump_count, passages=passage_count, next_dump=max_dump + 1, next_passage=last + 1)
        new.save_meta()
        return dump_count, passage_count
