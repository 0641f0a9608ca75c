"""The story reloads itself: a cheap look at the story folder a few times a second.

We poll rather than use a file-change service (`watchfiles`): a story is a handful of
files in one folder, so one `scandir` and a `stat` per file costs a few microseconds,
starts nothing at launch (no thread, no extension module: cold start stays quick), and
works the same everywhere, including network folders and editors that save by writing a
new file and renaming it over the old one (the inode and size change, not just the time).
"""

from __future__ import annotations

import os
from pathlib import Path

POLL_SECONDS = 0.25
"""How often the folder is looked at: a saved file is on screen well within a second."""

Stamp = frozenset[tuple[str, int, int, int]]
"""Each story file's name, size, modification time (ns) and inode."""


def story_stamp(story_dir: Path) -> Stamp:
    """What the story's files look like now: `story.toml` and every chapter file (drafts
    starting with `_` or `.` are not read by the game, so their saves are not noticed)."""
    seen = []
    try:
        with os.scandir(story_dir) as entries:
            for entry in entries:
                name = entry.name
                if not name.endswith(".toml") or name.startswith(("_", ".")):
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    continue
                seen.append((name, info.st_size, info.st_mtime_ns, info.st_ino))
    except OSError:
        return frozenset()
    return frozenset(seen)
