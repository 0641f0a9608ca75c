"""Each screen on its own: load, settings, how to play, reading a paragraph at a time,
live reload, and every size down to the smallest."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import OptionList, RadioButton, RadioSet
from ui_helpers import GOOD, load, press, put_saves, screen_text, settle

from game.engine.rules import new_game
from game.engine.saves import encode
from game.launch import Launch
from game.ui.answers import MenuChoice
from game.ui.app import StrongerTogether
from game.ui.screens.chapter_end import ChapterEndScreen
from game.ui.screens.confirm import ConfirmDialog
from game.ui.screens.ending import EndingScreen
from game.ui.screens.how_to_play import HowToPlayScreen
from game.ui.screens.load import LoadScreen
from game.ui.screens.menu import MenuScreen
from game.ui.screens.name_prompt import NamePrompt
from game.ui.screens.play import PlayScreen
from game.ui.screens.players_prompt import PlayersPrompt
from game.ui.screens.problems import ProblemsScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.title import TitleScreen
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.story_watch import POLL_SECONDS
from game.ui.widgets.choices import ChoiceList

# ---------------------------------------------------------------- load


async def test_load_lists_damaged_saves_with_the_reason(make_app, store):
    good, damaged = put_saves(store)
    before = damaged.read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await press(pilot, "down", "down", "enter")  # Continue, New game, Load
        assert isinstance(app.screen, LoadScreen)
        text = screen_text(app)
        assert "Kim" in text and "The Forest" in text and "3 May 2024" in text
        assert "Damaged: Sam" in text and "sam.save.toml" in text
        await press(pilot, "down", "enter")  # the damaged one: refused, with the reason
        assert isinstance(app.screen, LoadScreen)
        assert any("cannot be opened" in n.message for n in app._notifications)
        await press(pilot, "up", "enter")
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.game.state.hero == "Kim"
        assert app.screen.game.path == good
    assert damaged.read_bytes() == before


async def test_load_marks_a_finished_game_with_its_ending(make_app, store):
    story = load(GOOD)
    store.folder.mkdir(parents=True, exist_ok=True)
    done = new_game(story, "Ada", at="forest:end", party=("wren", "tam"))
    (store.folder / "ada.save.toml").write_bytes(encode(story, done))
    playing = new_game(story, "Kim", at="forest:path", party=("wren",))
    (store.folder / "kim.save.toml").write_bytes(encode(story, playing))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_load()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("finished: Stronger Together" in line for line in lines)
        assert sum("finished:" in line for line in lines) == 1


async def test_deleting_a_save_asks_first(make_app, store):
    good, damaged = put_saves(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_load()
        await pilot.pause()
        await press(pilot, "down", "d")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert damaged.exists()
        await press(pilot, "d", "y")
        assert not damaged.exists()
        assert good.exists()
        assert "sam.save.toml" not in screen_text(app)


async def test_load_with_no_saves_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_load()
        await pilot.pause()
        assert "No saved games yet." in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)


# ---------------------------------------------------------------- settings


async def test_settings_are_kept_after_a_restart(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "right", "right", "enter")  # Colours: High contrast
        assert app.theme == "stronger-high-contrast"
        await press(pilot, "tab", "right", "enter")  # A paragraph at a time
        await press(pilot, "escape")
    assert load_settings(store.folder) == Settings(theme="high-contrast", reveal="lines")

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.settings.theme == "high-contrast"
        assert again.theme == "stronger-high-contrast"


def test_a_damaged_settings_file_gives_the_defaults(tmp_path):
    (tmp_path / "settings.toml").write_text("theme = [\n")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.toml").write_text(
        '[settings]\ntheme = "neon"\nreveal = "lines"\nart = 1\n'
    )
    assert load_settings(tmp_path) == Settings(reveal="lines")
    save_settings(tmp_path, Settings(spacing="snug", art=False))
    assert load_settings(tmp_path) == Settings(spacing="snug", art=False)


async def test_a_paragraph_at_a_time(make_app):
    app = make_app(launch=Launch(name="Robin"), settings=Settings(reveal="lines"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        text = screen_text(app)
        assert "The bell has not rung" in text
        assert "Who could help?" not in text
        assert not play.query_one(ChoiceList).display
        assert "Press Space to read on" in text
        await press(pilot, "space")
        text = screen_text(app)
        assert "Who could help?" in text
        assert play.query_one(ChoiceList).display
        assert isinstance(app.focused, ChoiceList)
        await press(pilot, "1")
        assert play.game.state.scene == "village:rope_alone"


async def test_snug_spacing_and_hidden_pictures(make_app, tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    path = folder / "01-village.toml"
    path.write_text(
        path.read_text().replace(
            "[scenes.square]\n", '[scenes.square]\nart = """\n  /\\\\\n [**]\n"""\n'
        )
    )
    app = make_app(folder, launch=Launch(name="Robin"), story=load(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "[**]" in screen_text(app)
        app.change_settings(app.settings.with_(art=False, spacing="snug"))
        app.action_settings()
        await pilot.pause()
        await press(pilot, "escape")
        assert "[**]" not in screen_text(app)
        assert app.screen.has_class("-snug")


# ---------------------------------------------------------------- how to play, menu


async def test_how_to_play_from_the_title_and_the_menu(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "down", "down", "down", "enter")  # New game, Load, Endings, How to play
        assert isinstance(app.screen, HowToPlayScreen)
        assert "asking for help" in screen_text(app)
        await press(pilot, "pagedown")
        assert "two players: ask the other to help choose" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)
        app.begin(new_game(app.story, "Robin"))
        await pilot.pause()
        await press(pilot, "escape", "down", "down", "enter")
        assert isinstance(app.screen, HowToPlayScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, PlayScreen)


# ---------------------------------------------------------------- live reload


async def test_reload_keeps_the_state_and_shows_the_edit(make_app, tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    app = make_app(folder, launch=Launch(name="Robin"), story=load(GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        await press(pilot, "2")  # Wren joins
        path = folder / "01-village.toml"
        path.write_text(path.read_text().replace("three days", "four long days"))
        await press(pilot, "ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.story is not load(GOOD)
        assert "four long days" in screen_text(app)
        assert play.game.state.party == ("wren",)

        path.write_text(path.read_text() + "\n[scenes.broken\n")
        await press(pilot, "ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "01-village.toml" in screen_text(app)
        await press(pilot, "enter")
        assert app.screen is play
        assert "four long days" in screen_text(app)  # the old story keeps running


async def test_reload_moves_the_hero_when_the_scene_is_gone(make_app, tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    app = make_app(folder, launch=Launch(name="Robin", at="village:tower", party=("wren",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        path = folder / "01-village.toml"
        text = path.read_text()
        path.write_text(
            text.replace("scenes.tower", "scenes.belfry").replace('"tower"', '"belfry"')
        )
        await press(pilot, "ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.game.state.scene == "village:square"


# ---------------------------------------------------------------- sizes


SIZES = [(80, 24), (60, 20), (40, 12), (20, 6), (10, 3), (120, 40), (61, 21), (59, 19)]
SCREENS = {
    "title": TitleScreen,
    "play": PlayScreen,
    "load": LoadScreen,
    "menu": MenuScreen,
    "ending": EndingScreen,
}


@pytest.mark.parametrize("where", ["title", "play", "load", "menu", "ending"])
async def test_no_crash_on_any_resize(make_app, store, where):
    put_saves(store)
    launch = {
        "play": Launch(name="Robin"),
        "menu": Launch(name="Robin"),
        "ending": Launch(name="Robin", at="forest:home", party=("tam",)),
    }.get(where)
    if where == "ending":
        launch = Launch(name="Robin", at="forest:path", party=("tam", "wren"), flags=("met_tam",))
    app = make_app(launch=launch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if where == "load":
            app.action_load()
        elif where == "menu":
            await pilot.press("escape")
        elif where == "ending":
            await pilot.press("1", "1")
        await pilot.pause()
        intended = SCREENS[where]
        assert isinstance(app.screen, intended)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            screen_text(app)
            assert isinstance(app.screen, intended), size
        assert app.is_running


async def test_narrow_play_has_the_party_in_one_line(make_app):
    app = make_app(launch=Launch(name="Robin", at="forest:path", party=("wren",)))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Team: Wren" in text
        assert "reads maps" not in text  # the full panel is for wide terminals
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        text = screen_text(app)
        assert "reads maps" in text
        assert "Team: Wren" not in text


async def test_space_scrolls_a_long_scene(make_app, tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    path = folder / "01-village.toml"
    long_text = "\n\n".join(f"Line {n} of a long morning." for n in range(30))
    path.write_text(path.read_text().replace("*Who* could help?", long_text))
    app = make_app(folder, launch=Launch(name="Robin"), story=load(folder))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        scroll = app.screen.query_one("#story")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        await press(pilot, "space")
        assert scroll.scroll_y > 0
        await press(pilot, "pageup")
        assert scroll.scroll_y == 0
        await press(pilot, "1")  # the choices still answer at once
        assert app.screen.game.state.scene == "village:rope_alone"


# ---------------------------------------------------------------- long pages


def long_pages_story(tmp_path):
    """The fixture story with a long ending and many talk questions."""
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    village = folder / "01-village.toml"
    questions = ", ".join(f'"Question {n}: who helped you today?"' for n in range(8))
    village.write_text(
        village.read_text().replace('talk = ["When did someone', f'talk = [{questions}, "When did')
    )
    forest = folder / "02-forest.toml"
    long_text = "\n\n".join(f"Line {n} of a long evening." for n in range(12))
    forest.write_text(
        forest.read_text().replace('"Everyone came together."', f'"""\n{long_text}\n"""')
    )
    return folder


async def check_page_keys(pilot, page, *, menu: bool) -> None:
    """The page opens at the top, and the keys scroll it though the menu or button has focus."""
    assert page.max_scroll_y > 0 and page.scroll_y == 0
    await press(pilot, "pagedown")
    assert page.scroll_y > 0
    await press(pilot, "pageup")
    assert page.scroll_y == 0
    await press(pilot, "end")
    assert page.scroll_y == page.max_scroll_y
    await press(pilot, "home")
    assert page.scroll_y == 0
    await press(pilot, "down")
    if menu:  # the menu's highlight moves first; at its last item, Down scrolls
        await press(pilot, "down", "down")
        assert page.scroll_y == 0
        await press(pilot, "down")
    assert page.scroll_y > 0
    if menu:
        await press(pilot, "up", "up", "up")
        assert page.scroll_y > 0
        await press(pilot, "up")
    else:
        await press(pilot, "up")
    assert page.scroll_y == 0


async def test_chapter_end_and_ending_open_at_the_top(make_app, tmp_path):
    folder = long_pages_story(tmp_path)
    app = make_app(folder, launch=Launch(name="Robin"), story=load(folder))
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.pause()
        await press(pilot, "2", "2", "1")
        assert isinstance(app.screen, ChapterEndScreen)
        text = screen_text(app)
        assert "End of the chapter" in text and "The Silent Bell" in text
        await check_page_keys(pilot, app.screen.query_one("#chapter-end"), menu=False)
        await press(pilot, "enter", "1", "1", "1")
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "The end" in text and "Stronger Together" in text and "Line 0 " in text
        await check_page_keys(pilot, app.screen.query_one("#ending"), menu=True)
        menu = app.screen.query_one("#ending-menu")
        assert menu.highlighted == 0 and app.focused is menu
        await press(pilot, "enter", "1")  # the menu still works: Play again (one player)
        assert isinstance(app.screen, NamePrompt)


# ---------------------------------------------------------------- wrapped lines


def hangs(text: str, first: str, second: str) -> bool:
    """Whether the line after the one holding `first` starts `second` in the same column."""
    lines = text.split("\n")
    (row,) = [n for n, line in enumerate(lines) if first in line]
    return lines[row + 1].find(second) == lines[row].find(first)


async def test_wrapped_lines_keep_their_indent(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(28, 20)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert hangs(text, "Pull the rope", "yourself")  # a long choice
        assert hangs(text, "Help Wren pick", "spilled books")
        assert hangs(text, "Ask Wren to", "climb the")  # a locked choice and its hint
        assert hangs(text, "climb the", "tower is too")
        await pilot.resize_terminal(40, 24)
        await press(pilot, "2", "2", "1")
        assert hangs(screen_text(app), "When did someone", "week?")  # a talk question


async def test_party_of_four_fits_beside_the_story(make_app, tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    front = folder / "story.toml"
    gifts = {
        "wren": "reads maps, riddles and old books",
        "tam": "strong, steady, and never gives up on a friend",
        "june": "talks softly with animals and notices feelings",
        "bram": "an old ferryman who mends boats and machines",
    }
    extra = "".join(
        f'\n[companions.{who}]\nname = "{who.title()}"\ngift = "{gift}"\nportrait = "{who[0]}"\n'
        for who, gift in gifts.items()
        if who in ("june", "bram")
    )
    front.write_text(
        front.read_text()
        .replace('"reads maps"', f'"{gifts["wren"]}"')
        .replace('"carries things"', f'"{gifts["tam"]}"')
        + extra
    )
    party = ("wren", "tam", "june", "bram")
    app = make_app(
        folder, launch=Launch(name="Robin", at="forest:path", party=party), story=load(folder)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#party")
        assert panel.virtual_size.height <= panel.scrollable_content_region.height
        text = screen_text(app)
        for name in ("Wren", "Tam", "June", "Bram"):
            assert name in text
        assert "machines" in text  # the last gift, whole
        assert "accepted help 0" in text  # the totals
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert "Wren, Tam, June, Bram · you accepted help 0 · gave help 0" in screen_text(app)


def _story_with_abouts(tmp_path: Path) -> Path:
    """The good story, four companions, each with a sentence or two about them."""
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    front = folder / "story.toml"
    text = front.read_text()
    text = text.replace(
        'gift = "reads maps"', 'gift = "reads maps"\nabout = "Wren is scared to try new things."'
    ).replace(
        'gift = "carries things"',
        'gift = "carries things"\nabout = "Tam hates being left behind."',
    )
    for who in ("june", "bram"):
        text += (
            f'\n[companions.{who}]\nname = "{who.title()}"\ngift = "helps"\n'
            f'about = "{who.title()} finds it hard to ask for help, and is learning."\n'
        )
    front.write_text(text)
    return folder


async def test_the_party_panel_says_who_each_companion_is_when_there_is_room(make_app, tmp_path):
    folder = _story_with_abouts(tmp_path)
    launch = Launch(name="Robin", at="forest:path", party=("wren",))
    app = make_app(folder, launch=launch, story=load(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        text = " ".join(app.screen.query_one("#party").render().plain.split())
        assert "Wren is scared to try new things." in text


async def test_a_full_party_shows_who_they_are_only_on_a_tall_terminal(make_app, tmp_path):
    folder = _story_with_abouts(tmp_path)
    launch = Launch(name="Robin", at="forest:path", party=("wren", "tam", "june", "bram"))
    app = make_app(folder, launch=launch, story=load(folder))

    def panel_text() -> str:
        return " ".join(app.screen.query_one("#party").render().plain.split())

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        panel = app.screen.query_one("#party")
        assert panel.virtual_size.height <= panel.scrollable_content_region.height
        assert "Bram helps" in panel_text() and "learning" not in panel_text()
        await pilot.resize_terminal(100, 44)
        await settle(pilot)
        assert "Bram finds it hard to ask for help, and is learning." in panel_text()
        assert "Tam hates being left behind." in panel_text()
        assert panel.virtual_size.height <= panel.scrollable_content_region.height


# ---------------------------------------------------------------- keyboard


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
async def test_settings_cursor_starts_on_the_chosen_option(make_app, theme):
    chosen = Settings(theme=theme, reveal="lines", spacing="snug", art=False)
    app = make_app(settings=chosen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        for group in app.screen.query(RadioSet):
            selected = group.query_one("RadioButton.-selected", RadioButton)
            assert selected.value, f"{group.id}: the cursor is not on the chosen option"
        await press(pilot, "enter")  # Enter where the cursor starts keeps the theme
        assert app.settings == chosen


@pytest.mark.parametrize("with_a_save", [False, True], ids=["new", "continue"])
async def test_up_on_the_title_menu_does_not_wrap_onto_quit(make_app, store, with_a_save):
    if with_a_save:
        put_saves(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#title-menu", OptionList)
        first = menu.highlighted_option.id
        await press(pilot, "up")
        assert menu.highlighted_option.id == first
        await press(pilot, "end", "down")  # the last item stays the last
        assert menu.highlighted_option.id == "quit"
        await press(pilot, "home", "up", "enter")
        assert app.is_running
        assert isinstance(app.screen, PlayersPrompt if first == "new" else PlayScreen)


# ---------------------------------------------------------------- typed answers


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (["enter"], None),  # Back to the story
        (["down", "enter"], MenuChoice.STORY_SO_FAR),
        (["end", "enter"], MenuChoice.QUIT),
        (["escape"], None),
    ],
)
async def test_the_menu_answers_with_a_menu_choice(make_app, keys, answer):
    app = make_app()
    answers = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MenuScreen(), answers.append)
        await pilot.pause()
        await press(pilot, *keys)
        await pilot.pause()
    assert answers == [answer]


HANG = 30.0
"""Seconds after which a wait gives up: only so that a broken game fails instead of
hanging. The waits are for the game's own events, never for a time: how fast a saved
file is on screen is `python -m bench`'s to measure ('the story reloads itself')."""


