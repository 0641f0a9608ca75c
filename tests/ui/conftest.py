"""Fixtures for the UI tests: stories, a saves folder, and the app built on them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ui_helpers import GOOD, load

from game.engine.model import Story
from game.engine.saves import SaveStore
from game.launch import Launch
from game.ui.app import StrongerTogether
from game.ui.settings import Settings


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def make_app(store: SaveStore) -> Callable[..., StrongerTogether]:
    """`make_app(story_dir=GOOD, launch=Launch(...), settings=...)`."""

    def make(
        story_dir: Path = GOOD,
        launch: Launch | None = None,
        settings: Settings | None = None,
        story: Story | None = None,
    ) -> StrongerTogether:
        return StrongerTogether(
            story or load(story_dir), story_dir, store, launch or Launch(), settings
        )

    return make


@pytest.fixture
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop the text cursor blinking, so screenshots are stable."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
