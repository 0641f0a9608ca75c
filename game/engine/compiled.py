"""The story turned into integers and bit masks, for `explore`'s fast search.

Each scene's choices become `ChoiceCode` tuples; conditions become `(kind, what, how)`
tests (the kinds below); companions, flags and `once` choices become bits; counters
become indexes with bounds (a counter that only grows is capped one past the largest
constant it is compared with). Liveness says, per scene, which flags and `once` bits
can still matter, so the search forgets the others.
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

from game.engine.conditions import OPERATORS, VISITS, CounterTest, FlagTest
from game.engine.model import Choice, Scene, Story

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


class Compiled:
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
                if choice.help_received or choice.help_given or choice.add:
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
            if scene.when
            else ()
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
            if self.extra_index
            else ((),) * len(self.choices[s])  # no such counter: no changes to them
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
        """A scene's choices as plain tuples in the order of `ChoiceCode`'s fields."""
        out = []
        if scene.ending is not None:
            return ()
        index, companion_bit, flag_bit = self.index, self.companion_bit, self.flag_bit
        for c, choice in enumerate(scene.choices):
            target = index.get(choice.target)
            if target is None:
                continue
            need = leave = recruit = set_mask = unset_mask = 0
            for who in choice.needs:
                need |= companion_bit[who]
            for who in choice.help_received:
                need |= companion_bit[who]
            for who in choice.leave:
                leave |= companion_bit[who]
            for who in choice.recruit:
                recruit |= companion_bit[who]
            for name in choice.set:
                set_mask |= flag_bit[name]
            for name in choice.unset:
                unset_mask |= flag_bit[name]
            conditions = choice.conditions
            tests = tuple(self.compile_test(cond) for cond in conditions) if conditions else ()
            adds = (
                tuple(
                    (self.counter_index[name], delta)
                    for name, delta in _counter_changes(choice)
                    if name in self.counter_index
                )
                if choice.help_received or choice.help_given or choice.add
                else ()
            )
            target_scene = self.scenes[target]
            out.append(  # the fields of ChoiceCode, in order
                (
                    c,  # position
                    target,
                    need,
                    tests,
                    self.once_bit.get((s, c), 0) if choice.once else 0,  # once_bit
                    leave,
                    recruit,
                    set_mask,
                    unset_mask,
                    adds,
                    bool(choice.help_received),  # helps
                    target_scene.chapter != scene.chapter,  # crosses
                    target_scene.ending is not None,  # ends
                )
            )
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
