"""New game: ask the hero's name, suggesting the story's own."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label

from game.engine import NAME_LIMIT, clean_name
from game.ui.screens.base import GameDialog


class NamePrompt(GameDialog[str]):
    """The hero's name: Enter starts, Escape goes back. Dismissed with the name or None."""

    AUTO_FOCUS = "#name"

    def __init__(self, suggestion: str, question: str = "What is the hero's name?") -> None:
        super().__init__()
        self.suggestion = clean_name(suggestion, NAME_LIMIT)
        """The name offered (the story's hero, or `--name`)."""
        self.question = question
        """What is asked (two players are asked for each name in turn)."""

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="name-box", classes="dialog"):
            yield Label("A new game", classes="dialog-title")
            yield Label(Content(self.question), id="name-question")
            yield Input(
                value=self.suggestion,
                placeholder=self.suggestion,
                max_length=NAME_LIMIT,
                id="name",
                select_on_focus=True,
            )
            yield Label(
                Content("Type a name, or keep this one. Press Enter to begin."),
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Begin", variant="primary", id="begin")
                yield Button("Back", id="back")

    def chosen_name(self) -> str:
        """The typed name, cleaned; the suggestion when nothing usable was typed."""
        return clean_name(self.query_one("#name", Input).value, NAME_LIMIT) or self.suggestion

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#begin")
    def begin(self) -> None:
        self.dismiss(self.chosen_name())

    @on(Button.Pressed, "#back")
    def back(self) -> None:
        self.dismiss(None)
