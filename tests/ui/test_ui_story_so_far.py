"""The full-screen story so far tells what each visit showed: the `when` text that held then,
under the scene's first words, and each choice's reply (the same lines as `--plain`'s `s`)."""

from __future__ import annotations

from ui_helpers import FIXTURES, press, screen_text

from game.launch import Launch
from game.ui.screens.story_so_far import StorySoFarScreen

GARDEN = FIXTURES / "story_so_far"


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
