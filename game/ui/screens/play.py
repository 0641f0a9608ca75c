"""The play screen: the scene, its choices, the party; saved after every choice.

One set of widgets is updated in place for every scene (nothing piles up), so
the game stays as quick after five hundred scenes as after one.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from game.engine import Choice, Story
from game.session import Move, Playthrough
from game.team import how_we_helped
from game.ui import text
from game.ui.answers import EndingChoice, MenuChoice
from game.ui.screens.base import GameScreen, Page
from game.ui.settings import Settings
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.footer import GameFooter
from game.ui.widgets.party import PartyPanel, PartyStrip
from game.ui.widgets.scene_text import SceneText
from game.warm_words import together

MIN_STORY_ROWS = 6
"""The rows the scene's words keep at the least: the picture gives way below that."""
HINTS_SHARE = 0.4
"""The locked choices' hints are shown in full while the choices then take at most this
share of the rows (else 'not yet: pick it to see why'): the feast's two locked endings
took 13 rows of 22 and hid the scene."""
ROOMY_FOOTER = 72
"""The columns the footer's keys need with their usual spacing (else compact)."""
CHOICES_SHARE = 0.7
NOTICE_SECONDS = 6.0
"""How long a short notice (a locked choice's hint, 'The story was read again.') stays, at
most: it goes sooner when the scene changes. A trouble notice stays until then."""
NOTICES_KEPT = 3
"""The most notices shown at once (the newest)."""
PICTURE_WAITS = "(A picture is here when the window is bigger.)"
"""Said, dimmed, where the scene's picture would be when it gave way to the words."""
"""The most the choices take (#choices max-height): the story keeps the rest."""


class StoryScroll(Page, can_focus=False):
    """The scene's words and picture; scrolled with the mouse or Page Up/Down."""


class PlayMain(Vertical):
    """The story above the choices: when its size changes, they are fitted to it again."""

    def on_resize(self) -> None:
        screen = self.screen
        if isinstance(screen, PlayScreen):
            screen.fit_to_room()
            screen.fit_footer()


