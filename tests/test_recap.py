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


def test_two_players_are_named_by_who_chose_each_help_and_one_player_reads_as_before(tmp_path):
    """The chapter end and the ending said "you let Wren help you" to one "you" when Mia and
    Dad played; each help is now told of the player who chose it (as the warm words name
    them), and a one-player game's words are exactly as before."""
    from game.team import Team

    story = story_at(tmp_path)
    # At step 4 Mia asked Dad to choose; after Dad chose for her it was her turn again, and
    # she asked again at step 5 (the one who did not make the last choice chooses next).
    team = Team(("Mia", "Dad"), asked=[4, 5])
    state = play(
        story,
        new_game(story, "Mia"),
        *("Wave to Tam", "Wave to Wren"),  # Mia, Dad
        *("Help Wren", "Ask Tam", "Ask Wren", "Help Tam", "Leave"),
    )
    choosers = [team.chooser(step) for step in range(len(state.trail))]
    assert choosers == ["Mia", "Dad", "Mia", "Dad", "Dad", "Dad", "Mia"]
    assert recap.chapter_summary(story, state, "yard", team) == [
        "Tam and Wren joined your team.",
        "Mia helped Wren.",
        "Dad let Tam and Wren help and helped Tam.",
    ]
    assert [line.words() for line in recap.who_helped_whom(story, state, team)] == [
        "Tam helped Dad once and Dad helped Tam once.",
        "Wren helped Dad once and Mia helped Wren once.",
    ]
    assert recap.help_totals(state, team) == (
        "Together, Mia and Dad accepted help twice and gave help twice."
    )
    assert recap.chapter_summary(story, state, "yard") == [
        "Tam and Wren joined your team.",
        "You let Tam and Wren help you and you helped Tam and Wren.",
    ]
    assert [line.words() for line in recap.who_helped_whom(story, state)] == [
        "Tam helped you once and you helped Tam once.",
        "Wren helped you once and you helped Wren once.",
    ]
    assert recap.help_totals(state) == "You accepted help twice and you gave help twice."


def test_two_players_who_found_their_way_without_help_are_named_too(tmp_path):
    from game.team import Team

    story = story_at(tmp_path)
    team = Team(("Mia", "Dad"))
    state = play(story, new_game(story, "Mia"), "Wave to Tam", "Leave")
    assert recap.chapter_summary(story, state, "yard", team) == ["Tam joined your team."]
    assert (
        recap.help_totals(state, team) == "Mia and Dad did not ask for help or give it this time."
    )
    state = play(story, new_game(story, "Mia", party=("tam",)), "Leave")
    assert recap.chapter_summary(story, state, "yard", team) == [
        "Mia and Dad found their way through."
    ]
    assert recap.chapter_summary(story, state, "yard") == ["You found your way through."]


def test_help_the_trail_cannot_account_for_is_told_of_both_players(tmp_path):
    """A save can carry help counts whose choices the edited story no longer has: those
    are told of both players together, never left out or given to one of them."""
    from dataclasses import replace

    from game.team import Team

    story = story_at(tmp_path)
    state = play(story, new_game(story, "Mia"), "Wave to Wren", "Ask Wren")
    gone = replace(state, trail=tuple(replace(s, choice="#99") for s in state.trail))
    (line,) = recap.who_helped_whom(story, gone, Team(("Mia", "Dad")))
    assert line.words() == "Wren helped Mia and Dad once."
