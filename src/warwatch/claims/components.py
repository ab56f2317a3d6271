"""The claim components: attributions, claims, control and contradictions."""

from __future__ import annotations

from ..plugins import Component


class Attributions(Component):
    """Source, cue and content spans of reported speech, quotes and "according to" (``attribution.py``)."""

    name = "attributions"
    requires = ("doc",)
    assigns = ("attributions",)

    def __call__(self, analysis) -> None:
        from .cues import find_attributions

        analysis.attributions = find_attributions(analysis.doc)


class Claims(Component):
    """Attributions as claims (speaker, polarity, places), the outlet's own-voice claims, and
    the links between claims and the events they report (``reported_by``)."""

    name = "claims"
    requires = ("doc", "actors", "places", "events", "attributions")
    assigns = ("claims",)

    def __call__(self, analysis) -> None:
        from . import find_claims, link_claims

        analysis.claims = find_claims(analysis.doc, analysis, analysis.events,
                                      attributions=analysis.attributions)
        link_claims(analysis.claims, analysis.events)


class Control(Component):
    """Who holds each place according to whom (``control/``)."""

    name = "control"
    requires = ("doc", "actors", "places", "dates", "events", "claims")
    assigns = ("control_statements", "control")

    def __call__(self, analysis) -> None:
        from .control import control_statements, control_summary

        analysis.control_statements = control_statements(analysis)
        analysis.control = control_summary(analysis.control_statements, events=analysis.events)


class Contradictions(Component):
    """Pairs of the article's claims that cannot both be true (``contradictions/``)."""

    name = "contradictions"
    requires = ("claims", "events", "control_statements", "actors", "places")
    assigns = ("contradictions",)

    def __call__(self, analysis) -> None:
        from .contradictions import find_contradictions

        analysis.contradictions = find_contradictions(analysis)
