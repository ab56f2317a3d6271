"""Trending: terms whose share of articles rose most in a recent window against a baseline.

Until entities exist (issue 4), the "things" that trend are headline and lead keywords:
single words and two-word phrases (adjacent content words not separated by punctuation),
stopwords removed, counted once per article (document frequency).

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
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
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


@dataclass(slots=True)
class TrendingResult:
    terms: list[TrendingTerm] = field(default_factory=list)
    recent_start: datetime | None = None
    recent_end: datetime | None = None
    baseline_start: datetime | None = None
    recent_articles: int = 0
    baseline_articles: int = 0


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
    recent_start = end - timedelta(days=recent_days)
    baseline_start = recent_start - timedelta(days=baseline_days)
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
    a = smoothing
    scored = []
    for key, r in recent_df.items():
        if r < min_count:
            continue
        b = baseline_df.get(key, 0)
        lift = ((r + a) / (n_recent + 2 * a)) / ((b + a) / (n_baseline + 2 * a))
        if lift < min_lift:
            continue
        boost = name_boost if votes[key] > 0 else 1.0
        scored.append((r * math.log2(lift) * boost, key, r, b, lift))
    scored.sort(key=lambda s: (-s[0], -s[2], s[1]))
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
