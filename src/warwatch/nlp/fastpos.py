"""Coarse part-of-speech tags without spaCy's attribute ruler.

The small English pipelines map fine-grained tags to coarse ones (``pos_``) with an
``attribute_ruler`` that runs spaCy's token Matcher over about 180 patterns: about a tenth
of the whole pipeline's time. Its rules read only a token's tag, lower-case text, dependency
label and whether it is a space, one or two tokens at a time, and warwatch reads only
``pos_``, ``tag_`` and ``dep_`` of what they set (never the morphology or lemmas they also
set). So this component applies the same rules, taken from the loaded model's own ruler, by
dictionary lookup. A model whose ruler has a rule of another shape keeps its own ruler
(``compile_rules`` returns None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SET = ("POS", "TAG", "DEP")


@dataclass(frozen=True, slots=True)
class Rule:
    order: int
    """The rule's place in the ruler: when two rules set one token, the later one wins."""
    index: int
    """Which token of the match gets the attributes (negative: from the end)."""
    tests: tuple[tuple[tuple[str, Callable[[Any], bool]], ...], ...]
    attrs: tuple[tuple[str, str], ...]
    anchor: tuple[str, tuple] | None
    """An attribute and the values the first token must have, to index the rule by."""


def _anchors(spec: Any) -> tuple | None:
    """The values a spec accepts, when it lists them (equality or ``IN``), else None."""
    if isinstance(spec, (str, bool)):
        return (spec,)
    if isinstance(spec, dict) and list(spec) == ["IN"]:
        return tuple(spec["IN"])
    return None


def _test(spec: Any) -> Callable[[Any], bool]:
    """A predicate over one attribute value from a Matcher value spec."""
    if isinstance(spec, (str, bool)):
        return lambda v: v == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN":
            values = frozenset(arg)
            return lambda v: v in values
        if op == "NOT_IN":
            values = frozenset(arg)
            return lambda v: v not in values
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: bool(rx.search(v))
    raise ValueError(spec)


def compile_rules(patterns: list[dict]) -> list[Rule] | None:
    """The rules (of an attribute ruler's ``patterns``) that set POS, TAG or DEP, or None when
    one has a shape this component does not reproduce."""
    rules = []
    for order, entry in enumerate(patterns):
        attrs = tuple((k, v) for k, v in entry["attrs"].items() if k in _SET)
        if not attrs:
            continue
        for pattern in entry["patterns"]:
            if any(not set(tok) <= set(_KEYS) for tok in pattern):
                return None
            try:
                tests = tuple(tuple((key, _test(spec)) for key, spec in tok.items()) for tok in pattern)
            except ValueError:
                return None
            anchor = next(((key, values) for key in _KEYS
                           if (values := _anchors(pattern[0].get(key, {}))) is not None), None)
            rules.append(Rule(order, entry.get("index", 0), tests, attrs, anchor))
    return rules


class FastPos:
    """Applies compiled attribute-ruler rules as the ruler does: every match is found on the
    annotations as they are, then applied in rule order (a later rule wins). Each rule is
    indexed by a value its first token must have, so a token is tested only against the rules
    that could start on it."""

    def __init__(self, rules: list[Rule]):
        self.general = [r for r in rules if r.anchor is None]
        self.index: dict[tuple[str, Any], list[Rule]] = {}
        for rule in rules:
            if rule.anchor is not None:
                key, values = rule.anchor
                for value in values:
                    self.index.setdefault((key, value), []).append(rule)

    def __call__(self, doc):
        values = [{"TAG": t.tag_, "LOWER": t.lower_, "DEP": t.dep_, "IS_SPACE": t.is_space} for t in doc]
        n = len(values)
        hits = set()
        for start, vals in enumerate(values):
            cands = self.general + [r for key in _KEYS for r in self.index.get((key, vals[key]), ())]
            for rule in cands:
                width = len(rule.tests)
                if start + width > n:
                    continue
                if all(test(values[start + k][key]) for k, tests in enumerate(rule.tests) for key, test in tests):
                    hits.add((rule.order, start, start + (rule.index if rule.index >= 0 else width + rule.index),
                              rule.attrs))
        for _, _, target, attrs in sorted(hits, key=lambda h: (h[0], h[1])):
            tok = doc[target]
            for key, value in attrs:
                if key == "POS":
                    tok.pos_ = value
                elif key == "TAG":
                    tok.tag_ = value
                else:
                    tok.dep_ = value
        return doc
