"""How milestones move when the ones they depend on move: propagation, slip, the critical
path and what-if scenarios.

Plain functions over plain data: the caller turns `Milestone` rows into `Task`s (leaving out
cancelled ones and the dependencies on them) and gets dates back keyed by id.

The rule. Milestones have dates, not durations, so a task is modelled as "cannot finish before
its dependencies finish, and keeps the spacing the baseline planned after each of them":

    propagated(t) = achieved(t)                           when achieved: history never moves
                  = max(pushed(t) + delay(t), latest dep)  otherwise
    pushed(t)     = max(expected(t), max over deps d of propagated(d) + gap(t, d))
    gap(t, d)     = max(0, baseline(t) - baseline(d))

so a slip upstream moves a dependent by the same days, unless its own forecast already allows
for it. A delay (what a development does to a task) is added to the date the task would reach
anyway, not to its own forecast alone: otherwise a delay on a task already pushed by its
dependencies would be partly swallowed and a scenario would understate the development. A
delay may be negative (a development that speeds a task up): it can eat into the planned
spacing but never brings a task before a dependency, and it does not pull dependents forward.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import date, timedelta

from roadmap.graph import DependencyCycle, dependency_order

type TaskId = int | str


@dataclass(frozen=True)
class Task:
    id: TaskId
    title: str
    baseline: date
    forecast: date | None = None
    achieved: date | None = None
    depends_on: Set[TaskId] = field(default_factory=frozenset)

    @property
    def expected(self) -> date:
        return self.achieved or self.forecast or self.baseline


@dataclass(frozen=True)
class ScenarioRow:
    id: TaskId
    title: str
    before: date
    after: date

    @property
    def extra_slip_days(self) -> int:
        return (self.after - self.before).days

    @property
    def moves(self) -> bool:
        return self.after != self.before


@dataclass(frozen=True)
class Scenario:
    """What a set of delays does: one row per task, in the order the tasks came in."""

    rows: list[ScenarioRow]
    critical_path_before: list[TaskId]
    critical_path_after: list[TaskId]

    @property
    def moved(self) -> list[TaskId]:
        return [row.id for row in self.rows if row.moves]

    @property
    def end_before(self) -> date | None:
        return max((row.before for row in self.rows), default=None)

    @property
    def end_after(self) -> date | None:
        return max((row.after for row in self.rows), default=None)


def propagate(
    tasks: Iterable[Task], extra_delays: Mapping[TaskId, int] | None = None
) -> dict[TaskId, date]:
    """Return each task's forecast end date after pushing it past its dependencies.

    `extra_delays` adds days to the date a task would otherwise reach (ignored for achieved
    tasks); see the module docstring for the rule. Raises ValueError on a dependency cycle,
    naming the tasks on it, on a duplicate id, and on a dependency or delay for a task that is
    not in `tasks`.
    """
    by_id = _index(tasks)
    delays = dict(extra_delays or {})
    unknown = delays.keys() - by_id.keys()
    if unknown:
        raise ValueError(f"Delay for unknown tasks: {sorted(map(str, unknown))}.")
    result: dict[TaskId, date] = {}
    for task_id in _dependency_order(by_id):
        task = by_id[task_id]
        if task.achieved is not None:
            result[task_id] = task.achieved
            continue
        deps = [result[dep_id] for dep_id in task.depends_on]
        pushed = max(
            [task.expected]
            + [result[dep_id] + _gap(task, by_id[dep_id]) for dep_id in task.depends_on]
        )
        result[task_id] = max([pushed + timedelta(days=delays.get(task_id, 0)), *deps])
    return result


def slip_days(tasks: Iterable[Task], propagated: Mapping[TaskId, date]) -> dict[TaskId, int]:
    """Return the days each task ends after its baseline (negative when early)."""
    return {task.id: (propagated[task.id] - task.baseline).days for task in tasks}


def critical_path(tasks: Iterable[Task], propagated: Mapping[TaskId, date]) -> list[TaskId]:
    """Return the chain that sets the latest end date, earliest task first; [] without tasks.

    Starts at the task that ends last and walks back through the dependency that holds it
    there: the one whose propagated date plus the planned gap is the latest of those and of
    the task's own expected date (a tie with the own date goes to the dependency). It stops at
    a task no dependency holds back, and at an achieved one, whose date is history. Ties go to
    the later-ending dependency, then to the order the tasks came in, so the answer is stable.
    """
    by_id = _index(tasks)
    if not by_id:
        return []
    order = {task_id: i for i, task_id in enumerate(by_id)}
    # max() keeps the first of equals; rank by date, then earlier input position first.
    current = max(by_id, key=lambda i: (propagated[i], -order[i]))
    path = [current]
    seen = {current}
    while by_id[current].achieved is None:
        task = by_id[current]
        # Compare with the date before any delay on this task itself: a development that delays
        # it does not take its dependencies off the path. The second test catches a negative
        # delay that left the task resting on a dependency's date.
        reach = {dep: propagated[dep] + _gap(task, by_id[dep]) for dep in task.depends_on}
        pushed = max([task.expected, *reach.values()])
        holding = [
            dep
            for dep in task.depends_on
            if reach[dep] == pushed or propagated[dep] == propagated[current]
        ]
        if not holding:
            break
        current = max(holding, key=lambda i: (propagated[i], -order[i]))
        if current in seen:  # only possible with inconsistent `propagated`; don't loop forever
            break
        seen.add(current)
        path.append(current)
    return path[::-1]


def scenario(tasks: Iterable[Task], delays: Mapping[TaskId, int]) -> Scenario:
    """Return what these delays (days per task) would do to every task, without applying them."""
    task_list = list(tasks)  # iterated several times below; a generator would run dry
    before = propagate(task_list)
    after = propagate(task_list, delays)
    return Scenario(
        rows=[ScenarioRow(t.id, t.title, before[t.id], after[t.id]) for t in task_list],
        critical_path_before=critical_path(task_list, before),
        critical_path_after=critical_path(task_list, after),
    )


def _gap(task: Task, dep: Task) -> timedelta:
    # The spacing the baseline planned between a dependency and this task; never negative,
    # since a task planned before its dependency still cannot finish before it.
    return max(timedelta(0), task.baseline - dep.baseline)


def _index(tasks: Iterable[Task]) -> dict[TaskId, Task]:
    by_id: dict[TaskId, Task] = {}
    for task in tasks:
        if task.id in by_id:
            raise ValueError(f"Task {task.id!r} appears twice.")
        by_id[task.id] = task
    for task in by_id.values():
        missing = set(task.depends_on) - by_id.keys()
        if missing:
            raise ValueError(
                f"Task {task.id!r} ({task.title}) depends on unknown tasks: "
                f"{sorted(map(str, missing))}."
            )
    return by_id


def _dependency_order(by_id: Mapping[TaskId, Task]) -> list[TaskId]:
    """Return the ids with every task after its dependencies.

    Raises ValueError naming the tasks on a cycle when there is one.
    """
    try:
        return dependency_order({task_id: task.depends_on for task_id, task in by_id.items()})
    except DependencyCycle as exc:
        names = " → ".join(f"{by_id[i].title} ({i})" for i in exc.cycle)
        raise ValueError(f"Milestones depend on each other in a circle: {names}.") from None
