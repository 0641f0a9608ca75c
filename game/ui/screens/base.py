"""What every screen of the game shares: a typed way to the app, and a menu list."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar, cast

from textual.binding import Binding
from textual.containers import ScrollableContainer, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets.option_list import Option

from game.ui.widgets.option_list import RoomyOptionList

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from game.ui.app import StrongerTogether


Answer = TypeVar("Answer")
"""What a screen or dialog is dismissed with (None when closed without an answer)."""

MenuKey = str | Enum
"""A menu item's key: an Enum member (its value is the option's id), or a plain id."""


class GameScreen(Screen[Answer]):
    """A full screen of the game."""

    CSS_PATH: ClassVar[str | None] = "pages.tcss"
    """Each screen's look is loaded when it is first shown (the title starts quicker)."""

    @property
    def game_app(self) -> StrongerTogether:
        """The app, with the game's own attributes."""
        return cast("StrongerTogether", self.app)


class Page(VerticalScroll):
    """A scrolling page whose screen's footer says when there is more that way.

    `max_scroll_y` is not reactive: it changes when the page's text changes (its
    `virtual_size`: a new scene) or its own height does (the choices below it grow, the
    terminal is resized: a `Resize`). On each, and on each scroll, the footer's keys are
    checked again, so 'More' is shown exactly while there is text below (watching
    `scroll_y` alone left the footer telling the previous scene's truth).
    """

    _ways: tuple[bool, bool] | None = None
    """Whether there was more below and above, when the footer was last told."""

    def _tell_footer(self) -> None:
        """Have the footer's keys checked again, only when there is more (or less) to
        scroll to than before: the footer is rebuilt each time, which costs a keypress."""
        ways = (self.scroll_y < self.max_scroll_y, self.scroll_y > 0)
        if ways != self._ways:
            self._ways = ways
            self.refresh_bindings()

    def on_resize(self) -> None:
        self._tell_footer()

    def watch_virtual_size(self) -> None:
        self._tell_footer()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._tell_footer()


class PageKeys(Screen):
    """Page Up/Down, Home and End scroll the screen's `page` whatever has the focus, and
    'PgDn More' / 'PgUp Back up' are in the footer only while there is more that way.
    Mixed into a page screen or a dialog (`class X(PageKeys, GameDialog[None])`)."""

    BINDINGS = [
        Binding("pagedown", "page(1)", "More", key_display="PgDn", priority=True),
        Binding("pageup", "page(-1)", "Back up", key_display="PgUp", priority=True),
        Binding("home", "page_edge(-1)", show=False, priority=True),
        Binding("end", "page_edge(1)", show=False, priority=True),
    ]

    @property
    def page(self) -> ScrollableContainer:
        """The scrolling container the keys move."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """'More' and 'Back up' are in the footer only while there is more that way."""
        if action == "page" and self.is_mounted:
            page = self.page
            return page.scroll_y < page.max_scroll_y if parameters[0] == 1 else page.scroll_y > 0
        return True

    def action_page(self, direction: int) -> None:
        if direction < 0:
            self.page.scroll_page_up(animate=False)
        else:
            self.page.scroll_page_down(animate=False)

    def action_page_edge(self, direction: int) -> None:
        if direction < 0:
            self.page.scroll_home(animate=False)
        else:
            self.page.scroll_end(animate=False)


class PageScreen(PageKeys, GameScreen[Answer]):
    """A page of text with a menu or a button below it (chapter end, ending).

    It opens at the top, whatever has the focus: Textual would scroll the focused
    menu into view, hiding the page's first lines. Page Up/Down, Home and End scroll
    the page even while the menu or button has the focus (`PageKeys`); so do Up and
    Down on a button, or at the menu's first or last item.
    """

    AUTO_FOCUS = None
    PAGE = ""
    """The selector of the page's scrolling container."""
    FOCUS = ""
    """The selector of the widget that takes the focus (without scrolling to it)."""

    BINDINGS = [
        Binding("up", "page_line(-1)", show=False),
        Binding("down", "page_line(1)", show=False),
    ]

    @property
    def page(self) -> ScrollableContainer:
        return self.query_one(self.PAGE, ScrollableContainer)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(self.FOCUS), scroll_visible=False)

    def action_page_line(self, direction: int) -> None:
        if direction < 0:
            self.page.scroll_up(animate=False)
        else:
            self.page.scroll_down(animate=False)


