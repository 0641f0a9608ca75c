"""Checking a TOML table against a key spec: unknown keys (with a did-you-mean), missing
keys and wrong types are reported with their line; the good values are kept.

A spec maps each key to `(kind, required)`; a kind is a Python type, or "ids" (a name
or a list of names) or "strings" (text or a list of text).
"""

from __future__ import annotations

from typing import Any

from game.engine.problems import Problems
from game.engine.reading import MAX_TEXT_BYTES, MAX_TEXT_LINES, SourceFile
from game.engine.words import did_you_mean, type_word

_TYPE_WORDS = {
    str: "text in quotes",
    int: "a whole number",
    bool: "true or false",
    list: "a list in [ ]",
    dict: "a table",
    float: "a number with a point",
    "ids": "a name in quotes or a list of names",
    "strings": "text or a list of text",
}


def _fits(value: Any, kind: Any) -> bool:
    if kind in ("ids", "strings"):
        return isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        )
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def too_long(value: Any) -> str:
    """Why a text (or a list's text) is too long to show at once, else ''."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if not isinstance(text, str):
            continue
        if len(text) * 4 > MAX_TEXT_BYTES:  # cheap test first
            size = len(text.encode("utf-8", "replace"))
            if size > MAX_TEXT_BYTES:
                return f"{size // 1024} KiB; at most {MAX_TEXT_BYTES // 1024} KiB"
        if len(text) < MAX_TEXT_LINES:
            continue  # too short to have that many lines (the usual case: no count needed)
        lines = text.count("\n") + 1
        if lines > MAX_TEXT_LINES:
            return f"{lines:,} lines; at most {MAX_TEXT_LINES:,}"
    return ""


def check_table(
    problems: Problems, src: SourceFile, table: Any, spec: dict, path: tuple, what: str
) -> dict:
    """Report unknown keys, missing keys and wrong types; return the good values."""
    if not isinstance(table, dict):
        problems.error(
            src.path, src.line(*path), f"{what} should be a table, not {type_word(table)}"
        )
        return {}
    good: dict[str, Any] = {}
    meant: set[str] = set()
    for key, value in table.items():
        entry = spec.get(key)
        if entry is None:
            if problems.full(src.path):
                continue
            hint = did_you_mean(key, spec)
            if hint:
                meant.add(hint.split("'")[1])
            problems.error(src.path, src.line(*path, key), f"{what}: unknown key '{key}'{hint}")
            continue
        kind = entry[0]
        if not (isinstance(value, str) if kind is str else _fits(value, kind)):
            problems.error(
                src.path,
                src.line(*path, key),
                f"{what}: '{key}' should be {_TYPE_WORDS[kind]}, not {type_word(value)}",
            )
            continue
        if not isinstance(value, str) or len(value) >= MAX_TEXT_LINES:  # else short enough
            why = too_long(value)
            if why:
                problems.error(
                    src.path,
                    src.line(*path, key),
                    f"{what}: '{key}' is too long ({why}): split it over several scenes",
                )
        good[key] = value
    for key in _required(spec):
        if key not in table and key not in meant:
            problems.error(src.path, src.line(*path), f"{what}: missing required key '{key}'")
    return good


_REQUIRED: dict[int, tuple[dict, tuple[str, ...]]] = {}


def _required(spec: dict) -> tuple[str, ...]:
    """The required keys of `spec`, in its order (found once for each spec)."""
    known = _REQUIRED.get(id(spec))
    if known is None or known[0] is not spec:
        known = (spec, tuple(key for key, (_kind, required) in spec.items() if required))
        _REQUIRED[id(spec)] = known
    return known[1]


def check_top(problems: Problems, src: SourceFile, allowed: set[str], what: str) -> None:
    """Report the top-level keys of a file that `allowed` does not hold."""
    for key, value in src.data.items():
        if key not in allowed:
            name = f"table '[{key}]'" if isinstance(value, dict) else f"key '{key}'"
            problems.error(
                src.path,
                src.line(key),
                f"unknown {name} in {what}{did_you_mean(key, allowed)}",
            )
