"""The corpus stage's rules (issue 11 "Across articles", issue 13): small analyses written for
these tests, in the analyze schema, run through ``reconcile.state.CorpusState``."""

from __future__ import annotations

import math

from warwatch.reconcile.corpus import build
from warwatch.reconcile.rules import outlet, toll_range, tolls_agree
from warwatch.reconcile.state import CorpusState

KAFR = {"id": "geonames:1001", "name": "Kafr Tala", "country": "SY", "lat": 35.10, "lon": 36.50,
        "feature": "P.PPL", "mentions": [{"start": 0, "end": 9}]}
TELL = {"id": "geonames:1002", "name": "Tell Hamra", "country": "SY", "lat": 36.20, "lon": 37.90,
        "feature": "P.PPL", "mentions": [{"start": 0, "end": 9}]}
DUMMAR = {"id": "geonames:1003", "name": "Dummar", "country": "SY", "lat": 33.53, "lon": 36.23,
          "feature": "P.PPL", "mentions": [{"start": 0, "end": 6}]}
SYRIA = {"id": "geonames:163843", "name": "Syria", "country": "SY", "lat": 35.0, "lon": 38.0,
         "feature": "A.PCLI", "mentions": [{"start": 0, "end": 5}, {"start": 9, "end": 14}]}
NEBRASKA = {"id": "geonames:5073708", "name": "Nebraska", "country": "US", "lat": 41.5, "lon": -99.8,
            "feature": "A.ADM1", "mentions": [{"start": 0, "end": 8}]}


def event(eid, typ, date, place, *, actor1=None, actor2=None, fatalities=None, text="", precision="day"):
    return {"id": eid, "type": typ, "date": date, "date_precision": precision if date else None,
            "actor1": actor1, "actor2": actor2, "associated": [], "place": place, "fatalities": fatalities,
            "evidence": {"start": 0, "end": len(text), "text": text},
            "mentions": [{"start": 0, "end": len(text), "text": text}], "reported_by": []}


def claim(cid, speaker, content, *, actor=None, polarity="assert", events=(), places=(), stype="monitor"):
    return {"id": cid, "speaker": speaker, "speaker_actor": actor, "speaker_type": stype, "cue": "said",
            "content": content, "polarity": polarity, "start": 0, "end": len(content), "content_start": 0,
            "content_end": len(content), "content_negated": False,
            "about": {"events": list(events), "places": list(places)}}


def _words(aid) -> str:
    """A text of its own for each article (no two are near-duplicates)."""
    return " ".join(f"w{aid}n{k}" for k in range(30))


def article(aid, site, published, *, events=(), claims=(), places=(KAFR,), control=(), own=(), url=None,
            text=None):
    return {"article": {"id": aid, "site": site, "url": url or f"https://{(site or 'x').lower()}.example/{aid}",
                        "published": published, "title": f"report {aid}",
                        "text": text if text is not None else _words(aid)},
            "events": list(events), "claims": list(claims), "places": list(places),
            "actors": [], "control_statements": list(control), "contradictions": list(own)}


def toll_article(aid, site, published, value, text, *, place=KAFR, date="2019-03-02", speaker="Monitor A"):
    ev = event("e1", "AIR_STRIKE", date, place["id"], actor1="syrian-air-force", fatalities=value, text=text)
    c = claim("c1", speaker, text, events=["e1"], actor=speaker.lower().replace(" ", "-"))
    return article(aid, site, published, events=[ev], claims=[c], places=[place])


def statement(place, status, controller, cid, *, as_of="2019-03-02", name=None):
    return {"place": place["id"], "place_name": name or place["name"], "status": status, "controller": controller,
            "positive": True, "previous": None, "as_of": as_of, "as_of_precision": "day", "according_to": [cid],
            "speaker": "someone", "speaker_actor": None, "speaker_type": "described", "cue": "captured",
            "start": 0, "end": 10, "evidence": {"start": 0, "end": 10, "text": "x"}, "source": "phrase",
            "event": None, "allies": [], "parties": [], "since": None, "background": False, "near": False}


# -- tolls ------------------------------------------------------------------------------------------


