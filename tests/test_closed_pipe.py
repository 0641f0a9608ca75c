"""`python -m game stats | head`: when the reader of a command's output goes away early, the
command stops quietly — no BrokenPipeError traceback, no "Exception ignored" at exit.

Python buffers a pipe's output, so the last of it is written at the interpreter's exit,
after the command has returned: that is where the traceback came from. These tests run the
real command with its output into a pipe whose reading end is already closed, the way
`head` leaves it, and without PYTHONUNBUFFERED (which hides the problem).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "good"
PASSING = ROOT / "tests" / "fixtures" / "writers_playtests_pass"


def run_into_closed_pipe(*args: str, saves: Path, also_stderr: bool = False):
    """Run `python -m game ARGS` writing into a pipe nobody reads; (exit code, stderr)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["STRONGER_TOGETHER_SAVES"] = str(saves)
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "game", *args],
            stdout=write,
            stderr=write if also_stderr else subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write)
    return done.returncode, (done.stderr or b"").decode()


@pytest.mark.parametrize(
    "args",
    [
        ("stats", str(GOOD)),
        ("stats", "--playtests", str(GOOD)),
        ("check", str(GOOD)),
        ("map", str(GOOD)),
        ("map", "--format", "dot", str(GOOD)),
        ("test", str(PASSING)),
        ("saves",),
        ("stats", "--help"),
        ("--help",),
        ("--plain", "--story", str(GOOD)),
    ],
    ids=lambda args: " ".join(a for a in args if "/" not in a),
)
def test_a_closed_pipe_stops_a_command_quietly(args, tmp_path):
    code, err = run_into_closed_pipe(*args, saves=tmp_path)
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err
    assert "Exception ignored" not in err
    assert code in (0, 1), err


def test_errors_into_a_closed_pipe_stop_quietly(tmp_path):
    """`check nowhere 2>&1 | head`: the message itself cannot be written; still no traceback."""
    code, _ = run_into_closed_pipe(
        "check", str(tmp_path / "nowhere"), saves=tmp_path, also_stderr=True
    )
    assert code in (1, 2)
