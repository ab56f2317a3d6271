"""Contradictions within an article and across articles (issue 5): JSON fixtures written for
these tests, in the analyze schema."""

from __future__ import annotations

from warwatch.claims import Claim
from warwatch.claims import contradictions as within
from warwatch.claims.control import ControlStatement, Sides
from warwatch.events import Event
from warwatch.nlp.actors import Actor
from warwatch.nlp.places import Place
from warwatch.reconcile.contradictions import find_cross_contradictions


def find_contradictions(claims, events, control, *, actors=(), places=(), site=None, sides=None):
    """The contradictions of one article whose records are given as analyze JSON, as JSON."""
    found = within.contradictions_between(
        [Claim.from_json(c) for c in claims], [Event.from_json(e) for e in events], control,
        actors=[Actor.from_json(a) for a in actors], places=[Place.from_json(p) for p in places],
        site=site, sides=sides)
    return [c.to_json() for c in found]


def propositions(claims, events=(), control=(), *, actors=()):
    return within.propositions([Claim.from_json(c) for c in claims], [Event.from_json(e) for e in events],
                               control, actors=[Actor.from_json(a) for a in actors])

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
    # a, b and the kind all read in the reason's order, whichever statement came first
    assert (c["a"], c["b"], c["kind"]) == ("c1", "c2", "control/fighting") and c["place"] == "geonames:169179"
    [c] = find_contradictions(claims, [], control[::-1], places=PLACES,
                              actors=[{"id": "fsa", "name": "FSA", "type": "armed_group", "mentions": []}])
    assert (c["a"], c["b"], c["kind"]) == ("c1", "c2", "control/fighting")


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
    assert found[0]["reason"] == ("Disputed toll: SOHR says 20 civilians were killed; "
                                  "local officials say 35 civilians were killed")


def test_denial_of_a_toll():
    claims = [claim("c1", "SOHR", "at least 35 civilians were killed in Turkish strikes", actor="sohr",
                    stype="monitor"),
              claim("c2", "Turkish military", "reports that its air strikes had killed civilians",
                    actor="turkish-armed-forces", polarity="deny", start=100, stype="state_force")]
    [c] = find_contradictions(claims, [], [])
    assert c["kind"] == "killed"
    # the denial says what it denies: no bare "denies it"
    assert c["reason"] == "SOHR says 35 civilians were killed; the Turkish military denies that civilians were killed"


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


# --------------------------------------------------------------------------------------
# Wording of the reasons: shown as sentences on the Contested, event, place and speaker pages


def test_reason_verbs_agree_with_plural_speakers_and_generic_groups():
    claims = [claim("c1", "Turkish officials", "rebels took Jarabulus", actor="turkish-government",
                    stype="described"),
              claim("c2", "two rebel commanders and a resident who spoke to the Courier by telephone",
                    "the Hamza Division holds the town", start=100, stype="described"),
              claim("c3", "Rami Abdulrahman", "clashes continue in Jarabulus", actor="person:rami-abdulrahman",
                    start=200, stype="person")]
    control = [st("geonames:169179", "taken", "group:rebel", "c1"),
               st("geonames:169179", "contested", None, "c3")]
    [c] = find_contradictions(claims, [], control, places=PLACES)
    # before: "Turkish officials says rebel took Jarabulus; ..."
    assert c["reason"] == "Turkish officials say rebels took Jarabulus; Rami Abdulrahman says clashes continue there"
    control = [st("geonames:169179", "held", "hamza-division", "c2"),
               st("geonames:169179", "contested", None, "c3")]
    [c] = find_contradictions(claims, [], control, places=PLACES,
                              actors=[{"id": "hamza-division", "name": "Hamza Division", "mentions": []}])
    # the relative clause goes, the verb agrees, the organisation gets its article
    assert c["reason"] == ("Two rebel commanders and a resident say the Hamza Division holds Jarabulus; "
                           "Rami Abdulrahman says clashes continue there")


def test_reason_own_side_is_they_for_a_plural_speaker_and_described_speakers_read_mid_sentence():
    claims = [claim("c1", "Jarabulus Military Council", "the village remains under its control",
                    actor="jarabulus-military-council", stype="armed_group"),
              claim("c2", "FSA sources", "FSA groups took control of al-Amarna", actor="fsa", start=100,
                    stype="described"),
              claim("c3", "A farmer from the village who fled to Manbij with his family on Sunday",
                    "fighting goes on around Amarneh", start=200, stype="described")]
    control = [st("warwatch:amarneh-syria", "held", "jarabulus-military-council", "c1", place_name="Amarneh"),
               st("warwatch:amarneh-syria", "taken", "fsa", "c2", place_name="Amarneh")]
    [c] = find_contradictions(claims, [], control)
    # before: "Jarabulus Military Council says it holds warwatch:amarneh-syria; FSA sources says it took
    # warwatch:amarneh-syria" (the place name was only on the statements)
    assert c["reason"] == ("The Jarabulus Military Council says it holds Amarneh; "
                           "FSA sources say they took Amarneh")
    control = [st("warwatch:amarneh-syria", "held", "jarabulus-military-council", "c1", place_name="Amarneh"),
               st("warwatch:amarneh-syria", "contested", None, "c3", place_name="Amarneh")]
    [c] = find_contradictions(claims, [], control)
    assert c["reason"] == ("The Jarabulus Military Council says it holds Amarneh; "
                           "a farmer from the village says clashes continue there")
    control[0], control[1] = control[1], control[0]
    [c] = find_contradictions(claims, [], control)
    assert c["reason"].startswith("The Jarabulus Military Council says")


