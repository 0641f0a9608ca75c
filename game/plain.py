"""`--plain`: the game line by line (DESIGN §5), for screen readers, pipes and scripts.

The story is written to standard output and one line at a time is read from
standard input: a number picks a choice, `b` goes back one step, `p` shows the
party, `q` quits, anything else gets a short friendly hint. The game is saved
after every move, exactly as the full game saves it, so end of input or a
closed terminal loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TextIO

from game.engine.model import Story
from game.engine.rules import (
    Offer,
    RuleError,
    apply_choice,
    current_scene,
    go_back,
    new_game,
    offers,
    scene_text,
)
from game.engine.saves import BACKUP_SUFFIX, SaveError, SaveStore
from game.engine.state import GameState
from game.engine.text import clean_name, render_line, render_plain
from game.launch import Launch
from game.warm_words import TALKING, for_outcome, together

HINTS = (
    "Type a number from 1 to {n} and press Enter (or b to go back, p for your party, q to quit).",
    "Pick one of the numbers, 1 to {n}. You can also type b to go back or p to see your party.",
    "Almost! Choose with a number from 1 to {n}, or type q to stop for now.",
)
"""Friendly answers to a line that is not a choice, taken in turn."""


class PlainGame:
    """One playthrough, line by line."""

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
        self.state: GameState | None = None
        self.path: Path | None = None
        self.shown_chapter: str | None = None
        self.unsaved: str | None = None
        """Why the last save failed, while it has."""
        self.turn = 0
        """How many warm words and hints were shown: they are varied in turn."""

    # -- output

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def warn(self, text: str) -> None:
        self.out.flush()
        self.err.write(text + "\n")
        self.err.flush()

    @property
    def names(self) -> dict[str, str]:
        return self.story.names(self.state.hero if self.state else self.story.hero_name)

    def line(self, text: str) -> str:
        return render_line(text, self.names)

    # -- beginning

    def begin(self, launch: Launch) -> int | None:
        """Start or resume the game; an exit code when it cannot begin."""
        notice = None
        if launch.load is not None:
            try:
                resumed = self.store.load(launch.load, self.story)
            except SaveError as exc:
                self.warn(f"Cannot load {launch.load}: {exc}.")
                return 2
            self.state, self.path, notice = resumed.state, Path(launch.load), resumed.notice
            if self.path.name.endswith(BACKUP_SUFFIX):
                self.path = None  # a kept previous version: play on in a new file, keep it
        elif launch.continue_:
            notice = self.resume_newest()
        if self.state is None:
            hero = clean_name(launch.name or "") or self.story.hero_name
            try:
                self.state = new_game(
                    self.story, hero, launch.at, party=launch.party, flags=launch.flags
                )
            except RuleError as exc:
                self.warn(f"error: --at: {exc}")
                return 2
            try:
                self.path = self.store.create(self.story, self.state)
            except SaveError as exc:
                self.unsaved = str(exc)
                self.warn(f"This game cannot be saved: {exc}. You can still play.")
        self.say(self.line(self.story.title))
        if self.story.author:
            self.say(f"by {self.line(self.story.author)}")
        if notice:
            self.say()
            self.say(render_line(notice, {}))
        return None

    def resume_newest(self) -> str | None:
        """Load the newest save that loads, naming the damaged ones passed over."""
        for info in self.store.list(self.story):
            if not info.loadable:
                self.warn(f"Passing over {info.path}: {info.damaged}.")
                continue
            try:
                resumed = self.store.load(info.path, self.story)
            except SaveError as exc:  # changed since it was listed
                self.warn(f"Passing over {info.path}: {exc}.")
                continue
            self.state, self.path = resumed.state, info.path
            return resumed.notice
        self.say("There is no saved game to continue yet, so a new one begins.")
        return None

    # -- saving

    def save(self) -> None:
        """Write the state to its file; a damaged or changed file gets a new one instead."""
        try:
            if self.path is None:
                self.path = self.store.create(self.story, self.state)
            else:
                self.store.write(self.path, self.story, self.state)
            self.unsaved = None
            return
        except SaveError as exc:
            reason = str(exc)
        try:
            if self.path is not None:
                self.path = self.store.create(self.story, self.state)
                self.warn(f"Could not save over the old file ({reason}); saved in {self.path}.")
                self.unsaved = None
                return
        except SaveError as exc:
            reason = str(exc)
        self.unsaved = reason
        self.warn(f"Could not save: {reason}. The game goes on; it will try again.")

    def goodbye(self) -> None:
        if self.unsaved is None:
            self.say("Your game is saved. See you next time!")
        else:
            self.say(f"Sorry: this game could not be saved ({self.unsaved}). See you next time!")

    # -- playing

    def play(self) -> int:
        """Show scenes and read choices until an ending, `q` or the end of input."""
        self.show_scene()
        while True:
            scene = current_scene(self.story, self.state)
            if scene.ending is not None:
                return 0
            shown = offers(self.story, self.state)
            choices = [offer.choice for offer in shown if offer.available]
            self.show_choices(shown)
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
            elif word in ("p", "party"):
                self.show_party()
            elif word.isdecimal() and 1 <= int(word) <= len(choices):
                self.choose(choices[int(word) - 1])
            elif word.isdecimal():
                self.say(self.number_hint(len(choices), f"There is no choice {int(word)} here."))
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
            self.out.write(line if line.endswith("\n") else line + "\n")
        return line

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

    def choose(self, choice) -> None:
        outcome = apply_choice(self.story, self.state, choice)
        self.state = outcome.state
        self.save()
        names = self.names
        if outcome.reply:  # format 2: what happens right after the choice
            self.say()
            self.say(render_plain(outcome.reply, names))
        words = [f"{self.line(names.get(who, who))} leaves the party." for who in outcome.left]
        turn = self.state.help_received() + self.state.help_given()
        words += [render_line(line, {}) for line in for_outcome(outcome, names, turn)]
        if words:
            self.say()
            for line in words:
                self.say(line)
        if outcome.chapter_ended:
            self.show_chapter_end(outcome.chapter_ended)
        self.show_scene()

    def back(self) -> None:
        previous = go_back(self.story, self.state)
        if previous is None:
            self.say("This is where your story began: there is no step to go back to.")
            return
        self.state = previous
        self.save()
        self.say()
        self.say("You go back one step.")
        self.show_scene()

    # -- showing

    def show_scene(self) -> None:
        scene = current_scene(self.story, self.state)
        if scene.chapter != self.shown_chapter:
            self.shown_chapter = scene.chapter
            self.say()
            self.say(f"== {self.line(self.story.chapters[scene.chapter].title)} ==")
        self.say()
        self.say(render_plain(scene_text(self.story, self.state), self.names))
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
            for question in chapter.talk:
                self.say(f"  * {self.line(question)}")

    def show_ending(self, name: str) -> None:
        self.say()
        self.say(f"*** The end: {self.line(name)} ***")
        received, given = self.state.help_received(), self.state.help_given()
        self.say(
            f"You accepted help {times(received)} and gave help {times(given)}. Stronger together!"
        )

    def show_party(self) -> None:
        names = self.names
        self.say()
        hero = self.line(self.state.hero)
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
                    f"you helped {self.line(names.get(who, who))} "
                    f"{times(self.state.help_given(who))}."
                )
        self.say(
            f"Help accepted: {self.state.help_received()}. Help given: {self.state.help_given()}."
        )


def times(n: int) -> str:
    """'0 times', 'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


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
