from datetime import datetime, timezone

import pytest

from warwatch.extract import extract
from warwatch.extract.chrome import clean_lines
from warwatch.records import TEXT, ExtractionError, RawDocument

PASTED = """Home
News
World
Politics
Read Mode
100% Font Size
4 min read
Ceasefire talks stall as shelling resumes near the border
By Jane Doe and Omar Haddad
Published: 3 March 2024 10:15 Updated: 4 March 2024
Share on Facebook
Tweet
WhatsApp
Copy link
Talks between the two delegations broke down on Sunday evening after a night of shelling, officials said.

Advertisement

Residents said the bakeries had run out of flour, and that children were baking cookies from what was left of the rations.

We use cookies to improve your experience on our site. Accept all

Accept all
Related articles
Aid convoy reaches northern town
Second round of talks announced

Top Content Trending
"""


def _article(text, **kw):
    return extract(RawDocument(source="paste", content=text.encode("utf-8"), media_type=TEXT, **kw))


def test_pasted_page_is_cleaned():
    art = _article(PASTED)
    assert art.title == "Ceasefire talks stall as shelling resumes near the border"
    assert art.author == "Jane Doe and Omar Haddad"
    assert art.published == datetime(2024, 3, 3, 10, 15, tzinfo=timezone.utc)
    assert art.updated == datetime(2024, 3, 4, tzinfo=timezone.utc)
    assert art.text == (
        "Talks between the two delegations broke down on Sunday evening after a night of shelling, officials said."
        "\n\nResidents said the bakeries had run out of flour, and that children were baking cookies from what"
        " was left of the rations."
    )
    for chrome in ("Read Mode", "Font Size", "min read", "Tweet", "Advertisement", "Related", "Aid convoy", "Accept"):
        assert chrome not in art.text
    assert art.language == "en"
    assert art.word_count == 39 and art.reading_minutes == 1


def test_sentence_mentioning_cookies_and_share_is_kept():
    text = (
        "Bakery reopens in the old town\n\n"
        "The bakery that shared its last cookies with soldiers in March reopened on Friday, and we use cookies "
        "as a small thank-you to every customer, the owner said.\n\n"
        "Share prices of the regional flour mill rose after the announcement, analysts said."
    )
    art = _article(text)
    assert "we use cookies" in art.text
    assert art.text.startswith("The bakery that shared")
    assert "Share prices of the regional flour mill" in art.text


def test_raw_title_and_published_win():
    when = datetime(2024, 1, 2, 9, 0, tzinfo=timezone.utc)
    art = _article(
        "Bridge reopened to traffic\nPublished: 5 May 2023\nThe bridge over the river reopened to traffic on Monday.",
        title="Bridge reopened to traffic",
        published=when,
    )
    assert art.title == "Bridge reopened to traffic"
    assert art.published == when
    assert art.text == "The bridge over the river reopened to traffic on Monday."


def test_empty_published_updated_line_dropped():
    paras, author, published, updated = clean_lines("Published: Updated:\nA real sentence that stays here, said the mayor.")
    assert paras == ["A real sentence that stays here, said the mayor."]
    assert published is None and updated is None and author is None


def test_hard_wrapped_text_is_joined():
    text = (
        "The council met on Tuesday evening to discuss the damage caused by the\n"
        "storm, and agreed to release money from the emergency fund at once.\n\n"
        "Repairs to the harbour wall will start next week, weather permitting, and\n"
        "the ferry service should resume by the end of the month, officials said.\n"
    )
    paras, *_ = clean_lines(text)
    assert len(paras) == 2
    assert paras[0].endswith("from the emergency fund at once.")


def test_only_chrome_fails():
    with pytest.raises(ExtractionError, match="no main text"):
        _article("Share on Facebook\nTweet\nAdvertisement\n")


def test_masthead_becomes_site_and_headline_is_the_line_above_the_byline():
    pasted = """The Harbour Gazette
Home World Opinion Sport
Read Mode
100% Font Size
3 min read
World
Ceasefire talks stall as shelling resumes near the river
By Maya Rahal
Published: Aug 29, 2016

Shelling resumed on Monday along the river after talks between the two sides stalled, residents said.

Local officials said at least four people were wounded in the villages closest to the front line.
"""
    art = extract(RawDocument(source="p.txt", content=pasted.encode(), media_type=TEXT))
    assert art.site == "The Harbour Gazette"
    assert art.title == "Ceasefire talks stall as shelling resumes near the river"
    assert art.author == "Maya Rahal"
    assert art.text.startswith("Shelling resumed on Monday")
