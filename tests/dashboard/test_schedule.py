"""Milestones and their dependencies: propagation, slip, critical path and scenarios."""

import copy
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.schedule import Task, critical_path, propagate, scenario, slip_days

START = date(2026, 1, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


def task(
    task_id: str,
    baseline: int,
    *,
    forecast: int | None = None,
    achieved: int | None = None,
    after: tuple[str, ...] = (),
) -> Task:
    return Task(
        id=task_id,
        title=f"Mijlpaal {task_id}",
        baseline=day(baseline),
        forecast=None if forecast is None else day(forecast),
        achieved=None if achieved is None else day(achieved),
        depends_on=frozenset(after),
    )


def in_days(dates: dict) -> dict:
    return {task_id: (end - START).days for task_id, end in dates.items()}


# propagate


def test_empty_input_gives_empty_answers():
    assert propagate([]) == {}
    assert slip_days([], {}) == {}
    assert critical_path([], {}) == []
    result = scenario([], {})
    assert (result.rows, result.moved, result.end_after) == ([], [], None)


def test_without_dependencies_each_task_keeps_its_expected_date():
    tasks = [
        task("a", 10),
        task("b", 10, forecast=20),
        task("c", 10, forecast=20, achieved=15),  # achieved wins over forecast
    ]
    assert in_days(propagate(tasks)) == {"a": 10, "b": 20, "c": 15}


def test_a_slip_moves_the_whole_chain_keeping_the_planned_spacing():
    tasks = [task("c", 90, after=("b",)), task("b", 60, after=("a",)), task("a", 30, forecast=40)]
    propagated = propagate(tasks)
    assert in_days(propagated) == {"a": 40, "b": 70, "c": 100}
    assert slip_days(tasks, propagated) == {"a": 10, "b": 10, "c": 10}


def test_a_dependent_with_its_own_larger_slip_keeps_it():
    tasks = [task("a", 30, forecast=40), task("b", 60, forecast=90, after=("a",))]
    assert in_days(propagate(tasks))["b"] == 90


def test_slips_do_not_add_up_the_later_of_the_two_counts():
    tasks = [task("a", 30, forecast=40), task("b", 60, forecast=65, after=("a",))]
    assert in_days(propagate(tasks))["b"] == 70


def test_a_task_planned_before_its_dependency_still_cannot_finish_before_it():
    tasks = [task("a", 50), task("b", 20, after=("a",))]
    assert in_days(propagate(tasks))["b"] == 50


def test_an_early_dependency_does_not_pull_a_dependent_forward():
    tasks = [task("a", 30, achieved=10), task("b", 60, after=("a",))]
    assert in_days(propagate(tasks))["b"] == 60


def test_a_diamond_waits_for_its_latest_branch():
    tasks = [
        task("a", 10),
        task("b", 20, forecast=40, after=("a",)),
        task("c", 20, forecast=25, after=("a",)),
        task("d", 30, after=("b", "c")),
    ]
    assert in_days(propagate(tasks))["d"] == 50


def test_achieved_tasks_never_move():
    tasks = [task("a", 10, forecast=100), task("b", 20, achieved=25, after=("a",))]
    assert in_days(propagate(tasks, {"b": 30})) == {"a": 100, "b": 25}


def test_a_cycle_is_refused_naming_only_the_tasks_on_it():
    tasks = [
        task("a", 10, after=("c",)),
        task("b", 20, after=("a",)),
        task("c", 30, after=("b",)),
        task("d", 40, after=("c",)),  # waits on the cycle but is not part of it
    ]
    with pytest.raises(ValueError, match="circle") as refused:
        propagate(tasks)
    message = str(refused.value)
    assert all(f"Mijlpaal {name} ({name})" in message for name in "abc")
    assert "Mijlpaal d" not in message


def test_a_task_depending_on_itself_is_a_cycle():
    with pytest.raises(ValueError, match=r"Mijlpaal a \(a\) → Mijlpaal a \(a\)"):
        propagate([task("a", 10, after=("a",))])


def test_a_dependency_outside_the_tasks_is_refused():
    with pytest.raises(ValueError, match="unknown tasks"):
        propagate([task("a", 10, after=("ghost",))])


def test_a_delay_for_an_unknown_task_is_refused():
    with pytest.raises(ValueError, match="unknown"):
        propagate([task("a", 10)], {"ghost": 5})


def test_a_duplicate_task_is_refused():
    with pytest.raises(ValueError, match="twice"):
        propagate([task("a", 10), task("a", 20)])


def test_a_negative_delay_brings_a_task_forward_but_not_before_its_dependency():
    tasks = [task("a", 10), task("b", 40, after=("a",))]
    assert in_days(propagate(tasks, {"b": -20})) == {"a": 10, "b": 20}
    assert in_days(propagate(tasks, {"b": -35}))["b"] == 10  # the spacing may go, a may not


def test_a_delay_on_a_task_already_pushed_by_its_dependency_adds_in_full():
    tasks = [task("a", 10, forecast=30), task("b", 40, after=("a",))]  # b pushed to 60
    assert in_days(propagate(tasks, {"b": 14}))["b"] == 74


# critical path


def test_critical_path_runs_from_the_first_cause_to_the_task_that_ends_last():
    tasks = [task("c", 90, after=("b",)), task("a", 30), task("b", 60, after=("a",))]
    assert critical_path(tasks, propagate(tasks)) == ["a", "b", "c"]


def test_critical_path_on_a_diamond_follows_the_branch_that_holds_the_end_back():
    tasks = [
        task("a", 10),
        task("b", 20, forecast=40, after=("a",)),
        task("c", 20, forecast=25, after=("a",)),
        task("d", 30, after=("b", "c")),
    ]
    assert critical_path(tasks, propagate(tasks)) == ["b", "d"]  # b's own slip, not a's


def test_critical_path_goes_through_the_start_when_the_start_slipped():
    tasks = [
        task("a", 10, forecast=30),
        task("b", 20, after=("a",)),
        task("c", 25, after=("a",)),
        task("d", 35, after=("b", "c")),
    ]
    assert critical_path(tasks, propagate(tasks)) == ["a", "c", "d"]


def test_critical_path_without_dependencies_is_the_task_that_ends_last():
    tasks = [task("a", 10), task("b", 50), task("c", 30)]
    assert critical_path(tasks, propagate(tasks)) == ["b"]


def test_critical_path_stops_where_a_tasks_own_date_holds_it_back():
    tasks = [task("a", 10), task("b", 20, forecast=80, after=("a",))]
    assert critical_path(tasks, propagate(tasks)) == ["b"]


def test_critical_path_stops_at_an_achieved_task():
    tasks = [task("a", 10, forecast=50), task("b", 20, achieved=70, after=("a",))]
    assert critical_path(tasks, propagate(tasks)) == ["b"]


# scenario


def test_a_delay_on_a_task_without_dependents_moves_only_that_task():
    tasks = [task("a", 10), task("b", 20, after=("a",)), task("c", 30)]
    result = scenario(tasks, {"c": 7})
    assert result.moved == ["c"]
    assert {row.id: row.extra_slip_days for row in result.rows} == {"a": 0, "b": 0, "c": 7}


def test_a_delay_propagates_two_levels_down():
    tasks = [task("a", 10), task("b", 20, after=("a",)), task("c", 30, after=("b",))]
    result = scenario(tasks, {"a": 14})
    assert result.moved == ["a", "b", "c"]
    rows = {row.id: row for row in result.rows}
    assert (rows["c"].before, rows["c"].after, rows["c"].extra_slip_days) == (day(30), day(44), 14)
    assert (result.end_before, result.end_after) == (day(30), day(44))


def test_a_delay_absorbed_by_a_dependents_own_slip_moves_only_the_delayed_task():
    tasks = [task("a", 10), task("b", 20, forecast=60, after=("a",))]
    assert scenario(tasks, {"a": 14}).moved == ["a"]


def test_a_scenario_shows_the_critical_path_before_and_after():
    tasks = [
        task("a", 10),
        task("b", 20, after=("a",)),
        task("c", 25, after=("a",)),
        task("d", 35, after=("b", "c")),
    ]
    result = scenario(tasks, {"b": 10})
    assert result.critical_path_before == ["a", "c", "d"]
    assert result.critical_path_after == ["a", "b", "d"]


def test_a_delay_on_a_task_does_not_take_its_dependencies_off_the_critical_path():
    tasks = [task("a", 10, forecast=30), task("b", 40, after=("a",))]
    assert critical_path(tasks, propagate(tasks, {"b": 14})) == ["a", "b"]


def test_a_scenario_changes_nothing_it_is_given():
    tasks = [task("a", 10), task("b", 20, after=("a",))]
    delays = {"a": 5}
    tasks_before, delays_before = copy.deepcopy(tasks), dict(delays)
    scenario(tasks, delays)
    assert tasks == tasks_before
    assert delays == delays_before
    assert in_days(propagate(tasks)) == {"a": 10, "b": 20}


def test_a_scenario_accepts_a_one_pass_iterator():
    tasks = [task("a", 10), task("b", 20, after=("a",))]
    assert scenario(iter(tasks), {"a": 3}).moved == ["a", "b"]


# properties over random dependency graphs


@st.composite
def plans(draw):
    """Return (tasks in random order, non-negative delays) for a random acyclic plan."""
    n = draw(st.integers(1, 12))
    tasks = []
    for i in range(n):
        baseline = draw(st.integers(0, 1000))
        tasks.append(
            Task(
                id=i,
                title=f"t{i}",
                baseline=day(baseline),
                forecast=draw(st.none() | st.integers(0, 1200).map(day)),
                achieved=draw(st.none() | st.integers(0, 1200).map(day)),
                # Depending only on lower ids keeps the graph acyclic.
                depends_on=frozenset(draw(st.sets(st.integers(0, i - 1))) if i else ()),
            )
        )
    delays = draw(st.dictionaries(st.integers(0, n - 1), st.integers(0, 200)))
    return draw(st.permutations(tasks)), delays


@given(plans())
def test_propagation_never_makes_a_task_earlier_than_expected_plus_its_delay(plan):
    # Holds for non-negative delays, which is all the strategy draws.
    tasks, delays = plan
    propagated = propagate(tasks, delays)
    for t in tasks:
        if t.achieved is not None:
            assert propagated[t.id] == t.achieved
        else:
            assert propagated[t.id] >= t.expected + timedelta(days=delays.get(t.id, 0))


@given(plans())
def test_no_open_task_ends_before_its_dependencies(plan):
    tasks, delays = plan
    propagated = propagate(tasks, delays)
    for t in tasks:
        if t.achieved is None:
            assert all(propagated[t.id] >= propagated[dep] for dep in t.depends_on)


@given(plans())
def test_extra_delays_never_bring_any_task_forward(plan):
    tasks, delays = plan
    assert all(row.after >= row.before for row in scenario(tasks, delays).rows)


@given(plans())
def test_the_critical_path_is_a_dependency_chain_ending_at_the_latest_date(plan):
    tasks, delays = plan
    propagated = propagate(tasks, delays)
    path = critical_path(tasks, propagated)
    by_id = {t.id: t for t in tasks}
    assert propagated[path[-1]] == max(propagated.values())
    for earlier, later in zip(path, path[1:], strict=False):
        assert earlier in by_id[later].depends_on
