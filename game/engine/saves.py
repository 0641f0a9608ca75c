"""Saves (DESIGN §4): one TOML file per playthrough, written so that nothing is ever lost.

A save is TOML written with tomli-w, followed by one last line that seals it:

    # end of save: sha256 <hex digest of every byte above this line>

A TOML file cut off at a line boundary still parses, so the seal is what tells a
whole save from a damaged one. Writes are atomic: a temporary file in the same
folder is written and fsynced, the old save is hard-linked to `NAME.bak` (so
there is never a moment without a save file), the temporary file replaces the
save, and the folder is fsynced. Writers in one folder take turns through an
`flock` on `.lock`; a temporary file seen while holding that lock was left by a
killed writer and is removed.

A damaged save, or one from a newer game, is reported with the reason and never
changed, moved or deleted (only `delete`, the player's word, removes a save).
A save made before the story was edited still loads: renamed scenes
(`[renamed]`) are followed, a removed scene resumes at its chapter's start, a
removed chapter at the story's start; `once` choices and the trail are
remembered by the choice's key (its `id`, else `#position`) and its text, so a
choice without an id that moved is still found.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from game.engine.model import Story
from game.engine.problems import type_word
from game.engine.rules import find_choice
from game.engine.state import GameState, Origin, Step, frozen_counts
from game.engine.text import render_line, render_plain

try:  # pragma: no cover - every platform the game is tested on has fcntl
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, writes stay atomic
    fcntl = None  # type: ignore[assignment]

SAVE_FORMAT = 1
"""The newest save format this game reads and the one it writes."""
SUFFIX = ".save.toml"
"""Save files are `*.save.toml`; other files in the folder (settings, ...) are not saves."""
BACKUP_SUFFIX = ".bak"
"""The previous version of `x.save.toml` is kept as `x.save.toml.bak`."""
MAX_SAVE_BYTES = 8 * 1024 * 1024
LOCK_NAME = ".lock"
SEAL = b"# end of save: sha256 "
CUT_OFF = (
    "it is cut off: the end of the save is missing "
    "(the computer may have stopped while it was being copied or written)"
)
_TEMP = re.compile(r"^\..+\.\d+\.tmp$")
_FORMAT_LINE = re.compile(rb"^format\s*=\s*(\d+)\s*$", re.M)


class SaveError(Exception):
    """A save that cannot be loaded or written; `str(exc)` is the reason, for people."""


class NewerSave(SaveError):
    """A save written by a newer version of the game."""


@dataclass(frozen=True)
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
    damaged: str | None
    """Why it cannot be loaded: damaged, unreadable, from a newer game or another story."""

    @property
    def loadable(self) -> bool:
        return self.damaged is None


@dataclass(frozen=True)
class Resumed:
    """A loaded save: the state to play on, and what changed if the story moved under it."""

    state: GameState
    notice: str | None
    """e.g. "The story changed: you are back at the start of chapter X." """


# --------------------------------------------------------------------------- writing


def encode(story: Story, state: GameState, saved_at: datetime | None = None) -> bytes:
    """The bytes of a save file for `state`, sealed."""
    return seal(document(story, state, saved_at))


def seal(data: dict[str, Any]) -> bytes:
    """A save document as TOML (tomli-w), followed by its seal line."""
    body = tomli_w.dumps(data).encode("utf-8", "replace")
    return body + SEAL + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n"


def document(story: Story, state: GameState, saved_at: datetime | None = None) -> dict[str, Any]:
    """What a save file holds for `state` (DESIGN §4), as a TOML document."""
    from game import __version__

    counters: dict[str, int] = {}
    totals: dict[str, int] = {}
    received: dict[str, int] = {}
    given: dict[str, int] = {}
    for name, value in state.counters.items():
        if name in ("help.received", "help.given"):
            totals[name[5:]] = value
        elif name.startswith("help.received."):
            received[name[14:]] = value
        elif name.startswith("help.given."):
            given[name[11:]] = value
        else:
            counters[name] = value
    texts: dict[str, str] = {}
    trail = []
    for step in state.trail:
        key = f"{step.scene}:{step.choice}"
        trail.append(key)
        if step.text:
            texts[key] = step.text
    for key in sorted(state.used_once):
        if key not in texts:
            ref, _, choice_key = key.rpartition(":")
            if story.has_scene(ref):
                choice = find_choice(story.scene(ref), choice_key)
                if choice is not None:
                    texts[key] = choice.text
    help_table: dict[str, Any] = dict(totals)
    if received:
        help_table["received_from"] = received
    if given:
        help_table["given_to"] = given
    return {
        "format": SAVE_FORMAT,
        "game": __version__,
        "story": story.title,
        "hero": state.hero,
        "chapter": state.chapter,
        "scene": state.scene_id,
        "saved_at": (saved_at or datetime.now().astimezone()),
        "party": list(state.party),
        "flags": sorted(state.flags),
        "once": sorted(state.used_once),
        "trail": trail,
        "counters": counters,
        "help": help_table,
        "origin": {
            "scene": state.origin.scene,
            "party": list(state.origin.party),
            "flags": sorted(state.origin.flags),
        },
        "texts": texts,
    }


# --------------------------------------------------------------------------- reading


def _split_seal(raw: bytes) -> tuple[bytes, bytes | None]:
    """The body and the digest of the seal line (None when the seal is missing)."""
    end = len(raw) - 1 if raw.endswith(b"\n") else len(raw)
    start = raw.rfind(b"\n", 0, end) + 1
    last = raw[start:end]
    if last.startswith(SEAL):
        return raw[:start], last[len(SEAL) :].strip()
    return raw, None


def _edited(key: str, should: str, value: Any) -> SaveError:
    return SaveError(
        f"it has been edited and no longer makes sense: '{key}' should be {should}, "
        f"but it is {type_word(value)}"
    )


def _text(data: dict, key: str, required: bool = True, default: str = "") -> str:
    if key not in data:
        if required:
            raise SaveError(f"it is not a whole save: '{key}' is missing")
        return default
    value = data[key]
    if not isinstance(value, str):
        raise _edited(key, "text in quotes", value)
    return value


def _texts(data: dict, key: str, where: str = "") -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _edited(where + key, "a list of names in quotes", value)
    return value


def _numbers(data: dict, key: str, where: str = "") -> dict[str, int]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _edited(where + key, "a table of numbers", value)
    for name, number in value.items():
        if not isinstance(number, int) or isinstance(number, bool):
            raise _edited(f"{where}{key}.{name}", "a whole number", number)
    return value


def _table(data: dict, key: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _edited(key, "a table", value)
    return value


def decode(raw: bytes) -> dict[str, Any]:
    """Read and verify a save's bytes; SaveError with the reason when it is not a good save."""
    if not raw.strip():
        raise SaveError("the file is empty (nothing was saved in it)")
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(f"it is too large to be a save ({len(raw) // (1024 * 1024)} MiB)")
    body, digest = _split_seal(raw)
    try:
        source = body.decode("utf-8")
    except UnicodeDecodeError:
        newer = _newer_format(body)
        if newer:
            raise NewerSave(_newer_reason(newer)) from None
        raise SaveError("it is not a save: the file is not text") from None
    try:
        data = tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        newer = _newer_format(body)
        if newer:
            raise NewerSave(_newer_reason(newer)) from None
        if digest is None and body.startswith(b"format ="):
            raise SaveError(CUT_OFF) from None
        where = f" at line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise SaveError(f"it is damaged: it cannot be read{where}") from None
    except RecursionError:
        raise SaveError("it is damaged: it is nested too deeply to read") from None
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("it is not a save of this game (it has no save format number)")
    if version > SAVE_FORMAT:
        raise NewerSave(_newer_reason(version))
    if version < 1:
        raise SaveError(f"it has a save format this game does not know ({version})")
    if digest is None:
        raise SaveError(CUT_OFF)
    _validate(data)
    if hashlib.sha256(body).hexdigest().encode("ascii") != digest:
        raise SaveError("it was changed or damaged after the game saved it (its checksum differs)")
    return data


