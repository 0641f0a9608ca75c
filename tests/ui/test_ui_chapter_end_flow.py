"""The flow around a chapter's end and the menus: Escape on the chapter end opens the menu
(it never skips the talk questions), a game saved right after a chapter ended shows that
chapter's end again when it is continued, and Settings closes back to where it was opened."""

from __future__ import annotations

from ui_helpers import press, screen_text

from game.launch import Launch
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.menu import MenuScreen
from game.ui.screens.play import PlayScreen

AT_THE_TOWER = Launch(name="Robin", at="village:tower", party=("wren",))
"""One choice before the village chapter ends."""


async def test_escape_on_the_chapter_end_opens_the_menu_and_comes_back(make_app):
    app = make_app(launch=AT_THE_TOWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1")  # to the forest: the chapter ends
        assert isinstance(app.screen, ChapterEndScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "⏎ Go on" in footer and "esc Menu" in footer  # the footer shows what works
        await press(pilot, "escape")
        assert isinstance(app.screen, MenuScreen)
        assert "Back to the story" in screen_text(app)
        await press(pilot, "escape")  # closes the menu: the talk questions are still there
        assert isinstance(app.screen, ChapterEndScreen)
        assert "When did someone help you this week?" in screen_text(app)
        await press(pilot, "escape", "enter")  # "Back to the story": the same page
        assert isinstance(app.screen, ChapterEndScreen)
        await press(pilot, "enter")  # Go on
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.game.state.scene == "forest:path"


async def test_the_menu_over_the_chapter_end_does_what_it_says(make_app):
    """Its items are done by the game beneath: the story so far opens above the page and
    closes back to it; the title screen closes everything."""
    app = make_app(launch=AT_THE_TOWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1", "escape", "down", "enter")  # the story so far
        assert "The story so far" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, ChapterEndScreen)
        await press(pilot, "escape", "end", "up", "enter")  # "Title screen", next to last
        assert len(app.screen_stack) == 1
        assert "Continue" in screen_text(app)
