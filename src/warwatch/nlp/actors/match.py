"""Registry actors in a document: the alias trie walked over its tokens.

Token-boundary aware ("ISIS-held", "Islamic State's"), folded for diacritics, dots and
apostrophes, hyphen tokens ignored ("Hashd al-Shaabi" = "Hashd al Shaabi"), longest match
first ("Free Syrian Army" is never also "Syrian Army"). Aliases with no lower-case letter
("IS", "SDF") match case-sensitively; other aliases in any capitalisation except all lower
case, unless the alias says ``case: any``. A hand-written trie rather than spaCy's
PhraseMatcher because one PhraseMatcher attribute cannot express per-alias case rules
together with diacritic/dot/hyphen folding.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import lang
from .names import SKIP, fold
from .registry import ActorRegistry, case_ok

@dataclass(slots=True)
class _Match:
    start: int   # index into the folded token list
    end: int     # inclusive
    actor: str
    context: bool


def _doc_tokens(doc) -> list[tuple[int, str]]:
    out = []
    for tok in doc:
        if tok.is_space:
            continue
        f = fold(tok.text)
        if f in SKIP:
            continue
        out.append((tok.i, f))
    return out


def _shouting(folded: list[tuple[int, str]], pos: int) -> bool:
    words = [f for _, f in folded[max(0, pos - 6): pos + 7] if f.isalpha()]
    caps = sum(1 for w in words if w.isupper() and len(w) > 1)
    return len(words) >= 4 and caps / len(words) > 0.6


def _inside_longer_name(doc, i: int) -> bool:
    """A capitalised word before a short alias makes it part of another name
    ("National Security Council" is not the UN "Security Council")."""
    if i == 0:
        return False
    prev = doc[i - 1]
    if not prev.text[:1].isupper() or prev.lower_ == lang.of(doc).actors.THE:
        return False
    if prev.i == 0:
        return False
    before = doc[prev.i - 1]
    return not (before.is_space or before.text in (".", "!", "?", ":", '"', "“", "—", "-"))


def _bare_possessive(tok: str) -> bool:
    """A capitalised name with a possessive "s" whose apostrophe was lost ("Russias", "Armys"):
    messy feeds drop apostrophes."""
    return len(tok) >= 4 and tok.endswith("s") and tok[0].isupper() and not tok.isupper() and tok.isalpha()


def _walk(trie: dict, folded: list[tuple[int, str]], lows: list[str], p: int):
    """(last token index, trie node, matched tokens) of every alias ending from token ``p``; a
    bare possessive token also walks as its name, alone or followed by "s" ("Russias Defence
    Ministry" = "Russia's Defence Ministry")."""
    n = len(folded)
    stack = [(p, trie, ())]
    while stack:
        q, node, toks = stack.pop()
        if q >= n:
            continue
        tok = folded[q][1]
        steps = [(node.get(lows[q]), (tok,))]
        if _bare_possessive(tok) and lows[q] not in node:
            bare = node.get(lows[q][:-1])
            steps.append((bare, (tok[:-1],)))
            if bare is not None:
                steps.append((bare.get("s"), (tok[:-1], "s")))
        for nxt, add in steps:
            if nxt is None:
                continue
            if nxt.get(None):
                yield q, nxt, toks + add
            stack.append((q + 1, nxt, toks + add))


def registry_matches(doc, registry: ActorRegistry) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """Registry mentions as (doc token start, doc token end exclusive, actor id)."""
    common = lang.of(doc).actors.COMMON_WORDS
    folded = _doc_tokens(doc)
    lows = [f.lower() for _, f in folded]
    trie = registry.trie
    cands: list[_Match] = []
    n = len(folded)
    for p in range(n):
        for q, node, toks in _walk(trie, folded, lows, p):
            for ident, alias, cased, context in node[None]:
                if not case_ok(alias, cased, toks):
                    continue
                if (alias.case == "exact" and len(cased) == 1 and cased[0].lower() in common
                        and _shouting(folded, p)):
                    continue
                cands.append(_Match(p, q, ident, context))
                break
    cands.sort(key=lambda m: (m.context, -(m.end - m.start), m.start))
    taken = [False] * n
    chosen: list[_Match] = []
    full_ids = set()
    for m in cands:
        if m.context and (m.actor not in full_ids or _inside_longer_name(doc, folded[m.start][0])):
            continue
        if any(taken[k] for k in range(m.start, m.end + 1)):
            continue
        for k in range(m.start, m.end + 1):
            taken[k] = True
        chosen.append(m)
        if not m.context:
            full_ids.add(m.actor)
    chosen.sort(key=lambda m: m.start)
    spans = [(folded[m.start][0], folded[m.end][0] + 1, m.actor) for m in chosen]
    return spans, folded
