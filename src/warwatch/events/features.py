"""The event classifier's text features, and the kind of side that takes territory.

Text normalisation before features: reporters' names masked by their kind, lower case,
digits folded to ``0``, and a leading ACLED-style date ("On 12 March 2020, ") removed so it
does not become a feature. Concept tokens come from the language's concept lexicon
(``lang/<code>/events.py``: ``CONCEPTS``): a token per concept a text mentions, the concept
pairs, and which kind of actor (state / non-state) it names first (a cheap proxy for the
subject), so a synonym unseen in training still lands on the right concept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lang

_BRACKETS = re.compile(r"\[[^\]]{0,80}\]")
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")

# The names of those who *report* events (monitors, media, NGOs, international bodies) are
# replaced with a word for their kind (the language's ``ACTOR_WORDS``) before features are
# taken: a reporter's name says nothing of the event type, and words inside it ("Syrian
# Observatory for Human Rights") otherwise pull a sentence towards the wrong type (protests by
# rights groups). Masking the fighting sides too ("al-Shabaab" -> "armed group") was measured
# and scored lower (CASE 2021 dev weighted F1 0.652 against 0.665), so their names stay.
_STATE_KINDS = frozenset({"state_force", "government"})
_NON_STATE_KINDS = frozenset({"armed_group", "militia"})
_SIDES = {**{k: "state" for k in _STATE_KINDS}, **{k: "nonstate" for k in _NON_STATE_KINDS}}


@lru_cache(maxsize=4)
def _alias_patterns(table: str, language: str | None = None) -> tuple[re.Pattern, re.Pattern, dict[str, str]] | None:
    """Two regexes over the shipped registry's aliases of the actor types in ``table``
    (``"mask"``: reporters -> a word for their kind; ``"side"``: fighting sides -> ``state`` /
    ``nonstate``), case-sensitive for those written in capitals ("IS", "SDF") and any case
    for the rest, and the alias -> replacement table."""
    words = lang.get(language).events.ACTOR_WORDS if table == "mask" else _SIDES
    try:
        from ..nlp.actors import ActorRegistry
        registry = ActorRegistry.load(env=False)
    except Exception:  # noqa: BLE001 - features without masking beat no classifier
        return None
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for entry in registry.entries.values():
        word = words.get(entry.type)
        if word is None:
            continue
        for alias in entry.aliases:
            text = alias.text.strip()
            if len(text) < 2:
                continue
            if alias.case == "exact" or not any(ch.islower() for ch in text):
                exact.setdefault(text, word)
            else:
                loose.setdefault(text.lower(), word)

    def rx(names, flags=0):
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", flags)

    return rx(exact), rx(loose, re.I), {**exact, **loose}


def mask_actors(text: str, language: str | None = None) -> str:
    """Registry actor names in ``text`` replaced by words for their type."""
    pats = _alias_patterns("mask", language)
    if pats is None:
        return text
    exact, loose, table = pats
    text = loose.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)
    return exact.sub(lambda m: table.get(m.group(0), m.group(0)), text)


def _lower(text: str) -> str:
    """Lower case with the same length ("İ".lower() is two characters), so that offsets
    found in the lowered text hold in the original."""
    if text.isascii():
        return text.lower()
    return "".join(c.lower()[:1] or c for c in text)


def preload(language: str | None = None) -> None:
    """Build the registry-name patterns now (a pipeline's start), not on the first document."""
    _alias_patterns("mask", language)
    _alias_patterns("side", language)
    _concepts(language)


@lru_cache(maxsize=8192)
def normalize(text: str, language: str | None = None) -> str:
    text = mask_actors(text, language)
    text = _BRACKETS.sub(" ", text)
    text = lang.get(language).events.LEAD_DATE.sub("", text, count=1)
    text = _DIGITS.sub("0", text.lower())
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=None)
def _concepts(language: str | None):
    concepts = lang.get(language).events.CONCEPTS
    rx = tuple((name, re.compile(pattern)) for name, pattern in concepts.items())
    first = re.compile("|".join(f"(?P<{k}>{concepts[k]})" for k in ("state", "nonstate")))
    return rx, first


