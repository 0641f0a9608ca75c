"""Saves: one TOML file per playthrough, written so that nothing is ever lost.

The file format is in `save_file` (encode, seal, decode); fitting a save to an
edited story is in `save_fit` (resume). This module is the saves folder.

Writes are atomic: a temporary file in the same
folder is written and fsynced, the old save is hard-linked to `NAME.bak` (so
there is never a moment without a save file), the temporary file replaces the
save, and the folder is fsynced. Writers in one folder take turns through an
`flock` on `.lock`; a temporary file seen while holding that lock was left by a
killed writer and is removed.

A damaged save, or one from a newer game, is reported with the reason and never
changed, moved or deleted (only `delete`, the player's word, removes a save).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli

from game.engine.files import RefusedFile, story_bytes
from game.engine.model import Story
from game.engine.save_file import (
    CUT_OFF,
    MAX_SAVE_BYTES,
    SAVE_FORMAT,
    SEAL,
    NewerSave,
    SaveError,
    decode,
    document,
    encode,
    seal,
    usable_time,
)
from game.engine.save_fit import (
    Resumed,
    another_story,
    belongs,
    describe,
    first_words,
    fit_party,
    fit_scene,
    fit_state,
    resume,
)
from game.engine.state import GameState
from game.engine.values import frozen

try:  # pragma: no cover - every platform the game is tested on has fcntl
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, writes stay atomic
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".save.toml"
"""Save files are `*.save.toml`; other files in the folder (settings, ...) are not saves."""
BACKUP_SUFFIX = ".bak"
"""The previous version of `x.save.toml` is kept as `x.save.toml.bak`."""
LOCK_NAME = ".lock"
_TEMP = re.compile(r"^\..+\.\d+(?:\.[0-9a-f]{16})?\.tmp$")
"""A temporary file's name: `.NAME.PID.RANDOM.tmp` (older games: `.NAME.PID.tmp`)."""


@frozen
class SaveInfo:
    """One save file as a list shows it."""

    path: Path
    hero: str
    chapter: str
    """The chapter's id."""
    scene: str
    """The scene's id."""
    where: str
    """For lists: the chapter's title and the scene's first words (the ids without a story)."""
    saved_at: datetime | None
    cannot_load: str | None
    """Why it cannot be loaded (damaged, unreadable, from a newer game or another story),
    or None: a reason, for people."""

    @property
    def loadable(self) -> bool:
        return self.cannot_load is None

    @property
    def damaged(self) -> str | None:
        """The older name of `cannot_load` (it held a reason, not a flag)."""
        return self.cannot_load


# --------------------------------------------------------------------------- the folder


