"""The records of event detection: a candidate sentence and the event it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class Event:
    """One incident the document reports, however many of its sentences report it."""

    id: str
    type: str
    date: date | None = None
    date_precision: str | None = None
    """``day``, ``week``, ``month``, ``year``, or ``reported``: the text gives no date, and the
    date is the report's own (its publication day)."""
    actor1: str | None = None
    actor2: str | None = None
    associated: list[str] = field(default_factory=list)
    place: str | None = None
    fatalities: int | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    """The report that shows the incident best: the first sentence of the body that reports it
    (the headline when only the headline does): ``{start, end, text}`` (+ ``field: title``)."""
    mentions: list[dict[str, Any]] = field(default_factory=list)
    """Every sentence that reports it, headline included, in text order: ``{start, end, text}``
    (+ ``field: title``; ``denied: true`` for a sentence that reports it only to deny it)."""
    reported_by: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "actor1": self.actor1, "actor2": self.actor2, "associated": list(self.associated),
            "place": self.place, "fatalities": self.fatalities, "evidence": dict(self.evidence),
            "mentions": [dict(m) for m in self.mentions], "reported_by": list(self.reported_by),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        """An event from its stored JSON (the store's edge)."""
        when = data.get("date")
        return cls(id=data["id"], type=data["type"], date=date.fromisoformat(when[:10]) if when else None,
                   date_precision=data.get("date_precision"), actor1=data.get("actor1"),
                   actor2=data.get("actor2"), associated=list(data.get("associated") or []),
                   place=data.get("place"), fatalities=data.get("fatalities"),
                   evidence=dict(data.get("evidence") or {}),
                   mentions=[dict(m) for m in data.get("mentions") or []],
                   reported_by=[r for r in data.get("reported_by") or [] if isinstance(r, str)])


@dataclass(slots=True)
class EventCandidate:
    """A sentence that may report an event: it names an event cue, asserts it, and is not
    background. The classifier assigns ``label`` (a type code, or ``NONE``) and ``probs``."""

    sent: Any
    """The spaCy sentence span."""
    dates: list = field(default_factory=list)
    """Its resolved date expressions."""
    label: str | None = None
    probs: dict[str, float] | None = None

    @property
    def text(self) -> str:
        """What the classifier reads: the sentence without a wire dateline it opens with
        ("BEIRUT, March 14 (Newswire) - "), which says where the story was filed, not what happened."""
        from .. import lang

        text = self.sent.text
        dateline = getattr(lang.of(self.sent).furniture, "WIRE_DATELINE", None)
        m = dateline.match(text) if dateline is not None else None
        return text[m.end():] if m else text
