"""The JSON API under /api/ (typed pydantic models; described at /openapi.json).

Reads are open unless the server closes them; writes need the configured bearer token.
Errors are JSON: ``{"error": "short phrase", "detail": ...}``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field, model_validator

from ..records import HTML, TEXT, Failure, RawDocument
from ..store import ArticleView, RevisionView, Store
from . import render
from .corpus import CorpusCache, Filters
from .security import ApiError, require_read, require_write

MAX_INGEST_TEXT = 5 * 1024 * 1024


class ErrorResponse(BaseModel):
    error: str = Field(description="A short phrase")
    detail: object = Field(None, description="What went wrong and what to do, or validation details")


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


class ArticleDetail(ArticleSummary):
    text: str | None
    revisions: list[RevisionSummary]


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
    term: str
    recent: int
    baseline: int
    lift: float
    score: float
    sites: int
    article_ids: list[int]


class TrendingResponse(BaseModel):
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


def day_range(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    """Dates from a form or query, both inclusive, as a [since, until) range of UTC times."""
    start = datetime.combine(since, time(), timezone.utc) if since else None
    end = datetime.combine(until, time(), timezone.utc) + timedelta(days=1) if until else None
    return start, end


def store_of(request: Request) -> Store:
    return request.app.state.store


def cache_of(request: Request) -> CorpusCache:
    return request.app.state.cache


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


ERRORS = {401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, 404: {"model": ErrorResponse},
          413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}

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


@reads.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article: current text and revisions")
def get_article(request: Request, article_id: int):
    view = _article(store_of(request), article_id)
    return ArticleDetail(**_summary(view).model_dump(), text=view.text,
                         revisions=[_revision(r, view.current_revision_id) for r in view.revisions])


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


@reads.get("/trending", response_model=TrendingResponse, summary="Trending terms (see docs/web.md)")
def trending(request: Request, site: str | None = None, since: date | None = None, until: date | None = None):
    result = cache_of(request).trending(Filters(site, *day_range(since, until)))
    return TrendingResponse(
        recent_start=result.recent_start, recent_end=result.recent_end, baseline_start=result.baseline_start,
        recent_articles=result.recent_articles, baseline_articles=result.baseline_articles,
        terms=[TrendingTermModel(term=t.label, recent=t.recent, baseline=t.baseline, lift=t.lift, score=t.score,
                                 sites=t.sites, article_ids=list(t.article_ids)) for t in result.terms])


@reads.get("/top", response_model=list[StoryModel], summary="Top content: most widely reported stories (see docs/web.md)")
def top(request: Request, site: str | None = None, since: date | None = None, until: date | None = None):
    stories = cache_of(request).top(Filters(site, *day_range(since, until)))
    return [StoryModel(head=_summary(s.head), sites=s.sites, articles=[_summary(a) for a in s.articles],
                       first=s.first, last=s.last, cohesion=s.cohesion) for s in stories]


@router.post("/ingest", response_model=IngestResponse, dependencies=[Depends(require_write)],
             summary="Ingest a URL (fetched safely), or HTML or text with optional url/title/published")
def ingest(request: Request, body: IngestRequest):
    from ..ingest import ingest as run
    from ..service import run_ingest

    store = store_of(request)
    settings = replace(request.app.state.settings, workers=0)  # in this process: no pool per request
    if body.html is None and body.text is None:
        summary = run_ingest(store, settings, targets=[body.url])
    else:
        published = body.published
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=timezone.utc)
        content = body.html if body.html is not None else body.text
        raw = RawDocument(source=f"api:{body.url or 'posted'}", content=content.encode("utf-8"),
                          media_type=HTML if body.html is not None else TEXT, url=body.url, encoding="utf-8",
                          published=published, title=body.title, fetched_at=datetime.now(timezone.utc))
        summary = run([raw], store, workers=0)
    if summary.failures:
        failure: Failure = summary.failures[0]
        raise ApiError(422, "could not ingest", failure.reason)
    if not summary.results:
        raise ApiError(422, "could not ingest", "the input is not a document type warwatch reads")
    result = summary.results[0]
    view = store.get_article(result.article_id)
    number = next((r.number for r in view.revisions if r.id == result.revision_id), None) if view else None
    return IngestResponse(status=result.status, article_id=result.article_id, revision=number,
                          article=f"/api/articles/{result.article_id}")


router.include_router(reads)
