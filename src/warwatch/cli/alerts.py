"""Commands of the analyst's desk: ``warwatch alerts ...`` (watch rules and their hits)."""

from __future__ import annotations

import json

import click

from .base import console, db_option, main, open_store


@main.group()
def alerts() -> None:
    """Watch rules: new events, contradictions or control changes that match them (see docs/web.md)."""


@alerts.command("add")
@db_option
@click.option("--name", default=None, help="A name (default: made from the conditions).")
@click.option("--for", "watch_for", type=click.Choice(["event", "contradiction", "control"]), default="event",
              show_default=True, help="What the rule watches for.")
@click.option("--actor", default=None, help="Actor id among the event's actors (or a speaker, a controller).")
@click.option("--place", default=None, help="Place id.")
@click.option("--area", default=None, help="lat,lon,km: within km of a point.")
@click.option("--type", "type_", default=None, help="Taxonomy code (AIR_STRIKE) or family (remote, battle...).")
@click.option("--keyword", default=None, help="Text in the evidence or a source's title (case-insensitive).")
@click.option("--min-sources", type=int, default=None, help="At least this many independent sources.")
@click.option("--webhook", default=None, help="POST each hit here (signed with --secret).")
@click.option("--secret", default=None, help="HMAC-SHA256 key of the webhook signature.")
@click.option("--allow-private", is_flag=True, help="Allow a webhook on a private or loopback address.")
@click.option("--backfill", is_flag=True, help="Report what matches already as new hits.")
def add(db, name, watch_for, actor, place, area, type_, keyword, min_sources, webhook, secret, allow_private, backfill):
    """Save a watch rule."""
    from ..desk.alerts import RuleError
    from ..desk.run import create_rule

    fields = dict(name=name, watch_for=watch_for, actor=actor, place=place, area=area, type=type_, keyword=keyword,
                  min_sources=min_sources, webhook_url=webhook, webhook_secret=secret, allow_private=allow_private)
    with open_store(db) as store:
        try:
            rule = create_rule(store, fields, backfill=backfill)
        except RuleError as exc:
            raise click.BadParameter(str(exc)) from None
    console().print(f"rule {rule['id']}: {rule['name']}")


@alerts.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True)
def list_rules(db, as_json):
    """The rules with their unread and total hits."""
    from ..store import alerts as alert_store

    with open_store(db) as store:
        rules = alert_store.list_rules(store)
    if as_json:
        click.echo(json.dumps([{k: v for k, v in r.items() if k != "webhook_secret"} for r in rules], default=str))
        return
    for r in rules:
        console().print(f"{r['id']:>4}  {r['name']}  ({r['unread']} unread, {r['hits']} hits)", soft_wrap=True)


@alerts.command("remove")
@db_option
@click.argument("rule_id", type=int)
def remove(db, rule_id):
    """Delete a rule and its hits."""
    from ..store import alerts as alert_store

    with open_store(db) as store:
        if not alert_store.delete_rule(store, rule_id):
            raise click.ClickException(f"no rule {rule_id}")
    console().print(f"rule {rule_id} deleted")


@alerts.command("check")
@db_option
@click.option("--allow-private", is_flag=True, help="Allow webhooks on private or loopback addresses.")
@click.option("--json", "as_json", is_flag=True)
def check(db, allow_private, as_json):
    """Match every rule now (ingest and watch do it after each run)."""
    from ..desk.run import check_alerts

    with open_store(db) as store:
        hits = check_alerts(store, allow_private=allow_private)
    if as_json:
        click.echo(json.dumps(hits, default=str))
        return
    console().print(f"{len(hits)} new alert{'s' if len(hits) != 1 else ''}")
    for h in hits:
        console().print(f"  rule {h['rule_id']}: {h['title']}" + (f" [{h['delivery']}]" if h.get("delivery") else ""),
                        soft_wrap=True)


@alerts.command("show")
@db_option
@click.option("--rule", type=int, default=None)
@click.option("--unread", is_flag=True)
@click.option("--json", "as_json", is_flag=True)
def show(db, rule, unread, as_json):
    """Hits, newest first."""
    from ..store import alerts as alert_store

    with open_store(db) as store:
        hits = alert_store.list_hits(store, rule_id=rule, unread_only=unread)
    if as_json:
        click.echo(json.dumps(hits, default=str))
        return
    for h in hits:
        console().print(f"{'*' if not h['read'] else ' '} {h['created'][:16]}  rule {h['rule_id']}: {h['title']}",
                        soft_wrap=True)
