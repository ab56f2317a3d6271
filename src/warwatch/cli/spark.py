"""Archives: ``warwatch spark analyze`` (Spark over WARC, JSONL and folders, Parquet out) and
``warwatch load`` (that Parquet into a store). See docs/archives.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..config import load_settings
from .base import console, db_option, main, open_store


@main.group()
def spark() -> None:
    """Run the pipeline over archives with Apache Spark (see docs/archives.md)."""


@spark.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder of Parquet files to write (one row per document).")
@click.option("--master", default="local[2]", show_default=True,
              help="Spark master: local[N] (N cores of this machine), spark://host:7077, yarn, k8s://...")
@click.option("--driver-memory", default="1g", show_default=True, help="Memory of the Spark driver.")
@click.option("--max-bytes", type=int, default=None, help="Largest page or record read (default 10 MB).")
@click.option("--no-understand", is_flag=True, help="Extraction only (actors, places, events later by reanalyze).")
@click.option("--split/--no-split", default=None,
              help="Split WARC and JSONL files into ranges of records (default: when there are fewer "
                   "files than twice the cores).")
@click.option("--overwrite", is_flag=True, help="Replace --out if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def spark_analyze(inputs, out, master, driver_memory, max_bytes, no_understand, split, overwrite, as_json):
    """Analyse INPUTS (WARC/WARC.gz, JSONL, folders of pages and texts) in Spark executors.

    Each document is read and analysed as `warwatch ingest` does; a bad record becomes a row with
    its failure reason. Load the result with `warwatch load OUT`.
    """
    from ..pipeline import validate_settings
    from ..spark.job import analyze, session

    if out.exists() and not overwrite:
        raise click.UsageError(f"{out} already exists (use --overwrite to replace it)")
    settings = load_settings()
    if not no_understand:
        validate_settings(settings)
    spark_session = session(master, driver_memory=driver_memory)
    try:
        summary = analyze(spark_session, list(inputs), out, understand=not no_understand,
                          max_bytes=max_bytes or settings.max_bytes, overwrite=overwrite, split=split)
    finally:
        spark_session.stop()
    if as_json:
        click.echo(json.dumps(summary.to_json()))
        return
    console().print(f"[bold green]{summary.analysed}[/] analysed, "
                    f"{'[bold red]' if summary.failed else ''}{summary.failed}{'[/]' if summary.failed else ''} failed, "
                    f"{len(summary.skipped)} skipped, in {summary.seconds:.1f} s ({summary.units} tasks) -> {out}")
    if summary.analysed or summary.failed:
        console().print(f"next: warwatch load {out}", style="dim")


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@click.option("--no-corpus", is_flag=True, help="Do not run the corpus stage (merging, contradictions, "
                                                "timelines) after loading.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any document had failed.")
def load(folder, db, no_corpus, as_json, quiet, strict):
    """Bring the Parquet results of `warwatch spark analyze` into the store, without analysing again.

    Loading the same results twice adds nothing. Failed documents are listed with their reason.
    """
    from ..progress import progress
    from ..spark.load import load as run_load
    from ..spark.load import row_count

    with open_store(db) as store, progress("load", total=row_count(folder),
                                           enabled=not quiet and not as_json) as advance:
        summary = run_load(folder, store, on_row=advance, corpus=not no_corpus)
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False))
    else:
        out = console()
        out.print(f"[bold green]{summary.new}[/] loaded, {summary.already} already in the store, "
                  f"[bold]{summary.revisions}[/] new revisions, {len(summary.failures)} failed, "
                  f"in {summary.seconds:.1f} s")
        if summary.corpus:
            out.print("corpus: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in summary.corpus.items()))
        for failure in summary.failures:
            out.print(f"  [red]failed[/] {failure.source}: {failure.reason}", soft_wrap=True)
    if strict and summary.failures:
        sys.exit(1)
