"""Contradictions: pairs of claims that cannot both be true.

The comparison runs on **propositions** (``propositions.py``), a small normal form of what a
claim holds true:

``Proposition(predicate, subject, place, positive, value, victims)``

================  =======================================================================
predicate         from
================  =======================================================================
``control``       control statements (``claims/control/``) of the claim: taken/held ->
                  positive, lost -> negative (subject = the holder)
``fighting``      contested statements: "clashes continue on the outskirts of X"
``crossed``       "crossed / entered / sent tanks into <country>", "crossed the border"
``withdrawn``     "withdrew / pulled back / returned east / left"; "present in / deployed
                  west of / remain in" is ``withdrawn`` negative
``agreement``     "ceasefire / truce / deal / agreement / agreed"
``killed``        "killed / dead / died / death toll / martyred / casualties", with the
                  number (from the claim's event's ``fatalities``, else the text) and the
                  victims (civilians, soldiers, fighters, ...)
``blame``         in a claim about an attack, the armed actor named before "carried out /
                  fired / shelled / ... / responsible for": who the claim says did it
================  =======================================================================

The cues are the language's (``lang/<code>/contradictions.py``). ``subject`` is the actor
named in the content before the cue (by offsets), "its / our / we / they" -> the speaker's
actor, else the claim's event actor1. ``positive`` is what the speaker holds: for a ``deny``
claim the polarity of the denied proposition (``holds_positive`` of the claims stage) for
cues in the content's first sentence; otherwise a local negation ("had not crossed", "agreed
to nothing", "no civilians").

Two propositions of **different claims by different speakers** contradict (``compare.py``)
when:

1. same predicate, compatible subject (same side, or either unknown) and place (same id for
   control/fighting; overlapping or unknown otherwise), opposite polarity ("X denied that its
   forces crossed" vs "X crossed");
2. ``control`` of one place by two actors of different sides, both positive;
3. ``control`` positive (taken/held) vs ``fighting`` positive at the same place ("FSA took
   Jarabulus" vs "clashes continue there");
4. ``killed`` with different numbers for the same event (same event id, or same victims,
   overlapping place and dates within a day): a disputed toll;
5. ``blame`` about the same event: enemies each said to have done it, or one side said to
   have done it and denying it.

Control and fighting propositions are compared only when their dates are within
``WINDOW_DAYS`` (a change over a week is a timeline, not a contradiction). The reason is
worded by the language's ``reasons`` module.
"""

from __future__ import annotations

from .compare import (WINDOW_DAYS, Contradiction, compare, contradictions_between, find_contradictions,
                      in_reason_order, kind_of)
from .propositions import Proposition, propositions

__all__ = ["Contradiction", "Proposition", "WINDOW_DAYS", "compare", "contradictions_between", "find_contradictions",
           "in_reason_order", "kind_of", "propositions"]
