"""Quotations in an article's text, and the per-document view the attribution rules share."""

from __future__ import annotations

import re

from .. import lang
from ..nlp.model import doc_text

Span = tuple[int, int]



def quote_regions(text: str, language: str | None = None) -> list[Span]:
    """Spans of quotations (marks included), paired within each paragraph.

    Curly quotes pair by direction; straight quotes alternate, an opening one being at the
    start of a word. A quotation left open at the end of a paragraph ends there (news style
    reopens it in the next paragraph). Single quotes are not quotations here (apostrophes,
    quotes inside quotes).
    """
    lx = lang.get(language).attribution
    out: list[Span] = []
    pos = 0
    for para in re.split(r"(\n\s*\n)", text):
        if para.strip() and not para.startswith("\n"):
            out.extend((pos + s, pos + e) for s, e in _para_quotes(para, lx))
        pos += len(para)
    return out


def _para_quotes(para: str, lx) -> list[Span]:
    out: list[Span] = []
    open_at: int | None = None
    for i, ch in enumerate(para):
        if ch in lx.QUOTE_OPEN or (ch == '"' and open_at is None and _opens(para, i)):
            if open_at is None:
                open_at = i
        elif ch in lx.QUOTE_CLOSE or ch == '"':
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


class DocView:
    """Per-document helpers: token <-> char offsets, sentences, quotes."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.lx = lang.of(doc).attribution
        self.quotes = quote_regions(self.text, doc.lang_)
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
        while i <= j and (doc[i].is_punct and doc[i].text not in self.lx.QUOTE_OPEN + '"' or doc[i].is_space):
            i += 1
        while j >= i and (doc[j].is_punct and doc[j].text not in self.lx.QUOTE_CLOSE + '"' or doc[j].is_space):
            j -= 1
        return (i, j) if i <= j else None
