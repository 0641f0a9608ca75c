"""The command line: play (full screen or `--plain`), or a writer's subcommand.

`python -m game check|map|test|saves|new|stats ...` runs `game.commands.<name>.main`;
anything else plays (`game.play.main`).

Everything a command or `--plain` prints goes through `game.engine.text.clean` on its
way out (`CleanOutput`): a story's, a save's, a file's name or a typed line's escape
codes never reach the terminal, whichever message quotes them. The full-screen game
does the same with a line filter (`game.ui.text.CleanLines`).
"""

from __future__ import annotations

import importlib
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
        return run(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def run(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        module = importlib.import_module(f"game.commands.{argv[0]}")
        try:
            return module.main(argv[1:])
        except BrokenPipeError:
            # `check | head`: the reader has seen enough; no traceback for that.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    from game.play import main as play

    return play(argv)


if __name__ == "__main__":
    raise SystemExit(main())
