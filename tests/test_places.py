"""Place mentions and their resolution, on sentences written for these tests."""

import pytest

from warwatch.nlp.gazetteer import Gazetteer, build_gazetteer
from warwatch.nlp.model import load_nlp
from warwatch.nlp.places import Place, resolve_places, resolve_spans
from warwatch.nlp.places.mentions import _lookup

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def gaz(tmp_path_factory):
    path = tmp_path_factory.getbasetemp() / "warwatch-gazetteer.sqlite"
    return Gazetteer(build_gazetteer(path=path))


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def places(nlp, gaz, text, **kw):
    return resolve_places(nlp(text), gazetteer=gaz, **kw)


def by_mention(result):
    return {m.text: p for p in result for m in p.mentions}


def spans(text, *words):
    return [(text.index(w), text.index(w) + len(w)) for w in words]


def test_tripoli_follows_the_article_country(nlp, gaz):
    lebanon = by_mention(places(nlp, gaz, "Clashes erupted in Tripoli on Sunday. The Lebanese army "
                                          "deployed in the northern city and officials in Beirut called for calm."))
    assert lebanon["Tripoli"].country == "LB"
    libya = by_mention(places(nlp, gaz, "Militias fought near Tripoli as the envoy urged Libyan "
                                        "factions to return to talks in Benghazi and Misrata."))
    assert libya["Tripoli"].country == "LY"


def test_homs_and_hama_are_the_syrian_cities(nlp, gaz):
    res = by_mention(places(nlp, gaz, "Government forces shelled Homs and Hama overnight, activists said."))
    assert res["Homs"].country == "SY" and res["Homs"].feature.startswith("P")
    assert res["Hama"].country == "SY"


def test_aleppo_city_and_province(nlp, gaz):
    text = "Rebels advanced in Aleppo province, while shelling hit eastern Aleppo."
    city = text.rindex("Aleppo")
    res = resolve_spans(nlp(text), spans(text, "Aleppo province") + [(city, city + 6)], gazetteer=gaz)
    got = by_mention(res)
    assert got["Aleppo province"].feature == "A.ADM1"
    assert got["Aleppo"].feature.startswith("P") and got["Aleppo"].country == "SY"


def test_spelling_variants_resolve_to_the_same_place(nlp, gaz):
    text = ("Islamic State fighters withdrew from Deir Ezzor to Al Mayadeen. In Dayr az Zawr and "
            "Mayadin, residents said the Euphrates bridges were cut.")
    res = resolve_spans(nlp(text), spans(text, "Deir Ezzor", "Al Mayadeen", "Dayr az Zawr",
                                         "Mayadin", "Euphrates"), gazetteer=gaz)
    got = by_mention(res)
    assert got["Deir Ezzor"].id == got["Dayr az Zawr"].id
    assert got["Al Mayadeen"].id == got["Mayadin"].id and got["Mayadin"].country == "SY"
    assert got["Euphrates"].id == "warwatch:euphrates-river"
    assert len(got["Mayadin"].mentions) == 2


def test_jarabulus_spellings(nlp, gaz):
    text = "Turkish tanks entered Jerablus. Rebels said Jarablus and Jarabulus, in Syria, were taken."
    got = by_mention(resolve_spans(nlp(text), spans(text, "Jerablus", "Jarablus", "Jarabulus", "Syria"),
                                   gazetteer=gaz))
    assert got["Jerablus"].id == got["Jarablus"].id == got["Jarabulus"].id
    assert got["Jarabulus"].country == "SY" and abs(got["Jarabulus"].lat - 36.82) < 0.1


def test_made_up_village_is_unresolved(nlp, gaz):
    text = "Fighting raged around Zzyqqaville, a village near Manbij, in northern Syria."
    got = by_mention(resolve_spans(nlp(text), spans(text, "Zzyqqaville", "Manbij", "Syria"), gazetteer=gaz))
    village = got["Zzyqqaville"]
    assert village.lat is None and village.lon is None and village.id.startswith("unresolved:")
    assert got["Manbij"].country == "SY"


