"""The title shows without loading what it does not use: the checker (once the story is
kept ready), the story's TOML reader, or the screens of play. Each of those is tens of
milliseconds a start would pay (`python -m bench` times the start; this keeps it from
creeping back unseen)."""

from __future__ import annotations

import subprocess
import sys

from ui_helpers import GOOD

ROOT = GOOD.parent.parent.parent

TO_THE_TITLE = """
import asyncio, sys
from pathlib import Path
from game.play import ready_story
from game.engine import SaveStore
from game.launch import Launch
story_dir, saves = Path(sys.argv[1]), Path(sys.argv[2])
story = ready_story(story_dir, saves)
from game.ui.app import StrongerTogether
async def main():
    app = StrongerTogether(story, story_dir, SaveStore(saves), Launch())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "TitleScreen", app.screen
asyncio.run(main())
print(" ".join(sorted(m for m in sys.modules if m.startswith("game."))))
"""

NOT_FOR_THE_TITLE = [
    "game.engine.loader",  # the story comes ready from the saves folder
    "game.engine.reading",
    "game.engine.checker",
    "game.engine.explore",
    "game.engine.softlock",
    "game.engine.coverage",
    "game.engine.playtest",
    "game.ui.screens.play",  # each screen loads when it is first shown
    "game.ui.screens.chapter_end",
    "game.ui.screens.ending",
    "game.ui.screens.load",
    "game.ui.screens.settings",
]


def loaded_at_the_title(saves) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", TO_THE_TITLE, str(GOOD), str(saves)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_first_start_checks_the_story(tmp_path):
    """(So the probe really starts the game the way `python -m game` does.)"""
    assert "game.engine.checker" in loaded_at_the_title(tmp_path / "saves")


def test_a_start_with_the_story_kept_ready_loads_only_what_the_title_uses(tmp_path):
    loaded_at_the_title(tmp_path / "saves")  # the first start keeps the story ready
    loaded = loaded_at_the_title(tmp_path / "saves")
    assert "game.ui.screens.title" in loaded
    assert sorted(loaded & set(NOT_FOR_THE_TITLE)) == []
