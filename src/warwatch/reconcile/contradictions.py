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

from collections import defaultdict
from typing import Any, Mapping, Sequence

from ..claims import Claim
from ..claims.contradictions import Proposition, compare, in_reason_order, kind_of, propositions
from ..claims.control import Sides, as_statement, sides_for
from ..events import Event
from ..nlp.actors import Actor

__all__ = ["find_cross_contradictions"]


def _art(a: Mapping) -> Mapping:
    return a.get("article") or {}


def find_cross_contradictions(articles: Sequence[Mapping], *, merged: Sequence | None = None,
                              window_days: int = 3, sides: Sides | None = None) -> list[dict[str, Any]]:
    """``[{a: {article_id, site, claim}, b: {...}, reason, kind, place}]`` over ``articles``.

    Each article: ``{article: {id, site, published}, claims, events, control?, actors?, places?}``
    where ``control`` holds the article's control statements (``control_statements`` records
    or their JSON).
    """
    props: list[Proposition] = []
    all_statements = []
    names: dict[str, str] = {}
    place_names: dict[str, str] = {}
    for a in articles:
        art = _art(a)
        control = [as_statement(s) for s in a.get("control") or ()]
        for st in control:
            st.article_id = art.get("id") if st.article_id is None else st.article_id
        all_statements.extend(control)
        props.extend(propositions([Claim.from_json(c) for c in a.get("claims") or ()],
                                  [Event.from_json(e) for e in a.get("events") or ()], control,
                                  actors=[Actor.from_json(x) for x in a.get("actors") or ()],
                                  site=art.get("site"), article_id=art.get("id"),
                                  published=art.get("published")))
        names.update({x["id"]: x.get("name") or x["id"] for x in a.get("actors") or ()})
        place_names.update({x["id"]: x.get("name") or x["id"] for x in a.get("places") or ()})
    sides = sides or sides_for(all_statements)

    event_of: dict[tuple[Any, str], str] = {}
    for m in merged or ():
        for s in (m.sources if hasattr(m, "sources") else m["sources"]):
            event_of[(s["article_id"], s["event_id"])] = m.id if hasattr(m, "id") else m["id"]

    def same_event(p: Proposition, q: Proposition) -> bool:
        if merged is None:
            return p.victims == q.victims and bool(set(p.places) & set(q.places))
        ep, eq = event_of.get((p.article_id, p.event)), event_of.get((q.article_id, q.event))
        return ep is not None and ep == eq

    # candidates: same predicate family bucket (control & fighting share the place bucket)
    buckets: dict[tuple, list[Proposition]] = defaultdict(list)
    for p in props:
        if p.predicate in ("control", "fighting"):
            buckets[("place", p.place)].append(p)
        else:
            buckets[(p.predicate,)].append(p)
    out: list[dict[str, Any]] = []
    seen = set()
    for bucket in buckets.values():
        for i, p in enumerate(bucket):
            for q in bucket[i + 1:]:
                if p.article_id == q.article_id:
                    continue
                key = tuple(sorted(((str(p.article_id), p.claim), (str(q.article_id), q.claim))))
                if key in seen:
                    continue
                reason = compare(p, q, sides, names=names, places=place_names, window_days=window_days,
                                 same_event=same_event)
                if not reason:
                    continue
                seen.add(key)
                first, second = in_reason_order(p, q)
                out.append({"a": {"article_id": first.article_id, "site": first.site, "claim": first.claim},
                            "b": {"article_id": second.article_id, "site": second.site, "claim": second.claim},
                            "reason": reason, "kind": kind_of(p, q), "place": first.place or second.place})
    return out
