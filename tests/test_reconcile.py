"""Trending and Top content: pure functions over article views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from warwatch.reconcile import top_content, trending
from warwatch.reconcile.topcontent import feature, vectors
from warwatch.reconcile.trending import article_terms

T = datetime(2016, 8, 31, 12, tzinfo=timezone.utc)


@dataclass
class View:
    id: int
    title: str
    text: str
    site: str
    published: datetime | None
    first_seen: datetime = T


def views(rows):
    return [View(i + 1, title, text, site, when) for i, (title, text, site, when) in enumerate(rows)]


def test_article_terms_drop_stopwords_and_keep_phrases():
    terms = article_terms("Rebels take Jarabulus, said officials", "The town of Jarabulus fell on Wednesday.")
    assert "jarabulus" in terms and "rebels take" in terms
    assert "the" not in terms and "said" not in terms and "wednesday" not in terms
    assert "jarabulus said" not in terms  # no phrase across a comma
    assert terms["jarabulus"] == "Jarabulus"


def test_trending_finds_the_term_that_rose():
    rows = []
    for k in range(20):  # baseline: two weeks of routine reports
        rows.append((f"Aid convoy reaches camp {k}", "Flour and blankets were delivered to the camp.",
                     f"Site {k % 3}", T - timedelta(days=5 + k % 10)))
    for k in range(4):  # recent: a new name, and the routine goes on
        rows.append((f"Clashes around Tal Sabin, day {k}", "Fighting went on around Tal Sabin.",
                     f"Site {k % 3}", T - timedelta(hours=10 * k)))
        rows.append((f"Aid convoy reaches camp {k}", "Flour and blankets were delivered.", "Site 0",
                     T - timedelta(hours=5 + 10 * k)))
    result = trending(views(rows), recent_days=3, baseline_days=14)
    assert result.recent_end == T
    assert result.recent_articles == 8 and result.baseline_articles == 20
    top = result.terms[0]
    assert top.label == "Tal Sabin" and top.recent == 4 and top.baseline == 0 and top.sites == 3
    assert "tal" not in [t.key for t in result.terms] and "sabin" not in [t.key for t in result.terms]
    assert all(t.key not in ("convoy", "aid convoy") for t in result.terms)  # steady, not rising
    assert top.article_ids[0] == min(top.article_ids)  # newest first (ids grow as time goes back here)


def test_trending_window_is_relative_to_the_newest_article():
    old = T - timedelta(days=3000)
    rows = [("Manbij offensive", "Fighting near Manbij.", "A", old - timedelta(hours=h)) for h in range(3)]
    rows += [("Water station", "Repairs in Sarrin.", "B", old - timedelta(days=6 + d)) for d in range(5)]
    result = trending(views(rows))
    assert result.recent_end == old and result.terms[0].label in ("Manbij", "Manbij offensive")


def test_trending_empty_and_undated():
    assert trending([]).terms == []
    undated = [View(1, "Tal Sabin", "Tal Sabin.", "A", None), View(2, "Tal Sabin", "x", "B", None)]
    assert trending(undated).terms[0].label == "Tal Sabin"  # first_seen stands in for published


def test_feature_folds_transliterations_of_names():
    assert feature("Jarabulus") == feature("Jarablus") == feature("Jerablus")
    assert feature("the") is None and feature("forces") == "forces"


def test_top_content_clusters_same_story_across_sites():
    story = [
        ("Rebels seize Qamar bridge over the Euphrates", "Rebels seized the Qamar bridge after a night assault.", "A"),
        ("Qamar bridge falls to rebels after night assault", "The Qamar bridge fell to rebels overnight.", "B"),
        ("Militia loses Qamar bridge on the Euphrates", "The militia lost the Qamar bridge to a rebel assault.", "C"),
        ("Qamar bridge taken by rebels", "Rebels took the Qamar bridge on the Euphrates overnight.", "A"),
    ]
    other = [
        ("Aid convoy reaches Harran plain", "Flour and blankets reached displaced families.", "B"),
        ("Water station repaired in Sarrin", "Engineers repaired the water station.", "C"),
        ("Schools reopen in Manbij countryside", "Schools reopened in several villages.", "A"),
        ("Aid convoy reaches camps near Harran", "Displaced families in the Harran plain got flour.", "A"),
    ]
    rows = [(t, x, s, T - timedelta(hours=k)) for k, (t, x, s) in enumerate(story + other)]
    stories = top_content(views(rows))
    assert stories[0].sites == sorted(stories[0].sites, key=["A", "B", "C"].index) or len(stories[0].sites) == 3
    assert {a.id for a in stories[0].articles} == {1, 2, 3, 4}
    assert len(stories[0].sites) == 3 and stories[0].size == 4
    assert "Qamar" in stories[0].head.title and 0 < stories[0].cohesion <= 1
    assert all(s.size >= 2 for s in stories)
    assert not any({5, 6, 7} & {a.id for a in s.articles} and 1 in {a.id for a in s.articles} for s in stories)


def test_top_content_needs_time_proximity():
    rows = [("Qamar bridge falls to rebels", "Rebels took the Qamar bridge.", "A", T),
            ("Qamar bridge falls to rebels", "Rebels took the Qamar bridge.", "B", T - timedelta(days=30))]
    assert top_content(views(rows)) == []
    assert top_content(views(rows), max_days=40)[0].size == 2


def test_top_content_empty_and_vectors_normalised():
    assert top_content([]) == []
    vecs = vectors(views([("Qamar bridge", "Rebels took it.", "A", T)]))
    assert abs(sum(v * v for v in vecs[0].values()) - 1) < 1e-9


def test_entity_trending_ranks_rising_entities():
    from warwatch.reconcile import entity_trending

    recent = {"sajur": 4, "aleppo": 3, "once": 1, "hamza": 2}
    baseline = {"aleppo": 14, "hamza": 0}
    when = T - timedelta(hours=1)
    result = entity_trending(recent, baseline, n_recent=4, n_baseline=14,
                             labels={"sajur": ("Sajur", "place"), "hamza": ("Hamza Division", "actor")},
                             articles={"sajur": [(when, 7, "A"), (T, 9, "B"), (when, 8, "A")]}, recent_end=T)
    assert result.basis == "entities" and result.recent_end == T
    assert [t.entity_id for t in result.terms] == ["sajur", "hamza"]  # steady "aleppo" and single "once" left out
    top = result.terms[0]
    assert top.label == "Sajur" and top.kind == "place" and top.recent == 4 and top.baseline == 0
    assert top.article_ids == (9, 8, 7) and top.sites == 2
    assert result.terms[1].label == "Hamza Division" and result.terms[1].article_ids == ()
    # same formula as the keyword ranking
    assert top.lift == round(((4 + 0.5) / 5) / ((0 + 0.5) / 15), 2)
    assert entity_trending({}, {}, n_recent=0, n_baseline=0).terms == []
