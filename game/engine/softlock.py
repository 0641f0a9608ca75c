"""Why the hero gets stuck: a softlock's cause, named at the line a writer has to change.

The explorer finds where the hero can get stuck and the shortest way there. That place is
rarely the mistake: a `leave` two chapters earlier, a counter nothing adds to, a flag nothing
sets. Here the way is replayed with the game's own rules, and the choices ahead of the stuck
place (every scene its gotos can lead to, nearest first) are read for a choice that waits for
something that never comes. The first one found is the cause.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.conditions import CounterTest, FlagTest
from game.engine.explore import Move
from game.engine.model import Choice, Scene, Story
from game.engine.rules import RuleError, apply_choice, new_game
from game.engine.state import GameState
from game.engine.text import fill
from game.engine.words import did_you_mean, shorten


@dataclass(frozen=True)
class Cause:
    """The mistake behind a softlock: where it is written and what to change."""

    file: Path
    line: int
    message: str
    same_as: str = ""
    """The start of a warning that says the same thing (it is then not said twice)."""
    knock_on: tuple[str, ...] = ()
    """Words of the warnings that follow from this cause (they are then not said at all)."""


def ahead(story: Story, scene: Scene) -> list[Scene]:
    """Every scene the gotos can lead to from `scene` (itself first), nearest first."""
    seen = {scene.ref}
    order = [scene]
    work = deque([scene])
    while work:
        for choice in work.popleft().choices:
            if choice.target in seen or not story.has_scene(choice.target):
                continue
            seen.add(choice.target)
            nxt = story.scene(choice.target)
            order.append(nxt)
            work.append(nxt)
    return order


def replay(story: Story, way: list[Move]) -> GameState | None:
    """The game state at the end of `way`, by the game's own rules."""
    try:
        state = new_game(story, story.hero_name)
        for move in way:
            state = apply_choice(story, state, move.choice).state
    except (RuleError, KeyError):
        return None
    return state


def find_cause(
    story: Story, stuck: Scene, way: list[Move], sources: dict[Path, Any]
) -> Cause | None:
    """The choice that makes the hero stuck at `stuck` (reached by `way`), or None."""
    state = replay(story, way)
    if state is None:
        return None
    scenes = ahead(story, stuck)
    raised = _raised_counters(story)
    flags_set = {name for s in story.scenes() for c in s.choices for name in c.set}
    recruited = {who for s in scenes for c in s.choices for who in c.recruit}
    names = story.names(story.hero_name)

    def line_of(scene: Scene, choice: Choice, key: str, needle: str) -> int:
        src = sources.get(story.chapters[scene.chapter].file)
        if src is None:
            return choice.line
        return src.line_of(needle, "scenes", scene.id, "choices", choice.index - 1, key)

    for scene in scenes:
        for choice in scene.choices:
            what = f"scene '{scene.id}', choice {choice.index}: softlock"
            for who in _companions_needed(choice):
                if who in state.party or who in recruited:
                    continue
                name = story.companions[who].name if who in story.companions else who
                left = _last_leave(way, who)
                shown = shorten(" ".join(fill(choice.text, names).split()), 40)
                needs = f'{scene.ref} needs {name} ("{shown}")'
                if left is not None:
                    return Cause(
                        story.chapters[left.scene.chapter].file,
                        line_of(left.scene, left.choice, "leave", f'"{who}"'),
                        f"scene '{left.scene.id}', choice {left.choice.index}: softlock: "
                        f"{name} leaves here for good, but {needs}: "
                        f'remove leave = "{who}", or recruit {name} again later',
                        knock_on=(
                            f"{name} is never in the party here",
                            *(f"flag '{f}' is never on here" for f in _set_only_with(story, who)),
                        ),
                    )
                key = (
                    "help"
                    if who in choice.help_received
                    else "needs"
                    if who in choice.needs
                    else "if"
                )
                return Cause(
                    story.chapters[scene.chapter].file,
                    line_of(scene, choice, key, who),
                    f"{what}: this choice needs {name}, but the hero can reach "
                    f"{'it' if scene is stuck else scene.ref} without {name} and nobody "
                    f'asks {name} to join on the way: add recruit = "{who}" to a choice '
                    "before it",
                )
            for cond in choice.conditions:
                if isinstance(cond, CounterTest) and cond.name not in raised:
                    if cond.holds(state):
                        continue
                    hint = did_you_mean(cond.name, raised)
                    return Cause(
                        story.chapters[scene.chapter].file,
                        line_of(scene, choice, "if", cond.name),
                        f"{what}: counter '{cond.name}' is compared but never added to{hint}, "
                        f"so the hero is stuck here: write add = {{ {cond.name} = 1 }} "
                        "on an earlier choice, or change this if",
                        f"counter '{cond.name}' is compared but never added to",
                    )
                if (
                    isinstance(cond, FlagTest)
                    and not cond.negated
                    and "." not in cond.name
                    and cond.name not in flags_set
                ):
                    hint = did_you_mean(cond.name, flags_set)
                    return Cause(
                        story.chapters[scene.chapter].file,
                        line_of(scene, choice, "if", cond.name),
                        f"{what}: flag '{cond.name}' is tested but never set{hint}, "
                        f'so the hero is stuck here: write set = "{cond.name}" '
                        "on an earlier choice, or remove this if",
                        f"flag '{cond.name}' is tested but never set",
                    )
    return None


def _companions_needed(choice: Choice) -> list[str]:
    """Who must be in the party for the choice: `needs`, `help` and `if = "party.ID"`."""
    out = list(choice.required)
    for cond in choice.conditions:
        if isinstance(cond, FlagTest) and not cond.negated and cond.name.startswith("party."):
            out.append(cond.name[len("party.") :])
    return list(dict.fromkeys(out))


def _set_only_with(story: Story, who: str) -> list[str]:
    """Flags that only choices needing `who` turn on: without them, those stay off too."""
    setters: dict[str, list[bool]] = {}
    for scene in story.scenes():
        for choice in scene.choices:
            for name in choice.set:
                setters.setdefault(name, []).append(who in _companions_needed(choice))
    return sorted(name for name, needing in setters.items() if all(needing))


def _last_leave(way: list[Move], who: str) -> Move | None:
    """The last move on the way that sent `who` away (with no recruit after it)."""
    for move in reversed(way):
        if who in move.choice.recruit:
            return None
        if who in move.choice.leave:
            return move
    return None


def _raised_counters(story: Story) -> set[str]:
    """Counters some choice adds to, the help counters included."""
    names: set[str] = set()
    for scene in story.scenes():
        for choice in scene.choices:
            names.update(name for name, _ in choice.add)
            for who in choice.help_received:
                names.update(("help.received", f"help.received.{who}"))
            for who in choice.help_given:
                names.update(("help.given", f"help.given.{who}"))
    return names
