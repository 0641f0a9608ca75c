"""The file a playthrough is saved in: written after every move, held so that no other
game writes it, and what to tell the player when writing fails or works again.

A file that is damaged or changed under us is never written over: the game is saved
in a new file instead, and the player is told where. A failure is told once (and
again only when the reason changes); so is saving working again. `game.session`
owns one slot per playthrough. No Textual here.
"""

from __future__ import annotations

from pathlib import Path

from game.engine import GameState, SaveClaim, SaveError, SaveStore, Story, clean_line
from game.news import News


class SaveSlot:
    """Where one playthrough is saved, and how its last save went."""

    def __init__(self, store: SaveStore, path: Path | None = None) -> None:
        self.store = store
        """The saves folder."""
        self.path = path
        """The save file; None until the first save is made (a new game whose first save
        failed, or a kept previous version being played on in a new file)."""
        self.error: str | None = None
        """Why the last save failed, while it fails."""
        self._claim: SaveClaim | None = None
        """The hold on the save file, so that no other game writes it."""
        self._told_error: str | None = None

    def hold(self, path: Path, claim: SaveClaim) -> None:
        """Save in this file from now on, already held (a save that was loaded)."""
        self.path, self._claim = path, claim

    def write(
        self, story: Story, state: GameState, team: dict | None, first: bool = False
    ) -> list[News]:
        """Write the state (and two players' `team` table) to the file; what to tell the
        player about it. `error` says whether it failed."""
        old = self.path
        try:
            if old is None:
                self._move_to(self.store.create(story, state, team))
            else:
                self.store.write(old, story, state, team)
        except SaveError as exc:
            reason = str(exc)
            if old is not None:
                try:
                    new = self.store.create(story, state, team)
                    self._move_to(new)
                except SaveError as again:
                    reason = str(again)
                else:
                    moved = News(
                        clean_line(
                            f"Could not save over {old.name} ({reason}); "
                            f"the game is saved in {new.name} from now on."
                        ),
                        trouble=True,
                    )
                    return [moved, *self._saved()]
            return self._failed(reason, first)
        return self._saved()

    def _move_to(self, path: Path) -> None:
        """Save in this new file, holding it (and no longer the old one)."""
        self.release()
        self.path = path
        self._claim = SaveClaim.take(path)

    def release(self) -> None:
        """Give up the hold on the save file (when the game is closed; the process ending
        gives it up too). A later save takes the hold again."""
        claim, self._claim = self._claim, None
        if claim is not None:
            claim.release()

    def _saved(self) -> list[News]:
        told = self.error is not None and self._told_error is not None
        self.error = self._told_error = None
        return [News("Saving works again.")] if told else []

    def _failed(self, reason: str, first: bool) -> list[News]:
        self.error = reason
        if reason == self._told_error:
            return []
        self._told_error = reason
        if first:
            text = f"This game cannot be saved: {reason}. You can still play."
        else:
            text = f"The game could not be saved: {reason}. It goes on, and will try again."
        return [News(clean_line(text), trouble=True)]
