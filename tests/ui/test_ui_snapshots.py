"""Pictures of the screens that matter, at 80×24 and at the smallest size (60×20).

Update with `pytest tests/ui/test_ui_snapshots.py --snapshot-update` after looking at
the new pictures (`snapshot_report.html`)."""

from __future__ import annotations

import pytest
from ui_helpers import put_saves

from game.launch import Launch

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]


@pytest.fixture(autouse=True)
def steady(no_blink):
    """No blinking cursor, so every picture is the same."""


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_play(snap_compare, make_app, size):
    # Wren has joined: the party panel, the warm words and a choice that needs her
    app = make_app(launch=Launch(name="Robin"))
    assert snap_compare(app, press=["2"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_play_with_a_locked_choice(snap_compare, make_app, size):
    assert snap_compare(make_app(launch=Launch(name="Robin")), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_chapter_end(snap_compare, make_app, size):
    # help Wren, ask Wren for help, go to the forest
    app = make_app(launch=Launch(name="Robin"))
    assert snap_compare(app, press=["2", "2", "1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_ending(snap_compare, make_app, size):
    launch = Launch(name="Robin", at="forest:path", party=("wren",))
    assert snap_compare(make_app(launch=launch), press=["1", "1", "1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_load_with_a_damaged_save(snap_compare, make_app, store, size):
    put_saves(store, "kim-20240503-140300.save.toml", "sam-20240502-100000.save.toml")

    async def open_load(pilot):
        pilot.app.action_load()
        await pilot.pause()

    assert snap_compare(make_app(), run_before=open_load, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_play_two_players(snap_compare, make_app, size):
    # Mia helped Wren; now it is Dad's turn, and he has asked Mia to help choose
    app = make_app(launch=Launch(players=("Mia", "Dad")))
    assert snap_compare(app, press=["2", "a"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_menu_over_play(snap_compare, make_app, size):
    """A dialog shows its own keys in its footer, not the play screen's beneath it."""
    assert snap_compare(make_app(launch=Launch(name="Robin")), press=["escape"], terminal_size=size)
