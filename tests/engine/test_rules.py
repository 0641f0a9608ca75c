"""The rules of play: availability, locked hints, `once`, effects in their order,
help counted, chapters crossed, endings reached, and going back."""

from __future__ import annotations

import pytest
from engine_helpers import build, chapter, good_story

from game.engine.rules import (
    RuleError,
    apply_choice,
    available_choices,
    ending_of,
    find_choice,
    go_back,
    new_game,
    offers,
    replay,
    resolve_at,
)
from game.engine.state import GameState

GOOD = good_story()


def texts(story, state) -> list[tuple[str, bool, str | None]]:
    return [(o.choice.text, o.available, o.hint) for o in offers(story, state)]


def pick(story, state, text: str):
    """Apply the available choice whose text starts with `text`."""
    for choice in available_choices(story, state):
        if choice.text.startswith(text):
            return apply_choice(story, state, choice)
    raise AssertionError(f"no available choice {text!r} in {[o[0] for o in texts(story, state)]}")


def walk(story, state, *picks: str) -> GameState:
    for text in picks:
        state = pick(story, state, text).state
    return state


# --------------------------------------------------------------------------- a new game


def test_a_new_game_starts_at_the_story_start():
    state = new_game(GOOD, "Sam")
    assert (state.hero, state.scene, state.party, state.flags) == (
        "Sam",
        "village:square",
        (),
        set(),
    )
    assert dict(state.counters) == {} and state.trail == ()


def test_writers_can_start_anywhere_with_a_party_and_flags():
    state = new_game(GOOD, "Sam", at="forest:home", party=["tam", "tam"], flags=["met_tam"])
    assert (state.scene, state.party, state.flags) == ("forest:home", ("tam",), {"met_tam"})
    assert new_game(GOOD, "Sam", at="forest").scene == "forest:path"


@pytest.mark.parametrize(
    "at, message",
    [
        ("forst", "'forst' is not a chapter (did you mean 'forest'?)"),
        ("forest:hom", "'hom' is not a scene of chapter 'forest' (did you mean 'home'?)"),
    ],
)
def test_starting_nowhere_is_refused(at, message):
    with pytest.raises(RuleError) as caught:
        resolve_at(GOOD, at)
    assert str(caught.value) == message


def test_an_unknown_companion_cannot_join_at_the_start():
    with pytest.raises(RuleError, match="'bob' is not a companion"):
        new_game(GOOD, "Sam", party=["bob"])


# --------------------------------------------------------------------------- availability


def test_locked_choice_shows_hint_and_hidden_ones_are_hidden():
    state = new_game(GOOD, "Sam")
    assert texts(GOOD, state) == [
        ("Pull the rope by yourself", True, None),
        ("Ask {wren} to help you climb the tower", False, "The tower is too high to climb alone."),
        ("Help Wren pick up her spilled books", True, None),
    ]
    state = new_game(GOOD, "Sam", at="forest:path", flags=["met_tam"])
    assert texts(GOOD, state) == []  # no locked hints there: unavailable choices are hidden


def test_help_is_an_implied_needs():
    alone = new_game(GOOD, "Sam")
    tower = GOOD.scene("village:square").choices[1]
    with pytest.raises(RuleError, match="not available"):
        apply_choice(GOOD, alone, tower)
    with_wren = new_game(GOOD, "Sam", party=["wren"])
    assert apply_choice(GOOD, with_wren, tower).state.scene == "village:tower"


def test_a_once_choice_is_offered_once():
    state = new_game(GOOD, "Sam")
    state = walk(GOOD, state, "Help Wren")
    assert state.used_once == {"village:square:books"}
    # Even with Wren gone again, the used `once` choice is not offered (nor shown locked).
    state = state.evolve(party=())
    assert [t for t, _, _ in texts(GOOD, state)] == [
        "Pull the rope by yourself",
        "Ask {wren} to help you climb the tower",
    ]


def test_a_choice_of_another_scene_is_refused():
    state = new_game(GOOD, "Sam")
    elsewhere = GOOD.scene("forest:home").choices[0]
    with pytest.raises(RuleError):
        apply_choice(GOOD, state, elsewhere)


# --------------------------------------------------------------------------- effects


def effects_story(tmp_path, **choice):
    return build(
        tmp_path,
        chapter(
            "one",
            {
                "a": {"choices": [{"text": "go", "goto": "b", **choice}]},
                "b": {"ending": "The end"},
            },
        ),
    )


def test_leave_comes_before_recruit(tmp_path):
    story = effects_story(tmp_path, leave="wren", recruit="wren")
    state = new_game(story, "Sam", party=["wren", "tam"])
    outcome = pick(story, state, "go")
    assert outcome.state.party == ("tam", "wren")  # left, then joined again at the end
    assert outcome.recruited == () and outcome.left == ("wren",)


def test_help_is_counted_even_from_a_companion_who_leaves(tmp_path):
    story = effects_story(tmp_path, help="wren", leave="wren")
    outcome = pick(story, new_game(story, "Sam", party=["wren"]), "go")
    assert outcome.state.party == ()
    assert outcome.state.help_received("wren") == 1 and outcome.help_received == ("wren",)


