"""What happened, in words: a chapter's summary, who helped whom, the story so far.

Pure functions of the story and the state (its trail and counters), so both front
ends (the full-screen game and `--plain`) tell the same things, and tests can read
them without a terminal. With two players (a `Team`) they name the player who made
each choice, as the warm words do ('Mia helped Wren. Dad let Tam help.'), instead of
saying "you" to both; a one-player game reads as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import (
    Choice,
    GameState,
    Step,
    Story,
    When,
    find_choice,
    frozen,
    render_line,
    shown_along,
)
from game.warm_words import times, together

if TYPE_CHECKING:
    from game.team import Team


def sentence(words: str) -> str:
    """A capital first letter (only) and a full stop."""
    return words[:1].upper() + words[1:] + "."


def companion_name(story: Story, who: str) -> str:
    companion = story.companions.get(who)
    return render_line(companion.name, {}) if companion else who


def step_choice(story: Story, step: Step) -> Choice | None:
    """The choice a step of the trail took, if the story still has it."""
    if not story.has_scene(step.scene):
        return None
    return find_choice(story.scene(step.scene), step.choice)


def chapter_span(state: GameState, chapter_id: str) -> range:
    """Where in the trail the hero's latest visit to a chapter is (empty when never)."""
    end = None
    for index in range(len(state.trail) - 1, -1, -1):
        here = state.trail[index].scene.partition(":")[0] == chapter_id
        if here and end is None:
            end = index + 1
        elif not here and end is not None:
            return range(index + 1, end)
    return range(0, end or 0)


def first_joins(story: Story, state: GameState) -> dict[int, list[str]]:
    """At which step of the trail each companion first joined the team. Those with the hero
    from the start never 'join', and a friend who comes back after leaving (June, back from
    the otters' slide) joined once, the first time."""
    met = set(state.origin.party)
    joins: dict[int, list[str]] = {}
    for index, step in enumerate(state.trail):
        choice = step_choice(story, step)
        for who in choice.recruit if choice is not None else ():
            if who not in met:
                met.add(who)
                joins.setdefault(index, []).append(who)
    return joins


def joined_order(story: Story, state: GameState) -> list[str]:
    """Every companion, in the order a reader met them on the team: those with the hero
    from the start, then each as they joined along the trail, then the rest in the
    story's order. Lists of friends follow it, so 'you helped Tam and Bram' reads in the
    order the story told."""
    order = list(dict.fromkeys(state.origin.party))
    for joined in first_joins(story, state).values():
        order += joined
    return order + [who for who in story.companions if who not in order]


def chapter_summary(
    story: Story, state: GameState, chapter_id: str, team: Team | None = None
) -> list[str]:
    """A line or two on what happened in a chapter: who joined, who helped whom (each list
    of friends in the order they joined the team; with two players, by who chose)."""
    span = chapter_span(state, chapter_id)
    joins = first_joins(story, state)
    joined = [who for index in span for who in joins.get(index, ())]
    received: dict[str, int] = {}
    given: dict[str, int] = {}
    by_player: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
    for index in span:
        choice = step_choice(story, state.trail[index])
        if choice is None:
            continue
        if team is not None:  # counted for the player who chose
            received, given = by_player.setdefault(team.chooser(index), ({}, {}))
        for who in choice.help_received:
            received[who] = received.get(who, 0) + 1
        for who in choice.help_given:
            given[who] = given.get(who, 0) + 1

    order = joined_order(story, state)

    def names(ids) -> str:
        ranked = sorted(ids, key=lambda who: order.index(who) if who in order else len(order))
        return together([companion_name(story, i) for i in ranked])

    lines = []
    if joined:
        lines.append(f"{names(joined)} joined your team.")
    parts = []
    if team is not None:  # a line for each player: "Dad let Tam help and helped Wren."
        for player in team.players:
            got, gave = by_player.get(player, ({}, {}))
            did = [f"let {names(got)} help"] if got else []
            did += [f"helped {names(gave)}"] if gave else []
            if did:
                lines.append(f"{player} {' and '.join(did)}.")
    else:
        if received:
            parts.append(f"you let {names(received)} help you")
        if given:
            parts.append(f"you helped {names(given)}")
        if parts:
            lines.append(sentence(" and ".join(parts)))
    if not lines:
        both = together(team.players) if team is not None else ""
        lines.append(f"{both} found their way through." if both else "You found your way through.")
    return lines


@frozen
class HelpLine:
    """One companion's part in the playthrough."""

    who: str
    name: str
    portrait: str
    help_received: int
    help_given: int
    received_by: tuple[tuple[str, int], ...] = ()
    """Two players: whom the friend helped (the player who chose it), and how often."""
    given_by: tuple[tuple[str, int], ...] = ()
    """Two players: who helped the friend, and how often."""

    def words(self) -> str:
        if self.received_by or self.given_by:
            parts = [f"{self.name} helped {who} {times(n)}" for who, n in self.received_by]
            parts += [f"{who} helped {self.name} {times(n)}" for who, n in self.given_by]
            return sentence(together(parts))
        parts = []
        if self.help_received:
            parts.append(f"{self.name} helped you {times(self.help_received)}")
        if self.help_given:
            parts.append(f"you helped {self.name} {times(self.help_given)}")
        return sentence(" and ".join(parts))


