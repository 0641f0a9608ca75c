"""`python -m game stats [DIR]`: how long each chapter is, how hard it is to read, and the
shortest way to each ending.

Words count what a family reads or hears: scene text, its `when` blocks, choices, their
locked hints and replies, endings and their hints, with `{hero}` and companions filled
in. The reading grade is the Flesch-Kincaid grade of a chapter's prose — scene text,
`when` blocks and replies, everything read aloud as the story — (textstat==0.7.8, from
the optional `writers` extra); the `all` row grades the whole story's prose.
The shortest ways come from a breadth-first search over game states with the
engine's own rules, so they are ways a player could really take.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field

from game.commands import story_arg
from game.locations import default_story_dir

MAX_STATES = 200_000
INSTALL_HINT = (
    "reading grades need textstat: pip install -e '.[writers]' "
    "(or pip install textstat==0.7.8); later versions need the internet"
)


@dataclass
class ChapterStats:
    """The numbers for one chapter."""

    id: str
    file: str
    scenes: int
    choices: int
    words: int
    grade: float | None = None
    prose: list[str] = field(default_factory=list, repr=False)
    """The chapter's prose as shown (scene text, `when` blocks, replies): what is graded."""


@dataclass
class Way:
    """The shortest way from the story's start to one ending scene."""

    ending: str
    scene: str
    steps: list[tuple[str, str]] = field(default_factory=list)
    """(scene ref, the choice's text as written), in order."""


def word_count(text: str) -> int:
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])


def chapter_stats(story, reading_grade=None) -> list[ChapterStats]:
    """Scenes, choices, words and (when `reading_grade` is given) the grade of each chapter."""
    from game.engine import render_line, render_plain

    names = story.names(story.hero_name)
    out = []
    for chapter in story.chapters.values():
        prose: list[str] = []
        lines: list[str] = []
        choices = 0
        for scene in chapter.scenes.values():
            prose.append(render_plain(scene.text, names))
            prose.extend(render_plain(block.text, names) for block in scene.when)
            lines.extend(render_line(line, names) for line in (scene.ending, scene.hint) if line)
            for choice in scene.choices:
                choices += 1
                lines.extend(
                    render_line(line, names) for line in (choice.text, choice.locked) if line
                )
                if choice.reply:
                    prose.append(render_plain(choice.reply, names))
        words = sum(word_count(text) for text in prose + lines)
        stats = ChapterStats(
            chapter.id, chapter.file.name, len(chapter.scenes), choices, words, prose=prose
        )
        stats.grade = grade_of(prose, reading_grade)
        out.append(stats)
    return out


def grade_of(prose: list[str], reading_grade=None) -> float | None:
    """The reading grade of these passages, or None without textstat or without words."""
    if reading_grade is None or not any(word_count(text) for text in prose):
        return None
    return round(float(reading_grade("\n\n".join(prose))), 1)


def shortest_ways(story, max_states: int = MAX_STATES) -> tuple[list[Way], bool]:
    """The shortest way to every ending scene, and whether the search looked everywhere.

    The ways come from the same search of every game state that `check` makes.
    """
    from game.engine import explore_story

    endings = {s.ref: s.ending for s in story.scenes() if s.ending is not None}
    if not endings or story.start not in story.chapters:
        return [], True
    found = explore_story(story, max_states)
    ways = [
        Way(endings[ref], ref, [(move.scene.ref, move.choice.text) for move in moves])
        for ref, moves in found.ending_ways.items()
    ]
    ways.sort(key=lambda w: (len(w.steps), w.scene))
    return ways, found.complete or len(ways) == len(endings)


def load_textstat():
    """textstat's Flesch-Kincaid grade, or None when textstat is not installed."""
    try:
        import textstat
    except ImportError:
        return None
    return textstat.flesch_kincaid_grade


