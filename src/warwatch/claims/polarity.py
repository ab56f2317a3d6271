"""Polarity of a claim: does the speaker assert the content or deny it?

``polarity`` describes the speaker's act towards the content **as written**:

* ``deny``: a denial or rebuttal.
  - a denial cue: "denied", "refuted", "disputed", "rebutted", "contested", "repudiated",
    "contradicted", "debunked", the nouns "denial", "rebuttal";
  - "rejected" / "dismissed" when what is rejected is a statement: a clause ("rejected
    that ..."), a report noun ("rejected reports that ...", "dismissed the allegations"),
    or a falsity phrase ("dismissed as false reports that ...", "dismissed the claims as
    baseless"); "rejected the proposal" or "dismissed the commander" are not denials and
    not claims at all (:func:`classify` returns ``None``);
  - describing a statement as false: "described the reports as baseless / fabricated /
    lies / propaganda", "called the claims false";
  - a content that is itself a denial formula: "There is no truth to the claims that ...",
    "(these reports) are not true / untrue / false / baseless / lies", "There is no such
    thing as a ceasefire", "nothing but lies", "categorically (deny | reject)";
* ``assert``: everything else that is a claim.

**Negated cues are not claims.** "did not say", "has not confirmed", "would not comment",
"declined to confirm", "refused to deny", "did not deny": the speaker states nothing, so
there is nothing to assert or deny. In particular "has not confirmed" is *not* a denial
(Turkey not confirming a withdrawal does not say the withdrawal did not happen). These
attributions stay in ``find_attributions`` (the span benchmark counts them) but
``find_claims`` leaves them out.

**Content negation** is separate: ``content_negated`` is true when the content's own main
predicate is negative ("its forces had not crossed", "no civilians were killed", "never
entered"). "X said its forces had not crossed" is an *assertion of a negative*:
``polarity="assert"``, ``content_negated=True``. For a denial by formula ("There is no
truth to the claims that YPG forces are present") the content negation is computed on the
denied proposition ("YPG forces are present": not negated). The stance of the speaker on
the positive core of the content is therefore ``(polarity == "assert") != content_negated``
(:func:`holds_positive`): "denied that it had not withdrawn" (double negation) holds the
positive, "said it had not crossed" holds the negative. Contradiction detection should
compare that, not ``polarity`` alone.

"categorically", "flatly", "strongly" only intensify; they never make a denial by themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lang
from ..nlp.model import doc_text

__all__ = ["Polarity", "classify", "holds_positive"]

@dataclass(slots=True)
class Polarity:
    polarity: str
    """``assert`` or ``deny``."""
    content_negated: bool
    reason: str
    """Why: ``cue`` (denial cue), ``rejected-statement``, ``described-false``, ``formula``,
    ``assert``."""
    proposition: tuple[int, int] | None = None
    """Char span of the denied proposition when the denial is by formula or report noun."""


def holds_positive(polarity: str, content_negated: bool) -> bool:
    """Whether the speaker holds the positive core of the content to be true."""
    return (polarity == "assert") != content_negated


def cue_negated(doc, att) -> bool:
    """"did not say", "has not confirmed", "declined to confirm", "refused to deny"."""
    if att.cue_token is None or att.form in ("according", "colon"):
        return False
    lx = lang.of(doc).claims
    tok = doc[att.cue_token]
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == lx.NEVER) for c in tok.children):
        return True
    if tok.dep_ == "xcomp" and tok.head.lower_ in lx.REFUSE:
        return True
    # "said nothing about", "denied nothing"
    if any(c.dep_ == "dobj" and c.lower_ in lx.SAY_NOTHING for c in tok.children):
        return True
    return False


def _negated_root(doc, root) -> bool:
    if root is None:
        return False
    lx = lang.of(doc).claims
    for c in root.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "neg") and c.lower_ in lx.NEVER_NO):
            return True
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj" and (g.lower_ in lx.NOBODY
                                         or any(x.dep_ == "det" and x.lower_ == lx.NO for x in g.children)):
                    return True
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and (
                c.lower_ in lx.NO_ONE
                or any(g.dep_ == "det" and g.lower_ == lx.NO for g in c.children)):
            return True
    # "there were no casualties"
    if any(c.dep_ == "expl" for c in root.children):
        for c in root.children:
            if c.dep_ == "attr" and any(g.lower_ == lx.NO for g in c.children):
                return True
    return False


def _root_in(doc, start: int, end: int):
    """The syntactic head of the first sentence within chars start..end."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    toks = [t for t in span if not t.is_punct and not t.is_space]
    if not toks:
        return None
    inside = set(t.i for t in span)
    heads = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    return (verbs or heads or toks)[0]


