"""In every theme, on every screen, no text is the same colour as its background.
A family found the chosen option of a Settings group they were not on drawn white on white
in high contrast ("Roomy", "Show pictures")."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from ui_helpers import press, put_saves

from game.launch import Launch
from game.ui.settings import THEMES, Settings


def is_text(characters: str) -> bool:
    """Words, numbers, punctuation, pictures: anything but spaces and decoration (borders,
    scrollbars, block shading, and a radio button's dot, which Textual hides while off)."""
    return any(
        not c.isspace() and not ("\u2500" <= c <= "\u259f") and c not in "●" for c in characters
    )


def luminance(colour) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red)
        + 0.7152 * channel(colour.green)
        + 0.0722 * channel(colour.blue)
    )


def contrast(fg, bg) -> float:
    """The WCAG contrast ratio of two colours: 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


LEAST_CONTRAST = 2.0
"""Below this, text is as good as hidden (the same colour is 1.0). Dimmed text, such as a
locked choice or the hint under it, is meant to be quieter, not unreadable."""


def own_cells(app):
    """Whether a cell belongs to the top screen's own widgets (not to a screen behind a
    dialog, which Textual fades on purpose)."""
    regions = [widget.region for widget in app.screen.query("*") if widget.display]
    return lambda x, y: any(region.contains(x, y) for region in regions)


def hidden_text(app) -> list[str]:
    """Every run of text on the screen drawn in (nearly) its background's colour."""
    found = []
    own = own_cells(app)
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            text, style = segment.text, segment.style
            if not own(x, y):
                pass
            elif is_text(text) and style is not None and style.color and style.bgcolor:
                fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
                if contrast(fg, bg) < LEAST_CONTRAST:
                    found.append(f"row {y}, column {x}: {text.strip()!r} {fg.hex} on {bg.hex}")
            x += Segment.get_line_length([segment])
    return found


async def look(pilot, where: str, seen: dict[str, list[str]]) -> None:
    await pilot.pause()
    hidden = hidden_text(pilot.app)
    if hidden:
        seen[where] = hidden


async def every_screen(pilot, seen: dict[str, list[str]]) -> None:
    """Visit each screen and dialog of the game, looking at each."""
    app = pilot.app
    await look(pilot, "title", seen)
    app.tell("A note for the family.")
    app.tell("Something went wrong, gently.", error=True)
    await look(pilot, "title with notes", seen)
    app.clear_notifications()
    app.action_settings()
    await look(pilot, "settings", seen)
    await press(pilot, "tab")
    await look(pilot, "settings, on the second group", seen)
    await press(pilot, "escape")
    app.action_how_to_play()
    await look(pilot, "how to play", seen)
    await press(pilot, "escape")
    app.action_load()
    await look(pilot, "load", seen)
    await press(pilot, "d")
    await look(pilot, "delete? dialog", seen)
    await press(pilot, "n", "escape")
    app.ask_new_game()
    await look(pilot, "name prompt", seen)
    await press(pilot, "enter")
    await look(pilot, "play, with a locked choice", seen)
    await press(pilot, "2")
    await look(pilot, "play, with warm words and a party", seen)
    await press(pilot, "escape")
    await look(pilot, "menu", seen)
    await press(pilot, "escape", "s")
    await look(pilot, "story so far", seen)
    await press(pilot, "escape", "2", "1")
    await look(pilot, "chapter end", seen)
    await press(pilot, "enter", "1", "1", "1")
    await look(pilot, "ending", seen)
    app.story_failed(["story/02-forest.toml:3: error: a problem"])
    await look(pilot, "the story's errors", seen)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
@pytest.mark.parametrize("theme", THEMES)
async def test_no_text_is_the_colour_of_its_background(make_app, store, theme, size):
    put_saves(store)
    app = make_app(launch=Launch(), settings=Settings(theme=theme))
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=size, notifications=True) as pilot:
        await every_screen(pilot, seen)
    assert not seen, "\n".join(f"{where}: {'; '.join(found)}" for where, found in seen.items())


async def test_the_footer_keys_of_the_light_theme_read_as_well_as_the_words(make_app, store):
    """A playtest measured them at 4.5:1 (#9a4a00 on the footer), a shade under what the
    rest of the light theme gives its words."""
    app = make_app(launch=Launch(name="Robin"), settings=Settings(theme="light"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen._compositor.render_strips()[-1]
        words = {
            segment.text.strip(): contrast(
                segment.style.color.get_truecolor(), segment.style.bgcolor.get_truecolor()
            )
            for segment in footer
            if segment.style and segment.style.color and is_text(segment.text)
        }
    assert "^q" in words and min(words.values()) >= 4.5, words


@pytest.mark.parametrize("theme", THEMES)
async def test_the_line_for_a_picture_that_gave_way_can_be_read(make_app, theme):
    """The dim '(A picture is here when the window is bigger.)' at 60×20, in every theme."""
    from game.locations import CHECKOUT

    launch = Launch(name="Robin", at="mountain:foot", party=("wren", "tam"))
    app = make_app(story_dir=CHECKOUT / "story", launch=launch, settings=Settings(theme=theme))
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#art-note").display
        await look(pilot, "play, the picture gave way", seen)
    assert not seen, seen


@pytest.mark.parametrize("theme", THEMES)
async def test_two_players_turns_notices_and_name_answers_read_in_every_theme(make_app, theme):
    """Whose turn it is (the choices' title, in each player's colour), a notice above the
    choices and the name box's answer to an empty name, in each theme."""
    seen: dict[str, list[str]] = {}
    app = make_app(launch=Launch(players=("Mia", "Dad")), settings=Settings(theme=theme))
    async with app.run_test(size=(80, 24)) as pilot:
        await look(pilot, "Mia's turn", seen)
        await press(pilot, "3")  # locked: a notice above the choices
        await look(pilot, "a notice", seen)
        await press(pilot, "2")
        await look(pilot, "Dad's turn", seen)
        await press(pilot, "a")
        await look(pilot, "Mia chooses for Dad", seen)
    app.saver.flush()
    names = make_app(settings=Settings(theme=theme))
    async with names.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "2", "enter", "enter")  # two players, Robin, no name
        await look(pilot, "an empty second name", seen)
    assert not seen, "\n".join(f"{where}: {'; '.join(found)}" for where, found in seen.items())


@pytest.mark.parametrize("theme", THEMES)
async def test_the_choices_and_their_question_read_well_in_every_theme(make_app, store, theme):
    """What a child reads to choose (the question above the choices, the highlighted choice
    and the others) at WCAG's 4.5:1 at least. Textual's own dark theme had the highlighted
    choice at 3.8:1 and 'What will you do?' at 3.3:1."""
    app = make_app(launch=Launch(name="Robin"), settings=Settings(theme=theme))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        region = app.screen.query_one("#choices").region
        words = {}
        for y, strip in enumerate(app.screen._compositor.render_strips()):
            x = 0
            for segment in strip:
                style = segment.style
                if (
                    region.contains(x, y)
                    and is_text(segment.text)
                    and style
                    and style.color
                    and style.bgcolor
                ):
                    fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
                    words[segment.text.strip()] = round(contrast(fg, bg), 2)
                x += Segment.get_line_length([segment])
    assert "What will you do?" in " ".join(words) and min(words.values()) >= 4.5, words
