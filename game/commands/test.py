"""`python -m game test [DIR]`: run the story's playtests (DIR/playtests/*.toml)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import say, show, story_arg
from game.locations import default_story_dir


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game test",
        description="Run the story's playtests: the playthroughs kept in DIR/playtests/*.toml.",
    )
    story_arg(parser)
    args = parser.parse_args(argv)
    from game.engine import PLAYTEST_FOLDER, NotAStory, Problems, check_story, run_playtests

    shown = Problems().display_name

    root = args.story or default_story_dir()
    try:
        checked = check_story(root)
    except NotAStory as exc:
        say(f"error: {exc}", file=sys.stderr)
        return 2
    proof_errors = checked.errors if checked.exploration is not None else []
    if proof_errors:
        # The story reads, but check's proofs fail: say so first, then run the playtests,
        # which may show the same mistake as a way that goes wrong.
        for problem in proof_errors:
            show(problem)
        count = len(proof_errors)
        say(
            f"{shown(root)}: the story does not pass check ({count} error"
            f"{'s' if count != 1 else ''} above): the playtests run anyway, but fix "
            f"{'it' if count == 1 else 'them'} first"
        )
    # check's errors went into the same list as the loader's: read the story afresh then.
    report = run_playtests(root, None if proof_errors else checked.load)
    if report.load_problems:
        for problem in report.load_problems:
            show(problem)
        count = len(report.load_problems)
        say(
            f"{shown(root)}: the story has {count} error{'s' if count != 1 else ''}; "
            f"fix {'it' if count == 1 else 'them'} first (python -m game check {root}), "
            "then run the playtests again"
        )
        return 1
    folder = shown(Path(root) / PLAYTEST_FOLDER)
    if not report.files:
        say(
            f"{folder}: no playtests yet. Add a file such as {folder}/my-chapter.toml "
            "with [[playtest]] tables (see story/README.md, 'Playtests')."
        )
        return 1 if proof_errors else 0
    # What passed first, what went wrong last: the problems stay on the screen, next to
    # the tally, however many playtests passed before them.
    for run in report.passed:
        say(f"passed: {run.playtest.file.name}: {' '.join(run.playtest.name.split())}")
    for problem in report.file_problems:
        show(problem)
    for run in report.failed:
        if run.problem is not None:
            show(run.problem)
    passed, failed = len(report.passed), len(report.failed)
    total = passed + failed
    mistakes = len(report.file_problems)
    summary = f"{folder}: {total} playtest{'s' if total != 1 else ''}: {passed} passed"
    summary += f", {failed} failed{_in_files(run.playtest.file for run in report.failed)}"
    if mistakes:
        summary += f", {mistakes} mistake{'s' if mistakes != 1 else ''} in the playtest files"
        summary += _in_files(Path(problem.file) for problem in report.file_problems)
    say(summary)
    return 0 if report.ok and not proof_errors else 1


def _in_files(paths) -> str:
    """` (lake.toml and river.toml)`: which files to open; empty when there are none."""
    names = list(dict.fromkeys(Path(path).name for path in paths))
    if len(names) > 4:
        names = [*names[:3], f"{len(names) - 3} more"]
    if not names:
        return ""
    return f" ({names[0]})" if len(names) == 1 else f" ({', '.join(names[:-1])} and {names[-1]})"
