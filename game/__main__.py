"""`python -m game`: see game.cli."""

import sys

from game.cli import main

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
