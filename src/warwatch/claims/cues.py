"""The attribution rules over the dependency parse: cue words (verbs, nouns, adjectives,
"according to", headline colons) and quotations, for one document (``CueFinder.run``).

The cue words are the language's (``lang/<code>/attribution.py``); see ``attribution.py``
for the forms the rules find.
"""

from __future__ import annotations

from typing import Iterable

from .attribution import Attribution, Span, drop_nested, trim_mark
from .quotes import DocView


def _prep_ok(base: str, cls: str, prep: str, lx) -> bool:
    if base in lx.NO_ABOUT and prep != "about":
        return False
    if prep in lx.PREP_ANY:
        return cls in ("speech", "deny", "stance", "belief") or base in lx.KNOW
    if prep == "for":
        return base in lx.PREP_FOR
    if prep == "at":
        return base in lx.PREP_AT
    if prep == "to":
        return base in lx.PREP_TO
    if prep == "against":
        return base in lx.PREP_AGAINST
    if prep == "with":
        return base in lx.AGREE
    return False


def _is_passive(tok) -> bool:
    return any(c.dep_ == "auxpass" for c in tok.children) or any(c.dep_ == "nsubjpass" for c in tok.children)


def _is_verb(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB",)


def _subject(tok, para: int | None = None):
    """The subject of ``tok`` (nearest one, in the same paragraph when ``para`` is given)."""
    subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
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


class CueFinder:
    """Attributions of one document: cue words, then quotations (``run``)."""

    def __init__(self, doc):
        self.d = DocView(doc)
        self.lx = self.d.lx
        self.doc = doc
        self.out: list[Attribution] = []

    # -- verbs ---------------------------------------------------------------------------
    def verb_cue(self, tok) -> Attribution | None:
        if not _is_verb(tok) or tok.dep_ in ("amod", "compound", "nmod"):
            return None
        base = self.lx.verb_base(tok.text)
        if base is None:
            return None
        cls = self.lx.VERB_CLASS[base]
        if cls == "deny" and _is_passive(tok) and _agent(tok) is None:
            return None  # "the disputed village", "the town is contested"
        content = self._clause_content(tok, base, cls)
        if content is not None and self._content_tok is not None and self.doc[self._content_tok].dep_ == "xcomp":
            if base not in self.lx.XCOMP_SPEECH:
                cls = "intent"  # "urged residents to stay indoors", "refused to leave"
        if content is not None and base in self.lx.ASK and content[1] - content[0] < 90 \
                and self.lx.ANONYMOUS_RE.search(self.d.text[content[0]:content[1]]):
            return None  # "asked not to be named", "asked that his name not be published"
        form = "verb"
        proposition = None
        if content is None and base not in self.lx.NEEDS_CLAUSE:
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
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i != tok.i]
        if cls in ("intent", "speech", "deny", "belief") and not comps:
            comps = [c for c in tok.children if c.dep_ == "xcomp"
                     and (cls == "intent" or base in self.lx.XCOMP_OK)]
        if base in self.lx.RECIPIENT_OBJECT and not comps:
            comps = [c for c in tok.children if c.dep_ in ("xcomp",) ]
        comps = [c for c in comps if d.para[c.i] == d.para[tok.i]]
        if not comps:
            return None
        comp = min(comps, key=lambda c: abs(c.i - tok.i))
        # a parataxis clause before the verb is a quote only if it is quoted
        if comp.dep_ == "parataxis" and d.tok_quote[comp.i] is None:
            return None
        stop = [c for c in comp.children if c.dep_ in ("advcl", "conj") and c.i > comp.i
                and self.lx.verb_base(c.text) and c.text.endswith(self.lx.ING)]
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
        as_prep = next((p for p in preps if p.lower_ == self.lx.AS), None)
        proposition = None
        if objs and base in self.lx.RECIPIENT_OBJECT:
            objs = []
        if sum(1 for c in tok.children if c.dep_ == "dative") and base in ("deny",):
            return None  # "denying poor families health care"
        if objs:
            obj = objs[0]
            if obj.lower_ in self.lx.WH or obj.lower_ in self.lx.NOT_CONTENT or obj.i < tok.i:
                return None
            left, right = _subtree_span(obj)
            self._content_tok = obj.i
            for c in tok.children:
                if c.i > obj.i and (c.dep_ in ("oprd", "xcomp") or as_prep is not None and c.i == as_prep.i and base in self.lx.DESCRIBE
                                    or c.dep_ == "prep" and c.lower_ in ("for", "of")
                                    and base in self.lx.OBJ_FOR):
                    right = max(right, c.right_edge.i)
            for c in obj.children:
                if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children):
                    proposition = d.chars(*trim_mark(c))
        elif as_prep is not None and cls == "deny":
            # "dismissed as false reports that ..."
            pobj = next((c for c in as_prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                return None
            left, right = _subtree_span(pobj)
            self._content_tok = pobj.i
            for c in pobj.children:
                if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children):
                    proposition = d.chars(*trim_mark(c))
        elif _is_passive(tok) and _agent(tok) is not None and cls in ("speech", "report", "deny", "stance"):
            subj = _subject(tok)
            if subj is None or subj.lower_ in self.lx.WH or subj.lower_ in self.lx.EXPLETIVE:
                return None
            left, right = _subtree_span(subj)
            self._content_tok = subj.i
        else:
            about = next((p for p in preps if _prep_ok(base, cls, p.lower_, self.lx)), None)
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
        if self.lx.VERB_CLASS.get(self.lx.verb_base(tok.text) or "") not in ("speech", "deny"):
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
            if cur.i != tok.i and cur.dep_ == "ccomp" and self.lx.verb_base(cur.head.text):
                cur = cur.head  # "X denied that ..., saying": the source is X
                continue
            subj = _subject(cur, d.para[cur.i])
            if subj is not None:
                if subj.text.lower() in self.lx.EXPLETIVE and subj.dep_ in ("nsubjpass", "expl") or subj.dep_ == "expl":
                    return None
                if subj.dep_ == "nsubjpass":
                    ag = _agent(cur)
                    if ag is None:
                        return None
                    subj = ag
                if subj.lower_ in self.lx.RELATIVE and cur.dep_ == "relcl":
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
        according, to_word = self.lx.ACCORDING
        if tok.lower_ != according:
            return None
        to = next((c for c in tok.children if c.lower_ == to_word), None)
        if to is None and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == to_word:
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
                           cue_class="according", cue_base=according, cue_token=tok.i,
                           source_token=pobj.i if pobj is not None else None,
                           content_token=sent.root.i if sent.root.i not in range(pp_left, pp_right + 1) else None)

    # -- noun cues -----------------------------------------------------------------------
    def adj_cue(self, tok) -> Attribution | None:
        """"X is confident that ...", "X was adamant that ...": a belief with the copula's subject."""
        if tok.lower_ not in self.lx.ADJ_CUES or not tok.tag_.startswith("JJ") or tok.dep_ not in ("acomp", "ROOT"):
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
        if subj is not None and subj.lower_ not in self.lx.EXPLETIVE:
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
        if low not in self.lx.NOUN_CUES or not tok.tag_.startswith("NN"):
            return None
        clause = None
        for c in tok.children:
            if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.i > tok.i and any(
                    m.dep_ == "mark" and m.lower_ == self.lx.THAT for m in c.children):
                clause = c
                break
            if c.dep_ == "acl" and c.i > tok.i and self.lx.verb_base(c.text) and c.text.endswith(self.lx.ING):
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
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in self.lx.BY_FROM), None)
        if poss is not None:
            src, src_tok = d.chars(poss.left_edge.i, poss.i), poss.i
        elif by is not None and by.i < clause.i:
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                src, src_tok = d.chars(pobj.left_edge.i, pobj.right_edge.i), pobj.i
        elif tok.dep_ in ("dobj", "attr") and tok.head.lower_ in self.lx.LIGHT_VERBS:
            subj = _subject(tok.head)
            if subj is not None:
                src, src_tok = d.chars(subj.left_edge.i, subj.right_edge.i), subj.i
        self._content_tok = clause.i
        content = self._with_quote(*t, cue_i=tok.i)
        return Attribution(cue=d.chars(tok.i, tok.i), content=[content], source=src, form="noun",
                           cue_class=self.lx.NOUN_CUES[low], cue_base=low, cue_token=tok.i,
                           source_token=src_tok, content_token=clause.i,
                           proposition=d.chars(*trim_mark(clause)))

    # -- headline colon ------------------------------------------------------------------
    def colon(self, sent) -> Attribution | None:
        d = self.d
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
        found = drop_nested(found, doc)
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
        return drop_nested(found, self.doc)

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
                base = self.lx.verb_base(t.text)
                known = base is not None and self.lx.VERB_CLASS[base] in ("speech", "deny", "report", "stance")
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
                           cue_class=self.lx.VERB_CLASS.get(base or "", "speech"), cue_base=base or t.lower_,
                           cue_token=t.i, source_token=src_tok, content_token=None, quoted=True)


def find_attributions(doc) -> list[Attribution]:
    """Attributions in ``doc`` (a spaCy Doc with a dependency parse), in text order."""
    if not len(doc):
        return []
    return CueFinder(doc).run()
