"""Reading playtest files (`STORY/playtests/*.toml`, story/README.md): each `[[playtest]]` table
checked and turned into a Playtest, every mistake a Problem with its file and line.

Running them is `playtest`.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.conditions import HELP_COUNTERS, MAX_NUMBER, VISITS
from game.engine.model import Story
from game.engine.names import FLAG
from game.engine.problems import Problems
from game.engine.reading import SourceFile, read_toml
from game.engine.rules import (
    RuleError,
    resolve_at,
)
from game.engine.tables import check_table, check_top
from game.engine.values import frozen
from game.engine.words import did_you_mean, did_you_mean_companion

FOLDER = "playtests"
PLAYTEST_KEYS = {"playtest"}
PLAYTEST_TABLE = {
    "name": (str, True),
    "start": (str, False),
    "party": ("ids", False),
    "flags": ("ids", False),
    "counters": (dict, False),
    "choose": ("strings", True),
    "expect": (dict, False),
}
EXPECT_TABLE = {
    "scene": (str, False),
    "party": ("ids", False),
    "ending": (str, False),
    "shown": ("strings", False),
    "available": ("strings", False),
    "unavailable": ("strings", False),
}


@frozen
class Pick:
    """One entry of `choose`: the text of a choice, and the line it is written on."""

    text: str
    line: int


@frozen
class Expect:
    """Where the playthrough should stand after its last choice; None means "not checked"."""

    scene: str | None = None
    """`chapter:scene`, resolved."""
    party: tuple[str, ...] | None = None
    ending: str | None = None
    shown: tuple[str, ...] = ()
    """Words the final scene's text must show (its `when` blocks included)."""
    available: tuple[str, ...] = ()
    """Choices (by text) that must be available at the end."""
    unavailable: tuple[str, ...] = ()
    """Choices (by text) of the final scene that must not be available."""


@frozen
class Playtest:
    """One `[[playtest]]` table, read and resolved against the story."""

    name: str
    file: Path
    line: int
    start: str
    """`chapter:scene`, resolved."""
    party: tuple[str, ...]
    picks: tuple[Pick, ...]
    expect: Expect
    flags: tuple[str, ...] = ()
    """Flags on at the start."""
    counters: tuple[tuple[str, int], ...] = ()
    """Counters at the start."""


# -- reading ------------------------------------------------------------------


def read_playtest_file(story: Story, path: Path, problems: Problems) -> list[Playtest]:
    """The playtests of one file; every mistake in it goes to `problems`."""
    src = read_toml(path, problems)
    if src is None:
        return []
    check_top(problems, src, PLAYTEST_KEYS, "a playtest file")
    tables = src.data.get("playtest")
    if tables is None:
        problems.error(
            path,
            1,
            "a playtest file needs at least one [[playtest]] table "
            "with a name and the choices to choose",
        )
        return []
    if isinstance(tables, dict):
        problems.error(
            path,
            src.line("playtest"),
            "write [[playtest]] with two brackets on each side: a file can hold many",
        )
        return []
    if not isinstance(tables, list):
        problems.error(path, src.line("playtest"), "'playtest' should be [[playtest]] tables")
        return []
    source = src.source
    out = []
    for index, table in enumerate(tables):
        playtest = _read_one(story, src, source, index, table, problems)
        if playtest is not None:
            out.append(playtest)
    return out


