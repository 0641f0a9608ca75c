"""The ending: its name and text, who helped whom, and play again."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.content import Content
from textual.widgets import OptionList, Static

from game import recap
from game.engine import GameState, Story, scene_text
from game.team import Team
from game.ui import text
from game.ui.answers import EndingChoice
from game.ui.screens.base import Menu, Page, PageScreen
from game.ui.screens.chapter_end import talk_together
from game.ui.screens.title import endings_found
from game.ui.widgets.footer import GameFooter


class EndingScreen(PageScreen[EndingChoice]):
    """Dismissed with 'again', 'back', 'title' or 'quit'."""

    PAGE = "#ending"
    FOCUS = "#ending-menu"
    BINDINGS = [
        Binding("b", "choose('back')", "Back one step"),
        Binding("escape", "choose('title')", "Title"),
    ]

    def __init__(
        self,
        story: Story,
        state: GameState,
        reply: str | None = None,
        talk: Sequence[str] | None = None,
        players: str | None = None,
        team: Team | None = None,
    ) -> None:
        super().__init__()
        self.team = team
        """Two players: who helped whom names the player who chose each help."""
        self.story = story
        self.state = state
        self.reply = reply
        """The `reply` of the choice that led here (format 2), shown before the ending."""
        self.talk = talk
        """The last chapter's talk questions as offered (two players: by name)."""
        self.players = players
        """Two players: how they helped each other, by name."""

    def compose(self) -> ComposeResult:
        story, state = self.story, self.state
        names = story.names(state.hero)
        scene = story.scene(state.scene)
        with Page(id="ending", classes="page"):
            yield Static(Content("The end"), classes="page-kicker")
            yield Static(text.line(scene.ending or "", names, "bold"), classes="page-title")
            if self.reply:
                reply = text.join(text.paragraphs(self.reply, names))
                yield Static(reply, id="ending-reply")
            yield Static(
                text.join(text.paragraphs(scene_text(story, state), names)), id="ending-text"
            )
            yield Static(Content("Friends helping friends"), classes="page-heading")
            helpers = recap.who_helped_whom(story, state, self.team)
            yield Static(
                text.Hanging(
                    [
                        *((f"{h.portrait} ", Content(h.words())) for h in helpers),
                        ("", Content.styled(recap.help_totals(state, self.team), "italic")),
                    ]
                ),
                id="helpers",
            )
            if self.players:
                yield Static(Content("How you helped each other"), classes="page-heading")
                yield Static(Content(self.players), id="players-helped")
            chapter = story.chapters.get(state.chapter)
            talk = self.talk if self.talk is not None else (chapter.talk if chapter else ())
            yield from talk_together(story, state, talk)
            yield Static(
                Content("Nobody does it all alone. Stronger together!"), classes="page-hint"
            )
            yield Static(Content(self.found_line(scene.ending or "")), id="endings-found")
            with Center():
                yield Menu(
                    [
                        (EndingChoice.AGAIN, "Play again"),
                        (EndingChoice.BACK, "Go back one step"),
                        (EndingChoice.TITLE, "Title screen"),
                        (EndingChoice.QUIT, "Quit"),
                    ],
                    id="ending-menu",
                )
        yield GameFooter(show_command_palette=False)

    def found_line(self, ending: str) -> str:
        """Note the ending in the endings found; 'You found a new ending! Endings found:
        2 of 3.' (a list that cannot be written is told once, and the count still shown)."""
        book = self.game_app.endings
        before = book.read()
        try:
            after = book.record(ending, self.state.hero)
        except OSError as exc:
            self.game_app.tell(f"The endings found could not be kept: {exc}", error=True)
            after = before
        new = ending not in before.found_names() and ending in after.found_names()
        return (
            ("You found a new ending! " if new else "")
            + endings_found(after.count(self.story))
            + "."
        )

    @on(OptionList.OptionSelected, "#ending-menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option.id or EndingChoice.TITLE.value)

    def action_choose(self, what: str) -> None:
        """`what` is an EndingChoice's value (key bindings can only pass strings)."""
        self.dismiss(EndingChoice(what))
