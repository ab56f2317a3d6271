"""Actor registry and matching: aliases, spelling variants, longest match, people and roles,
user extension and validation. Sentences written for these tests."""

from __future__ import annotations

import pytest

from warwatch.nlp.actors import (ActorRegistry, RegistryError, claimed_spans, default_registry,
                                 find_actors)
from warwatch.nlp.model import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def registry():
    return ActorRegistry.load(env=False)


def actors_in(nlp, registry, text):
    return {a.id: a for a in find_actors(nlp(text), registry)}


def texts(actor):
    return [m.text for m in actor.mentions]


def test_registry_size_and_entries(registry):
    assert len(registry) >= 80
    assert registry.alias_count >= 500
    for ident in ("isis", "sdf", "ypg", "pmf", "turkish-armed-forces", "fsa", "sohr", "sana", "anadolu",
                  "us-led-coalition", "syrian-government", "iraqi-security-forces", "peshmerga", "hts",
                  "hezbollah", "russian-armed-forces", "idf", "irgc", "reuters", "afp", "ap", "rudaw",
                  "al-jazeera", "airwars", "un-ocha", "hrw", "amnesty", "icrc", "white-helmets"):
        assert ident in registry, ident
    assert registry["ypg"].parent == "sdf"
    assert registry["isis"].country is None
    assert registry["pmf"].country == "IQ"


@pytest.mark.parametrize("text, alias", [
    ("Fighters of ISIS withdrew from the town.", "ISIS"),
    ("IS fighters withdrew from the town.", "IS"),
    ("ISIL fighters withdrew from the town.", "ISIL"),
    ("Daesh fighters withdrew from the town.", "Daesh"),
    ("DAESH fighters withdrew from the town.", "DAESH"),
    ("The Islamic State group withdrew from the town.", "Islamic State group"),
    ("The Islamic State's fighters withdrew from the town.", "Islamic State"),
    ("Rebels entered the ISIS-held town at dawn.", "ISIS"),
    ("Fighters of the Islamic State of Iraq and the Levant withdrew.", "Islamic State of Iraq and the Levant"),
])
def test_isis_aliases(nlp, registry, text, alias):
    found = actors_in(nlp, registry, text)
    assert "isis" in found
    assert texts(found["isis"]) == [alias]


def test_lowercase_is_never_islamic_state(nlp, registry):
    found = actors_in(nlp, registry, "The town is quiet and it is not clear who is in control.")
    assert "isis" not in found


def test_all_caps_headline_is_not_islamic_state(nlp, registry):
    found = actors_in(nlp, registry, "WHO HOLDS WHAT: THE MAP IS REDRAWN NORTH OF ALEPPO")
    assert "isis" not in found and "who" not in found


@pytest.mark.parametrize("text, alias", [
    ("PMF units advanced on the town.", "PMF"),
    ("The Popular Mobilization Forces advanced on the town.", "Popular Mobilization Forces"),
    ("The Popular Mobilisation Forces advanced on the town.", "Popular Mobilisation Forces"),
    ("Units of the Hashd al-Shaabi advanced on the town.", "Hashd al-Shaabi"),
    ("Units of the Hashd al Shaabi advanced on the town.", "Hashd al Shaabi"),
    ("Units of al-Hashd al-Shaabi advanced on the town.", "al-Hashd al-Shaabi"),
])
def test_pmf_aliases(nlp, registry, text, alias):
    found = actors_in(nlp, registry, text)
    assert texts(found["pmf"]) == [alias]


@pytest.mark.parametrize("spelling", ["Hezbollah", "Hizbollah", "Hizballah", "Hizbullah", "hezbollah"])
def test_hezbollah_spellings(nlp, registry, spelling):
    found = actors_in(nlp, registry, f"Fighters from {spelling} crossed the border.")
    assert texts(found["hezbollah"]) == [spelling]


def test_diacritics_dots_and_apostrophes_fold(nlp, registry):
    found = actors_in(nlp, registry, "Kata’ib Hizballah and the U.S.-led coalition clashed, the "
                                     "People’s Protection Units said.")
    assert texts(found["kataib-hezbollah"]) == ["Kata’ib Hizballah"]
    assert "hezbollah" not in found  # the longer alias wins
    assert texts(found["us-led-coalition"]) == ["U.S.-led coalition"]
    assert texts(found["ypg"]) == ["People’s Protection Units"]


