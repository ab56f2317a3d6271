"""The JSON API under /api/ (typed pydantic models; described at /openapi.json).

Reads are open unless the server closes them; writes need the configured bearer token.
Errors are JSON: ``{"error": "short phrase", "detail": ...}``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Literal

from fastapi import BackgroundTasks, APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field, model_validator

from ..records import HTML, TEXT, Failure, RawDocument
from ..store import ArticleView, RevisionView, Store
from . import render
from .base import CONTEXT, ERRORS, cache_of, day_range, store_of
from .corpus import Filters
from .security import ApiError, require_read, require_write

MAX_INGEST_TEXT = 5 * 1024 * 1024


class RevisionSummary(BaseModel):
    number: int
    title: str | None
    published: datetime | None
    updated: datetime | None
    word_count: int
    first_seen: datetime
    last_seen: datetime
    seen_count: int
    current: bool = False


class RevisionDetail(RevisionSummary):
    text: str | None


class ArticleSummary(BaseModel):
    id: int
    url: str | None
    site: str | None
    title: str | None
    author: str | None
    published: datetime | None
    updated: datetime | None
    language: str | None
    word_count: int
    reading_minutes: int
    first_seen: datetime
    last_seen: datetime
    revision_count: int


class MentionSpan(BaseModel):
    start: int = Field(description="Offset of the mention in the current text (characters)")
    end: int = Field(description="End offset, exclusive")
    text: str
    role: str | None = Field(None, description="For places: location, actor (metonymy, \"Ankara said\") or demonym")


class ArticleEntity(BaseModel):
    """An actor or place mentioned by an article's current revision, with its mention spans."""

    id: str
    kind: Literal["actor", "place"]
    name: str
    type: str | None = Field(description="Actor type (person, armed_group, ...) or place feature (GeoNames class.code)")
    country: str | None
    page: str = Field(description="Path of the entity in the API")
    mentions: list[MentionSpan]


class ArticleDetail(ArticleSummary):
    text: str | None
    revisions: list[RevisionSummary]
    actors: list[ArticleEntity] = Field(description="Actors the current revision mentions, most mentioned first")
    places: list[ArticleEntity] = Field(description="Places the current revision mentions, most mentioned first")


class EntitySummary(BaseModel):
    id: str = Field(description="Registry id, geonames:N, warwatch:..., person:slug, org:slug or unresolved:slug")
    kind: Literal["actor", "place"]
    name: str
    type: str | None = Field(description="Actor type or place feature (GeoNames class.code)")
    country: str | None = Field(description="ISO 3166-1 alpha-2")
    articles: int = Field(description="Articles whose current revision mentions it")
    mentions: int = Field(description="Mentions in those revisions")
    page: str = Field(description="Path of the entity in the API")


class PlaceSummary(EntitySummary):
    lat: float | None
    lon: float | None
    geonames_id: int | None
    resolved: bool = Field(description="True when the place has coordinates (a confident gazetteer match)")


class EntityList(BaseModel):
    items: list[EntitySummary]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class PlaceList(EntityList):
    items: list[PlaceSummary]


class EntityArticle(ArticleSummary):
    """An article that mentions the entity, with its first mention and the sentence around it."""

    mention_count: int = Field(description="Mentions of the entity in the article")
    roles: list[str | None] = Field(description="Distinct mention roles, in order of appearance")
    first_mention: MentionSpan
    snippet: str = Field(description="The sentence around the first mention, plain text ('…' marks a cut)")
    highlight: tuple[int, int] = Field(description="[start, end) of the first mention in snippet")


class ActorDetail(EntitySummary):
    role: str | None = Field(description="Role the newest articles give the actor (people), e.g. \"Vice President\"")
    affiliation: str | None = Field(description="Id of the actor it belongs to (people), e.g. us-government")
    items: list[EntityArticle] = Field(description="Articles that mention it, newest first")
    limit: int
    offset: int
    next_offset: int | None


class PlaceDetail(PlaceSummary):
    roles: dict[str, int] = Field(description="Articles per mention role (location, actor, demonym)")
    items: list[EntityArticle] = Field(description="Articles that mention it, newest first")
    limit: int
    offset: int
    next_offset: int | None


