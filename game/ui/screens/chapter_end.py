"""A chapter ends: its title, what happened, and questions to talk about together."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.content import Content
from textual.widgets import Button, Static

from game import recap, warm_words
from game.engine import GameState, Story
from game.team import Team
from game.ui import text
from game.ui.answers import MenuChoice
from game.ui.screens.base import Page, PageScreen
from game.ui.widgets.footer import GameFooter


def talk_together(story: Story, state: GameState, talk: Sequence[str]) -> ComposeResult:
    """A chapter's `talk` questions for parent and child, under "Talk together"."""
    if not talk:
        return
    names = story.names(state.hero)
    yield Static(Content("Talk together"), classes="page-heading")
    yield Static(
        Content(warm_words.pick(warm_words.TALKING, len(state.trail))), classes="page-hint"
    )
    bullet = Content.styled("• ", "bold $accent")
    yield Static(text.Hanging([(bullet, text.line(q, names)) for q in talk]), id="talk")


class ChapterEndScreen(PageScreen[None]):
    """Shown between chapters; Enter goes on, Escape opens the menu.

    Escape opens the menu here as it does everywhere in play: a child presses it "to get
    the menu", and it used to go on into the next chapter, taking the parent's talk
    questions away. "Back to the story" (or Escape again) comes back to this page."""

    PAGE = "#chapter-end"
    FOCUS = "#go-on"
    BINDINGS = [
        # Before the focused button's own Enter: the footer shows the screen's keys, not
        # only "^q Quit".
        Binding("enter", "go_on", "Go on", priority=True),
        Binding("escape", "menu", "Menu"),
    ]

    def __init__(
        self,
        story: Story,
        state: GameState,
        chapter_id: str,
        talk: Sequence[str] | None = None,
        team: Team | None = None,
    ) -> None:
        super().__init__()
        self.team = team
        """Two players: the summary names who chose each help."""
        self.story = story
        self.state = state
        self.chapter_id = chapter_id
        """The chapter that just ended."""
        self.talk = talk
        """The talk questions as offered (two players: to each by name); the chapter's own
        when None."""

    def compose(self) -> ComposeResult:
        story, state = self.story, self.state
        names = story.names(state.hero)
        chapter = story.chapters.get(self.chapter_id)
        title = story.chapter_title(self.chapter_id)
        with Page(id="chapter-end", classes="page"):
            yield Static(Content("End of the chapter"), classes="page-kicker")
            yield Static(text.line(title, names, "bold"), classes="page-title")
            summary = recap.chapter_summary(story, state, self.chapter_id, self.team)
            yield Static(Content("\n".join(summary)))
            talk = self.talk if self.talk is not None else (chapter.talk if chapter else ())
            yield from talk_together(story, state, talk)
        with Center(id="go-on-bar"):  # below the page, so it is never scrolled away
            yield Button("Go on", variant="primary", id="go-on")
        yield GameFooter(show_command_palette=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_go_on()

    def action_go_on(self) -> None:
        self.dismiss(None)

    def action_menu(self) -> None:
        """The play menu, above this page; what is chosen there is done by the game being
        played (the play screen beneath), as from the story itself."""
        from game.ui.screens.menu import MenuScreen

        self.app.push_screen(MenuScreen(), self.menu_chosen)

    def menu_chosen(self, choice: MenuChoice | None) -> None:
        from game.ui.screens.play import PlayScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, PlayScreen):
                screen.menu_chosen(choice)
                return
