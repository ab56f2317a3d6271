"""Who did it: sources that name different sides as the one that carried out one attack, or a
side that denies it. The texts are ours."""

from __future__ import annotations

from datetime import datetime, timezone

from warwatch.pipeline import analyze
from warwatch.records import RawDocument


def run(text: str) -> dict:
    raw = RawDocument(source="story.txt", content=text.encode(), media_type="text/plain",
                      published=datetime(2016, 8, 2, 10, tzinfo=timezone.utc))
    return analyze(raw).to_json()


LEAD = ("ALEPPO — Shells loaded with chlorine hit the Salaheddine district of Aleppo on Tuesday, wounding 30 "
        "people, rescuers said.\n\n")


def test_two_sides_each_said_to_have_done_one_attack():
    data = run(LEAD + "State television said the Nusra Front fired the shells at the district, but the Free "
                      "Syrian Army accused government forces of carrying out the attack.\n")
    [event] = data["events"]
    # the second sentence reports the same incident: its claims are about the event
    speakers = {c["speaker"]: c for c in data["claims"]}
    assert event["id"] in speakers["State television"]["about"]["events"]
    assert event["id"] in speakers["Free Syrian Army"]["about"]["events"]
    [pair] = [c for c in data["contradictions"] if c["kind"] == "blame"]
    assert {pair["a"], pair["b"]} == {speakers["State television"]["id"], speakers["Free Syrian Army"]["id"]}
    assert pair["reason"].startswith("Who did it: State television says the Nusra Front carried out the attack")


def test_a_side_that_denies_the_attack_it_is_said_to_have_done():
    data = run(LEAD + "Opposition activists said government forces fired the shells. The Syrian army denied "
                      "that its forces fired the shells.\n")
    [pair] = data["contradictions"]
    assert pair["kind"] == "blame"
    assert pair["reason"] == ("Opposition activists say the Syrian Arab Armed Forces carried out the attack; "
                              "the Syrian Arab Army denies that it carried out the attack")


def test_sources_that_agree_on_who_did_it_are_no_contradiction():
    data = run(LEAD + "State television said the Nusra Front fired the shells, and a monitoring group said the "
                      "Nusra Front was behind the attack.\n")
    assert [c for c in data["contradictions"] if c["kind"] == "blame"] == []


def test_two_sides_named_together_as_doing_it_do_not_dispute_either_one():
    # across two outlets: one names the Islamic State and the Nusra Front as firing, the other
    # the Islamic State alone; both name the Islamic State, so no one disputes who did it
    from warwatch.reconcile.corpus import build

    a = run(LEAD + "State television said the Islamic State and the Nusra Front fired the shells at the "
                   "district.\n")
    b = run(LEAD + "A monitoring group said the Islamic State was behind the attack.\n")
    for n, (data, site) in enumerate(((a, "Outlet A"), (b, "Outlet B")), 1):
        data["article"].update(id=n, site=site, url=f"https://example.org/{n}")
    view = build([a, b])
    assert len(view.merged) == 1
    assert [c for c in view.contradictions if c["kind"] == "blame"] == []
    # the same two reports naming the Nusra Front alone against the Islamic State: disputed
    a2 = run(LEAD + "State television said the Nusra Front fired the shells at the district.\n")
    a2["article"].update(id=1, site="Outlet A", url="https://example.org/1")
    assert [c["kind"] for c in build([a2, b]).contradictions] == ["blame"]
