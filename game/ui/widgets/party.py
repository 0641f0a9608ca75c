"""The party: who is with the hero, what each is good at, and the help so far.

`PartyPanel` is the full panel beside the story on a wide terminal;
`PartyStrip` is one line above it on a narrow one. Both show the same facts.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content
from textual.widgets import Static

from game.engine import GameState, Story, render_line
from game.ui.text import show


def portrait_of(story: Story, who: str) -> str:
    companion = story.companions.get(who)
    portrait = render_line(companion.portrait, {}) if companion else ""
    return portrait or "•"


def name_of(story: Story, who: str) -> str:
    companion = story.companions.get(who)
    return render_line(companion.name, {}) if companion else who


ACCEPTED = "accepted help"
"""The words for help someone was given, in every width (the game's words: the ending's
'You accepted help twice')."""
GAVE = "gave help"
"""The words for help someone gave."""


def help_lines(accepted: int, gave: int) -> str:
    """One person's help, from their own side, the same words in the same order for the
    hero and for every companion: what they accepted, then what they gave."""
    return f"{ACCEPTED} {accepted}\n{GAVE} {gave}"


class Form(NamedTuple):
    """How roomy the panel is drawn."""

    about: bool
    """Each companion's `about` under their gift."""
    their_help: bool
    """Each companion's help under them (the hero's totals are always shown)."""
    spaced: bool
    """An empty line between friends."""


ROOMIEST_FIRST = (
    Form(True, True, True),
    Form(False, True, True),
    Form(False, True, False),
    Form(False, False, True),
)
SNUGGEST = Form(False, False, False)
"""The form that always fits best."""


def panel_content(
    story: Story, state: GameState, room: tuple[int, int] | None = None, hero_is: str = "you"
) -> Content:
    """The full panel: the hero and the help so far at the top, then each companion (picture
    and name, the gift, the help). Each person's help is told from their own side, in the
    same words: the hero 'accepted help 2, gave help 1' and Wren, who helped twice and was
    helped once, 'accepted help 1, gave help 2'.

    The roomiest form that fits `room`, the panel's (width, height) (None: the roomiest):
    each companion's `about` (a sentence or two on who they are) under their gift, then
    each companion's help, then an empty line between friends. A party of four with long
    gifts at 80×24 has room for the hero's totals only (the chapter end and the ending say
    who helped whom). `hero_is` follows the hero's name: "you" for one player; with two,
    the hero is only one of them ("the hero")."""
    told = any(story.companions[w].about for w in state.party if w in story.companions)
    forms = [form for form in ROOMIEST_FIRST if told or not form.about]
    if room is None:
        return _panel(story, state, forms[0], hero_is)
    width, height = room
    for form in forms:
        full = _panel(story, state, form, hero_is)
        if width > 0 and len(full.wrap(width)) <= height:
            return full
    return _panel(story, state, SNUGGEST, hero_is)


def _panel(story: Story, state: GameState, form: Form, hero_is: str = "you") -> Content:
    parts: list[Content | tuple[str, str] | str] = [
        ("Your team\n", "bold $accent"),
        (render_line(state.hero, {}), "bold"),
        (f" ({hero_is})\n", "$text-muted"),
        (help_lines(state.help_received(), state.help_given()), "$text-muted"),
    ]
    if not state.party:
        parts.append(("\n\nNobody is with you yet.\nWho could you ask?", "italic $text-muted"))
    for number, who in enumerate(state.party):
        companion = story.companions.get(who)
        gift = render_line(companion.gift, {}) if companion else ""
        told = render_line(companion.about, {}) if companion and form.about else ""
        # from the friend's side: the help they accepted (from the hero), and gave
        theirs = help_lines(state.help_given(who), state.help_received(who))
        parts += [
            "\n\n" if form.spaced or not number else "\n",
            (f"{portrait_of(story, who)} ", ""),
            (name_of(story, who), "bold"),
            (f"\n{gift}" if gift else "", "italic"),
            (f"\n{told}" if told else "", "$text-muted"),
            (f"\n{theirs}" if form.their_help else "", "$text-muted"),
        ]
    return Content.assemble(*parts)


def strip_content(story: Story, state: GameState, width: int = 0, hero_is: str = "you") -> Content:
    """One line: who is with the hero, and the help the hero accepted and gave, in the
    panel's words. When `width` (0: any) is too narrow, 'Team: ' goes first; then the help
    comes first and the names are cut with '…' (the story keeps its rows: one line)."""
    names: list[Content | tuple[str, str] | str] = []
    if not state.party:
        names.append(("nobody yet", "italic $text-muted"))
    for number, who in enumerate(state.party):
        if number:
            names.append(", ")
        names.append(name_of(story, who))
    counts = f"{hero_is} {ACCEPTED} {state.help_received()} · {GAVE} {state.help_given()}"
    for line in (
        Content.assemble(("Team: ", "bold $accent"), *names, (f" · {counts}", "$text-muted")),
        Content.assemble(*names, (f" · {counts}", "$text-muted")),
    ):
        if not width or line.cell_length <= width:
            return line
    line = Content.assemble((f"{counts} · ", "$text-muted"), *names)
    return line.truncate(width, ellipsis=True)


class PartyPanel(Static):
    """The party beside the story."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self._shown: tuple[Story, GameState, str] | None = None

    def show_party(self, story: Story, state: GameState, hero_is: str = "you") -> None:
        self._shown = (story, state, hero_is)
        region = self.content_region
        show(self, panel_content(story, state, (region.width, region.height), hero_is))

    def on_resize(self) -> None:
        """A taller or shorter panel may (or may no longer) have room for who they are."""
        if self._shown is not None:
            self.show_party(*self._shown)


class PartyStrip(Static):
    """The party in one line, for narrow terminals."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self._shown: tuple[Story, GameState, str] | None = None

    def show_party(self, story: Story, state: GameState, hero_is: str = "you") -> None:
        self._shown = (story, state, hero_is)
        show(self, strip_content(story, state, self.content_region.width, hero_is))

    def on_resize(self) -> None:
        """A narrower strip may need a shorter line."""
        if self._shown is not None:
            self.show_party(*self._shown)