class ArticleList(BaseModel):
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class SearchHitModel(BaseModel):
    id: int
    title: str | None
    site: str | None
    published: datetime | None
    snippet: str = Field(description="Text around the matches, plain")
    highlights: list[tuple[int, int]] = Field(description="[start, end) character offsets of matches in snippet")


class SearchResponse(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHitModel]


class DiffSegment(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class DiffResponse(BaseModel):
    article_id: int
    from_revision: int
    to_revision: int
    inserted_words: int
    deleted_words: int
    segments: list[DiffSegment]


class SiteCount(BaseModel):
    site: str
    articles: int


class TrendingTermModel(BaseModel):
    term: str = Field(description="The entity's name, or the keyword")
    entity_id: str | None = Field(None, description="The actor or place (entity trending); null for a keyword")
    kind: Literal["actor", "place"] | None = None
    page: str | None = Field(None, description="Path of the entity in the API")
    recent: int
    baseline: int
    lift: float
    score: float
    sites: int
    article_ids: list[int]


class TrendingResponse(BaseModel):
    basis: Literal["entities", "terms"] = Field(description="entities (actors and places), or keywords for stores "
                                                            "without entity mentions")
    recent_start: datetime | None
    recent_end: datetime | None
    baseline_start: datetime | None
    recent_articles: int
    baseline_articles: int
    terms: list[TrendingTermModel]


class StoryModel(BaseModel):
    head: ArticleSummary
    sites: list[str]
    articles: list[ArticleSummary]
    first: datetime | None
    last: datetime | None
    cohesion: float


class IngestRequest(BaseModel):
    """Exactly one of ``url`` (fetched by the server's safe fetcher), ``html`` or ``text``."""

    url: str | None = Field(None, max_length=4096, description="http(s) URL to fetch; with html/text: the document's URL")
    html: str | None = Field(None, max_length=MAX_INGEST_TEXT)
    text: str | None = Field(None, max_length=MAX_INGEST_TEXT)
    title: str | None = Field(None, max_length=2000)
    published: datetime | None = None

    @model_validator(mode="after")
    def _one_body(self):
        if self.url is not None:
            self.url = self.url.strip() or None  # the value checked is the value used
        if self.html is not None and self.text is not None:
            raise ValueError("give html or text, not both")
        if self.html is None and self.text is None and not self.url:
            raise ValueError("give a url, or html or text")
        if self.url and not render.safe_url(self.url):
            raise ValueError("url must be an absolute http or https URL")
        return self


class IngestResponse(BaseModel):
    status: Literal["new", "unchanged", "revision"]
    article_id: int
    revision: int | None
    article: str = Field(description="Path of the article in the API")


def _summary(view: ArticleView) -> ArticleSummary:
    return ArticleSummary(id=view.id, url=view.url, site=view.site, title=view.title, author=view.author,
                          published=view.published, updated=view.updated, language=view.language,
                          word_count=view.word_count, reading_minutes=view.reading_minutes,
                          first_seen=view.first_seen, last_seen=view.last_seen,
                          revision_count=view.revision_count)


def _revision(rev: RevisionView, current_id: int | None, with_text: bool = False):
    fields = dict(number=rev.number, title=rev.title, published=rev.published, updated=rev.updated,
                  word_count=rev.word_count, first_seen=rev.first_seen, last_seen=rev.last_seen,
                  seen_count=rev.seen_count, current=rev.id == current_id)
    return RevisionDetail(**fields, text=rev.text) if with_text else RevisionSummary(**fields)


def _article(store: Store, article_id: int) -> ArticleView:
    view = store.get_article(article_id)
    if view is None:
        raise ApiError(404, "not found", f"no article with id {article_id}")
    return view


def _revision_text(store: Store, article_id: int, number: int) -> RevisionView:
    rev = store.get_revision(article_id, number)
    if rev is None:
        if store.get_article(article_id, with_revisions=False) is None:
            raise ApiError(404, "not found", f"no article with id {article_id}")
        raise ApiError(404, "not found", f"article {article_id} has no revision {number}")
    return rev


router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
reads = APIRouter(dependencies=[Depends(require_read)])


@reads.get("/articles", response_model=ArticleList, summary="List articles, newest first")
def list_articles(request: Request,
                  site: str | None = Query(None, description="Only this site (exact name)"),
                  since: date | None = Query(None, description="Published on or after this day (UTC)"),
                  until: date | None = Query(None, description="Published on or before this day (UTC)"),
                  limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
    start, end = day_range(since, until)
    store = store_of(request)
    items = store.list_articles(limit=limit, offset=offset, site=site, since=start, until=end)
    total = cache_of(request).count(Filters(site, start, end))
    return ArticleList(items=[_summary(v) for v in items], total=total, limit=limit, offset=offset,
                       next_offset=offset + limit if offset + limit < total else None)


@reads.get("/articles/{article_id}", response_model=ArticleDetail,
           summary="One article: current text, revisions, the actors and places it mentions")
def get_article(request: Request, article_id: int):
    store = store_of(request)
    view = _article(store, article_id)
    found = sorted(store.article_mentions(article_id), key=lambda item: (-len(item[1]), item[1][0][0] if item[1] else 0))
    entities = [ArticleEntity(id=e.id, kind=e.kind, name=e.name, type=e.type, country=e.country,
                              page=api_path(e.kind, e.id),
                              mentions=[MentionSpan(start=a, end=b, text=t, role=r) for a, b, t, r in spans])
                for e, spans in found]
    return ArticleDetail(**_summary(view).model_dump(), text=view.text,
                         revisions=[_revision(r, view.current_revision_id) for r in view.revisions],
                         actors=[e for e in entities if e.kind == "actor"],
                         places=[e for e in entities if e.kind == "place"])


@reads.get("/articles/{article_id}/revisions", response_model=list[RevisionSummary], summary="Revisions of an article")
def list_revisions(request: Request, article_id: int):
    view = _article(store_of(request), article_id)
    return [_revision(r, view.current_revision_id) for r in view.revisions]


@reads.get("/articles/{article_id}/revisions/{number}", response_model=RevisionDetail, summary="One revision, with its text")
def get_revision(request: Request, article_id: int, number: int):
    store = store_of(request)
    view = _article(store, article_id)
    rev = _revision_text(store, article_id, number)
    return _revision(rev, view.current_revision_id, with_text=True)


@reads.get("/articles/{article_id}/diff", response_model=DiffResponse, summary="Word-level diff between two revisions")
def diff(request: Request, article_id: int,
         from_: int | None = Query(None, alias="from", description="Older revision (default: the one before `to`)"),
         to: int | None = Query(None, description="Newer revision (default: the last)")):
    store = store_of(request)
    view = _article(store, article_id)
    to = to or view.revision_count
    from_ = from_ or max(1, to - 1)
    a, b = _revision_text(store, article_id, from_), _revision_text(store, article_id, to)
    segments = render.diff_words(a.text or "", b.text or "")
    return DiffResponse(article_id=article_id, from_revision=from_, to_revision=to, **render.diff_stats(segments),
                        segments=[DiffSegment(op=s.op, text=s.text) for s in segments])


@reads.get("/search", response_model=SearchResponse, summary="Full-text search (words AND-ed, \"phrases\", OR, word*)")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
           limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0, le=100_000)):
    store = store_of(request)
    hits = store.search(q, limit=limit, offset=offset)
    items = []
    for hit in hits:
        plain, spans = render.snippet_plain(hit.snippet)
        items.append(SearchHitModel(id=hit.article_id, title=hit.title, site=hit.site, published=hit.published,
                                    snippet=plain, highlights=spans))
    total = cache_of(request).search_count(q) if hits or offset else 0
    return SearchResponse(query=q, total=total, limit=limit, offset=offset, items=items)


