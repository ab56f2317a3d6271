"""Events, claims and speakers in the reader: pages (``/events``, ``/events/{article}/{e1}``,
``/speakers``, ``/speakers/{actor}``) and their API (``/api/events``, ``/api/speakers``,
``/api/articles/{id}/events``). What the article and place pages also use (type labels, event
paths, the entities events name) is in ``reports.py``.

Events and claims are per article (each article's current revision); merging reports of the
same event across articles and detecting contradictions are corpus-level (``reconcile/``).
Evidence sentences and claim contents come from hostile pages: they are rendered through
autoescaping, or escaped first and given only ``<mark>`` (nh3 keeps exactly that).
"""

from __future__ import annotations

import html
import math
from datetime import date, datetime
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from pydantic import BaseModel, Field

from ..events.taxonomy import TAXONOMY, TYPES
from ..store import Store
from ..store.events import ClaimView, EventView, SpeakerView
from . import render
from .base import ERRORS, cache_of, entity_refs, guard, store_of
from .reports import (event_entity_ids, event_url, filter_merged, merged_ids, merged_summary, speaker_url,
                      type_label)
from .security import ApiError, require_read
from .templating import page

EVENTS_PAGE = 25
SPEAKERS_PAGE = 50
SPEAKER_CLAIMS_PAGE = 30


# -- helpers -------------------------------------------------------------------------------------

def evidence_html(text: str | None, start: int | None, end: int | None, expected: str | None) -> list[Markup] | None:
    """The paragraphs holding ``text[start:end]``, escaped, with that span in ``<mark>``; None when the
    offsets do not point at the expected evidence (the caller shows the stored sentence instead)."""
    if not text or start is None or end is None or not (0 <= start < end <= len(text)):
        return None
    if expected is not None and text[start:end] != expected:
        return None
    out = []
    for p_start, p_end in render._paragraph_bounds(text):
        if p_end <= start or p_start >= end:
            continue
        s, e = max(p_start, start), min(p_end, end)
        fragment = (html.escape(text[p_start:s], quote=True) + "<mark>" + html.escape(text[s:e], quote=True)
                    + "</mark>" + html.escape(text[e:p_end], quote=True))
        out.append(render.sanitize(fragment, {"mark"}))
    return out or None


def speaker_contradictions(store: Store, actor_id: str, cache=None) -> int | None:
    """How often this speaker's claims are part of a contradiction with another claim (within one
    article or across articles), over the reconciled corpus view (``cache.reconciled_view()``).

    None ("—" on the pages) when there is no view or it found nothing to compare: no
    contradiction and no control statement in the window (e.g. analyses made before issue 5).
    """
    if cache is None:
        return None
    view = cache.reconciled_view()
    if not view.contradictions and not view.statements:
        return None
    return view.speaker_contradicted.get(actor_id, 0)


# -- pages ---------------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False)


def _not_found(request: Request, message: str) -> HTMLResponse:
    return page(request, "error.html", 404, status=404, message=message)


@pages.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: str | None = Query(None, max_length=64),
                actor: str | None = Query(None, max_length=255), place: str | None = Query(None, max_length=255),
                since: date | None = None, until: date | None = None,
                view: Literal["merged", "all"] | None = None,
                page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    """Merged events (default when any event is reported by several articles) or every report."""
    guard(request)
    store = store_of(request)
    type, actor, place = type or None, actor or None, place or None
    number = max(1, page_ or 1)
    filters = dict(type=type, actor=actor, place=place, since=since, until=until)
    corpus = cache_of(request).reconciled_view()
    # Merged is the default as soon as some event has several reports; else both lists are the same
    mode = view or ("merged" if any(len(m.articles) > 1 for m in corpus.merged) else "all")
    facets = cache_of(request).event_facets()  # counts per type, actor and place: cached per store change
    type_counts, actor_counts, place_counts = facets.types, facets.actors, facets.places
    merged, items = [], []
    if mode == "merged":
        found = filter_merged(corpus, **filters)
        total = len(found)
        merged = [(m, merged_summary(corpus, m)) for m in found[(number - 1) * EVENTS_PAGE: number * EVENTS_PAGE]]
        shown_ids = merged_ids([m for m, _ in merged])
    else:
        total = store.count_events(**filters)
        items = store.list_events(**filters, limit=EVENTS_PAGE, offset=(number - 1) * EVENTS_PAGE)
        shown_ids = event_entity_ids(items)
    names = {**facets.names, **entity_refs(store, (shown_ids | {actor, place}) - facets.names.keys())}
    params = {k: v for k, v in (("type", type), ("actor", actor), ("place", place), ("since", since),
                                ("until", until)) if v}
    filtered = bool(params)
    if view:
        params["view"] = view
    return page(request, "events.html", items=items, merged=merged, mode=mode, total=total,
                all_count=sum(type_counts.values()), merged_count=len(corpus.merged),
                types=[(t, type_counts.get(t.code, 0)) for t in TYPES], type_=type, actor=actor, place=place,
                since=since, until=until, actor_counts=actor_counts, place_counts=place_counts, names=names,
                page=number, pages=max(1, math.ceil(total / EVENTS_PAGE)), params=params, filtered=filtered,
                window=cache_of(request).reconciled_articles)


