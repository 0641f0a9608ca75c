"""The three looks a family can pick, as Textual themes.

Textual has no high-contrast theme, so we register our own: pure black and
white with yellow for what matters, and nothing dimmed below readable.
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme

HIGH_CONTRAST = Theme(
    name="stronger-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff8080",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    variables={
        "text": "#ffffff",
        "text-muted": "#e0e0e0",
        "text-disabled": "#c0c0c0",
        "border": "#ffff00",
        "border-blurred": "#ffffff",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#ffffff",
        "block-hover-background": "#333333",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "footer-background": "#000000",
        "input-cursor-background": "#ffff00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#ffff00 40%",
        "scrollbar": "#a0a0a0",
        "scrollbar-hover": "#ffffff",
        "scrollbar-background": "#000000",
        "button-color-foreground": "#000000",
    },
)
"""Black, white and yellow."""

LIGHT = Theme(
    name="stronger-light",
    primary="#0b4f8a",
    secondary="#2a6f97",
    accent="#8a4200",
    warning="#8a4200",
    error="#b00020",
    success="#1e6b30",
    foreground="#1c1c1c",
    background="#f7f5ef",
    surface="#ece9e0",
    panel="#dedad0",
    dark=False,
)
"""Textual's light theme with darker accents, so headings, warm words and the footer's keys
read well on paper (the accent is 5.3:1 on the footer, the darkest ground it is drawn on)."""

DARK = replace(
    BUILTIN_THEMES["textual-dark"],
    name="stronger-dark",
    variables={
        "block-cursor-background": "#0166b4",
        "border": "#3d9be9",
    },
)
"""Textual's dark theme, with the highlighted choice on a deeper blue (its words at 4.9:1,
were 3.8:1) and a lighter blue for focused borders and their titles ("What will you do?"
at 5.0:1, was 3.3:1): WCAG's 4.5:1 for text a child reads."""

TEXTUAL_THEMES = {
    "dark": DARK.name,
    "light": LIGHT.name,
    "high-contrast": HIGH_CONTRAST.name,
}
"""Our theme names → Textual's."""
