"""The event components: candidate sentences, their types, and the events they report."""

from __future__ import annotations

from ..plugins import Component


class EventCandidates(Component):
    """Sentences that name and assert an event cue and are not background (``detect.py``)."""

    name = "event_candidates"
    requires = ("doc", "dates")
    assigns = ("event_candidates",)

    def __call__(self, analysis) -> None:
        from .candidates import event_candidates

        analysis.event_candidates = event_candidates(analysis.doc, analysis)


class EventClassifier(Component):
    """The event type of each candidate (``model.py``), or ``NONE``: one classifier call per
    batch of documents. ``model``: a model file (``warwatch train events``), else the built-in
    one; ``none_threshold`` and ``min_confidence``: see ``detect.decide``. Its labels are then
checked against the sentence's own words (``reports.refine``)."""

    name = "event_classifier"
    requires = ("event_candidates",)
    assigns = ("event_types",)
    default_config = {"model": None, "none_threshold": 0.5, "min_confidence": 0.25}

    def __init__(self, lang: str, **config):
        super().__init__(lang, **config)
        from .features import preload
        from .model import load_model

        self.model = load_model(self.config["model"], lang)
        preload(lang)

    def __call__(self, analysis) -> None:
        self.pipe([analysis])

    def pipe(self, analyses: list) -> None:
        from .detect import decide
        from .reports import refine

        cands = [c for a in analyses for c in a.event_candidates]
        if not cands:
            return
        for cand, probs in zip(cands, self.model.predict_proba([c.text for c in cands])):
            cand.probs = probs
            label = decide(probs, none_threshold=self.config["none_threshold"],
                           min_confidence=self.config["min_confidence"])
            cand.label = refine(label, probs, cand.text.rstrip(), cand.sent.doc.lang_)


class Events(Component):
    """Events of the typed candidates: acting sides, place, date, toll, evidence (``detect.py``).
    Adds to ``actors`` the state forces and generic groups it finds ("Turkish tanks", "rebels")."""

    name = "events"
    requires = ("doc", "actors", "places", "dates", "attributions", "event_types")
    assigns = ("events",)

    def __init__(self, lang: str, **config):
        super().__init__(lang, **config)
        from .features import preload

        preload(lang)

    def __call__(self, analysis) -> None:
        from .detect import build_events

        analysis.events = build_events(analysis.doc, analysis, analysis.event_candidates)
