"""Saves: save and load of a playthrough with a 1,000-step trail (target: under 5 ms each).

`run()` returns the result lines; `python -m bench` prints them under "Saves".
A save is durable (fsync of the file and of the folder), so its time depends on
the disk: the CPU part (TOML and checksum) is shown beside it.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from game.engine.loader import load_story
from game.engine.rules import apply_choice, available_choices
from game.engine.saves import SaveStore, decode, encode, resume
from game.locations import default_story_dir

STEPS = 1_000
REPEAT = 30


def long_playthrough(story, steps: int = STEPS, seed: int = 1):
    """A state whose trail has `steps` steps: random play that never takes an ending."""
    from game.engine.rules import new_game

    rng = random.Random(seed)
    state = new_game(story, story.hero_name)
    while len(state.trail) < steps:
        choices = available_choices(story, state)
        going_on = [c for c in choices if story.scene(c.target).ending is None]
        if not going_on:  # only endings from here: begin again, keeping the trail
            state = state.evolve(scene=story.start_ref)
            continue
        state = apply_choice(story, state, rng.choice(going_on)).state
    return state


def median_ms(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run() -> list[str]:
    story = load_story(default_story_dir()).story
    state = long_playthrough(story)
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        path = store.create(story, state)
        save = median_ms(lambda: store.write(path, story, state))

        def load():
            store._decoded.clear()  # read the file every time, as a fresh game would
            return store.load(path, story)

        loaded = median_ms(load)
        assert load().state == state
        size = path.stat().st_size
        raw = path.read_bytes()
        encode_ms = median_ms(lambda: encode(story, state))
        decode_ms = median_ms(lambda: resume(story, decode(raw)))
        bare = median_ms(lambda: durable_write(Path(folder) / "bare", raw))

    def verdict(ms: float) -> str:
        return "ok" if ms < 5 else "over"

    return [
        f"save of a {len(state.trail):,}-step playthrough: {save:.2f} ms median "
        f"(target < 5 ms: {verdict(save)}); durable, so mostly the disk: TOML and checksum "
        f"{encode_ms:.2f} ms, a bare fsynced write of the same bytes {bare:.2f} ms here now",
        f"load of it: {loaded:.2f} ms median (target < 5 ms: {verdict(loaded)}); "
        f"parse, verify and fit to the story {decode_ms:.2f} ms",
        f"its size on disk: {size / 1024:.1f} KiB ({size / len(state.trail):.0f} bytes a step)",
    ]


def durable_write(path: Path, raw: bytes) -> None:
    """The least a durable save costs: temp file, fsync, rename, fsync of the folder."""
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, raw)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


if __name__ == "__main__":
    for line in run():
        print(line)
