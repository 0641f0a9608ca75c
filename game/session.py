"""One playthrough, for every front end: the story, the state, its save file.

The rules stay pure (`game.engine.rules`). This is the small bit of memory a
game needs around them, written once so that the full-screen game and
`--plain` behave the same: starting a new game, resuming the newest save
(passing over damaged ones, naming them), loading a file (a kept previous
version, `.bak`, plays on in a new file), choosing, going back, saving after
every move (and saying plainly when that fails), fitting the state to a story
a writer just edited, and the warm words that follow a choice. Every text it
hands out is cleaned for the terminal; front ends only show it and read keys.

Two pieces live next door, and front ends still import them from here: the
values it hands out (`Move`, `News`, `CannotStart`: `game.news`) and the file a
game is saved in (`game.save_slot`). Two players' turns are `game.team`'s.

No Textual here: `--plain` must start without it.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from game.engine import (
    BACKUP_SUFFIX,
    Choice,
    GameState,
    Offer,
    Outcome,
    RuleError,
    SaveClaim,
    SaveError,
    SaveStore,
    Scene,
    Story,
    apply_choice,
    begun,
    clean_line,
    clean_name,
    current_scene,
    find_choice,
    fit_state,
    go_back,
    new_game,
    offers,
    scene_text,
)
from game.launch import Launch
from game.news import CannotStart, Move, News
from game.save_slot import SaveSlot
from game.team import Team
from game.warm_words import Said, facts, moments, warm_word

__all__ = ["IN_USE", "NO_SAVE_YET", "CannotStart", "Move", "News", "Playthrough"]

NO_SAVE_YET = "There is no saved game to continue yet, so a new one begins."
IN_USE = (
    "{name} is being played in another window right now, so this game goes on "
    "in a copy: a new save file. Both games are kept."
)


def chapter_just_ended(story: Story, state: GameState) -> str | None:
    """The chapter the trail's last step left for the one the hero stands in (None when
    the last choice stayed in its chapter, or there is none, or that chapter is gone)."""
    if not state.trail:
        return None
    left = state.trail[-1].scene.partition(":")[0]
    return left if left != state.chapter and left in story.chapters else None


class Playthrough:
    """A game in progress and the file it is saved in: the one class every front end drives."""

    def __init__(
        self,
        story: Story,
        store: SaveStore,
        state: GameState,
        path: Path | None = None,
    ) -> None:
        self.story = story
        """The story it runs on (replaced by a writer's live reload)."""
        self.state = state
        """Where the hero is now."""
        self.slot = SaveSlot(store, path)
        """The file it is saved in, and how the last save went."""
        self.unsaved = False
        """A move was made and not yet written (a front end saving in the background)."""
        self.team: Team | None = None
        """Two players taking turns, or None for one player."""
        self.asking = False
        """The player whose turn it is asked the other to choose this time."""
        self._news: deque[News] = deque()
        self._said: list[Said] = []
        """What followed each choice of the trail (the warm words' memory), in order."""

    # ------------------------------------------------------------ beginning

    @classmethod
    def begin(
        cls, story: Story, store: SaveStore, state: GameState, team: Team | None = None
    ) -> Playthrough:
        """A new playthrough from this state (two players when `team`: the first is the
        hero); its first save is written at once."""
        hero = team.players[0] if team else clean_name(state.hero)
        state = state.evolve(hero=hero or story.hero_name)
        game = cls(story, store, state)
        game.team = team
        game.save(first=True)
        return game

    @classmethod
    def new(
        cls,
        story: Story,
        store: SaveStore,
        hero: str | None = None,
        *,
        at: str | None = None,
        party: tuple[str, ...] = (),
        flags: tuple[str, ...] = (),
        players: tuple[str, ...] = (),
    ) -> Playthrough:
        """A new game: the hero's name cleaned (the story's own when none is left), at the
        story's start or at a writer's `--at`; two `players` take turns (the first is the
        hero). CannotStart when that scene is not there, or the players are not two."""
        team = Team.of(players) if players else None
        if players and team is None:
            raise CannotStart("Two players need two different names, like --players Mia,Dad.")
        name = (team.players[0] if team else clean_name(hero or "")) or story.hero_name
        try:
            state = new_game(story, name, at, party=party, flags=flags)
        except RuleError as exc:
            raise CannotStart(clean_line(f"Cannot start at {at}: {exc}.")) from exc
        return cls.begin(story, store, state, team)

    @classmethod
    def load(cls, story: Story, store: SaveStore, path: Path) -> Playthrough:
        """Play on from a save file; CannotStart (the file left as it is) when it cannot be
        loaded. A kept previous version (`.bak`) is never written to: the game plays on in
        a new file, which Continue and Load then find."""
        path = Path(path)
        try:
            resumed = store.load(path, story)
        except (SaveError, OSError) as exc:
            reason = str(exc) if isinstance(exc, SaveError) else (exc.strerror or str(exc))
            raise CannotStart(clean_line(f"Cannot load {path}: {reason}.")) from exc
        game = cls(story, store, resumed.state)
        game.team = Team.from_table(resumed.team, len(resumed.state.trail))
        if resumed.notice:
            game.tell(resumed.notice)
        if path.name.endswith(BACKUP_SUFFIX):
            game.tell(f"{path.name} is a kept earlier version: this game goes on in a new file.")
            return game
        claim = SaveClaim.take(path)
        if claim is None:
            game.tell(IN_USE.format(name=path.name))
            return game
        game.slot.hold(path, claim)
        return game

    @classmethod
    def resume_newest(cls, story: Story, store: SaveStore) -> tuple[Playthrough | None, list[News]]:
        """The newest save that loads, and a word about each damaged one passed over."""
        passed: list[News] = []
        for info in store.list(story):
            if not info.loadable:
                passed.append(
                    News(clean_line(f"Passing over {info.path}: {info.cannot_load}."), True)
                )
                continue
            try:
                game = cls.load(story, store, info.path)
            except CannotStart as exc:  # changed since it was listed
                passed.append(News(clean_line(f"Passing over {info.path}: {exc}"), True))
                continue
            return game, passed
        return None, passed

    @classmethod
    def start(cls, story: Story, store: SaveStore, launch: Launch) -> Playthrough:
        """Begin as the command line asked: `--load`, `--continue` (a new game when there is
        no save to continue) or a new game. CannotStart when it cannot begin."""
        if launch.load is not None:
            return cls.load(story, store, launch.load)
        passed: list[News] = []
        if launch.continue_:
            game, passed = cls.resume_newest(story, store)
            if game is not None:
                game._news.extendleft(reversed(passed))
                return game
            passed.append(News(NO_SAVE_YET))
        game = cls.new(
            story,
            store,
            launch.name,
            at=launch.at,
            party=launch.party,
            flags=launch.flags,
            players=launch.players,
        )
        game._news.extendleft(reversed(passed))
        return game

    # ------------------------------------------------------------ what is shown

    @property
    def names(self) -> dict[str, str]:
        """The placeholders' values: the hero and the companions (cleaned when rendered)."""
        return self.story.names(self.state.hero)

    @property
    def scene(self) -> Scene:
        return current_scene(self.story, self.state)

    @property
    def text(self) -> str:
        """The scene's text as shown in this state, its `when` blocks included (format 2),
        as written: front ends render (and clean) it."""
        return scene_text(self.story, self.state)

    @property
    def offers(self) -> list[Offer]:
        """The scene's choices as the player meets them, available or locked."""
        return offers(self.story, self.state)

    @property
    def available(self) -> list[Choice]:
        """The choices that can be picked, in order (numbered 1, 2, ... by the front ends)."""
        return [offer.choice for offer in self.offers if offer.available]

    @property
    def ending(self) -> str | None:
        """The ending's name when the hero stands at one."""
        return self.scene.ending

    @property
    def chapter_just_ended(self) -> str | None:
        """The chapter the last choice left, while no choice has been made in the next one.

        A game opened here (Continue, Load, `--continue`) shows that chapter's end first,
        its talk questions, then the scene: chapter ends are where families stop for the
        night, and the save, made at once, already stood in the next chapter. Read from
        what every save holds (the trail's last step and where the hero stands)."""
        return chapter_just_ended(self.story, self.state)

    # ------------------------------------------------------------ two players

    @property
    def player(self) -> str | None:
        """Whose turn it is (two players), else None."""
        return self.team.pair(len(self.state.trail))[0] if self.team else None

    @property
    def helper(self) -> str | None:
        """The other player (two players), else None."""
        return self.team.pair(len(self.state.trail))[1] if self.team else None

    @property
    def chooser(self) -> str | None:
        """Who picks this choice: the player whose turn it is, or the one they asked."""
        return self.helper if self.asking else self.player

    @property
    def can_ask(self) -> bool:
        """Asking the other player is offered: two players, not asked yet, and more than
        one choice to pick from (with one, there is nothing to help choose)."""
        return self.team is not None and not self.asking and len(self.available) > 1

    def ask(self) -> str | None:
        """The player whose turn it is asks the other to choose this time; the line that
        says so, or why not now (None in a one-player game)."""
        if self.team is None:
            return None
        if self.asking:
            return f"{self.helper} is choosing this time, to help {self.player}."
        if not self.can_ask:
            return f"There is only one way to go here, {self.player}. Ask {self.helper} next time!"
        self.asking = True
        return f"{self.player} asks {self.helper} to help choose."

    def talk(self, questions: tuple[str, ...]) -> list[str]:
        """A chapter's talk questions, offered to each player in turn by name (as written:
        front ends render them); the questions alone for one player."""
        return self.team.talk(questions) if self.team else list(questions)

    def name_of(self, who: str) -> str:
        """A companion's (or the hero's) name, cleaned and on one line."""
        return clean_name(self.names.get(who, who), 60)

    def tell(self, text: str, trouble: bool = False) -> None:
        """Keep a word for the player, to be shown by the front end (see `news`)."""
        self._news.append(News(clean_line(text), trouble))

    def news(self) -> list[News]:
        """What there is to tell the player since last asked, oldest first (then forgotten)."""
        told = []
        while self._news:
            told.append(self._news.popleft())
        return told

    # ------------------------------------------------------------ playing

    def choose(self, choice: Choice, save: bool = True) -> Move:
        """Pick a choice, then save (or leave `unsaved` set, for a background save soon)."""
        chapter = self.state.chapter
        step = len(self.state.trail)
        asker, helper, chooser = self.player, self.helper, self.chooser
        outcome = apply_choice(self.story, self.state, choice)
        asked = self.asking and self.team is not None
        if asked and self.team is not None:
            self.team.asked.append(step)
        self.asking = False
        self.state = outcome.state
        self._after_move(save)
        names = self._clean_names()
        found = moments(outcome)
        if asked and asker and helper:
            found.insert(0, ("teamwork", (asker, helper)))
        warm = self._warm_word(outcome, chapter, names, found, chooser)
        told = tuple(clean_line(line) for line in facts(outcome, names))
        return Move(outcome, told, (clean_line(warm),) if warm else ())

    def back(self, save: bool = True) -> bool:
        """Step back one choice, then save; False at the very start."""
        previous = go_back(self.story, self.state)
        if previous is None:
            return False
        self.state = previous
        del self._said[len(previous.trail) :]
        self.asking = False
        if self.team is not None:
            self.team.forget_after(len(previous.trail))
        self._after_move(save)
        return True

    def refit(self, story: Story, save: bool = True) -> str | None:
        """Carry on with an edited story (a writer's live reload), keeping the state; a
        notice when the hero had to move."""
        self.story = story
        state, notice = fit_state(story, self.state)
        if state != self.state:
            self.state = state
            self._after_move(save)
        return clean_line(notice) if notice else None

    def _clean_names(self) -> dict[str, str]:
        return {who: self.name_of(who) for who in self.story.companions}

    def _warm_word(
        self, outcome: Outcome, chapter: str, names: dict, found: list, chooser: str | None
    ) -> str | None:
        """The warm word this choice earns, remembered so the next ones stay sparing; with
        two players it names the one who chose (`chooser`)."""
        if len(self._said) != len(outcome.state.trail) - 1:
            self._recall()
            del self._said[len(outcome.state.trail) - 1 :]
        line, said = warm_word(outcome, chapter, self._said, names, found, player=chooser)
        self._said.append(said)
        return line

    def _recall(self) -> None:
        """Work out again what followed each choice of the trail (after loading a save):
        the trail is replayed from its origin; where the story no longer allows it, the
        rest counts as choices that earned nothing."""
        state = self.state
        replayed = begun(state.hero, state.origin)
        names = self._clean_names()
        self._said = []
        for step in state.trail:
            choice = None
            if replayed.scene == step.scene and self.story.has_scene(step.scene):
                choice = find_choice(self.story.scene(step.scene), step.choice)
            try:
                if choice is None:
                    raise RuleError(step.scene)
                outcome = apply_choice(self.story, replayed, choice)
            except RuleError:
                chapter = step.scene.partition(":")[0]
                self._said += [Said(chapter)] * (len(state.trail) - len(self._said))
                return
            found = moments(outcome)
            if self.team is not None and len(self._said) in self.team.asked:
                found.insert(0, ("teamwork", self.team.pair(len(self._said))))
            said = warm_word(outcome, replayed.chapter, self._said, names, found)[1]
            self._said.append(said)
            replayed = outcome.state

    def _after_move(self, save: bool) -> None:
        if save:
            self.save()
        else:
            self.unsaved = True

    # ------------------------------------------------------------ saving

    @property
    def store(self) -> SaveStore:
        """The saves folder."""
        return self.slot.store

    @property
    def path(self) -> Path | None:
        """Its save file; None until the first save is made (a new game whose first save
        failed, or a kept previous version being played on in a new file)."""
        return self.slot.path

    @property
    def save_error(self) -> str | None:
        """Why the last save failed, while it fails."""
        return self.slot.error

    def save(self, first: bool = False) -> bool:
        """Write the state to its file (`game.save_slot`); False when it could not be written."""
        self.unsaved = False
        team = self.team.table() if self.team else None
        self._news.extend(self.slot.write(self.story, self.state, team, first))
        return self.slot.error is None

    def release(self) -> None:
        """Give up the hold on the save file (when the game is closed; the process ending
        gives it up too). Save first: a later save takes the hold again."""
        self.slot.release()

    @property
    def saved(self) -> bool:
        """Everything played so far is on the disk."""
        return self.save_error is None and not self.unsaved