def who_helped_whom(story: Story, state: GameState, team: Team | None = None) -> list[HelpLine]:
    """Every companion who helped the hero or was helped, in the order they joined; with
    two players, each count split by the player who chose it."""
    chosen = _help_by_player(story, state, team) if team is not None else {}
    lines = []
    for who in joined_order(story, state):
        companion = story.companions.get(who)
        got, gave = state.help_received(who), state.help_given(who)
        if companion is None:  # a saved party may name a friend the story no longer has
            continue
        if got or gave:
            portrait = render_line(companion.portrait, {}) or "•"
            received, given = chosen.get(who, ({}, {}))
            by = (
                (_split(received, got, team), _split(given, gave, team))
                if team is not None
                else ((), ())
            )
            line = HelpLine(who, companion_name(story, who), portrait, got, gave, *by)
            lines.append(line)
    return lines


def _help_by_player(
    story: Story, state: GameState, team: Team
) -> dict[str, tuple[dict[str, int], dict[str, int]]]:
    """For each friend: how often they helped each player, and each player helped them
    (the player who made the choice), along the trail."""
    chosen: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
    for index, step in enumerate(state.trail):
        choice = step_choice(story, step)
        if choice is None:
            continue
        player = team.chooser(index)
        for who in choice.help_received:
            received = chosen.setdefault(who, ({}, {}))[0]
            received[player] = received.get(player, 0) + 1
        for who in choice.help_given:
            given = chosen.setdefault(who, ({}, {}))[1]
            given[player] = given.get(player, 0) + 1
    return chosen


def _split(counts: dict[str, int], total: int, team: Team) -> tuple[tuple[str, int], ...]:
    """Each player's count, in the team's order; both players named together when the
    trail does not account for the total (a choice the story no longer has)."""
    if not total:
        return ()
    if sum(counts.values()) != total:
        return ((together(team.players), total),)
    return tuple((player, counts[player]) for player in team.players if counts.get(player))


def help_totals(state: GameState, team: Team | None = None) -> str:
    """All the help accepted and given: 'You accepted help twice and you gave help once.';
    two players: 'Together, Mia and Dad accepted help twice and gave help once.'"""
    got, gave = state.help_received(), state.help_given()
    who = together(team.players) if team is not None else ""
    if not got and not gave:
        return f"{who or 'You'} did not ask for help or give it this time."
    parts = []
    if got:
        parts.append(f"{'' if who else 'you '}accepted help {times(got)}")
    if gave:
        parts.append(f"{'' if who else 'you '}gave help {times(gave)}")
    return f"Together, {who} {' and '.join(parts)}." if who else sentence(" and ".join(parts))


def first_words(story: Story, scene_ref: str, names, limit: int = 50) -> str:
    """A scene's first words, on one line, cut at a word near `limit`."""
    if not story.has_scene(scene_ref):
        return scene_ref
    return shortened(render_line(story.scene(scene_ref).text, names), limit)


def shortened(line: str, limit: int = 50) -> str:
    """A line cut at a word near `limit`, with '…' where it was cut."""
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


@frozen
class TrailEntry:
    """One line of the story so far: a chapter heading, or a scene and the choice made."""

    chapter: str | None = None
    """A chapter's title, when this entry starts a chapter."""
    scene: str = ""
    """The scene's first words ('' when the hero stayed in the scene before)."""
    choice: str = ""
    """What the hero chose there ('' for where the hero stands now)."""
    reply: str = ""
    """Format 2: the choice's `reply`, what happened right after it ('' when it has none)."""
    when: tuple[str, ...] = ()
    """Format 2: the first words of each `when` block shown at this visit, in order (when
    the hero stayed in the scene before, only the blocks that were not shown there)."""


def story_so_far(story: Story, state: GameState) -> list[TrailEntry]:
    """The trail as lines to read: chapter headings, scenes (with the `when` text shown at
    that visit), choices and their replies, and where we are now."""
    names = story.names(state.hero)
    entries: list[TrailEntry] = []
    chapter = None
    previous = None
    before: list[When] = []
    openings: dict[str, str] = {}
    lines: dict[str, str] = {}  # a long trail says the same few things again and again

    def line(text: str) -> str:
        if text not in lines:
            lines[text] = render_line(text, names)
        return lines[text]

    stops = [*((s.scene, s.text, _reply(story, s)) for s in state.trail), (state.scene, "", "")]
    for (scene_ref, text, reply), shown in zip(stops, shown_along(story, state), strict=True):
        here = scene_ref.partition(":")[0]
        if here != chapter:
            chapter = here
            title = story.chapter_title(here)
            entries.append(TrailEntry(chapter=render_line(title, names)))
        stayed = scene_ref == previous and bool(text)
        if stayed:
            scene, new = "", [block for block in shown if block not in before]
        else:
            if scene_ref not in openings:
                openings[scene_ref] = first_words(story, scene_ref, names)
            scene, new = openings[scene_ref], shown
        entries.append(
            TrailEntry(
                scene=scene,
                choice=line(text),
                reply=line(reply),
                when=tuple(shortened(line(block.text)) for block in new),
            )
        )
        previous, before = scene_ref, shown
    return entries


def _reply(story: Story, step: Step) -> str:
    """The `reply` of the choice a step took, if the story still has one."""
    choice = step_choice(story, step)
    return choice.reply or "" if choice else ""
