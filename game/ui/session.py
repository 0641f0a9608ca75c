"""One playthrough as the screens drive it: the story, the state, its save file.

The rules stay pure (`game.engine.rules`); this is the small bit of memory the
play screen needs around them: where the game is saved, and saving after
every move so that quitting at any moment loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.model import Choice, Story
from game.engine.rules import Outcome, apply_choice, go_back
from game.engine.save_fit import fit_state
from game.engine.state import GameState

__all__ = ["Playthrough", "Saver", "fit_state"]

if TYPE_CHECKING:
    from game.engine.saves import SaveStore


@dataclass
class Playthrough:
    """A game in progress and the file it is saved in."""

    story: Story
    """The story it runs on (replaced by a writer's live reload)."""
    state: GameState
    """Where the hero is now."""
    path: Path | None
    """Its save file (None only when the first save could not be made)."""
    store: SaveStore
    """Where it is saved."""
    save_error: str | None = None
    """Why the last save failed, if it did."""
    unsaved: bool = False
    """A move was made and not yet written."""

    @classmethod
    def begin(cls, story: Story, state: GameState, store: SaveStore) -> Playthrough:
        """A new playthrough; its first save is written at once."""
        game = cls(story, state, None, store)
        try:
            game.path = store.create(story, state)
        except Exception as exc:  # noqa: BLE001 - a full disk must not stop the game
            game.save_error = str(exc) or type(exc).__name__
        return game

    def save(self) -> bool:
        """Write the state to its file; False (and `save_error` set) when that failed."""
        self.unsaved = False
        try:
            if self.path is None:
                self.path = self.store.create(self.story, self.state)
            else:
                self.store.write(self.path, self.story, self.state)
        except Exception as exc:  # noqa: BLE001
            self.save_error = str(exc) or type(exc).__name__
            return False
        self.save_error = None
        return True

    def choose(self, choice: Choice, save: bool = True) -> Outcome:
        """Pick a choice, then save (or leave `unsaved` set for the caller to save soon)."""
        outcome = apply_choice(self.story, self.state, choice)
        self.state = outcome.state
        if save:
            self.save()
        else:
            self.unsaved = True
        return outcome

    def back(self, save: bool = True) -> bool:
        """Step back one choice, then save; False at the very start."""
        previous = go_back(self.story, self.state)
        if previous is None:
            return False
        self.state = previous
        if save:
            self.save()
        else:
            self.unsaved = True
        return True

    def rebase(self, story: Story, save: bool = True) -> str | None:
        """Carry on with an edited story, keeping the state; a notice when the hero had to move."""
        self.story = story
        state, notice = fit_state(story, self.state)
        if state != self.state:
            self.state = state
            if save:
                self.save()
            else:
                self.unsaved = True
        return notice


class Saver:
    """Writes saves one after another on a background thread, so the next scene is on
    the screen while the disk is still busy. `flush` waits until everything is written."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="saver")

    def save(self, game: Playthrough, done: Callable[[], None] | None = None) -> Future:
        """Write the game's newest state soon; `done()` is called (on the saver's thread) after."""

        def write() -> None:
            if game.unsaved:
                game.save()
            if done is not None:
                done()

        return self._pool.submit(write)

    def flush(self) -> None:
        """Wait until every save asked for is written."""
        self._pool.submit(lambda: None).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
