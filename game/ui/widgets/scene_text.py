"""The scene's text: shown all at once, or a paragraph at a time.

One widget is updated for every scene; past scenes are never kept mounted,
so the hundredth scene is as quick to show as the first.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from game.ui.text import Remembered, join


class SceneText(Static):
    """The paragraphs of the scene the hero is in."""

    DEFAULT_CSS = """
    SceneText {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.paragraphs: list[Content] = []
        """Every paragraph of the scene."""
        self.shown = 0
        """How many paragraphs are on screen."""

    @property
    def done(self) -> bool:
        """Whether every paragraph is shown."""
        return self.shown >= len(self.paragraphs)

    def show_scene(self, paragraphs: list[Content], all_at_once: bool = True) -> None:
        """Show a new scene: all of it, or just its first paragraph."""
        self.paragraphs = paragraphs
        self.shown = len(paragraphs) if all_at_once else min(1, len(paragraphs))
        self._refresh_text()

    def reveal_next(self) -> bool:
        """Show one more paragraph; False when there was none left."""
        if self.done:
            return False
        self.shown += 1
        self._refresh_text()
        return True

    def reveal_all(self) -> None:
        if not self.done:
            self.shown = len(self.paragraphs)
            self._refresh_text()

    def _refresh_text(self) -> None:
        self.update(Remembered(join(self.paragraphs[: self.shown])))
