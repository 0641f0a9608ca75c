"""Writer and player text turned into Textual `Content`: always data, never markup.

Every string that came from a story file or a player goes through here (or
through `Content(...)` directly). `Content` is never parsed for markup, so
`[/]x` shows as written and `[@click=app.quit]` is just text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.css.styles import RulesMap
from textual.filter import LineFilter
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from game.engine import Paragraph, clean, is_clean, render, render_line


class CleanLines(LineFilter):
    """The last guard before the terminal: every line the app draws goes through `clean`.

    Screens already show story and save text cleaned; this makes sure that nothing they
    missed (a name in a toast, a file name, a title) can send an escape code to the
    terminal. A segment that loses characters is padded with spaces so lines keep their
    width. Textual's own control segments (cursor moves) pass as they are.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if is_clean("".join([text for text, _style, control in segments if not control])):
            return segments  # the usual case: one look at the whole line
        out = []
        for text, style, control in segments:
            if not control and not is_clean(text):
                safe = clean(text).replace("\n", " ")
                width, now = Segment(text).cell_length, Segment(safe).cell_length
                text = safe + " " * max(0, width - now)
            out.append(Segment(text, style, control))
        return out


def show(widget: Static, content: Content) -> None:
    """Show `content` in `widget`, unless it shows exactly that already (the same text and
    styles): an update lays out and draws the widget again, and with it its screen, even
    when nothing changed (the place, the party and an empty reply, after most choices)."""
    shown = widget.content
    if isinstance(shown, Content) and shown.plain == content.plain and shown.spans == content.spans:
        return
    widget.update(content)


def span_style(bold: bool, italic: bool) -> str:
    return " ".join(name for name, on in (("bold", bold), ("italic", italic)) if on)


def paragraph(spans: Paragraph) -> Content:
    """One paragraph of styled spans."""
    return Content.assemble(*((span.text, span_style(span.bold, span.italic)) for span in spans))


def paragraphs(text: str, names: Mapping[str, str]) -> list[Content]:
    """Writer text → a Content per paragraph, `{hero}` filled in, `*emphasis*` styled."""
    return [paragraph(p) for p in render(text, names)]


def line(text: str, names: Mapping[str, str] | None = None, style: str = "") -> Content:
    """A one-line text (a title, a choice, a name), plain, on one line."""
    return Content.styled(render_line(text, names or {}), style)


def art(text: str) -> Content:
    """A scene's picture as written, without control characters or outer blank lines."""
    lines = clean(text).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return Content("\n".join(lines))


def join(parts: Iterable[Content], separator: str = "\n\n") -> Content:
    return Content(separator).join(parts)


class Remembered(Visual):
    """A Content that wraps itself once per width: Textual asks a text's height and its lines
    many times while laying out a screen, and a long scene (the longest text `check`
    allows) would otherwise be wrapped again for each question."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._heights: dict[int, int] = {}
        self._strips: dict[tuple, list[Strip]] = {}

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if options.selection is not None:
            return self.content.render_strips(width, height, style, options)
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) > 8:
                self._strips.clear()
            strips = self._strips[key] = self.content.render_strips(width, height, style, options)
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self.content.get_height(rules, width)
        return height


class Hanging(Visual):
    """Items whose wrapped lines start under their text, not under their lead.

    Each item is a lead (a number, a bullet, a picture) and a body; the body's second
    and later lines (wrapped, or after a newline) are indented by the lead's width:

         1. Help Wren pick up her
            spilled books

    Usable anywhere Textual takes a visual (`Static.update`, an `Option`'s prompt).
    The text stays `Content`: never markup.
    """

    def __init__(self, items: Iterable[tuple[Content | str, Content]]) -> None:
        self.items = [
            (Content(lead) if isinstance(lead, str) else lead, body) for lead, body in items
        ]
        self._cache: tuple[int, Content] | None = None

    def lines(self, width: int) -> Content:
        """The items wrapped to `width` cells, one `Content` with a newline per line."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        out: list[Content] = []
        for lead, body in self.items:
            indent = lead.cell_length
            room = max(1, width - indent)
            for number, part in enumerate(body.wrap(room) if body else [body]):
                out.append(Content.assemble(lead if number == 0 else " " * indent, part))
        content = Content("\n").join(out)
        self._cache = (width, content)
        return content

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (
                lead.cell_length + max(line.cell_length for line in body.split("\n"))
                for lead, body in self.items
            ),
            default=0,
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width).plain.split("\n"))
