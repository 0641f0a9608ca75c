"""The rules for warm words (game/warm_words.py), over whole playthroughs of the shipped story: a
handful a chapter, never twice in a row, never after a misstep, never the same phrasing
twice in a chapter, and specific (they name the friend)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.model import Choice, Story
from game.engine.saves import SaveStore
from game.session import Playthrough
from game.warm_words import (
    ACCEPTING,
    APART,
    GIVING,
    PER_CHAPTER,
    SHARING,
    Said,
    addressed,
    warm_word,
)

STORY = Path(__file__).parent.parent / "story"

Policy = Callable[[Playthrough, list[Choice], set[tuple[str, str]]], Choice]


def curious(game: Playthrough, choices: list[Choice], taken: set[tuple[str, str]]) -> Choice:
    """A child who tries what they have not tried yet here, in the order shown."""
    fresh = [c for c in choices if (game.state.scene, c.key) not in taken]
    return (fresh or choices)[0]


def asks_first(game: Playthrough, choices: list[Choice], taken: set[tuple[str, str]]) -> Choice:
    """A family that asks for help whenever it can, and otherwise tries something new."""
    fresh = [c for c in choices if (game.state.scene, c.key) not in taken] or choices
    helping = [c for c in fresh if c.help_received or c.help_given]
    return (helping or fresh)[0]


def wanderer(seed: int) -> Policy:
    """A child who picks at random."""
    pick = random.Random(seed)

    def choose(game: Playthrough, choices: list[Choice], taken: set[tuple[str, str]]) -> Choice:
        fresh = [c for c in choices if (game.state.scene, c.key) not in taken]
        return pick.choice(fresh if fresh and pick.random() < 0.8 else choices)

    return choose


POLICIES = {
    "curious": curious,
    "asks-first": asks_first,
    **{f"wanderer-{seed}": wanderer(seed) for seed in range(4)},
}


@pytest.fixture(scope="module")
def story() -> Story:
    result = load_story(STORY)
    assert result.ok
    return result.story


def play_through(story: Story, store: SaveStore, policy: Policy, limit: int = 600):
    """Play to an ending (or `limit` choices): each step's (chapter, choice, warm words)."""
    game = Playthrough.new(story, store)
    steps = []
    taken: set[tuple[str, str]] = set()
    while game.ending is None and len(steps) < limit:
        choices = game.available
        if not choices:
            break
        choice = policy(game, choices, taken)
        taken.add((game.state.scene, choice.key))
        chapter = game.state.chapter
        move = game.choose(choice, save=False)
        steps.append((chapter, choice, move.warm))
    game.release()
    return steps


def chapter_runs(steps):
    """The steps split where the chapter changes: [(chapter, steps)]."""
    runs: list[tuple[str, list]] = []
    for step in steps:
        if not runs or runs[-1][0] != step[0]:
            runs.append((step[0], []))
        runs[-1][1].append(step)
    return runs


@pytest.mark.parametrize("policy", POLICIES)
def test_warm_words_follow_the_rules_over_a_whole_playthrough(story, tmp_path, policy):
    steps = play_through(story, SaveStore(tmp_path), POLICIES[policy])
    assert len(steps) > 20
    praised = [i for i, (_, _, warm) in enumerate(steps) if warm]
    assert praised, "a whole playthrough hears some warm words"
    for earlier, later in zip(praised, praised[1:], strict=False):
        assert later - earlier >= max(APART, 2), "never twice in a row"
    for _, choice, warm in steps:
        assert len(warm) <= 1
        if choice.misstep:
            assert warm == (), f"praise after a misstep: {choice.text}"
    for chapter, run in chapter_runs(steps):
        lines = [warm[0] for _, _, warm in run if warm]
        assert len(lines) <= min(PER_CHAPTER, 5), (chapter, lines)  # a handful
        assert len(set(lines)) == len(lines), (chapter, lines)
    names = [c.name for c in story.companions.values()]
    for _, choice, warm in steps:
        if not warm:
            continue
        if any(warm[0] == line for line in SHARING):
            continue
        assert choice.help_received or choice.help_given, warm
        assert any(name in warm[0] for name in names), warm  # specific: it names the friend
        assert any(
            warm[0].startswith(t.split("{name}")[0]) and warm[0].endswith(t.split("{name}")[1])
            for t in (*ACCEPTING, *GIVING)
        ), warm


def test_a_misstep_in_the_shipped_story_is_never_praised(story, tmp_path):
    """Pick every misstep the story has, from a fresh start at its scene."""
    store = SaveStore(tmp_path)
    missteps = [
        (scene, choice)
        for scene in story.scenes()
        for choice in scene.choices
        if choice.misstep and not choice.needs and not choice.conditions
    ]
    if not missteps:
        pytest.skip("the shipped story marks no missteps yet")
    for scene, choice in missteps:
        game = Playthrough.new(story, store, at=scene.ref, party=tuple(choice.help_received))
        if choice in game.available:
            assert game.choose(choice, save=False).warm == (), choice.text
        game.release()


def test_a_phrasing_said_in_this_chapter_is_not_said_again(tmp_path):
    good = load_story(Path(__file__).parent / "fixtures" / "good").story
    game = Playthrough.new(good, SaveStore(tmp_path))
    (books,) = [c for c in game.available if c.help_given]
    outcome = game.choose(books, save=False).outcome
    names = good.names("Robin")
    quiet = [Said("village"), Said("village")]
    # turn 1 would pick GIVING[1]; it was said earlier in this chapter (to someone else)
    before = [Said("village", GIVING[1], "giving:tam"), *quiet]
    line, said = warm_word(outcome, "village", before, names)
    assert said.phrasing not in (None, GIVING[1])
    # ...but a chapter later it may come back
    line, said = warm_word(outcome, "forest", before, names)
    assert said.phrasing == GIVING[1]
    # the same act with the same friend is praised once a chapter
    before = [Said("village", GIVING[0], "giving:wren"), *quiet]
    assert warm_word(outcome, "village", before, names) == (None, Said("village"))


@pytest.mark.parametrize("phrasing", [*ACCEPTING, *GIVING, *SHARING])
def test_with_two_players_a_warm_word_names_the_player_instead_of_you(phrasing):
    """Said to both players at once, "You asked Wren..." leaves them guessing whose act it
    was: the word names the one who chose, once, and still names the friend."""
    line = addressed(phrasing, "Mia", "Wren")
    assert line.count("Mia") == 1 and "{" not in line
    assert line.startswith("Mia, ") or ", Mia." in line
    assert not line.startswith(("Mia, You", "Mia, Wren")), line
    assert ("Wren" in line) == ("{name}" in phrasing)
    assert line[0].isupper() and line.endswith(".")


def test_a_phrasing_that_begins_with_the_friend_names_the_player_after_it():
    assert addressed("{name} will remember that you helped.", "Dad", "Wren and Tam") == (
        "Wren and Tam will remember that you helped, Dad."
    )
    assert addressed("You helped {name}. That was kind.", "Dad", "Wren") == (
        "Dad, you helped Wren. That was kind."
    )
