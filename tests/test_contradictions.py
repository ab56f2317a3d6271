"""Contradictions within an article and across articles (issue 5): JSON fixtures written for
these tests, in the analyze schema."""

from __future__ import annotations

from warwatch.claims.contradictions import find_contradictions, propositions
from warwatch.claims.control import ControlStatement
from warwatch.reconcile.contradictions import find_cross_contradictions

ACTORS = [
    {"id": "turkish-armed-forces", "name": "Turkish Armed Forces", "type": "state_force", "country": "TR",
     "mentions": []},
    {"id": "turkish-government", "name": "Turkish government", "type": "government", "country": "TR",
     "mentions": []},
]
PLACES = [{"id": "geonames:163843", "name": "Syria", "feature": "A.PCLI", "mentions": []},
          {"id": "geonames:169179", "name": "Jarabulus", "feature": "P.PPL", "mentions": []}]


def claim(cid, speaker, content, *, actor=None, polarity="assert", negated=False, places=(), events=(),
          start=0, stype="government"):
    return {"id": cid, "speaker": speaker, "speaker_actor": actor, "speaker_type": stype, "cue": "said",
            "content": content, "polarity": polarity, "start": start, "end": start + len(content),
            "content_start": start, "content_end": start + len(content), "content_negated": negated,
            "about": {"events": list(events), "places": list(places)}}


def with_mention(actors, actor_id, text, start):
    out = [dict(a, mentions=list(a["mentions"])) for a in actors]
    for a in out:
        if a["id"] == actor_id:
            a["mentions"].append({"text": text, "start": start, "end": start + len(text)})
    return out


def test_denied_border_crossing_contradicts_the_assertion():
    text1 = "Turkish tanks crossed into Syria on Wednesday"
    claims = [
        claim("c1", "Meridian Press", text1, places=["geonames:163843"], stype="outlet", start=0),
        claim("c2", "Ankara", "that its forces crossed the border", actor="turkish-government", polarity="deny",
              places=[], start=100),
    ]
    actors = with_mention(ACTORS, "turkish-armed-forces", "Turkish tanks", 0)
    found = find_contradictions(claims, [], [], actors=actors, places=PLACES)
    assert len(found) == 1
    c = found[0]
    assert {c["a"], c["b"]} == {"c1", "c2"} and c["kind"] == "crossed"
    assert "crossed" in c["reason"] and "Ankara" in c["reason"] and "Meridian Press" in c["reason"]


def test_negated_content_had_not_crossed():
    claims = [
        claim("c1", "Meridian Press", "Turkish tanks crossed into Syria", places=["geonames:163843"],
              stype="outlet"),
        claim("c2", "Turkish military", "its forces had not crossed the border", actor="turkish-armed-forces",
              negated=True, start=100, stype="state_force"),
    ]
    actors = with_mention(ACTORS, "turkish-armed-forces", "Turkish tanks", 0)
    props = propositions(claims, actors=actors)
    crossed = {p.claim: p.positive for p in props if p.predicate == "crossed"}
    assert crossed == {"c1": True, "c2": False}
    assert len(find_contradictions(claims, [], [], actors=actors)) == 1
    # the same negative from both sides is no contradiction
    claims[0] = claim("c1", "Meridian Press", "Turkish tanks had not crossed into Syria", stype="outlet")
    assert find_contradictions(claims, [], [], actors=actors) == []


def st(place, status, controller, claim_id, *, positive=True, as_of="2016-08-24", previous=None, **kw):
    return ControlStatement(place=place, status=status, controller=controller, positive=positive,
                            according_to=[claim_id], as_of=as_of, previous=previous, **kw)


def test_taken_vs_fighting_continues():
    claims = [claim("c1", "Anatolia Agency", "the FSA took full control of Jarabulus", actor="anadolu",
                    stype="media"),
              claim("c2", "SOHR", "clashes continue on the southern outskirts of Jarabulus", actor="sohr",
                    start=200, stype="monitor")]
    control = [st("geonames:169179", "taken", "fsa", "c1"),
               st("geonames:169179", "contested", None, "c2", as_of="2016-08-25")]
    [c] = find_contradictions(claims, [], control, places=PLACES,
                              actors=[{"id": "fsa", "name": "FSA", "type": "armed_group", "mentions": []}])
    assert c["reason"] == "Anatolia Agency says FSA took Jarabulus; SOHR says clashes continue there"
    assert c["kind"] in ("control/fighting", "fighting/control") and c["place"] == "geonames:169179"


