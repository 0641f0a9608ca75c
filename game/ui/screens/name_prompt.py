"""New game: ask the hero's name, suggesting the story's own (two players: each name in turn)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label

from game.engine import NAME_LIMIT, clean_name
from game.ui.screens.base import GameDialog

NO_NAME = "Please type a name first, then press Enter."
"""Said in the dialog when Enter is pressed with no name typed and none to keep."""
TAKEN = "{name} is playing already. Please type the other player's name."
"""Said in the dialog when the second player's name is the first one's."""


class NamePrompt(GameDialog[str]):
    """A name: Enter goes on (or begins), Escape goes back. Dismissed with the name or None.

    A name that cannot be used (nothing typed and nothing to keep, or the other player's
    name) is answered in the dialog, which keeps what was typed."""

    AUTO_FOCUS = "#name"

    def __init__(
        self,
        suggestion: str,
        question: str = "What is the hero's name?",
        *,
        begins: bool = True,
        taken: str = "",
    ) -> None:
        super().__init__()
        self.suggestion = clean_name(suggestion, NAME_LIMIT)
        """The name offered (the story's hero, or `--name`); empty when none is."""
        self.question = question
        """What is asked (two players are asked for each name in turn)."""
        self.begins = begins
        """Enter begins the game (else it goes on to the next player's name)."""
        self.taken = clean_name(taken, NAME_LIMIT)
        """The other player's name, which this one must not be (two players)."""

    @property
    def hint(self) -> str:
        """What to do here, in true words: a name to keep only when there is one."""
        typing = "Type a name, or keep this one." if self.suggestion else "Type their name."
        then = "Press Enter to begin." if self.begins else "Press Enter to go on."
        return f"{typing} {then}"

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
            yield Label(Content(self.hint), id="name-hint", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Begin" if self.begins else "Next", variant="primary", id="begin")
                yield Button("Back", id="back")

    def chosen_name(self) -> str:
        """The typed name, cleaned; the suggestion when nothing usable was typed (empty
        when there is none)."""
        return clean_name(self.query_one("#name", Input).value, NAME_LIMIT) or self.suggestion

    def problem(self, name: str) -> str | None:
        """Why this name cannot be used here, kindly; None when it can."""
        if not name:
            return NO_NAME
        if name == self.taken:
            return TAKEN.format(name=name)
        return None

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#begin")
    def begin(self) -> None:
        name = self.chosen_name()
        problem = self.problem(name)
        if problem is None:
            self.dismiss(name)
            return
        hint = self.query_one("#name-hint", Label)
        hint.update(Content(problem))
        hint.add_class("-problem")
        self.query_one("#name", Input).focus()

    @on(Button.Pressed, "#back")
    def back(self) -> None:
        self.dismiss(None)