def test_set_comes_before_unset(tmp_path):
    story = effects_story(tmp_path, set=["a", "b"], unset="a")
    assert pick(story, new_game(story, "Sam"), "go").state.flags == {"b"}


def test_add_comes_last_and_counters_can_go_below_zero(tmp_path):
    story = effects_story(tmp_path, add={"courage": 2, "fear": -1}, set="brave")
    state = pick(story, new_game(story, "Sam"), "go").state
    assert dict(state.counters) == {"courage": 2, "fear": -1} and state.flags == {"brave"}


def test_help_counters_count_each_companion(tmp_path):
    story = effects_story(tmp_path, help=["wren", "tam"], give_help=["tam"])
    state = pick(story, new_game(story, "Sam", party=["wren", "tam"]), "go").state
    assert dict(state.counters) == {
        "help.received": 2,
        "help.received.tam": 1,
        "help.received.wren": 1,
        "help.given": 1,
        "help.given.tam": 1,
    }
    assert (state.help_received(), state.help_received("wren"), state.help_given("tam")) == (
        2,
        1,
        1,
    )
    assert state.counter("help.given.wren") == 0


def test_giving_help_needs_nobody_in_the_party(tmp_path):
    story = effects_story(tmp_path, give_help="wren")
    outcome = pick(story, new_game(story, "Sam"), "go")
    assert outcome.help_given == ("wren",) and outcome.state.party == ()


def test_conditions_read_help_counters(tmp_path):
    story = build(
        tmp_path,
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        {"text": "ask", "goto": "a", "help": "wren"},
                        {"text": "thank", "goto": "b", "if": "help.received.wren >= 2"},
                    ]
                },
                "b": {"ending": "The end"},
            },
        ),
    )
    state = new_game(story, "Sam", party=["wren"])
    assert [c.text for c in available_choices(story, state)] == ["ask"]
    state = walk(story, state, "ask", "ask")
    assert [c.text for c in available_choices(story, state)] == ["ask", "thank"]


def test_applying_a_choice_leaves_the_old_state_untouched():
    before = new_game(GOOD, "Sam")
    snapshot = (before.scene, before.party, dict(before.counters), before.used_once, before.trail)
    pick(GOOD, before, "Help Wren")
    assert snapshot == (
        before.scene,
        before.party,
        dict(before.counters),
        before.used_once,
        before.trail,
    )


# --------------------------------------------------------------------------- chapters, endings


def test_crossing_into_another_chapter_ends_the_current_one():
    state = walk(GOOD, new_game(GOOD, "Sam"), "Help Wren", "Ask")
    outcome = pick(GOOD, state, "Go to the forest")
    assert outcome.chapter_ended == "village" and outcome.state.scene == "forest:path"
    assert GOOD.chapter_title("village") == "The Silent Bell"
    assert pick(GOOD, outcome.state, "Sit with Tam").chapter_ended is None


def test_reaching_an_ending():
    state = walk(
        GOOD,
        new_game(GOOD, "Sam"),
        "Help Wren",
        "Ask",
        "Go to the forest",
        "Sit with Tam",
        "Ask Tam",
    )
    outcome = pick(GOOD, state, "Ring it again")
    assert outcome.ending == "Stronger Together"
    assert ending_of(GOOD, outcome.state) == "Stronger Together"
    assert offers(GOOD, outcome.state) == []
    assert ending_of(GOOD, state) is None


def test_the_trail_remembers_each_step_by_id_or_position():
    state = walk(GOOD, new_game(GOOD, "Sam"), "Help Wren", "Pull the rope")
    assert [(s.scene, s.choice, s.text) for s in state.trail] == [
        ("village:square", "books", "Help Wren pick up her spilled books"),
        ("village:square", "#1", "Pull the rope by yourself"),
    ]
    assert find_choice(GOOD.scene("village:square"), "#2").text.startswith("Ask")
    assert find_choice(GOOD.scene("village:square"), "#9") is None


# --------------------------------------------------------------------------- going back


def test_going_back_undoes_every_effect_exactly():
    start = new_game(GOOD, "Sam")
    states = [start]
    for text in ("Help Wren", "Ask", "Go to the forest", "Sit with Tam", "Ask Tam"):
        states.append(pick(GOOD, states[-1], text).state)
    state = states[-1]
    for earlier in reversed(states[:-1]):
        state = go_back(GOOD, state)
        assert state == earlier
    assert go_back(GOOD, state) is None


def test_going_back_from_a_writers_start_returns_there():
    start = new_game(GOOD, "Sam", at="forest:path", party=["wren"])
    state = pick(GOOD, start, "Sit with Tam").state
    assert go_back(GOOD, state) == start


def test_going_back_after_the_story_changed_steps_back_keeping_the_party(tmp_path):
    state = walk(GOOD, new_game(GOOD, "Sam"), "Help Wren", "Ask")
    changed = build(
        tmp_path,
        chapter(
            "village",
            {
                "square": {"choices": [{"text": "Somewhere new", "goto": "tower"}]},
                "tower": {"ending": "Done"},
            },
        ),
    )
    back = go_back(changed, state)
    assert back.scene == "village:square" and back.party == ("wren",)
    assert back.trail == state.trail[:1]
    with pytest.raises(RuleError):
        replay(changed, "Sam", state.origin, state.trail)
