"""`python -m game check [DIR]`: report a story's problems the way compilers do."""

from __future__ import annotations

import argparse
import sys

from game.commands import say, show, story_arg
from game.locations import default_story_dir


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`, `1,000 game states`."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game check", description="Check a story and prove its rules."
    )
    story_arg(parser)
    parser.add_argument(
        "--max-states", type=int, default=None, help="give up proving after this many game states"
    )
    args = parser.parse_args(argv)
    from game.engine import DEFAULT_MAX_STATES, NotAStory, check_story

    root = args.story or default_story_dir()
    try:
        report = check_story(root, args.max_states or DEFAULT_MAX_STATES)
    except NotAStory as exc:
        say(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in report.problems:
        show(problem)
    errors, warnings = len(report.errors), len(report.warnings)
    tally = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if report.ok and report.story is not None:
        story = report.story
        scenes = sum(len(c.scenes) for c in story.chapters.values())
        proof = (
            f"; every way through proved in {plural(report.exploration.states, 'game state')}"
            if report.exploration and report.exploration.complete
            else ""
        )
        say(
            f"{root}: {plural(len(story.chapters), 'chapter')}, {plural(scenes, 'scene')}"
            f"{proof}: {tally}"
        )
    else:
        say(f"{root}: {tally}")
    return 1 if errors else 0
