"""What the states found by `explore` never show: `when` blocks whose conditions never hold
where their scene is reached, and choices that can never be picked (format 2: story/README.md,
"A story that reacts").

The search has already visited every reachable state, so this is a pass over them, scene by
scene: a block or a choice is met when one state at its scene satisfies all it asks. For one
that is never met, each of its conditions (and each companion a choice needs) is tried alone,
so `check` can say which one never holds, and what the counter it compares is instead; when
each holds alone, the fewest of them that never hold together are named instead.

`visits` is not part of a state (it is counted from the trail). A scene the hero can come
back to (one on a loop of the explored moves) may be visited any number of times; any other,
once. So a `when` that needs a second visit to a scene the hero never comes back to is never
shown; a `visits` test is otherwise taken to be able to hold, and a block is reported only
when the rest of its conditions fail.

A choice that only welcomes a companion who is always in the party by then (`recruit = "june"`
with `if = "not party.june"`) is not reported: a chapter may be written to be reached with or
without its friend.
"""

from __future__ import annotations

from array import array
from collections import deque
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from game.engine.conditions import Condition, FlagTest
from game.engine.model import Choice, Scene, When
from game.engine.values import frozen

if TYPE_CHECKING:
    from game.engine.explore import _Compiled


@frozen
class Unmet:
    """One thing a block or a choice asks that never holds where its scene is reached."""

    condition: Condition | None = None
    """The condition, or None for a companion a choice needs."""
    companion: str | None = None
    """The companion a choice needs (`needs` or `help`) who is never in the party there."""
    lowest: int = 0
    highest: int = 0
    """For a counter: the values it has there (`highest` may be a cap: see `capped`)."""
    capped: tuple[bool, bool] = (False, False)
    """For a counter: whether `lowest` means "or less" and `highest` "or more"."""
    comes_back: bool = False
    """For `visits`: whether the hero can come back to the scene."""


@frozen
class Never:
    """A `when` block never shown, or a choice never available, and why."""

    scene: Scene
    item: When | Choice
    unmet: tuple[Unmet, ...]
    """What never holds alone; empty when each part holds somewhere but never all at once."""
    clash: tuple[Condition | str, ...] | None = None
    """For one whose parts each hold somewhere: the fewest that never hold together (a
    condition, or the id of a companion a choice needs), two when two of them clash."""


@dataclass
class Coverage:
    """The `when` blocks and choices of reached scenes that the search never met."""

    never_shown: list[Never]
    never_picked: list[Never]


def _visits_can(how, comes_back: bool) -> bool:
    """Whether a `visits` test can hold: on the first visit, or on a later one."""
    op, value = how
    if op(1, value):
        return True
    if not comes_back:
        return False
    return any(op(v, value) for v in (value - 1, value, value + 1, max(value, 1) + 1) if v >= 1)


FLOW_VALUES = 64
"""More values than this for one counter at one state, and Flow gives up (no warning, never a
false one): a counter compared with a large number would otherwise grow one value a step."""
FLOW_STEPS_PER_STATE = 64
"""Flow gives up after this many steps per state, so `check` stays bounded in time."""


class Flow:
    """What may hold at each state for what a state does not keep: flags forgotten at a scene
    (a `when` still reads them there) and counters compared only in `when` blocks.

    The states found are real playthroughs with only such things left out, so following the
    moves between them tells, for each state, which values each of those may have: exact for
    one flag or counter; a block that reads two of them is taken to hold when each may.
    """

    def __init__(self, compiled: _Compiled, order: list, edge_from, edge_to) -> None:
        n = len(order)
        starts = array("q", [0]) * (n + 1)
        for a in edge_from:  # edges were added state by state, in the order of the choices
            starts[a + 1] += 1
        for k in range(n):
            starts[k + 1] += starts[k]
        everything = (1 << len(compiled.flag_bit)) - 1
        bounds = compiled.extra_bounds
        self.on = [0] * n
        """Per state: the bits of the flags that may be on."""
        self.off = [0] * n
        """Per state: the bits of the flags that may be off."""
        self.values: list = [None] * n
        """Per state: for each counter compared only in `when`, the values it may have."""
        self.off[0] = everything
        self.values[0] = tuple(frozenset((0,)) for _ in compiled.extra_names)
        work = deque([0])
        queued = bytearray(n)
        queued[0] = 1
        on, off, values = self.on, self.off, self.values
        budget = FLOW_STEPS_PER_STATE * (n + 1)
        while work:
            budget -= 1
            if budget < 0:
                raise ValueError("too many values to follow: say nothing of these blocks")
            i = work.popleft()
            queued[i] = 0
            state = order[i]
            moves = [
                (code, adds)
                for code, adds in zip(
                    compiled.choices[state[0]], compiled.extra_adds[state[0]], strict=True
                )
                if _available(code, state)
            ]
            for (code, adds), e in zip(moves, range(starts[i], starts[i + 1]), strict=True):
                j = edge_to[e]
                set_mask, unset_mask = code[7], code[8]
                new_on = ((on[i] | set_mask) & ~unset_mask) | on[j]
                new_off = (off[i] & ~set_mask) | unset_mask | off[j]
                new_values = values[i]
                if adds:
                    changed = list(new_values)
                    for index, delta in adds:
                        lo, hi = bounds[index]
                        changed[index] = frozenset(
                            hi if v + delta > hi else lo if v + delta < lo else int(v + delta)
                            for v in changed[index]
                        )
                    if any(len(seen) > FLOW_VALUES for seen in changed):
                        raise ValueError("a counter takes too many values to follow")
                    new_values = tuple(changed)
                if values[j] is not None:
                    new_values = tuple(a | b for a, b in zip(new_values, values[j], strict=True))
                if (new_on, new_off, new_values) != (on[j], off[j], values[j]):
                    on[j], off[j], values[j] = new_on, new_off, new_values
                    if not queued[j]:
                        queued[j] = 1
                        work.append(j)


