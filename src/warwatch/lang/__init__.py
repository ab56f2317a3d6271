"""Language data: every word list, cue and template the rules read, one package per language.

``warwatch/lang/en/`` holds English: ``actors`` (roles, demonyms, organisation cues),
``countries`` (the gazetteer's demonyms and country aliases), ``places`` (locative cues),
``dates`` (month and weekday names, date grammar), ``events`` (event cues, tolls, background,
the classifier's concept lexicon) with ``event_sentences/`` (its training sentences),
``attribution`` (attribution cues), ``claims`` (denial, falsity and speaker words), ``control``
(capture, holding and fighting cues), ``contradictions`` (proposition cues), ``reasons`` (the
sentences that explain a contradiction), ``reconcile`` (toll bounds and scope statements, for the corpus stage) and ``inflect`` (verb forms). A second language is a new folder with the same modules plus its spaCy model
names (``SPACY_MODELS`` in its ``__init__``), selected with the ``lang`` setting; rule code
asks for the data of the document's language (``of(doc)``, ``get(code)``), never imports a
language's folder directly.

What stays English-shaped in the rules themselves, for a second language to revisit: names are
recognised partly by capital letters (title-case names, all-capital initialisms and
datelines); the rules read spaCy's English label sets (Penn tags such as ``VBN``, ClearNLP
dependency labels, OntoNotes entity labels), which another language's model may not use; and
the gazetteer folds names with Arabic-article and transliteration rules (``nlp/normalize.py``)
shared by its build and its lookups.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

from ..records import WarwatchError

DEFAULT = "en"


class LanguageNotSupported(WarwatchError):
    """No ``warwatch/lang/<code>/`` folder for a configured language."""


@lru_cache(maxsize=None)
def get(code: str | None = None) -> ModuleType:
    """The language data package for ``code`` (an ISO 639-1 code; default English)."""
    code = (code or DEFAULT).lower()
    if not code.isalpha():
        raise LanguageNotSupported(f"{code!r} is not a language code")
    try:
        return importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{code}":
            raise
        raise LanguageNotSupported(f"no language data for {code!r} (warwatch/lang/{code}/ is missing)") from None


def of(obj) -> ModuleType:
    """The language data of a spaCy ``Doc``, ``Span`` or ``Token`` (its ``lang_``)."""
    doc = getattr(obj, "doc", obj)
    return get(getattr(doc, "lang_", None) or DEFAULT)
