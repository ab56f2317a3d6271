"""Corpus-level computations over stored articles: what the home page calls Trending and Top content.

Everything here is a pure function over lists of ``ArticleView`` (no database, no clock):
the web app fetches a bounded recent window from the store, calls these functions and
caches the results per store change. Definitions are in docs/web.md.

- ``trending.trending``: terms (headline and lead keywords, one and two words) whose share of
  articles rose most in the recent window against the preceding baseline window.
- ``topcontent.top_content``: the stories reported by the most distinct sites, as clusters of
  same-story articles (TF-IDF cosine over title and lead, close in time).

When entities and events exist (issues 4 and 5) these become entity mentions and event
corroboration; the functions keep their signatures.
"""

from .topcontent import StoryCluster, top_content
from .trending import TrendingResult, TrendingTerm, trending

__all__ = ["trending", "TrendingTerm", "TrendingResult", "top_content", "StoryCluster"]
