"""The corpus view: merged events, contradictions and control timelines over stored analyses (issue 5).

``build(articles) -> CorpusView`` is pure (no database, no clock): a full build of a
``state.CorpusState`` (which keeps the view up to date as articles arrive, issue 13). Each
article is the stored current analysis with its article fields::

    {article: {id, url, site, published, title, text}, events, claims, actors, places,
     control_statements, contradictions}

It gives (see ``state`` for the rules):

* merged events (``clusters``, ``merge.build_merged``): one per real-world event, with its
  sources and corroboration (independent outlets);
* cross-article contradictions, plus each article's own ``contradictions`` (pairs within one
  article); every contradiction is resolved to both claims (speaker, speaker actor, text, article);
* ``timeline.control_timeline`` for every place with a control statement that names a holder.

and derives per speaker actor how many contradictions one of its claims is part of, and per
merged event how contested it is (see ``CorpusView.contested``). The web app keeps one state
per store and updates it when articles arrive (``web/corpus.py``), never on a page request.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from .state import CorpusState
from .view import CONTESTED_CAP, CorpusView, contradiction_id, top_events

__all__ = ["CorpusView", "build", "top_events", "contradiction_id", "CONTESTED_CAP"]


def build(articles: Sequence[Mapping], *, window_days: int = 3) -> CorpusView:
    """The corpus view of ``articles`` (see the module doc): a full build of the corpus state."""
    state = CorpusState(window_days=window_days)
    state.add(articles)
    return state.view()
