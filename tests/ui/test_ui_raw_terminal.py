"""What really reaches the terminal: the full-screen game run in a pseudo-terminal, its raw
bytes read from the master side (escape codes from any source never reach the terminal
raw). A screenshot or tmux's `capture-pane` would show the text after the terminal
had already obeyed the codes; only the bytes show that they were never sent.

Each test plants an escape sequence that sets the window title to "PWNED" (an OSC code)
in one place the game shows: a companion's name (in the warm words when she joins), the
hero's name of a save (on the title's Continue and on the Load screen), and `--name`.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.rules import new_game
from game.engine.saves import SaveStore
from game.warm_words import GIVING, JOINED

GOOD = Path(__file__).parent.parent / "fixtures" / "good"
ROOT = Path(__file__).parent.parent.parent
PWN = "\x1b]0;PWNED\x07"
"""An escape code a terminal obeys: it sets the window's title."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


class Terminal:
    """`python -m game ...` in a pseudo-terminal of 80x24; every byte it writes is kept."""

    def __init__(self, *args: str) -> None:
        import fcntl
        import pty
        import struct
        import termios

        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        env.pop("NO_COLOR", None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: the game, on the terminal's other side
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
                os.chdir(ROOT)
                os.execve(sys.executable, [sys.executable, "-m", "game", *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.seen = b""

    def read_until(self, wanted: bytes, timeout: float = 30.0) -> bytes:
        """Read what the game writes until `wanted` is among it; everything read so far."""
        deadline = time.monotonic() + timeout
        while wanted not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{wanted!r} never came; the last bytes: {self.seen[-600:]!r}")
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the game ended
                    break
                if not chunk:
                    break
                self.seen += chunk
        return self.seen

    def settle(self, quiet: float = 0.6, timeout: float = 10.0) -> None:
        """Read until the game has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def close(self) -> None:
        if self.fd < 0:
            return
        try:
            self.type(b"\x11")  # ctrl+q
            self.settle(timeout=5)
        except OSError:
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.1)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.fd = -1


@pytest.fixture
def terminal():
    opened: list[Terminal] = []

    def open_(*args: str) -> Terminal:
        opened.append(Terminal(*args))
        return opened[-1]

    yield open_
    for term in opened:
        term.close()


def assert_clean(seen: bytes) -> None:
    """The planted code never reached the terminal, in part or whole."""
    assert b"PWNED" not in seen
    assert b"]0;" not in seen


def test_a_companion_name_with_an_escape_code_never_reaches_the_terminal(tmp_path, terminal):
    story = tmp_path / "story"
    shutil.copytree(GOOD, story)
    front = story / "story.toml"
    front.write_text(
        front.read_text().replace('name = "Wren"', 'name = "Wren\\u001b]0;PWNED\\u0007"')
    )
    term = terminal("--story", str(story), "--saves", str(tmp_path / "saves"), "--name", "Sam")
    term.read_until(b"spilled books")
    term.settle()
    before = len(term.seen)
    term.type(b"2")  # help Wren with her books: she joins, and warm words name her
    term.read_until(b"help you climb")  # the choice her joining opened
    term.settle()
    shown = term.seen[before:]
    endings = [phrase.split("{name}")[-1].strip(" .!") for phrase in (*GIVING, JOINED)]
    assert any(end.encode() in shown for end in endings if end), "no warm words were shown"
    assert_clean(term.seen)


def test_a_saved_hero_with_an_escape_code_never_reaches_the_terminal(tmp_path, terminal):
    story = load_story(GOOD).story
    saves = tmp_path / "saves"
    SaveStore(saves).create(story, new_game(story, f"Sam{PWN}"))
    (saves / "evil.save.toml").write_text("format = 1\nx = " + "1" * 5000 + "\n")  # no crash
    term = terminal("--story", str(GOOD), "--saves", str(saves))
    term.read_until(b"Continue")
    term.settle()
    before = len(term.seen)
    term.type(b"\x1b[B\x1b[B\r")  # down, down, Enter: Load a saved game
    term.read_until(b"Delete")  # the Load screen's footer
    term.settle()
    assert b"Sam" in term.seen[before:]
    assert b"Sam" in term.seen
    assert_clean(term.seen)


def test_a_name_given_with_an_escape_code_is_cleaned_and_shortened(tmp_path, terminal):
    saves = tmp_path / "saves"
    name = f"Sam{PWN}" + "x" * 3000
    term = terminal("--story", str(GOOD), "--saves", str(saves), "--name", name)
    term.read_until(b"spilled books")
    term.settle()
    term.close()
    assert_clean(term.seen)
    (info,) = SaveStore(saves).list(load_story(GOOD).story)
    assert info.hero == ("Sam" + "x" * 3000)[:24]
