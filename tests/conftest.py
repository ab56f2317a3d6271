"""Shared fixtures: small news pages written for these tests, and a fresh store."""

from __future__ import annotations

import os

import pytest

from backends import BACKENDS, Databases, start_server
from warwatch.store import Store

PARAGRAPHS = [
    "Syrian rebel factions backed by Turkish tanks entered the border town of Jarabulus on "
    "Wednesday, a day after artillery pounded positions held by the Islamic State group.",
    "Residents who reached the Turkish side of the frontier said the militants had left the town "
    "overnight, heading south along the road towards the town of al-Bab.",
    "A spokesman for the Kurdish-led forces said their fighters were not involved in the operation "
    "and described the Turkish advance as an attack on the sovereignty of the region.",
    "The offensive was the first time Turkish ground troops had crossed into Syria in force since "
    "the start of the war, officials in Ankara said, adding that it would continue as long as needed.",
]


def news_page(title: str = "Rebels enter Jarabulus as militants pull back", *, url: str | None =
              "https://courier.example/2016/08/24/jarabulus", paragraphs: list[str] | None = None,
              published: str = "2016-08-24T14:05:00+03:00", modified: str | None = None,
              extra: str = "") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    mod = f'<meta property="article:modified_time" content="{modified}">' if modified else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Levant Courier</title>
<meta property="og:site_name" content="Levant Courier">
<meta property="og:title" content="{title}">{canonical}
<meta property="article:published_time" content="{published}">{mod}
<meta name="author" content="Dana Haddad"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav>
<div class="cookies">We use cookies. <button>Accept</button></div>
<main><article><h1>{title}</h1><p class="byline">By Dana Haddad</p>
{paras}{extra}
</article><aside><h3>Most read</h3><ul><li><a href="/a">Markets slide</a></li></ul></aside></main>
<footer>&copy; 2016 Levant Courier</footer></body></html>"""


@pytest.fixture
def page():
    return news_page


# -- store backends: every fixture below runs once on SQLite and once on PostgreSQL -----------

@pytest.fixture(scope="session")
def pg_databases():
    """Fresh PostgreSQL databases (see tests/backends.py), or a skip saying why there are none."""
    url, reason, cluster = start_server()
    if url is None:
        yield reason
        return
    databases = Databases(url)
    try:
        yield databases
    finally:
        databases.close()
        if cluster is not None:
            cluster.stop()


def _backend_url(backend: str, pg_databases, folder, *, migrated: bool = True):
    """(URL or path of a new store, function that drops it)."""
    if backend == "sqlite":
        return str(folder / "store.db"), lambda: None
    if isinstance(pg_databases, str):
        if os.environ.get("WARWATCH_TEST_REQUIRE_PG"):  # CI: a missing server is a failure, not a skip
            pytest.fail(f"PostgreSQL: {pg_databases}")
        pytest.skip(f"PostgreSQL: {pg_databases}")
    url = pg_databases.create(migrated=migrated)
    return url, lambda: pg_databases.drop(url)


@pytest.fixture(params=BACKENDS)
def db_url(request, pg_databases, tmp_path):
    """Where a new store lives: a SQLite path, or the URL of a new PostgreSQL database."""
    url, drop = _backend_url(request.param, pg_databases, tmp_path)
    yield url
    drop()


@pytest.fixture(params=BACKENDS)
def empty_db_url(request, pg_databases, tmp_path):
    """As ``db_url``, before any migration has run."""
    url, drop = _backend_url(request.param, pg_databases, tmp_path, migrated=False)
    yield url
    drop()


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request, pg_databases, tmp_path_factory):
    """As ``db_url``, shared by the tests of one module (web modules build their site once)."""
    url, drop = _backend_url(request.param, pg_databases, tmp_path_factory.mktemp("store"))
    yield url
    drop()


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as s:
        yield s


# The web test modules each define a module-scoped ``site`` fixture: (test client, fixture ids).
@pytest.fixture(scope="module")
def web(site):
    return site[0]


@pytest.fixture(scope="module")
def ids(site):
    return site[1]
