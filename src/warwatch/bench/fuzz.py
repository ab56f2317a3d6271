"""``warwatch bench fuzz``: ingest a corpus of hostile files of our own and count what went wrong.

The corpus is generated from a fixed seed in a temporary folder: about thirty kinds of file,
in turn (deep JSON, huge and missing WARC headers, gzip bombs, unclosed markup, bad and wide
encodings, binary data, absurd dates, file names that are not UTF-8, FIFOs, links to
``/dev/zero``...), with ordinary articles among them. One ``ingest`` runs over the folder in a
child process, with the configured limits and workers, while this process samples the
resident memory of the child and all its workers. Reported:

* ``crashes``: the run died (non-zero exit, no summary), or a document failed with an
  ``internal error`` (a bug caught by the net rather than a reason of its own);
* ``hangs``: the run did not finish in its time, plus documents stopped at ``max_seconds``;
* ``silent_losses``: generated files that are neither stored nor reported failed or skipped;
* ``peak_rss_mb``: the largest sum of resident memory of the child and its workers (pages the
  forked workers share with it counted in each), and ``peak_pss_mb``, the same with shared
  pages split between their users (what the machine really gave);
* ``slowest_s``: the longest the run waited for one file (the gap before its outcome arrived,
  results coming back in order, in chunks of 8: the file named is the first of the chunk that
  kept it waiting), and ``slowest_file``; the wait for the first outcome, which includes the
  workers loading the pipeline, is ``startup_s``.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

BODY = ("Engineers reopened the pontoon crossing at the river on Friday after three weeks of repairs, "
        "a local official said. Traffic resumed by noon and the market reopened. ")


def _page(title: str, body: str, head: str = "") -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"<p>{body}</p></article></body></html>").encode()


def _record(headers: dict[str, str], http: bytes, body: bytes) -> bytes:
    block = http + body
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return head.encode() + f"Content-Length: {len(block)}\r\n\r\n".encode() + block + b"\r\n\r\n"


RESPONSE = {"WARC-Type": "response", "WARC-Target-URI": "http://127.0.0.1/article",
            "Content-Type": "application/http; msgtype=response"}
OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"


class Corpus:
    """Writers of hostile files; each returns the path it wrote (or None when the system refuses)."""

    def __init__(self, folder: Path, seed: int = 7):
        self.folder = folder
        self.rng = random.Random(seed)
        self._bomb = gzip.compress(b"\x00" * 200_000_000, 9)     # ~200 KB inflating to 200 MB, made once
        self._newlines = gzip.compress(b"\n" * 200_000_000, 9)

    def body(self, n: int = 3) -> str:
        return " ".join(self.rng.sample(BODY.split(". "), 2)) + " " + BODY * n

    def write(self, name: str, data: bytes | str) -> Path:
        path = self.folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return path

    # -- the kinds -------------------------------------------------------------------------

    def good_html(self, i):
        return self.write(f"{i}-good.html", _page(f"Crossing {i} reopens", self.body()))

    def good_text(self, i):
        return self.write(f"{i}-good.txt", f"Crossing {i} reopens\n\n{self.body()}")

    def good_jsonl(self, i):
        lines = [json.dumps({"url": f"http://127.0.0.1/{i}/{k}", "text": f"Record {k}. {self.body()}"})
                 for k in range(3)]
        return self.write(f"{i}-good.jsonl", "\n".join(lines) + "\n")

    def good_warc(self, i):
        return self.write(f"{i}-good.warc", _record(RESPONSE, OK, _page(f"Archived {i}", self.body())))

    def deep_jsonl(self, i):
        depth = self.rng.choice([300, 5_000, 100_000])
        deep = '{"text": ' + "[" * depth + "]" * depth + "}"
        return self.write(f"{i}-deep.jsonl", deep + "\n" + json.dumps({"text": self.body()}) + "\n")

    def deep_object_jsonl(self, i):
        depth = self.rng.choice([1_000, 50_000])
        return self.write(f"{i}-deepobj.jsonl", '{"a":' * depth + "1" + "}" * depth + "\n")

    def deep_jsonld(self, i):
        deep = "[" * self.rng.choice([1_000, 100_000]) + "]" * 10
        head = f'<script type="application/ld+json">{deep}</script>'
        return self.write(f"{i}-deepld.html", _page(f"Page {i}", self.body(), head))

    def deep_html(self, i):
        depth = self.rng.choice([2_000, 20_000])
        return self.write(f"{i}-deephtml.html", ("<div>" * depth + self.body() + "</div>" * depth).encode())

    def unclosed_markup(self, i):
        marker = self.rng.choice([b"<", b"<script", b"<!--", b"<style"])
        return self.write(f"{i}-unclosed.html", marker * (200_000 // len(marker)) + b"caf\xe9 " + BODY.encode())

    def huge_warc_header(self, i):
        size = self.rng.choice([300_000, 3_000_000])
        return self.write(f"{i}-hugeheader.warc", b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * size)

    def warc_no_type(self, i):
        headers = {k: v for k, v in RESPONSE.items() if k != "WARC-Type"}
        return self.write(f"{i}-notype.warc", _record(headers, OK, _page("No type", self.body())))

    def warc_blank_start(self, i):
        return self.write(f"{i}-blankstart.warc", b"\r\n\n\r\n" + _record(RESPONSE, OK, _page("Blank", self.body())))

    def warc_bad_status(self, i):
        status = self.rng.choice([b"HTTP/1.1 abc nonsense\r\n\r\n", b"garbage\r\n\r\n", b"HTTP/1.1 500 Oops\r\n\r\n"])
        return self.write(f"{i}-badstatus.warc", _record(RESPONSE, status, b"<p>x</p>"))

    def warc_garbled(self, i):
        return self.write(f"{i}-garbled.warc", b"WARC/1.0\r\nWARC-Type response\r\n\x00\x01\r\n\r\n" + os.urandom(200))

    def warc_truncated(self, i):
        data = gzip.compress(_record(RESPONSE, OK, _page("Cut", self.body(20))))
        return self.write(f"{i}-truncated.warc.gz", data[: len(data) // 2])

    def zero_warc(self, i):
        return self.write(f"{i}-zeros.warc.gz", self._bomb)

    def newline_warc(self, i):
        return self.write(f"{i}-newlines.warc.gz", self._newlines)

    def zero_jsonl(self, i):
        return self.write(f"{i}-zeros.jsonl.gz", self._bomb)

    def whitespace(self, i):
        return self.write(f"{i}-blank.{self.rng.choice(['jsonl', 'warc', 'txt', 'html'])}", " \n\r\n \t\n")

    def empty(self, i):
        return self.write(f"{i}-empty.{self.rng.choice(['jsonl', 'warc', 'txt', 'html'])}", b"")

    def binary(self, i):
        return self.write(f"{i}-binary.{self.rng.choice(['html', 'txt'])}", os.urandom(self.rng.choice([100, 50_000])))

    def wide_text(self, i):
        codec = self.rng.choice(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
        return self.write(f"{i}-wide.txt", f"Wide text {i}\n\n{self.body()}".encode(codec))

    def bad_encoding(self, i):
        body = self.body().encode() + bytes(self.rng.randrange(128, 256) for _ in range(300))
        return self.write(f"{i}-badenc.html", b'<meta charset="utf-8">' + _page("Bytes", "x")[:60] + body)

    def lying_charset(self, i):
        text = f"Новости {i}: " + "переправа снова открыта, сообщили власти. " * 20
        return self.write(f"{i}-lying.html", _page("Новости", text).replace(b"<head>", b'<head><meta charset="iso-8859-1">')
                          .decode().encode("cp1251", "replace"))

    def absurd_date(self, i):
        when = self.rng.choice(["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2024-13-45", "yesterday"])
        return self.write(f"{i}-date.jsonl", json.dumps({"text": self.body(), "published": when}) + "\n")

    def absurd_meta_date(self, i):
        head = '<meta property="article:published_time" content="9999-12-31T23:59:59-14:00">'
        return self.write(f"{i}-metadate.html", _page(f"Dated {i}", self.body(), head))

    def invalid_jsonl(self, i):
        return self.write(f"{i}-invalid.jsonl", self.rng.choice(['{"text": ', "[1, 2, 3]", '{"html": 5}', "\x00{}"]) + "\n")

    def long_line(self, i):
        return self.write(f"{i}-longline.txt", ("x" * 600_000 + " ") * 2)

    def big_text(self, i):
        return self.write(f"{i}-bigtext.txt", f"Big {i}\n\n" + (BODY * 8 + "\n\n") * 600)

    def non_utf8_name(self, i):
        return self.write(os.fsdecode(f"{i}-name-".encode() + bytes([0xff, 0xfe]) + b".txt"), self.body())

    def fifo(self, i):
        path = self.folder / f"{i}-fifo.html"
        try:
            os.mkfifo(path)
        except (AttributeError, OSError):
            return None
        return path

    def device_link(self, i):
        path = self.folder / f"{i}-device.{self.rng.choice(['txt', 'html', 'jsonl'])}"
        target = self.rng.choice(["/dev/zero", "/dev/urandom", "/dev/null"])
        try:
            path.symlink_to(target)
        except OSError:
            return None
        return path

    def broken_link(self, i):
        path = self.folder / f"{i}-broken.txt"
        path.symlink_to(self.folder / f"missing-{i}")
        return path


KINDS: tuple[str, ...] = tuple(name for name, value in vars(Corpus).items()
                               if callable(value) and not name.startswith("_") and name not in ("body", "write"))


def generate(folder: Path, files: int, seed: int = 7) -> list[Path]:
    """``files`` hostile files in ``folder``, the kinds in turn (ordinary articles among them)."""
    corpus = Corpus(folder, seed)
    written: list[Path] = []
    for i in range(files):
        writer: Callable = getattr(corpus, KINDS[i % len(KINDS)])
        path = writer(f"{i:05d}")
        if path is not None:
            written.append(path)
    return written


def _tree_memory(root: int) -> tuple[int, int]:
    """Resident and proportional (shared pages split between their users) bytes of ``root`` and
    all its descendants, from /proc. Forked workers share the parent's pages, so the sum of
    their resident sizes counts those pages several times; the proportional sum does not."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return rss, pss


