"""Commands over articles: ingest, watch, analyze, search, show, export, reanalyze, the demo and the server."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from ..config import load_settings
from .base import console, db_option, main, open_store


@main.command()
@click.argument("targets", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL|FILE",
              help="An RSS/Atom feed whose entries are ingested (repeatable).")
@db_option
@click.option("--workers", type=int, default=None, help="Extraction processes (default 2; 0 = in-process).")
@click.option("--max-bytes", type=int, default=None, help="Largest page or record read (default 10 MB).")
@click.option("--allow-private", is_flag=True, help="Allow fetching private and loopback addresses.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input failed.")
@click.option("--no-understand", is_flag=True,
              help="Extraction only (fast); run `warwatch reanalyze` later for actors, places and dates.")
def ingest(targets, feeds, db, workers, max_bytes, allow_private, as_json, quiet, strict, no_understand):
    """Ingest files, folders, URLs and feeds into the store.

    TARGETS are .html/.htm, .txt, .warc/.warc.gz, .jsonl files, folders of them, or
    http(s) URLs. The same content twice is stored once; changed content at the same
    URL becomes a new revision. A bad input is reported and the rest goes on.
    """
    from .. import service

    if not targets and not feeds:
        raise click.UsageError("give at least one file, folder, URL or --feed")
    settings = load_settings()
    if workers is not None:
        settings.workers = workers
    if max_bytes is not None:
        settings.max_bytes = max_bytes
    if allow_private:
        settings.allow_private = True
    if no_understand:
        settings.understand = False
    with open_store(db) as store:
        summary = service.run_ingest(store, settings, targets=targets, feeds=feeds,
                                     progress=not quiet and not as_json)
        _check_alerts(store, settings, summary, as_json)
    _print_summary(summary, as_json)
    if strict and summary.failures:
        sys.exit(1)


@main.command()
@click.argument("feeds", nargs=-1)
@click.option("--feeds-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file with one feed URL or path a line (# comments allowed).")
@click.option("--interval", type=float, default=900.0, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@db_option
@click.option("--allow-private", is_flag=True, help="Allow fetching private and loopback addresses.")
@click.option("--json", "as_json", is_flag=True, help="Print each round's summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def watch(feeds, feeds_file, interval, once, db, allow_private, as_json, quiet):
    """Poll feeds on an interval and ingest what is new.

    Each poll is a conditional GET (ETag / Last-Modified); entries already seen are not
    downloaded again. Stop with Ctrl-C.
    """
    import time

    from .. import service

    urls = list(feeds)
    if feeds_file:
        urls += [line.strip() for line in feeds_file.read_text().splitlines()
                 if line.strip() and not line.lstrip().startswith("#")]
    if not urls:
        raise click.UsageError("give at least one feed URL or --feeds-file")
    settings = load_settings()
    if allow_private:
        settings.allow_private = True
    out = console(stderr=True)
    with open_store(db) as store:
        while True:
            summary = service.run_ingest(store, settings, feeds=urls, progress=not quiet and not as_json,
                                         only_new=True)
            _check_alerts(store, settings, summary, as_json)
            _print_summary(summary, as_json)
            if once:
                return
            out.print(f"[dim]next poll in {interval:.0f} s (Ctrl-C to stop)[/dim]")
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return


def _check_alerts(store, settings, summary, as_json: bool) -> None:
    """Match the watch rules after an ingest that stored something (``desk.run.check_alerts``)."""
    from ..desk.run import check_alerts

    if not (summary.new or summary.revisions):
        return
    hits = check_alerts(store, allow_private=bool(settings.allow_private))
    if hits and not as_json:
        console(stderr=True).print(f"{len(hits)} new alert{'s' if len(hits) != 1 else ''} (warwatch alerts show)")


def _print_summary(summary, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False))
        return
    from rich.markup import escape

    out = console()
    parts = [f"[bold green]{summary.new}[/] ingested", f"{summary.unchanged} unchanged",
             f"[bold]{summary.revisions}[/] new revisions",
             f"[bold red]{len(summary.failures)}[/] failed" if summary.failures else "0 failed"]
    if summary.skipped:
        parts.append(f"{summary.skipped} skipped")
    out.print(", ".join(parts) + f" in {summary.seconds:.1f} s")
    for failure in summary.failures:
        out.print(f"  [red]failed[/] {escape(failure.source)}: {escape(failure.reason)}", soft_wrap=True)
    reasons = Counter(skip.reason for skip in summary.skips)
    for reason, count in reasons.most_common():
        example = next(s.source for s in summary.skips if s.reason == reason)
        more = f" (and {count - 1} more)" if count > 1 else ""
        out.print(f"  [dim]skipped[/] {escape(example)}{more}: {escape(reason)}", soft_wrap=True)


# -- analyze -----------------------------------------------------------------------------------


@main.command()
@click.argument("target", metavar="PATH_OR_URL")
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as one JSON object.")
@click.option("--published", metavar="ISO", help="Publication time to use (overrides the page's).")
@click.option("--url", metavar="URL", help="The document's URL, when analysing a local file.")
@click.option("--allow-private", is_flag=True, help="Allow fetching private and loopback addresses.")
def analyze(target, as_json, published, url, allow_private):
    """Run the per-document pipeline on one input, without any database.

    The JSON schema is documented in docs/analyze-schema.md.
    """
    from dataclasses import replace

    from ..pipeline import analyze as run_pipeline
    from ..pipeline import validate_settings
    from ..records import Failure, WarwatchError
    from ..sources import iter_inputs
    from ..sources.jsonl import parse_time

    settings = load_settings()
    validate_settings(settings)
    if allow_private:
        settings.allow_private = True
    when = None
    if published:
        when = parse_time(published)
        if when is None:
            raise click.BadParameter(f"not an ISO 8601 time: {published!r}", param_hint="--published")
    policy = settings.fetch_policy() if target.lower().startswith(("http://", "https://")) else None
    first = next(iter(iter_inputs([target], policy=policy, max_bytes=settings.max_bytes)), None)
    if first is None:
        raise click.ClickException(f"{target}: no document found")
    if isinstance(first, Failure):
        raise click.ClickException(f"{first.source}: {first.reason}")
    if isinstance(first, str):
        raise click.ClickException(f"{target}: not a file type warwatch reads")
    raw = replace(first, published=when or first.published, url=url or first.url)
    try:
        result = run_pipeline(raw)
    except WarwatchError as exc:
        raise click.ClickException(f"{target}: {exc.reason}") from None
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    art = result.article
    out = console()
    out.print(f"[bold]{art.title or '(no title)'}[/bold]")
    meta = [m for m in (art.site, art.author, art.published and f"published {art.published.isoformat()}",
                        art.updated and f"updated {art.updated.isoformat()}",
                        f"{art.reading_minutes} min read ({art.word_count} words)", art.language) if m]
    out.print(" · ".join(meta), style="dim")
    out.print()
    out.print(art.text, soft_wrap=True)


# -- reading the store ---------------------------------------------------------------------------


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON lines.")
def search(query, db, limit, offset, as_json):
    """Full-text search over titles and texts.

    Words are AND-ed; use "quoted phrases", OR between words, and word* for prefixes.
    """
    from ..store import MARK_END, MARK_START

    with open_store(db, create=False) as store:
        hits = store.search(query, limit=limit, offset=offset)
    if as_json:
        for hit in hits:
            click.echo(json.dumps({"id": hit.article_id, "title": hit.title, "site": hit.site,
                                   "published": hit.published.isoformat() if hit.published else None,
                                   "snippet": hit.snippet.replace(MARK_START, "").replace(MARK_END, "")},
                                  ensure_ascii=False))
        return
    from rich.markup import escape

    out = console()
    if not hits:
        out.print(f"no article matches {query!r}")
        return
    for hit in hits:
        when = hit.published.strftime("%Y-%m-%d") if hit.published else "undated"
        out.print(f"[bold cyan]{hit.article_id:>6}[/]  [bold]{escape(hit.title or '(no title)')}[/]  "
                      f"[dim]{escape(hit.site or '')} · {when}[/]")
        snippet = escape(" ".join(hit.snippet.split()))
        snippet = snippet.replace(MARK_START, "[reverse]").replace(MARK_END, "[/reverse]")
        out.print(f"        {snippet}", soft_wrap=True)


@main.command()
@click.argument("article_id", type=int)
@db_option
@click.option("--revision", type=int, default=None, help="Show this revision number instead of the current one.")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
def show(article_id, db, revision, as_json):
    """Show one article, with its list of revisions."""
    with open_store(db, create=False) as store:
        view = store.get_article(article_id)
        if view is None:
            raise click.ClickException(f"no article with id {article_id}")
        if revision is not None:
            rev = store.get_revision(article_id, revision)
            if rev is None:
                raise click.ClickException(f"article {article_id} has no revision {revision}")
            view.text, view.title = rev.text, rev.title
    if as_json:
        click.echo(json.dumps(view.to_json(), ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(f"[bold]{view.title or '(no title)'}[/bold]")
    meta = [m for m in (view.site, view.author and f"by {view.author}",
                        view.published and f"published {view.published:%Y-%m-%d %H:%M} UTC",
                        view.updated and f"updated {view.updated:%Y-%m-%d %H:%M} UTC",
                        f"{view.reading_minutes} min read") if m]
    out.print(" · ".join(meta), style="dim")
    if view.url:
        out.print(view.url, style="dim")
    out.print()
    out.print(view.text or "", soft_wrap=True)
    out.print()
    out.print(f"[bold]Revisions[/bold] ({view.revision_count})")
    for rev in view.revisions:
        marker = "*" if rev.id == view.current_revision_id else " "
        out.print(f" {marker} #{rev.number}  first seen {rev.first_seen:%Y-%m-%d %H:%M}  "
                      f"seen {rev.seen_count}x  {rev.word_count} words  {rev.source}", soft_wrap=True)


@main.command()
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl: articles with revisions and analysis; csv: one row an article; acled-csv: one row an "
                   "event (ACLED columns); geojson: located events and places; or a format a plugin adds. "
                   "See docs/exports.md.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress (shown on standard error when writing to --output, "
                                                  "or when standard error is a terminal).")
def export(fmt, output, db, quiet):
    """Export the store: articles (jsonl, csv), events (acled-csv), or a map (geojson).

    Only each article's current revision counts for events, claims and places.
    """
    from ..export import exporter
    from ..records import WarwatchError

    try:
        writer = exporter(fmt)
    except WarwatchError as exc:
        raise click.BadParameter(exc.reason, param_hint="--format") from None
    from ..progress import progress

    with open_store(db, create=False) as store, \
            progress(f"export {fmt}", total=store.count()["articles"] if fmt == "jsonl" else None,
                     unit="articles" if fmt == "jsonl" else "lines",
                     enabled=not quiet and (output is not None or sys.stderr.isatty())) as advance:
        if output:
            with output.open("w", encoding="utf-8", newline="") as fh:
                count = writer.write(store, _Counting(fh, advance))
            console(stderr=True).print(f"wrote {count} {writer.unit} to {output}")
        else:
            writer.write(store, _Counting(sys.stdout, advance))


class _Counting:
    """A text stream that reports each line written (an article, an event, a row) as progress."""

    def __init__(self, stream, advance):
        self.stream, self.advance = stream, advance

    def write(self, text: str) -> int:
        lines = text.count("\n")
        if lines:
            self.advance(lines)
        return self.stream.write(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def components(as_json):
    """The installed pipeline components and the configured pipeline.

    Each component declares what it requires and assigns on the analysed document and the
    settings it takes ([pipeline.<name>] in the settings file). Plugins add components through
    the warwatch.components entry point; the pipeline setting picks and orders them.
    """
    from .. import plugins
    from ..pipeline import validate_settings

    settings = load_settings()
    found = plugins.load("warwatch.components")
    rows = [{"name": name, "in_pipeline": name in settings.pipeline, "requires": list(f.requires),
             "assigns": list(f.assigns), "settings": dict(f.default_config), "class": f"{f.__module__}.{f.__qualname__}"}
            for name, f in sorted(found.items())]
    problem = None
    try:
        validate_settings(settings)
    except Exception as exc:  # noqa: BLE001 - shown, not raised: this command is for diagnosing it
        problem = getattr(exc, "reason", str(exc))
    if as_json:
        click.echo(json.dumps({"pipeline": list(settings.pipeline), "lang": settings.lang, "problem": problem,
                               "components": rows}, indent=2, default=str))
        return
    out = console()
    out.print(f"[bold]pipeline[/bold] ({settings.lang}): {' -> '.join(settings.pipeline)}")
    if problem:
        out.print(f"[red]cannot start:[/red] {problem}")
    for row in rows:
        mark = "*" if row["in_pipeline"] else " "
        out.print(f" {mark} [bold]{row['name']}[/bold]  requires {', '.join(row['requires']) or '-'}; "
                      f"assigns {', '.join(row['assigns']) or '-'}"
                      + (f"; settings {row['settings']}" if row["settings"] else ""), soft_wrap=True)


@main.command()
@db_option
@click.option("--limit", type=int, default=None, help="At most this many revisions.")
@click.option("--workers", type=int, default=None, help="Analysis processes (default 2; 0 = in-process).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def reanalyze(db, limit, workers, as_json):
    """Analyse stored articles again with the current pipeline.

    Only current revisions analysed by an older pipeline version are redone, from the raw
    documents the store kept; their actor and place mentions are replaced.
    """
    from .. import service

    settings = load_settings()
    if workers is not None:
        settings.workers = workers
    with open_store(db, create=False) as store:
        summary = service.reanalyze(store, settings, limit=limit, progress=not as_json)
    if as_json:
        click.echo(json.dumps({"reanalysed": summary.unchanged, "failed": len(summary.failures),
                               "without_raw": summary.skipped,
                               "failures": [{"source": f.source, "reason": f.reason} for f in summary.failures]}))
        return
    out = console()
    out.print(f"{summary.unchanged} revisions analysed again, {len(summary.failures)} failed, "
                  f"{summary.skipped} without a stored raw document")
    for failure in summary.failures:
        out.print(f"  [red]failed[/] {failure.source}: {failure.reason}", soft_wrap=True)


@main.group()
def gazetteer() -> None:
    """The place index built from GeoNames data shipped by PyPI packages."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Build again even if an index of this version exists.")
