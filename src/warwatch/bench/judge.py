"""``warwatch bench judge``: precision of the corpus stage, judged by a person.

Builds the corpus view of a store, draws a fixed sample (``--seed``) of merged events with two
or more articles, of contradictions and of control-timeline entries, and either shows them
for judging (``--show``: each item with its key and the sentences it rests on) or scores them
against a verdicts file: JSON ``{"<key>": true|false, ...}`` (our own labels: keys and
verdicts, no text; ``bench/labels/``). Keys identify items by stored ids, so a verdict
survives a rebuild that gives the same item:

* merged event: ``m:`` + the sorted (article id, event id) pairs of its sources;
* contradiction: ``x:`` + both sides' (article id, claim id) and the kind;
* control entry: ``c:`` + place, date, holder and status.

A merged event is right when all its reports are one incident; a contradiction when both
claims are about the same incident, place and period and cannot both be true; a control
entry when its status is right then: the holder took the place about then (``taken``), held
it then (``held``), or there was fighting there then (``contested``), by the articles and the
war's record.

``build_fakes_store(csv, db)`` makes the store we judge: the FA-KES rows as plain-text
documents with their outlet as site, through the whole pipeline (``--fakes`` on the command).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

KINDS = ("merged", "contradictions", "control")


def _items(view) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    merged = []
    for m in view.merged:
        if len(m.articles) < 2:
            continue
        key = "m:" + ";".join(sorted(f"{s['article_id']}/{s['event_id']}" for s in m.sources))
        merged.append((key, {"type": m.type, "date": m.date, "place": view.place_names.get(m.place, m.place),
                             "reports": [{"article": s["article_id"], "site": s.get("site"),
                                          "text": (s.get("evidence") or {}).get("text", "")[:300]}
                                         for s in m.sources]}))
    contradictions = []
    for c in view.contradictions:
        sides = sorted((str(c[s]["article_id"]), str(c[s]["claim"])) for s in ("a", "b"))
        key = "x:" + ";".join("/".join(x) for x in sides) + f";{c['kind']}"
        contradictions.append((key, {"scope": c["scope"], "kind": c["kind"], "reason": c["reason"],
                                     "a": {k: c["a"].get(k) for k in ("article_id", "site", "speaker", "content")},
                                     "b": {k: c["b"].get(k) for k in ("article_id", "site", "speaker", "content")}}))
    control = []
    for pid, tl in view.timelines.items():
        for e in tl:
            key = f"c:{pid}:{e.as_of}:{e.controller}:{e.status}"
            control.append((key, {"place": view.place_names.get(pid, pid), "as_of": e.as_of,
                                  "controller": e.controller, "status": e.status,
                                  "according_to": e.according_to[:4]}))
    for lst in (merged, contradictions, control):
        lst.sort(key=lambda kv: kv[0])
    return {"merged": merged, "contradictions": contradictions, "control": control}


def build_fakes_store(csv: str | Path, db: str | Path) -> dict[str, Any]:
    """Ingest the FA-KES rows of ``csv`` into a new store at ``db`` (one worker process)."""
    import dataclasses

    from ..ingest import ingest
    from ..store import Store
    from .realnews import fakes_documents

    if Path(db).exists():
        raise FileExistsError(f"{db} exists: judge it without --fakes, or remove it first")
    docs = [dataclasses.replace(raw, site=row["source"]) for row, raw in fakes_documents(csv)]
    with Store.open(db, create=True) as store:
        return ingest(docs, store, workers=1).to_json()


def sample(db: str | Path, *, n: int = 40, seed: int = 11) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    from ..reconcile.corpus import build
    from ..store import Store

    with Store.open(db, create=False) as store:
        view = build(store.recent_analyses(10_000_000))
    out = {}
    for kind, items in _items(view).items():
        rng = random.Random(f"{seed}:{kind}")
        out[kind] = items if len(items) <= n else rng.sample(items, n)
    out["totals"] = {k: len(v) for k, v in _items(view).items()}
    return out


def run(db: str | Path, *, n: int = 40, seed: int = 11, verdicts: str | Path | None = None,
        show: bool = False) -> dict:
    drawn = sample(db, n=n, seed=seed)
    result: dict[str, Any] = {"db": str(db), "n": n, "seed": seed, "totals": drawn["totals"]}
    labels = json.loads(Path(verdicts).read_text(encoding="utf-8")) if verdicts else {}
    for kind in KINDS:
        items = drawn[kind]
        judged = [labels[k] for k, _ in items if k in labels]
        result[kind] = {"sampled": len(items), "judged": len(judged),
                        "precision": round(sum(bool(v) for v in judged) / len(judged), 3) if judged else None}
        if show:
            result[kind]["items"] = [{"key": k, **v, **({"verdict": labels[k]} if k in labels else {})}
                                     for k, v in items]
    return result
