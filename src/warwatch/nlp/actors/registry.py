"""The actor registry: YAML files loaded, validated and merged, and the alias trie built from them.

The registry is data: YAML files packaged in ``warwatch/nlp/data/actors/`` plus the user's
own files (``WARWATCH_ACTORS``, ``os.pathsep``-separated files or folders, and the ``extra``
argument). A user entry with a packaged id extends it (aliases are added) or overrides its
fields; ``drop_aliases`` and ``disabled: true`` take things away. See
docs/actors-and-dates.md for the format.

The alias trie (``AliasTrie``) is built once per registry, and the registry is cached per
process (``default_registry``); ``match.py`` walks the trie over a document.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from ... import lang
from ...records import WarwatchError
from .names import alias_tokens, fold_phrase

ENV_VAR = "WARWATCH_ACTORS"
DATA_DIR = Path(__file__).parent.parent / "data" / "actors"

TYPES = frozenset({
    "state_force",    # a state's armed forces, branches, commands, intelligence services
    "armed_group",    # non-state armed group
    "militia",        # armed group tied to a state or community (PMF factions, NDF)
    "coalition",      # alliance of states or armed groups
    "government",     # governments, ministries, administrations
    "political",      # parties, political movements, opposition bodies
    "media",          # news agencies, broadcasters, newspapers
    "monitor",        # conflict and casualty monitors
    "ngo",            # humanitarian and human-rights organisations
    "igo",            # intergovernmental organisations (UN and agencies, NATO, EU)
    "person",
    "organization",
})
CASE_MODES = frozenset({"exact", "default", "any"})
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_ENTRY_KEYS = frozenset({"id", "name", "type", "country", "aliases", "context_aliases", "parent",
                         "drop_aliases", "disabled"})


class RegistryError(WarwatchError, ValueError):
    """The actor registry (packaged or a user file) is invalid."""


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    case: str = "default"
    """``exact``: same letters and case; ``default``: any case but not all lower case; ``any``."""


@dataclass(slots=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None
    aliases: list[Alias]
    context_aliases: list[Alias] = field(default_factory=list)
    """Match only when the actor is also named by a full alias in the same document."""
    parent: str | None = None
    source: str = ""


def default_case(text: str) -> str:
    if not any(ch.islower() for ch in text):
        return "exact"
    if not any(ch.isupper() for ch in text):
        return "any"
    return "default"


def _parse_aliases(value: Any, where: str) -> list[Alias]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RegistryError(f"{where}: aliases must be a list")
    out = []
    for item in value:
        if isinstance(item, str):
            text, case = item, None
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            text, case = item["text"], item.get("case")
            unknown = set(item) - {"text", "case"}
            if unknown:
                raise RegistryError(f"{where}: unknown alias key(s) {sorted(unknown)}")
        else:
            raise RegistryError(f"{where}: alias {item!r} must be a string or {{text, case}}")
        text = text.strip()
        if not text:
            raise RegistryError(f"{where}: empty alias")
        if case is None or case == "default":
            case = default_case(text)
        if case not in CASE_MODES:
            raise RegistryError(f"{where}: alias {text!r}: case must be one of exact, default, any")
        out.append(Alias(text, case))
    return out


def _read_file(path: Path) -> list[dict]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read actor file ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: invalid YAML: {exc}".splitlines()[0]) from exc
    if data is None:
        return []
    if isinstance(data, dict):
        data = data.get("actors", [])
    if not isinstance(data, list):
        raise RegistryError(f"{path}: expected a list of actors or a mapping with 'actors:'")
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            raise RegistryError(f"{path}: entry {i + 1} is not a mapping")
    return data


def _expand(paths: Iterable[str | os.PathLike]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        if not str(raw).strip():
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif path.exists():
            out.append(path)
        else:
            raise RegistryError(f"{path}: actor file not found")
    return out


def _apply(entries: dict[str, ActorEntry], raw: dict, path: Path, user: bool) -> None:
    ident = raw.get("id")
    where = f"{path}: actor {ident!r}" if ident is not None else f"{path}: actor without id"
    if not isinstance(ident, str) or not _ID_RE.match(ident):
        raise RegistryError(f"{where}: id must be a lower-case slug (letters, digits, '-')")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown key(s) {sorted(unknown)}")
    existing = entries.get(ident)
    if existing is not None and not user:
        raise RegistryError(f"{where}: duplicate id (also in {existing.source})")
    if raw.get("disabled"):
        gone = entries.pop(ident, None)
        for other in entries.values():  # children move up to the disabled actor's parent
            if other.parent == ident:
                other.parent = gone.parent if gone else None
        return
    if "type" in raw and raw["type"] not in TYPES:
        raise RegistryError(f"{where}: unknown type {raw['type']!r}; use one of {', '.join(sorted(TYPES))}")
    if "country" in raw:
        country = raw["country"]
        if isinstance(country, bool):
            raise RegistryError(f"{where}: country must be quoted in YAML (NO and YES read as booleans)")
        if country is not None and (not isinstance(country, str) or not _COUNTRY_RE.match(country)):
            raise RegistryError(f"{where}: country must be an ISO 3166 alpha-2 code (e.g. SY) or null")
    for key in ("name", "parent"):
        if key in raw and raw[key] is not None and not isinstance(raw[key], str):
            raise RegistryError(f"{where}: {key} must be a string")
    aliases = _parse_aliases(raw.get("aliases"), where)
    context = _parse_aliases(raw.get("context_aliases"), where)
    drop = {fold_phrase(a.text).lower() for a in _parse_aliases(raw.get("drop_aliases"), where)}
    if existing is None:
        for key in ("name", "type"):
            if not raw.get(key):
                raise RegistryError(f"{where}: missing {key}")
        entry = ActorEntry(id=ident, name=raw["name"], type=raw["type"], country=raw.get("country"),
                           aliases=[], parent=raw.get("parent"), source=str(path))
        entries[ident] = entry
    else:
        entry = existing
        for key in ("name", "type", "country", "parent"):
            if key in raw:
                setattr(entry, key, raw[key])
        entry.source = f"{entry.source}, {path}"
    entry.aliases = [a for a in entry.aliases + aliases if fold_phrase(a.text).lower() not in drop]
    entry.context_aliases = [a for a in entry.context_aliases + context
                             if fold_phrase(a.text).lower() not in drop]


class ActorRegistry:
    """Actors by id, with their aliases, and the token matcher built from them (aliases split
    into tokens as the registry's language splits them, ``language``: a code, default English)."""

    def __init__(self, entries: dict[str, ActorEntry], language: str | None = None):
        self.entries = entries
        self.language = lang.get(language)
        self._validate_parents()
        self._matcher = AliasTrie(self)

    # --- loading ---------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Iterable[str | os.PathLike] = (), *, env: bool = True,
             packaged: bool = True, language: str | None = None) -> ActorRegistry:
        """The packaged registry, then files from ``WARWATCH_ACTORS``, then ``extra``."""
        entries: dict[str, ActorEntry] = {}
        if packaged:
            for path in sorted(DATA_DIR.glob("*.yaml")):
                for raw in _read_file(path):
                    _apply(entries, raw, path, user=False)
        user_paths = []
        if env and os.environ.get(ENV_VAR):
            user_paths.extend(os.environ[ENV_VAR].split(os.pathsep))
        user_paths.extend(extra)
        for path in _expand(user_paths):
            for raw in _read_file(path):
                _apply(entries, raw, path, user=True)
        return cls(entries, language)

    def _validate_parents(self) -> None:
        for entry in self.entries.values():
            seen = {entry.id}
            parent = entry.parent
            while parent is not None:
                if parent not in self.entries:
                    raise RegistryError(f"{entry.source}: actor {entry.id!r}: unknown parent {parent!r}")
                if parent in seen:
                    raise RegistryError(f"{entry.source}: actor {entry.id!r}: parent cycle through {parent!r}")
                seen.add(parent)
                parent = self.entries[parent].parent

    # --- queries ---------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, ident: str) -> bool:
        return ident in self.entries

    def __getitem__(self, ident: str) -> ActorEntry:
        return self.entries[ident]

    def get(self, ident: str) -> ActorEntry | None:
        return self.entries.get(ident)

    @property
    def alias_count(self) -> int:
        return self._matcher.alias_count

    @property
    def trie(self) -> dict:
        """The alias token trie the document matcher walks (``match.py``)."""
        return self._matcher.trie

    def lookup(self, text: str) -> str | None:
        """The actor id a whole alias text names (case rules applied), else None."""
        toks = alias_tokens(text, self.language.CODE)
        node = self._matcher.trie
        for t in toks:
            node = node.get(t.lower())
            if node is None:
                return None
        for ident, alias, cased, context in node.get(None, ()):
            if not context and case_ok(alias, cased, toks):
                return ident
        return None

    def state_actor(self, country: str, military: bool = False) -> str | None:
        """The top-level government (or armed forces) actor of ``country``."""
        return self._matcher.state_actors.get((country, "state_force" if military else "government"))


