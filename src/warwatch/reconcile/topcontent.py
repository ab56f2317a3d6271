"""Top content: the stories reported by the most distinct sites.

Until events exist (issue 5), a "story" is a cluster of same-story articles:

1. Each article is a TF-IDF vector over the content words of its title (counted twice) and
   lead (first paragraphs, ~500 characters); stopwords removed; words found in more than 2% of
   the window (and more than 20 articles) are left out, as too common to tell stories apart; capitalised names count as
   their consonant skeleton so transliterations meet (Jarabulus, Jarablus, Jerablus); IDF is
   computed over the window given, ``log((N + 1) / (df + 1)) + 1``; sub-linear tf ``1 + log(f)``;
   vectors are L2-normalised.
2. Two articles are linked when their cosine similarity is at least ``threshold`` and they
   were published within ``max_days`` of each other. Candidates come from an inverted index
   over the (not too common) terms, so the cost grows with shared terms, not with N squared.
3. Stories are the connected components (single link, union-find); two components are not
   merged when the result would exceed ``max_size`` articles, so a chain of loosely similar
   reports cannot swallow a whole front.
4. Stories are ranked by distinct sites, then by articles, then by their newest article;
   a story needs ``min_articles`` articles. Each story is headed by its medoid: the article
   most similar, on average, to the others.

Rewrites of the same wire copy score near 1; independent reports of one event usually share
names of places and actors in title and lead and score 0.25-0.5; unrelated reports from the
same front rarely pass 0.2.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .terms import is_content, lead, normal, segments, when


@dataclass(slots=True)
class StoryCluster:
    head: object
    """The representative article (medoid)."""
    articles: list = field(default_factory=list)
    """Every article of the story, newest first."""
    sites: list[str] = field(default_factory=list)
    """Distinct sites, in order of first report."""
    first: datetime | None = None
    last: datetime | None = None
    cohesion: float = 0.0
    """Mean cosine similarity of the head to the other articles."""

    @property
    def size(self) -> int:
        return len(self.articles)


_VOWELS = str.maketrans("", "", "aeiouy")


def feature(word: str) -> str | None:
    """The feature a word counts as: its lower-case form, or for a capitalised name of 5+ letters
    its consonant skeleton, so transliterations of one name meet (Jarabulus, Jarablus, Jerablus -> jrbls)."""
    key = normal(word)
    if not is_content(key):
        return None
    if word[:1].isupper() and len(key) >= 5 and key.isalpha() and key.isascii():
        return "~" + key.translate(_VOWELS)
    return key


def _terms(title: str | None, text: str | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for weight, body in ((2, title or ""), (1, lead(None, text))):
        for words in segments(body):
            for w in words:
                if (k := feature(w)) is not None:
                    counts[k] += weight
    return counts


def common_cap(n: int) -> int:
    """Terms in more than this many of ``n`` articles are too common to tell stories apart."""
    return max(20, n // 50)


def vectors(articles: Sequence) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors (sub-linear tf) of title and lead, one per article.

    Terms in more than ``common_cap(n)`` articles are left out (in a small window, none is).
    """
    counts = [_terms(a.title, a.text) for a in articles]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(articles)
    cap = common_cap(n)
    out = []
    for c in counts:
        vec = {t: (1 + math.log(f)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, f in c.items() if df[t] <= cap}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def top_content(articles: Sequence, *, threshold: float = 0.25, max_days: float = 3, limit: int = 8,
                min_articles: int = 2, max_size: int = 100) -> list[StoryCluster]:
    """Cluster ``articles`` (ArticleView-like) into stories and return the most widely reported."""
    items = list(articles)
    if not items:
        return []
    vecs = vectors(items)
    times = [when(a) for a in items]
    n = len(items)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for t in vec:
            postings[t].append(i)
    parent = list(range(n))
    size = [1] * n

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sims: dict[tuple[int, int], float] = {}
    for i, vec in enumerate(vecs):
        candidates: set[int] = set()
        for t in vec:
            candidates.update(j for j in postings[t] if j > i)
        for j in candidates:
            if times[i] and times[j] and abs((times[i] - times[j]).total_seconds()) > max_days * 86400:
                continue
            s = _cosine(vec, vecs[j])
            if s >= threshold:
                sims[(i, j)] = s
                ri, rj = find(i), find(j)
                if ri != rj and size[ri] + size[rj] <= max_size:
                    parent[rj] = ri
                    size[ri] += size[rj]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    stories = []
    for members in groups.values():
        if len(members) < min_articles:
            continue
        stories.append(_story(items, vecs, times, members, sims))
    stories.sort(key=lambda s: (-len(s.sites), -s.size, -(s.last.timestamp() if s.last else 0)))
    return stories[:limit]


def _story(items, vecs, times, members: list[int], sims: dict) -> StoryCluster:
    def sim(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in sims:
            sims[key] = _cosine(vecs[i], vecs[j])
        return sims[key]

    if len(members) > 60:  # medoid among the first 60 reports keeps this bounded
        pool = sorted(members, key=lambda i: _ts(times[i], float("inf")))[:60]
    else:
        pool = members
    best, best_mean = pool[0], -1.0
    for i in pool:
        mean = sum(sim(i, j) for j in pool if j != i) / max(1, len(pool) - 1)
        if mean > best_mean:
            best, best_mean = i, mean
    by_time = sorted(members, key=lambda i: _ts(times[i], float("inf")))
    sites: list[str] = []
    for i in by_time:
        site = items[i].site or "(unknown site)"
        if site not in sites:
            sites.append(site)
    dated = [times[i] for i in members if times[i]]
    newest_first = sorted(members, key=lambda i: _ts(times[i], float("-inf")), reverse=True)
    return StoryCluster(head=items[best], articles=[items[i] for i in newest_first], sites=sites,
                        first=min(dated) if dated else None, last=max(dated) if dated else None,
                        cohesion=round(best_mean, 3))


def _ts(value: datetime | None, missing: float) -> float:
    return value.timestamp() if value is not None else missing
