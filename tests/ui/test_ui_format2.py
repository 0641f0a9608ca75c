"""A story that reacts (format 2) in the full-screen game: `when` text after the scene's text
while it holds, a choice's `reply` once, right after it, and in the story so far."""

from __future__ import annotations

from ui_helpers import FIXTURES, press, screen_text

from game.launch import Launch
from game.ui.screens.play import PlayScreen

FORMAT2 = FIXTURES / "format2"


async def test_a_reply_shows_once_after_its_choice_and_when_text_reacts(make_app):
    app = make_app(FORMAT2, launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        first = screen_text(app)
        assert "The bell has not rung for three days, Robin." in first
        assert "hums" not in first and "just as quiet" not in first
        await press(pilot, "1")  # Pull the rope by yourself: a misstep, with a reply
        text = screen_text(app)
        assert "You tug and tug. The rope does not move." in text
        assert text.index("You tug and tug") < text.index("The rope is too heavy")
        await press(pilot, "1")  # Go back to the square: no reply; the square is revisited
        text = screen_text(app)
        assert "You tug and tug" not in text
        assert "The square is just as quiet as before." in text
        assert "hums" not in text
        await press(pilot, "2")  # Help Wren: she joins, and her line shows
        text = screen_text(app)
        assert "Wren smiles." in text
        assert "Wren hums a little tune beside you." in text
        await press(pilot, "s")
        text = screen_text(app)
        assert "→ Pull the rope by yourself" in text
        assert "You tug and tug. The rope does not move." in text
        assert "Wren smiles." in text


async def test_going_back_shows_the_same_when_text_and_no_reply(make_app):
    app = make_app(FORMAT2, launch=Launch(name="Robin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1", "1", "1", "b")  # rope, back, rope again, then a step back
        text = screen_text(app)
        assert "The square is just as quiet as before." in text
        assert "You tug and tug" not in text
