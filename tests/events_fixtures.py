"""Invented articles with events and claims (analyze schema 1.2 records, as ``to_json()`` gives them)
for the store, export and web tests of events, claims and speakers.

- ``bridge``: rebels take the Qamar bridge from the militia (backed by Turkish artillery); the
  rebels assert it, the militia denies it; a second event (shelling, with fatalities).
- ``revised``: an article whose first revision reported an air strike at Sarrin and whose
  second reports shelling there instead: only the second counts.
- ``hostile``: evidence, claim content, speaker, actor and place names carrying markup.
- ``quiet``: an article with no events or claims.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from test_web_fixtures import Record, make_article
from warwatch.records import Analysis, RawDocument
from warwatch.store import Store

T0 = datetime(2016, 9, 20, 8, 0, tzinfo=timezone.utc)

ACTORS = {
    "syrian-rebels": {"name": "Syrian rebel factions", "type": "armed_group", "country": "SY"},
    "east-bank-militia": {"name": "East Bank Militia", "type": "armed_group", "country": "SY"},
    "turkish-armed-forces": {"name": "Turkish Armed Forces", "type": "state_force", "country": "TR"},
    "person:abu-karim": {"name": "Abu Karim", "type": "person", "country": "SY"},
}
PLACES = {
    "warwatch:qamar-bridge": {"name": "Qamar bridge", "feature": "S.BDG", "country": "SY", "lat": 36.61,
                              "lon": 38.21, "geonames_id": None},
    "geonames:1": {"name": "Sarrin", "feature": "P.PPL", "country": "SY", "lat": 36.5, "lon": 38.4,
                   "geonames_id": 1},
}
XSS_SPEAKER_ID = 'org:evil"><script>window.__pwned="speaker"</script>'
XSS_SPEAKER_NAME = "Evil <script>window.__pwned = 'speaker'; document.title = 'PWNED'</script> Council"
XSS_PLACE_ID = "unresolved:<img src=x onerror=alert(1)>"
XSS_PLACE_NAME = "Silo <img src=x onerror=\"window.__pwned='place'\">"

BRIDGE_TEXT = ("Rebel fighters seized the Qamar bridge from the East Bank Militia on Tuesday, backed by Turkish "
               "artillery, commanders said.\n\n"
               "The East Bank Militia denied that it had lost the Qamar bridge.\n\n"
               "Shells killed three civilians near the Qamar bridge, medics said.")
REVISED_V1 = "Warplanes struck Sarrin on Monday, residents said."
REVISED_V2 = "Artillery shelled Sarrin on Monday, residents said.\n\nThe strike on Sarrin was not from the air."
HOSTILE_TEXT = ("Fighters <script>window.__pwned='evidence'</script> attacked the silo "
                "<img src=x onerror=\"window.__pwned='ev'\"> at dawn.\n\n"
                "The council denied <svg onload=\"window.__pwned='claim'\"></svg> any attack on the silo.")


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def _actor(actor_id: str, text: str, needle: str, **extra) -> Record:
    s, e = _span(text, needle)
    data = {"id": actor_id, **ACTORS.get(actor_id, {}), **extra}
    return Record({**data, "mentions": [{"text": needle, "start": s, "end": e}]})


def _place(place_id: str, text: str, needle: str, **extra) -> Record:
    s, e = _span(text, needle)
    data = {"id": place_id, **PLACES.get(place_id, {}), **extra}
    return Record({**data, "mentions": [{"text": needle, "start": s, "end": e, "role": "location"}]})


def _sentence(text: str, needle: str) -> dict[str, Any]:
    s, e = _span(text, needle)
    return {"start": s, "end": e, "text": needle}


def _event(local_id: str, type_: str, text: str, sentence: str, **fields) -> Record:
    data = {"id": local_id, "type": type_, "date": None, "date_precision": None, "actor1": None, "actor2": None,
            "associated": [], "place": None, "fatalities": None, "evidence": _sentence(text, sentence),
            "reported_by": []}
    data.update(fields)
    return Record(data)


def _claim(local_id: str, text: str, whole: str, content: str, *, speaker: str, speaker_actor: str | None,
           speaker_type: str, cue: str | None, polarity: str = "assert", events: list[str] = (),
           places: list[str] = (), negated: bool = False) -> Record:
    s, e = _span(text, whole)
    cs, ce = _span(text, content, s)
    return Record({"id": local_id, "speaker": speaker, "speaker_actor": speaker_actor, "speaker_type": speaker_type,
                   "cue": cue, "content": content, "polarity": polarity, "start": s, "end": e,
                   "content_start": cs, "content_end": ce, "content_negated": negated, "speaker_place": None,
                   "quoted": False, "about": {"events": list(events), "places": list(places)}})


def _save(store: Store, art, *, actors=(), places=(), events=(), claims=()) -> int:
    analysis = Analysis(art, source="fixture", actors=list(actors), places=list(places), events=list(events),
                        claims=list(claims), pipeline_version="fixture")
    raw = RawDocument(source="fixture", content=art.text.encode(), media_type="text/plain", url=art.url)
    return store.save(analysis, raw).article_id


def fill_events(store: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    t = BRIDGE_TEXT
    s1 = "Rebel fighters seized the Qamar bridge from the East Bank Militia on Tuesday, backed by Turkish artillery, commanders said."
    s2 = "The East Bank Militia denied that it had lost the Qamar bridge."
    s3 = "Shells killed three civilians near the Qamar bridge, medics said."
    ids["bridge"] = _save(
        store, make_article("Levant Courier", "Rebels seize Qamar bridge", t, T0, url="https://courier.example/bridge"),
        actors=[_actor("syrian-rebels", t, "Rebel fighters"), _actor("east-bank-militia", t, "East Bank Militia"),
                _actor("turkish-armed-forces", t, "Turkish artillery"), _actor("person:abu-karim", t, "commanders")],
        places=[_place("warwatch:qamar-bridge", t, "Qamar bridge")],
        events=[_event("e1", "NON_STATE_ACTOR_OVERTAKES_TER", t, s1, date="2016-09-20", date_precision="day",
                       actor1="syrian-rebels", actor2="east-bank-militia", associated=["turkish-armed-forces"],
                       place="warwatch:qamar-bridge", reported_by=["c1"]),
                _event("e2", "ART_MISS_ATTACK", t, s3, place="warwatch:qamar-bridge", fatalities=3)],
        claims=[_claim("c1", t, s1, "Rebel fighters seized the Qamar bridge from the East Bank Militia on Tuesday, "
                       "backed by Turkish artillery", speaker="commanders", speaker_actor="syrian-rebels",
                       speaker_type="armed_group", cue="said", events=["e1"], places=["warwatch:qamar-bridge"]),
                _claim("c2", t, s2, "it had lost the Qamar bridge", speaker="The East Bank Militia",
                       speaker_actor="east-bank-militia", speaker_type="armed_group", cue="denied", polarity="deny",
                       events=["e1"], places=["warwatch:qamar-bridge"]),
                _claim("c3", t, s3, "Shells killed three civilians near the Qamar bridge", speaker="medics",
                       speaker_actor=None, speaker_type="described", cue="said", events=["e2"])])

    url = "https://gazette.example/sarrin"
    v1 = REVISED_V1
    ids["revised"] = _save(
        store, make_article("Harran Gazette", "Air strike on Sarrin", v1, T0 + timedelta(days=1), url=url),
        places=[_place("geonames:1", v1, "Sarrin")],
        events=[_event("e1", "AIR_STRIKE", v1, v1, date="2016-09-19", date_precision="day", place="geonames:1")],
        claims=[_claim("c1", v1, v1, "Warplanes struck Sarrin on Monday", speaker="residents", speaker_actor=None,
                       speaker_type="described", cue="said", events=["e1"])])
    v2 = REVISED_V2
    first = "Artillery shelled Sarrin on Monday, residents said."
    _save(store, make_article("Harran Gazette", "Shelling of Sarrin", v2, T0 + timedelta(days=1), url=url,
                              updated=T0 + timedelta(days=1, hours=3)),
          places=[_place("geonames:1", v2, "Sarrin")],
          events=[_event("e1", "ART_MISS_ATTACK", v2, first, date="2016-09-19", date_precision="day",
                         place="geonames:1")],
          claims=[_claim("c1", v2, first, "Artillery shelled Sarrin on Monday", speaker="residents",
                         speaker_actor=None, speaker_type="described", cue="said", events=["e1"])])

    h = HOSTILE_TEXT
    ev_sentence = h.split("\n\n")[0]
    claim_sentence = h.split("\n\n")[1]
    ids["hostile"] = _save(
        store, make_article("Northern <b>Wire</b>", "Attack on the silo <script>window.__pwned='t'</script>", h,
                            T0 + timedelta(days=2), url="https://wire.example/silo"),
        actors=[_actor(XSS_SPEAKER_ID, h, "council", name=XSS_SPEAKER_NAME, type="organization", country=None)],
        places=[_place(XSS_PLACE_ID, h, "silo", name=XSS_PLACE_NAME, feature=None, country=None, lat=None, lon=None,
                       geonames_id=None)],
        events=[_event("e1", "ATTACK", h, ev_sentence, date="2016-09-22", date_precision="day",
                       actor1=XSS_SPEAKER_ID, place=XSS_PLACE_ID)],
        claims=[_claim("c1", h, claim_sentence, claim_sentence[len("The council denied "):-1],
                       speaker="The council <b>x</b>", speaker_actor=XSS_SPEAKER_ID, speaker_type="organization",
                       cue="denied", polarity="deny", events=["e1"])])

    ids["quiet"] = _save(store, make_article("Levant Courier", "Aid reaches the plain", "Aid reached the plain.",
                                             T0 + timedelta(days=3), url="https://courier.example/aid"))
    return ids


def build_events(path) -> dict[str, int]:
    with Store.open(path) as store:
        return fill_events(store)
