"""Hostile values everywhere, as properties: Hypothesis puts huge numbers,
control characters, escape codes, odd dates and wrong types into a story file, a save
(sealed again, as a hand-editor would) and the `--plain` prompt. Nothing raises, every
command ends with its usual exit code, and nothing reaches the output raw."""

from __future__ import annotations

import hashlib
import io
import sys
import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main as cli
from game.engine.checker import check_story
from game.engine.loader import load_story
from game.engine.rules import new_game
from game.engine.saves import SEAL, SaveStore

GOOD_DIR = Path(__file__).parent / "fixtures" / "good"
GOOD = load_story(GOOD_DIR).story
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ESCAPES = ("\x1b", "\x07", "\x9b", "PWNED")

hostile_text = st.sampled_from(
    ["\x1b]0;PWNED\x07", "\x1b[2J", "\x9b31m", "\x00", "\u202e", "[/]x", "1" * 5000, ""]
) | st.text(max_size=20)
hostile_toml = st.one_of(
    st.sampled_from(
        [
            "1" * 5000,  # more digits than Python reads
            "-" + "9" * 4400,
            "99999999999999999999",
            "0001-01-01T00:00:00",
            "0001-01-01T00:00:00+23:00",
            "9999-12-31T23:59:59-23:59",
            "1979-05-27",
            "07:32:00",
            "true",
            "3.5",
            "inf",
            "nan",
            "[1, [2, 3]]",
            "{ a = 1 }",
            "[]",
            "{}",
        ]
    ),
    st.integers().map(str),
    hostile_text.map(lambda text: tomli_w.dumps({"x": text})[4:].strip()),
)
"""A TOML value, as written in a file: any type, any size, any character."""


AS_WRITTEN = "\\u001b]0;PWNED\\u0007"
"""The title-setting code as a story file spells it: a message that quotes the file's line
shows these characters, which are only text (no escape code reaches the terminal)."""


def has_escapes(text: str) -> bool:
    text = text.replace(AS_WRITTEN, "")
    return any(code in text for code in ESCAPES)


def run(*args: str, typed: str = "") -> tuple[int, str]:
    """`python -m game ARGS` in this process: (exit code, stdout and stderr)."""
    out = io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(typed), out, out
    try:
        code = cli(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue()


# --------------------------------------------------------------------------- story files


@PROPERTY
@given(st.data())
def test_a_hostile_value_anywhere_in_a_story_file_is_only_reported(data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for path in GOOD_DIR.glob("*.toml"):
            lines = path.read_text(encoding="utf-8").splitlines()
            for _ in range(data.draw(st.integers(0, 3))):
                i = data.draw(st.integers(0, len(lines) - 1))
                key, sep, _ = lines[i].partition(" = ")
                value = data.draw(hostile_toml)
                lines[i] = f"{key} = {value}" if sep else f"x{i} = {value}"
            (root / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = check_story(root, max_states=2_000)  # never raises
        for problem in report.problems:
            assert not has_escapes(problem.format())
        code, out = run("check", "--max-states", "2000", str(root))
        assert code in (0, 1) and not has_escapes(out)


# --------------------------------------------------------------------------- saves


def seal(body: str) -> bytes:
    raw = body.encode("utf-8")
    return raw + SEAL + hashlib.sha256(raw).hexdigest().encode() + b"\n"


def good_body() -> str:
    with tempfile.TemporaryDirectory() as folder:
        state = new_game(GOOD, "Robin")
        path = SaveStore(Path(folder)).create(GOOD, state)
        return path.read_bytes().split(SEAL)[0].decode()


GOOD_BODY = good_body()


@PROPERTY
@given(st.data(), st.booleans())
def test_a_hostile_value_in_any_field_of_a_save_never_stops_the_game(data, sealed):
    lines = GOOD_BODY.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        key, sep, _ = lines[i].partition(" = ")
        value = data.draw(hostile_toml)
        if sep:
            lines[i] = f"{key} = {value}"
        else:  # a table's header: a hostile key of that table, just below it
            lines.insert(i + 1, f'"{data.draw(st.sampled_from(["x", "wren", "a.b"]))}" = {value}')
    body = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        saves = Path(folder)
        SaveStore(saves).create(GOOD, new_game(GOOD, "Kim"))
        (saves / "hostile.save.toml").write_bytes(seal(body) if sealed else body.encode())
        for info in SaveStore(saves).list(GOOD):
            if info.loadable:
                SaveStore(saves).load(info.path, GOOD)
        code, out = run("saves", "--saves", folder, "--story", str(GOOD_DIR))
        assert code == 0 and not has_escapes(out)
        code, out = run(
            "--plain", "--continue", "--story", str(GOOD_DIR), "--saves", folder, typed="1\nq\n"
        )
        assert code == 0 and not has_escapes(out)
        assert "Your game is saved" in out


# --------------------------------------------------------------------------- the prompt

typed_line = st.one_of(
    hostile_text,
    st.sampled_from(["1" * 5000, "0" * 5000 + "1", "٣", "²", "-1", "1.0", "b", "p", " 2 "]),
    st.integers(-(10**30), 10**30).map(str),
)


@PROPERTY
@given(st.lists(typed_line, max_size=12), hostile_text)
def test_whatever_is_typed_at_the_plain_prompt_gets_an_answer(lines, name):
    with tempfile.TemporaryDirectory() as folder:
        typed = "".join(line.replace("\n", " ").replace("\r", " ") + "\n" for line in lines)
        code, out = run(
            "--plain",
            "--story",
            str(GOOD_DIR),
            "--saves",
            folder,
            f"--name={name or 'Sam'}",
            typed=typed,
        )
        assert code == 0
        assert not has_escapes(out)
        assert "Your game is saved" in out or "*** The end" in out
