from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from warwatch.extract import WORDS_PER_MINUTE, extract, reading_minutes, word_count
from warwatch.extract.dates import parse_datetime
from warwatch.extract.maintext import drop_repeated_passages
from warwatch.extract.metadata import strip_site_from_title
from warwatch.records import TEXT, ExtractionError, RawDocument

FIX = Path(__file__).parent / "fixtures" / "extract"
PLUS2 = timezone(timedelta(hours=2))


def _raw(name, **kw):
    return RawDocument(source=name, content=(FIX / name).read_bytes(), **kw)


def test_news_page_text_and_metadata():
    art = extract(_raw("news_page.html", url="https://meridian-courier.example/x?utm=1"))
    assert art.title == "Night convoy reaches besieged river town"
    assert art.author == "Lena Varga, Tomas Ilic"
    assert art.site == "The Meridian Courier"
    assert art.url == "https://meridian-courier.example/world/2024/03/05/night-convoy-river-town"
    assert art.language == "en"
    assert art.published == datetime(2024, 3, 5, 6, 40, tzinfo=PLUS2)
    assert art.updated == datetime(2024, 3, 5, 14, 5, tzinfo=PLUS2)
    paras = art.text.split("\n\n")
    assert paras[0].startswith("A convoy of eleven lorries")
    assert paras[-1].startswith("The aid coordinator said two further convoys")
    assert len(paras) == 6
    for chrome in ("cookies", "Accept all", "Advertisement", "Most read", "Share on Facebook", "Sign up",
                   "Politics", "All rights reserved", "By Lena"):
        assert chrome not in art.text
    assert "\n\n\n" not in art.text
    assert art.word_count == word_count(art.text) and 200 < art.word_count < 260
    assert art.reading_minutes == 1


def test_raw_published_is_authoritative_and_updated_kept_if_later():
    user = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
    art = extract(_raw("news_page.html", published=user))
    assert art.published == user
    assert art.updated == datetime(2024, 3, 5, 14, 5, tzinfo=PLUS2)


def test_broken_html_article_inside_unclosed_aside():
    art = extract(_raw("broken_page.html", url="https://valley.example/news/bridge"))
    assert "Engineers started work on Monday" in art.text
    assert "riverbanks downstream" in art.text
    assert art.url == "https://valley.example/news/bridge"
    assert art.title.startswith("Bridge repairs begin after floods")


def test_arabic_cp1256_page():
    art = extract(_raw("arabic_cp1256_declares_utf8.html"))
    assert art.language == "ar"
    assert "\u0642\u0627\u0641\u0644\u0629" in art.text
    # the <h1> is not repeated as the first paragraph
    assert not art.text.startswith("\u0648\u0635\u0648\u0644 \u0642\u0627\u0641\u0644\u0629 \u0645\u0633\u0627\u0639\u062f\u0627\u062a")


def test_latin1_page():
    art = extract(_raw("latin1_no_charset.html"))
    assert art.title == "A quiet café in Zürich"
    assert "crème brûlée" in art.text


def test_date_only_published_is_midnight_utc_and_raw_title_fallback():
    page = (
        "<html><head><meta name='date' content='2023-11-02'></head><body><div>"
        + "".join(f"<p>Paragraph {i} describes the flood damage in the lower valley in some detail.</p>" for i in range(8))
        + "</div></body></html>"
    )
    art = extract(RawDocument(source="t", content=page.encode(), title="Flood damage in the valley"))
    assert art.published == datetime(2023, 11, 2, tzinfo=timezone.utc)
    assert art.updated is None
    assert art.title == "Flood damage in the valley"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"<html>\x00\x00\x00\x01binary</html>", "NUL"),
    ],
)
def test_rejects_empty_and_binary(content, reason):
    with pytest.raises(ExtractionError) as err:
        extract(RawDocument(source="x", content=content))
    assert reason in err.value.reason
    assert "\n" not in err.value.reason


