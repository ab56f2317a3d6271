"""English verb forms for cue lexicons (the lemmatizer is off in our spaCy pipeline, for speed)."""

from __future__ import annotations

import re

IRREGULAR = {
    "say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
    "think": ("thought", "thinks", "thinking"), "write": ("wrote", "written", "writes", "writing"),
    "feel": ("felt", "feels", "feeling"), "know": ("knew", "known", "knows", "knowing"),
    "hear": ("heard", "hears", "hearing"), "see": ("saw", "seen", "sees", "seeing"),
    "find": ("found", "finds", "finding"), "understand": ("understood", "understands", "understanding"),
    "swear": ("swore", "sworn", "swears", "swearing"), "seek": ("sought", "seeks", "seeking"),
    "put": ("puts", "putting"), "forget": ("forgot", "forgotten", "forgets", "forgetting"),
    "forecast": ("forecasts", "forecasting", "forecasted"), "hold": ("held", "holds", "holding"),
    "show": ("showed", "shown", "shows", "showing"), "speak": ("spoke", "spoken", "speaks", "speaking"),
    "cry": ("cried", "cries", "crying"), "deny": ("denied", "denies", "denying"),
    "imply": ("implied", "implies", "implying"), "reply": ("replied", "replies", "replying"),
    "testify": ("testified", "testifies", "testifying"), "apply": ("applied",),
    "clarify": ("clarified", "clarifies", "clarifying"), "specify": ("specified", "specifies", "specifying"),
    "notify": ("notified", "notifies", "notifying"), "publicize": ("publicized", "publicizes", "publicizing"),
    "dub": ("dubbed", "dubs", "dubbing"), "regret": ("regretted", "regrets", "regretting"),
    "quip": ("quipped", "quips", "quipping"), "brag": ("bragged", "brags", "bragging"),
    "slam": ("slammed", "slams", "slamming"), "plan": ("planned", "plans", "planning"),
    "prefer": ("preferred", "prefers", "preferring"), "concur": ("concurred", "concurs", "concurring"),
    "admit": ("admitted", "admits", "admitting"), "rebut": ("rebutted", "rebuts", "rebutting"),
    "refer": ("referred", "refers", "referring"), "commit": ("committed", "commits", "committing"),
    "learn": ("learned", "learnt", "learns", "learning"), "mean": ("meant", "means", "meaning"),
}


def verb_forms(base: str) -> set[str]:
    """The base, third person, past, past participle and -ing forms of an English verb."""
    out = {base}
    if base in IRREGULAR:
        out.update(IRREGULAR[base])
        return out
    if base.endswith("ee"):
        out |= {base + "s", base + "d", base + "ing"}
    elif base.endswith("e"):
        out |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        out |= {base + "es", base + "ed", base + "ing"}
    else:
        out |= {base + "s", base + "ed", base + "ing"}
        if re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgmnpt]", base) and len(base) <= 4:
            out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return out