def _newer_format(body: bytes) -> int | None:
    match = _FORMAT_LINE.search(body[:4096])
    if match and int(match.group(1)) > SAVE_FORMAT:
        return int(match.group(1))
    return None


def _newer_reason(version: int) -> str:
    return (
        f"it was saved by a newer version of the game (save format {version}; "
        f"this one reads format {SAVE_FORMAT}): update the game to continue it"
    )


def _validate(data: dict) -> None:
    """Every key a save needs, of the right type; SaveError naming the first that is not."""
    for key in ("story", "hero", "chapter", "scene"):
        _text(data, key)
    if "saved_at" in data and not isinstance(data["saved_at"], datetime):
        raise _edited("saved_at", "a date and time", data["saved_at"])
    for key in ("party", "flags", "once", "trail"):
        _texts(data, key)
    for i, entry in enumerate(data.get("trail", []), 1):
        if entry.count(":") < 2:
            raise SaveError(
                f"it has been edited and no longer makes sense: trail step {i} "
                f"('{entry}') is not chapter:scene:choice"
            )
    _numbers(data, "counters")
    help_table = _table(data, "help")
    for key in ("received", "given"):
        if key in help_table and (
            not isinstance(help_table[key], int) or isinstance(help_table[key], bool)
        ):
            raise _edited(f"help.{key}", "a whole number", help_table[key])
    _numbers(help_table, "received_from", "help.")
    _numbers(help_table, "given_to", "help.")
    origin = _table(data, "origin")
    _text(origin, "scene", required=False)
    _texts(origin, "party", "origin.")
    _texts(origin, "flags", "origin.")
    texts = _table(data, "texts")
    for key, value in texts.items():
        if not isinstance(value, str):
            raise _edited(f"texts.{key}", "text in quotes", value)


