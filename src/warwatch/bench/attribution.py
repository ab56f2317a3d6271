"""Attribution benchmark: ``warwatch bench attribution PATH --format polnear --split dev --json``.

Runs the pipeline's spaCy model (``load_nlp()``) and :func:`warwatch.claims.find_attributions`
over PolNeAR (read by path, never copied): ``PATH/data/<split>/text/<name>.txt`` and
``PATH/data/<split>/attributions/<name>_<annotator>.ann`` (BRAT standoff). ``PATH`` may also
be the ``data`` folder or the split folder itself.

Gold
----
* An article annotated by several annotators (a few agreement articles) is scored against
  one annotation: the first ``.ann`` file in name order, so the figure is deterministic.
* A gold attribution is an ``E`` line with a ``Content`` (plus ``Content2``... segments),
  a ``Cue`` and, usually, a ``Source``; spans may be discontinuous (``a b;c d``).
  ``Attribution-no-source`` relations have no source. Relations without content are
  skipped; ``Discuss`` spans (annotators' notes) are ignored.

Matching
--------
* **content**: a predicted attribution matches a gold one when any of their content
  segments overlap by at least one character. Matching is one-to-one and greedy: pairs
  are taken in order of decreasing overlap (characters), each prediction and each gold
  attribution used at most once. ``content_f1`` = F1 of the matched pairs against all
  predictions (precision) and all gold attributions (recall).
* **source**: a content-matched pair is also source-correct when the source spans
  overlap, or when neither has a source (gold ``Attribution-no-source`` and a prediction
  without a source, such as "it was reported that ..." or a bare quotation). A gold
  attribution without a source matched by a prediction *with* one is a source error.
  Source precision and recall divide the source-correct pairs by all predictions and
  all gold attributions.
* **cue**: likewise, a content-matched pair whose cue spans overlap (a prediction
  without a cue, a quotation with no cue word, never has a correct cue).

``per_second`` is articles per second of wall time including spaCy's parse (one process).
``baseline`` is the simplest rule set measured in the same run on the same parses: about
60 cue verbs with a clausal complement (source = subject, content = the clause) plus
"according to X" (content = the rest of the sentence); no quotes, objects or noun cues.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("polnear",)

Span = tuple[int, int]


@dataclass(slots=True)
class Gold:
    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: list[Gold]


def _spans(rng: str) -> list[Span]:
    out = []
    for part in rng.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, list[Span]]] = {}
    rels: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not parts or not parts[0]:
            continue
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, rng = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _spans(rng))
            except ValueError:
                continue
        elif parts[0].startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            rels.append(roles)
    out = []
    for roles in rels:
        content = [s for ref in roles.get("Content", []) if ref in spans for s in spans[ref][1]]
        if not content:
            continue
        cue = [s for ref in roles.get("Cue", []) if ref in spans for s in spans[ref][1]]
        source = [s for ref in roles.get("Source", []) if ref in spans for s in spans[ref][1]]
        out.append(Gold(content=content, cue=cue, source=source))
    return out


def _split_dir(path: Path, split: str) -> Path:
    for cand in (path / "data" / split, path / split, path):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise FileNotFoundError(f"{path}: no {split}/text and {split}/attributions folders")


def load_polnear(path: str | Path, split: str = "dev", limit: int | None = None) -> list[GoldArticle]:
    base = _split_dir(Path(path), split)
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(name, ann)
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        ann = anns.get(txt.stem)
        if ann is None:
            continue
        out.append(GoldArticle(txt.stem, txt.read_text(encoding="utf-8"), read_ann(ann)))
        if limit and len(out) >= limit:
            break
    return out


# --------------------------------------------------------------------------------------
# Scoring


def _overlap(a: list[Span], b: list[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(pred: list[tuple[list[Span], list[Span], list[Span]]], gold: list[Gold]) -> dict[str, int]:
    """Counts for one article. ``pred`` items are (content, cue, source) span lists."""
    pairs = []
    for i, (pc, _, _) in enumerate(pred):
        for j, g in enumerate(gold):
            ov = _overlap(pc, g.content)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_p, used_g = set(), set()
    content = source = cue = 0
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        content += 1
        _, pcue, psrc = pred[i]
        g = gold[j]
        if (not psrc and not g.source) or (psrc and g.source and _overlap(psrc, g.source) > 0):
            source += 1
        if pcue and g.cue and _overlap(pcue, g.cue) > 0:
            cue += 1
    return {"pred": len(pred), "gold": len(gold), "content": content, "source": source, "cue": cue}


def _prf(hit: int, pred: int, gold: int) -> dict[str, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _summary(counts: list[dict[str, int]]) -> dict:
    tot = {k: sum(c[k] for c in counts) for k in ("pred", "gold", "content", "source", "cue")}
    out: dict = {"predicted": tot["pred"], "gold": tot["gold"]}
    for key in ("content", "source", "cue"):
        prf = _prf(tot[key], tot["pred"], tot["gold"])
        out[f"{key}_f1"] = prf["f1"]
        out[f"{key}_precision"] = prf["precision"]
        out[f"{key}_recall"] = prf["recall"]
    return out


# --------------------------------------------------------------------------------------
# Baseline: ~60 cue verbs with a clausal complement, plus "according to"

_BASELINE_VERBS = frozenset("""
say tell announce state claim add explain insist argue assert maintain note stress warn
suggest acknowledge admit confirm reveal allege accuse complain deny reject dispute believe
think expect fear hope know report write tweet predict promise vow pledge agree declare
conclude estimate recall indicate testify respond reply answer ask urge demand threaten
emphasize contend concede show find suspect worry doubt feel want plan""".split())


def baseline_attributions(doc) -> list[tuple[list[Span], list[Span], list[Span]]]:
    from ..claims.attribution import verb_base

    out = []
    for tok in doc:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is None:
                continue
            sent = tok.sent
            lo, hi = tok.left_edge.i, pobj.right_edge.i
            rest = [t for t in sent if (t.i < lo or t.i > hi) and not t.is_punct]
            if not rest:
                continue
            content = [(rest[0].idx, rest[-1].idx + len(rest[-1]))]
            out.append((content, [(tok.idx, to.idx + len(to))],
                        [(pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge))]))
            continue
        if not tok.tag_.startswith("VB") or verb_base(tok.text) not in _BASELINE_VERBS:
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if comp is None:
            continue
        lo, hi = comp.left_edge, comp.right_edge
        content = [(lo.idx, hi.idx + len(hi))]
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        source = ([(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge))]
                  if subj is not None else [])
        out.append((content, [(tok.idx, tok.idx + len(tok))], source))
    return out


def _ours(doc) -> list[tuple[list[Span], list[Span], list[Span]]]:
    from ..claims import find_attributions

    return [(list(a.content), [a.cue] if a.cue else [], [a.source] if a.source else [])
            for a in find_attributions(doc)]


def run(path: str | Path, fmt: str = "polnear", split: str = "dev", limit: int | None = None) -> dict:
    """Score attribution extraction on ``path``; returns the figures as a dict (see module doc)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    from ..nlp.model import load_nlp

    articles = load_polnear(path, split, limit)
    nlp = load_nlp()
    nlp("warm up.")
    ours: list[dict[str, int]] = []
    base: list[dict[str, int]] = []
    times: list[float] = []
    started = time.perf_counter()
    for art in articles:
        t0 = time.perf_counter()
        doc = nlp(art.text)
        pred = _ours(doc)
        times.append(time.perf_counter() - t0)
        ours.append(match(pred, art.attributions))
        base.append(match(baseline_attributions(doc), art.attributions))
    wall = sum(times)
    result = {"format": fmt, "split": split, "articles": len(articles)}
    summary = _summary(ours)
    result["attributions"] = summary.pop("gold")
    result.update(summary)
    result["per_second"] = round(len(articles) / wall, 2) if wall else 0.0
    result["median_article_seconds"] = round(statistics.median(times), 4) if times else 0.0
    b = _summary(base)
    b.pop("gold")
    result["baseline"] = b
    result["elapsed_seconds"] = round(time.perf_counter() - started, 1)
    return result
