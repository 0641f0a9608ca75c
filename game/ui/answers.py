"""What the menus answer with: one Enum per menu, so a screen matches members, not strings.

Each member's value is its option's id in the menu. This module imports nothing of the
UI, so a screen can import it at the top without loading the dialog it answers for.
"""

from __future__ import annotations

from enum import Enum


class MenuChoice(Enum):
    """The menu during play (Escape). "Back to the story" answers None: nothing to do."""

    STORY_SO_FAR = "story"
    HOW_TO_PLAY = "how"
    SETTINGS = "settings"
    LOAD = "load"
    TITLE = "title"
    QUIT = "quit"


class EndingChoice(Enum):
    """The ending's menu. Closed without a choice, the game goes to the title."""

    AGAIN = "again"
    BACK = "back"
    TITLE = "title"
    QUIT = "quit"


class TitleChoice(Enum):
    """The title screen's menu."""

    CONTINUE = "continue"
    NEW = "new"
    LOAD = "load"
    ENDINGS = "endings"
    HOW_TO_PLAY = "how"
    SETTINGS = "settings"
    QUIT = "quit"
