"""The whole game, driven with keys: new game to ending, continue, load, go back, quit."""

from __future__ import annotations

import pytest
from ui_helpers import GOOD, load, press, put_saves, screen_text, told, words_in

from game.engine.rules import new_game
from game.launch import Launch
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.name_prompt import NamePrompt
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.choices import ChoiceList


def saved_scene(app) -> str:
    """Where the one save in the folder stands, once the saver has written everything."""
    app.saver.flush()
    (info,) = app.store.list(load(GOOD))
    return f"{info.chapter}:{info.scene}"


async def test_new_game_to_ending(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "The Little Bell" in screen_text(app)
        assert "Continue" not in screen_text(app)  # no save yet

        await press(pilot, "enter", "1")  # New game, one player
        assert isinstance(app.screen, NamePrompt)
        await press(pilot, "S", "a", "m", "enter")
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert play.game.state.hero == "Sam"
        assert isinstance(app.focused, ChoiceList)
        text = screen_text(app)
        assert "The bell has not rung for three days, Sam." in text
        assert "1. Pull the rope by yourself" in text
        assert "2. Help Wren pick up her spilled books" in text
        assert "(The tower is too high to climb alone.)" in words_in(app, play.choices)
        assert saved_scene(app) == "village:square"  # saved at once

        await press(pilot, "2")  # help Wren: she joins
        assert play.game.state.party == ("wren",)
        text = screen_text(app)
        assert "Wren" in play.query_one("#party").render().plain
        assert "2. Ask Wren to help you climb the tower" in text

        await press(pilot, "2")  # ask Wren for help
        assert play.game.state.scene == "village:tower"
        assert play.game.state.help_received("wren") == 1
        assert saved_scene(app) == "village:tower"

        await press(pilot, "1")  # to the forest: the chapter ends
        assert isinstance(app.screen, ChapterEndScreen)
        text = screen_text(app)
        assert "The Silent Bell" in text
        assert "When did someone help you this week?" in text
        assert "Wren joined your team." in text

        await press(pilot, "enter")
        assert app.screen is play
        assert play.game.state.scene == "forest:path"
        await press(pilot, "1", "1")  # sit with Tam, ask Tam to carry the bell
        assert play.game.state.scene == "forest:home"
        await press(pilot, "1")  # ring it again: the ending
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "Stronger Together" in text
        assert "Everyone came together." in text
        assert "Wren helped you once and you helped Wren once." in text
        assert "Tam helped you once and you helped Tam once." in text
        assert "Talk together" in text  # the last chapter's questions are not skipped
        assert "What do you do when you feel lost?" in text
        assert saved_scene(app) == "forest:end"

        await press(pilot, "enter", "1")  # Play again, one player
        assert isinstance(app.screen, NamePrompt)
        assert app.screen.suggestion == "Sam"


async def test_arrows_and_enter_pick_a_choice(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        await press(pilot, "down", "enter")
        assert play.game.state.party == ("wren",)


async def test_mouse_picks_a_choice(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        choices = play.query_one(ChoiceList)
        # the first option sits on the line below the list's top border
        await pilot.click(choices, offset=(6, 1))
        await pilot.pause()
        assert play.game.state.scene == "village:rope_alone"


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_notice_hides_no_choice_and_goes_with_its_scene(make_app, size):
    """From a family playtest: the locked choice's 'Not yet' box covered the right half of
    every choice line at 60x20, for seconds. A notice now has its own place above the
    choices: every choice reads in full beside it; it goes when the scene changes, or
    after a short while."""
    hint = "The tower is too high to climb alone."
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        before = screen_text(app).splitlines()
        lines = [row for row in before if row.lstrip()[:3] in ("1. ", "2. ", "3. ")]
        assert len(lines) == 3, before
        await press(pilot, "3")  # locked: its hint is told
        await pilot.pause()
        after = screen_text(app).splitlines()
        for line in lines:
            assert line in after, "\n".join(after)  # each choice's row, whole
        assert hint in " ".join(" ".join(after).split())
        assert told(app) == [hint]
        await press(pilot, "1")  # the scene changes: what was said about the last one goes
        assert told(app) == [] and hint not in " ".join(" ".join(screen_text(app).split()))


async def test_a_notice_goes_after_a_short_while(make_app, monkeypatch):
    from game.ui.screens import play as play_module

    monkeypatch.setattr(play_module, "NOTICE_SECONDS", 2.0)
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "3")
        assert told(app) == ["The tower is too high to climb alone."]
        for _ in range(50):  # it goes by itself, with nothing pressed
            if not told(app):
                break
            await pilot.pause(0.1)
        assert told(app) == [] and not app.screen.query_one("#notice").display


async def test_locked_choice_answers_with_its_hint(make_app):
    """By its number, by a click or by Enter: the hint, and the hero stays where she is."""
    hint = "The tower is too high to climb alone."
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        play = app.screen
        assert "3. Ask Wren to help you climb the tower" in screen_text(app)
        await press(pilot, "3")  # two choices are open; the third is locked
        assert told(app) == [hint]
        play.clear_notice()
        choices = play.query_one(ChoiceList)
        await pilot.click(choices, offset=(8, 3))  # the locked choice's line
        await pilot.pause()
        assert told(app) == [hint]
        play.clear_notice()
        await press(pilot, "home", "down", "down", "enter")
        assert told(app) == [hint]
        await press(pilot, "4")  # no fourth choice: nothing
        assert play.game.state.scene == "village:square"
        assert play.game.state.trail == ()


async def test_go_back_one_step_undoes_and_saves(make_app, store):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        await press(pilot, "2")
        assert play.game.state.party == ("wren",)
        await press(pilot, "b")
        assert play.game.state.party == ()
        assert play.game.state.trail == ()
        app.saver.flush()
        resumed = store.load(play.game.path, load(GOOD))
        assert resumed.state.party == () and resumed.state.trail == ()
        await press(pilot, "b")  # nothing before the start: no crash, still there
        assert play.game.state.scene == "village:square"


async def test_continue_from_the_title(make_app, store):
    story = load(GOOD)
    state = new_game(story, "Kim", at="forest:path", party=("wren",))
    store.create(story, state)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Continue" in screen_text(app) and "Kim" in screen_text(app)
        await press(pilot, "enter")  # Continue is first
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.game.state.scene == "forest:path"
        assert app.screen.game.state.party == ("wren",)


async def test_saves_passed_over_on_continue_are_told_above_the_choices(make_app, store):
    """A damaged newer save passed over by Continue is named in the play screen's place for
    notices (it stays for the first scene), not in a toast over the choices."""
    _good, damaged = put_saves(store)
    damaged.write_bytes(damaged.read_bytes().replace(b"2024-05-03", b"2025-05-03"))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await press(pilot, "enter")  # Continue
        assert isinstance(app.screen, PlayScreen) and app.screen.game.state.hero == "Kim"
        assert not app._notifications
        assert any("Passing over" in words and "sam.save.toml" in words for words in told(app))
        assert "Passing over" in screen_text(app)


async def test_continue_flag_opens_the_newest_save(make_app, store):
    story = load(GOOD)
    store.create(story, new_game(story, "Kim", at="forest:path"))
    app = make_app(launch=Launch(continue_=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.game.state.hero == "Kim"


async def test_at_flag_starts_a_new_game_there(make_app, store):
    launch = Launch(name="Ada", at="forest:path", party=("wren",), flags=("met_tam",))
    app = make_app(launch=launch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        state = app.screen.game.state
        assert (state.hero, state.scene, state.party) == ("Ada", "forest:path", ("wren",))
        assert "met_tam" in state.flags
        assert len(store.list()) == 1


async def test_load_flag_with_a_damaged_save_leaves_it_alone(make_app, store, tmp_path):
    store.folder.mkdir(parents=True)
    damaged = store.folder / "broken.save.toml"
    damaged.write_text('format = 1\nhero = "Kim"\n')
    before = damaged.read_bytes()
    app = make_app(launch=Launch(load=damaged))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert any("Cannot load" in n.message for n in app._notifications)
    assert damaged.read_bytes() == before


async def test_ctrl_c_quits_and_nothing_is_lost(make_app, store):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "2", "2")
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0
    resumed = store.load(store.newest(load(GOOD)).path, load(GOOD))
    assert resumed.state.scene == "village:tower"
    assert resumed.state.party == ("wren",)


async def test_escape_menu_goes_to_the_title(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "escape")
        assert "Back to the story" in screen_text(app)
        await press(pilot, "escape")  # closes the menu
        assert isinstance(app.screen, PlayScreen)
        await press(pilot, "escape", "end", "up", "enter")  # "Title screen", next to last
        assert isinstance(app.screen, TitleScreen)
        assert "Continue" in screen_text(app)


async def test_story_so_far_shows_the_trail(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1", "1", "s")
        text = screen_text(app)
        assert "The story so far" in text
        assert "→ Pull the rope by yourself" in text
        assert "→ Go back to the square" in text
        assert "Now: The bell has not rung" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen)


async def test_widgets_do_not_pile_up_scene_after_scene(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        before = len(play.query("*"))
        for _ in range(12):
            await pilot.press("1", "1")  # rope alone, back to the square
        await pilot.pause()
        assert len(play.game.state.trail) == 24
        assert len(play.query("*")) == before


async def test_new_game_prompt_can_go_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "escape")
        assert isinstance(app.screen, TitleScreen)


async def test_empty_name_gets_the_story_hero(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "1", "backspace", "space", "enter")
        assert app.screen.game.state.hero == "Robin"


def test_run_game_plays_until_quit_and_the_game_is_saved(monkeypatch, store):
    """`run_game` is the way in from `python -m game`: it plays full screen until the
    player quits, returns the exit code, and every save is on the disk by then."""
    from game.ui.app import StrongerTogether, run_game

    run = StrongerTogether.run
    seen = []

    async def play_then_quit(pilot) -> None:
        await pilot.pause()
        seen.append(type(pilot.app.screen))
        await pilot.press("1")  # a choice: a save to write before returning
        await pilot.press("ctrl+q")

    def headless(app, **_options):
        return run(app, headless=True, size=(80, 24), auto_pilot=play_then_quit)

    monkeypatch.setattr(StrongerTogether, "run", headless)
    story = load(GOOD)
    assert run_game(story, GOOD, store, Launch(name="Robin")) == 0
    assert seen == [PlayScreen]
    (info,) = store.list(story)
    assert info.hero == "Robin"
    assert len(store.load(info.path, story).state.trail) == 1


async def test_quitting_at_once_after_a_choice_loses_nothing(make_app, store):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "2", "ctrl+q")
    resumed = store.load(store.newest(load(GOOD)).path, load(GOOD))
    assert resumed.state.scene == "village:tower"


async def test_play_again_starts_a_new_game(make_app, store):
    app = make_app(launch=Launch(name="Robin", at="forest:path", party=("wren",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1", "1", "1")
        assert isinstance(app.screen, EndingScreen)
        await press(pilot, "enter", "1")  # Play again, one player
        assert isinstance(app.screen, NamePrompt)
        await press(pilot, "enter")  # the same name
        assert isinstance(app.screen, PlayScreen)
        state = app.screen.game.state
        assert (state.hero, state.scene, state.party, state.trail) == (
            "Robin",
            "village:square",
            (),
            (),
        )
        assert len(app.screen_stack) == 2  # the title, then the new game
        app.saver.flush()
        assert len(store.list()) == 2  # the finished game and the new one


async def test_the_warm_word_follows_the_scene_that_tells_the_act(make_app):
    """'Wren joins your team.' comes first; the praise waits below the scene until it is
    read, just above the choices (a warm word before the act read as praise for nothing)."""
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "2")  # help Wren with her books
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        while not screen.scene.done:
            assert not screen.warm.display  # not before the scene is read
            await press(pilot, "space")
        praise = str(screen.warm.render())
        assert "Wren" in praise
        text = screen_text(app)
        assert text.index("Wren joins your team.") < text.index("Who could help?")
        assert text.index("Who could help?") < text.index(praise.splitlines()[0])
        assert text.index(praise.splitlines()[0]) < text.index("Pull the rope")
