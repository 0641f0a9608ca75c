"""The names a writer gives things: ids (chapters, scenes, companions, choices) and flags.

Defined once, here. The patterns end in `\\Z`, not `$` (which also matches before a
final line break), so `"lake\\n"` is not an id.
"""

from __future__ import annotations

import re

WORD = r"[A-Za-z0-9_-]+"
"""One name: letters, digits, '-' and '_'."""
DOTTED = rf"{WORD}(?:\.{WORD})*"
"""A name in a condition, which may be built in: `party.wren`, `help.given.tam`."""

ID = re.compile(rf"^{WORD}\Z")
"""A chapter, scene, companion or choice id (use with `match` or `fullmatch`)."""
FLAG = ID
"""A flag or counter of the writer's own: the same letters as an id."""


def is_id(text: str) -> bool:
    """Whether `text` is a whole id (or flag name), and nothing more."""
    return ID.match(text) is not None
