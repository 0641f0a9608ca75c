"""The story so far tells what the family saw at each visit (format 2's `when`): the scene's
first words, the `when` text that held *then* (replayed along the trail), each choice and
its reply; the same in `--plain` as in the full-screen game, after going back and after
loading a save."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game.cli import main as cli
from game.engine.loader import load_story
from game.engine.rules import apply_choice, available_choices, go_back, new_game, shown_along
from game.engine.saves import SaveStore
from game.plain import story_so_far_lines

GARDEN = Path(__file__).parent / "fixtures" / "story_so_far"
"""A gate with a `when` that holds only on the second visit and one only while Tam is there."""

GATE = "A tall gate blocks the garden, Robin."
STILL_SHUT = "The gate is still shut."
KNUCKLES = 'Tam cracks his knuckles. "Gates are my thing."'


def garden():
    result = load_story(GARDEN)
    assert result.ok, [p.format() for p in result.problems.items]
    return result.story


def walk(story, *starts: str):
    """A new game, then the choices whose text begins with each of `starts`."""
    state = new_game(story, "Robin")
    for start in starts:
        (choice,) = [c for c in available_choices(story, state) if c.text.startswith(start)]
        state = apply_choice(story, state, choice).state
    return state


KNOCK_FIRST = [
    "== The Garden Gate ==",
    f"  {GATE}",
    "    -> Knock on the gate",
    "      Nobody answers.",
    "  You wait. Nothing happens.",
    "    -> Go back to the gate",
    f"  {GATE}",
    f"  {STILL_SHUT}",  # the second visit
    "    -> Help Tam with his heavy bag",
    "      Tam grins.",
    f"  Now: {GATE}",
    f"  {KNUCKLES}",  # Tam is here now; the second visit is over
]

HELP_FIRST = [
    "== The Garden Gate ==",
    f"  {GATE}",
    "    -> Help Tam with his heavy bag",
    "      Tam grins.",
    f"  {STILL_SHUT}",  # stayed: the scene's opening is not repeated, its new text is
    f"  {KNUCKLES}",
    "    -> Knock on the gate",
    "      Nobody answers.",
    "  You wait. Nothing happens.",
    "    -> Go back to the gate",
    f"  Now: {GATE}",
    f"  {KNUCKLES}",  # still with Tam, and no longer the second visit
]


def test_when_text_is_told_at_the_visit_it_was_shown():
    story = garden()
    state = walk(story, "Knock", "Go back", "Help")
    assert story_so_far_lines(story, state) == KNOCK_FIRST


def test_when_text_shown_on_a_stay_is_told_once_and_only_what_was_new():
    story = garden()
    state = walk(story, "Help", "Knock", "Go back")
    assert story_so_far_lines(story, state) == HELP_FIRST


def test_when_text_already_told_is_not_repeated_while_the_hero_stays():
    story = garden()
    state = walk(story, "Help", "Wait", "Wait")
    assert story_so_far_lines(story, state) == [
        *HELP_FIRST[:6],
        "    -> Wait a little",
        "    -> Wait a little",  # Tam's line is still there: told once above
        f"  Now: {GATE}",
        f"  {KNUCKLES}",
    ]


def test_shown_along_has_one_list_per_step_and_one_for_now():
    story = garden()
    state = walk(story, "Knock", "Go back", "Help")
    texts = [[block.text.split(".")[0] for block in shown] for shown in shown_along(story, state)]
    assert texts == [[], [], ["The gate is still shut"], ["{tam} cracks his knuckles"]]


def test_going_back_and_loading_a_save_tell_the_same(tmp_path):
    story = garden()
    state = walk(story, "Help", "Knock", "Go back", "Ask")
    back = go_back(story, state)
    assert back is not None
    assert story_so_far_lines(story, back) == HELP_FIRST
    store = SaveStore(tmp_path)
    path = store.create(story, back)
    assert story_so_far_lines(story, store.load(path, story).state) == HELP_FIRST


def test_a_trail_the_edited_story_no_longer_allows_is_still_told(tmp_path):
    """A writer put the bag behind a flag nothing sets: the replay goes on without the
    bag's effects (Tam did not join), with no traceback; now is told as it is."""
    story = garden()
    state = walk(story, "Help", "Knock", "Go back")
    edited = tmp_path / "garden"
    edited.mkdir()
    (edited / "story.toml").write_bytes((GARDEN / "story.toml").read_bytes())
    chapter = (GARDEN / "01-garden.toml").read_text()
    (edited / "01-garden.toml").write_text(chapter.replace("once = true\n", 'if = "sunny"\n'))
    result = load_story(edited)
    assert result.ok, [p.format() for p in result.problems.items]
    not_guessed = f"  {STILL_SHUT}"  # without Tam's line: the bag no longer replays
    shown = story_so_far_lines(result.story, state)
    assert shown == [*HELP_FIRST[:4], not_guessed, *HELP_FIRST[6:]]


@pytest.fixture
def plain(tmp_path, monkeypatch, capsys):
    def run(*typed: str) -> str:
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{t}\n" for t in typed)))
        cli(["--plain", "--story", str(GARDEN), "--saves", str(tmp_path / "saves")])
        return capsys.readouterr().out

    return run


def test_plain_s_tells_the_same_story_so_far(plain):
    out = plain("1", "1", "2", "s")  # knock, go back, help Tam, the story so far
    told = out[out.index("The story so far:") :].splitlines()
    assert told[1 : 1 + len(KNOCK_FIRST)] == KNOCK_FIRST
    out = plain("2", "1", "1", "s")  # help Tam, knock, go back (a new game)
    told = out[out.rindex("The story so far:") :].splitlines()
    assert told[1 : 1 + len(HELP_FIRST)] == HELP_FIRST
