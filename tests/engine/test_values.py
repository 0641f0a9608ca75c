"""`@frozen` makes the same values as `@dataclass(frozen=True)`, only faster to define."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, asdict, field, fields, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import game.engine
from game.engine import frozen


@frozen
class Step:
    """A value with a required field, plain defaults and a default made fresh each time."""

    scene: str
    choice: str = ""
    marks: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)
    seen: dict[str, int] = field(default_factory=dict, compare=False)


@dataclasses.dataclass(frozen=True)
class DataclassStep:
    scene: str
    choice: str = ""
    marks: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)
    seen: dict[str, int] = field(default_factory=dict, compare=False)


@frozen(order=True)
class Ranked:
    """Ordered by its fields, in order."""

    rank: int
    name: str = ""


@frozen
class Single:
    """One field: compared and hashed like a dataclass's (a tuple of one)."""

    value: int


steps = st.builds(
    lambda scene, choice, marks, note: (scene, choice, tuple(marks), note),
    st.text(max_size=5),
    st.text(max_size=5),
    st.lists(st.sampled_from("abc"), max_size=3),
    st.text(max_size=3),
)


@given(steps, steps)
def test_a_value_compares_hashes_and_shows_like_a_frozen_dataclass(one, two):
    ours = [Step(*one), Step(*two)]
    theirs = [DataclassStep(*one), DataclassStep(*two)]
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
    assert hash(ours[0]) == hash(theirs[0])
    assert repr(ours[0]) == repr(theirs[0]).replace("DataclassStep", "Step")
    assert asdict(ours[0]) == asdict(theirs[0])
    assert [f.name for f in fields(Step)] == [f.name for f in fields(DataclassStep)]


def test_its_defaults_are_filled_and_a_factory_runs_for_each_value():
    first, second = Step("square"), Step("square", "#1")
    assert (first.choice, first.marks, first.note) == ("", (), "")
    assert first.seen == {} and first.seen is not second.seen
    assert Step("square", seen={"x": 1}).seen == {"x": 1}


def test_a_value_cannot_be_changed_only_replaced():
    step = Step("square")
    with pytest.raises(FrozenInstanceError):
        step.scene = "gate"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del step.scene  # type: ignore[misc]
    assert replace(step, scene="gate") == Step("gate")
    assert step.scene == "square"


def test_fields_that_do_not_compare_are_left_out_of_equality_and_hash():
    assert Step("square", note="a") == Step("square", note="b")
    assert hash(Step("square", note="a")) == hash(Step("square", note="b"))
    assert Step("square") != DataclassStep("square")
    assert Step("square", seen={"a": 1}) == Step("square")
    assert Step("square") != ("square", "", ())


def test_a_single_field_value_hashes_as_a_dataclass_would():
    assert hash(Single(3)) == hash((3,)) and Single(3) == Single(3) != Single(4)


def test_order_compares_fields_in_turn_and_only_within_the_class():
    assert sorted([Ranked(2), Ranked(1, "b"), Ranked(1, "a")]) == [
        Ranked(1, "a"),
        Ranked(1, "b"),
        Ranked(2),
    ]
    assert Ranked(1) <= Ranked(1) and Ranked(2) > Ranked(1) and Ranked(2) >= Ranked(2)
    with pytest.raises(TypeError):
        _ = Ranked(1) < Single(1)  # type: ignore[operator]


def test_a_value_survives_pickle_and_copy():
    step = Step("square", "#2", ("a",), "note", {"x": 1})
    assert pickle.loads(pickle.dumps(step)) == step
    assert copy.deepcopy(step) == step and copy.copy(step) == step


def test_missing_and_unknown_arguments_are_refused_as_by_any_function():
    with pytest.raises(TypeError, match="scene"):
        Step()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="colour"):
        Step("square", colour="red")  # type: ignore[call-arg]


def test_methods_the_class_writes_itself_are_kept():
    @frozen
    class Counted:
        name: str

        def __hash__(self) -> int:
            return 7

        def __repr__(self) -> str:
            return "counted"

    assert hash(Counted("a")) == 7 and repr(Counted("a")) == "counted"
    assert Counted("a") == Counted("a")


@pytest.mark.parametrize(
    "body",
    [
        "def __post_init__(self): pass",
        "def __setattr__(self, name, value): pass",
    ],
)
def test_what_it_cannot_do_is_refused_when_the_class_is_defined(body):
    scope: dict = {"frozen": frozen}
    source = f"@frozen\nclass Odd:\n    name: str = ''\n    {body}\n"
    with pytest.raises(TypeError, match="Odd"):
        exec(source, scope)  # noqa: S102


def test_a_field_that_is_not_set_by_init_is_refused():
    with pytest.raises(TypeError, match="later"):

        @frozen
        class Odd:
            name: str
            later: int = field(default=0, init=False)


def test_every_frozen_value_of_the_game_is_built_by_frozen():
    """A `@dataclass(frozen=True)` costs the start-up its six compiled methods."""
    root = Path(game.engine.__file__).parent.parent
    written = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.lstrip().startswith("@dataclass") and "frozen=True" in line
    ]
    assert written == []