# --------------------------------------------------------------------------- fitting to the story


def _follow(story: Story, ref: str) -> str | None:
    """The scene `ref` names now: itself, or where `[renamed]` sends it; None when gone."""
    seen = set()
    while not story.has_scene(ref) and ref in story.renamed and ref not in seen:
        seen.add(ref)
        ref = story.renamed[ref]
    return ref if story.has_scene(ref) else None


def fit_scene(story: Story, ref: str, hero: str) -> tuple[str, str | None]:
    """Where a hero who stood at `ref` stands in the story as it is now: there, or where
    `[renamed]` sends it, else the start of its chapter, else of the story; and what to
    tell the player when they were moved."""
    scene = _follow(story, ref)
    if scene is not None:
        return scene, None
    chapter = story.chapters.get(ref.partition(":")[0])
    if chapter is not None:
        title = render_line(chapter.title, story.names(hero))
        return (
            f"{chapter.id}:{chapter.start}",
            f"The story changed: you are back at the start of chapter “{title}”.",
        )
    return story.start_ref, "The story changed: you are back at the start of the story."


def fit_party(story: Story, party) -> tuple[tuple[str, ...], str | None]:
    """The party without companions the story no longer has, and what to tell the player."""
    party = tuple(dict.fromkeys(party))
    gone = [who for who in party if who not in story.companions]
    if not gone:
        return party, None
    verb = "is" if len(gone) == 1 else "are"
    return (
        tuple(who for who in party if who in story.companions),
        f"{', '.join(gone)} {verb} no longer in the story and left the party.",
    )


