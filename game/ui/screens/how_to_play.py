"""How to play: what the game is about, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from game.ui.screens.base import GameDialog

HOW_TO_PLAY = """\
[b]Play together.[/b] Read the story out loud, take turns choosing, and talk about \
what happens. On your turn, you may ask the other player to choose for you \
([b]a[/b]); then you choose next.

Nobody can do everything alone, not even a hero. You move the story on by \
[b]making friends[/b], [b]asking for help[/b], and [b]helping back[/b]. Trying \
alone is always allowed: it just leads back to a moment where you can ask.

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
"""Our own words, so markup is safe here (no story or player text)."""


class HowToPlayScreen(GameDialog[None]):
    """Escape or Enter closes it."""

    AUTO_FOCUS = "#how-text"
    BINDINGS = [("escape", "close", "Close"), Binding("enter", "close", show=False)]

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="how", classes="dialog"):
            yield Label("How to play", classes="dialog-title")
            with VerticalScroll(id="how-text"):
                yield Static(HOW_TO_PLAY)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Got it", variant="primary", id="how-close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
