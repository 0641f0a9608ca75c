"""`check`: everything the loader finds, plus the proofs from exploring every state."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from game.engine.conditions import VISITS, FlagTest
from game.engine.coverage_words import companion_name, explain_coverage
from game.engine.explore import DEFAULT_MAX_STATES, Exploration, Move, explore
from game.engine.help_detour import help_place
from game.engine.leaving import fold_leaves
from game.engine.loader import LoadResult, collector_paused, load_story
from game.engine.model import Story
from game.engine.problems import Problem, Problems
from game.engine.softlock import Cause, ahead, find_cause
from game.engine.text import fill
from game.engine.words import did_you_mean, name_list, shorten


@dataclass
class CheckReport:
    """The outcome of `check`: every problem, and what the proof covered."""

    load: LoadResult
    exploration: Exploration | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.load.problems.sorted()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def story(self) -> Story | None:
        return self.load.story

    @property
    def ok(self) -> bool:
        return self.load.story is not None and not self.errors


def check_story(root: Path | str, max_states: int = DEFAULT_MAX_STATES) -> CheckReport:
    """Load and check a story folder. Raises NotAStory for a folder that is not a story."""
    with collector_paused():  # see collector_paused: the proof makes no cycles either
        return _check(root, max_states)


def _check(root: Path | str, max_states: int) -> CheckReport:
    load = load_story(root)
    report = CheckReport(load)
    story, problems = load.story, load.problems
    if story is None:
        return report
    flag_and_counter_warnings(story, problems, load)
    if problems.errors or story.start not in story.chapters:
        return report
    report.exploration = explore(story, max_states)
    explain_exploration(story, report.exploration, problems, max_states, load)
    return report


def flag_and_counter_warnings(
    story: Story, problems: Problems, load: LoadResult | None = None
) -> None:
    """Flags tested but never set, set but never tested; the same for counters.

    With `load`, each warning points at the `set`, `if` or `add` line itself, and names
    written in conditions that could not be read count as tested (their error says enough).
    """
    if load is not None and load.unread:
        return  # a file that cannot be read may set or test any of them: its error comes first
    sources = {src.path: src for src in load.files} if load else {}
    unparsed = load.unparsed_names if load else set()
    where: dict[tuple[str, str], tuple[Path, Callable[[], int]]] = {}
    """The first place each name is set, tested, added to or compared: its file, and how to
    find its line (found only for a message: most names need none)."""

    def place(
        chapter, scene, choice, key: str, needle: str, part="choices"
    ) -> tuple[Path, Callable[[], int]]:
        src = sources.get(chapter.file)
        if src is None:
            return chapter.file, lambda: choice.line
        path = ("scenes", scene.id, part, choice.index - 1, key)
        return chapter.file, lambda: src.line_of(needle, *path)

    for chapter in story.chapters.values():
        for scene in chapter.scenes.values():
            for choice in scene.choices:
                for key in ("set", "unset"):
                    for name in getattr(choice, key):
                        if ("set", name) not in where:
                            where["set", name] = place(chapter, scene, choice, key, f'"{name}"')
                for name, _ in choice.add:
                    if ("add", name) not in where:
                        where["add", name] = place(chapter, scene, choice, "add", name)
                for cond in choice.conditions:
                    kind = "test" if isinstance(cond, FlagTest) else "compare"
                    if "." in cond.name or (kind, cond.name) in where:
                        continue
                    where[kind, cond.name] = place(chapter, scene, choice, "if", cond.name)
            for block in scene.when:
                for cond in block.conditions:
                    kind = "test" if isinstance(cond, FlagTest) else "compare"
                    if "." in cond.name or cond.name == VISITS or (kind, cond.name) in where:
                        continue
                    where[kind, cond.name] = place(chapter, scene, block, "if", cond.name, "when")
    flags_set = sorted(name for kind, name in where if kind == "set")
    counters_added = sorted(name for kind, name in where if kind == "add")
    flags_unset = [n for kind, n in where if kind == "test" and ("set", n) not in where]
    counters_unadded = [n for kind, n in where if kind == "compare" and ("add", n) not in where]

    def typo_of(name: str, kind: str, others: list[str]) -> str:
        """` (line N tests 'x': did you mean 'name' there?)` when a name tested (or compared)
        but never set is close to `name`: the first warning of the pair names the typo too."""
        hint = did_you_mean(name, others)
        if not hint:
            return ""
        typo = hint.split("'")[1]
        _file, line_of = where[kind, typo]
        verb = "tests" if kind == "test" else "compares"
        return f" (line {line_of()} {verb} '{typo}': did you mean '{name}' there?)"

    for (kind, name), (file, line_of) in sorted(where.items()):
        if kind == "test" and ("set", name) not in where:
            hint = did_you_mean(name, flags_set)
            problems.warning(
                file,
                line_of(),
                f"flag '{name}' is tested but never set{hint}: "
                'it is always off (set it with set = "%s")' % name,
            )
        elif kind == "set" and ("test", name) not in where and name not in unparsed:
            problems.warning(
                file,
                line_of(),
                f"flag '{name}' is set but never tested"
                + (
                    typo_of(name, "test", flags_unset)
                    or f' (test it with if = "{name}", or remove it)'
                ),
            )
        elif kind == "compare" and ("add", name) not in where:
            hint = did_you_mean(name, counters_added)
            problems.warning(
                file,
                line_of(),
                f"counter '{name}' is compared but never added to{hint}: it is always 0",
            )
        elif kind == "add" and ("compare", name) not in where and name not in unparsed:
            problems.warning(
                file,
                line_of(),
                f"counter '{name}' is added to but never compared"
                + (
                    typo_of(name, "compare", counters_unadded)
                    or f' (compare it with if = "{name} >= 1", or remove it)'
                ),
            )


WAY_LINES = 16
"""A way through longer than this is shown with its middle shortened: with the message above it
(four lines when folded on an 80-column terminal) and the tally below, it fits 23 rows of a
24-line screen, the last row left for the prompt."""
WAY_HEAD = 4


def describe_way(
    moves: list[Move], first: int = 0, names: Mapping[str, str] | None = None
) -> list[str]:
    """The way through, one numbered choice a line, from the choice that entered the chapter
    (`first` counts the choices before it, which are summed up in one line). A way longer than
    WAY_LINES keeps its first few choices and its last ones, the ones nearest the problem.
    With `names`, placeholders are filled in, as the game shows the choices."""
    if not moves:
        return ["(right at the start of the story)"]
    first = max(0, min(first, len(moves) - 1))
    lines = []
    if first:
        lines.append(f"(after {first} choice{'s' if first != 1 else ''} that reach the chapter)")
    numbered = list(enumerate(moves[first:], start=first + 1))
    if len(numbered) > WAY_LINES:
        tail = WAY_LINES - WAY_HEAD - 1
        skipped = len(numbered) - WAY_HEAD - tail
        shown = [*numbered[:WAY_HEAD], None, *numbered[-tail:]]
    else:
        skipped, shown = 0, list(numbered)
    for item in shown:
        if item is None:
            lines.append(f"... ({skipped:,} more choices) ...")
            continue
        number, move = item
        text = move.choice.text if names is None else fill(move.choice.text, names)
        text = shorten(" ".join(text.split()), 80)
        lines.append(f'{number}. at {move.scene.ref}: "{text}"')
    return lines


def _recruited_past_help(story: Story, moves: list[Move]) -> tuple[Move, str, str] | None:
    """On a way through a chapter with no help: the last choice that recruits a friend whose
    help the chapter accepts elsewhere, and where to send it (`help_place`), or None."""
    for move in reversed(moves):
        for who in move.choice.recruit:
            place = help_place(story, move.scene, move.choice, who)
            if place is not None:
                return move, who, place
    return None


def explain_exploration(
    story: Story,
    found: Exploration,
    problems: Problems,
    max_states: int,
    load: LoadResult | None = None,
) -> None:
    names = story.names(story.hero_name)
    for chapter_id, way, entry in found.teamwork_breaks:
        chapter = story.chapters[chapter_id]
        last = way[-1]
        target = story.scene(last.choice.target)
        if target.ending is not None:
            done, goes = "finished", f"reaches the ending '{target.ending}'"
        else:
            done, goes = "left", f"leaves for '{last.choice.target}'"
        line, fix = last.choice.line, "make the way on need a friend's help"
        recruited = _recruited_past_help(story, way[entry:])
        if recruited is not None:
            move, who, place = recruited
            line = move.choice.line
            shown = shorten(" ".join(fill(move.choice.text, names).split()), 60)
            fix = (
                f'"{shown}" recruits {companion_name(story, who)} but goes on before any help: '
                f"in that choice, write {place}"
            )
        problems.error(
            chapter.file,
            line,
            f"teamwork rule: chapter '{chapter_id}' can be {done} without help: the way below "
            f"{goes} with no help = ... in this chapter; {fix}",
            ["the way through:", *describe_way(way, entry, names)],
        )
    sources = {src.path: src for src in load.files} if load else {}
    stuck_scenes = []
    knock_ons: list[str] = []
    """What other warnings say when they only repeat a softlock's cause ("Tam is never in the
    party here", after the leave that sent Tam away)."""
    causes: list[Cause] = []
    for scene, way, dead_end, entry in found.softlocks:
        stuck_scenes.append(scene)
        chapter = story.chapters[scene.chapter]
        cause = find_cause(story, scene, way, sources)
        notes = ["the way there:", *describe_way(way, entry, names)]
        if cause is not None:
            causes.append(cause)
            problems.error(cause.file, cause.line, cause.message, notes)
            if cause.same_as:
                problems.items = [
                    p for p in problems.items if not p.message.startswith(cause.same_as)
                ]
            knock_ons.extend(cause.knock_on)
            continue
        what = "no choice is available there" if dead_end else "no ending can be reached from there"
        more = found.stuck_states - 1
        problems.error(
            chapter.file,
            scene.line,
            f"softlock: the hero can get stuck in scene '{scene.id}': {what}"
            + (
                f" ({more} other stuck situation{'s' if more != 1 else ''} in all)"
                if more > 0 and len(found.softlocks) == 1
                else ""
            ),
            notes,
        )
    if not found.complete:
        limit = (
            f"about 1 GiB of memory ({found.states:,} game states)"
            if found.memory_full
            else f"{max_states:,} game states"
        )
        unbounded = []
        if found.unbounded_counters:
            unbounded.append(
                "counters that some choices raise and others lower have no limit: "
                + name_list(found.unbounded_counters)
            )
        problems.warning(
            story.file,
            1,
            f"the story is too large to prove within {limit}: "
            "the teamwork rule and softlocks were checked only that far",
            unbounded,
        )
        return
    after_stuck = {s.ref for stuck in stuck_scenes for s in ahead(story, stuck)}
    """Scenes a softlock's way leads on to: their "can never be reached" is the softlock's."""
    for chapter in story.chapters.values():
        missed = [
            s
            for s in chapter.scenes.values()
            if s.ref not in found.visited_scenes and s.ref not in after_stuck
        ]
        if missed and len(missed) == len(chapter.scenes):
            problems.warning(
                chapter.file,
                chapter.line,
                f"chapter '{chapter.id}' can never be reached: no choice leads into it",
            )
            continue
        for scene in missed:
            problems.warning(chapter.file, scene.line, f"scene '{scene.id}' can never be reached")
    if found.coverage is not None:
        stuck = {s.ref for s in stuck_scenes} | after_stuck
        explain_coverage(story, found.coverage, problems, stuck)
    if knock_ons:
        problems.items = [
            p for p in problems.items if p.is_error or not any(k in p.message for k in knock_ons)
        ]
    if found.coverage is not None:
        fold_leaves(story, found.coverage, found.visited_scenes, problems, sources, causes)