def test_tolls_are_ranges():
    assert toll_range(8, "at least 8 people were killed") == (8, math.inf)
    assert toll_range(8, "more than eight people died") == (9, math.inf)
    assert toll_range(20, "strikes killed 20 civilians") == (20, 20)
    assert toll_range(10, "nearly 10 dead") == (8, 10)
    # the headline's bare number is shorthand for the body's bound
    assert toll_range(85, ["Air strikes kill 85 in northern villages",
                           "The strikes killed at least 85 civilians on Tuesday, activists said."]) == (85, math.inf)
    assert tolls_agree(toll_range(8, "at least 8 killed"), toll_range(7, "at least 7 killed"))
    assert not tolls_agree(toll_range(8, "8 killed"), toll_range(20, "20 killed"))
    # a later, higher count is the toll rising, not a dispute; a later lower one is
    assert tolls_agree((8, 8), (20, 20), published_a="2019-03-02", published_b="2019-03-04")
    assert not tolls_agree((20, 20), (8, 8), published_a="2019-03-02", published_b="2019-03-04")


def test_at_least_eight_and_at_least_seven_are_no_dispute_but_8_and_20_are():
    a = toll_article(1, "Outlet A", "2019-03-02T10:00:00", 8, "at least 8 people were killed in the raid")
    b = toll_article(2, "Outlet B", "2019-03-02T12:00:00", 7, "at least 7 people were killed in the raid",
                     speaker="Monitor B")
    view = build([a, b])
    assert len(view.merged) == 1 and view.contradictions == []
    c = toll_article(3, "Outlet C", "2019-03-02T11:00:00", 8, "8 people were killed in the raid")
    d = toll_article(4, "Outlet D", "2019-03-02T13:00:00", 20, "20 people were killed in the raid",
                     speaker="Monitor D")
    [x] = build([c, d]).contradictions
    assert x["kind"] == "killed" and {x["a"]["article_id"], x["b"]["article_id"]} == {3, 4}


def test_tolls_of_two_places_or_far_apart_days_are_never_compared():
    c = toll_article(3, "Outlet C", "2019-03-02T11:00:00", 8, "8 people were killed in the raid")
    other_town = toll_article(4, "Outlet D", "2019-03-02T13:00:00", 20, "20 people were killed in the raid",
                              place=TELL, speaker="Monitor D")
    assert build([c, other_town]).contradictions == []
    week_later = toll_article(5, "Outlet E", "2019-03-09T13:00:00", 20, "20 people were killed in the raid",
                              date="2019-03-09", speaker="Monitor E")
    assert build([c, week_later]).contradictions == []


def test_a_round_ups_two_tolls_are_not_set_against_each_other():
    e1 = event("e1", "AIR_STRIKE", "2019-03-02", KAFR["id"], fatalities=4, text="4 killed in Kafr Tala")
    e2 = event("e2", "AIR_STRIKE", "2019-03-02", TELL["id"], fatalities=11, text="11 killed in Tell Hamra")
    claims = [claim("c1", "Monitor A", "4 killed in Kafr Tala", events=["e1"]),
              claim("c2", "Monitor B", "11 killed in Tell Hamra", events=["e2"])]
    own = [{"a": "c1", "b": "c2", "kind": "killed", "reason": "Disputed toll", "place": KAFR["id"]}]
    view = build([article(1, "Outlet A", "2019-03-02T10:00:00", events=[e1, e2], claims=claims,
                          places=[KAFR, TELL], own=own)])
    assert view.contradictions == []
    # the same pair about one place stays
    claims[1]["about"]["events"] = ["e1"]
    assert len(build([article(1, "Outlet A", "2019-03-02T10:00:00", events=[e1, e2], claims=claims,
                              places=[KAFR, TELL], own=own)]).contradictions) == 1


# -- one claim, many pairs ------------------------------------------------------------------------


def _deal(aid, site, day):
    ev = event("e1", "AGREEMENT", day, DUMMAR["id"], actor1="syrian-government", text="a truce was agreed")
    return article(aid, site, f"{day}T09:00:00", events=[ev], places=[DUMMAR],
                   claims=[claim(f"c{aid}", f"Negotiator {aid}", "a truce was agreed in Dummar", events=["e1"],
                                 actor=f"negotiator-{aid}", places=[DUMMAR["id"]])])