def fmt_grade(grade: float | None) -> str:
    return "-" if grade is None else f"{grade:.1f}"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game stats",
        description="Words, scenes, choices and reading grade per chapter, "
        "and the shortest way to each ending.",
    )
    story_arg(parser)
    parser.add_argument(
        "--brief", action="store_true", help="list the endings without the choices on the way"
    )
    parser.add_argument(
        "--playtests",
        action="store_true",
        help="print the shortest ways as [[playtest]] tables, ready to keep in playtests/",
    )
    parser.add_argument(
        "--max-states", type=int, default=MAX_STATES, help="how far to search for the endings"
    )
    args = parser.parse_args(argv)
    from game.commands import CommandExit, load_or_report
    from game.engine import render_line

    root = args.story or default_story_dir()
    try:
        load = load_or_report(root)
    except CommandExit as stop:
        return stop.code
    story = load.story
    broken = bool(load.problems.errors)
    ways, complete = ([], True) if broken else shortest_ways(story, args.max_states)
    if args.playtests:
        return print_playtests(story, ways, broken)

    grade = load_textstat()
    stats = chapter_stats(story, grade)
    rows = [["chapter", "file", "scenes", "choices", "words", "reading grade"]]
    for s in stats:
        rows.append(
            [
                s.id,
                s.file,
                str(s.scenes),
                str(s.choices),
                f"{s.words:,}",
                fmt_grade(s.grade),
            ]
        )
    total_words = sum(s.words for s in stats)
    rows.append(
        [
            "all",
            "",
            str(sum(s.scenes for s in stats)),
            str(sum(s.choices for s in stats)),
            f"{total_words:,}",
            fmt_grade(grade_of([text for s in stats for text in s.prose], grade)),
        ]
    )
    title = " ".join(story.title.split()) or str(root)
    print(f"{title}: {len(stats)} chapters, {total_words:,} words")
    print()
    print("\n".join(_table(rows, {2, 3, 4, 5})))
    print()
    if grade is None:
        print(f"(No reading grades: {INSTALL_HINT}.)")
    else:
        print(
            "Reading grade: the Flesch-Kincaid grade of the prose (scene text, when blocks\n"
            "and replies). Grade 2 suits about age 7, grade 5 about age 10; short sentences\n"
            "and short words bring it down."
        )
    print()
    if broken:
        count = len(load.problems.errors)
        print(
            f"The story has {count} error{'s' if count != 1 else ''}: run python -m game check "
            "to see them. The ways to the endings are shown once they are fixed."
        )
        return 1
    names = story.names(story.hero_name)
    endings = sorted({s.ref for s in story.scenes() if s.ending is not None})
    if not endings:
        print('No endings yet: a scene with ending = "..." ends the story.')
        return 0
    print("Shortest way to each ending:")
    for way in ways:
        count = len(way.steps)
        print(f'  "{way.ending}" at {way.scene}: {count} choice{"s" if count != 1 else ""}')
        if args.brief:
            continue
        width = max((len(scene) for scene, _ in way.steps), default=0)
        for number, (scene, text) in enumerate(way.steps, start=1):
            print(f"    {number:>3}. {scene:<{width}}  {render_line(text, names)}")
    reached = {w.scene for w in ways}
    for ref in endings:
        if ref not in reached:
            why = "cannot be reached" if complete else "was not reached within the search"
            print(f'  "{story.scene(ref).ending}" at {ref}: {why}')
    return 0


def print_playtests(story, ways: list[Way], broken: bool) -> int:
    """The shortest ways as playtests, to paste into a file in playtests/."""
    if broken:
        print("The story has errors: run python -m game check first.", file=sys.stderr)
        return 1
    print("# The shortest way to each ending, made by python -m game stats --playtests")
    for way in ways:
        print()
        print("[[playtest]]")
        print(f"name = {json.dumps(f'The shortest way to {way.ending}', ensure_ascii=False)}")
        print("choose = [")
        for _scene, text in way.steps:
            print(f"  {json.dumps(' '.join(text.split()), ensure_ascii=False)},")
        print("]")
        print(
            f"expect = {{ scene = {json.dumps(way.scene)}, "
            f"ending = {json.dumps(way.ending, ensure_ascii=False)} }}"
        )
    return 0
