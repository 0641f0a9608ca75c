"""One module per subcommand of `python -m game`; each has `main(argv) -> int`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class CommandExit(Exception):
    """Stop a command with this exit code (its message was already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def load_or_report(root: Path):
    """Load a story for a writer's command. A folder that is not a story: exit 2; a front
    page (story.toml) too broken to build a story from: its problems printed, exit 1.
    Returns the LoadResult, whose story may still have errors in its chapters."""
    from game.engine import NotAStory, load_story

    try:
        load = load_story(root)
    except NotAStory as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise CommandExit(2) from None
    if load.story is None:
        for problem in load.problems.sorted():
            show(problem)
        print(f"{root}: story.toml has errors: fix them first (python -m game check)")
        raise CommandExit(1)
    return load


def report_width(stream=None) -> int:
    """How wide a report's lines may be: a terminal's width (60 at least), so a message folds
    between words rather than the terminal cutting a word in two; else LINE_LIMIT (200), for
    files, pipes and editors."""
    import shutil

    from game.engine import LINE_LIMIT

    stream = stream if stream is not None else sys.stdout
    try:
        shown = stream.isatty()
    except (AttributeError, ValueError):
        shown = False
    if not shown:
        return LINE_LIMIT
    return max(60, min(LINE_LIMIT, shutil.get_terminal_size((LINE_LIMIT, 24)).columns - 1))


def say(line: str, file=None) -> None:
    """Print one line of a report, folded as problems are (`report_width`)."""
    from game.engine import clean, fold

    width = report_width(file)
    lines = [part for piece in clean(line).split("\n") for part in fold(piece, width=width)]
    print("\n".join(lines), file=file)


def show(problem, file=None) -> None:
    """Print a problem, folded to `report_width`."""
    print(problem.format(report_width(file)), file=file)


def story_arg(parser: argparse.ArgumentParser) -> None:
    """The optional STORY folder every writer's command takes."""
    parser.add_argument(
        "story",
        nargs="?",
        type=Path,
        default=None,
        help="the story folder (default: the shipped story)",
    )
