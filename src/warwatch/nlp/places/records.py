"""The records of places found in a document: ``Place`` and its ``PlaceMention``s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    role: str = "location"
    field: str | None = None
    """``title`` for a mention in the headline (offsets into ``article.title``)."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end, "role": self.role}
        if self.field:
            out["field"] = self.field
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlaceMention:
        return cls(data.get("text", ""), data["start"], data["end"], data.get("role") or "location",
                   data.get("field"))


@dataclass(slots=True)
class Place:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    feature: str | None
    mentions: list[PlaceMention] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.lat is not None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "lat": self.lat,
                "lon": self.lon, "geonames_id": self.geonames_id, "feature": self.feature,
                "mentions": [m.to_json() for m in self.mentions]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Place:
        """A place from its stored JSON (the store's edge)."""
        return cls(data["id"], data.get("name") or data["id"], data.get("country"), data.get("lat"),
                   data.get("lon"), data.get("geonames_id"), data.get("feature"),
                   [PlaceMention.from_json(m) for m in data.get("mentions") or ()])
