"""No line `check` or `test` prints is longer than LINE_LIMIT (200) characters: a long message
is folded into a first line and indented detail lines, long lists are shortened in the middle.

Run over every writers' fixture (each mistake laid over the tutorial's lake story) and over
copies of the shipped story broken the ways a writer breaks it: the ways through those are
the longest a report shows (whole-game ways, softlocks chapters away, playtests of 80
choices).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from writers_support import FIXTURES, SHIPPED, copy_story, run, shipped_story_written

from game.engine.problems import Problem, fold

LINE_LIMIT = 200
"""The issue's limit (game.engine.problems.LINE_LIMIT is what folds to it)."""

LAKE = FIXTURES / "writers_lake"
MISTAKES = FIXTURES / "writers_mistakes"
STORIES = sorted(
    p for p in FIXTURES.iterdir() if p.name.startswith("writers_") and (p / "story.toml").exists()
)
"""The writers' fixtures that are whole stories (the mistakes are laid over the lake)."""


def _printed(story: Path) -> list[str]:
    """Every line `check` and `test` print for `story`, run from its folder as a writer
    would (`python -m game check story`)."""
    lines = []
    for command in ("check", "test"):
        _code, out, err = run(command, story.name, cwd=story.parent)
        lines += (out + err).splitlines()
    return lines


def _assert_short(lines: list[str]) -> None:
    long = [line for line in lines if len(line) > LINE_LIMIT]
    assert not long, f"{len(long)} lines over {LINE_LIMIT} characters, such as:\n{long[0]}"


@pytest.mark.parametrize("case", sorted(p.name for p in MISTAKES.iterdir() if p.is_dir()))
def test_no_line_is_too_long_for_any_mistake(tmp_path, case):
    _assert_short(_printed(copy_story(LAKE, tmp_path / "story", MISTAKES / case)))


@pytest.mark.parametrize("source", STORIES, ids=lambda p: p.name)
def test_no_line_is_too_long_for_any_writers_story(tmp_path, source):
    _assert_short(_printed(copy_story(source, tmp_path / "story")))


# -- the shipped story, broken ------------------------------------------------------


def _edit(name: str, old: str, new: str, count: int = -1) -> Callable[[Path], None]:
    """Replace `old` (a regular expression) in story file `name`; it must be there."""

    def edit(story: Path) -> None:
        path = story / name
        text = path.read_text(encoding="utf-8")
        changed, found = re.subn(old, new, text, count=0 if count < 0 else count, flags=re.M)
        assert found, f"{name} no longer has {old!r}: choose another break"
        path.write_text(changed, encoding="utf-8")

    return edit


def _lake_linked_early(story: Path) -> None:
    """The tutorial's chapter, linked in from the river's first choice (the teamwork rule)."""
    shutil.copyfile(LAKE / "07-lake.toml", story / "07-lake.toml")
    _edit("04-river.toml", r'^goto = "[^"]*"', 'goto = "lake"', count=1)(story)


def _long_names(story: Path) -> None:
    """Ids and names as long as a writer may make them, in a broken story."""
    _edit("04-river.toml", r'^recruit = "june"\n', "")(story)
    _edit("03-forest.toml", r'^goto = "[^"]*"', f'goto = "{"a_very_long_scene_id_" * 12}"', 1)(
        story
    )


