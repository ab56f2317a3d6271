"""Settings: defaults, overridden by a TOML file, overridden by WARWATCH_* environment variables.

The file is ``$WARWATCH_CONFIG`` or ``~/.config/warwatch/config.toml`` (optional). Keys:

    db = "/path/to/warwatch.db"         # WARWATCH_DB: a SQLite file or a URL (postgresql+psycopg://...)
    workers = 2                          # WARWATCH_WORKERS: extraction processes (0 = in-process)
    max_bytes = 10485760                 # WARWATCH_MAX_BYTES: largest page or record read
    max_seconds = 120                    # WARWATCH_MAX_SECONDS: analysis time of one document in a worker
    worker_memory_mb = 2048              # WARWATCH_WORKER_MEMORY_MB: address-space limit of each worker
    max_depth = 200                      # WARWATCH_MAX_DEPTH: JSON nesting (JSONL records, JSON-LD)
    max_header_bytes = 262144            # WARWATCH_MAX_HEADER_BYTES: header lines of one WARC record
    max_ratio = 200                      # WARWATCH_MAX_RATIO: gzip inflation beyond which a stream is a bomb
    max_text_chars = 100000              # WARWATCH_MAX_TEXT_CHARS: longer texts are stored extracted, not understood
    understand = true                    # WARWATCH_UNDERSTAND: actors, places, dates while ingesting
    lang = "en"                          # WARWATCH_LANG: the pipeline's language (warwatch/lang/<code>/)
    [pipeline]
    components = ["spacy", "actors", ...] # WARWATCH_PIPELINE (comma-separated): the components, in order
    [pipeline.event_classifier]          # one table per component: its settings (see `warwatch components`)
    model = "/path/to/model.pkl"
    [fetch]
    timeout = 15                         # WARWATCH_FETCH_TIMEOUT (seconds)
    allow_private = false                # WARWATCH_ALLOW_PRIVATE: fetch private/loopback addresses
    allow_networks = ["10.1.0.0/16"]     # CIDRs allowed even though private
    respect_robots = true
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .limits import (DEFAULT_MAX_DEPTH, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_RATIO, DEFAULT_MAX_SECONDS,
                     DEFAULT_MAX_TEXT_CHARS, DEFAULT_WORKER_MEMORY_MB)

DEFAULT_COMPONENTS = ("spacy", "actors", "dates", "places", "attributions", "event_candidates",
                      "event_classifier", "events", "claims", "control", "contradictions")
"""The understanding pipeline warwatch runs unless ``pipeline.components`` names another."""


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(target: str | Path) -> bool:
    """Whether ``target`` is a SQLAlchemy URL (has a ``scheme://``) rather than a file path."""
    return isinstance(target, str) and bool(_URL.match(target))


def store_target(value: str | Path) -> str | Path:
    """Where the store is: a URL stays a string (a Path would fold its "//"), anything else is a Path."""
    return value if is_url(value) else Path(value).expanduser()


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "warwatch" / "warwatch.db"


@dataclass
class Settings:
    db: Path | str = field(default_factory=default_db_path)
    """A SQLite file, or a SQLAlchemy URL (see ``store.database``)."""
    workers: int = min(2, os.cpu_count() or 1)
    max_bytes: int = 10 * 1024 * 1024
    fetch_timeout: float = 15.0
    max_seconds: float = DEFAULT_MAX_SECONDS
    worker_memory_mb: int = DEFAULT_WORKER_MEMORY_MB
    max_depth: int = DEFAULT_MAX_DEPTH
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES
    max_ratio: int = DEFAULT_MAX_RATIO
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()
    respect_robots: bool = True
    understand: bool = True
    """Run the understanding stage (actors, places, dates) while ingesting; off = extraction only."""
    lang: str = "en"
    pipeline: tuple[str, ...] = DEFAULT_COMPONENTS
    pipeline_config: dict[str, dict] = field(default_factory=dict)
    """Settings per component name (``[pipeline.<name>]``)."""

    def fetch_policy(self):
        from .sources.web import FetchPolicy

        return FetchPolicy(timeout=self.fetch_timeout, max_bytes=self.max_bytes,
                           allow_private=self.allow_private, allow_networks=self.allow_networks,
                           respect_robots=self.respect_robots)

    def limits(self):
        """The per-document limits the sources apply (``limits.Limits``)."""
        from .limits import Limits

        return Limits(max_bytes=self.max_bytes, max_depth=self.max_depth,
                      max_header_bytes=self.max_header_bytes, max_ratio=self.max_ratio)


_LIMITS = ("max_seconds", "worker_memory_mb", "max_depth", "max_header_bytes", "max_ratio", "max_text_chars")


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ) if env is None else env
    settings = Settings()
    path = Path(env.get("WARWATCH_CONFIG") or Path.home() / ".config" / "warwatch" / "config.toml")
    if path.is_file():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        fetch = data.get("fetch", {})
        if "db" in data:
            settings.db = store_target(str(data["db"]))
        settings.workers = int(data.get("workers", settings.workers))
        settings.max_bytes = int(data.get("max_bytes", settings.max_bytes))
        settings.understand = bool(data.get("understand", settings.understand))
        for name in _LIMITS:
            if name in data:
                setattr(settings, name, type(getattr(settings, name))(data[name]))
        settings.fetch_timeout = float(fetch.get("timeout", settings.fetch_timeout))
        settings.allow_private = bool(fetch.get("allow_private", settings.allow_private))
        settings.allow_networks = tuple(fetch.get("allow_networks", settings.allow_networks))
        settings.respect_robots = bool(fetch.get("respect_robots", settings.respect_robots))
        settings.lang = str(data.get("lang", settings.lang))
        pipeline = data.get("pipeline", {})
        if "components" in pipeline:
            settings.pipeline = tuple(str(n) for n in pipeline["components"])
        settings.pipeline_config = {k: dict(v) for k, v in pipeline.items() if isinstance(v, dict)}
    if env.get("WARWATCH_DB"):
        settings.db = store_target(env["WARWATCH_DB"])
    if env.get("WARWATCH_WORKERS"):
        settings.workers = int(env["WARWATCH_WORKERS"])
    if env.get("WARWATCH_MAX_BYTES"):
        settings.max_bytes = int(env["WARWATCH_MAX_BYTES"])
    for name in _LIMITS:
        if env.get(f"WARWATCH_{name.upper()}"):
            setattr(settings, name, type(getattr(settings, name))(env[f"WARWATCH_{name.upper()}"]))
    if env.get("WARWATCH_FETCH_TIMEOUT"):
        settings.fetch_timeout = float(env["WARWATCH_FETCH_TIMEOUT"])
    if env.get("WARWATCH_UNDERSTAND"):
        settings.understand = _truthy(env["WARWATCH_UNDERSTAND"])
    if env.get("WARWATCH_LANG"):
        settings.lang = env["WARWATCH_LANG"].strip()
    if env.get("WARWATCH_PIPELINE"):
        settings.pipeline = tuple(n.strip() for n in env["WARWATCH_PIPELINE"].split(",") if n.strip())
    if env.get("WARWATCH_ALLOW_PRIVATE"):
        settings.allow_private = _truthy(env["WARWATCH_ALLOW_PRIVATE"])
    return settings
