"""'Space More' is in the footer exactly while the scene goes on below the screen:
shown whenever there is unread text below, gone as soon as the last line is on screen
(the footer a family reads, not just the binding's check)."""

from __future__ import annotations

import pytest
from ui_helpers import press, screen_text, settle

from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.screens.play import PlayScreen

SHIPPED = CHECKOUT / "story"


def more_below(screen: PlayScreen) -> bool:
    """Whether the scene really goes on below what is shown."""
    scroll = screen.story_scroll
    return scroll.scroll_y < scroll.max_scroll_y


def footer_offers_more(app) -> bool:
    return "Space More" in screen_text(app).splitlines()[-1]


async def assert_footer_tells_the_truth(app, pilot) -> None:
    """The footer agrees with the page once the app has drawn it (it is redrawn after a
    refresh: `settle` waits for that, however loaded the machine)."""
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, PlayScreen)
    scene = screen.game.state.scene
    assert footer_offers_more(app) == more_below(screen), (
        f"{scene}: more below is {more_below(screen)}, the footer says otherwise:\n"
        + screen_text(app)
    )


async def test_footer_offers_more_until_the_scene_is_read(make_app):
    app = make_app(story_dir=SHIPPED, launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert more_below(screen) and footer_offers_more(app)  # the first scene is long
        for _ in range(10):
            if not more_below(screen):
                break
            await press(pilot, "space")
            await assert_footer_tells_the_truth(app, pilot)
        assert not more_below(screen) and not footer_offers_more(app)


# Where a family saw the footer lie: no "More" above the point of the scene, and
# "More" when everything was already on the screen.
PLACES = [
    pytest.param("forest:feelings", ("wren", "tam"), ["2"], id="puff-out-your-chest"),
    pytest.param("school:run_alone", ("wren", "tam"), ["1"], id="riddle-tower-door"),
    pytest.param("river:bank", ("wren", "tam"), ["2"], id="ferry-sign-after-asking-wren"),
]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
@pytest.mark.parametrize(("at", "party", "keys"), PLACES)
async def test_footer_says_more_exactly_when_there_is_more(make_app, size, at, party, keys):
    app = make_app(story_dir=SHIPPED, launch=Launch(name="Robin", at=at, party=party))
    async with app.run_test(size=size) as pilot:
        await assert_footer_tells_the_truth(app, pilot)
        for key in keys:
            await press(pilot, key)
            await assert_footer_tells_the_truth(app, pilot)
        for _ in range(12):
            if not more_below(app.screen):
                break
            await press(pilot, "space")
            await assert_footer_tells_the_truth(app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_footer_tells_the_truth_all_through_a_chapter(make_app, size):
    """Play the wood by always taking the first choice; after every key the footer is right."""
    launch = Launch(name="Robin", at="forest:edge", party=("wren", "tam"))
    app = make_app(story_dir=SHIPPED, launch=launch)
    async with app.run_test(size=size) as pilot:
        await assert_footer_tells_the_truth(app, pilot)
        for _ in range(14):
            if not isinstance(app.screen, PlayScreen):
                break
            await press(pilot, "1")
            if isinstance(app.screen, PlayScreen):
                await assert_footer_tells_the_truth(app, pilot)


async def test_no_more_when_the_scene_fits(make_app):
    app = make_app(launch=Launch(name="Robin"))  # the small fixture story
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not more_below(app.screen) and not footer_offers_more(app)
