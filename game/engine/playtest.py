"""Playtests: golden playthroughs a writer keeps in `STORY/playtests/*.toml` (story/README.md,
"Playtests").

A playtest names its choices by their text, as the player sees it (`{hero}` and
companions filled in with the story's default names) or as written in the file,
so reordering choices never breaks one. Running it replays those choices with
the engine's own rules and compares where the hero ends up with `expect`.

Everything a writer can get wrong comes back as a Problem with a file and a line.
Reading the files is `playtest_file`; this module runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from game.engine.conditions import FlagTest
from game.engine.loader import LoadResult, load_story
from game.engine.model import Choice, Scene, Story
from game.engine.playtest_file import (
    EXPECT_TABLE,
    FOLDER,
    PLAYTEST_KEYS,
    PLAYTEST_TABLE,
    Expect,
    Pick,
    Playtest,
    read_playtest_file,
)
from game.engine.problems import ERROR, Problem, Problems
from game.engine.rules import (
    RuleError,
    apply_choice,
    available_choices,
    is_available,
    new_game,
    offers,
    once_key,
    scene_text,
)
from game.engine.state import GameState
from game.engine.text import render_line, render_plain
from game.engine.words import did_you_mean, shorten


@dataclass
class Run:
    """The outcome of one playtest: it passed, or a problem says where it went wrong."""

    playtest: Playtest
    problem: Problem | None = None
    state: GameState | None = None
    brief: str = ""
    stuck_on: tuple[str, str] | None = None
    """(scene, choice text) of a step that found no choice, or (scene, what was expected) of
    a playtest that ended somewhere else: playtests that fail the same way are reported in
    full once, then in one line each (`brief`)."""

    @property
    def passed(self) -> bool:
        return self.problem is None


@dataclass
class PlaytestReport:
    """Every playtest of a story folder: what was wrong with the files, and each run."""

    root: Path
    load_problems: list[Problem] = field(default_factory=list)
    """Errors in the story itself: playtests cannot run until they are fixed."""
    file_problems: list[Problem] = field(default_factory=list)
    """Mistakes in the playtest files (syntax, keys, names that lead nowhere)."""
    runs: list[Run] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> list[Run]:
        return [run for run in self.runs if not run.passed]

    @property
    def passed(self) -> list[Run]:
        return [run for run in self.runs if run.passed]

    @property
    def ok(self) -> bool:
        return not self.load_problems and not self.file_problems and not self.failed


def playtest_files(root: Path) -> list[Path]:
    """`ROOT/playtests/*.toml`, by name; drafts (`_`, `.`) left out."""
    folder = Path(root) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.glob("*.toml") if p.is_file() and not p.name.startswith(("_", "."))
    )


def run_playtests(root: Path | str, load: LoadResult | None = None) -> PlaytestReport:
    """Load the story at `root` (unless `load` holds it already) and run all its playtests.
    Raises NotAStory."""
    root = Path(root)
    load = load if load is not None else load_story(root)
    report = PlaytestReport(root, files=playtest_files(root))
    if load.story is None or load.problems.errors:
        report.load_problems = [p for p in load.problems.sorted() if p.is_error]
        return report
    story = load.story
    problems = Problems(root)
    seen: set[tuple[str, str]] = set()
    for path in report.files:
        for playtest in read_playtest_file(story, path, problems):
            run = run_playtest(story, playtest, problems)
            if run.stuck_on is not None and run.problem is not None:
                if run.stuck_on in seen:
                    run.problem = replace(run.problem, message=run.brief, notes=())
                seen.add(run.stuck_on)
            report.runs.append(run)
    report.file_problems = problems.sorted()
    return report


# -- running ------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def shown_text(story: Story, choice: Choice) -> str:
    """A choice's text as the player sees it with the story's default hero name."""
    return render_line(choice.text, story.names(story.hero_name))


def matches(story: Story, choice: Choice, wanted: str) -> bool:
    """Whether `wanted` names `choice`: its text as shown, or as written."""
    wanted = _norm(wanted)
    return wanted in (shown_text(story, choice), _norm(choice.text))


def why_unavailable(story: Story, scene: Scene, choice: Choice, state: GameState) -> str:
    """Why a choice of this scene cannot be picked now, in a writer's words."""
    reasons = []
    if choice.once and once_key(scene, choice) in state.used_once:
        reasons.append("it is a once choice and was already picked")
    missing = [who for who in choice.required if who not in state.party]
    if missing:
        names = ", ".join(story.companions[w].name if w in story.companions else w for w in missing)
        reasons.append(f"{names} must be in the party (party: {_party_words(story, state.party)})")
    for condition in choice.conditions:
        if not condition.holds(state):
            if isinstance(condition, FlagTest):
                reasons.append(f'if "{condition}" does not hold')
            else:
                reasons.append(
                    f'if "{condition}" does not hold ({condition.name} is '
                    f"{state.counter(condition.name)})"
                )
    return "; ".join(reasons) or "it is not available"


