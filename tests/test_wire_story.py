"""A typical multi-source wire story, end to end: an army announces a capture, state television
calls the town liberated, a monitor says fighting goes on, a commander says it is not true that
the town fell, an allied militia denies crossing a river, officials say a group still holds
another town. The text is ours; the shape is the one real wire copy has."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from warwatch.pipeline import analyze
from warwatch.records import RawDocument

STORY = """Army says it has taken Saraqib from rebels

BEIRUT, March 14 (Newswire) - The Syrian army said on Tuesday it had taken full control of the town of \
Saraqib in Idlib province after three days of fighting with rebel groups.

State television said the town had been liberated from terrorists and showed soldiers raising the flag \
in its main square.

The Syrian Observatory for Human Rights, a British-based monitoring group, said fighting was still going \
on in the southern part of Saraqib and that rebels held several neighbourhoods.

A commander of the Free Syrian Army said it was not true that the town had fallen, and that his fighters \
had repelled the attack.

Separately, a spokesman for the Kurdish-led Syrian Democratic Forces denied that its fighters had crossed \
the Euphrates near Jarabulus, calling the reports false.

Officials in Ankara said Islamic State still held the town of al-Bab, despite claims by the rebels that \
they had entered it.

At least 12 soldiers were killed in the fighting, the Observatory said.
"""


@pytest.fixture(scope="module")
def story():
    raw = RawDocument(source="wire.txt", content=STORY.encode(), media_type="text/plain",
                      published=datetime(2017, 3, 14, 10, tzinfo=timezone.utc))
    return analyze(raw).to_json()


def place_named(result, name):
    return next(p["id"] for p in result["places"] if p["name"] == name)


def test_one_incident_is_one_event_with_its_reports(story):
    saraqib = place_named(story, "Saraqib")
    assert len(story["events"]) == 1
    event = story["events"][0]
    assert event["type"] == "GOV_REGAINS_TERIT" and event["place"] == saraqib
    assert event["date"] == "2017-03-14" and event["fatalities"] == 12
    # the lead opens with the wire dateline: still one sentence, and still the event's evidence
    assert event["evidence"]["text"].startswith("BEIRUT, March 14 (Newswire) - The Syrian army said")
    # the denial about another place and river is no report of this incident, and lends it no place
    assert not any("Euphrates" in m["text"] for m in event["mentions"])


def test_not_true_that_the_town_fell_is_a_denial(story):
    claim = next(c for c in story["claims"] if c["speaker_actor"] == "fsa")
    assert claim["polarity"] == "deny"
    saraqib = place_named(story, "Saraqib")
    statement = next(s for s in story["control_statements"] if claim["id"] in s["according_to"])
    assert (statement["place"], statement["status"], statement["positive"]) == (saraqib, "taken", False)


def test_the_sources_contradict_each_other_about_the_town(story):
    saraqib = place_named(story, "Saraqib")
    by_claim = {c["id"]: c for c in story["claims"]}
    kinds = {(by_claim[x["a"]]["speaker_actor"], by_claim[x["b"]]["speaker_actor"], x["kind"])
             for x in story["contradictions"] if x["place"] == saraqib}
    assert ("syrian-arab-army", "sohr", "control/fighting") in kinds   # taken, yet fighting goes on
    assert ("syrian-arab-army", "fsa", "control") in kinds             # taken, yet it has not fallen
    control = {c["place"]: c for c in story["control"]}
    assert control[saraqib]["status"] == "contested"
    assert control[place_named(story, "Al Bāb")]["controller"] == "isis"


DENIALS = """Ministry denies jets hit hospital

DAMASCUS, May 2 (Newswire) - The Syrian defence ministry on Tuesday denied reports that its jets had bombed \
a hospital in Maarat al-Numan, calling them lies spread by terrorists.

There was no truth to reports that Russian troops had entered the village of Kafranbel, the Kremlin said.

