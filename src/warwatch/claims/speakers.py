"""Who is speaking: the source span of an attribution resolved against the analysis.

``resolve_speaker(doc, att, analysis)`` returns a :class:`Speaker`:

* **registry or named actor** (``analysis.actors``, by offset overlap): the actor whose
  mention contains the source's head word wins ("YPG spokesman Redur Xelil" -> the person
  ``person:redur-xelil``, not ``ypg``), else the last actor mentioned in the source span.
  ``speaker_type`` is the actor's type (``person``, ``government``, ``armed_group``,
  ``media``, ``monitor``...). ``speaker`` is the actor's name.
* **pronouns** ("he said", "she told", "it said", "they say") resolve to the nearest
  preceding actor mention of the right kind (a person for he/she; an organisation, group,
  government or other non-person actor for it/they; either for "they" when no group is
  near), within the same or the two previous paragraphs and outside quotations; a
  relative pronoun ("officials who said") uses its antecedent. Unresolved pronouns
  become described speakers with the pronoun as text.
* **places as speakers** (metonymy: "Damascus condemned", "Ankara denied"; a place
  mention in the source): a capital (GeoNames ``PPLC``) or a country (``PCLI``) maps to
  that country's government via ``ActorRegistry.state_actor(cc)`` with
  ``speaker_type="government"``; any other place keeps ``speaker_actor=None`` with
  ``speaker_type="place"``. The place id is in ``speaker_place`` either way.
* **definite descriptions** ("the council", "the ministry", "the militia") resolve to the
  nearest preceding non-person actor whose name has that noun ("the council" after
  "Jarabulus Military Council");
* **described speakers** ("a commander in the military alliance", "residents", "a Turkish
  official", "sources close to the council") keep the source text as ``speaker`` and
  ``speaker_type="described"``; ``speaker_actor`` is the affiliation when the description
  names one explicitly: an actor mentioned inside it ("a YPG commander" -> ``ypg``), or a
  nationality adjective on an official-type noun ("a Turkish official" -> the Turkish
  government; "Turkish military sources" -> the Turkish armed forces).
* **no source** ("it was reported that", a quotation with no speaker in reach):
  ``speaker=None``, ``speaker_type="unknown"``.

The outlet's own voice is not resolved here: ``find_claims`` gives those claims
``speaker=analysis.article.site`` and ``speaker_type="outlet"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import lang
from ..nlp.model import doc_text

__all__ = ["Speaker", "resolve_speaker", "outlet_actor"]

_MAX_BACK_PARAS = 3


@dataclass(slots=True)
class Speaker:
    text: str | None
    actor: str | None
    type: str
    place: str | None = None


def _registry():
    from ..nlp.actors import default_registry

    return default_registry()


def outlet_actor(analysis) -> str | None:
    """The actor id of the article's outlet, when the analysis names it as an actor."""
    site = (analysis.article.site or "").strip().lower()
    if not site:
        return None
    for a in analysis.actors:
        if a.name.strip().lower() == site or a.name.strip().lower() == site.removeprefix("the "):
            return a.id
    return None


def _mentions(analysis):
    for a in analysis.actors:
        for m in a.mentions:
            yield a, m.start, m.end


def resolve_speaker(doc, att, analysis, quotes: list[tuple[int, int]] | None = None) -> Speaker:
    if att.source is None:
        return Speaker(None, None, "unknown")
    lx = lang.of(doc).claims
    s, e = att.source
    text = doc_text(doc)[s:e]
    head = doc[att.source_token] if att.source_token is not None else None
    low = text.strip().lower()

    # relative pronoun: its antecedent
    if low in lx.RELATIVE_PRONOUNS and head is not None and not (s <= head.idx < e):
        hs, he_ = head.left_edge.idx, head.idx + len(head)
        sp = _by_overlap(doc, analysis, hs, he_, head)
        if sp is not None:
            return sp
        return Speaker(doc_text(doc)[hs:he_], None, "described")

    # pronouns
    if low in lx.PERSON_PRONOUNS or low in lx.GROUP_PRONOUNS:
        actor = _antecedent(doc, analysis, s, low, quotes or [])
        if actor is not None:
            return Speaker(actor.name, actor.id, actor.type)
        return Speaker(text, None, "described")

    sp = _by_overlap(doc, analysis, s, e, head) or _definite(doc, analysis, s, text)
    if sp is not None:
        return sp
    return _described(doc, analysis, s, e, text)


