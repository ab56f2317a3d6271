"""The sentences that explain why two claims cannot both be true (English).

They are shown on the Contested page, on event, place and speaker pages and in exports: "The
Syrian Observatory for Human Rights says 35 civilians were killed; Turkey's military denies that
civilians were killed." ``claims/contradictions/`` decides *that* two propositions contradict;
this module only words it. A proposition has ``predicate``, ``subject``, ``place``, ``positive``,
``status``, ``value``, ``victims``, ``cue``, ``deny`` and its speaker's fields.
"""

from __future__ import annotations

import re
from typing import Mapping

# killed; Turkey's military denies that civilians were killed."

_ORG_HEADS = frozenset(
    "administration alliance army authority battalion brigade brigades command commission committee corps council "
    "department division force forces front government guard guards legion military militia ministry mission "
    "movement nations observatory office party police regime regiment staff unit units".split())
"""A multi-word name ending in one of these reads with "the": "the Hamza Division", "the Turkish government"."""
_NAMED_TYPES_WITHOUT_ARTICLE = frozenset({"person", "place", "outlet", "described", "unknown"})
_ROLE_NOUNS = frozenset(
    "activist activists analyst analysts commander commanders diplomat diplomats doctor doctors farmer fighter "
    "fighters locals man medic medics men officer officers official officials people rebel rebels report reports "
    "resident residents soldier soldiers source sources spokesman spokesperson spokeswoman statement witness "
    "witnesses woman women".split())
_DETERMINERS = frozenset(
    "the a an some several many few two three four five six seven eight nine ten both other one local senior "
    "unnamed anonymous".split())
_PRONOUNS = frozenset("he she it they we i you that which who this these those".split())
_IRREGULAR_PLURALS = frozenset({"people", "police", "children", "women", "men", "media"})
_PLURAL_NAME_HEADS = frozenset({"forces", "units", "guards", "brigades"})
"""Names plural in form that read with a plural verb: "the Turkish Armed Forces hold"."""
_HEAD_END = re.compile(r"\s+(?:from|in|of|at|with|for|on|near|inside|outside|close\s+to|familiar\s+with|who|whom|"
                       r"whose|which|that|reached|speaking|quoted|cited|based\s+in)\b|\s*[,;(]|\s+[—–]\s", re.I)
_RELATIVE = re.compile(r"\s*(?:,|\s(?:who|whom|whose|which)\b|\s[—–]\s|\().*$", re.S)
_LONG_SPEAKER = 60
_AGREEMENT_NOUNS = (("cease", "ceasefire"), ("truce", "truce"), ("deal", "deal"))


def _clean(text: str | None) -> str:
    return " ".join((text or "").split()).strip(" \"'“”‘’.,:;")


def _short(text: str) -> str:
    """A speaker description without its relative clause or apposition ("a farmer from the village
    who fled to Manbij" -> "a farmer from the village"); a long one also loses its trailing phrase."""
    short = _RELATIVE.sub("", text).strip() or text
    if len(short) > _LONG_SPEAKER:
        m = re.search(r"\s(?:from|in|of|at|with|for|on|near)\s", short)
        if m and m.start() > 0:
            short = short[:m.start()]
    return short


def _head(text: str) -> list[str]:
    m = _HEAD_END.search(text)
    words = (text[:m.start()] if m and m.start() > 0 else text).split()
    return words or text.split()


def _plural(text: str) -> bool:
    """Whether a speaker or subject phrase takes a plural verb: "Turkish officials", "two rebel
    commanders and a resident", "Commanders from the Hamza Division", "Turkish Armed Forces"; not
    other names that end in -s ("Reuters", "United Nations") nor "the Syrian Observatory for Human
    Rights"."""
    if re.search(r"\sand\s+[a-z0-9]", text):
        return True
    head = _head(text)
    if not head:
        return False
    last = head[-1].strip(".,'\"’")
    low = last.lower()
    if low in _IRREGULAR_PLURALS:
        return low != "media" or not last[:1].isupper()
    if not low.endswith("s") or low.endswith(("ss", "us", "is", "'s", "’s")):
        return False
    if last[:1].isupper():   # a capitalised word is a name, unless it is a role noun opening the phrase
        return (len(head) == 1 and low in _ROLE_NOUNS) or (len(head) > 1 and low in _PLURAL_NAME_HEADS)
    return True


