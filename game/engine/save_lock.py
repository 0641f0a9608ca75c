"""A game's claim on its save file, held for as long as the game is played.

Two games writing one save would each overwrite the other's moves. So a game
claims its save when it opens it: an exclusive `flock` on a small lock file
beside it (`.NAME.save.toml.lock`). A second game finds the claim taken and
plays on in a copy. The kernel drops a `flock` when its process ends, however
it ends, so a game killed with SIGKILL leaves at most an unlocked lock file,
which the next game simply takes.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on this platform: claims always succeed
    fcntl = None  # type: ignore[assignment]

_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def lock_path(save: Path) -> Path:
    """Where the claim on `save` is kept."""
    save = Path(save)
    return save.with_name(f".{save.name}.lock")


class SaveClaim:
    """An exclusive claim on one save file; `release` (or the process ending) gives it up."""

    def __init__(self, save: Path, fd: int) -> None:
        self.save = Path(save)
        """The save claimed."""
        self._fd: int | None = fd

    @classmethod
    def take(cls, save: Path) -> SaveClaim | None:
        """Claim `save`; None when another game holds it. A lock file that cannot be made
        (a read-only folder) claims nothing and blocks nothing: the game plays on."""
        path = lock_path(save)
        for _ in range(5):
            try:
                fd = os.open(path, _FLAGS, 0o600)
            except OSError:
                return cls(save, -1)
            if fcntl is None:
                return cls(save, fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return None
            # A game that was releasing may have removed the file we opened: the claim
            # is good only on the file that is still there.
            try:
                same = os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except OSError:
                same = False
            if same:
                return cls(save, fd)
            os.close(fd)
        return cls(save, -1)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the save up (the lock file is removed while still locked, so no one else
        can be holding a claim on it)."""
        fd, self._fd = self._fd, None
        if fd is None or fd < 0:
            return
        with contextlib.suppress(OSError):
            if os.stat(lock_path(self.save), follow_symlinks=False).st_ino == os.fstat(fd).st_ino:
                os.unlink(lock_path(self.save))
        os.close(fd)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()
