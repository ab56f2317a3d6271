"""The plugin contract: what a package can add to warwatch without editing it.

Three entry-point groups, each naming classes (the way datasette's ``hookspecs.py`` holds its
whole contract in one file). warwatch's own sources, components and exporters are registered
the same way, in its ``pyproject.toml``; a plugin's entry with a built-in's name replaces it.

``warwatch.sources``
    A :class:`Source` reads one kind of input file into ``RawDocument`` records.
``warwatch.components``
    A :class:`Component` is one stage of the per-document pipeline (``warwatch.pipeline``):
    it declares what it ``requires`` and ``assigns`` on the typed document
    (``records.Analysis``), and the ``pipeline`` setting lists the components to run, in order.
``warwatch.exporters``
    An :class:`Exporter` writes what a store holds in one format (``warwatch export --format``).

A package declares them in its own ``pyproject.toml``::

    [project.entry-points."warwatch.sources"]
    telegram = "warwatch_telegram:TelegramExport"
    [project.entry-points."warwatch.components"]
    keyword_classifier = "warwatch_telegram:KeywordClassifier"
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import IO, Any, ClassVar

from .records import Failure, RawDocument, WarwatchError

GROUPS = ("warwatch.sources", "warwatch.components", "warwatch.exporters")


class PluginError(WarwatchError):
    """A plugin could not be loaded, or is not what its entry point says it is."""


class Source:
    """Reads one kind of input file. Subclass it and set ``name`` and ``suffixes``."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    """File name endings (lower case) this source reads inside a folder, e.g. ``(".warc.gz",)``."""
    single: ClassVar[bool] = False
    """True when a file is one document (an HTML page), False when it holds many (an archive)."""

    def sniff(self, head: bytes, path: Path) -> bool:
        """Whether a file named on the command line with an unknown ending is of this kind,
        from its first 512 bytes."""
        return False

    def read(self, path: Path, *, max_bytes: int) -> Iterator[RawDocument | Failure]:
        """Every document in ``path``; a bad record is a ``Failure`` with a one-line reason,
        never an exception (the batch goes on)."""
        raise NotImplementedError


class Component:
    """One stage of the per-document pipeline, in the manner of a spaCy component.

    ``requires`` and ``assigns`` name fields of the typed document (``records.Analysis``):
    ``article`` (always there), ``doc`` (the spaCy doc), ``actors``, ``dates``, ``places``,
    ``event_candidates``, ``event_types``, ``events``, ``attributions``, ``claims``,
    ``control_statements``, ``control``, ``contradictions``. The pipeline refuses to start
    when a component requires a field no earlier component assigns. ``default_config`` lists
    the settings a component takes; the ``[pipeline.<name>]`` table of the settings file
    overrides them.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    default_config: ClassVar[dict[str, Any]] = {}

    def __init__(self, lang: str, **config: Any):
        self.lang = lang
        self.config = {**self.default_config, **config}

    def __call__(self, analysis) -> None:
        raise NotImplementedError

    def pipe(self, analyses: list) -> None:
        """Process a batch; the default calls the component on each document."""
        for analysis in analyses:
            self(analysis)


class Exporter:
    """Writes a store's content in one format. Subclass it and set ``name`` and ``help``."""

    name: ClassVar[str] = ""
    help: ClassVar[str] = ""
    suffix: ClassVar[str] = ""
    """The usual file ending, e.g. ``.csv``."""
    unit: ClassVar[str] = "records"
    """What ``write`` counts ("articles", "events")."""

    def write(self, store, out: IO[str], **options: Any) -> int:
        """Write to ``out``; returns how many records were written."""
        raise NotImplementedError


_KINDS = {"warwatch.sources": Source, "warwatch.components": Component, "warwatch.exporters": Exporter}


@lru_cache(maxsize=None)
def load(group: str) -> dict[str, type]:
    """The classes registered under ``group``, by name. warwatch's own come first; a plugin
    with the same name replaces a built-in."""
    if group not in _KINDS:
        raise ValueError(f"unknown plugin group {group!r}")
    found = sorted(entry_points(group=group), key=lambda ep: (ep.dist is None or ep.dist.name != "warwatch", ep.name))
    out: dict[str, type] = {}
    for ep in found:
        try:
            obj = ep.load()
        except Exception as exc:  # noqa: BLE001 - any import error of a third-party package
            raise PluginError(f"plugin {ep.name!r} ({ep.value}) in {group} cannot be loaded: "
                              f"{type(exc).__name__}: {exc}") from exc
        if not (isinstance(obj, type) and issubclass(obj, _KINDS[group])):
            raise PluginError(f"plugin {ep.name!r} ({ep.value}) in {group} is not a "
                              f"warwatch.plugins.{_KINDS[group].__name__} subclass")
        out[ep.name] = obj
    return out


def names(group: str) -> Iterable[str]:
    return sorted(load(group))