def _the(name: str) -> str:
    """ "the" before a multi-word organisation name: "Hamza Division" -> "the Hamza Division"."""
    words = name.split()
    if len(words) < 2 or words[0].lower() in _DETERMINERS:
        return name
    if ("'" in words[0] or "’" in words[0]) and words[0].lower().replace("’", "'") not in ("people's", "women's"):
        return name   # "YPG's general command"
    return f"the {name}" if _head(name)[-1].lower() in _ORG_HEADS else name


def _lower_first(text: str) -> str:
    """ "The source" -> "the source", "Commanders from ..." -> "commanders from ...": a description
    capitalised only because it opened a sentence of the article."""
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()) and first.lower() in _DETERMINERS | _ROLE_NOUNS:
        return first.lower() + (" " + rest if rest else "")
    return text


def _speaker(p) -> tuple[str, bool]:
    """How a proposition's source reads in a reason, and whether it takes a plural verb."""
    text = _clean(p.speaker)
    if not text or text.lower() in _PRONOUNS:
        return (f"an unnamed source in {p.site}" if p.site else "an unnamed source"), False
    if p.speaker_type == "outlet":
        return text, False
    text = _short(text)
    plural = _plural(text)
    if p.speaker_type in _NAMED_TYPES_WITHOUT_ARTICLE or p.speaker_type is None:
        return _lower_first(text), plural
    return _lower_first(_the(text)), plural


def _verb(third_singular: str, plural: bool) -> str:
    if not plural:
        return third_singular
    return {"says": "say", "denies": "deny", "holds": "hold", "does": "do", "has": "have", "was": "were",
            "is": "are"}.get(third_singular, third_singular)


def _pluralize(noun: str) -> str:
    *lead, last = noun.split()
    low = last.lower()
    if low in _IRREGULAR_PLURALS or low.endswith("s"):
        plural = last
    elif low.endswith("man"):
        plural = last[:-3] + "men"
    elif low.endswith("y") and low[-2:-1] not in ("a", "e", "i", "o", "u"):
        plural = last[:-1] + "ies"
    elif low.endswith(("ch", "sh", "x")):
        plural = last + "es"
    else:
        plural = last + "s"
    return " ".join([*lead, plural])


