"""Whatever a writer writes, the loader and `check` only report problems: they never raise.

Hypothesis writes arbitrary TOML text, and random story-shaped tables (with tomli-w), into a
temporary folder, then loads and checks it. Where a story passes, a random walk through it
with the rules must not raise either.
"""

from __future__ import annotations

import datetime
import os
import random
import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.checker import check_story
from game.engine.problems import ERROR, WARNING, Problem
from game.engine.rules import (
    apply_choice,
    available_choices,
    go_back,
    new_game,
    offers,
    scene_text,
    shown_when,
)
from game.engine.text import render

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),  # FUZZ_EXAMPLES=5000 to dig deeper
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
GOOD_FRONT = (
    '[story]\ntitle = "T"\nstart = "one"\n[hero]\nname = "Robin"\n'
    '[companions.wren]\nname = "Wren"\ngift = "maps"\n'
)
GOOD_FRONT_2 = GOOD_FRONT.replace('start = "one"\n', 'start = "one"\nformat = 2\n')
"""The same front page for a story in format 2 (a story that reacts)."""


def check_folder(files: dict[str, str | bytes]):
    """Write `files` into a fresh folder and check it; every problem must be well formed."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, content in files.items():
            data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
            (root / name).write_bytes(data)
        report = check_story(root, max_states=2_000)
        for problem in report.problems:
            assert isinstance(problem, Problem)
            assert problem.severity in (ERROR, WARNING)
            assert problem.line >= 1 and problem.message
            assert "\n" not in problem.format().splitlines()[0]
        if report.ok:
            walk(report.story)
        return report


def walk(story, steps: int = 30) -> None:
    """A random walk with the rules: offers, choices, going back, rendering."""
    rng = random.Random(0)
    state = new_game(story, "Robin")
    for _ in range(steps):
        render(scene_text(story, state), story.names(state.hero))
        offers(story, state)
        choices = available_choices(story, state)
        if not choices or rng.random() < 0.2:
            state = go_back(story, state) or state
            continue
        outcome = apply_choice(story, state, rng.choice(choices))
        render(outcome.reply or "", story.names(state.hero))
        state = outcome.state


# --------------------------------------------------------------------------- arbitrary text

TOML_BITS = [
    "[story]",
    "[hero]",
    "[chapter]",
    "[companions.wren]",
    "[scenes.a]",
    "[scenes.b]",
    "[[scenes.a.choices]]",
    "[[scenes.b.choices]]",
    "[scenes.a.choices.add]",
    "[renamed]",
    'title = "T"',
    'id = "one"',
    'start = "a"',
    'start = "one"',
    'name = "Wren"',
    'gift = "maps"',
    'text = "Hello {hero} and {wren}"',
    'text = """\nmulti\n[scenes.x]\n"""',
    "text = 'lit'",
    'goto = "b"',
    'goto = "a"',
    'goto = "one:b"',
    'help = "wren"',
    'recruit = ["wren"]',
    'if = ["not party.wren", "x >= 1"]',
    'if = "x = 1"',
    "once = true",
    "add = { x = 1 }",
    'set = "f"',
    'ending = "The end"',
    "format = 2",
    "[[scenes.a.when]]",
    'if = "visits >= 2"',
    'if = ["party.wren", "visits"]',
    'reply = "Thanks, {wren}!"',
    'hint = "{hero}"',
    "misstep = true",
    "when = 3",
    "x = [[[1]]]",
    '"a.b" = 1',
    "= 1",
    "[",
    '"',
    "\x1b[31m",
    "x = " + "1" * 5000,  # more digits than Python reads: a plain ValueError, once
    'if = "x >= ' + "9" * 5000 + '"',
    "add = { x = " + "1" * 5000 + " }",
    "d = 0001-01-01T00:00:00",
    "d = 9999-12-31T23:59:59-23:59",
    "text = 1979-05-27",
    'name = "W\\u001b]0;PWNED\\u0007"',
    'text = "\\u0000\\u009b31m"',
]


@FUZZ
@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_text_is_only_ever_reported(front, chapter):
    check_folder({"story.toml": front, "01-one.toml": chapter})


@FUZZ
@given(
    st.sampled_from([GOOD_FRONT, GOOD_FRONT_2]),
    st.lists(st.sampled_from(TOML_BITS) | st.text(max_size=12), max_size=25),
)
def test_toml_like_text_is_only_ever_reported(front, lines):
    check_folder({"story.toml": front, "01-one.toml": "\n".join(lines)})


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_are_only_ever_reported(data):
    check_folder({"story.toml": data, "01-one.toml": data})


# --------------------------------------------------------------------------- story-shaped tables

IDS = ["a", "b", "c", "one", "two", "wren", "tam", "hero", "x", "bad id", ""]
NAMES = st.sampled_from(IDS) | st.text(max_size=6)
scalars = (
    st.text(max_size=20)
    | st.sampled_from(IDS + ["one:a", "two:b", "x >= 1", "not party.wren", "{hero}", "{{"])
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.booleans()
    | st.floats(allow_nan=True)
    | st.just(datetime.date(2024, 1, 1))
    | st.sampled_from(
        [
            datetime.datetime(1, 1, 1),
            datetime.datetime(
                9999, 12, 31, tzinfo=datetime.timezone(-datetime.timedelta(hours=23))
            ),
            datetime.time(0, 0),
            10**4000,
            "\x1b]0;PWNED\x07",
        ]
    )
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAMES, inner, max_size=3),
    max_leaves=8,
)


def table_of(spec: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A table with some of the keys of `spec` (each with its usual kind of value, or any
    value) and now and then a key that does not belong."""
    keys = {key: strategy | values for key, strategy in spec.items()}
    return st.fixed_dictionaries({}, optional={**keys, "extra": values, "gotoo": values})


