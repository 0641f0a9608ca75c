"""`check` names a softlock's cause at the line to change, says each mistake once, puts errors
before warnings and keeps every way through short enough for one screen."""

from __future__ import annotations

from engine_helpers import chapter, front, write_story

from game.engine.checker import WAY_LINES, check_story, describe_way
from game.engine.explore import Move
from game.engine.model import Choice, Scene

END = {"ending": "The end"}


def lines(report) -> list[str]:
    return [p.format() for p in report.problems]


def test_a_leave_in_one_file_is_named_as_the_softlock_of_the_next(tmp_path):
    one = chapter(
        "one",
        {
            "a": {
                "choices": [
                    {"text": "Call Wren", "goto": "b", "recruit": "wren", "give_help": "wren"},
                ]
            },
            "b": {
                "choices": [
                    {"text": "Ask Wren the way", "goto": "c", "help": "wren"},
                ]
            },
            "c": {"choices": [{"text": "Wave goodbye", "goto": "two", "leave": "wren"}]},
        },
    )
    two = chapter(
        "two",
        {
            "d": {"choices": [{"text": "Ask Wren to read the sign", "goto": "e", "help": "wren"}]},
            "e": END,
        },
    )
    report = check_story(write_story(tmp_path, front(), one, two))
    (error,) = report.errors
    assert error.file.endswith("01-one.toml")
    source = (tmp_path / "01-one.toml").read_text().splitlines()
    assert 'leave = "wren"' in source[error.line - 1]
    assert error.message == (
        "scene 'c', choice 1: softlock: Wren leaves here for good, but two:d needs Wren "
        '("Ask Wren to read the sign"): remove leave = "wren", or recruit Wren again later'
    )
    # The scene after the stuck place is not reported as a second, knock-on problem.
    assert report.warnings == []


def test_a_counter_nothing_adds_to_is_the_headline_and_said_once(tmp_path):
    one = chapter(
        "one",
        {
            "a": {
                "choices": [
                    {"text": "Ask Wren", "goto": "b", "recruit": "wren", "give_help": "wren"}
                ]
            },
            "b": {"choices": [{"text": "Be brave", "goto": "c", "if": "courage >= 2"}]},
            "c": END,
        },
    )
    report = check_story(write_story(tmp_path, front(), one))
    assert [(p.severity, p.message) for p in report.problems] == [
        (
            "error",
            "scene 'b', choice 1: softlock: counter 'courage' is compared but never added to, "
            "so the hero is stuck here: write add = { courage = 1 } on an earlier choice, "
            "or change this if",
        )
    ]
    source = (tmp_path / "01-one.toml").read_text().splitlines()
    assert "courage >= 2" in source[report.errors[0].line - 1]


def test_a_flag_nothing_sets_is_the_cause_with_a_did_you_mean(tmp_path):
    one = chapter(
        "one",
        {
            "a": {
                "choices": [
                    {"text": "Ask Wren", "goto": "b", "recruit": "wren", "give_help": "wren"},
                    {"text": "Look", "goto": "a", "set": "found_duck", "if": "not found_duck"},
                ]
            },
            "b": {"choices": [{"text": "Go on", "goto": "c", "if": "found_duk"}]},
            "c": END,
        },
    )
    report = check_story(write_story(tmp_path, front(), one))
    (error,) = report.errors
    assert error.message.startswith(
        "scene 'b', choice 1: softlock: flag 'found_duk' is tested but never set "
        "(did you mean 'found_duck'?), so the hero is stuck here"
    )
    assert not any("found_duk'" in w.message for w in report.warnings)


def test_errors_come_before_warnings_from_every_file(tmp_path):
    one = chapter(
        "one",
        {
            "a": {
                "choices": [
                    {"text": "Ask Wren", "goto": "b", "recruit": "wren", "give_help": "wren"}
                ],
                "art": "x" * 70,
            },
            "b": END,
        },
    )
    two = chapter("two", {"c": {"choices": [{"text": "Go", "goto": "nowhere"}]}})
    report = check_story(write_story(tmp_path, front(), one, two))
    severities = [p.severity for p in report.problems]
    assert severities == sorted(severities)  # "error" < "warning"
    assert report.problems[0].file.endswith("02-two.toml")
    assert report.problems[-1].file.endswith("01-one.toml")


