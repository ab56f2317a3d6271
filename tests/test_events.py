"""Events (issue 5): taxonomy, classifier, detection in short articles, ACLED training.

Every sentence here was written for these tests; none is in the shipped training data.
"""

from __future__ import annotations

import csv
from datetime import datetime, timezone

import pytest

from warwatch.events import CODES, TAXONOMY, classify
from warwatch.events.reports import fatalities
from warwatch.events.acled import train_from_acled
from warwatch.events.model import EventModelError, data_version, load_model, read_examples, read_model
from warwatch.events.taxonomy import acled_code

pytestmark = pytest.mark.slow

EXPECTED_CODES = {
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK",
    "ATTACK", "ATTRIB", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DIPLO", "DISR_WEAP",
    "FORCE_AGAINST_PROTEST", "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED",
    "MAN_MADE_DISASTER", "MOB_VIOL", "NATURAL_DISASTER", "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER", "ORG_CRIME", "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT",
    "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR",
}


@pytest.fixture(autouse=True, scope="module")
def cache_dir(tmp_path_factory):
    """Cache the built-in model in a temporary folder (trained once for the module)."""
    mp = pytest.MonkeyPatch()
    mp.delenv("WARWATCH_EVENT_MODEL", raising=False)
    # keep the user's gazetteer cache; only the event model path is redirected
    import warwatch.events.model as m

    folder = tmp_path_factory.mktemp("events-cache")
    mp.setattr(m, "cache_path", lambda version=None: folder / f"events-model-{version or data_version()}.pkl")
    mp.setattr(m, "_loaded", {})  # a model another test module loaded must not hide the cache
    yield folder
    mp.undo()


# -- taxonomy -------------------------------------------------------------------------


def test_taxonomy_has_the_30_codes_each_defined():
    assert set(CODES) == EXPECTED_CODES and len(CODES) == 30
    for code, entry in TAXONOMY.items():
        assert entry.code == code
        assert len(entry.definition) > 20 and "\n" not in entry.definition
    acled = [t for t in TAXONOMY.values() if t.acled_sub_event_type]
    assert len(acled) == 25


def test_acled_sub_event_types_map_to_codes():
    assert acled_code("Air/drone strike") == "AIR_STRIKE"
    assert acled_code("  non-state actor overtakes territory ") == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert acled_code("Excessive force against protesters") == "FORCE_AGAINST_PROTEST"
    assert acled_code("Remote explosive/landmine/IED") == "REM_EXPLOS"
    assert acled_code("Something new") is None


def test_training_data_covers_every_type():
    examples = read_examples()
    counts = {code: sum(e.label == code for e in examples) for code in CODES}
    assert min(counts.values()) >= 15, counts
    assert sum(e.label == "NONE" for e in examples) >= 40


# -- classifier -----------------------------------------------------------------------

HELD_OUT = [
    ("Jets of the air force bombed a rebel convoy on the desert road west of the oasis town.", "AIR_STRIKE"),
    ("The insurgents fired a salvo of mortar rounds into the garrison town before dawn.", "ART_MISS_ATTACK"),
    ("A roadside bomb tore through a minibus on the road to the provincial capital.", "REM_EXPLOS"),
    ("A man blew himself up among worshippers queuing at the shrine.", "SUIC_BOMB"),
    ("Someone hurled a grenade into the crowded courtyard of the bus terminal.", "GRENADE"),
    ("Gunmen kidnapped six road workers and took them into the hills.", "ABDUCT_DISSAP"),
    ("Riot police fired tear gas to break up a peaceful march of nurses and detained a dozen.", "PROTEST_WITH_INTER"),
    ("Several thousand people marched peacefully through the port city to demand jobs.", "PEACE_PROTEST"),
    ("Protesters hurled stones at police and set a bank on fire.", "VIOL_DEMONSTR"),
    ("Government troops recaptured the river town from the insurgents after a week of fighting.", "GOV_REGAINS_TERIT"),
    ("Rebel fighters overran the army garrison and seized the town.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Police arrested four men suspected of planning attacks on churches.", "ARREST"),
    ("Both sides signed a ceasefire deal brokered by neighbouring states.", "AGREEMENT"),
    ("Army engineers defused a bomb found under a bridge on the main road.", "DISR_WEAP"),
    ("A strong earthquake flattened villages in the mountains.", "NATURAL_DISASTER"),
    ("The jihadist group claimed responsibility for the attack on the barracks.", "ATTRIB"),
]


