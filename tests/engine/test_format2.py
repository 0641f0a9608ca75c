"""Story format 2 (story/README.md, "A story that reacts"): `when` blocks, `visits`, `reply`, an
ending's `hint` and `misstep`, read by the loader and played by the rules; a format-1 story
loads as before, and format-2 keys need `format = 2`."""

from __future__ import annotations

import shutil

import pytest
from engine_helpers import FIXTURES, build, chapter

from game.engine.conditions import CounterTest, FlagTest
from game.engine.loader import FORMAT, load_story
from game.engine.rules import (
    apply_choice,
    available_choices,
    go_back,
    new_game,
    replay,
    scene_text,
    visits,
)

FORMAT2 = FIXTURES / "format2"


def story2():
    result = load_story(FORMAT2)
    assert result.ok, [p.format() for p in result.problems.items]
    return result.story


def pick(story, state, start: str):
    for choice in available_choices(story, state):
        if choice.text.startswith(start):
            return apply_choice(story, state, choice)
    raise AssertionError(f"no choice {start!r} at {state.scene}")


def errors(root) -> list[str]:
    return [
        f"{p.file.rpartition('/')[2]}:{p.line}: {p.severity}: {p.message}"
        for p in load_story(root).problems.items
    ]


# -- the loader ---------------------------------------------------------------


def test_the_game_reads_format_2():
    assert FORMAT == 2


def test_format_2_keys_are_read_into_the_model():
    story = story2()
    assert story.format == 2
    square = story.scene("village:square")
    first, second = square.when
    assert first.conditions == (FlagTest("party.wren"),)
    assert first.text == "{wren} hums a little tune beside you."
    assert (first.index, first.line) == (1, 12)
    assert second.conditions == (CounterTest("visits", ">=", 2),)
    assert second.uses_visits and not first.uses_visits
    rope, _ask, books = square.choices
    assert rope.misstep and not books.misstep
    assert rope.reply == "You tug and tug. The rope does not move."
    assert story.scene("forest:end").hint == "Some bells need a strong friend."
    assert story.scene("forest:path").when[0].conditions == (
        FlagTest("party.tam"),
        CounterTest("visits", ">=", 2),
    )


def test_a_format_1_story_is_read_as_before():
    story = load_story(FIXTURES / "good").story
    assert story.format == 1
    for scene in story.scenes():
        assert scene.when == () and scene.hint is None
        assert all(c.reply is None and not c.misstep for c in scene.choices)


def test_format_1_may_still_name_its_own_counter_visits(tmp_path):
    story = build(
        tmp_path,
        chapter(
            "one",
            {
                "a": {"choices": [{"text": "go", "goto": "b", "add": {"visits": 1}}]},
                "b": {"choices": [{"text": "end", "goto": "c", "if": "visits >= 1"}]},
                "c": {"ending": "E"},
            },
        ),
    )
    assert story.scene("one:b").choices[0].conditions == (CounterTest("visits", ">=", 1),)


def copy_without_format(tmp_path):
    root = tmp_path / "s"
    shutil.copytree(FORMAT2, root)
    front = root / "story.toml"
    front.write_text(front.read_text().replace("format = 2\n", ""))
    return root


def test_format_2_keys_without_format_2_are_errors_naming_it(tmp_path):
    found = errors(copy_without_format(tmp_path))
    need = "is a key of story format 2: write format = 2 in the [story] table of story.toml"
    assert f"01-village.toml:12: error: scene 'square': 'when' {need} to use it" in found
    assert f"01-village.toml:23: error: scene 'square', choice 1: 'misstep' {need} to use it" in (
        found
    )
    assert f"01-village.toml:24: error: scene 'square', choice 1: 'reply' {need} to use it" in found
    assert f"02-forest.toml:43: error: scene 'end': 'hint' {need} to use it" in found
    assert len(found) == 8


def test_a_story_newer_than_the_game_is_refused_saying_so(tmp_path):
    root = tmp_path / "s"
    shutil.copytree(FORMAT2, root)
    front = root / "story.toml"
    front.write_text(front.read_text().replace("format = 2", "format = 3"))
    result = load_story(root)
    assert result.story is None
    assert [p.message for p in result.problems.items] == [
        "this story is written in format 3; this game reads format 2 and older: update the game"
    ]


