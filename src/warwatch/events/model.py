"""The event-type classifier: TF-IDF word and character n-grams and concept tokens
(``features.py``) with a linear model.

Fast on a CPU (thousands of snippets per second) and trained in a few seconds from the
language's sentences (``lang/<code>/event_sentences/*.tsv``, written by the warwatch authors).
The trained model is cached on disk, keyed by a data version (a hash of the training files,
the feature code and lexicon, ``MODEL_VERSION`` and the scikit-learn version), like the
gazetteer: ``$XDG_CACHE_HOME/warwatch/events-model-<version>.pkl``. Nothing binary is committed.

``WARWATCH_EVENT_MODEL`` (or the ``event_classifier`` component's ``model`` setting) points at
a model file trained by the user, for instance from an ACLED export with
``acled.train_from_acled(csv_path, out_path)`` (``warwatch train events --acled``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterable, Sequence

from .. import lang
from ..records import WarwatchError
from .features import concept_docs, normalize
from .taxonomy import CODES, NONE

MODEL_VERSION = "2"
"""Bump when features or the classifier change; cached models of other versions are ignored."""

ENV_VAR = "WARWATCH_EVENT_MODEL"


class EventModelError(WarwatchError):
    """Training data or a model file is invalid."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    source: str = ""


# --------------------------------------------------------------------------------------
# Training data


def read_examples(paths: Iterable[Path] | None = None, language: str | None = None) -> list[Example]:
    """``CODE<TAB>sentence`` lines from the language's shipped files (or ``paths``); ``#`` lines
    are comments."""
    files = sorted(lang.get(language).events.SENTENCES.glob("*.tsv")) if paths is None else [Path(p) for p in paths]
    out: list[Example] = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            label, sep, text = line.partition("\t")
            label, text = label.strip(), text.strip()
            if not sep or not text:
                raise EventModelError(f"{path.name}:{n}: expected CODE<TAB>sentence")
            if label not in CODES and label != NONE:
                raise EventModelError(f"{path.name}:{n}: unknown event type {label!r}")
            out.append(Example(text, label, f"{path.name}:{n}"))
    return out


def data_version(language: str | None = None) -> str:
    import sklearn

    from . import features
    from ..nlp.actors import DATA_DIR as ACTORS_DIR

    words = lang.get(language).events
    h = hashlib.sha256(f"{MODEL_VERSION};sklearn={sklearn.__version__};".encode())
    # the classifier, its features and the language's lexicon
    for path in (Path(__file__), Path(features.__file__), Path(words.__file__)):
        h.update(path.read_bytes())
    # the training sentences, and the packaged actor registry that masks names in them
    for path in [*sorted(words.SENTENCES.glob("*.tsv")), *sorted(ACTORS_DIR.glob("*.yaml"))]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def cache_path(version: str | None = None, language: str | None = None) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warwatch" / f"events-model-{version or data_version(language)}.pkl"


# --------------------------------------------------------------------------------------
# Model


@dataclass
class EventModel:
    """A fitted vectoriser + linear classifier. ``labels`` may include ``NONE``."""

    vectorizer: object
    classifier: object
    labels: list[str]
    info: dict = field(default_factory=dict)
    language: str = "en"
    """The language of its training text (models saved before it was recorded are English)."""

    def _scores(self, texts: Sequence[str]):
        X = self.vectorizer.transform([normalize(t, self.language) for t in texts])
        return self.classifier.decision_function(X)

    def predict(self, texts: Sequence[str], *, allow_none: bool = False) -> list[str]:
        """One code per text. ``NONE`` only when ``allow_none`` (else the best real type)."""
        if not texts:
            return []
        import numpy as np

        scores = np.asarray(self._scores(texts))
        if scores.ndim == 1:   # two-class model
            scores = np.stack([-scores, scores], axis=1)
        if not allow_none and NONE in self.labels:
            scores[:, self.labels.index(NONE)] = -np.inf
        return [self.labels[i] for i in scores.argmax(axis=1)]

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        X = self.vectorizer.transform([normalize(t, self.language) for t in texts])
        probs = self.classifier.predict_proba(X)
        classes = list(self.classifier.classes_)
        return [dict(zip(classes, map(float, row))) for row in probs]


def _vectorizer(language: str | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    return FeatureUnion([
        ("concept", make_pipeline(
            FunctionTransformer(partial(concept_docs, language=lang.get(language).CODE)),
            TfidfVectorizer(analyzer=str.split, lowercase=False, sublinear_tf=True))),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w[\w'-]*\b")),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=1,
                                 sublinear_tf=True, max_features=300_000)),
    ])


def train(examples: Sequence[Example], *, C: float = 10.0, language: str | None = None) -> EventModel:
    """Fit a model on ``examples`` (any labels among the 30 codes and ``NONE``) in ``language``."""
    from sklearn.linear_model import LogisticRegression

    if not examples:
        raise EventModelError("no training examples")
    labels = sorted({e.label for e in examples})
    if len(labels) < 2:
        raise EventModelError("training needs at least two event types")
    code = lang.get(language).CODE
    vec = _vectorizer(code)
    X = vec.fit_transform([normalize(e.text, code) for e in examples])
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    clf.fit(X, [e.label for e in examples])
    counts = Counter(e.label for e in examples)
    return EventModel(vec, clf, list(clf.classes_),
                      info={"examples": len(examples), "per_type": dict(sorted(counts.items())),
                            "model_version": MODEL_VERSION}, language=code)


def save_model(model: EventModel, path: str | os.PathLike) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(model, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return path


def read_model(path: str | os.PathLike) -> EventModel:
    """Load a model file (a pickle: only load files you or warwatch wrote)."""
    try:
        with open(path, "rb") as fh:
            model = pickle.load(fh)
    except OSError as exc:
        raise EventModelError(f"{path}: cannot read event model ({exc.strerror or exc})") from exc
    except Exception as exc:  # noqa: BLE001 - a corrupt or foreign pickle
        raise EventModelError(f"{path}: not a warwatch event model ({exc})") from exc
    if not isinstance(model, EventModel):
        raise EventModelError(f"{path}: not a warwatch event model")
    return model


_lock = threading.Lock()
_loaded: dict[str, EventModel] = {}


def load_model(path: str | os.PathLike | None = None, language: str | None = None) -> EventModel:
    """The model to use: ``path``, else ``$WARWATCH_EVENT_MODEL``, else the language's built-in
    one (trained from its shipped sentences on first use and cached on disk). Cached per process."""
    explicit = path or os.environ.get(ENV_VAR)
    key = str(explicit) if explicit else f"builtin:{data_version(language)}"
    with _lock:
        if key in _loaded:
            return _loaded[key]
        if explicit:
            model = read_model(explicit)
        else:
            model = _builtin(cache_path(key.split(":", 1)[1]), language)
        _loaded[key] = model
        return model


def _builtin(path: Path, language: str | None = None) -> EventModel:
    if path.exists():
        try:
            return read_model(path)
        except EventModelError:
            pass  # rebuilt below
    model = train(read_examples(language=language), language=language)
    try:
        save_model(model, path)
    except OSError:
        pass  # read-only cache: keep the in-memory model
    return model


_concept_docs = concept_docs
"""The feature function under the name models pickled by earlier versions look up."""
