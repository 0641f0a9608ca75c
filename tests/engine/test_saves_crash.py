"""Saves survive a writer killed at any moment, and two games writing in one folder at once."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.rules import apply_choice, available_choices, go_back, new_game
from game.engine.saves import SaveStore

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = load_story(FIXTURES / "good").story


def states_of_a_long_game(count: int = 40) -> list:
    """Distinct states of one playthrough: wandering, going back, growing the trail."""
    rng = random.Random(7)
    state = new_game(GOOD, "Robin")
    states = [state]
    while len(states) < count:
        choices = available_choices(GOOD, state)
        if GOOD.scene(state.scene).ending or not choices or rng.random() < 0.2:
            state = go_back(GOOD, state) or state
        else:
            state = apply_choice(GOOD, state, rng.choice(choices)).state
        states.append(state)
    return states


def _writer(folder: Path, path: Path, states: list, start: int, ready: int) -> None:
    """In a forked child: say `ready`, then save over `path` forever, never returning to pytest."""
    try:
        store = SaveStore(folder)
        k = start
        os.write(ready, b".")
        while True:
            store.write(path, GOOD, states[k % len(states)])
            k += 1
    finally:
        os._exit(0)


def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_save(tmp_path):
    states = states_of_a_long_game()
    known = set(states)
    store = SaveStore(tmp_path)
    path = store.create(GOOD, states[0])
    rng = random.Random(1)
    kills = 0
    started = time.monotonic()
    while kills < 200:
        ready, done = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready)
            _writer(tmp_path, path, states, rng.randrange(len(states)), done)
        os.close(done)
        os.read(ready, 1)  # the child starts saving now: kill it anywhere in its first saves
        time.sleep(rng.uniform(0, 0.008))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(ready)
        kills += 1
        assert path.exists(), "there was a moment with no save file"
        reader = SaveStore(tmp_path)
        assert reader.load(path, GOOD).state in known
        if reader.backup(path).exists():
            assert reader.load(reader.backup(path), GOOD).state in known
    assert time.monotonic() - started < 60
    # The temporary files of killed writers are gone once the folder is listed again.
    infos = SaveStore(tmp_path).list(GOOD)
    assert [info.loadable for info in infos] == [True]
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_two_games_saving_in_one_folder_at_once_damage_nothing(tmp_path):
    states = states_of_a_long_game(30)
    shared = SaveStore(tmp_path).create(GOOD, states[0])
    children = []
    for n in range(2):
        pid = os.fork()
        if pid == 0:
            try:
                store = SaveStore(tmp_path)
                own = store.create(GOOD, new_game(GOOD, f"Player {n}"))
                for k, state in enumerate(states):
                    store.write(own, GOOD, state.evolve(hero=f"Player {n}"))
                    store.write(shared, GOOD, states[(k + n) % len(states)])
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status)
    store = SaveStore(tmp_path)
    infos = store.list(GOOD)
    assert len(infos) == 3
    assert all(info.loadable for info in infos), [info.cannot_load for info in infos]
    heroes = sorted(info.hero for info in infos)
    assert heroes == ["Player 0", "Player 1", "Robin"]
    for info in infos:
        if info.hero.startswith("Player"):
            assert store.load(info.path, GOOD).state.trail == states[-1].trail
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]
