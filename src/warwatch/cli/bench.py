"""Commands that train models and measure: ``warwatch train ...`` and ``warwatch bench ...``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .base import main


@main.group()
def train() -> None:
    """Train models from your own data."""


@train.command("events")
@click.option("--acled", "acled_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="An ACLED export (CSV with notes, event_type, sub_event_type).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the model; then set WARWATCH_EVENT_MODEL to it.")
@click.option("--no-builtin", is_flag=True, help="Do not add warwatch's own training sentences.")
def train_events(acled_csv, out, no_builtin):
    """Train the event-type classifier on an ACLED export."""
    from ..events.acled import train_from_acled

    summary = train_from_acled(acled_csv, out, include_builtin=not no_builtin)
    click.echo(json.dumps(summary, default=str))
    click.echo(f"now: export WARWATCH_EVENT_MODEL={out}", err=True)


@main.group()
def bench() -> None:
    """Benchmarks: each prints JSON figures (see docs/benchmarks.md)."""


@bench.command("extraction")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["aeb", "wcxb"]), required=True)
@click.option("--limit", type=int, default=None, help="Only the first N pages.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_extraction(path, fmt, limit, as_json):
    """Main-text extraction accuracy and speed on a gold set (AEB or WCXB)."""
    from ..bench.extraction import run

    click.echo(json.dumps(run(path, fmt, limit=limit)))


@bench.command("geo")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["gwn", "trnews", "lgl"]), required=True)
@click.option("--gold-spans", is_flag=True, help="Give the gold mentions; score resolution only.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_geo(path, fmt, gold_spans, limit, as_json):
    """Toponym recognition and resolution (accuracy within 161 km) on a gold set."""
    from ..bench.geo import run

    click.echo(json.dumps(run(path, fmt, gold_spans=gold_spans, limit=limit)))


@bench.command("serve")
@click.option("--articles", type=int, default=100_000, show_default=True, help="Generated articles in the store.")
@click.option("--seconds", type=float, default=10.0, show_default=True, help="Load per endpoint and run.")
@click.option("--concurrency", type=int, default=4, show_default=True, help="Concurrent client connections.")
@click.option("--repeat", type=int, default=3, show_default=True, help="Runs; medians are reported.")
@click.option("--analysed", is_flag=True,
              help="A store of analysed articles (copies of the demo's analyses); measure home, merged events "
                   "and contested, the pages that read the corpus view.")
@click.option("--writes", type=int, default=0, show_default=True,
              help="Articles a second written by another process during the load.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_serve(articles, seconds, concurrency, repeat, analysed, writes, as_json):
    """Web latency (p50/p95) and requests per second over a generated store, load from a second process."""
    from ..bench.serve import run

    click.echo(json.dumps(run(articles=articles, seconds=seconds, concurrency=concurrency, repeat=repeat,
                              analysed=analysed, writes=writes)))


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(x.replace("_", "")) for x in value.split(",") if x.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of numbers") from None
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("sizes must be positive")
    return sizes


@bench.command("corpus")
@click.option("--articles", default="1000,10000,100000", show_default=True,
              help="Store sizes, comma-separated.")
@click.option("--source", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A store whose analyses are copied (default: the demo corpus, analysed first).")
@click.option("--update", type=int, default=100, show_default=True, help="New articles in the incremental update.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_corpus(articles, source, update, as_json):
    """Corpus stage at scale: full and incremental reconcile time and peak memory per store size."""
    from ..bench.corpus import run

    click.echo(json.dumps(run(_sizes(articles), source=source, update=update)))


@bench.command("judge")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The store whose corpus view is judged.")
@click.option("--fakes", "fakes", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="First build the store at --db (which must not exist) from this FA-KES CSV, each row a "
                   "plain-text document with its outlet as site.")
@click.option("--n", "n", type=int, default=40, show_default=True, help="Items drawn of each kind.")
@click.option("--seed", type=int, default=11, show_default=True)
@click.option("--verdicts", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="JSON {key: true|false} (bench/labels/); scores the sample.")
@click.option("--show", is_flag=True, help="Print the sampled items (with their sentences) for judging.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_judge(db, fakes, n, seed, verdicts, show, as_json):
    """Precision of merged events, contradictions and control entries against our own verdicts."""
    from ..bench.judge import build_fakes_store, run

    if fakes is not None:
        try:
            build_fakes_store(fakes, db)
        except FileExistsError as e:
            raise click.UsageError(str(e)) from None
    elif not db.is_file():
        raise click.UsageError(f"no store at {db} (give --fakes CSV to build one)")
    click.echo(json.dumps(run(db, n=n, seed=seed, verdicts=verdicts, show=show), default=str))


@bench.command("realnews")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["fakes", "ged", "labels"]), required=True,
              help="fakes: FA-KES (main event's governorate and date); ged: UCDP GED headlines; labels: our "
                   "incident labels on FA-KES dev (PATH is the FA-KES CSV).")
@click.option("--limit", type=int, default=None, help="fakes: only the first N articles.")
@click.option("--sample", type=int, default=400, show_default=True, help="ged: rows drawn (fixed seed); 0 = all.")
@click.option("--labels", "labels", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="labels: another labels file (default: the one shipped in bench/labels/).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_realnews(path, fmt, limit, sample, labels, as_json):
    """The pipeline end to end on real news: events, places, dates and actors against FA-KES, UCDP GED
    or our own incident labels (see docs/benchmarks.md)."""
    from ..bench.realnews import run

    click.echo(json.dumps(run(path, fmt, limit=limit, sample=sample or None, labels=labels)))


@bench.command("analyze")
@click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("--repeat", type=int, default=3, show_default=True, help="Runs; medians are reported.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_analyze(path, repeat, as_json):
    """Pipeline throughput (articles/s, words/s) and peak memory of one process (default: the demo pages)."""
    from .. import service
    from ..bench.analyze import run

    if path is None:
        examples = service.default_examples()
        if examples is None:
            raise click.UsageError("give a folder of pages (the demo corpus was not found)")
        path = examples / "pages"
    click.echo(json.dumps(run(path, repeat=repeat)))


@bench.command("events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["case2021"]), default="case2021", show_default=True)
@click.option("--limit", type=int, default=None, help="Only the first N snippets.")
@click.option("--confusion", is_flag=True, help="Include the confusion matrix.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_events(path, fmt, limit, confusion, as_json):
    """Event typing (30 CASE 2021 / ACLED-style types): weighted, macro and micro F1."""
    from ..bench.events import run

    click.echo(json.dumps(run(path, fmt, limit=limit, confusion=confusion)))


@bench.command("attribution")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["polnear"]), default="polnear", show_default=True)
@click.option("--split", default="dev", show_default=True)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_attribution(path, fmt, split, limit, as_json):
    """Attribution spans (source, cue, content) against PolNeAR: overlap F1."""
    from ..bench.attribution import run

    click.echo(json.dumps(run(path, fmt, split, limit)))


@bench.command("ingest")
@click.option("--pages", type=int, default=2000, show_default=True, help="Generated pages to ingest.")
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--repeat", type=int, default=3, show_default=True, help="Runs; medians are reported.")
@click.option("--understand/--no-understand", default=True, show_default=True,
              help="Include the understanding stage (actors, places, dates) or extraction only.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_ingest(pages, workers, repeat, understand, as_json):
    """End-to-end ingest speed into SQLite and peak memory, on a generated corpus."""
    from ..bench.ingest import run

    click.echo(json.dumps(run(pages=pages, workers=workers, repeat=repeat, understand=understand)))


@bench.command("fuzz")
@click.option("--files", type=int, default=2000, show_default=True, help="Hostile files to generate and ingest.")
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_fuzz(files, workers, seed, as_json):
    """Ingest a generated corpus of hostile files: crashes, hangs, silent losses, peak memory."""
    from ..bench.fuzz import run

    click.echo(json.dumps(run(files=files, workers=workers, seed=seed)))

@bench.command("spark")
@click.option("--docs", type=int, default=200, show_default=True, help="Generated pages in the WARC archive.")
@click.option("--repeat", type=int, default=3, show_default=True, help="Jobs per master; medians are reported.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
def bench_spark(docs, repeat, as_json):
    """Spark analyze at local[1] and local[2] over one WARC (documents/s and their ratio), against
    warwatch ingest on the same archive in the same run."""
    from ..bench.spark import run

    click.echo(json.dumps(run(docs=docs, repeat=repeat)))
