"""The Textual app: the screens a family plays in, on top of the engine and the saves.

`run_game` is the way in (from `game.play`, after the story passed `check`).
The app holds what every screen shares: the story, the saves, the settings.
Screens and dialogs live in `game.ui.screens`, the play screen's parts in
`game.ui.widgets`.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.screen import Screen

from game.engine import EndingsBook, GameState, Story, clean, clean_line
from game.launch import Launch
from game.session import CannotStart, News, Playthrough
from game.ui.saver import Saver
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.text import CleanLines
from game.ui.themes import DARK, HIGH_CONTRAST, LIGHT, TEXTUAL_THEMES

CLEAN_LINES = CleanLines()

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from game.engine import CheckReport, SaveStore
    from game.ui.story_watch import Stamp


class StrongerTogether(App[int]):
    """The game: a title screen, then a playthrough, saved after every choice."""

    TITLE = "Stronger Together"
    CSS_PATH = ["shared.tcss", "app.tcss"]
    """The shared classes (pages, dialogs), then the title's look; each other screen brings
    its own .tcss."""
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    """Below 72 columns the party panel becomes one line."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (23, "-tall")]
    """Below 23 lines the margins shrink."""

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+r", "reload_story", "Reload story", show=False),
    ]

    def __init__(
        self,
        story: Story,
        story_dir: Path,
        store: SaveStore,
        launch: Launch | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.story = story
        """The story being played (a writer's reload replaces it)."""
        self.proved_story = story
        """The newest story that passed `check`: played again when an edit breaks it."""
        self.reloads = 0
        """How many times the story has been read again (the newest read wins)."""
        self.proved_reload = 0
        """Which read gave `proved_story`."""
        self.story_stamp: frozenset = frozenset()
        """What the story folder's files looked like at the last look."""
        self.story_dir = Path(story_dir)
        """Where the story was read from, for reloading."""
        self.store = store
        """The saves folder."""
        self.launch = launch or Launch()
        """The command line's wishes, honoured once at start."""
        self.settings = settings if settings is not None else load_settings(store.folder)
        """The family's settings, kept in the saves folder."""
        self.saver = Saver()
        """Writes the playthrough's saves in the background, in order."""
        self.register_theme(DARK)
        self.register_theme(HIGH_CONTRAST)
        self.register_theme(LIGHT)
        self.theme = TEXTUAL_THEMES[self.settings.theme]

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then `CleanLines`: no escape code reaches the terminal."""
        return [*super().get_line_filters(), CLEAN_LINES]

    # ------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen:
        from game.ui.screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        self.watch_story_folder()
        self.honour_launch()
        self.call_after_refresh(self.started)

    def started(self) -> None:
        """The first screen is up. When `python -m game` paused the garbage collector for a
        quicker start, what start-up made (modules, the story: kept for the whole game) is
        set aside for good, then the collector runs again, looking only at what play makes."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def honour_launch(self) -> None:
        """`--load`, `--continue`, `--at` or `--name`: go straight into the game."""
        launch = self.launch
        if launch.load is not None:
            self.resume(Path(launch.load))
        elif launch.continue_:
            self.continue_newest()
        elif launch.at or launch.name or launch.party or launch.flags or launch.players:
            try:
                game = Playthrough.new(
                    self.story,
                    self.store,
                    launch.name,
                    at=launch.at,
                    party=launch.party,
                    flags=launch.flags,
                    players=launch.players,
                )
            except CannotStart as exc:
                self.tell(str(exc), error=True)
                return
            self.play(game)

    # ------------------------------------------------------------ settings

    def change_settings(self, settings: Settings) -> None:
        """Use new settings at once and keep them for next time."""
        self.settings = settings
        self.theme = TEXTUAL_THEMES[settings.theme]
        try:
            save_settings(self.store.folder, settings)
        except OSError as exc:
            self.tell(f"The settings could not be kept: {exc}", error=True)

    async def action_quit(self) -> None:
        """Quit, once the last choice's save is on the disk."""
        self.quit_game()

    def quit_game(self) -> None:
        self.saver.flush()
        self.exit(0)

    # ------------------------------------------------------------ talking

    def tell(self, message: str, *, error: bool = False, title: str = "") -> None:
        """A short notice with text that may hold story or file text: never markup, always
        cleaned. On the play screen it goes to the screen's own place for notices, above
        the choices (a toast there hid half of each choice and outlived its scene);
        elsewhere it is a toast."""
        show_notice = getattr(self.screen, "show_notice", None)  # the play screen's
        if show_notice is not None:
            show_notice(clean(message), title=clean_line(title), error=error)
            return
        self.notify(
            clean(message),
            title=clean_line(title),
            severity="error" if error else "information",
            timeout=8 if error else 4,
            markup=False,
        )

    # ------------------------------------------------------------ where to go

    def to_title(self) -> None:
        """Close everything above the title screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def ask_new_game(self, name: str | None = None) -> None:
        """Ask the hero's name, then begin.

        The name box is pushed from the app's own message loop: Textual hands a
        dialog's answer to whichever screen was handling a message when it was pushed,
        and "Play again" asks from the play screen, which is closed by then (the
        answer was lost and the family was left on the title screen)."""
        self.call_next(self._ask_new_game, name)

    def _ask_new_game(self, name: str | None) -> None:
        from game.ui.screens.players_prompt import PlayersPrompt

        def counted(players: int | None) -> None:
            if players == 1:
                self._ask_hero(name)
            elif players == 2:
                self._ask_players(name)

        self.push_screen(PlayersPrompt(), counted)

    def _ask_hero(self, name: str | None) -> None:
        from game.ui.screens.name_prompt import NamePrompt

        def chosen(hero: str | None) -> None:
            if hero:
                self.play(Playthrough.new(self.story, self.store, hero))

        self.push_screen(NamePrompt(name or self.story.hero_name), chosen)

    def _ask_players(self, name: str | None) -> None:
        """Two players: the first is the hero, then the teammate (the name box itself answers
        an empty name, or the first player's name again, and keeps what was typed)."""
        from game.ui.screens.name_prompt import NamePrompt

        def second(first: str, other: str | None) -> None:
            if other:
                self.play(Playthrough.new(self.story, self.store, players=(first, other)))

        def chosen(first: str | None) -> None:
            if first:
                ask = NamePrompt("", f"And who plays with {first}?", taken=first)
                self.push_screen(ask, lambda other: second(first, other))

        question = "Player one is the hero. What is their name?"
        hero = NamePrompt(name or self.story.hero_name, question, begins=False)
        self.push_screen(hero, chosen)

    def begin(self, state: GameState) -> None:
        """A new playthrough from this state: saved at once, then played."""
        self.play(Playthrough.begin(self.story, self.store, state))

    def resume(self, path: Path) -> bool:
        """Open a save and play on; a message (and the file left alone) if it cannot be."""
        if self.back_to(path):
            return True
        self.saver.flush()  # a game closed just now has let go of its save
        try:
            game = Playthrough.load(self.story, self.store, path)
        except CannotStart as exc:
            self.tell(f"{exc} It is left as it is.", error=True)
            return False
        self.play(game)
        return True

    def continue_newest(self) -> bool:
        """Resume the newest save that can be loaded, naming the damaged ones passed over."""
        newest = self.store.newest(self.story)
        if newest is not None and self.back_to(newest.path):
            return True
        self.saver.flush()  # a game closed just now has let go of its save
        game, passed = Playthrough.resume_newest(self.story, self.store)
        if game is None:
            self.tell_news(passed)
            self.tell("There is no saved game to continue yet.")
            return False
        self.play(game)
        self.tell_news(passed)  # above the choices, as the play screen says things
        return True

    def tell_news(self, news: list[News]) -> None:
        """Show what a playthrough has to tell (save problems, a scene that moved)."""
        for item in news:
            self.tell(item.text, error=item.trouble)

    def back_to(self, path: Path) -> bool:
        """When the save asked for is the game being played here, go back to it (opening
        it again would find it in use, and play on in a copy); to its chapter's end when
        that is open above it (its talk questions are not skipped)."""
        from game.ui.screens.play import PlayScreen

        wanted = Path(path).resolve()
        stack = self.screen_stack
        for index, screen in enumerate(stack):
            here = screen.game.path if isinstance(screen, PlayScreen) else None
            if here is not None and here.resolve() == wanted:
                from game.ui.screens.chapter_end import ChapterEndScreen

                above = stack[index + 1 : index + 2]
                if above and isinstance(above[0], ChapterEndScreen):
                    screen = above[0]
                while self.screen is not screen:
                    self.pop_screen()
                return True
        return False

    def play(self, game: Playthrough) -> None:
        from game.ui.screens.play import PlayScreen

        self.to_title()
        self.push_screen(PlayScreen(game))
        self.tell_news(game.news())

    # ------------------------------------------------------------ live reload

    def watch_story_folder(self) -> None:
        """Look at the story folder a few times a second; a saved file reloads the story."""
        from game.ui.story_watch import POLL_SECONDS, story_stamp

        self.story_stamp = story_stamp(self.story_dir)
        self.set_interval(POLL_SECONDS, self.look_at_story_folder)

    def look_at_story_folder(self) -> None:
        from game.ui.story_watch import story_stamp

        stamp = story_stamp(self.story_dir)
        if stamp != self.story_stamp:
            self.story_stamp = stamp
            self._check_story()

    def action_reload_story(self) -> None:
        """Writers: read the story folder again, keep playing where we are."""
        self.tell("Reading the story again…")
        self._check_story()

    def _check_story(self) -> None:
        from game.ui.story_watch import story_stamp

        stamp = self.story_stamp = story_stamp(self.story_dir)  # this read sees these files
        self.reloads += 1
        self.run_worker(
            lambda: self._read_story(self.reloads, stamp),
            thread=True,
            exclusive=True,
            group="reload",
        )

    def _read_story(self, reload: int, stamp: Stamp = frozenset()) -> None:
        """On a worker thread: read the folder (quick) and show the edit at once; then prove
        it (`check`'s exploration, seconds for a big story) unless this version of the files
        was proved before. A story that fails either step is not played: its errors are
        shown over the story that was running (the last one that passed)."""
        from game.engine import check_story, load_story
        from game.play import checked, remember, story_fingerprint

        def current() -> bool:
            return reload == self.reloads  # a newer save of a file has started a newer read

        def settled() -> bool:
            """The files read are still on disk a moment later. An editor that writes a
            file in place can be read half-written: its errors are not shown, the next
            look at the folder reads the whole file."""
            from game.ui.story_watch import POLL_SECONDS, story_stamp

            time.sleep(POLL_SECONDS)
            return current() and story_stamp(self.story_dir) == stamp

        try:
            loaded = load_story(self.story_dir)
            if not current():
                return
            if not loaded.ok or loaded.story is None:
                if not settled():
                    return
                lines = [p.format() for p in loaded.problems.errors]
                self.call_from_thread(self.story_failed, lines or ["the story could not be read"])
                return
            self.call_from_thread(self.use_story, loaded.story)
            fingerprint = story_fingerprint(self.story_dir)
            if fingerprint in checked(self.store.folder):
                self.call_from_thread(self.story_proved, loaded.story, 0, reload)
                return
            report = check_story(self.story_dir)
        except Exception as exc:  # noqa: BLE001 - a writer's folder can be anything
            if current():
                self.call_from_thread(self.story_failed, [f"{self.story_dir}: {exc}"])
            return
        if not report.ok or report.story is None:
            if current():
                lines = [p.format() for p in report.errors] or ["the story could not be read"]
                self.call_from_thread(self.story_failed, lines)
            return
        remember(self.store.folder, fingerprint)
        self.call_from_thread(self.story_proved, loaded.story, len(report.warnings), reload)

    def use_story(self, story: Story) -> None:
        """Play on in `story`, keeping every playthrough's place."""
        self.story = story
        from game.ui.screens.play import PlayScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayScreen):
                screen.use_story(story)

    def story_proved(self, story: Story, warnings: int, reload: int = 0) -> None:
        """The edited story passed `check`: it is the one to go back to from now on. (A
        read overtaken by a newer save still counts: when that newer one broke the story,
        the game goes on in this one.)"""
        if reload < self.proved_reload:
            return
        on_fallback = self.story is self.proved_story
        self.proved_story, self.proved_reload = story, reload
        if reload != self.reloads:
            if on_fallback:
                self.use_story(story)
            return
        from game.ui.screens.problems import ProblemsScreen

        if isinstance(self.screen, ProblemsScreen):
            self.screen.dismiss()  # the newest save mended what an older one broke
        self.tell(
            "The story was read again."
            + (f" {warnings} warning{'s' if warnings != 1 else ''}." if warnings else "")
        )

    def story_read(self, report: CheckReport) -> None:
        """A full `check` report for the story folder: play it, or show its errors."""
        if not report.ok or report.story is None:
            lines = [p.format() for p in report.errors] or ["the story could not be read"]
            self.story_failed(lines)
            return
        self.use_story(report.story)
        self.reloads += 1
        self.story_proved(report.story, len(report.warnings), self.reloads)

    def story_failed(self, lines: list[str]) -> None:
        """Show `check`'s errors; play on in the last story that passed."""
        from game.ui.screens.problems import ProblemsScreen

        if self.story is not self.proved_story:
            self.use_story(self.proved_story)
        if isinstance(self.screen, ProblemsScreen):
            self.screen.show_lines(lines)  # a newer save of a file: one dialog, newest errors
            return

        self.push_screen(ProblemsScreen(lines))

    # ------------------------------------------------------------ commands

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Reload the story", "Writers: read the story files again", self.action_reload_story
        )
        yield SystemCommand("Settings", "Theme, how text appears, spacing", self.action_settings)
        yield SystemCommand(
            "How to play", "The keys, and what the game is about", self.action_how_to_play
        )
        yield SystemCommand("Quit", "Quit (the game is already saved)", self.action_quit)

    def action_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_how_to_play(self) -> None:
        from game.ui.screens.how_to_play import HowToPlayScreen

        self.push_screen(HowToPlayScreen())

    @property
    def endings(self) -> EndingsBook:
        """The endings found in this story, kept in the saves folder."""
        return EndingsBook(self.store.folder, self.story)

    def action_endings(self) -> None:
        from game.ui.screens.endings import EndingsScreen

        self.push_screen(EndingsScreen())

    def action_load(self) -> None:
        from game.ui.screens.load import LoadScreen

        self.push_screen(LoadScreen())


def run_game(story: Story, story_dir: Path, store: SaveStore, launch: Launch) -> int:
    """Play `story` full screen until the player quits; the exit code."""
    app = StrongerTogether(story, story_dir, store, launch)
    try:
        app.run()
    finally:
        app.saver.close()  # every save asked for is on the disk before we return
    return app.return_code or 0
