"""How the player asked the game to begin: shared by the full-screen game and `--plain`."""

from __future__ import annotations

from pathlib import Path

from game.engine import frozen


@frozen
class Launch:
    """The play options of the command line (README.md, "Playing")."""

    name: str | None = None
    """`--name`: the hero's name for a new game."""
    continue_: bool = False
    """`--continue`: resume the newest save."""
    load: Path | None = None
    """`--load FILE`: resume this save."""
    at: str | None = None
    """`--at CHAPTER:SCENE`: writers start a new game there."""
    party: tuple[str, ...] = ()
    """`--party a,b`: with --at, who is in the party."""
    flags: tuple[str, ...] = ()
    """`--set f,g`: with --at, which flags are on."""
    players: tuple[str, ...] = ()
    """`--players Mia,Dad`: two players take turns; the first name is the hero's."""
