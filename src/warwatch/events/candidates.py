"""Candidate sentences: those that name an event cue, assert it, and are not background
(steps 1 and 2 of ``detect.py``'s module doc). The words are the language's
(``lang/<code>/events.py``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Sequence

from .. import lang
from .features import concept_spans, concept_tokens, may_name, normalize
from .records import EventCandidate

BACKGROUND_DAYS = 7
"""A dated event whose date period ended more than this many days before publication is background."""

EVENT_CONCEPTS = frozenset({
    "retake", "seize", "withdraw", "air", "arty", "ied", "grenade", "suicide", "chem", "explode",
    "kill", "protest", "disperse", "livefire", "riot", "mob", "abduct", "sex", "arrest", "agree",
    "claim", "disrupt", "base", "deploy", "crime", "natural", "accident", "clash",
})


def _lemma(tok) -> str:
    return tok.lower_


def _period_end(value: date, precision: str | None) -> date:
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        nxt = date(value.year + (value.month == 12), value.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    if precision == "week":
        return value + timedelta(days=6)
    return value


def _verb_of(sent):
    """The event verb of a sentence: its root, or the reported clause of a speech verb."""
    root = sent.root
    if _lemma(root) in lang.of(sent).events.SPEECH_VERBS:
        for child in root.children:
            if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
                return child
    return root


def _past_perfect(verb) -> bool:
    """"had seized", "had been massing", "had been taken"."""
    lx = lang.of(verb).events
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return lx.HAD in auxes and (verb.tag_ == "VBN" or lx.BEEN in auxes)


def _unreal(verb) -> bool:
    """A future, modal, intended or failed event ("would continue", "had to pull back", "plans
    to seize", "failed to storm")."""
    lx = lang.of(verb).events
    if any(c.dep_ == "aux" and c.lower_ in lx.MODALS for c in verb.children):
        return True
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lower_ in lx.INTENT:   # "wants its fighters kept away"
        return True
    if verb.dep_ == "xcomp" and verb.head.lower_ in lx.FAILED:   # "was unable to regain control"
        return True
    return any(c.dep_ == "neg" for c in verb.children)


def _participant_ok(tok) -> bool:
    t = tok
    while t.dep_ in ("compound", "conj", "amod", "appos") and t.head is not t:
        t = t.head
    return t.dep_ in ("nsubj", "nsubjpass") or (
        t.dep_ == "pobj" and t.head.lower_ in lang.of(tok).events.PARTICIPANT_PREPOSITIONS)


def _asserted(tok, sent) -> bool:
    """Whether an event cue is asserted by the sentence: not negated ("no casualties"), not
    in a relative clause ("the rebels who captured the town have since moved south"), and
    not under a modal, intended, negated or past-perfect verb on its way to the root."""
    lx = lang.of(tok).events
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == lx.NO) for c in tok.children):
        return False
    if tok.lower_ in lx.PARTICIPANT_CUES and not _participant_ok(tok):
        return False
    t = tok
    while True:
        if t.pos_ in ("VERB", "AUX") and (
                _unreal(t) or (_past_perfect(t) and not _reported(t))
                or (t.lower_ in lx.INTENT and any(c.dep_ == "xcomp" for c in t.children))):
            return False
        if t.dep_ == "relcl" and not _cleft(t.head):
            return False
        if t.i == sent.root.i or t.head is t:
            return True
        t = t.head


def _reported(verb) -> bool:
    """Reported speech, where the past perfect is only the backshift of a simple past ("an
    official said special forces had entered", "reports that its strikes had killed")."""
    lx = lang.of(verb).events
    return any(a.lower_ in lx.SPEECH_VERBS or a.lower_ in lx.REPORT_NOUNS for a in verb.ancestors)


def _cleft(noun) -> bool:
    """"It was the army that recaptured the town": the relative clause is the assertion."""
    return noun.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in noun.head.children)


