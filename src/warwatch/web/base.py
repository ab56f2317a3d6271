"""What every router of the reader needs, so the routers import this and never each other: the
store and corpus cache of a request, dates as a UTC range, the JSON error responses the API
declares, the read gate of the pages, and the names of the entities a page or answer shows.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from fastapi import Request
from pydantic import BaseModel, Field

from ..store import Store
from .corpus import CorpusCache
from .security import read_allowed

CONTEXT = 320  # characters of text fetched on each side of a first mention


# -- store and cache of the request ----------------------------------------------------------------

def store_of(request: Request) -> Store:
    return request.app.state.store


def cache_of(request: Request) -> CorpusCache:
    return request.app.state.cache


def day_range(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    """Dates from a form or query, both inclusive, as a [since, until) range of UTC times."""
    start = datetime.combine(since, time(), timezone.utc) if since else None
    end = datetime.combine(until, time(), timezone.utc) + timedelta(days=1) if until else None
    return start, end


def entity_refs(store: Store, ids) -> dict[str, tuple[str, str]]:
    """id -> (name, kind) for the ids that are stored entities."""
    return store.entity_names(sorted({i for i in ids if i}))


# -- API errors --------------------------------------------------------------------------------------

class ErrorResponse(BaseModel):
    error: str = Field(description="A short phrase")
    detail: object = Field(None, description="What went wrong and what to do, or validation details")


ERRORS = {401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, 404: {"model": ErrorResponse},
          413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}


# -- the read gate of the pages ----------------------------------------------------------------------

class LoginRequired(Exception):
    def __init__(self, next_url: str):
        self.next_url = next_url


def guard(request: Request) -> None:
    if not read_allowed(request, request.app.state.web):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
