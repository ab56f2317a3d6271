"""Folding of names and alias tokens, shared by the registry and the per-document passes.

``fold`` makes "U.S." = "US", "Kata'ib" = "Kataib" and "Çavuşoğlu" = "Cavusoglu"; aliases are
split into tokens by the registry language's spaCy tokenizer (``spacy.blank(code)``), so they
split as the document's tokens do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANS = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h",
    "ß": "ss", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'",
    "ʿ": "'", "ʾ": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
})
SKIP = frozenset({"", "-", "'", '"'})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold one token: no diacritics, one apostrophe style, no inner dots or apostrophes."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if len(text) > 1:
        text = text.replace(".", "").replace("'", "")
    return text


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_phrase(text).lower()).strip("-")


def fold_phrase(text: str) -> str:
    return " ".join(fold(part) for part in text.split())


@lru_cache(maxsize=8)
def _tokenizer(code: str):
    import spacy

    return spacy.blank(code).tokenizer


def alias_tokens(text: str, code: str) -> tuple[str, ...]:
    """The folded tokens of an alias, split by the tokenizer of language ``code``."""
    folded = (fold(tok.text) for tok in _tokenizer(code)(text))
    return tuple(t for t in folded if t not in SKIP and not t.isspace())
