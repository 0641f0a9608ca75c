"""Exploring every reachable state: finite on loops, small by forgetting, and honest at its
limit; the proofs `check` draws from it (teamwork, softlocks, unreachable scenes)."""

from __future__ import annotations

import time

from engine_helpers import build, chapter, front, good_story, write_story

from game.engine.checker import check_story
from game.engine.explore import explore

RECRUIT = {"text": "Call Wren", "goto": "a", "recruit": "wren", "if": "not party.wren"}
END = {"ending": "The end"}


def messages(report) -> list[tuple[str, str]]:
    return [(p.severity, p.message) for p in report.problems]


def test_the_good_story_is_proved():
    found = explore(good_story())
    assert found.complete and found.teamwork_breaks == [] and found.softlocks == []
    assert found.visited_scenes == {
        "village:square",
        "village:rope_alone",
        "village:tower",
        "forest:path",
        "forest:home",
        "forest:end",
    }


# --------------------------------------------------------------------------- termination


def test_a_loop_that_adds_forever_is_capped(tmp_path):
    story = build(
        tmp_path,
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Train", "goto": "a", "add": {"strength": 1}},
                        {"text": "Lift", "goto": "end", "help": "wren", "if": "strength >= 3"},
                    ]
                },
                "end": END,
            },
        ),
    )
    found = explore(story)
    assert found.complete and found.softlocks == [] and found.teamwork_breaks == []
    # strength is 0..3, or "4 or more"; Wren is in the party or not; the ending is reached
    # with strength 3 or "4 or more".
    assert found.states == 5 * 2 + 2


def test_a_loop_that_takes_away_forever_is_capped_and_its_softlock_found(tmp_path):
    story = build(
        tmp_path,
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Worry", "goto": "a", "add": {"calm": -2}},
                        {"text": "Breathe", "goto": "end", "help": "wren", "if": "calm > -5"},
                    ]
                },
                "end": END,
            },
        ),
    )
    found = explore(story)
    assert found.complete
    assert found.states == 4 * 2 + 3  # calm 0, -2, -4, or "-6 or less"; three ways to end
    # Worrying three times leaves the hero too worried ever to breathe: a true softlock.
    ((scene, way, dead_end, _entry),) = found.softlocks
    assert (scene.id, [m.choice.text for m in way], dead_end) == ("a", ["Worry"] * 3, False)


def test_help_counters_in_a_loop_are_capped(tmp_path):
    story = build(
        tmp_path,
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Ask again", "goto": "a", "help": "wren"},
                        {"text": "Go", "goto": "end", "if": "help.received.wren >= 100"},
                    ]
                },
                "end": END,
            },
        ),
    )
    found = explore(story)
    assert found.complete and found.softlocks == [] and found.teamwork_breaks == []
    assert found.states < 500


# --------------------------------------------------------------------------- forgetting


def flag_story(tmp_path, later: dict):
    return build(
        tmp_path,
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Light", "goto": "a", "set": "lit", "if": "not lit"},
                        {"text": "Dark", "goto": "a", "unset": "lit", "if": "lit"},
                        {"text": "Go", "goto": "b", "help": "wren", "once": True},
                    ]
                },
                "b": {"choices": [{"text": "On", "goto": "c"}]},
                "c": {"choices": [{"text": "On", "goto": "d"}]},
                "d": {"choices": [{"text": "Home", "goto": "end", **later}]},
                "end": END,
            },
        ),
    )


def test_flags_never_read_again_are_forgotten(tmp_path):
    found = explore(flag_story(tmp_path, {}))
    # At a: Wren in or out, lit or not. After "Go", lit and the used `once` are never read
    # again, so b, c, d and the end are one state each.
    assert found.complete and found.states == 4 + 4


def test_flags_read_later_are_kept(tmp_path):
    found = explore(flag_story(tmp_path, {"if": "lit"}))
    # Now lit matters at b, c and d: two states each; the ending only with the light on,
    # and the dark way is a softlock.
    assert found.states == 4 + 2 * 3 + 1
    assert [scene.id for scene, *_ in found.softlocks] == ["b"]


# --------------------------------------------------------------------------- the limit


def up_and_down(tmp_path):
    return write_story(
        tmp_path,
        front(),
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Up", "goto": "a", "add": {"x": 1}},
                        {"text": "Down", "goto": "a", "add": {"x": -1}},
                        {"text": "Win", "goto": "end", "help": "wren", "if": "x >= 5"},
                    ]
                },
                "end": END,
            },
        ),
    )


def test_a_story_too_large_to_prove_says_so_plainly(tmp_path):
    root = up_and_down(tmp_path)
    started = time.perf_counter()
    report = check_story(root, max_states=50)
    assert time.perf_counter() - started < 5
    assert report.exploration.states == 50 and not report.exploration.complete
    assert [
        (p.file.endswith("story.toml"), p.line, *m, p.notes)
        for p, m in zip(report.problems, messages(report), strict=True)
    ] == [
        (
            True,
            1,
            "warning",
            "the story is too large to prove within 50 game states: "
            "the teamwork rule and softlocks were checked only that far",
            ("counters that some choices raise and others lower have no limit: 'x'",),
        )
    ]
    assert report.ok


