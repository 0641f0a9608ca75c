"""What a playthrough tells its front ends, as values: the `Move` a choice made (its
facts and warm word, and where each goes around the next scene), `News` that is not
the story, and `CannotStart` when a game cannot begin. Every text in them is cleaned.

`game.session` hands them out; front ends import them from there.
"""

from __future__ import annotations

from game.engine import Outcome, frozen


class CannotStart(Exception):
    """A game that cannot begin (a save that cannot be loaded, a scene that is not
    there); the message says why, in the player's words, already cleaned."""


@frozen
class News:
    """Something to tell the player that is not the story: a save problem, a scene
    that moved, a damaged save passed over. The text is cleaned."""

    text: str
    trouble: bool = False
    """A problem (shown as an error, or on standard error in `--plain`)."""


@frozen
class Move:
    """What a choice did, as the front ends tell it."""

    outcome: Outcome
    facts: tuple[str, ...] = ()
    """'Wren joins your team.', 'Tam leaves the party.': told every time (cleaned)."""
    warm: tuple[str, ...] = ()
    """The warm word that follows the choice, when it earns one (`game.warm_words`; cleaned)."""

    @property
    def said(self) -> tuple[str, ...]:
        """Everything to say after the choice, in order."""
        return (*self.warm, *self.facts)

    @property
    def before_scene(self) -> tuple[str, ...]:
        """Said before the next scene: the facts; the warm word first when a chapter's end
        or an ending comes next."""
        return self.said if self.chapter_ended or self.ending else self.facts

    @property
    def after_scene(self) -> tuple[str, ...]:
        """Said after the next scene, just above its choices: the warm word, which follows
        the act that scene tells (nothing when it was said before the scene)."""
        return () if self.chapter_ended or self.ending else self.warm

    @property
    def reply(self) -> str | None:
        """The choice's `reply` (format 2), as written: shown before the next scene."""
        return self.outcome.reply

    @property
    def chapter_ended(self) -> str | None:
        return self.outcome.chapter_ended

    @property
    def ending(self) -> str | None:
        return self.outcome.ending
