"""Driver side: the Spark session and the ``spark analyze`` job (the only module importing pyspark).

On a ``local[N]`` master everything stays on this machine: the driver binds to the loopback
address, the web UI is off and Spark's scratch files go to a temporary folder. On a cluster
(``spark://host:7077``, ``yarn``, ``k8s://...``) every worker needs the same Python with warwatch
installed (``pip install 'warwatch[spark]'``) and the inputs at the same paths.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..records import WarwatchError
from ..sources import DEFAULT_MAX_BYTES
from .tasks import run_partition
from .units import plan


class SparkUnavailable(WarwatchError):
    """pyspark or Java is missing."""


def unavailable() -> str | None:
    """Why a Spark job cannot start here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed: pip install 'warwatch[spark]'"
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and (Path(java_home) / "bin" / "java").exists()):
        return "Java is not installed (Spark needs Java 17 or later: apt-get install openjdk-17-jre-headless)"
    return None


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def session(master: str = "local[2]", *, scratch: str | None = None, driver_memory: str = "1g"):
    """A SparkSession for ``master``; offline and quiet on a local master."""
    reason = unavailable()
    if reason:
        raise SparkUnavailable(reason)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark\..*")
    from pyspark.sql import SparkSession

    scratch = scratch or tempfile.gettempdir()
    builder = (SparkSession.builder.master(master).appName("warwatch")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.memory", driver_memory)
               .config("spark.python.worker.reuse", "true")
               .config("spark.local.dir", scratch)
               .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_quiet_log(scratch)}"))
    if is_local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - py4j and Java errors: one line, not a Java trace
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise WarwatchError(f"cannot start Spark on {master}: {first[:300]}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


QUIET_LOG = """rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


def _quiet_log(folder: str) -> str:
    """A log4j2 configuration that lets only errors through (Spark's start-up chatter is not the
    user's business); written where Spark keeps its scratch files."""
    path = Path(folder) / "warwatch-log4j2.properties"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != QUIET_LOG:
        path.write_text(QUIET_LOG)
    return str(path)


def slots_of(spark) -> int:
    return max(1, spark.sparkContext.defaultParallelism)


@dataclass(slots=True)
class JobSummary:
    out: str
    master: str
    documents: int = 0
    analysed: int = 0
    failed: int = 0
    skipped: list[str] = field(default_factory=list)
    units: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"out": self.out, "master": self.master, "documents": self.documents, "analysed": self.analysed,
                "failed": self.failed, "skipped": len(self.skipped), "units": self.units,
                "seconds": round(self.seconds, 3)}


def schema():
    from pyspark.sql.types import BinaryType, StringType, StructField, StructType

    binary = {"raw"}
    return StructType([StructField(name, BinaryType() if name in binary else StringType(), True)
                       for name in ("source", "url", "analysis", "failure", "pipeline_version", "media_type", "raw")])


def analyze(spark, targets: list[str], out: str | Path, *, understand: bool = True,
            max_bytes: int = DEFAULT_MAX_BYTES, overwrite: bool = False, split: bool | None = None) -> JobSummary:
    """Analyse every document of ``targets`` in ``spark``'s executors; Parquet into ``out``."""
    started = time.perf_counter()
    out = str(out)
    if Path(out).exists() and not overwrite:
        raise WarwatchError(f"{out} already exists (use --overwrite to replace it)")
    slots = slots_of(spark)
    work = plan(list(targets), slots=slots, split=split)
    summary = JobSummary(out=out, master=spark.sparkContext.master, skipped=work.skipped, units=len(work.units))
    units = spark.sparkContext.parallelize(work.units, max(1, min(len(work.units), slots * 4)))
    rows = units.mapPartitions(partial(run_partition, understand=understand, max_bytes=max_bytes))
    spark.createDataFrame(rows, schema()).write.mode("overwrite" if overwrite else "errorifexists").parquet(out)
    counts = spark.read.parquet(out).selectExpr("count(*) AS n", "count(failure) AS failed").first()
    summary.documents, summary.failed = counts["n"], counts["failed"]
    summary.analysed = summary.documents - summary.failed
    summary.seconds = time.perf_counter() - started
    return summary
