"""``warwatch bench spark``: documents per second of ``spark analyze`` at ``local[1]`` and ``local[2]``
over the same archive, their ratio, and ``warwatch ingest`` on the same archive in the same run.

The archive is a gzipped WARC of generated news pages (``bench.ingest.make_page``, fixed seed,
distinct URLs), so every run reads the same bytes. Each master runs in a fresh process: one
Spark session (its start-up timed apart), then ``repeat`` jobs, each writing Parquet to a new
folder. Before the jobs, one task per core builds the pipeline in each executor process (as the
first job would; it is kept for every later task): that is in the start-up time, and the rate
is the median over the jobs. The ingest baseline is ``bench.ingest.one_run`` (2 worker processes, a fresh SQLite file
per run) on the same WARC; its rate covers analysing and storing, Spark's analysing and writing
Parquet.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .ingest import make_page


def write_archive(path: Path, docs: int, seed: int = 20160824) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(docs):
            html = make_page(i, rng).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://bench{i % 5}.example/story/{i}", "response",
                                                          payload=io.BytesIO(html), http_headers=headers))
    return path


def spark_runs(master: str, archive: Path, work: Path, repeat: int) -> dict:
    """In this process: one session on ``master``, ``repeat`` jobs over ``archive``."""
    from ..spark.job import analyze, session, slots_of
    from ..spark.tasks import warm

    started = time.perf_counter()
    spark = session(master, scratch=str(work / "scratch"))
    slots = slots_of(spark)
    spark.sparkContext.parallelize(range(slots), slots).map(warm).count()   # a pipeline in each executor
    startup = time.perf_counter() - started
    jobs = []
    try:
        for n in range(repeat):
            summary = analyze(spark, [str(archive)], work / f"out-{n}")
            jobs.append({"seconds": summary.seconds, "documents": summary.documents, "failed": summary.failed,
                         "units": summary.units})
    finally:
        spark.stop()
    return {"master": master, "startup_seconds": startup, "jobs": jobs}


def _child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-m", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(docs: int = 200, repeat: int = 3, masters: tuple[str, ...] = ("local[1]", "local[2]"),
        ingest_workers: int = 2) -> dict:
    from ..spark.job import SparkUnavailable, unavailable

    reason = unavailable()
    if reason:
        raise SparkUnavailable(reason)
    with tempfile.TemporaryDirectory(prefix="warwatch-bench-spark-") as tmp:
        work = Path(tmp)
        archive = write_archive(work / "archive.warc.gz", docs)
        result: dict = {"documents": docs, "archive_mb": round(archive.stat().st_size / 1e6, 2), "repeat": repeat}
        rates = {}
        for master in masters:
            folder = work / master.replace("[", "-").replace("]", "")
            folder.mkdir()
            runs = _child(["warwatch.bench.spark", master, str(archive), str(folder), str(repeat)])
            seconds = [j["seconds"] for j in runs["jobs"]]
            rates[master] = docs / statistics.median(seconds)
            result[master] = {"docs_per_second": round(rates[master], 2),
                              "seconds_median": round(statistics.median(seconds), 2),
                              "first_job_seconds": round(seconds[0], 2),
                              "startup_seconds": round(runs["startup_seconds"], 2),
                              "units": runs["jobs"][0]["units"], "failed": runs["jobs"][-1]["failed"]}
        ingest = [_child(["warwatch.bench.ingest", str(archive), str(work / f"ingest-{n}.db"), str(ingest_workers), "1"])
                  for n in range(repeat)]
        ingest_rate = docs / statistics.median(r["seconds"] for r in ingest)
        result["ingest"] = {"workers": ingest_workers, "docs_per_second": round(ingest_rate, 2),
                            "stored": ingest[-1]["stored"], "failed": ingest[-1]["failed"]}
        if len(masters) == 2:
            result["ratio_local2_to_local1"] = round(rates[masters[1]] / rates[masters[0]], 2)
        result["ratio_to_ingest"] = {m: round(rates[m] / ingest_rate, 2) for m in masters}
    return result


if __name__ == "__main__":
    master_arg, archive_arg, work_arg, repeat_arg = sys.argv[1:5]
    print(json.dumps(spark_runs(master_arg, Path(archive_arg), Path(work_arg), int(repeat_arg))))