def _title(slug: str) -> str:
    """An id's slug as a name: "islamic-state-group" -> "Islamic State Group", "fsa" -> "FSA"."""
    words = [w for w in slug.replace("_", "-").split("-") if w]
    if len(words) == 1 and len(words[0]) <= 3:
        return words[0].upper()
    return " ".join(w if (i and w in ("of", "for", "and", "the", "al", "in", "on")) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _actor(actor: str, names: Mapping[str, str]) -> tuple[str, bool]:
    """An actor id as words, and whether it takes a plural verb. Generic groups are plural nouns
    (``group:rebel`` -> "rebels", ``group:groups`` -> "armed groups"); an id with no name becomes
    its slug in title case, never the id."""
    kind, _, slug = actor.rpartition(":")
    if kind == "group":
        noun = _pluralize(slug.replace("-", " "))
        return ("armed groups" if noun == "groups" else noun), True
    name = _clean(names.get(actor)) or _title(slug)
    if name == actor:
        name = _title(slug)
    if kind == "person":
        return name, False
    return _the(name), _plural(name)


def _who(p, names: Mapping[str, str], speaker_plural: bool) -> tuple[str, bool]:
    """The subject of a proposition as words: "it" / "they" when it is the speaker's own side."""
    if p.subject is None:
        return "", False
    if p.subject == p.speaker_actor:
        if speaker_plural:
            return "they", True
        if p.speaker_type == "person":
            return "their side", False
        if p.speaker_type == "described" and p.subject in names:
            return _actor(p.subject, names)
        return "it", False
    return _actor(p.subject, names)


def _where(p, places: Mapping[str, str]) -> str:
    if not p.place:
        return ""
    name = _clean(places.get(p.place))
    if not name or name == p.place:
        name = _clean(p.place_name)
    return name or "the place"


def _agreement_noun(cue: str) -> str:
    low = cue.lower()
    return next((noun for key, noun in _AGREEMENT_NOUNS if low.startswith(key)), "agreement")


_SINGULAR = {"civilians": "civilian", "soldiers": "soldier", "fighters": "fighter", "people": "person"}


def _toll(value: int | None, victims: str | None) -> str:
    """ "35 civilians were killed", "one soldier was killed", "civilians were killed"."""
    vict = victims or "people"
    if value is None:
        return f"{vict} were killed"
    if value == 0:
        return "no one was killed" if victims is None else f"no {vict} were killed"
    if value == 1:
        return f"one {_SINGULAR.get(vict, vict)} was killed"
    return f"{value} {vict} were killed"


def _clause(p, names: Mapping[str, str], places: Mapping[str, str], *,
            speaker_plural: bool = False, positive: bool | None = None) -> str:
    """What ``p`` holds, as a clause after "says"; with ``positive=True``, the affirmative
    version of a negative proposition, for "denies that ..."."""
    pos = p.positive if positive is None else positive
    where = _where(p, places)
    who, plural = _who(p, names, speaker_plural)
    if p.predicate == "control":
        if pos:
            if p.status == "taken":
                return f"{who} took {where}" if who else f"{where} was taken"
            return f"{who} {_verb('holds', plural)} {where}" if who else f"{where} is held"
        if p.status == "lost":
            return f"{who} lost {where}" if who else f"{where} was lost"
        if p.status == "held":
            return f"{who} {_verb('does', plural)} not hold {where}" if who else f"{where} is not held"
        return f"{who} did not take {where}" if who else f"{where} was not taken"
    if p.predicate == "fighting":
        if pos:
            return f"fighting goes on in {where}" if where else "fighting goes on"
        return f"there is no fighting in {where}" if where else "there is no fighting"
    if p.predicate == "crossed":
        who = who or "forces"
        into = f"into {where}" if where and where != "the place" else "the border"
        return f"{who} crossed {into}" if pos else f"{who} did not cross {into}"
    if p.predicate == "withdrawn":
        who, plural = (who, plural) if who else ("forces", True)
        return f"{who} withdrew" if pos else f"{who} {_verb('has', plural)} not withdrawn"
    if p.predicate == "agreement":
        noun = _agreement_noun(p.cue)
        return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun} was reached" if pos else f"there is no {noun}"
    if p.predicate == "blame":
        who = who or "someone"
        return f"{who} carried out the attack" if pos else f"{who} did not carry out the attack"
    if p.predicate == "killed":
        if pos:
            return _toll(p.value, p.victims)
        return f"no {p.victims} were killed" if p.victims else "no one was killed"
    return _clean(p.text[:60])


def says(p, names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """ "<speaker> says <clause>"; for a denial of something affirmative, "<speaker> denies that
    <the affirmative clause>" (never a bare "denies it")."""
    who, plural = _speaker(p)
    if p.deny and not p.positive and (p.predicate != "control" or p.status in ("taken", "held")):
        return f"{who} {_verb('denies', plural)} that {_clause(p, names, places, speaker_plural=plural, positive=True)}"
    return f"{who} {_verb('says', plural)} {_clause(p, names, places, speaker_plural=plural)}"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def pair(first, second, names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """ "<first says ...>; <second says ...>" as a sentence."""
    return sentence(f"{says(first, names, places)}; {says(second, names, places)}")


def fighting_goes_on(control, fight, names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """One says a side holds or took the place; the other that clashes continue there."""
    who, plural = _speaker(fight)
    return sentence(f"{says(control, names, places)}; {who} {_verb('says', plural)} clashes continue there")


def blame(p, q, names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """Two sources name different sides as the one that carried out one attack."""
    return f"Who did it: {says(p, names, places)}; {says(q, names, places)}"


def disputed_toll(p, q, names: Mapping[str, str], places: Mapping[str, str]) -> str:
    return f"Disputed toll: {says(p, names, places)}; {says(q, names, places)}"
