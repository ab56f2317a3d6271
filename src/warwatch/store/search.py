"""Full-text search over the current revision of each article, on SQLite and on PostgreSQL.

One query language for both (words AND-ed, "quoted phrases", ``OR``, ``word*`` prefixes),
parsed once here and written out as an FTS5 query (SQLite) or a ``tsquery`` (PostgreSQL).
Both indexes are a table named ``revisions_fts`` keyed by revision id that holds only the
current revision of each article: an FTS5 table over ``revisions`` on SQLite; on PostgreSQL a
``tsvector`` column (title weighted A, text D) with a GIN index, parsed with the ``warwatch``
text search configuration (the ``simple`` one, no stemming as in FTS5, with ``unaccent`` so
Karkamış matches Karkamis). Snippets mark matches with MARK_START / MARK_END on both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

MARK_START, MARK_END = "\x02", "\x03"

# Letters that are not "a letter plus a diacritic" in Unicode, so FTS5's remove_diacritics
# keeps them apart from their Latin look-alikes (Karkamış vs Karkamis). One character each
# way, so offsets in snippets stay aligned.
_FOLD = str.maketrans("ıİłŁøØđĐħĦ", "iIlLoOdDhH")

PG_CONFIG = "warwatch"
"""The PostgreSQL text search configuration made by migration 0005."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: int
    title: str | None
    site: str | None
    published: datetime | None
    snippet: str
    """Text around the matches; matched terms are wrapped in MARK_START / MARK_END."""


def fold(value: str) -> str:
    return value.translate(_FOLD)


def parse_query(user_query: str) -> list[tuple[str, ...]]:
    """Free text as a list of ("phrase", tokens...), ("word", token, "*" or ""), and ("OR",)."""
    parts: list[tuple[str, ...]] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', fold(user_query)):
        if phrase:
            tokens = re.findall(r"\w+", phrase)
            if tokens:
                parts.append(("phrase", *tokens))
        elif word == "OR" and parts and parts[-1] != ("OR",):
            parts.append(("OR",))
        else:
            prefix = "*" if word.endswith("*") else ""
            for token in re.findall(r"\w+", word):
                parts.append(("word", token, prefix))
    while parts and parts[-1] == ("OR",):
        parts.pop()
    return parts


def fts_query(user_query: str) -> str | None:
    """Turn free text into a safe FTS5 query: words and "quoted phrases", AND-ed; OR kept; word* prefix."""
    out = []
    for part in parse_query(user_query):
        if part[0] == "OR":
            out.append("OR")
        elif part[0] == "phrase":
            out.append('"' + " ".join(part[1:]) + '"')
        else:
            out.append(f'"{part[1]}"' + part[2])
    return " ".join(out) or None


def ts_query(user_query: str) -> str | None:
    """The same query for PostgreSQL's ``to_tsquery``: ``&`` between terms, ``|`` for OR,
    ``<->`` inside phrases, ``:*`` for prefixes (every operand quoted; tokens are word characters)."""
    out: list[str] = []
    for part in parse_query(user_query):
        if part[0] == "OR":
            out.append("|")
            continue
        if out and out[-1] != "|":
            out.append("&")
        if part[0] == "phrase":
            out.append("(" + " <-> ".join(f"'{t}'" for t in part[1:]) + ")")
        else:
            out.append(f"'{part[1]}'" + (":*" if part[2] else ""))
    return " ".join(out) or None


# -- SQLite (FTS5) -----------------------------------------------------------------------------

_SQLITE_SEARCH = text(
    "WITH page AS (SELECT rowid AS rid, bm25(revisions_fts, 5.0, 1.0) AS score FROM revisions_fts "
    "WHERE revisions_fts MATCH :q ORDER BY score LIMIT :limit OFFSET :offset) "
    "SELECT a.id, a.title, a.site, a.published, "
    f"snippet(revisions_fts, 1, '{MARK_START}', '{MARK_END}', '…', 32) AS snip "
    "FROM page JOIN revisions_fts ON revisions_fts.rowid = page.rid "
    "JOIN revisions r ON r.id = page.rid JOIN articles a ON a.id = r.article_id "
    "WHERE revisions_fts MATCH :q AND revisions_fts.rowid IN (SELECT rid FROM page) "
    "ORDER BY page.score, a.id")

# -- PostgreSQL (tsvector) ---------------------------------------------------------------------

