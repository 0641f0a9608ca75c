"""Any file in the saves folder, even one edited by hand and sealed again: huge
numbers, impossible dates, wrong types, escape codes, pipes. Each is loaded or listed as
damaged with the reason; none stops the list, `saves`, `--plain --continue` or the title.
And a link planted where a save's temporary file goes is never followed."""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import pytest

from game.cli import main as cli
from game.engine.loader import load_story
from game.engine.rules import new_game
from game.engine.saves import SEAL, SaveError, SaveStore

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD_DIR = FIXTURES / "good"
GOOD = load_story(GOOD_DIR).story
HUGE = "1" * 5000
PWN = "\x1b]0;PWNED\x07"
"""An escape code a terminal obeys (it sets the window's title)."""
PWN_TOML = "\\u001b]0;PWNED\\u0007"
"""The same, as a TOML string writes it."""


def seal(body: str) -> bytes:
    """A body sealed as the game seals it: a hand-edited save that passes the checksum."""
    raw = body.encode("utf-8")
    return raw + SEAL + hashlib.sha256(raw).hexdigest().encode() + b"\n"


def good_body(folder: Path) -> str:
    path = SaveStore(folder / "_made").create(GOOD, new_game(GOOD, "Robin"))
    return path.read_bytes().split(SEAL)[0].decode()


