"""Saves survive a writer killed at any moment, and two games writing in one folder at once."""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
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


def _child(work) -> None:
    """In a forked child: do `work`, then leave with 0; any exception leaves with 1 (after
    saying what it was), so a child that failed can never pass for one that worked. Never
    returns to pytest."""
    code = 1
    try:
        work()
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def _writer(folder: Path, path: Path, states: list, start: int, ready: int) -> None:
    """In a forked child: save over `path` forever, saying `ready` after the first save."""

    def work() -> None:
        store = SaveStore(folder)
        k = start
        store.write(path, GOOD, states[k % len(states)])
        os.write(ready, b".")
        while True:
            k += 1
            store.write(path, GOOD, states[k % len(states)])

    _child(work)


def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_save(tmp_path):
    states = states_of_a_long_game()
    known = set(states)
    store = SaveStore(tmp_path)
    path = store.create(GOOD, states[0])
    rng = random.Random(1)
    kills = 0
    started = time.monotonic()
    seen = set()
    while kills < 200:
        ready, done = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready)
            _writer(tmp_path, path, states, rng.randrange(len(states)), done)
        os.close(done)
        said = os.read(ready, 1)  # one save is written: kill it anywhere in the next ones
        time.sleep(rng.uniform(0, 0.008))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(ready)
        assert said == b"." and os.WIFSIGNALED(status), "the writer failed before it was killed"
        kills += 1
        assert path.exists(), "there was a moment with no save file"
        reader = SaveStore(tmp_path)
        state = reader.load(path, GOOD).state
        assert state in known
        seen.add(state)
        if reader.backup(path).exists():
            assert reader.load(reader.backup(path), GOOD).state in known
    assert time.monotonic() - started < 60
    assert len(seen) > 10, "the writers did not really write"
    # The temporary files of killed writers are gone once the folder is listed again.
    infos = SaveStore(tmp_path).list(GOOD)
    assert [info.loadable for info in infos] == [True]
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_two_games_saving_in_one_folder_at_once_damage_nothing(tmp_path):
    states = states_of_a_long_game(30)
    shared = SaveStore(tmp_path).create(GOOD, states[0])
    children = []
    done = tmp_path / "done"

    def play(n: int) -> None:
        store = SaveStore(tmp_path)
        own = store.create(GOOD, new_game(GOOD, f"Player {n}"))
        for k, state in enumerate(states):
            store.write(own, GOOD, state.evolve(hero=f"Player {n}"))
            store.write(shared, GOOD, states[(k + n) % len(states)])
        (tmp_path / f"done-{n}").touch()

    def look() -> None:  # a third game's title screen, listing (and tidying) all the while
        until = time.monotonic() + 60
        while not done.exists() and time.monotonic() < until:
            SaveStore(tmp_path).list(GOOD)

    for work in (lambda: play(0), lambda: play(1), look):
        pid = os.fork()
        if pid == 0:
            _child(work)
        children.append(pid)
    statuses = []
    try:
        statuses += [os.waitpid(pid, 0)[1] for pid in children[:2]]
    finally:
        done.touch()
        statuses.append(os.waitpid(children[2], 0)[1])
    ok = [os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 for status in statuses]
    assert ok == [True, True, True], "a game failed to save, or listing the saves failed"
    assert (tmp_path / "done-0").exists() and (tmp_path / "done-1").exists()
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
