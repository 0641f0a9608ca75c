"""A yes-or-no question, asked before anything that cannot be undone."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from game.ui.screens.base import GameDialog


class ConfirmDialog(GameDialog[bool], inherit_bindings=False):
    """Dismissed with True for yes; Escape or No is False."""

    AUTO_FOCUS = "#no"
    BINDINGS = [  # the answers first in the footer, then the dialog's usual keys
        ("y", "answer(True)", "Yes"),
        ("n", "answer(False)", "No"),
        *GameDialog.BINDINGS,
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        """The question; may hold file or player text, so it is shown as data."""
        self.yes = yes
        self.no = no

    def compose_dialog(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question))  # wraps in the dialog (a Label is cut)
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.yes), variant="error", id="yes")
                yield Button(Content(self.no), variant="primary", id="no")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_close(self) -> None:
        self.dismiss(False)
