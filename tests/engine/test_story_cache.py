"""A story that passed check is kept ready in the saves folder, so the game starts without
reading it again; the kept copy is used only for the very same files, folder and game, and
anything else there (damaged, strange, planted) just means the story is read again."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from engine_helpers import FIXTURES, GOOD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import game.engine.story_cache as cache
from game.engine import keep_story, kept_story, load_story
from game.play import ready_story, story_fingerprint

SHIPPED = FIXTURES.parent.parent / "story"


@pytest.mark.parametrize("folder", [GOOD, SHIPPED], ids=["good", "shipped"])
def test_a_kept_story_is_the_story_read_from_its_files(tmp_path, folder):
    story = load_story(folder).story
    fingerprint = story_fingerprint(folder)
    keep_story(tmp_path, folder, fingerprint, story)
    kept = kept_story(tmp_path, folder, fingerprint)
    assert kept == story and kept is not story


def test_only_the_same_files_and_folder_get_the_kept_story(tmp_path):
    story = load_story(GOOD).story
    fingerprint = story_fingerprint(GOOD)
    keep_story(tmp_path, GOOD, fingerprint, story)
    assert kept_story(tmp_path, GOOD, "0" * 64) is None  # other files
    assert kept_story(tmp_path, Path("elsewhere"), fingerprint) is None  # read from elsewhere
    assert kept_story(tmp_path / "none", GOOD, fingerprint) is None  # nothing kept


def test_another_game_does_not_take_the_kept_story(tmp_path, monkeypatch):
    fingerprint = story_fingerprint(GOOD)
    keep_story(tmp_path, GOOD, fingerprint, load_story(GOOD).story)
    monkeypatch.setattr(cache, "engine_stamp", lambda: "an edited engine")
    assert kept_story(tmp_path, GOOD, fingerprint) is None


def kept_bytes(tmp_path: Path) -> bytes:
    keep_story(tmp_path, GOOD, story_fingerprint(GOOD), load_story(GOOD).story)
    return (tmp_path / cache.CACHE_NAME).read_bytes()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-40] + b"x" + data[-39:],  # one byte changed
        lambda data: data.replace(b"1\n", b"2\n", 1),  # another kind of file
        lambda data: b"",
        lambda data: b"\n\n\n\n\n",
    ],
    ids=["cut", "byte", "version", "empty", "newlines"],
)
def test_a_damaged_kept_story_is_read_again(tmp_path, spoil):
    (tmp_path / cache.CACHE_NAME).write_bytes(spoil(kept_bytes(tmp_path)))
    assert kept_story(tmp_path, GOOD, story_fingerprint(GOOD)) is None


def sealed(body: bytes) -> bytes:
    """A kept-story file for GOOD whose header matches `body`, as a planted file's would."""
    return cache._header(GOOD, story_fingerprint(GOOD), body) + body


class Planted:
    def __reduce__(self):
        return (os.system, ("touch PLANTED",))


def test_a_planted_file_cannot_run_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / cache.CACHE_NAME).write_bytes(sealed(pickle.dumps(Planted())))
    assert kept_story(tmp_path, GOOD, story_fingerprint(GOOD)) is None
    assert not (tmp_path / "PLANTED").exists()
    (tmp_path / cache.CACHE_NAME).write_bytes(sealed(pickle.dumps({"not": "a story"})))
    assert kept_story(tmp_path, GOOD, story_fingerprint(GOOD)) is None


@settings(
    max_examples=60,
    deadline=None,  # a busy machine (the suite runs on 2 cores) can take over 200 ms for one
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=st.binary(max_size=400) | st.sampled_from([pickle.dumps(("a", 1)), b"\x80\x05."]))
def test_any_body_behind_a_sound_header_is_a_story_or_nothing(tmp_path, body):
    (tmp_path / cache.CACHE_NAME).write_bytes(sealed(body))
    assert kept_story(tmp_path, GOOD, story_fingerprint(GOOD)) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no pipes here")
def test_a_pipe_or_a_folder_in_its_place_is_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / cache.CACHE_NAME)
    assert kept_story(tmp_path, GOOD, story_fingerprint(GOOD)) is None
    keep_story(tmp_path, GOOD, story_fingerprint(GOOD), load_story(GOOD).story)  # replaced
    assert kept_story(tmp_path, GOOD, story_fingerprint(GOOD)) is not None
    other = tmp_path / "other"
    (other / cache.CACHE_NAME).mkdir(parents=True)
    keep_story(other, GOOD, story_fingerprint(GOOD), load_story(GOOD).story)  # no traceback
    assert kept_story(other, GOOD, story_fingerprint(GOOD)) is None


def test_the_second_start_does_not_read_the_story_again(tmp_path, monkeypatch):
    import game.engine
    import game.engine.loader as loader

    saves = tmp_path / "saves"
    first = ready_story(GOOD, saves)  # checked, then kept
    assert first is not None and (saves / cache.CACHE_NAME).is_file()

    def no_reading(*args, **kwargs):
        raise AssertionError("the story was read again")

    monkeypatch.setattr(loader, "load_story", no_reading)
    monkeypatch.setattr(game.engine, "load_story", no_reading)
    assert ready_story(GOOD, saves) == first


def test_an_edited_story_is_read_from_its_files(tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    saves = tmp_path / "saves"
    before = ready_story(folder, saves)
    chapter = next(p for p in sorted(folder.glob("*.toml")) if p.name != "story.toml")
    text = chapter.read_text(encoding="utf-8")
    scene = before.chapters[before.start].scenes[before.chapters[before.start].start]
    word = scene.text.split()[0]
    chapter.write_text(text.replace(word, "Edited", 1), encoding="utf-8")
    after = ready_story(folder, saves)
    assert after is not None and after != before
    assert after == load_story(folder).story