ID = st.sampled_from(IDS)
ID_LIST = ID | st.lists(ID, max_size=3)
CONDITION = st.sampled_from(
    [
        "x >= 1",
        "not f",
        "f",
        "party.wren",
        "help.received >= 1",
        "help.given.tam == 0",
        "x = 1",
        "visits >= 2",
        "visits",
        "not visits",
    ]
)
choice = table_of(
    {
        "text": st.sampled_from(["Go", "Ask {wren}", "{nobody}"]),
        "goto": st.sampled_from(["a", "b", "c", "one", "two", "one:a", "two:b", "nowhere"]),
        "needs": ID_LIST,
        "if": CONDITION | st.lists(CONDITION, max_size=3),
        "locked": st.text(max_size=10),
        "once": st.booleans(),
        "recruit": ID_LIST,
        "leave": ID_LIST,
        "help": ID_LIST,
        "give_help": ID_LIST,
        "set": st.sampled_from(["f", "g"]),
        "unset": st.sampled_from(["f", "g"]),
        "add": st.dictionaries(st.sampled_from(["x", "y", "help.received"]), st.integers(-3, 3)),
        "id": ID,
        "reply": st.sampled_from(["Thanks, {wren}!", "{nobody}", "", "{"]),
        "misstep": st.booleans(),
    }
)
when = table_of(
    {
        "if": CONDITION | st.lists(CONDITION, max_size=3),
        "text": st.sampled_from(["More, {hero}.", "{nobody}", "*x*"]),
    }
)
scene = table_of(
    {
        "text": st.sampled_from(["Hello {hero}.", "*Hi* **there**", "{wren}"]),
        "art": st.text(max_size=80),
        "choices": st.lists(choice, max_size=4),
        "ending": st.sampled_from(["The end", ""]),
        "when": st.lists(when, max_size=3),
        "hint": st.sampled_from(["A clue, {hero}.", "{nobody}"]),
    }
)


def chapter_table(cid: str) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {
            "chapter": table_of(
                {
                    "id": st.just(cid) | ID,
                    "title": st.just(cid.title()),
                    "start": st.sampled_from(["a", "b", "c"]),
                    "talk": st.lists(st.text(max_size=10), max_size=2),
                }
            ),
            "scenes": st.dictionaries(st.sampled_from(["a", "b", "c", "one"]), scene, max_size=4),
        },
        optional={"extra": values},
    )


front_table = st.fixed_dictionaries(
    {
        "story": table_of(
            {
                "title": st.just("Fuzz"),
                "start": st.sampled_from(["one", "two", "three"]),
                "format": st.integers(-1, 3),
                "author": st.text(max_size=5),
            }
        ),
        "hero": table_of({"name": st.just("Robin")}),
        "companions": st.dictionaries(
            ID,
            table_of(
                {"name": st.just("W"), "gift": st.just("g"), "portrait": st.text(max_size=15)}
            ),
            max_size=3,
        ),
    },
    optional={
        "renamed": st.dictionaries(st.text(max_size=8), st.sampled_from(["one:a", "x", "two:"])),
        "extra": values,
    },
)


def dumps(table: dict) -> str | None:
    try:
        return tomli_w.dumps(table)
    except (TypeError, ValueError):
        return None  # a table tomli-w cannot write (a key or value TOML has no form for)


