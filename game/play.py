"""`python -m game [options]`: play the story, full screen or `--plain` (README.md, "Playing").

The story is checked before the game starts: a story with errors does not start
(check's report, exit 2). A story that passed is remembered by a fingerprint of
its files and the game's version (in the saves folder), so it is proved once.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import os
import re
import sys
from pathlib import Path

from game.engine import clean_name
from game.launch import Launch
from game.locations import default_story_dir, saves_dir

CHECKED_NAME = ".checked-stories"
"""In the saves folder: fingerprints of stories that passed `check`, one a line."""
CHECKED_KEEP = 32
_HEX = re.compile(r"[0-9a-f]{64}")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m game",
        description="Stronger Together: a terminal adventure about teamwork.",
        epilog="Writers' commands: check, map, test, new, stats, saves "
        "(for example: python -m game check --help).",
    )
    p.add_argument("--story", metavar="DIR", type=Path, help="play another story folder")
    p.add_argument("--saves", metavar="DIR", type=Path, help="keep saves in this folder")
    p.add_argument(
        "--plain", action="store_true", help="line-by-line play: no full-screen UI (pipes too)"
    )
    p.add_argument("--name", metavar="N", help="the hero's name for a new game")
    p.add_argument(
        "--players",
        metavar="A,B",
        default="",
        help="two players take turns (a child and a grown-up); the first name is the hero's",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--continue", dest="continue_", action="store_true", help="resume the newest save"
    )
    which.add_argument("--load", metavar="FILE", type=Path, help="resume this save")
    p.add_argument("--at", metavar="CHAPTER:SCENE", help="writers: start a new game at this scene")
    p.add_argument("--party", metavar="A,B", default="", help="with --at: who is in the party")
    p.add_argument("--set", metavar="F,G", default="", help="with --at: which flags are on")
    return p


def _names(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))


def main(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    launch = Launch(
        name=(clean_name(args.name) or None) if args.name else None,
        continue_=args.continue_,
        load=args.load,
        at=args.at,
        party=_names(args.party),
        flags=_names(args.set),
        players=tuple(clean_name(n) for n in args.players.split(",")) if args.players else (),
    )
    if args.players and (len(launch.players) != 2 or not all(launch.players)):
        p.error("--players takes two names, like --players Mia,Dad")
    if args.players and launch.players[0] == launch.players[1]:
        p.error("--players: the two players need different names")
    if args.players and args.name:
        p.error("--players names the hero already (the first name): leave out --name")
    if args.continue_ or args.load:
        given = [
            option
            for option, value in (
                ("--name", args.name),
                ("--at", args.at),
                ("--party", args.party),
                ("--set", args.set),
                ("--players", args.players),
            )
            if value
        ]
        if given:
            what = "--continue" if args.continue_ else "--load"
            p.error(f"{', '.join(given)} start a new game: leave out {what}")
    story_dir = args.story or default_story_dir()
    folder = saves_dir(args.saves)
    story = ready_story(story_dir, folder)
    if story is None:
        return 2
    problem = launch_problem(story, launch)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from game.engine import SaveStore

    store = SaveStore(folder)
    if not args.plain and not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("(not a terminal: playing line by line, as with --plain)", file=sys.stderr)
        args.plain = True
    if args.plain:
        gc.enable()  # paused for the full-screen game's start (game/__main__.py)
        from game.plain import run_plain

        return run_plain(story, store, launch)
    from game.ui.app import run_game

    return run_game(story, story_dir, store, launch)


def launch_problem(story, launch: Launch) -> str | None:
    """Why `--at`, `--party` or `--set` cannot start a game in this story, if they cannot."""
    from game.engine import FLAG, RuleError, did_you_mean, resolve_at

    if launch.at:
        try:
            resolve_at(story, launch.at)
        except RuleError as exc:
            return f"--at {launch.at}: {exc}"
    for who in launch.party:
        if who not in story.companions:
            return (
                f"--party: '{who}' is not a companion of this story"
                f"{did_you_mean(who, story.companions)}"
            )
    for flag in launch.flags:
        if not FLAG.match(flag):
            return f"--set: '{flag}' is not a flag name (letters, digits, '-' and '_')"
    if launch.load is not None and not Path(launch.load).is_file():
        return f"--load: there is no save file {launch.load}"
    return None


def ready_story(story_dir: Path, folder: Path):
    """The story, loaded and proved (once per version of its files); None after printing why.

    A story that passed is kept ready in the saves folder (`game.engine.kept_story`): the
    next start with the same files takes it from there instead of reading them again."""
    from game.engine import NotAStory, keep_story, kept_story

    try:
        fingerprint = story_fingerprint(story_dir)
    except NotAStory as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if fingerprint in checked(folder):
        story = kept_story(folder, story_dir, fingerprint)
        if story is not None:
            return story
        from game.engine import load_story

        result = load_story(story_dir)
        if result.ok and result.story is not None:
            keep_story(folder, story_dir, fingerprint, result.story)
            return result.story
    from game.engine import check_story

    try:
        report = check_story(story_dir)
    except NotAStory as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if not report.ok:
        for problem in report.errors:
            print(problem.format(), file=sys.stderr)
        errors = len(report.errors)
        print(
            f"{story_dir}: {errors} error{'s' if errors != 1 else ''}: "
            "the story cannot be played until they are fixed "
            f"(python -m game check {story_dir})",
            file=sys.stderr,
        )
        return None
    remember(folder, fingerprint)
    if report.story is not None:
        keep_story(folder, story_dir, fingerprint, report.story)
    return report.story


def story_fingerprint(story_dir: Path) -> str:
    """A hash of the game's version and every file `check` reads. NotAStory when there is none."""
    from game import __version__
    from game.engine import NotAStory, RefusedFile, chapter_files, has_front, story_bytes

    story_dir = Path(story_dir)
    front = story_dir / "story.toml"
    if not story_dir.is_dir():
        raise NotAStory(f"{story_dir}: no such folder")
    if not has_front(story_dir):
        raise NotAStory(f"{story_dir}: not a story folder (it has no story.toml)")
    digest = hashlib.sha256(f"stronger-together {__version__}\n".encode())
    for path in [front, *chapter_files(story_dir)]:
        try:  # the same checks of size and kind as loading: nothing huge is read whole
            data = story_bytes(path, story_dir)
        except (OSError, RefusedFile):
            data = b"\0unreadable"
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def checked(folder: Path) -> list[str]:
    """The fingerprints of stories that passed check, newest last (a file that is not a
    short list of them, however it got there, counts as none and is not read whole)."""
    from game.engine import RefusedFile, story_bytes

    try:
        raw = story_bytes(Path(folder) / CHECKED_NAME, limit=CHECKED_KEEP * 80)
    except (OSError, RefusedFile):
        return []
    return [line for line in raw.decode("ascii", "replace").split() if _HEX.fullmatch(line)]


def remember(folder: Path, fingerprint: str) -> None:
    """Note that a story passed check (atomically, in a temporary file created new with an
    unguessable name; a folder that cannot be written is fine)."""
    import tempfile

    known = [f for f in checked(folder) if f != fingerprint][-(CHECKED_KEEP - 1) :]
    path = Path(folder) / CHECKED_NAME
    temp = None
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f"{CHECKED_NAME}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write("\n".join([*known, fingerprint]) + "\n")
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
