"""Contradictions across articles: claims of different articles that cannot both be true (issue 5).

The same proposition model and rules as within one article (``claims/contradictions/``):
each article's claims, events and control statements become propositions, and propositions
of **different articles** and different speakers are compared. Control and fighting
propositions must be dated within ``window_days`` of each other (a later change of hands is
the timeline's business, not a contradiction); a disputed toll needs the same merged event
(``merged``: the result of ``merge_events``) or the same victims, place and day.

Alliances come from the statements' own "backed by X" phrases and the actor registry only:
events' ``associated`` actors, pooled over a corpus, are too noisy to decide sides.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..claims.control import Sides

__all__ = ["find_cross_contradictions"]


def _art(a: Mapping) -> Mapping:
    return a.get("article") or {}


def find_cross_contradictions(articles: Sequence[Mapping], *, merged: Sequence | None = None,
                              window_days: int = 3, sides: Sides | None = None) -> list[dict[str, Any]]:
    """``[{a: {article_id, site, claim}, b: {...}, reason, kind, place}]`` over ``articles``.

    Each article: ``{article: {id, site, published}, claims, events, control?, actors?, places?}``
    where ``control`` holds the article's control statements (``control_statements`` records
    or their JSON). The pairs the corpus state finds (``state.CorpusState``, its rules), with
    ``merged`` ignored (the state merges the events itself) and ``sides`` as extra alliances.
    """
    from .state import CorpusState
    state = CorpusState(window_days=window_days)
    if sides is not None:
        state.claim_sides = sides
    state.add([{**a, "control_statements": list(a.get("control") or a.get("control_statements") or ()),
                "contradictions": []} for a in articles])
    out = []
    for c in state.view().contradictions:
        if c["scope"] != "cross":
            continue
        out.append({"a": {k: c["a"][k] for k in ("article_id", "site")} | {"claim": c["a"]["claim"]},
                    "b": {k: c["b"][k] for k in ("article_id", "site")} | {"claim": c["b"]["claim"]},
                    "reason": c["reason"], "kind": c["kind"], "place": c["place"]})
    return out