@FUZZ
@given(front_table, chapter_table("one"), chapter_table("two"))
def test_random_story_shaped_tables_are_only_ever_reported(front, one, two):
    files = {"story.toml": dumps(front), "01-one.toml": dumps(one), "02-two.toml": dumps(two)}
    check_folder({name: text for name, text in files.items() if text is not None})


# --------------------------------------------------------------------------- valid stories

VALID_CONDITIONS = st.sampled_from(
    ["party.wren", "not party.wren", "f", "not f", "x >= 1", "x < 2", "help.received >= 1"]
)
valid_choice = st.fixed_dictionaries(
    {
        "text": st.sampled_from(["Go", "Ask {wren}", "Wait"]),
        "goto": st.sampled_from(["a", "b", "c", "two"]),
    },
    optional={
        "if": VALID_CONDITIONS | st.lists(VALID_CONDITIONS, max_size=2),
        "help": st.just("wren"),
        "recruit": st.just("wren"),
        "leave": st.just("wren"),
        "give_help": st.just("wren"),
        "set": st.just("f"),
        "unset": st.just("f"),
        "add": st.fixed_dictionaries({"x": st.integers(-1, 2)}),
        "once": st.booleans(),
        "locked": st.just("Not yet"),
        "reply": st.just("{wren} nods."),
        "misstep": st.booleans(),
    },
)
VALID_WHEN_CONDITIONS = VALID_CONDITIONS | st.sampled_from(["visits >= 2", "visits == 1"])
valid_when = st.fixed_dictionaries(
    {
        "if": VALID_WHEN_CONDITIONS | st.lists(VALID_WHEN_CONDITIONS, max_size=2),
        "text": st.sampled_from(["Wren hums.", "Again, {hero}?", "The lamp is lit."]),
    }
)
valid_choice_scene = st.fixed_dictionaries(
    {
        "text": st.just("*Here*, {hero}."),
        "choices": st.lists(valid_choice, min_size=1, max_size=3),
    },
    optional={"when": st.lists(valid_when, max_size=3)},
)
valid_scene = st.one_of(
    st.fixed_dictionaries(
        {"text": st.just("The end, {hero}."), "ending": st.just("End")},
        optional={"hint": st.just("Ask a friend."), "when": st.lists(valid_when, max_size=2)},
    ),
    valid_choice_scene,
)


@FUZZ
@given(
    valid_choice_scene,
    st.lists(valid_scene, min_size=2, max_size=2),
    st.lists(valid_scene, min_size=1, max_size=1),
)
def test_a_story_that_passes_plays_as_check_proved(first, more, two):
    """Stories with valid keys only (format 2's included): they are explored; where check
    passes, random play never meets a dead end, never leaves a chapter or ends without help in
    that chapter, and never shows a `when` block or offers a choice check said it never would."""
    chapters = {
        "01-one.toml": {
            "chapter": {"id": "one", "title": "One", "start": "a"},
            "scenes": dict(zip("abc", [first, *more], strict=True)),
        },
        "02-two.toml": {
            "chapter": {"id": "two", "title": "Two", "start": "a"},
            "scenes": {"a": two[0]},
        },
    }
    # In chapter two, only its own scene and the chapter one exist as targets.
    for choice in chapters["02-two.toml"]["scenes"]["a"].get("choices", []):
        choice["goto"] = "a" if choice["goto"] in ("b", "c", "two") else "one:a"
    report = check_folder(
        {name: tomli_w.dumps(t) for name, t in chapters.items()} | {"story.toml": GOOD_FRONT_2}
    )
    assert report.exploration is not None or report.errors
    if not report.ok or not report.exploration.complete:
        return
    rng = random.Random(len(str(more)))
    story = report.story
    coverage = report.exploration.coverage
    never_shown = {(n.scene.ref, n.item.index) for n in coverage.never_shown}
    never_picked = {(n.scene.ref, n.item.index) for n in coverage.never_picked}
    for _ in range(5):
        state, helped = new_game(story, "Robin"), False
        for _ in range(40):
            assert state.scene in report.exploration.visited_scenes
            if story.scene(state.scene).ending is not None:
                break
            choices = available_choices(story, state)
            assert choices, f"check passed, yet {state.scene} is a dead end"
            for block in shown_when(story, state):
                assert (state.scene, block.index) not in never_shown, "check said never shown"
            for choice in choices:
                assert (state.scene, choice.index) not in never_picked, "check said never picked"
            outcome = apply_choice(story, state, rng.choice(choices))
            helped = helped or bool(outcome.choice.help_received)
            if outcome.chapter_ended or outcome.ending is not None:
                assert helped, "check passed, yet a chapter was left without help"
                helped = False
            state = outcome.state


