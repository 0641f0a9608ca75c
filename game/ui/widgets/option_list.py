"""An `OptionList` that cannot be squeezed to nothing.

Textual wraps each option to the list's width minus the option's padding; when a
tiny terminal leaves no width at all it divides by zero (`range() arg 3 must not be
zero`) and the app crashes. Every list in the game is one of these: it keeps a
minimum width (CSS, so its options always have room) and measures its height as
if it had at least one cell to wrap in.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import OptionList

MIN_WIDTH = 12
"""Cells: the border, the scrollbar, the option padding and a few letters."""


class RoomyOptionList(OptionList):
    """An option list that keeps `MIN_WIDTH` cells however small the terminal is.

    Never give one a `max-width` in percent: Textual applies `max-width` after
    `min-width`, so `max-width: 100%` of a tiny container would undo the minimum.
    """

    DEFAULT_CSS = f"""
    RoomyOptionList {{
        min-width: {MIN_WIDTH};
    }}
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        padding = self.get_component_styles("option-list--option").padding.width
        return super().get_content_height(container, viewport, max(width, padding + 1))
