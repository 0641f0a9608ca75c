"""Where things live: the shipped story and the saves folder."""

from __future__ import annotations

import os
from pathlib import Path

SAVES_ENV = "STRONGER_TOGETHER_SAVES"
PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent


def in_checkout() -> bool:
    """Whether the game runs from a source checkout (it has pyproject.toml and story/)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "story" / "story.toml").is_file()


def default_story_dir() -> Path:
    """The shipped story: the checkout's story/, else the copy installed with the package."""
    if in_checkout():
        return CHECKOUT / "story"
    return PACKAGE / "story"


def saves_dir(override: str | Path | None = None) -> Path:
    """`--saves DIR`, else $STRONGER_TOGETHER_SAVES, else the checkout's saves/, else the
    platform's user data folder."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(SAVES_ENV):
        return Path(os.environ[SAVES_ENV]).expanduser()
    if in_checkout():
        return CHECKOUT / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("stronger-together", appauthor=False)) / "saves"
