"""The flow around a chapter's end and the menus: Escape on the chapter end opens the menu
(it never skips the talk questions), a game saved right after a chapter ended shows that
chapter's end again when it is continued, and Settings closes back to where it was opened."""

from __future__ import annotations

import shutil
import time

import pytest
from textual.widgets import Button
from ui_helpers import GOOD, screen_text, settle

from game.engine.loader import load_story
from game.launch import Launch
from game.ui.answers import MenuChoice
from game.ui.screens.base import Menu
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.menu import MenuScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.problems import ProblemsScreen
from game.ui.screens.settings import SettingsScreen


async def press(pilot, *keys: str) -> None:
    """Press keys one at a time, letting the app settle after each, whatever the load."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


AT_THE_TOWER = Launch(name="Robin", at="village:tower", party=("wren",))
"""One choice before the village chapter ends."""


async def test_escape_on_the_chapter_end_opens_the_menu_and_comes_back(make_app):
    app = make_app(launch=AT_THE_TOWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
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
        await settle(pilot)
        await press(pilot, "1", "escape", "down", "enter")  # the story so far
        assert "The story so far" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, ChapterEndScreen)
        await press(pilot, "escape", "end", "up", "enter")  # "Title screen", next to last
        assert len(app.screen_stack) == 1
        assert "Continue" in screen_text(app)


async def test_settings_from_the_menu_close_back_to_the_menu(make_app):
    """Playtest: Escape (or Done) in Settings closed the menu too, and the next keys meant
    for the menu picked a story choice."""
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        play = app.screen
        await press(pilot, "escape", "down", "down", "down", "enter")  # Settings
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, MenuScreen)
        menu = app.screen.query_one("#menu", Menu)
        assert menu.highlighted_option is not None
        assert menu.highlighted_option.id == MenuChoice.SETTINGS.value  # where it was
        await press(pilot, "enter")  # Settings again, closed with its Done button
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#done", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        await press(pilot, "up", "up", "up", "enter")  # "Back to the story"
        assert app.screen is play
        assert play.game.state.trail == ()  # no story choice was made by the menu's keys


async def test_settings_from_the_title_close_back_to_the_title(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = app.screen
        app.action_settings()
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "escape")
        assert app.screen is title


async def quit_on_the_chapter_end(make_app) -> None:
    """Play to the village chapter's end and quit there (Ctrl+Q), as a family stopping for
    the night: the save already stands at the forest's first scene."""
    app = make_app(launch=AT_THE_TOWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert isinstance(app.screen, ChapterEndScreen)
        await pilot.press("ctrl+q")  # the app closes: nothing to settle
    assert app.return_code == 0


@pytest.mark.parametrize("how", ["title", "--continue", "--load", "load"])
async def test_continuing_a_game_quit_on_a_chapter_end_shows_that_end_first(make_app, store, how):
    """Playtest: Continue opened the next chapter, and the family never saw 'Talk
    together'. Continue from the title, --continue and Load show the chapter's end first."""
    await quit_on_the_chapter_end(make_app)
    launch = {
        "--continue": Launch(continue_=True),
        "--load": Launch(load=store.newest(make_app().story).path),
    }.get(how)
    app = make_app(launch=launch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if how == "title":
            assert "Continue" in screen_text(app)
            await press(pilot, "enter")
        elif how == "load":
            await press(pilot, "down", "down", "enter")  # Continue, New game, Load
            assert "Load a saved game" in screen_text(app)
            await press(pilot, "enter")  # the one save
        await settle(pilot)  # the chapter's end is pushed once the play screen is up
        assert isinstance(app.screen, ChapterEndScreen)
        text = screen_text(app)
        assert "End of the chapter" in text and "The Silent Bell" in text
        assert "When did someone help you this week?" in text
        await press(pilot, "enter")  # Go on: the next chapter's first scene
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.game.state.scene == "forest:path"
        assert "Tam is sitting on a log." in screen_text(app)


async def test_a_game_continued_after_a_choice_in_the_new_chapter_opens_at_its_scene(
    make_app, store
):
    app = make_app(launch=AT_THE_TOWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "enter", "1")  # the chapter ends, go on, sit with Tam
        assert app.screen.game.state.party == ("wren", "tam")
    again = make_app(launch=Launch(continue_=True))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, PlayScreen)
        assert again.screen.game.state.party == ("wren", "tam")


async def test_loading_the_game_being_played_keeps_its_chapter_end(make_app, store):
    """The menu over the chapter end, Load, the same game: back to the talk questions."""
    app = make_app(launch=AT_THE_TOWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "escape", "down", "down", "down", "down", "enter")
        assert "Load a saved game" in screen_text(app)
        await press(pilot, "enter")  # the newest save: this game
        assert isinstance(app.screen, ChapterEndScreen)
        assert "When did someone help you this week?" in screen_text(app)


async def wait_until(pilot, done, seconds: float = 10) -> None:
    """Let the app run until `done()` holds (a story file read again on a worker)."""
    start = time.perf_counter()
    while not done():
        assert time.perf_counter() - start < seconds, "the game did not notice in time"
        await pilot.pause(0.05)
    await settle(pilot)


def shows(play: PlayScreen, words: str) -> bool:
    """The scene's words hold these (on the screen or scrolled out of it)."""
    return any(words in paragraph.plain for paragraph in play.scene.paragraphs)


async def test_a_live_edit_keeps_the_place_in_the_scene_even_after_errors(make_app, tmp_path):
    """Playtest: a plain edit kept the scroll place, but fixing a file that was broken
    (the error box over the old story) put the scene back at its top."""
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    path = folder / "01-village.toml"
    long_text = "\n\n".join(f"Line {n} of a long morning." for n in range(30))
    good = path.read_text().replace("*Who* could help?", long_text)
    path.write_text(good)
    app = make_app(folder, launch=Launch(name="Robin"), story=load_story(folder).story)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        play = app.screen
        scroll = play.story_scroll
        await press(pilot, "space")
        place = scroll.scroll_y
        assert place > 0

        path.write_text(good.replace("Line 20 of", "Line twenty of"))  # a plain edit
        await wait_until(pilot, lambda: shows(play, "Line twenty of"))
        assert scroll.scroll_y == place

        path.write_text(good + "\n[scenes.broken\n")  # broken: the errors over the story
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        path.write_text(good.replace("Line 20 of", "Line XX of"))  # mended
        await wait_until(pilot, lambda: app.screen is play and shows(play, "Line XX of"))
        assert scroll.scroll_y == place
