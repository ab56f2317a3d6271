"""What the control reader asks of the rest of one document's analysis: which place or actor
is named here, which claim's content holds this word, which date is nearest."""

from __future__ import annotations

import re
from ...nlp.model import doc_text
from ...records import iso
from .records import to_date


def holdable(place) -> bool:
    """Whether a place can be held: not a country, sea, river, mountain range, continent or region."""
    feat = place.feature or ""
    if feat.startswith(("A.PCL", "H.", "T.MT", "L.CONT", "L.RGN")) or feat in ("A.ADM0",):
        return False
    return True


class DocIndex:
    """Places, actors, claims and dates of one analysed document, for the reader."""

    def __init__(self, analysis):
        doc = analysis.doc
        self.doc = doc
        self.text = doc_text(doc)
        art = analysis.article
        self.site = art.site
        self.article_id = None
        self.published = iso(art.published)
        self.pub_date = to_date(self.published)
        self.places = {p.id: p for p in analysis.places}
        self.actor_mentions = sorted((m.start, m.end, a.id) for a in analysis.actors for m in a.mentions)
        mentions = {(m.start, m.end): (p.id, m.role)
                    for p in analysis.places if holdable(p)
                    for m in p.mentions if m.role != "demonym"}
        # one sense per discourse: other occurrences of a place's mention texts are mentions too
        # (the places stage lists only the spans spaCy tagged)
        surfaces: dict[str, str] = {}
        for p in analysis.places:
            if not holdable(p):
                continue
            for m in p.mentions:
                if m.role != "demonym" and len(m.text or "") >= 4 and m.text[:1].isupper():
                    surfaces.setdefault(m.text, p.id)
        for surface, pid in surfaces.items():
            for mt in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", self.text):
                key = (mt.start(), mt.end())
                if key in mentions or any(s < mt.end() and mt.start() < e for s, e, _ in self.actor_mentions):
                    continue
                if any(s < mt.end() and mt.start() < e for s, e in mentions):
                    continue
                mentions[key] = (pid, "location")
        self.place_mentions = sorted((s, e, pid) for (s, e), (pid, _) in mentions.items())
        self.place_roles = {(s, e): role for (s, e), (_, role) in mentions.items()}
        self.surfaces = {k.lower(): v for k, v in surfaces.items()}
        for p in analysis.places:
            if holdable(p) and p.name:
                self.surfaces.setdefault(p.name.lower(), p.id)
        self.actors = {a.id: a for a in analysis.actors}
        self.dates = [d for d in analysis.dates if d.value]
        self.claims = list(analysis.claims)
        self.events = list(analysis.events)

    # places ---------------------------------------------------------------------------
    def places_in(self, s: int, e: int) -> list[tuple[int, int, str]]:
        return [m for m in self.place_mentions if s <= m[0] and m[1] <= e]

    def place_before(self, at: int, noun: str | None = None, max_chars: int = 1500) -> str | None:
        before = [m for m in self.place_mentions if m[1] <= at and at - m[1] <= max_chars
                  and self.place_roles.get((m[0], m[1])) == "location"
                  and getattr(self.places.get(m[2]), "feature", None) != "P.PPLC"]
        if not before:
            return None
        if noun:
            for s, e, pid in reversed(before):
                window = self.text[max(0, s - 20):s].lower()
                after = self.text[e:e + 12].lower()
                if re.search(rf"\b{noun}s? of (?:the )?$", window) or after.startswith(f" {noun}"):
                    return pid
        return before[-1][2]

    def heading_place(self, at: int) -> str | None:
        """The place a short heading paragraph right before ``at`` names ("Jarabulus\\n\\nHeld by ...")."""
        para_start = self.text.rfind("\n\n", 0, at)
        if para_start < 0:
            return None
        prev_start = self.text.rfind("\n\n", 0, para_start)
        heading = self.text[prev_start + 2 if prev_start >= 0 else 0:para_start].strip()
        if 0 < len(heading) <= 40:
            return self.surfaces.get(heading.lower())
        return None

    # actors ---------------------------------------------------------------------------
    def actor_at(self, s: int, e: int) -> str | None:
        for ms, me, aid in self.actor_mentions:
            if ms < e and s < me:
                return aid
        return None

    def actor_before(self, at: int, *, word: str | None = None) -> str | None:
        for ms, me, aid in reversed(self.actor_mentions):
            if me > at:
                continue
            a = self.actors.get(aid)
            if a is not None and a.type in ("person", "media", "monitor"):
                continue
            if word and word not in (a.name if a is not None else "").lower() and word not in self.text[ms:me].lower():
                continue
            return aid
        return None

    def person_side(self, actor: str | None) -> str | None:
        """A person stands for their affiliation, when known."""
        if actor is None:
            return None
        a = self.actors.get(actor)
        if a is not None and a.type == "person":
            return a.affiliation
        return actor

    # claims ---------------------------------------------------------------------------
    def claim_at(self, at: int):
        """The innermost claim whose content holds ``at``, else None."""
        best = None
        for c in self.claims:
            if not (c.content_start <= at < c.content_end):
                continue
            if best is None or (c.content_end - c.content_start) < (best.content_end - best.content_start):
                best = c
        return best

    # dates ----------------------------------------------------------------------------
    def date_near(self, sent_s: int, sent_e: int, at: int):
        ds = [d for d in self.dates if sent_s <= d.start < sent_e]
        if not ds:
            return None
        return min(ds, key=lambda d: abs(d.start - at))
