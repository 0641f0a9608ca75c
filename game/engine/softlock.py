"""Why the hero gets stuck: a softlock's cause, named at the line a writer has to change.

The explorer finds where the hero can get stuck and the shortest way there. That place is
rarely the mistake: a `leave` two chapters earlier, a counter nothing adds to, a flag nothing
sets. Here the way is replayed with the game's own rules, and the choices ahead of the stuck
place (every scene its gotos can lead to, nearest first) are read for a choice that waits for
something that never comes. The first one found is the cause.

A friend who is away counts as coming back only through a choice that can still lead to the
scene that needs them (one in a later chapter does not), and that does not itself need them:
when every way back needs the friend already, that way back is the cause.

A `leave` that gets nobody stuck can still make later choices, `when` texts and scenes
impossible: `fold_leaves` says so once, at the `leave`, and lists them below it, instead of
one warning at each (and none at the cause).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.conditions import CounterTest, FlagTest
from game.engine.coverage import Coverage, Never, Unmet
from game.engine.explore import Move
from game.engine.model import Choice, Scene, Story
from game.engine.problems import Problems
from game.engine.rules import RuleError, apply_choice, new_game
from game.engine.state import GameState
from game.engine.text import fill
from game.engine.words import did_you_mean, shorten

QUOTED_ROOM = 168
"""A message that quotes a choice's text shortens it to stay within this many characters
(with the file and line before it, a line of about 200)."""


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
        src = sources.get(story.chapters[scene.chapter].file)
        if src is None:
            return choice.line
        return src.line_of(needle, "scenes", scene.id, "choices", choice.index - 1, key)

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


def help_detour(story: Story, scene: Scene, choice: Choice, who: str) -> str:
    """Where to send `choice` (in `scene`), which recruits `who`, once it asks for no help of
    its own: when the way on from it can leave the chapter with no help accepted (the
    teamwork rule), the scene of a choice of the chapter that accepts `who`'s help, as words
    to add to the advice ("" when the way on meets help anyway, or nothing there accepts it)."""
    place = help_place(story, scene, choice, who)
    if place is None:
        return ""
    return (
        "; its way on leaves the chapter before anyone helps (the teamwork rule), so also write "
        + place
    )


def help_place(story: Story, scene: Scene, choice: Choice, who: str) -> str | None:
    """`goto = "gate", where "Ask Tam to lift you up" accepts Tam's help`: where a choice that
    recruits `who` and goes on with no help in its chapter could lead instead, so the hero
    asks `who` next; None when its way on meets help anyway, or nothing there accepts it."""
    chapter = story.chapters[scene.chapter]
    if not _reached_without_help(story, scene.chapter, scene.ref):
        return None  # help is accepted before it, whatever it does
    if not _leaves_without_help(story, scene.chapter, choice.target):
        return None
    names = story.names(story.hero_name)
    for other in chapter.scenes.values():
        for helped in other.choices:
            if helped is choice or who not in helped.help_received or who in helped.recruit:
                continue
            if other.ref == choice.target:
                return None
            shown = shorten(" ".join(fill(helped.text, names).split()), 60)
            name = story.companions[who].name if who in story.companions else who
            return f'goto = "{other.id}", where "{shown}" accepts {name}\'s help'
    return None


def _leaves_without_help(story: Story, chapter: str, target: str) -> bool:
    """Whether some way from the scene `target` leaves `chapter` (or reaches an ending) through
    choices that accept no help, whatever their conditions."""
    return _help_free(story, chapter, [target])[1]


def _reached_without_help(story: Story, chapter: str, ref: str) -> bool:
    """Whether the scene `ref` can be reached from where the hero enters `chapter` (its start,
    or a scene another chapter leads to) through choices that accept no help."""
    entries = [f"{chapter}:{story.chapters[chapter].start}"]
    for scene in story.scenes():
        if scene.chapter != chapter:
            entries.extend(c.target for c in scene.choices if c.target.startswith(f"{chapter}:"))
    return ref in _help_free(story, chapter, entries)[0]


def _help_free(story: Story, chapter: str, starts: list[str]) -> tuple[set[str], bool]:
    """The scenes of `chapter` reached from `starts` through choices that accept no help, and
    whether such a way leaves the chapter (or reaches an ending)."""
    seen: set[str] = set()
    work = list(starts)
    leaves = False
    while work:
        ref = work.pop()
        if ref in seen or not story.has_scene(ref):
            continue
        here = story.scene(ref)
        if here.chapter != chapter or here.ending is not None:
            leaves = True
            if here.chapter != chapter:
                continue
        seen.add(ref)
        work.extend(c.target for c in here.choices if not c.help_received)
    return seen, leaves


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


FOLDED_SHOWN = 5
"""The knock-ons of a `leave` listed under its warning; the rest are counted."""


@dataclass
class Fold:
    """What a `leave` makes impossible later: choices, `when` texts and scenes."""

    never: list[Never]
    scenes: list[Scene]


def _gone(unmet: Unmet, who: str, dead_flags: set[str]) -> bool:
    """Whether `unmet` says only that `who` is away, or a flag only `who` turned on is off."""
    if unmet.condition is None:
        return unmet.companion == who
    cond = unmet.condition
    if not isinstance(cond, FlagTest) or cond.negated:
        return False
    return cond.name == f"party.{who}" or cond.name in dead_flags


def fold_of_leave(
    story: Story, coverage: Coverage, visited: set[str], leave: tuple[Scene, Choice, str]
) -> Fold:
    """The choices never picked, the `when` texts never shown and the scenes never reached
    after `leave` only because the friend who leaves there never comes back."""
    scene, choice, who = leave
    if not story.has_scene(choice.target):
        return Fold([], [])
    later = ahead(story, story.scene(choice.target))
    rejoins = Rejoins(story, later)
    after = {s.ref for s in later if not rejoins.before(who, s)}
    dead_flags: set[str] = set()
    folded: dict[tuple[str, str, int], Never] = {}
    lost: dict[str, Scene] = {}
    while True:
        for never in [*coverage.never_picked, *coverage.never_shown]:
            key = (never.scene.ref, type(never.item).__name__, never.item.index)
            if key in folded or never.scene.ref not in after or not never.unmet:
                continue
            if all(_gone(u, who, dead_flags) for u in never.unmet):
                folded[key] = never
        dead = {(ref, i) for ref, kind, i in folded if kind == "Choice"}
        entered: dict[str, bool] = {}
        for s in story.scenes():
            alive = s.ref in visited and s.ref not in lost
            for c in s.choices:
                live = alive and (s.ref, c.index) not in dead
                entered[c.target] = entered.get(c.target, False) or live
        newly = {
            s.ref: s
            for s in later
            if s.ref not in visited and s.ref not in lost and not entered.get(s.ref, False)
        }
        setters: dict[str, bool] = {}
        for s in story.scenes():
            alive = s.ref in visited and s.ref not in lost and s.ref not in newly
            for c in s.choices:
                for name in c.set:
                    live = alive and (s.ref, c.index) not in dead
                    setters[name] = setters.get(name, False) or live
        flags = {name for name, live in setters.items() if not live}
        if not newly and flags <= dead_flags:
            break
        lost.update(newly)
        dead_flags |= flags
    order = {s.ref: n for n, s in enumerate(later)}
    return Fold(
        sorted(folded.values(), key=lambda n: (order[n.scene.ref], n.item.line)),
        sorted(lost.values(), key=lambda s: order[s.ref]),
    )


def fold_leaves(
    story: Story,
    coverage: Coverage,
    visited: set[str],
    problems: Problems,
    sources: dict[Path, Any],
    causes: list[Cause],
) -> None:
    """Say once, at the `leave` line, what a friend's leaving for good makes impossible
    later, instead of one warning at each thing it stops. A softlock's cause (in `causes`)
    already says so: its knock-ons are only taken out."""
    if not (coverage.never_picked or coverage.never_shown or causes):
        return
    leaves: list[tuple[tuple[Scene, Choice, str], bool]] = [
        (c.leave, False) for c in causes if c.leave is not None
    ]
    said = {(lv[0].ref, lv[1].index, lv[2]) for lv, _ in leaves}
    for scene in story.scenes():
        if scene.ref not in visited:
            continue
        for choice in scene.choices:
            for who in choice.leave:
                if (scene.ref, choice.index, who) not in said:
                    leaves.append(((scene, choice, who), True))
    taken: set[tuple[str, int]] = set()
    for leave, warn in leaves:
        fold = fold_of_leave(story, coverage, visited, leave)
        spots = [(n.scene, n.item.line, f"scene '{n.scene.id}', ") for n in fold.never]
        spots += [(s, s.line, f"scene '{s.id}' can never be reached") for s in fold.scenes]
        spots = [spot for spot in spots if (spot[0].ref, spot[1]) not in taken]
        who = leave[2]
        if warn and not any(_gone(u, who, set()) for n in fold.never for u in n.unmet):
            continue  # nothing later needs the friend who leaves: only flags, said elsewhere
        gone = set()
        for where, line, start in spots:
            file = problems.display_name(story.chapters[where.chapter].file)
            gone.add((file, line, start))
            taken.add((where.ref, line))
        before = len(problems.items)
        problems.items = [
            p
            for p in problems.items
            if p.is_error
            or not any(
                p.file == f and p.line == ln and p.message.startswith(st) for f, ln, st in gone
            )
        ]
        if not warn or len(problems.items) == before:
            continue
        scene, choice, who = leave
        problems.warning(
            story.chapters[scene.chapter].file,
            _line_of(story, sources, scene, choice, "leave", f'"{who}"'),
            _fold_message(story, fold, leave),
            _fold_notes(story, problems, fold),
        )


def _line_of(story: Story, sources, scene: Scene, choice: Choice, key: str, needle: str) -> int:
    src = sources.get(story.chapters[scene.chapter].file)
    if src is None:
        return choice.line
    return src.line_of(needle, "scenes", scene.id, "choices", choice.index - 1, key)


def _fold_message(story: Story, fold: Fold, leave: tuple[Scene, Choice, str]) -> str:
    scene, choice, who = leave
    name = story.companions[who].name if who in story.companions else who
    count = len(fold.never) + len(fold.scenes)
    things = f"{count} things" if count != 1 else "1 thing"
    return (
        f"scene '{scene.id}', choice {choice.index}: {name} leaves here for good, so {things} "
        f'later can never happen (below): remove leave = "{who}", or recruit {name} again later'
    )


def _fold_notes(story: Story, problems: Problems, fold: Fold) -> list[str]:
    names = story.names(story.hero_name)
    notes = []
    for never in sorted(fold.never, key=lambda n: not isinstance(n.item, Choice)):
        file = problems.display_name(story.chapters[never.scene.chapter].file)
        item, where = never.item, f"scene '{never.scene.id}'"
        if isinstance(item, Choice):
            text = shorten(" ".join(fill(item.text, names).split()), 50)
            notes.append(
                f'{file}:{item.line}: {where}, choice {item.index} ("{text}") is never picked'
            )
        else:
            notes.append(f"{file}:{item.line}: {where}, when {item.index} is never shown")
    for s in fold.scenes:
        file = problems.display_name(story.chapters[s.chapter].file)
        notes.append(f"{file}:{s.line}: scene '{s.id}' is never reached")
    if len(notes) > FOLDED_SHOWN + 1:
        notes = [*notes[:FOLDED_SHOWN], f"... and {len(notes) - FOLDED_SHOWN} more"]
    return notes
