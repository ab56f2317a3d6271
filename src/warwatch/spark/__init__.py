"""Archives with Apache Spark: ``warwatch spark analyze`` runs the per-document pipeline over WARC,
JSONL and folders of pages in Spark executors and writes Parquet; ``warwatch load`` brings that
Parquet into a store. See docs/archives.md.

- ``units``: on the driver, the inputs become small work units (a file, a group of pages, a
  range of records of an archive or of lines of a JSONL file), without parsing any document;
- ``tasks``: in the executors, each unit is read by warwatch's own sources and analysed by the
  pipeline, loaded once per executor process; one output row per document or failure;
- ``job``: the Spark session and the job (driver side);
- ``load``: Parquet rows into a store, without analysing again, then the corpus stage.

Only ``job`` imports pyspark; ``load`` needs pyarrow alone.
"""

from .units import Unit, plan

__all__ = ["Unit", "plan"]
