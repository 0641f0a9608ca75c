"""Helpers for the UI tests: the fixture stories, saves to find, the screen as text, keys."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from game.engine.checker import check_story
from game.engine.model import Story
from game.engine.rules import new_game
from game.engine.saves import SaveStore, encode

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


async def settle(pilot: Pilot, rounds: int = 100) -> None:
    """Let the app finish what it is doing, whatever the machine's load: every message
    handled and the screen refreshed (`wait_for_refresh`), round after round, until the
    screen is laid out at the terminal's size (a resize waits on a timer) and a round
    changes nothing on it. `pilot.pause()` alone stops once the process looks idle
    (little CPU time in 20 ms), which a loaded machine fakes: a screen just pushed was
    then still blank, its footer missing, or laid out at the size before a resize."""
    app = pilot.app
    shown = None
    for _ in range(rounds):
        await pilot.pause()
        await app.screen.wait_for_refresh()
        now = screen_text(app) if app.screen.outer_size == app.size else None
        if now is not None and now == shown:
            return
        shown = now
    raise AssertionError(f"the screen was still changing after {rounds} rounds")


def told(app: App) -> list[str]:
    """What the game says to the family now, as words: its toasts, then the notices above
    the play screen's choices (where notices go during play)."""
    notices = getattr(app.screen, "notices", [])
    return [n.message for n in app._notifications] + [words for _, words, _ in notices]


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, letting the app settle after each (screens switch)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def put_saves(
    store: SaveStore, good: str = "kim.save.toml", damaged: str = "sam.save.toml"
) -> tuple[Path, Path]:
    """A good save (Kim, in the forest, saved 2024-05-03 14:03) and a damaged one (Sam's,
    cut off, older), under these file names."""
    story = load(GOOD)
    store.folder.mkdir(parents=True, exist_ok=True)
    good_path = store.folder / good
    state = new_game(story, "Kim", at="forest:path", party=("wren",))
    good_path.write_bytes(encode(story, state, datetime(2024, 5, 3, 14, 3, tzinfo=UTC)))
    damaged_path = store.folder / damaged
    damaged_path.write_bytes(good_path.read_bytes().replace(b"Kim", b"Sam")[:-80])
    os.utime(damaged_path, (1_600_000_000, 1_600_000_000))
    return good_path, damaged_path


def words_in(app: App, widget) -> str:
    """The words a widget shows on the screen, its wrapped lines joined by single spaces
    (a widget at the screen's left edge: wide characters before it would shift columns)."""
    region = widget.region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right] for row in rows).split())
