"""Reviews of merged events and their audit log (tables ``reviews``, ``review_log``).

Functions over a ``Store``; what a review means and how it is applied to merged events is in
``desk.review``. Every save writes a log row: who, when, the review before and after.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .schema import ReviewLogRow, ReviewRow


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _as_dict(row: ReviewRow) -> dict[str, Any]:
    return {"id": row.id, "merged_id": row.merged_id, "status": row.status,
            "corrections": json.loads(row.corrections) if row.corrections else {}, "note": row.note,
            "refs": json.loads(row.refs), "created": row.created.isoformat(), "updated": row.updated.isoformat(),
            "updated_by": row.updated_by}


def _state(d: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if d is None else {k: d[k] for k in ("status", "corrections", "note")}


def all_reviews(store) -> list[dict[str, Any]]:
    with Session(store.engine) as s:
        return [_as_dict(r) for r in s.scalars(select(ReviewRow).order_by(ReviewRow.id))]


def review_marker(store) -> tuple:
    """Changes when any review is saved (for caches)."""
    with Session(store.engine) as s:
        return tuple(s.execute(select(func.count(ReviewRow.id), func.max(ReviewRow.updated))).one())


def save_review(store, *, merged_id: str, refs: list[str], status: str, corrections: dict[str, Any],
                note: str | None, who: str | None, review_id: int | None = None) -> dict[str, Any]:
    """Create or update (``review_id``) a review; logs the change. Returns the saved review."""
    now = _now()
    with Session(store.engine) as s, s.begin():
        row = s.get(ReviewRow, review_id) if review_id else None
        before = _as_dict(row) if row is not None else None
        if row is None:
            row = ReviewRow(merged_id=merged_id, refs="[]", status=status, created=now, updated=now)
            s.add(row)
        known = json.loads(row.refs or "[]")
        row.refs = json.dumps(known + [r for r in refs if r not in known])
        row.merged_id, row.status = merged_id, status
        row.corrections = json.dumps(corrections, sort_keys=True) if corrections else None
        row.note = note or None
        row.updated, row.updated_by = now, who
        s.flush()
        after = _as_dict(row)
        s.add(ReviewLogRow(review_id=row.id, at=now, who=who, before=json.dumps(_state(before)),
                           after=json.dumps(_state(after))))
        return after


def review_log(store, review_id: int | None = None, *, limit: int = 200) -> list[dict[str, Any]]:
    """Changes, newest first (of one review, or of all)."""
    stmt = select(ReviewLogRow).order_by(ReviewLogRow.id.desc()).limit(limit)
    if review_id is not None:
        stmt = stmt.where(ReviewLogRow.review_id == review_id)
    with Session(store.engine) as s:
        return [{"id": r.id, "review_id": r.review_id, "at": r.at.isoformat(), "who": r.who,
                 "before": json.loads(r.before) if r.before else None,
                 "after": json.loads(r.after) if r.after else None} for r in s.scalars(stmt)]