def format2(tmp_path, scenes: dict):
    from engine_helpers import front, write_story

    write_story(tmp_path, front(format=2), chapter("one", scenes))
    return load_story(tmp_path)


def messages(result) -> list[str]:
    return [f"{p.line}: {p.severity}: {p.message}" for p in result.problems.items]


def test_visits_in_a_choice_is_an_error_that_suggests_a_flag_or_once(tmp_path):
    result = format2(
        tmp_path,
        {
            "a": {"choices": [{"text": "go", "goto": "b", "if": "visits >= 2"}]},
            "b": {"ending": "E"},
        },
    )
    (message,) = messages(result)
    assert "'visits >= 2': 'visits' can be tested only in a when block" in message
    assert "once = true" in message and 'set a flag (set = "been_here")' in message


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({"set": "visits"}, "'visits' is built in"),
        ({"unset": ["visits"]}, "'visits' is built in"),
        ({"add": {"visits": 1}}, "'visits' is built in"),
    ],
)
def test_visits_cannot_be_set_or_added_to_in_format_2(tmp_path, choice, expected):
    result = format2(
        tmp_path,
        {"a": {"choices": [{"text": "go", "goto": "b", **choice}]}, "b": {"ending": "E"}},
    )
    assert any(expected in m for m in messages(result)), messages(result)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"if": "visits", "text": "x"}, "'visits' is a number"),
        ({"if": "party.wen", "text": "x"}, "'wen' is not a companion (did you mean 'wren'?)"),
        ({"if": "x => 1", "text": "x"}, "write '>=' or '<='"),
        ({"text": "x"}, "when 1: missing required key 'if'"),
        ({"if": "party.wren"}, "when 1: missing required key 'text'"),
        ({"if": "party.wren", "txt": "x"}, "unknown key 'txt' (did you mean 'text'?)"),
        ({"if": 3, "text": "x"}, "'if' should be text or a list of text, not a number"),
        ({"if": "party.wren", "text": "{wen}"}, "unknown placeholder '{wen}'"),
        ({"if": [], "text": "x"}, "warning: scene 'a', when 1: it has no conditions"),
    ],
)
def test_mistakes_in_a_when_block_are_reported(tmp_path, when, expected):
    result = format2(
        tmp_path,
        {"a": {"when": [when], "choices": [{"text": "go", "goto": "b"}]}, "b": {"ending": "E"}},
    )
    assert any(expected in m for m in messages(result)), messages(result)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"when": {"if": "x", "text": "y"}}, "'when' should be a list in [ ], not a table"),
        ({"hint": 3}, "'hint' should be text in quotes, not a number"),
        ({"hint": "{wen}"}, "hint: unknown placeholder '{wen}'"),
        ({"hnit": "x"}, "unknown key 'hnit' (did you mean 'hint'?)"),
        ({"whne": []}, "unknown key 'whne' (did you mean 'when'?)"),
    ],
)
def test_mistakes_in_a_scenes_format_2_keys_are_reported(tmp_path, table, expected):
    result = format2(
        tmp_path,
        {"a": {**table, "choices": [{"text": "go", "goto": "b"}]}, "b": {"ending": "E"}},
    )
    assert any(expected in m for m in messages(result)), messages(result)


def test_a_hint_on_a_scene_that_is_no_ending_is_a_warning(tmp_path):
    result = format2(
        tmp_path,
        {"a": {"hint": "x", "choices": [{"text": "go", "goto": "b"}]}, "b": {"ending": "E"}},
    )
    assert result.ok
    (message,) = messages(result)
    assert "warning: scene 'a': 'hint' is shown in the endings gallery" in message


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({"reply": 5}, "'reply' should be text in quotes, not a number"),
        ({"reply": "{wen}"}, "unknown placeholder '{wen}'"),
        ({"misstep": "yes"}, "'misstep' should be true or false, not text"),
        ({"reploy": "x"}, "unknown key 'reploy' (did you mean 'reply'?)"),
        ({"missteps": True}, "unknown key 'missteps' (did you mean 'misstep'?)"),
    ],
)
def test_mistakes_in_a_choices_format_2_keys_are_reported(tmp_path, choice, expected):
    result = format2(
        tmp_path,
        {"a": {"choices": [{"text": "go", "goto": "b", **choice}]}, "b": {"ending": "E"}},
    )
    assert any(expected in m for m in messages(result)), messages(result)


