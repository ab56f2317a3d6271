"""The understanding stage's first components: the spaCy parse, actors, dates and places."""

from __future__ import annotations

from ..plugins import Component


class SpacyDoc(Component):
    """The spaCy ``Doc`` of the article text (at most ``max_chars``; offsets stay valid)."""

    name = "spacy"
    requires = ("article",)
    assigns = ("doc",)
    default_config = {"model": None, "max_chars": 200_000, "batch_size": 16}

    def __init__(self, lang: str, **config):
        super().__init__(lang, **config)
        from .model import load_nlp

        self.nlp = load_nlp(self.config["model"], lang)

    def __call__(self, analysis) -> None:
        self.pipe([analysis])

    def pipe(self, analyses: list) -> None:
        texts = [(a.analysed_text or a.article.text)[:self.config["max_chars"] + a.title_shift] for a in analyses]
        for analysis, text, doc in zip(analyses, texts, self.nlp.pipe(texts, batch_size=self.config["batch_size"])):
            doc.user_data["warwatch_text"] = text   # doc.text, which spaCy would rebuild from every token
            analysis.doc = doc


class Actors(Component):
    """Registry actors, people and organisations (``nlp/actors/``)."""

    name = "actors"
    requires = ("doc",)
    assigns = ("actors",)
    default_config = {"registry": []}
    """``registry``: extra actor files or folders, on top of the packaged ones and ``WARWATCH_ACTORS``."""

    def __init__(self, lang: str, **config):
        super().__init__(lang, **config)
        from .actors import default_registry

        self.registry = default_registry(tuple(self.config["registry"]), lang)

    def __call__(self, analysis) -> None:
        from .actors import find_actors
        from .places import is_place

        analysis.actors = find_actors(analysis.doc, self.registry, is_place=is_place)


class Dates(Component):
    """Date expressions resolved against the publication time (``nlp/when.py``)."""

    name = "dates"
    requires = ("doc",)
    assigns = ("dates",)

    def __call__(self, analysis) -> None:
        from .when import resolve_dates

        analysis.dates = resolve_dates(analysis.doc, analysis.article.reported)


class Places(Component):
    """Toponyms resolved to the gazetteer, skipping actor mentions (``nlp/places/``)."""

    name = "places"
    requires = ("doc", "actors")
    assigns = ("places",)

    def __init__(self, lang: str, **config):
        super().__init__(lang, **config)
        from .gazetteer import Gazetteer

        self.gazetteer = Gazetteer.open()

    def __call__(self, analysis) -> None:
        from .actors import claimed_spans
        from .places import resolve_places

        # the actors' countries ("the Syrian army", "Damascus said" taken as the government)
        # tell which country the article is about, though their spans make no place
        countries = sorted({a.country for a in analysis.actors if a.country})
        analysis.places = resolve_places(analysis.doc, exclude=claimed_spans(analysis.actors),
                                         hints={"actor_countries": countries},
                                         gazetteer=self.gazetteer)
