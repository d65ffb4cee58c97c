"""Dependencies between milestones: an order with every node after its dependencies, the circle
when there is none, and the circle an edit would close through one milestone."""

import pytest

from roadmap.graph import DependencyCycle, dependency_order, find_cycle, loop_through


def test_every_node_comes_after_what_it_depends_on():
    graph = {"d": {"c"}, "b": {"a"}, "c": {"a", "b"}}
    order = dependency_order(graph)
    assert sorted(order) == ["a", "b", "c", "d"]  # "a" is only depended on, and still there
    for node, dependencies in graph.items():
        assert all(order.index(dep) < order.index(node) for dep in dependencies)


def test_a_circle_is_refused_naming_only_its_nodes_in_dependency_order():
    # a depends on c, c on b, b on a; d waits on the circle but is not on it.
    graph = {"a": {"c"}, "b": {"a"}, "c": {"b"}, "d": {"c"}}
    with pytest.raises(DependencyCycle) as refused:
        dependency_order(graph)
    assert refused.value.cycle == ["a", "c", "b", "a"]
    assert isinstance(refused.value, ValueError)
    assert find_cycle(graph) == ["a", "c", "b", "a"]


def test_the_circle_starts_at_the_first_node_of_the_graph_whatever_graphlib_finds():
    graph = {3: [1], 1: [2], 2: [3], 4: []}
    assert find_cycle(graph) == [3, 1, 2, 3]
    assert find_cycle({1: [2], 2: [3], 3: [1]}) == [1, 2, 3, 1]


def test_a_node_depending_on_itself_is_a_circle():
    assert find_cycle({"a": ["a"]}) == ["a", "a"]


def test_no_circle_is_none():
    assert find_cycle({1: [2], 2: [], 3: [1, 2]}) is None
    assert find_cycle({}) is None


def test_the_loop_through_a_node_lists_what_lies_between_in_order():
    # C → A would close the loop A → B → C → A: from C, via A and B, back to C.
    graph = {"A": {"B"}, "B": {"C"}, "C": {"A"}}
    assert loop_through(graph, "C") == ["A", "B"]
    assert loop_through(graph, "A") == ["B", "C"]
    assert loop_through({"A": {"B"}, "B": {"A"}}, "B") == ["A"]


def test_no_loop_through_the_node_is_none():
    assert loop_through({"A": {"B"}, "B": set(), "C": {"A", "B"}}, "C") is None
    # A circle elsewhere is not this node's doing.
    assert loop_through({"C": {"A"}, "A": {"B"}, "B": {"A"}}, "C") is None