@reads.get("/sites", response_model=list[SiteCount], summary="Sites and their number of articles")
def sites(request: Request):
    return [SiteCount(site=s, articles=n) for s, n in cache_of(request).sites()]


@reads.get("/trending", response_model=TrendingResponse,
           summary="Trending actors and places (keywords for stores without entities; see docs/web.md)")
def trending(request: Request, site: str | None = None, since: date | None = None, until: date | None = None):
    result = cache_of(request).trending(Filters(site, *day_range(since, until)))
    return TrendingResponse(
        basis=result.basis, recent_start=result.recent_start, recent_end=result.recent_end,
        baseline_start=result.baseline_start,
        recent_articles=result.recent_articles, baseline_articles=result.baseline_articles,
        terms=[TrendingTermModel(term=t.label, entity_id=t.entity_id, kind=t.kind,
                                 page=api_path(t.kind, t.entity_id) if t.entity_id else None, recent=t.recent,
                                 baseline=t.baseline, lift=t.lift, score=t.score,
                                 sites=t.sites, article_ids=list(t.article_ids)) for t in result.terms])


@reads.get("/top", response_model=list[StoryModel], summary="Top content: most widely reported stories (see docs/web.md)")
def top(request: Request, site: str | None = None, since: date | None = None, until: date | None = None):
    stories = cache_of(request).top(Filters(site, *day_range(since, until)))
    return [StoryModel(head=_summary(s.head), sites=s.sites, articles=[_summary(a) for a in s.articles],
                       first=s.first, last=s.last, cohesion=s.cohesion) for s in stories]