def test_far_namesake_of_a_small_village_stays_unresolved(nlp, gaz):
    # "Tarrant" exists in the index only as small places far from Syria
    assert gaz.candidates("Tarrant") and all(c.country != "SY" for c in gaz.candidates("Tarrant"))
    text = "Fighters entered Tarrant, a village near Afrin in northern Syria, the Syrian army said."
    got = by_mention(resolve_spans(nlp(text), spans(text, "Tarrant", "Afrin", "Syria", "Syrian"),
                                   gazetteer=gaz))
    assert got["Tarrant"].lat is None
    assert got["Afrin"].country == "SY"


def test_metonymy_gives_the_actor_role(nlp, gaz):
    got = by_mention(places(nlp, gaz, "Damascus condemned the incursion. Ankara rejected the criticism."))
    assert got["Damascus"].country == "SY"
    roles = {m.text: m.role for p in got.values() for m in p.mentions}
    assert roles["Damascus"] == "actor" and roles["Ankara"] == "actor"
    loc = places(nlp, gaz, "Shells fell on Damascus overnight.")
    assert [m.role for p in loc for m in p.mentions] == ["location"]


def test_demonyms_point_to_the_country(nlp, gaz):
    res = places(nlp, gaz, "Iraqi forces entered Mosul as Kurdish fighters held positions east of the city.")
    got = by_mention(res)
    assert got["Iraqi"].country == "IQ" and got["Iraqi"].id == "geonames:99237"
    assert [m.role for m in got["Iraqi"].mentions] == ["demonym"]
    assert "Kurdish" not in got  # not a country
    assert got["Mosul"].country == "IQ"


def test_excluded_actor_spans_produce_no_place(nlp, gaz):
    text = ("Fighters of the Islamic State retreated from Jarabulus, the Syrian Observatory for "
            "Human Rights said.")
    ex = spans(text, "Islamic State", "Syrian Observatory for Human Rights")
    res = places(nlp, gaz, text, exclude=ex)
    got = by_mention(res)
    assert "Jarabulus" in got
    for p in res:
        for m in p.mentions:
            assert not any(s < m.end and m.start < e for s, e in ex)


def test_supplement_names_spacy_misses_and_json(nlp, gaz):
    text = "Syrian rebels took Amarneh and Dabiq near the Turkish border and reached the Sajur river."
    res = places(nlp, gaz, text, text_offset=100)
    got = by_mention(res)
    assert got["Dabiq"].id == "warwatch:dabiq-syria"
    js = got["Dabiq"].to_json()
    assert set(js) == {"id", "name", "country", "lat", "lon", "geonames_id", "feature", "mentions"}
    m = js["mentions"][0]
    assert m["start"] == text.index("Dabiq") + 100 and m["role"] == "location"
    assert isinstance(got["Dabiq"], Place)


def test_initialisms_name_areas_not_towns(nlp, gaz):
    # "EU" is the European Union (the continent entry), not the French town of Eu; an
    # initialism no area carries ("SA" is not an alias of any country here) stays unresolved
    # rather than landing on a town whose name folds to the same letters ("Saa")
    text = "Ministers from the EU met in Brussels. SA officials did not attend."
    got = by_mention(resolve_spans(nlp(text), spans(text, "EU", "SA"), gazetteer=gaz))
    assert got["EU"].feature == "L.CONT" and got["EU"].name == "Europe"
    assert not got["SA"].resolved


def test_a_town_inside_a_named_state_wins_over_its_namesakes(nlp, gaz):
    # Richmond (Virginia) is not the largest Richmond in the gazetteer by itself; the article
    # names Virginia, and the Virginian one lies inside it
    text = "Floods closed roads across Virginia on Monday. In Richmond, crews cleared debris."
    got = by_mention(resolve_spans(nlp(text), spans(text, "Virginia", "Richmond"), gazetteer=gaz))
    assert got["Virginia"].feature == "A.ADM1"
    richmond = gaz.get(got["Richmond"].id)
    assert richmond.country == "US" and richmond.admin1 == "Virginia"


def test_oceans_and_regions_beat_small_towns_of_the_same_name(nlp, gaz):
    text = "The convoy crossed the Atlantic before reaching the Middle East."
    got = by_mention(resolve_spans(nlp(text), spans(text, "Atlantic", "Middle East"), gazetteer=gaz))
    assert got["Atlantic"].feature == "H.OCN"
    assert got["Middle East"].feature == "L.RGN"


