"""Who holds which place, according to whom: control statements of one article.

``control_statements(analysis)`` reads control out of an analysed article:

* **phrases** (``phrases.py``: the language's control lexicon over spaCy's dependency parse,
  word forms because the pipeline runs without a lemmatizer):

  ============  ==========================================================================
  ``taken``     "captured / seized / took / liberated / cleared / entered / overran X (from Y)",
                "took (full) control of X", "X fell to Y", "X has been liberated from Y"
  ``held``      "holds / controls / occupies X", "remain(s) in (full) control of X", "X
                remains under its control", "X is in our hands", "Y-held X", "held by Y since",
                "repelled an attack on X", negated losses ("never lost it")
  ``lost``      "withdrew / pulled out / retreated / fled from X", "left / abandoned / lost X",
                "lost control of X"
  ``contested`` "fighting continues in X", "clashes on the (southern) outskirts of X",
                "battled for control of X", "X remains disputed", "X changed hands", "Y still
                holds villages south of X" (an area *around* X held by someone: X's outskirts
                are fought over)
  ============  ==========================================================================

  The place is the object (active), the subject (passive, "under control", "fell"), or a
  "from/of" phrase, and must be a place of the article that can be held: not a country, sea
  or river, not a demonym. "the town / the village / the city / it" take the place of the
  previous control statement of the sentence, else the nearest preceding place mention ("the
  village of Amarneh" is preferred for "the village"). The controller is the actor named in
  the subject (its head first; "Turkish-backed factions" is the generic ``group:factions``
  allied with the Turkish forces); "it / its / our / we / they" inside a claim's content are
  the claim's speaker.
* **events** (``statements.py``): a territorial event (GOV_REGAINS_TERIT,
  NON_STATE_ACTOR_OVERTAKES_TER, NON_VIOL_TERRIT_TRANSFER) with a place no phrase covered:
  taken by actor1 from actor2 (a withdrawal-worded NON_VIOL_TERRIT_TRANSFER: lost by actor1).

Each statement is attributed to the innermost claim whose content span contains its cue
(``according_to``), else to the outlet's own voice. ``positive`` is false when the statement
is negated ("had not captured it") or denied (a deny claim, or a denial inside the content:
"rejecting claims that the factions had captured it", "described the reports that ... as
psychological warfare"). Future, intended or conditional control ("intend to take it", "will
take", "would keep fighting for its liberation") is no statement.

``as_of`` is the statement's own date expression (nearest in its sentence), else its event's
date, else the publication date; ``background`` marks the outlet's past perfect ("Daesh had
held Jarablus since 2013"), which later statements supersede.

``control_summary(statements)`` (``verdict.py``) gives the analysis' ``control``: one
:class:`PlaceControl` per place. Statements within ``WINDOW_DAYS`` of the place's latest one
are judged together: two different controllers, or a capture against fighting / a denial /
a negated capture, make the place ``contested``. ``Sides`` (``sides.py``) decides whether two
actor ids are the same side.
"""

from __future__ import annotations

from .records import ControlSide, ControlStatement, PlaceControl, Verdict, as_statement, to_date
from .sides import CorpusSides, Sides, generic_key, is_unknown_generic, is_vague, sides_for
from .statements import TERRITORIAL, control_statements
from .verdict import WINDOW_DAYS, control_summary, judge

__all__ = ["ControlSide", "ControlStatement", "PlaceControl", "Verdict", "Sides", "CorpusSides", "TERRITORIAL",
           "WINDOW_DAYS", "as_statement", "control_statements", "control_summary", "generic_key",
           "is_unknown_generic", "is_vague", "judge", "sides_for", "to_date"]
