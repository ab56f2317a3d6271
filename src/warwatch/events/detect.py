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

from typing import Sequence

from .. import lang
from ..nlp.model import doc_text
from .candidates import event_candidates
from .model import load_model
from .records import Event, EventCandidate
from .roles import Ref, assign, extra_refs, territory_side_of
from .taxonomy import NONE

MIN_CONFIDENCE = 0.25
"""A candidate sentence whose best type has a lower probability is not taken as an event report."""
NONE_THRESHOLD = 0.5
"""A candidate sentence whose no-event probability reaches this is not an event report."""

__all__ = ["Event", "EventCandidate", "build_events", "decide", "detect_events", "event_candidates", "fatalities"]


def _to_int(token: str, lx) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        value = int(token)
        return value if value < 1_000_000 else None
    return lx.NUMBER_WORDS.get(token)


def fatalities(text: str, language: str | None = None) -> int | None:
    """The largest death count stated in ``text`` (see module doc), else None."""
    lx = lang.get(language).events
    best: int | None = None
    for rx in lx.FATAL_PATTERNS:
        for m in rx.finditer(text):
            if lx.WOUND_AFTER.match(text[m.end("n"):]):
                continue
            value = _to_int(m.group("n"), lx)
            if value is None or (1900 <= value <= 2100 and m.group("n").isdigit()):
                continue   # a year, not a count
            if best is None or value > best:
                best = value
    return best


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
    """Events of the typed candidates (steps 4 to 8 of the module doc), merged and numbered."""
    from ..nlp.actors import default_registry

    if not candidates:
        return []
    text = doc_text(doc)
    try:
        registry = default_registry()
    except Exception:  # noqa: BLE001 - a broken user registry must not stop events
        registry = None

    events: list[Event] = []
    for cand in candidates:
        sent, in_sent, label = cand.sent, cand.dates, cand.label
        if label is None or label == NONE:
            continue
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        refs = [Ref(a.id, m.start, m.end) for a in analysis.actors for m in a.mentions
                if start <= m.start < end]
        refs += extra_refs(sent, analysis, registry)
        actor1, actor2, associated = assign(doc, sent, refs, text)
        place = _event_place(doc, analysis, start, end)
        label = territory_side_of(label, actor1, analysis, text[start:end])
        when = next((d for d in in_sent if d.value is not None), None)
        events.append(Event(
            id="", type=label,
            date=when.value if when else None, date_precision=when.precision if when else None,
            actor1=actor1, actor2=actor2, associated=associated, place=place,
            fatalities=fatalities(text[start:end], doc.lang_),
            evidence={"start": start, "end": end, "text": text[start:end]},
        ))
    events = _merge(events)
    for i, ev in enumerate(events, 1):
        ev.id = f"e{i}"
    return events


_SPECIFIC = {"P": 0, "S": 0, "H": 1, "T": 1, "L": 2, "A": 2}
"""GeoNames feature classes, most specific first: a town before an area."""


def _event_place(doc, analysis, start: int, end: int) -> str | None:
    """Where the event of the sentence ``[start, end)`` happened: among the sentence's place
    mentions with the ``location`` role, not a modifier ("UK-based", "Turkish-backed") nor a
    dateline ("WASHINGTON (Meridian) —"), the object of a locative preposition ("in", "near",
    "south of") first, then the most specific (a town before a province before a country),
    then the first."""
    lx = lang.of(doc).events
    text = doc_text(doc)
    best, best_key = None, None
    for p in analysis.places:
        for m in p.mentions:
            if m.role != "location" or not (start <= m.start < end):
                continue
            after = text[m.end:m.end + 60]
            if after.startswith("-"):
                continue
            if m.start == start and lx.DATELINE.match(after):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            head = span.root.head if span is not None else None
            locative = head is not None and span.root.dep_ == "pobj" and head.lower_ in lx.LOCATIVE
            feature = (p.feature or "").split(".")[0]
            if p.feature == "A.PCLI":
                rank = 3
            elif p.feature and p.feature.startswith("A.ADM"):
                rank = 2 if p.feature == "A.ADM1" else 1
            else:
                rank = _SPECIFIC.get(feature, 2)
            key = (0 if locative else 1, rank if p.lat is not None else 4, m.start)
            if best_key is None or key < best_key:
                best, best_key = p.id, key
    return best


def _merge(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for ev in events:
        same = next((o for o in out if o.type == ev.type and o.place and o.place == ev.place
                     and (o.date is None or ev.date is None or o.date == ev.date)), None)
        if same is None:
            out.append(ev)
            continue
        same.date = same.date or ev.date
        same.date_precision = same.date_precision or ev.date_precision
        same.actor1 = same.actor1 or ev.actor1
        same.actor2 = same.actor2 or (ev.actor2 if ev.actor2 != same.actor1 else None)
        for a in ev.associated:
            if a not in same.associated and a not in (same.actor1, same.actor2):
                same.associated.append(a)
        if ev.fatalities is not None and (same.fatalities is None or ev.fatalities > same.fatalities):
            same.fatalities = ev.fatalities
    return out
