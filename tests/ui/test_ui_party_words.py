"""The team panel's words: one spelling per idea, each person's help from their own side,
the same words in the wide panel and in the narrow strip."""

from __future__ import annotations

import re

import pytest
from ui_helpers import load, press, screen_text, settle

from game.engine.rules import new_game
from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.widgets.party import strip_content

SHIPPED = CHECKOUT / "story"
HELP_WORDS = re.compile(r"\b(got|given|received|accepted|gave)\b")


def panel_lines(app) -> list[str]:
    return [line.strip() for line in app.screen.query_one("#party").render().plain.split("\n")]


async def test_each_person_tells_their_own_help_in_the_same_words(make_app):
    # the hero helps Wren pick up her books: the hero gave help once, Wren accepted it
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "2")
        await settle(pilot)
        lines = panel_lines(app)
        hero = lines.index("Robin (you)")
        assert lines[hero + 1 : hero + 3] == ["accepted help 0", "gave help 1"]
        wren = next(n for n, line in enumerate(lines) if line.endswith("Wren"))
        assert lines[wren + 1] == "reads maps"
        assert lines[wren + 2 : wren + 4] == ["accepted help 1", "gave help 0"]
        await press(pilot, "2")  # Wren helps the hero up the tower
        await settle(pilot)
        lines = panel_lines(app)
        assert lines[hero + 1 : hero + 3] == ["accepted help 1", "gave help 1"]
        assert lines[wren + 2 : wren + 4] == ["accepted help 1", "gave help 1"]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["wide", "narrow"])
async def test_the_help_words_are_the_same_at_every_width(make_app, size):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=size) as pilot:
        await press(pilot, "2")
        await settle(pilot)
        words = {m.group(0) for m in HELP_WORDS.finditer(screen_text(app))}
        assert words == {"accepted", "gave"}, words
        text = screen_text(app)
        assert "accepted help 0" in text and "gave help 1" in text


async def test_the_strip_says_whose_help_it_counts(make_app):
    app = make_app(launch=Launch(name="Robin"))
    async with app.run_test(size=(60, 20)) as pilot:
        await press(pilot, "2")
        await settle(pilot)
        assert "Team: Wren · you accepted help 0 · gave help 1" in screen_text(app)


async def test_two_players_strip_names_the_hero(make_app):
    app = make_app(launch=Launch(players=("Mia", "Dad")))
    async with app.run_test(size=(60, 20)) as pilot:
        await press(pilot, "2")
        await settle(pilot)
        assert "Team: Wren · Mia accepted help 0 · gave help 1" in screen_text(app)


@pytest.mark.parametrize("hero_is", ["you", "Maximiliana Josephine"])
def test_the_strip_is_always_one_line_that_fits(hero_is):
    """The strip stays one line (the story keeps its rows at 60×20): 'Team: ' gives way
    first, then the names, never the help."""
    story = load(SHIPPED)
    state = new_game(story, "Robin", at="home:square", party=("wren", "tam", "june", "bram"))
    for width in (58, 50) if hero_is == "you" else (58,):  # 58: the strip at 60×20
        line = strip_content(story, state, width, hero_is)
        assert "\n" not in line.plain and line.cell_length <= width
        assert f"{hero_is} accepted help 0 · gave help 0" in line.plain
    wide = strip_content(story, state, 0, hero_is).plain
    assert wide == f"Team: Wren, Tam, June, Bram · {hero_is} accepted help 0 · gave help 0"
