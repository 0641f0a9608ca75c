"""Every screen survives a terminal made tiny (and back): the game never crashes on resize."""

from __future__ import annotations

from ui_helpers import press, screen_text

from game.launch import Launch
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.play import PlayScreen

TINY = [(30, 10), (20, 8), (1, 1), (25, 20)]


async def survives_tiny_sizes(pilot) -> None:
    """Shrink the terminal step by step, then grow it back: still the same screen, drawn."""
    app = pilot.app
    screen = app.screen
    for size in [*TINY, (80, 24)]:
        await pilot.resize_terminal(*size)  # lays the screen out again
        screen_text(app)  # draws every widget at this size
    assert app.is_running and app.screen is screen


async def test_every_screen_survives_a_tiny_terminal(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)  # a locked choice, with its hint
        await survives_tiny_sizes(pilot)
        await press(pilot, "2")  # Wren joins: party panel, warm words
        await survives_tiny_sizes(pilot)
        for open_it in ("escape", "s", "question_mark"):  # menu, story so far, how to play
            await press(pilot, open_it)
            await survives_tiny_sizes(pilot)
            await press(pilot, "escape")
        app.action_settings()
        await pilot.pause()
        await survives_tiny_sizes(pilot)
        await press(pilot, "escape")
        app.action_load()
        await pilot.pause()
        await survives_tiny_sizes(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen)

        await press(pilot, "2", "1")  # ask Wren, go to the forest: the chapter ends
        assert isinstance(app.screen, ChapterEndScreen)
        await survives_tiny_sizes(pilot)
        await press(pilot, "enter", "1", "1", "1")  # on to the ending
        assert isinstance(app.screen, EndingScreen)
        await survives_tiny_sizes(pilot)

        app.to_title()
        await pilot.pause()
        await survives_tiny_sizes(pilot)
        app.ask_new_game()
        await pilot.pause()
        await pilot.press("1")  # one player: the name box
        await pilot.pause()
        await survives_tiny_sizes(pilot)
        assert "Robin" in screen_text(app)
