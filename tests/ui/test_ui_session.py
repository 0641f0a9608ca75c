"""The full-screen game drives the same playthrough core as `--plain` (tests/test_session.py):
two bugs it had while it kept its own copy."""

from __future__ import annotations

import dataclasses

from ui_helpers import GOOD, load, press, screen_text, told

from game.engine.rules import new_game
from game.engine.save_lock import SaveClaim
from game.engine.saves import SaveStore, encode
from game.launch import Launch
from game.ui.screens.play import PlayScreen

ESCAPE = "\x1b]0;PWNED\x07"


async def test_an_escape_code_in_a_companion_name_never_reaches_the_screen(make_app):
    story = load(GOOD)
    wren = dataclasses.replace(story.companions["wren"], name=f"W{ESCAPE}ren")
    story = dataclasses.replace(story, companions={**story.companions, "wren": wren})
    app = make_app(launch=Launch(name="Robin"), story=story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "2")  # help Wren: she joins, and warm words name her
        assert isinstance(app.screen, PlayScreen)
        warm = str(app.screen.query_one("#warm").render())
        assert "Wren" in warm  # the name, without its escape code
        text = screen_text(app)
        for shown in (warm, text):
            assert not [ch for ch in shown if ord(ch) < 32 and ch != "\n"], repr(shown)


async def test_loading_a_kept_previous_version_plays_on_in_a_new_save(make_app, store):
    story = load(GOOD)
    store.folder.mkdir(parents=True)
    save = store.folder / "kim.save.toml"
    state = new_game(story, "Kim")
    save.write_bytes(encode(story, state))
    backup = SaveStore.backup(save)
    backup.write_bytes(save.read_bytes())
    kept = backup.read_bytes()
    app = make_app(launch=Launch(load=backup))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await press(pilot, "1")  # pull the rope alone
        app.saver.flush()
    assert backup.read_bytes() == kept
    assert not list(store.folder.glob("*.bak.bak"))
    saves = {info.path: info for info in store.list(story)}
    assert len(saves) == 2 and save in saves
    (new,) = [info for path, info in saves.items() if path != save]
    assert new.path.name.endswith(".save.toml") and new.scene == "rope_alone"
    assert store.newest(story).path == new.path  # Continue finds it


async def test_a_save_in_use_by_another_game_plays_on_in_a_copy(make_app, store):
    story = load(GOOD)
    store.folder.mkdir(parents=True)
    save = store.folder / "kim.save.toml"
    save.write_bytes(encode(story, new_game(story, "Kim")))
    before = save.read_bytes()
    other = SaveClaim.take(save)  # another game has it open
    assert other is not None
    app = make_app(launch=Launch(load=save))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert any("another window" in words for words in told(app))
        await press(pilot, "1")
        app.saver.flush()
        copy = app.screen.game.path
    other.release()
    assert save.read_bytes() == before
    assert copy is not None and copy != save
    assert store.load(copy, story).state.scene == "village:rope_alone"


async def test_loading_the_game_being_played_goes_back_to_it(make_app, store):
    app = make_app(launch=Launch(name="Kim"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        play = app.screen
        await press(pilot, "2")
        app.saver.flush()
        app.action_load()
        await pilot.pause()
        await press(pilot, "enter")  # the newest save: this game
        assert app.screen is play
        assert not any("another window" in words for words in told(app))
    assert len(store.list()) == 1
