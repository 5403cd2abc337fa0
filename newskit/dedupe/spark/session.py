"""Starting Spark for ``newskit dedupe --engine spark``: what must be installed, and a quiet session.

PySpark is an optional extra (``pip install 'newskit[spark]'``) and Spark runs on a Java runtime; each is
checked before anything starts, so a missing one is one line (``SparkUnavailable``, exit 2 in the CLI), not
a Py4J traceback.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

#: Shuffle partitions per core of the master (Spark's default of 200 is for clusters, not ``local[2]``).
PARTITIONS_PER_CORE = 2
LOG4J = Path(__file__).with_name("log4j2.properties")


class SparkUnavailable(Exception):
    """PySpark or Java is missing (CLI: one line, exit 2)."""


def java_executable() -> str | None:
    """The ``java`` Spark will start: ``$JAVA_HOME/bin/java``, else the first on ``PATH``."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


def check_requirements() -> None:
    """Raise SparkUnavailable when PySpark or a Java runtime is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable("--engine spark needs PySpark: pip install 'newskit[spark]'") from None
    if java_executable() is None:
        raise SparkUnavailable("--engine spark needs a Java runtime (Java 17 or later): none found on PATH "
                               "or in JAVA_HOME; install one (e.g. apt-get install openjdk-17-jre-headless)")


def cores_of(master: str) -> int:
    """Cores a ``local[N]`` / ``local[*]`` master uses (a cluster master: 8, a guess Spark's AQE refines)."""
    if master.startswith("local"):
        inside = master[master.find("[") + 1:master.find("]")] if "[" in master else "1"
        inside = inside.split(",")[0]
        if inside == "*":
            return os.cpu_count() or 1
        return max(1, int(inside)) if inside.isdigit() else 1
    return 8


def spark_session(master: str = "local[*]", *, partitions: int | None = None, app: str = "newskit dedupe"):
    """A SparkSession on ``master``, quiet (no UI, no progress bars, warnings only from Spark's logs).

    An already running session (a test fixture, a notebook) is reused: Spark allows one per process.
    """
    check_requirements()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    shuffle = partitions or PARTITIONS_PER_CORE * cores_of(master)
    log = f"-Dlog4j2.configurationFile=file:{LOG4J}"
    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", str(shuffle))
               .config("spark.default.parallelism", str(shuffle))
               .config("spark.sql.adaptive.enabled", "true")  # coalesces small shuffles, splits skewed joins
               .config("spark.driver.extraJavaOptions", log)
               .config("spark.executor.extraJavaOptions", log))
    if master.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        builder = builder.config("spark.pyspark.python", sys.executable)  # workers import this newskit
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start (Java too old, no memory): still one line
        raise SparkUnavailable(f"Spark did not start on {master}: {' '.join(str(exc).split())[:300]}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session
