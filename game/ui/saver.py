"""Saving in the background, so the next scene is on the screen while the disk is busy."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from game.session import Playthrough


class Saver:
    """Writes saves one after another on a background thread. `flush` waits until
    everything asked for is written."""

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

    def release(self, game: Playthrough) -> Future:
        """Once its saves are written, give up the game's hold on its save file."""
        return self._pool.submit(game.release)

    def flush(self) -> None:
        """Wait until every save asked for is written."""
        self._pool.submit(lambda: None).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
