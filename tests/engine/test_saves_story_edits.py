"""A save made before the story was edited still loads: a renamed scene is followed,
a removed one resumes at its chapter's start, saying so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.rules import apply_choice, available_choices, find_choice, go_back, new_game
from game.engine.saves import SaveStore

GOOD = Path(__file__).parent.parent / "fixtures" / "good"


def edited(tmp_path: Path, name: str, **edits: list[tuple[str, str]]):
    """A copy of the good story with `file=[(old, new), ...]` replacements, loaded."""
    root = tmp_path / name
    shutil.copytree(GOOD, root)
    for file, replacements in edits.items():
        path = root / f"{file}.toml"
        text = path.read_text()
        for old, new in replacements:
            assert old in text, f"{old!r} not in {path.name}"
            text = text.replace(old, new)
        path.write_text(text)
    result = load_story(root)
    assert result.story is not None and not result.problems.errors, [
        p.format() for p in result.problems.errors
    ]
    return result.story


def pick(story, state, text: str):
    for choice in available_choices(story, state):
        if choice.text.startswith(text):
            return apply_choice(story, state, choice).state
    raise AssertionError(
        f"no choice {text!r} in {[c.text for c in available_choices(story, state)]}"
    )


@pytest.fixture
def store(tmp_path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def in_the_forest(story):
    state = new_game(story, "Robin")
    for text in ("Help Wren", "Ask", "Go to the forest", "Sit with Tam"):
        state = pick(story, state, text)
    return state


def test_text_edits_never_disturb_a_save(tmp_path, store):
    story = load_story(GOOD).story
    state = in_the_forest(story)
    path = store.create(story, state)
    changed = edited(
        tmp_path,
        "text",
        **{
            "01-village": [("The bell has not rung", "The old bell has not rung")],
            "02-forest": [("Tam is sitting on a log.", "Tam sits on a mossy log, sighing.")],
        },
    )
    resumed = store.load(path, changed)
    assert resumed.notice is None
    assert resumed.state.scene == state.scene
    assert resumed.state.trail == state.trail


def test_a_renamed_scene_resumes_at_its_new_name(tmp_path, store):
    story = load_story(GOOD).story
    state = pick(story, new_game(story, "Robin"), "Pull the rope")
    assert state.scene == "village:rope_alone"
    path = store.create(story, state)
    changed = edited(
        tmp_path,
        "renamed",
        story=[
            (
                "[companions.wren]",
                '[renamed]\n"village:rope_alone" = "village:rope"\n\n[companions.wren]',
            )
        ],
        **{"01-village": [("rope_alone", "rope")]},
    )
    resumed = store.load(path, changed)
    assert resumed.state.scene == "village:rope"
    assert resumed.notice is None
    (info,) = store.list(changed)
    assert info.where.startswith("The Silent Bell: The rope is too heavy.")
    back = go_back(changed, resumed.state)
    assert back.scene == "village:square" and back.trail == ()


def test_a_removed_scene_resumes_at_its_chapters_start_keeping_everything(tmp_path, store):
    story = load_story(GOOD).story
    state = in_the_forest(story)
    state = state.evolve(scene="forest:home")
    path = store.create(story, state)
    changed = edited(
        tmp_path,
        "removed",
        **{
            "02-forest": [
                ('goto = "home"', 'goto = "end"'),
                ("[scenes.home]", "[scenes.gone]"),
                ("[[scenes.home.choices]]", "[[scenes.gone.choices]]"),
            ]
        },
    )
    resumed = store.load(path, changed)
    assert resumed.state.scene == "forest:path"
    assert resumed.notice == "The story changed: you are back at the start of chapter “The Forest”."
    for kept in ("party", "flags", "counters", "used_once", "trail", "hero"):
        assert getattr(resumed.state, kept) == getattr(state, kept), kept
    (info,) = store.list(changed)
    assert info.loadable and info.where == "The Forest (the scene 'home' is gone)"


def test_a_removed_chapter_resumes_at_the_story_start_keeping_everything(tmp_path, store):
    story = load_story(GOOD).story
    state = in_the_forest(story)
    path = store.create(story, state)
    root = tmp_path / "no-forest"
    shutil.copytree(GOOD, root)
    (root / "02-forest.toml").unlink()
    village = root / "01-village.toml"
    village.write_text(
        village.read_text().replace(
            'text = "From the tower you see the forest."',
            'text = "From the tower you see the forest."\nending = "The Tower"',
        )
    )
    changed = load_story(root).story
    assert "forest" not in changed.chapters
    resumed = store.load(path, changed)
    assert resumed.state.scene == "village:square"
    assert resumed.notice == "The story changed: you are back at the start of the story."
    assert resumed.state.party == ("wren", "tam")
    assert resumed.state.flags == state.flags
    assert resumed.state.counters == state.counters
    # the used `once` choice stays used: Wren's books are not offered again
    assert [c.text for c in available_choices(changed, resumed.state)] == [
        "Pull the rope by yourself",
        "Ask {wren} to help you climb the tower",
    ]


def test_a_companion_gone_from_the_story_leaves_the_party(tmp_path, store):
    story = load_story(GOOD).story
    state = in_the_forest(story)
    path = store.create(story, state)
    state_with_ghost = state.evolve(party=(*state.party, "ghost"))
    store.write(path, story, state_with_ghost)
    resumed = store.load(path, story)
    assert resumed.state.party == state.party
    assert resumed.notice == "ghost is no longer in the story and left the party."


def test_a_reordered_choice_with_an_id_is_still_the_used_once_choice(tmp_path, store):
    story = load_story(GOOD).story
    state = pick(story, new_game(story, "Robin"), "Help Wren")
    assert state.used_once == {"village:square:books"}
    path = store.create(story, state)
    changed = edited(tmp_path, "reordered-id", **{"01-village": [_move_books_first()]})
    assert changed.chapters["village"].scenes["square"].choices[0].id == "books"
    resumed = store.load(path, changed)
    assert resumed.state == state
    assert "Help Wren pick up her spilled books" not in [
        c.text for c in available_choices(changed, resumed.state)
    ]
    assert go_back(changed, resumed.state) == new_game(changed, "Robin")


def test_a_reordered_choice_without_an_id_is_found_by_its_text(tmp_path, store):
    base = edited(tmp_path, "no-id", **{"01-village": [('id = "books"\n', "")]})
    state = pick(base, new_game(base, "Robin"), "Help Wren")
    assert state.used_once == {"village:square:#3"}
    assert state.trail[0].choice == "#3"
    path = store.create(base, state)
    changed = edited(
        tmp_path, "no-id-reordered", **{"01-village": [_move_books_first(), ('id = "books"\n', "")]}
    )
    books = changed.chapters["village"].scenes["square"].choices[0]
    assert books.text.startswith("Help Wren") and books.key == "#1"
    resumed = store.load(path, changed)
    assert resumed.state.used_once == {"village:square:#1"}
    assert resumed.state.trail[0].choice == "#1"
    offered = [c.text for c in available_choices(changed, resumed.state)]
    assert offered == ["Pull the rope by yourself", "Ask {wren} to help you climb the tower"]
    assert go_back(changed, resumed.state) == new_game(changed, "Robin")


def test_a_choice_that_gained_an_id_is_found_by_its_text(tmp_path, store):
    base = edited(tmp_path, "no-id", **{"01-village": [('id = "books"\n', "")]})
    state = pick(base, new_game(base, "Robin"), "Help Wren")
    path = store.create(base, state)
    story = load_story(GOOD).story
    resumed = store.load(path, story)
    assert resumed.state.used_once == {"village:square:books"}
    assert find_choice(story.scene("village:square"), resumed.state.trail[0].choice).id == "books"


def _move_books_first() -> tuple[str, str]:
    """Move the third choice of the square (Wren's books) to the first place."""
    text = (GOOD / "01-village.toml").read_text()
    start = text.index("[[scenes.square.choices]]")
    books = text.index('[[scenes.square.choices]]\nid = "books"')
    end = text.index("[scenes.rope_alone]")
    first_two, third = text[start:books], text[books:end]
    return first_two + third, third.rstrip("\n") + "\n\n" + first_two
