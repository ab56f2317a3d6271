"""A warwatch plugin: Telegram Desktop channel exports, and a keyword event classifier.

``TelegramExport`` reads the ``result.json`` that Telegram Desktop's "Export chat history"
writes (``{"name", "type", "messages": [{"id", "type", "date", "text"}]}``): one document per
message with text, the channel's name as the site. ``KeywordClassifier`` types event
candidates by a few keywords instead of warwatch's model.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from warwatch.plugins import Component, Source
from warwatch.records import TEXT, Failure, RawDocument


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):   # entities: plain strings and {"type": "link", "text": ...}
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in value)
    return ""


class TelegramExport(Source):
    name = "telegram"
    suffixes = (".telegram.json",)

    def sniff(self, head, path):
        return head.lstrip().startswith(b"{") and b'"messages"' in head

    def read(self, path, *, max_bytes):
        try:
            if path.stat().st_size > max_bytes:
                yield Failure(str(path), "too large")
                return
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            yield Failure(str(path), f"not a Telegram export: {exc}")
            return
        channel = data.get("name") or None
        for msg in data.get("messages") or ():
            text = _text(msg.get("text")).strip()
            if msg.get("type") != "message" or not text:
                continue
            when = datetime.fromisoformat(msg["date"]).replace(tzinfo=timezone.utc) if msg.get("date") else None
            yield RawDocument(source=f"{path}#{msg.get('id')}", content=text.encode("utf-8"), media_type=TEXT,
                              encoding="utf-8", published=when, site=channel)


class KeywordClassifier(Component):
    name = "keyword_classifier"
    requires = ("event_candidates",)
    assigns = ("event_types",)
    default_config = {"keywords": {"drone": "DISR_WEAP", "shell": "ART_MISS_ATTACK"}}

    def __call__(self, analysis):
        for cand in analysis.event_candidates:
            low = cand.text.lower()
            cand.label = next((code for word, code in self.config["keywords"].items() if word in low), "NONE")