def test_possessives_that_lost_their_apostrophe(nlp, registry):
    # messy feeds drop apostrophes: "Russias", "Armys", "Qaedas"
    found = actors_in(nlp, registry, "The Free Syrian Armys fighters and Al-Qaedas Syrian branch "
                                     "rejected Russias Defence Ministry figures.")
    assert texts(found["fsa"]) == ["Free Syrian Armys"]
    assert texts(found["al-qaeda"]) == ["Al-Qaedas"]
    assert texts(found["russian-defence-ministry"]) == ["Russias Defence Ministry"]
    # all-capitals words are left alone ("SDFS" is not the SDF's)
    assert "sdf" not in actors_in(nlp, registry, "Officials named the SDFS in a report.")


@pytest.mark.parametrize("text, ident", [
    ("The Local Coordination Committees counted 40 dead.", "local-coordination-committees"),
    ("Fighters of the Syria Democratic Forces advanced.", "sdf"),
    ("Jaish al Fateh shelled the town.", "jaysh-al-fatah"),
    ("Rockets hit a camp of the MEK near the airport.", "mek"),
    ("Jaysh al-Mukhtar claimed the rocket fire.", "jaysh-al-mukhtar"),
    ("Iraqi police found the bodies.", "iraqi-police"),
    ("Iraqi Kurdish forces took two villages.", "peshmerga"),
    ("Al-Masdar News said the army advanced.", "al-masdar-news"),
    ("Syrian National Television said the army advanced.", "syrian-state-tv"),
])
def test_real_news_names(nlp, registry, text, ident):
    assert ident in actors_in(nlp, registry, text)


def test_longest_match_wins(nlp, registry):
    found = actors_in(nlp, registry, "The Free Syrian Army and the Syrian Army fought near the "
                                     "Jarabulus Military Council's positions.")
    assert texts(found["fsa"]) == ["Free Syrian Army"]
    assert texts(found["syrian-arab-army"]) == ["Syrian Army"]
    assert "jarabulus-military-council" in found


def test_acronyms_are_case_sensitive(nlp, registry):
    found = actors_in(nlp, registry, "The sdf said nothing; the SDF and the YPG did.")
    assert texts(found["sdf"]) == ["SDF"]


def test_context_alias_needs_a_full_mention(nlp, registry):
    alone = actors_in(nlp, registry, "The Observatory said the village was quiet.")
    assert "sohr" not in alone
    found = actors_in(nlp, registry, "The Syrian Observatory for Human Rights said 20 died. "
                                     "The Observatory said the village was quiet.")
    assert texts(found["sohr"]) == ["Syrian Observatory for Human Rights", "Observatory"]


def test_mentions_have_article_offsets(nlp, registry):
    text = "Turkish troops and the SDF clashed. The SDF said so."
    found = actors_in(nlp, registry, text)
    for m in found["sdf"].mentions:
        assert text[m.start:m.end] == m.text == "SDF"
    spans = claimed_spans(found.values())
    assert spans == sorted(spans)
    assert (text.index("Turkish troops"), text.index("Turkish troops") + len("Turkish troops")) in spans


def test_person_role_and_affiliation_before_the_name(nlp, registry):
    found = actors_in(nlp, registry, "PMF spokesman Ahmed al-Asadi said the fighters had advanced. "
                                     "Asadi said more would follow.")
    person = found["person:ahmed-al-asadi"]
    assert person.type == "person"
    assert person.role == "spokesman" and person.affiliation == "pmf"
    assert person.country == "IQ"
    assert texts(person) == ["Ahmed al-Asadi", "Asadi"]
    assert person.to_json()["affiliation"] == "pmf"


def test_person_role_in_apposition(nlp, registry):
    found = actors_in(nlp, registry, "Ahmed al-Asadi, a spokesman for the Popular Mobilization "
                                     "Forces, said on Monday that the town had fallen.")
    person = found["person:ahmed-al-asadi"]
    assert (person.role, person.affiliation) == ("spokesman", "pmf")


