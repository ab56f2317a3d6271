"""Plugins, as a user installs them: a package from the test tree (``tests/plugins/
warwatch-telegram``) adds a source (a Telegram channel export) and a component that replaces
the event classifier, through entry points, without editing warwatch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "plugins" / "warwatch-telegram"
CHANNEL = "Eastern Front Watch"
MESSAGES = [
    {"id": 11, "type": "message", "date": "2024-03-05T08:10:00",
     "text": "A drone struck a supply convoy near Kherson on Tuesday, killing two drivers, the regional governor said."},
    {"id": 12, "type": "service", "date": "2024-03-05T08:11:00", "action": "pin_message", "text": ""},
    {"id": 13, "type": "message", "date": "2024-03-05T09:30:00",
     "text": ["Residents reported ", {"type": "bold", "text": "heavy shelling"},
              " of the northern districts of Kharkiv on Monday night."]},
    {"id": 14, "type": "message", "date": "2024-03-05T10:00:00",
     "text": "Artillery units shelled the outskirts of Avdiivka overnight, killing three soldiers."},
]
WITH_PLUGIN = ["spacy", "actors", "dates", "places", "attributions", "event_candidates", "keyword_classifier",
               "events", "claims", "control", "contradictions"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The plugin installed into a folder of its own (as ``pip install`` would into a venv)."""
    work = tmp_path_factory.mktemp("plugin")
    shutil.copytree(PLUGIN, work / "src")   # pip builds in the source tree: keep tests/ clean
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--target", str(work / "site"), str(work / "src")], check=True)
    return work / "site"


@pytest.fixture()
def export(tmp_path) -> Path:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": CHANNEL, "type": "public_channel", "id": 4242, "messages": MESSAGES}),
                    encoding="utf-8")
    return path


def run(args, *, site: Path, tmp_path: Path, components=None) -> subprocess.CompletedProcess:
    config = tmp_path / "config.toml"
    config.write_text("" if components is None else f"[pipeline]\ncomponents = {json.dumps(components)}\n",
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "WARWATCH_CONFIG": str(config),
           "WARWATCH_DB": str(tmp_path / "store.db")}
    return subprocess.run([sys.executable, "-m", "warwatch.cli", *args], env=env, capture_output=True,
                          text=True, timeout=300)


def stored(tmp_path: Path) -> dict[str, dict]:
    from warwatch.store import Store

    with Store.open(tmp_path / "store.db", create=False) as store:
        views = list(store.iter_articles())
        analyses = store.revision_analyses([v.current_revision_id for v in views])
        return {v.text: {"site": v.site, "published": v.published,
                         "types": [e["type"] for e in analyses[v.current_revision_id]["events"]]} for v in views}


def test_a_plugin_adds_a_source_and_replaces_the_event_classifier(installed, export, tmp_path):
    done = run(["ingest", str(export), "--workers", "0", "--json"], site=installed, tmp_path=tmp_path,
               components=WITH_PLUGIN)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingested"] == 3   # the service message holds no text
    docs = stored(tmp_path)
    assert {d["site"] for d in docs.values()} == {CHANNEL}   # the source's site, not a guess from the text
    drone = next(d for text, d in docs.items() if text.startswith("A drone struck"))
    kharkiv = next(d for text, d in docs.items() if "Kharkiv" in text)
    assert drone["types"] == ["DISR_WEAP"]            # the keyword classifier's type for "drone"
    assert kharkiv["types"] == ["ART_MISS_ATTACK"]    # entity-split text reassembled: "heavy shelling"
    assert drone["published"].isoformat().startswith("2024-03-05T08:10")


def test_the_built_in_classifier_types_the_same_message_otherwise(installed, export, tmp_path):
    done = run(["analyze", str(export), "--json"], site=installed, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["article"]["site"] == CHANNEL
    assert [e["type"] for e in result["events"]] and "DISR_WEAP" not in [e["type"] for e in result["events"]]


def test_a_pipeline_missing_an_input_refuses_to_start(installed, export, tmp_path):
    broken = [c for c in WITH_PLUGIN if c != "keyword_classifier"]
    done = run(["analyze", str(export)], site=installed, tmp_path=tmp_path, components=broken)
    assert done.returncode == 1
    assert "component 'events' requires event_types (assigned by event_classifier or keyword_classifier)" \
        in done.stderr
    assert "Traceback" not in done.stderr


def test_components_lists_the_plugin(installed, tmp_path):
    done = run(["components", "--json"], site=installed, tmp_path=tmp_path, components=WITH_PLUGIN)
    listing = json.loads(done.stdout)
    row = next(c for c in listing["components"] if c["name"] == "keyword_classifier")
    assert row["in_pipeline"] and row["assigns"] == ["event_types"] and listing["problem"] is None