async def wait_for(pilot, done, seconds: float = HANG) -> None:
    """Let the app run until `done()` holds (fails after `seconds`)."""
    start = time.perf_counter()
    while not done():
        assert time.perf_counter() - start < seconds, "the game never got there"
        await pilot.pause(0.05)


@pytest.fixture
def looks(monkeypatch) -> list[bool]:
    """Each look the game takes at its story folder (a few times a second), and whether it
    saw a saved file there."""
    assert POLL_SECONDS <= 0.5  # so that a saved file is on screen well within a second
    seen: list[bool] = []
    look = StrongerTogether.look_at_story_folder

    def counted(app: StrongerTogether) -> None:
        reloads = app.reloads
        look(app)
        seen.append(app.reloads != reloads)

    monkeypatch.setattr(StrongerTogether, "look_at_story_folder", counted)
    return seen


async def noticed(pilot, looks: list[bool], shown) -> None:
    """The game sees a file just saved at its very next look at the folder (one every
    `POLL_SECONDS`: well within a second), by itself; then it shows it: `shown()`."""
    before = len(looks)
    await wait_for(pilot, lambda: len(looks) > before)
    assert looks[before], "the game looked at its story folder and missed the saved file"
    await wait_for(pilot, shown)


async def test_saving_a_story_file_reloads_it_by_itself(make_app, tmp_path, looks):
    """No Ctrl+R: a writer saves in the editor and the game shows it at its next look at
    the folder (within a second: `python -m bench` times it)."""
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    app = make_app(folder, launch=Launch(name="Robin"), story=load(GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        await press(pilot, "2")  # Wren joins
        path = folder / "01-village.toml"
        path.write_text(path.read_text().replace("three days", "four long days"))
        await noticed(pilot, looks, lambda: "four long days" in screen_text(app))
        assert play.game.state.party == ("wren",) and app.screen is play

        # an editor that saves by writing a new file and renaming it over the old one
        temporary = folder / ".01-village.toml.swp"
        temporary.write_text(path.read_text().replace("four long days", "a whole week"))
        os.replace(temporary, path)
        await noticed(pilot, looks, lambda: "a whole week" in screen_text(app))
        # It is shown at once, then proved by check in the background: the game goes back
        # to it from a later mistake once that is done (a loaded machine takes its time).
        week = app.reloads
        await wait_for(pilot, lambda: app.proved_reload == week)

        path.write_text(path.read_text() + "\n[scenes.broken\n")  # a TOML mistake
        await noticed(pilot, looks, lambda: "01-village.toml" in screen_text(app))
        assert isinstance(app.screen, ProblemsScreen)
        await press(pilot, "enter")
        assert app.screen is play
        await settle(pilot)
        assert "a whole week" in screen_text(app)  # the old story keeps running


async def test_fixing_the_story_closes_its_errors(make_app, tmp_path):
    """Played in tmux: an editor that writes a file in place was read half-written (the
    errors came up), then the whole file was read and played, but the errors stayed up
    over the fixed story until Escape."""
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    app = make_app(folder, launch=Launch(name="Robin"), story=load(GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        path = folder / "01-village.toml"
        good = path.read_text()
        path.write_text(good + "\n[scenes.broken\n")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        path.write_text(good.replace("three days", "four long days"))
        await wait_for(pilot, lambda: app.screen is play)
        await wait_for(pilot, lambda: "four long days" in screen_text(app))


async def test_an_edit_that_breaks_the_teamwork_rule_is_not_played(make_app, tmp_path):
    """It reads fine, so it is shown at once; check's proof then finds the way through
    without help, and the game goes back to the story that passed, showing why."""
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    app = make_app(folder, launch=Launch(name="Robin", at="forest:path"), story=load(GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        path = folder / "02-forest.toml"
        path.write_text(
            path.read_text()
            .replace('help = ["tam"]\nneeds = "tam"\n', "")
            .replace("Tam is sitting on a log.", "Tam is asleep.")
        )
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await wait_for(pilot, lambda: "help" in screen_text(app))
        await press(pilot, "enter")
        assert app.screen is play
        assert "Tam is sitting on a log." in screen_text(app)
        assert app.story is app.proved_story


async def test_a_file_read_half_written_shows_no_errors(make_app, tmp_path, monkeypatch):
    """An editor that writes a file in place can be read before it has finished: the
    half-written file's errors are not shown, the whole file is read and played."""
    import game.engine

    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    path = folder / "01-village.toml"
    good = path.read_text()
    real_load = game.engine.load_story
    writes: list[str] = []

    def read_while_the_editor_writes(story_dir):
        loaded = real_load(story_dir)
        if not writes:  # the editor finishes its write just after our read
            writes.append("done")
            path.write_text(good.replace("three days", "four long days"))
        return loaded

    monkeypatch.setattr(game.engine, "load_story", read_while_the_editor_writes)
    app = make_app(folder, launch=Launch(name="Robin"), story=load(GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        play = app.screen
        path.write_text(good[: len(good) // 2])  # half of the file, as the editor writes
        start = time.perf_counter()
        while "four long days" not in screen_text(app):
            assert not isinstance(app.screen, ProblemsScreen), screen_text(app)
            assert time.perf_counter() - start < HANG, "the whole file was never read"
            await pilot.pause(0.02)
        assert app.screen is play and writes