def test_two_holders_and_same_side_holders():
    claims = [claim("c1", "Hamza Division", "it holds the village", actor="hamza-division"),
              claim("c2", "Jarabulus Military Council", "it never lost it", actor="jarabulus-military-council",
                    negated=True, start=50),
              claim("c3", "FSA sources", "the FSA holds the village", actor="fsa", start=90)]
    control = [st("warwatch:amarneh-syria", "held", "hamza-division", "c1"),
               st("warwatch:amarneh-syria", "lost", "jarabulus-military-council", "c2", positive=False),
               st("warwatch:amarneh-syria", "held", "fsa", "c3")]
    found = find_contradictions(claims, [], control)
    pairs = {(c["a"], c["b"]) for c in found}
    assert pairs == {("c1", "c2"), ("c2", "c3")}   # Hamza Division is part of the FSA


def test_disputed_toll_only_across_speakers():
    events = [{"id": "e1", "type": "AIR_STRIKE", "date": "2016-08-28", "date_precision": "day",
               "actor1": "turkish-armed-forces", "actor2": None, "associated": [], "place": None,
               "fatalities": 35, "evidence": {"start": 0, "end": 10, "text": ""}, "reported_by": []}]
    claims = [claim("c1", "SOHR", "at least 20 civilians were killed in the strikes", actor="sohr",
                    stype="monitor"),
              claim("c2", "Rami Abdulrahman", "35 civilians were killed in Turkish strikes", actor="sohr",
                    start=100, stype="person"),
              claim("c3", "local officials", "at least 35 civilians were killed in the strikes", start=200,
                    stype="described")]
    for c in claims:
        c["about"]["events"] = ["e1"]
    # the event number wins over the text; same event, same number: nothing to dispute
    assert find_contradictions(claims, events, []) == []
    events2 = events + [dict(events[0], id="e2", fatalities=20)]
    claims[0]["about"]["events"] = ["e2"]
    claims[2]["about"]["events"] = ["e2"]
    # different events of one article are not compared by number; the same event is
    assert find_contradictions(claims, events2, []) == []
    claims[2]["about"]["events"] = ["e1"]
    claims[0]["about"]["events"] = ["e1"]
    events[0]["fatalities"] = None
    found = find_contradictions(claims, events, [])
    # c1 (20) vs c2 (35) is one speaker (SOHR and its director); c2 and c3 agree
    assert [(c["a"], c["b"]) for c in found] == [("c1", "c3")]
    assert found[0]["reason"] == "disputed toll: SOHR says 20 civilians, local officials says 35"


def test_denial_of_a_toll():
    claims = [claim("c1", "SOHR", "at least 35 civilians were killed in Turkish strikes", actor="sohr",
                    stype="monitor"),
              claim("c2", "Turkish military", "reports that its air strikes had killed civilians",
                    actor="turkish-armed-forces", polarity="deny", start=100, stype="state_force")]
    [c] = find_contradictions(claims, [], [])
    assert c["kind"] == "killed" and "denies" in c["reason"]


def test_cross_document_contradictions_carry_articles():
    a1 = {"article": {"id": 12, "site": "Anatolia Daily", "published": "2016-08-27T22:10:00+03:00"},
          "claims": [claim("c6", "FSA sources", "FSA groups took control of al-Amarna", actor="fsa",
                           stype="described")],
          "events": [], "control": [st("warwatch:amarneh-syria", "taken", "fsa", "c6", as_of="2016-08-27")],
          "places": [{"id": "warwatch:amarneh-syria", "name": "Amarneh"}]}
    a2 = {"article": {"id": 13, "site": "Rojava Frontline", "published": "2016-08-28T13:30:00+03:00"},
          "claims": [claim("c1", "Jarabulus Military Council", "the village remains under its control",
                           actor="jarabulus-military-council", stype="armed_group")],
          "events": [], "control": [st("warwatch:amarneh-syria", "held", "jarabulus-military-council", "c1",
                                       as_of="2016-08-28")]}
    [c] = find_cross_contradictions([a1, a2])
    assert c["a"] == {"article_id": 12, "site": "Anatolia Daily", "claim": "c6"}
    assert c["b"] == {"article_id": 13, "site": "Rojava Frontline", "claim": "c1"}
    assert "Amarneh" in c["reason"]
    # a week apart: a change of hands for the timeline, not a contradiction
    a2["control"][0].as_of = "2016-09-05"
    assert find_cross_contradictions([a1, a2]) == []
    # the same article is never compared with itself across the corpus
    assert find_cross_contradictions([a1]) == []
