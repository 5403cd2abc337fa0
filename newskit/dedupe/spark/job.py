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
    """What a run produced: the result (None when no file could be read) and the files that could not be read."""

    result: DedupeResult
    errors: list[str]


def dedupe_files(files: Sequence[str], settings: DedupeSettings, *, master: str = "local[*]",
                 stdin_document=None, session=None) -> SparkRun:
    """Dedupe dump files (paths a cluster's executors can read) on Spark; same result as ``engine.run``."""
    from newskit.dedupe.spark.session import spark_session

    spark = session or spark_session(master)
    frames = _Frames.build(spark, files, settings, stdin_document)
    try:
        edges = frames.edges()
        result = frames.assemble(edges)
        return SparkRun(result, frames.errors)
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
    def build(cls, spark, files: Sequence[str], settings: DedupeSettings, stdin_document=None) -> _Frames:
        from pyspark import StorageLevel

        from newskit.dedupe.spark import stages

        self = cls(spark, settings)
        sc = spark.sparkContext
        items = [(k, path, stdin_document if path == "-" else None) for k, path in enumerate(files)]
        slices = max(1, min(len(items), max(sc.defaultParallelism, math.ceil(len(items) / FILES_PER_TASK))))
        raw = self._keep(sc.parallelize(items, slices).mapPartitions(stages.read_rows), StorageLevel.MEMORY_AND_DISK)
        errors = raw.filter(lambda r: r[0] == stages.ERROR).map(lambda r: (r[1], r[2])).collect()  # bad files only
        self.errors = [message for _, message in sorted(errors)]
        self.passages = self._keep(raw.filter(lambda r: r[0] == stages.PASSAGE).map(lambda r: r[1]).zipWithIndex(),
                                   StorageLevel.MEMORY_AND_DISK)
        rows = self._keep(self.passages.mapPartitions(partial(stages.unit_rows, settings)),
                          StorageLevel.MEMORY_AND_DISK)
        self.postings = spark.createDataFrame(
            rows.filter(lambda r: r[0] == stages.POSTING).map(lambda r: r[1:]),
            "hash long, pid long, part int, first boolean")
        self.units = spark.createDataFrame(rows.filter(lambda r: r[0] == stages.UNIT).map(lambda r: r[1:]),
                                           "pid long, part int, key long")
        self.texts = spark.createDataFrame(rows.filter(lambda r: r[0] == stages.TEXT).map(lambda r: r[1:]),
                                           "pid long, text string, breaks array<int>")
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
        ta = self.texts.select(F.col("pid").alias("pa"), F.col("text").alias("text_a"), F.col("breaks").alias("breaks_a"))
        tb = self.texts.select(F.col("pid").alias("pb"), F.col("text").alias("text_b"), F.col("breaks").alias("breaks_b"))
        rows = buckets.join(ta, "pa").join(tb, "pb").select(
            "pa", "pb", "text_a", "breaks_a", "text_b", "breaks_b", "pairs")
        found = rows.rdd.mapPartitions(partial(stages.verify_rows, self.settings)).collect()
        return best_edges([stages.edge_of(row) for row in found])

    def assemble(self, edges: list) -> DedupeResult:
        """engine.assemble on the driver, with the passages the edges name (and only those)."""
        from pyspark.sql import functions as F

        nodes = sorted({n for e in edges for n in (e.x, e.y)})
        sc = self.spark.sparkContext
        wanted = sc.broadcast(set(nodes))
        got = dict(self.passages.filter(lambda t: t[1] in wanted.value).map(lambda t: (t[1], t[0])).collect())
        wanted.unpersist()
        compared = self.units.where(F.col("part") == 0).count()
        dumps = self.passages.map(lambda t: t[0].dump_key).distinct().count()
        return assemble(edges, got.__getitem__, _identity, self.settings, passages=compared, total_dumps=dumps)


def _identity(node: int) -> int:
    return node