def _by_overlap(doc, analysis, s: int, e: int, head) -> Speaker | None:
    hits = [(a, ms, me) for a, ms, me in _mentions(analysis) if ms < e and s < me]
    if hits:
        if head is not None:
            for a, ms, me in hits:
                if ms <= head.idx < me:
                    return Speaker(a.name, a.id, a.type)
        place = _place_at_head(analysis, head)
        if place is not None:
            return _place_speaker(place)
        if head is not None and head.pos_ in ("NOUN", "PRON"):
            return None  # "a senior official from the Prime Ministry": described, affiliated
        # an actor named as a whole source rather than as an affiliation inside a description
        a, ms, me = hits[-1]
        covered = sum(me2 - ms2 for _, ms2, me2 in hits)
        if covered >= 0.6 * len(doc_text(doc)[s:e].strip()) or _is_head_phrase(doc, s, e, ms, me):
            return Speaker(a.name, a.id, a.type)
        return None
    # places
    for place in analysis.places:
        for m in place.mentions:
            if m.start < e and s < m.end and m.role != "demonym":
                if head is not None and not (m.start <= head.idx < m.end) and m.role != "actor":
                    continue
                return _place_speaker(place)
    return None


def _place_at_head(analysis, head):
    if head is None:
        return None
    for place in analysis.places:
        for m in place.mentions:
            if m.start <= head.idx < m.end and m.role != "demonym":
                return place
    return None


def _definite(doc, analysis, s: int, text: str) -> Speaker | None:
    """"the council", "the ministry", "the group": the nearest preceding actor so named."""
    lx = lang.of(doc).claims
    words = text.strip().split()
    if len(words) != 2 or words[0].lower() != lx.THE:
        return None
    noun = words[1].lower()
    if noun in lx.NOT_REFERRING:
        return None
    best = None
    for a in analysis.actors:
        if a.type == "person" or noun not in a.name.lower().split():
            continue
        for m in a.mentions:
            if m.end <= s and (best is None or m.start > best[1]):
                best = (a, m.start)
    if best is None:
        return None
    return Speaker(best[0].name, best[0].id, best[0].type)


def _is_head_phrase(doc, s, e, ms, me) -> bool:
    """The mention ends the source ("the Syrian Observatory for Human Rights said")."""
    return doc_text(doc)[me:e].strip(" ,.'’s") == ""


def _place_speaker(place) -> Speaker:
    actor = None
    feature = (place.feature or "").rsplit(".", 1)[-1]
    if feature in ("PPLC", "PCLI") and place.country:
        try:
            actor = _registry().state_actor(place.country)
        except Exception:  # registry problems must not break claims
            actor = None
    if actor is not None:
        return Speaker(place.name, actor, "government", place.id)
    return Speaker(place.name, None, "place", place.id)


def _described(doc, analysis, s: int, e: int, text: str) -> Speaker:
    inside = [(a, ms) for a, ms, me in _mentions(analysis) if s <= ms and me <= e and a.type != "person"]
    actor = None
    if inside:
        actor = inside[-1][0].id
    else:
        actor = _demonym_affiliation(doc, s, e)
    return Speaker(text.strip(), actor, "described")


def _demonym_affiliation(doc, s: int, e: int) -> str | None:
    from ..nlp.actors import fold

    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return None
    lx = lang.of(doc).claims
    words = [t.lower_ for t in span]
    if not set(words) & lx.OFFICIAL_NOUNS:
        return None
    military = bool(set(words) & lx.MILITARY_NOUNS)
    for t in span:
        f = fold(t.text).lower()
        cc = lang.of(doc).actors.DEMONYMS.get(f)
        if cc and t.text[:1].isupper():
            try:
                return _registry().state_actor(cc, military=military) or _registry().state_actor(cc)
            except Exception:
                return None
    return None


def _antecedent(doc, analysis, at: int, pron: str, quotes: list[tuple[int, int]]):
    text = doc_text(doc)
    # how far back: this paragraph and a few before it
    limit = at
    for _ in range(_MAX_BACK_PARAS):
        k = text.rfind("\n\n", 0, limit)
        if k < 0:
            limit = 0
            break
        limit = k
    lx = lang.of(doc).claims
    want_person = pron in lx.PERSON_PRONOUNS
    best = None
    for a, ms, me in _mentions(analysis):
        if not (limit <= ms and me <= at):
            continue
        if any(qs <= ms < qe for qs, qe in quotes):
            continue
        is_person = a.type == "person"
        if want_person != is_person:
            continue
        if a.type in ("media",) and not want_person:
            continue
        if best is None or ms > best[1]:
            best = (a, ms)
    if best is None and pron == lx.THEY:
        for a, ms, me in _mentions(analysis):
            if limit <= ms and me <= at and (best is None or ms > best[1]):
                best = (a, ms)
    return best[0] if best else None
