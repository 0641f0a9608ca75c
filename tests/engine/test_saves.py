"""Saves: the format, the round trip, and damaged files left exactly as they are."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.loader import load_story
from game.engine.rules import apply_choice, available_choices, go_back, new_game
from game.engine.saves import (
    SAVE_FORMAT,
    SEAL,
    NewerSave,
    SaveError,
    SaveStore,
    decode,
    encode,
    resume,
)
from game.engine.state import GameState

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = load_story(FIXTURES / "good").story
FORMAT_LINE = b"format = %d\n" % SAVE_FORMAT


def play(story, moves, hero="Robin") -> GameState:
    """Random play: each move picks an available choice by number, or (0) goes back."""
    state = new_game(story, hero)
    for move in moves:
        choices = available_choices(story, state)
        if move == 0 or not choices:
            state = go_back(story, state) or state
        else:
            state = apply_choice(story, state, choices[move % len(choices)]).state
    return state


def walk_to_end(story=GOOD) -> GameState:
    return play(story, [1, 1, 1, 1, 1, 1])


def seal(body: bytes) -> bytes:
    """A body sealed as the game seals it, for hand-made saves."""
    return body + SEAL + hashlib.sha256(body).hexdigest().encode() + b"\n"


# --------------------------------------------------------------------------- round trip

moves = st.lists(st.integers(min_value=0, max_value=6), max_size=40)
heroes = st.text(max_size=30) | st.sampled_from(["Robin", "Sam O'Neil", 'Zoë "Z"', "李雷", "🦉"])


@settings(max_examples=200, deadline=None)
@given(moves=moves, hero=heroes)
def test_encode_then_decode_gives_the_same_state(moves, hero):
    state = play(GOOD, moves, hero)
    resumed = resume(GOOD, decode(encode(GOOD, state)))
    assert resumed.state == state
    assert resumed.notice is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves=moves)
def test_save_then_load_gives_the_same_state(moves):
    state = play(GOOD, moves)
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        path = store.create(GOOD, new_game(GOOD, "Robin"))
        store.write(path, GOOD, state)
        assert store.load(path, GOOD).state == state
        assert SaveStore(Path(folder)).load(path, GOOD).state == state


def test_going_back_after_loading_undoes_every_step():
    state = walk_to_end()
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        path = store.create(GOOD, state)
        state = store.load(path, GOOD).state
    steps = 0
    while (previous := go_back(GOOD, state)) is not None:
        state, steps = previous, steps + 1
    assert steps == 6
    assert state == new_game(GOOD, "Robin")


# --------------------------------------------------------------------------- the file


def test_the_save_holds_everything_the_design_names(tmp_path):
    state = walk_to_end()
    path = SaveStore(tmp_path).create(GOOD, state)
    raw = path.read_bytes()
    body = raw[: raw.rindex(SEAL)]
    data = tomli.loads(body.decode())
    assert data["format"] == SAVE_FORMAT
    assert data["story"] == "The Little Bell"
    assert data["hero"] == "Robin"
    assert (data["chapter"], data["scene"]) == ("forest", "end")
    assert data["party"] == ["wren", "tam"]
    assert data["flags"] == ["met_tam"]
    assert data["counters"] == {"courage": 1}
    assert data["help_received"] == {"wren": 1, "tam": 1}
    assert data["help_given"] == {"wren": 1, "tam": 1}
    assert "help" not in data
    assert data["once"] == ["village:square:books"]
    assert data["trail"][0] == "village:square:books"
    assert data["texts"]["village:square:books"] == "Help Wren pick up her spilled books"
    assert len(data["trail"]) == 6
    assert raw.endswith(b"\n") and raw.splitlines()[-1].startswith(SEAL)


def test_each_playthrough_has_its_own_file(tmp_path):
    store = SaveStore(tmp_path)
    first = store.create(GOOD, new_game(GOOD, "Robin"))
    second = store.create(GOOD, new_game(GOOD, "Robin"))
    third = store.create(GOOD, new_game(GOOD, "Zoë & Sam!"))
    assert len({first, second, third}) == 3
    assert third.name.startswith("zo-sam-")
    assert [info.path for info in store.list(GOOD)] == [third, second, first]


def test_writing_keeps_the_previous_version(tmp_path):
    store = SaveStore(tmp_path)
    start = new_game(GOOD, "Robin")
    path = store.create(GOOD, start)
    later = play(GOOD, [3])
    store.write(path, GOOD, later)
    assert store.load(path, GOOD).state == later
    assert store.load(store.backup(path), GOOD).state == start


def test_list_shows_chapter_title_and_first_words(tmp_path):
    store = SaveStore(tmp_path)
    store.create(GOOD, new_game(GOOD, "Sam"))
    (info,) = store.list(GOOD)
    assert info.loadable and info.cannot_load is None
    assert (info.hero, info.chapter, info.scene) == ("Sam", "village", "square")
    assert info.where == "The Silent Bell: The bell has not rung for three days, Sam."
    assert info.saved_at is not None
    (bare,) = store.list()
    assert bare.where == "village:square"


def test_newest_passes_over_damaged_saves(tmp_path):
    store = SaveStore(tmp_path)
    good = store.create(GOOD, new_game(GOOD, "Robin"))
    (tmp_path / "zz.save.toml").write_text("format = 1\n")
    assert store.newest(GOOD).path == good
    assert [i.loadable for i in store.list(GOOD)] == [False, True]


def test_an_empty_or_missing_folder_has_no_saves(tmp_path):
    assert SaveStore(tmp_path / "nowhere").list(GOOD) == []
    assert SaveStore(tmp_path / "nowhere").newest(GOOD) is None
    assert SaveStore(tmp_path).list(GOOD) == []


def test_other_files_in_the_folder_are_not_saves(tmp_path):
    store = SaveStore(tmp_path)
    store.create(GOOD, new_game(GOOD, "Robin"))
    (tmp_path / "settings.toml").write_text('theme = "dark"\n')
    (tmp_path / "notes.txt").write_text("hello")
    assert len(store.list(GOOD)) == 1


def test_delete_removes_the_save_and_its_backup(tmp_path):
    store = SaveStore(tmp_path)
    path = store.create(GOOD, new_game(GOOD, "Robin"))
    store.write(path, GOOD, play(GOOD, [3]))
    store.delete(path)
    assert not path.exists() and not store.backup(path).exists()
    assert store.list(GOOD) == []


def test_stale_temporary_files_of_killed_writers_are_cleaned(tmp_path):
    store = SaveStore(tmp_path)
    path = store.create(GOOD, new_game(GOOD, "Robin"))
    stale = tmp_path / f".{path.name}.99999.tmp"
    stale.write_bytes(b"format = 1\nhero = ")
    stale_backup = tmp_path / f".{path.name}.bak.99999.tmp"
    stale_backup.write_bytes(b"x")
    other = tmp_path / ".not-ours.tmp"
    other.write_bytes(b"x")
    store.list(GOOD)
    assert not stale.exists() and not stale_backup.exists()
    assert other.exists()


def test_a_save_of_another_story_is_not_offered(tmp_path):
    store = SaveStore(tmp_path)
    path = store.create(GOOD, new_game(GOOD, "Robin"))
    text = path.read_bytes().split(SEAL)[0].decode()
    other = tmp_path / "other.save.toml"
    other.write_bytes(
        seal(
            text.replace('story = "The Little Bell"', 'story = "Another Tale"')
            .replace('chapter = "village"', 'chapter = "moon"')
            .encode()
        )
    )
    infos = {i.path.name: i for i in store.list(GOOD)}
    assert infos["other.save.toml"].cannot_load == "it belongs to another story ('Another Tale')"
    with pytest.raises(SaveError, match="another story"):
        store.load(other, GOOD)


def test_a_retitled_story_still_loads_its_saves(tmp_path):
    store = SaveStore(tmp_path)
    path = store.create(GOOD, new_game(GOOD, "Robin"))
    text = path.read_bytes().split(SEAL)[0].decode()
    path.write_bytes(seal(text.replace("The Little Bell", "The Big Bell").encode()))
    assert store.load(path, GOOD).state == new_game(GOOD, "Robin")


# --------------------------------------------------------------------------- damaged saves


def _good_save(folder: Path) -> tuple[SaveStore, Path, bytes]:
    store = SaveStore(folder)
    path = store.create(GOOD, new_game(GOOD, "Robin"))
    store.write(path, GOOD, walk_to_end())
    return store, path, path.read_bytes()


def _body(raw: bytes) -> str:
    return raw[: raw.rindex(SEAL)].decode()


DAMAGE = {
    "empty": (lambda raw: b"", "the file is empty"),
    "blank": (lambda raw: b"\n\n  \n", "the file is empty"),
    "cut at a line, still TOML": (
        lambda raw: b"\n".join(raw.split(b"\n")[:7]) + b"\n",
        "it is cut off: the end of the save is missing",
    ),
    "cut at a line": (
        lambda raw: b"\n".join(raw.split(b"\n")[:12]) + b"\n",
        "it is cut off: the end of the save is missing",
    ),
    "cut mid-line": (lambda raw: raw[: len(raw) // 2], "it is cut off"),
    "seal cut": (lambda raw: raw[:-20], "it was changed or damaged after the game saved it"),
    "binary": (lambda raw: bytes(range(256)) * 4, "the file is not text"),
    "not toml": (lambda raw: b"<html>hello</html>\n", "it is damaged: it cannot be read"),
    "other toml": (lambda raw: b'theme = "dark"\n', "it is not a save of this game"),
    "newer": (
        lambda raw: raw.replace(FORMAT_LINE, b"format = %d\n" % (SAVE_FORMAT + 1), 1),
        f"newer version of the game (save format {SAVE_FORMAT + 1}",
    ),
    "newer, other layout": (
        lambda raw: b"format = 9\n[[save.v9]]\nx = 'y'\n\x00\xff",
        "newer version of the game (save format 9",
    ),
    "wrong type": (
        lambda raw: seal(
            _body(raw).replace('party = [\n    "wren",\n    "tam",\n]', "party = 2").encode()
        ),
        "'party' should be a list of names in quotes, but it is a number",
    ),
    "wrong type, hand-edited": (
        lambda raw: raw.replace(b'hero = "Robin"', b"hero = 7"),
        "'hero' should be text in quotes, but it is a number",
    ),
    "counter not a number": (
        lambda raw: raw.replace(b"courage = 1", b'courage = "lots"'),
        "'counters.courage' should be a whole number, but it is text",
    ),
    "missing key": (
        lambda raw: seal(_body(raw).replace('scene = "end"\n', "").encode()),
        "'scene' is missing",
    ),
    "a flipped letter": (
        lambda raw: raw.replace(b"met_tam", b"met_tan"),
        "it was changed or damaged after the game saved it (its checksum differs)",
    ),
    "deeply nested": (
        lambda raw: b"format = 1\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "it is damaged",
    ),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_save_gets_its_reason_and_is_left_untouched(tmp_path, kind):
    damage, reason = DAMAGE[kind]
    store, path, raw = _good_save(tmp_path)
    bad = damage(raw)
    path.write_bytes(bad)
    (info,) = store.list(GOOD)
    assert not info.loadable
    assert reason in info.cannot_load
    assert store.newest(GOOD) is None
    with pytest.raises(SaveError) as caught:
        store.load(path, GOOD)
    assert reason in str(caught.value)
    with pytest.raises(SaveError):
        store.write(path, GOOD, new_game(GOOD, "Robin"))
    assert path.read_bytes() == bad
    assert store.load(store.backup(path), GOOD).state == new_game(GOOD, "Robin")


def test_a_damaged_save_names_the_kept_previous_version(tmp_path):
    store, path, raw = _good_save(tmp_path)
    path.write_bytes(raw[:100])
    (info,) = store.list(GOOD)
    assert info.cannot_load.endswith(f"the version before it is kept in {path.name}.bak")


def test_a_newer_save_is_refused_as_newer(tmp_path):
    store, path, raw = _good_save(tmp_path)
    newer = raw.replace(FORMAT_LINE, b"format = %d\n" % (SAVE_FORMAT + 2), 1)
    path.write_bytes(newer)
    with pytest.raises(NewerSave, match="update the game"):
        store.load(path, GOOD)
    with pytest.raises(NewerSave):
        store.write(path, GOOD, new_game(GOOD, "Robin"))
    assert path.read_bytes() == newer


def test_a_damaged_save_is_shown_with_what_can_still_be_read(tmp_path):
    store, path, raw = _good_save(tmp_path)
    path.write_bytes(raw[:200])
    (info,) = store.list(GOOD)
    assert (info.hero, info.chapter, info.scene) == ("Robin", "forest", "end")


def test_a_huge_file_is_refused_quickly(tmp_path):
    store = SaveStore(tmp_path)
    path = tmp_path / "huge.save.toml"
    with open(path, "wb") as f:
        f.truncate(9 * 1024 * 1024)
    (info,) = store.list(GOOD)
    assert "too large" in info.cannot_load
    assert path.stat().st_size == 9 * 1024 * 1024


def test_decode_refuses_what_is_not_a_save():
    with pytest.raises(SaveError, match="empty"):
        decode(b"")
    with pytest.raises(SaveError, match="not a save of this game"):
        decode(seal(b"format = true\n"))


# --------------------------------------------------------------------------- older saves

OLD_SAVE = FIXTURES / "saves" / "format1-robin.save.toml"
"""Written by the game before help was spelt `help_received`/`help_given` in saves (format 1:
a `[help]` table with received, given, received_from and given_to)."""


def _played(*texts: str) -> GameState:
    state = new_game(GOOD, "Robin")
    for text in texts:
        (choice,) = [c for c in available_choices(GOOD, state) if c.text == text]
        state = apply_choice(GOOD, state, choice).state
    return state


def test_a_format_1_save_still_loads_with_its_help(tmp_path):
    path = tmp_path / OLD_SAVE.name
    path.write_bytes(OLD_SAVE.read_bytes())
    state = SaveStore(tmp_path).load(path, GOOD).state
    assert state == _played(
        "Help Wren pick up her spilled books",
        "Ask {wren} to help you climb the tower",
        "Go to the forest",
        "Sit with Tam",
    )
    assert (state.help_received(), state.help_received("wren"), state.help_received("tam")) == (
        1,
        1,
        0,
    )
    assert (state.help_given(), state.help_given("wren"), state.help_given("tam")) == (2, 1, 1)


def test_a_format_1_save_is_written_back_in_the_new_format(tmp_path):
    path = tmp_path / OLD_SAVE.name
    path.write_bytes(OLD_SAVE.read_bytes())
    store = SaveStore(tmp_path)
    state = store.load(path, GOOD).state
    store.write(path, GOOD, state)
    data = decode(path.read_bytes())
    assert data["format"] == SAVE_FORMAT
    assert (data["help_received"], data["help_given"]) == ({"wren": 1}, {"tam": 1, "wren": 1})
    assert "help" not in data
    assert SaveStore(tmp_path).load(path, GOOD).state == state
    assert store.backup(path).read_bytes() == OLD_SAVE.read_bytes()


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (b"given = 2", b"given = true"),
        (b"[help.received_from]\nwren = 1", b'[help.received_from]\nwren = "one"'),
    ],
)
def test_a_format_1_save_with_a_bad_help_table_is_damaged(tmp_path, edit, reason):
    body, _, _ = OLD_SAVE.read_bytes().rpartition(SEAL)
    assert edit in body
    path = tmp_path / OLD_SAVE.name
    path.write_bytes(seal(body.replace(edit, reason)))
    with pytest.raises(SaveError, match="should be a whole number"):
        SaveStore(tmp_path).load(path, GOOD)


def test_help_tables_of_the_new_format_are_checked(tmp_path):
    raw = encode(GOOD, walk_to_end())
    body, _, _ = raw.rpartition(SEAL)
    assert b"[help_given]\ntam = 1" in body
    path = tmp_path / "x.save.toml"
    path.write_bytes(seal(body.replace(b"[help_given]\ntam = 1", b"[help_given]\ntam = 1.5")))
    with pytest.raises(SaveError, match="'help_given.tam' should be a whole number"):
        SaveStore(tmp_path).load(path, GOOD)