def test_no_main_text():
    with pytest.raises(ExtractionError, match="no main text"):
        extract(RawDocument(source="x", content=b"<html><head><title>t</title></head><body><nav><a href='/'>Home</a></nav></body></html>"))


def test_reading_time_and_word_count():
    assert WORDS_PER_MINUTE == 230
    assert reading_minutes(0) == 1
    assert reading_minutes(460) == 2
    assert reading_minutes(1000) == 4
    assert word_count("Hello, world — 2024 | U.S.") == 4
    assert word_count("今日は良い天気です") == 5  # 9 CJK characters -> 9/2 rounded up


def test_parse_datetime_forms():
    assert parse_datetime("2024-03-05T06:40:00Z") == (datetime(2024, 3, 5, 6, 40, tzinfo=timezone.utc), True)
    assert parse_datetime("2024-03-05") == (datetime(2024, 3, 5, tzinfo=timezone.utc), False)
    assert parse_datetime("March 5, 2024 10:30") == (datetime(2024, 3, 5, 10, 30, tzinfo=timezone.utc), True)
    assert parse_datetime("not a date") is None
    assert parse_datetime(1709620800)[0] == datetime(2024, 3, 5, 6, 40, tzinfo=timezone.utc)


def test_title_site_suffix_and_repeated_passages():
    assert strip_site_from_title("Convoy reaches town | The Courier", "The Courier", None) == "Convoy reaches town"
    assert strip_site_from_title("Courier | a story", None, "www.courier.example") == "a story"
    assert strip_site_from_title("War and peace: a review", None, "news.example") == "War and peace: a review"
    paras = ["intro line here", "a" * 120, "b" * 120, "c" * 120, "question?", "a" * 120, "b" * 120, "c" * 120]
    assert drop_repeated_passages(paras) == paras[:5]
    qa = ["What inspired you to cook?", "My grandmother.", "What inspired you to cook?", "My travels."]
    assert drop_repeated_passages(qa) == qa


def test_site_from_page_title_when_nothing_else_names_it_and_kicker_dropped():
    body = " ".join(["Fighters of the local council said they had pushed back an assault on the village."] * 6)
    html = f"""<html><head><title>Council says attack on village repelled – Frontline Weekly</title></head>
<body><article><p class="kicker">Region</p><h1>Council says attack on village repelled</h1>
<p>{body}</p><p>{body}</p></article></body></html>"""
    art = extract(RawDocument(source="x.html", content=html.encode()))
    assert art.site == "Frontline Weekly"
    assert art.title == "Council says attack on village repelled"
    assert art.text.startswith("Fighters of the local council")


def test_site_from_title_needs_the_headline_on_one_side():
    from warwatch.extract.metadata import site_from_title

    assert site_from_title("Rebels enter the town | Levant Courier", "Rebels enter the town") == "Levant Courier"
    assert site_from_title("Levant Courier | Rebels enter the town", "Rebels enter the town") == "Levant Courier"
    assert site_from_title("Rebels enter the town", "Rebels enter the town") is None
    assert site_from_title("Markets | Weather today", "Rebels enter the town") is None


def test_a_javascript_canonical_url_is_not_kept():
    body = " ".join(["Shelling resumed along the river on Monday, residents said by telephone."] * 8)
    html = f'<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><article><h1>Shelling resumes</h1><p>{body}</p></article></body></html>'
    art = extract(RawDocument(source="x.html", content=html.encode(), url="javascript:alert(2)"))
    assert art.url is None


def test_a_record_that_names_no_outlet_is_its_urls_registered_domain():
    raw = RawDocument(source="rec.jsonl:1", content=b"Rebels shelled the town on Monday, killing three civilians.",
                      media_type=TEXT, url="https://www.example-news.co.uk/world/2017/05/02/story")
    assert extract(raw).site == "example-news.co.uk"
    named = RawDocument(source="rec.jsonl:2", content=b"Rebels shelled the town on Monday.", media_type=TEXT,
                        url="https://www.example-news.co.uk/a", site="Example News")
    assert extract(named).site == "Example News"
