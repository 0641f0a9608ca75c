"""The menu (Escape during play): everything besides the story itself."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList

from game.ui.screens.base import GameDialog, Menu

ITEMS = [
    ("resume", "Back to the story"),
    ("story", "The story so far"),
    ("how", "How to play"),
    ("settings", "Settings"),
    ("load", "Load a saved game"),
    ("title", "Title screen (the game is saved)"),
    ("quit", "Quit (the game is saved)"),
]


class MenuScreen(GameDialog):
    """Dismissed with the chosen item's key, or None."""

    AUTO_FOCUS = "#menu"

    def compose(self) -> ComposeResult:
        with Vertical(id="menu-box", classes="dialog"):
            yield Label("Menu", classes="dialog-title")
            yield Menu(ITEMS, id="menu")

    @on(OptionList.OptionSelected, "#menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None if event.option.id == "resume" else event.option.id)
