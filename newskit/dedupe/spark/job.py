"""``newskit dedupe --engine spark``: the embedded engine's stages as one Spark job.

The data flow, and where each stage of engine.py runs:

1. files → passages (executors: read, split, ``article_passages``), numbered in input order by
   ``zipWithIndex`` so passage ids — and so every tie-break, cluster number and sort — match the embedded run;
2. passages → units, their exact keys and winnowed fingerprints (executors: make_units, unit_postings);
3. fingerprints → document frequency (distinct passages per hash, summed map-side: a stock n-gram held by
   millions of passages costs one partial count per task) → the stock n-grams (df > ``max_df``) are cut
   with an anti-join *before* the self-join, so no hash group that reaches the join holds more than
   ``max_df`` passages → the self-join on the hash → shared fingerprints per unit pair → the share rule
   (executors: candidates.share_mode); exact copies pair with the first printing of their key (a join on
   the key against its minimum, which streams however many copies a standing line has);
4. unit pairs grouped per pair of passages, joined with the two texts → verification and selection
   (executors: filter_copies, verify_units, best_edges on those two passages' units);
5. the verified edges — output-sized — come to the driver with only the passages they name, and
   ``engine.assemble`` builds pairs, clusters and boilerplate exactly as the embedded engine does.

No stage collects paragraphs or postings to the driver; the joins run in the JVM (sort-merge, spilling to
disk), so an executor's memory is bounded by its partition, not by the archive.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from newskit.dedupe.engine import DedupeSettings, assemble, best_edges
from newskit.dedupe.records import DedupeResult

#: Input files per read task: enough work per task, and many tasks for an archive of many dumps.
FILES_PER_TASK = 32


@dataclass
class SparkRun:
    """What a run produced: the result (None when it only added to an archive), the files that could not be
    read, and what an add did (an archive.AddReport and the archive's (dumps, passages) after it)."""

    result: DedupeResult | None
    errors: list[str]
    added: tuple | None = None


def dedupe_files(files: Sequence[str], settings: DedupeSettings, *, master: str = "local[*]",
                 stdin_document=None, session=None, against=None, add_to=None, compare: bool = True) -> SparkRun:
    """Dedupe dump files (paths every executor can read) on Spark: the same result as ``engine.run``, or
    with ``against`` (a ParquetArchive) as ``archive.check``; ``add_to`` appends the dumps afterwards."""
    from newskit.dedupe.spark.archive import ParquetArchiveError
    from newskit.dedupe.spark.session import spark_session

    if against is not None and add_to is not None and against.settings != add_to.settings:
        raise ParquetArchiveError(f"{against.path} and {add_to.path} were built with different settings")
    spark = session or spark_session(master)
    frames = _Frames.build(spark, files, settings, stdin_document, breakpoints=add_to is not None)
    try:
        result = None
        if compare:
            edges = frames.edges()
            result = frames.check(against, edges) if against is not None else frames.assemble(edges)
        added = frames.add(add_to) if add_to is not None else None
        return SparkRun(result, frames.errors, added)
    finally:
        frames.release()


class _Frames:
    """The job's RDDs and DataFrames, built lazily stage by stage."""

    def __init__(self, spark, settings: DedupeSettings) -> None:
        self.spark = spark
        self.settings = settings
        self.errors: list[str] = []
        self._persisted: list = []

    @classmethod
    def build(cls, spark, files: Sequence[str], settings: DedupeSettings, stdin_document=None, *,
              breakpoints: bool = False) -> _Frames:
        from pyspark import StorageLevel

        from newskit.dedupe.spark import stages

        self = cls(spark, settings)
        sc = spark.sparkContext
        items = [(k, path, stdin_document if path == "-" else None) for k, path in enumerate(files)]
        slices = max(1, min(len(items), max(sc.defaultParallelism, math.ceil(len(items) / FILES_PER_TASK))))
        read = partial(stages.read_rows, breakpoints=breakpoints)
        raw = self._keep(sc.parallelize(items, slices).mapPartitions(read), StorageLevel.MEMORY_AND_DISK)
        # One row per input file: bad files, and each dump's key, digest and passage count.
        per_file = sorted(raw.filter(lambda r: r[0] != stages.PASSAGE).map(lambda r: (r[1], r)).collect())
        self.errors = [r[2] for _, r in per_file if r[0] == stages.ERROR]
        self.dumps = [r[2:] for _, r in per_file if r[0] == stages.DUMP]  # (dump key, digest, passages)
        self.passages = self._keep(raw.filter(lambda r: r[0] == stages.PASSAGE).map(lambda r: r[1]).zipWithIndex(),
                                   StorageLevel.MEMORY_AND_DISK)
        rows = self._keep(self.passages.mapPartitions(partial(stages.unit_rows, settings)),
                          StorageLevel.MEMORY_AND_DISK)
        self.postings = spark.createDataFrame(
            rows.filter(lambda r: r[0] == stages.POSTING).map(lambda r: r[1:]),
            "hash long, pid long, part int, first boolean")
        self.units = spark.createDataFrame(rows.filter(lambda r: r[0] == stages.UNIT).map(lambda r: r[1:]),
                                           "pid long, part int, key long, fps long")
        self.texts = spark.createDataFrame(rows.filter(lambda r: r[0] == stages.TEXT).map(lambda r: r[1:]),
                                           "pid long, text string, units string")
        return self

    def _keep(self, rdd, level):
        rdd.persist(level)
        self._persisted.append(rdd)
        return rdd

    def release(self) -> None:
        for rdd in self._persisted:
            rdd.unpersist()

    # -- stage 3 -------------------------------------------------------------------------------------

    def candidate_pairs(self):
        """Unit pairs to verify: (pa, qa, pb, qb, mode, exact), pa <= pb."""
        from pyspark.sql import functions as F

        from newskit.dedupe.spark import stages

        s = self.settings
        df = self.postings.groupBy("hash").agg(F.sum(F.col("first").cast("long")).alias("df"))
        stock = df.where(F.col("df") > s.max_df).select("hash")
        live = self.postings.join(stock, "hash", "left_anti").select("hash", "pid", "part")
        live_count = live.groupBy("pid", "part").agg(F.count(F.lit(1)).alias("live"))
        a = live.select("hash", F.col("pid").alias("pa"), F.col("part").alias("qa"))
        b = live.select("hash", F.col("pid").alias("pb"), F.col("part").alias("qb"))
        # Unit pairs a < b in (passage, part) order; a passage and its own parts are never a pair.
        joined = a.join(b, "hash").where(
            (F.col("pa") < F.col("pb")) | ((F.col("pa") == F.col("pb")) & (F.col("qa") > 0) & (F.col("qa") < F.col("qb"))))
        shared = joined.groupBy("pa", "qa", "pb", "qb").agg(F.count(F.lit(1)).alias("shared"))
        la = live_count.select(F.col("pid").alias("pa"), F.col("part").alias("qa"), F.col("live").alias("live_a"))
        lb = live_count.select(F.col("pid").alias("pb"), F.col("part").alias("qb"), F.col("live").alias("live_b"))
        counted = shared.join(la, ["pa", "qa"]).join(lb, ["pb", "qb"]).select(
            "pa", "qa", "pb", "qb", "shared", "live_a", "live_b")
        schema = "pa long, qa int, pb long, qb int, mode int, exact boolean"
        shares = self.spark.createDataFrame(counted.rdd.mapPartitions(partial(stages.share_rows, s)), schema)
        return shares.unionByName(self.exact_pairs())

    def exact_pairs(self):
        """Every unit whose exact text an earlier unit has, paired with that first printing (engine.exact_pairs)."""
        from pyspark.sql import functions as F

        units = self.units
        firsts = units.groupBy("key").agg(F.min(F.struct("pid", "part")).alias("f"), F.count(F.lit(1)).alias("n")) \
            .where(F.col("n") > 1).select("key", F.col("f.pid").alias("pa"), F.col("f.part").alias("qa"))
        pairs = units.join(firsts, "key").where(
            ~((F.col("pid") == F.col("pa")) & ((F.col("part") == F.col("qa")) | (F.col("part") == 0) | (F.col("qa") == 0))))
        return pairs.select("pa", "qa", F.col("pid").alias("pb"), F.col("part").alias("qb"),
                            F.lit(1).alias("mode"), F.lit(True).alias("exact"))

    # -- stage 4 and 5 --------------------------------------------------------------------------------

    def edges(self) -> list:
        """Verified edges, best per pair of passages (collected: one row per pair found)."""
        from pyspark.sql import functions as F

        from newskit.dedupe.spark import stages

        buckets = self.candidate_pairs().groupBy("pa", "pb").agg(
            F.collect_list(F.struct("qa", "qb", "mode", "exact")).alias("pairs"))
        ta = self.texts.select(F.col("pid").alias("pa"), F.col("text").alias("text_a"), F.col("units").alias("units_a"))
        tb = self.texts.select(F.col("pid").alias("pb"), F.col("text").alias("text_b"), F.col("units").alias("units_b"))
        rows = buckets.join(ta, "pa").join(tb, "pb").select(
            "pa", "pb", "text_a", "units_a", "text_b", "units_b", "pairs")
        found = rows.rdd.mapPartitions(partial(stages.verify_rows, self.settings)).collect()
        return best_edges([stages.edge_of(row) for row in found])

    def assemble(self, edges: list) -> DedupeResult:
        """engine.assemble on the driver, with the passages the edges name (and only those)."""
        got = self.input_passages({n for e in edges for n in (e.x, e.y)})
        return assemble(edges, got.__getitem__, _identity, self.settings, passages=self.compared(),
                        total_dumps=len({key for key, _, _ in self.dumps}))

    def input_passages(self, nodes: set[int]) -> dict:
        """Passage id -> Passage, for these ids only."""
        wanted = self.spark.sparkContext.broadcast({n for n in nodes if n >= 0})
        got = dict(self.passages.filter(lambda t: t[1] in wanted.value).map(lambda t: (t[1], t[0])).collect())
        wanted.unpersist()
        return got

    def compared(self) -> int:
        from pyspark.sql import functions as F

        return self.units.where(F.col("part") == 0).count()

    # -- an archive ------------------------------------------------------------------------------------

    def check(self, archive, edges: list) -> DedupeResult:
        """archive.check on Spark: the input's own edges plus those against the archive's passages (node -id).

        The archive's postings join the input's on the hash after the stock cut, which counts a hash's
        passages in the input and the archive together (an archived hash is one whole posting per passage).
        """
        from pyspark.sql import functions as F

        from newskit.dedupe.archive import unpack
        from newskit.dedupe.passage import Passage
        from newskit.dedupe.spark import stages

        s, spark = self.settings, self.spark
        digests = sorted({digest for _, digest, _ in self.dumps})
        skip = frozenset(r.id for r in archive.table(spark, "dumps").where(F.col("digest").isin(digests))
                         .select("id").collect())  # the input's own dumps, archived before: not compared
        stored = archive.table(spark, "postings").select("hash", "code")
        archived_df = stored.where(F.col("code") % (1 << 8) == 0).groupBy("hash").agg(F.count(F.lit(1)).alias("adf"))
        input_df = self.postings.groupBy("hash").agg(F.sum(F.col("first").cast("long")).alias("idf"))
        stock = input_df.join(archived_df, "hash", "left").where(
            F.col("idf") + F.coalesce(F.col("adf"), F.lit(0)) > s.max_df).select("hash")
        live = self.postings.join(stock, "hash", "left_anti").select("hash", "pid", "part")
        live_count = live.groupBy("pid", "part").agg(F.count(F.lit(1)).alias("live"))
        shared = live.join(stored, "hash").groupBy("pid", "part", "code").agg(F.count(F.lit(1)).alias("shared"))
        units = archive.table(spark, "units")
        # The archived side's stock n-grams are not known per unit; a copy shares the checked unit's.
        counted = shared.join(live_count, ["pid", "part"]).join(self.units.select("pid", "part", "fps"), ["pid", "part"]) \
            .join(units.select("code", F.col("fps").alias("afps")), "code") \
            .select("pid", "part", "code", F.lit(0).alias("unused"), "shared", "live",
                    F.greatest(F.lit(1), F.col("afps") - (F.col("fps") - F.col("live"))).alias("archived_live"))
        shares = spark.createDataFrame(counted.rdd.mapPartitions(partial(stages.share_rows, s)),
                                       "pid long, part int, code long, unused int, mode int, exact boolean").drop("unused")
        firsts = units.groupBy("key").agg(F.min("code").alias("first"), F.countDistinct("dump").alias("dumps"))
        keyed = self.units.select("pid", "part", "key").join(firsts, "key", "left").drop("key")
        exact = keyed.where(F.col("first").isNotNull()).select(
            "pid", "part", F.col("first").alias("code"), F.lit(1).alias("mode"), F.lit(True).alias("exact"))
        pairs = shares.unionByName(exact).join(keyed, ["pid", "part"]).withColumn("aid", F.shiftright("code", 8))
        buckets = pairs.groupBy("pid", "aid").agg(
            F.collect_list(F.struct("part", "code", "mode", "exact", "first", "dumps")).alias("pairs"))
        texts = archive.table(spark, "passages").select(
            F.col("id").alias("aid"), F.col("text").alias("atext"), F.col("units").alias("aunits"),
            F.col("dump").alias("adump"))
        rows = buckets.join(self.texts, "pid").join(texts, "aid").select(
            "pid", "aid", "text", "units", "atext", "aunits", "adump", "pairs")
        out = rows.rdd.mapPartitions(partial(stages.archive_rows, s, skip)).collect()
        known: dict[int, int] = {}
        for row in out:
            if row[0] == stages.KNOWN:
                known[row[1]] = max(known.get(row[1], 0), row[2])
        edges = best_edges([*edges, *(stages.edge_of(row[1:]) for row in out if row[0] == stages.EDGE)])
        wanted = sorted({-n for e in edges for n in (e.x, e.y) if n < 0})
        archived = {}
        if wanted:
            found = archive.table(spark, "passages").where(F.col("id").isin(wanted)).join(
                archive.table(spark, "dumps").select(F.col("id").alias("dump"), F.col("path").alias("dump_path")), "dump")
            for r in found.select("id", "path", "article", "text", "breakpoints", "dump_path").collect():
                archived[-r.id] = Passage(text=r.text, path=r.path, article=r.article,
                                          breakpoints=unpack(r.breakpoints), dump=r.dump_path)
        got = self.input_passages({n for e in edges for n in (e.x, e.y)})
        got.update(archived)
        dumps, total = archive.count()
        new_dumps = {key for key, _, _ in self.dumps}
        return assemble(edges, got.__getitem__, _input_index, s, passages=self.compared(), archived=total,
                        total_dumps=dumps + len(new_dumps) - len(skip), known_dumps=known)

    def add(self, archive):
        """Append the input's dumps not archived yet; (AddReport, the archive's (dumps, passages) after)."""
        import datetime as dt

        from pyspark.sql import functions as F

        from newskit.dedupe.archive import AddReport, pack
        from newskit.dedupe.spark.archive import BUCKETS, PART_BITS

        spark = self.spark
        digests = sorted({digest for _, digest, _ in self.dumps})
        archived = {r.digest for r in archive.table(spark, "dumps").where(F.col("digest").isin(digests))
                    .select("digest").collect()}
        meta = archive.meta
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        new: dict[str, int] = {}
        rows, skipped, next_dump = [], 0, int(meta["next_dump"])
        for key, digest, count in self.dumps:
            if digest in archived or key in new:
                skipped += 1
                continue
            archived.add(digest)
            new[key] = next_dump
            rows.append((next_dump, key, digest, count, now))
            next_dump += 1
        base = int(meta["next_passage"])  # archive id = base + input passage id: ids only grow
        total_input = sum(count for _, _, count in self.dumps)
        added = 0
        if new:
            dump_of = spark.sparkContext.broadcast(new)
            info = spark.createDataFrame(
                self.passages.filter(lambda t: t[0].dump_key in dump_of.value).map(
                    lambda t: (t[1], dump_of.value[t[0].dump_key], t[0].path, t[0].article, pack(t[0].breakpoints))),
                "pid long, dump long, path string, article string, breakpoints string")
            passages = self.texts.join(info, "pid").select(
                (F.col("pid") + base).alias("id"), "dump", "path", "article", "text", "breakpoints", "units")
            archive.append("passages", passages)
            dumps = info.select("pid", "dump")
            archive.append("units", self.units.join(dumps, "pid").select(
                "key", F.shiftleft(F.col("pid") + base, PART_BITS).bitwiseOR(F.col("part")).alias("code"), "dump", "fps"))
            archive.append("postings", self.postings.join(dumps.select("pid"), "pid").select(
                F.pmod(F.col("hash"), F.lit(BUCKETS)).cast("int").alias("bucket"), "hash",
                F.shiftleft(F.col("pid") + base, PART_BITS).bitwiseOR(F.col("part")).alias("code")))
            archive.append("dumps", spark.createDataFrame(rows, "id long, path string, digest string, passages long, added string"))
            added = self.texts.join(dumps, "pid").count()
            dump_of.unpersist()
        meta.update(dumps=int(meta["dumps"]) + len(new), passages=int(meta["passages"]) + added,
                    next_dump=next_dump, next_passage=base + total_input)
        archive.save_meta()
        return AddReport(len(new), skipped, added), archive.count()


def _identity(node: int) -> int:
    return node


def _input_index(node: int) -> int | None:
    return None if node < 0 else node

