"""Milestones that depend on each other: their order, and the circle when they go round in one.

One place for the editor (which refuses a circle), the schedule (which needs every milestone
after the ones it depends on) and whatever else follows dependencies. A graph maps each node to
the nodes it depends on; the standard library's `graphlib` does the work.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from graphlib import CycleError, TopologicalSorter


class DependencyCycle(ValueError):
    """The nodes depend on each other in a circle. `cycle` is that circle, closed: each node
    depends on the next, and the last is the first again (a → b → … → a)."""

    def __init__(self, cycle: list):
        super().__init__(f"Dependency cycle: {' → '.join(map(str, cycle))}")
        self.cycle = cycle


def dependency_order[T: Hashable](graph: Mapping[T, Iterable[T]]) -> list[T]:
    """Return every node, each after the nodes it depends on; raise DependencyCycle when no
    such order exists. A node that is only depended on is in the order too."""
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        # graphlib lists the circle from dependency to dependent: turn it round, and start at
        # the node that comes first in the graph, so that one graph always gives one message.
        found = exc.args[1][:-1][::-1]
        first = {node: i for i, node in enumerate(graph)}
        start = min(range(len(found)), key=lambda i: first.get(found[i], len(first)))
        circle = found[start:] + found[:start]
        raise DependencyCycle([*circle, circle[0]]) from None


def find_cycle[T: Hashable](graph: Mapping[T, Iterable[T]]) -> list[T] | None:
    """Return one circle of dependencies (closed, as `DependencyCycle.cycle`), or None."""
    try:
        dependency_order(graph)
    except DependencyCycle as exc:
        return exc.cycle
    return None


def loop_through[T: Hashable](graph: Mapping[T, Iterable[T]], node: T) -> list[T] | None:
    """Return the nodes between `node` and itself on a circle, in order (the first is one that
    `node` depends on), or None when there is no circle through `node`.

    For a graph that had no circle before `node` got its dependencies, as the editor keeps it:
    then any circle passes through `node`. A circle elsewhere is not `node`'s doing and is not
    reported.
    """
    cycle = find_cycle(graph)
    if cycle is None or node not in cycle:
        return None
    start = cycle.index(node)
    return (cycle[start:-1] + cycle[:start])[1:]