class SaveStore:
    """The saves folder: one file per playthrough, listed, loaded and written safely."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._decoded: dict[Path, tuple[tuple, dict | None, SaveError | None]] = {}
        """Each file's last reading, by (inode, size, mtime): its data or why it has none."""

    # -- reading

    def list(self, story: Story | None = None) -> list[SaveInfo]:
        """Every save, newest first, damaged ones included (with the reason)."""
        return [self._info(path, story) for path in self._newest_first()]

    def newest(self, story: Story | None = None) -> SaveInfo | None:
        """The newest save that loads, or None: the first of `list` that loads, found
        reading whole only the saves newer than it (the title asks at every start, and a
        family's folder fills with long playthroughs)."""
        for path in self._newest_first():
            info = self._info(path, story)
            if info.loadable:
                return info
        return None

    def load(self, path: Path, story: Story) -> Resumed:
        """The playthrough saved in `path`; SaveError (the file untouched) when it cannot be."""
        path = Path(path)
        data, error = self._read(path)
        if error is not None:
            raise type(error)(self._reason(path, error))
        assert data is not None  # _read gives the data or the error
        return resume(story, data)

    # -- writing

    def create(self, story: Story, state: GameState, team: dict[str, Any] | None = None) -> Path:
        """A new file for a new playthrough, with its first save written (`team`: two
        players' table, kept as `[team]`)."""
        data = document(story, state, team=team)
        raw = seal(data)
        with self._locked():
            self._clean_locked()
            path = self._new_name(state.hero)
            self._replace(path, raw, data)
        return path

    def write(
        self, path: Path, story: Story, state: GameState, team: dict[str, Any] | None = None
    ) -> None:
        """Save `state` over its playthrough's file, atomically, keeping the previous version.

        A file that is damaged, from a newer game, or no longer a good save is never
        overwritten: SaveError says why, and the file stays as it is."""
        path = Path(path)
        data = document(story, state, team=team)
        raw = seal(data)
        with self._locked():
            if path.exists():
                _, error = self._read(path)
                if error is not None:
                    raise type(error)(
                        f"{path.name} is left as it is and was not saved over: {error}"
                    )
            self._replace(path, raw, data)

    def delete(self, path: Path) -> None:
        """Remove a save and its previous version (the player asked for it)."""
        path = Path(path)
        with self._locked():
            for victim in (path, self.backup(path)):
                try:
                    victim.unlink()
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    raise SaveError(f"{victim.name} could not be deleted: {_why(exc)}") from exc
            self._fsync_folder()
        self._decoded.pop(path, None)

    @staticmethod
    def backup(path: Path) -> Path:
        """Where the previous version of a save is kept."""
        return path.with_name(path.name + BACKUP_SUFFIX)

    # -- inside

    def _info(self, path: Path, story: Story | None) -> SaveInfo:
        data, error = self._read(path)
        if data is None:
            hero, chapter, scene = _glimpse(path)
            where = f"{chapter}:{scene}" if chapter else ""
            return SaveInfo(path, hero, chapter, scene, where, None, self._reason(path, error))
        reason = None
        if story is not None and not belongs(story, data):
            reason = another_story(data)
        return SaveInfo(
            path,
            data["hero"],
            data["chapter"],
            data["scene"],
            describe(story, data),
            data.get("saved_at"),
            reason,
        )

    def _read(self, path: Path) -> tuple[dict | None, SaveError | None]:
        """A save's verified data, or the error saying why it has none (cached by stat)."""
        try:
            info = path.stat()
        except OSError as exc:
            return None, SaveError(f"it cannot be read: {_why(exc)}")
        key = (info.st_ino, info.st_size, info.st_mtime_ns)
        cached = self._decoded.get(path)
        if cached and cached[0] == key:
            return cached[1], cached[2]
        data, error = None, None
        try:
            if info.st_size > MAX_SAVE_BYTES:
                raise SaveError(
                    f"it is too large to be a save ({info.st_size // (1024 * 1024)} MiB)"
                )
            data = decode(story_bytes(path, limit=MAX_SAVE_BYTES))  # checks its kind too
        except SaveError as exc:
            error = exc
        except RefusedFile as exc:
            error = SaveError(f"it is not a save: {exc}")
        except OSError as exc:
            error = SaveError(f"it cannot be read: {_why(exc)}")
        self._decoded[path] = (key, data, error)
        return data, error

    def _reason(self, path: Path, error: SaveError | None) -> str:
        """Why a save cannot be loaded, and where its previous version is, if one is kept."""
        reason = str(error) if error else "it cannot be read"
        backup = self.backup(path)
        if not isinstance(error, NewerSave) and backup.is_file():
            return f"{reason}; the version before it is kept in {backup.name}"
        return reason

    def _newest_first(self) -> tuple[Path, ...]:
        """The save files, newest first by the time each says it was saved (its file's
        time when it does not say), read from its first lines only."""
        if not self.folder.is_dir():
            return ()
        self._clean(wait=False)
        paths = [
            path  # a pipe or a link to a device is listed: `_read` says what it is
            for path in self.folder.glob("*" + SUFFIX)
            if not path.name.startswith(".") and not path.is_dir()
        ]
        return tuple(sorted(paths, key=_when, reverse=True))

    def _new_name(self, hero: str) -> Path:
        slug = "-".join(re.findall(r"[a-z0-9]+", hero.lower()))[:20].strip("-") or "hero"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{slug}-{stamp}{SUFFIX}"
        n = 2
        while path.exists() or self.backup(path).exists():
            path = self.folder / f"{slug}-{stamp}-{n}{SUFFIX}"
            n += 1
        return path

    def _replace(self, path: Path, raw: bytes, data: dict[str, Any]) -> None:
        """Write `raw` (the sealed `data`) to `path` atomically, the old file hard-linked to
        its backup first. Called with the folder's lock held."""
        temp = None
        try:
            fd, temp = _new_temp(path)
            try:
                view = memoryview(raw)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            if path.exists():
                self._keep_backup(path)
            os.replace(temp, path)
        except OSError as exc:
            if temp is not None:
                with contextlib.suppress(OSError):
                    temp.unlink()
            raise SaveError(f"the game could not be saved: {_why(exc)}") from exc
        self._fsync_folder()
        with contextlib.suppress(OSError):
            info = path.stat()
            self._decoded[path] = ((info.st_ino, info.st_size, info.st_mtime_ns), data, None)

    def _keep_backup(self, path: Path) -> None:
        """Hard-link the save to its backup's name (through a new temporary name: a link
        never follows one planted there), or copy it where hard links are not allowed."""
        backup = self.backup(path)
        temp = _temp_name(backup)
        try:
            os.link(path, temp, follow_symlinks=False)
        except OSError:  # no hard links here (some USB and network drives): copy instead
            fd, temp = _new_temp(backup)
            try:
                with open(path, "rb") as source:
                    while chunk := source.read(1024 * 1024):
                        view = memoryview(chunk)
                        while view:
                            view = view[os.write(fd, view) :]
                os.fsync(fd)
            except OSError:
                os.close(fd)
                with contextlib.suppress(OSError):
                    temp.unlink()
                raise
            os.close(fd)
        os.replace(temp, backup)

    def _fsync_folder(self) -> None:
        try:
            fd = os.open(self.folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def _locked(self, wait: bool = True):
        """The folder's writer lock (flock on `.lock`); yields False if busy and not waiting."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(
                self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | _CLOEXEC | _NOFOLLOW, 0o644
            )
        except OSError as exc:
            raise SaveError(f"the saves folder {self.folder} cannot be used: {_why(exc)}") from exc
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
                except BlockingIOError:
                    yield False
                    return
            yield True
        finally:
            os.close(fd)  # closing releases the lock

    def _clean(self, wait: bool) -> None:
        try:
            with self._locked(wait=wait) as held:
                if held:
                    self._clean_locked()
        except SaveError:
            pass

    def _clean_locked(self) -> None:
        """Remove temporary files left by killed writers (we hold the lock: none is writing)."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if _TEMP.match(name) and SUFFIX in name:
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _temp_name(beside: Path) -> Path:
    """A name for a temporary file beside `beside` that nobody can guess in advance."""
    return beside.with_name(f".{beside.name}.{os.getpid()}.{_unguessable()}.tmp")


def _unguessable() -> str:
    """16 hex digits from the system's source of randomness (what `secrets` uses)."""
    return os.urandom(8).hex()


def _new_temp(beside: Path) -> tuple[int, Path]:
    """A temporary file beside `beside`, created new and opened for writing: its name is
    unguessable and it is opened with O_EXCL and O_NOFOLLOW, so a link planted in the
    folder is never followed (it could make a save overwrite another file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    for _ in range(100):
        temp = _temp_name(beside)
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no new temporary file could be made beside {beside.name}")


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _head(path: Path) -> str:
    """A save's first lines (4 KiB), or "" when it is not a file that can be read."""
    try:  # not blocking on a pipe, not reading a device
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC)
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        return os.read(fd, 4096).decode("utf-8", "replace")
    except OSError:
        return ""
    finally:
        os.close(fd)