def content_negated(doc, start: int, end: int, root_token: int | None = None) -> bool:
    root = doc[root_token] if root_token is not None else _root_in(doc, start, end)
    if root is not None and not (start <= root.idx < end):
        root = _root_in(doc, start, end)
    return _negated_root(doc, root)


def classify(doc, att) -> Polarity | None:
    """Polarity of attribution ``att`` (from ``find_attributions``), or None when it is no claim
    (a negated cue; "rejected"/"dismissed" something that is not a statement)."""
    lx = lang.of(doc).claims
    text = doc_text(doc)
    if cue_negated(doc, att):
        return None
    cs, ce = att.content[0]
    base = att.cue_base or ""
    cue_tok = doc[att.cue_token] if att.cue_token is not None else None

    # 1. denial cues
    if base in lx.DENY_VERBS or base in lx.DENY_NOUNS:
        prop = att.proposition
        neg = content_negated(doc, *(prop or (cs, ce)), None if prop else att.content_token)
        return Polarity("deny", neg, "cue", prop)
    if base in lx.REJECT_VERBS:
        if _rejects_statement(doc, att, cue_tok):
            prop = att.proposition
            neg = content_negated(doc, *(prop or (cs, ce)), None if prop else att.content_token)
            return Polarity("deny", neg, "rejected-statement", prop)
        return None

    # 2. "described ... as baseless"
    if cue_tok is not None and base in lx.DESCRIBE_BASES:
        seg = text[cs:ce]
        m = lx.AS_FALSE.search(seg)
        if m is not None or any(
                c.dep_ in ("oprd", "xcomp", "acomp") and c.i > cue_tok.i and {t.lower_ for t in c.subtree} & lx.FALSITY
                for c in cue_tok.children):
            prop = att.proposition
            neg = content_negated(doc, *prop) if prop else False
            return Polarity("deny", neg, "described-false", prop)

    # 3. a content that is a denial formula
    for seg_s, seg_e in att.content:
        seg = text[seg_s:seg_e]
        for pat in lx.FORMULAS:
            m = pat.search(seg)
            if m is None:
                continue
            prop = None
            if "prop" in pat.groupindex and m.group("prop"):
                ps = seg_s + m.start("prop")
                pe = ps + len(m.group("prop"))
                # the proposition ends with its sentence
                stop = re.search(r"[.!?][\"”’]?(\s|$)", text[ps:pe])
                if stop:
                    pe = ps + stop.start()
                if pe > ps:
                    prop = (ps, pe)
            neg = content_negated(doc, *prop) if prop else False
            return Polarity("deny", neg, "formula", prop)

    return Polarity("assert", content_negated(doc, cs, ce, att.content_token), "assert", None)


def _rejects_statement(doc, att, cue_tok) -> bool:
    if cue_tok is None:
        return False
    lx = lang.of(doc).claims
    if att.proposition is not None:
        return True
    for c in cue_tok.children:
        if c.dep_ in ("ccomp",):
            return True
        if c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in lx.REPORT_NOUNS or c.lower_ in lx.DEMONSTRATIVES):
            return True
        if c.dep_ == "prep" and c.lower_ == lx.AS:
            if {t.lower_ for t in c.subtree} & lx.FALSITY:
                return True
    # "the reports were dismissed as ..." / dobj with a falsity adjective
    for c in cue_tok.children:
        if c.dep_ == "dobj" and {t.lower_ for t in c.subtree} & lx.FALSITY:
            return True
    return False