The Islamic State group, however, denied losing control of al-Bab, saying its fighters were still in the town.
"""


def test_a_denial_makes_no_event_and_its_control_is_negative():
    raw = RawDocument(source="denials.txt", content=DENIALS.encode(), media_type="text/plain",
                      published=datetime(2017, 5, 2, 10, tzinfo=timezone.utc))
    result = analyze(raw).to_json()
    assert result["events"] == []   # the denial's own verb ("denied") is no cue of the bombing
    assert all(c["polarity"] == "deny" for c in result["claims"][:3])
    statements = {(s["place_name"], s["status"], s["positive"]) for s in result["control_statements"]}
    assert ("Kafranbel", "taken", False) in statements
    control = {c["place_name"]: c for c in result["control"]}
    assert control["Al Bāb"]["status"] == "held" and control["Al Bāb"]["controller"] == "isis"


def _result(text: str, day: datetime = datetime(2017, 3, 14, 10, tzinfo=timezone.utc)) -> dict:
    raw = RawDocument(source="story.txt", content=text.encode(), media_type="text/plain", published=day)
    return analyze(raw).to_json()


def _events(text: str, day: datetime):
    return _result(text, day)["events"]


def test_a_headline_worded_differently_is_the_lead_incident():
    events = _events("Homs governor says U.S. attack caused deaths\n\nA U.S. missile strike on an air base near "
                     "the city of Homs on Friday caused deaths, the provincial governor said.\n",
                     datetime(2017, 4, 7, 10, tzinfo=timezone.utc))
    assert [(e["type"], len(e["mentions"])) for e in events] == [("ART_MISS_ATTACK", 2)]


def test_the_aftermath_of_a_strike_is_a_report_of_the_strike():
    events = _events("A U.S. missile strike on an air base near the city of Homs on Friday killed six people, the "
                     "provincial governor said.\n\nTwo hangars collapsed and several people were trapped under "
                     "rubble, a local official said.\n", datetime(2017, 4, 7, 10, tzinfo=timezone.utc))
    assert [(e["type"], e["fatalities"], len(e["mentions"])) for e in events] == [("ART_MISS_ATTACK", 6, 2)]


CONTROL = """Town free of militants, army says

The army said on Monday that the town of Saraqib is now free of militants.

Islamic State fighters remain entrenched in al-Bab, according to the Observatory.

Fighting continues in Manbij, the monitor said.

The rebels said the claim that they had left Jarabulus has no truth.
"""


def test_control_in_the_words_real_copy_uses():
    raw = RawDocument(source="control.txt", content=CONTROL.encode(), media_type="text/plain",
                      published=datetime(2017, 5, 2, 10, tzinfo=timezone.utc))
    result = analyze(raw).to_json()
    statements = {(s["place_name"], s["status"], s["controller"]) for s in result["control_statements"]}
    assert ("Saraqib", "lost", "group:militants") in statements   # "is now free of militants"
    assert ("Al Bāb", "held", "isis") in statements                # "remain entrenched in"
    assert ("Manbij", "contested", None) in statements             # "fighting continues in"
    denial = next(c for c in result["claims"] if "no truth" in c["content"])
    assert denial["polarity"] == "deny"
    # "they" is the rebels who speak, not the last actor named before them (Islamic State)
    assert not any(s["place_name"] == "Jarābulus" and s["controller"] == "isis" for s in result["control_statements"])


def test_the_scope_of_a_deal_is_no_denial_of_it():
    text = ("The ministry said a ceasefire agreement was signed in Astana on Monday.\n\n"
            "Rebel commanders said Jabhat Fatah al-Sham is not covered by the ceasefire agreement.\n")
    raw = RawDocument(source="deal.txt", content=text.encode(), media_type="text/plain",
                      published=datetime(2017, 5, 2, 10, tzinfo=timezone.utc))
    result = analyze(raw).to_json()
    assert len(result["claims"]) == 2
    assert result["contradictions"] == []


def test_a_round_up_is_an_incident_of_its_own():
    text = ("Government air strikes on opposition-held towns across the country killed at least 30 people on "
            "Monday, a monitor said.\n\nIn the town of Saraqib in Idlib province, 12 civilians were killed in "
            "three air strikes, the monitor said.\n")
    events = _result(text)["events"]
    # the town's strikes are one incident, the country-wide toll another: 12 is not part of 30's place
    assert sorted(e["fatalities"] for e in events) == [12, 30]
    saraqib = next(e for e in events if e["fatalities"] == 12)
    assert all("across the country" not in m["text"] for m in saraqib["mentions"])


REACTION = """Syrian National Coalition demands UN action after chlorine attack on Sarmin

