"""`@frozen`: the game's values (a scene, a choice, a step, a save's details…), built fast.

A value is a frozen dataclass: its fields, `dataclasses.fields`, `replace` and `asdict`
work as ever, it compares and hashes by its fields, and assigning to it raises
`FrozenInstanceError`. The difference is the cost of defining one. Python 3.11's
`@dataclass(frozen=True)` writes six methods as source text and compiles each one
(about half a millisecond a class, a tenth of the game's start-up over 25 classes);
here only `__init__` is compiled, and the rest are small functions over the class's
field names. Its `__init__` also fills the new object's `__dict__` at once instead of
setting each field through `object.__setattr__`, so a value is made about twice as fast
(a 10,000-scene story makes 30,000 choices).

    @frozen
    class Step:
        scene: str
        choice: str = ""

    @frozen(order=True)   # also <, <=, >, >= by the fields, in order

Not supported (it says so when the class is defined): `__post_init__`, fields with
`init=False` or `hash=...`, `kw_only`, `InitVar`. A field's default is given to every
object as it is (as with a dataclass, where a mutable default is refused); a default made
fresh for each object is `field(default_factory=...)`.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, field
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

_Class = TypeVar("_Class", bound=type)
_NO_VALUE = object()
"""The `__init__` default of a field whose default is made by a factory."""


@overload
def frozen(cls: _Class, /) -> _Class: ...
@overload
def frozen(*, order: bool = False) -> Callable[[_Class], _Class]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: Any = None, /, *, order: bool = False) -> Any:
    """Make `cls` a frozen value (see the module's docstring)."""
    if cls is None:
        return lambda cls: _build(cls, order)
    return _build(cls, order)


def _build(cls: _Class, order: bool) -> _Class:
    own = set(cls.__dict__)  # methods the class writes itself are kept, as by a dataclass
    if own & {"__post_init__", "__setattr__", "__delattr__"}:
        raise TypeError(f"{cls.__qualname__}: @frozen runs no __post_init__ and sets no fields")
    dataclass(init=False, repr=False, eq=False)(cls)  # fields, asdict, replace: as ever
    items = dataclasses.fields(cls)
    for item in items:
        if not item.init or item.hash is not None or item.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{item.name}: not supported by @frozen")
    if "__init__" not in own:
        cls.__init__ = _init(cls, items)  # type: ignore[misc]
    shown = [item.name for item in items if item.repr]
    compared = [item.name for item in items if item.compare]
    key = _key(compared)
    name = cls.__qualname__

    def __repr__(self: Any) -> str:
        parts = ", ".join(f"{field}={getattr(self, field)!r}" for field in shown)
        return f"{type(self).__qualname__}({parts})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    def __setattr__(self: Any, field: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {field!r}")

    def __delattr__(self: Any, field: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {field!r}")

    methods: dict[str, Callable[..., Any]] = {
        "__repr__": __repr__,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
    }
    if order:
        methods.update(_order(key))
    for method_name, method in methods.items():
        if method_name in own:
            continue
        method.__qualname__ = f"{name}.{method_name}"
        setattr(cls, method_name, method)
    return cls


def _init(cls: type, items: tuple[dataclasses.Field, ...]) -> Callable[..., None]:
    """`__init__(self, <each field, with its default>)`, compiled from the field names."""
    scope: dict[str, Any] = {"_NO_VALUE": _NO_VALUE}
    params, made = [], []
    for item in items:
        if item.default is not MISSING:
            scope[f"_default_{item.name}"] = item.default
            params.append(f"{item.name}=_default_{item.name}")
        elif item.default_factory is not MISSING:
            scope[f"_factory_{item.name}"] = item.default_factory
            params.append(f"{item.name}=_NO_VALUE")
            made.append(
                f"    if {item.name} is _NO_VALUE:\n        {item.name} = _factory_{item.name}()\n"
            )
        else:
            params.append(item.name)
    values = ", ".join(f"{item.name!r}: {item.name}" for item in items)
    source = (
        f"def __init__(self, {', '.join(params)}):\n"
        + "".join(made)
        + f"    self.__dict__.update({{{values}}})\n"
    )
    built: dict[str, Any] = {}
    exec(source, scope, built)  # noqa: S102 - built from the class's own field names
    init = built["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


def _key(names: list[str]) -> Callable[[Any], tuple]:
    """The fields that compare and hash, as a tuple (as a dataclass compares them)."""
    if not names:
        return lambda value: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return attrgetter(*names)


def _order(key: Callable[[Any], tuple]) -> dict[str, Callable[..., Any]]:
    """<, <=, >, >= between values of the same class, by their fields in order."""

    def compare(test: Callable[[tuple, tuple], bool]) -> Callable[[Any, Any], Any]:
        def method(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return test(key(self), key(other))
            return NotImplemented

        return method

    return {
        "__lt__": compare(operator.lt),
        "__le__": compare(operator.le),
        "__gt__": compare(operator.gt),
        "__ge__": compare(operator.ge),
    }
