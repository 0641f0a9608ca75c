"""Explore every reachable game state of a story, as a model checker does.

A state is packed into a small tuple: (scene, party bits, flag bits, counters,
used-`once` bits, helped-in-this-chapter). Flags and `once` choices that can
never be read again from a scene are forgotten there, and counters that only
grow (or only shrink) are capped one past the constants they are compared
with, so the search is finite and small. From the explored graph come the
proofs `check` needs: the teamwork rule, softlocks and unreachable scenes.

Format 2's `when` blocks never change which choices exist, but their flags and
counters are kept in the state like a choice's, so that `coverage` can tell,
from the states found, which blocks can ever show and which choices can ever be
picked.
"""

from __future__ import annotations

from array import array
from collections import deque
from dataclasses import dataclass, field

from game.engine.compiled import (
    COUNTER_TEST,
    FLAG_TEST,
    PARTY_TEST,
    VISITS_TEST,
    WHEN_COUNTER_TEST,
    WHEN_FLAG_TEST,
    ChoiceCode,
    Compiled,
)
from game.engine.coverage import Coverage, find_coverage
from game.engine.model import Choice, Scene, Story
from game.engine.values import frozen

_Compiled = Compiled
"""The older name (coverage.py's type hints use it)."""

DEFAULT_MAX_STATES = 1_000_000
DEFAULT_MAX_BYTES = 768 * 1024 * 1024
"""The memory the search may use (as estimated by `state_bytes`): with the story itself and
Python around it, `check` stays within about 1 GiB however the states are shaped."""
MEMORY_CHECK_EVERY = 4096
"""New states between two looks at the memory estimate."""
EDGE_BYTES = 16
"""Each move between states costs two 8-byte slots (`edge_from`, `edge_to`)."""


def state_bytes(counters: int) -> int:
    """About how many bytes one explored state costs: the state's tuples (its counters'
    tuple grows with their number), its slot in the table of states seen, the way back
    to it. Measured: 300 counters, 2.5 KiB a state."""
    return 240 + 8 * counters


# The slots of a state tuple, in order. The search builds and unpacks states as plain
# tuples (a class would be slower in its inner loop); these name the slots elsewhere.
SCENE, PARTY, FLAGS, COUNTERS, ONCE, HELPED = range(6)
"""scene index, party bits, flag bits, counter values (a tuple), used-`once` bits, and
whether help was accepted in this chapter."""


@frozen
class Move:
    """One edge of the state graph: from a scene, by a choice."""

    scene: Scene
    choice: Choice


@dataclass
class Exploration:
    """What the search found."""

    states: int = 0
    complete: bool = True
    memory_full: bool = False
    """The search stopped because its memory budget ran out (else, when incomplete, because
    it reached its number of states)."""
    visited_scenes: set[str] = field(default_factory=set)
    teamwork_breaks: list[tuple[str, list[Move], int]] = field(default_factory=list)
    """(chapter id, the way from the story's start, index where that chapter began)."""
    softlocks: list[tuple[Scene, list[Move], bool, int]] = field(default_factory=list)
    """(scene, the way there, whether it is a dead end, index where its chapter began)."""
    stuck_states: int = 0
    unbounded_counters: list[str] = field(default_factory=list)
    """Counters that some choices raise and others lower: they have no cap."""
    ending_ways: dict[str, list[Move]] = field(default_factory=dict)
    """The shortest way from the start to each ending scene reached (by `chapter:scene`)."""
    coverage: Coverage | None = None
    """Format 2: the `when` blocks that never show and the choices never picked (when the
    search is complete)."""