Rescue workers said government forces dropped chlorine-filled barrel bombs on the town of Sarmin in rural \
Idlib on Monday, causing dozens of cases of suffocation.

Separately, nine civilians were killed when jets raided the village of Taftanaz in rural Idlib on Monday.

Activists said the raids were carried out in revenge for the death of four pilots killed when their helicopter \
came down near the town of Sarmin.

Government helicopters also bombed Maarat al-Numan on Monday evening, a monitor said.
"""


def test_a_statement_on_attacks_in_rural_towns_keeps_each_attack_its_own():
    result = _result(REACTION)
    names = {p["id"]: p["name"] for p in result["places"]}
    got = sorted((names.get(e["place"]), e["type"], e["fatalities"], e["actor1"], len(e["mentions"]))
                 for e in result["events"])
    assert got == [
        # a town the model tags as a person, as the object of "bombed", is a place
        ("Ma‘arrat an Nu‘mān", "AIR_STRIKE", None, "syrian-armed-forces", 1),
        # the headline is the lead's attack; who demands action and from whom are no sides of it
        ("Sarmīn", "CHEM_WEAP", None, "syrian-armed-forces", 2),
        # the strike on Taftanaz: "separately" is another incident, and the four pilots whose
        # death the raids avenged are not its toll, nor is where they died its place
        ("Taftanāz", "AIR_STRIKE", 9, None, 2),
    ] and not any(a["type"] == "person" for a in result["actors"])
    # "rural Idlib" is the province, so the towns in it are not set beside Idlib city
    idlib = next(p for p in result["places"] if p["name"] == "Idlib")
    assert idlib["feature"] == "A.ADM1"


def test_a_place_named_to_say_where_a_town_lies_is_no_place_of_its_own():
    text = ("Syrian government air strikes killed at least 30 people across the country on Tuesday, a monitor "
            "said.\n\nIn the rebel-held town of Douma near Damascus, six people were killed, while in Jassem "
            "in Daraa province 15 died.\n")
    result = _result(text)
    names = {p["id"]: p["name"] for p in result["places"]}
    # Damascus and Daraa province only say where Douma and Jassem are: no toll of six at Damascus
    got = sorted((e["fatalities"], names.get(e["place"])) for e in result["events"])
    assert got == [(6, "Dūmā"), (15, "Jāsim"), (30, None)]   # the round-up names no one place


def test_what_a_strike_answers_is_no_report_of_it():
    result = _result("US missiles hit Syrian air base\n\nOn Thursday night the United States launched 59 cruise "
                     "missiles at the Shayrat air base near Homs, killing six soldiers.\n\nThe president said "
                     "the strike was a response to the chemical attack in Khan Sheikhun on Tuesday which "
                     "Washington blames on Damascus.\n", datetime(2017, 4, 7, 10, tzinfo=timezone.utc))
    names = {p["id"]: p["name"] for p in result["places"]}
    # the president's sentence reports the strike; the attack it answers lends it no place or day
    assert [(names[e["place"]], e["date"], e["fatalities"], len(e["mentions"])) for e in result["events"]] == [
        ("Shayrat air base", "2017-04-06", 6, 3)]
