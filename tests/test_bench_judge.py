"""`warwatch bench judge`: a store built from a FA-KES-shaped CSV, its corpus view sampled and
scored against verdicts. The rows are ours."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from warwatch.cli import main

ROWS = [
    ("1", "Strikes hit Saraqib", "Reuters",
     "BEIRUT, Aug 1, 2016 (Reuters) - Government warplanes bombed the town of Saraqib in Idlib province on Monday, "
     "killing 12 civilians, the Syrian Observatory for Human Rights said."),
    ("2", "Saraqib bombed", "AFP",
     "BEIRUT, Aug 1, 2016 (AFP) - Air strikes by government jets on Saraqib in Idlib province killed 12 "
     "civilians on Monday, a monitor "
     "said. Rescuers pulled survivors from the rubble of two buildings."),
]


def write_csv(path):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["unit_id", "article_title", "source", "article_content", "date", "location", "labels"])
        for uid, title, source, text in ROWS:
            w.writerow([uid, title, source, text, "2016-08-01", "Idleb", "1"])


def test_judge_builds_the_store_samples_and_scores(tmp_path):
    src, db = tmp_path / "fakes.csv", tmp_path / "judge.db"
    write_csv(src)
    runner = CliRunner()
    shown = runner.invoke(main, ["bench", "judge", "--db", str(db), "--fakes", str(src), "--show"])
    assert shown.exit_code == 0, shown.output
    out = json.loads(shown.output)
    [merged] = out["merged"]["items"]   # the two reports of one strike, one merged event
    assert sorted(r["site"] for r in merged["reports"]) == ["AFP", "Reuters"]
    verdicts = tmp_path / "verdicts.json"
    verdicts.write_text(json.dumps({merged["key"]: True}), encoding="utf-8")
    scored = json.loads(runner.invoke(main, ["bench", "judge", "--db", str(db), "--verdicts", str(verdicts)]).output)
    assert scored["merged"] == {"sampled": 1, "judged": 1, "precision": 1.0}
    # the store is built once: a second --fakes is refused rather than judging a mixed store
    again = runner.invoke(main, ["bench", "judge", "--db", str(db), "--fakes", str(src)])
    assert again.exit_code == 2 and "exists" in again.output