# -- the rules ----------------------------------------------------------------


def test_a_companion_line_shows_only_with_that_companion():
    story = story2()
    state = new_game(story, "Robin")
    assert scene_text(story, state) == "The bell has not rung for three days, {hero}.\n"
    state = pick(story, state, "Help Wren").state
    assert scene_text(story, state) == (
        "The bell has not rung for three days, {hero}.\n\n"
        "{wren} hums a little tune beside you.\n\n"
        "The square is just as quiet as before."
    )


def test_a_revisited_scene_shows_its_visits_text():
    story = story2()
    state = new_game(story, "Robin")
    assert visits(state) == 1
    state = pick(story, state, "Pull the rope").state
    state = pick(story, state, "Go back").state
    assert visits(state) == 2
    assert scene_text(story, state).endswith("The square is just as quiet as before.")
    assert "hums" not in scene_text(story, state)


def test_going_back_and_replaying_show_the_same_text():
    story = story2()
    state = new_game(story, "Robin")
    for start in ("Pull the rope", "Go back", "Pull the rope", "Go back"):
        state = pick(story, state, start).state
    shown = scene_text(story, state)
    assert visits(state) == 3
    again = replay(story, state.hero, state.origin, state.trail)
    assert scene_text(story, again) == shown
    back = go_back(story, go_back(story, state))
    assert back.scene == "village:square" and visits(back) == 2
    assert scene_text(story, back) == shown


def test_when_blocks_need_all_their_conditions():
    story = story2()
    state = new_game(story, "Robin", at="forest:path")
    state = pick(story, state, "Sit with Tam").state
    assert "Ready when you are" in scene_text(story, state)
    alone = new_game(story, "Robin", at="forest:path")
    alone = pick(story, alone, "Sit with Tam").state
    alone = alone.evolve(party=())
    assert "Ready" not in scene_text(story, alone)


def test_a_reply_comes_back_in_the_outcome():
    story = story2()
    outcome = pick(story, new_game(story, "Robin"), "Help Wren")
    assert outcome.reply == 'Wren smiles. "Thank you! I\'ll come with you."'
    assert outcome.choice.reply == outcome.reply
    assert pick(story, outcome.state, "Ask").reply is None


# -- check: what the exploration says about `when` blocks and choices ------------


def check_messages(tmp_path, *chapters) -> list[str]:
    from engine_helpers import front, write_story

    from game.engine.checker import check_story

    write_story(tmp_path, front(format=2), *chapters)
    report = check_story(tmp_path)
    return [f"{p.line}: {p.severity}: {p.message}" for p in report.problems]


def test_a_when_that_reads_a_flag_set_scenes_before_is_not_warned_about(tmp_path):
    found = check_messages(
        tmp_path,
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        {"text": "wave", "goto": "b", "set": "waved", "recruit": "wren"},
                        {"text": "walk", "goto": "b", "recruit": "wren"},
                    ]
                },
                "b": {"choices": [{"text": "on", "goto": "c", "help": "wren"}]},
                "c": {
                    "when": [{"if": "waved", "text": "You waved."}],
                    "choices": [{"text": "end", "goto": "d"}],
                },
                "d": {"ending": "E"},
            },
        ),
    )
    assert found == []