@pages.get("/events/{article_id}/{local_id}", response_class=HTMLResponse)
def event_page(request: Request, article_id: int, local_id: str):
    guard(request)
    store = store_of(request)
    event = store.find_event(article_id, local_id)
    if event is None:
        return _not_found(request, f"Article {article_id} has no event {local_id} in its current version.")
    article = store.get_article(article_id, with_revisions=False)
    context = evidence_html(article.text if article else None, event.evidence_start, event.evidence_end,
                            event.evidence_text)
    ids = event_entity_ids([event]) | {c.speaker_actor for c in event.claims if c.speaker_actor}
    names = entity_refs(store, ids)
    place = store.entity_details([event.place_id]).get(event.place_id) if event.place_id else None
    return page(request, "event.html", event=event, article=article, evidence=context, names=names, place=place)


@pages.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request, page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    store = store_of(request)
    number = max(1, page_ or 1)
    total = store.count_speakers()
    items = store.speakers(limit=SPEAKERS_PAGE, offset=(number - 1) * SPEAKERS_PAGE)
    rows = [(s, speaker_contradictions(store, s.actor_id, cache_of(request))) for s in items]
    return page(request, "speakers.html", rows=rows, total=total, page=number,
                pages=max(1, math.ceil(total / SPEAKERS_PAGE)), offset=(number - 1) * SPEAKERS_PAGE)


