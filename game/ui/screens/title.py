"""The title screen: the story's title, and the ways in."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Center
from textual.content import Content
from textual.widgets import OptionList, Static

from game.engine import NAME_LIMIT, clean_line
from game.ui.answers import TitleChoice
from game.ui.screens.base import GameScreen, Menu
from game.ui.text import line

TAGLINE = "A story about asking for help, and giving it."


def when(moment: datetime | None, now: datetime | None = None) -> str:
    """'today 14:03', 'yesterday 09:10', '3 May 14:03', '3 May 2024'."""
    if moment is None:
        return "time unknown"
    now = now or datetime.now(moment.tzinfo)
    day = moment.date()
    if day == now.date():
        return f"today {moment:%H:%M}"
    if (now.date() - day).days == 1:
        return f"yesterday {moment:%H:%M}"
    if day.year == now.year:
        return f"{day.day} {moment:%b %H:%M}"
    return f"{day.day} {moment:%b %Y}"


def endings_found(count: tuple[int, int]) -> str:
    """'Endings found: 1 of 3'."""
    return f"Endings found: {count[0]} of {count[1]}"


class TitleScreen(GameScreen[None]):
    """Continue, New game, Load, How to play, Settings, Quit."""

    CSS_PATH = None
    AUTO_FOCUS = "#title-menu"

    resumed = False
    """Whether the title has been shown before (then its menu is made again)."""

    def compose(self) -> ComposeResult:
        story = self.game_app.story
        with Center():
            yield Static(line(story.title, style="bold"), id="title-name")
        by = (
            Content.assemble((line("by " + story.author).plain + "\n", "not italic"))
            if story.author
            else ""
        )
        yield Static(Content.assemble(by, TAGLINE), id="title-tagline")
        with Center():
            yield Menu(self.menu_items(), id="title-menu")

    def menu_items(self) -> list[tuple[TitleChoice, str | Content]]:
        app = self.game_app
        items: list[tuple[TitleChoice, str | Content]] = []
        newest = app.store.newest(app.story)
        if newest is not None:
            chapter = app.story.chapters.get(newest.chapter)
            where = clean_line(newest.hero, NAME_LIMIT)
            if chapter is not None:
                where += ", " + line(chapter.title).plain
            items.append(
                (
                    TitleChoice.CONTINUE,
                    Content.assemble(("Continue", "bold"), ("  " + where, "dim")),
                )
            )
        items += [
            (TitleChoice.NEW, "New game"),
            (TitleChoice.LOAD, "Load a saved game"),
            (TitleChoice.ENDINGS, endings_found(app.endings.read().count(app.story))),
            (TitleChoice.HOW_TO_PLAY, "How to play"),
            (TitleChoice.SETTINGS, "Settings"),
            (TitleChoice.QUIT, "Quit"),
        ]
        return items

    def on_screen_resume(self) -> None:
        """Back at the title: Continue may have appeared."""
        if not self.resumed:
            self.resumed = True  # the first time, the menu was just made
            return
        menu = self.query_one("#title-menu", Menu)
        menu.replace_items(self.menu_items())
        menu.focus()

    @on(OptionList.OptionSelected, "#title-menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        app = self.game_app
        match TitleChoice(event.option.id):
            case TitleChoice.CONTINUE:
                app.continue_newest()
            case TitleChoice.NEW:
                app.ask_new_game(app.launch.name)
            case TitleChoice.LOAD:
                app.action_load()
            case TitleChoice.ENDINGS:
                app.action_endings()
            case TitleChoice.HOW_TO_PLAY:
                app.action_how_to_play()
            case TitleChoice.SETTINGS:
                app.action_settings()
            case TitleChoice.QUIT:
                app.quit_game()
