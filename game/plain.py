"""`--plain`: the game line by line, for screen readers, pipes and scripts.

The story is written to standard output and one line at a time is read from
standard input: a number picks a choice, `b` goes back one step, `p` shows the
party, `s` the story so far, `q` quits, anything else gets a short friendly hint. The game is saved
after every move, exactly as the full game saves it, so end of input or a
closed terminal loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

from game import recap
from game.engine import (
    Choice,
    EndingsBook,
    GameState,
    Offer,
    SaveStore,
    Story,
    clean,
    clean_line,
    render_line,
    render_plain,
)
from game.launch import Launch
from game.session import CannotStart, Playthrough
from game.team import how_we_helped
from game.warm_words import TALKING, times, together

HINTS = (
    "Type a number from 1 to {n} and press Enter (or b to go back, p for your party, q to quit).",
    "Pick one of the numbers, 1 to {n}. You can also type b to go back, p to see your party, "
    "or s for the story so far.",
    "Almost! Choose with a number from 1 to {n}, or type q to stop for now.",
)
"""Friendly answers to a line that is not a choice, taken in turn."""


class PlainGame:
    """One playthrough (`game.session.Playthrough`), shown line by line."""

    def __init__(
        self,
        story: Story,
        store: SaveStore,
        out: TextIO,
        inp: TextIO,
        err: TextIO,
        echo: bool = False,
    ) -> None:
        self.story = story
        self.store = store
        self.out = out
        self.inp = inp
        self.err = err
        self.echo = echo
        """Repeat each line read (input is not a terminal), so the output reads as a dialogue."""
        self.game: Playthrough | None = None
        """The playthrough shown, once it has begun."""
        self.shown_chapter: str | None = None
        self.turn = 0
        """How many hints were shown: they are varied in turn."""

    # -- output

    def say(self, text: str = "") -> None:
        self.out.write(clean(text) + "\n")

    def warn(self, text: str) -> None:
        self.out.flush()
        self.err.write(clean(text) + "\n")
        self.err.flush()

    @property
    def state(self) -> GameState:
        assert self.game is not None
        return self.game.state

    @property
    def names(self) -> dict[str, str]:
        return self.game.names if self.game else self.story.names(self.story.hero_name)

    def line(self, text: str) -> str:
        return render_line(text, self.names)

    def tell_news(self) -> None:
        """Say what the playthrough has to tell: problems on standard error."""
        if self.game is None:
            return
        for news in self.game.news():
            if news.trouble:
                self.warn(news.text)
            else:
                self.say()
                self.say(news.text)

    # -- beginning

    def begin(self, launch: Launch) -> int | None:
        """Start or resume the game; an exit code when it cannot begin."""
        try:
            self.game = Playthrough.start(self.story, self.store, launch)
        except CannotStart as exc:
            self.warn(str(exc))
            return 2
        self.say(self.line(self.story.title))
        if self.story.author:
            self.say(f"by {self.line(self.story.author)}")
        self.tell_news()
        return None

    def goodbye(self) -> None:
        assert self.game is not None
        if self.game.save_error is None:
            self.say("Your game is saved. See you next time!")
        else:
            self.say(
                f"Sorry: this game could not be saved ({self.game.save_error}). See you next time!"
            )

    # -- playing

    def play(self) -> int:
        """Show scenes and read choices until an ending, `q` or the end of input."""
        game = self.game
        assert game is not None
        if game.chapter_just_ended is not None:  # saved right at a chapter's end
            self.show_chapter_end(game.chapter_just_ended)
        self.show_scene()
        while True:
            if game.ending is not None:
                return 0
            shown = game.offers
            choices = [offer.choice for offer in shown if offer.available]
            self.show_choices(shown)
            self.show_turn()
            answer = self.read()
            if answer is None:
                self.say()
                self.goodbye()
                return 0
            word = answer.strip().lower().rstrip(".")
            if word in ("q", "quit", "exit"):
                self.goodbye()
                return 0
            if word in ("b", "back"):
                self.back()
            elif word in ("a", "ask"):
                self.ask()
            elif word in ("p", "party"):
                self.show_party()
            elif word in ("s", "story"):
                self.show_story_so_far()
            elif word.isdecimal() and 1 <= choice_number(word) <= len(choices):
                self.choose(choices[choice_number(word) - 1])
            elif word.isdecimal():
                number = clean_line(word.lstrip("0") or "0", 12)
                self.say(self.number_hint(len(choices), f"There is no choice {number} here."))
            else:
                self.say(self.number_hint(len(choices)))

    def read(self) -> str | None:
        self.out.write("> ")
        self.out.flush()
        try:
            line = self.inp.readline()
        except UnicodeDecodeError:
            line = "?\n"
        if not line:
            return None
        if self.echo:
            self.out.write(clean_line(line) + "\n")
        return line

    def show_turn(self) -> None:
        """Two players: whose turn it is, before each prompt (and `a` when there is more
        than one choice to help with)."""
        game = self.game
        if game is None or game.team is None:
            return
        if game.asking:
            self.say(f"{game.chooser}'s turn, to help {game.player}.")
        elif game.can_ask:
            self.say(f"{game.player}'s turn. (a: ask {game.helper} to help choose)")
        else:
            self.say(f"{game.player}'s turn.")

    def ask(self) -> None:
        """`a`: the player whose turn it is asks the other to choose."""
        assert self.game is not None
        line = self.game.ask()
        if line is None:
            self.say("a asks the other player to help choose, in a game for two (--players).")
        else:
            self.say(line)

    def number_hint(self, count: int, first: str = "") -> str:
        """A short, friendly word about what can be typed here (varied in turn)."""
        if count == 0:
            hint = "There is no way on from here: type b to go back one step, or q to quit."
        elif count == 1:
            hint = "Type 1 and press Enter to go on (or b to go back, p for your party, q to quit)."
        else:
            hint = HINTS[self.turn % len(HINTS)].format(n=count)
        self.turn += 1
        return f"{first} {hint}".strip()

    def choose(self, choice: Choice) -> None:
        assert self.game is not None
        move = self.game.choose(choice)
        self.tell_news()
        if move.reply:  # format 2: what happens right after the choice
            self.say()
            self.say(render_plain(move.reply, self.names))
        self.say_lines(move.before_scene)
        if move.chapter_ended:
            self.show_chapter_end(move.chapter_ended)
        self.show_scene()
        self.say_lines(move.after_scene)  # the warm word follows the act the scene tells

    def say_lines(self, lines: tuple[str, ...]) -> None:
        """A blank line, then `lines`; nothing when there are none."""
        if lines:
            self.say()
            for line in lines:
                self.say(line)

    def back(self) -> None:
        assert self.game is not None
        if not self.game.back():
            self.say("This is where your story began: there is no step to go back to.")
            return
        self.tell_news()
        self.say()
        self.say("You go back one step.")
        self.show_scene()

    # -- showing

    def show_scene(self) -> None:
        assert self.game is not None
        scene = self.game.scene
        if scene.chapter != self.shown_chapter:
            self.shown_chapter = scene.chapter
            self.say()
            self.say(f"== {self.line(self.story.chapters[scene.chapter].title)} ==")
        self.say()
        self.say(render_plain(self.game.text, self.names))
        if scene.ending is not None:
            self.show_ending(scene.ending)

    def show_choices(self, shown: list[Offer]) -> None:
        self.say()
        number = 0
        for offer in shown:
            if offer.available:
                number += 1
                self.say(f"{number}. {self.line(offer.choice.text)}")
        for offer in shown:
            if not offer.available:
                hint = self.line(offer.hint or "")
                text = self.line(offer.choice.text)
                self.say(f"   (locked) {text}" + (f": {hint}" if hint else ""))

    def show_chapter_end(self, chapter_id: str) -> None:
        chapter = self.story.chapters.get(chapter_id)
        if chapter is None:
            return
        self.say()
        self.say(f"-- End of chapter: {self.line(chapter.title)} --")
        if chapter.talk:
            self.say(render_line(TALKING[self.turn % len(TALKING)], {}))
            talk = self.game.talk(chapter.talk) if self.game else list(chapter.talk)
            for question in talk:
                self.say(f"  * {self.line(question)}")

    def show_ending(self, name: str) -> None:
        """The ending: its name, who helped whom, the last chapter's talk questions (no
        chapter end comes before an ending), then `Endings found: N of M.`"""
        self.say()
        self.say(f"*** The end: {self.line(name)} ***")
        team = self.game.team if self.game is not None else None
        helpers = recap.who_helped_whom(self.story, self.state, team)
        if helpers:
            self.say()
            self.say("Friends helping friends:")
            for helper in helpers:
                self.say(f"  * {helper.words()}")
        self.say(f"{recap.help_totals(self.state, team)} Stronger together!")
        if self.game is not None and self.game.team is not None:
            self.say(how_we_helped(self.game.team))
        chapter = self.story.chapters.get(self.state.chapter)
        if chapter is not None and chapter.talk:
            self.say()
            self.say(render_line(TALKING[self.turn % len(TALKING)], {}))
            talk = self.game.talk(chapter.talk) if self.game else list(chapter.talk)
            for question in talk:
                self.say(f"  * {self.line(question)}")
        self.say()
        self.say_endings_found(name)

    def say_endings_found(self, name: str) -> None:
        """Note the ending among the endings found; say how many (the last line)."""
        book = EndingsBook(self.store.folder, self.story)
        before = book.read()
        try:
            after = book.record(name, self.state.hero)
        except OSError as exc:
            self.warn(f"The endings found could not be kept: {exc}")
            after = before
        found, of = after.count(self.story)
        if name not in before.found_names() and name in after.found_names():
            self.say("You found a new ending!")
        self.say(f"Endings found: {found} of {of}.")

    def show_story_so_far(self) -> None:
        """`s`: every scene visited (with the `when` text shown there) and every choice made
        (with its reply), chapter by chapter: the full-screen game's lines, as text."""
        self.say()
        self.say("The story so far:")
        for line in story_so_far_lines(self.story, self.state):
            self.say(line)

    def show_party(self) -> None:
        assert self.game is not None
        self.say()
        hero = self.game.name_of(self.state.hero)
        party = [self.story.companions[w] for w in self.state.party if w in self.story.companions]
        if not party:
            self.say(f"Your party is just you, {hero}, for now.")
        else:
            self.say(f"Your party: {together([hero, *(self.line(c.name) for c in party)])}.")
            for companion in party:
                who = companion.id
                self.say(
                    f"  {self.line(companion.name)} ({self.line(companion.gift)}): "
                    f"helped you {times(self.state.help_received(who))}, "
                    f"you helped {self.game.name_of(who)} "
                    f"{times(self.state.help_given(who))}."
                )
        got, gave = times(self.state.help_received()), times(self.state.help_given())
        self.say(f"So far, you accepted help {got} and gave help {gave}.")  # the panel's words


