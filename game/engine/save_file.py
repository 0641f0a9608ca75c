"""The save file's format: encoding a state, sealing it, reading and verifying it.

A save is TOML written with tomli-w, followed by one last line that seals it:

    # end of save: sha256 <hex digest of every byte above this line>

A TOML file cut off at a line boundary still parses, so the seal is what tells a
whole save from a damaged one. A damaged save, or one from a newer game, is
reported with the reason (`SaveError`, `NewerSave`).
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

import tomli
import tomli_w

from game import __version__
from game.engine.conditions import MAX_NUMBER
from game.engine.model import Story
from game.engine.rules import find_choice
from game.engine.state import GameState
from game.engine.text import clean_line
from game.engine.words import type_word

SAVE_FORMAT = 2
"""The newest save format this game reads and the one it writes. Format 2 keeps help as
`[help_received]` and `[help_given]` (per companion); format 1 had a `[help]` table with
`received`, `given`, `received_from` and `given_to`, and still loads."""
MAX_SAVE_BYTES = 8 * 1024 * 1024
SEAL = b"# end of save: sha256 "
CUT_OFF = (
    "it is cut off: the end of the save is missing "
    "(the computer may have stopped while it was being copied or written)"
)
_FORMAT_LINE = re.compile(rb"^format\s*=\s*(\d+)\s*$", re.M)


class SaveError(Exception):
    """A save that cannot be loaded or written; `str(exc)` is the reason, for people."""


class NewerSave(SaveError):
    """A save written by a newer version of the game."""


# --------------------------------------------------------------------------- writing


def encode(story: Story, state: GameState, saved_at: datetime | None = None) -> bytes:
    """The bytes of a save file for `state`, sealed."""
    return seal(document(story, state, saved_at))


def seal(data: dict[str, Any]) -> bytes:
    """A save document as TOML (tomli-w), followed by its seal line."""
    body = tomli_w.dumps(data).encode("utf-8", "replace")
    return body + SEAL + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n"


def document(
    story: Story,
    state: GameState,
    saved_at: datetime | None = None,
    team: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What a save file holds for `state` (where, party, flags, counters, help, `once`
    choices, trail), as a TOML document; `team` is two
    players' table (`game.session`), written only for a two-player game."""
    counters: dict[str, int] = {}
    received: dict[str, int] = {}
    given: dict[str, int] = {}
    for name, value in state.counters.items():
        if name in ("help.received", "help.given"):
            continue  # the totals: the sums of the per-companion counts
        if name.startswith("help.received."):
            received[name[14:]] = value
        elif name.startswith("help.given."):
            given[name[11:]] = value
        else:
            counters[name] = value
    texts: dict[str, str] = {}
    trail = []
    for step in state.trail:
        key = f"{step.scene}:{step.choice}"
        trail.append(key)
        if step.text:
            texts[key] = step.text
    for key in sorted(state.used_once):
        if key not in texts:
            ref, _, choice_key = key.rpartition(":")
            if story.has_scene(ref):
                choice = find_choice(story.scene(ref), choice_key)
                if choice is not None:
                    texts[key] = choice.text
    return {
        "format": SAVE_FORMAT,
        "game": __version__,
        "story": story.title,
        "hero": state.hero,
        "chapter": state.chapter,
        "scene": state.scene_id,
        "saved_at": (saved_at or datetime.now().astimezone()),
        "party": list(state.party),
        "flags": sorted(state.flags),
        "once": sorted(state.used_once),
        "trail": trail,
        "counters": counters,
        "help_received": received,
        "help_given": given,
        "origin": {
            "scene": state.origin.scene,
            "party": list(state.origin.party),
            "flags": sorted(state.origin.flags),
        },
        "texts": texts,
        **({"team": team} if team else {}),
    }


# --------------------------------------------------------------------------- reading


def _split_seal(raw: bytes) -> tuple[bytes, bytes | None]:
    """The body and the digest of the seal line (None when the seal is missing)."""
    end = len(raw) - 1 if raw.endswith(b"\n") else len(raw)
    start = raw.rfind(b"\n", 0, end) + 1
    last = raw[start:end]
    if last.startswith(SEAL):
        return raw[:start], last[len(SEAL) :].strip()
    return raw, None


def _edited(key: str, should: str, value: Any) -> SaveError:
    return SaveError(
        f"it has been edited and no longer makes sense: '{clean_line(key, 40)}' should be "
        f"{should}, but it is {type_word(value)}"
    )


def _text(data: dict, key: str, required: bool = True, default: str = "") -> str:
    if key not in data:
        if required:
            raise SaveError(f"it is not a whole save: '{key}' is missing")
        return default
    value = data[key]
    if not isinstance(value, str):
        raise _edited(key, "text in quotes", value)
    return value


def _texts(data: dict, key: str, where: str = "") -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _edited(where + key, "a list of names in quotes", value)
    return value


