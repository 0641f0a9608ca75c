"""The words the screens use: warm words, chapter summaries, who helped whom, the trail."""

from __future__ import annotations

from ui_helpers import GOOD, load

from game import recap, warm_words
from game.engine.rules import apply_choice, available_choices, new_game
from game.engine.text import render_line
from game.warm_words import Said, facts, is_sharing, together, warm_word


def play(story, state, *texts):
    """Pick choices by their text; the outcomes."""
    outcomes = []
    for text in texts:
        names = story.names(state.hero)
        choice = next(
            c
            for c in available_choices(story, state)
            if render_line(c.text, names).startswith(text)
        )
        outcome = apply_choice(story, state, choice)
        outcomes.append(outcome)
        state = outcome.state
    return state, outcomes


def test_every_moment_has_several_phrasings():
    for phrasings in (
        warm_words.ACCEPTING,
        warm_words.GIVING,
        warm_words.SHARING,
        warm_words.TALKING,
    ):
        assert len(set(phrasings)) >= 3


def test_warm_words_vary_from_turn_to_turn():
    story = load(GOOD)
    _, (outcome,) = play(story, new_game(story, "Robin"), "Help Wren")
    names = story.names("Robin")
    first = warm_word(outcome, "village", [], names)[0]
    assert first == "You helped Wren. That was kind."
    assert facts(outcome, names) == ["Wren joins your team."]
    lines = set()
    for praised in range(6):  # after that many warm words in earlier chapters
        before = [Said("earlier", f"p{n}", f"m{n}") for n in range(praised)]
        lines.add(warm_word(outcome, "village", [*before, Said("x"), Said("x")], names)[0])
    assert len(lines) >= 3


def test_accepting_help_is_named():
    story = load(GOOD)
    _, outcomes = play(story, new_game(story, "Robin"), "Help Wren", "Ask Wren")
    line = warm_word(outcomes[-1], "village", [], story.names("Robin"))[0]
    assert line is not None and "Wren" in line


def test_sharing_is_noticed_by_the_words_only():
    story = load(GOOD)
    choice = story.scene("village:square").choices[0]

    def like(**changes):
        return choice.__class__(**{**choice.__dict__, **changes})

    assert not is_sharing(choice)
    for text in (
        'Say, "I feel scared too."',
        "Say \u201cI\u2019m sorry\u201d",
        "Tell her: I miss home",
    ):
        assert is_sharing(like(text=text)), text
    # ids and flags name jobs, not feelings (a playtest: "Share out the jobs")
    assert not is_sharing(like(id="share", text="Share out the jobs"))
    assert not is_sharing(like(id="launch_shared", text="Push Bess into the river!"))
    assert not is_sharing(like(set=("forest_shared",)))


def test_accepting_help_reads_right_with_many_helpers():
    for phrasing in warm_words.ACCEPTING:
        line = phrasing.replace("{name}", together(["Wren", "Tam", "June", "Bram"]))
        assert "both" not in line, line
        assert "Wren, Tam, June and Bram" in line, line  # specific: it names them
        assert "ask" in line.lower(), line  # it praises the asking, not how it turned out


def test_names_are_joined_the_way_people_say_them():
    assert together(["Wren"]) == "Wren"
    assert together(["Wren", "Tam"]) == "Wren and Tam"
    assert together(["Wren", "Tam", "June"]) == "Wren, Tam and June"


def test_chapter_summary_says_who_joined_and_who_helped():
    story = load(GOOD)
    state, _ = play(story, new_game(story, "Robin"), "Help Wren", "Ask Wren", "Go to the forest")
    assert recap.chapter_summary(story, state, "village") == [
        "Wren joined your team.",
        "You let Wren help you and you helped Wren.",
    ]


def test_who_helped_whom_and_the_totals():
    story = load(GOOD)
    state, _ = play(
        story,
        new_game(story, "Robin"),
        "Help Wren",
        "Ask Wren",
        "Go to the forest",
        "Sit with Tam",
        "Ask Tam",
    )
    words = [line.words() for line in recap.who_helped_whom(story, state)]
    assert words == [
        "Wren helped you once and you helped Wren once.",
        "Tam helped you once and you helped Tam once.",
    ]
    assert recap.help_totals(state) == "You accepted help twice and you gave help twice."


def test_the_story_so_far_groups_a_scene_and_ends_where_we_are():
    story = load(GOOD)
    state, _ = play(story, new_game(story, "Robin"), "Help Wren", "Ask Wren")
    entries = recap.story_so_far(story, state)
    assert entries[0].chapter == "The Silent Bell"
    assert entries[1].scene.startswith("The bell has not rung") and entries[1].choice
    assert entries[2].scene == ""  # the same scene again: not repeated
    assert entries[-1].choice == "" and entries[-1].scene.startswith("From the tower")


def test_a_help_line_that_starts_with_you_starts_with_a_capital():
    """'you helped Bram once.' read as a line of its own looked like a typo to a family."""
    line = recap.HelpLine("bram", "Bram", "B", help_received=0, help_given=1)
    assert line.words() == "You helped Bram once."
