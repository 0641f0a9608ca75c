"""The footer is rebuilt only when the keys it shows change: a choice that leaves the same
keys keeps the same key widgets (a rebuild was half of a keypress's work), and a key that
comes or goes is still shown at once."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey
from ui_helpers import press, screen_text, settle

from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.screens.play import PlayScreen
from game.ui.widgets.footer import GameFooter


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(GameFooter).query(FooterKey))


async def test_the_same_keys_are_not_built_again(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        before = footer_keys(app)
        assert [key.description for key in before][:2] == ["Choose", "Back"]
        trail = len(app.screen.game.state.trail)
        for _ in range(6):  # the fixture's square and rope: short scenes, the same keys
            await press(pilot, "1")
        assert len(app.screen.game.state.trail) > trail
        assert footer_keys(app) == before  # the very same widgets
        assert "1-9 Choose" in screen_text(app).splitlines()[-1]


async def test_a_key_that_comes_is_shown(make_app):
    """The shipped story's first scene is long: 'Space More' shows, then goes once the
    scene is read to its end, and the footer's widgets change with it."""
    app = make_app(story_dir=CHECKOUT / "story", launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        last_line = screen_text(app).splitlines()[-1]
        assert "Space" in last_line
        first = footer_keys(app)
        for _ in range(12):
            await press(pilot, "space")
        await settle(pilot)
        assert footer_keys(app) != first
        assert "Space More" not in screen_text(app).splitlines()[-1]


async def test_what_did_not_change_is_not_drawn_again(make_app):
    """The place line and the party stay as they were across choices in one chapter (an
    update would lay out and draw them again); a change of style alone is still shown."""
    from textual.content import Content
    from textual.widgets import Static

    from game.ui.text import show

    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        where, party = screen.where.content, screen.party.content
        await press(pilot, "1")
        assert screen.where.content is where and screen.party.content is party
        line = Static(Content("Robin"))
        show(line, Content("Robin"))
        assert line.content == "Robin" and not line.content.spans
        show(line, Content.styled("Robin", "bold"))
        assert line.content.spans  # the same words, now bold: shown


async def test_the_collector_paused_for_start_up_runs_again_at_the_title(make_app):
    """`python -m game` pauses the garbage collector while it starts; the app sets what
    start-up made aside and turns it back on once its first screen is up."""
    import gc

    app = make_app()
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)  # the first screen is up
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_writers_commands_run_with_the_collector_on(monkeypatch, tmp_path):
    import gc

    from game.cli import main

    gc.disable()
    try:
        assert main(["check", str(tmp_path / "nothing here")]) != 0
        assert gc.isenabled()
    finally:
        gc.enable()


def dialogs():
    """Each dialog, as it is opened during play (one made the way its screen makes it)."""
    from game.ui.screens.confirm import ConfirmDialog
    from game.ui.screens.how_to_play import HowToPlayScreen
    from game.ui.screens.menu import MenuScreen
    from game.ui.screens.name_prompt import NamePrompt
    from game.ui.screens.players_prompt import PlayersPrompt
    from game.ui.screens.problems import ProblemsScreen
    from game.ui.screens.settings import SettingsScreen

    return [
        (MenuScreen, "esc Close  ^q Quit"),
        (SettingsScreen, "esc Done  ^q Quit"),
        (HowToPlayScreen, "PgDn More  esc Close  ^q Quit"),  # a long page: there is more
        (
            lambda: ConfirmDialog("Delete it?", yes="Delete", no="Keep it"),
            "y Yes  n No  esc Close  ^q Quit",
        ),
        (lambda: NamePrompt("Robin"), "esc Close  ^q Quit"),
        (PlayersPrompt, "esc Close  ^q Quit"),
        (lambda: ProblemsScreen(["story.toml: line 1: oops"]), "esc Close  ^q Quit"),
    ]


@pytest.mark.parametrize("make_dialog, keys", dialogs())
async def test_a_dialog_shows_its_own_keys_not_the_play_screens(make_app, make_dialog, keys):
    """Over the play screen, a dialog's footer showed the play screen's keys (Choose, Back,
    Story…), which do nothing while it is open; each dialog now shows its own."""
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "1-9 Choose" in screen_text(app).splitlines()[-1]
        app.push_screen(make_dialog())
        for _ in range(40):  # the dialog's footer is built once it is laid out (slower under load)
            await pilot.pause(0.05)
            if app.screen.query(GameFooter) and app.screen.query_one(GameFooter).query(FooterKey):
                break
        assert not isinstance(app.screen, PlayScreen)
        await pilot.pause()
        assert screen_text(app).splitlines()[-1].strip() == keys
        await press(pilot, "escape")  # the key every dialog shows does what it says
        assert isinstance(app.screen, PlayScreen)
