"""Two players together (`--players Mia,Dad`): a child and a grown-up take turns, one choice each.

The first player's name is the hero's. The turn rule: the next turn goes to the player
who did not make the last choice. So turns alternate, and when the player whose turn it
was asks the other to choose (`a`), the other chooses for them and then the turn comes
back to the one who asked: Leo asks, Mum chooses for Leo, Leo chooses next. Asking never
costs a turn (a child who asks is not left waiting twice).

Whose turn it is follows from how many choices were made and which were asked (so going
back one step gives the turn back); an ask is remembered by the step it was made at, so
going back forgets it too. The team is saved in the save's `[team]` table; a save from
before this rule (its table has no `alternate_until`) took turns strictly, one step
each whatever was asked: those steps keep their old turns, the rule holds from there on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine import clean_name
from game.warm_words import times


@dataclass
class Team:
    """Two players at one terminal."""

    players: tuple[str, str]
    """Their names, cleaned: the first is the hero."""
    first: int = 0
    """Whose turn the first choice was (0 or 1)."""
    asked: list[int] = field(default_factory=list)
    """The steps (0-based, along the trail) at which the player whose turn it was asked the
    other to choose."""
    alternate_until: int = 0
    """The steps before this one took turns strictly, whatever was asked (a save from before
    the turn rule: their turns stay as they were played); 0 for a game begun with it."""

    @classmethod
    def of(cls, names: tuple[str, ...] | list[str]) -> Team | None:
        """A team from two names (cleaned); None unless there are two usable, different ones."""
        cleaned = [clean_name(name) for name in names]
        if len(cleaned) != 2 or not all(cleaned) or cleaned[0] == cleaned[1]:
            return None
        return cls((cleaned[0], cleaned[1]))

    def whose_turn(self, step: int) -> int:
        """Whose turn the choice at this step is: 0 or 1. Turns alternate, but after an
        asked choice the turn stays with the one who asked (the other just chose)."""
        kept = sum(1 for asked in self.asked if self.alternate_until <= asked < step)
        return (self.first + step - kept) % 2

    def pair(self, step: int) -> tuple[str, str]:
        """Whose turn the choice at this step is, and the other player: their names."""
        turn = self.whose_turn(step)
        return self.players[turn], self.players[1 - turn]

    def chooser(self, step: int) -> str:
        """Who made the choice at this step: the player whose turn it was, or the one they
        asked to choose."""
        turn = self.whose_turn(step)
        return self.players[1 - turn if step in self.asked else turn]

    def talk(self, questions: tuple[str, ...]) -> list[str]:
        """A chapter's talk questions, offered to each player in turn, by name."""
        a, b = self.players
        return [
            f"{first}, then {then}: {question}"
            for n, question in enumerate(questions)
            for first, then in [(a, b) if n % 2 == 0 else (b, a)]
        ]

    def asks(self, player: int) -> int:
        """How many times this player asked the other to choose."""
        return sum(1 for step in self.asked if self.whose_turn(step) == player)

    def forget_after(self, steps: int) -> None:
        """Going back: forget asks made at or after this step (choices made again from
        there follow the turn rule)."""
        self.asked = [step for step in self.asked if step < steps]
        self.alternate_until = min(self.alternate_until, steps)

    def table(self) -> dict[str, Any]:
        """The save's `[team]` table."""
        return {
            "players": list(self.players),
            "first": self.first,
            "asked": list(self.asked),
            "asks": [self.asks(0), self.asks(1)],
            "alternate_until": self.alternate_until,
        }

    @classmethod
    def from_table(cls, table: Any, steps: int) -> Team | None:
        """The team a save holds; None when there is none or it makes no sense (a save is
        untrusted: a damaged team plays on as one player rather than failing)."""
        if not isinstance(table, dict):
            return None
        players = table.get("players")
        if not isinstance(players, list) or not all(isinstance(p, str) for p in players):
            return None
        team = cls.of(players)
        if team is None:
            return None
        first = table.get("first", 0)
        team.first = first if first in (0, 1) and not isinstance(first, bool) else 0
        asked = table.get("asked", [])
        if isinstance(asked, list):
            team.asked = sorted(
                {
                    s
                    for s in asked
                    if isinstance(s, int) and not isinstance(s, bool) and 0 <= s < steps
                }
            )
        until = table.get("alternate_until", steps)  # none: a save from before the rule
        usable = isinstance(until, int) and not isinstance(until, bool) and until >= 0
        team.alternate_until = min(until, steps) if usable else steps
        return team


def how_we_helped(team: Team) -> str:
    """How the two players helped each other, by name, for the ending."""
    a, b = team.players
    parts = []
    for asker, helper, n in ((a, b, team.asks(0)), (b, a, team.asks(1))):
        if n:
            parts.append(f"{asker} asked {helper} to help choose {times(n)}")
    if not parts:
        return f"{a} and {b} took turns, one choice each, all the way to the end."
    return "; ".join(parts) + "."
