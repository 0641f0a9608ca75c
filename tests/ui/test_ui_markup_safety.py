"""Story and player text is data: markup, links, actions and escape codes are shown as
written and never styled, followed or run."""

from __future__ import annotations

import shutil

from ui_helpers import GOOD, HOSTILE, load, press, screen_text, words_in

from game.engine.rules import new_game
from game.launch import Launch
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.problems import ProblemsScreen
from game.ui.screens.title import TitleScreen


async def test_hostile_story_plays_to_its_ending_shown_as_written(make_app):
    app = make_app(HOSTILE, launch=Launch())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Quit[/] [b]Bold[/b] [/]x" in text  # the title
        await press(pilot, "enter", "1", "enter")  # New game, one player, keep the name
        play = app.screen
        assert isinstance(play, PlayScreen)
        text = screen_text(app)
        assert "[@click=app.quit]Click to quit[/] and [/]x and" in text
        assert "[link=https://example.com]A link[/link]" in text
        assert "{braces} for" in text and "[red]Red[/red]." in text
        assert "[/] [@click=app.quit]x[/]" in text  # the art
        locked = words_in(app, play.choices)
        assert "[/]x [@click=app.quit]You need a friend[/]" in locked  # a locked hint
        assert "\x1b" not in text and "The screen must not clear." in text

        await press(pilot, "1")  # befriend the imp: warm words name it as written
        text = screen_text(app)
        assert "[@click=app.quit]Imp[/]" in text
        assert "[/]breaks [b]markup" in text  # its gift, in the party panel
        await press(pilot, "1", "1")  # ask for help; go on: the chapter ends
        assert isinstance(app.screen, ChapterEndScreen)
        text = screen_text(app)
        assert "[@click=app.quit]Click me[/] link" in text
        assert "[@click=app.bell]ring[/] [link=https://example.com]open[/link]?" in text
        await press(pilot, "enter", "1")
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "[@click=app.quit]Together[/] [/]x" in text
        assert app.is_running


async def test_clicking_action_text_does_nothing(make_app):
    app = make_app(HOSTILE, launch=Launch(name="Sam"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        scene = app.screen.query_one("#scene")
        for x in (1, 5, 10, 18):  # on "[@click=app.quit]Click to quit[/]"
            await pilot.click(scene, offset=(x, 0))
        where = app.screen.query_one("#where")
        for x in (2, 8, 16):  # on "[@click=app.quit]Click me[/]"
            await pilot.click(where, offset=(x, 0))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        assert isinstance(app.screen, PlayScreen)


async def test_a_hero_name_with_markup_is_just_a_name(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "1")
        for key in "[/]x [@click=app.quit]":
            await pilot.press(key if key != " " else "space")
        await press(pilot, "enter")
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert play.game.state.hero == "[/]x [@click=app.quit]"
        assert "[/]x [@click=app.quit]" in screen_text(app)
        await press(pilot, "1", "escape", "end", "up", "enter")  # to the title: Continue
        assert isinstance(app.screen, TitleScreen)
        assert "[/]x [@click=app.quit]" in screen_text(app)
        assert app.is_running
    assert len(store.list()) == 1


async def test_file_names_and_reasons_with_markup_are_shown_as_written(make_app, store):
    story = load(GOOD)
    store.create(story, new_game(story, "[b]Kim"))
    broken = store.folder / "[@click=app.quit]x[b].save.toml"
    broken.write_text("[/]x\n")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.action_load()
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]x[b].save.toml" in text
        assert "[b]Kim" in text
        await press(pilot, "up", "enter")  # the damaged one: refused, with its reason
        await pilot.pause()
        assert any("[@click=app.quit]x[b].save.toml" in n.message for n in app._notifications)
        assert app.is_running


async def test_check_errors_quoting_markup_are_shown_as_written(make_app, tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    app = make_app(folder, launch=Launch(name="Sam"), story=load(GOOD))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        path = folder / "02-forest.toml"
        path.write_text(path.read_text().replace('goto = "home"', 'goto = "[/]x[@click=app.quit]"'))
        await press(pilot, "ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "[/]x[@click=app.quit]" in screen_text(app)
        assert app.is_running
