"""The `if` language: `NAME`, `not NAME`, `NAME OP INTEGER`. Parsed, never evaluated as code."""

from __future__ import annotations

import operator
import re
from typing import Protocol

from game.engine.names import DOTTED
from game.engine.values import frozen
from game.engine.words import did_you_mean_companion

NAME = DOTTED
_FLAG = re.compile(rf"^\s*(not\s+)?({NAME})\s*$")
_COMPARE = re.compile(rf"^\s*({NAME})\s*(==|!=|<=|>=|<|>)\s*([+-]?\d+)\s*$")

OPERATORS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
HELP_COUNTERS = ("help.received", "help.given")
VISITS = "visits"
"""Format 2: how many times the hero has been in the scene, counting now (`when` blocks only)."""
MAX_NUMBER = 10**9


class ConditionError(ValueError):
    """A condition that cannot be read; the message says why and how to write it."""


class Facts(Protocol):
    """What a condition reads: the game state seen through names."""

    def flag(self, name: str) -> bool: ...

    def counter(self, name: str) -> int: ...


@frozen
class FlagTest:
    """`NAME` or `not NAME` (flags and `party.ID`)."""

    name: str
    negated: bool = False

    def holds(self, facts: Facts) -> bool:
        return facts.flag(self.name) != self.negated

    def __str__(self) -> str:
        return f"not {self.name}" if self.negated else self.name


@frozen
class CounterTest:
    """`NAME OP INTEGER`."""

    name: str
    op: str
    value: int

    def holds(self, facts: Facts) -> bool:
        return OPERATORS[self.op](facts.counter(self.name), self.value)

    def __str__(self) -> str:
        return f"{self.name} {self.op} {self.value}"


Condition = FlagTest | CounterTest


def parse_condition(text: str, companions=()) -> Condition:
    """Read one condition; raise ConditionError with a helpful message when it is not one."""
    if not isinstance(text, str):
        raise ConditionError('a condition must be text in quotes, such as "party.wren"')
    written, text = text, _quoted(text)  # messages quote it short, on one line
    match = _COMPARE.match(written)
    if match:
        name, op, digits = match.group(1), match.group(2), match.group(3)
        # Read the number only when it is short: Python refuses more than 4,300 digits.
        if len(digits.lstrip("+-").lstrip("0")) > len(str(MAX_NUMBER)):
            raise ConditionError(f"the number in '{text}' is too large")
        number = int(digits)
        if abs(number) > MAX_NUMBER:
            raise ConditionError(f"the number in '{text}' is too large")
        _check_counter_name(name, text, companions)
        return CounterTest(name, op, number)
    match = _FLAG.match(written)
    if match:
        negated, name = bool(match.group(1)), match.group(2)
        if name == "not":
            raise ConditionError(f"'{text}' needs a flag name after 'not'")
        _check_flag_name(name, text, companions)
        return FlagTest(name, negated)
    if re.search(r"=>|=<", written) and not re.search(r"[<>!=]=", written):
        raise ConditionError(
            f"'{text}' is not a condition: write '>=' or '<=' (the '=' comes second)"
        )
    if "=" in written and not re.search(r"==|!=|<=|>=", written):
        raise ConditionError(f"'{text}' is not a condition: to compare, write '==' (two signs)")
    if re.search(r"\band\b|\bor\b|&&|\|\|", written):
        raise ConditionError(
            f"'{text}' is not a condition: write each condition as its own string in a list, "
            'such as ["party.wren", "courage >= 2"] (all of them must hold)'
        )
    raise ConditionError(
        f"'{text}' is not a condition: write NAME, 'not NAME' or 'NAME OP NUMBER' "
        "with OP one of == != < <= > >="
    )


def _quoted(text: str, limit: int = 60) -> str:
    """A condition as a message quotes it: on one line, a long one cut short."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _check_flag_name(name: str, text: str, companions) -> None:
    if "." not in name:
        return
    head, _, rest = name.partition(".")
    if head == "party":
        if rest not in companions:
            raise ConditionError(
                f"'{text}': '{rest}' is not a companion{did_you_mean_companion(rest, companions)}"
            )
        return
    if name in HELP_COUNTERS or head == "help":
        raise ConditionError(f"'{text}': '{name}' is a counter; compare it, such as '{name} >= 1'")
    raise ConditionError(
        f"'{text}': names with a dot are built in ('party.ID', 'help.received', 'help.given'); "
        "your own flags use letters, digits, '_' and '-'"
    )


def _check_counter_name(name: str, text: str, companions) -> None:
    if "." not in name:
        return
    if name in HELP_COUNTERS:
        return
    for prefix in HELP_COUNTERS:
        if name.startswith(prefix + "."):
            who = name[len(prefix) + 1 :]
            if who not in companions:
                raise ConditionError(
                    f"'{text}': '{who}' is not a companion{did_you_mean_companion(who, companions)}"
                )
            return
    if name.startswith("party."):
        raise ConditionError(f"'{text}': '{name}' is on or off; write '{name}' or 'not {name}'")
    raise ConditionError(
        f"'{text}': names with a dot are built in ('help.received', 'help.given', "
        "'help.received.ID', 'help.given.ID'); your own counters use letters, digits, '_' and '-'"
    )