def explore(
    story: Story, max_states: int = DEFAULT_MAX_STATES, max_bytes: int = DEFAULT_MAX_BYTES
) -> Exploration:
    """Search every reachable state from the story's start; see the module's docstring.

    The search stops, incomplete, at `max_states` states or when its memory estimate passes
    `max_bytes`, whichever comes first: a story whose states are large (hundreds of
    counters) is stopped by its memory, not by a count that would take gigabytes."""
    compiled = Compiled(story)
    per_state = state_bytes(len(compiled.counter_names))
    scenes, choices = compiled.scenes, compiled.choices
    live_flags, live_once, bounds = compiled.live_flags, compiled.live_once, compiled.bounds
    start_index = compiled.index[story.start_ref]
    # A state's slots are SCENE, PARTY, FLAGS, COUNTERS, ONCE, HELPED, in that order.
    start = (start_index, 0, 0, (0,) * len(compiled.counter_names), 0, False)
    ids: dict[tuple, int] = {start: 0}
    order: list[tuple] = [start]
    parent = array("q", [-1])
    via = array("i", [-1])
    chapter_entry = array("q", [0])
    """The index (in `order`) of the first state of the current chapter."""
    edge_from, edge_to = array("q"), array("q")
    endings: list[int] = []
    result = Exploration(unbounded_counters=list(compiled.unbounded_names))
    broken_chapters: set[str] = set()
    party_test, flag_test = PARTY_TEST, FLAG_TEST  # locals: the inner loop reads them often
    i = 0
    while i < len(order):
        state = order[i]
        scene_i, party, flags, counters, once, helped = state
        compiled_choices = choices[scene_i]
        if scenes[scene_i].ending is not None:
            endings.append(i)
        for (  # the fields of ChoiceCode, in order
            c,
            target,
            need,
            tests,
            once_bit,
            leave,
            recruit,
            set_mask,
            unset_mask,
            adds,
            helps,
            crosses,
            ends,
        ) in compiled_choices:
            if once & once_bit or party & need != need:
                continue
            ok = True
            for kind, what, how in tests:
                if kind == party_test:
                    if bool(party & what) == how:
                        ok = False
                        break
                elif kind == flag_test:
                    if bool(flags & what) == how:
                        ok = False
                        break
                elif not how[0](counters[what], how[1]):
                    ok = False
                    break
            if not ok:
                continue
            new_counters = counters
            if adds:
                values = list(counters)
                for index, delta in adds:
                    lo, hi = bounds[index]
                    value = values[index] + delta
                    values[index] = hi if value > hi else lo if value < lo else int(value)
                new_counters = tuple(values)
            now_helped = helped or helps
            if (crosses or ends) and not now_helped:
                chapter = scenes[scene_i].chapter
                if chapter not in broken_chapters:
                    broken_chapters.add(chapter)
                    way = _way(order, parent, via, compiled, i) + [
                        Move(scenes[scene_i], scenes[scene_i].choices[c])
                    ]
                    result.teamwork_breaks.append(
                        (chapter, way, _entry_steps(order, parent, chapter_entry[i]))
                    )
            new_state = (
                target,
                (party & ~leave) | recruit,
                ((flags | set_mask) & ~unset_mask) & live_flags[target],
                new_counters,
                (once | once_bit) & live_once[target],
                False if crosses else now_helped,
            )
            j = ids.get(new_state)
            if j is None:
                j = len(order)
                if j >= max_states:
                    result.complete = False
                    break
                if (
                    j % MEMORY_CHECK_EVERY == 0
                    and j * per_state + len(edge_from) * EDGE_BYTES > max_bytes
                ):
                    result.complete = False
                    result.memory_full = True
                    break
                ids[new_state] = j
                order.append(new_state)
                parent.append(i)
                via.append(c)
                chapter_entry.append(j if crosses else chapter_entry[i])
            edge_from.append(i)
            edge_to.append(j)
        if not result.complete:
            break
        i += 1
    result.states = len(order)
    for k in endings:  # in the order of the search, so the first of each is the shortest
        ref = scenes[order[k][SCENE]].ref
        if ref not in result.ending_ways:
            result.ending_ways[ref] = _way(order, parent, via, compiled, k)
    result.visited_scenes = {scenes[s[SCENE]].ref for s in order}
    if result.complete:
        _find_softlocks(
            result, order, parent, via, chapter_entry, compiled, edge_from, edge_to, endings
        )
        result.coverage = find_coverage(compiled, order, edge_from, edge_to)
    return result


