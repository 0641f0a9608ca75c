"""`python -m game`: see game.cli.

The cyclic garbage collector is paused while the game starts: start-up makes tens of
thousands of objects that live as long as the game (modules, classes, the story) and
almost no garbage, yet each full collection would look at all of them again. The
full-screen game sets them aside (`gc.freeze`) and turns the collector back on once its
title is on the screen (`StrongerTogether.on_mount`); every other command turns it back
on before it starts (`game.cli.run`, `game.play.main`).
"""

import gc
import sys

gc.disable()

from game.cli import main  # noqa: E402 - after the collector is paused

NEEDED = ("tomli", "tomli_w", "textual", "platformdirs", "rich")
"""The packages the game is installed with: missing, they mean a Python without them."""

try:
    raise SystemExit(main())
except ModuleNotFoundError as exc:
    if exc.name not in NEEDED:
        raise
    # Typed in a new terminal, `python3 -m game` runs the system's Python, not the one the
    # game was installed into: say how to reach it instead of showing a traceback.
    print(
        f"The game's packages are not installed for this Python (no module named "
        f"'{exc.name}').\nIn a new terminal, first turn on the virtual environment you "
        "installed the game into:\n"
        "    . .venv/bin/activate      (Windows: .venv\\Scripts\\activate)\n"
        "or install the game for this Python:  pip install -e .",
        file=sys.stderr,
    )
    raise SystemExit(2) from None