_SAVED_AT = re.compile(r"^saved_at\s*=\s*(.+?)\s*$", re.M)


def _when(path: Path) -> tuple[float, int]:
    """When a save says it was saved, as (seconds, its file's time in ns), read from its
    first lines: the order of the list of saves. A save that does not say (damaged, or a
    time no clock can count) goes by its file's time."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    match = _SAVED_AT.search(_head(path))
    if match:
        try:
            moment = tomli.loads(f"x = {match.group(1)}")["x"]
        except tomli.TOMLDecodeError:
            moment = None
        local = usable_time(moment) if isinstance(moment, datetime) else None
        if local is not None:
            return local.timestamp(), mtime
    return mtime / 1e9, mtime


def _glimpse(path: Path) -> tuple[str, str, str]:
    """Hero, chapter and scene read from what is left of a damaged save, if anything."""
    head = _head(path)
    found = {}
    for key in ("hero", "chapter", "scene"):
        match = re.search(rf'^{key}\s*=\s*"((?:[^"\\\n]|\\.)*)"\s*$', head, re.M)
        if match:
            try:
                found[key] = tomli.loads(f'x = "{match.group(1)}"')["x"]
            except tomli.TOMLDecodeError:
                found[key] = match.group(1)
    return found.get("hero", ""), found.get("chapter", ""), found.get("scene", "")


__all__ = [
    "BACKUP_SUFFIX",
    "CUT_OFF",
    "LOCK_NAME",
    "MAX_SAVE_BYTES",
    "SAVE_FORMAT",
    "SEAL",
    "SUFFIX",
    "NewerSave",
    "Resumed",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "decode",
    "describe",
    "document",
    "encode",
    "first_words",
    "fit_party",
    "fit_scene",
    "fit_state",
    "resume",
    "seal",
]
