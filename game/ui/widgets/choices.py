"""The choices: available ones numbered 1–9, then locked ones, dimmed, with their hints.

A locked choice keeps a number (after the available ones) and can be highlighted and
clicked: picking it answers with its hint, never nothing. A family pressed
the number a locked choice stood at and saw nothing happen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine import Choice, Offer, render_line
from game.ui.text import Hanging
from game.ui.widgets.option_list import RoomyOptionList


class ChoiceList(RoomyOptionList):
    """The ways out of a scene. Picking one posts `ChoiceList.Picked` (a locked one,
    `ChoiceList.LockedPicked`)."""

    BINDINGS = [
        Binding("pageup", "screen.scroll_story(-1)", "Scroll up", show=False),
        Binding("pagedown", "screen.scroll_story(1)", "Scroll down", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
    }
    """

    NOT_YET = "That one is not open yet. Maybe a friend can help?"
    """The answer for a locked choice whose writer gave no hint."""

    SHORT_HINT = " (not yet: pick it to see why)"
    """After a locked choice when its hint has no room on the screen."""

    class Picked(Message):
        """The player picked an available choice."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    class LockedPicked(Message):
        """The player picked a locked choice: its hint is to be said (never nothing)."""

        def __init__(self, hint: str) -> None:
            super().__init__()
            self.hint = hint

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.border_title = "What will you do?"
        self.available: list[Choice] = []
        """The available choices, in the order they are numbered."""
        self.hints: list[str] = []
        """The locked choices' hints, numbered after the available choices."""
        self.with_hints: list[Option] = []
        """Every choice, each locked one followed by its hint."""
        self.short: list[Option] = []
        """Every choice, the locked ones followed by `SHORT_HINT` (their number tells the
        hint)."""
        self.hints_shown = True
        """Whether the locked choices are shown with their hints (else `SHORT_HINT`)."""

    def show_offers(self, offers: Sequence[Offer], names: Mapping[str, str]) -> None:
        """Replace the choices with those of a new scene (the hints in full, until `fit`
        says there is no room for them)."""
        self.available = [offer.choice for offer in offers if offer.available]
        locked = [offer for offer in offers if not offer.available]
        options = []
        for number, choice in enumerate(self.available, start=1):
            label = f"{number}." if number <= 9 else "•"
            lead = Content.styled(f"{label:>3} ", "bold")
            body = Content(render_line(choice.text, names))
            options.append(Option(Hanging([(lead, body)]), id=f"choice-{number}"))
        self.hints = []
        short = list(options)
        for number, offer in enumerate(locked, start=len(self.available) + 1):
            hint = render_line(offer.hint or "", names)
            self.hints.append(hint)
            label = f"{number}." if number <= 9 else "-"
            lead = Content.styled(f"{label:>3} ", "dim")
            said = render_line(offer.choice.text, names)
            option_id = f"locked-{len(self.hints)}"
            for kept, after in ((options, f" ({hint})" if hint else ""), (short, self.SHORT_HINT)):
                body = Content.assemble(said, (after, "italic")).stylize("dim")
                kept.append(Option(Hanging([(lead, body)]), id=option_id))
        self.with_hints = options
        self.short = short
        self.hints_shown = True
        self.set_options(options)
        self.highlighted = 0 if self.available else None

    def rows_for(self, options: Sequence[Option], width: int) -> int:
        """The rows these options take in a list `width` cells wide (its border and
        padding included)."""
        room = width - self.styles.gutter.width
        room -= self.get_component_styles("option-list--option").padding.width
        rules = cast(RulesMap, self.styles)
        body = sum(
            cast(Hanging, option.prompt).get_height(rules, max(1, room)) for option in options
        )
        return body + self.styles.gutter.height

    def fit(self, width: int, rows: int) -> int:
        """Show the locked choices' hints in full if every choice then fits in `rows`,
        else their short form; the rows the list then takes (for a list `width` wide)."""
        full = self.rows_for(self.with_hints, width)
        short = self.rows_for(self.short, width) if full > rows else full
        show = full <= short
        if show != self.hints_shown:
            self.hints_shown = show
            highlighted = self.highlighted
            self.set_options(self.with_hints if show else self.short)
            self.highlighted = highlighted
        return min(full, short)

    def pick_number(self, number: int) -> bool:
        """Pick the choice with this number (a locked one answers with its hint); False
        when there is none."""
        if 1 <= number <= len(self.available):
            self.post_message(self.Picked(self.available[number - 1]))
            return True
        locked = number - len(self.available)
        if 1 <= locked <= len(self.hints):
            self.post_message(self.LockedPicked(self.hints[locked - 1] or self.NOT_YET))
            return True
        return False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("choice-"):
            self.pick_number(int(option_id.removeprefix("choice-")))
        elif option_id.startswith("locked-"):
            self.pick_number(len(self.available) + int(option_id.removeprefix("locked-")))
