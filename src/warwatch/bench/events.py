"""Event-typing benchmark: ``warwatch bench events PATH --format case2021 --json``.

Reads a gold file by path (never copied) and predicts one type per snippet with
:func:`warwatch.events.classify` (the same classifier ``detect_events`` uses).

Format
------
``case2021``  CASE 2021 Task 2: ``id<TAB>EventSnippet<TAB>SubType``, one snippet per line,
              an optional header line (``id ... SubType``). A snippet containing tabs keeps
              them (the first field is the id, the last the type).

Metrics
-------
* ``weighted_f1``: per-type F1 averaged with the gold support of each type as weight
  (the CASE 2021 Task 2 ranking metric); ``macro_f1``: unweighted mean over the types
  present in gold or predictions; ``micro_f1``: equals accuracy with one label per snippet.
  Computed with ``sklearn.metrics.f1_score``.
* ``per_second``: snippets per second of wall time for classification alone (one batch call,
  one process, model already loaded; median of ``repeat`` runs).
* ``baseline``: in the same run, a majority-class baseline and a keyword baseline (the first
  of a short, hand-written list of cue words per type that occurs in the snippet, else the
  majority type of the gold file), scored the same way.
* ``per_type``: F1 per gold type (aggregate figures only); ``confusion`` (``confusion=True``)
  gold -> predicted counts, off-diagonal only.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from pathlib import Path

FORMATS = ("case2021",)

# A keyword baseline, written from the type definitions (not from any gold file).
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("SUIC_BOMB", r"suicide"),
    ("CHEM_WEAP", r"chemical|chlorine|sarin|mustard gas|nerve agent"),
    ("GRENADE", r"grenade"),
    ("DISR_WEAP", r"defus|intercept|seiz\w* (?:weapons|arms|explosives)|weapons cache"),
    ("REM_EXPLOS", r"\bied\b|roadside bomb|landmine|car bomb|explosive device|\bmine\b"),
    ("AIR_STRIKE", r"air ?strike|airstrike|drone|warplane|jet|helicopter|air raid"),
    ("ART_MISS_ATTACK", r"shell|artillery|mortar|rocket|missile"),
    ("FORCE_AGAINST_PROTEST", r"(?:opened fire|live ammunition|shot dead).*protest"),
    ("PROTEST_WITH_INTER", r"tear ?gas|disperse|water cannon"),
    ("VIOL_DEMONSTR", r"riot|torch|stone|petrol bomb|molotov"),
    ("MOB_VIOL", r"\bmob\b|lynch"),
    ("PEACE_PROTEST", r"protest|demonstrat|rall(?:y|ied)|march|sit-in|strike"),
    ("GOV_REGAINS_TERIT", r"recaptur|retook|retake|regain"),
    ("NON_STATE_ACTOR_OVERTAKES_TER", r"seiz|captur|took control|overr[au]n"),
    ("NON_VIOL_TERRIT_TRANSFER", r"withdr[ea]w|handed over|pulled out"),
    ("SEX_VIOL", r"rape|sexual"),
    ("ABDUCT_DISSAP", r"kidnap|abduct|hostage|disappear"),
    ("ARREST", r"arrest|detain"),
    ("AGREEMENT", r"agreement|ceasefire|truce|deal|signed"),
    ("ATTRIB", r"claimed responsibility|blamed|responsib"),
    ("DIPLO", r"minister|talks|ambassador|diplomat|summit|condemn"),
    ("HQ_ESTABLISHED", r"base|headquarters|camp"),
    ("CHANGE_TO_GROUP_ACT", r"deploy|curfew|reinforce"),
    ("PROPERTY_DISTRUCT", r"loot|burn|vandal|destroy"),
    ("ORG_CRIME", r"cartel|traffick|smuggl|cocaine|drug"),
    ("NATURAL_DISASTER", r"earthquake|flood|cyclone|storm|landslide|drought"),
    ("MAN_MADE_DISASTER", r"fire|collapse|explosion|crash|derail|capsiz"),
    ("ARMED_CLASH", r"clash|fight|fought|gunfight|exchange of fire"),
    ("ATTACK", r"kill|shot|gunmen|attack"),
)
_KW = tuple((code, re.compile(pat, re.I)) for code, pat in _KEYWORDS)


def read_case2021(path: str | Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        ident, text, label = parts[0].strip(), "\t".join(parts[1:-1]).strip(), parts[-1].strip()
        if not rows and label.lower() in ("subtype", "label", "type"):
            continue   # header
        rows.append((ident, text, label))
    return rows


def keyword_type(text: str, default: str) -> str:
    for code, rx in _KW:
        if rx.search(text):
            return code
    return default


def _scores(gold: list[str], pred: list[str]) -> dict:
    from sklearn.metrics import f1_score

    return {
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
        "micro_f1": round(float(f1_score(gold, pred, average="micro", zero_division=0)), 4),
    }


def run(path: str | Path, fmt: str = "case2021", *, repeat: int = 5, limit: int | None = None,
        confusion: bool = False, model_path: str | None = None) -> dict:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    from ..events import classify
    from ..events.model import load_model

    rows = read_case2021(path)
    if limit:
        rows = rows[:limit]
    if not rows:
        raise ValueError(f"{path}: no snippets")
    texts = [r[1] for r in rows]
    gold = [r[2] for r in rows]

    model = load_model(model_path)
    classify(texts[:2], model=model)   # warm-up (imports, first transform)
    times, pred = [], []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        pred = classify(texts, model=model)
        times.append(time.perf_counter() - t0)
    elapsed = statistics.median(times)

    out = {"snippets": len(rows), **_scores(gold, pred),
           "per_second": round(len(rows) / elapsed, 1) if elapsed > 0 else None}

    majority = Counter(gold).most_common(1)[0][0]
    out["baseline"] = {
        "majority": {"type": majority, **_scores(gold, [majority] * len(gold))},
        "keyword": _scores(gold, [keyword_type(t, majority) for t in texts]),
    }
    from sklearn.metrics import f1_score

    labels = sorted(set(gold))
    per = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    out["per_type"] = {lab: round(float(v), 3) for lab, v in zip(labels, per)}
    if confusion:
        pairs = Counter((g, p) for g, p in zip(gold, pred) if g != p)
        out["confusion"] = {f"{g} -> {p}": n for (g, p), n in pairs.most_common()}
    out["model"] = model.info.get("acled_source") or "builtin"
    out["training_examples"] = model.info.get("examples")
    return out
