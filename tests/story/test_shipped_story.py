"""The shipped story is the product a family meets: big enough, easy enough to read, sound
(`check` passes with no warnings), and every ending played by a playtest."""

from __future__ import annotations

import re
from functools import cache

import pytest

from game.engine.checker import check_story
from game.engine.model import Story
from game.engine.playtest import run_playtests
from game.locations import CHECKOUT

STORY = CHECKOUT / "story"


@cache
def report():
    return check_story(STORY)


@cache
def story() -> Story:
    assert report().story is not None
    return report().story


def scene_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z']+", text))


def test_check_passes_with_no_errors_and_no_warnings():
    problems = [p.format() for p in report().problems]
    assert problems == []
    assert report().exploration is not None and report().exploration.complete


def test_story_is_big_enough():
    chapters = story().chapters
    scenes = list(story().scenes())
    words = sum(scene_words(s.text) for s in scenes)
    assert len(chapters) >= 5
    assert len(scenes) >= 120
    assert words >= 15_000


def test_every_companion_has_a_gift_and_a_portrait():
    companions = story().companions
    assert len(companions) >= 4
    for companion in companions.values():
        assert companion.gift.strip()
        assert companion.portrait.strip()
        assert companion.about.strip()


def test_help_goes_both_ways_with_every_companion():
    """Each companion both helps the hero and is helped by the hero somewhere."""
    received, given = set(), set()
    for scene in story().scenes():
        for choice in scene.choices:
            received.update(choice.help_received)
            given.update(choice.help_given)
    assert set(story().companions) <= received
    assert set(story().companions) <= given


def test_every_chapter_has_talk_questions():
    for chapter in story().chapters.values():
        assert len(chapter.talk) >= 2, chapter.id
        assert all("?" in q for q in chapter.talk), chapter.id


def test_there_are_at_least_three_endings_and_some_art():
    endings = {s.ending for s in story().scenes() if s.ending}
    assert len(endings) >= 3
    assert sum(1 for s in story().scenes() if s.art) >= 3


def test_every_chapter_offers_trying_alone():
    """Somewhere in each chapter the hero can try alone (a choice with 'alone', 'yourself'
    or 'by myself'), and it never ends the story."""
    pattern = re.compile(r"\balone\b|yourself|by myself|on my own|on your own", re.I)
    for chapter in story().chapters.values():
        alone = [c for s in chapter.scenes.values() for c in s.choices if pattern.search(c.text)]
        assert alone, f"chapter {chapter.id} has no try-alone choice"
        for choice in alone:
            assert story().scene(choice.target).ending is None


def test_reading_level_is_for_ages_7_to_11():
    textstat = pytest.importorskip("textstat")
    text = "\n\n".join(s.text for s in story().scenes())
    assert textstat.flesch_kincaid_grade(text) <= 5


def test_original_names_only():
    """No names or places borrowed from the famous books the story echoes."""
    borrowed = [
        "Harry",
        "Hermione",
        "Ron Weasley",
        "Hogwarts",
        "Frodo",
        "Samwise",
        "Gandalf",
        "Mordor",
        "Shire",
        "Dumbledore",
        "Gollum",
        "Bilbo",
        "Hobbit",
        "Muggle",
    ]
    text = " ".join(s.text for s in story().scenes())
    for name in borrowed:
        assert not re.search(rf"\b{name}\b", text), name


def test_playtests_pass_and_reach_every_ending():
    played = run_playtests(STORY)
    assert played.ok, [r.problem.format() for r in played.failed] + [
        p.format() for p in played.file_problems
    ]
    reached = {run.playtest.expect.ending for run in played.runs if run.playtest.expect.ending}
    endings = {s.ending for s in story().scenes() if s.ending}
    assert reached == endings