_registry_lock = threading.Lock()


def default_registry(extra: Sequence[str | os.PathLike] = (), language: str | None = None) -> ActorRegistry:
    """The process-wide registry (packaged + ``WARWATCH_ACTORS`` + ``extra``) of ``language``
    (default English), cached."""
    key = (os.environ.get(ENV_VAR, ""), tuple(str(p) for p in extra), lang.get(language).CODE)
    with _registry_lock:
        return _cached_registry(key)


@lru_cache(maxsize=8)
def _cached_registry(key: tuple[str, tuple[str, ...], str]) -> ActorRegistry:
    return ActorRegistry.load(key[1], language=key[2])


def case_ok(alias: Alias, cased: tuple[str, ...], text_toks: Sequence[str]) -> bool:
    if alias.case == "exact":
        return tuple(text_toks) == cased
    if alias.case == "default":
        return any(ch.isupper() for t in text_toks for ch in t)
    return True


class AliasTrie:
    """The registry's aliases as a trie of lower-case folded tokens: a node maps a token to the
    next node, and ``None`` to the (actor id, alias, cased tokens, context only) entries that end
    there; also each country's top-level government and armed forces (``state_actors``)."""

    def __init__(self, registry: ActorRegistry):
        code = registry.language.CODE
        articles = registry.language.actors.NAME_ARTICLES
        self.trie: dict = {}
        self.alias_count = 0
        owners: dict[tuple[str, ...], list[tuple[str, Alias, tuple[str, ...]]]] = {}
        for entry in registry.entries.values():
            aliases = list(entry.aliases)
            if "(" not in entry.name and not any(fold_phrase(a.text).lower() == fold_phrase(entry.name).lower()
                                                 for a in aliases):
                aliases.append(Alias(entry.name, default_case(entry.name)))
            for alias in aliases:
                cased = alias_tokens(alias.text, code)
                if not cased:
                    raise RegistryError(f"{entry.source}: actor {entry.id!r}: alias {alias.text!r} has no words")
                key = tuple(t.lower() for t in cased)
                for other_id, other_alias, other_cased in owners.get(key, ()):
                    if other_id == entry.id:
                        continue
                    if alias.case == "exact" and other_alias.case == "exact" and cased != other_cased:
                        continue
                    raise RegistryError(
                        f"{entry.source}: alias {alias.text!r} of actor {entry.id!r} is also an alias of "
                        f"{other_id!r} ({registry.entries[other_id].source}); drop it from one of them "
                        "(drop_aliases) or make both case: exact with different capitalisation")
                owners.setdefault(key, []).append((entry.id, alias, cased))
        # "al-" / "Al " variants without the article, when nobody else owns them
        for key, items in list(owners.items()):
            if len(key) > 1 and key[0] in articles:
                short = key[1:]
                if short not in owners:
                    owners[short] = [(i, a, c[1:]) for i, a, c in items]
        for key, items in owners.items():
            for ident, alias, cased in items:
                self._add(key, (ident, alias, cased, False))
                self.alias_count += 1
        for entry in registry.entries.values():
            for alias in entry.context_aliases:
                cased = alias_tokens(alias.text, code)
                if cased:
                    self._add(tuple(t.lower() for t in cased), (entry.id, alias, cased, True))
        self.state_actors: dict[tuple[str, str], str] = {}
        for top_level in (True, False):
            for entry in registry.entries.values():
                if not entry.country or entry.type not in ("government", "state_force"):
                    continue
                parent_type = registry.entries[entry.parent].type if entry.parent else None
                if (entry.parent is None) == top_level and parent_type != entry.type:
                    self.state_actors.setdefault((entry.country, entry.type), entry.id)

    def _add(self, key: tuple[str, ...], item) -> None:
        node = self.trie
        for tok in key:
            node = node.setdefault(tok, {})
        node.setdefault(None, []).append(item)
