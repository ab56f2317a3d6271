"""Merging events across articles and independence of sources (issue 5). Fixtures written for
these tests."""

from __future__ import annotations

from warwatch.reconcile.merge import independent_groups, merge_events, wire_credit

JARABULUS = {"id": "geonames:169179", "name": "Jarabulus", "lat": 36.8175, "lon": 38.0111, "feature": "P.PPL"}
AMARNEH = {"id": "warwatch:amarneh-syria", "name": "Amarneh", "lat": 36.77, "lon": 37.97, "feature": "P.PPL"}
MANBIJ = {"id": "geonames:167357", "name": "Manbij", "lat": 36.5281, "lon": 37.9549, "feature": "P.PPL"}

WIRE = ("ANKARA (Meridian) — Syrian rebels backed by Turkish tanks captured the border town of Jarabulus from "
        "Islamic State on Wednesday, meeting little resistance as the militants pulled back toward al-Bab, "
        "rebel commanders and Turkish officials said. The operation, the first major Turkish ground incursion "
        "of the war, also aims to stop Kurdish forces from expanding along the border, officials said. "
        "Residents said the militants had left the town in the days before the assault. "
        "(Reporting by Selin Aras; Editing by Mark Hendry)")
WIRE_COPY = WIRE.replace("Islamic State", "IS").replace("(Reporting by Selin Aras; Editing by Mark Hendry)",
                                                          "This story was provided by the Meridian Press wire service.")
OWN = ("BEIRUT — Turkish-backed factions took Jarabulus in a few hours on Wednesday, after the jihadists "
       "abandoned positions they had held for three years, commanders told the Courier by telephone.")


def event(eid, typ, date, place, actor1=None, actor2=None, fatalities=None, text="", precision="day"):
    return {"id": eid, "type": typ, "date": date, "date_precision": precision if date else None,
            "actor1": actor1, "actor2": actor2, "associated": [], "place": place, "fatalities": fatalities,
            "evidence": {"start": 0, "end": len(text), "text": text}, "reported_by": []}


def article(aid, site, text, events, claims=(), published="2016-08-24T18:00:00+03:00", places=(JARABULUS,)):
    return {"article": {"id": aid, "site": site, "published": published, "text": text, "url": f"https://x/{aid}"},
            "events": list(events), "claims": list(claims), "places": list(places)}


def test_same_capture_in_different_words_is_one_event():
    a = article(1, "Meridian Press", WIRE, [event("e1", "NON_STATE_ACTOR_OVERTAKES_TER", "2016-08-24",
                                                  "geonames:169179", "group:rebels", "isis", text=WIRE[:80])],
                claims=[{"id": "c1", "polarity": "assert", "content_negated": False, "speaker": "Meridian Press",
                         "about": {"events": ["e1"], "places": []}}])
    b = article(2, "The Levant Courier", OWN, [event("e3", "NON_VIOL_TERRIT_TRANSFER", None, "geonames:169179",
                                                     "group:factions", "isis", text=OWN)])
    other = article(3, "Rojava Frontline", "The SDF holds Manbij.", [event(
        "e1", "NON_STATE_ACTOR_OVERTAKES_TER", "2016-08-24", MANBIJ["id"], "sdf", "isis")], places=[MANBIJ])
    merged = merge_events([a, b, other])
    top = merged[0]
    assert top.corroboration == 2 and len(top.sources) == 2
    assert {s["article_id"] for s in top.sources} == {1, 2}
    assert top.place == "geonames:169179" and top.date == "2016-08-24" and top.type == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert top.claims_for == [{"article_id": 1, "site": "Meridian Press", "claim_id": "c1",
                               "speaker": "Meridian Press", "speaker_actor": None}]
    assert all(s["evidence"] for s in top.sources)
    # Manbij is 32 km away: another event
    assert any(m.place == MANBIJ["id"] and len(m.sources) == 1 for m in merged)
    # the id is stable: input order does not matter, and later reports that join the event
    # (and outvote its place: Amarneh is 6 km away) keep the id of the earliest report
    assert merge_events([b, a, other])[0].id == top.id
    late = [article(n, f"Outlet {n}", f"Report {n} of the capture of Jarabulus by rebels, own words {n}.",
                    [event("e2", "NON_STATE_ACTOR_OVERTAKES_TER", "2016-08-24", AMARNEH["id"],
                           "group:rebels", "isis")], places=[AMARNEH]) for n in (7, 8, 9)]
    grown = merge_events([a, b, other, *late])
    joined = next(m for m in grown if {1, 2} <= {s["article_id"] for s in m.sources})
    assert len(joined.sources) == 5 and joined.place == AMARNEH["id"]
    assert joined.id == top.id
    assert len({m.id for m in grown}) == len(grown)


