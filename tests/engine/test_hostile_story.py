"""A story folder an attacker wrote: huge numbers, huge texts, pipes, devices,
links out of the folder, states too many to hold. Each gets a clear message, in bounded
time and memory, from `check` and before the game starts; none gets a traceback."""

from __future__ import annotations

import os
import shutil
import sys
import tracemalloc
from pathlib import Path

import pytest
from engine_helpers import GOOD

sys.path.insert(0, str(Path(__file__).parent.parent.parent))  # bench/, beside game/

from bench.synthetic import write_counters  # noqa: E402
from game.engine.checker import check_story  # noqa: E402
from game.engine.conditions import ConditionError, parse_condition  # noqa: E402
from game.engine.explore import explore  # noqa: E402
from game.engine.loader import load_story  # noqa: E402
from game.engine.reading import MAX_TEXT_BYTES, MAX_TEXT_LINES  # noqa: E402
from game.play import story_fingerprint  # noqa: E402

HUGE = "1" * 5000
"""More digits than Python will turn into a number (4,300): a plain ValueError on main."""


@pytest.fixture
def story(tmp_path) -> Path:
    """A copy of the small good story, to spoil."""
    root = tmp_path / "story"
    shutil.copytree(GOOD, root)
    return root


def errors(root: Path) -> list[str]:
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in check_story(root).errors]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- huge numbers


def test_a_number_too_long_to_read_in_a_story_file_is_an_error_at_its_line(story):
    replace(story / "02-forest.toml", "[chapter]", f"x = {HUGE}\n[chapter]")
    assert errors(story) == [
        "02-forest.toml:1: a number here is too long to read (more than 4,300 digits)"
    ]


def test_a_number_too_long_to_read_in_a_condition_is_an_error(story):
    with pytest.raises(ConditionError, match="too large"):
        parse_condition(f"courage >= {HUGE}")
    replace(story / "01-village.toml", 'if = ["not party.wren"]', f'if = ["x >= {HUGE}"]')
    (message,) = errors(story)
    assert "the number in 'x >= 1111" in message and "is too large" in message
    assert len(message) < 200  # the condition is quoted short


# --------------------------------------------------------------------------- huge texts


def test_a_text_over_64_kib_is_an_error(story):
    replace(story / "01-village.toml", "The bell has not rung", "word " * (MAX_TEXT_BYTES // 5))
    (message,) = errors(story)
    assert "scene 'square': 'text' is too long (64 KiB; at most 64 KiB)" in message


def test_a_text_of_more_than_a_thousand_lines_is_an_error(story):
    replace(story / "01-village.toml", "The bell has not rung", "a\n\n" * MAX_TEXT_LINES)
    (message,) = errors(story)
    assert "'text' is too long (2,004 lines; at most 1,000)" in message


def test_the_largest_text_allowed_passes(story):
    replace(story / "01-village.toml", "The bell has not rung", "word " * 13_000)
    replace(story / "02-forest.toml", "[chapter]", "[chapter]\n# x\n" + "#\n" * 10)
    assert errors(story) == []


# --------------------------------------------------------------------------- kinds and sizes


def test_a_sparse_huge_story_file_is_refused_before_it_is_read(story):
    with open(story / "03-big.toml", "wb") as big:
        big.truncate(200 * 1024 * 1024)  # sparse: 200 MiB claimed, nothing on the disk
    tracemalloc.start()
    try:
        story_fingerprint(story)  # what the game does before loading: read every file
        (message,) = errors(story)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert message == (
        "03-big.toml:1: the file is too large (204800 KiB); split it into chapters under 8 MiB"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no pipes here")
def test_a_pipe_named_like_a_chapter_is_refused_not_waited_on(story):
    os.mkfifo(story / "03-pipe.toml")
    story_fingerprint(story)  # would wait forever reading the pipe
    assert errors(story) == ["03-pipe.toml:1: it is a pipe (FIFO), not a text file"]


def test_a_link_out_of_the_story_folder_is_refused(story, tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text('password = "hunter2"\n', encoding="utf-8")
    (story / "03-secret.toml").symlink_to(secret)
    (story / "04-zero.toml").symlink_to("/dev/zero")
    story_fingerprint(story)  # would read /dev/zero for ever
    refused = (
        "it is a link to a file outside the story folder: copy the file into the folder instead"
    )
    assert errors(story) == [f"03-secret.toml:1: {refused}", f"04-zero.toml:1: {refused}"]


def test_a_link_inside_the_story_folder_is_read(story):
    (story / "_draft.toml").write_bytes((story / "02-forest.toml").read_bytes())
    (story / "02-forest.toml").unlink()
    (story / "02-forest.toml").symlink_to("_draft.toml")
    assert errors(story) == []


# --------------------------------------------------------------------------- states


def test_a_proof_that_would_need_gigabytes_stops_at_its_memory_budget(tmp_path):
    story = load_story(write_counters(tmp_path / "dials", counters=300)).story
    found = explore(story, max_bytes=32 * 1024 * 1024)
    assert not found.complete and found.memory_full
    assert 5_000 < found.states < 20_000  # 2.5 KiB a state, looked at every 4,096 states


def test_check_says_briefly_why_a_story_was_too_large_to_prove(tmp_path, monkeypatch):
    import game.engine.checker

    monkeypatch.setattr(
        game.engine.checker,
        "explore",
        lambda story, max_states: explore(story, max_states, 16 * 1024 * 1024),
    )
    report = check_story(write_counters(tmp_path / "dials", counters=300))
    (warning,) = report.warnings
    assert warning.message.startswith(
        "the story is too large to prove within about 1 GiB of memory ("
    )
    assert warning.notes == (
        "counters that some choices raise and others lower have no limit: "
        "'dial0', 'dial1', 'dial2', 'dial3', 'dial4', 'dial5', 'dial6' and 293 more",
    )
    assert all(len(line) < 160 for line in (warning.message, *warning.notes))
