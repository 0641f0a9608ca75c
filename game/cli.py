"""The command line: play (full screen or `--plain`), or a writer's subcommand.

`python -m game check|map|test|saves|new|stats ...` runs `game.commands.<name>.main`;
anything else plays (`game.play.main`).
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = ("check", "map", "test", "saves", "new", "stats")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
