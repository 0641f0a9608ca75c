"""The `if` language (story/README.md, "Conditions"): parsed, never evaluated as code."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.conditions import ConditionError, CounterTest, FlagTest, parse_condition

COMPANIONS = ("wren", "tam")


class Facts:
    """A stand-in for the game state."""

    def __init__(self, flags=(), counters=None, party=()):
        self.flags, self.counters, self.party = set(flags), dict(counters or {}), set(party)

    def flag(self, name):
        if name.startswith("party."):
            return name[6:] in self.party
        return name in self.flags

    def counter(self, name):
        return self.counters.get(name, 0)


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("bell_rung", FlagTest("bell_rung")),
        ("not bell_rung", FlagTest("bell_rung", negated=True)),
        ("  not   bell-rung  ", FlagTest("bell-rung", negated=True)),
        ("nothing", FlagTest("nothing")),
        ("not-yet", FlagTest("not-yet")),
        ("party.wren", FlagTest("party.wren")),
        ("not party.tam", FlagTest("party.tam", negated=True)),
        ("courage >= 2", CounterTest("courage", ">=", 2)),
        ("courage==-1", CounterTest("courage", "==", -1)),
        ("courage != +3", CounterTest("courage", "!=", 3)),
        ("x < 0", CounterTest("x", "<", 0)),
        ("x <= 0", CounterTest("x", "<=", 0)),
        ("x > 0", CounterTest("x", ">", 0)),
        ("help.received >= 1", CounterTest("help.received", ">=", 1)),
        ("help.given < 3", CounterTest("help.given", "<", 3)),
        ("help.received.wren == 2", CounterTest("help.received.wren", "==", 2)),
        ("help.given.tam > 0", CounterTest("help.given.tam", ">", 0)),
        ("3d >= 1", CounterTest("3d", ">=", 1)),
    ],
)
def test_conditions_parse(text, parsed):
    assert parse_condition(text, COMPANIONS) == parsed


@pytest.mark.parametrize(
    "text, message",
    [
        ("courage = 1", "'courage = 1' is not a condition: to compare, write '==' (two signs)"),
        (
            "a and b",
            "'a and b' is not a condition: write each condition as its own string in a list, "
            'such as ["party.wren", "courage >= 2"] (all of them must hold)',
        ),
        (
            "a || b",
            "'a || b' is not a condition: write each condition as its own string in a list, "
            'such as ["party.wren", "courage >= 2"] (all of them must hold)',
        ),
        ("not", "'not' needs a flag name after 'not'"),
        ("party.wrem", "'party.wrem': 'wrem' is not a companion (did you mean 'wren'?)"),
        (
            "party.zed",
            "'party.zed': 'zed' is not a companion (the companions are 'wren' and 'tam'; "
            "for a new friend, add [companions.zed] to story.toml)",
        ),
        (
            "help.received.tom >= 1",
            "'help.received.tom >= 1': 'tom' is not a companion (did you mean 'tam'?)",
        ),
        (
            "help.received",
            "'help.received': 'help.received' is a counter; compare it, "
            "such as 'help.received >= 1'",
        ),
        (
            "party.wren >= 1",
            "'party.wren >= 1': 'party.wren' is on or off; write 'party.wren' or 'not party.wren'",
        ),
        ("x >= 10000000000", "the number in 'x >= 10000000000' is too large"),
        (
            "x >= 1.5",
            "'x >= 1.5' is not a condition: write NAME, 'not NAME' or 'NAME OP NUMBER' "
            "with OP one of == != < <= > >=",
        ),
        (
            "",
            "'' is not a condition: write NAME, 'not NAME' or 'NAME OP NUMBER' "
            "with OP one of == != < <= > >=",
        ),
    ],
)
def test_bad_conditions_say_how_to_write_them(text, message):
    with pytest.raises(ConditionError) as caught:
        parse_condition(text, COMPANIONS)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["my.flag", "help.other >= 1", "courage.level == 2"])
def test_dotted_names_are_built_in_only(text):
    with pytest.raises(ConditionError, match="names with a dot are built in"):
        parse_condition(text, COMPANIONS)


@pytest.mark.parametrize("value", [1, True, None, ["a"], {"a": 1}])
def test_a_condition_must_be_text(value):
    with pytest.raises(ConditionError, match="must be text in quotes"):
        parse_condition(value, COMPANIONS)


@pytest.mark.parametrize(
    "text", ["__import__('os').system('true')", "x if y else z", "(x)", "x >= y", "x >= 1 >= 0"]
)
def test_code_is_never_a_condition(text):
    with pytest.raises(ConditionError):
        parse_condition(text, COMPANIONS)


def test_conditions_read_flags_party_and_counters():
    facts = Facts(flags={"lit"}, counters={"courage": 2, "help.received.wren": 1}, party={"wren"})
    holds = {
        "lit": True,
        "not lit": False,
        "dark": False,
        "not dark": True,
        "party.wren": True,
        "party.tam": False,
        "not party.tam": True,
        "courage >= 2": True,
        "courage > 2": False,
        "courage == 2": True,
        "courage != 2": False,
        "courage < 3": True,
        "courage <= 1": False,
        "help.received.wren >= 1": True,
        "help.received >= 1": False,  # counters start at 0: nothing added to the total here
        "unknown == 0": True,
    }
    for text, expected in holds.items():
        assert parse_condition(text, COMPANIONS).holds(facts) is expected, text


@pytest.mark.parametrize("text", ["lit", "not lit", "courage >= 2", "help.given.tam == -4"])
def test_a_condition_prints_as_written(text):
    assert str(parse_condition(text, COMPANIONS)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_parses_or_says_why(text):
    try:
        condition = parse_condition(text, COMPANIONS)
    except ConditionError as error:
        assert str(error)
    else:
        assert isinstance(condition, FlagTest | CounterTest)
        assert condition.holds(Facts()) in (True, False)