def test_a_counter_read_only_by_a_when_is_followed(tmp_path):
    scenes = {
        "a": {
            "choices": [
                {"text": "again", "goto": "a", "add": {"courage": 1}, "if": "courage < 3"},
                {"text": "on", "goto": "b", "help": "wren", "needs": "wren"},
                {"text": "join", "goto": "a", "recruit": "wren", "if": "not party.wren"},
            ]
        },
        "b": {
            "when": [
                {"if": "courage >= 3", "text": "Brave!"},
                {"if": "courage >= 9", "text": "Too brave."},
                {"if": "visits >= 2", "text": "Again?"},
            ],
            "choices": [{"text": "end", "goto": "c"}],
        },
        "c": {"ending": "E"},
    }
    found = check_messages(tmp_path, chapter("one", scenes))
    assert found == [
        "16: warning: scene 'b', when 2 is never shown: "
        "'courage >= 9' never holds here (courage is between 0 and 3 here)",
        "16: warning: scene 'b', when 3 is never shown: "
        "'visits >= 2' never holds: the hero never comes back to this scene",
    ]


def test_a_scene_the_hero_comes_back_to_may_show_its_visits_text(tmp_path):
    scenes = {
        "a": {
            "when": [{"if": "visits >= 3", "text": "Third time."}],
            "choices": [
                {"text": "round", "goto": "a", "recruit": "wren"},
                {"text": "on", "goto": "b", "help": "wren"},
            ],
        },
        "b": {"ending": "E"},
    }
    found = check_messages(tmp_path, chapter("one", scenes))
    assert not any("never" in m for m in found), found


def test_a_choice_whose_flag_is_never_on_where_it_stands_is_warned_about(tmp_path):
    scenes = {
        "a": {
            "choices": [
                {"text": "late", "goto": "b", "if": "later", "recruit": "wren"},
                {"text": "on", "goto": "b", "set": "later", "recruit": "wren"},
            ],
        },
        "b": {"choices": [{"text": "on", "goto": "c", "if": "later", "help": "wren"}]},
        "c": {"ending": "E"},
    }
    found = check_messages(tmp_path, chapter("one", scenes))
    assert found == [
        "8: warning: scene 'a', choice 1 can never be picked: flag 'later' is never on here"
    ]


# -- playtests ------------------------------------------------------------------


def run_playtest_file(tmp_path, text: str):
    from game.engine.playtest import run_playtests

    root = tmp_path / "s"
    shutil.copytree(FORMAT2, root)
    (root / "playtests" / "react.toml").write_text(text, encoding="utf-8")
    return run_playtests(root)


def test_the_fixtures_playtests_use_every_new_key_and_pass():
    from game.engine.playtest import run_playtests

    report = run_playtests(FORMAT2)
    assert report.ok and len(report.passed) == 5
    written = (FORMAT2 / "playtests" / "react.toml").read_text()
    for key in ("flags =", "counters =", "shown =", "available =", "unavailable ="):
        assert key in written


def test_starting_flags_and_counters_change_what_is_shown(tmp_path):
    report = run_playtest_file(
        tmp_path,
        '[[playtest]]\nname = "no counter"\nstart = "forest:home"\nchoose = []\n'
        'expect = { shown = ["{tam} sets the bell down gently."] }\n'
        '[[playtest]]\nname = "no flag"\nstart = "forest:path"\nparty = ["tam"]\nchoose = []\n'
        'expect = { unavailable = ["Sit with Tam"] }\n',
    )
    first, second = (run.problem for run in report.runs)
    assert first.message == (
        "playtest 'no counter': after 0 choices: expected the scene to show "
        '"{tam} sets the bell down gently.", but it does not'
    )
    assert first.notes[:2] == ("what the scene shows:", "  The bell rings!")
    assert second.message == (
        "playtest 'no flag': after 0 choices: expected \"Sit with Tam\" to be unavailable, "
        "but it is available"
    )
    assert "the choices available at forest:path:" in second.notes


