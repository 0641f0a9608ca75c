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
from typing import NamedTuple

from game.engine.conditions import OPERATORS, VISITS, CounterTest, FlagTest
from game.engine.coverage import Coverage, find_coverage
from game.engine.model import Choice, Scene, Story

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

# The kinds of a compiled condition test `(kind, what, how)`.
PARTY_TEST = 0
"""`what` is a companion's bit; `how` is whether the test is negated."""
FLAG_TEST = 1
"""`what` is a flag's bit; `how` is whether the test is negated."""
COUNTER_TEST = 2
"""`what` is the counter's index; `how` is (the operator's function, the value)."""
WHEN_FLAG_TEST = 4
"""`when` blocks only: a flag the state does not keep at this scene; `how` is `negated`."""
WHEN_COUNTER_TEST = 5
"""`when` blocks only: a counter no choice compares (`what` indexes `extra_names`)."""
VISITS_TEST = 3
"""Format 2, `when` blocks only: `visits` (counted from the trail, not kept in a state);
`how` is (the operator's function, the value)."""


class ChoiceCode(NamedTuple):
    """One choice compiled for the search. It is stored as a plain tuple in this order
    (unpacking a tuple subclass is twice as slow in the search's inner loop)."""

    position: int
    """Its place among its scene's choices, from 0."""
    target: int
    """The index of the scene it leads to."""
    need: int
    """Bits of the companions who must be in the party (`needs` and `help`)."""
    tests: tuple
    """Its conditions as `(kind, what, how)` tests (PARTY_TEST, FLAG_TEST, COUNTER_TEST)."""
    once_bit: int
    """Its bit among the `once` choices (0 when it is not one)."""
    leave: int
    recruit: int
    set_mask: int
    unset_mask: int
    adds: tuple
    """(counter index, change) pairs, help counters included."""
    helps: bool
    """The hero accepts help."""
    crosses: bool
    """It leads into another chapter."""
    ends: bool
    """It leads to an ending."""


@dataclass(frozen=True)
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


