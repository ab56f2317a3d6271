"""Corpus-level computations over stored articles: what the home page calls Trending and Top content.

Everything here is a pure function over lists of ``ArticleView`` (no database, no clock):
the web app fetches a bounded recent window from the store, calls these functions and
caches the results per store change. Definitions are in docs/web.md.

- ``trending.entity_trending``: actors and places whose share of articles rose most in the
  recent window against the preceding baseline window (from per-entity article counts);
  ``trending.trending``: the same over headline and lead keywords, for stores without entity
  mentions.
- ``topcontent.top_content``: the stories reported by the most distinct sites, as clusters of
  same-story articles (TF-IDF cosine over title and lead, close in time).

When events exist (issue 5), Top content becomes event corroboration; the function keeps its
signature.
"""

from .topcontent import StoryCluster, top_content
from .trending import TrendingResult, TrendingTerm, entity_trending, trending

__all__ = ["trending", "entity_trending", "TrendingTerm", "TrendingResult", "top_content", "StoryCluster"]
