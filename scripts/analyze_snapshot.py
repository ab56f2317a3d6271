"""Snapshot ``warwatch analyze --json`` over fixed inputs, or compare against a snapshot.

A refactor of the pipeline must leave its output byte-identical; this is how that is checked:

    python scripts/analyze_snapshot.py write /tmp/snap-before
    ... change the code ...
    python scripts/analyze_snapshot.py compare /tmp/snap-before

Inputs: every demo page, revision and text file under ``examples/``, and the first N (100)
articles of FA-KES dev (``../shared/eval/realnews/fakes-dev.csv``, read by path, loaded as
``warwatch bench realnews`` loads them). The snapshot holds analysis output, which quotes the
articles: keep it outside the repository.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAKES = ROOT.parent / "shared" / "eval" / "realnews" / "fakes-dev.csv"


def inputs(fakes: Path, limit: int):
    from warwatch.bench.realnews import fakes_documents
    from warwatch.records import RawDocument
    from warwatch.sources import iter_inputs

    for sub in ("pages", "revisions", "text"):
        for path in sorted((ROOT / "examples" / sub).iterdir()):
            for raw in iter_inputs([str(path)]):
                if isinstance(raw, RawDocument):
                    yield f"demo-{path.name}", raw
    if fakes.exists():
        for row, raw in fakes_documents(fakes, limit=limit):
            yield f"fakes-{row['unit_id']}", raw


def render(raws) -> dict[str, str]:
    from warwatch import pipeline

    names = [name for name, _ in raws]
    if hasattr(pipeline, "analyze_many"):
        results = pipeline.analyze_many([raw for _, raw in raws])
    else:  # the pipeline before batching
        results = [pipeline.analyze(raw) for _, raw in raws]
    return {name: json.dumps(result.to_json() if hasattr(result, "to_json") else {"failure": result.reason},
                             ensure_ascii=False, indent=2) + "\n"
            for name, result in zip(names, results)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("write", "compare"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--fakes", type=Path, default=FAKES)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args(argv)
    outputs = render(list(inputs(args.fakes, args.limit)))
    if args.mode == "write":
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, text in outputs.items():
            (args.dir / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"wrote {len(outputs)} analyses to {args.dir}")
        return 0
    changed = 0
    for name, text in outputs.items():
        path = args.dir / f"{name}.json"
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        if before != text:
            changed += 1
            diff = difflib.unified_diff(before.splitlines(), text.splitlines(), name, name, lineterm="", n=1)
            print("\n".join(list(diff)[:40]))
    missing = {p.stem for p in args.dir.glob("*.json")} - set(outputs)
    print(f"{len(outputs)} analyses, {changed} changed, {len(missing)} missing from this run")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