def _fit_key(story: Story, ref: str, key: str, text: str | None) -> str:
    """A choice's key in the edited story: an `id` stays; a `#position` follows its text."""
    if not story.has_scene(ref):
        return key
    scene = story.scene(ref)
    choice = find_choice(scene, key)
    if choice is not None and (not key.startswith("#") or text is None or choice.text == text):
        return key
    if text is not None:
        same = [c for c in scene.choices if c.text == text]
        if len(same) == 1:
            return same[0].key
    return key


def _split_step(entry: str) -> tuple[str, str]:
    ref, _, key = entry.rpartition(":")
    return ref, key


def _belongs(story: Story, data: dict) -> bool:
    """Whether a save is of this story: the same title, or (retitled) a chapter it knows."""
    return data["story"] == story.title or data["chapter"] in story.chapters


def resume(story: Story, data: dict) -> Resumed:
    """The game state a verified save holds, fitted to the story as it is now."""
    if not _belongs(story, data):
        raise SaveError(f"it belongs to another story ('{data['story']}')")
    notices = []
    texts = data.get("texts", {})
    ref = f"{data['chapter']}:{data['scene']}"
    scene, notice = fit_scene(story, ref, data["hero"])
    notices += [notice] if notice else []
    steps: dict[str, Step] = {}  # a long trail repeats the same few steps: fit each once
    for entry in dict.fromkeys((*data.get("trail", []), *data.get("once", []))):
        old_ref, key = _split_step(entry)
        text = texts.get(entry)
        new_ref = _follow(story, old_ref) or old_ref
        steps[entry] = Step(new_ref, _fit_key(story, new_ref, key, text), text or "")
    trail = [steps[entry] for entry in data.get("trail", [])]
    used_once = {f"{steps[e].scene}:{steps[e].choice}" for e in data.get("once", [])}
    party, notice = fit_party(story, data.get("party", []))
    notices += [notice] if notice else []
    counters = dict(data.get("counters", {}))
    help_table = data.get("help", {})
    for kind, table in (("received", "received_from"), ("given", "given_to")):
        if help_table.get(kind):
            counters[f"help.{kind}"] = help_table[kind]
        for who, count in help_table.get(table, {}).items():
            counters[f"help.{kind}.{who}"] = count
    origin_table = data.get("origin", {})
    origin_ref = origin_table.get("scene") or story.start_ref
    origin_scene = _follow(story, origin_ref)
    if origin_scene is None:
        chapter = story.chapters.get(origin_ref.partition(":")[0])
        origin_scene = f"{chapter.id}:{chapter.start}" if chapter else story.start_ref
    origin = Origin(
        origin_scene,
        tuple(w for w in dict.fromkeys(origin_table.get("party", [])) if w in story.companions),
        frozenset(origin_table.get("flags", [])),
    )
    state = GameState(
        hero=data["hero"],
        scene=scene,
        origin=origin,
        party=party,
        flags=frozenset(data.get("flags", [])),
        counters=frozen_counts(counters),
        used_once=frozenset(used_once),
        trail=tuple(trail),
    )
    return Resumed(state, " ".join(notices) or None)


def describe(story: Story | None, data: dict) -> str:
    """Where a save stands, for a list: the chapter's title and the scene's first words."""
    chapter_id, scene_id = data.get("chapter", ""), data.get("scene", "")
    if story is None:
        return f"{chapter_id}:{scene_id}"
    names = story.names(str(data.get("hero", "")))
    ref = _follow(story, f"{chapter_id}:{scene_id}")
    chapter = story.chapters.get(ref.partition(":")[0] if ref else chapter_id)
    if chapter is None:
        return f"{chapter_id}:{scene_id}"
    title = render_line(chapter.title, names)
    if ref is None:
        return f"{title} (the scene '{scene_id}' is gone)"
    return f"{title}: {first_words(render_plain(story.scene(ref).text, names))}".rstrip(": ")


