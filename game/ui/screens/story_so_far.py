"""The story so far: every scene visited and every choice made, to scroll through."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game import recap
from game.engine import GameState, Story
from game.ui.screens.base import GameScreen
from game.ui.text import Hanging
from game.ui.widgets.footer import GameFooter


def trail_content(story: Story, state: GameState) -> Hanging:
    """The trail as one block of text: chapter titles, scenes (and the `when` text shown
    at each visit), and the choices made (and their replies). Each entry's wrapped lines
    stay under its first word, at every width, never back at the left edge:

        → Thank Master Fennick
          "Thank you for the story," you say. Master
          Fennick bows so low…
    """
    items: list[tuple[Content | str, Content]] = []
    for entry in recap.story_so_far(story, state):
        if entry.chapter is not None:
            if items:
                items.append(("", Content("")))
            items.append(("", Content.styled(entry.chapter, "bold $accent")))
            continue
        if entry.scene and entry.choice:
            items.append(("  ", Content.styled(entry.scene, "$text-muted")))
        if not entry.choice:
            items.append(
                (Content.styled("  Now: ", "bold $accent"), Content.styled(entry.scene, "bold"))
            )
        items.extend(("  ", Content.styled(words, "$text-muted")) for words in entry.when)
        if entry.choice:
            items.append((Content.styled("    → ", "bold"), Content(entry.choice)))
            if entry.reply:
                items.append(("      ", Content.styled(entry.reply, "italic")))
    return Hanging(items)


class StorySoFarScreen(GameScreen[None]):
    """Opened at the newest step; arrows, Page Up/Down or the mouse scroll back."""

    AUTO_FOCUS = "#trail"
    BINDINGS = [
        Binding("escape", "close", "Back to the game"),
        Binding("s", "close", "Close", show=False),
    ]

    def __init__(self, story: Story, state: GameState) -> None:
        super().__init__()
        self.story = story
        self.state = state

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trail", classes="page"):
            yield Static(Content("The story so far"), classes="page-title")
            yield Static(trail_content(self.story, self.state))
        yield GameFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.query_one("#trail").scroll_end, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
