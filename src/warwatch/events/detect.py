"""Events in an analysed article: one per sentence that reports an event.

``detect_events(doc, analysis)`` works on the spaCy doc the understanding stage built (its
text is ``article.text``, so offsets agree) and the actors, places and dates already found.

Per sentence:

1. **Candidate**: the sentence names an event (a cue from the classifier's concept lexicon,
   e.g. killed, clashed, seized, shelled, protest, arrested, ceasefire). Others are skipped
   without running the classifier.
2. **Background filter** (a sentence that only mentions a past event creates none), see
   :func:`background_reason`: the event verb is in the past perfect ("had seized"); a
   state since some time ("has held the town since 2013", "since 2013"); a date in the
   sentence that ended more than ``BACKGROUND_DAYS`` days before publication ("in 2013", "on
   Aug. 2" in a story of Aug. 24) with no recent date beside it; or an explicitly earlier
   period ("earlier this month", "last month", "last year", "three years ago"). In
   reported speech ("an official said special forces had entered") the past perfect is
   only backshift and does not count.
   **Asserted cue** (:func:`unasserted_reason`): at least one event cue must be asserted by
   the sentence: not negated ("no casualties"), not only in a relative clause ("the rebels
   who captured the town have since moved south"), not under a modal, intended or
   past-perfect verb, and a participant or weapon noun ("fighters", "jets", "rockets")
   only as the doer or instrument ("jets struck", "hit by rockets"), not as a bystander
   ("no casualties among its fighters").
3. **Type**: the classifier over all candidates of the article in one batch. A sentence
   is dropped when the no-event class (``NONE``, about 540 sentences of the shipped training
   data: background, analysis, intentions, reactions, descriptions of actors) holds at least
   ``NONE_THRESHOLD`` of the probability, or when its best type has less than
   ``MIN_CONFIDENCE``.
4. **Actors** from the dependency parse: the subject of the event verb (or the ``by`` agent of
   a passive) is ``actor1``; the object, the passive subject, or the object of from / against
   / with / on / targeting is ``actor2``; "backed by X", "X-backed", "with the support of X",
   "alongside X", "supported by X" put X in ``associated`` ("X-backed" only on a side, not
   on an act: "Turkish-backed assault"). Actors that are only the source
   of the report (subject of said / told / reported, "according to X") are not participants.
   A demonym on a military noun ("Turkish tanks", "Turkish-backed") stands for that
   country's armed forces in the actor registry, and a generic armed group noun ("rebels",
   "gunmen", "militants") for an unnamed group (``group:<noun>``); both are added to
   ``analysis.actors`` with that mention, so every event actor id is in ``actors``.
5. **Place**: the first place mention in the sentence with role ``location``; else null.
6. **Date**: the first resolved date expression in the sentence (value and precision); else
   null with precision null. We do not default to the publication day: a news sentence
   without a date is as often about yesterday or last week as about today.
7. **Fatalities**: the largest number attached to killed / dead / died / deaths / death toll
   / lives in the sentence ("killing at least 35 civilians" -> 35, "20 killed" -> 20, words
   "seven" -> 7, "a dozen" -> 12). A lower bound ("at least", "more than") is given as its
   number; vague amounts ("dozens", "scores", "hundreds") give null, as does no number.
8. **Evidence**: the sentence span ``{start, end, text}`` in ``article.text``.

Two sentences with the same type, the same place (not null) and compatible dates are one
event (a headline-style lead and its detail); the first keeps its evidence and missing
fields are filled from the later one. ``reported_by`` stays empty here: claims are linked
by the claims stage. Ids are ``e1``, ``e2``, ... in text order.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .. import lang
from ..nlp.geodesy import haversine_km
from ..nlp.model import doc_text
from ..nlp.places import within
from .candidates import event_candidates
from .model import load_model
from .records import Event, EventCandidate
from .incidents import Places, build, group, report_day
from .reports import cause_spans, fatalities, make_reports
from .taxonomy import NONE

MIN_CONFIDENCE = 0.25
"""A candidate sentence whose best type has a lower probability is not taken as an event report."""
NONE_THRESHOLD = 0.5
"""A candidate sentence whose no-event probability reaches this is not an event report."""

__all__ = ["Event", "EventCandidate", "build_events", "decide", "detect_events", "event_candidates", "fatalities"]


def decide(probs: dict[str, float], *, none_threshold: float = NONE_THRESHOLD,
           min_confidence: float = MIN_CONFIDENCE) -> str:
    """Event or not is a yes/no question: the sentence reports an event when the no-event
    class holds less than ``none_threshold`` of the probability, even if it is the single
    most likely class (the rest is spread over types that are near neighbours: ATTACK /
    AIR_STRIKE / ART_MISS_ATTACK); then the best type is taken if it is likely enough."""
    if probs.get(NONE, 0.0) >= none_threshold:
        return NONE
    label, p = max(((k, v) for k, v in probs.items() if k != NONE), key=lambda kv: kv[1],
                   default=(NONE, 0.0))
    return label if p >= min_confidence else NONE


def detect_events(doc, analysis, *, model=None) -> list[Event]:
    """The events ``analysis.article`` reports (see module doc). ``doc`` is the spaCy doc of
    ``analysis.article.text`` (or of its beginning)."""
    cands = event_candidates(doc, analysis)
    if not cands:
        return []
    model = model or load_model()
    for cand, probs in zip(cands, model.predict_proba([c.text for c in cands])):
        cand.probs, cand.label = probs, decide(probs)
    return build_events(doc, analysis, cands)


def build_events(doc, analysis, candidates: Sequence[EventCandidate]) -> list[Event]:
    """The incidents the typed candidates report (``reports.py``, ``incidents.py``), numbered
    in text order."""
    ranked = lru_cache(maxsize=None)(lambda s, e: _candidate_places(doc, analysis, s, e))   # one look per sentence
    reports = make_reports(doc, analysis, candidates, place_of=lambda s, e: _event_place(ranked(s, e)),
                           places_of=lambda s, e: event_places(ranked(s, e)))
    if not reports:
        return []
    from ..claims.control import Sides

    places = Places(analysis.places)
    incidents = group(reports, places, Sides(), doc.lang_, body_start=analysis.title_shift)
    return build(incidents, places, body_start=analysis.title_shift, report_day=report_day(analysis.article.reported))


_SPECIFIC = {"P": 0, "S": 0, "H": 1, "T": 1, "L": 2, "A": 2}
"""GeoNames feature classes, most specific first: a town before an area."""


def _event_place(ranked) -> str | None:
    """Where the event of a sentence happened, from its ``_candidate_places``: among its place
    mentions with the ``location`` role, not a modifier ("UK-based", "Turkish-backed") nor a
    dateline ("WASHINGTON (Meridian) —", "BEIRUT Syrian jets ...") nor where a speaker is
    ("..., the ministry in Moscow said"), the most specific (a town before a province before a
    country: "Iraq's Hawija" is Hawija), then the object of a locative preposition ("in",
    "near", "south of"), then the first."""
    return min(ranked, key=lambda c: c[0])[1] if ranked else None


def event_places(ranked) -> list[tuple[str, int, int]]:
    """The towns, districts and sites a sentence places events at, when it places them at more
    than one ("in Jassem 16 were killed, while in Douma ..."): ``(place id, mention start,
    mention end)`` in text order; each is the object of a locative preposition or of the event
    verb, or coordinated with one. One place or none: []."""
    found = [(mstart, mend, pid) for key, pid, mstart, mend, locative in ranked if locative and key[0] == 0]
    seen, out = set(), []
    for mstart, mend, pid in sorted(found):
        if pid not in seen:
            seen.add(pid)
            out.append((pid, mstart, mend))
    return out if len(out) >= 2 else []


NEAR_KM = 60.0
"""A town named "near" or "in" another lies within this of it ("Douma near Damascus")."""


def _lies_by(inner, outer) -> bool:
    """Whether the resolved place ``inner`` lies in or near ``outer``: then ``outer`` only says
    where ``inner`` is. Not when either is misread (a namesake in another country)."""
    if inner is None or outer is None or inner.id == outer.id:
        return False
    if within(inner, outer):
        return True
    return (inner.country == outer.country and outer.feature and outer.feature.startswith("P")
            and haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= NEAR_KM)


def _candidate_places(doc, analysis, start: int, end: int) -> list[tuple[tuple, str, int, int, bool]]:
    lx = lang.of(doc).events
    text = doc_text(doc)
    sources = [a.source for a in analysis.attributions if a.source and a.start < end and start < a.end]
    sources += cause_spans(doc, start, end)   # "in revenge for ... killed near X": another event's place
    out = []
    # the sentence's resolved places by token, and the nouns that name a place ("the town of")
    named = {t.i: p for p in analysis.places if p.lat is not None for m in p.mentions if start <= m.start < end
             for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or ())}
    place_nouns = lang.of(doc).places.PLACE_NOUNS

    def place_named_by(tok):   # "Douma", "the town of Douma", "Douma town"
        if tok.i in named:
            return named[tok.i]
        if tok.lower_ in place_nouns:
            for c in tok.children:
                for g in (c, *(c.children if c.dep_ == "prep" else ())):
                    if g.i in named:
                        return named[g.i]
        return None

    for p in analysis.places:
        for m in p.mentions:
            if m.role != "location" or not (start <= m.start < end):
                continue
            after = text[m.end:m.end + 60]
            if after.startswith("-"):
                continue
            if m.start == start and (lx.DATELINE.match(after) or (m.text.isupper() and len(m.text) >= 4)):
                continue   # "WASHINGTON (AP) —", "BEIRUT Syrian government air strikes ...": a dateline
            if any(s <= m.start and m.end <= e for s, e in sources):
                continue   # "..., the ministry in Moscow said": where the speaker is; a cause's place
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            root = span.root if span is not None else None
            while root is not None and root.dep_ == "conj" and root.head is not root:
                root = root.head   # "strikes on Aleppo and Idlib": Idlib as much as Aleppo
            head = root.head if root is not None else None
            locative = head is not None and (
                (root.dep_ == "pobj" and head.lower_ in lx.LOCATIVE) or (root.dep_ == "dobj" and head.pos_ == "VERB"))
            if locative and root.dep_ == "pobj" and head.lower_ != lx.OF and _lies_by(place_named_by(head.head), p):
                locative = False   # "the town of Douma near Damascus", "Jassem in Daraa province":
                #                    where the place named first lies, not a place of its own
            feature = (p.feature or "").split(".")[0]
            if p.feature == "A.PCLI":
                rank = 3
            elif p.feature and p.feature.startswith("A.ADM"):
                rank = 2 if p.feature == "A.ADM1" else 1
            else:
                rank = _SPECIFIC.get(feature, 2)
            key = (rank if p.lat is not None else 4, 0 if locative else 1, m.start)
            out.append((key, p.id, m.start, m.end, locative))
    return out
