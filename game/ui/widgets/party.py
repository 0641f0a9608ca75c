"""The party: who is with the hero, what each is good at, and the help so far.

`PartyPanel` is the full panel beside the story on a wide terminal;
`PartyStrip` is one line above it on a narrow one. Both show the same facts.
"""

from __future__ import annotations

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


def panel_content(
    story: Story, state: GameState, room: tuple[int, int] | None = None, hero_is: str = "you"
) -> Content:
    """The full panel: the hero and the help so far at the top, then each companion in
    three or four lines (picture and name, the gift, the help between you). Each person's
    help is counted from their own side.

    Each companion's `about` (a sentence or two on who they are) is shown under their gift
    when the panel has room for it: `room` is the panel's (width, height); None: always.
    A party of four at 80×24 has room for the short form only. `hero_is` follows the hero's
    name: "you" for one player; with two, the hero is only one of them ("the hero")."""
    told = any(story.companions[w].about for w in state.party if w in story.companions)
    if not told:
        return _panel(story, state, False, hero_is)  # nobody to say more about: no measuring
    full = _panel(story, state, True, hero_is)
    if room is None:
        return full
    width, height = room
    if width > 0 and len(full.wrap(width)) <= height:
        return full
    return _panel(story, state, False, hero_is)


def _panel(story: Story, state: GameState, about: bool, hero_is: str = "you") -> Content:
    parts: list[Content | tuple[str, str] | str] = [
        ("Your team\n", "bold $accent"),
        (render_line(state.hero, {}), "bold"),
        (f" ({hero_is})\n", "$text-muted"),
        (f"got help {state.help_received()} · gave {state.help_given()}\n", "$text-muted"),
    ]
    if not state.party:
        parts.append(("\nNobody is with you yet.\nWho could you ask?\n", "italic $text-muted"))
    for who in state.party:
        companion = story.companions.get(who)
        gift = render_line(companion.gift, {}) if companion else ""
        told = render_line(companion.about, {}) if companion and about else ""
        parts += [
            "\n",
            (f"{portrait_of(story, who)} ", ""),
            (name_of(story, who), "bold"),
            "\n",
            (f"{gift}\n" if gift else "", "italic"),
            (f"{told}\n" if told else "", "$text-muted"),
            (
                f"gave help {state.help_received(who)} · got {state.help_given(who)}",
                "$text-muted",
            ),
        ]
    return Content.assemble(*parts)


def strip_content(story: Story, state: GameState) -> Content:
    """One line: who is with the hero, and the help so far."""
    parts: list[Content | tuple[str, str] | str] = [("Team: ", "bold $accent")]
    if not state.party:
        parts.append(("nobody yet", "italic $text-muted"))
    for number, who in enumerate(state.party):
        if number:
            parts.append(", ")
        parts.append(name_of(story, who))
    parts.append(
        (f"   help: accepted {state.help_received()}, given {state.help_given()}", "$text-muted")
    )
    return Content.assemble(*parts)


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

    def show_party(self, story: Story, state: GameState) -> None:
        show(self, strip_content(story, state))
