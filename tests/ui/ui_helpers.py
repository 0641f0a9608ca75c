"""Helpers for the UI tests: the fixture stories, the screen as text, pressing keys."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from game.engine.checker import check_story
from game.engine.model import Story

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = FIXTURES / "good"
"""The small shared fixture story (two chapters, Wren and Tam)."""
HOSTILE = FIXTURES / "ui_hostile"
"""A story whose every text tries to be markup, a link, an action or an escape code."""

_stories: dict[Path, Story] = {}


def load(folder: Path) -> Story:
    """A checked story (checked once per test run and folder)."""
    if folder not in _stories:
        report = check_story(folder)
        assert report.ok, [p.format() for p in report.errors]
        _stories[folder] = report.story
    return _stories[folder]


def screen_text(app: App) -> str:
    """What the terminal shows now, one line per row, trailing spaces dropped."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, letting the app settle after each (screens switch)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