def api_path(kind: str | None, entity_id: str) -> str:
    return "/api" + render.entity_url(kind, entity_id)


def _entity_summary(e) -> EntitySummary:
    fields = dict(id=e.id, kind=e.kind, name=e.name, type=e.type, country=e.country, articles=e.articles,
                  mentions=e.mentions, page=api_path(e.kind, e.id))
    if e.kind == "place":
        return PlaceSummary(**fields, lat=e.lat, lon=e.lon, geonames_id=e.geonames_id, resolved=e.lat is not None)
    return EntitySummary(**fields)


def _entity_list(request: Request, kind: str, type_: str | None, country: str | None, q: str | None,
                 limit: int, offset: int):
    everything = cache_of(request).entities(kind)
    needle = (q or "").strip().casefold()
    chosen = [e for e in everything if (not type_ or e.type == type_) and (not country or e.country == country)
              and (not needle or needle in e.name.casefold() or needle in e.id.casefold())]
    items = [_entity_summary(e) for e in chosen[offset: offset + limit]]
    total = len(chosen)
    model = PlaceList if kind == "place" else EntityList
    return model(items=items, total=total, limit=limit, offset=offset,
                 next_offset=offset + limit if offset + limit < total else None)


def entity_articles(store: Store, entity_id: str, limit: int, offset: int) -> list[EntityArticle]:
    articles = store.entity_articles(entity_id, limit=limit, offset=offset)
    contexts = store.entity_mention_contexts(entity_id, [a.id for a in articles], context=CONTEXT)
    out = []
    for a in articles:
        ctx = contexts.get(a.id)
        if ctx is None:  # changed between the two queries
            continue
        snippet, span = render.mention_snippet(ctx.window, ctx.start - ctx.window_start, ctx.end - ctx.window_start,
                                               at_text_start=ctx.window_start == 0,
                                               at_text_end=len(ctx.window) < ctx.end - ctx.window_start + CONTEXT)
        out.append(EntityArticle(**_summary(a).model_dump(), mention_count=ctx.count, roles=ctx.roles,
                                 first_mention=MentionSpan(start=ctx.start, end=ctx.end, text=ctx.text, role=ctx.role),
                                 snippet=snippet, highlight=span))
    return out


