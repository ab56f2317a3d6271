"""Actors in an article: registry matching, spaCy people and organisations, roles.

The **registry** is data: YAML files packaged in ``warwatch/nlp/data/actors/`` plus the
user's own files (``WARWATCH_ACTORS``, ``os.pathsep``-separated files or folders, and the
``extra`` argument). A user entry with a packaged id extends it (aliases are added) or
overrides its fields; ``drop_aliases`` and ``disabled: true`` take things away. See
docs/actors-and-dates.md for the format.

**Matching** runs over the spaCy tokens of the document with a token trie built once per
registry (and the registry is cached per process): token-boundary aware ("ISIS-held",
"Islamic State's"), folded for diacritics, dots and apostrophes ("U.S." = "US", "Kata'ib" =
"Kataib", "Çavuşoğlu" = "Cavusoglu"), hyphen tokens ignored ("Hashd al-Shaabi" = "Hashd al
Shaabi"), longest match first ("Free Syrian Army" is never also "Syrian Army"). Aliases with
no lower-case letter ("IS", "SDF") match case-sensitively; other aliases in any
capitalisation except all lower case, unless the alias says ``case: any``. A hand-written
trie rather than spaCy's PhraseMatcher because one PhraseMatcher attribute cannot express
per-alias case rules together with diacritic/dot/hyphen folding.

spaCy ``PERSON`` and ``ORG`` entities not covered by the registry become actors with ids
``person:<slug>`` and ``org:<slug>``. People keep the role and affiliation the text gives
them ("PMF spokesman Ahmed al-Asadi", "Ahmed al-Asadi, a spokesman for the PMF"), and later
mentions by surname ("Asadi said") attach to the same person.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .. import lang
from .model import doc_text
from ..records import WarwatchError

ENV_VAR = "WARWATCH_ACTORS"
DATA_DIR = Path(__file__).parent / "data" / "actors"

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


# --------------------------------------------------------------------------------------
# Text folding shared by aliases and document tokens


_TRANS = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h",
    "ß": "ss", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'",
    "ʿ": "'", "ʾ": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
})
_SKIP = frozenset({"", "-", "'", '"'})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold one token: no diacritics, one apostrophe style, no inner dots or apostrophes."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if len(text) > 1:
        text = text.replace(".", "").replace("'", "")
    return text


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_phrase(text).lower()).strip("-")


def fold_phrase(text: str) -> str:
    return " ".join(fold(part) for part in text.split())


@lru_cache(maxsize=8)
def _tokenizer(code: str):
    import spacy

    return spacy.blank(code).tokenizer


def _alias_tokens(text: str, code: str) -> tuple[str, ...]:
    """The folded tokens of an alias, split by the tokenizer of language ``code``."""
    folded = (fold(tok.text) for tok in _tokenizer(code)(text))
    return tuple(t for t in folded if t not in _SKIP and not t.isspace())


# --------------------------------------------------------------------------------------
# Registry


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


def _default_case(text: str) -> str:
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
            case = _default_case(text)
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
        self._matcher = _Matcher(self)

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

    def lookup(self, text: str) -> str | None:
        """The actor id a whole alias text names (case rules applied), else None."""
        toks = _alias_tokens(text, self.language.CODE)
        node = self._matcher.trie
        for t in toks:
            node = node.get(t.lower())
            if node is None:
                return None
        for ident, alias, cased, context in node.get(None, ()):
            if not context and _case_ok(alias, cased, toks):
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


# --------------------------------------------------------------------------------------
# Token trie matcher

def _case_ok(alias: Alias, cased: tuple[str, ...], text_toks: Sequence[str]) -> bool:
    if alias.case == "exact":
        return tuple(text_toks) == cased
    if alias.case == "default":
        return any(ch.isupper() for t in text_toks for ch in t)
    return True


class _Matcher:
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
                aliases.append(Alias(entry.name, _default_case(entry.name)))
            for alias in aliases:
                cased = _alias_tokens(alias.text, code)
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
                cased = _alias_tokens(alias.text, code)
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


@dataclass(slots=True)
class _Match:
    start: int   # index into the folded token list
    end: int     # inclusive
    actor: str
    context: bool


def _doc_tokens(doc) -> list[tuple[int, str]]:
    out = []
    for tok in doc:
        if tok.is_space:
            continue
        f = fold(tok.text)
        if f in _SKIP:
            continue
        out.append((tok.i, f))
    return out


def _shouting(folded: list[tuple[int, str]], pos: int) -> bool:
    words = [f for _, f in folded[max(0, pos - 6): pos + 7] if f.isalpha()]
    caps = sum(1 for w in words if w.isupper() and len(w) > 1)
    return len(words) >= 4 and caps / len(words) > 0.6


def _inside_longer_name(doc, i: int) -> bool:
    """A capitalised word before a short alias makes it part of another name
    ("National Security Council" is not the UN "Security Council")."""
    if i == 0:
        return False
    prev = doc[i - 1]
    if not prev.text[:1].isupper() or prev.lower_ == lang.of(doc).actors.THE:
        return False
    if prev.i == 0:
        return False
    before = doc[prev.i - 1]
    return not (before.is_space or before.text in (".", "!", "?", ":", '"', "“", "—", "-"))


def _registry_matches(doc, registry: ActorRegistry) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """Registry mentions as (doc token start, doc token end exclusive, actor id)."""
    common = lang.of(doc).actors.COMMON_WORDS
    folded = _doc_tokens(doc)
    lows = [f.lower() for _, f in folded]
    trie = registry._matcher.trie
    cands: list[_Match] = []
    n = len(folded)
    for p in range(n):
        node = trie.get(lows[p])
        q = p
        while node is not None:
            items = node.get(None)
            if items:
                toks = [folded[k][1] for k in range(p, q + 1)]
                for ident, alias, cased, context in items:
                    if not _case_ok(alias, cased, toks):
                        continue
                    if (alias.case == "exact" and len(cased) == 1 and cased[0].lower() in common
                            and _shouting(folded, p)):
                        continue
                    cands.append(_Match(p, q, ident, context))
                    break
            q += 1
            if q >= n:
                break
            node = node.get(lows[q])
    cands.sort(key=lambda m: (m.context, -(m.end - m.start), m.start))
    taken = [False] * n
    chosen: list[_Match] = []
    full_ids = set()
    for m in cands:
        if m.context and (m.actor not in full_ids or _inside_longer_name(doc, folded[m.start][0])):
            continue
        if any(taken[k] for k in range(m.start, m.end + 1)):
            continue
        for k in range(m.start, m.end + 1):
            taken[k] = True
        chosen.append(m)
        if not m.context:
            full_ids.add(m.actor)
    chosen.sort(key=lambda m: m.start)
    spans = [(folded[m.start][0], folded[m.end][0] + 1, m.actor) for m in chosen]
    return spans, folded


# --------------------------------------------------------------------------------------
# Actors, people and roles


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        return cls(data.get("text", ""), data["start"], data["end"])


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    parent: str | None = None
    """Registry parent id (e.g. ``ypg`` -> ``sdf``); not part of the JSON form."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "name": self.name, "type": self.type, "country": self.country,
            "mentions": [m.to_json() for m in self.mentions],
        }
        if self.role is not None:
            out["role"] = self.role
        if self.affiliation is not None:
            out["affiliation"] = self.affiliation
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        """An actor from its stored JSON (the store's edge)."""
        return cls(data["id"], data.get("name") or data["id"], data.get("type") or "organization",
                   data.get("country"), [Mention.from_json(m) for m in data.get("mentions") or ()],
                   data.get("role"), data.get("affiliation"))