def test_classifier_on_held_out_sentences():
    got = classify([t for t, _ in HELD_OUT])
    right = [g == want for g, (_, want) in zip(got, HELD_OUT)]
    assert sum(right) >= len(HELD_OUT) - 2, list(zip(got, [w for _, w in HELD_OUT]))
    assert all(code in CODES for code in got)


def test_classify_never_returns_none_and_handles_empty():
    assert classify([]) == []
    assert classify(["The weather was mild and the market was busy."])[0] in CODES


def test_model_is_cached_on_disk(cache_dir):
    load_model()
    assert list(cache_dir.glob("events-model-*.pkl"))


# -- fatalities -----------------------------------------------------------------------


@pytest.mark.parametrize("text, want", [
    ("Air strikes killed at least 35 civilians on Sunday.", 35),
    ("The attack killed seven soldiers and wounded 12.", 7),
    ("Twenty people were killed and 40 injured in the blast.", 20),
    ("At least 20 were killed in Jeb al-Kussa.", 20),
    ("Dozens were killed in the raid.", None),
    ("Three people died when the bus hit a mine.", 3),
    ("The death toll rose to 112 on Monday.", 112),
    ("The shelling wounded 14 people.", None),
    ("The group seized the town in 2013, killing hundreds.", None),
])
def test_fatalities(text, want):
    assert fatalities(text) == want


# -- detection ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def detect():
    from warwatch.pipeline import default_pipeline
    from warwatch.records import Analysis, Article

    def run(text: str, published=datetime(2016, 8, 24, 15, 0, tzinfo=timezone.utc)):
        article = Article(url=None, title=None, author=None, site=None, published=published,
                          updated=None, language="en", word_count=len(text.split()),
                          reading_minutes=1, text=text)
        analysis = Analysis(article=article)
        default_pipeline()(analysis)
        return analysis.events, analysis

    return run


def test_rebels_take_town_non_state_with_turkish_support(detect):
    text = "Turkish-backed rebels took Jarabulus from Islamic State on Wednesday."
    events, analysis = detect(text)
    assert len(events) == 1
    ev = events[0]
    assert ev.type == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert ev.actor1 == "group:rebels"
    assert ev.actor2 == "isis"
    assert ev.associated == ["turkish-armed-forces"]
    assert ev.date.isoformat() == "2016-08-24" and ev.date_precision == "day"
    jarabulus = next(p for p in analysis.places if any(m.text == "Jarabulus" for m in p.mentions))
    assert ev.place == jarabulus.id   # resolution itself is the places stage's business
    assert ev.evidence == {"start": 0, "end": len(text), "text": text}
    ids = {a.id for a in analysis.actors}
    assert {ev.actor1, ev.actor2, *ev.associated} <= ids   # every event actor is in actors


def test_army_retaking_a_town_is_gov_regains(detect):
    events, _ = detect("The Syrian army retook the town of Palmyra from Islamic State fighters on Tuesday.")
    assert [e.type for e in events] == ["GOV_REGAINS_TERIT"]
    assert events[0].actor1 == "syrian-arab-army" and events[0].actor2 == "isis"