# --------------------------------------------------------------------------- proofs


def test_teamwork_needs_help_in_every_chapter_visit(tmp_path):
    root = write_story(
        tmp_path,
        front(),
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Ask Wren", "goto": "two", "help": "wren"},
                    ]
                }
            },
        ),
        chapter(
            "two",
            {
                "b": {
                    "choices": [
                        {"text": "Back", "goto": "one"},
                        {"text": "Ask Wren", "goto": "end", "help": "wren"},
                    ]
                },
                "end": END,
            },
        ),
    )
    report = check_story(root)
    assert messages(report) == [
        (
            "error",
            "teamwork rule: chapter 'two' can be left without help: the way below leaves for "
            "'one:a' with no help = ... in this chapter; make the way on need a friend's help",
        )
    ]
    assert report.problems[0].notes == (
        "the way through:",
        "(after 2 choices that reach the chapter)",
        '3. at two:b: "Back"',
    )


def test_reaching_an_ending_without_help_breaks_the_rule(tmp_path):
    root = write_story(
        tmp_path,
        front(),
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Ask Wren", "goto": "end", "help": "wren"},
                        {"text": "Give up", "goto": "sad"},
                    ]
                },
                "end": END,
                "sad": {"ending": "Alone"},
            },
        ),
    )
    report = check_story(root)
    assert messages(report) == [
        (
            "error",
            "teamwork rule: chapter 'one' can be finished without help: the way below reaches "
            "the ending 'Alone' with no help = ... in this chapter; make the way on need a "
            "friend's help",
        )
    ]
    assert report.problems[0].notes == ("the way through:", '1. at one:a: "Give up"')


def test_a_dead_end_is_a_softlock(tmp_path):
    root = write_story(
        tmp_path,
        front(),
        chapter(
            "one",
            {
                "a": {
                    "choices": [
                        RECRUIT,
                        {"text": "Ask Wren", "goto": "end", "help": "wren"},
                        {"text": "Wander off", "goto": "pit", "leave": "wren", "if": "party.wren"},
                    ]
                },
                "pit": {"choices": [{"text": "Climb with Wren", "goto": "a", "help": "wren"}]},
                "end": END,
            },
        ),
    )
    report = check_story(root)
    assert messages(report) == [
        ("error", "softlock: the hero can get stuck in scene 'pit': no choice is available there")
    ]
    assert report.problems[0].notes == (
        "the way there:",
        '1. at one:a: "Call Wren"',
        '2. at one:a: "Wander off"',
    )


def test_a_story_with_no_reachable_ending_shows_the_trap(tmp_path):
    root = write_story(
        tmp_path,
        front(),
        chapter(
            "one",
            {
                "a": {"choices": [RECRUIT, {"text": "Go", "goto": "b", "help": "wren"}]},
                "b": {"choices": [{"text": "Round", "goto": "c"}]},
                "c": {"choices": [{"text": "And round", "goto": "b"}]},
                "end": END,
            },
        ),
    )
    report = check_story(root)
    assert messages(report) == [
        (
            "error",
            "softlock: the hero can get stuck in scene 'b': no ending can be reached from "
            "there (3 other stuck situations in all)",
        ),
        ("warning", "scene 'end' can never be reached"),
    ]
    assert report.problems[0].notes == (
        "the way there:",
        '1. at one:a: "Call Wren"',
        '2. at one:a: "Go"',
    )


def test_a_stuck_start_is_named_as_such(tmp_path):
    root = write_story(
        tmp_path,
        front(),
        chapter(
            "one",
            {
                "a": {"choices": [{"text": "Stay", "goto": "a", "if": "party.wren"}]},
                "end": END,
            },
        ),
    )
    report = check_story(root)
    # The cause is named: the only choice needs Wren, and nobody asks Wren to join.
    assert messages(report) == [
        (
            "error",
            "scene 'a', choice 1: softlock: this choice needs Wren, but the hero can reach it "
            'without Wren and nobody asks Wren to join on the way: add recruit = "wren" to a '
            "choice before it",
        ),
        ("warning", "scene 'end' can never be reached"),
    ]
    assert report.problems[0].notes == ("the way there:", "(right at the start of the story)")


def test_a_chapter_nothing_leads_to_is_one_warning(tmp_path):
    root = write_story(
        tmp_path,
        front(),
        chapter(
            "one",
            {
                "a": {"choices": [RECRUIT, {"text": "Ask Wren", "goto": "end", "help": "wren"}]},
                "end": END,
            },
        ),
        chapter("lost", {"x": {"choices": [{"text": "On", "goto": "y"}]}, "y": END}),
    )
    assert messages(check_story(root)) == [
        ("warning", "chapter 'lost' can never be reached: no choice leads into it")
    ]