def _available(code: tuple, state: tuple) -> bool:
    """Whether a compiled choice can be picked at a state (as the search decides it)."""
    _c, _t, need, tests, once_bit, *_rest = code
    if state[4] & once_bit or state[1] & need != need:
        return False
    return all(_holds(test, state, False) for test in tests)


def _holds(test: tuple, state: tuple, comes_back: bool, flow: Flow | None = None, k=0) -> bool:
    kind, what, how = test
    if kind == 0:
        return bool(state[1] & what) != how
    if kind == 1:
        return bool(state[2] & what) != how
    if kind == 2:
        return how[0](state[3][what], how[1])
    if kind == 3:
        return _visits_can(how, comes_back)
    if flow is None:
        return True
    if kind == 4:
        return bool((flow.off[k] if how else flow.on[k]) & what)
    return any(how[0](v, how[1]) for v in flow.values[k][what])


def _meets(tests, order, indices, comes_back: bool, flow=None, need=0, once_bit=0) -> bool:
    """Whether one of the states at `indices` passes every test (and has the companions
    `need`ed and not the `once` choice used). Party and flag tests become masks."""
    if not tests and not need and not once_bit:
        return bool(indices)  # nothing to meet: any state will do (most choices)
    party_on, party_off, flags_on, flags_off = need, 0, 0, 0
    counters = []
    later = []
    for test in tests:
        kind, what, how = test
        if kind == 0:
            party_off, party_on = (
                (party_off | what, party_on) if how else (party_off, party_on | what)
            )
        elif kind == 1:
            flags_off, flags_on = (
                (flags_off | what, flags_on) if how else (flags_off, flags_on | what)
            )
        elif kind == 2:
            counters.append((what, how[0], how[1]))
        elif kind == 3:
            if not _visits_can(how, comes_back):
                return False
        elif flow is not None:
            later.append(test)
    for k in indices:
        _scene, party, flags, values, once, _helped = order[k]
        if (
            party & party_on != party_on
            or party & party_off
            or flags & flags_on != flags_on
            or flags & flags_off
            or once & once_bit
        ):
            continue
        if not all(op(values[index], number) for index, op, number in counters):
            continue
        if later and not all(_holds(t, order[k], comes_back, flow, k) for t in later):
            continue
        return True
    return False


def find_coverage(compiled: _Compiled, order: list, edge_from, edge_to) -> Coverage:
    """Look at every reached state of every scene with `when` blocks or choices."""
    scenes = compiled.scenes
    wanted = {
        s for s, scene in enumerate(scenes) if scene.when or (scene.choices and not scene.ending)
    }
    at: dict[int, list[int]] = {s: [] for s in wanted}
    for k, state in enumerate(order):
        indices = at.get(state[0])
        if indices is not None:
            indices.append(k)
    coverage = Coverage([], [])
    follows: dict[int, set[int]] = {}
    """The moves between scenes that some reached state can take."""
    for s in sorted(wanted):
        indices, scene = at[s], scenes[s]
        if not indices or scene.ending is not None:
            continue  # never reached (`check` says so already), or no choices to pick
        for c, target, need, tests, once_bit, *_rest in compiled.choices[s]:
            if _meets(tests, order, indices, False, None, need, once_bit):
                follows.setdefault(s, set()).add(target)
                continue
            choice = scene.choices[c]
            unmet = [
                Unmet(companion=who)
                for who in choice.required
                if not any(order[k][1] & compiled.companion_bit[who] for k in indices)
            ]
            unmet += _unmet(compiled, choice.conditions, tests, order, indices, False)
            if unmet and all(_already_there(u, choice) for u in unmet):
                if not _needs_whom_it_welcomes(choice):
                    continue  # a welcome for someone who is always there already: harmless
                unmet = []  # but a welcome that also needs them never holds: say which two
            clash = None if unmet else _clash(compiled, choice, tests, order, indices)
            coverage.never_picked.append(Never(scene, choice, tuple(unmet), clash))
    flow = None
    if any(t[0] >= 4 for blocks in compiled.when for tests in blocks for t in tests):
        try:
            flow = Flow(compiled, order, edge_from, edge_to)
        except ValueError:  # the moves do not line up, or too much to follow: say nothing
            flow = None
    for s in sorted(wanted):
        indices, scene = at[s], scenes[s]
        if not indices or not scene.when:
            continue
        comes_back = any(b.uses_visits for b in scene.when) and _comes_back(s, follows)
        for block, tests in zip(scene.when, compiled.when[s], strict=True):
            if not _meets(tests, order, indices, comes_back, flow):
                unmet = _unmet(compiled, block.conditions, tests, order, indices, comes_back, flow)
                parts = [(c, (t,), 0) for c, t in zip(block.conditions, tests, strict=True)]
                clash = None if unmet else _fewest_clashing(parts, order, indices, comes_back, flow)
                coverage.never_shown.append(Never(scene, block, tuple(unmet), clash))
    coverage.never_shown.sort(key=lambda never: (never.scene.ref, never.item.index))
    return coverage