class PlayScreen(GameScreen[None]):
    """A playthrough in progress."""

    CSS_PATH = "play.tcss"
    AUTO_FOCUS = "#choices"

    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
        Binding("space", "read_on", "Read on"),
        Binding("space", "scroll_story(1)", "More", key_display="Space"),
        Binding("enter", "read_on", "Read on", show=False),
        Binding("b", "back", "Back"),
        Binding("a", "ask", "Ask"),
        Binding("a", "ask_not_now", show=False),  # when "a Ask" is not offered: say why
        Binding("s", "story_so_far", "Story"),  # "so far": the footer fits 60 columns
        Binding("escape", "menu", "Menu"),
        Binding("question_mark,f1", "app.how_to_play", "How to play", show=False),
        Binding("pageup", "scroll_story(-1)", show=False),
        Binding("pagedown", "scroll_story(1)", show=False),
    ]

    def __init__(self, game: Playthrough) -> None:
        super().__init__()
        self.game = game
        """The playthrough shown."""
        self.shown_settings: Settings | None = None
        """The settings the scene was last drawn with."""
        self.art_rows = 0
        """The rows of the scene's picture (0: none, or pictures are off)."""
        self.has_warm = False
        """A warm word waits below the scene until the scene is read."""
        self.notices: list[tuple[str, str, bool]] = []
        """The short notices shown above the choices: (title, words, trouble)."""
        self.notice_timer: Timer | None = None
        """Takes the notice away after `NOTICE_SECONDS`."""

    def compose(self) -> ComposeResult:
        yield Static(id="where", markup=False)
        yield PartyStrip(id="party-strip")
        with Horizontal(id="play-body"):
            with PlayMain(id="play-main"):
                with StoryScroll(id="story"):
                    yield Static(id="reply", markup=False)
                    yield Static(id="facts", markup=False)
                    yield Static(id="art", markup=False)
                    yield Static(Content(PICTURE_WAITS), id="art-note")
                    yield SceneText(id="scene")
                    yield Static(id="warm", markup=False)  # after the act it praises
                    yield Static(Content("▼ Press Space to read on"), id="more")
                yield Static(id="notice", markup=False)  # short notices, above the choices
                yield ChoiceList(id="choices")
            yield PartyPanel(id="party")
        yield GameFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.where = self.query_one("#where", Static)
        self.strip = self.query_one("#party-strip", PartyStrip)
        self.story_scroll = self.query_one("#story", StoryScroll)
        self.reply = self.query_one("#reply", Static)
        self.facts = self.query_one("#facts", Static)
        self.warm = self.query_one("#warm", Static)
        self.art = self.query_one("#art", Static)
        self.art_note = self.query_one("#art-note", Static)
        self.scene = self.query_one("#scene", SceneText)
        self.more = self.query_one("#more", Static)
        self.choices = self.query_one("#choices", ChoiceList)
        self.party = self.query_one("#party", PartyPanel)
        self.notice = self.query_one("#notice", Static)
        self.show_state()
        if self.notices:  # told before the screen was mounted
            title, words, error = self.notices.pop()
            self.show_notice(words, title=title, error=error)
        self.report_save()
        ended = self.game.chapter_just_ended  # saved right at a chapter's end: show it first
        if ended is not None:
            self.call_after_refresh(self.show_chapter_end, ended)
        elif self.at_ending:
            self.call_after_refresh(self.show_ending)

    def on_unmount(self) -> None:
        """The game is closed: its save is free for another game (once it is written)."""
        self.game_app.saver.release(self.game)

    def on_screen_resume(self) -> None:
        if self.shown_settings is not None and self.shown_settings != self.game_app.settings:
            self.show_state(reveal_all=True)

    # ------------------------------------------------------------ drawing

    @property
    def at_ending(self) -> bool:
        return self.game.ending is not None

    def show_state(
        self,
        facts: tuple[str, ...] = (),
        warm: tuple[str, ...] = (),
        reveal_all: bool = False,
        reply: str | None = None,
    ) -> None:
        """Draw the scene the hero is in, its choices and the party; first the `reply` of the
        choice just made (format 2) and its `facts` ('Wren joins your team.'); the `warm`
        word after the scene, once it is read (it praises what the scene told)."""
        story, state = self.game.story, self.game.state
        team = self.game.team  # two players: both are named at the top
        settings = self.game_app.settings
        self.shown_settings = settings
        self.set_class(settings.spacing == "snug", "-snug")
        names = story.names(state.hero)
        scene = story.scene(state.scene)
        chapter = story.chapters[state.chapter]
        text.show(
            self.where,
            Content.assemble(
                (text.line(chapter.title, names).plain, "bold"),
                ("  ·  ", "$text-muted"),
                (text.line(together(team.players) if team else state.hero).plain, ""),
            ),
        )
        text.show(self.reply, text.join(text.paragraphs(reply or "", names)))
        self.reply.display = bool(reply)
        text.show(self.facts, Content("\n".join(facts)))
        self.facts.display = bool(facts)
        text.show(self.warm, Content("\n".join(warm)))
        self.has_warm = bool(warm)
        self.art_rows = 0
        if scene.art and settings.art:
            picture = text.art(scene.art)
            text.show(self.art, picture)
            self.art_rows = len(picture.plain.split("\n"))
        self.scene.show_scene(
            text.paragraphs(self.game.text, names),
            all_at_once=reveal_all or settings.reveal == "all",
        )
        self.choices.show_offers(self.game.offers, names)
        self.party.show_party(story, state, "the hero" if team else "you")
        self.strip.show_party(story, state, self.game.name_of(state.hero) if team else "you")
        self.show_turn()
        self.fit_to_room()
        self.show_reveal()
        self.story_scroll.scroll_home(animate=False)

    def fit_to_room(self) -> None:
        """Share the rows between the story and the choices: every choice is shown, each
        locked one with its hint while the choices then take at most `HINTS_SHARE` of the
        rows; the scene's picture only while the words keep `MIN_STORY_ROWS` beside the
        choices; when it gives way, one dim line says a bigger window shows it (while the
        words keep `MIN_STORY_ROWS` beside that line too)."""
        main = self.query_one("#play-main")
        width, rows = main.size
        if not width:
            self.art.display = bool(self.art_rows)  # not laid out yet: fitted on its resize
            self.art_note.display = False
            return
        if self.notice.display:
            rows -= self.notice.outer_size.height  # the notice takes its rows from the story
        listed = self.choices.fit(width, int(rows * HINTS_SHARE))
        most = int(rows * CHOICES_SHARE)
        # No scrollbar while every choice fits: one that came and went in a passing layout
        # stayed, narrowed the list, wrapped a choice onto a row the list did not have.
        self.choices.styles.overflow_y = "hidden" if listed <= most else "auto"
        story_rows = rows - min(listed, most)
        fits = story_rows - self.art_rows - self.art.styles.margin.height >= MIN_STORY_ROWS
        self.art.display = bool(self.art_rows) and fits
        self.art_note.display = (
            bool(self.art_rows) and not fits and story_rows - 1 >= MIN_STORY_ROWS
        )

    def fit_footer(self) -> None:
        """Keys closer together below `ROOMY_FOOTER` columns: two players' 'a Ask' and
        'Space More' cut '^q Quit' at 60 columns."""
        self.query_one(GameFooter).compact = self.size.width < ROOMY_FOOTER

    def show_reveal(self) -> None:
        """Choices once the whole scene is shown; 'read on' until then."""
        done = self.scene.done
        self.more.display = not done
        self.warm.display = done and self.has_warm
        if self.choices.display != done:
            self.choices.display = done
            if done:
                self.choices.focus()
            self.refresh_bindings()  # "Read on" comes and goes in the footer

    def save_soon(self) -> None:
        """Have the saver write the new state (on its thread: the player never waits)."""
        loop = asyncio.get_running_loop()

        def saved() -> None:
            with contextlib.suppress(RuntimeError):  # the app has closed: nothing to tell
                loop.call_soon_threadsafe(self.report_save)

        self.game_app.saver.save(self.game, saved)

    def report_save(self) -> None:
        """Tell what saving had to say (the playthrough says a failure once, and once
        when saving works again)."""
        self.game_app.tell_news(self.game.news())

    def show_turn(self) -> None:
        """Two players: the choices' title says whose turn it is, in their colour (the
        first player's or the second's), and who they may ask when there is more than one
        choice; after asking, who chooses for whom. It sits on the rule above the choices,
        so it is seen without scrolling (a line after the story's words was seen only at
        their end). 'What will you do?' in a one-player game."""
        game = self.game
        chooser, player, helper = game.chooser, game.player, game.helper
        if game.team is None or chooser is None:
            self.choices.border_title = Content("What will you do?")
            return
        first = chooser == game.team.players[0]
        self.choices.set_class(first, "-first")
        self.choices.set_class(not first, "-second")
        if game.asking:
            title = Content(f"{chooser}, you choose for {player}!")
        else:
            asking = f"   a: ask {helper}" if game.can_ask else ""
            title = Content.assemble(f"{chooser}, what will you do?", (asking, "not bold"))
        self.choices.border_title = title
        self.refresh_bindings()  # "a Ask" is offered until the asking is done

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ask":
            return self.game.can_ask
        if action == "ask_not_now":
            return self.game.team is not None and not self.game.can_ask
        if action == "read_on":
            return not self.scene.done
        if action == "scroll_story" and parameters == (1,) and hasattr(self, "story_scroll"):
            scroll = self.story_scroll
            return self.scene.done and scroll.scroll_y < scroll.max_scroll_y
        return True

    # ------------------------------------------------------------ notices

    def show_notice(self, words: str, *, title: str = "", error: bool = False) -> None:
        """A short notice (already cleaned: `app.tell` sends it here), in its own place
        right above the choices, so that it hides none of them. Notices told together are
        shown together (the last `NOTICES_KEPT`); they go after `NOTICE_SECONDS` (unless
        one is trouble), and always when the scene changes."""
        line = (title, words, error)
        if line not in self.notices:
            self.notices = [*self.notices, line][-NOTICES_KEPT:]
        if not hasattr(self, "notice"):
            return  # told as the screen opens: shown once it is mounted
        self.notice.update(
            Content("\n").join(
                Content.assemble((f"{said}: ", "bold"), text) if said else Content(text)
                for said, text, _ in self.notices
            )
        )
        trouble = any(bad for _, _, bad in self.notices)
        self.notice.set_class(trouble, "-error")
        self.notice.display = True
        if self.notice_timer is not None:
            self.notice_timer.stop()
        self.notice_timer = None if trouble else self.set_timer(NOTICE_SECONDS, self.clear_notice)
        self.call_after_refresh(self.fit_to_room)

    @property
    def notice_words(self) -> list[str]:
        """The notices shown above the choices, as words ('Not yet: …')."""
        return [f"{title}: {words}" if title else words for title, words, _ in self.notices]

    def clear_notice(self) -> None:
        """Take the notices away (their time is up, or the scene changed)."""
        if self.notice_timer is not None:
            self.notice_timer.stop()
            self.notice_timer = None
        self.notices = []
        if self.notice.display:
            self.notice.display = False
            self.call_after_refresh(self.fit_to_room)

    def scene_changed(self) -> None:
        """A choice was made or taken back: what was said about the last scene goes, a
        toast from another screen too ('Only one way to go here' stayed two scenes)."""
        self.clear_notice()
        self.app.clear_notifications()

    # ------------------------------------------------------------ playing

    @on(ChoiceList.LockedPicked)
    def locked_picked(self, event: ChoiceList.LockedPicked) -> None:
        self.game_app.tell(event.hint, title="Not yet")

    @on(ChoiceList.Picked)
    def picked(self, event: ChoiceList.Picked) -> None:
        self.choose(event.choice)

    def choose(self, choice: Choice) -> Move:
        """Pick a choice: apply it, save, show what follows."""
        move = self.game.choose(choice, save=False)
        self.scene_changed()
        self.save_soon()
        self.show_state(move.before_scene, move.after_scene, reply=move.reply)
        if move.chapter_ended:
            self.show_chapter_end(move.chapter_ended)
        elif move.ending:
            self.show_ending(move.reply)
        return move

    def show_chapter_end(self, chapter_id: str) -> None:
        """The end of the chapter just left: its summary and talk questions; then the next
        scene (or the ending, when the chapter led straight to one)."""
        from game.ui.screens.chapter_end import ChapterEndScreen

        game = self.game
        chapter = game.story.chapters.get(chapter_id)
        talk = game.talk(chapter.talk) if chapter else None
        self.app.push_screen(
            ChapterEndScreen(game.story, game.state, chapter_id, talk, game.team),
            self.after_chapter_end,
        )

    def after_chapter_end(self, _result: object = None) -> None:
        if self.at_ending:
            self.show_ending()

    def show_ending(self, reply: str | None = None) -> None:
        from game.ui.screens.ending import EndingScreen

        game = self.game
        chapter = game.story.chapters.get(game.state.chapter)
        talk = game.talk(chapter.talk) if chapter else None
        players = how_we_helped(game.team) if game.team else None
        self.app.push_screen(
            EndingScreen(game.story, game.state, reply, talk, players, game.team),
            self.after_ending,
        )

    def after_ending(self, choice: EndingChoice | None) -> None:
        app = self.game_app
        match choice:
            case EndingChoice.BACK:
                self.action_back()
            case EndingChoice.AGAIN:
                app.to_title()
                app.ask_new_game(self.game.state.hero)
            case EndingChoice.QUIT:
                app.quit_game()
            case _:
                app.to_title()

    def use_story(self, story: Story) -> None:
        """A writer reloaded the story: keep playing the same state in it, at the same
        place in the scene (the top when the hero had to move). The place is kept after
        an edit that broke the story and one that mended it too: the scene went back to
        its top then, behind the errors (playtest)."""
        scene, place = self.game.state.scene, self.story_scroll.scroll_y
        notice = self.game.refit(story, save=False)
        self.save_soon()
        self.show_state(reveal_all=True)
        if self.game.state.scene == scene and place:
            self.story_scroll.scroll_to(y=place, animate=False)  # after show_state's home
        if notice:
            self.game_app.tell(notice)

    # ------------------------------------------------------------ actions

    def action_pick(self, number: int) -> None:
        if not self.scene.done:
            self.scene.reveal_all()
            self.show_reveal()
            return
        self.choices.pick_number(number)

    def action_read_on(self) -> None:
        self.scene.reveal_next()
        self.show_reveal()
        self.story_scroll.scroll_end(animate=False)

    def action_ask(self) -> None:
        """Two players: the one whose turn it is asks the other to choose."""
        if self.game.ask() is not None:
            self.show_turn()

    def action_ask_not_now(self) -> None:
        """Two players, 'a' where asking is not offered (one way on, or asked already):
        the core's short notice says why, as --plain says it."""
        line = self.game.ask()
        if line is not None:
            self.game_app.tell(line)

    def action_back(self) -> None:
        if self.game.back(save=False):
            self.scene_changed()
            self.save_soon()
            self.show_state(reveal_all=True)
        else:
            self.game_app.tell("This is where the story began: there is no step to go back to.")

    def action_story_so_far(self) -> None:
        from game.ui.screens.story_so_far import StorySoFarScreen

        self.app.push_screen(StorySoFarScreen(self.game.story, self.game.state))

    def action_menu(self) -> None:
        from game.ui.screens.menu import MenuScreen

        self.app.push_screen(MenuScreen(), self.menu_chosen)

    def menu_chosen(self, choice: MenuChoice | None) -> None:
        app = self.game_app
        match choice:
            case MenuChoice.STORY_SO_FAR:
                self.action_story_so_far()
            case MenuChoice.HOW_TO_PLAY:
                app.action_how_to_play()
            case MenuChoice.LOAD:
                app.action_load()
            case MenuChoice.TITLE:
                app.to_title()
            case MenuChoice.QUIT:
                app.quit_game()

    def action_scroll_story(self, direction: int) -> None:
        if direction < 0:
            self.story_scroll.scroll_page_up(animate=False)
        else:
            self.story_scroll.scroll_page_down(animate=False)