def test_a_choice_expected_available_says_why_it_is_not(tmp_path):
    report = run_playtest_file(
        tmp_path,
        '[[playtest]]\nname = "too soon"\nchoose = []\n'
        'expect = { available = ["Ask Wren to help you climb the tower"] }\n'
        '[[playtest]]\nname = "typo"\nchoose = []\nexpect = { unavailable = ["Pull the rop"] }\n',
    )
    first, second = (run.problem for run in report.runs)
    assert first.message.endswith(
        'expected "Ask Wren to help you climb the tower" to be available, but it is not: '
        "Wren must be in the party (party: nobody)"
    )
    assert first.notes[0] == "the choices available at village:square:"
    assert second.message.endswith(
        'expected "Pull the rop" to be unavailable, but no choice at village:square reads like that'
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('flags = ["party.wren"]', "flags: 'party.wren' is built in: start with party = [...]"),
        ('flags = ["a b"]', "flags: 'a b' is not a flag name"),
        ('flags = ["visits"]', "flags: 'visits' is not a flag name"),
        ("flags = 3", "'flags' should be a name in quotes or a list of names, not a number"),
        ("counters = { visits = 1 }", "counters: 'visits' is counted by the game itself"),
        ('counters = { courage = "x" }', "counters: courage should be a whole number"),
        ("counters = { courage = true }", "counters: courage should be a whole number"),
        ("counters = { courage = 99999999999 }", "counters: courage should be a whole number"),
        ('counters = { "help.received.bob" = 1 }', "'help.received.bob' is not a counter name"),
        ("counters = [1]", "'counters' should be a table, not a list"),
        ("expect = { shown = 3 }", "'shown' should be text or a list of text, not a number"),
        ("expect = { availble = [] }", "unknown key 'availble' (did you mean 'available'?)"),
    ],
)
def test_mistakes_in_the_new_playtest_keys_are_reported(tmp_path, line, expected):
    report = run_playtest_file(
        tmp_path,
        f'[[playtest]]\nname = "x"\nchoose = []\n{line}\n'.replace(
            "choose = []\nexpect", "choose = []\nexpect"
        ),
    )
    messages = [p.message for p in report.file_problems]
    assert any(expected in m for m in messages), messages


def test_a_counter_read_only_by_when_blocks_is_followed_without_growing_the_proof(tmp_path):
    scenes = {
        "a": {"choices": [{"text": "join", "goto": "b", "recruit": "wren"}]},
        "b": {
            "choices": [
                {"text": "help", "goto": "c", "help": "wren", "add": {"kindness": 1}},
                {"text": "help twice", "goto": "c", "help": "wren", "add": {"kindness": 2}},
            ]
        },
        "c": {
            "when": [
                {"if": "help.received.wren >= 1", "text": "Thanks, Wren."},
                {"if": "kindness >= 2", "text": "So kind."},
                {"if": ["kindness >= 3"], "text": "Too kind."},
                {"if": "help.given >= 1", "text": "You helped."},
            ],
            "choices": [{"text": "end", "goto": "d"}],
        },
        "d": {"ending": "E"},
    }
    from engine_helpers import front, write_story

    from game.engine.checker import check_story

    write_story(tmp_path, front(format=2), chapter("one", scenes))
    report = check_story(tmp_path)
    assert [p.message for p in report.problems] == [
        "scene 'c', when 3 is never shown: 'kindness >= 3' never holds here "
        "(kindness is between 1 and 2 here)",
        "scene 'c', when 4 is never shown: 'help.given >= 1' never holds here "
        "(help.given is always 0 here)",
    ]
    assert report.exploration.states == 4  # the counters only text reads are not kept


def test_a_counter_that_could_climb_far_is_no_reason_to_hang_or_warn(tmp_path):
    """A counter read only by a `when`, raised in a loop and compared with a large number: the
    values it may take are not followed one by one (that grew one value a step, for ever in
    practice); check ends at once and does not call a block that can show 'never shown'."""
    scenes = {
        "a": {
            "choices": [
                {"text": "again", "goto": "a", "add": {"steps": 1}},
                {"text": "join", "goto": "a", "recruit": "wren", "if": "not party.wren"},
                {"text": "on", "goto": "b", "help": "wren"},
            ]
        },
        "b": {
            "when": [{"if": "steps >= 100000", "text": "What a long walk!"}],
            "choices": [{"text": "end", "goto": "c"}],
        },
        "c": {"ending": "E"},
    }
    assert check_messages(tmp_path, chapter("one", scenes)) == []
