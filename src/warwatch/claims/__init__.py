"""Claims: attributed statements in an article, with speaker, polarity and topic (issue 5).

Public surface:

* ``find_attributions(doc) -> list[Attribution]``: the span-level core (source / cue /
  content character spans), used by the benchmark (``bench/attribution.py``);
* ``find_claims(doc, analysis, events=None) -> list[Claim]``: attributions turned into
  claims: speaker resolved to the actor registry (``speakers.py``), ``assert``/``deny``
  (``polarity.py``), the places the content mentions; plus the outlet's own-voice claims;
* ``link_claims(claims, events)``: fills ``claim.about["events"]`` by overlap of the claim's
  content with each event's evidence span, and each event's ``reported_by``.

See docs/claims.md.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .. import lang
from ..nlp.model import doc_text
from .attribution import Attribution, quote_regions
from .cues import find_attributions
from .polarity import classify, content_negated, holds_positive
from .speakers import outlet_actor, resolve_speaker

__all__ = ["Attribution", "Claim", "find_attributions", "find_claims", "link_claims",
           "holds_positive", "CLAIM_CLASSES"]

CLAIM_CLASSES = frozenset({"speech", "deny", "report", "belief", "according", "quote", "colon"})
"""Cue classes that make claims. ``intent`` ("wants to", "plans to") and ``stance``
("supports", "discussed") attributions are not statements of fact and stay out."""


@dataclass(slots=True)
class Claim:
    id: str
    speaker: str | None
    speaker_actor: str | None
    speaker_type: str
    """An actor type (``person``, ``government``, ``media``, ``monitor``...), or ``place``,
    ``described``, ``outlet`` (the article's own voice), ``unknown``."""
    cue: str | None
    content: str
    polarity: str
    start: int
    end: int
    content_start: int
    content_end: int
    content_negated: bool
    speaker_place: str | None = None
    quoted: bool = False
    about: dict[str, list[str]] = field(default_factory=lambda: {"events": [], "places": []})
    content_spans: list[tuple[int, int]] = field(default_factory=list)
    """Content segments (char spans); not in the JSON form."""
    field: str | None = None
    """``title`` for a claim in the headline (offsets into ``article.title``)."""

    @property
    def holds_positive(self) -> bool:
        """Whether the speaker holds the positive core of the content true (see polarity.py)."""
        return holds_positive(self.polarity, self.content_negated)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "speaker": self.speaker, "speaker_actor": self.speaker_actor,
            "speaker_type": self.speaker_type, "cue": self.cue, "content": self.content,
            "polarity": self.polarity, "start": self.start, "end": self.end,
            "about": {"events": list(self.about.get("events", [])),
                      "places": list(self.about.get("places", []))},
            "content_negated": self.content_negated, "content_start": self.content_start,
            "content_end": self.content_end, "speaker_place": self.speaker_place,
            "quoted": self.quoted, **({"field": self.field} if self.field else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Claim:
        """A claim from its stored JSON (the store's edge)."""
        about = data.get("about") or {}
        return cls(
            id=data["id"], speaker=data.get("speaker"), speaker_actor=data.get("speaker_actor"),
            speaker_type=data.get("speaker_type") or "unknown", cue=data.get("cue"),
            content=data.get("content") or "", polarity=data.get("polarity") or "assert",
            start=data.get("start", 0), end=data.get("end", 0),
            content_start=data.get("content_start", data.get("start", 0)),
            content_end=data.get("content_end", data.get("end", 0)),
            content_negated=bool(data.get("content_negated")), speaker_place=data.get("speaker_place"),
            quoted=bool(data.get("quoted")), field=data.get("field"),
            about={"events": list(about.get("events") or []), "places": list(about.get("places") or [])})


# --------------------------------------------------------------------------------------
# The outlet's own voice

def _own_voice_sentences(doc, atts: Sequence[Attribution], events: Iterable | None, analysis) -> list[tuple[int, int, Any]]:
    """Sentences the reporter states in their own voice: no attribution touches them, and
    they report an event (an event's evidence when ``events`` are given, else an event verb
    or a control statement) and name an actor or a place."""
    lx = lang.of(doc).claims
    taken = [sp for a in atts for sp in a.spans()]
    quotes = quote_regions(doc_text(doc), doc.lang_)
    ev_spans = []
    if events is not None:
        for ev in events:
            evd = _get(ev, "evidence") or {}
            s, e = _get(evd, "start"), _get(evd, "end")
            if s is not None and e is not None:
                ev_spans.append((s, e))
    named = [(m.start, m.end) for a in analysis.actors for m in a.mentions]
    named += [(m.start, m.end) for p in analysis.places for m in p.mentions]
    out = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if len(toks) < 5:
            continue
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
        if any(ts < e and s < te for ts, te in taken) or any(qs < e and s < qe for qs, qe in quotes):
            continue
        if sent.text.rstrip().endswith("?"):
            continue
        if events is not None:
            if not any(es < e and s < ee for es, ee in ev_spans):
                continue
        else:
            if not (any(t.lower_ in lx.OWN_VOICE_VERBS and t.pos_ in ("VERB", "AUX", "NOUN") for t in toks)
                    or lx.CONTROL_RE.search(sent.text)):
                continue
            if not any(ns < e and s < ne for ns, ne in named):
                continue
        root = sent.root
        out.append((s, e, root))
    return out


# --------------------------------------------------------------------------------------


def _content_text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    parts = [text[s:e].strip() for s, e in spans]
    return " … ".join(p for p in parts if p)


class _PlaceIndex:
    """Place mentions sorted by start, so each claim looks only at the mentions inside it."""

    def __init__(self, analysis):
        places = analysis.places if analysis is not None else []
        self.order = [p.id for p in places]
        self.mentions = sorted((m.start, m.end, p.id) for p in places for m in p.mentions)
        self.starts = [s for s, _, _ in self.mentions]


def _places_in(index: _PlaceIndex, spans: Sequence[tuple[int, int]]) -> list[str]:
    """Ids of the places with a mention inside one of ``spans``, in the order of ``analysis.places``."""
    starts, mentions = index.starts, index.mentions
    found = set()
    for s, e in spans:
        for k in range(bisect_left(starts, s), bisect_right(starts, e)):
            if mentions[k][1] <= e:
                found.add(mentions[k][2])
    return [pid for pid in index.order if pid in found]


def find_claims(doc, analysis, events: Iterable | None = None,
                attributions: list[Attribution] | None = None) -> list[Claim]:
    """Claims of the article whose spaCy ``doc`` and ``analysis`` (actors, places) are given.

    ``events``, when given (records or dicts with ``evidence: {start, end}``), decide which
    unattributed sentences are the outlet's own claims; otherwise an event-verb lexicon
    does. Ids are ``c1``, ``c2``... in text order.
    """
    text = doc_text(doc)
    atts = attributions if attributions is not None else find_attributions(doc)
    quotes = quote_regions(text, doc.lang_)
    places = _PlaceIndex(analysis)
    claims: list[Claim] = []
    for att in atts:
        if att.cue_class not in CLAIM_CLASSES:
            continue
        pol = classify(doc, att)
        if pol is None:
            continue
        sp = resolve_speaker(doc, att, analysis, quotes)
        spans = sorted(att.content)
        claims.append(Claim(
            id="", speaker=sp.text, speaker_actor=sp.actor, speaker_type=sp.type,
            cue=text[att.cue[0]:att.cue[1]] if att.cue else None,
            content=_content_text(text, spans), polarity=pol.polarity,
            start=att.start, end=att.end, content_start=spans[0][0], content_end=spans[-1][1],
            content_negated=pol.content_negated, speaker_place=sp.place, quoted=att.quoted,
            about={"events": [], "places": _places_in(places, spans)}, content_spans=spans))

    site = analysis.article.site if analysis is not None else None
    own_actor = outlet_actor(analysis)
    for s, e, root in _own_voice_sentences(doc, atts, events, analysis):
        spans = [(s, e)]
        claims.append(Claim(
            id="", speaker=site, speaker_actor=own_actor, speaker_type="outlet", cue=None,
            content=text[s:e], polarity="assert", start=s, end=e, content_start=s, content_end=e,
            content_negated=content_negated(doc, s, e, root.i), quoted=False,
            about={"events": [], "places": _places_in(places, spans)}, content_spans=spans))

    claims.sort(key=lambda c: (c.start, c.end))
    for n, c in enumerate(claims, 1):
        c.id = f"c{n}"
    return claims


# --------------------------------------------------------------------------------------
# Linking to events


def _get(obj, key):
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(key)
    return getattr(obj, key, None)


def link_claims(claims: Sequence[Claim], events: Iterable) -> None:
    """Fill ``claim.about["events"]`` and each event's ``reported_by``, in place.

    A claim is about an event when one of its content segments overlaps the event's
    ``evidence`` span or one of its reports' (``mentions``; ``{start, end}``, char offsets into
    the article text: the second sentence reporting an incident is about it too). Each event
    gets ``reported_by``: the ids of the claims about it, in claim order (the analyze
    schema; speaker and polarity are on the claims themselves). Events may
    be dicts or objects with ``id`` and ``evidence`` attributes (``reported_by`` is set as
    a key or an attribute).
    """
    events = list(events)
    for ev in events:
        _set_reported(ev, [])
    reports = {id(ev): _report_spans(ev) for ev in events}
    for c in claims:
        spans = c.content_spans or [(c.content_start, c.content_end)]
        for ev in events:
            if any(s < ee and es < e for s, e in spans for es, ee in reports[id(ev)]):
                ident = _get(ev, "id")
                if ident not in c.about["events"]:
                    c.about["events"].append(ident)
                if c.id not in _get_reported(ev):
                    _get_reported(ev).append(c.id)


def _report_spans(ev) -> list[tuple[int, int]]:
    out = []
    for m in [_get(ev, "evidence") or {}, *(_get(ev, "mentions") or ())]:
        s, e = _get(m, "start"), _get(m, "end")
        if s is not None and e is not None and (s, e) not in out:
            out.append((s, e))
    return out


def _set_reported(ev, value) -> None:
    if isinstance(ev, dict):
        ev["reported_by"] = value
    else:
        setattr(ev, "reported_by", value)


def _get_reported(ev) -> list:
    return ev["reported_by"] if isinstance(ev, dict) else getattr(ev, "reported_by")