@pages.get("/speakers/{actor_id:path}", response_class=HTMLResponse)
def speaker_page(request: Request, actor_id: str, polarity: Literal["assert", "deny"] | None = None,
                 page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    store = store_of(request)
    counts = store.speaker_counts(actor_id)
    if counts is None:
        return _not_found(request, f"No claim in the store is attributed to {actor_id}.")
    number = max(1, page_ or 1)
    claims = store.claims_by_speaker(actor_id, polarity=polarity, limit=SPEAKER_CLAIMS_PAGE,
                                     offset=(number - 1) * SPEAKER_CLAIMS_PAGE)
    shown = {"assert": counts.assertions, "deny": counts.denials}.get(polarity or "", counts.claims)
    entity = store.get_entity(actor_id)
    return page(request, "speaker.html", speaker=counts, entity=entity, claims=claims, polarity=polarity,
                contradicted=speaker_contradictions(store, actor_id, cache_of(request)),
                contradictions=_speaker_contradiction_rows(request, actor_id), page=number,
                pages=max(1, math.ceil(shown / SPEAKER_CLAIMS_PAGE)),
                params={"polarity": polarity} if polarity else {})


def _speaker_contradiction_rows(request: Request, actor_id: str) -> list[dict]:
    return cache_of(request).reconciled_view().speaker_contradictions(actor_id)[:20]


# -- API -----------------------------------------------------------------------------------------

class EntityRef(BaseModel):
    id: str
    name: str = Field(description="The entity's name (the id when the store has no entity by that id)")
    page: str | None = Field(description="Path of the entity in the API (null when not stored)")


class PlaceRef(EntityRef):
    lat: float | None = None
    lon: float | None = None
    country: str | None = None


class Evidence(BaseModel):
    start: int | None = Field(description="Offset of the sentence in the article's current text")
    end: int | None
    text: str | None


class ArticleRef(BaseModel):
    id: int
    title: str | None
    site: str | None
    url: str | None = None
    published: datetime | None
    page: str


class EventSummary(BaseModel):
    article_id: int
    local_id: str = Field(description="The event's id in its article's analysis (e1, e2, ...)")
    type: str = Field(description="Taxonomy code (see docs/events.md)")
    type_label: str
    event_type: str | None = Field(description="ACLED event_type (null for the five non-ACLED codes)")
    sub_event_type: str | None = Field(description="ACLED sub_event_type")
    date: date | None
    date_precision: str | None
    actor1: EntityRef | None
    actor2: EntityRef | None
    associated: list[EntityRef]
    place: PlaceRef | None
    fatalities: int | None
    evidence: Evidence
    article: ArticleRef
    page: str = Field(description="Path of the event in the API")


class ClaimModel(BaseModel):
    article_id: int
    local_id: str
    speaker: str | None = Field(description="The source as written")
    speaker_actor: EntityRef | None
    speaker_type: str | None
    cue: str | None
    content: str
    polarity: Literal["assert", "deny"]
    content_negated: bool
    quoted: bool
    start: int | None
    end: int | None
    about_events: list[str] = Field(description="Local ids of the article's events the claim is about")
    about_places: list[str]
    article: ArticleRef | None = None


class EventDetail(EventSummary):
    asserted_by: list[ClaimModel] = Field(description="Claims of the article asserting the event")
    denied_by: list[ClaimModel] = Field(description="Claims of the article denying it")


class EventList(BaseModel):
    items: list[EventSummary]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class ArticleEvents(BaseModel):
    article_id: int
    events: list[EventSummary]
    claims: list[ClaimModel]


class SpeakerSummary(BaseModel):
    id: str = Field(description="The speaker's actor id")
    name: str
    type: str | None
    claims: int = Field(description="Claims attributed to it (current revisions)")
    assertions: int
    denials: int
    articles: int
    contradicted: int | None = Field(description="Contradictions (within an article or across articles) one of "
                                                 "its claims is part of, over the newest articles; null when "
                                                 "the stored analyses give nothing to compare")
    page: str


class SpeakerList(BaseModel):
    items: list[SpeakerSummary]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class SpeakerDetail(SpeakerSummary):
    items: list[ClaimModel] = Field(description="Its claims, newest article first")
    limit: int
    offset: int
    next_offset: int | None


def _ref(entity_id: str | None, names: dict[str, tuple[str, str]]) -> EntityRef | None:
    if not entity_id:
        return None
    if entity_id in names:
        name, kind = names[entity_id]
        return EntityRef(id=entity_id, name=name, page="/api" + render.entity_url(kind, entity_id))
    return EntityRef(id=entity_id, name=entity_id, page=None)


def _article_ref(article_id: int, title, site, url, published) -> ArticleRef:
    return ArticleRef(id=article_id, title=title, site=site, url=url, published=published,
                      page=f"/api/articles/{article_id}")


def _event_model(ev: EventView, names, places, model=EventSummary, **extra):
    kind = TAXONOMY.get(ev.type)
    place = None
    if ev.place_id:
        p = places.get(ev.place_id)
        place = (PlaceRef(id=ev.place_id, name=p.name, page="/api" + render.entity_url("place", p.id), lat=p.lat,
                          lon=p.lon, country=p.country) if p else PlaceRef(id=ev.place_id, name=ev.place_id, page=None))
    return model(article_id=ev.article_id, local_id=ev.local_id, type=ev.type, type_label=type_label(ev.type),
                 event_type=kind.acled_event_type if kind else None,
                 sub_event_type=kind.acled_sub_event_type if kind else None, date=ev.date,
                 date_precision=ev.date_precision, actor1=_ref(ev.actor1, names), actor2=_ref(ev.actor2, names),
                 associated=[_ref(a, names) for a in ev.associated], place=place, fatalities=ev.fatalities,
                 evidence=Evidence(start=ev.evidence_start, end=ev.evidence_end, text=ev.evidence_text),
                 article=_article_ref(ev.article_id, ev.article_title, ev.article_site, ev.article_url,
                                      ev.article_published),
                 page=f"/api{event_url(ev.article_id, ev.local_id)}", **extra)


def _claim_model(c: ClaimView, names, with_article: bool = False) -> ClaimModel:
    return ClaimModel(article_id=c.article_id, local_id=c.local_id, speaker=c.speaker,
                      speaker_actor=_ref(c.speaker_actor, names), speaker_type=c.speaker_type, cue=c.cue,
                      content=c.content, polarity="deny" if c.polarity == "deny" else "assert",
                      content_negated=c.content_negated, quoted=c.quoted, start=c.start, end=c.end,
                      about_events=c.about_events, about_places=c.about_places,
                      article=_article_ref(c.article_id, c.article_title, c.article_site, None, c.article_published)
                      if with_article else None)


def _events_models(store: Store, events: list[EventView]) -> list[EventSummary]:
    ids = event_entity_ids(events)
    names = entity_refs(store, ids)
    places = store.entity_details({e.place_id for e in events if e.place_id})
    return [_event_model(ev, names, places) for ev in events]


def _speaker_model(s: SpeakerView, store: Store, model=SpeakerSummary, cache=None, **extra):
    return model(id=s.actor_id, name=s.name, type=s.type, claims=s.claims, assertions=s.assertions,
                 denials=s.denials, articles=s.articles, contradicted=speaker_contradictions(store, s.actor_id, cache),
                 page="/api" + speaker_url(s.actor_id), **extra)


api = APIRouter(prefix="/api", tags=["api"], responses=ERRORS, dependencies=[Depends(require_read)])


@api.get("/events", response_model=EventList,
         summary="Events of current article revisions, newest event date first (undated last)")
def list_events(request: Request,
                type: str | None = Query(None, max_length=64, description="Taxonomy code, e.g. AIR_STRIKE"),
                actor: str | None = Query(None, max_length=255, description="Actor id as actor1, actor2 or associated"),
                place: str | None = Query(None, max_length=255, description="Place id"),
                since: date | None = Query(None, description="Event date on or after (inclusive)"),
                until: date | None = Query(None, description="Event date on or before (inclusive)"),
                limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
    store = store_of(request)
    filters = dict(type=type or None, actor=actor or None, place=place or None, since=since, until=until)
    total = store.count_events(**filters)
    items = _events_models(store, store.list_events(**filters, limit=limit, offset=offset))
    return EventList(items=items, total=total, limit=limit, offset=offset,
                     next_offset=offset + limit if offset + limit < total else None)


@api.get("/events/{article_id}/{local_id}", response_model=EventDetail,
         summary="One event (by article and its id there), with the claims asserting and denying it")
def get_event(request: Request, article_id: int, local_id: str):
    store = store_of(request)
    ev = store.find_event(article_id, local_id)
    if ev is None:
        raise ApiError(404, "not found", f"article {article_id} has no event {local_id} in its current revision")
    names = entity_refs(store, event_entity_ids([ev]) | {c.speaker_actor for c in ev.claims})
    places = store.entity_details([ev.place_id]) if ev.place_id else {}
    return _event_model(ev, names, places, EventDetail,
                        asserted_by=[_claim_model(c, names) for c in ev.asserted_by],
                        denied_by=[_claim_model(c, names) for c in ev.denied_by])


@api.get("/articles/{article_id}/events", response_model=ArticleEvents,
         summary="The events and claims of an article's current revision, in text order")
def article_events(request: Request, article_id: int):
    store = store_of(request)
    if store.get_article(article_id, with_revisions=False) is None:
        raise ApiError(404, "not found", f"no article with id {article_id}")
    events = store.article_events(article_id)
    claims = store.article_claims(article_id)
    names = entity_refs(store, {c.speaker_actor for c in claims})
    return ArticleEvents(article_id=article_id, events=_events_models(store, events),
                         claims=[_claim_model(c, names) for c in claims])


@api.get("/speakers", response_model=SpeakerList,
         summary="Sources that resolve to an actor, by the number of claims attributed to them")
def list_speakers(request: Request, limit: int = Query(50, ge=1, le=500),
                  offset: int = Query(0, ge=0, le=10_000_000)):
    store = store_of(request)
    total = store.count_speakers()
    items = [_speaker_model(s, store, cache=cache_of(request)) for s in store.speakers(limit=limit, offset=offset)]
    return SpeakerList(items=items, total=total, limit=limit, offset=offset,
                       next_offset=offset + limit if offset + limit < total else None)


@api.get("/speakers/{actor_id:path}", response_model=SpeakerDetail,
         summary="Everything a source has claimed: counts and claims, newest article first")
def get_speaker(request: Request, actor_id: str, polarity: Literal["assert", "deny"] | None = None,
                limit: int = Query(30, ge=1, le=200), offset: int = Query(0, ge=0, le=10_000_000)):
    store = store_of(request)
    counts = store.speaker_counts(actor_id)
    if counts is None:
        raise ApiError(404, "not found", f"no claim is attributed to {actor_id}")
    claims = store.claims_by_speaker(actor_id, polarity=polarity, limit=limit, offset=offset)
    names = entity_refs(store, [actor_id])
    shown = {"assert": counts.assertions, "deny": counts.denials}.get(polarity or "", counts.claims)
    return _speaker_model(counts, store, SpeakerDetail, cache=cache_of(request), items=[_claim_model(c, names, True) for c in claims],
                          limit=limit, offset=offset, next_offset=offset + limit if offset + limit < shown else None)


def install(app) -> None:
    """Add the event pages and API to ``app`` (called by ``create_app``)."""
    app.include_router(api)
    app.include_router(pages)