def test_background_sentences_make_no_event(detect):
    for text in (
        "Islamic State seized the town in 2013.",
        "The militants had seized the town before the offensive began.",
        "Islamic State has held the town since 2013.",
        # reported speech backshifts a simple past, but a state held for years is background
        "A local official said Islamic State had held the town for three years.",
        "The Kurdish-led SDF took the city of Manbij from Islamic State earlier this month.",
        # a toll summed over days is a tally of many acts, not one report
        "Since Monday at least 40 civilians have been killed in air strikes on the town, rescuers said.",
        "Medics said 95 people have been killed in the last four days.",
    ):
        events, _ = detect(text)
        assert events == [], (text, [e.to_json() for e in events])


def test_a_toll_of_the_past_day_is_a_report(detect):
    events, _ = detect("Air strikes killed 12 people in the town over the past 24 hours, the monitor said.")
    assert [(e.type, e.fatalities) for e in events] == [("AIR_STRIKE", 12)]


def test_a_quotation_is_no_report_but_quoted_words_in_a_headline_are(detect):
    # a quotation of speech, closed on the speaker's comma or followed by "said"
    for text in ('"Our jets struck the depot at dawn," the commander said.',
                 '“They shelled the market all night” said a resident of the town.'):
        assert detect(text)[0] == [], text
    # a monitoring service marks a claim as its source's words and goes on
    events, _ = detect('"Suicide attack" hits a party office in Kirkuk')
    assert [e.type for e in events] == ["SUIC_BOMB"]


def test_article_with_several_events_and_a_source(detect):
    text = ("Turkish air strikes on villages south of Jarabulus killed at least 35 civilians on "
            "Sunday, the Syrian Observatory for Human Rights said.\n\n"
            "Islamic State seized Jarabulus in 2013.\n\n"
            "On Monday, police arrested 12 protesters in Ankara.\n\n"
            "Analysts say the offensive could change the balance of power in the north.")
    events, analysis = detect(text, published=datetime(2016, 8, 29, 9, 0, tzinfo=timezone.utc))
    assert [e.id for e in events] == ["e1", "e2"]
    strike, arrest = events
    assert strike.type == "AIR_STRIKE"
    assert strike.fatalities == 35
    assert strike.actor1 == "turkish-armed-forces"
    assert strike.actor2 != "sohr" and "sohr" not in strike.associated   # the source is no party
    assert strike.date.isoformat() == "2016-08-28"
    assert arrest.type in ("ARREST", "PROTEST_WITH_INTER")
    assert arrest.date.isoformat() == "2016-08-29"
    for ev in events:
        data = ev.to_json()
        assert list(data) == ["id", "type", "date", "date_precision", "actor1", "actor2",
                              "associated", "place", "fatalities", "evidence", "mentions", "reported_by"]
        assert text[data["evidence"]["start"]:data["evidence"]["end"]] == data["evidence"]["text"]
        # filled by the claims component: the claims whose content overlaps the evidence
        assert data["reported_by"] == [c.id for c in analysis.claims if ev.id in c.about["events"]]


def test_undated_event_takes_the_report_date(detect):
    """A text that gives no date dates its event by the report (precision ``reported``), so
    timelines and exports are never blank; with no report date either, the date stays null."""
    events, _ = detect("Gunmen kidnapped a priest near the town of Kaduna.")
    assert len(events) == 1
    assert events[0].type == "ABDUCT_DISSAP"
    assert (events[0].date.isoformat(), events[0].date_precision) == ("2016-08-24", "reported")
    events, _ = detect("Gunmen kidnapped a priest near the town of Kaduna.", published=None)
    assert events[0].date is None and events[0].date_precision is None


# -- ACLED training -------------------------------------------------------------------


