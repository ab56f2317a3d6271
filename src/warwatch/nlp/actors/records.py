"""The records of actors found in a document: ``Actor`` and its ``Mention``s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    field: str | None = None
    """``title`` for a mention in the headline (offsets into ``article.title``); else offsets
    into ``article.text``."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.field:
            out["field"] = self.field
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        return cls(data.get("text", ""), data["start"], data["end"], data.get("field"))


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    parent: str | None = None
    """Registry parent id (e.g. ``ypg`` -> ``sdf``); not part of the JSON form."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "name": self.name, "type": self.type, "country": self.country,
            "mentions": [m.to_json() for m in self.mentions],
        }
        if self.role is not None:
            out["role"] = self.role
        if self.affiliation is not None:
            out["affiliation"] = self.affiliation
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        """An actor from its stored JSON (the store's edge)."""
        return cls(data["id"], data.get("name") or data["id"], data.get("type") or "organization",
                   data.get("country"), [Mention.from_json(m) for m in data.get("mentions") or ()],
                   data.get("role"), data.get("affiliation"))
