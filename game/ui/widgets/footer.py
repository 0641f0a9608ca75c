"""The keys at the bottom of a screen, rebuilt only when what they show changes.

Textual's `Footer` takes down and builds again all its keys each time a screen says its
bindings may have changed (a scroll, a focus, a new scene: every choice on the play
screen), even when the keys shown stay the same; that rebuild was about half of a
keypress's work. `GameFooter` looks first and rebuilds only when a key comes, goes, is
enabled or disabled, or is named differently.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

Shown = tuple[object, ...]
"""What the footer's keys show: enough to tell whether a rebuild would change anything."""


class GameFooter(Footer):
    """A `Footer` that is rebuilt only when the keys it shows change."""

    _shown: Shown | None = None
    """What the keys showed when the footer was last built (None: not built yet)."""

    def compose(self) -> Iterable[Widget]:
        self._shown = self.keys_shown()
        yield from super().compose()

    def keys_shown(self) -> Shown | None:
        """Each key the footer would show, with its label, action, group, state and tip."""
        if not self._bindings_ready:
            return None
        app = self.app
        palette = app.COMMAND_PALETTE_BINDING if self.show_command_palette else None
        return tuple(
            (key, app.get_key_display(binding), binding, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if self.is_attached and self.keys_shown() != self._shown:
            await self.recompose()
