"""New game: one player, or two taking turns (`--players`; see game/team.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label

from game.ui.screens.base import GameDialog


class PlayersPrompt(GameDialog[int]):
    """One player or two? Dismissed with 1, 2, or None (Back)."""

    AUTO_FOCUS = "#one"
    BINDINGS = [
        Binding("1", "players(1)", show=False),
        Binding("2", "players(2)", show=False),
    ]

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="players-box", classes="dialog"):
            yield Label("A new game", classes="dialog-title")
            yield Label("One player or two?")
            yield Label(
                Content("Two players take turns: a child and a grown-up, one choice each."),
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("1 One player", variant="primary", id="one")
                yield Button("2 Two players", id="two")
                yield Button("Back", id="back")

    def action_players(self, count: int) -> None:
        self.dismiss(count)

    @on(Button.Pressed, "#one")
    def one(self) -> None:
        self.dismiss(1)

    @on(Button.Pressed, "#two")
    def two(self) -> None:
        self.dismiss(2)

    @on(Button.Pressed, "#back")
    def back(self) -> None:
        self.dismiss(None)
