"""Attributions: who said (or believes, or reports) what, as source / cue / content spans.

``find_attributions(doc)`` (``cues.py``) takes the spaCy ``Doc`` of an article (``load_nlp()``: tagger,
dependency parser, NER; no lemmatizer) and returns :class:`Attribution` records with
character spans into ``doc.text``. It is rule-based: a hand-written cue lexicon (below)
plus rules over the dependency parse.

Forms
-----
* **verb cues** with a clausal complement: "X said (that) ...", "X denied that ...",
  "X believes ...", "X wants to ..." (intent verbs take their ``to``-clause); source = the
  subject (or the subject of the clause a participle or conjunct hangs from: "..., saying
  ..."), the agent of a passive ("was quoted by X"), none for "it was reported that";
* **verb cues with an object** for verbs whose object is the content ("announced a truce",
  "denied the report", "described the operation as an occupation", "accused X of Y");
  listener objects ("told reporters") are not content;
* **direct quotes**: the quoted text is the content of the cue next to it, wherever the
  parser attached it ("“...,” he said.", "said: “...”", "“...,” said the minister.");
  quotes run over several sentences and are continued in following sentences or
  paragraphs of quotation ("“A,” he said. “B.”" is one attribution with two content
  segments);
* **"according to X"**: content = the rest of the sentence;
* **noun cues** with a ``that``-clause: "the claim that ...", "reports that ...",
  "fears that ..."; source = the possessor ("Turkey's claim"), a ``by``/``from`` phrase,
  or the subject of a light verb ("X issued a statement that ...");
* **headline colons**: "Ankara: no ceasefire agreed" (a name then a colon).

Attributions whose cue lies inside another attribution's content (a cue inside a quote)
are dropped: the outer one carries the whole statement (PolNeAR's convention as well).

Cue lexicon
-----------
The language's (``lang/<code>/attribution.py``): verb cues by class, noun and adjective
cues. Classes: ``speech``, ``deny``, ``report``, ``belief``, ``intent``, ``stance``, plus
``according`` ("according to"), ``quote`` (a quotation with no cue word) and ``colon``.
The rules are in ``cues.py``, quotations in ``quotes.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .. import lang
from .quotes import Span, quote_regions

__all__ = ["Attribution", "drop_nested", "quote_regions", "trim_mark", "verb_base"]


def verb_base(word: str, language: str | None = None) -> str | None:
    """The lexicon base form of a verb form ("denied" -> "deny"), else None."""
    return lang.get(language).attribution.verb_base(word)


@dataclass(slots=True)
class Attribution:
    """One attributed statement. All spans are character offsets into ``doc.text``."""

    cue: Span | None
    content: list[Span]
    """One or more segments (a quote interrupted by "he said" has two)."""
    source: Span | None = None
    form: str = "verb"
    """``verb``, ``object``, ``quote``, ``according``, ``noun``, ``colon``."""
    cue_class: str = "speech"
    """``speech``, ``deny``, ``report``, ``belief``, ``intent``, ``according``, ``quote``, ``colon``."""
    cue_base: str | None = None
    """Lexicon base of the cue word ("denied" -> "deny"; "according"; a noun cue itself)."""
    cue_token: int | None = None
    """Token index of the cue word in the Doc."""
    source_token: int | None = None
    """Token index of the source's head word."""
    content_token: int | None = None
    """Token index of the content's head (the complement clause's verb, the object)."""
    proposition: Span | None = None
    """For "rejected reports that X" / "the claim that X": the span of X."""
    quoted: bool = False
    """The content is (or contains) a direct quotation."""

    @property
    def start(self) -> int:
        return min(s for s, _ in self.spans())

    @property
    def end(self) -> int:
        return max(e for _, e in self.spans())

    @property
    def content_start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def content_end(self) -> int:
        return max(e for _, e in self.content)

    def spans(self) -> list[Span]:
        out = list(self.content)
        if self.cue:
            out.append(self.cue)
        if self.source:
            out.append(self.source)
        return out

    def to_json(self) -> dict:
        return {"source": list(self.source) if self.source else None,
                "cue": list(self.cue) if self.cue else None,
                "content": [list(s) for s in self.content], "form": self.form,
                "cue_class": self.cue_class}


def trim_mark(clause) -> tuple[int, int]:
    left, right = clause.left_edge.i, clause.right_edge.i
    doc = clause.doc
    while left < right and (doc[left].dep_ == "mark" or doc[left].is_punct):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return left, right


def drop_nested(found: list[Attribution], doc) -> list[Attribution]:
    """Drop attributions whose cue lies inside another attribution's content."""
    # content spans sorted by start, so each cue is checked only against spans that could hold it
    spans = sorted((s, e, i) for i, b in enumerate(found) for s, e in b.content)
    starts = [s for s, _, _ in spans]
    longest = max((e - s for s, e, _ in spans), default=0)
    out = []
    for i, a in enumerate(found):
        if a.cue is None:
            out.append(a)
            continue
        cs, ce = a.cue
        nested = False
        k = bisect_right(starts, cs) - 1
        while k >= 0 and starts[k] >= cs - longest:
            s, e, j = spans[k]
            if j != i and ce <= e:
                nested = True
                break
            k -= 1
        if not nested:
            out.append(a)
    # one attribution per content span: keep the first (the outermost cue)
    seen: set[tuple] = set()
    uniq = []
    for a in out:
        key = tuple(a.content)
        if key in seen:
            continue
        seen.add(key)
        uniq.append(a)
    return uniq
