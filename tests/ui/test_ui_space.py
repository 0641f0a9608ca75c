"""Room on the screen: from 80×24 down to 60×20 nothing is cut off, the
footer's keys included, and at 80×24 what a family needs is on the screen."""

from __future__ import annotations

import pytest
from ui_helpers import press, screen_text

from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.settings import Settings

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
SHIPPED = CHECKOUT / "story"


def footer_is_whole(app) -> list[str]:
    """The footer keys whose words are not all on the footer line."""
    footer = screen_text(app).splitlines()[-1]
    missing = []
    for _, binding, enabled, _ in app.screen.active_bindings.values():
        if binding.show and enabled and binding.description not in footer:
            missing.append(binding.description)
    return missing


async def look(pilot, where: str, cut: dict[str, list[str]]) -> None:
    await pilot.pause()
    missing = footer_is_whole(pilot.app)
    if missing:
        cut[where] = missing


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_is_never_cut(make_app, size):
    app = make_app(story_dir=SHIPPED, launch=Launch(name="Robin"))
    cut: dict[str, list[str]] = {}
    async with app.run_test(size=size) as pilot:
        await look(pilot, "play, with more below", cut)
        await press(pilot, "s")
        await look(pilot, "story so far", cut)
        await press(pilot, "escape")
        app.change_settings(Settings(reveal="lines"))
        await press(pilot, "b")  # drawn again, a paragraph at a time
        await look(pilot, "play, reading on", cut)
        app.action_load()
        await look(pilot, "load", cut)
        await press(pilot, "escape")
        app.action_endings()
        await look(pilot, "endings found", cut)
    ending = make_app(
        launch=Launch(name="Robin", at="forest:path", party=("wren",)), settings=Settings()
    )
    async with ending.run_test(size=size) as pilot:
        await press(pilot, "1", "1", "1")
        await look(pilot, "ending", cut)
    chapter_end = make_app(launch=Launch(name="Robin"), settings=Settings())
    async with chapter_end.run_test(size=size) as pilot:
        await press(pilot, "2", "2", "1")
        assert isinstance(chapter_end.screen, ChapterEndScreen)
        await look(pilot, "chapter end", cut)
    assert not cut, cut


VILLAGE = [  # the first golden playthrough's chapter 1 (story/playtests/01-02-...)
    "Go over to the crowd at the town hall",
    "Put up your hand to help",
    "Go and see the girl with the books",
    "Help her pick up the books",
    "Carry half of the books to the library for {wren}",
    "Ask {wren} what her bell book says",
    "Step into the bell room",
    "Open the dusty chest in the corner",
    "Ask {wren} to read it. Tell her it's fine to get a word wrong.",
    "Sit down next to {wren}",
    "Say: \"I'm scared too. Let's be scared together.\"",
    'Say: "Let\'s carry it together. One end each."',
    "Give the mayor a big hug goodbye",
    "Ask {wren} to read the faded signs",
]


@pytest.mark.parametrize("size", SIZES)
async def test_go_on_is_on_the_screen_at_the_end_of_a_chapter(make_app, size):
    """The chapter's end shows 'Go on' without Page Down (80×24 and 60×20)."""
    app = make_app(story_dir=SHIPPED, launch=Launch(name="Robin"), settings=Settings())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for text in VILLAGE:
            open_choices = [choice.text for choice in app.screen.choices.available]
            await press(pilot, str(open_choices.index(text) + 1))
        assert isinstance(app.screen, ChapterEndScreen)
        go_on = app.screen.query_one("#go-on")
        assert app.screen.region.contains_region(go_on.region), screen_text(app)
        assert "Go on" in screen_text(app)
