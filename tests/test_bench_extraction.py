import gzip
import json

import pytest

from warwatch.bench.extraction import aeb_scores, norm_author, run, shingles, word_scores
from warwatch.records import Article

BODY_1 = (
    "The convoy of eleven lorries reached the river town before dawn on Tuesday, officials said. "
    "Volunteers unloaded flour, medicine and fuel at the old grain market while residents queued in the cold."
)
BODY_2 = (
    "Engineers began repairing the stone bridge on Monday, a month after the flood tore away its eastern arch. "
    "The council expects the work to take six weeks and has opened a temporary footbridge for pedestrians."
)


def _page(title, body, author="Lena Varga", date="2024-03-05T06:40:00+02:00"):
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (
        "<html><head><meta charset='utf-8'>"
        f"<meta property='article:published_time' content='{date}'>"
        f"<meta name='author' content='{author}'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{paras}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def _write(path, html):
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(html)


@pytest.fixture
def aeb_dir(tmp_path):
    (tmp_path / "html").mkdir()
    _write(tmp_path / "html" / "a1.html.gz", _page("Convoy reaches town", BODY_1))
    _write(tmp_path / "html" / "b2.html.gz", _page("Bridge repairs begin", BODY_2))
    truth = {"a1": {"articleBody": BODY_1, "url": "https://x.example/a1"},
             "b2": {"articleBody": BODY_2, "url": "https://x.example/b2"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    return tmp_path


@pytest.fixture
def wcxb_dir(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth").mkdir()
    pages = [("0001", "Convoy reaches town", BODY_1, "Lena Varga", "2024-03-05"),
             ("0002", "Bridge repairs begin", BODY_2, "Tomas Ilic", "2024-03-06")]
    for pid, title, body, author, date in pages:
        _write(tmp_path / "html" / f"{pid}.html.gz", _page(title, body, author="Lena Varga"))
        gold = {"url": f"https://x.example/{pid}",
                "ground_truth": {"title": title, "author": author, "publish_date": date, "main_content": body}}
        (tmp_path / "ground-truth" / f"{pid}.json").write_text(json.dumps(gold))
    return tmp_path


def _const(text):
    def extractor(raw):
        return Article(raw.url, "t", None, None, None, None, None, 0, 1, text)
    return extractor


def test_metric_edge_cases():
    assert aeb_scores("a b c d e", "a b c d e") == (1.0, 1.0, 1.0)
    assert aeb_scores("", "") == (1.0, 1.0, 1.0)
    assert aeb_scores("a b c d e", "") == (0.0, 0.0, 0.0)
    # 5 gold tokens -> 2 shingles; prediction has one of them plus one wrong
    p, r, f = aeb_scores("a b c d e", "a b c d x")
    assert (p, r) == (0.5, 0.5) and f == 0.5
    assert sum(shingles("one two").values()) == 1  # short text -> one short shingle
    p, r, f = word_scores("The cat sat", "the cat")
    assert p == 1.0 and r == pytest.approx(2 / 3)
    assert norm_author("Jane Doe and Omar Haddad") == norm_author("Jane Doe, Omar Haddad")


def test_aeb_perfect_and_empty(aeb_dir):
    perfect = run(aeb_dir, "aeb")
    assert perfect["pages"] == 2
    assert perfect["f1"] == perfect["precision"] == perfect["recall"] == 1.0
    assert perfect["pages_per_second"] > 0
    assert set(perfect) == {"pages", "f1", "precision", "recall", "pages_per_second"}
    empty = run(aeb_dir, "aeb", extractor=_const(""))
    assert empty["recall"] == 0.0 and empty["f1"] == 0.0
    half = run(aeb_dir, "aeb", extractor=_const(BODY_1))  # right on page a1, wrong on b2
    assert half["f1"] == 0.5
    assert run(aeb_dir, "aeb", limit=1)["pages"] == 1


def test_wcxb_text_and_metadata(wcxb_dir):
    res = run(wcxb_dir, "wcxb")
    assert res["pages"] == 2
    assert res["f1"] == 1.0
    assert res["title_accuracy"] == 1.0
    assert res["published_accuracy"] == 0.5  # page 0002's gold date differs from its page
    assert res["author_accuracy"] == 0.5  # page 0002's gold author differs from its page
    empty = run(wcxb_dir, "wcxb", extractor=_const(""))
    assert empty["recall"] == 0.0 and empty["title_accuracy"] == 0.0


def test_unknown_format(tmp_path):
    with pytest.raises(ValueError):
        run(tmp_path, "nope")
