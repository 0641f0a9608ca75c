"""A long scene says there is more below: 'Space More' is in the footer until the end."""

from __future__ import annotations

from ui_helpers import press

from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.screens.play import PlayScreen

SHIPPED = CHECKOUT / "story"


def more_below(screen: PlayScreen) -> bool:
    return bool(screen.check_action("scroll_story", (1,)))


async def test_footer_offers_more_until_the_scene_is_read(make_app):
    app = make_app(story_dir=SHIPPED, launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert more_below(screen)  # the first scene of the shipped story is long
        for _ in range(10):
            if not more_below(screen):
                break
            await press(pilot, "space")
        assert not more_below(screen)
        assert screen.story_scroll.scroll_y == screen.story_scroll.max_scroll_y


async def test_no_more_when_the_scene_fits(make_app):
    app = make_app(launch=Launch(name="Robin"))  # the small fixture story
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not more_below(app.screen)