def _read_one(story, src: SourceFile, source, index, table, problems) -> Playtest | None:
    path = src.path
    where = ("playtest", index)
    line = src.line(*where)
    before = len(problems.errors)
    what = f"playtest {index + 1}"
    if isinstance(table, dict) and isinstance(table.get("name"), str):
        what = f"playtest '{table['name']}'"
    good = check_table(problems, src, table, PLAYTEST_TABLE, where, what)
    if not isinstance(table, dict):
        return None
    if "name" in good and not good["name"].strip():
        problems.error(path, src.line(*where, "name"), f"{what}: 'name' needs a few words")
    start = story.start_ref
    if "start" in good:
        try:
            start = resolve_at(story, good["start"])
        except RuleError as exc:
            chapter, _, scene = good["start"].partition(":")
            said = f"{what}: start '{good['start']}': {exc}"
            if scene == "start" and chapter in story.chapters:
                # `start` is the chapter's own key, not a scene: where it begins, then
                begins = f"{chapter}:{story.chapters[chapter].start}"
                said = (
                    f"{what}: start '{good['start']}': chapter '{chapter}' has no scene "
                    f"'start'; it begins at '{begins}' (write start = \"{begins}\")"
                )
            else:
                said += _where_chapters_begin(story, good["start"])
            problems.error(path, src.line(*where, "start"), said)
    party = _companions(
        story, good.get("party", ()), path, src.line(*where, "party"), what, problems
    )
    flags = _start_flags(story, good.get("flags", ()), src, (*where, "flags"), what, problems)
    counters = _start_counters(
        story, good.get("counters", {}), src, (*where, "counters"), what, problems
    )
    choose = good.get("choose", ())
    if isinstance(choose, str):
        choose = [choose]
    lines = _item_lines(source, src.line(*where, "choose"), "choose", len(choose))
    picks = tuple(
        Pick(text, lines[i] if i < len(lines) else src.line(*where, "choose"))
        for i, text in enumerate(choose)
    )
    expect = Expect()
    if "expect" in good:
        begins = good.get("start", start)  # as written: its chapter, even when it is misspelt
        expect = _read_expect(story, src, where, good["expect"], start, problems, what, begins)
    if len(problems.errors) > before:
        return None
    return Playtest(good["name"], path, line, start, party, picks, expect, flags, counters)


def _start_flags(story: Story, value, src, where, what: str, problems) -> tuple[str, ...]:
    """The `flags` a playtest starts with: the writer's own flag names."""
    names = tuple(dict.fromkeys((value,) if isinstance(value, str) else value))
    for name in names:
        line = src.line_of(f'"{name}"', *where)
        if name.startswith("party."):
            problems.error(
                src.path, line, f"{what}: flags: '{name}' is built in: start with party = [...]"
            )
        elif not FLAG.match(name) or (name == VISITS and story.format >= 2):
            problems.error(
                src.path,
                line,
                f"{what}: flags: '{name}' is not a flag name (letters, digits, '-' and '_')",
            )
    return names


def _start_counters(story: Story, table, src, where, what: str, problems) -> tuple:
    """The `counters` a playtest starts with, such as { courage = 2 }: the writer's own
    counters and the help counters."""
    counters = []
    for name, value in table.items():
        line = src.line(*where, name)
        if name == VISITS and story.format >= 2:
            problems.error(
                src.path, line, f"{what}: counters: 'visits' is counted by the game itself"
            )
        elif not (FLAG.match(name) or _help_counter(story, name)):
            problems.error(
                src.path,
                line,
                f"{what}: counters: '{name}' is not a counter name (letters, digits, '-' and "
                "'_'; or help.received, help.given, help.received.ID, help.given.ID)",
            )
        elif not isinstance(value, int) or isinstance(value, bool) or abs(value) > MAX_NUMBER:
            problems.error(
                src.path,
                line,
                f"{what}: counters: {name} should be a whole number, such as {{ {name} = 2 }}",
            )
        else:
            counters.append((name, value))
    return tuple(counters)


def _help_counter(story: Story, name: str) -> bool:
    for base in HELP_COUNTERS:
        if name == base or (
            name.startswith(base + ".") and name[len(base) + 1 :] in story.companions
        ):
            return True
    return False


def _companions(story: Story, value, path, line, what, problems) -> tuple[str, ...]:
    names = tuple(dict.fromkeys((value,) if isinstance(value, str) else value))
    for who in names:
        if who not in story.companions:
            problems.error(
                path,
                line,
                f"{what}: party: '{who}' is not a companion"
                + did_you_mean_companion(who, story.companions),
            )
    return names