def _write_acled(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type", "notes"])
        for i, (sub, notes) in enumerate(rows):
            w.writerow([f"XX{i}", "2020-01-01", "", sub, notes])


def test_train_from_acled(tmp_path, monkeypatch):
    rows = []
    for i in range(6):
        rows.append(("Air/drone strike", f"On {i + 1} May 2020, a zorblat hit a house in Town{i}. [size=no report]"))
        rows.append(("Peaceful protest", f"On {i + 1} May 2020, traders held a quibblefest in Town{i}."))
        rows.append(("Arrests", f"On {i + 1} May 2020, police arrested {i + 2} men in Town{i}."))
    rows.append(("Unknown type", "ignored"))
    rows.append(("Armed clash", ""))
    src = tmp_path / "acled.csv"
    _write_acled(src, rows)
    out = tmp_path / "model.pkl"
    summary = train_from_acled(src, out)
    assert summary["acled_rows"] == 18 and summary["skipped"] == 2
    assert summary["per_type"] == {"AIR_STRIKE": 6, "ARREST": 6, "PEACE_PROTEST": 6}
    model = read_model(out)
    assert model.predict(["A zorblat hit a school."]) == ["AIR_STRIKE"]
    assert model.predict(["Farmers held a quibblefest outside the ministry."]) == ["PEACE_PROTEST"]
    monkeypatch.setenv("WARWATCH_EVENT_MODEL", str(out))
    assert classify(["A zorblat hit a school."]) == ["AIR_STRIKE"]
    assert "NATURAL_DISASTER" in model.labels   # shipped sentences are added by default


def test_train_from_acled_rejects_a_file_without_the_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EventModelError):
        train_from_acled(bad, tmp_path / "m.pkl")


def _place_name(analysis, place_id):
    return next(m.text for p in analysis.places if p.id == place_id for m in p.mentions)


def test_event_place_skips_datelines_and_modifiers(detect):
    text = ("BEIRUT (Levant Courier) — Government troops recaptured the town of Palmyra from "
            "Islamic State militants on Wednesday, the UK-based monitor said.")
    events, analysis = detect(text)
    assert len(events) == 1
    # not the dateline (Beirut is where the story was filed), not "UK-based"
    assert _place_name(analysis, events[0].place) == "Palmyra"


def test_event_place_prefers_where_it_happened_to_what_is_named_first(detect):
    text = "Turkish warplanes bombed villages near Manbij on Wednesday, killing five civilians."
    events, analysis = detect(text)
    assert len(events) == 1
    assert _place_name(analysis, events[0].place) == "Manbij"   # not "Turkish"


@pytest.mark.parametrize("text", [
    "Ankara, which regards the Kurdish militia as an extension of the PKK, wants its fighters "
    "kept well away from the frontier.",
    "Observers expect the offensive to be aimed at pushing the militants out of the border strip "
    "before winter.",
    "Aid agencies asked all sides to spare the civilians still living close to the front lines.",
])
def test_commentary_and_descriptions_are_not_events(detect, text):
    events, _ = detect(text)
    assert events == []


def test_a_monitor_reporting_deaths_is_still_an_event(detect):
    text = ("The Syrian Observatory for Human Rights said on Wednesday that at least 12 civilians "
            "were killed when shells hit a market in Azaz.")
    events, _ = detect(text)
    assert len(events) == 1 and events[0].fatalities == 12


@pytest.mark.parametrize("text", [
    # the event word is negated
    "A spokesman for the council said there were no casualties among its fighters on Monday.",
    # only in a relative clause: the capture is an earlier report's, not this sentence's
    "The rebels who captured Jarabulus on Wednesday have since moved south towards Manbij.",
    # participants named as bystanders, not as doers
    "The council, made up of Arab and Turkmen fighters from the town, called the move a "
    "violation of sovereignty on Thursday.",
    # an aim, not an act
    "The statement said that the operation aims to drive the militants from the border.",
])
def test_sentences_whose_event_words_report_no_act_make_no_event(detect, text):
    events, _ = detect(text)
    assert events == [], [e.to_json() for e in events]


