"""The rules of play: pure functions from a state (and a choice) to what follows."""

from __future__ import annotations

from dataclasses import field

from game.engine.conditions import VISITS
from game.engine.model import Choice, Scene, Story, When
from game.engine.state import GameState, Origin, Step, frozen_counts
from game.engine.values import frozen
from game.engine.words import did_you_mean


@frozen
class Offer:
    """A choice as the player meets it: available, or locked with its hint."""

    choice: Choice
    available: bool

    @property
    def hint(self) -> str | None:
        return None if self.available else self.choice.locked


@frozen
class Outcome:
    """What picking a choice did, for the screens to tell."""

    state: GameState
    choice: Choice
    recruited: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    help_received: tuple[str, ...] = ()
    """Companions whose help the hero accepted."""
    help_given: tuple[str, ...] = ()
    """Companions the hero helped."""
    chapter_ended: str | None = None
    """The id of the chapter just left, when the choice crossed into another."""
    ending: str | None = None
    """The ending's name, when the new scene ends the story."""
    flags_set: tuple[str, ...] = field(default=())
    reply: str | None = None
    """Format 2: the choice's `reply`, as written, to show before the next scene."""


class RuleError(ValueError):
    """A move the rules do not allow (an unavailable choice, a scene that is not there)."""


def new_game(story: Story, hero: str, at: str | None = None, party=(), flags=()) -> GameState:
    """A fresh playthrough at the story's start, or at `chapter:scene` for writers."""
    scene = resolve_at(story, at) if at else story.start_ref
    for who in party:
        if who not in story.companions:
            raise RuleError(f"'{who}' is not a companion of this story")
    return begun(hero, Origin(scene, tuple(dict.fromkeys(party)), frozenset(flags)))


def begun(hero: str, origin: Origin) -> GameState:
    """The state at a playthrough's origin, before any choice: where replaying a trail starts."""
    return GameState(
        hero=hero, scene=origin.scene, origin=origin, party=origin.party, flags=origin.flags
    )


def resolve_at(story: Story, at: str) -> str:
    """`chapter:scene` or a chapter id → a scene ref; RuleError when it names nothing."""
    chapter, _, scene = at.partition(":")
    if chapter not in story.chapters:
        raise RuleError(f"'{chapter}' is not a chapter{did_you_mean(chapter, story.chapters)}")
    scenes = story.chapters[chapter].scenes
    scene = scene or story.chapters[chapter].start
    if scene not in scenes:
        raise RuleError(
            f"'{scene}' is not a scene of chapter '{chapter}'{did_you_mean(scene, scenes)}"
        )
    return f"{chapter}:{scene}"


def current_scene(story: Story, state: GameState) -> Scene:
    return story.scene(state.scene)


def visits(state: GameState, scene_ref: str | None = None) -> int:
    """How many times the hero has been in a scene (the current one by default), counting now.

    Counted from the trail, so going back and resuming a save give the same number.
    """
    ref = state.scene if scene_ref is None else scene_ref
    here = 1 if ref == state.scene else 0
    return here + sum(1 for step in state.trail if step.scene == ref)


class SceneFacts:
    """The state as a `when` block reads it: its flags and counters, and `visits`."""

    __slots__ = ("state", "visits")

    def __init__(self, state: GameState, visits: int) -> None:
        self.state = state
        self.visits = visits

    def flag(self, name: str) -> bool:
        return self.state.flag(name)

    def counter(self, name: str) -> int:
        return self.visits if name == VISITS else self.state.counter(name)


def shown_when(story: Story, state: GameState) -> list[When]:
    """The `when` blocks of the current scene whose conditions hold now, in file order."""
    scene = current_scene(story, state)
    if not scene.when:
        return []
    return holding(scene, state, visits(state))


def holding(scene: Scene, state: GameState, visits: int) -> list[When]:
    """The `when` blocks of `scene` that hold in `state` on the hero's `visits`-th visit."""
    facts = SceneFacts(state, visits)
    return [
        block
        for block in scene.when
        if all(condition.holds(facts) for condition in block.conditions)
    ]


def shown_along(story: Story, state: GameState) -> list[list[When]]:
    """The `when` blocks the family saw at each visit of the playthrough: one list for each
    step of the trail (the scene the step was taken in, as things stood then), then one
    for now (`shown_when`). For the story so far.

    The state at each step is replayed from the origin and `visits` counted along the
    trail, so going back and resuming a save tell the same. Where a writer's edit means
    a step no longer replays (its scene or choice gone, or the choice no longer
    available), the replay goes on from the next step's scene without that choice's
    effects: an honest guess, since the story the family saw is not there to ask.
    """
    along: list[list[When]] = []
    seen: dict[str, int] = {}
    replayed = begun(state.hero, state.origin)
    for step in state.trail:
        seen[step.scene] = count = seen.get(step.scene, 0) + 1
        if not story.has_scene(step.scene):
            along.append([])
            continue
        scene = story.scene(step.scene)
        along.append(holding(scene, replayed, count) if scene.when else [])
        choice = find_choice(scene, step.choice)
        if choice is None:
            continue
        if replayed.scene != step.scene:
            replayed = replayed.evolve(scene=step.scene)
        try:
            replayed = apply_choice(story, replayed, choice).state
        except RuleError:
            continue
    along.append(shown_when(story, state))
    return along


