"""Which actors are on the same side: registry parents, a state's forces, stated alliances."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from ... import lang
from .records import ControlStatement

STATE_TYPES = frozenset({"government", "state_force"})


@lru_cache(maxsize=1)
def _registry():
    try:
        from ...nlp.actors import default_registry

        return default_registry()
    except Exception:  # noqa: BLE001 - no registry: ids only
        return None


def generic_key(actor: str) -> str:
    """``group:rebels`` and ``group:rebel`` are one generic group."""
    if actor.startswith("group:"):
        noun = actor[6:]
        return "group:" + (noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun)
    return actor


def is_unknown_generic(actor: str | None) -> bool:
    """A generic noun that names nobody in particular ("fighters", "troops", "forces")."""
    return actor is None or (actor.startswith("group:") and actor[6:] in lang.get().control.UNKNOWN_GENERIC)


def is_vague(actor: str | None) -> bool:
    """No actor, or a generic noun ("rebels", "factions"): it agrees with any named holder."""
    return actor is None or actor.startswith("group:")


class Sides:
    """Whether two actor ids are on the same side: same id, registry parent chain
    (``hamza-division`` -> ``fsa``), state actors of one country (``turkish-government`` and
    ``turkish-armed-forces``), plural/singular generic groups, and stated alliances."""

    def __init__(self, allies: Iterable[tuple[str, str]] = (), registry=None):
        self.registry = registry if registry is not None else _registry()
        self._parent: dict[str, str] = {}
        for a, b in allies:
            self.ally(a, b)

    def base(self, actor: str) -> str:
        actor = generic_key(actor)
        reg = self.registry
        if reg is not None and actor in reg:
            entry = reg[actor]
            seen = set()
            while entry.parent and entry.parent not in seen and entry.parent in reg:
                seen.add(entry.id)
                entry = reg[entry.parent]
            if entry.type in STATE_TYPES and entry.country:
                return f"state:{entry.country}"
            return entry.id
        return actor

    def _find(self, key: str) -> str:
        while self._parent.get(key, key) != key:
            key = self._parent[key]
        return key

    def ally(self, a: str | None, b: str | None, source=None) -> None:
        """``a`` and ``b`` are on one side (``source``, the article that says so, is read by
        :class:`CorpusSides` only)."""
        if not a or not b or is_unknown_generic(a) or is_unknown_generic(b):
            return
        ra, rb = self._find(self.base(a)), self._find(self.base(b))
        if ra != rb:
            self._parent[ra] = rb

    def side(self, actor: str | None) -> str | None:
        if actor is None or is_unknown_generic(actor):
            return None
        return self._find(self.base(actor))

    def same(self, a: str | None, b: str | None) -> bool | None:
        """True / False, or None when either side is unknown."""
        sa, sb = self.side(a), self.side(b)
        if sa is None or sb is None:
            return None
        return sa == sb

    def conflict(self, a: str | None, b: str | None) -> bool:
        return self.same(a, b) is False


class CorpusSides(Sides):
    """Sides across a corpus: an alliance is a pair stated by ``min_support`` articles or more,
    never a closure. Within one article ``Sides`` may join alliances transitively; over
    hundreds of articles one misread "backed by" or one event's wrong associated actor would
    chain every army into one side (on 430 FA-KES articles the closure put the Syrian army,
    the Nusra Front, the Islamic State and the Turkish army on one side), and a merge could no
    longer keep two enemies' attacks apart."""

    def __init__(self, *, min_support: int = 2, registry=None):
        super().__init__(registry=registry)
        self.min_support = min_support
        self._pairs: dict[frozenset, set] = {}
        self._of_source: dict[object, set[frozenset]] = {}

    def ally(self, a: str | None, b: str | None, source=None) -> None:
        if not a or not b or is_unknown_generic(a) or is_unknown_generic(b):
            return
        ka, kb = self.base(a), self.base(b)
        if ka != kb:
            key = frozenset((ka, kb))
            self._pairs.setdefault(key, set()).add(source)
            self._of_source.setdefault(source, set()).add(key)

    def forget(self, source) -> None:
        """Take back what ``source`` stated (a removed or reanalysed article)."""
        for key in self._of_source.pop(source, ()):
            stated = self._pairs.get(key)
            if stated is not None:
                stated.discard(source)
                if not stated:
                    del self._pairs[key]

    def side(self, actor: str | None) -> str | None:
        return None if actor is None or is_unknown_generic(actor) else self.base(actor)

    def same(self, a: str | None, b: str | None) -> bool | None:
        sa, sb = self.side(a), self.side(b)
        if sa is None or sb is None:
            return None
        return sa == sb or len(self._pairs.get(frozenset((sa, sb)), ())) >= self.min_support


def sides_for(statements: Iterable[ControlStatement], events: Iterable = (),
              allies: Iterable[tuple[str, str]] = ()) -> Sides:
    """Sides with the alliances ``statements`` state ("backed by X") and, when given, the
    ``associated`` actors of ``events`` (records with ``actor1`` and ``associated``)."""
    sides = Sides(allies)
    for st in statements:
        for a in st.allies:
            sides.ally(st.controller if st.status in ("taken", "held") else None, a)
    for ev in events:
        for a in ev.associated or ():
            sides.ally(ev.actor1, a)
    return sides