def _party_words(story: Story, party) -> str:
    return ", ".join(party) if party else "nobody"


def describe_offers(story: Story, state: GameState) -> list[str]:
    """The choices the player would see at `state`, as lines for a report."""
    scene = story.scene(state.scene)
    if scene.ending is not None:
        return [f"(none: '{scene.ref}' is the ending '{scene.ending}')"]
    lines = []
    shown = offers(story, state)
    available = [o.choice for o in shown if o.available]
    if available:
        lines.append(f"the choices available at {scene.ref}:")
        lines.extend(
            middle_shortened([f'  "{_brief(story, c)}"' for c in available], LIST_SHOWN, "  ")
        )
    else:
        lines.append(f"no choice is available at {scene.ref}")
    hidden = [c for c in scene.choices if c not in available]
    if hidden:
        lines.append("not available there now:")
        reasons = [
            f'  "{_brief(story, choice)}": {why_unavailable(story, scene, choice, state)}'
            for choice in hidden
        ]
        lines.extend(middle_shortened(reasons, LIST_SHOWN, "  "))
    return lines


LIST_SHOWN = 8
"""A failure's lists (the choices there, the lines of the scene) keep this many lines: the
first ones and the last, with one line saying how many are left out between them."""


def middle_shortened(lines: list[str], keep: int, indent: str = "") -> list[str]:
    """`lines`, or past `keep` of them their first and last few around one line saying how
    many were left out: a failure's report stays one screen."""
    if len(lines) <= keep:
        return lines
    head = keep // 2
    tail = keep - head - 1
    skipped = len(lines) - head - tail
    return [*lines[:head], f"{indent}... ({skipped:,} more) ...", *lines[len(lines) - tail :]]


def _brief(story: Story, choice: Choice) -> str:
    """A choice's text as shown, on one line of at most 80 characters."""
    return shorten(" ".join(shown_text(story, choice).split()), 80)


TRAIL_SHOWN = 5
"""The last steps of a playtest's way so far that a failure shows (the ones nearest it)."""


def describe_trail(story: Story, state: GameState) -> list[str]:
    if not state.trail:
        return []
    total = len(state.trail)
    first = max(0, total - TRAIL_SHOWN)
    out = [
        f"the way so far (the last {TRAIL_SHOWN} of {total} choices):"
        if first
        else "the way so far:"
    ]
    names = story.names(state.hero)
    for number, step in enumerate(state.trail[first:], start=first + 1):
        text = shorten(" ".join(render_line(step.text, names).split()), 80)
        out.append(f'  {number}. at {step.scene}: "{text}"')
    return out


def _leads_on(story: Story, state: GameState, choices: list[Choice], rest, expect) -> list:
    """The choices after which the rest of the playtest (`rest`, its later picks) plays on
    furthest, ending where `expect` says when it gets that far: when a choice's text was
    edited, the one the playtest meant. Several when they play on equally far."""
    scores: list[tuple[int, Choice]] = []
    for choice in choices:
        try:
            then = apply_choice(story, state, choice).state
        except RuleError:
            continue
        played = 0
        for pick in rest:
            found = next(
                (c for c in available_choices(story, then) if matches(story, c, pick.text)), None
            )
            if found is None:
                break
            then = apply_choice(story, then, found).state
            played += 1
        if played == len(rest) and _compare(story, expect, then) is None:
            played += 1
        if played:
            scores.append((played, choice))
    best = max((score for score, _ in scores), default=0)
    return [choice for score, choice in scores if score == best]