def test_a_name_belongs_to_the_place_that_bears_it(nlp, gaz):
    # a Florida town once called "Hawaii" (an alternate name in GeoNames) must not take the
    # state's name, even in an article set in Florida, next to the town
    text = "Storms hit Orlando and Leesburg in Florida. Crews from Hawaii flew in to help."
    got = by_mention(resolve_spans(nlp(text), spans(text, "Orlando", "Leesburg", "Florida", "Hawaii"),
                                   gazetteer=gaz))
    assert got["Hawaii"].feature == "A.ADM1" and got["Hawaii"].name == "Hawaii"
    # an ocean has no population to compare: "Atlantic" still finds it
    assert any(c.feature_code == "OCN" for c in _lookup("Atlantic", gaz)[0])


def test_curated_short_names_of_countries_and_areas_are_places(nlp, gaz):
    # spaCy tags these ORG; they are a country's, a continent's and a province's short names
    cases = [("The EU said on Monday that it would send aid to Syria.", "EU", "Europe"),
             ("Officials in the DPRK fired two missiles on Sunday.", "DPRK", "North Korea"),
             ("Wildfires spread across BC this week.", "BC", "British Columbia")]
    for text, mention, name in cases:
        got = {m.text: p for p in resolve_places(nlp(text), gazetteer=gaz) for m in p.mentions}
        assert got[mention].name == name, text
    eu = {m.text: m for p in resolve_places(nlp(cases[0][0]), gazetteer=gaz) for m in p.mentions}
    assert eu["EU"].role == "actor"   # "the EU said": metonymy


def test_divine_names_are_not_places(nlp, gaz):
    # "Allah" folds to the letters of Ala (India) and of the abbreviation "Ala." (Alabama)
    for text in ("Prayers were said in Allah's name.", "He thanked Allah and God for the rain."):
        assert resolve_places(nlp(text), gazetteer=gaz) == []


def test_the_same_name_twice_is_not_its_own_support(nlp, gaz):
    # "BAGHDAD" (dateline) and "Baghdad" are one name: the governorate must not win because
    # it "contains" the city the other mention picked
    text = ("BAGHDAD - When Syrian rebels seized the town of Jarabulus on Wednesday, "
            "officials in Baghdad watched.")
    got = by_mention(resolve_places(nlp(text), gazetteer=gaz))
    assert got["Baghdad"].feature == "P.PPLC" and got["BAGHDAD"].id == got["Baghdad"].id


def test_only_the_capital_is_a_capital(gaz):
    capitals = [c for c in gaz.candidates("Washington") if c.feature_code == "PPLC"]
    assert len(capitals) == 1 and abs(capitals[0].lat - 38.9) < 0.1


def test_the_agency_of_a_dateline_is_not_a_place(nlp, gaz):
    text = "GAZIANTEP, Turkey (Meridian) — Turkish tanks crossed into northern Syria on Wednesday."
    got = by_mention(resolve_places(nlp(text), gazetteer=gaz))
    assert "Meridian" not in got and got["GAZIANTEP"].country == "TR"
    # a parenthesis later in a sentence is not a dateline
    text = "Officials in Washington said on Monday that the strikes in Raqqa (Syria) - were over."
    assert "Syria" in by_mention(resolve_places(nlp(text), gazetteer=gaz))


def test_a_supplement_place_without_namesake_resolves_wherever_the_article_is_set(nlp, gaz):
    # the article names only Russia; Hmeimim (Syria) has no namesake to be confused with
    got = by_mention(places(nlp, gaz, "Russian jets took off from Hmeimim on Monday."))
    assert got["Hmeimim"].country == "SY" and got["Hmeimim"].feature == "S.AIRB"