CLASH_PARTS = 8
"""A choice or block with more parts than this is searched only for two that clash (every
group of 8 parts is at most 247 tries, each a pass over the states of one scene)."""


def _clash(compiled, choice: Choice, tests, order, indices) -> tuple | None:
    """The fewest parts of a choice (companions it needs, conditions) that never hold
    together at any of the states at `indices`, each of which holds alone."""
    parts: list[tuple[Condition | str, tuple, int]] = [
        (who, (), compiled.companion_bit[who]) for who in choice.required
    ]
    parts += [(cond, (test,), 0) for cond, test in zip(choice.conditions, tests, strict=True)]
    return _fewest_clashing(parts, order, indices, False, None)


def _fewest_clashing(parts, order, indices, comes_back: bool, flow) -> tuple | None:
    """The smallest group of `parts` (each a part, its tests, the companions it needs) that
    never holds at once at any of the states at `indices`: two that clash when there are
    any (the first two, in the order written), else three, and so on."""
    largest = len(parts) if len(parts) <= CLASH_PARTS else 2
    for size in range(2, largest + 1):
        for group in combinations(parts, size):
            tests = tuple(test for _part, tested, _need in group for test in tested)
            need = 0
            for _part, _tested, needed in group:
                need |= needed
            if not _meets(tests, order, indices, comes_back, flow, need):
                return tuple(part for part, _tested, _need in group)
    return None


def _already_there(unmet: Unmet, choice: Choice) -> bool:
    """Whether `unmet` is a choice's `not party.ID` for a companion it recruits: a chapter
    may invite a friend who, in this story, has always joined before it."""
    condition = unmet.condition
    return (
        isinstance(condition, FlagTest)
        and condition.negated
        and condition.name.startswith("party.")
        and condition.name[6:] in choice.recruit
    )


def _needs_whom_it_welcomes(choice: Choice) -> bool:
    """Whether a choice with `if = "not party.ID"` also has `help` or `needs` for ID: in no
    story can it be picked (`check` names the two, as for any choice)."""
    return any(
        isinstance(cond, FlagTest)
        and cond.negated
        and cond.name.startswith("party.")
        and cond.name[6:] in choice.required
        for cond in choice.conditions
    )


def _unmet(compiled, conditions, tests, order, indices, comes_back: bool, flow=None) -> list:
    """The conditions that never hold alone at any of the states at `indices`."""
    out = []
    for condition, test in zip(conditions, tests, strict=True):
        if any(_holds(test, order[k], comes_back, flow, k) for k in indices):
            continue
        kind, what, _how = test
        if kind == 2:
            values = [order[k][3][what] for k in indices]
            lo, hi = compiled.bounds[what]
        elif kind == 5 and flow is not None:
            values = [v for k in indices for v in flow.values[k][what]]
            lo, hi = compiled.extra_bounds[what]
        else:
            out.append(Unmet(condition, comes_back=comes_back))
            continue
        low, high = min(values), max(values)
        out.append(Unmet(condition, lowest=low, highest=high, capped=(low <= lo, high >= hi)))
    return out


def _comes_back(scene: int, follows: dict[int, set[int]]) -> bool:
    """Whether the hero can come back to `scene`: it lies on a loop of the moves taken."""
    seen: set[int] = set()
    work = list(follows.get(scene, ()))
    while work:
        s = work.pop()
        if s == scene:
            return True
        if s not in seen:
            seen.add(s)
            work.extend(follows.get(s, ()))
    return False
