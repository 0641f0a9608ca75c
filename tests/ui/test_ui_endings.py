"""Endings found: the title counts them, an ending says so, and the gallery
shows the found ones (name, hero, date) and the rest by their hint only."""

from __future__ import annotations

from datetime import UTC, datetime

from ui_helpers import GOOD, load, press, screen_text

from game.engine.endings import DAMAGED_SUFFIX, EndingsBook
from game.launch import Launch
from game.ui.screens.ending import EndingScreen
from game.ui.screens.endings import STILL_TO_FIND, EndingsScreen
from game.ui.screens.title import TitleScreen


async def test_an_ending_is_counted_on_the_title_and_in_the_gallery(make_app, store):
    app = make_app(launch=Launch(name="Mia", at="forest:path", party=("wren",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "1", "1")
        assert isinstance(app.screen, EndingScreen)
        await press(pilot, "end")
        assert "You found a new ending! Endings found: 1 of 1." in screen_text(app)
        await press(pilot, "escape")  # the title
        assert isinstance(app.screen, TitleScreen)
        assert "Endings found: 1 of 1" in screen_text(app)
    [found] = EndingsBook(store.folder, load(GOOD)).read().found
    assert (found.name, found.hero) == ("Stronger Together", "Mia")

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Endings found: 1 of 1" in screen_text(again)
        again.action_endings()
        await pilot.pause()
        assert isinstance(again.screen, EndingsScreen)
        text = screen_text(again)
        assert "Stronger Together" in text and "found by Mia, today" in text


async def test_endings_still_to_find_show_only_a_hint(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Endings found: 0 of 1" in screen_text(app)
        await press(pilot, "down", "down", "enter")  # New game, Load, Endings found
        assert isinstance(app.screen, EndingsScreen)
        text = screen_text(app)
        assert "Endings found: 0 of 1" in text
        assert STILL_TO_FIND in text  # the fixture story gives no hint
        assert "Stronger Together" not in text.split("Endings found")[1]  # not its name
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)


async def test_a_damaged_endings_file_is_listed_and_kept(make_app, store):
    book = EndingsBook(store.folder, load(GOOD))
    store.folder.mkdir(parents=True, exist_ok=True)
    book.path.write_text("found = [ oops\n")
    app = make_app(launch=Launch(name="Mia", at="forest:path", party=("wren",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_endings()
        await pilot.pause()
        assert "could not be read" in screen_text(app)
        await press(pilot, "escape")
        await press(pilot, "1", "1", "1")
        assert isinstance(app.screen, EndingScreen)
    kept = book.path.with_name(book.path.name + DAMAGED_SUFFIX)
    assert kept.read_text() == "found = [ oops\n"
    assert book.read().count(load(GOOD)) == (1, 1)


async def test_a_found_ending_keeps_its_first_hero_and_date(make_app, store):
    book = EndingsBook(store.folder, load(GOOD))
    book.record("Stronger Together", "Kim", datetime(2024, 5, 3, 14, 3, tzinfo=UTC))
    app = make_app(launch=Launch(name="Mia", at="forest:path", party=("wren",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "1", "1", "end")
        text = screen_text(app)
        assert "Endings found: 1 of 1." in text and "new ending" not in text
    [found] = book.read().found
    assert found.hero == "Kim"
