"""Attributions: who said (or believes, or reports) what, as source / cue / content spans.

``find_attributions(doc)`` takes the spaCy ``Doc`` of an article (``load_nlp()``: tagger,
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
Written by hand for warwatch (not derived from any corpus). The pipeline runs spaCy
without its lemmatizer, so verb forms are generated here (``FORMS``: form -> base).
Classes: ``speech`` (say, tell, announce, warn ...), ``deny`` (deny, reject, refute,
dismiss, dispute ...), ``report`` (report, show, find: media, monitors, polls),
``belief`` (think, believe, expect, fear ...), ``intent`` (want, plan, intend, seek ...),
``stance`` (support, oppose, endorse, discuss, cite: opinions and topics, which PolNeAR
annotates too), ``according`` ("according to"), ``quote`` (a quotation with no cue word),
``colon``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from ..nlp.model import doc_text
from ..lang.en.inflect import verb_forms

__all__ = ["Attribution", "find_attributions", "quote_regions", "verb_base", "VERB_CLASS",
           "NOUN_CUES"]

_SPEECH = """
say tell state add announce claim declare explain insist argue assert maintain note stress
emphasize emphasise warn caution urge vow pledge promise predict suggest acknowledge admit
concede confirm reveal disclose allege accuse charge complain criticize criticise condemn
denounce blast slam lambast praise hail welcome defend question ask answer reply respond
counter retort write tweet post comment remark mention describe characterize characterise
label brand quote recall testify conclude estimate boast brag joke quip agree disagree
demand threaten propose recommend advise repeat reiterate echo signal indicate imply hint
bemoan recount relay muse opine interject chime scold chide rebuke taunt tease
underscore underline highlight spell float broach inquire deride scoff sneer snap fume vent
gripe grumble moan whine bristle balk plead beg implore theorize theorise posit surmise
email text telephone phone proclaim preach pronounce certify verify
contend assure reassure speculate observe proclaim shout yell whisper cry protest object
lament mock ridicule predict blame thank applaud congratulate call dub term order
instruct request insist swear attest guarantee forecast project tout champion decry deplore
lament regret apologize apologise accept express voice raise cite concur affirm reaffirm
stipulate specify inform notify advertise publicize publicise announce portray paint
frame clarify elaborate detail outline summarize summarise""".split()

_DENY = """deny reject refute dismiss dispute rebut contest repudiate disavow contradict
debunk disclaim gainsay negate""".split()

_REPORT = """report show find document publish record count tally reveal indicate suggest
estimate put register log monitor""".split()

_BELIEF = """think believe feel know expect fear worry suspect doubt assume consider reckon
understand realize realise recognize recognise view regard trust wonder imagine anticipate
learn hear remember forget figure guess presume suppose perceive sense see judge deem
acknowledge conclude bet gather infer deduce foresee envision envisage appreciate""".split()

_STANCE = """support back endorse oppose favor favour champion advocate applaud cheer
discuss talk speak refer cite list vote encourage campaign lobby press push rail lash
fault credit""".split()

_INTENT = """want plan intend seek aim wish prefer refuse decide hope vow pledge promise
threaten demand urge""".split()

# a clause is needed for these (they are too common with a plain object)
NEEDS_CLAUSE = frozenset("""email text telephone phone spell float gather bet appreciate
find show see know hear learn feel figure remember forget put
record count register log monitor understand recognize recognise realize realise consider
judge sense perceive imagine accept express raise cite voice answer question call order add
note post write hold""".split())

# the object of these is the listener, not the content
RECIPIENT_OBJECT = frozenset("tell ask inform notify assure reassure urge warn thank advise instruct "
                             "order request remind".split())

def _classes() -> dict[str, str]:
    out: dict[str, str] = {}
    # later classes do not override earlier ones: deny first, then speech, report, belief, intent
    for cls, words in (("deny", _DENY), ("speech", _SPEECH), ("report", _REPORT),
                       ("belief", _BELIEF), ("intent", _INTENT),
                       ("stance", _STANCE)):
        for w in words:
            out.setdefault(w, cls)
    return out


VERB_CLASS: dict[str, str] = _classes()
"""Base form -> cue class."""

FORMS: dict[str, str] = {}
for _base in VERB_CLASS:
    for _form in verb_forms(_base):
        FORMS.setdefault(_form, _base)


def verb_base(word: str) -> str | None:
    """The lexicon base form of a verb form ("denied" -> "deny"), else None."""
    return FORMS.get(word.lower())


NOUN_CUES: dict[str, str] = {}
for _cls, _words in (
    ("speech", "statement statements claim claims assertion assertions allegation allegations "
               "accusation accusations announcement remark remarks comment comments argument "
               "insistence contention warning warnings promise promises pledge pledges word "
               "admission acknowledgement acknowledgment testimony suggestion message declaration "
               "charge charges insinuation speech interview quote"),
    ("deny", "denial denials rejection rebuttal"),
    ("report", "report reports reporting finding findings estimate estimates data figures "
               "survey poll polls study analysis account accounts news rumor rumors rumour rumours "
               "indication indications evidence"),
    ("belief", "belief beliefs view views opinion assessment fear fears concern concerns hope "
               "hopes expectation expectations suspicion suspicions doubt doubts impression "
               "perception sense conviction feeling understanding"),
    ("intent", "plan plans intention intentions goal aim desire wish"),
):
    for _w in _words.split():
        NOUN_CUES[_w] = _cls

ADJ_CUES = frozenset("""confident convinced sure certain aware optimistic hopeful worried concerned
afraid adamant unsure skeptical sceptical pessimistic insistent positive doubtful fearful
determined clear""".split())

# light verbs whose subject is the source of their noun-cue object ("X issued a statement")
LIGHT_VERBS = frozenset("make made makes making issue issued issues issuing release released "
                        "releases releasing repeat repeated repeats reiterate reiterated express "
                        "expressed voice voiced give gave given offer offered have has had "
                        "publish published deliver delivered".split())

PRONOUNS = frozenset("he she they it we i you him her them us me".split())


# --------------------------------------------------------------------------------------
# Records

Span = tuple[int, int]


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


# --------------------------------------------------------------------------------------
# Quotations

_OPEN = "“«„"
_CLOSE = "”»"


def quote_regions(text: str) -> list[Span]:
    """Spans of quotations (marks included), paired within each paragraph.

    Curly quotes pair by direction; straight quotes alternate, an opening one being at the
    start of a word. A quotation left open at the end of a paragraph ends there (news style
    reopens it in the next paragraph). Single quotes are not quotations here (apostrophes,
    quotes inside quotes).
    """
    out: list[Span] = []
    pos = 0
    for para in re.split(r"(\n\s*\n)", text):
        if para.strip() and not para.startswith("\n"):
            out.extend((pos + s, pos + e) for s, e in _para_quotes(para))
        pos += len(para)
    return out


def _para_quotes(para: str) -> list[Span]:
    out: list[Span] = []
    open_at: int | None = None
    for i, ch in enumerate(para):
        if ch in _OPEN or (ch == '"' and open_at is None and _opens(para, i)):
            if open_at is None:
                open_at = i
        elif ch in _CLOSE or ch == '"':
            if open_at is not None:
                out.append((open_at, i + 1))
                open_at = None
    if open_at is not None:
        end = len(para.rstrip())
        if end - open_at > 1:
            out.append((open_at, end))
    return out


def _opens(para: str, i: int) -> bool:
    before = para[i - 1] if i else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


# --------------------------------------------------------------------------------------
# Rules over the parse

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_FALSE_WORDS = frozenset("false baseless fabricated fabrication fabrications untrue unfounded lie lies "
                         "lying propaganda groundless bogus fake nonsense fiction invented rumour "
                         "rumours rumor rumors slander disinformation misinformation "
                         "incorrect inaccurate wrong absurd ridiculous".split())
_DESCRIBE = frozenset("describe characterize characterise label brand dub term call portray paint "
                      "frame view regard see consider dismiss reject".split())
_CLAUSE_DEPS = ("ccomp", "parataxis")
_EXPLETIVE = frozenset({"it", "there"})


_XCOMP_OK = frozenset("vow pledge promise threaten refuse agree demand urge claim expect hope wish "
                      "try attempt decline offer propose prefer vote".split())
_XCOMP_SPEECH = frozenset("vow pledge promise threaten claim appear".split())
_ANONYMOUS_RE = re.compile(r"\b(named|identified|quoted by name|name not be published)\b")
_WH = frozenset("what which who whom whatever whoever how why where when".split())
_NOT_CONTENT = frozenset("comment comments".split())
_OBJ_FOR = frozenset("praise thank blame criticize criticise fault credit accuse condemn "
                     "denounce applaud congratulate slam blast lambast mock".split())
_PREP_ANY = frozenset({"about", "of", "on", "over"})
_PREP_FOR = frozenset("call push argue advocate vote praise thank blame criticize criticise cheer "
                      "campaign press lobby appeal plead ask demand fault credit apologize apologise "
                      "speak testify".split())
_PREP_AT = frozenset("hint point jab swipe lash fire scoff laugh rail hit".split())
_PREP_TO = frozenset("refer respond reply object point allude react appeal turn agree".split())
_PREP_AGAINST = frozenset("warn argue speak campaign vote rail testify lobby protest caution".split())


def _prep_ok(base: str, cls: str, prep: str) -> bool:
    if base in ("say", "tell", "add", "ask", "write", "post", "tweet") and prep != "about":
        return False
    if prep in _PREP_ANY:
        return cls in ("speech", "deny", "stance", "belief") or base in ("hear", "learn", "know")
    if prep == "for":
        return base in _PREP_FOR
    if prep == "at":
        return base in _PREP_AT
    if prep == "to":
        return base in _PREP_TO
    if prep == "against":
        return base in _PREP_AGAINST
    if prep == "with":
        return base in ("agree", "disagree", "side", "concur")
    return False


def _is_passive(tok) -> bool:
    return any(c.dep_ == "auxpass" for c in tok.children) or any(c.dep_ == "nsubjpass" for c in tok.children)


class _Doc:
    """Per-document helpers: token <-> char offsets, sentences, quotes."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.quotes = quote_regions(self.text)
        self.quote_of_char: dict[int, int] = {}
        self.tok_quote: list[int | None] = [None] * len(doc)
        self.para: list[int] = []
        n = 0
        for tok in doc:
            if tok.is_space and "\n" in tok.text:
                n += 1
            self.para.append(n)
        for qi, (s, e) in enumerate(self.quotes):
            for tok in doc.char_span(s, e, alignment_mode="expand") or ():
                if s <= tok.idx and tok.idx + len(tok) <= e:
                    self.tok_quote[tok.i] = qi

    def clip(self, i: int, j: int, anchor: int) -> tuple[int, int]:
        """Tokens i..j clipped to the paragraph of token ``anchor``."""
        p = self.para[anchor]
        while i < anchor and self.para[i] != p:
            i += 1
        while j > anchor and self.para[j] != p:
            j -= 1
        return i, j

    def chars(self, i: int, j: int) -> Span:
        """Char span of tokens i..j inclusive."""
        return self.doc[i].idx, self.doc[j].idx + len(self.doc[j])

    def trim(self, i: int, j: int) -> tuple[int, int] | None:
        """Tokens i..j without punctuation at either end (quote marks kept)."""
        doc = self.doc
        while i <= j and (doc[i].is_punct and doc[i].text not in _OPEN + '"' or doc[i].is_space):
            i += 1
        while j >= i and (doc[j].is_punct and doc[j].text not in _CLOSE + '"' or doc[j].is_space):
            j -= 1
        return (i, j) if i <= j else None


