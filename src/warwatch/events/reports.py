"""Reports: what one typed sentence says of an incident (steps 4 to 7 of ``detect.py``'s doc).

A report is a candidate sentence the classifier gave a type, with the sides, place, date and
toll it names. Two checks (``refine``, applied by the built-in classifier, so a plugin's
classifier keeps its own labels) fix what a sentence-level model gets wrong on real copy:

* **who was killed**: soldiers, fighters or militants killed make a battle, not an attack on
  civilians (``ATTACK`` -> ``ARMED_CLASH`` when the victims named are all combatants); a
  sentence typed ``NONE`` that tells a toll takes its best violent type;
* **own cue**: a strategic-development or diplomatic type needs its own cue in the sentence
  (``lang/<code>/events.py``: ``OWN_CUES``) — a bombing story that mentions an evacuation deal
  reports no agreement; without one the sentence takes its best violent type, or none.

And one before reports are grouped into incidents (``incidents.py``):

* **denial**: a sentence whose event words all lie inside what someone denies ("the army
  denied that its jets struck the market") reports the incident only to deny it (``denied``):
  it may join an incident others report, never make one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Sequence

from .. import lang
from ..nlp.model import doc_text
from .candidates import EVENT_CONCEPTS
from .features import concept_spans
from .records import EventCandidate
from .roles import Ref, assign, extra_refs, territory_side_of
from .taxonomy import NONE

VIOLENT = frozenset({"ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "AIR_STRIKE",
                     "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SUIC_BOMB", "CHEM_WEAP", "ATTACK",
                     "SEX_VIOL", "ABDUCT_DISSAP"})
FALLBACK_MIN = 0.15
"""A sentence whose type lacks its own cue takes its best violent type if it has at least this probability."""


@dataclass(slots=True)
class Report:
    start: int
    end: int
    text: str
    type: str
    actor1: str | None = None
    actor2: str | None = None
    associated: list[str] = field(default_factory=list)
    place: str | None = None
    date: date | None = None
    date_precision: str | None = None
    fatalities: int | None = None
    victims: str | None = None
    """``combatants`` or ``civilians`` when the sentence says who was killed."""
    denied: bool = False
    order: int = 0


def victims_of(text: str, language: str | None = None) -> str | None:
    """``combatants`` when everyone the sentence says was killed is a combatant, ``civilians``
    when it names civilians killed, else None."""
    words = lang.get(language).events
    found = set()
    for m in words.KILLED_GROUP.finditer(text):
        who = (m.group("who") or m.group("who2") or "").lower()
        if who in words.COMBATANTS:
            found.add("combatants")
        elif who in words.CIVILIANS:
            found.add("civilians")
    if "civilians" in found:
        return "civilians"
    return "combatants" if found else None


def told_toll_type(probs: dict[str, float] | None, text: str, language: str | None = None) -> str:
    """A sentence the classifier took for no event that tells a toll ("troops stormed a village
    overnight, killing 12 people, the monitor said") reports a violent incident: its best
    violent type. (Candidates are already asserted and not background.)"""
    if fatalities(text, language) is None:
        return NONE
    best = max(((k, v) for k, v in (probs or {}).items() if k in VIOLENT), key=lambda kv: kv[1], default=None)
    return best[0] if best else NONE


def own_cue_type(label: str, probs: dict[str, float] | None, text: str, language: str | None = None) -> str:
    """``label`` when it needs no cue of its own or the sentence has it; else the best violent
    type the classifier gave some weight, else ``NONE`` (see the module doc)."""
    cues = lang.get(language).events.OWN_CUES
    best = max(((k, v) for k, v in (probs or {}).items() if k in VIOLENT), key=lambda kv: kv[1], default=None)
    if label == "ATTRIB":   # "a blast claimed by the group killed 44" reports the blast
        violent = best and (best[1] >= FALLBACK_MIN or fatalities(text, language) is not None)
        return best[0] if violent else label
    if label not in cues or cues[label].search(text):
        return label
    violent = best and (best[1] >= FALLBACK_MIN or fatalities(text, language) is not None)
    return best[0] if violent else NONE


def refine(label: str, probs: dict[str, float] | None, text: str, language: str | None = None) -> str:
    """The classifier's ``label`` for sentence ``text`` after the checks of the module doc."""
    if label == NONE:
        label = told_toll_type(probs, text, language)
    label = own_cue_type(label, probs, text, language)
    if label == "ATTACK" and victims_of(text, language) == "combatants":
        label = "ARMED_CLASH"
    return label


def _denied_spans(doc, analysis) -> list[tuple[int, int]]:
    """Content spans of the document's denials."""
    from ..claims.polarity import classify

    out = []
    for att in analysis.attributions:
        if att.cue_class not in ("deny", "speech", "report", "according", "quote", "colon"):
            continue
        pol = classify(doc, att)
        if pol is not None and pol.polarity == "deny":
            out.extend(att.content)
            if pol.proposition:
                out.append(pol.proposition)
    return out


def _denied(sent, spans: list[tuple[int, int]]) -> bool:
    if not spans:
        return False
    base = sent.start_char
    # the denial's own words ("denied", "claimed") are no cue of the act it denies
    cues = concept_spans(sent.text, EVENT_CONCEPTS - {"claim"}, sent.doc.lang_)
    return bool(cues) and all(any(s <= base + cs and base + ce <= e for s, e in spans) for cs, ce in cues)


def cause_spans(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of ``[start, end)`` that tell what an act answers ("in revenge for the
    death of four pilots killed near Sarmin", "the strike was a response to ...", "to avenge ..."): another event, whose toll,
    places and dates are not this sentence's report's."""
    lx = lang.of(doc).events
    span = doc.char_span(start, end, alignment_mode="expand")
    out = []
    for tok in span if span is not None else ():
        if (tok.lower_ in lx.CAUSE_NOUNS and (tok.dep_ == "attr" or (tok.dep_ == "pobj" and tok.head.lower_ == lx.IN))) or (
                tok.lower_ in lx.CAUSE_VERBS and tok.pos_ == "VERB"):
            sub = list(tok.subtree)
            out.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    return out


def _outside(text: str, start: int, spans: list[tuple[int, int]]) -> str:
    """``text`` (which begins at ``start``) with the characters of ``spans`` blanked."""
    chars = list(text)
    for s, e in spans:
        for k in range(max(s - start, 0), min(e - start, len(chars))):
            chars[k] = " "
    return "".join(chars)


def make_reports(doc, analysis, candidates: Sequence[EventCandidate], *, place_of, places_of=None) -> list[Report]:
    """The reports of the typed candidates, in text order. ``place_of(start, end)`` picks the
    place of a sentence span; ``places_of(start, end)`` gives the places of a sentence that
    reports incidents at several, each ``(place, mention start, mention end)``: the sentence
    then makes one report per place, with the toll told between that place and the next."""
    from ..nlp.actors import default_registry

    text = doc_text(doc)
    try:
        registry = default_registry()
    except Exception:  # noqa: BLE001 - a broken user registry must not stop events
        registry = None
    denials = _denied_spans(doc, analysis) if analysis.attributions else []
    kinds = {a.id: a.type for a in analysis.actors}
    reports: list[Report] = []
    for order, cand in enumerate(candidates):
        sent, label = cand.sent, cand.label
        if label is None:
            continue
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        span_text = text[start:end]
        if label == NONE:
            continue
        victims = victims_of(span_text, doc.lang_)
        refs = [Ref(a.id, m.start, m.end) for a in analysis.actors for m in a.mentions if start <= m.start < end]
        refs += extra_refs(sent, analysis, registry)
        actor1, actor2, associated = assign(doc, sent, refs, text, kinds)
        label = territory_side_of(label, actor1, analysis, span_text)
        causes = cause_spans(doc, start, end)
        told = _outside(span_text, start, causes)   # what the sentence tells of its own act
        when = next((d for d in cand.dates if d.value is not None
                     and not any(s <= d.start < e for s, e in causes)), None)
        report = Report(
            start=start, end=end, text=span_text, type=label, actor1=actor1, actor2=actor2,
            associated=associated, place=place_of(start, end),
            date=when.value if when else None, date_precision=when.precision if when else None,
            fatalities=fatalities(told, doc.lang_), victims=victims,
            denied=_denied(sent, denials), order=order)
        several = places_of(start, end) if places_of is not None else []
        for k, (pid, mstart, _) in enumerate(several):
            lo = start if k == 0 else mstart
            hi = several[k + 1][1] if k + 1 < len(several) else end
            reports.append(replace(report, place=pid, fatalities=fatalities(_outside(text[lo:hi], lo, causes), doc.lang_)))
        if not several:
            reports.append(report)
    return reports


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


def report_json(r: Report, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"start": r.start, "end": r.end, "text": r.text}
    if r.denied:
        out["denied"] = True
    return {**out, **(extra or {})}
