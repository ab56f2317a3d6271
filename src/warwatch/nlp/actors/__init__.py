"""Actors in an article: registry matching, spaCy people and organisations, roles.

| module | holds |
|---|---|
| ``registry.py`` | YAML loading and validation, ``ActorRegistry``, ``default_registry``, the alias trie |
| ``match.py`` | registry actors in a document (the trie walked over its tokens) |
| ``people.py`` | people, their roles and affiliations, surname mentions |
| ``find.py`` | ``find_actors`` (registry matches, people, other organisations), ``claimed_spans`` |
| ``records.py`` | ``Actor``, ``Mention`` |
| ``names.py`` | folding of names and alias tokens |

The words the passes read (roles, demonyms, place and organisation cues) are the language's
(``lang/<code>/actors.py``, through ``lang.of(doc)``). See docs/actors-and-dates.md.
"""

from __future__ import annotations

from .find import claimed_spans, find_actors
from .names import fold
from .records import Actor, Mention
from .registry import DATA_DIR, ActorRegistry, RegistryError, default_registry

__all__ = ["DATA_DIR", "Actor", "ActorRegistry", "Mention", "RegistryError", "claimed_spans",
           "default_registry", "find_actors", "fold"]