def test_a_background_sentence_cannot_pair_with_every_deal():
    denial = article(100, "Outlet Z", "2019-03-03T09:00:00", places=[DUMMAR],
                     claims=[claim("c1", "Officials", "there is no truce in Dummar", actor="officials",
                                   places=[DUMMAR["id"]])])
    deals = [_deal(i, "Outlet Y" if i % 2 else f"Outlet {i}", "2019-03-03") for i in range(1, 9)]
    view = build([denial, *deals])
    mine = [c for c in view.contradictions if 100 in (c["a"]["article_id"], c["b"]["article_id"])]
    assert len(mine) == 3
    others = [c["a"]["site"] if c["b"]["article_id"] == 100 else c["b"]["site"] for c in mine]
    assert len(set(others)) == 3, others   # one pair per other outlet


def test_a_statement_of_scope_is_not_a_denial():
    scope = article(100, "Outlet Z", "2019-03-03T09:00:00", places=[DUMMAR],
                    claims=[claim("c1", "Officials", "the militants are not covered by the truce in Dummar",
                                  actor="officials", places=[DUMMAR["id"]])])
    assert build([scope, _deal(1, "Outlet Y", "2019-03-03")]).contradictions == []


# -- control timelines ---------------------------------------------------------------------------


def test_a_control_entry_needs_a_named_holder():
    vague = article(1, "Outlet A", "2019-03-02T10:00:00", claims=[claim("c1", "Residents", "the town was taken")],
                    control=[statement(KAFR, "taken", None, "c1"), statement(TELL, "taken", "group:rebel", "c1")],
                    places=[KAFR, TELL])
    assert build([vague]).timelines == {}
    named = article(2, "Outlet B", "2019-03-02T11:00:00", claims=[claim("c1", "Army", "the army took the town")],
                    control=[statement(KAFR, "taken", "syrian-army", "c1")])
    [entry] = build([vague, named]).timelines[KAFR["id"]]
    assert entry.controller == "syrian-army" and entry.status == "taken"


def test_a_place_of_another_country_is_not_on_the_contested_list():
    places = [SYRIA, KAFR, NEBRASKA]
    a = article(1, "Outlet A", "2019-03-02T10:00:00", places=places,
                claims=[claim("c1", "Monitor", "fighting goes on in NE Syria")],
                control=[statement(NEBRASKA, "contested", None, "c1", name="NE"),
                         statement(KAFR, "contested", None, "c1")])
    view = build([a])
    assert [p for p, _ in view.contested_places()] == [KAFR["id"]]


# -- merging -------------------------------------------------------------------------------------


def test_attacks_need_place_date_and_sides_to_merge():
    a = article(1, "Outlet A", "2019-03-02T10:00:00",
                events=[event("e1", "AIR_STRIKE", "2019-03-02", KAFR["id"], actor1="syrian-air-force")])
    # reported two days later with no date of its own: the same strike (a report's day is weak)
    b = article(2, "Outlet B", "2019-03-04T10:00:00",
                events=[event("e1", "AIR_STRIKE", "2019-03-04", KAFR["id"], actor1="syrian-air-force",
                              precision="reported")])
    assert len(build([a, b]).merged) == 1
    # an attack with no place sharing an actor with a located one: not the same
    c = article(3, "Outlet C", "2019-03-02T12:00:00", places=[],
                events=[event("e1", "AIR_STRIKE", "2019-03-02", None, actor1="syrian-air-force")])
    assert len(build([a, c]).merged) == 2
    # enemies as the acting side: two attacks, even on one day at one place
    d = article(4, "Outlet D", "2019-03-02T12:00:00",
                events=[event("e1", "AIR_STRIKE", "2019-03-02", KAFR["id"], actor1="turkish-armed-forces")])
    assert len(build([a, d]).merged) == 2


def test_reports_of_one_incident_from_a_week_apart_stay_apart():
    a = article(1, "Outlet A", "2019-03-02T10:00:00",
                events=[event("e1", "AIR_STRIKE", "2019-03-02", KAFR["id"], precision="reported")])
    b = article(2, "Outlet B", "2019-03-09T10:00:00",
                events=[event("e1", "AIR_STRIKE", "2019-03-09", KAFR["id"], precision="reported")])
    assert len(build([a, b]).merged) == 2


# -- sources ------------------------------------------------------------------------------------


