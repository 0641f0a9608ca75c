"""Why the hero gets stuck: a softlock's cause, named at the line a writer has to change.

The explorer finds where the hero can get stuck and the shortest way there. That place is
rarely the mistake: a `leave` two chapters earlier, a counter nothing adds to, a flag nothing
sets. Here the way is replayed with the game's own rules, and the choices ahead of the stuck
place (every scene its gotos can lead to, nearest first) are read for a choice that waits for
something that never comes. The first one found is the cause.

A friend who is away counts as coming back only through a choice that can still lead to the
scene that needs them (one in a later chapter does not), and that does not itself need them:
when every way back needs the friend already, that way back is the cause.

A `leave` that gets nobody stuck is said once at the `leave` (leaving.py); where to send a
choice that recruits so the hero asks for help next is help_detour.py's.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from game.engine.conditions import CounterTest, FlagTest
from game.engine.explore import Move
from game.engine.model import Choice, Scene, Story
from game.engine.rules import RuleError, apply_choice, new_game
from game.engine.state import GameState
from game.engine.text import fill
from game.engine.values import frozen
from game.engine.words import did_you_mean, shorten

QUOTED_ROOM = 168
"""A message that quotes a choice's text shortens it to stay within this many characters
(with the file and line before it, a line of about 200)."""


@frozen
class Cause:
    """The mistake behind a softlock: where it is written and what to change."""

    file: Path
    line: int
    message: str
    same_as: str = ""
    """The start of a warning that says the same thing (it is then not said twice)."""
    knock_on: tuple[str, ...] = ()
    """Words of the warnings that follow from this cause (they are then not said at all)."""
    leave: tuple[Scene, Choice, str] | None = None
    """For a `leave`: its scene, its choice and who leaves (what only they made possible
    later is then not warned about either)."""


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
    raised = raised_counters(story)
    flags_set = {name for s in story.scenes() for c in s.choices for name in c.set}
    rejoins = Rejoins(story, scenes)
    names = story.names(story.hero_name)

    def line_of(scene: Scene, choice: Choice, key: str, needle: str) -> int:
        return choice_line(story, sources, scene, choice, key, needle)

    for scene in scenes:
        for choice in scene.choices:
            what = f"scene '{scene.id}', choice {choice.index}: softlock"
            for who in _companions_needed(choice):
                if who in state.party or rejoins.before(who, scene):
                    continue
                name = story.companions[who].name if who in story.companions else who
                selfish = rejoins.needing(who)
                if selfish is not None:
                    where, rejoin = selfish
                    key = _key_needing(rejoin, who)
                    only = "the only way" if len(rejoins.found[who]) == 1 else "every way"
                    back = "back" if _last_leave(way, who) else "along"
                    return Cause(
                        story.chapters[where.chapter].file,
                        line_of(where, rejoin, key, who),
                        f"scene '{where.id}', choice {rejoin.index}: softlock: {only} to bring "
                        f"{name} {back} needs {name} already ({_written(key, who)}): "
                        + _undo(key, who, name),
                    )
                left = _last_leave(way, who)
                shown = " ".join(fill(choice.text, names).split())
                if left is not None:
                    head = (
                        f"scene '{left.scene.id}', choice {left.choice.index}: softlock: "
                        f"{name} leaves here for good, but {scene.ref} needs {name}"
                    )
                    tail = f': remove leave = "{who}", or recruit {name} again later'
                    room = max(20, QUOTED_ROOM - len(head) - len(tail) - 4)
                    return Cause(
                        story.chapters[left.scene.chapter].file,
                        line_of(left.scene, left.choice, "leave", f'"{who}"'),
                        f'{head} ("{shorten(shown, room)}"){tail}',
                        knock_on=(
                            f"{name} is never in the party here",
                            *(f"flag '{f}' is never on here" for f in _set_only_with(story, who)),
                        ),
                        leave=(left.scene, left.choice, who),
                    )
                key = _key_needing(choice, who)
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


class Rejoins:
    """The choices ahead of a stuck place that bring a companion back (`recruit`)."""

    def __init__(self, story: Story, scenes: list[Scene]) -> None:
        self.story = story
        self.found: dict[str, list[tuple[Scene, Choice]]] = {}
        for scene in scenes:
            for choice in scene.choices:
                for who in choice.recruit:
                    self.found.setdefault(who, []).append((scene, choice))
        self._ahead: dict[str, set[str]] = {}

    def before(self, who: str, scene: Scene) -> bool:
        """Whether a choice that does not itself need `who` brings `who` back on a way that
        can still lead to `scene` (a friend who joins only in a later chapter is no help)."""
        for _where, choice in self.found.get(who, ()):
            if who in _companions_needed(choice) or not self.story.has_scene(choice.target):
                continue
            after = self._ahead.get(choice.target)
            if after is None:
                after = {s.ref for s in ahead(self.story, self.story.scene(choice.target))}
                self._ahead[choice.target] = after
            if scene.ref in after:
                return True
        return False

    def needing(self, who: str) -> tuple[Scene, Choice] | None:
        """The nearest choice that would bring `who` back but needs `who` already, when no
        other choice brings `who` back."""
        found = self.found.get(who, [])
        if not found or any(who not in _companions_needed(c) for _s, c in found):
            return None
        return found[0]


def _key_needing(choice: Choice, who: str) -> str:
    """The key that makes `choice` need `who`: `help`, `needs` or `if`."""
    if who in choice.help_received:
        return "help"
    return "needs" if who in choice.needs else "if"


def _written(key: str, who: str) -> str:
    """How the writer wrote that the choice needs `who`."""
    return f'if = "party.{who}"' if key == "if" else f'{key} = "{who}"'


def _undo(key: str, who: str, name: str) -> str:
    """What to change so a choice that brings `who` back no longer needs `who`."""
    if key == "if":
        return f'change "party.{who}" in its if to "not party.{who}"'
    later = f" (accept {name}'s help in a later choice)" if key == "help" else ""
    return f'remove {key} = "{who}" here{later}'


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


def raised_counters(story: Story) -> set[str]:
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


def choice_line(
    story: Story, sources: dict[Path, Any], scene: Scene, choice: Choice, key: str, needle: str
) -> int:
    """The line where `needle` is written in `key` of `choice` (the choice's own line when
    the file's text is not at hand)."""
    src = sources.get(story.chapters[scene.chapter].file)
    if src is None:
        return choice.line
    return src.line_of(needle, "scenes", scene.id, "choices", choice.index - 1, key)
