"""Places in an article: toponym mentions found, resolved to gazetteer entries with context.

``resolve_places(doc)`` takes the spaCy ``Doc`` of an article (from ``load_nlp()``) and
returns one :class:`Place` per distinct place, with every mention of it. Mentions are
spaCy's GPE, LOC and FAC entities, NORP entities that are nationality adjectives
(demonyms, resolved to their country), and supplement names (border crossings, rivers...)
spaCy did not tag. ``resolve_spans(doc, spans)`` resolves given spans with the same logic
(the benchmark's gold-span mode).

Resolution (see docs/places.md):

1. every mention gets its candidates from the gazetteer (normalised name; then without a
   suffix such as "province"/"city" or a direction word such as "northern"; then the
   consonant skeleton);
2. a first pass picks each mention's best candidate on priors alone (population, feature
   type, match quality; a country name goes to the country) and counts the article's
   countries: country names and demonyms, and confident picks;
3. a second pass scores every candidate with the context of the *other* mentions: the
   share of the article's country weight its country holds, its distance to the other
   mentions' first-pass places, "Town, State" pairs, and the priors. The best candidate is
   kept unless it is implausible: a small place in a country the article does not mention,
   hundreds of kilometres from every other place, stays unresolved (``lat``/``lon`` null).

| module | holds |
|---|---|
| ``mentions.py`` | finding toponym mentions and their gazetteer candidates, and their roles |
| ``spans.py`` | cutting entity spans into the place names they hold ("Syrias Hasakeh") |
| ``resolve.py`` | choosing each mention's place (priors, the article's countries, distances) |
| ``records.py`` | ``Place``, ``PlaceMention`` |

The words the rules read (locative cues, direction words, metonymy verbs) are the language's
(``lang/<code>/places.py``, through ``lang.of(doc)``).

Roles: ``demonym`` (a nationality adjective), ``actor`` (metonymy: the place is the subject
of a speech or decision verb, "Damascus condemned", "Ankara rejected"), else ``location``.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from ..gazetteer import Gazetteer
from ..normalize import fold
from .mentions import find_mentions, is_place_name, make_mention
from .records import Place, PlaceMention
from .resolve import finish

__all__ = ["Place", "PlaceMention", "resolve_places", "resolve_spans", "is_place", "within"]


def is_place(text: str, gazetteer: Gazetteer | None = None) -> bool:
    """Whether a name spaCy tagged as a person or an organisation is more likely a place
    (the actors stage asks, so that "Abu Kamal" or "al-Bab" is not taken for an actor)."""
    return is_place_name(text, gazetteer or Gazetteer.open())


def within(inner: Place | None, outer: Place | None, gazetteer: Gazetteer | None = None) -> bool:
    """Whether the resolved place ``inner`` lies in ``outer``: the same place, a place in a
    country (same country code), or in a first-level area (same admin1 name). A town is not
    within another town (use distances for that). False when either is unresolved."""
    if inner is None or outer is None or not inner.resolved or not outer.resolved:
        return False
    if inner.id == outer.id:
        return True
    if outer.feature == "A.PCLI":
        return bool(inner.country) and inner.country == outer.country
    if outer.feature == "A.ADM1":
        gaz = gazetteer or Gazetteer.open()
        a, b = gaz.get(inner.id), gaz.get(outer.id)
        return (a is not None and b is not None and a.country == b.country
                and a.admin1 is not None and fold(a.admin1) == fold(b.admin1 or b.name))
    return False


def resolve_places(doc, *, text_offset: int = 0, exclude: Iterable[tuple[int, int]] = (),
                   hints: Mapping[str, Any] | None = None,
                   gazetteer: Gazetteer | None = None) -> list[Place]:
    """Places of ``doc`` (a spaCy Doc of the article text), mentions in order.

    ``text_offset`` is added to every offset (when ``doc`` is a slice of a longer text);
    ``exclude`` are ``(start, end)`` character spans (in ``doc.text``) claimed by actors,
    which produce no place; ``hints`` may give ``{"countries": ["SY", ...]}`` known from
    outside the text (a site's country, a dateline), and ``{"actor_countries": [...]}``,
    the countries of the article's actors (a lighter weight each).
    """
    gaz = gazetteer or Gazetteer.open()
    spans = find_mentions(doc, list(exclude), gaz)
    mentions = [make_mention(doc, s, e, label, gaz, inside=iso) for s, e, label, iso in spans]
    return finish(doc, [m for m in mentions if m is not None], gaz, hints, text_offset)


def resolve_spans(doc, spans: Sequence[tuple[int, int]], *, text_offset: int = 0,
                  hints: Mapping[str, Any] | None = None,
                  gazetteer: Gazetteer | None = None) -> list[Place]:
    """Resolve given toponym spans (character offsets into ``doc.text``) with the same
    context logic as :func:`resolve_places`. Every span appears in exactly one Place."""
    gaz = gazetteer or Gazetteer.open()
    mentions = []
    for s, e in sorted(set(spans)):
        m = make_mention(doc, s, e, None, gaz, keep_empty=True)
        if m is not None:
            mentions.append(m)
    return finish(doc, mentions, gaz, hints, text_offset)
