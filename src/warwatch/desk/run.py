"""The desk over a store: the corrected corpus view, and checking watch rules after an ingest.

``corrected_view(store)`` builds the corpus view (``reconcile.corpus.build``) over the newest
analyses and applies the analysts' reviews; ``check_alerts(store)`` matches every active rule
against it, stores the new hits and delivers their webhooks. ``warwatch ingest``, ``watch``,
``POST /api/ingest`` and ``warwatch alerts check`` call it.
"""

from __future__ import annotations

from typing import Any, Callable

from ..reconcile.corpus import build
from ..store import alerts as alert_store
from ..store import review as review_store
from . import alerts, review, webhook

WINDOW = 5000
"""Newest articles the view is built over (as the web app's ``RECONCILE_WINDOW``)."""


def corrected_view(store, *, window: int = WINDOW, view=None):
    """(the corpus view with reviews applied, {merged id: review})."""
    view = view if view is not None else build(store.recent_analyses(window))
    return review.apply(view, review_store.all_reviews(store))


def _views(store, window: int):
    """(the corrected view, {merged id: the machine's type})."""
    raw = build(store.recent_analyses(window))
    view, _ = corrected_view(store, view=raw)
    return view, {m.id: m.type for m in raw.merged}


def place_coords(store, view) -> dict[str, tuple[float, float]]:
    ids = {m.place for m in view.merged if m.place} | set(view.timelines) | {c.get("place") for c in view.contradictions
                                                                             if c.get("place")}
    found = store.entity_details(sorted(ids)) if ids else {}
    return {pid: (p.lat, p.lon) for pid, p in found.items() if p.lat is not None and p.lon is not None}


def rule_hits(store, rule: dict[str, Any], view, machine_types=None) -> list:
    return alerts.match_rule(view, rule, alert_store.fired_keys(store, rule["id"]), coords=place_coords(store, view),
                             machine_types=machine_types)


def create_rule(store, fields: dict[str, Any], *, backfill: bool = False, window: int = WINDOW) -> dict[str, Any]:
    """Validate and save a rule. Without ``backfill``, what it matches already is recorded as read
    (delivery "existing when the rule was made"), so only what arrives later is new."""
    rule = alert_store.create_rule(store, alerts.check_rule(fields))
    if store.count()["articles"]:
        view, types = _views(store, window)
        hits = rule_hits(store, rule, view, types)
        if backfill:
            _deliver(store, rule, alert_store.add_hits(store, rule["id"], hits))
        else:
            alert_store.add_hits(store, rule["id"], hits, read=True, delivery="existing when the rule was made")
    return rule


def check_alerts(store, *, window: int = WINDOW, allow_private: bool = False,
                 deliver: Callable | None = None) -> list[dict[str, Any]]:
    """Match every active rule; store and deliver the new hits. Returns them (with ``rule_id``)."""
    rules = alert_store.list_rules(store, active_only=True)
    if not rules:
        return []
    view, types = _views(store, window)
    coords = place_coords(store, view)
    out = []
    for rule in rules:
        hits = alerts.match_rule(view, rule, alert_store.fired_keys(store, rule["id"]), coords=coords,
                                 machine_types=types)
        stored = alert_store.add_hits(store, rule["id"], hits)
        _deliver(store, rule, stored, allow_private=allow_private, deliver=deliver)
        out.extend(stored)
    return out


def _deliver(store, rule, stored, *, allow_private: bool = False, deliver: Callable | None = None) -> None:
    if not rule.get("webhook_url"):
        return
    send = deliver or webhook.deliver
    for hit in stored:
        outcome = send(rule, hit, allow_private=allow_private)
        alert_store.set_delivery(store, hit["id"], outcome)
        hit["delivery"] = outcome
