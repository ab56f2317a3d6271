"""Claims (issue 5): attribution forms, polarity, speakers, own-voice claims, event links.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from warwatch.claims import Claim, find_attributions, find_claims, link_claims
from warwatch.claims.attribution import quote_regions
from warwatch.nlp.actors import claimed_spans, find_actors
from warwatch.nlp.model import load_nlp
from warwatch.nlp.places import resolve_places
from warwatch.pipeline import analyze
from warwatch.records import Analysis, Article, RawDocument


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text: str, site: str = "Levant Courier") -> tuple[list[Claim], str]:
    doc = nlp(text)
    actors = find_actors(doc)
    places = resolve_places(doc, exclude=claimed_spans(actors))
    article = Article(url=None, title=None, author=None, site=site, published=None, updated=None,
                      language="en", word_count=len(text.split()), reading_minutes=1, text=text)
    analysis = Analysis(article=article, actors=actors, places=places)
    return find_claims(doc, analysis), text


def attributed(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.speaker_type != "outlet"]


def one(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue and c.cue.lower() == cue.lower()]
    assert len(found) == 1, [(c.cue, c.content) for c in claims]
    return found[0]


# -- forms ------------------------------------------------------------------------------


def test_direct_quote_speaker_after(nlp):
    claims, text = run(nlp, "“We will not stop until the last terrorist has left,” the minister said.")
    c = one(claims, "said")
    assert c.speaker == "the minister" and c.speaker_type == "described"
    assert "We will not stop" in c.content and c.quoted
    assert text[c.content_start:c.content_end].startswith("“We will not stop")
    assert c.polarity == "assert" and c.content_negated


def test_direct_quote_speaker_before(nlp):
    claims, _ = run(nlp, 'The commander said: "Our forces will enter the town tomorrow morning."')
    c = one(claims, "said")
    assert c.speaker == "The commander" and "enter the town" in c.content
    assert c.polarity == "assert" and not c.content_negated


def test_quote_spanning_two_sentences_and_continued(nlp):
    text = ("“The town is under our control. The militants fled before dawn,” said Abu Jaafar, a "
            "rebel commander. “We found mines in every street.”")
    claims, _ = run(nlp, text)
    claims = attributed(claims)
    assert len(claims) == 1, [(c.cue, c.content) for c in claims]
    c = claims[0]
    assert "under our control" in c.content and "militants fled" in c.content
    assert "mines in every street" in c.content  # the continuation is the same claim
    assert c.speaker_actor == "person:abu-jaafar"


def test_indirect_speech(nlp):
    claims, _ = run(nlp, "The Turkish Foreign Minister Mevlüt Çavuşoğlu said that Turkish tanks had "
                         "entered Jarabulus.")
    c = one(claims, "said")
    assert c.content.startswith("that Turkish tanks had entered Jarabulus")
    assert c.speaker_actor == "person:mevlut-cavusoglu" and c.speaker_type == "person"
    assert c.about["places"]  # Jarabulus is mentioned in the content


def test_according_to(nlp):
    claims, _ = run(nlp, "According to the Syrian Observatory for Human Rights, at least 20 civilians "
                         "were killed in the village of Jeb al-Kussa.")
    c = one(claims, "According to")
    assert c.speaker_actor == "sohr" and c.speaker_type == "monitor"
    assert c.content.startswith("at least 20 civilians were killed")


def test_told_reporters(nlp):
    claims, _ = run(nlp, "Redur Xelil told reporters in Qamishli that YPG fighters had returned east of "
                         "the Euphrates.")
    c = one(claims, "told")
    assert "reporters" not in c.content  # the listener is not the content
    assert c.content.startswith("that YPG fighters had returned")
    assert c.speaker_actor == "person:redur-xelil"


def test_described_as(nlp):
    claims, _ = run(nlp, "Salih Muslim described the operation as an occupation of Syrian land.")
    c = one(claims, "described")
    assert c.content == "the operation as an occupation of Syrian land"
    assert c.polarity == "assert"


def test_monitor_report(nlp):
    claims, _ = run(nlp, "The Syrian Observatory for Human Rights reported that two rebel fighters were "
                         "killed by landmines near Jarabulus.")
    c = one(claims, "reported")
    assert c.speaker_actor == "sohr" and c.speaker_type == "monitor"
    assert "two rebel fighters were killed" in c.content


def test_media_report(nlp):
    claims, _ = run(nlp, "Anadolu Agency reported that Turkish jets struck 12 targets overnight.")
    c = one(claims, "reported")
    assert c.speaker_actor == "anadolu" and c.speaker_type == "media"


# -- denials ----------------------------------------------------------------------------


def test_denied(nlp):
    claims, _ = run(nlp, "Turkey quickly denied that it was party to any deal with the Kurdish militia.")
    c = one(claims, "denied")
    assert c.polarity == "deny" and not c.content_negated
    assert c.speaker_actor == "turkish-government" and c.speaker_place  # country -> government


def test_rejected_reports_that(nlp):
    claims, _ = run(nlp, "The Turkish military rejected reports that civilians had been killed in its "
                         "air strikes.")
    c = one(claims, "rejected")
    assert c.polarity == "deny"
    assert "civilians had been killed" in c.content


def test_rejected_a_proposal_is_no_claim(nlp):
    claims, _ = run(nlp, "The Syrian government rejected the proposal.")
    assert not [c for c in claims if c.cue == "rejected"]


def test_dismissed_as_false(nlp):
    claims, _ = run(nlp, "Turkey on Sunday dismissed as false reports that its air strikes had killed "
                         "dozens of civilians.")
    c = one(claims, "dismissed")
    assert c.polarity == "deny" and "air strikes had killed dozens of civilians" in c.content


def test_described_as_baseless(nlp):
    claims, _ = run(nlp, "The general staff described the casualty reports as baseless.")
    assert one(claims, "described").polarity == "deny"


def test_there_is_no_truth_to(nlp):
    claims, _ = run(nlp, '"There is no truth to the claims that our forces are still in Jarabulus," '
                         'the spokesman said.')
    c = one(claims, "said")
    assert c.polarity == "deny"
    assert not c.content_negated  # the denied proposition ("our forces are still in ...") is positive


def test_not_true(nlp):
    claims, _ = run(nlp, 'A council official said: "These reports are simply not true."')
    assert one(claims, "said").polarity == "deny"


def test_has_not_confirmed_is_not_a_denial(nlp):
    claims, _ = run(nlp, "Turkey has not confirmed the withdrawal of the Kurdish fighters.")
    assert not [c for c in claims if c.polarity == "deny"]
    assert not [c for c in claims if c.cue == "confirmed"]  # a negated cue states nothing


def test_said_not_confirmed_is_an_assertion_of_a_negative(nlp):
    claims, _ = run(nlp, "The foreign minister said the withdrawal had not been confirmed.")
    c = one(claims, "said")
    assert c.polarity == "assert" and c.content_negated and not c.holds_positive


def test_negated_content(nlp):
    claims, _ = run(nlp, "A YPG spokesman said its forces had not crossed the Euphrates.")
    c = one(claims, "said")
    assert c.polarity == "assert" and c.content_negated


def test_double_negation(nlp):
    claims, _ = run(nlp, "The council denied that its fighters had not withdrawn from the village.")
    c = one(claims, "denied")
    assert c.polarity == "deny" and c.content_negated and c.holds_positive


def test_did_not_deny_is_no_claim(nlp):
    claims, _ = run(nlp, "The ministry did not deny that the strikes had hit a school.")
    assert not [c for c in claims if c.cue == "deny"]


# -- speakers ---------------------------------------------------------------------------


def test_described_as_psychological_warfare_is_a_denial(nlp):
    """Polarity and control read one list of falsity words; "warfare" was only control's, so a
    description of reports "as psychological warfare" asserted them (the demo's Amarneh page
    changed with this: the council now denies the reports that the factions took the village)."""
    claims, _ = run(nlp, "The council described the reports that the militia had seized the bridge as "
                         "psychological warfare.")
    c = one(claims, "described")
    assert c.polarity == "deny"


def test_described_speaker_stays_described(nlp):
    claims, _ = run(nlp, "A commander in the military alliance said the front line had not moved.")
    c = one(claims, "said")
    assert c.speaker == "A commander in the military alliance"
    assert c.speaker_type == "described" and c.speaker_actor is None


def test_described_speaker_with_explicit_affiliation(nlp):
    claims, _ = run(nlp, "A Turkish official said the operation would continue.")
    c = one(claims, "said")
    assert c.speaker_type == "described" and c.speaker_actor == "turkish-government"


def test_residents(nlp):
    claims, _ = run(nlp, "Residents said the militants had left the town overnight.")
    c = one(claims, "said")
    assert c.speaker == "Residents" and c.speaker_type == "described"


def test_pronoun_speaker(nlp):
    text = ("Redur Xelil, a spokesman for the YPG, spoke to reporters in Qamishli on Thursday.\n\n"
            "\"Our fighters completed their mission in Manbij,\" he said.")
    claims, _ = run(nlp, text)
    c = one(claims, "said")
    assert c.speaker_actor == "person:redur-xelil" and c.speaker == "Redur Xelil"


def test_metonymic_capital_is_the_government(nlp):
    claims, _ = run(nlp, "Damascus said the incursion was a flagrant violation of Syrian sovereignty.")
    c = one(claims, "said")
    assert c.speaker_actor == "syrian-government" and c.speaker_type == "government"
    assert c.speaker_place is not None


def test_outlet_own_voice(nlp):
    text = ("Turkish-backed rebels captured the village of al-Amarna on Saturday.\n\n"
            "The Syrian Observatory for Human Rights said 20 civilians were killed.")
    claims, _ = run(nlp, text, site="Levant Courier")
    own = [c for c in claims if c.speaker_type == "outlet"]
    assert len(own) == 1
    assert own[0].speaker == "Levant Courier" and own[0].cue is None
    assert own[0].content.startswith("Turkish-backed rebels captured")
    assert [c.id for c in claims] == ["c1", "c2"]


# -- JSON, events, pipeline -------------------------------------------------------------


def test_json_shape(nlp):
    claims, _ = run(nlp, "The YPG denied that its fighters were in Jarabulus.")
    data = one(claims, "denied").to_json()
    assert set(data) == {"id", "speaker", "speaker_actor", "speaker_type", "cue", "content",
                         "polarity", "start", "end", "about", "content_negated", "content_start",
                         "content_end", "speaker_place", "quoted"}
    assert set(data["about"]) == {"events", "places"}
    assert data["id"] == "c1" and data["speaker_actor"] == "ypg"


def test_link_claims_fills_both_sides(nlp):
    text = "The Syrian Observatory for Human Rights said 20 civilians were killed in Jeb al-Kussa."
    claims, _ = run(nlp, text)
    s = text.index("20 civilians")
    events = [{"id": "e1", "evidence": {"start": s, "end": s + 30}},
              {"id": "e2", "evidence": {"start": 0, "end": 3}}]
    link_claims(claims, events)
    c = one(claims, "said")
    assert c.about["events"] == ["e1"]
    assert events[0]["reported_by"] == [c.id]
    assert c.speaker_actor == "sohr"
    assert events[1]["reported_by"] == []


def test_quote_regions_pair_per_paragraph():
    text = '"One two," he said. "Three four\n\n"Five six," she said.'
    assert [text[s:e] for s, e in quote_regions(text)] == ['"One two,"', '"Three four', '"Five six,"']


def test_attributions_spans(nlp):
    text = "“We are ready,” Xelil told reporters."
    atts = find_attributions(nlp(text))
    assert len(atts) == 1
    a = atts[0]
    assert text[a.source[0]:a.source[1]] == "Xelil"
    assert text[a.cue[0]:a.cue[1]] == "told"
    assert text[a.content[0][0]:a.content[0][1]] == "“We are ready,”"


def test_real_pipeline(nlp):
    html = ("<html><head><meta property='og:site_name' content='Rojava Frontline'><title>t</title></head>"
            "<body><article><h1>YPG denies claims</h1>"
            "<p>QAMISHLO - The People's Protection Units (YPG) on Thursday denied Turkish claims that "
            "their fighters are still deployed west of the Euphrates.</p>"
            "<p>\"There is no truth to these claims. Our fighters went back to their positions,\" YPG "
            "spokesman Redur Xelil told reporters. He said the withdrawal had been completed in "
            "coordination with the international coalition and that Turkish officials knew it.</p>"
            "</article></body></html>")
    analysis = analyze(RawDocument(source="t.html", content=html.encode()))
    doc = nlp(analysis.article.text)
    claims = find_claims(doc, analysis)
    denials = [c for c in claims if c.polarity == "deny"]
    assert {c.speaker_actor for c in denials} >= {"ypg", "person:redur-xelil"}
    he = [c for c in claims if c.cue == "said"]
    assert he and he[0].speaker_actor == "person:redur-xelil"
