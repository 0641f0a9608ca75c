"""How to play: what the game is about, and the keys."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Static

from game.ui.screens.base import GameDialog, Page, PageKeys
from game.ui.text import Hanging

HOW_TO_PLAY = """\
[b]Play together.[/b] Read the story out loud, take turns choosing, and talk about \
what happens. On your turn, you may ask the other player to choose for you \
([b]a[/b]); then you choose next.

Nobody can do everything alone, not even a hero. You move the story on by \
[b]making friends[/b], [b]asking for help[/b], and [b]helping back[/b]. Trying \
something alone is always fine, and sometimes it works! The big steps, like \
finishing a chapter, need your friends.

[b $accent]Keys[/]
  [b]1[/b]–[b]9[/b]       pick a choice (or the arrows and [b]Enter[/b], or click)
  [b]Space[/b]     read on (or [b]PgUp[/b]/[b]PgDn[/b], or the mouse wheel)
  [b]b[/b]         go back one step
  [b]s[/b]         the story so far
  [b]a[/b]         two players: ask the other to help choose
  [b]Esc[/b]       the menu: settings, load, the title screen
  [b]Ctrl+Q[/b]    quit

The game is [b]saved after every choice[/b]. You can stop at any time and \
choose Continue next time.

Dimmed choices need something first, often a friend. Their hint says what.

[b $accent]For writers[/]
  Saving a story file reads the story again; you keep your place.
  [b]Ctrl+R[/b]    read the story files again now
"""
"""Our own words, so markup is safe here (no story or player text). A line that starts
with two spaces is an item: its wrapped lines start under its text (see `hanging`)."""

KEY_COLUMN = re.compile(r"  \S+ {2,}")
"""Where a key list's text starts: after the key and the spaces that line it up."""


def hanging(markup: str) -> Hanging:
    """The page's lines, each wrapped under its own start: a key's words under the words
    (not under the key), an indented line under its indent, the rest at the left edge."""
    items: list[tuple[Content | str, Content]] = []
    for line in Content.from_markup(markup.rstrip("\n")).split("\n"):
        key = KEY_COLUMN.match(line.plain)
        lead = key.end() if key else len(line.plain) - len(line.plain.lstrip(" "))
        items.append((line[:lead], line[lead:]))
    return Hanging(items)


class HowToPlayScreen(PageKeys, GameDialog[None]):
    """Escape or Enter closes it. Its text scrolls with the keys of the other pages (Space,
    Page Up/Down, Home, End, the arrows), and its footer says 'PgDn More' exactly while
    there is more below (and 'PgUp Back up' while there is more above)."""

    AUTO_FOCUS = "#how-text"
    BINDINGS = [
        Binding("space", "page(1)", show=False),
        ("escape", "close", "Close"),
        Binding("enter", "close", show=False),
    ]

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="how", classes="dialog"):
            yield Label("How to play", classes="dialog-title")
            with Page(id="how-text"):
                yield Static(hanging(HOW_TO_PLAY))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Got it", variant="primary", id="how-close")

    @property
    def page(self) -> Page:
        return self.query_one("#how-text", Page)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