def _number(value: Any, key: str) -> int:
    """A whole number of a size a game can reach (a counter, a help count)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise _edited(key, "a whole number", value)
    if abs(value) > MAX_NUMBER:
        raise SaveError(
            f"it has been edited and no longer makes sense: '{key}' is too large a number"
        )
    return value


def _numbers(data: dict, key: str, where: str = "") -> dict[str, int]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _edited(where + key, "a table of numbers", value)
    for name, number in value.items():
        _number(number, f"{where}{key}.{name}")
    return value


def _table(data: dict, key: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _edited(key, "a table", value)
    return value


def decode(raw: bytes) -> dict[str, Any]:
    """Read and verify a save's bytes; SaveError with the reason when it is not a good save."""
    if not raw.strip():
        raise SaveError("the file is empty (nothing was saved in it)")
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(f"it is too large to be a save ({len(raw) // (1024 * 1024)} MiB)")
    body, digest = _split_seal(raw)
    try:
        source = body.decode("utf-8")
    except UnicodeDecodeError:
        newer = _newer_format(body)
        if newer:
            raise NewerSave(_newer_reason(newer)) from None
        raise SaveError("it is not a save: the file is not text") from None
    try:
        data = tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        newer = _newer_format(body)
        if newer:
            raise NewerSave(_newer_reason(newer)) from None
        if digest is None and body.startswith(b"format ="):
            raise SaveError(CUT_OFF) from None
        where = f" at line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise SaveError(f"it is damaged: it cannot be read{where}") from None
    except RecursionError:
        raise SaveError("it is damaged: it is nested too deeply to read") from None
    except (ValueError, OverflowError):  # a number of more than 4,300 digits, say
        raise SaveError(
            "it has been edited and no longer makes sense: it holds a number too long to read"
        ) from None
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("it is not a save of this game (it has no save format number)")
    if version > SAVE_FORMAT:
        raise NewerSave(_newer_reason(version))
    if version < 1:
        raise SaveError(f"it has a save format this game does not know ({version})")
    if digest is None:
        raise SaveError(CUT_OFF)
    _validate(data)
    if hashlib.sha256(body).hexdigest().encode("ascii") != digest:
        raise SaveError("it was changed or damaged after the game saved it (its checksum differs)")
    _keep_usable_time(data)
    return data


def _keep_usable_time(data: dict) -> None:
    """`saved_at` as a time of this computer's clock, or left out when it cannot be one.

    A save edited by hand (and sealed again) may say it was saved in the year 1, or in 9999
    a day behind: such a time cannot be turned into local time or counted in seconds, so
    the save loads with its time unknown rather than stopping every list of saves."""
    moment = data.get("saved_at")
    if moment is None:
        return
    local = usable_time(moment)
    if local is None:
        del data["saved_at"]
    else:
        data["saved_at"] = local


def usable_time(moment: datetime) -> datetime | None:
    """`moment` in this computer's time zone, or None when it cannot be one (or cannot be
    counted in seconds, or shown)."""
    try:
        local = moment.astimezone()
        local.timestamp()
        local.strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return None
    return local


def _newer_format(body: bytes) -> int | None:
    match = _FORMAT_LINE.search(body[:4096])
    if match and int(match.group(1)) > SAVE_FORMAT:
        return int(match.group(1))
    return None


def _newer_reason(version: int) -> str:
    return (
        f"it was saved by a newer version of the game (save format {version}; "
        f"this one reads format {SAVE_FORMAT}): update the game to continue it"
    )


def _validate(data: dict) -> None:
    """Every key a save needs, of the right type; SaveError naming the first that is not."""
    for key in ("story", "hero", "chapter", "scene"):
        _text(data, key)
    if "saved_at" in data and not isinstance(data["saved_at"], datetime):
        raise _edited("saved_at", "a date and time", data["saved_at"])
    for key in ("party", "flags", "once", "trail"):
        _texts(data, key)
    for i, entry in enumerate(data.get("trail", []), 1):
        if entry.count(":") < 2:
            raise SaveError(
                f"it has been edited and no longer makes sense: trail step {i} "
                f"('{clean_line(entry, 40)}') is not chapter:scene:choice"
            )
    _numbers(data, "counters")
    if data["format"] == 1:
        help_table = _table(data, "help")
        for key in ("received", "given"):
            if key in help_table:
                _number(help_table[key], f"help.{key}")
        _numbers(help_table, "received_from", "help.")
        _numbers(help_table, "given_to", "help.")
    else:
        _numbers(data, "help_received")
        _numbers(data, "help_given")
    origin = _table(data, "origin")
    _text(origin, "scene", required=False)
    _texts(origin, "party", "origin.")
    _texts(origin, "flags", "origin.")
    texts = _table(data, "texts")
    for key, value in texts.items():
        if not isinstance(value, str):
            raise _edited(f"texts.{key}", "text in quotes", value)


def help_counters(data: dict) -> dict[str, int]:
    """The help counters (`help.received`, `help.given.ID`, ...) a verified save holds,
    in either save format."""
    counters: dict[str, int] = {}
    if data["format"] == 1:
        help_table = data.get("help", {})
        for kind, table in (("received", "received_from"), ("given", "given_to")):
            if help_table.get(kind):
                counters[f"help.{kind}"] = help_table[kind]
            for who, count in help_table.get(table, {}).items():
                counters[f"help.{kind}.{who}"] = count
        return counters
    for kind in ("received", "given"):
        per_companion = data.get(f"help_{kind}", {})
        if sum(per_companion.values()):
            counters[f"help.{kind}"] = sum(per_companion.values())
        for who, count in per_companion.items():
            counters[f"help.{kind}.{who}"] = count
    return counters
