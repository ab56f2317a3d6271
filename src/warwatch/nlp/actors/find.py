"""Actors in a document: registry matches, people with their roles, and other organisations.

``find_actors(doc)`` runs the registry matcher (``match.py``), then turns spaCy ``PERSON``
entities into ``person:<slug>`` actors (``people.py``) and ``ORG`` entities into
``org:<slug>`` actors; ``claimed_spans`` gives the places resolver the spans to skip.
"""

from __future__ import annotations

from typing import Callable, Iterable

from .match import registry_matches
from .names import fold, slugify
from .people import (Context, appos_tokens, clean_span, find_people, looks_like_place, name_core, name_units,
                     role_in, valid_name_tokens)
from .records import Actor, Mention
from .registry import ActorRegistry, default_registry


def find_actors(doc, registry: ActorRegistry | None = None, *,
                is_place: Callable[[str], bool] | None = None) -> list[Actor]:
    """Actors mentioned in ``doc`` (a spaCy Doc of the article text), in order of first mention.

    ``is_place(text)`` lets the places resolver veto person/organisation entities that are
    really places (spaCy's small model often tags villages as PERSON or ORG).
    """
    registry = registry or default_registry()
    spans, _ = registry_matches(doc, registry)
    ctx = Context(doc, registry, spans)
    lx = ctx.lx
    claimed = [False] * len(doc)
    for s, e, _ in spans:
        for k in range(s, e):
            claimed[k] = True

    actors: dict[str, Actor] = {}
    for s, e, ident in spans:
        entry = registry[ident]
        actor = actors.get(ident)
        if actor is None:
            actor = actors[ident] = Actor(ident, entry.name, entry.type, entry.country, parent=entry.parent)
        span = doc[s:e]
        actor.mentions.append(Mention(span.text, span.start_char, span.end_char))

    # --- spaCy entities: people, and organisations not in the registry ---------------------
    person_spans = []
    org_spans = []
    for ent in doc.ents:
        if "\n" in ent.text:
            continue
        if any(claimed[k] for k in range(ent.start, ent.end)):
            continue
        span = clean_span(ent)
        if span is None:
            continue
        if ent.label_ == "PERSON":
            person_spans.append(span)
        elif ent.label_ in ("ORG", "GPE", "NORP"):
            if ent.label_ != "ORG":
                # "Omer Celik, Turkey's minister for ..." tagged GPE: a name with a role apposition
                if len(span) >= 2 and valid_name_tokens(span) and appos_tokens(span) and \
                        role_in(appos_tokens(span), lx):
                    person_spans.append(span)
                continue
            org_spans.append(span)

    # --- people -------------------------------------------------------------------------------
    people = find_people(person_spans, org_spans, ctx, claimed, is_place)
    for p in people:
        p.mentions.sort(key=lambda m: m.start)
        ident = "person:" + slugify(p.name)
        existing = registry.get(slugify(p.name))
        if existing is not None and existing.type == "person":
            ident = existing.id
        country = registry[p.affiliation].country if p.affiliation else None
        actor = actors.get(ident)
        if actor is None:
            actors[ident] = Actor(ident, p.name, "person", country, list(p.mentions), p.role, p.affiliation)
        else:
            actor.mentions.extend(p.mentions)
    person_marks = {(m.start, m.end) for p in people for m in p.mentions}

    # --- organisations not in the registry ---------------------------------------------------
    surnames = {name_core(p.units[-1], lx) for p in people}
    for span in org_spans:
        if (span.start_char, span.end_char) in person_marks:
            continue
        if any(s <= span.start_char < e for s, e in person_marks):
            continue
        words = [t for t in span if t.text != "-" and t.text not in lx.POSSESSIVES]
        if not words or not valid_name_tokens(span, org=True):
            continue
        if any(t.lower_ == lx.OPERATION for t in span):
            continue
        text = span.text
        if len(words) == 1:
            w = words[0].text
            acronym = w.isupper() and 2 <= len(w) <= 6 and w.isalpha()
            if name_core(fold(w).lower(), lx) in surnames:
                continue
            if not acronym or _is_dateline(span):
                continue
        if fold(words[0].text).lower() in lx.NAME_ARTICLES and len(name_units(text, lx)) == 1:
            continue
        if looks_like_place(span, ctx, is_place) and fold(words[-1].text).lower() not in lx.ORG_HEADS:
            continue
        if fold(words[0].text).lower() in lx.DEMONYMS and fold(words[-1].text).lower() not in lx.ORG_HEADS:
            continue
        ident = "org:" + slugify(text)
        actor = actors.get(ident)
        if actor is None:
            actor = actors[ident] = Actor(ident, text, "organization", None)
        actor.mentions.append(Mention(text, span.start_char, span.end_char))

    out = list(actors.values())
    for a in out:
        a.mentions.sort(key=lambda m: m.start)
    out.sort(key=lambda a: a.mentions[0].start)
    return out


def _is_dateline(span) -> bool:
    doc = span.doc
    at_start = span.start == 0 or doc[span.start - 1].is_space or "\n" in doc[span.start - 1].text_with_ws
    nxt = doc[span.end] if span.end < len(doc) else None
    return at_start and span.text.isupper() and (nxt is None or nxt.text in (",", "—", "–", "-", "(", "/"))


def claimed_spans(actors: Iterable[Actor]) -> list[tuple[int, int]]:
    """Character spans of all actor mentions, sorted, for the places resolver to skip."""
    return sorted({(m.start, m.end) for a in actors for m in a.mentions})