def test_two_wire_copies_and_one_independent_report():
    ev = lambda eid: event(eid, "NON_STATE_ACTOR_OVERTAKES_TER", "2016-08-24", "geonames:169179", "group:rebels",
                           "isis")
    arts = [article(1, "Levant Courier", WIRE, [ev("e1")]),
            article(2, "Atlantic Ledger", WIRE_COPY, [ev("e2")]),
            article(3, "Barada Tribune", OWN, [ev("e1")])]
    groups = independent_groups(arts)
    assert sorted(sorted(g) for g in groups) == [[1, 2], [3]]
    [m] = merge_events(arts)
    assert len(m.sources) == 3 and m.corroboration == 2


def test_wire_detection_and_same_outlet():
    assert wire_credit(WIRE) == "meridian"
    assert wire_credit(WIRE_COPY) == "meridian"
    assert wire_credit(OWN) is None
    # one outlet repeating itself is one source
    arts = [article(1, "Anatolia Daily", "Jarablus was liberated from Daesh terrorists today.", []),
            article(2, "Anatolia Daily", "FSA in full control of Jarablus, the Prime Minister said.", [])]
    assert len(independent_groups(arts)) == 1
    assert len(independent_groups(arts, same_site=False)) == 2


def test_near_places_dates_fatalities_and_actor_conflicts():
    # Amarneh is ~6 km from Jarabulus: the same strike; one day apart is fine
    a = article(1, "A", "x", [event("e1", "AIR_STRIKE", "2016-08-28", AMARNEH["id"], "turkish-armed-forces",
                                    fatalities=20)], places=[AMARNEH])
    b = article(2, "B", "y", [event("e1", "ATTACK", "2016-08-29", JARABULUS["id"], "turkish-armed-forces",
                                    fatalities=35)])
    [m] = merge_events([a, b])
    assert m.fatalities == 35 and sorted(f["value"] for f in m.fatalities_reported) == [20, 35]
    # a soldier killed the day before is another event (1 vs 35)
    c = article(3, "C", "z", [event("e1", "ART_MISS_ATTACK", "2016-08-28", JARABULUS["id"], "ypg", fatalities=1)])
    assert len(merge_events([a, b, c])) == 2
    # three days apart: two events
    d = article(4, "D", "w", [event("e1", "AIR_STRIKE", "2016-08-31", AMARNEH["id"], "turkish-armed-forces")],
                places=[AMARNEH])
    assert len(merge_events([a, d])) == 2
    # conflicting actor1 (the SDF vs the FSA taking the same town): two events
    e = article(5, "E", "v", [event("e1", "NON_STATE_ACTOR_OVERTAKES_TER", "2016-08-24", JARABULUS["id"], "sdf")])
    f = article(6, "F", "u", [event("e1", "NON_STATE_ACTOR_OVERTAKES_TER", "2016-08-24", JARABULUS["id"], "fsa")])
    assert len(merge_events([e, f])) == 2
    # different families never merge
    g = article(7, "G", "t", [event("e1", "PEACE_PROTEST", "2016-08-24", JARABULUS["id"])])
    assert len(merge_events([e, g])) == 2


