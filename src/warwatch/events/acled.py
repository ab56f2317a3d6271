"""Training the event classifier on a user's own ACLED export (``warwatch train events --acled``)."""

from __future__ import annotations

import csv
import os
import sys
from collections import Counter, defaultdict

from .model import ENV_VAR, EventModelError, Example, read_examples, save_model, train
from .taxonomy import acled_code


def read_acled(csv_path: str | os.PathLike, *, max_per_type: int | None = 20_000,
               seed: int = 13) -> tuple[list[Example], Counter]:
    """Examples from an ACLED export (columns ``notes`` and ``sub_event_type``). Rows with empty
    notes or an unknown sub-event type are skipped (counted under ``skipped``). At most
    ``max_per_type`` rows per type are kept (reservoir sampling, reproducible)."""
    import random

    rng = random.Random(seed)
    kept: dict[str, list[Example]] = defaultdict(list)
    seen: Counter = Counter()
    stats: Counter = Counter()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        fh = open(csv_path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise EventModelError(f"{csv_path}: cannot read ACLED file ({exc.strerror or exc})") from exc
    with fh:
        sample = fh.read(4096)
        fh.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(fh, dialect=dialect)
        fields = {f.strip().lower(): f for f in reader.fieldnames or []}
        if "notes" not in fields or "sub_event_type" not in fields:
            raise EventModelError(f"{csv_path}: an ACLED export needs the columns notes and "
                                  f"sub_event_type")
        for n, row in enumerate(reader, 2):
            notes = (row.get(fields["notes"]) or "").strip()
            code = acled_code(row.get(fields["sub_event_type"]))
            if not notes or code is None:
                stats["skipped"] += 1
                continue
            seen[code] += 1
            ex = Example(notes, code, f"acled:{n}")
            bucket = kept[code]
            if max_per_type is None or len(bucket) < max_per_type:
                bucket.append(ex)
            else:
                j = rng.randrange(seen[code])
                if j < max_per_type:
                    bucket[j] = ex
    out = [e for code in sorted(kept) for e in kept[code]]
    stats.update({f"type:{k}": len(v) for k, v in kept.items()})
    return out, stats


def train_from_acled(csv_path: str | os.PathLike, out_path: str | os.PathLike, *,
                     include_builtin: bool = True, max_per_type: int | None = 20_000) -> dict:
    """Train a model from an ACLED export and save it to ``out_path``; point
    ``WARWATCH_EVENT_MODEL`` at that file to use it. The shipped sentences are added
    (``include_builtin``) so the five CASE types ACLED does not code, and the no-event
    class used by detection, are still known. Returns a summary dict."""
    acled, stats = read_acled(csv_path, max_per_type=max_per_type)
    if not acled:
        raise EventModelError(f"{csv_path}: no usable rows (notes + known sub_event_type)")
    examples = acled + (read_examples() if include_builtin else [])
    model = train(examples)
    model.info["acled_rows"] = len(acled)
    model.info["acled_source"] = str(csv_path)
    save_model(model, out_path)
    return {"model": str(out_path), "acled_rows": len(acled), "skipped": stats.get("skipped", 0),
            "examples": len(examples), "types": len(model.labels),
            "per_type": {k[5:]: v for k, v in sorted(stats.items()) if k.startswith("type:")},
            "use": f"export {ENV_VAR}={out_path}"}
