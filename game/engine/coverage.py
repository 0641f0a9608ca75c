"""What the states found by `explore` never show: `when` blocks whose conditions never hold
where their scene is reached, and choices that can never be picked (DESIGN §3, format 2).

The search has already visited every reachable state, so this is a pass over them, scene by
scene: a block or a choice is met when one state at its scene satisfies all it asks. For one
that is never met, each of its conditions (and each companion a choice needs) is tried alone,
so `check` can say which one never holds, and what the counter it compares is instead.

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

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.conditions import Condition, FlagTest
from game.engine.model import Choice, Scene, When

if TYPE_CHECKING:
    from game.engine.explore import _Compiled


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Never:
    """A `when` block never shown, or a choice never available, and why."""

    scene: Scene
    item: When | Choice
    unmet: tuple[Unmet, ...]
    """What never holds alone; empty when each part holds somewhere but never all at once."""


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


def _holds(test: tuple, state: tuple, comes_back: bool) -> bool:
    kind, what, how = test
    if kind == 0:
        return bool(state[1] & what) != how
    if kind == 1:
        return bool(state[2] & what) != how
    if kind == 2:
        return how[0](state[3][what], how[1])
    return _visits_can(how, comes_back)


def _meets(tests, states, comes_back: bool, need: int = 0, once_bit: int = 0) -> bool:
    """Whether one of `states` passes every test (and has the companions `need`ed and not
    the `once` choice used). Party and flag tests become four masks, checked at once."""
    party_on, party_off, flags_on, flags_off = need, 0, 0, 0
    counters = []
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
        elif not _visits_can(how, comes_back):
            return False
    for _scene, party, flags, values, once, _helped in states:
        if (
            party & party_on != party_on
            or party & party_off
            or flags & flags_on != flags_on
            or flags & flags_off
            or once & once_bit
        ):
            continue
        if all(op(values[index], number) for index, op, number in counters):
            return True
    return False


def find_coverage(compiled: _Compiled, order: list) -> Coverage:
    """Look at every reached state of every scene with `when` blocks or choices."""
    scenes = compiled.scenes
    wanted = {
        s for s, scene in enumerate(scenes) if scene.when or (scene.choices and not scene.ending)
    }
    at: dict[int, list[tuple]] = {s: [] for s in wanted}
    for state in order:
        states = at.get(state[0])
        if states is not None:
            states.append(state)
    coverage = Coverage([], [])
    follows: dict[int, set[int]] = {}
    """The moves between scenes that some reached state can take."""
    for s in sorted(wanted):
        states, scene = at[s], scenes[s]
        if not states or scene.ending is not None:
            continue  # never reached (`check` says so already), or no choices to pick
        for c, target, need, tests, once_bit, *_rest in compiled.choices[s]:
            if _meets(tests, states, False, need, once_bit):
                follows.setdefault(s, set()).add(target)
                continue
            choice = scene.choices[c]
            unmet = [
                Unmet(companion=who)
                for who in choice.required
                if not any(state[1] & compiled.companion_bit[who] for state in states)
            ]
            unmet += _unmet(compiled, choice.conditions, tests, states, False)
            if unmet and all(_already_there(u, choice) for u in unmet):
                continue  # a welcome for someone who is always there already: harmless
            coverage.never_picked.append(Never(scene, choice, tuple(unmet)))
    for s in sorted(wanted):
        states, scene = at[s], scenes[s]
        if not states or not scene.when:
            continue
        comes_back = any(b.uses_visits for b in scene.when) and _comes_back(s, follows)
        for block, tests in zip(scene.when, compiled.when[s], strict=True):
            if not _meets(tests, states, comes_back):
                unmet = _unmet(compiled, block.conditions, tests, states, comes_back)
                coverage.never_shown.append(Never(scene, block, tuple(unmet)))
    coverage.never_shown.sort(key=lambda never: (never.scene.ref, never.item.index))
    return coverage


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


def _unmet(compiled, conditions, tests, states, comes_back: bool) -> list[Unmet]:
    """The conditions that never hold alone at any of `states`."""
    out = []
    for condition, test in zip(conditions, tests, strict=True):
        if any(_holds(test, state, comes_back) for state in states):
            continue
        kind, what, _how = test
        if kind == 2:
            values = [state[3][what] for state in states]
            lo, hi = compiled.bounds[what]
            low, high = min(values), max(values)
            out.append(Unmet(condition, lowest=low, highest=high, capped=(low <= lo, high >= hi)))
        else:
            out.append(Unmet(condition, comes_back=comes_back))
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
