"""Building the pipeline from settings, checking it, and running it over documents."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from .. import plugins
from ..config import DEFAULT_COMPONENTS, load_settings
from ..records import Analysis, WarwatchError
from .offsets import prepare, settle

GIVEN = ("article",)
"""What every document has before the first component."""


class PipelineError(WarwatchError):
    """The configured pipeline cannot run: an unknown component, a missing input, a bad setting."""


class Pipeline:
    """The configured components, in order, each built once (models load here)."""

    def __init__(self, names: Sequence[str] = DEFAULT_COMPONENTS, *, lang: str = "en",
                 config: Mapping[str, Mapping[str, Any]] | None = None):
        factories = validate(names, lang=lang, config=config)
        self.lang = lang
        self.names = tuple(names)
        config = config or {}
        self.components = [factories[name](lang, **dict(config.get(name) or {})) for name in self.names]

    def __repr__(self) -> str:
        return f"Pipeline({', '.join(self.names)}; lang={self.lang})"

    def __call__(self, analysis: Analysis) -> None:
        """Run every component on one document; the spaCy doc is released at the end."""
        try:
            prepare(analysis)
            for component in self.components:
                component(analysis)
                analysis.touch()
            settle(analysis, analysis.title_shift)
        finally:
            analysis.release()

    def pipe(self, analyses: list[Analysis]) -> list[str | None]:
        """Run the components over a batch, component by component. Returns, per document,
        None or the reason it failed: when a component fails on the batch, each of its
        documents is analysed again on its own, so one bad document fails alone."""
        try:
            for analysis in analyses:
                prepare(analysis)
            for component in self.components:
                component.pipe(analyses)
                for analysis in analyses:
                    analysis.touch()
        except Exception:  # noqa: BLE001 - isolate the failing document below
            errors: list[str | None] = []
            for analysis in analyses:
                _reset(analysis)
                try:
                    self(analysis)
                    errors.append(None)
                except Exception as exc:  # noqa: BLE001 - a component's bug fails one document
                    _reset(analysis)
                    errors.append(f"{type(exc).__name__}: {exc}"[:300])
            return errors
        for analysis in analyses:
            settle(analysis, analysis.title_shift)
            analysis.release()
        return [None] * len(analyses)


def validate(names: Sequence[str], *, lang: str = "en",
             config: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, type]:
    """Check a pipeline before anything loads: the language has data, every component is
    installed, gets only settings it takes, and finds what it requires. Returns the factories."""
    from .. import lang as languages

    languages.get(lang)
    factories = plugins.load("warwatch.components")
    unknown = [n for n in names if n not in factories]
    if unknown:
        raise PipelineError(f"unknown pipeline component(s) {', '.join(map(repr, unknown))}; "
                            f"installed: {', '.join(sorted(factories))}")
    for name, options in (config or {}).items():
        if name not in names:
            raise PipelineError(f"settings for {name!r}, which is not in the pipeline ({', '.join(names)})")
        bad = sorted(set(options or {}) - set(factories[name].default_config))
        if bad:
            raise PipelineError(f"component {name!r} has no setting {', '.join(map(repr, bad))}; "
                                f"it takes: {', '.join(sorted(factories[name].default_config)) or 'none'}")
    check(names, factories)
    return factories


def check(names: Sequence[str], factories: Mapping[str, type]) -> None:
    """Refuse a pipeline where a component requires what no earlier component assigns."""
    available = set(GIVEN)
    for name in names:
        factory = factories[name]
        missing = [r for r in factory.requires if r not in available]
        if missing:
            why = []
            for field in missing:
                providers = sorted(n for n, f in factories.items() if field in f.assigns)
                why.append(f"{field} (assigned by {' or '.join(providers)})" if providers
                           else f"{field} (no installed component assigns it)")
            raise PipelineError(f"component {name!r} requires {', '.join(why)}, but no component before it "
                                f"in the pipeline ({' -> '.join(names)}) assigns {'them' if len(missing) > 1 else 'it'}")
        available.update(factory.assigns)


def _reset(analysis: Analysis) -> None:
    analysis.release()
    for name in ("actors", "places", "dates", "events", "claims", "contradictions", "control",
                 "control_statements"):
        setattr(analysis, name, [])


_lock = threading.Lock()
_built: dict[tuple, Pipeline] = {}


def validate_settings(settings=None) -> None:
    """``validate`` for the configured pipeline (the CLI calls it before starting workers)."""
    settings = settings or load_settings()
    validate(settings.pipeline, lang=settings.lang, config=settings.pipeline_config)


def default_pipeline() -> Pipeline:
    """The pipeline the settings describe (``pipeline``, ``lang``, ``[pipeline.<name>]``),
    built once per process."""
    settings = load_settings()
    key = (settings.pipeline, settings.lang, repr(sorted(settings.pipeline_config.items())))
    with _lock:
        if key not in _built:
            _built[key] = Pipeline(settings.pipeline, lang=settings.lang, config=settings.pipeline_config)
        return _built[key]
