"""The full-screen story so far tells what each visit showed: the `when` text that held then,
under the scene's first words, and each choice's reply (the same lines as `--plain`'s `s`)."""

from __future__ import annotations

import pytest
from ui_helpers import FIXTURES, press, screen_text, settle

from game.launch import Launch
from game.locations import CHECKOUT
from game.ui.screens.story_so_far import StorySoFarScreen

GARDEN = FIXTURES / "story_so_far"
SHIPPED = CHECKOUT / "story"


async def test_the_story_so_far_shows_when_text_where_it_was_shown(make_app):
    app = make_app(GARDEN, launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1", "1", "2", "s")  # knock, go back, help Tam, the story so far
        assert isinstance(app.screen, StorySoFarScreen)
        rows = [row.strip() for row in screen_text(app).splitlines()]
        start = rows.index("The Garden Gate")
        assert rows[start : start + 12] == [
            "The Garden Gate",
            "A tall gate blocks the garden, Robin.",
            "→ Knock on the gate",
            "Nobody answers.",
            "You wait. Nothing happens.",
            "→ Go back to the gate",
            "A tall gate blocks the garden, Robin.",
            "The gate is still shut.",
            "→ Help Tam with his heavy bag",
            "Tam grins.",
            "Now: A tall gate blocks the garden, Robin.",
            'Tam cracks his knuckles. "Gates are my thing."',
        ]


def hangs_under(rows: list[str], first: str, then: str, row_has: str = "") -> bool:
    """Whether the row after the first one holding `row_has` (default: `first`) starts with
    `then` in the column where `first` is."""
    row = next(n for n, line in enumerate(rows) if (row_has or first) in line)
    column = rows[row].find(first)
    return (
        column > 0
        and rows[row + 1][column:].startswith(then)
        and not rows[row + 1][:column].strip()
    )


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_a_long_reply_stays_indented_under_its_start(make_app, size):
    """Playtest: at 60×20, a long reply wrapped back to the first column."""
    app = make_app(
        story_dir=SHIPPED, launch=Launch(name="Robin", at="school:stone_lore", party=("wren",))
    )
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "1", "s")  # thank Master Fennick; the story so far
        await settle(pilot)
        assert isinstance(app.screen, StorySoFarScreen)
        rows = screen_text(app).splitlines()
        assert hangs_under(
            rows, '"Thank you for the story,"', "bows" if size[0] == 60 else "glasses"
        )


async def test_every_kind_of_entry_keeps_its_indent_when_it_wraps(make_app):
    app = make_app(GARDEN, launch=Launch(name="Robin"))
    async with app.run_test(size=(28, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "1", "2", "s")
        await settle(pilot)
        rows = screen_text(app).splitlines()
        assert hangs_under(rows, "A tall gate blocks", "the garden")  # a scene's first words
        assert hangs_under(rows, "Help Tam", "heavy bag")  # a choice: under its words
        assert hangs_under(rows, "A tall", "blocks", row_has="Now:")  # where we are now
        assert hangs_under(rows, "Tam cracks his", "knuckles")  # a `when` text
