"""``newskit dedupe --engine spark``: the embedded engine's stages run as a Spark job, for archives that
outgrow one machine. Same definition of a duplicate, same output; see job.py for the data flow and
archive.py for the Parquet archive. PySpark is optional: nothing here imports it at module load.
"""

from newskit.dedupe.spark.session import SparkUnavailable, check_requirements, spark_session

__all__ = ["SparkUnavailable", "check_requirements", "spark_session"]