def run(files: int = 2000, workers: int = 2, timeout: float | None = None, seed: int = 7) -> dict:
    from ..limits import shown

    with tempfile.TemporaryDirectory(prefix="warwatch-fuzz-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        written = generate(folder, files, seed)
        timeout = timeout or max(600.0, files * 1.0)
        env = {**os.environ, "WARWATCH_DB": str(Path(tmp) / "fuzz.db")}
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "warwatch.bench.fuzz", str(folder), str(workers)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        peak = peak_pss = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak, peak_pss
            while not stop.is_set():
                rss, pss = _tree_memory(child.pid)
                peak, peak_pss = max(peak, rss), max(peak_pss, pss)
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        hung = False
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            out, err = child.communicate()
            hung = True
        stop.set()
        sampler.join()
        seconds = time.monotonic() - started
        try:
            report = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            report = None
    crashed = report is None or child.returncode != 0
    if report is None:
        report = {"outcomes": [], "gaps": []}
    outcomes = report["outcomes"]
    seen = {source for source, _kind, _reason in outcomes}
    lost = [shown(p) for p in written if not any(s == shown(p) or s.startswith((shown(p) + "#", shown(p) + ":",
                                                                                shown(p) + " ")) for s in seen)]
    internal = [r for _s, kind, r in outcomes if kind == "failed" and r.startswith("internal error")]
    deadline = [r for _s, kind, r in outcomes if kind == "failed" and "max_seconds" in r]
    slowest = max(report["gaps"], default=[0.0, None])
    return {
        "files": len(written), "kinds": len(KINDS), "workers": workers,
        "crashes": int(crashed) + len(internal), "hangs": int(hung) + len(deadline),
        "silent_losses": len(lost), "peak_rss_mb": round(peak / 1024 / 1024),
        "peak_pss_mb": round(peak_pss / 1024 / 1024),
        "slowest_s": round(slowest[0], 2), "slowest_file": Path(slowest[1]).name if slowest[1] else None,
        "startup_s": round(report.get("startup", 0.0), 1),
        "seconds": round(seconds, 1),
        "outcomes": dict(Counter(kind for _s, kind, _r in outcomes)),
        "internal_errors": Counter(internal).most_common(5),
        "lost_examples": [Path(p).name for p in lost[:5]],
        "run_error": err.strip().splitlines()[-1][:300] if crashed and err.strip() else None,
    }


def _child(folder: str, workers: int) -> None:
    """The ingest under test, in its own process: every outcome and the wait before it, as JSON."""
    from ..config import load_settings
    from ..ingest import ingest
    from ..records import Failure, Skipped
    from ..sources import iter_inputs
    from ..store import Store

    settings = load_settings()
    outcomes: list[tuple[str, str, str]] = []
    gaps: list[tuple[float, str]] = []
    last = time.monotonic()

    def on_item(item, outcome) -> None:
        nonlocal last
        now = time.monotonic()
        gaps.append((now - last, item.source))
        last = now
        if isinstance(outcome, Failure):
            outcomes.append((outcome.source, "failed", outcome.reason))
        elif isinstance(outcome, Skipped):
            outcomes.append((outcome.source, "skipped", outcome.reason))

    with Store.open(settings.db) as store:
        summary = ingest(iter_inputs([folder], limits=settings.limits()), store, workers=workers, on_item=on_item,
                         understand=settings.understand, max_seconds=settings.max_seconds,
                         memory_mb=settings.worker_memory_mb)
    outcomes += [(r.source, "stored", r.status) for r in summary.results]
    startup = gaps[0][0] if gaps else 0.0    # the first outcome waits for the workers to load the pipeline
    gaps = sorted(gaps[1:], reverse=True)[:1]
    print(json.dumps({"outcomes": outcomes, "gaps": gaps, "startup": startup}))


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]))
