"""Control statements and per-place status (issue 5). All sentences are written for these tests."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from warwatch.claims.control import (ControlStatement, Sides, control_statements, control_summary, judge)

PUBLISHED = datetime(2016, 8, 26, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def analyse():
    """The statements of a text, read from its analysis up to the claims (the components before
    ``control`` in the default pipeline), and that analysis as JSON."""
    from warwatch.pipeline import DEFAULT_COMPONENTS, Pipeline
    from warwatch.records import Analysis, Article

    upto = Pipeline(DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("control")])

    def run(text: str, site: str = "Levant Courier", published=PUBLISHED):
        article = Article(url=None, title=None, author=None, site=site, published=published, updated=None,
                          language="en", word_count=len(text.split()), reading_minutes=1, text=text)
        analysis = Analysis(article=article)
        for component in upto.components:
            component(analysis)
            analysis.touch()
        return control_statements(analysis), analysis.to_json()

    return run


def place_id(data, text):
    return next(p["id"] for p in data["places"] if any(m["text"] == text for m in p["mentions"]))


def test_remain_in_control_is_held_by_the_speaker(analyse):
    sts, data = analyse("The Jarabulus Military Council said on Thursday that its fighters remain in control "
                        "of Amarneh.")
    amarneh = place_id(data, "Amarneh")
    st = next(s for s in sts if s.place == amarneh)
    assert (st.status, st.controller, st.positive) == ("held", "jarabulus-military-council", True)
    claim = next(c for c in data["claims"] if c["speaker_actor"] == "jarabulus-military-council")
    assert st.according_to == [claim["id"]]
    assert st.as_of == "2016-08-25" and st.as_of_source == "text"
    [summary] = [c.to_json() for c in control_summary(sts) if c.place == amarneh]
    assert summary["status"] == "held" and summary["controller"] == "jarabulus-military-council"
    assert summary["according_to"] == [claim["id"]]


def test_village_remains_under_its_control(analyse):
    sts, data = analyse("The council said its fighters repelled an attack on the village of Amarneh and that "
                        "the village remains under its control.")
    amarneh = place_id(data, "Amarneh")
    held = [s for s in sts if s.place == amarneh and s.status == "held"]
    assert held and all(s.positive for s in held)


def test_taken_vs_fighting_continues_is_contested(analyse):
    text = ("Syrian rebels backed by Turkish tanks took the town of Jarabulus from Islamic State on Wednesday. "
            "The Syrian Observatory for Human Rights said clashes continued on the southern outskirts of "
            "Jarabulus on Thursday.")
    sts, data = analyse(text)
    jarabulus = place_id(data, "Jarabulus")
    kinds = {(s.status, s.positive) for s in sts if s.place == jarabulus}
    assert ("taken", True) in kinds and ("contested", True) in kinds
    taken = next(s for s in sts if s.status == "taken")
    assert taken.previous == "isis" and "turkish-armed-forces" in taken.allies
    [summary] = [c.to_json() for c in control_summary(sts) if c.place == jarabulus]
    assert summary["status"] == "contested" and summary["controller"] is None
    fighting = next(s for s in sts if s.status == "contested")
    assert any(fighting.according_to[0] in side["according_to"] for side in summary["sides"])


def test_negated_capture_is_not_a_capture(analyse):
    sts, data = analyse("The council said the factions had not captured Amarneh.")
    st = next(s for s in sts if s.place == place_id(data, "Amarneh"))
    assert st.status == "taken" and st.positive is False


def test_denied_capture_inside_a_claim(analyse):
    sts, data = analyse("The council said its fighters were still in control of Amarneh, rejecting claims that "
                        "the factions had captured the village.")
    amarneh = place_id(data, "Amarneh")
    views = {(s.status, s.positive) for s in sts if s.place == amarneh}
    assert ("held", True) in views and ("taken", False) in views
    [summary] = [c.to_json() for c in control_summary(sts) if c.place == amarneh]
    assert summary["status"] == "held"


def test_withdrawal_and_intentions(analyse):
    sts, data = analyse("Islamic State fighters withdrew from Jarabulus on Wednesday. The rebels say they "
                        "intend to take al-Bab.")
    assert [(s.status, s.controller) for s in sts] == [("lost", "isis")]


def test_two_controllers_contested_and_generic_allies():
    a = ControlStatement(place="p", status="held", controller="hamza-division", according_to=["c1"], as_of="2016-08-28")
    b = ControlStatement(place="p", status="held", controller="jarabulus-military-council", according_to=["c2"],
                         as_of="2016-08-28")
    res = judge([a, b], Sides()).to_json()
    assert res["status"] == "contested" and {s["controller"] for s in res["sides"]} == {
        "hamza-division", "jarabulus-military-council"}
    # a generic holder ("rebels") agrees with a named one; the named one is reported
    c = ControlStatement(place="p", status="taken", controller="group:rebels", according_to=["c3"], as_of="2016-08-28")
    res = judge([a, c], Sides()).to_json()
    assert res["status"] == "taken" and res["controller"] == "hamza-division"
    # a unit and its parent are one side; state bodies of one country are one side
    sides = Sides()
    assert sides.same("hamza-division", "fsa") and sides.same("turkish-government", "turkish-armed-forces")
    assert sides.conflict("fsa", "sdf")


def test_old_statements_are_history_in_the_summary():
    old = ControlStatement(place="p", status="held", controller="isis", according_to=["c1"], as_of="2013-01-01")
    new = ControlStatement(place="p", status="taken", controller="fsa", according_to=["c2"], as_of="2016-08-24")
    [summary] = [c.to_json() for c in control_summary([old, new])]
    assert summary["status"] == "taken" and summary["controller"] == "fsa"


@pytest.mark.parametrize("text, taken", [
    # an aim, an advance or an idiom is no change of hands, whatever type the classifier gives
    # the event
    ("Rebel fighters mounted an attack to recapture the town of Amarneh on Tuesday.", False),
    ("Army units advanced towards the town of Amarneh on Tuesday amid heavy clashes.", False),
    ("The executions took place in the town of Amarneh on Tuesday, residents said.", False),
    ("Army units recaptured the town of Amarneh on Tuesday after heavy clashes.", True),
])
def test_a_territorial_event_changes_control_only_where_its_sentence_says_so(text, taken):
    from warwatch.pipeline import DEFAULT_COMPONENTS, Pipeline
    from warwatch.records import Analysis, Article

    article = Article(url=None, title=None, author=None, site="Levant Courier", published=PUBLISHED,
                      updated=None, language="en", word_count=12, reading_minutes=1, text=text)
    analysis = Analysis(article=article)
    for component in Pipeline(DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("control")]).components:
        component(analysis)
        analysis.touch()
    assert analysis.events, "the sentence makes an event"
    for ev in analysis.events:   # typed as the classifier may type a battle sentence
        ev.type = "GOV_REGAINS_TERIT"
        ev.actor1 = ev.actor1 or "syrian-armed-forces"
    sts = [s for s in control_statements(analysis) if s.status == "taken"]
    assert bool(sts) is taken


@pytest.mark.parametrize("text", [
    # a failed act is no capture (and no event)
    "For the past two years the army has been unable to regain control of the western suburbs of Homs.",
    # a thing falling on a town is no fall of the town
    "A barrel packed with explosives fell on the Salaheddine neighbourhood of rebel-held Aleppo on Monday, "
    "rescuers said.",
    # a capture as a subject of what would be is no capture
    "Taking the whole of Homs would be a major prize for the government in the long war.",
    # a place that only locates the place taken did not change hands
    "The seizure of the ring road followed the recent recapture of the orchards area southwest of Homs by "
    "government troops.",
    "The army released footage of the operation of liberating two strategic villages in Homs on Monday.",
])
def test_no_change_of_hands_from_failures_falling_things_or_landmarks(analyse, text):
    sts, data = analyse(text)
    assert [s for s in sts if s.status in ("taken", "lost")] == []
    if "unable" in text:
        assert data["events"] == []


def test_a_stated_recapture_still_changes_hands(analyse):
    sts, data = analyse("Government troops recaptured the town of Amarneh on Monday, state television said.")
    assert [(s.status, s.place) for s in sts] == [("taken", place_id(data, "Amarneh"))]
