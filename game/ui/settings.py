"""The family's settings: a small TOML file in the saves folder.

A missing or damaged file gives the defaults; an unknown value falls back to
its default one key at a time, so a hand-edited file never stops the game.
"""

from __future__ import annotations

import os
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

import tomli

from game.engine import frozen

FILE_NAME = "settings.toml"
"""The settings file's name inside the saves folder."""
MAX_BYTES = 64 * 1024
"""A settings file is a few lines; a larger one is not read (the defaults are used)."""

THEMES = ("dark", "light", "high-contrast")
"""The themes a family can pick."""
REVEALS = ("all", "lines")
"""How a scene's text appears: all at once, or a paragraph at a time."""
SPACINGS = ("roomy", "snug")
"""Roomy: wide margins and a reading column; snug: every cell used."""

CHOICES: dict[str, tuple] = {
    "theme": THEMES,
    "reveal": REVEALS,
    "spacing": SPACINGS,
    "art": (True, False),
}


@frozen
class Settings:
    """What a family chose on the Settings screen."""

    theme: str = "dark"
    """One of THEMES."""
    reveal: str = "all"
    """One of REVEALS."""
    spacing: str = "roomy"
    """One of SPACINGS."""
    art: bool = True
    """Show the scenes' pictures."""

    def with_(self, **changes) -> Settings:
        """A copy with some values changed; unknown values are refused with ValueError."""
        for key, value in changes.items():
            if key not in CHOICES or value not in CHOICES[key]:
                raise ValueError(f"{key} cannot be {value!r}")
        return replace(self, **changes)


def settings_path(folder: Path) -> Path:
    return Path(folder) / FILE_NAME


def load_settings(folder: Path) -> Settings:
    """The settings kept in `folder`, or the defaults where the file is missing or wrong."""
    from game.engine import RefusedFile, story_bytes

    try:  # any file can be there: only a small, ordinary one is read; nothing in it stops us
        raw = story_bytes(settings_path(folder), limit=MAX_BYTES)
        data = tomli.loads(raw.decode("utf-8"))
    except (OSError, RefusedFile, tomli.TOMLDecodeError, UnicodeDecodeError, ValueError):
        return Settings()
    except RecursionError:
        return Settings()
    table = data.get("settings", data)
    if not isinstance(table, dict):
        return Settings()
    kept: dict[str, Any] = {}
    for field in fields(Settings):
        value = table.get(field.name)
        if value in CHOICES[field.name] and type(value) is type(getattr(Settings, field.name)):
            kept[field.name] = value
    return Settings(**kept)


def save_settings(folder: Path, settings: Settings) -> None:
    """Write the settings atomically (temporary file, then rename). Raises OSError."""
    import tempfile

    import tomli_w

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = "# Stronger Together: the settings chosen in the game.\n" + tomli_w.dumps(
        {"settings": asdict(settings)}
    )
    handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, settings_path(folder))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