def _name_units(text: str, lx) -> list[str]:
    """Folded, lower-case name words; "al-Asadi" is one unit, as is "Al Asadi" (``lx``: the
    language's actor cues)."""
    words = [fold(w).lower() for w in re.split(r"[\s]+", text.strip()) if w]
    units: list[str] = []
    for w in words:
        w = w.strip("-'\".,")
        if not w:
            continue
        if units and units[-1] in lx.NAME_ARTICLES:
            units[-1] = units[-1] + "-" + w
        else:
            units.append(w)
    return units


def _core(unit: str, lx) -> str:
    for prefix in lx.CORE_PREFIXES:
        if unit.startswith(prefix):
            return unit[len(prefix):]
    return unit


def _role_in(tokens: Sequence, lx) -> tuple[int, int, str] | None:
    """The role phrase ending nearest the end of ``tokens``: (first, last index, kind)."""
    words = []
    for i, tok in enumerate(tokens):
        f = fold(tok.text).lower()
        if f in _SKIP:
            continue
        words.append((i, f))
    for end in range(len(words) - 1, -1, -1):
        if words[end][1] not in lx.ROLE_WORDS:
            continue
        for length in range(min(lx.MAX_ROLE, end + 1), 0, -1):
            key = tuple(w for _, w in words[end - length + 1: end + 1])
            kind = lx.ROLE_KIND.get(key)
            if kind:
                return words[end - length + 1][0], words[end][0], kind
    return None