def test_undated_event_uses_publication_window():
    a = article(1, "A", "x", [event("e1", "GOV_REGAINS_TERIT", None, JARABULUS["id"], "group:rebels")],
                published="2016-08-25T10:00:00+00:00")
    b = article(2, "B", "y", [event("e1", "NON_STATE_ACTOR_OVERTAKES_TER", "2016-08-24", JARABULUS["id"], "fsa")])
    c = article(3, "C", "z", [event("e1", "GOV_REGAINS_TERIT", None, JARABULUS["id"], "group:rebels")],
                published="2016-09-10T10:00:00+00:00")
    merged = merge_events([a, b, c])
    assert sorted(len(m.sources) for m in merged) == [1, 2]


def test_merged_event_never_sets_a_side_against_itself():
    # one report names the Turkish army as the side firing, two as the side hit (without the
    # other side): the merged event must not read "Turkish Armed Forces against Turkish Armed Forces"
    def rep(aid, a1, a2):
        return article(aid, f"Outlet {aid}", f"Rocket fire near Jarabulus, report {aid} in its own words.",
                       [event("e1", "ART_MISS_ATTACK", "2016-08-27", "geonames:169179", a1, a2)])
    [m] = merge_events([rep(1, "turkish-armed-forces", None), rep(2, None, "turkish-armed-forces"),
                        rep(3, None, "turkish-armed-forces")], groups=[[1], [2], [3]])
    assert len(m.sources) == 3
    assert m.actor1 == "turkish-armed-forces" and m.actor2 is None


def test_merged_event_never_sets_a_branch_or_ally_against_its_side():
    # the air force is a branch of the Turkish Armed Forces: not the side acted on
    def rep(aid, a1, a2):
        return article(aid, f"Outlet {aid}", f"Strikes south of Jarabulus, report {aid} in its own words.",
                       [event("e1", "AIR_STRIKE", "2016-08-28", "geonames:169179", a1, a2)])
    [m] = merge_events([rep(1, "turkish-armed-forces", "turkish-air-force"),
                        rep(2, "turkish-armed-forces", "turkish-air-force"),
                        rep(3, "turkish-armed-forces", None)], groups=[[1], [2], [3]])
    assert m.actor1 == "turkish-armed-forces" and m.actor2 is None


def test_territorial_event_takes_its_acting_side_of_the_right_kind_and_a_fitting_title():
    # two reports credit the backer ("Turkish forces liberated..."), three the rebels who took
    # the town; a non-state takeover is the rebels', and its title is a report that says so
    def rep(aid, a1, typ, text, date="2016-08-24"):
        ev = event("e1", typ, date, "geonames:169179", a1, "isis", text=text)
        if a1 == "fsa":
            ev["associated"] = ["turkish-armed-forces"]   # "backed by Turkish tanks"
        a = article(aid, f"Outlet {aid}", text + f" Report {aid}.", [ev])
        a["actors"] = [{"id": "turkish-armed-forces", "type": "state_force"},
                       {"id": "fsa", "type": "armed_group"}, {"id": "isis", "type": "armed_group"}]
        return a
    arts = [rep(1, "turkish-armed-forces", "GOV_REGAINS_TERIT", "Turkey sent tanks in last week.", None),
            rep(2, "turkish-armed-forces", "NON_STATE_ACTOR_OVERTAKES_TER", "Turkish forces liberated Jarabulus."),
            rep(3, "fsa", "NON_STATE_ACTOR_OVERTAKES_TER", "FSA fighters took Jarabulus on Wednesday."),
            rep(4, "fsa", "NON_STATE_ACTOR_OVERTAKES_TER", "The FSA captured the town on Wednesday."),
            rep(5, "turkish-armed-forces", "NON_STATE_ACTOR_OVERTAKES_TER", "Turkish troops entered the town.")]
    [m] = merge_events(arts, groups=[[1], [2], [3], [4], [5]])
    assert m.type == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert m.actor1 == "fsa"          # 3 reports name Turkey's army, 2 the FSA: the kind decides
    assert m.sources[0]["article_id"] == 3   # type, place, date and acting side: the earliest such
    assert "Turkish Armed Forces" not in m.sources[0]["evidence"]["text"]