def run_playtest(story: Story, playtest: Playtest, problems: Problems | None = None) -> Run:
    """Replay one playtest; the Run holds a Problem (file, line, step, choices) when it fails."""
    problems = problems if problems is not None else Problems(story.root)
    run = Run(playtest)
    who = f"playtest '{shorten(_norm(playtest.name), 60)}'"
    try:
        state = new_game(
            story, story.hero_name, at=playtest.start, party=playtest.party, flags=playtest.flags
        )
        if playtest.counters:
            state = state.evolve(counters=dict(playtest.counters))
    except RuleError as exc:
        run.problem = _fail(problems, playtest, f"{who}: cannot start: {exc}")
        return run
    total = len(playtest.picks)
    for number, pick in enumerate(playtest.picks, start=1):
        step = f'step {number} of {total} (line {pick.line}), "{shorten(_norm(pick.text), 50)}"'
        scene = story.scene(state.scene)
        if scene.ending is not None:
            run.problem = _fail(
                problems,
                playtest,
                f"{who}: {step}: the story already ended at {scene.ref} "
                f"(ending '{scene.ending}'); there is nothing left to choose",
                describe_trail(story, state),
            )
            run.state = state
            return run
        available = [o.choice for o in offers(story, state) if o.available]
        chosen = next((c for c in available if matches(story, c, pick.text)), None)
        if chosen is None:
            there = next((c for c in scene.choices if matches(story, c, pick.text)), None)
            if there is not None and not is_available(scene, there, state):
                reason = why_unavailable(story, scene, there, state)
                message = (
                    f"{who}: {step}: that choice is in {scene.ref} but not available: {reason}"
                )
            else:
                texts = [shown_text(story, c) for c in scene.choices]
                hint = did_you_mean(_norm(pick.text), texts)
                if not hint:
                    rest = playtest.picks[number:]
                    meant = _leads_on(story, state, available, rest, playtest.expect)
                    if not meant and len(available) == 1:
                        meant = available  # the last step (or nothing after plays on): the one way
                    if 1 <= len(meant) <= 2:
                        said = " or ".join(f"'{shorten(shown_text(story, c), 60)}'" for c in meant)
                        hint = f" (did you mean {said}?)"
                message = f"{who}: {step}: no choice at {scene.ref} reads like that{hint}"
                run.stuck_on = (scene.ref, _norm(pick.text))
                run.brief = f"{who}: step {number} of {total} (line {pick.line}) fails as above"
            run.problem = _fail(
                problems,
                playtest,
                message,
                [*describe_offers(story, state), *describe_trail(story, state)],
            )
            run.state = state
            return run
        state = apply_choice(story, state, chosen).state
    run.state = state
    mismatch = _compare(story, playtest.expect, state)
    if mismatch:
        notes = [*describe_offers(story, state), *describe_trail(story, state)]
        if mismatch.startswith("expected the scene to show"):
            notes = [*describe_shown(story, state), *notes]
        said = f"{who}: after {total} choice{'s' if total != 1 else ''}: {mismatch}"
        run.problem = _fail(problems, playtest, said, notes)
        run.stuck_on = (state.scene, mismatch)
        run.brief = f"{said} (the same as above)"
    return run


def _compare(story: Story, expect: Expect, state: GameState) -> str | None:
    scene = story.scene(state.scene)
    if expect.scene is not None and state.scene != expect.scene:
        return f"expected to be at {expect.scene}, but the hero is at {state.scene}"
    if expect.ending is not None and scene.ending != expect.ending:
        if scene.ending is None:
            return (
                f"expected the ending '{expect.ending}', but the hero is at {state.scene}, "
                "which is not an ending"
            )
        return f"expected the ending '{expect.ending}', but reached the ending '{scene.ending}'"
    if expect.party is not None and set(expect.party) != set(state.party):
        return (
            f"expected the party to be [{', '.join(expect.party) or 'nobody'}], "
            f"but it is [{', '.join(state.party) or 'nobody'}]"
        )
    shown = _norm(scene_words(story, state))
    written = _norm(scene_text(story, state))
    for words in expect.shown:
        if _norm(words) not in shown and _norm(words) not in written:
            return f'expected the scene to show "{shorten(_norm(words), 60)}", but it does not'
    for key, wanted in (("available", True), ("unavailable", False)):
        for text in getattr(expect, key):
            said = f'expected "{shorten(_norm(text), 60)}" to be {key}, but'
            choice = next((c for c in scene.choices if matches(story, c, text)), None)
            if choice is None:
                return f"{said} no choice at {scene.ref} reads like that"
            if is_available(scene, choice, state) != wanted:
                if wanted:
                    return f"{said} it is not: {why_unavailable(story, scene, choice, state)}"
                return f"{said} it is available"
    return None


def scene_words(story: Story, state: GameState) -> str:
    """The scene's text as the player reads it: `when` blocks included, names filled in."""
    return render_plain(scene_text(story, state), story.names(state.hero))


def describe_shown(story: Story, state: GameState) -> list[str]:
    """What the final scene shows, for a failed `expect.shown`."""
    lines = [f"  {line}" for line in scene_words(story, state).splitlines() if line.strip()]
    return ["what the scene shows:", *middle_shortened(lines, 2 * LIST_SHOWN, "  ")]


def _fail(problems: Problems, playtest: Playtest, message: str, notes=()) -> Problem:
    """A failure, placed at the playtest's own line (its `[[playtest]]`)."""
    file = problems.display_name(playtest.file)
    return Problem(file, playtest.line, ERROR, message, tuple(notes))


__all__ = [
    "EXPECT_TABLE",
    "FOLDER",
    "PLAYTEST_KEYS",
    "PLAYTEST_TABLE",
    "Expect",
    "Pick",
    "Playtest",
    "PlaytestReport",
    "Run",
    "read_playtest_file",
    "run_playtest",
    "run_playtests",
]