def test_places_named_inside_organisations_but_not_inside_news_outlets(nlp, gaz):
    got = by_mention(places(nlp, gaz, "The Toronto Transit Commission said service would resume."))
    assert got["Toronto"].country == "CA"
    mention = next(m for m in got["Toronto"].mentions if m.text == "Toronto")
    assert mention.role == "organisation"
    got = by_mention(places(nlp, gaz, "He joined the Pakistan Army in 1990."))
    assert got["Pakistan"].feature == "A.PCLI"
    # where a paper is published says nothing of what the story is about
    assert "Washington" not in by_mention(places(nlp, gaz, "The Washington Post reported the story."))
    # an actor of the registry is excluded whole, its place name included
    text = "The Jarabulus Military Council said its fighters held the village."
    assert "Jarabulus" not in by_mention(places(nlp, gaz, text, exclude=[(4, 31)]))


def test_an_organisation_tag_on_a_whole_place_name_keeps_the_whole_name(nlp, gaz):
    # spaCy may tag a multiword place ORG: the whole name is the place, not a word inside it
    from warwatch.nlp.places.mentions import _embedded
    text = "Government jets pounded Tel Aviv on Monday."
    doc = nlp(text)
    s = text.index("Tel Aviv")
    assert _embedded(doc, s, s + len("Tel Aviv"), gaz) == []
    # organisation words that are also town names are not taken ("University", "Union")
    text = "Officials at Harvard University and the Union Bank said so."
    doc = nlp(text)
    s = text.index("Harvard University")
    assert _embedded(doc, s, s + len("Harvard University"), gaz) == []


def test_an_embedded_name_that_resolves_nowhere_leaves_no_place(nlp, gaz):
    got = by_mention(places(nlp, gaz, "The Badr Organization said its fighters entered Tikrit."))
    assert "Badr" not in got and got["Tikrit"].country == "IQ"


def test_a_country_possessive_is_context_and_holds_the_place(nlp, gaz):
    got = by_mention(places(nlp, gaz, "Gunmen attacked a checkpoint near Iraq's Hawija on Monday."))
    assert got["Hawija"].country == "IQ" and got["Hawija"].feature == "P.PPL"
    assert got["Iraq"].feature == "A.PCLI"


def test_spans_holding_a_country_and_a_place_are_cut(nlp, gaz):
    # feeds that lost their apostrophes: "Syrias Hasakeh", "East Aleppos"
    got = by_mention(places(nlp, gaz, "Air strikes killed 16 civilians in Syrias Hasakeh and in "
                                      "East Aleppos, a monitor said."))
    assert got["Hasakeh"].country == "SY" and got["Hasakeh"].feature == "P.PPL"
    assert got["Syria"].feature == "A.PCLI"
    assert got["East Aleppo"].name == "Aleppo"


def test_arabic_names_tagged_as_people_are_places_in_the_article_country(nlp, gaz):
    got = by_mention(places(nlp, gaz, "Shelling hit al-Bab and Abu Kamal in Syria on Friday."))
    assert got["Abu Kamal"].country == "SY" and got["Abu Kamal"].resolved


def test_directions_alone_are_no_places_and_prefix_a_place(nlp, gaz):
    got = by_mention(places(nlp, gaz, "Kurdish forces advanced in NE Syria. The Eastern front "
                                      "was quiet, while clashes erupted in northern Aleppo."))
    assert "NE" not in got and "Eastern" not in got
    assert got["Aleppo"].country == "SY"
    assert all(p.country != "US" for p in got.values())


def test_a_small_foreign_namesake_is_not_taken_when_the_article_is_about_one_country(nlp, gaz):
    text = ("Syrian government jets bombed Aleppo and Idlib on Sunday. Residents of Homs and "
            "Hama fled, and shells fell on Fuaa, a monitor in Britain said.")
    got = by_mention(resolve_spans(nlp(text), spans(text, "Syrian", "Aleppo", "Idlib", "Homs", "Hama",
                                                    "Fuaa", "Britain"), gazetteer=gaz))
    assert got["Hama"].country == "SY"
    assert not got["Fuaa"].resolved   # not Egypt's Fuwwah


def test_ghain_and_kha_spellings_meet(gaz):
    assert gaz.candidates("Eastern Gouta")[0].id == gaz.candidates("Eastern Ghouta")[0].id


def test_a_district_of_a_town_is_not_a_far_namesake(nlp, gaz):
    text = "A car bomb exploded in the Amiriya district of Baghdad on Sunday."
    got = by_mention(resolve_spans(nlp(text), spans(text, "Amiriya", "Baghdad"), gazetteer=gaz))
    assert got["Baghdad"].country == "IQ"
    assert not got["Amiriya"].resolved   # the gazetteer's only "Amiriya" is a village in Iran