def test_reason_never_shows_an_id_or_a_missing_name():
    # no speaker, no site name for the place in `places`, an actor known only by its id
    claims = [claim("c1", None, "Daesh still holds the town", stype="unknown"),
              claim("c2", "Anatolia Agency", "the FSA took full control of the town", actor="anadolu",
                    start=100, stype="media")]
    control = [st("geonames:169179", "held", "unresolved:islamic-state-group", "c1", place_name="Jarabulus"),
               st("geonames:169179", "taken", "fsa", "c2", place_name="Jarabulus")]
    class Enemies(Sides):   # as the registry says of IS and the FSA
        def conflict(self, a, b):
            return a != b

    sides = Enemies()
    [c] = find_contradictions(claims, [], control, site="The Levant Courier", sides=sides)
    # before: "The Levant Courier says islamic state group holds geonames:169179; Anatolia Agency says fsa
    # took geonames:169179"
    assert c["reason"] == ("An unnamed source in The Levant Courier says Islamic State Group holds Jarabulus; "
                           "Anatolia Agency says FSA took Jarabulus")
    assert "geonames:" not in c["reason"] and "unresolved:" not in c["reason"]


def test_reason_agreement_names_what_was_agreed_and_denials_say_what_they_deny():
    claims = [claim("c1", "John Thomas", "the arrangement as a \"loose agreement\"", actor="person:john-thomas",
                    stype="person"),
              claim("c2", "Turkey", "that it was party to any deal", actor="turkish-government", polarity="deny",
                    start=100),
              claim("c3", "Omer Celik", "Ankara would not accept any ceasefire with Kurdish militants",
                    actor="person:omer-celik", start=200, stype="person")]
    found = {(c["a"], c["b"]): c["reason"] for c in find_contradictions(claims, [], [])}
    # before: "John Thomas says a ceasefire/agreement was reached; Turkey says there is no ceasefire/agreement";
    # then "...; Turkey denies that a deal was reached". Denying being party to a deal says whom it binds,
    # not that there is none (a statement of scope, issue #11): no contradiction
    assert ("c1", "c2") not in found and ("c2", "c1") not in found
    assert found[("c1", "c3")] == "John Thomas says an agreement was reached; Omer Celik says there is no ceasefire"


def test_reason_toll_of_one_and_denial_without_victims():
    events = [{"id": "e1", "type": "AIR_STRIKE", "date": "2016-08-28", "actor1": None, "actor2": None,
               "place": None, "fatalities": None, "evidence": {"start": 0, "end": 1, "text": ""}}]
    claims = [claim("c1", "Turkey's military", "one soldier was killed when a rocket hit his tank",
                    actor="turkish-armed-forces", stype="described", events=["e1"]),
              claim("c2", "The YPG", "three soldiers were killed", actor="ypg", stype="armed_group", start=100,
                    events=["e1"])]
    [c] = find_contradictions(claims, events, [])
    # before: "disputed toll: Turkey's military says 1 soldiers, The YPG says 3"
    assert c["reason"] == ("Disputed toll: Turkey's military says one soldier was killed; "
                           "the YPG says 3 soldiers were killed")
    claims = [claim("c1", "SOHR", "dozens were killed in the strikes", actor="sohr", stype="monitor"),
              claim("c2", "The statement", "\"The claims of casualties do not reflect the truth,\"",
                    polarity="deny", start=100, stype="described")]
    [c] = find_contradictions(claims, [], [])
    assert c["reason"] == "SOHR says people were killed; the statement denies that people were killed"