def _find_softlocks(
    result, order, parent, via, chapter_entry, compiled, edge_from, edge_to, endings
) -> None:
    """States from which no ending can be reached.

    Where some ending can be reached from the start, each softlock is shown at a point of no
    return: the first stuck state of its chapter (the shortest way) that a choice leads to from
    a state that could still end. Where no ending can be reached at all, it is shown where the
    hero ends up going round: the nearest group of states that no choice leaves.
    """
    n = len(order)
    counts = array("q", [0]) * (n + 1)
    for j in edge_to:
        counts[j + 1] += 1
    for k in range(n):
        counts[k + 1] += counts[k]
    preds = array("q", [0]) * len(edge_to)
    fill = array("q", counts)
    for a, b in zip(edge_from, edge_to, strict=True):
        preds[fill[b]] = a
        fill[b] += 1
    can_end = bytearray(n)
    work = deque(endings)
    for k in endings:
        can_end[k] = 1
    while work:
        k = work.popleft()
        for p in range(counts[k], counts[k + 1]):
            a = preds[p]
            if not can_end[a]:
                can_end[a] = 1
                work.append(a)
    out_degree = bytearray(n)
    for a in edge_from:
        out_degree[a] = 1
    result.stuck_states = n - sum(can_end)
    if not result.stuck_states:
        return
    scenes = compiled.scenes
    if not can_end[0]:
        trap = _first_trap(n, edge_from, edge_to)
        k = min(trap)
        stuck_here = [k]
    else:
        stuck_here = [k for k in range(n) if not can_end[k] and can_end[parent[k]]]
    seen_chapters: set[str] = set()
    for k in stuck_here:
        scene = scenes[order[k][SCENE]]
        if scene.chapter in seen_chapters:
            continue
        seen_chapters.add(scene.chapter)
        result.softlocks.append(
            (
                scene,
                _way(order, parent, via, compiled, k),
                not out_degree[k],
                _entry_steps(order, parent, chapter_entry[k]),
            )
        )


def _first_trap(n: int, edge_from, edge_to) -> list[int]:
    """A group of states reachable from the start that no choice leaves (a sink of the graph).

    Tarjan's search, stopped at the first strongly connected component it completes: that
    component reaches no other, so the hero who enters it can never get out.
    """
    starts = array("q", [0]) * (n + 1)
    for a in edge_from:  # edges were added state by state, so edge_from is sorted
        starts[a + 1] += 1
    for k in range(n):
        starts[k + 1] += starts[k]
    index = array("q", [-1]) * n
    low = array("q", [0]) * n
    on_stack = bytearray(n)
    stack: list[int] = [0]
    index[0] = low[0] = 0
    on_stack[0] = 1
    counter = 1
    work = [(0, starts[0])]
    while work:
        v, e = work[-1]
        if e < starts[v + 1]:
            work[-1] = (v, e + 1)
            w = edge_to[e]
            if index[w] == -1:
                index[w] = low[w] = counter
                counter += 1
                stack.append(w)
                on_stack[w] = 1
                work.append((w, starts[w]))
            elif on_stack[w] and index[w] < low[v]:
                low[v] = index[w]
            continue
        work.pop()
        if low[v] == index[v]:
            return stack[stack.index(v) :]
        u = work[-1][0]
        if low[v] < low[u]:
            low[u] = low[v]
    return [0]


def _way(order, parent, via, compiled, k: int) -> list[Move]:
    """The choices from the start to state k."""
    moves = []
    while parent[k] != -1:
        p = parent[k]
        scene = compiled.scenes[order[p][SCENE]]
        moves.append(Move(scene, scene.choices[via[k]]))
        k = p
    moves.reverse()
    return moves


def _entry_steps(order, parent, entry: int) -> int:
    """How many choices lead from the start to the state at index `entry`."""
    steps = 0
    while parent[entry] != -1:
        entry = parent[entry]
        steps += 1
    return steps


__all__ = [
    "COUNTER_TEST",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_STATES",
    "FLAG_TEST",
    "PARTY_TEST",
    "VISITS_TEST",
    "WHEN_COUNTER_TEST",
    "WHEN_FLAG_TEST",
    "ChoiceCode",
    "Compiled",
    "Exploration",
    "Move",
    "explore",
]
