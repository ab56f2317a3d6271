"""The records of control: one statement of who holds a place, and one verdict per place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping


@dataclass(slots=True)
class ControlStatement:
    """One statement about who holds a place (see ``claims/control/__init__.py``)."""

    place: str
    status: str
    """``taken``, ``held``, ``lost`` or ``contested``."""
    controller: str | None
    """taken/held: the holder; lost: the actor that lost the place; contested: null."""
    positive: bool = True
    """False when the speaker says it did not happen (negated or denied)."""
    previous: str | None = None
    """taken: the actor it was taken from, when said."""
    as_of: str | None = None
    as_of_precision: str | None = None
    as_of_source: str | None = None
    """``text`` (a date expression in the sentence), ``event``, ``published``."""
    according_to: list[str] = field(default_factory=list)
    """Claim ids (the innermost claim whose content holds the cue); empty for the outlet's voice."""
    speaker: str | None = None
    speaker_actor: str | None = None
    speaker_type: str | None = None
    cue: str = ""
    start: int = 0
    end: int = 0
    evidence: dict[str, Any] = field(default_factory=dict)
    source: str = "phrase"
    """``phrase`` or ``event``."""
    event: str | None = None
    allies: list[str] = field(default_factory=list)
    """Actors the sentence puts on the controller's side ("backed by Turkish tanks")."""
    parties: list[str] = field(default_factory=list)
    """contested: the actors said to be fighting there or holding its surroundings."""
    since: str | None = None
    """"held by X since Aug. 24": the start of the state (``as_of`` is when it was said)."""
    background: bool = False
    near: bool = False
    """Said of the place's surroundings ("villages south of X"), not the place itself."""
    place_name: str | None = None
    field: str | None = None
    """``title`` for a statement in the headline (offsets into ``article.title``)."""
    article_id: Any = None
    site: str | None = None
    published: str | None = None

    def view(self) -> tuple[str, str | None]:
        """What the statement says about the current holder: ``("holds", X)``,
        ``("not_holds", X)``, ``("fighting", None)`` or ``("none", None)``."""
        if self.status == "contested":
            return ("fighting", None) if self.positive else ("none", None)
        if self.status in ("taken", "held"):
            return ("holds", self.controller) if self.positive else ("not_holds", self.controller)
        if self.status == "lost":
            return ("not_holds", self.controller) if self.positive else ("holds", self.controller)
        return ("none", None)

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place, "place_name": self.place_name, "status": self.status,
            "controller": self.controller, "positive": self.positive, "previous": self.previous,
            "as_of": self.as_of, "as_of_precision": self.as_of_precision,
            "as_of_source": self.as_of_source, "according_to": list(self.according_to),
            "speaker": self.speaker, "speaker_actor": self.speaker_actor,
            "speaker_type": self.speaker_type, "cue": self.cue, "start": self.start, "end": self.end,
            "evidence": dict(self.evidence), "source": self.source, "event": self.event,
            "allies": list(self.allies), "parties": list(self.parties),
            "since": self.since, "background": self.background, "near": self.near,
            **({"field": self.field} if self.field else {}),
            "article_id": self.article_id, "site": self.site, "published": self.published,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ControlStatement:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: (list(v) if isinstance(v, list) else v) for k, v in data.items() if k in names})


def as_statement(obj) -> ControlStatement:
    """A statement from a record or its stored JSON (the store's edge)."""
    return obj if isinstance(obj, ControlStatement) else ControlStatement.from_json(obj)


@dataclass(slots=True)
class ControlSide:
    """One side of a contested place: who holds it (or null for fighting / a dispute), per whom."""

    controller: str | None
    status: str
    according_to: list[str] = field(default_factory=list)
    parties: list[str] | None = None
    """Fighting: the actors said to fight there (only on the fighting side of a held place)."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"controller": self.controller, "status": self.status,
                               "according_to": list(self.according_to)}
        if self.parties is not None:
            out["parties"] = list(self.parties)
        return out


@dataclass(slots=True)
class Verdict:
    """The status of one place from the statements of one period (``judge``)."""

    controller: str | None
    status: str
    """``held``, ``taken``, ``lost`` or ``contested``."""
    as_of: str | None
    according_to: list[str]
    sides: list[ControlSide] | None = None
    """contested: each side with its holder and sources."""
    previous: str | None = None
    """The actor a capture was taken from (said only where one side holds the place)."""
    states_previous: bool = False
    """Whether ``previous`` belongs to the verdict (one holding side), even when null."""
    parties: list[str] | None = None
    """Only fighting: the actors said to fight there."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"controller": self.controller, "status": self.status, "as_of": self.as_of,
                               "according_to": list(self.according_to)}
        if self.sides is not None:
            out["sides"] = [s.to_json() for s in self.sides]
        if self.states_previous:
            out["previous"] = self.previous
        if self.parties is not None:
            out["parties"] = list(self.parties)
        return out


@dataclass(slots=True)
class PlaceControl:
    """One article's ``control`` entry: the verdict on one place."""

    place: str
    place_name: str | None
    verdict: Verdict

    def to_json(self) -> dict[str, Any]:
        return {"place": self.place, "place_name": self.place_name, **self.verdict.to_json()}


def to_date(value) -> date | None:
    """A date from a date, a datetime or an ISO string (dates in stored JSON are strings)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
