"""The aggregate maths of a dialogue session: plain functions on plain rows."""

import pytest

from dialogue.results import balance, compute_results, side_stats

L, E, R = "legitimiteit", "betrokkenheid", "rendement"


def test_side_stats_of_scores():
    stats = side_stats(L, [(1, 2), (2, 4), (3, 4), (4, 5)])
    assert stats.n == 4
    assert stats.count == 4
    assert stats.mean == 3.75
    assert stats.median == 4.0
    assert stats.spread == pytest.approx(1.09, abs=0.01)  # population standard deviation
    assert stats.distribution == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}


def test_median_of_an_even_number_of_scores_is_the_middle_two_averaged():
    assert side_stats(L, [(1, 1), (2, 2), (3, 4), (4, 5)]).median == 3.0


def test_a_side_without_scores_has_no_mean_but_a_zero_distribution():
    stats = side_stats(E, [])
    assert (stats.n, stats.mean, stats.median, stats.spread) == (0, None, None, None)
    assert stats.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}


def test_n_counts_participants_not_scores_when_a_side_has_two_prompts():
    stats = side_stats(R, [(1, 3), (1, 5), (2, 4)])
    assert stats.n == 2
    assert stats.count == 3
    assert stats.mean == 4.0


def test_everyone_agreeing_has_zero_spread():
    assert side_stats(L, [(i, 3) for i in range(10)]).spread == 0.0


@pytest.mark.parametrize(
    ("means", "expected"),
    [
        ({L: 3.0, E: 3.0, R: 3.0}, 1.0),
        ({L: 1.0, E: 5.0, R: 3.0}, 0.0),
        ({L: 4.0, E: 2.0, R: 3.0}, 0.5),
        ({L: 4.0, E: None, R: 3.0}, None),
        ({}, None),
    ],
)
def test_balance_is_one_when_even_and_none_until_every_side_scored(means, expected):
    assert balance(means) == expected


def test_results_overall_and_per_group():
    rows = [
        (1, "huurder", L, 2),
        (1, "huurder", E, 3),
        (1, "huurder", R, 4),
        (2, "huurder", L, 4),
        (2, "huurder", E, 5),
        (3, "eigenaar_bewoner", L, 5),
        (3, "eigenaar_bewoner", R, 2),
    ]
    results = compute_results(rows)
    assert results.participants == 3
    assert results.sides[L].mean == pytest.approx(3.67, abs=0.01)
    assert results.sides[E].n == 2
    assert results.sides[R].median == 3.0
    assert results.by_group["huurder"][L].mean == 3.0
    assert results.by_group["eigenaar_bewoner"][E].mean is None
    assert results.group_sizes == {"huurder": 2, "eigenaar_bewoner": 1}
    assert results.balance == pytest.approx(1 - (4.0 - 3.0) / 4, abs=0.01)


def test_public_breakdown_leaves_out_groups_smaller_than_five():
    rows = [(i, "huurder", L, 3) for i in range(5)] + [
        (10 + i, "ondernemer", L, 4) for i in range(4)
    ]
    results = compute_results(rows)
    assert [row.group for row in results.group_rows()] == ["huurder", "ondernemer"]
    assert [row.group for row in results.public_group_rows()] == ["huurder"]
    (row,) = results.public_group_rows()
    assert row.size == 5
    assert row.means == [3.0, None, None]


def test_no_rows_gives_empty_results():
    results = compute_results([])
    assert results.participants == 0
    assert results.balance is None
    assert results.group_rows() == []
