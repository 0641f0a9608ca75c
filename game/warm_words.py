"""Short, warm words for the moments the game is about.

When the hero accepts help, gives help, shares a feeling or makes a new friend,
the play screen and plain mode show one of these. Each moment has several phrasings, picked
in turn, so a child does not read the same line again and again.
`{name}` is filled in with the companions' names (as plain text, cleaned by
`game.engine.text.clean_line`: a name never brings an escape code with it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.engine import Choice, Outcome, clean_line

ACCEPTING = (
    "Asking {name} for help took courage. That is real strength.",
    "Asking {name} was a brave thing to do.",
    "Knowing when to ask for help is a superpower.",
    "You asked {name} for help. That takes courage.",
    "It is brave to ask when you can't do it alone.",
    "Asking for help is a strong thing to do.",
)
"""The hero asked for or accepted help. These praise the asking itself, never how it
turned out (a friend asked for too much can end up worn out), and read right with one
name or several."""

GIVING = (
    "You helped {name}. That was kind.",
    "{name} will remember that you helped.",
    "Helping a friend makes you both stronger.",
    "What a good friend you are to {name}.",
    "You noticed {name} needed help, and you gave it.",
)
"""The hero gave help."""

SHARING = (
    "Saying how you feel is brave.",
    "Sharing a feeling makes it lighter to carry.",
    "Thank you for saying how you feel. Friends listen.",
    "When you share a feeling, friends can share theirs too.",
)
"""The hero shared a feeling."""

JOINING = (
    "{name} joined your team!",
    "{name} is coming with you now.",
    "Now {name} is on your side.",
    "Your team just got bigger: welcome, {name}!",
)
"""A companion joined the party."""

TALKING = (
    "Talk about these together. There are no wrong answers.",
    "Take turns: everyone gets to answer, grown-ups too.",
    "Sharing what you think makes a team stronger.",
)
"""Shown above the talk questions when a chapter ends."""

_SHARING_PHRASES = (
    "i feel",
    "i'm scared",
    "i am scared",
    "i'm sorry",
    "i am sorry",
    "i miss",
    "i was wrong",
)


def pick(phrasings: Sequence[str], turn: int, name: str = "") -> str:
    """The phrasing for this turn, with `{name}` filled in."""
    return phrasings[turn % len(phrasings)].replace("{name}", name)


def together(names: Sequence[str]) -> str:
    """'Wren', 'Wren and Tam', 'Wren, Tam and June'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def is_sharing(choice: Choice) -> bool:
    """Whether a choice shares a feeling: its words say so ("I feel", "I'm sorry", ...).
    Ids and flags are not read: `share` or `launch_shared` name jobs, not feelings."""
    text = choice.text.lower().replace("\u2019", "'")
    return any(phrase in text for phrase in _SHARING_PHRASES)


def for_outcome(outcome: Outcome, names: Mapping[str, str], turn: int) -> list[str]:
    """At most two warm lines for what a choice did, most important first."""

    def who(ids: Sequence[str]) -> str:
        return together([clean_line(names.get(i, i), 60) for i in ids])

    lines = []
    if outcome.help_received:
        lines.append(pick(ACCEPTING, turn, who(outcome.help_received)))
    if outcome.help_given:
        lines.append(pick(GIVING, turn, who(outcome.help_given)))
    if is_sharing(outcome.choice):
        lines.append(pick(SHARING, turn))
    if outcome.recruited:
        lines.append(pick(JOINING, turn, who(outcome.recruited)))
    return lines[:2]