def test_records_without_a_site_count_outlets_by_url_domain():
    assert outlet({"id": 1, "site": None, "url": "https://www.example-news.com/a/1"}) == "example-news.com"
    assert outlet({"id": 1, "site": None, "url": "https://english.aa.com.tr/x"}) == "aa.com.tr"
    assert outlet({"id": 1, "site": "Outlet A", "url": "https://b.example/x"}) == "outlet a"
    evs = [event("e1", "AIR_STRIKE", "2019-03-02", KAFR["id"])]
    arts = [article(i, None, "2019-03-02T10:00:00", events=evs, url=f"https://news.example.org/story/{i}")
            for i in (1, 2, 3)]
    arts.append(article(4, None, "2019-03-02T10:00:00", events=evs, url="https://other.example.net/4"))
    [m] = build(arts).merged
    assert len(m.articles) == 4 and m.corroboration == 2


def test_copies_of_one_wire_story_count_once():
    text = ("Warplanes struck the market of Kafr Tala on Saturday morning, killing several people and wounding "
            "dozens more, residents and rescue workers said, as the bombardment of the countryside went on.")
    evs = [event("e1", "AIR_STRIKE", "2019-03-02", KAFR["id"])]
    arts = [article(1, "Outlet A", "2019-03-02T10:00:00", events=evs, text=text),
            article(2, "Outlet B", "2019-03-02T11:00:00", events=evs, text=text + " More follows."),
            article(3, "Outlet C", "2019-03-02T12:00:00", events=evs)]
    [m] = build(arts).merged
    assert m.corroboration == 2


# -- incremental ---------------------------------------------------------------------------------


def test_an_update_joins_existing_merged_events_and_matches_a_rebuild():
    first = [toll_article(i, f"Outlet {i}", f"2019-03-0{i}T10:00:00", None, "a raid", date=f"2019-03-0{i}")
             for i in (1, 5)]
    state = CorpusState()
    state.add(first)
    before = {m.id: len(m.sources) for m in state.view().merged}
    assert sorted(before.values()) == [1, 1]
    late = toll_article(9, "Outlet 9", "2019-03-05T18:00:00", None, "a raid", date="2019-03-05")
    state.add([late])
    after = state.view()
    assert sorted(len(m.sources) for m in after.merged) == [1, 2]
    assert set(before) == {m.id for m in after.merged}   # ids survive updates
    rebuilt = build([*first, late])
    assert sorted((m.id, len(m.sources)) for m in rebuilt.merged) == sorted((m.id, len(m.sources))
                                                                          for m in after.merged)
    # an article analysed again replaces its reports
    state.add([toll_article(9, "Outlet 9", "2019-03-05T18:00:00", None, "a raid", place=TELL,
                            date="2019-03-05")])
    assert sorted(len(m.sources) for m in state.view().merged) == [1, 1, 1]


def test_a_distance_is_no_toll_and_only_a_no_deal_statement_denies_a_deal():
    from warwatch.reconcile.rules import denies_deal

    assert toll_range(30, "air raids on the town about 30 km south of the city killed six") is None
    assert denies_deal("there is no ceasefire in the town") and denies_deal("the truce was not signed")
    assert not denies_deal('rebel groups "did not commit to a single element" of the deal')
    assert not denies_deal("hardships could not be alleviated by announcing three-hour ceasefires")


def test_holding_a_place_and_fighting_in_it_are_no_contradiction():
    held = article(1, "Outlet A", "2019-03-02T10:00:00", claims=[claim("c1", "Monitor", "rebels hold the town")],
                   control=[statement(KAFR, "held", "fsa", "c1")])
    fight = article(2, "Outlet B", "2019-03-02T11:00:00", claims=[claim("c1", "Army", "clashes go on in the town")],
                    control=[statement(KAFR, "contested", None, "c1")])
    assert build([held, fight]).contradictions == []
    took = article(3, "Outlet C", "2019-03-02T09:00:00", claims=[claim("c1", "Rebels", "the rebels took the town")],
                   control=[statement(KAFR, "taken", "fsa", "c1")])
    [c] = build([took, fight]).contradictions
    assert c["kind"] == "control/fighting"
    # an international body is not a holder ("it took the UN months..." misread as a capture)
    un = article(4, "Outlet D", "2019-03-02T09:30:00", claims=[claim("c1", "Envoy", "it took the UN months")],
                 control=[statement(KAFR, "taken", "united-nations", "c1")])
    un["actors"] = [{"id": "united-nations", "name": "United Nations", "type": "igo", "mentions": []}]
    assert build([un, fight]).contradictions == [] and build([un]).timelines == {}