def scene_text(story: Story, state: GameState) -> str:
    """The current scene's text as written (placeholders not yet filled): its `text`, then
    each `when` block whose conditions hold, in file order, as paragraphs of their own."""
    scene = current_scene(story, state)
    blocks = shown_when(story, state)
    if not blocks:
        return scene.text
    parts = [scene.text.rstrip("\n"), *(block.text.strip("\n") for block in blocks)]
    return "\n\n".join(part for part in parts if part.strip())


def once_key(scene: Scene, choice: Choice) -> str:
    return f"{scene.ref}:{choice.key}"


def is_available(scene: Scene, choice: Choice, state: GameState) -> bool:
    """Its companions are in the party, its conditions hold, and it is not a used `once`."""
    if choice.once and once_key(scene, choice) in state.used_once:
        return False
    if any(who not in state.party for who in choice.required):
        return False
    return all(condition.holds(state) for condition in choice.conditions)


def offers(story: Story, state: GameState) -> list[Offer]:
    """The choices to show, in file order: the available ones and the locked ones with hints."""
    scene = current_scene(story, state)
    if scene.ending is not None:
        return []
    shown = []
    for choice in scene.choices:
        available = is_available(scene, choice, state)
        if available or (
            choice.locked and not (choice.once and once_key(scene, choice) in state.used_once)
        ):
            shown.append(Offer(choice, available))
    return shown


def available_choices(story: Story, state: GameState) -> list[Choice]:
    return [offer.choice for offer in offers(story, state) if offer.available]


def ending_of(story: Story, state: GameState) -> str | None:
    """The ending's name when the state stands at an ending."""
    return current_scene(story, state).ending


def apply_choice(story: Story, state: GameState, choice: Choice) -> Outcome:
    """Pick `choice`: its effects in the documented order, then its goto."""
    scene = current_scene(story, state)
    if choice not in scene.choices or not is_available(scene, choice, state):
        raise RuleError("that choice is not available here")
    party = [p for p in state.party if p not in choice.leave]
    for who in choice.recruit:
        if who not in party:
            party.append(who)
    counters = dict(state.counters)
    for who in choice.help_received:
        counters["help.received"] = counters.get("help.received", 0) + 1
        counters[f"help.received.{who}"] = counters.get(f"help.received.{who}", 0) + 1
    for who in choice.help_given:
        counters["help.given"] = counters.get("help.given", 0) + 1
        counters[f"help.given.{who}"] = counters.get(f"help.given.{who}", 0) + 1
    flags = (state.flags | set(choice.set)) - set(choice.unset)
    for name, amount in choice.add:
        counters[name] = counters.get(name, 0) + amount
    used = state.used_once | {once_key(scene, choice)} if choice.once else state.used_once
    new_state = GameState(
        hero=state.hero,
        scene=choice.target,
        origin=state.origin,
        party=tuple(party),
        flags=frozenset(flags),
        counters=frozen_counts(counters),
        used_once=frozenset(used),
        trail=(*state.trail, Step(scene.ref, choice.key, choice.text)),
    )
    before, after = state.chapter, new_state.chapter
    return Outcome(
        state=new_state,
        choice=choice,
        recruited=tuple(w for w in choice.recruit if w not in state.party),
        left=tuple(w for w in choice.leave if w in state.party),
        help_received=choice.help_received,
        help_given=choice.help_given,
        chapter_ended=before if after != before else None,
        ending=story.scene(choice.target).ending,
        flags_set=choice.set,
        reply=choice.reply,
    )


def find_choice(scene: Scene, key: str) -> Choice | None:
    """The choice of `scene` with this key (`id` or `#position`)."""
    for choice in scene.choices:
        if choice.key == key:
            return choice
    return None


def replay(story: Story, hero: str, origin: Origin, steps) -> GameState:
    """Replay a trail from its origin; RuleError where the story no longer allows a step."""
    state = begun(hero, origin)
    for step in steps:
        if state.scene != step.scene or not story.has_scene(step.scene):
            raise RuleError(f"the trail no longer fits the story at {step.scene}")
        choice = find_choice(story.scene(step.scene), step.choice)
        if choice is None:
            raise RuleError(f"the choice {step.choice} is gone from {step.scene}")
        state = apply_choice(story, state, choice).state
    return state


def go_back(story: Story, state: GameState) -> GameState | None:
    """The state one step earlier, or None at the start of the playthrough.

    The trail is replayed from the origin, so every effect is undone exactly. If
    the story changed so that the trail no longer replays, the hero simply steps
    back to the previous scene, keeping party, flags and counters.
    """
    if not state.trail:
        return None
    try:
        return replay(story, state.hero, state.origin, state.trail[:-1])
    except RuleError:
        previous = state.trail[-1].scene
        if not story.has_scene(previous):
            return None
        return state.evolve(scene=previous, trail=state.trail[:-1])
