"""Control timeline across articles (issue 5). Fixtures written for these tests."""

from __future__ import annotations

from warwatch.claims.control import ControlStatement
from warwatch.reconcile.timeline import control_timeline, current_control

P = "warwatch:amarneh-syria"


def st(status, controller, as_of, article, published, claim="c1", positive=True, site=None, **kw):
    return ControlStatement(place=P, status=status, controller=controller, positive=positive, as_of=as_of,
                            according_to=[claim], article_id=article, site=site or f"site{article}",
                            published=published, **kw)


def test_capture_then_contested_then_late_report_updates():
    sts = [
        st("held", "jarabulus-military-council", "2016-08-25", 10, "2016-08-25T19:00:00+03:00"),
        st("taken", "fsa", "2016-08-27", 12, "2016-08-27T22:10:00+03:00", previous="jarabulus-military-council"),
        st("held", "jarabulus-military-council", "2016-08-28", 13, "2016-08-28T13:30:00+03:00"),
        st("held", "hamza-division", "2016-08-28", 14, "2016-08-28T15:00:00+03:00", claim="c7"),
        st("held", "hamza-division", "2016-09-02", 20, "2016-09-02T10:00:00+03:00", claim="c2"),
    ]
    tl = control_timeline(P, sts)
    assert [(e.as_of, e.controller, e.status) for e in tl] == [
        ("2016-08-25", "jarabulus-military-council", "held"),
        ("2016-08-27", "fsa", "taken"),
        ("2016-08-28", None, "contested"),
        ("2016-09-02", "hamza-division", "held"),
    ]
    contested = tl[2]
    assert {s["controller"] for s in contested.sides} == {"jarabulus-military-council", "hamza-division"}
    assert {r["article_id"] for r in contested.according_to} == {13, 14}
    assert tl[1].according_to == [{"article_id": 12, "site": "site12", "claim_id": "c1"}]
    now = current_control(tl)
    assert now.controller == "hamza-division" and now.status == "held"
    assert current_control([]) is None


def test_agreeing_reports_merge_and_generic_names_resolve():
    sts = [
        st("taken", "group:rebels", "2016-08-24", 3, "2016-08-24T17:00:00+03:00"),
        st("taken", "fsa", "2016-08-24", 4, "2016-08-24T20:00:00+03:00"),
        st("held", "hamza-division", "2016-08-26", 5, "2016-08-26T09:00:00+03:00"),
        st("lost", "isis", "2016-08-29", 6, "2016-08-29T09:00:00+03:00"),   # someone else left: no change
    ]
    [entry] = control_timeline(P, sts)
    assert entry.controller == "fsa" and entry.status == "taken"
    assert entry.as_of == "2016-08-24" and entry.last_seen == "2016-08-26"
    assert [r["article_id"] for r in entry.according_to] == [3, 4, 5]


def test_same_day_late_report_supersedes_and_fighting_is_contested():
    # first reports say the council holds it; a report published two days later about the same day says the
    # FSA took it: the late report updates the day instead of contesting it
    sts = [
        st("held", "jarabulus-military-council", "2016-08-27", 1, "2016-08-27T10:00:00+03:00"),
        st("taken", "fsa", "2016-08-27", 2, "2016-08-29T10:00:00+03:00"),
    ]
    tl = control_timeline(P, sts)
    assert [(e.controller, e.status) for e in tl] == [("fsa", "taken")]
    # fighting the next day makes it contested
    sts.append(st("contested", None, "2016-08-28", 3, "2016-08-28T12:00:00+03:00"))
    tl = control_timeline(P, sts)
    assert [e.status for e in tl] == ["taken", "contested"]
    # statements about other places, about the surroundings, or undated are ignored
    other = [ControlStatement(place="geonames:1", status="held", controller="isis", as_of="2016-08-29"),
             st("contested", None, "2016-08-30", 4, "2016-08-30T10:00:00+03:00", near=True),
             st("held", "isis", None, 5, "2016-08-30T10:00:00+03:00")]
    assert len(control_timeline(P, sts + other)) == 2


def test_json_statements_are_accepted():
    data = [st("taken", "fsa", "2016-08-27", 12, "2016-08-27T22:10:00+03:00").to_json()]
    [e] = control_timeline(P, data)
    assert e.to_json()["controller"] == "fsa" and e.to_json()["last_seen"] == "2016-08-27"


def test_a_period_keeps_the_precision_of_its_dates():
    sts = [st("taken", "isis", "2013-01-01", 3, "2016-08-20T10:00:00+03:00", as_of_precision="year"),
           st("taken", "fsa", "2016-08-24", 4, "2016-08-24T18:00:00+03:00")]
    tl = control_timeline(P, sts)
    assert [(e.as_of, e.precision) for e in tl] == [("2013-01-01", "year"), ("2016-08-24", "day")]
    assert tl[0].to_json()["precision"] == "year"
    # a period dated to the week that merges with a later one dated to the day ends on a day
    sts = [st("taken", "fsa", "2016-08-22", 3, "2016-08-26T10:00:00+03:00", as_of_precision="week"),
           st("taken", "fsa", "2016-08-24", 4, "2016-08-24T18:00:00+03:00")]
    [e] = control_timeline(P, sts)
    assert (e.as_of, e.precision, e.last_seen, e.last_seen_precision) == \
        ("2016-08-22", "week", "2016-08-24", "day")
