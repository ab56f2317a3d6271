"""Watch rules and their hits (tables ``alert_rules``, ``alert_hits``).

Functions over a ``Store``; matching is ``desk.alerts``. A hit's key is unique per rule (the
database refuses a second), and the report keys of every hit are returned by ``fired_keys``
so a merged event that gained a source or was re-merged does not fire the rule again.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .schema import AlertHitRow, AlertRuleRow

RULE_FIELDS = ("name", "actor", "place", "area", "type", "keyword", "min_sources", "watch_for", "webhook_url",
               "webhook_secret", "allow_private", "active")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _rule(row: AlertRuleRow) -> dict[str, Any]:
    out = {k: getattr(row, k) for k in RULE_FIELDS}
    out.update(id=row.id, created=row.created.isoformat())
    return out


def _hit(row: AlertHitRow) -> dict[str, Any]:
    return {"id": row.id, "rule_id": row.rule_id, "key": row.key, "kind": row.kind, "title": row.title,
            "link": row.link, "payload": json.loads(row.payload) if row.payload else {},
            "created": row.created.isoformat(), "read": row.read, "delivery": row.delivery}


def create_rule(store, fields: dict[str, Any]) -> dict[str, Any]:
    with Session(store.engine) as s, s.begin():
        row = AlertRuleRow(**{k: fields.get(k) for k in RULE_FIELDS if k not in ("active", "allow_private")},
                           allow_private=bool(fields.get("allow_private")), active=fields.get("active", True),
                           created=_now())
        row.watch_for = row.watch_for or "event"
        s.add(row)
        s.flush()
        return _rule(row)


def update_rule(store, rule_id: int, fields: dict[str, Any]) -> dict[str, Any] | None:
    with Session(store.engine) as s, s.begin():
        row = s.get(AlertRuleRow, rule_id)
        if row is None:
            return None
        for k in RULE_FIELDS:
            if k in fields:
                setattr(row, k, fields[k])
        s.flush()
        return _rule(row)


def delete_rule(store, rule_id: int) -> bool:
    with Session(store.engine) as s, s.begin():
        row = s.get(AlertRuleRow, rule_id)
        if row is None:
            return False
        s.query(AlertHitRow).filter(AlertHitRow.rule_id == rule_id).delete()
        s.delete(row)
        return True


def get_rule(store, rule_id: int) -> dict[str, Any] | None:
    with Session(store.engine) as s:
        row = s.get(AlertRuleRow, rule_id)
        return _rule(row) if row else None


def list_rules(store, *, active_only: bool = False) -> list[dict[str, Any]]:
    stmt = select(AlertRuleRow).order_by(AlertRuleRow.id)
    if active_only:
        stmt = stmt.where(AlertRuleRow.active.is_(True))
    with Session(store.engine) as s:
        rules = [_rule(r) for r in s.scalars(stmt)]
        unread = dict(s.execute(select(AlertHitRow.rule_id, func.count(AlertHitRow.id))
                                .where(AlertHitRow.read.is_(False)).group_by(AlertHitRow.rule_id)).all())
        total = dict(s.execute(select(AlertHitRow.rule_id, func.count(AlertHitRow.id))
                               .group_by(AlertHitRow.rule_id)).all())
    for r in rules:
        r["unread"], r["hits"] = unread.get(r["id"], 0), total.get(r["id"], 0)
    return rules


def fired_keys(store, rule_id: int) -> set[str]:
    with Session(store.engine) as s:
        out: set[str] = set()
        for key, reports in s.execute(select(AlertHitRow.key, AlertHitRow.reports).where(AlertHitRow.rule_id == rule_id)):
            out.add(key)
            out.update(json.loads(reports) if reports else ())
        return out


def add_hits(store, rule_id: int, hits: list, *, read: bool = False, delivery: str | None = None) -> list[dict[str, Any]]:
    """Store ``hits`` (``desk.alerts.Hit``) of a rule; returns the stored ones."""
    now = _now()
    out = []
    with Session(store.engine) as s, s.begin():
        known = set(s.scalars(select(AlertHitRow.key).where(AlertHitRow.rule_id == rule_id)))
        for h in hits:
            if h.key in known:
                continue
            known.add(h.key)
            row = AlertHitRow(rule_id=rule_id, key=h.key, kind=h.kind, title=h.title, link=h.link,
                              payload=json.dumps(h.payload, default=str, ensure_ascii=False),
                              reports=json.dumps(h.reports), created=now, read=read, delivery=delivery)
            s.add(row)
            s.flush()
            out.append(_hit(row))
    return out


def set_delivery(store, hit_id: int, delivery: str) -> None:
    with Session(store.engine) as s, s.begin():
        s.execute(update(AlertHitRow).where(AlertHitRow.id == hit_id).values(delivery=delivery[:255]))


def list_hits(store, *, rule_id: int | None = None, unread_only: bool = False, limit: int = 100,
              offset: int = 0) -> list[dict[str, Any]]:
    stmt = select(AlertHitRow).order_by(AlertHitRow.created.desc(), AlertHitRow.id.desc()).limit(limit).offset(offset)
    if rule_id is not None:
        stmt = stmt.where(AlertHitRow.rule_id == rule_id)
    if unread_only:
        stmt = stmt.where(AlertHitRow.read.is_(False))
    with Session(store.engine) as s:
        return [_hit(r) for r in s.scalars(stmt)]


def mark_read(store, *, rule_id: int | None = None, hit_ids: list[int] | None = None) -> int:
    stmt = update(AlertHitRow).where(AlertHitRow.read.is_(False))
    if rule_id is not None:
        stmt = stmt.where(AlertHitRow.rule_id == rule_id)
    if hit_ids is not None:
        stmt = stmt.where(AlertHitRow.id.in_(hit_ids))
    with Session(store.engine) as s, s.begin():
        return s.execute(stmt.values(read=True)).rowcount or 0


def unread_count(store) -> int:
    with Session(store.engine) as s:
        return s.scalar(select(func.count(AlertHitRow.id)).where(AlertHitRow.read.is_(False))) or 0