@pytest.mark.parametrize("text", [
    # reported speech: the past perfect is only the backshift of "entered"
    "A senior Turkish official said on Wednesday that special forces had entered Jarabulus.",
    # a duration of holding in a relative clause does not make the capture background
    "Syrian rebels took Jarabulus on Wednesday as the jihadists abandoned positions they had "
    "held for three years.",
    # a weapon noun as the doer of a generic verb
    "Turkish artillery units and fighter jets struck militant positions near Jarabulus on "
    "Wednesday.",
])
def test_acts_reported_with_backshift_or_by_their_doers_are_events(detect, text):
    events, _ = detect(text)
    assert len(events) == 1, text


def test_the_acting_side_decides_between_the_territorial_types():
    from warwatch.events.features import acting_side, territory_side

    assert acting_side("Iraqi forces recaptured the town from Islamic State on Monday.") == "state"
    assert acting_side("Islamic State fighters overran an army post near Haditha.") == "nonstate"
    assert acting_side("Rebels took the hill from government troops.") == "nonstate"
    assert acting_side("The town changed hands twice.") is None
    assert territory_side("NON_STATE_ACTOR_OVERTAKES_TER", "state") == "GOV_REGAINS_TERIT"
    assert territory_side("GOV_REGAINS_TERIT", "nonstate") == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert territory_side("ARMED_CLASH", "state") == "ARMED_CLASH"   # other types pass
    assert territory_side("GOV_REGAINS_TERIT", None) == "GOV_REGAINS_TERIT"
    # classify applies it: whichever territorial type the text model prefers, the side decides
    got = classify(["The Syrian army and allied militias recaptured the village from rebels.",
                    "Al-Shabaab militants seized the town from Somali troops at dawn."])
    assert got == ["GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"]


def test_a_backer_of_an_act_is_not_an_ally_of_the_sentence_subject(detect):
    text = ("The Syrian Observatory for Human Rights said Islamic State fighters withdrew from "
            "Jarabulus largely without a fight before Wednesday's Turkish-backed assault.")
    events, _ = detect(text)
    assert events and "turkish-armed-forces" not in events[0].associated
    events, _ = detect("Turkish-backed rebels took Jarabulus from Islamic State on Wednesday.")
    assert events[0].associated == ["turkish-armed-forces"]


def test_the_side_named_after_lost_to_or_a_passive_by_takes_the_territory():
    from warwatch.events.features import acting_side

    assert acting_side("Islamic State lost Palmyra to government forces.") == "state"
    assert acting_side("The town, held by Islamic State since 2014, was retaken by Iraqi "
                       "troops.") == "state"
    assert acting_side("Government troops were driven out of the town by rebels.") == "state"  # first named


def test_event_cue_offsets_survive_letters_that_lower_to_two(detect):
    from warwatch.events.features import concept_spans

    text = "İstanbul İzmir İncirlik İ İ while no jets struck"
    assert [text[a:b] for a, b in concept_spans(text, {"air"})] == ["jets"]


def test_a_cleft_sentence_asserts_its_relative_clause(detect):
    events, _ = detect("It was the Iraqi army that recaptured the town of Rutba on Tuesday.")
    assert len(events) == 1


def test_headline_tense_and_wording_are_event_cues():
    from warwatch.events.candidates import candidate

    for headline in ("Army units enter rebel-held town", "Kurdish forces take more ground east of the city",
                     "Troops gain foothold in western district", "Commandos in overnight raid on militant hideout",
                     "Bombing leaves six police casualties"):
        assert candidate(headline, "en"), headline
    assert not candidate("Parliament debates new budget", "en")


def test_mob_violence_needs_a_mob():
    """"Attacks kill 11" names no mob, crowd or rioters: not mob violence, the best violent type instead."""
    from warwatch.events.reports import refine

    probs = {"MOB_VIOL": 0.27, "ATTACK": 0.23, "ARMED_CLASH": 0.14, "NONE": 0.1}
    assert refine("MOB_VIOL", probs, "Attacks kill 11 people in the north", "en") == "ATTACK"
    assert refine("MOB_VIOL", probs, "Angry mob kills 11 people in the north", "en") == "MOB_VIOL"