def _read_expect(story, src, where, table, start, problems, what, begins="") -> Expect:
    path = src.path
    good = check_table(problems, src, table, EXPECT_TABLE, (*where, "expect"), f"{what}: expect")
    scene = None
    if "scene" in good:
        scene = _resolve_expected_scene(story, good["scene"], start)
        if scene is None:
            problems.error(
                path,
                src.line(*where, "expect", "scene"),
                f"{what}: expect scene '{good['scene']}' is not a scene of the story"
                f"{did_you_mean(good['scene'], _all_refs(story))}"
                f"{_where_chapters_begin(story, good['scene'])}",
            )
    party = None
    if "party" in good:
        line = src.line(*where, "expect", "party")
        party = _companions(story, good["party"], path, line, f"{what}: expect", problems)
    ending = None
    if "ending" in good:
        ending = good["ending"]
        names = sorted({s.ending for s in story.scenes() if s.ending is not None})
        if ending not in names:
            known = ", ".join(f"'{n}'" for n in names) or "none yet"
            problems.error(
                path,
                src.line(*where, "expect", "ending"),
                f"{what}: expect ending '{ending}' is not the name of an ending"
                f"{did_you_mean(ending, names)} (the story's endings: {known})"
                + (
                    ""
                    if did_you_mean(ending, names)
                    else "; where a chapter goes on to the next, check the scene it reaches "
                    f'instead: expect = {{ scene = "{_way_on(story, begins or start)}" }}'
                ),
            )
    texts = {}
    for key in ("shown", "available", "unavailable"):
        value = good.get(key, ())
        texts[key] = (value,) if isinstance(value, str) else tuple(value)
    return Expect(scene, party, ending, **texts)


def _way_on(story: Story, start: str) -> str:
    """Where the playtest's chapter goes on to, when it goes to one place only; else the
    form to write."""
    chapter = story.chapters.get(start.partition(":")[0])
    if chapter is None:
        return "chapter:scene"
    exits = {
        choice.target
        for scene in chapter.scenes.values()
        for choice in scene.choices
        if not choice.target.startswith(f"{chapter.id}:")
    }
    return exits.pop() if len(exits) == 1 else "chapter:scene"


def _where_chapters_begin(story: Story, written: str) -> str:
    """A hint after a place that names no scene: how to write one, or where its chapter begins."""
    chapter = written.partition(":")[0]
    if ":" in written and chapter in story.chapters:
        return f" (chapter '{chapter}' begins at '{chapter}:{story.chapters[chapter].start}')"
    return " (write chapter:scene)"


def _all_refs(story: Story) -> list[str]:
    return [scene.ref for scene in story.scenes()]


def _resolve_expected_scene(story: Story, text: str, start: str) -> str | None:
    """`chapter:scene`; a bare scene of the start's chapter; or a chapter id (its first scene)."""
    if ":" in text:
        return text if story.has_scene(text) else None
    chapter = start.partition(":")[0]
    if story.has_scene(f"{chapter}:{text}"):
        return f"{chapter}:{text}"
    if text in story.chapters:
        return f"{text}:{story.chapters[text].start}"
    return None


def _item_lines(source: str, key_line: int, key: str, count: int) -> list[int]:
    """The line of each string in the array `key = [...]` written on line `key_line`.

    A light scan, like game.engine.positions: strings, comments and nested
    brackets are followed; anything unexpected gives up (the caller falls back
    to the key's line).
    """
    lines = source.splitlines(keepends=True)
    if not (0 < key_line <= len(lines)) or key not in lines[key_line - 1]:
        return []
    text = "".join(lines[key_line - 1 :])
    i = text.find("=", text.find(key))
    if i < 0:
        return []
    i += 1
    line = key_line
    depth = 0
    found: list[int] = []
    n = len(text)
    while i < n and len(found) < count:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
            if depth == 0:
                break
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth <= 0:
                break
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            if depth == 1 or (depth == 0 and not found):
                found.append(line)
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if text[j] == "\\" and quote[0] == '"':
                    j += 1
                j += 1
            line += text.count("\n", i, j)
            i = j + len(quote)
            continue
        i += 1
    return found
