"""The game state: an immutable value. Applying a choice returns a new one."""

from __future__ import annotations

from dataclasses import field, replace
from types import MappingProxyType
from typing import Any

from game.engine.values import frozen


def frozen_counts(counts: dict[str, int] | None = None) -> MappingProxyType:
    """A read-only mapping of counters, with zeros dropped."""
    return MappingProxyType({k: v for k, v in sorted((counts or {}).items()) if v})


@frozen
class Step:
    """One step of the trail: the scene the hero stood in and the choice taken there."""

    scene: str
    """`chapter:scene`."""
    choice: str
    """The choice's key: its `id`, or `#position`."""
    text: str = ""
    """The choice's text as written, for the story so far."""


@frozen
class Origin:
    """Where a playthrough began: the story's start, or a writer's `--at`."""

    scene: str
    party: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()


@frozen
class GameState:
    """Everything a playthrough is, at one moment."""

    hero: str
    scene: str
    """`chapter:scene`."""
    origin: Origin
    party: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    counters: Any = field(default_factory=frozen_counts)
    """Counters, including `help.received`, `help.given` and their per-companion forms."""
    used_once: frozenset[str] = frozenset()
    """`chapter:scene:key` of every `once` choice already picked."""
    trail: tuple[Step, ...] = ()

    @property
    def chapter(self) -> str:
        return self.scene.partition(":")[0]

    @property
    def scene_id(self) -> str:
        return self.scene.partition(":")[2]

    # The Facts protocol, for conditions.
    def flag(self, name: str) -> bool:
        if name.startswith("party."):
            return name[6:] in self.party
        return name in self.flags

    def counter(self, name: str) -> int:
        return self.counters.get(name, 0)

    def help_received(self, who: str | None = None) -> int:
        return self.counter("help.received" + (f".{who}" if who else ""))

    def help_given(self, who: str | None = None) -> int:
        return self.counter("help.given" + (f".{who}" if who else ""))

    def evolve(self, **changes) -> GameState:
        if "counters" in changes:
            changes["counters"] = frozen_counts(dict(changes["counters"]))
        return replace(self, **changes)

    def __hash__(self) -> int:
        return hash(
            (
                self.hero,
                self.scene,
                self.party,
                self.flags,
                tuple(self.counters.items()),
                self.used_once,
                self.trail,
            )
        )