def unasserted_reason(sent) -> str | None:
    """Why no event cue of ``sent`` reports an act (a short reason), or None if one does."""
    base = sent.start_char
    cues = []
    for s, e in concept_spans(sent.text, EVENT_CONCEPTS, sent.doc.lang_):
        span = sent.doc.char_span(base + s, base + e, alignment_mode="expand")
        if span is not None and len(span):
            cues.append(span.root)
    if not cues:
        return "no event cue"
    if any(_asserted(t, sent) for t in cues):
        return None
    return "event cues only negated, in relative clauses, modal or as bystanders"


def _held_for(verb) -> bool:
    """The event verb is a perfect of holding with a duration ("had held the town for three
    years"), the main clause's, not a relative clause's ("abandoned positions they had held
    for three years" reports the abandoning)."""
    lx = lang.of(verb).events
    if verb.lower_ not in lx.HOLD_VERBS:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in lx.PERFECT_AUX for c in verb.children):
        return False
    span = verb.doc[verb.left_edge.i:verb.right_edge.i + 1]
    return bool(lx.DURATION.search(span.text))


def background_reason(sent, dates: Sequence, published: date | None) -> str | None:
    """Why ``sent`` only mentions a past event (a short reason), or None if it reports one.

    A date of the last ``BACKGROUND_DAYS`` in the sentence ("clashes raged on Thursday", "last
    week militants had sent reinforcements") makes it news even when it also says since when
    a state has lasted or uses the past perfect."""
    lx = lang.of(sent).events
    text = sent.text
    verb = _verb_of(sent)
    recent = False
    old = False
    for d in dates:
        if d.value is None:
            continue
        if published is None:
            continue
        end = _period_end(d.value, d.precision)
        if end < published - timedelta(days=BACKGROUND_DAYS) or lx.EARLIER.search(d.text):
            old = True
        elif end <= published + timedelta(days=1) and not lx.SINCE_BEFORE.search(text[:d.start - sent.start_char]):
            recent = True
    if _past_perfect(verb) and not _reported(verb) and not recent:
        return "past perfect"
    if _unreal(verb):
        return "not a real event (modal, future, intent or negated)"
    if (text.lstrip()[:1] in "\"“'‘" and not lx.SCARE_QUOTE.match(text)) or lx.QUOTE_END.search(text):
        return "quotation"
    if not recent and (lx.SINCE.search(text) or (lx.HOLD_PERFECT.search(text) and lx.SINCE_WORD in text.lower())):
        return "state since"
    if _held_for(verb):
        return "state for a duration"   # "said IS had held the town for three years"
    if lx.CUMULATIVE.search(text) and any(c.dep_ == "aux" and c.lower_ in lx.PERFECT_AUX for c in verb.children):
        return "a toll summed over a period"
    if old and not recent:
        return "dated before publication"
    if lx.EARLIER.search(text) and not recent:
        return "earlier period"
    return None


def _pub_date(published) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return None


def candidate(text: str, language: str | None = None) -> bool:
    """Does ``text`` contain an event cue (a concept of the classifier's lexicon)?"""
    if not may_name(text, EVENT_CONCEPTS, language):
        return False
    toks = concept_tokens(normalize(text, language), language).split()
    return any(t[2:] in EVENT_CONCEPTS for t in toks if t.startswith("c_"))


def event_candidates(doc, analysis) -> list[EventCandidate]:
    """The sentences of ``doc`` that may report an event (steps 1 and 2 of the module doc)."""
    published = _pub_date(analysis.article.reported)
    out = []
    for sent in doc.sents:
        s_text = sent.text.strip()
        if len(s_text) < 15 or not candidate(s_text, doc.lang_):
            continue
        in_sent = [d for d in analysis.dates if sent.start_char <= d.start < sent.end_char]
        if background_reason(sent, in_sent, published) or unasserted_reason(sent):
            continue
        out.append(EventCandidate(sent, in_sent))
    return out