@pytest.mark.parametrize("text, ident, role, affiliation", [
    ("SOHR director Rami Abdulrahman said that clashes continued.", "person:rami-abdulrahman",
     "director", "sohr"),
    ("Turkish Prime Minister Binali Yildirim spoke to reporters.", "person:binali-yildirim",
     "Prime Minister", "turkish-government"),
    ("US Vice President Joe Biden will arrive in Ankara.", "person:joe-biden", "Vice President",
     "us-government"),
    ("Colonel John Thomas, a spokesman for U.S. Central Command, told reporters.", "person:john-thomas",
     "spokesman", "centcom"),
    ("Salih Muslim, co-chair of the Democratic Union Party (PYD), wrote on social media.",
     "person:salih-muslim", "co-chair", "pyd"),
])
def test_roles(nlp, registry, text, ident, role, affiliation):
    found = actors_in(nlp, registry, text)
    assert (found[ident].role, found[ident].affiliation) == (role, affiliation)


def test_surname_and_diacritics_join_the_same_person(nlp, registry):
    found = actors_in(nlp, registry, "Foreign Minister Mevlüt Çavuşoğlu spoke first. Later, Mevlut "
                                     "Cavusoglu told reporters the talks were over, and Cavusoglu left.")
    person = found["person:mevlut-cavusoglu"]
    assert len(person.mentions) == 3
    assert person.role == "Foreign Minister"


def test_unregistered_organisation(nlp, registry):
    found = actors_in(nlp, registry, "The Levant Relief Committee said aid trucks were blocked.")
    orgs = [a for a in found.values() if a.type == "organization"]
    assert [a.id for a in orgs] == ["org:levant-relief-committee"]


def test_places_tagged_as_people_are_dropped(nlp, registry):
    found = actors_in(nlp, registry, "Strikes hit the village of Jeb al-Kussa, and fighters moved "
                                     "toward al-Bab.")
    assert not [a for a in found.values() if a.type == "person"]


def test_is_place_hook(nlp, registry):
    doc = nlp("Tal Rifaat Shams said the convoy had passed.")
    ids = {a.id for a in find_actors(doc, registry, is_place=lambda t: t.startswith("Tal Rifaat"))}
    assert not any(i.startswith("person:tal-rifaat") for i in ids)


def test_to_json_shape(nlp, registry):
    [actor] = find_actors(nlp("Daesh attacked."), registry)
    assert actor.to_json() == {"id": "isis", "name": "Islamic State", "type": "armed_group",
                               "country": None, "mentions": [{"text": "Daesh", "start": 0, "end": 5}]}


# --- user registry files ---------------------------------------------------------------------


def test_user_file_extends_and_adds(tmp_path, monkeypatch, nlp):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "actors:\n"
        "  - id: isis\n"
        "    aliases: [Tanzim al-Dawla]\n"
        "  - id: raqqa-tribal-council\n"
        "    name: Raqqa Tribal Council\n"
        "    type: political\n"
        "    country: SY\n"
        "    aliases: [RTC, Raqqa tribal elders' council]\n", encoding="utf-8")
    monkeypatch.setenv("WARWATCH_ACTORS", str(user))
    reg = default_registry()
    assert "raqqa-tribal-council" in reg
    found = {a.id: a for a in find_actors(nlp("The RTC accused Tanzim al-Dawla of the attack."), reg)}
    assert texts(found["raqqa-tribal-council"]) == ["RTC"]
    assert texts(found["isis"]) == ["Tanzim al-Dawla"]
    assert reg["isis"].name == "Islamic State"  # extended, not replaced
    assert ActorRegistry.load(env=False).get("raqqa-tribal-council") is None


def test_user_file_overrides_drops_and_disables(tmp_path, nlp):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "- id: isis\n"
        "  name: ISIS\n"
        "  drop_aliases: [IS]\n"
        "- id: hezbollah\n"
        "  disabled: true\n", encoding="utf-8")
    reg = ActorRegistry.load([user], env=False)
    assert reg["isis"].name == "ISIS"
    assert "hezbollah" not in reg
    found = {a.id for a in find_actors(nlp("IS and Hezbollah fighters clashed with ISIL."), reg)}
    assert found == {"isis"}


def test_user_folder(tmp_path):
    (tmp_path / "a.yaml").write_text("- {id: mine-a, name: Alpha Brigade, type: armed_group}\n")
    (tmp_path / "b.yml").write_text("- {id: mine-b, name: Bravo Brigade, type: armed_group}\n")
    reg = ActorRegistry.load([tmp_path], env=False)
    assert "mine-a" in reg and "mine-b" in reg
    assert reg.lookup("Alpha Brigade") == "mine-a"


