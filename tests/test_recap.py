"""The chapter end and the ending list friends in the order they joined the team."""

from __future__ import annotations

from pathlib import Path

from game import recap
from game.engine import apply_choice, new_game
from game.engine.loader import load_story
from game.engine.rules import available_choices

FRONT = """
[story]
title = "Order"
start = "yard"

[hero]
name = "Robin"

[companions.wren]
name = "Wren"
gift = "reads maps"

[companions.tam]
name = "Tam"
gift = "carries things"

[companions.june]
name = "June"
gift = "talks with animals"
"""

# Tam joins first, then June, then Wren: the story lists them wren, tam, june. The hero
# helps Wren before Tam, and lets June help before Tam.
YARD = """
[chapter]
id = "yard"
title = "The Yard"
start = "gate"

[scenes.gate]
text = "A gate."

[[scenes.gate.choices]]
text = "Wave to Tam"
goto = "gate"
recruit = "tam"
once = true

[[scenes.gate.choices]]
text = "Wave to June"
goto = "gate"
recruit = "june"
once = true

[[scenes.gate.choices]]
text = "Wave to Wren"
goto = "gate"
recruit = "wren"
once = true

[[scenes.gate.choices]]
text = "Help Wren"
goto = "gate"
give_help = "wren"
once = true

[[scenes.gate.choices]]
text = "Help Tam"
goto = "gate"
give_help = "tam"
once = true

[[scenes.gate.choices]]
text = "Ask Wren"
goto = "gate"
help = "wren"
once = true

[[scenes.gate.choices]]
text = "Ask June"
goto = "gate"
help = "june"
once = true

[[scenes.gate.choices]]
text = "Ask Tam"
goto = "gate"
help = "tam"
once = true

[[scenes.gate.choices]]
text = "Leave"
goto = "field"
needs = "tam"
"""

FIELD = """
[chapter]
id = "field"
title = "The Field"
start = "grass"

[scenes.grass]
text = "Grass."

[[scenes.grass.choices]]
text = "Send June home"
goto = "grass"
leave = "june"
once = true

[[scenes.grass.choices]]
text = "Call June back"
goto = "grass"
recruit = "june"
once = true

[[scenes.grass.choices]]
text = "Ask Tam again"
goto = "end"
help = "tam"

[scenes.end]
text = "The end."
ending = "The End"
"""


def story_at(tmp_path: Path):
    (tmp_path / "story.toml").write_text(FRONT, encoding="utf-8")
    (tmp_path / "01-yard.toml").write_text(YARD, encoding="utf-8")
    (tmp_path / "02-field.toml").write_text(FIELD, encoding="utf-8")
    result = load_story(tmp_path)
    assert result.ok, [p.format() for p in result.problems.errors]
    return result.story


def play(story, state, *texts: str):
    for text in texts:
        choice = next(c for c in available_choices(story, state) if c.text == text)
        state = apply_choice(story, state, choice).state
    return state


def test_the_chapter_end_lists_friends_in_the_order_they_joined(tmp_path):
    story = story_at(tmp_path)
    state = play(
        story,
        new_game(story, "Robin"),
        *("Wave to Tam", "Wave to June", "Wave to Wren"),
        *("Help Wren", "Help Tam", "Ask Wren", "Ask June", "Ask Tam", "Leave"),
    )
    assert recap.chapter_summary(story, state, "yard") == [
        "Tam, June and Wren joined your team.",
        "You let Tam, June and Wren help you and you helped Tam and Wren.",
    ]
    helpers = [line.name for line in recap.who_helped_whom(story, state)]
    assert helpers == ["Tam", "June", "Wren"]


def test_friends_there_from_the_start_come_first_then_the_rest_in_the_story_order(tmp_path):
    story = story_at(tmp_path)
    state = play(story, new_game(story, "Robin", party=("june",)), "Wave to Tam")
    assert recap.joined_order(story, state) == ["june", "tam", "wren"]
    state = play(story, state, "Help Wren", "Ask Tam", "Ask June", "Leave")
    assert recap.chapter_summary(story, state, "yard") == [
        "Tam joined your team.",
        "You let June and Tam help you and you helped Wren.",
    ]


def test_a_friend_who_comes_back_or_was_there_from_the_start_has_not_just_joined(tmp_path):
    """June, back from the otters' slide at the river, had 'joined your team' again beside
    Bram; a friend the hero started with (--at ... --party) never joins."""
    story = story_at(tmp_path)
    state = play(
        story,
        new_game(story, "Robin", party=("tam",)),
        *("Wave to Tam", "Wave to June", "Leave"),
        *("Send June home", "Call June back", "Ask Tam again"),
    )
    assert recap.chapter_summary(story, state, "yard") == ["June joined your team."]
    assert recap.chapter_summary(story, state, "field") == ["You let Tam help you."]
    assert recap.joined_order(story, state) == ["tam", "june", "wren"]