def first_words(text: str, limit: int = 60) -> str:
    """The first sentence when it is short, else the first words and '…'."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?…])(?:\s|$)", text)
    if match and len(match.group(1)) <= limit:
        return match.group(1)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(".,;:!?—- ") + "…"


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
        if not self.folder.is_dir():
            return []
        self._clean(wait=False)
        infos = []
        for path in self.folder.glob("*" + SUFFIX):
            if path.name.startswith(".") or not path.is_file():
                continue
            infos.append(self._info(path, story))
        infos.sort(key=lambda i: self._when(i), reverse=True)
        return infos

    def newest(self, story: Story | None = None) -> SaveInfo | None:
        """The newest save that loads, or None."""
        return next((info for info in self.list(story) if info.loadable), None)

    def load(self, path: Path, story: Story) -> Resumed:
        """The playthrough saved in `path`; SaveError (the file untouched) when it cannot be."""
        path = Path(path)
        data, error = self._read(path)
        if error is not None:
            raise type(error)(self._reason(path, error))
        return resume(story, data)

    # -- writing

    def create(self, story: Story, state: GameState) -> Path:
        """A new file for a new playthrough, with its first save written."""
        data = document(story, state)
        raw = seal(data)
        with self._locked():
            self._clean_locked()
            path = self._new_name(state.hero)
            self._replace(path, raw, data)
        return path

    def write(self, path: Path, story: Story, state: GameState) -> None:
        """Save `state` over its playthrough's file, atomically, keeping the previous version.

        A file that is damaged, from a newer game, or no longer a good save is never
        overwritten: SaveError says why, and the file stays as it is."""
        path = Path(path)
        data = document(story, state)
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
        if story is not None and not _belongs(story, data):
            reason = f"it belongs to another story ('{data['story']}')"
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
            stat = path.stat()
        except OSError as exc:
            return None, SaveError(f"it cannot be read: {_why(exc)}")
        key = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        cached = self._decoded.get(path)
        if cached and cached[0] == key:
            return cached[1], cached[2]
        data, error = None, None
        try:
            if stat.st_size > MAX_SAVE_BYTES:
                raise SaveError(
                    f"it is too large to be a save ({stat.st_size // (1024 * 1024)} MiB)"
                )
            with open(path, "rb") as file:
                raw = file.read(MAX_SAVE_BYTES + 1)
            data = decode(raw)
        except SaveError as exc:
            error = exc
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

    def _when(self, info: SaveInfo) -> tuple[float, int]:
        try:
            mtime = info.path.stat().st_mtime_ns
        except OSError:
            mtime = 0
        stamp = info.saved_at.timestamp() if info.saved_at else mtime / 1e9
        return stamp, mtime

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
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _CLOEXEC, 0o644)
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
            with contextlib.suppress(OSError):
                temp.unlink()
            raise SaveError(f"the game could not be saved: {_why(exc)}") from exc
        self._fsync_folder()
        with contextlib.suppress(OSError):
            stat = path.stat()
            self._decoded[path] = ((stat.st_ino, stat.st_size, stat.st_mtime_ns), data, None)

    def _keep_backup(self, path: Path) -> None:
        backup = self.backup(path)
        temp = backup.with_name(f".{backup.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        try:
            os.link(path, temp)
        except OSError:  # no hard links here (some USB and network drives): copy instead
            import shutil

            shutil.copyfile(path, temp)
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
            fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o644)
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


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _glimpse(path: Path) -> tuple[str, str, str]:
    """Hero, chapter and scene read from what is left of a damaged save, if anything."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096).decode("utf-8", "replace")
    except OSError:
        return "", "", ""
    found = {}
    for key in ("hero", "chapter", "scene"):
        match = re.search(rf'^{key}\s*=\s*"((?:[^"\\\n]|\\.)*)"\s*$', head, re.M)
        if match:
            try:
                found[key] = tomli.loads(f'x = "{match.group(1)}"')["x"]
            except tomli.TOMLDecodeError:
                found[key] = match.group(1)
    return found.get("hero", ""), found.get("chapter", ""), found.get("scene", "")