@lru_cache(maxsize=None)
def _any_of(concepts: frozenset, language: str | None) -> re.Pattern | None:
    """One pattern for any of ``concepts``, to rule a text out before it is normalised, or
    None when normalising could create a match (a masking word that names a concept)."""
    words = lang.get(language).events
    chosen = [rx for name, rx in _concepts(language)[0] if name in concepts]
    if any(rx.search(w) for rx in chosen for w in words.ACTOR_WORDS.values()):
        return None
    return re.compile("|".join(f"(?:{words.CONCEPTS[name]})" for name in words.CONCEPTS if name in concepts))


def may_name(text: str, concepts: frozenset, language: str | None = None) -> bool:
    """False when ``text`` certainly names none of ``concepts`` once normalised: normalising
    only masks names with words that name no concept, drops bracketed notes and a leading
    date, folds digits, case and runs of spaces, so a concept it finds is in the raw text too."""
    rx = _any_of(concepts, language)
    return rx is None or rx.search(_SPACE.sub(" ", _DIGITS.sub("0", text.lower()))) is not None


@lru_cache(maxsize=8192)
def concept_tokens(norm: str, language: str | None = None) -> str:
    """Concept tokens for a normalised text: ``c_x`` per concept, ``p_x_y`` per pair, and
    ``first_state`` / ``first_nonstate``."""
    concept_rx, first_rx = _concepts(language)
    found = sorted(name for name, rx in concept_rx if rx.search(norm))
    toks = [f"c_{n}" for n in found]
    toks += [f"p_{a}_{b}" for i, a in enumerate(found) for b in found[i + 1:]]
    m = first_rx.search(norm)
    if m:
        toks.append(f"first_{m.lastgroup}")
        toks += [f"first_{m.lastgroup}_{n}" for n in found if n not in ("state", "nonstate")]
    return " ".join(toks) or "c_none"


def concept_spans(text: str, concepts, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans in ``text`` (any case) where one of ``concepts`` is named."""
    low = _lower(text)
    return [m.span() for name, rx in _concepts(language)[0] if name in concepts for m in rx.finditer(low)]


def concept_docs(texts, language: str | None = None):
    """The concept tokens of normalised texts (the vectoriser's first feature block)."""
    return [concept_tokens(t, language) for t in texts]


def _first_side(text: str, language: str | None) -> str | None:
    found = []
    m = _concepts(language)[1].search(_lower(text))
    if m:
        found.append((m.start(), m.lastgroup))
    pats = _alias_patterns("side", language)
    if pats is not None:
        exact, loose, table = pats
        for rx, key in ((exact, lambda t: t), (loose, str.lower)):
            m = rx.search(text)
            if m:
                found.append((m.start(), table[key(m.group(0))]))
    return min(found)[1] if found else None


def acting_side(text: str, language: str | None = None) -> str | None:
    """``state`` or ``nonstate``: the kind of the side that takes territory in ``text``, by
    the registry's actors ("Iraqi forces", "Islamic State") or the concept lexicon's words
    ("troops", "rebels"): the side named after "lost ... to" or a passive "taken by", else the
    first side named (news names the side that acts first far more often than not: "Rebels
    seized...", "The army retook..."); None when it names neither."""
    m = lang.get(language).events.AGENT_AFTER.search(text)
    if m:
        side = _first_side(text[m.end():], language)
        if side is not None:
            return side
    return _first_side(text, language)


TERRITORY_TYPES = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")


def territory_side(label: str, side: str | None) -> str:
    """Taking territory by force is ``GOV_REGAINS_TERIT`` for a state actor and
    ``NON_STATE_ACTOR_OVERTAKES_TER`` for a non-state one (ACLED's definitions): when the
    acting side's kind is known, it decides between the two; other labels pass."""
    if label not in TERRITORY_TYPES or side is None:
        return label
    return "GOV_REGAINS_TERIT" if side == "state" else "NON_STATE_ACTOR_OVERTAKES_TER"