def _way(length: int) -> list[Move]:
    scenes = [Scene(f"s{i}", "one", "", i) for i in range(length)]
    return [
        Move(scene, Choice(f"Walk on to the next stone, number {i}", "x", "x", 1, 1))
        for i, scene in enumerate(scenes)
    ]


def test_a_long_way_is_shortened_in_the_middle():
    shown = describe_way(_way(60), first=0)
    assert len(shown) <= WAY_LINES
    assert shown[0].startswith('1. at one:s0: "Walk on')
    assert shown[-1].startswith('60. at one:s59: "Walk on')
    assert any(line == "... (45 more choices) ..." for line in shown)
    assert describe_way(_way(WAY_LINES), first=0) == [
        f'{i + 1}. at one:s{i}: "Walk on to the next stone, number {i}"' for i in range(WAY_LINES)
    ]


def test_a_long_choice_text_is_shortened_in_a_way():
    scene = Scene("s", "one", "", 1)
    (line,) = describe_way([Move(scene, Choice("word " * 100, "x", "x", 1, 1))])
    assert len(line) < 100 and line.endswith('…"')


def test_a_60_choice_softlock_fits_one_screen(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files are named from where the writer stands
    scenes = {f"s{i}": {"choices": [{"text": f"Step {i}", "goto": f"s{i + 1}"}]} for i in range(60)}
    scenes["s0"]["choices"][0].update(recruit="wren", give_help="wren")
    scenes["s60"] = {"choices": [{"text": "Rest", "goto": "s60"}]}
    scenes["end"] = END
    report = check_story(write_story(tmp_path, front(), chapter("one", scenes, start="s0")))
    printed = "\n".join(lines(report)).splitlines()
    assert len(printed) <= 23, printed
    assert max(len(line) for line in printed) <= 200


def test_a_file_that_cannot_be_read_brings_no_flag_warnings_from_the_others(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a short file name: the message stays on one line
    one = chapter(
        "one",
        {
            "a": {
                "choices": [
                    {"text": "Ask Wren", "goto": "two", "recruit": "wren", "help": "wren"},
                    {"text": "Wave", "goto": "a", "set": "waved", "once": True},
                ]
            },
        },
    )
    root = write_story(tmp_path, front(), one)
    (root / "02-two.toml").write_text(
        '[chapter]\nid = "two"\ntitle = "Two"\nstart = "b"\n\n[scenes.b]\ntext = """\nOpen.\n\n'
        '[[scenes.b.choices]]\ntext = "Go"\ngoto = "b"\nif = "waved"\n'
    )
    report = check_story(root)
    assert lines(report) == [
        f"{report.errors[0].file}:7: error: the text that starts at line 7 is never closed with "
        '"""'
        ': end it with """ on a line of its own, before line 10 ([[scenes.b.choices]])'
    ]


def test_after_a_leave_no_warning_repeats_that_the_friend_is_gone(tmp_path):
    def go(text, goto, **more):
        return {"text": text, "goto": goto, **more}

    one = chapter(
        "one",
        {
            "a": {"choices": [go("Call Wren", "b", recruit="wren", give_help="wren")]},
            "b": {"choices": [go("Hug Wren goodbye", "c", help="wren", leave="wren")]},
            "c": {
                "choices": [
                    go("Ask Wren to wave back", "c", help="wren", once=True, set="waved"),
                    go("Go to the fork", "f"),
                ]
            },
            "f": {"choices": [go("Go left", "g"), go("Go right", "h")]},
            "g": {"choices": [go("Walk home", "home"), go("Wave again", "g", **{"if": "waved"})]},
            "h": {"choices": [go("Ask Wren the way", "home", help="wren")]},
            "home": END,
        },
    )
    report = check_story(write_story(tmp_path, front(format=2), one))
    assert [p.message.split(":")[0] for p in report.problems] == ["scene 'b', choice 1"]
