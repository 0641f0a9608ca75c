"""Two games on one save, as two real processes: the second is told the save
is in use and plays on in a copy; neither loses a move; a killed game blocks nothing."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.saves import SaveStore
from game.session import IN_USE

ROOT = Path(__file__).parent.parent
GOOD = Path(__file__).parent / "fixtures" / "good"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")


def command(saves: Path, *options: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "game",
        "--plain",
        "--story",
        str(GOOD),
        "--saves",
        str(saves),
        *options,
    ]


class Game:
    """A `--plain` game in its own process, typed into a line at a time."""

    def __init__(self, saves: Path, *options: str) -> None:
        self.process = subprocess.Popen(
            command(saves, *options),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        self.out = b""

    def until_prompt(self, timeout: float = 30) -> str:
        """Everything written up to the next `> ` prompt."""
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        start = len(self.out)
        while not self.out.endswith(b"> "):
            left = deadline - time.monotonic()
            assert left > 0, f"no prompt: {self.out!r}"
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 65536)
                assert chunk, f"the game ended: {self.out!r}"
                self.out += chunk
        return self.out[start:].decode()

    def type(self, line: str) -> None:
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def finish(self) -> tuple[int, str, str]:
        """Close its input (a clean, saved exit); exit code, all output, errors."""
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, (self.out + out).decode(), err.decode()


def new_save(saves: Path) -> Path:
    done = subprocess.run(
        command(saves), input=b"", capture_output=True, cwd=ROOT, timeout=60, check=True
    )
    assert done.returncode == 0
    (info,) = SaveStore(saves).list()
    return info.path


def states(saves: Path) -> dict[Path, tuple[str, tuple[str, ...]]]:
    story = load_story(GOOD).story
    store = SaveStore(saves)
    return {
        info.path: (info.scene, store.load(info.path, story).state.party)
        for info in store.list(story)
    }


def test_the_second_game_on_a_save_plays_on_in_a_copy(tmp_path):
    saves = tmp_path / "saves"
    path = new_save(saves)
    first = Game(saves, "--load", str(path))
    first.until_prompt()
    second = Game(saves, "--load", str(path))
    shown = second.until_prompt()
    assert IN_USE.format(name=path.name) in shown
    second.type("1")  # pull the rope alone
    second.until_prompt()
    first.type("2")  # help Wren: she joins
    first.until_prompt()
    code2, out2, err2 = second.finish()
    code1, out1, err1 = first.finish()
    assert (code1, code2, err1, err2) == (0, 0, "", "")
    assert IN_USE.format(name=path.name) not in out1
    assert out1.rstrip().endswith("Your game is saved. See you next time!")
    assert out2.rstrip().endswith("Your game is saved. See you next time!")
    saved = states(saves)
    assert saved.pop(path) == ("square", ("wren",))  # the first game's move
    assert list(saved.values()) == [("rope_alone", ())]  # the second game's, in its copy


def test_a_killed_game_does_not_block_its_save(tmp_path):
    saves = tmp_path / "saves"
    path = new_save(saves)
    killed = Game(saves, "--load", str(path))
    killed.until_prompt()
    killed.process.send_signal(signal.SIGKILL)
    killed.process.wait(timeout=30)
    after = Game(saves, "--load", str(path))
    shown = after.until_prompt()
    assert "another window" not in shown
    after.type("2")
    after.until_prompt()
    code, _, err = after.finish()
    assert (code, err) == (0, "")
    assert states(saves) == {path: ("square", ("wren",))}


def test_continue_in_a_second_game_plays_on_in_a_copy(tmp_path):
    saves = tmp_path / "saves"
    path = new_save(saves)
    first = Game(saves, "--continue")
    first.until_prompt()
    second = Game(saves, "--continue")
    assert IN_USE.format(name=path.name) in second.until_prompt()
    second.type("2")
    second.until_prompt()
    assert second.finish()[0] == 0
    assert first.finish()[0] == 0
    assert len(states(saves)) == 2