def test_reasons_read_as_sentences():
    """Every reason over a grid of speakers, subjects, places and predicates starts with a capital,
    has no doubled word, no id and no slash alternative, and its verbs agree."""
    import itertools
    import re

    from warwatch.claims.contradictions import Proposition, compare

    speakers = [("Turkish officials", "described", "turkish-government"),
                ("Ankara", "government", "turkish-government"),
                ("a council spokesman", "described", None), (None, "unknown", None), ("that", "described", None),
                ("Redur Xelil", "person", "person:redur-xelil"), ("The Levant Courier", "outlet", None)]
    subjects = [None, "turkish-government", "group:rebel", "group:groups", "person:redur-xelil", "ypg",
                "turkish-armed-forces"]
    names = {"turkish-government": "Turkish government", "turkish-armed-forces": "Turkish Armed Forces",
             "ypg": "YPG"}
    preds = [("control", "taken"), ("control", "held"), ("control", "lost"), ("fighting", None), ("crossed", None),
             ("withdrawn", None), ("agreement", None), ("killed", None)]

    class AllConflict(Sides):
        def same(self, a, b):
            return a == b

        def conflict(self, a, b):
            return a != b

    sides = AllConflict()
    reasons = set()
    for (sp1, sp2), (pred, status), subj, deny in itertools.product(
            itertools.permutations(speakers, 2), preds, subjects, (False, True)):
        for pos1, pos2 in ((True, False), (True, True)):
            def prop(i, sp, positive):
                text, stype, actor = sp
                return Proposition(predicate=pred, subject=subj, places=["geonames:169179"], positive=positive,
                                   claim=f"c{i}", speaker=text, speaker_key=f"k{i}", speaker_actor=actor,
                                   speaker_type=stype, status=status, deny=deny and not positive,
                                   value=(i * 10 if pos1 == pos2 else None), victims="civilians", event="e1",
                                   cue="truce", site="Meridian Press", as_of="2016-08-24", article_id=1)
            p = prop(1, sp1, pos1)
            q = prop(2, sp2, pos2)
            r = compare(p, q, sides, names=names, places={})
            if r:
                reasons.add(r)
    assert len(reasons) > 100
    for r in reasons:
        assert r[0].isupper(), r
        assert not re.search(r"\b(\w+) \1\b", r, re.I), r
        assert not re.search(r"\w+:\S", r.replace("Disputed toll: ", "")), r
        assert "/" not in r and " denies it" not in r and "someone" not in r, r
        assert not re.search(r"\b(officials|they|rebels|groups|Forces) (says|holds|denies|has)\b", r), r
        assert not re.search(r"\b(Ankara|council spokesman|Xelil|Courier|source in Meridian Press) "
                             r"(say|hold|deny|have)\b", r), r


def test_a_and_b_are_in_the_order_the_reason_names_them():
    # the denial comes first in the article; the reason names the assertion first, and so
    # must "a" (the web shows a on the left and b on the right under the reason)
    claims = [claim("c1", "Turkish military", "reports that its air strikes had killed civilians",
                    actor="turkish-armed-forces", polarity="deny", stype="state_force"),
              claim("c2", "SOHR", "at least 35 civilians were killed in Turkish strikes", actor="sohr",
                    stype="monitor", start=100)]
    [c] = find_contradictions(claims, [], [])
    assert c["reason"].startswith("SOHR says") and (c["a"], c["b"]) == ("c2", "c1")
    # across articles: the earlier-stored article says the FSA did not take the village
    a1 = {"article": {"id": 1, "site": "Rojava Frontline", "published": "2016-08-28T13:30:00+03:00"},
          "claims": [claim("c1", "Jarabulus Military Council", "the factions did not capture the village",
                           actor="jarabulus-military-council", stype="armed_group")],
          "events": [], "control": [st("warwatch:amarneh-syria", "taken", "fsa", "c1", positive=False,
                                       as_of="2016-08-28")]}
    a2 = {"article": {"id": 2, "site": "Anatolia Daily", "published": "2016-08-28T10:00:00+03:00"},
          "claims": [claim("c6", "FSA sources", "FSA groups took control of al-Amarna", actor="fsa",
                           stype="described")],
          "events": [], "control": [st("warwatch:amarneh-syria", "taken", "fsa", "c6", as_of="2016-08-28")]}
    [x] = find_cross_contradictions([a1, a2])
    assert x["reason"].startswith("FSA sources say") and x["a"]["article_id"] == 2, x


def test_a_contradiction_is_placed_where_its_event_happened():
    # the claim names "Turkish" (Turkey) before the village; the event it is about was placed
    # in the village by detection, and so is the contradiction
    events = [{"id": "e1", "type": "AIR_STRIKE", "place": "warwatch:jeb-al-kussa-syria", "date": "2016-08-28",
               "actor1": "turkish-armed-forces", "fatalities": 35}]
    claims = [claim("c1", "SOHR", "at least 35 civilians were killed in Turkish strikes on Jeb al-Kussa",
                    actor="sohr", stype="monitor", events=["e1"],
                    places=["geonames:298795", "warwatch:jeb-al-kussa-syria"]),
              claim("c2", "Turkish military", "reports that its air strikes had killed civilians",
                    actor="turkish-armed-forces", polarity="deny", start=100, stype="state_force")]
    [c] = find_contradictions(claims, events, [])
    assert c["place"] == "warwatch:jeb-al-kussa-syria"
