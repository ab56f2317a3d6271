"""Invented articles for the web tests (API, pages, browser), and a check that they load.

Four invented outlets report on an invented front line over three weeks: a widely reported
story (the Qamar bridge), a term that only appears in the last days (Tal Sabin), an article
that changed after publication (two revisions), and one hostile article whose title, author,
site, URL and text carry script and event-handler payloads that must never run.

``build(path, entities=True)`` also stores invented actors and places for each article (found
by the fixed patterns in ``ENTITY_SPECS``, as the pipeline's ``to_json()`` records would give
them), including a place named as an actor (metonymy), an unresolved place, and an actor and a
place whose names and ids carry markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from warwatch.records import Analysis, Article, RawDocument
from warwatch.store import Store

T0 = datetime(2016, 9, 20, 8, 0, tzinfo=timezone.utc)

XSS_TITLE = 'Shelling reported near Dayr Hafir <script>window.__pwned = "title"; document.title = "PWNED"</script>'
XSS_TEXT = ("Residents said shells landed near the grain silos <img src=x onerror=\"window.__pwned='img';"
            "document.title='PWNED'\"> before dawn.\n\n"
            "<script>window.__pwned = 'script'; alert('pwned')</script> Local councils asked for calm.\n\n"
            "<svg onload=\"window.__pwned='svg'\"></svg><a href=\"javascript:window.__pwned='link'\">details</a> "
            "<iframe src=\"javascript:alert(1)\"></iframe> The road to the town stayed open.")
XSS_AUTHOR = '"><img src=x onerror=alert(1)>'
XSS_URL = "javascript:window.__pwned='url'"

BRIDGE = [
    ("Levant Courier", "Rebels seize Qamar bridge over the Euphrates after night assault",
     "Rebel fighters seized the Qamar bridge over the Euphrates after a night assault, cutting the main "
     "supply road of the militia holding the east bank, commanders said."),
    ("Harran Gazette", "Qamar bridge falls to rebel fighters; militia supply road cut",
     "The Qamar bridge on the Euphrates fell to rebel fighters overnight, and the militia on the east bank "
     "lost its main supply road, according to commanders and residents."),
    ("Northern Wire", "Militia loses Qamar bridge on the Euphrates to night assault by rebels",
     "A night assault by rebels took the Qamar bridge across the Euphrates, the militia admitted, saying "
     "its fighters had withdrawn to the east bank to protect civilians."),
    ("Euphrates Monitor", "Qamar bridge: rebels take Euphrates crossing, militia pulls back to east bank",
     "Rebels took the Qamar bridge, the last Euphrates crossing held by the militia, which pulled back to "
     "the east bank after a night of fighting, the monitor said."),
]

FILLER = [
    ("Northern Wire", "Aid convoy reaches displaced families in the Harran plain",
     "An aid convoy carrying flour and blankets reached displaced families camped in the Harran plain."),
    ("Euphrates Monitor", "Water station repaired after weeks of outages in Sarrin",
     "Engineers repaired the water station serving Sarrin after weeks of outages, the local council said."),
    ("Harran Gazette", "Schools reopen in Manbij countryside as front line moves east",
     "Schools reopened in villages of the Manbij countryside as the front line moved east."),
    ("Levant Courier", "Farmers return to cotton fields along the Sajur valley",
     "Farmers returned to their cotton fields along the Sajur valley for the first time this season."),
    ("Euphrates Monitor", "Electricity restored to parts of the old town",
     "Electricity was restored to parts of the old town after repairs to the transformer station."),
]

TAL_SABIN = [
    ("Levant Courier", "Clashes erupt around Tal Sabin hill", "Clashes erupted around Tal Sabin hill at dawn."),
    ("Euphrates Monitor", "Tal Sabin changes hands twice in one day", "Tal Sabin changed hands twice in one day."),
    ("Harran Gazette", "Militia retakes Tal Sabin after counter-attack",
     "The militia retook Tal Sabin after a counter-attack before dusk."),
]

REVISED_URL = "https://courier.example/2016/09/28/qamar-toll"
REVISED_V1 = ("Five civilians were killed when shells hit the market near the Qamar bridge, medics said.\n\n"
              "The militia denied firing at the town.")
REVISED_V2 = ("At least nine civilians were killed when shells hit the market near the Qamar bridge, medics said "
              "on Thursday.\n\nThe militia denied firing at the town.\n\nRebel commanders vowed to respond.")


XSS_ACTOR_ID = 'org:local-councils"><script>'
XSS_ACTOR_NAME = "Local councils <script>window.__pwned = 'entity'; document.title = 'PWNED'</script>"
XSS_PLACE_ID = "unresolved:grain-silos/<img>"
XSS_PLACE_NAME = "Grain silos <img src=x onerror=\"window.__pwned='place'\">"

# (pattern, kind, record without mentions, role of a mention given the text after it)
ENTITY_SPECS: list[tuple[str, str, dict[str, Any]]] = [
    (r"\b[Rr]ebels?\b", "actor", {"id": "syrian-rebels", "name": "Syrian rebel factions", "type": "armed_group",
                                  "country": "SY"}),
    (r"\b[Mm]ilitia\b", "actor", {"id": "east-bank-militia", "name": "East Bank Militia", "type": "armed_group",
                                  "country": "SY"}),
    (r"\bcommanders\b", "actor", {"id": "person:abu-karim", "name": "Abu Karim", "type": "person", "country": "SY",
                                   "role": "field commander", "affiliation": "syrian-rebels"}),
    (r"\bLocal councils\b", "actor", {"id": XSS_ACTOR_ID, "name": XSS_ACTOR_NAME, "type": "organization",
                                       "country": None}),
    (r"\bQamar bridge\b", "place", {"id": "warwatch:qamar-bridge", "name": "Qamar bridge", "feature": "S.BDG",
                                     "country": "SY", "lat": 36.61, "lon": 38.21, "geonames_id": None}),
    (r"\bEuphrates\b", "place", {"id": "warwatch:euphrates-river", "name": "Euphrates", "feature": "H.STM",
                                  "country": "SY", "lat": 35.95, "lon": 39.02, "geonames_id": None}),
    (r"\bManbij\b", "place", {"id": "geonames:167357", "name": "Manbij", "feature": "P.PPL", "country": "SY",
                               "lat": 36.52815, "lon": 37.95495, "geonames_id": 167357}),
    (r"\bTal Sabin\b", "place", {"id": "unresolved:tal-sabin", "name": "Tal Sabin", "feature": None, "country": None,
                                  "lat": None, "lon": None, "geonames_id": None}),
    (r"\bgrain silos\b", "place", {"id": XSS_PLACE_ID, "name": XSS_PLACE_NAME, "feature": None, "country": None,
                                    "lat": None, "lon": None, "geonames_id": None}),
]
METONYMY = re.compile(r"\s+(changed|said|denied|vowed)\b")
"""A place followed by one of these verbs is named as an actor (role ``actor``), as the pipeline marks
metonymy ("Ankara said"); in the fixtures, "Tal Sabin changed hands"."""


@dataclass
class Record:
    """Stands in for nlp.actors.Actor / nlp.places.Place: anything with ``to_json()``."""

    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.data


def find_entities(text: str, specs=None) -> tuple[list[Record], list[Record]]:
    """Invented actors and places of ``text``, with mention offsets into it."""
    actors, places = [], []
    for pattern, kind, record in specs or ENTITY_SPECS:
        mentions = []
        for m in re.finditer(pattern, text):
            mention = {"text": m.group(0), "start": m.start(), "end": m.end()}
            if kind == "place":
                mention["role"] = "actor" if METONYMY.match(text, m.end()) else "location"
            mentions.append(mention)
        if mentions:
            (actors if kind == "actor" else places).append(Record({**record, "mentions": mentions}))
    return actors, places


def _paragraphs(lead: str, n: int = 3) -> str:
    more = ["Witnesses described heavy traffic on the roads out of the area as families left for safer villages.",
            "Neither claim could be independently verified, and both sides have exaggerated gains before.",
            "The front line has shifted several times since the summer, monitors said."]
    return "\n\n".join([lead] + more[: n - 1])


def make_article(site: str, title: str, text: str, published: datetime, *, url: str | None = None,
                 author: str | None = "Staff reporter", updated: datetime | None = None) -> Article:
    words = len(text.split())
    return Article(url=url, title=title, author=author, site=site, published=published, updated=updated,
                   language="en", word_count=words, reading_minutes=max(1, round(words / 230)), text=text)


def slug(value: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in value.lower()).split())[:60]


def fill(store: Store, *, entities: bool = False) -> dict[str, int]:
    """Save the fixture articles (with invented actors and places when ``entities``); returns ids by role."""
    ids: dict[str, int] = {}

    def save(art: Article, source: str = "fixture") -> int:
        actors, places = find_entities(art.text) if entities else ([], [])
        analysis = Analysis(art, source=source, actors=actors, places=places,
                            pipeline_version="fixture" if entities else "")
        result = store.save(analysis, RawDocument(source=source, content=art.text.encode(), media_type="text/plain",
                                                  url=art.url))
        return result.article_id

    for k, (site, title, lead) in enumerate(FILLER * 3):
        when = T0 - timedelta(days=18 - k, hours=k)
        ids.setdefault("filler", save(make_article(site, f"{title} ({k + 1})" if k >= len(FILLER) else title,
                                                   _paragraphs(lead), when,
                                                   url=f"https://{slug(site)}.example/{k}/{slug(title)}")))
    for k, (site, title, lead) in enumerate(BRIDGE):
        aid = save(make_article(site, title, _paragraphs(lead), T0 + timedelta(days=5, hours=k),
                                url=f"https://{slug(site)}.example/bridge/{slug(title)}"))
        ids.setdefault("bridge", aid)
    for k, (site, title, lead) in enumerate(TAL_SABIN):
        aid = save(make_article(site, title, _paragraphs(lead), T0 + timedelta(days=7, hours=3 * k),
                                url=f"https://{slug(site)}.example/tal-sabin/{k}"))
        ids.setdefault("tal_sabin", aid)
    first = T0 + timedelta(days=6)
    ids["revised"] = save(make_article("Levant Courier", "Shells hit market near Qamar bridge", REVISED_V1, first,
                                       url=REVISED_URL, author="Dana Haddad"))
    save(make_article("Levant Courier", "Civilian toll rises after shells hit market near Qamar bridge", REVISED_V2,
                      first, url=REVISED_URL, author="Dana Haddad", updated=first + timedelta(hours=5)))
    ids["xss"] = save(make_article("Harran <b>Gazette</b>", XSS_TITLE, XSS_TEXT, T0 + timedelta(days=6, hours=2),
                                   url=XSS_URL, author=XSS_AUTHOR))
    return ids


def build(path: Path, *, entities: bool = False) -> dict[str, int]:
    with Store.open(path) as store:
        return fill(store, entities=entities)


def test_fixtures_load(db_url):
    ids = build(db_url)
    with Store.open(db_url) as store:
        assert store.count()["articles"] == 15 + 4 + 3 + 2
        assert store.get_article(ids["revised"]).revision_count == 2
        assert "<script>" in store.get_article(ids["xss"]).title
        assert store.mentions_marker() == 0


def test_fixtures_with_entities_load(db_url):
    ids = build(db_url, entities=True)
    with Store.open(db_url) as store:
        assert store.count()["articles"] == 24
        mentioned = {e.id for e, _ in store.article_mentions(ids["xss"])}
        assert mentioned == {XSS_ACTOR_ID, XSS_PLACE_ID}
        text = store.get_article(ids["bridge"]).text
        for entity, spans in store.article_mentions(ids["bridge"]):
            assert all(text[a:b] == t for a, b, t, _ in spans), entity.id
        tal = store.get_entity("unresolved:tal-sabin")
        assert tal.articles == 3 and tal.lat is None