class _Compiled:
    """The story turned into integers and bit masks for a fast search."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.scenes: list[Scene] = list(story.scenes())
        self.index = {scene.ref: i for i, scene in enumerate(self.scenes)}
        self.companion_bit = {cid: 1 << i for i, cid in enumerate(story.companions)}
        flags: dict[str, int] = {}
        counters: dict[str, list[int]] = {}
        deltas: dict[str, set[int]] = {}
        once: dict[tuple[int, int], int] = {}
        read_in_when: dict[str, list[int]] = {}
        """Counters compared in `when` blocks: not kept in states (text never changes what
        can happen), but followed for `coverage` when no choice compares them."""
        for s, scene in enumerate(self.scenes):
            for c, choice in enumerate(scene.choices):
                for name in (*choice.set, *choice.unset):
                    flags.setdefault(name, len(flags))
                for cond in choice.conditions:
                    if isinstance(cond, FlagTest) and not cond.name.startswith("party."):
                        flags.setdefault(cond.name, len(flags))
                    elif isinstance(cond, CounterTest):
                        counters.setdefault(cond.name, []).append(cond.value)
                for name, delta in _counter_changes(choice):
                    deltas.setdefault(name, set()).add(delta)
                if choice.once:
                    once[(s, c)] = len(once)
            for block in scene.when:
                for cond in block.conditions:
                    if cond.name == VISITS:
                        continue
                    if isinstance(cond, FlagTest) and not cond.name.startswith("party."):
                        flags.setdefault(cond.name, len(flags))
                    elif isinstance(cond, CounterTest):
                        read_in_when.setdefault(cond.name, []).append(cond.value)
        self.flag_bit = {name: 1 << i for name, i in flags.items()}
        self.counter_names = list(counters)
        self.counter_index = {name: i for i, name in enumerate(self.counter_names)}
        self.bounds = [self._bounds(counters[n], deltas.get(n, set())) for n in self.counter_names]
        self.unbounded_names = [
            name
            for name, (lo, hi) in zip(self.counter_names, self.bounds, strict=True)
            if lo == float("-inf") and hi == float("inf")
        ]
        self.extra_names = [n for n in read_in_when if n not in self.counter_index]
        """Counters compared only in `when` blocks (see `coverage`)."""
        self.extra_index = {name: i for i, name in enumerate(self.extra_names)}
        self.extra_bounds = [
            self._bounds(read_in_when[n], deltas.get(n, set())) for n in self.extra_names
        ]
        self.once_bit = {key: 1 << i for key, i in once.items()}
        self.choices = [self._compile_scene(s, scene) for s, scene in enumerate(self.scenes)]
        self.live_flags, self.live_once = self._liveness()
        self.when = [
            tuple(tuple(self.compile_when_test(s, c) for c in b.conditions) for b in scene.when)
            for s, scene in enumerate(self.scenes)
        ]
        """Per scene, per `when` block: its tests (see `compile_when_test`)."""
        self.extra_adds = [
            tuple(
                tuple(
                    (self.extra_index[name], delta)
                    for name, delta in _counter_changes(scene.choices[code[0]])
                    if name in self.extra_index
                )
                for code in self.choices[s]
            )
            for s, scene in enumerate(self.scenes)
        ]
        """Per scene, per compiled choice: its changes to the `extra_names` counters."""

    @staticmethod
    def _bounds(values: list[int], changes: set[int]) -> tuple[float, float]:
        """A counter's cap: one past the numbers it is compared with, on the side it moves."""
        lo, hi = min(values) - 1, max(values) + 1
        if all(d >= 0 for d in changes):
            return (float("-inf"), max(hi, 0))
        if all(d <= 0 for d in changes):
            return (min(lo, 0), float("inf"))
        return (float("-inf"), float("inf"))

    def compile_when_test(self, s: int, cond) -> tuple:
        """A `when` block's condition at scene `s`: as a choice's where the state holds the
        answer; else WHEN_FLAG_TEST (a flag not kept at this scene) or WHEN_COUNTER_TEST (a
        counter no choice compares), which `coverage` answers from what may hold there."""
        if isinstance(cond, FlagTest) and not cond.name.startswith("party."):
            bit = self.flag_bit[cond.name]
            if not self.live_flags[s] & bit:
                return (WHEN_FLAG_TEST, bit, cond.negated)
        elif isinstance(cond, CounterTest) and cond.name in self.extra_index:
            return (
                WHEN_COUNTER_TEST,
                self.extra_index[cond.name],
                (OPERATORS[cond.op], cond.value),
            )
        return self.compile_test(cond)

    def _compile_scene(self, s: int, scene: Scene) -> tuple:
        out = []
        if scene.ending is not None:
            return ()
        for c, choice in enumerate(scene.choices):
            target = self.index.get(choice.target)
            if target is None:
                continue
            need = 0
            for who in choice.required:
                need |= self.companion_bit[who]
            tests = [self.compile_test(cond) for cond in choice.conditions]
            leave = recruit = set_mask = unset_mask = 0
            for who in choice.leave:
                leave |= self.companion_bit[who]
            for who in choice.recruit:
                recruit |= self.companion_bit[who]
            for name in choice.set:
                set_mask |= self.flag_bit[name]
            for name in choice.unset:
                unset_mask |= self.flag_bit[name]
            adds = tuple(
                (self.counter_index[name], delta)
                for name, delta in _counter_changes(choice)
                if name in self.counter_index
            )
            target_scene = self.scenes[target]
            code = ChoiceCode(
                position=c,
                target=target,
                need=need,
                tests=tuple(tests),
                once_bit=self.once_bit.get((s, c), 0),
                leave=leave,
                recruit=recruit,
                set_mask=set_mask,
                unset_mask=unset_mask,
                adds=adds,
                helps=bool(choice.help_received),
                crosses=target_scene.chapter != scene.chapter,
                ends=target_scene.ending is not None,
            )
            out.append(tuple(code))
        return tuple(out)

    def compile_test(self, cond) -> tuple:
        """A condition as (kind, what, how): 0 party bit, 1 flag bit, 2 counter index,
        3 `visits` (format 2, `when` only); `how` is `negated` or (operator, number)."""
        if isinstance(cond, FlagTest):
            if cond.name.startswith("party."):
                return (PARTY_TEST, self.companion_bit[cond.name[6:]], cond.negated)
            return (FLAG_TEST, self.flag_bit[cond.name], cond.negated)
        how = (OPERATORS[cond.op], cond.value)
        if cond.name == VISITS and cond.name not in self.counter_index:
            return (VISITS_TEST, 0, how)
        return (COUNTER_TEST, self.counter_index[cond.name], how)

    def _liveness(self) -> tuple[list[int], list[int]]:
        """Per scene: the flags that may still be read, and the `once` choices still ahead."""
        n = len(self.scenes)
        uses = [0] * n
        own_once = [0] * n
        preds: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for s, compiled in enumerate(self.choices):
            for (
                _c,
                target,
                _need,
                tests,
                once_bit,
                _l,
                _r,
                set_mask,
                unset_mask,
                *_rest,
            ) in compiled:
                for kind, bit, _ in tests:
                    if kind == FLAG_TEST:
                        uses[s] |= bit
                own_once[s] |= once_bit
                preds[target].append((s, set_mask | unset_mask))
        live = uses[:]
        live_once = own_once[:]
        work = deque(range(n))
        queued = [True] * n
        while work:
            t = work.popleft()
            queued[t] = False
            for s, kill in preds[t]:
                flags = live[s] | (live[t] & ~kill)
                onces = live_once[s] | live_once[t]
                if flags != live[s] or onces != live_once[s]:
                    live[s], live_once[s] = flags, onces
                    if not queued[s]:
                        queued[s] = True
                        work.append(s)
        return live, live_once


def _counter_changes(choice: Choice):
    for who in choice.help_received:
        yield "help.received", 1
        yield f"help.received.{who}", 1
    for who in choice.help_given:
        yield "help.given", 1
        yield f"help.given.{who}", 1
    yield from choice.add


def explore(
    story: Story, max_states: int = DEFAULT_MAX_STATES, max_bytes: int = DEFAULT_MAX_BYTES
) -> Exploration:
    """Search every reachable state from the story's start; see the module's docstring.

    The search stops, incomplete, at `max_states` states or when its memory estimate passes
    `max_bytes`, whichever comes first: a story whose states are large (hundreds of
    counters) is stopped by its memory, not by a count that would take gigabytes."""
    compiled = _Compiled(story)
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
