"""One SparkSession for every Spark test (local[2], 4 shuffle partitions, no UI): starting the JVM is the slow part."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def spark():
    from newskit.dedupe.spark.session import java_executable

    if java_executable() is None:
        pytest.skip("no Java runtime (java on PATH or in JAVA_HOME): Spark cannot start, so the Spark engine's "
                    "tests do not run; .ci/run installs one")
    from newskit.dedupe.spark import spark_session

    session = spark_session("local[2]", partitions=4)
    yield session
    session.stop()