def _entity_detail(request: Request, kind: str, entity_id: str, limit: int, offset: int):
    store = store_of(request)
    entity = store.get_entity(entity_id)
    if entity is None or entity.kind != kind:
        raise ApiError(404, "not found", f"no {kind} with id {entity_id}"
                       + (f" (it is a {entity.kind}: {api_path(entity.kind, entity.id)})" if entity else ""))
    items = entity_articles(store, entity_id, limit, offset)
    paging = dict(items=items, limit=limit, offset=offset,
                  next_offset=offset + limit if offset + limit < entity.articles else None)
    base = _entity_summary(entity).model_dump()
    if kind == "actor":
        return ActorDetail(**base, **store.actor_profile(entity_id), **paging)
    roles = {r or "location": n for r, n in store.entity_role_counts(entity_id).items()}
    return PlaceDetail(**base, roles=roles, **paging)


_TYPE = Query(None, max_length=64, description="Only this type (actors: person, armed_group, ...; places: "
                                               "GeoNames class.code such as P.PPL)")
_COUNTRY = Query(None, max_length=8, description="Only this country (ISO 3166-1 alpha-2)")
_NAME = Query(None, max_length=200, description="Name or id contains this (case-insensitive)")


@reads.get("/actors", response_model=EntityList, summary="Actors, by the number of articles that mention them")
def list_actors(request: Request, type: str | None = _TYPE, country: str | None = _COUNTRY, q: str | None = _NAME,
                limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
    return _entity_list(request, "actor", type, country, q, limit, offset)


@reads.get("/actors/{entity_id:path}", response_model=ActorDetail,
           summary="One actor and the articles that mention it, newest first")
def get_actor(request: Request, entity_id: str, limit: int = Query(20, ge=1, le=200),
              offset: int = Query(0, ge=0, le=10_000_000)):
    return _entity_detail(request, "actor", entity_id, limit, offset)


@reads.get("/places", response_model=PlaceList, summary="Places, by the number of articles that mention them")
def list_places(request: Request, type: str | None = _TYPE, country: str | None = _COUNTRY, q: str | None = _NAME,
                limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
    return _entity_list(request, "place", type, country, q, limit, offset)


@reads.get("/places/{entity_id:path}", response_model=PlaceDetail,
           summary="One place and the articles that mention it, newest first")
def get_place(request: Request, entity_id: str, limit: int = Query(20, ge=1, le=200),
              offset: int = Query(0, ge=0, le=10_000_000)):
    return _entity_detail(request, "place", entity_id, limit, offset)


@router.post("/ingest", response_model=IngestResponse, dependencies=[Depends(require_write)],
             summary="Ingest a URL (fetched safely), or HTML or text with optional url/title/published")
def ingest(request: Request, body: IngestRequest, background: BackgroundTasks):
    from ..desk.run import check_alerts
    from ..ingest import ingest as run
    from ..sources import fetch_url

    store = store_of(request)
    settings = replace(request.app.state.settings, workers=0)  # in this process: no pool per request
    if body.html is None and body.text is None:
        # fetched, never read as a path: a URL is the only thing a remote client may name
        raw = fetch_url(body.url, policy=settings.fetch_policy(), max_bytes=settings.max_bytes)
        items = [raw]
        summary = run(items, store, workers=0, understand=settings.understand)
    else:
        published = body.published
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=timezone.utc)
        content = body.html if body.html is not None else body.text
        raw = RawDocument(source=f"api:{body.url or 'posted'}", content=content.encode("utf-8"),
                          media_type=HTML if body.html is not None else TEXT, url=body.url, encoding="utf-8",
                          published=published, title=body.title, fetched_at=datetime.now(timezone.utc))
        summary = run([raw], store, workers=0, understand=settings.understand)
    if summary.failures:
        failure: Failure = summary.failures[0]
        raise ApiError(422, "could not ingest", failure.reason)
    if not summary.results:
        raise ApiError(422, "could not ingest", "the input is not a document type warwatch reads")
    result = summary.results[0]
    if result.status != "unchanged":  # watch rules, after the answer is sent (webhooks may retry)
        background.add_task(check_alerts, store, allow_private=bool(settings.allow_private))
    view = store.get_article(result.article_id)
    number = next((r.number for r in view.revisions if r.id == result.revision_id), None) if view else None
    return IngestResponse(status=result.status, article_id=result.article_id, revision=number,
                          article=f"/api/articles/{result.article_id}")


router.include_router(reads)
