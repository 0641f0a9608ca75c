"""The command line: play (full screen or `--plain`), or a writer's subcommand.

`python -m game check|map|test|saves|new|stats ...` runs `game.commands.<name>.main`;
anything else plays (`game.play.main`).

Everything a command or `--plain` prints goes through `game.engine.text.clean` on its
way out (`CleanOutput`): a story's, a save's, a file's name or a typed line's escape
codes never reach the terminal, whichever message quotes them. The full-screen game
does the same with a line filter (`game.ui.text.CleanLines`).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from typing import Any, TextIO

from game.engine import clean

COMMANDS = ("check", "map", "test", "saves", "new", "stats")


class CleanOutput:
    """A text stream that writes everything through `clean`: no escape sequence or control
    character (but newline) gets through, however the text was put together."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(clean(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, reconfigure, ...
        return getattr(self.stream, name)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanOutput(out), CleanOutput(err)
    try:
        try:
            return run(argv)
        finally:
            sys.stdout, sys.stderr = out, err
            # Flush here, not at the interpreter's exit: a reader that has gone (`| head`)
            # shows as a BrokenPipeError we can catch, whether the command returned,
            # failed or stopped (argparse's --help).
            out.flush()
    except BrokenPipeError:
        return reader_gone(out, err)


def reader_gone(*streams: TextIO) -> int:
    """The reader of our output went away (`stats | head`): it has seen enough, so no
    traceback and no "Exception ignored" at exit. What is still buffered goes to
    os.devnull; exit 1, as a command whose output was cut short."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in streams:
        try:
            stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError, ValueError):
                os.dup2(devnull, stream.fileno())
    os.close(devnull)
    return 1


def run(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        gc.enable()  # paused for the full-screen game's start (game/__main__.py)
        module = importlib.import_module(f"game.commands.{argv[0]}")
        return module.main(argv[1:])
    from game.play import main as play

    return play(argv)


if __name__ == "__main__":
    raise SystemExit(main())