_PG_DOCUMENT = (f"setweight(to_tsvector('{PG_CONFIG}', coalesce(:title, '')), 'A') || "
                f"setweight(to_tsvector('{PG_CONFIG}', :text), 'D')")
_PG_HEADLINE = (f'StartSel="{MARK_START}", StopSel="{MARK_END}", MinWords=16, MaxWords=32, '
                f'MaxFragments=1')
_PG_SEARCH = text(
    f"WITH q AS (SELECT to_tsquery('{PG_CONFIG}', :q) AS query), "
    "page AS (SELECT f.rowid AS rid, ts_rank(f.document, q.query) AS score FROM revisions_fts f, q "
    "WHERE f.document @@ q.query ORDER BY score DESC, f.rowid LIMIT :limit OFFSET :offset) "
    "SELECT a.id, a.title, a.site, a.published, "
    # ts_headline drops what its parser takes for an HTML tag: "<" goes in as \x01 and comes back
    f"ts_headline('{PG_CONFIG}', replace(replace(r.text, chr(1), ' '), '<', chr(1)), q.query, :options) AS snip "
    "FROM page JOIN revisions r ON r.id = page.rid JOIN articles a ON a.id = r.article_id, q "
    "ORDER BY page.score DESC, a.id")


def index_revision(session: Session, dialect: str, rev_id: int, title: str | None, body: str) -> None:
    """Put a (new current) revision into the index."""
    if dialect == "sqlite":
        session.execute(text("INSERT INTO revisions_fts(rowid, title, text) VALUES (:id, :title, :text)"),
                        {"id": rev_id, "title": fold(title or ""), "text": fold(body)})
    else:
        session.execute(text(f"INSERT INTO revisions_fts(rowid, document) VALUES (:id, {_PG_DOCUMENT})"),
                        {"id": rev_id, "title": title, "text": body})


def index_many(session: Session, dialect: str, rows: list[dict]) -> None:
    """Index several new revisions: dicts with ``id``, ``title`` and ``text``."""
    if dialect == "sqlite":
        session.execute(text("INSERT INTO revisions_fts(rowid, title, text) VALUES (:id, :title, :text)"),
                        [{"id": r["id"], "title": fold(r["title"] or ""), "text": fold(r["text"])} for r in rows])
    elif rows:
        session.execute(text(f"INSERT INTO revisions_fts(rowid, document) VALUES (:id, {_PG_DOCUMENT})"), rows)


def unindex_revision(session: Session, dialect: str, rev_id: int, title: str | None, body: str) -> None:
    """Take a revision that stops being current out of the index."""
    if dialect == "sqlite":
        session.execute(text("INSERT INTO revisions_fts(revisions_fts, rowid, title, text) "
                             "VALUES ('delete', :id, :title, :text)"),
                        {"id": rev_id, "title": fold(title or ""), "text": fold(body)})
    else:
        session.execute(text("DELETE FROM revisions_fts WHERE rowid = :id"), {"id": rev_id})


def count_matches(session: Session, dialect: str, user_query: str) -> int:
    if dialect == "sqlite":
        match = fts_query(user_query)
        sql = "SELECT count(*) FROM revisions_fts WHERE revisions_fts MATCH :q"
    else:
        match = ts_query(user_query)
        sql = f"SELECT count(*) FROM revisions_fts WHERE document @@ to_tsquery('{PG_CONFIG}', :q)"
    if match is None:
        return 0
    return session.scalar(text(sql), {"q": match}) or 0


def search_rows(session: Session, dialect: str, user_query: str, limit: int, offset: int) -> list:
    """Tuples (id, title, site, published, snippet) of one page of best matches.

    The page is chosen from the index alone (bm25 on SQLite, ts_rank on PostgreSQL), then only
    those rows are joined to their article and get a snippet, so the cost does not grow with
    the number of matches outside the page."""
    if dialect == "sqlite":
        match = fts_query(user_query)
        if match is None:
            return []
        return session.execute(_SQLITE_SEARCH, {"q": match, "limit": limit, "offset": offset}).all()
    match = ts_query(user_query)
    if match is None:
        return []
    rows = session.execute(_PG_SEARCH, {"q": match, "limit": limit, "offset": offset,
                                        "options": _PG_HEADLINE}).all()
    return [(r.id, r.title, r.site, r.published, r.snip.replace("\x01", "<")) for r in rows]
