"""Endings found: the gallery. Found endings with the hero and the date; the ones still
to find by their hint only (never their name), so a family knows there is more to find."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from game.engine import NAME_LIMIT, EndingsRecord, Story, clean_line
from game.ui import text
from game.ui.screens.base import GameScreen, Page
from game.ui.screens.title import endings_found, when
from game.ui.widgets.footer import GameFooter

STILL_TO_FIND = "Still to find. Who could help you find it?"
"""Shown for an ending whose writer gave no hint (format 1 stories)."""


def gallery(story: Story, record: EndingsRecord) -> text.Hanging:
    """Each ending found (name, hero, date), each one still to find as its hint only."""
    names = story.names(story.hero_name)
    items: list[tuple[Content | str, Content]] = []
    for ending in record.gallery(story):
        if items:
            items.append(("", Content("")))
        if ending.found is not None:
            hero = clean_line(ending.found.hero, NAME_LIMIT) or "someone"
            body = Content.assemble(
                text.line(ending.name, names, "bold"),
                (f"\nfound by {hero}, {when(ending.found.found_at)}", "$text-muted"),
            )
            items.append((Content.styled("★ ", "bold $success"), body))
        else:
            hint = text.line(ending.hint, names).plain if ending.hint else STILL_TO_FIND
            items.append((Content.styled("? ", "bold $accent"), Content.styled(hint, "italic")))
    return text.Hanging(items)


class EndingsScreen(GameScreen):
    """Escape goes back to the title."""

    AUTO_FOCUS = "#endings"
    BINDINGS = [Binding("escape", "close", "Back")]

    def compose(self) -> ComposeResult:
        app = self.game_app
        story = app.story
        record = app.endings.read()
        with Page(id="endings", classes="page"):
            yield Static(Content(endings_found(record.count(story))), classes="page-title")
            yield Static(gallery(story, record), id="gallery")
            if record.damaged:
                yield Static(
                    Content(
                        f"The list of endings could not be read: {clean_line(record.damaged)}. "
                        "It is kept as it is; the next ending you find starts a new list."
                    ),
                    classes="page-hint",
                )
            for kept in record.kept:
                yield Static(
                    Content(f"An older, damaged list is kept as {clean_line(kept.name)}."),
                    classes="page-hint",
                )
        yield GameFooter(show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss(None)