BREAKS = {
    # June leaves at the river and nobody recruits her again: a softlock at the leave,
    # with the way from the very start of the story.
    "june_never_comes_back": _edit("04-river.toml", r'^recruit = "june"\n', ""),
    # June never joins: choices chapters later need her.
    "june_never_joins": _edit("03-forest.toml", r'^recruit = "june"\n', ""),
    # A chapter with no help in it: the teamwork rule's way through.
    "school_without_help": _edit("02-school.toml", r"^help = .*\n", ""),
    # Flags tested and never set: softlocks and warnings all over the chapter.
    "forest_sets_nothing": _edit("03-forest.toml", r"^set = .*\n", ""),
    # Counters compared and never added to: texts never shown, choices never picked.
    "home_adds_nothing": _edit("06-home.toml", r"^add = .*\n", ""),
    # The first choices' texts edited: every whole-game playtest fails with its way so far.
    "village_choices_edited": _edit("01-village.toml", r'^text = "([^"]+)"', r'text = "\1 now"'),
    # A text left open at the end of the last chapter.
    "text_left_open": _edit("06-home.toml", r"\Z", '\n[scenes.extra]\ntext = """\nOops.\n'),
    "lake_linked_early": _lake_linked_early,
    "long_names": _long_names,
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_no_line_is_too_long_for_the_shipped_story_broken(tmp_path, case):
    if not shipped_story_written():
        pytest.skip("the shipped story has no chapters yet")
    story = copy_story(SHIPPED, tmp_path / "story")
    BREAKS[case](story)
    printed = _printed(story)
    assert any(": error: " in line or ": warning: " in line for line in printed), printed[:40]
    _assert_short(printed)


# -- folding -----------------------------------------------------------------------


def test_a_long_message_is_folded_where_it_turns_to_what_to_change():
    problem = Problem(
        "story/07-lake.toml",
        68,
        "error",
        "scene 'thanks', choice 1: softlock: counter 'courage' is compared but never added to, "
        "so the hero is stuck here: write add = { courage = 1 } on an earlier choice, or "
        "change this if",
        ("the way there:",),
    )
    assert problem.format().splitlines() == [
        "story/07-lake.toml:68: error: scene 'thanks', choice 1: softlock: counter 'courage' is "
        "compared but never added to, so the hero is stuck here:",
        "    write add = { courage = 1 } on an earlier choice, or change this if",
        "    the way there:",
    ]


def test_a_short_message_stays_one_line():
    line = "story/07-lake.toml:3: error: " + "x" * (LINE_LIMIT - 29)
    assert len(line) == LINE_LIMIT
    assert fold(line) == [line]


def test_a_did_you_mean_is_not_cut_in_two():
    line = "f.toml:1: error: " + "word " * 30 + "(did you mean: 'the first; the second, and so on')"
    folded = fold(line)
    assert folded[-1].strip().startswith("(did you mean")


@pytest.mark.parametrize(
    "line",
    [
        "x" * 1000,
        "(" * 500,
        ": " * 400,
        "a; " * 300,
        "word " * 300,
        "story/x.toml:1: error: " + "'" + "é" * 700 + "'",
        "(" + "a b " * 200 + ")",
    ],
    ids=["one word", "brackets", "colons", "semicolons", "words", "a long id", "all in brackets"],
)
def test_any_line_folds_within_the_limit_and_keeps_every_character(line):
    folded = fold(line)
    assert all(len(part) <= LINE_LIMIT for part in folded)
    assert all(part.startswith("    ") for part in folded[1:])
    assert "".join(part.strip() for part in folded).replace(" ", "") == line.replace(" ", "")


def test_a_long_note_folds_deeper_than_the_notes():
    problem = Problem("f.toml", 1, "error", "softlock", ("  " + "word " * 60,))
    first, *rest = problem.format().splitlines()[1:]
    assert first.startswith("      word")
    assert rest and all(r.startswith("        word") for r in rest)


# -- what a writer sees first, and how much ------------------------------------------


def test_errors_print_before_warnings_from_an_earlier_chapter(tmp_path):
    """A warning in the river (04) and an error in the lake (07): "fix the first error
    first" means the first line printed."""
    story = copy_story(LAKE, tmp_path / "story", MISTAKES / "goto_nowhere")
    _edit(
        "04-river.toml",
        r"^(\[scenes\.bank\]\n)",
        r"\1art = '''\n" + "~" * 70 + r"\n'''\n",
    )(story)
    code, out, _ = run("check", "story", cwd=tmp_path)
    kinds = [
        ("error" if ": error: " in line else "warning", line.split(":")[0])
        for line in out.splitlines()
        if ": error: " in line or ": warning: " in line
    ]
    assert code == 1
    assert kinds == [("error", "story/07-lake.toml"), ("warning", "story/04-river.toml")], out


def _long_chapter(tmp_path: Path, steps: int) -> Path:
    """The lake story with a chapter of `steps` choices in a row and no help in it, between
    the river and the lake: the teamwork rule's way through is `steps` choices long."""
    story = copy_story(LAKE, tmp_path / "story")
    scenes = []
    for i in range(steps):
        scenes.append(
            f'[scenes.s{i}]\ntext = "Stone {i}."\n\n[[scenes.s{i}.choices]]\n'
            f'text = "Step on to stone number {i + 1}, carefully"\n'
            f'goto = "{f"s{i + 1}" if i + 1 < steps else "lake"}"\n'
        )
    (story / "06-stones.toml").write_text(
        '[chapter]\nid = "stones"\ntitle = "Stones"\nstart = "s0"\n\n' + "\n".join(scenes)
    )
    _edit("04-river.toml", r'^goto = "lake"', 'goto = "stones:s0"')(story)
    return story


def test_a_60_choice_way_through_fits_one_screen(tmp_path, monkeypatch):
    """Piped, and on an 80x24 terminal (where the message folds to four lines), the whole
    report fits 23 rows: the 24th is the prompt the writer types at next."""
    from game.cli import main

    _long_chapter(tmp_path, 60)
    code, out, _ = run("check", "story", cwd=tmp_path)
    printed = out.splitlines()
    assert code == 1
    assert "teamwork rule: chapter 'stones'" in printed[0]
    assert any("more choices) ..." in line for line in printed), out
    assert len(printed) <= 23, out
    assert max(map(len, printed)) <= LINE_LIMIT
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    screen = _Terminal()
    with contextlib.redirect_stdout(screen):
        main(["check", "story"])
    shown = screen.getvalue().splitlines()
    assert len(shown) <= 23 and max(map(len, shown)) < 80, shown


def test_test_says_first_that_the_story_fails_check_then_runs_the_playtests(tmp_path):
    story = _long_chapter(tmp_path, 3)
    (story / "playtests").mkdir()
    (story / "playtests" / "river.toml").write_text(
        '[[playtest]]\nname = "Over the river"\nstart = "river:far_bank"\n'
        'choose = ["Start up the mountain, together"]\nexpect = { scene = "stones:s0" }\n'
    )
    code, out, _ = run("test", "story", cwd=tmp_path)
    printed = out.splitlines()
    said = printed.index(
        "story: the story does not pass check (1 error above): the playtests run anyway, "
        "but fix it first"
    )
    assert code == 1
    assert "teamwork rule" in printed[0] and said < printed.index(
        "passed: river.toml: Over the river"
    )


def test_a_failures_long_list_is_shortened_in_the_middle():
    from game.engine.playtest import LIST_SHOWN, middle_shortened

    lines = [f"  line {i}" for i in range(40)]
    shown = middle_shortened(lines, LIST_SHOWN, "  ")
    assert len(shown) == LIST_SHOWN
    assert shown[0] == "  line 0" and shown[-1] == "  line 39"
    assert f"  ... ({40 - LIST_SHOWN + 1} more) ..." in shown
    assert middle_shortened(lines[:LIST_SHOWN], LIST_SHOWN) == lines[:LIST_SHOWN]


@settings(max_examples=300, deadline=None)
@given(
    message=st.lists(
        st.sampled_from([*"ab(): ;,'\"é\t\x1b[", "word ", "(did you mean 'x'?)"]), max_size=500
    ).map("".join),
    notes=st.lists(st.text(alphabet=st.sampled_from(list("ab ():;,")), max_size=400), max_size=3),
)
def test_no_problem_ever_prints_a_line_over_the_limit(message, notes):
    problem = Problem("story/07-lake.toml", 12, "error", message, tuple(notes))
    printed = problem.format().splitlines()
    assert all(len(line) <= LINE_LIMIT for line in printed)
    assert len(printed) >= 1 + len(notes)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", ["check", "test"])
def test_on_a_terminal_a_message_folds_between_words_to_its_width(tmp_path, monkeypatch, command):
    """On an 80-column terminal no line is wider than the terminal, so no word is cut in two
    by it; each message still starts with its file and line. Piped, lines stay whole."""
    from game.cli import main

    copy_story(LAKE, tmp_path / "story", MISTAKES / "softlock_leave")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    screen = _Terminal()
    with contextlib.redirect_stdout(screen):
        main([command, "story"])
    printed = screen.getvalue().splitlines()
    assert max(map(len, printed)) < 80, printed
    head = next(line for line in printed if ": error: " in line)
    assert head.startswith("story/07-lake.toml:68: error: scene 'thanks', choice 1: softlock:")
    words = " ".join(line.strip() for line in printed)
    assert 'remove leave = "june", or recruit June again later' in words
    _code, piped, _ = run(command, "story", cwd=tmp_path)
    assert max(map(len, piped.splitlines())) > 80