def edit(body: str, key: str, value: str) -> str:
    """The body with the top-level line `key = ...` written as `key = value`."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{key} = "):
            lines[i] = f"{key} = {value}"
            return "\n".join(lines) + "\n"
    return f"{key} = {value}\n" + body  # a key the save did not have: at the top


def plant(folder: Path, name: str, raw: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(raw)
    return path


@pytest.fixture
def saves(tmp_path) -> Path:
    """A saves folder holding one good save (Kim's), to be joined by hostile files."""
    folder = tmp_path / "saves"
    SaveStore(folder).create(GOOD, new_game(GOOD, "Kim"))
    return folder


def listed(folder: Path) -> dict[str, str | None]:
    """Each save's file name and why it cannot be loaded (None when it can)."""
    return {info.path.name: info.cannot_load for info in SaveStore(folder).list(GOOD)}


def run(*args: str, typed: str = "") -> tuple[int, str, str]:
    """`python -m game ARGS` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(typed), out, err
    try:
        code = cli(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def every_way_in(folder: Path) -> tuple[str, str]:
    """`saves` and `--plain --continue` over the folder: both must end well; their output."""
    code, listing, err = run("saves", "--saves", str(folder), "--story", str(GOOD_DIR))
    assert code == 0, err
    code, played, err = run(
        "--plain", "--continue", "--story", str(GOOD_DIR), "--saves", str(folder), typed="q\n"
    )
    assert code == 0, err
    assert "Your game is saved" in played
    return listing, played + err


# --------------------------------------------------------------------------- huge numbers


@pytest.mark.parametrize("sealed", [True, False])
def test_a_number_too_long_to_read_is_a_damaged_save_not_a_crash(saves, sealed):
    raw = f"format = 1\nx = {HUGE}\n"
    plant(saves, "evil.save.toml", seal(raw) if sealed else raw.encode())
    reasons = listed(saves)
    assert reasons["evil.save.toml"] == (
        "it has been edited and no longer makes sense: it holds a number too long to read"
    )
    listing, played = every_way_in(saves)
    assert "evil.save.toml" in listing and "Passing over" in played
    assert "Kim" in played  # the good save goes on


def test_a_counter_too_large_for_a_game_is_a_damaged_save(saves, tmp_path):
    body = good_body(tmp_path).replace("[counters]\n", "[counters]\ncourage = 10000000000000\n")
    plant(saves, "big.save.toml", seal(body))
    assert listed(saves)["big.save.toml"] == (
        "it has been edited and no longer makes sense: 'counters.courage' is too large a number"
    )
    every_way_in(saves)


# --------------------------------------------------------------------------- odd dates


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00",  # before time could be counted
        "0001-01-01T00:00:00+23:00",  # the same, a day ahead of UTC
        "9999-12-31T23:59:59-23:59",  # after the last day Python knows, in UTC
        "9999-12-31",  # a date alone
    ],
)
def test_an_impossible_time_of_saving_never_stops_a_list(saves, tmp_path, moment):
    body = edit(good_body(tmp_path), "saved_at", moment)
    plant(saves, "odd.save.toml", seal(body))
    reasons = listed(saves)
    if "T" in moment:  # a time this computer cannot show: the save loads, its time unknown
        assert reasons["odd.save.toml"] is None
        (odd,) = [i for i in SaveStore(saves).list(GOOD) if i.path.name == "odd.save.toml"]
        assert odd.saved_at is None
    else:
        assert "'saved_at' should be a date and time" in reasons["odd.save.toml"]
    every_way_in(saves)


# --------------------------------------------------------------------------- wrong types

WRONG = ['"text"', "12", "true", "[1, 2]", "{ a = 1 }", "1979-05-27", "3.5", "[[1], {}]"]
FIELDS = [
    "format",
    "story",
    "hero",
    "chapter",
    "scene",
    "saved_at",
    "party",
    "flags",
    "once",
    "trail",
    "counters",
    "help_received",
    "help_given",
    "origin",
    "texts",
    "game",
]


@pytest.mark.parametrize("field", FIELDS)
def test_a_wrong_type_in_any_field_loads_or_is_listed_as_damaged(saves, tmp_path, field):
    body = good_body(tmp_path)
    table = f"[{field}]\n"
    for number, value in enumerate(WRONG):
        if table in body:  # a table: write the wrong value in its place, as a key
            edited = body.replace(table, "").rstrip() + f"\n{field} = {value}\n"
            edited = "\n".join(
                line for line in edited.splitlines() if not line.startswith("[")
            )  # keep it valid TOML: the keys after it become top-level keys
        else:
            edited = edit(body, field, value)
        plant(saves, f"wrong-{number}.save.toml", seal(edited + "\n"))
    for info in SaveStore(saves).list(GOOD):
        if info.cannot_load is None:
            SaveStore(saves).load(info.path, GOOD)  # what loads, plays
        else:
            assert info.cannot_load.startswith("it ")
    every_way_in(saves)


# --------------------------------------------------------------------------- escape codes


def test_escape_codes_in_a_save_never_reach_the_terminal(saves, tmp_path):
    body = good_body(tmp_path)
    body = edit(body, "hero", f'"Sam{PWN_TOML}"')
    body = edit(body, "chapter", f'"village{PWN_TOML}"')
    body = edit(body, "scene", f'"square{PWN_TOML}"')
    plant(saves, f"sam{PWN}.save.toml", seal(body))
    damaged = edit(body, "story", f'"Other{PWN_TOML}"')
    plant(saves, "other.save.toml", seal(damaged))
    cut = edit(body, "hero", f'"Jo{PWN_TOML}"').encode()[:200]
    plant(saves, "cut.save.toml", cut)
    listing, played = every_way_in(saves)
    for shown in (listing, played):
        assert "\x1b" not in shown and "\x07" not in shown and "PWNED" not in shown
    assert "Sam" in listing and "Jo" in listing and "another story ('Other')" in listing


# --------------------------------------------------------------------------- kinds


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no pipes here")
def test_a_pipe_named_like_a_save_is_listed_not_waited_on(saves):
    os.mkfifo(saves / "pipe.save.toml")
    os.mkfifo(saves / "settings.toml")
    os.mkfifo(saves / ".checked-stories")
    assert (
        listed(saves)["pipe.save.toml"] == "it is not a save: it is a pipe (FIFO), not a text file"
    )
    every_way_in(saves)
    from game.ui.settings import Settings, load_settings

    assert load_settings(saves) == Settings()


def test_a_huge_settings_file_gives_the_defaults(saves):
    from game.ui.settings import Settings, load_settings

    (saves / "settings.toml").write_text(f'theme = "light"\nx = {HUGE}\n')
    assert load_settings(saves) == Settings()
    with open(saves / "settings.toml", "wb") as big:
        big.truncate(3 * 1024**3)  # sparse: 3 GiB claimed
    assert load_settings(saves) == Settings()


# --------------------------------------------------------------------------- planted links


def test_a_link_planted_where_a_temporary_file_goes_is_never_followed(tmp_path, monkeypatch):
    import game.engine.saves as saves_module

    folder = tmp_path / "saves"
    store = SaveStore(folder)
    path = store.create(GOOD, new_game(GOOD, "Robin"))
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    # Every name an older game would have used, and the next 'random' name too.
    guesses = iter(["0123456789abcdef", "fedcba9876543210", "00112233445566ff", "ffeeddccbbaa9988"])
    monkeypatch.setattr(saves_module, "_unguessable", lambda: next(guesses))
    for name in (
        f".{path.name}.{os.getpid()}.tmp",
        f".{path.name}.bak.{os.getpid()}.tmp",
        f".{path.name}.{os.getpid()}.0123456789abcdef.tmp",
    ):
        (folder / name).symlink_to(victim)
    store.write(path, GOOD, new_game(GOOD, "Robin"))
    assert victim.read_text() == "keep me"
    assert store.load(path, GOOD).state.hero == "Robin"
    assert SaveStore.backup(path).exists()


def test_a_link_planted_as_the_folder_lock_is_not_followed(tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    (folder / ".lock").symlink_to(victim)
    with pytest.raises(SaveError):
        SaveStore(folder).create(GOOD, new_game(GOOD, "Robin"))
    assert victim.read_text() == "keep me"
