"""Plain text as real feeds and corpora keep it: a headline alone, a dateline and the repeated
headline before the first sentence, wire credits after the last (issue 11). Texts written for
these tests."""

from __future__ import annotations

from datetime import datetime, timezone

from warwatch.extract import extract
from warwatch.extract.datelines import credits, lead, parse_date
from warwatch.pipeline import analyze
from warwatch.records import TEXT, RawDocument


def raw(text: str, title: str | None = None) -> RawDocument:
    return RawDocument(source="t.txt", content=text.encode(), media_type=TEXT, title=title)


def test_a_headline_alone_is_the_text_and_is_understood():
    art = extract(raw("Gunmen kill five guards at a border post in Kassala"))
    assert art.text == "Gunmen kill five guards at a border post in Kassala"
    assert art.language is None   # too short to tell: the pipeline's language is taken
    assert analyze(raw("Gunmen kill five guards at a border post in Kassala")).events


def test_a_known_headline_with_no_body_is_the_text():
    assert extract(raw("  ", title="Drone strike hits fuel depot near Port Sudan")).text == \
        "Drone strike hits fuel depot near Port Sudan"


def test_dateline_and_repeated_headline_are_lifted_from_a_flattened_text():
    title = "Shelling kills three in northern town market"
    text = ("Thu 14 Mar 2019 Shelling kills three in northern town market. Three people were killed when "
            "shells fell on a market in the northern town on Thursday, a local official said. --Meridian")
    art = extract(raw(text, title))
    assert art.published == datetime(2019, 3, 14, tzinfo=timezone.utc)
    assert art.text == ("Three people were killed when shells fell on a market in the northern town on "
                        "Thursday, a local official said.")
    assert art.title == title


def test_posted_on_with_byline_before_the_headline():
    got = lead("Posted on June 2 2018 by Lina Farah and Sami Nour Clashes flare near the dam Fighting "
               "broke out again.", "Clashes flare near the dam")
    assert got.published == datetime(2018, 6, 2, tzinfo=timezone.utc)
    assert got.author == "Lina Farah and Sami Nour"
    assert got.rest == "Fighting broke out again."


def test_last_updated_is_an_update_time_and_glued_days_are_read():
    got = lead("Last updated at Aug 092019 Rebels shelled the airport on Friday.", None)
    assert got.updated == datetime(2019, 8, 9, tzinfo=timezone.utc) and got.published is None
    assert got.rest == "Rebels shelled the airport on Friday."


def test_numeric_datelines_are_day_first():
    assert parse_date("03.11.2017") == datetime(2017, 11, 3, tzinfo=timezone.utc)
    assert parse_date("15-09-2013") == datetime(2013, 9, 15, tzinfo=timezone.utc)


def test_credits_after_the_last_sentence_go_sentences_stay():
    assert credits("The convoy reached the town. Reporting by Ana Lee; Editing by Tom Ross") == \
        "The convoy reached the town."
    assert credits("The convoy reached the town. (Source: Levant Courier) Twitter") == "The convoy reached the town."
    assert credits("Aid reached the camp. --Meridian") == "Aid reached the camp."
    kept = "The source of the river lies in the mountains north of the town."
    assert credits(kept) == kept


def test_tag_lists_and_share_widgets_are_not_text():
    from warwatch.extract.datelines import drop_widgets

    assert drop_widgets("Rebels confessed to nothing. Tags Syria Idlib rebels air raids Three women were killed "
                        "in the raid.") == "Rebels confessed to nothing. Three women were killed in the raid."
    assert drop_widgets("Tags Syria Golan Heights airstrike An Israeli airstrike hit a village.") == \
        "An Israeli airstrike hit a village."
    assert drop_widgets("A strike hit the town. Tags Syria Golan airstrike") == "A strike hit the town."
    assert drop_widgets("(updated 1041 19.04.2017) Get short URL 0 73 Fighters advanced on the town.") == \
        "Fighters advanced on the town."
    # "Tags" that does not open a list of capitalised terms is a word of the text
    assert drop_widgets("Price tags rose in the market.") == "Price tags rose in the market."
