"""Date resolution against the publication time, with precision. Sentences written for
these tests; the publication time is Wednesday 24 August 2016, 14:00 (UTC+3)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from warwatch.nlp.model import load_nlp
from warwatch.nlp.when import resolve_dates

PUB = datetime(2016, 8, 24, 14, 0, tzinfo=timezone(timedelta(hours=3)))  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def one(nlp, sentence, expression, published=PUB):
    found = {t.text: t for t in resolve_dates(nlp(sentence), published)}
    assert expression in found, list(found)
    t = found[expression]
    assert sentence[t.start:t.end] == t.text
    return t


@pytest.mark.parametrize("sentence, expression, value, precision", [
    ("Rebels entered the town on Monday.", "Monday", date(2016, 8, 22), "day"),
    ("Rebels entered the town on Wednesday.", "Wednesday", date(2016, 8, 24), "day"),
    ("Rebels entered the town on Thursday.", "Thursday", date(2016, 8, 18), "day"),
    ("A bomb hit a wedding on Saturday night.", "Saturday night", date(2016, 8, 20), "day"),
    ("Clashes continued late on Tuesday.", "Tuesday", date(2016, 8, 23), "day"),
    ("Wednesday's assault met little resistance.", "Wednesday", date(2016, 8, 24), "day"),
    ("He left last Wednesday.", "last Wednesday", date(2016, 8, 17), "day"),
    ("Talks will resume next Wednesday.", "next Wednesday", date(2016, 8, 31), "day"),
    ("The envoy will arrive on Friday.", "Friday", date(2016, 8, 26), "day"),
    ("The militants left yesterday.", "yesterday", date(2016, 8, 23), "day"),
    ("Shelling resumed last night.", "last night", date(2016, 8, 23), "day"),
    ("The operation began this morning.", "this morning", date(2016, 8, 24), "day"),
    ("Fighting is expected to resume tonight.", "tonight", date(2016, 8, 24), "day"),
    ("The offensive started today.", "today", date(2016, 8, 24), "day"),
    ("The convoy left two days ago.", "two days ago", date(2016, 8, 22), "day"),
    ("The offensive was planned three weeks ago.", "three weeks ago", date(2016, 8, 1), "week"),
    ("The town fell last week.", "last week", date(2016, 8, 15), "week"),
    ("Mortars hit the town earlier this week.", "earlier this week", date(2016, 8, 22), "week"),
    ("Talks are planned for next week.", "next week", date(2016, 8, 29), "week"),
    ("Kurdish forces took Manbij earlier this month.", "earlier this month", date(2016, 8, 1), "month"),
    ("Ankara has warned this month against any move.", "this month", date(2016, 8, 1), "month"),
    ("The coup failed last month.", "last month", date(2016, 7, 1), "month"),
    ("The jets had not flown there since last November.", "last November", date(2015, 11, 1), "month"),
    ("The council has held the line since mid-August.", "mid-August", date(2016, 8, 1), "month"),
    ("The SDF seized Manbij on Aug. 12.", "Aug. 12", date(2016, 8, 12), "day"),
    ("Rebels took the town on 24 August.", "24 August", date(2016, 8, 24), "day"),
    ("Since the July 15 coup attempt, the army has purged officers.", "July 15", date(2016, 7, 15), "day"),
    ("Militants have held the town since 2013.", "2013", date(2013, 1, 1), "year"),
    ("IS seized the town in 2013.", "2013", date(2013, 1, 1), "year"),
    ("Fighting began on Aug. 24, 2016.", "Aug. 24, 2016", date(2016, 8, 24), "day"),
    ("Fighting began on Wednesday, August 24, 2016.", "Wednesday, August 24, 2016", date(2016, 8, 24), "day"),
    ("Fighting began on 24 August 2016.", "24 August 2016", date(2016, 8, 24), "day"),
    ("Fighting began in June 2014.", "June 2014", date(2014, 6, 1), "month"),
    ("The first revolt began earlier this year.", "earlier this year", date(2016, 1, 1), "year"),
])
def test_resolution(nlp, sentence, expression, value, precision):
    t = one(nlp, sentence, expression)
    assert (t.value, t.precision) == (value, precision)


def test_relative_flag(nlp):
    assert one(nlp, "Rebels entered the town on Monday.", "Monday").relative is True
    assert one(nlp, "Fighting began on 24 August 2016.", "24 August 2016").relative is False
    assert one(nlp, "IS seized the town in 2013.", "2013").relative is False


def test_day_month_without_year_uses_previous_year_when_far_ahead(nlp):
    dec = datetime(2016, 12, 2, 9, 0, tzinfo=timezone.utc)
    t = one(nlp, "The strikes began on Nov. 8.", "Nov. 8", published=dec)
    assert (t.value, t.precision) == (date(2016, 11, 8), "day")
    jan = datetime(2017, 1, 10, 9, 0, tzinfo=timezone.utc)
    t = one(nlp, "The strikes began on Nov. 8.", "Nov. 8", published=jan)
    assert t.value == date(2016, 11, 8)
    t = one(nlp, "Elections were held on Nov. 8.", "Nov. 8")  # August 2016, past tense
    assert t.value == date(2015, 11, 8)


def test_publication_day_is_local(nlp):
    late = datetime(2016, 8, 24, 23, 30, tzinfo=timezone(timedelta(hours=3)))  # 20:30 UTC
    t = one(nlp, "Rebels entered the town on Wednesday.", "Wednesday", published=late)
    assert t.value == date(2016, 8, 24)


def test_anaphora_resolve_against_the_preceding_date(nlp):
    text = ("The YPG said on Tuesday that its fighters had left, after rebels captured the town "
            "a day earlier.")
    t = one(nlp, text, "a day earlier")
    assert (t.value, t.precision, t.relative) == (date(2016, 8, 22), "day", True)
    text = "Turkey sent tanks into Syria last week, and rebels took the town the same day."
    t = one(nlp, text, "the same day")
    assert (t.value, t.precision) == (date(2016, 8, 15), "week")


def test_day_after_an_event_is_not_resolved(nlp):
    text = "The strikes came a day after a soldier was killed."
    t = one(nlp, text, "a day after")
    assert t.value is None and t.precision == "day"


def test_no_publication_time_keeps_relative_values_null(nlp):
    found = {t.text: t for t in resolve_dates(nlp(
        "Rebels entered the town on Monday, two days ago, a week after IS left on 24 August. "
        "IS seized it in 2013 and lost it on Aug. 24, 2016."), None)}
    assert found["Monday"].value is None and found["Monday"].precision == "day"
    assert found["two days ago"].value is None
    assert found["24 August"].value is None
    assert found["2013"].value == date(2013, 1, 1)
    assert found["Aug. 24, 2016"].value == date(2016, 8, 24)


def test_vague_expressions_are_kept_unresolved(nlp):
    found = {t.text: t for t in resolve_dates(nlp(
        "In recent years the town changed hands, and fighting lasted for three years."), PUB)}
    vague = [t for t in found.values() if t.value is None]
    assert vague, list(found)
    assert all(t.precision is None for t in vague)


def test_plain_text_input_and_json(nlp):
    [t] = resolve_dates("Rebels entered the town on Monday.", PUB)
    assert t.to_json() == {"text": "Monday", "start": 27, "end": 33, "value": "2016-08-22",
                           "precision": "day", "relative": True}


def test_may_as_a_verb_is_not_a_month(nlp):
    found = resolve_dates(nlp("Fighters may return, officials said, and talks may 5 times fail."), PUB)
    assert not [t for t in found if t.value is not None]


def test_weekend(nlp):
    monday = datetime(2016, 8, 29, 9, 0, tzinfo=timezone.utc)
    t = one(nlp, "Clashes over the weekend killed five fighters.", "the weekend", published=monday)
    assert (t.value, t.precision) == (date(2016, 8, 22), "week")