def choice_number(word: str) -> int:
    """The number typed (digits only), or 0 when it is too long to be a choice's: Python
    refuses to read more than 4,300 digits, and no scene has a billion choices."""
    return int(word) if len(word) <= 9 else 0


def run_plain(
    story: Story,
    store: SaveStore,
    launch: Launch,
    out: TextIO | None = None,
    inp: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Play `story` line by line; the exit code (0, or 2 when a save cannot be loaded)."""
    out = out or sys.stdout
    inp = inp or sys.stdin
    err = err or sys.stderr
    for stream in (out, inp, err):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
    try:
        echo = not inp.isatty()
    except (AttributeError, ValueError):
        echo = True
    game = PlainGame(story, store, out, inp, err, echo=echo)
    try:
        code = game.begin(launch)
        if code is not None:
            return code
        code = game.play()
        out.flush()
        return code
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):
            game.say()
            game.goodbye()
            out.flush()
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): the game is saved; say nothing more.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
        return 0
    finally:
        if game.game is not None:
            game.game.release()  # the save is free for the next game


def story_so_far_lines(story: Story, state: GameState) -> list[str]:
    """The story so far as `s` prints it (without its heading): the full-screen game's
    entries, as indented lines."""
    out: list[str] = []
    for entry in recap.story_so_far(story, state):
        if entry.chapter is not None:
            out.append(f"== {entry.chapter} ==")
            continue
        if entry.scene and entry.choice:
            out.append(f"  {entry.scene}")
        if not entry.choice:
            out.append(f"  Now: {entry.scene}")
        out += [f"  {words}" for words in entry.when]
        if entry.choice:
            out.append(f"    -> {entry.choice}")
            if entry.reply:
                out.append(f"      {entry.reply}")
    return out