# --------------------------------------------------------------------------- built to pass

HOSTILE_TEXT = st.sampled_from(
    [
        "\x1b]0;PWNED\x07",
        "\x1b[2J\x1b[31mred",
        "[@click=app.quit]quit[/]",
        "[/]x",
        "\x9b31m",
        "\u202eevil",
        "tab\there",
        "1" * 5000,
        "🦉 李雷 Zoë",
        "\r\nCR",
    ]
) | st.text(max_size=12).map(lambda t: t.replace("{", "{{").replace("}", "}}"))
"""Text a writer (or an attacker) may put in any string of a story that still passes."""


@st.composite
def stories_that_pass(draw) -> dict[str, dict]:
    """A story built from a small grammar so that it always passes `check`: each chapter is
    a line of scenes; the first befriends Wren, side choices loop back (setting flags, adding
    to counters that only grow, sending Wren away with a way to call her back), and the
    last asks Wren for help to leave the chapter or to reach the ending. Every text holds
    hostile characters."""
    text = lambda: draw(HOSTILE_TEXT)  # noqa: E731
    front = {
        "story": {"title": f"Fuzz {text()}", "start": "c0"},
        "hero": {"name": f"Robin{text()}"},
        "companions": {"wren": {"name": f"Wren{text()}", "gift": text(), "about": text()}},
    }
    chapters = draw(st.integers(1, 3))
    files = {"story.toml": front}
    for c in range(chapters):
        length = draw(st.integers(2, 4))
        scenes: dict[str, dict] = {}
        for s in range(length):
            choices = []
            if s == 0:
                choices.append({"text": f"Try alone {text()}", "goto": "s0"})
                choices.append(
                    {"text": "Help {wren}", "goto": "s1", "recruit": "wren", "give_help": "wren"}
                )
            else:
                for side in range(draw(st.integers(0, 3))):
                    kind = draw(st.sampled_from(["flag", "count", "leave", "once", "test"]))
                    loop = {"text": f"Side {side} {text()}", "goto": f"s{s}"}
                    if kind == "flag":
                        loop["set"] = "f"
                    elif kind == "count":
                        loop["add"] = {"x": 1}
                    elif kind == "leave":
                        loop["leave"] = "wren"
                    elif kind == "once":
                        loop["once"] = True
                    else:
                        loop["if"] = draw(st.sampled_from(["f", "x >= 2", "not party.wren"]))
                    choices.append(loop)
                choices.append({"text": "Call {wren} back", "goto": f"s{s}", "recruit": "wren"})
                if s < length - 1:
                    choices.append({"text": f"On {text()}", "goto": f"s{s + 1}"})
                else:
                    last = c == chapters - 1
                    goto = "end" if last else f"c{c + 1}"
                    choices.append({"text": "Ask {wren}", "goto": goto, "help": "wren"})
            scenes[f"s{s}"] = {"text": f"Scene {s}, {{hero}}. {text()}", "choices": choices}
        if c == chapters - 1:
            scenes["end"] = {"text": f"The end. {text()}", "ending": f"Together {text()}"}
        files[f"{c:02d}-c{c}.toml"] = {
            "chapter": {"id": f"c{c}", "title": f"Chapter {text()}", "start": "s0"},
            "scenes": scenes,
        }
    return files


@FUZZ
@given(stories_that_pass(), st.randoms(use_true_random=False))
def test_a_story_built_to_pass_passes_and_plays_as_proved(files, rng):
    """Every generated story passes check (so the walk below always runs), and random play
    through it, full of hostile text, shows only clean text and never meets a dead end."""
    from game.engine.text import is_clean, render_line

    report = check_folder({name: tomli_w.dumps(table) for name, table in files.items()})
    assert report.ok, [p.format() for p in report.errors]
    assert report.exploration is not None and report.exploration.complete
    story = report.story
    state, helped = new_game(story, story.hero_name), False
    for _ in range(60):
        names = story.names(state.hero)
        for paragraph in render(scene_text(story, state), names):
            assert all(is_clean(span.text) for span in paragraph)
        if story.scene(state.scene).ending is not None:
            break
        choices = available_choices(story, state)
        assert choices, f"check passed, yet {state.scene} is a dead end"
        assert all(is_clean(render_line(choice.text, names)) for choice in choices)
        outcome = apply_choice(story, state, rng.choice(choices))
        helped = helped or bool(outcome.choice.help_received)
        if outcome.chapter_ended or outcome.ending is not None:
            assert helped, "check passed, yet a chapter was left without help"
            helped = False
        state = outcome.state