def test_actor_countries_decide_between_namesakes(nlp, gaz):
    text = "Officials in Washington said Damascus had used chemical weapons."
    plain = by_mention(places(nlp, gaz, text))
    hinted = by_mention(places(nlp, gaz, text, hints={"actor_countries": ["SY"]}))
    assert plain["Damascus"].country == "US"   # Washington alone points to Maryland's Damascus
    assert hinted["Damascus"].country == "SY" and hinted["Washington"].country == "US"


def test_is_place_and_within(nlp, gaz):
    from warwatch.nlp.places import is_place, within

    assert is_place("Abu Kamal", gaz) and is_place("al-Bab", gaz)
    assert not is_place("al-Sadr", gaz) and not is_place("Eastern", gaz)
    got = by_mention(places(nlp, gaz, "Jets struck Manbij in Aleppo province, in northern Syria."))
    assert within(got["Manbij"], got["Syria"], gaz)
    assert within(got["Manbij"], got["Aleppo province"], gaz)
    assert not within(got["Syria"], got["Manbij"], gaz)


def test_a_lower_case_word_that_resolves_nowhere_is_no_place():
    from warwatch.nlp.model import load_nlp
    from warwatch.nlp.places import resolve_places

    doc = load_nlp()("A Russian airstrike in Idlib left the group's leader in coma and killed 49 other "
                     "fighters, the ministry said.")
    names = [p.name for p in resolve_places(doc)]
    assert "Idlib" in names and not any(n.islower() for n in names)


def test_a_village_the_gazetteer_lacks_is_a_place_when_named_as_one():
    from warwatch.nlp.model import load_nlp
    from warwatch.nlp.places import resolve_places

    # "the village of X": a place, resolved or not (the small model tags this name ORG)
    named = resolve_places(load_nlp()("Government forces executed 48 people in the northern village of "
                                      "Qabrat Zaytoun earlier this week, the monitor said."))
    assert [(p.name, p.resolved) for p in named if p.name.startswith("Qabrat")] == [("Qabrat Zaytoun", False)]


@pytest.mark.parametrize("text, name", [
    ("Jets bombed Sarmin in rural Idlib on Monday.", "Idlib"),
    ("Shells fell on villages in the countryside of Hama overnight.", "Hama"),
])
def test_rural_x_and_the_countryside_of_x_are_the_province(nlp, gaz, text, name):
    got = by_mention(places(nlp, gaz, text))
    assert got[name].feature == "A.ADM1" and got[name].country == "SY"


def test_the_first_word_of_an_arabic_name_is_not_cut_off_as_a_town(nlp, gaz):
    # "Deir Sunbul" is not in the gazetteer: it stays one unresolved name, not "Deir" (an
    # Iranian port's other name) plus a rest
    got = by_mention(places(nlp, gaz, "Rockets fell on the town of Deir Sunbul in Idlib on Monday."))
    assert "Deir" not in got and not got["Deir Sunbul"].resolved


def test_a_description_after_a_name_is_not_cut_off_as_a_place(nlp, gaz):
    got = places(nlp, gaz, "Fighting raged in the northern countryside of Hama central province.")
    assert [(p.country, p.feature) for p in got] == [("SY", "A.ADM1")]


def test_an_article_written_onto_a_later_word_is_split_for_a_second_look_up(gaz):
    cands, _ = _lookup("Abu Alduhur", gaz)
    assert cands and cands[0].country == "SY"
    assert _lookup("Abu al-Duhur", gaz)[0][0].id == cands[0].id


def test_a_name_after_the_village_of_is_a_place_whatever_the_model_tags(nlp, gaz):
    text = "Russian jets raided the village of Abu Alduhour in rural Idlib on Monday."
    assert any(e.label_ == "NORP" and e.text == "Abu Alduhour" for e in nlp(text).ents)   # a nationality
    got = by_mention(places(nlp, gaz, text))
    assert got["Abu Alduhour"].country == "SY" and got["Abu Alduhour"].resolved
