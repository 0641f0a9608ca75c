"""What every screen of the game shares: a typed way to the app, and a menu list."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets.option_list import Option

from game.ui.widgets.option_list import RoomyOptionList

if TYPE_CHECKING:
    from game.ui.app import StrongerTogether


class GameScreen(Screen):
    """A full screen of the game."""

    CSS_PATH = "pages.tcss"
    """Each screen's look is loaded when it is first shown (the title starts quicker)."""

    @property
    def game_app(self) -> StrongerTogether:
        """The app, with the game's own attributes."""
        return cast("StrongerTogether", self.app)


class GameDialog(ModalScreen):
    """A dialog above another screen; Escape closes it."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [("escape", "close", "Close")]

    @property
    def game_app(self) -> StrongerTogether:
        return cast("StrongerTogether", self.app)

    def action_close(self) -> None:
        self.dismiss(None)


class Menu(RoomyOptionList):
    """A list of actions: arrows and Enter, or a click."""

    DEFAULT_CSS = """
    Menu {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, items: list[tuple[str, str | Content]], *, id: str | None = None) -> None:
        super().__init__(*menu_options(items), id=id, markup=False)

    def replace_items(self, items: list[tuple[str, str | Content]]) -> None:
        """New items; the same one stays highlighted if it is still there."""
        current = self.highlighted_option.id if self.highlighted_option else None
        self.set_options(menu_options(items))
        keys = [key for key, _ in items]
        self.highlighted = keys.index(current) if current in keys else 0


def menu_options(items: list[tuple[str, str | Content]]) -> list[Option]:
    """Options from (key, label) pairs; labels are plain text or Content."""
    return [
        Option(Content(label) if isinstance(label, str) else label, id=key) for key, label in items
    ]
