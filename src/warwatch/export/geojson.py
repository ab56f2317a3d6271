"""``--format geojson``: a GeoJSON FeatureCollection (RFC 7946, WGS 84 longitude/latitude) of the
events of current revisions, each a Point at its place, and of the places articles mention, with
their mention, article and event counts. Events and places without coordinates are left out
(counted in the collection's ``warwatch`` member).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..store import Store
from .acled import acled_rows


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}


def feature_collection(store: Store) -> dict[str, Any]:
    features: list[dict[str, Any]] = []
    unlocated_events = 0
    events_at: dict[str, int] = {}
    for row in acled_rows(store):
        if row["place_id"]:
            events_at[row["place_id"]] = events_at.get(row["place_id"], 0) + 1
        if row["latitude"] == "" or row["longitude"] == "":
            unlocated_events += 1
            continue
        props = {"kind": "event", **{k: v for k, v in row.items() if k not in ("latitude", "longitude")}}
        props["fatalities"] = None if props["fatalities"] == "" else props["fatalities"]
        features.append({"type": "Feature", "id": f"event:{row['event_id']}",
                         "geometry": _point(float(row["longitude"]), float(row["latitude"])), "properties": props})
    counts = store.place_mention_counts()
    places = store.entity_details(pid for pid, _, _ in counts)
    unlocated_places = 0
    for pid, mentions, articles in sorted(counts, key=lambda r: (-r[2], r[0])):
        place = places.get(pid)
        if place is None or place.lat is None or place.lon is None:
            unlocated_places += 1
            continue
        features.append({"type": "Feature", "id": f"place:{pid}", "geometry": _point(place.lon, place.lat),
                         "properties": {"kind": "place", "id": pid, "name": place.name, "feature": place.type,
                                        "country": place.country, "geonames_id": place.geonames_id,
                                        "mentions": mentions, "articles": articles,
                                        "events": events_at.get(pid, 0)}})
    return {"type": "FeatureCollection", "features": features,
            "warwatch": {"events_without_coordinates": unlocated_events,
                         "places_without_coordinates": unlocated_places}}


def write_geojson(store: Store, out: TextIO) -> int:
    """Write the collection; returns the number of features."""
    collection = feature_collection(store)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])