def gazetteer_build(force):
    """Build the gazetteer index (done automatically on first use; this does it ahead of time)."""
    import time

    from ..nlp.gazetteer import build_gazetteer

    started = time.perf_counter()
    path = build_gazetteer(force=force)
    click.echo(f"gazetteer: {path} ({path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)")


# -- demo and benchmarks --------------------------------------------------------------------------


@main.command()
@db_option
@click.option("--examples", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of the demo corpus (default: the repository's examples/).")
@click.option("--serve/--no-serve", "serve_after", default=True, show_default=True,
              help="Serve the web app on the store afterwards.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
def demo(db, examples, serve_after, host, port):
    """Ingest the bundled demo corpus into the store, print a summary, and serve the reader."""
    from .. import service

    folder = examples or service.default_examples()
    if folder is None:
        raise click.ClickException("demo corpus not found; pass --examples PATH (the repository's examples/)")
    settings = load_settings()
    with open_store(db) as store:
        summary = service.ingest_demo(store, settings, folder)
        counts = store.count()
        target = db or settings.db
    _print_summary(summary, False)
    from ..store.database import describe

    console().print(f"store: {describe(target)} ({counts['articles']} articles, {counts['revisions']} revisions)")
    if not serve_after:
        console().print("try: warwatch search Jarabulus" + (f" --db {db}" if db else ""))
        return
    from ..web import serve as run

    console().print(f"[bold]warwatch is serving the demo at http://{host}:{port}/[/bold]  (Ctrl-C to stop)")
    run(target, host, port, settings)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
def serve(db, host, port):
    """Serve the reader: web pages and the JSON API over the store (see docs/web.md)."""
    from ..web import serve as run

    settings = load_settings()
    run(db or settings.db, host, port, settings)
