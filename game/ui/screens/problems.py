"""A writer's reload found errors: show them; the old story keeps running."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Static

from game.ui.screens.base import GameDialog


class ProblemsScreen(GameDialog[None]):
    """`check`'s errors, as written (file text is data, never markup)."""

    AUTO_FOCUS = "#problems-close"

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="problems-box", classes="dialog"):
            yield Label("The story has errors", classes="dialog-title")
            yield Static(Content("Still playing the story as it was. Fix these, then save."))
            with VerticalScroll(id="problems"):
                yield Static(Content("\n".join(self.lines)), id="problem-lines")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Back to the game", variant="primary", id="problems-close")

    def show_lines(self, lines: list[str]) -> None:
        """Newer errors, from a newer save of the story's files."""
        self.lines = lines
        self.query_one("#problem-lines", Static).update(Content("\n".join(lines)))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
