"""Trending: the things whose share of articles rose most in a recent window against a baseline.

The things are **entities** (actors and places, by id) when the store has entity mentions:
``entity_trending`` ranks per-entity article counts of the two windows, which the store
computes (``Store.entity_article_counts``). Stores without mentions (made before the
understanding stage) fall back to ``trending``, whose things are headline and lead keywords:
single words and two-word phrases (adjacent content words not separated by punctuation),
stopwords removed, counted once per article (document frequency). Both use the same windows,
smoothing, score and thresholds.

The clock is the data, not the wall: the recent window is the ``recent_days`` before the
newest article's time (published, else first seen), the baseline the ``baseline_days``
before that, so an archive from 2016 trends the way it did then.

For a term with document frequency ``r`` among ``R`` recent articles and ``b`` among ``B``
baseline articles, with additive smoothing ``a``::

    p_recent   = (r + a) / (R + 2a)
    p_baseline = (b + a) / (B + 2a)
    lift       = p_recent / p_baseline
    score      = r * log2(lift)

Terms need ``r >= min_count`` and ``lift >= min_lift``. Names (terms seen capitalised
away from the start of a sentence or headline more often than in lower case: places, actors) have their score multiplied by ``name_boost``
(1.5), since the things an analyst watches are mostly named. The score favours terms that are
both frequent now and new (a term in 3 recent articles and none before beats one in 30
now and 25 before). A single word is dropped when a kept two-word phrase holding it covers
most of its articles ("al-Bab" under "towards al-Bab" is not listed twice). With no baseline
articles at all, every term has the same baseline and the ranking is by frequency.

Entities are all names, so ``entity_trending`` applies no name boost and no phrase folding.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .terms import is_content, lead, normal, segments, when


@dataclass(frozen=True, slots=True)
class TrendingTerm:
    key: str
    """Normalised form (lower case), what was counted."""
    label: str
    """The most common surface form, for display ("Jarabulus", "Manbij Military Council")."""
    recent: int
    """Recent articles that mention it."""
    baseline: int
    """Baseline articles that mention it."""
    lift: float
    score: float
    sites: int
    """Distinct sites among the recent articles that mention it."""
    article_ids: tuple[int, ...]
    """Recent articles that mention it, newest first (at most 20)."""
    entity_id: str | None = None
    """For an entity: its id (``geonames:169179``, ``isis``, ``person:joe-biden``); None for a keyword."""
    kind: str | None = None
    """For an entity: ``actor`` or ``place``."""


@dataclass(slots=True)
class TrendingResult:
    terms: list[TrendingTerm] = field(default_factory=list)
    recent_start: datetime | None = None
    recent_end: datetime | None = None
    baseline_start: datetime | None = None
    recent_articles: int = 0
    baseline_articles: int = 0
    basis: str = "terms"
    """What trends: ``entities`` (actors and places) or ``terms`` (keywords, the fallback)."""


def windows(end: datetime, *, recent_days: float = 3, baseline_days: float = 14) -> tuple[datetime, datetime]:
    """(recent_start, baseline_start) for a clock at ``end`` (the newest article's time)."""
    recent_start = end - timedelta(days=recent_days)
    return recent_start, recent_start - timedelta(days=baseline_days)


def lift_of(r: int, b: int, n_recent: int, n_baseline: int, smoothing: float = 0.5) -> float:
    """Smoothed ratio of the share of recent articles to the share of baseline articles."""
    a = smoothing
    return ((r + a) / (n_recent + 2 * a)) / ((b + a) / (n_baseline + 2 * a))


def rising(recent: Mapping[str, int], baseline: Mapping[str, int], n_recent: int, n_baseline: int, *,
           min_count: int, min_lift: float, smoothing: float,
           boost=None) -> list[tuple[float, str, int, int, float]]:
    """Keys seen in at least ``min_count`` recent articles whose share rose at least ``min_lift``
    times: ``(score, key, recent, baseline, lift)``, best first; score = recent x log2(lift) x boost."""
    scored = []
    for key, r in recent.items():
        if r < min_count:
            continue
        b = baseline.get(key, 0)
        lift = lift_of(r, b, n_recent, n_baseline, smoothing)
        if lift < min_lift:
            continue
        scored.append((r * math.log2(lift) * (boost(key) if boost else 1.0), key, r, b, lift))
    scored.sort(key=lambda s: (-s[0], -s[2], s[1]))
    return scored


def article_terms(title: str | None, text: str | None) -> dict[str, str]:
    """Content terms of an article's title and lead: normalised key -> surface form."""
    return {key: surface for key, (surface, _) in term_occurrences(title, text).items()}


def term_occurrences(title: str | None, text: str | None) -> dict[str, tuple[str, int]]:
    """Key -> (surface form, capitalisation vote) for the title and lead of one article.

    The vote is +1 when the term is seen capitalised away from the start of a sentence or
    title (a name), -1 when seen in lower case, 0 when only seen at the start (no evidence).
    A surface form seen mid-sentence is preferred to one at the start.
    """
    found: dict[str, tuple[str, int]] = {}

    def add(key: str, surface: str, initial: bool) -> None:
        vote = 0 if initial else (1 if surface[:1].isupper() else -1)
        if key not in found:
            found[key] = (surface, vote)
            return
        old_surface, old_vote = found[key]
        votes = [v for v in (old_vote, vote) if v]
        merged = -1 if -1 in votes else (1 if votes else 0)
        found[key] = (surface if (old_vote == 0 and vote != 0) else old_surface, merged)

    for words in segments(lead(title, text)):
        keys = [normal(w) for w in words]
        for i, (key, word) in enumerate(zip(keys, words)):
            if not is_content(key):
                continue
            add(key, word, i == 0)
            if i + 1 < len(keys) and is_content(keys[i + 1]):
                add(f"{key} {keys[i + 1]}", f"{word} {words[i + 1]}", i == 0)
    return found


def trending(articles: Sequence, *, recent_days: float = 3, baseline_days: float = 14, limit: int = 12,
             min_count: int = 2, min_lift: float = 1.5, smoothing: float = 0.5, name_boost: float = 1.5
             ) -> TrendingResult:
    """Rank the terms of ``articles`` (ArticleView-like: id, title, text, site, published, first_seen)."""
    dated = [(t, a) for a in articles if (t := when(a)) is not None]
    if not dated:
        return TrendingResult()
    end = max(t for t, _ in dated)
    recent_start, baseline_start = windows(end, recent_days=recent_days, baseline_days=baseline_days)
    recent_df: Counter[str] = Counter()
    baseline_df: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    votes: Counter[str] = Counter()
    sites: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    n_recent = n_baseline = 0
    for t, art in dated:
        if t > recent_start:
            n_recent += 1
            for key, (surface, vote) in term_occurrences(art.title, art.text).items():
                recent_df[key] += 1
                surfaces[key][surface] += 1 + (vote != 0)
                votes[key] += vote
                sites[key].add(art.site or "")
                ids[key].append((t, art.id))
        elif t > baseline_start:
            n_baseline += 1
            for key in article_terms(art.title, art.text):
                baseline_df[key] += 1
    scored = rising(recent_df, baseline_df, n_recent, n_baseline, min_count=min_count, min_lift=min_lift,
                    smoothing=smoothing, boost=lambda key: name_boost if votes[key] > 0 else 1.0)
    kept: list[TrendingTerm] = []
    for score, key, r, b, lift in scored:
        if " " not in key and any(" " in k.key and key in k.key.split() and k.recent >= 0.6 * r for k in kept):
            continue
        newest = tuple(i for _, i in sorted(ids[key], reverse=True)[:20])
        term = TrendingTerm(key=key, label=surfaces[key].most_common(1)[0][0], recent=r, baseline=b,
                            lift=round(lift, 2), score=round(score, 3), sites=len(sites[key]), article_ids=newest)
        if " " in key:
            words = [k for k in kept if " " not in k.key and k.key in key.split() and r >= 0.6 * k.recent]
            if words:
                # the phrase says more than the word already listed: it takes the word's place
                kept[kept.index(words[0])] = term
                kept = [k for k in kept if k not in words[1:]]
                continue
        kept.append(term)
        if len(kept) >= limit * 2:
            break
    return TrendingResult(terms=kept[:limit], recent_start=recent_start, recent_end=end,
                          baseline_start=baseline_start, recent_articles=n_recent, baseline_articles=n_baseline)


def entity_trending(recent: Mapping[str, int], baseline: Mapping[str, int], *, n_recent: int, n_baseline: int,
                    labels: Mapping[str, tuple[str, str]] | None = None,
                    articles: Mapping[str, Sequence[tuple[datetime, int, str | None]]] | None = None,
                    recent_start: datetime | None = None, recent_end: datetime | None = None,
                    baseline_start: datetime | None = None, limit: int = 12, min_count: int = 2,
                    min_lift: float = 1.5, smoothing: float = 0.5) -> TrendingResult:
    """Rank entities by their article counts in the recent window (``recent``: id -> articles)
    against the baseline (``baseline``), out of ``n_recent`` and ``n_baseline`` articles.

    ``labels`` gives id -> (name, kind) and ``articles`` id -> the recent articles that mention
    it as (time, article id, site), for display; entities missing from them keep their id as
    name and get no article list. Ties break on more recent articles, then id.
    """
    labels = labels or {}
    articles = articles or {}
    scored = rising(recent, baseline, n_recent, n_baseline, min_count=min_count, min_lift=min_lift,
                    smoothing=smoothing)
    terms = []
    for score, key, r, b, lift in scored[:limit]:
        name, kind = labels.get(key, (key, None))
        found = sorted(articles.get(key, ()), key=lambda x: (x[0], x[1]), reverse=True)
        terms.append(TrendingTerm(key=key, label=name, recent=r, baseline=b, lift=round(lift, 2),
                                  score=round(score, 3), sites=len({site or "" for _, _, site in found}),
                                  article_ids=tuple(i for _, i, _ in found[:20]), entity_id=key, kind=kind))
    return TrendingResult(terms=terms, recent_start=recent_start, recent_end=recent_end,
                          baseline_start=baseline_start, recent_articles=n_recent, baseline_articles=n_baseline,
                          basis="entities")
