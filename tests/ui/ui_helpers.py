"""Helpers for the UI tests: the screen as text, and waiting for the app."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot


def screen_text(app: App) -> str:
    """What the terminal shows now, one line per row, trailing spaces dropped."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, letting the app settle after each (screens switch)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
