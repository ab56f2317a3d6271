"""Language data: every word list, cue and template the rules read, one package per language.

``warwatch/lang/en/`` holds English: ``words`` (speech, negation, modality, numbers), ``actors``
(roles, demonyms), ``places`` (locative cues), ``countries`` (demonyms and short names of
countries, read by the gazetteer), ``dates`` (month and weekday names, date
grammar), ``events`` (event cues, tolls, background), ``claims`` (attribution and polarity
cues), ``control`` (capture, holding and fighting cues), ``reasons`` (the sentences that
explain a contradiction), ``inflect`` (verb forms) and the event classifier's training
sentences. A second language is a new folder with the same modules plus its spaCy model
names (``SPACY_MODELS`` in its ``__init__``), selected with the ``lang`` setting; rule code
asks for the data of the document's language (``get(doc.lang_)``), never imports a
language's folder directly.
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
