"""How to play: it scrolls with the keys of the other pages, its footer says when there
is more, its key list keeps its columns when lines wrap, and its words are true."""

from __future__ import annotations

import pytest
from ui_helpers import press, screen_text, settle

from game.ui.screens.base import Page
from game.ui.screens.how_to_play import HowToPlayScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]


async def keys(pilot, *names: str) -> None:
    """Press keys, then wait until the screen (and its footer) has caught up."""
    await press(pilot, *names)
    await settle(pilot)


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def open_how_to_play(app, pilot) -> Page:
    await settle(pilot)
    app.action_how_to_play()
    await settle(pilot)
    assert isinstance(app.screen, HowToPlayScreen)
    return app.screen.query_one("#how-text", Page)


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_says_more_exactly_while_there_is_more(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        page = await open_how_to_play(app, pilot)
        assert page.max_scroll_y > 0  # the page is longer than the window
        assert "PgDn More" in footer(app) and "PgUp" not in footer(app)
        seen = screen_text(app)
        for _ in range(10):
            if page.scroll_y >= page.max_scroll_y:
                break
            await keys(pilot, "space")  # Space reads on, as on the play screen
            seen += screen_text(app)
            assert "PgUp Back up" in footer(app)
        assert page.scroll_y == page.max_scroll_y
        assert "More" not in footer(app)
        for words in ("go back one step", "the story so far", "quit", "read the story files"):
            assert words in seen  # every key was shown on the way down
        await keys(pilot, "pageup")
        assert page.scroll_y < page.max_scroll_y and "PgDn More" in footer(app)
        await keys(pilot, "home")
        assert page.scroll_y == 0 and "PgUp" not in footer(app)
        await keys(pilot, "end")
        assert page.scroll_y == page.max_scroll_y
        await keys(pilot, "pagedown")  # nothing more: it stays open
        assert isinstance(app.screen, HowToPlayScreen)


async def test_a_wrapped_key_stays_in_its_column(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        page = await open_how_to_play(app, pilot)
        await keys(pilot, "space")
        assert page.scroll_y > 0
        lines = screen_text(app).splitlines()
        (row,) = [n for n, line in enumerate(lines) if "pick a choice" in line]
        assert "Keys" in lines[row - 1]  # the heading has its keys under it
        wrapped = lines[row + 1]
        assert wrapped.find("click") == lines[row].find("pick a choice")


async def test_it_says_trying_alone_is_fine_and_the_big_steps_need_friends(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_how_to_play(app, pilot)
        text = " ".join(screen_text(app).replace("█", " ").split())
        assert "Trying something alone is always fine, and sometimes it works!" in text
        assert "The big steps, like finishing a chapter, need your friends." in text
        assert "leads back" not in text
