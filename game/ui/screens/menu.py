"""The menu (Escape during play): everything besides the story itself."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList

from game.ui.answers import MenuChoice
from game.ui.screens.base import GameDialog, Menu

RESUME = "resume"
ITEMS: list[tuple[MenuChoice | str, str]] = [
    (RESUME, "Back to the story"),
    (MenuChoice.STORY_SO_FAR, "The story so far"),
    (MenuChoice.HOW_TO_PLAY, "How to play"),
    (MenuChoice.SETTINGS, "Settings"),
    (MenuChoice.LOAD, "Load a saved game"),
    (MenuChoice.TITLE, "Title screen (the game is saved)"),
    (MenuChoice.QUIT, "Quit (the game is saved)"),
]


class MenuScreen(GameDialog[MenuChoice]):
    """Dismissed with the MenuChoice chosen, or None (back to the story).

    Settings opens above the menu, which stays: closing Settings comes back here, where
    the family opened it (it closed the menu too, and the next keys meant for the menu
    picked a story choice)."""

    AUTO_FOCUS = "#menu"

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="menu-box", classes="dialog"):
            yield Label("Menu", classes="dialog-title")
            yield Menu(ITEMS, id="menu")

    @on(OptionList.OptionSelected, "#menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MenuChoice.SETTINGS.value:
            self.game_app.action_settings()
            return
        self.dismiss(None if event.option.id == RESUME else MenuChoice(event.option.id))
