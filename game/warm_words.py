"""Short, warm words for the moments the game is about, said sparingly.

When the hero accepts help, gives help or shares a feeling, a warm word may
follow. Praise that comes after everything stops meaning anything, so the
rules are strict, and they live here, for every front end:

- specific: it names the friend and the act ("You asked Wren for help...");
  the same act with the same friend is praised once a chapter;
- sparing: at most `PER_CHAPTER` a chapter, and at least `APART` choices apart
  (so never twice in a row);
- never after a choice the story marks `misstep = true`;
- never the same phrasing twice in a chapter.

A friend joining or leaving is a fact, not praise: it is always told, plainly.
`{name}` is filled in with the companions' names (as plain text, cleaned by
`game.engine.text.clean_line`: a name never brings an escape code with it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.engine import Choice, Outcome, clean_line, frozen

PER_CHAPTER = 4
"""The most warm words a chapter hears: a handful."""
APART = 3
"""Warm words are at least this many choices apart: never twice in a row."""

ACCEPTING = (
    "Asking {name} for help took courage. That is real strength.",
    "You asked {name} for help. That takes courage.",
    "You knew when to ask {name}. That is a superpower.",
    "Asking {name} was a brave thing to do.",
    "You let {name} help you. Knowing when to ask is strong.",
    "It is brave to ask {name} when you can't do it alone.",
)
"""The hero asked for or accepted help. These praise the asking itself, never how it
turned out (a friend asked for too much can end up worn out), and read right with one
name or several."""

GIVING = (
    "You helped {name}. That was kind.",
    "You noticed {name} needed help, and you gave it.",
    "{name} will remember that you helped.",
    "What a good friend you are to {name}.",
    "Helping {name} makes your whole team stronger.",
)
"""The hero gave help."""

SHARING = (
    "Saying how you feel is brave.",
    "Sharing a feeling makes it lighter to carry.",
    "Thank you for saying how you feel. Friends listen.",
    "When you share a feeling, friends can share theirs too.",
)
"""The hero shared a feeling."""

TEAMWORK = (
    "{asker} asked {helper} to help. That is what teammates do.",
    "Good asking, {asker}! {helper} was glad to help.",
    "{asker} and {helper} chose together. That is teamwork.",
    "Asking {helper} was a strong thing to do, {asker}.",
)
"""Two players: one asked the other to help choose (`{asker}`, `{helper}`: their names)."""

JOINED = "{name} joins your team."
"""A fact, told every time: a companion joined the party."""
LEFT = "{name} leaves the party."
"""A fact, told every time: a companion left the party."""

TALKING = (
    "Talk about these together. There are no wrong answers.",
    "Take turns: everyone gets to answer, grown-ups too.",
    "Sharing what you think makes a team stronger.",
)
"""Shown above the talk questions when a chapter ends."""

MOMENTS = {"teamwork": TEAMWORK, "accepting": ACCEPTING, "sharing": SHARING, "giving": GIVING}
"""The moments praised, most important first: accepting help is what the game is about."""

_SHARING_PHRASES = (
    "i feel",
    "i'm scared",
    "i am scared",
    "i'm sorry",
    "i am sorry",
    "i miss",
    "i was wrong",
)


@frozen
class Said:
    """What followed one choice: the chapter it was made in and, when a warm word was
    said, its phrasing and the moment it praised (`accepting:wren`)."""

    chapter: str
    phrasing: str | None = None
    moment: str | None = None


def pick(phrasings: Sequence[str], turn: int, name: str = "") -> str:
    """The phrasing for this turn, with `{name}` filled in."""
    return phrasings[turn % len(phrasings)].replace("{name}", name)


def times(count: int) -> str:
    """'once', 'twice', '3 times' (and '0 times', which the callers word around)."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def together(names: Sequence[str]) -> str:
    """'Wren', 'Wren and Tam', 'Wren, Tam and June'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def addressed(phrasing: str, player: str, name: str = "") -> str:
    """A phrasing said to one of two players, by name, `{name}` filled in: 'You helped
    {name}.' → 'Mia, you helped Wren.'; one that begins with the friend's name names the
    player at the end of its first sentence: 'Wren will remember that you helped, Mia.'"""
    if phrasing.startswith("{name}"):
        head, stop, rest = phrasing.partition(".")
        return f"{head.replace('{name}', name)}, {player}{stop}{rest.replace('{name}', name)}"
    return f"{player}, " + (phrasing[:1].lower() + phrasing[1:]).replace("{name}", name)


def is_sharing(choice: Choice) -> bool:
    """Whether a choice shares a feeling: its words say so ("I feel", "I'm sorry", ...).
    Ids and flags are not read: `share` or `launch_shared` name jobs, not feelings."""
    text = choice.text.lower().replace("\u2019", "'")
    return any(phrase in text for phrase in _SHARING_PHRASES)


def moments(outcome: Outcome) -> list[tuple[str, tuple[str, ...]]]:
    """What a choice did that is worth a warm word: (moment, who), most important first."""
    found: list[tuple[str, tuple[str, ...]]] = []
    if outcome.help_received:
        found.append(("accepting", tuple(outcome.help_received)))
    if is_sharing(outcome.choice):
        found.append(("sharing", ()))
    if outcome.help_given:
        found.append(("giving", tuple(outcome.help_given)))
    return found


def this_chapter(before: Sequence[Said], chapter: str) -> list[Said]:
    """What followed the choices made in this chapter, since the hero last came into it."""
    run: list[Said] = []
    for said in reversed(before):
        if said.chapter != chapter:
            break
        run.append(said)
    run.reverse()
    return run


def warm_word(
    outcome: Outcome,
    chapter: str,
    before: Sequence[Said],
    names: Mapping[str, str],
    found: Sequence[tuple[str, tuple[str, ...]]] | None = None,
    phrasings: Mapping[str, Sequence[str]] = MOMENTS,
    player: str | None = None,
) -> tuple[str | None, Said]:
    """The warm word a choice earns under the rules above (None when it earns none), and
    what to remember of it. `before` is what followed each earlier choice, in order;
    `chapter` is where this choice was made; `found` the moments (`moments(outcome)` when
    not given), each praised with `phrasings[moment]`. `player`: in a game for two, who
    made the choice; the word names them instead of saying "you" to both."""
    nothing = Said(chapter)
    if outcome.choice.misstep:
        return None, nothing
    if any(said.phrasing for said in before[len(before) - (APART - 1) :]):
        return None, nothing
    praised = [said for said in this_chapter(before, chapter) if said.phrasing]
    if len(praised) >= PER_CHAPTER:
        return None, nothing
    used = {said.phrasing for said in praised}
    done = {said.moment for said in praised}
    turn = sum(1 for said in before if said.phrasing)
    for moment, who in moments(outcome) if found is None else found:
        key = f"{moment}:{','.join(who)}"
        pool = phrasings.get(moment, ())
        if key in done or not pool:
            continue
        for step in range(len(pool)):
            phrasing = pool[(turn + step) % len(pool)]
            if phrasing not in used:
                named = [clean_line(names.get(w, w), 60) for w in who]
                if moment == "teamwork":
                    line = phrasing.replace("{asker}", named[0]).replace("{helper}", named[-1])
                elif player:
                    line = addressed(phrasing, clean_line(player, 60), together(named))
                else:
                    line = phrasing.replace("{name}", together(named))
                return line, Said(chapter, phrasing, key)
    return None, nothing


def facts(outcome: Outcome, names: Mapping[str, str]) -> list[str]:
    """Who joined and who left, told plainly every time."""
    joined = [JOINED.replace("{name}", clean_line(names.get(w, w), 60)) for w in outcome.recruited]
    left = [LEFT.replace("{name}", clean_line(names.get(w, w), 60)) for w in outcome.left]
    return joined + left
