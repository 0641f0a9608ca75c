"""A story that passed `check`, kept ready to play: the game starts without reading it again.

Reading the shipped story (parsing its TOML, finding every key's line, checking each
table, building the model) was about a third of the game's start-up. Once a version of
the story's files has passed `check`, the story built from them is kept in the saves
folder; the next start with the same files (and the same game) takes it from there in
about a millisecond.

The kept copy is a cache, never the truth: it is used only when its fingerprint (of the
story's files) and its stamp (of the game's own engine code and Python) are the ones
asked for, its checksum holds, and it holds only the story model's own classes (its
unpickler refuses anything else, so a file put there cannot run code). Anything else,
damaged or old, means the story is read from its files as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path, PosixPath, PurePosixPath, PureWindowsPath, WindowsPath

from game import __version__
from game.engine.conditions import CounterTest, FlagTest
from game.engine.files import RefusedFile, story_bytes
from game.engine.model import Chapter, Choice, Companion, Scene, Story, When

CACHE_NAME = ".story-ready"
"""In the saves folder: the last story that passed `check`, ready to play."""
MAGIC = b"stronger-together story-ready 1\n"
MAX_BYTES = 64 * 1024 * 1024
"""A kept story bigger than this is not read (a story file may be 8 MiB; this is ample)."""

_ALLOWED = {
    (cls.__module__, cls.__qualname__): cls
    for cls in (
        Story,
        Chapter,
        Scene,
        Choice,
        When,
        Companion,
        FlagTest,
        CounterTest,
        PosixPath,
        WindowsPath,
        PurePosixPath,
        PureWindowsPath,
        Path,
    )
}
"""The only classes a kept story may hold."""


class _ModelOnly(pickle.Unpickler):
    """Builds the story model's classes and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        cls = _ALLOWED.get((module, name))
        if cls is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a story")
        return cls


def engine_stamp() -> str:
    """What the kept story depends on besides its files: the game's version, Python's, and
    each engine source file's name, size and time (an edited engine builds stories anew)."""
    parts = [__version__, sys.version]
    folder = Path(__file__).parent
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.endswith(".py"):
                info = entry.stat()
                parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _header(story_dir: Path, fingerprint: str, body: bytes) -> bytes:
    """The kept story's first lines: what it was read from, by which game, its checksum.
    The folder is named as given (a story keeps the paths it was read from)."""
    where = hashlib.sha256(f"{fingerprint}\0{story_dir}".encode()).hexdigest()
    digest = hashlib.sha256(body).hexdigest()
    return MAGIC + f"{where}\n{engine_stamp()}\n{digest}\n".encode("ascii")


def kept_story(folder: Path, story_dir: Path, fingerprint: str) -> Story | None:
    """The story kept for these files read from `story_dir`, or None (none kept, another
    story, an older game, a damaged or strange file: the caller reads the story's files)."""
    try:  # read only if it is a plain file of a sensible size (never a pipe, say)
        data = story_bytes(Path(folder) / CACHE_NAME, limit=MAX_BYTES)
    except (OSError, RefusedFile):
        return None
    lines = data.split(b"\n", 4)
    if len(lines) < 5 or lines[0] + b"\n" != MAGIC:
        return None
    body = lines[4]
    if data[: len(data) - len(body)] != _header(story_dir, fingerprint, body):
        return None
    try:
        story = _ModelOnly(io.BytesIO(body)).load()
    except Exception:  # noqa: BLE001 - a damaged cache is only a slower start
        return None
    return story if isinstance(story, Story) else None


def keep_story(folder: Path, story_dir: Path, fingerprint: str, story: Story) -> None:
    """Keep `story` (which passed `check`) for the next start (atomically, in a temporary
    file created new; a folder that cannot be written is fine: the story is read again)."""
    temp = None
    try:
        body = pickle.dumps(story, protocol=pickle.HIGHEST_PROTOCOL)
        Path(folder).mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f"{CACHE_NAME}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as file:
            file.write(_header(story_dir, fingerprint, body) + body)
        os.replace(temp, Path(folder) / CACHE_NAME)
    except (OSError, pickle.PicklingError, RecursionError):
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
