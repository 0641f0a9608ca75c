"""Writer and player text turned into Textual `Content`: always data, never markup.

Every string that came from a story file or a player goes through here (or
through `Content(...)` directly). `Content` is never parsed for markup, so
`[/]x` shows as written and `[@click=app.quit]` is just text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.content import Content

from game.engine.text import Paragraph, clean, render, render_line


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