class _Context:
    """Per-document lookups shared by the person and organisation passes."""

    def __init__(self, doc, registry: ActorRegistry, spans: list[tuple[int, int, str]]):
        self.doc = doc
        self.registry = registry
        self.lx = lang.of(doc).actors
        self.actor_at: dict[int, str] = {}
        for s, e, ident in spans:
            for k in range(s, e):
                self.actor_at[k] = ident
        self.place_texts = {fold_phrase(e.text).lower() for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}

    def affiliation(self, tokens: Sequence, kind: str) -> str | None:
        """Registry actor or country named among ``tokens`` (nearest to the end first)."""
        for tok in reversed(tokens):
            ident = self.actor_at.get(tok.i)
            if ident and self.registry[ident].type != "person":
                return ident
        for tok in reversed(tokens):
            f = fold(tok.text).lower()
            demonyms = self.lx.DEMONYMS
            if f in demonyms and demonyms[f] and (tok.text[0].isupper()):
                return self.registry.state_actor(demonyms[f], military=kind == "military")
        return None


def _prefix_tokens(doc, start: int, sent_start: int) -> list:
    """Contiguous title-like tokens just before a name: "US Vice President", "PMF spokesman"."""
    lx = lang.of(doc).actors
    out = []
    i = start - 1
    while i >= sent_start and len(out) < 7:
        tok = doc[i]
        f = fold(tok.text).lower()
        ok = (f in lx.ROLE_WORDS or f in lx.DEMONYMS or tok.text in lx.POSSESSIVES or tok.text == "-"
              or (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN", "X")))
        if not ok or tok.is_punct and tok.text not in ("-",):
            break
        out.append(tok)
        i -= 1
    out.reverse()
    return out


def _appos_tokens(span) -> list:
    """Tokens of appositions to the name ("..., a spokesman for the PMF, ...")."""
    root = span.root
    appos = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if not appos:
        return []
    left = min(a.left_edge.i for a in appos)
    right = max(a.right_edge.i for a in appos)
    return list(span.doc[left: right + 1])


def _role_of(span, ctx: _Context) -> tuple[str | None, str | None, int]:
    """(role, affiliation, index of the first role-prefix token) for a person span."""
    doc = span.doc
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    candidates: list[tuple[str, str | None]] = []
    prefix = _prefix_tokens(doc, span.start, sent_start)
    first = span.start
    found = _role_in(prefix, ctx.lx)
    if found:
        a, b, kind = found
        role = doc[prefix[a].i: prefix[b].i + 1].text
        candidates.append((role, ctx.affiliation(prefix[:a], kind)))
        first = prefix[0].i
    # the name as apposition of a role noun: "the Observatory's director, Rami Abdulrahman"
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        sub = list(doc[head.left_edge.i: head.i + 1])
        found = _role_in(sub, ctx.lx)
        if found:
            a, b, kind = found
            candidates.append((doc[sub[a].i: sub[b].i + 1].text, ctx.affiliation(list(head.subtree), kind)))
    # an apposition after the name: "Ahmed al-Asadi, a spokesman for the PMF,"
    appos = _appos_tokens(span)
    if appos:
        heads = [t for t in appos if t.dep_ == "appos" and t.head.i == root.i]
        for h in heads:
            window = [t for t in appos if t.i <= h.i]
            found = _role_in(window, ctx.lx)
            if found and window[found[1]].i == h.i:
                a, b, kind = found
                role = doc[window[a].i: window[b].i + 1].text
                left = [t for t in window[:a] if t.dep_ in ("poss", "compound", "amod", "nmod", "case")
                        or ctx.actor_at.get(t.i)]
                aff = ctx.affiliation(left, kind)
                if aff is None:
                    for prep in h.children:
                        if prep.dep_ == "prep" and prep.lower_ in ctx.lx.AFFILIATION_PREPOSITIONS:
                            for pobj in prep.children:
                                if pobj.dep_ == "pobj" and ctx.actor_at.get(pobj.i):
                                    aff = ctx.actor_at[pobj.i]
                                    break
                        if aff:
                            break
                candidates.append((role, aff))
                break
    if not candidates:
        return None, None, first
    with_aff = [c for c in candidates if c[1]]
    role, aff = (with_aff or candidates)[0]
    return role, aff, first


def _looks_like_place(span, ctx: _Context, is_place: Callable[[str], bool] | None) -> bool:
    doc = span.doc
    text = span.text
    if is_place is not None and is_place(text):
        return True
    if fold_phrase(text).lower() in ctx.place_texts:
        return True
    lx = ctx.lx
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None:
        pl = prev.lower_
        if pl in lx.PLACE_PREPOSITIONS:
            return True
        if pl == lx.OF and span.start > 1 and doc[span.start - 2].lower_ in lx.PLACE_NOUNS:
            return True
        if pl == lx.ON and span.start > 1 and doc[span.start - 2].lower_ in lx.ATTACK_NOUNS:
            return True
        if pl in lx.PLACE_NOUNS:
            return True
    return False


def _clean_span(span):
    """Drop a leading determiner and quote marks from an entity span."""
    doc = span.doc
    lx = lang.of(doc).actors
    s, e = span.start, span.end
    while s < e and (doc[s].lower_ in lx.DETERMINERS or doc[s].is_quote or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_quote or doc[e - 1].is_punct or doc[e - 1].text in lx.POSSESSIVES):
        e -= 1
    return doc[s:e] if e > s else None


def _valid_name_tokens(span, org: bool = False) -> bool:
    lx = lang.of(span).actors
    for tok in span:
        t = tok.text
        if t in ("-", "'", "’") or t in lx.POSSESSIVES:
            continue
        low = fold(t).lower()
        if not t[:1].isupper() and low not in lx.NAME_PARTICLES and not (org and low in lx.ORG_FUNCTION_WORDS):
            return False
        if "." in t and not re.fullmatch(r"[A-Z]\.", t):
            return False
        if any(ch.isdigit() for ch in t):
            return False
    return True


@dataclass(slots=True)
class _Person:
    units: list[str]
    name: str
    mentions: list[Mention]
    role: str | None = None
    affiliation: str | None = None


def find_actors(doc, registry: ActorRegistry | None = None, *,
                is_place: Callable[[str], bool] | None = None) -> list[Actor]:
    """Actors mentioned in ``doc`` (a spaCy Doc of the article text), in order of first mention.

    ``is_place(text)`` lets the places resolver veto person/organisation entities that are
    really places (spaCy's small model often tags villages as PERSON or ORG).
    """
    registry = registry or default_registry()
    spans, _ = _registry_matches(doc, registry)
    ctx = _Context(doc, registry, spans)
    lx = ctx.lx
    claimed = [False] * len(doc)
    for s, e, _ in spans:
        for k in range(s, e):
            claimed[k] = True

    actors: dict[str, Actor] = {}
    for s, e, ident in spans:
        entry = registry[ident]
        actor = actors.get(ident)
        if actor is None:
            actor = actors[ident] = Actor(ident, entry.name, entry.type, entry.country, parent=entry.parent)
        span = doc[s:e]
        actor.mentions.append(Mention(span.text, span.start_char, span.end_char))

    # --- people -------------------------------------------------------------------------
    person_spans = []
    org_spans = []
    for ent in doc.ents:
        if "\n" in ent.text:
            continue
        if any(claimed[k] for k in range(ent.start, ent.end)):
            continue
        span = _clean_span(ent)
        if span is None:
            continue
        if ent.label_ == "PERSON":
            person_spans.append(span)
        elif ent.label_ in ("ORG", "GPE", "NORP"):
            if ent.label_ != "ORG":
                # "Omer Celik, Turkey's minister for ..." tagged GPE: a name with a role apposition
                if len(span) >= 2 and _valid_name_tokens(span) and _appos_tokens(span) and \
                        _role_in(_appos_tokens(span), lx):
                    person_spans.append(span)
                continue
            org_spans.append(span)

    people: list[_Person] = []
    singles: list[tuple[Any, str | None, str | None]] = []
    for span in person_spans:
        # strip leading titles spaCy kept inside the entity ("Vice President Joe Biden")
        while len(span) > 1 and fold(span[0].text).lower().strip(".") in lx.ROLE_WORDS:
            span = span.doc[span.start + 1: span.end]
        if not _valid_name_tokens(span):
            continue
        if any(t.lower_ == lx.OPERATION for t in span) or (span.start > 0 and span.doc[span.start - 1].lower_ == lx.OPERATION):
            continue
        if fold(span[-1].text).lower() in lx.ORG_HEADS:
            org_spans.append(span)
            continue
        if _not_a_person(span):
            continue
        units = _name_units(span.text, lx)
        if not units:
            continue
        role, aff, _ = _role_of(span, ctx)
        if len(units) == 1:
            singles.append((span, role, aff))
            continue
        if _looks_like_place(span, ctx, is_place) and role is None:
            continue
        key = [_core(u, lx) for u in units]
        person = next((p for p in people if [_core(u, lx) for u in p.units][-len(key):] == key
                       or key[-len(p.units):] == [_core(u, lx) for u in p.units]), None)
        if person is None:
            person = _Person(units, span.text, [])
            people.append(person)
        elif len(units) > len(person.units):
            person.units, person.name = units, span.text
        person.mentions.append(Mention(span.text, span.start_char, span.end_char))
        if role and (person.role is None or (aff and not person.affiliation)):
            person.role, person.affiliation = role, aff
    for span, role, aff in singles:
        core = _core(_name_units(span.text, lx)[0], lx)
        person = _nearest_person(people, core, span.start_char, lx)
        if person is None:
            if role is None or _looks_like_place(span, ctx, is_place):
                continue
            person = _Person(_name_units(span.text, lx), span.text, [])
            people.append(person)
        person.mentions.append(Mention(span.text, span.start_char, span.end_char))
        if role and (person.role is None or (aff and not person.affiliation)):
            person.role, person.affiliation = role, aff

    # surnames spaCy did not tag ("Asadi said"), and ORG-tagged surnames ("Çelik")
    if people:
        taken = {(m.start, m.end) for p in people for m in p.mentions}
        by_core: dict[str, list[_Person]] = {}
        for p in people:
            if len(p.units) > 1:
                by_core.setdefault(_core(p.units[-1], lx), []).append(p)
        for tok in doc:
            if claimed[tok.i] or not tok.text[:1].isupper():
                continue
            cands = by_core.get(_core(fold(tok.text).lower(), lx))
            if not cands:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            # "al-Asadi": include the article
            if tok.i >= 2 and doc[tok.i - 1].text == "-" and fold(doc[tok.i - 2].text).lower() in lx.NAME_ARTICLES:
                start = doc[tok.i - 2].idx
            if any(s <= start < e or s < end <= e for s, e in taken):
                continue
            person = _nearest_person(cands, _core(fold(tok.text).lower(), lx), start, lx)
            person.mentions.append(Mention(doc_text(doc)[start:end], start, end))
            taken.add((start, end))

    for p in people:
        p.mentions.sort(key=lambda m: m.start)
        ident = "person:" + slugify(p.name)
        existing = registry.get(slugify(p.name))
        if existing is not None and existing.type == "person":
            ident = existing.id
        country = registry[p.affiliation].country if p.affiliation else None
        actor = actors.get(ident)
        if actor is None:
            actors[ident] = Actor(ident, p.name, "person", country, list(p.mentions), p.role, p.affiliation)
        else:
            actor.mentions.extend(p.mentions)
    person_marks = {(m.start, m.end) for p in people for m in p.mentions}

    # --- organisations not in the registry ---------------------------------------------------
    surnames = {_core(p.units[-1], lx) for p in people}
    for span in org_spans:
        if (span.start_char, span.end_char) in person_marks:
            continue
        if any(s <= span.start_char < e for s, e in person_marks):
            continue
        words = [t for t in span if t.text != "-" and t.text not in lx.POSSESSIVES]
        if not words or not _valid_name_tokens(span, org=True):
            continue
        if any(t.lower_ == lx.OPERATION for t in span):
            continue
        text = span.text
        if len(words) == 1:
            w = words[0].text
            acronym = w.isupper() and 2 <= len(w) <= 6 and w.isalpha()
            if _core(fold(w).lower(), lx) in surnames:
                continue
            if not acronym or _is_dateline(span):
                continue
        if fold(words[0].text).lower() in lx.NAME_ARTICLES and len(_name_units(text, lx)) == 1:
            continue
        if _looks_like_place(span, ctx, is_place) and fold(words[-1].text).lower() not in lx.ORG_HEADS:
            continue
        if fold(words[0].text).lower() in lx.DEMONYMS and fold(words[-1].text).lower() not in lx.ORG_HEADS:
            continue
        ident = "org:" + slugify(text)
        actor = actors.get(ident)
        if actor is None:
            actor = actors[ident] = Actor(ident, text, "organization", None)
        actor.mentions.append(Mention(text, span.start_char, span.end_char))

    out = list(actors.values())
    for a in out:
        a.mentions.sort(key=lambda m: m.start)
    out.sort(key=lambda a: a.mentions[0].start)
    return out


def _not_a_person(span) -> bool:
    """Operation names, quoted names and numbered headings ("Bulletin No. 142")."""
    doc = span.doc
    if re.search(lang.of(doc).actors.OPERATION_BEFORE + re.escape(span.text), doc_text(doc)):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and after is not None and before.is_quote and after.is_quote:
        return True
    nxt = [t for t in doc[span.end: span.end + 2] if t.text != "."]
    return bool(nxt) and nxt[0].like_num


def _is_dateline(span) -> bool:
    doc = span.doc
    at_start = span.start == 0 or doc[span.start - 1].is_space or "\n" in doc[span.start - 1].text_with_ws
    nxt = doc[span.end] if span.end < len(doc) else None
    return at_start and span.text.isupper() and (nxt is None or nxt.text in (",", "—", "–", "-", "(", "/"))


def _nearest_person(people: list[_Person], core: str, at: int, lx) -> _Person | None:
    best = None
    best_key = None
    for p in people:
        if len(p.units) < 2:
            if _core(p.units[0], lx) != core:
                continue
        elif _core(p.units[-1], lx) != core and core not in (_core(u, lx) for u in p.units[1:]):
            continue
        before = [m.start for m in p.mentions if m.start <= at]
        key = (0, at - max(before)) if before else (1, min(m.start for m in p.mentions) - at)
        if best_key is None or key < best_key:
            best, best_key = p, key
    return best


DEMONYMS = lang.get().actors.DEMONYMS
"""The default language's affiliation demonyms, still imported from here by
``claims/speakers.py`` (the rule code here reads ``lang.of(doc).actors.DEMONYMS``)."""


def claimed_spans(actors: Iterable[Actor]) -> list[tuple[int, int]]:
    """Character spans of all actor mentions, sorted, for the places resolver to skip."""
    return sorted({(m.start, m.end) for a in actors for m in a.mentions})
