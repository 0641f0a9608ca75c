"""What a friend's leaving for good makes impossible later, said once at the `leave`.

A `leave` that gets nobody stuck can still make later choices, `when` texts and scenes
impossible: `fold_leaves` says so once, at the `leave`, and lists them below it, instead of
one warning at each (and none at the cause). A `leave` that gets the hero stuck is a
softlock's cause (softlock.py): its error says enough, and what it stops is only taken out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.conditions import FlagTest
from game.engine.coverage import Coverage, Never, Unmet
from game.engine.model import Choice, Scene, Story
from game.engine.problems import Problems
from game.engine.softlock import Cause, Rejoins, ahead, choice_line
from game.engine.text import fill
from game.engine.words import shorten

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
    warned: list[tuple[Scene, Choice, str]] = []
    for scene in story.scenes():
        if scene.ref not in visited:
            continue
        for choice in scene.choices:
            for who in choice.leave:
                if (scene.ref, choice.index, who) not in said:
                    warned.append((scene, choice, who))
    folds = {leave: fold_of_leave(story, coverage, visited, leave) for leave, _ in leaves}
    folds.update((leave, fold_of_leave(story, coverage, visited, leave)) for leave in warned)
    warned = [  # a leave that nothing later needs the friend for: only flags, said elsewhere
        leave
        for leave in warned
        if any(_gone(u, leave[2], set()) for n in folds[leave].never for u in n.unmet)
    ]
    places = {
        leave: (
            problems.display_name(story.chapters[leave[0].chapter].file),
            choice_line(story, sources, leave[0], leave[1], "leave", f'"{leave[2]}"'),
            _fold_message(story, folds[leave], leave),
        )
        for leave in warned
    }
    warned.sort(key=places.__getitem__)  # as they are printed: "listed above" must be true
    leaves += [(leave, True) for leave in warned]
    taken: set[tuple[str, int]] = set()
    listed: dict[tuple[str, int], tuple[str, str]] = {}
    """What a warning printed so far lists below it, and under which `leave` (its words and
    its file)."""
    for leave, warn in leaves:
        fold = folds[leave]
        spots = [(n.scene, n.item.line, f"scene '{n.scene.id}', ") for n in fold.never]
        spots += [(s, s.line, f"scene '{s.id}' can never be reached") for s in fold.scenes]
        spots = [spot for spot in spots if (spot[0].ref, spot[1]) not in taken]
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
        scene, choice, _who = leave
        file, line, message = places[leave]
        here = f"scene '{scene.id}', choice {choice.index}"
        problems.warning(
            story.chapters[scene.chapter].file,
            line,
            message,
            _fold_notes(story, problems, fold, listed, (here, file)),
        )


def _fold_message(story: Story, fold: Fold, leave: tuple[Scene, Choice, str]) -> str:
    """What the `leave` makes impossible, counted, and what to change."""
    scene, choice, who = leave
    name = story.companions[who].name if who in story.companions else who
    count = len(fold.never) + len(fold.scenes)
    things = f"{count} things" if count != 1 else "1 thing"
    return (
        f"scene '{scene.id}', choice {choice.index}: {name} leaves here for good, so {things} "
        f'later can never happen (below): remove leave = "{who}", or recruit {name} again later'
    )


def _fold_notes(
    story: Story,
    problems: Problems,
    fold: Fold,
    listed: dict[tuple[str, int], tuple[str, str]],
    here: tuple[str, str],
) -> list[str]:
    """One line for each thing the `leave` stops (the first few, then how many more). What a
    warning above lists already is only counted, with where it is listed (`listed`); what is
    listed here is added to `listed` as `here`: `("scene 'x', choice 2", FILE)`."""
    names = story.names(story.hero_name)
    shown: list[tuple[tuple[str, int] | None, str]] = []
    for never in sorted(fold.never, key=lambda n: not isinstance(n.item, Choice)):
        file = problems.display_name(story.chapters[never.scene.chapter].file)
        item, where = never.item, f"scene '{never.scene.id}'"
        if isinstance(item, Choice):
            text = shorten(" ".join(fill(item.text, names).split()), 50)
            note = f'{file}:{item.line}: {where}, choice {item.index} ("{text}") is never picked'
        else:
            note = f"{file}:{item.line}: {where}, when {item.index} is never shown"
        shown.append(((never.scene.ref, item.line), note))
    for s in fold.scenes:
        file = problems.display_name(story.chapters[s.chapter].file)
        shown.append(((s.ref, s.line), f"{file}:{s.line}: scene '{s.id}' is never reached"))
    above: dict[tuple[str, str], int] = {}
    for spot, _note in shown:
        if spot in listed:
            above[listed[spot]] = above.get(listed[spot], 0) + 1
    fresh = [(spot, note) for spot, note in shown if spot not in listed]
    if len(fresh) > FOLDED_SHOWN + 1:
        fresh = [*fresh[:FOLDED_SHOWN], (None, f"... and {len(fresh) - FOLDED_SHOWN} more")]
    listed.update((spot, here) for spot, _note in fresh if spot is not None)
    notes = [note for _spot, note in fresh]
    for (warning, file), count in above.items():
        elsewhere = f" in {file}" if file != here[1] else ""
        notes.append(f"and {count} more, listed above under {warning}{elsewhere}")
    return notes