ALEPPO = {"id": "geonames:170063", "name": "Aleppo", "lat": 36.2021, "lon": 37.1343, "feature": "P.PPL"}


def test_one_misread_alliance_does_not_join_enemies_across_the_corpus():
    # one article's event lists the Nusra Front beside the Syrian army (a misread "with"): the
    # two sides' strikes in Manbij on one day must stay apart, and no chain of such pairs
    # (army ~ Nusra, Nusra ~ Islamic State) makes the army and the Islamic State one side
    def strike(aid, actor, associated=(), place=MANBIJ):
        ev = event("e1", "AIR_STRIKE", "2016-07-19", place["id"], actor, text=f"Strikes, report {aid}.")
        ev["associated"] = list(associated)
        return article(aid, f"Outlet {aid}", f"Strikes on Manbij, report {aid} in its own words.", [ev],
                       places=[place])
    misread = strike(1, "syrian-armed-forces", ["nusra-front"])
    chain = strike(2, "nusra-front", ["isis"], place=JARABULUS)
    army, isis = strike(3, "syrian-armed-forces"), strike(4, "isis")
    assert len(merge_events([misread, chain, army, isis], groups=[[1], [2], [3], [4]])) == 3
    # the same alliance stated by two articles is believed: their strikes are one event
    again = strike(5, "syrian-armed-forces", ["nusra-front"], place=JARABULUS)
    nusra = strike(6, "nusra-front")
    merged = merge_events([misread, again, strike(7, "syrian-armed-forces"), nusra],
                          groups=[[1], [5], [7], [6]])
    assert sorted(len(m.sources) for m in merged) == [1, 3]   # Manbij's three, Jarabulus's one


def test_in_a_city_attacks_of_two_types_or_two_stated_days_are_two_incidents():
    def rep(aid, typ, day, place=ALEPPO, precision="day"):
        return article(aid, f"Outlet {aid}", f"Report {aid} from {place['name']} in its own words.",
                       [event("e1", typ, day, place["id"], precision=precision)], places=[place])
    # Aleppo (two million people): an air strike and a shelling on one day are two incidents,
    # and so are a shelling stated on Saturday and one stated on Sunday
    assert len(merge_events([rep(1, "AIR_STRIKE", "2016-11-26"), rep(2, "ART_MISS_ATTACK", "2016-11-26")])) == 2
    assert len(merge_events([rep(1, "ART_MISS_ATTACK", "2016-11-26"), rep(2, "ART_MISS_ATTACK", "2016-11-27")])) == 2
    # the same shelling in two words, one report dated only by its publication: one incident
    assert len(merge_events([rep(1, "ART_MISS_ATTACK", "2016-11-26"),
                             rep(2, "ART_MISS_ATTACK", "2016-11-27", precision="reported")])) == 1
    # in a small town (Manbij, under 100,000 people) a day's air strike and shelling stay one
    assert len(merge_events([rep(1, "AIR_STRIKE", "2016-07-19", MANBIJ),
                             rep(2, "ART_MISS_ATTACK", "2016-07-20", MANBIJ)])) == 1


def test_an_alliance_is_taken_back_with_the_article_that_stated_it():
    from warwatch.claims.control import CorpusSides

    sides = CorpusSides(min_support=2)
    sides.ally("syrian-armed-forces", "hezbollah", source=1)
    assert sides.same("syrian-armed-forces", "hezbollah") is False   # one article is not enough
    sides.ally("hezbollah", "syrian-armed-forces", source=2)
    assert sides.same("syrian-armed-forces", "hezbollah") is True
    sides.ally("hezbollah", "irgc", source=2)
    assert sides.same("syrian-armed-forces", "irgc") is False      # pairs, never a closure
    sides.forget(2)   # article 2 reanalysed: what it stated no longer counts
    assert sides.same("syrian-armed-forces", "hezbollah") is False
