"""The pages' templates: Jinja2 with autoescaping on, the filters and globals the templates use
(from render.py and reports.py), and ``page()``, which renders one into a response.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from . import render
from .assets import available as map_assets
from .desk import review_of
from .reports import event_url, speaker_url, type_definition, type_group, type_label

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
env = templates.env
env.filters["date"] = render.fmt_date
env.filters["day"] = render.fmt_short
env.filters["paragraphs"] = render.paragraphs
env.filters["snippet"] = render.snippet_html
env.filters["safe_url"] = render.safe_url
env.filters["undateline"] = render.undateline
env.filters["slash_breaks"] = render.slash_breaks
env.filters["precise"] = render.precise
env.filters["host"] = render.host
env.filters["entity_url"] = lambda e: render.entity_url(e.kind, e.id)
env.filters["type_label"] = lambda e: render.entity_type_label(e.kind, e.type)
env.filters["coordinates"] = lambda e: render.coordinates(e.lat, e.lon)
env.filters["mention_snippet"] = render.mention_snippet_html
env.globals["urlencode"] = urlencode
env.globals["review_of"] = review_of
env.globals["map_assets"] = map_assets
env.globals["entity_url"] = render.entity_url
env.globals["type_label"] = render.entity_type_label
env.globals["role_names"] = render.ROLE_NAMES
env.globals.update(event_url=event_url, speaker_url=speaker_url, event_type_label=type_label,
                   event_type_definition=type_definition, event_type_group=type_group)


def page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("q", "")
    context["web"] = request.app.state.web
    return templates.TemplateResponse(request, name, context, status_code=status_code)