@pytest.mark.parametrize("content, message", [
    ("- {id: new-group, name: New Group, type: army}\n", "unknown type 'army'"),
    ("- {id: new-group, name: New Group, type: armed_group, aliases: [SDF]}\n",
     "alias 'SDF' of actor 'new-group' is also an alias of 'sdf'"),
    ("- {id: New Group, name: New Group, type: armed_group}\n", "id must be a lower-case slug"),
    ("- {id: new-group, name: New Group, type: armed_group, parent: nowhere}\n", "unknown parent 'nowhere'"),
    ("- {id: new-group, name: New Group, type: armed_group, country: Syria}\n", "ISO 3166"),
    ("- {id: new-group, name: New Group, type: armed_group, country: NO}\n", "must be quoted"),
    ("- {id: new-group, type: armed_group}\n", "missing name"),
    ("- {id: new-group, name: New Group, type: armed_group, alias: [X]}\n", "unknown key"),
    ("- {id: new-group, name: [unclosed\n", "invalid YAML"),
])
def test_validation_errors(tmp_path, content, message):
    user = tmp_path / "bad.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        ActorRegistry.load([user], env=False)
    assert message in str(err.value)
    assert str(user) in str(err.value)


def test_duplicate_alias_inside_one_user_file(tmp_path):
    user = tmp_path / "dup.yaml"
    user.write_text("- {id: one-group, name: One, type: militia, aliases: [Lions of the Valley]}\n"
                    "- {id: two-group, name: Two, type: militia, aliases: [lions of the valley]}\n")
    with pytest.raises(RegistryError, match="also an alias of 'one-group'"):
        ActorRegistry.load([user], env=False)


def test_missing_user_file(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        ActorRegistry.load([tmp_path / "nope.yaml"], env=False)


@pytest.mark.parametrize("text, expected", [
    ("People's Defence Force fighters attacked a junta outpost in Sagaing on Monday.",
     {"peoples-defence-force-myanmar"}),
    ("Tatmadaw jets bombed a village held by the Arakan Army.", {"tatmadaw", "arakan-army"}),
    ("The Rapid Support Forces shelled El Fasher on Tuesday; RSF fighters also looted the market.",
     {"rapid-support-forces"}),
    ("The Sudanese army said it retook the presidential palace in Khartoum.", {"sudanese-armed-forces"}),
    ("M23 rebels took control of Goma on Monday, the Congolese army said.", {"m23", "fardc"}),
    ("Malian army and Africa Corps troops killed 20 militants near Gao.", {"malian-armed-forces", "africa-corps"}),
    ("Al-Shabaab fighters attacked a base of the Somali National Army.", {"al-shabaab", "somali-armed-forces"}),
    ("Israeli strikes killed 30 people, the Gaza health ministry said.", {"gaza-health-ministry"}),
    # the PKK's armed wing keeps its English name where the PKK is named
    ("The PKK's armed wing, the People's Defence Forces, attacked a post in Hakkari.", {"pkk"}),
])
def test_actors_of_wars_beyond_syria_and_iraq(nlp, registry, text, expected):
    assert expected <= set(actors_in(nlp, registry, text))


@pytest.mark.parametrize("text, unwanted", [
    ("RSF said the two journalists had been detained for a week.", "rapid-support-forces"),  # the press group
    ("People's Defence Forces fighters attacked an outpost in Sagaing.", "pkk"),   # not the PKK's wing
    ("The KIA count rose to twelve after the ambush.", "kachin-independence-army"),  # killed in action
])
def test_ambiguous_short_names_need_the_full_name_in_the_text(nlp, registry, text, unwanted):
    assert unwanted not in actors_in(nlp, registry, text)


def test_no_two_shipped_actors_share_a_full_alias(registry):
    from warwatch.nlp.normalize import fold

    owners: dict[str, str] = {}
    for entry in registry.entries.values():
        for alias in entry.aliases:
            key = fold(alias.text).lower() if alias.case != "exact" else alias.text
            assert owners.setdefault(key, entry.id) == entry.id, (alias.text, owners[key], entry.id)