def _is_verb(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB",)


def _subject(tok, para: int | None = None):
    """The subject of ``tok`` (nearest one, in the same paragraph when ``para`` is given)."""
    subs = [c for c in tok.children if c.dep_ in _SUBJ]
    if para is not None:
        doc = tok.doc
        subs = [c for c in subs if not any(doc[k].is_space and "\n" in doc[k].text
                                           for k in range(min(c.i, tok.i), max(c.i, tok.i)))]
    if not subs:
        return None
    return min(subs, key=lambda c: abs(c.i - tok.i))


def _agent(tok):
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _subtree_span(tok, stop: Iterable = ()) -> tuple[int, int]:
    """Left and right edge of ``tok``'s subtree, cut before any ``stop`` child that follows it."""
    left, right = tok.left_edge.i, tok.right_edge.i
    for c in stop:
        if c.i > tok.i:
            right = min(right, c.left_edge.i - 1)
    return left, right


class _Finder:
    def __init__(self, doc):
        self.d = _Doc(doc)
        self.doc = doc
        self.out: list[Attribution] = []

    # -- verbs ---------------------------------------------------------------------------
    def verb_cue(self, tok) -> Attribution | None:
        if not _is_verb(tok) or tok.dep_ in ("amod", "compound", "nmod"):
            return None
        base = verb_base(tok.text)
        if base is None:
            return None
        cls = VERB_CLASS[base]
        if cls == "deny" and _is_passive(tok) and _agent(tok) is None:
            return None  # "the disputed village", "the town is contested"
        content = self._clause_content(tok, base, cls)
        if content is not None and self._content_tok is not None and self.doc[self._content_tok].dep_ == "xcomp":
            if base not in _XCOMP_SPEECH:
                cls = "intent"  # "urged residents to stay indoors", "refused to leave"
        if content is not None and base in ("ask", "request") and content[1] - content[0] < 90 \
                and _ANONYMOUS_RE.search(self.d.text[content[0]:content[1]]):
            return None  # "asked not to be named", "asked that his name not be published"
        form = "verb"
        proposition = None
        if content is None and base not in NEEDS_CLAUSE:
            obj = self._object_content(tok, base, cls)
            if obj is not None:
                content, proposition = obj
                form = "object"
        quoted = False
        if content is None:
            q = self._adjacent_quote(tok)
            if q is None:
                return None
            content = q
            form = "quote"
            quoted = True
        src = self._source(tok)
        cue = self.d.chars(tok.i, tok.i)
        prt = [c for c in tok.children if c.dep_ == "prt"]
        if prt:
            cue = (cue[0], self.d.chars(prt[-1].i, prt[-1].i)[1])
        return Attribution(cue=cue, content=[content], source=src, form=form, cue_class=cls,
                           cue_base=base, cue_token=tok.i, source_token=self._src_tok,
                           content_token=self._content_tok, proposition=proposition, quoted=quoted)

    def _clause_content(self, tok, base, cls) -> Span | None:
        d = self.d
        comps = [c for c in tok.children if c.dep_ in _CLAUSE_DEPS and c.i != tok.i]
        if cls in ("intent", "speech", "deny", "belief") and not comps:
            comps = [c for c in tok.children if c.dep_ == "xcomp"
                     and (cls == "intent" or base in _XCOMP_OK)]
        if base in RECIPIENT_OBJECT and not comps:
            comps = [c for c in tok.children if c.dep_ in ("xcomp",) ]
        comps = [c for c in comps if d.para[c.i] == d.para[tok.i]]
        if not comps:
            return None
        comp = min(comps, key=lambda c: abs(c.i - tok.i))
        # a parataxis clause before the verb is a quote only if it is quoted
        if comp.dep_ == "parataxis" and d.tok_quote[comp.i] is None:
            return None
        stop = [c for c in comp.children if c.dep_ in ("advcl", "conj") and c.i > comp.i
                and verb_base(c.text) and c.text.endswith("ing")]
        left, right = d.clip(*_subtree_span(comp, stop), comp.i)
        if comp.i > tok.i:
            left = max(left, tok.i + 1)
        else:
            right = min(right, tok.i - 1)
            src = _subject(tok)
            if src is not None and src.i < tok.i:
                right = min(right, src.left_edge.i - 1)
        self._content_tok = comp.i
        trimmed = d.trim(left, right)
        if trimmed is None:
            return None
        return self._with_quote(*trimmed, cue_i=tok.i)

    def _with_quote(self, i: int, j: int, cue_i: int) -> Span:
        """Chars of tokens i..j, extended to the whole quotation they are part of."""
        s, e = self.d.chars(i, j)
        semi = self.d.text.find(";", s, e)
        if semi > s and not any(qs <= semi < qe for qs, qe in self.d.quotes) and self.doc[cue_i].idx < s:
            e = semi  # "X said ...; Y rejected that report": one statement per clause
        if self.d.tok_quote[cue_i] is None:
            for qs, qe in self.d.quotes:
                if qs < e and s < qe and (qs < s or qe > e) and not (qs <= self.doc[cue_i].idx < qe):
                    # the clause is in a quotation: the content is the whole quotation
                    if qe - qs <= 3 * (e - s) + 400 or (qs <= s + 2 and qe >= e - 2):
                        s, e = min(s, qs), max(e, qe)
        return s, e

    def _object_content(self, tok, base, cls):
        d = self.d
        objs = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
        preps = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i]
        as_prep = next((p for p in preps if p.lower_ == "as"), None)
        proposition = None
        if objs and base in RECIPIENT_OBJECT:
            objs = []
        if sum(1 for c in tok.children if c.dep_ == "dative") and base in ("deny",):
            return None  # "denying poor families health care"
        if objs:
            obj = objs[0]
            if obj.lower_ in _WH or obj.lower_ in _NOT_CONTENT or obj.i < tok.i:
                return None
            left, right = _subtree_span(obj)
            self._content_tok = obj.i
            for c in tok.children:
                if c.i > obj.i and (c.dep_ in ("oprd", "xcomp") or as_prep is not None and c.i == as_prep.i and base in _DESCRIBE
                                    or c.dep_ == "prep" and c.lower_ in ("for", "of")
                                    and base in _OBJ_FOR):
                    right = max(right, c.right_edge.i)
            for c in obj.children:
                if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children):
                    proposition = d.chars(*_trim_mark(c))
        elif as_prep is not None and cls == "deny":
            # "dismissed as false reports that ..."
            pobj = next((c for c in as_prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                return None
            left, right = _subtree_span(pobj)
            self._content_tok = pobj.i
            for c in pobj.children:
                if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children):
                    proposition = d.chars(*_trim_mark(c))
        elif _is_passive(tok) and _agent(tok) is not None and cls in ("speech", "report", "deny", "stance"):
            subj = _subject(tok)
            if subj is None or subj.lower_ in _WH or subj.lower_ in _EXPLETIVE:
                return None
            left, right = _subtree_span(subj)
            self._content_tok = subj.i
        else:
            about = next((p for p in preps if _prep_ok(base, cls, p.lower_)), None)
            if about is None:
                return None
            pobj = next((c for c in about.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is None:
                return None
            left, right = _subtree_span(pobj)
            self._content_tok = pobj.i
        left, right = d.clip(left, right, self._content_tok)
        if left <= tok.i <= right:
            return None
        trimmed = d.trim(left, right)
        if trimmed is None:
            return None
        return self._with_quote(*trimmed, cue_i=tok.i), proposition

    def _adjacent_quote(self, tok) -> Span | None:
        """A quotation right before or after a speech verb in its sentence ("“...,” he said")."""
        if VERB_CLASS.get(verb_base(tok.text) or "") not in ("speech", "deny"):
            return None
        d, doc = self.d, self.doc
        if d.tok_quote[tok.i] is not None:
            return None
        sent = tok.sent
        # after: "said: “...”" (the quotation may be parsed as the next sentence)
        k = tok.i + 1
        while k < len(doc) and k <= tok.i + 4 and (doc[k].dep_ in ("prt", "advmod", "npadvmod")
                                                  or doc[k].text in (":", ",") or doc[k].is_space):
            k += 1
        if k < len(doc) and d.tok_quote[k] is not None and ":" in (doc[k - 1].text, doc[k - 2].text):
            return d.quotes[d.tok_quote[k]]
        # before: “...,” he said / “...,” said X
        k = tok.left_edge.i - 1 if _subject(tok) is not None and _subject(tok).i < tok.i else tok.i - 1
        while k >= sent.start and doc[k].text in (",", "—", "–", "-"):
            k -= 1
        if k >= sent.start - 1 and k >= 0 and d.tok_quote[k] is not None:
            return d.quotes[d.tok_quote[k]]
        return None

    def _source(self, tok) -> Span | None:
        d = self.d
        self._src_tok = None
        cur = tok
        for _ in range(8):
            if cur.i != tok.i and cur.dep_ == "ccomp" and verb_base(cur.head.text):
                cur = cur.head  # "X denied that ..., saying": the source is X
                continue
            subj = _subject(cur, d.para[cur.i])
            if subj is not None:
                if subj.text.lower() in _EXPLETIVE and subj.dep_ in ("nsubjpass", "expl") or subj.dep_ == "expl":
                    return None
                if subj.dep_ == "nsubjpass":
                    ag = _agent(cur)
                    if ag is None:
                        return None
                    subj = ag
                if subj.lower_ in ("that", "which", "who") and cur.dep_ == "relcl":
                    # the relative pronoun is the source span; its antecedent names it
                    self._src_tok = cur.head.i
                    return d.chars(subj.i, subj.i)
                left, right = d.clip(subj.left_edge.i, subj.right_edge.i, subj.i)
                if left <= tok.i <= right:
                    right = tok.i - 1
                    left = min(left, right)
                self._src_tok = subj.i
                t = d.trim(left, right)
                return d.chars(*t) if t else None
            ag = _agent(cur)
            if ag is not None:
                self._src_tok = ag.i
                return d.chars(ag.left_edge.i, ag.right_edge.i)
            if cur.i == tok.i and tok.tag_ in ("VBD", "VBZ", "VBP") and not _is_passive(tok):
                np = self._preceding_np(tok)
                if np is not None:
                    return np
            if cur.dep_ in ("advcl", "xcomp", "conj", "ccomp", "pcomp", "acomp", "prep") and cur.head.i != cur.i:
                if cur.dep_ == "ccomp" and cur.i != tok.i:
                    return None
                cur = cur.head
                continue
            if cur.dep_ in ("acl", "relcl") and cur.head.i != cur.i:
                head = cur.head
                self._src_tok = head.i
                return d.chars(head.left_edge.i, head.i)
            return None
        return None

    def _preceding_np(self, tok) -> Span | None:
        """A finite cue verb the parser left without a subject: the noun phrase before it."""
        d, doc = self.d, self.doc
        j = tok.i - 1
        while j >= tok.sent.start and (doc[j].tag_ in ("RB", ",") or doc[j].is_space):
            j -= 1
        if j < tok.sent.start or d.para[j] != d.para[tok.i] or d.tok_quote[j] is not None:
            return None
        if doc[j].pos_ not in ("PROPN", "NOUN", "PRON", "NUM"):
            return None
        left = doc[j].left_edge.i
        if left > j:
            left = j
        t = d.trim(*d.clip(left, j, j))
        if t is None:
            return None
        self._src_tok = j
        return d.chars(*t)

    def _clean_source(self, span: Span) -> Span | None:
        """Drop a dateline or heading swept into a subject ("WASHINGTON (AP) — Trump ...")."""
        s, e = span
        seg = self.d.text[s:e]
        cut = max(seg.rfind("—"), seg.rfind(" -- "), seg.rfind("\n"))
        if cut >= 0 and seg[cut + 1:].strip():
            rest = seg[cut + 1:]
            s = s + cut + 1 + (len(rest) - len(rest.lstrip(" -—\n")))
        return (s, e)

    # -- according to ------------------------------------------------------------------
    def according(self, tok) -> Attribution | None:
        if tok.lower_ != "according":
            return None
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            to = self.doc[tok.i + 1]
        if to is None:
            return None
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        d, doc = self.d, self.doc
        if pobj is not None:
            s_left, s_right = pobj.left_edge.i, pobj.right_edge.i
        else:
            s_left = to.i + 1
            s_right = s_left
            while s_right + 1 < tok.sent.end and not doc[s_right + 1].is_punct:
                s_right += 1
        pp_left, pp_right = min(tok.i, tok.left_edge.i), max(s_right, to.i)
        sent = tok.sent
        segs: list[Span] = []
        before = d.trim(sent.start, pp_left - 1)
        after = d.trim(pp_right + 1, sent.end - 1)
        if before:
            segs.append(d.chars(*before))
        if after:
            segs.append(d.chars(*after))
        if not segs:
            return None
        src = d.trim(s_left, s_right)
        self._content_tok = None
        return Attribution(cue=d.chars(tok.i, to.i), content=segs,
                           source=d.chars(*src) if src else None, form="according",
                           cue_class="according", cue_base="according", cue_token=tok.i,
                           source_token=pobj.i if pobj is not None else None,
                           content_token=sent.root.i if sent.root.i not in range(pp_left, pp_right + 1) else None)

    # -- noun cues -----------------------------------------------------------------------
    def adj_cue(self, tok) -> Attribution | None:
        """"X is confident that ...", "X was adamant that ...": a belief with the copula's subject."""
        if tok.lower_ not in ADJ_CUES or not tok.tag_.startswith("JJ") or tok.dep_ not in ("acomp", "ROOT"):
            return None
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if comp is None:
            return None
        d = self.d
        left, right = d.clip(*_subtree_span(comp), comp.i)
        t = d.trim(max(left, tok.i + 1), right)
        if t is None:
            return None
        head = tok.head if tok.dep_ == "acomp" else tok
        subj = _subject(head, d.para[head.i])
        src = src_tok = None
        if subj is not None and subj.lower_ not in _EXPLETIVE:
            l2, r2 = d.clip(subj.left_edge.i, subj.right_edge.i, subj.i)
            tt = d.trim(l2, min(r2, tok.i - 1))
            if tt:
                src, src_tok = d.chars(*tt), subj.i
        self._content_tok = comp.i
        return Attribution(cue=d.chars(tok.i, tok.i), content=[self._with_quote(*t, cue_i=tok.i)],
                           source=src, form="verb", cue_class="belief", cue_base=tok.lower_,
                           cue_token=tok.i, source_token=src_tok, content_token=comp.i)

    def noun_cue(self, tok) -> Attribution | None:
        low = tok.lower_
        if low not in NOUN_CUES or not tok.tag_.startswith("NN"):
            return None
        clause = None
        for c in tok.children:
            if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.i > tok.i and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                clause = c
                break
            if c.dep_ == "acl" and c.i > tok.i and verb_base(c.text) and c.text.endswith("ing"):
                return None  # "a statement saying ..." is the participle's attribution
        if clause is None:
            return None
        d = self.d
        left, right = _subtree_span(clause)
        t = d.trim(left, right)
        if t is None:
            return None
        src, src_tok = None, None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        if poss is not None:
            src, src_tok = d.chars(poss.left_edge.i, poss.i), poss.i
        elif by is not None and by.i < clause.i:
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                src, src_tok = d.chars(pobj.left_edge.i, pobj.right_edge.i), pobj.i
        elif tok.dep_ in ("dobj", "attr") and tok.head.lower_ in LIGHT_VERBS:
            subj = _subject(tok.head)
            if subj is not None:
                src, src_tok = d.chars(subj.left_edge.i, subj.right_edge.i), subj.i
        self._content_tok = clause.i
        content = self._with_quote(*t, cue_i=tok.i)
        return Attribution(cue=d.chars(tok.i, tok.i), content=[content], source=src, form="noun",
                           cue_class=NOUN_CUES[low], cue_base=low, cue_token=tok.i,
                           source_token=src_tok, content_token=clause.i,
                           proposition=d.chars(*_trim_mark(clause)))

    # -- headline colon ------------------------------------------------------------------
    def colon(self, sent) -> Attribution | None:
        doc, d = self.doc, self.d
        toks = [t for t in sent if not t.is_space]
        if len(toks) < 5:
            return None
        for k, t in enumerate(toks[:6]):
            if t.text == ":":
                head = toks[:k]
                if not head or not all(h.pos_ == "PROPN" or h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                                       or h.text in ("'s", "’s", "-") for h in head):
                    return None
                rest = d.trim(t.i + 1, sent.end - 1)
                if rest is None or rest[1] - rest[0] < 2:
                    return None
                self._content_tok = None
                return Attribution(cue=d.chars(t.i, t.i), content=[d.chars(*rest)],
                                   source=d.chars(head[0].i, head[-1].i), form="colon",
                                   cue_class="colon", cue_base=":", cue_token=t.i,
                                   source_token=head[-1].i, content_token=None)
        return None

    # -- all -----------------------------------------------------------------------------
    def run(self) -> list[Attribution]:
        doc = self.doc
        found: list[Attribution] = []
        for sent in doc.sents:
            a = self.colon(sent)
            if a is not None:
                found.append(a)
            for tok in sent:
                self._content_tok = None
                self._src_tok = None
                a = (self.according(tok) or self.verb_cue(tok) or self.noun_cue(tok)
                     or self.adj_cue(tok))
                if a is not None:
                    found.append(a)
        found = _drop_nested(found, doc)
        found = self._quotes(found)
        for a in found:
            if a.source is not None:
                a.source = self._clean_source(a.source)
            if not a.quoted:
                a.quoted = any(qs <= cs + 1 and ce - 1 <= qe for cs, ce in a.content
                               for qs, qe in self.d.quotes)
        found.sort(key=lambda a: (a.start, a.end))
        return found

    def _quotes(self, found: list[Attribution]) -> list[Attribution]:
        """Give every quotation no attribution covers a speaker.

        In order: a verb of the quotation's sentence outside it ("Rubio bemoaned that they
        “literally hate each other”", "“...,” he continued"); else the nearest quoting
        attribution in the same paragraph or the one before (a quotation continued over
        sentences or paragraphs) becomes its next content segment; else it stays a
        quotation without a known speaker. Attributions inside a quotation (the speaker's
        own "I think ...") give way to it.
        """
        d = self.d
        text = d.text
        for qs, qe in d.quotes:
            outside = [a for a in found if not (a.cue and qs <= a.cue[0] < qe)]
            if any(cs < qe and qs < ce for a in outside for cs, ce in a.spans()):
                continue
            if len(text[qs:qe].split()) < 4:
                continue
            a = self._quote_verb(qs, qe)
            if a is not None:
                found.append(a)
                continue
            para_s = text.rfind("\n\n", 0, qs)
            para_e = text.find("\n\n", qe)
            para_e = len(text) if para_e < 0 else para_e
            prev_para_s = text.rfind("\n\n", 0, max(para_s, 0))
            best = None
            for a in outside:
                if a.cue is None:
                    continue
                same = para_s < a.start and a.end <= para_e
                prev = prev_para_s < a.start < para_s and a.quoted
                if not (same or prev):
                    continue
                dist = qs - a.end if a.end <= qs else a.start - qe
                if dist < 0:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, a)
            if best is not None and (best[1].quoted or best[1].end <= qs):
                a = best[1]
                a.content.append((qs, qe))
                a.content.sort()
                a.quoted = True
            else:
                found.append(Attribution(cue=None, content=[(qs, qe)], source=None, form="quote",
                                         cue_class="quote", quoted=True))
        return _drop_nested(found, self.doc)

    def _quote_verb(self, qs: int, qe: int) -> Attribution | None:
        d, doc = self.d, self.doc
        first = doc.char_span(qs, qe, alignment_mode="expand")
        if first is None or not len(first):
            return None
        sents = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
        after = first[-1].sent.end
        if after < len(doc) and doc[after].idx - qe <= 2 and d.tok_quote[after] is None:
            sents[after] = doc[after].sent  # “...!” Murphy tweeted.
        para = d.para[first[0].i]
        # the verb the quotation hangs from, when it is outside the quotation
        gov = None
        for t in first:
            h = t.head
            if not (qs <= h.idx < qe) and _is_verb(h) and d.tok_quote[h.i] is None:
                gov = h
                break
        best = None
        for sent in sents.values():
            for t in sent:
                if d.tok_quote[t.i] is not None or d.para[t.i] != para or not _is_verb(t):
                    continue
                if t.tag_ == "MD" or t.dep_ in ("aux", "auxpass", "amod"):
                    continue
                base = verb_base(t.text)
                known = base is not None and VERB_CLASS[base] in ("speech", "deny", "report", "stance")
                src = self._source(t)
                if src is None and not known:
                    continue
                dist = qs - (t.idx + len(t)) if t.idx < qs else t.idx - qe
                if dist < 0:
                    continue
                key = (gov is None or t.i != gov.i, not known, dist)
                if best is None or key < best[0]:
                    best = (key, t, src, self._src_tok, base)
        if best is None:
            return None
        _, t, src, src_tok, base = best
        cue = d.chars(t.i, t.i)
        return Attribution(cue=cue, content=[(qs, qe)], source=src, form="quote",
                           cue_class=VERB_CLASS.get(base or "", "speech"), cue_base=base or t.lower_,
                           cue_token=t.i, source_token=src_tok, content_token=None, quoted=True)


def _trim_mark(clause) -> tuple[int, int]:
    left, right = clause.left_edge.i, clause.right_edge.i
    doc = clause.doc
    while left < right and (doc[left].dep_ == "mark" or doc[left].is_punct):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return left, right


def _drop_nested(found: list[Attribution], doc) -> list[Attribution]:
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


def find_attributions(doc) -> list[Attribution]:
    """Attributions in ``doc`` (a spaCy Doc with a dependency parse), in text order."""
    if not len(doc):
        return []
    return _Finder(doc).run()
