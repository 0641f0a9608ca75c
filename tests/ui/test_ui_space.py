"""Room on the screen: from 80×24 down to 60×20 nothing is cut off, the
footer's keys included, and at 80×24 what a family needs is on the screen."""

from __future__ import annotations

import shutil

import pytest
from ui_helpers import GOOD, load, press, screen_text, settle, told

from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.confirm import ConfirmDialog
from game.ui.screens.play import PlayScreen
from game.ui.screens.problems import ProblemsScreen
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
    """The footer's keys once the screen is drawn (a screen just pushed is blank at first)."""
    await settle(pilot)
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
    two = make_app(
        story_dir=SHIPPED,
        launch=Launch(name="Mia", players=("Mia", "Dad"), at="forest:feelings", party=("wren",)),
        settings=Settings(),
    )
    async with two.run_test(size=size) as pilot:  # 'a Ask' and 'Space More' too
        await look(pilot, "two players, with more below", cut)
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


async def chapter_one_ends(pilot) -> None:
    """Play the village chapter of the first golden playthrough to its end."""
    app = pilot.app
    await pilot.pause()
    for text in VILLAGE:
        open_choices = [choice.text for choice in app.screen.choices.available]
        await press(pilot, str(open_choices.index(text) + 1))
    assert isinstance(app.screen, ChapterEndScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_the_chapter_end_footer_says_enter_goes_on(make_app, size):
    """The focused button's own Enter hid the screen's: the footer said only '^q Quit'."""
    app = make_app(story_dir=SHIPPED, launch=Launch(name="Robin"), settings=Settings())
    async with app.run_test(size=size) as pilot:
        await chapter_one_ends(pilot)
        assert "Go on" in screen_text(app).splitlines()[-1]
        await press(pilot, "enter")
        assert not isinstance(app.screen, ChapterEndScreen)


async def test_the_chapter_end_needs_no_scrolling_at_80x24(make_app):
    """The chapter's title, what happened and every talk question, then 'Go on'."""
    app = make_app(story_dir=SHIPPED, launch=Launch(name="Robin"), settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await chapter_one_ends(pilot)
        page = app.screen.page
        assert page.max_scroll_y == 0, screen_text(app)
        assert "when it is time to ask?" in screen_text(app)  # the last question


# ---------------------------------------------------------------- the play screen's rows

HUBS = [  # the scenes with the most choices (and locked ones with hints)
    pytest.param("river:boatyard", ("wren", "tam"), id="boatyard"),
    pytest.param("home:square", ("wren", "tam", "june", "bram"), id="square"),
    pytest.param("home:feast", ("wren", "tam", "june", "bram"), id="feast"),
    # a choice one cell too long for 60 columns once a scrollbar narrowed the list: the
    # scrollbar of a passing layout stayed, and the choice's second row was cut off
    pytest.param("forest:feelings", ("wren", "tam"), id="feelings"),
]
STORY_ROWS = {(80, 24): 10, (60, 20): 6}
"""The rows the scene's words get at the least beside the most choices, by size."""


def story_rows(play: PlayScreen) -> int:
    """The rows the scene's words are shown in."""
    return play.story_scroll.scrollable_content_region.height


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("at", "party"), HUBS)
async def test_every_choice_shows_and_the_story_keeps_its_rows(make_app, size, at, party):
    """Hubs with 8 choices left 8 rows of story at 80×24, and at 60×20 the last choices
    and their hints were scrolled out of the list."""
    app = make_app(
        story_dir=SHIPPED, launch=Launch(name="Robin", at=at, party=party), settings=Settings()
    )
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        choices = play.choices
        assert choices.option_count >= 2
        assert choices.max_scroll_y == 0, screen_text(app)  # every choice is on the screen
        assert play.region.contains_region(choices.region)
        assert story_rows(play) >= STORY_ROWS[size], screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_locked_hints_give_way_to_the_story(make_app, size):
    """At the feast the two locked endings' hints took 13 rows of 22: when the hints would
    take more than their share, each locked choice says 'not yet' and tells its hint
    when picked."""
    app = make_app(
        story_dir=SHIPPED,
        launch=Launch(name="Robin", at="home:feast", party=("wren", "tam", "june", "bram")),
        settings=Settings(),
    )
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        text = " ".join(screen_text(app).split())
        assert "(not yet: pick it to see why)" in text
        assert "Another ending" not in text
        locked = len(play.choices.available) + 1
        await press(pilot, str(locked))
        assert told(app) == play.choices.hints[:1]
        assert play.choices.hints[0].startswith("Another ending")
    roomy = make_app(
        story_dir=SHIPPED,
        launch=Launch(name="Robin", at="home:feast", party=("wren", "tam", "june", "bram")),
        settings=Settings(),
    )
    async with roomy.run_test(size=(size[0], 60)) as pilot:  # room enough: hints in full
        await pilot.pause()
        assert "Another ending" in screen_text(roomy)


def touching_the_scrollbar(app, scroll) -> list[str]:
    """The rows where a word touches the scroll container's vertical scrollbar."""
    if not scroll.show_vertical_scrollbar:
        return []
    bar = scroll.vertical_scrollbar.region
    lines = screen_text(app).splitlines()
    touching = []
    for y in range(bar.y, bar.bottom):
        line = lines[y].ljust(bar.x)
        if line[bar.x - 1] != " ":
            touching.append(line[: bar.x + 2])
    return touching


LONG_WORD = "N" + "o" * 150 + "body"
"""A word longer than any line: folded, it fills each line to its last cell."""


@pytest.mark.parametrize("size", SIZES)
async def test_words_never_touch_the_scrollbar(make_app, size, tmp_path):
    """'Nobody▆▆': the scrollbar sits inside the padding, so the words need their own gap
    (a folded long word fills its lines to the last cell)."""
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    village = folder / "01-village.toml"
    words = "\n\n".join([LONG_WORD] * 6)
    village.write_text(village.read_text().replace("*Who* could help?", words))
    app = make_app(folder, launch=Launch(name="Robin"), story=load(folder))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        scroll = app.screen.story_scroll
        assert scroll.show_vertical_scrollbar
        for _ in range(8):  # every scroll position: the words move under the thumb
            assert not touching_the_scrollbar(app, scroll), screen_text(app)
            await press(pilot, "pagedown")
    chapter_end = make_app(story_dir=SHIPPED, launch=Launch(name="Robin"), settings=Settings())
    async with chapter_end.run_test(size=(size[0], 16)) as pilot:
        await chapter_one_ends(pilot)
        assert chapter_end.screen.page.show_vertical_scrollbar
        assert not touching_the_scrollbar(chapter_end, chapter_end.screen.page)


@pytest.mark.parametrize("size", SIZES)
async def test_the_picture_gives_way_when_the_words_would_have_no_room(make_app, size):
    """At 60×20 the foot of the mountain showed its picture and two lines of words."""
    app = make_app(
        story_dir=SHIPPED,
        launch=Launch(name="Robin", at="mountain:foot", party=("wren", "tam")),
        settings=Settings(),
    )
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        play = app.screen
        art, note = play.query_one("#art"), play.query_one("#art-note")
        words = story_rows(play) - (art.outer_size.height if art.display else 0)
        words -= note.outer_size.height if note.display else 0
        assert words >= 6, screen_text(app)
        assert art.display == (size == (80, 24)), screen_text(app)  # 80×24 has room
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert art.display  # and it comes back when there is room


@pytest.mark.parametrize("size", SIZES)
async def test_a_picture_that_gave_way_is_said_in_one_quiet_line(make_app, size):
    """When the picture gave way nothing said so: a family never knew a bigger window shows
    one. One dim line stands in its place (one row, the words keep theirs); none when the
    picture shows, or when pictures are turned off."""
    note = "(A picture is here when the window is bigger.)"
    launch = Launch(name="Robin", at="mountain:foot", party=("wren", "tam"))
    app = make_app(story_dir=SHIPPED, launch=launch, settings=Settings())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        play = app.screen
        rows = screen_text(app).splitlines()
        shown = [n for n, row in enumerate(rows) if note in row]
        if size == (60, 20):
            assert len(shown) == 1 and not play.query_one("#art").display
            assert play.story_scroll.region.y == shown[0]  # the story's first row
            assert play.query_one("#art-note").outer_size.height == 1
            assert story_rows(play) - 1 >= 6
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
        assert play.query_one("#art").display and note not in screen_text(app)
    off = make_app(story_dir=SHIPPED, launch=launch, settings=Settings(art=False))
    async with off.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert note not in screen_text(off)


@pytest.mark.parametrize("size", SIZES)
async def test_the_story_errors_dialog_says_its_whole_sentence(make_app, size):
    """Played at 60×20: 'Fix these, then save.' was cut at the dialog's edge after 'then'
    (a Label is as wide as its text)."""
    app = make_app(launch=Launch(name="Robin"), settings=Settings())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(
            ProblemsScreen(["01-village.toml:20: error: the value after id = is missing"])
        )
        await pilot.pause()
        text = " ".join(screen_text(app).replace("█", " ").split())
        assert "Still playing the story as it was. Fix these, then save." in text, text
        await press(pilot, "escape")
        question = "Delete the save of Robin-with-a-very-long-name, in chapter 2, from 3 May?"
        app.push_screen(ConfirmDialog(question))
        await pilot.pause()
        text = " ".join(screen_text(app).replace("█", " ").split())
        assert question in text, text