def scroll_page_of(widget: Widget, direction: int) -> bool:
    """Scroll the page around `widget` a line up (-1) or down (1); False if it cannot."""
    for ancestor in widget.ancestors:
        if isinstance(ancestor, ScrollableContainer) and ancestor.max_scroll_y > 0:
            if direction < 0 and ancestor.scroll_y > 0:
                ancestor.scroll_up(animate=False)
                return True
            if direction > 0 and ancestor.scroll_y < ancestor.max_scroll_y:
                ancestor.scroll_down(animate=False)
                return True
            return False
    return False


class GameDialog(ModalScreen[Answer]):
    """A dialog above another screen; Escape closes it (dismissed with None).

    It has a footer of its own, with the keys that work in it: without one, the footer of
    the screen beneath showed that screen's keys (Choose, Back, Ask…), which do nothing
    while the dialog is open."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        ("escape", "close", "Close"),
        # The app's own Ctrl+Q works here too; named again so the dialog's footer shows it.
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    @property
    def game_app(self) -> StrongerTogether:
        return cast("StrongerTogether", self.app)

    def compose(self) -> ComposeResult:
        from game.ui.widgets.footer import GameFooter  # not on the title's start-up path

        yield from self.compose_dialog()
        yield GameFooter(show_command_palette=False)

    def compose_dialog(self) -> ComposeResult:
        """The dialog itself (its footer is added below it)."""
        yield from ()

    def action_close(self) -> None:
        self.dismiss(None)


class Menu(RoomyOptionList):
    """A list of actions: arrows and Enter, or a click.

    The cursor stops at the first and last items instead of wrapping round: on the title
    screen, Up from the first item would land on Quit, one Enter from leaving."""

    DEFAULT_CSS = """
    Menu {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self, items: Sequence[tuple[MenuKey, str | Content]], *, id: str | None = None
    ) -> None:
        super().__init__(*menu_options(items), id=id, markup=False)

    def action_cursor_up(self) -> None:
        """At the first item, Up scrolls the page the menu is on (if it can)."""
        if self.highlighted in (None, 0) and scroll_page_of(self, -1):
            return
        self.step(-1)

    def action_cursor_down(self) -> None:
        """At the last item, Down scrolls the page the menu is on (if it can)."""
        last = self.option_count - 1
        if self.highlighted in (None, last) and scroll_page_of(self, 1):
            return
        self.step(1)

    def step(self, direction: Literal[-1, 1]) -> None:
        """Highlight the next enabled item that way; stay put at either end."""
        options = self.options
        index = self.highlighted
        if index is None:
            index = -1 if direction > 0 else len(options)
        index += direction
        while 0 <= index < len(options):
            if not options[index].disabled:
                self.highlighted = index
                return
            index += direction

    def replace_items(self, items: Sequence[tuple[MenuKey, str | Content]]) -> None:
        """New items; the same one stays highlighted if it is still there."""
        current = self.highlighted_option.id if self.highlighted_option else None
        self.set_options(menu_options(items))
        keys = [option_id(key) for key, _ in items]
        self.highlighted = keys.index(current) if current in keys else 0


def menu_options(items: Sequence[tuple[MenuKey, str | Content]]) -> list[Option]:
    """Options from (key, label) pairs; labels are plain text or Content."""
    return [
        Option(Content(label) if isinstance(label, str) else label, id=option_id(key))
        for key, label in items
    ]


def option_id(key: MenuKey) -> str:
    """The option id of a menu key: an Enum member's value, or the key itself."""
    return str(key.value) if isinstance(key, Enum) else key
