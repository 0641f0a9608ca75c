"""Two players together in the full-screen game (`--players`): New game asks one player or
two, then both names; turns; asking each other; the chapter end; the ending; continue."""

from __future__ import annotations

import pytest
from ui_helpers import GOOD, load, press, screen_text, told

from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.name_prompt import NamePrompt
from game.ui.screens.play import PlayScreen
from game.ui.screens.players_prompt import PlayersPrompt


async def type_name(pilot, name: str) -> None:
    name_box = pilot.app.screen.query_one("#name")
    name_box.value = name
    await press(pilot, "enter")


async def test_two_players_from_new_game_to_the_ending(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter")  # New game
        assert isinstance(app.screen, PlayersPrompt)
        await press(pilot, "2")
        assert isinstance(app.screen, NamePrompt)
        assert "hero" in screen_text(app)
        await type_name(pilot, "Mia")
        assert "And who plays with Mia?" in screen_text(app)
        await type_name(pilot, "Dad")
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert play.game.state.hero == "Mia"
        assert "Mia, what will you do?   a: ask Dad" in screen_text(app)
        await press(pilot, "2")  # Mia helps Wren
        assert "Dad, what will you do?" in screen_text(app)
        await press(pilot, "a")  # Dad asks Mia
        text = screen_text(app)
        assert "Mia, you choose for Dad!" in text
        await press(pilot, "2")  # Mia chooses for Dad: ask Wren
        assert "Dad, what will you do?" in screen_text(app)  # Mia chose: Dad chooses next
        assert play.game.team.asks(1) == 1
        await press(pilot, "b")  # going back returns the turn, and forgets the ask
        text = screen_text(app)
        assert "Dad, what will you do?   a: ask Mia" in text and play.game.team.asks(1) == 0
        await press(pilot, "a", "2", "1")  # Dad asks Mia, who asks Wren; Dad: the forest
        assert isinstance(app.screen, ChapterEndScreen)
        assert "Mia, then Dad: When did someone help you this week?" in screen_text(app)
        assert "Mia let Wren help and helped Wren." in screen_text(app)  # not "you let"
        await press(pilot, "enter")  # the forest: one way on, so nothing to ask about
        text = screen_text(app)
        assert "Mia, what will you do?" in text and "a: ask" not in text and "a Ask" not in text
        await press(pilot, "a", "1", "1", "1")  # 'a' only says why (a test below); the ending
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "How you helped each other" in text
        assert "Dad asked Mia to help choose once." in text
        # who helped whom names who chose each help, in --plain's words (tests/test_plain.py)
        for words in (
            "Wren helped Mia once and Mia helped Wren once.",
            "Tam helped Dad once and Mia helped Tam once.",
            "Together, Mia and Dad accepted help twice and gave help twice.",
        ):
            assert words in " ".join(text.split()), text
    app.saver.flush()


def words_on(app) -> str:
    """The screen's words on one line (wrapped lines joined, the dialog's borders dropped)."""
    return " ".join(screen_text(app).replace("█", " ").replace("▌", " ").split())


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_second_name_left_empty_is_answered_in_the_dialog(make_app, store, size):
    """From a family playtest: Enter on the empty 'And who plays with Leo?' went back to the
    title with no word. The dialog now says what to do and keeps what was typed; each step's
    words are true (the first goes on, there is no name to keep in the second)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "2")  # New game, two players
        first = words_on(app)
        assert "Press Enter to go on." in first and "to begin" not in first
        assert "Next" in first and "Begin" not in first
        await type_name(pilot, "Leo")
        second = words_on(app)
        assert "And who plays with Leo?" in second
        assert "keep this one" not in second and "Press Enter to begin." in second
        await press(pilot, "enter")  # nothing typed
        assert isinstance(app.screen, NamePrompt), "the family was sent back to the title"
        assert "Please type a name first, then press Enter." in words_on(app)
        await type_name(pilot, "  ")  # only spaces
        assert isinstance(app.screen, NamePrompt)
        assert app.screen.query_one("#name").value == "  "  # what was typed is kept
        await type_name(pilot, "Leo")  # the hero's name again
        assert isinstance(app.screen, NamePrompt)
        assert "Leo is playing already. Please type the other player's name." in words_on(app)
        assert app.screen.query_one("#name").value == "Leo"
        await type_name(pilot, "Mum")
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert play.game.team.players == ("Leo", "Mum")
    app.saver.flush()


async def test_one_player_name_keeps_its_words(make_app):
    """One player: the story's hero is offered, and Enter begins."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "1")
        assert "Type a name, or keep this one. Press Enter to begin." in words_on(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, PlayScreen)
    app.saver.flush()


async def test_asking_with_one_way_on_says_why_as_plain_does(make_app):
    """'a' with only one choice did nothing, silently, in the full-screen game; --plain
    answered. Both now say the core's sentence (Playthrough.ask), and 'a Ask' stays out of
    the footer there; asking twice says who is choosing."""
    app = make_app(launch=Launch(players=("Mia", "Dad"), at="forest:path"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert len(play.game.available) == 1 and "a Ask" not in screen_text(app)
        await press(pilot, "a")
        expected = "There is only one way to go here, Mia. Ask Dad next time!"
        assert told(app) == [expected]
        assert not play.game.asking and play.game.state.trail == ()
        assert "a Ask" not in screen_text(app)
        await press(pilot, "1")  # Mia sits with Tam; Dad's turn, one way on again
        # From a family playtest: the notice stayed over the next two scenes.
        assert told(app) == [] and "Ask Dad next time" not in screen_text(app)
        await press(pilot, "a")
        assert told(app) == ["There is only one way to go here, Dad. Ask Mia next time!"]


async def test_asking_again_says_who_is_choosing(make_app):
    app = make_app(launch=Launch(players=("Mia", "Dad")))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await press(pilot, "a")  # Mia asks Dad
        assert told(app) == []
        await press(pilot, "a")
        assert told(app) == ["Dad is choosing this time, to help Mia."]


async def test_continue_resumes_two_players_with_the_right_player(make_app, store):
    app = make_app(launch=Launch(players=("Mia", "Dad")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "2")  # Mia's choice
        app.saver.flush()
    again = make_app(launch=Launch(continue_=True))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, PlayScreen)
        assert "Dad, what will you do?" in screen_text(again)
        assert again.screen.game.team.players == ("Mia", "Dad")


async def test_one_player_sees_no_turns_and_no_ask_key(make_app):
    app = make_app(launch=Launch(name="Sam"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "What will you do?" in text and "a: ask" not in text and "a Ask" not in text
        await press(pilot, "a")
        assert app.screen.game.state.trail == ()
    assert load(GOOD)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_one_player_or_two_says_its_whole_hint(make_app, size):
    """The hint wraps inside the dialog: 'one choice each' was cut off at the border."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "enter")  # New game
        assert isinstance(app.screen, PlayersPrompt)
        words = " ".join(screen_text(app).replace("█", " ").split())
        assert "a child and a grown-up, one choice each." in words


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_two_players_see_both_names_and_whose_turn_beside_the_story(make_app, size):
    """From a two-player playtest: the top bar named only the hero; the choices did not say
    who picks them."""
    app = make_app(launch=Launch(players=("Mia", "Dad")))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = screen_text(app).splitlines()
        assert "Mia and Dad" in rows[0]
        assert ("Mia (the hero)" in screen_text(app)) == (size == (80, 24))  # the panel
        assert "(you)" not in screen_text(app)  # Dad plays too
        assert "Mia, what will you do?" in screen_text(app)
        await press(pilot, "a")  # Mia asks Dad: Dad picks this one
        assert "Dad, you choose for Mia!" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_whose_turn_is_seen_without_scrolling_and_said_once(make_app, size):
    """From a family playtest: '▶ Mum's turn' was the last line of a long scene, seen only
    after scrolling, below a choices' title that already named who chooses. Whose turn it
    is, and whom they may ask, is now said once, on the rule right above the choices."""
    app = make_app(story_dir=CHECKOUT / "story", launch=Launch(players=("Leo", "Mum")))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        play.scene.reveal_all()  # the whole scene, as when it comes all at once
        play.show_reveal()
        await pilot.pause()
        scroll = play.story_scroll
        assert scroll.scroll_y < scroll.max_scroll_y, "the scene should go on below"
        rows = screen_text(app).splitlines()
        (title,) = [n for n, row in enumerate(rows) if "Leo, what will you do?" in row]
        assert "a: ask Mum" in rows[title] and "1. " in rows[title + 1], "\n".join(rows)
        scroll.scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert text.count("Leo") >= 1 and "'s turn" not in text, text
        assert text.count("what will you do?") == 1 and text.count("a: ask Mum") == 1, text
