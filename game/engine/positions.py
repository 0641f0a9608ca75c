"""Where tables and keys stand in a TOML file's text.

No TOML parser keeps positions, so we scan the source lightly: table headers
(`[a.b]`, `[[a.b.c]]`) and `key =` lines, skipping multi-line strings. The
result maps a key path such as ``("scenes", "gate", "choices", 1, "goto")``
to its line. Lookups fall back to the nearest enclosing table.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> tuple[list[str], str] | None:
    """Split a dotted key at the start of `text`; return (parts, rest) or None."""
    parts: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            return None
        ch = text[i]
        if ch in "\"'":
            end = text.find(ch, i + 1)
            while ch == '"' and end != -1 and text[end - 1] == "\\":
                end = text.find(ch, end + 1)
            if end == -1:
                return None
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            m = _BARE.match(text, i)
            if not m:
                return None
            parts.append(m.group())
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        return parts, text[i:]


class Positions:
    """Line numbers of the tables and keys of one TOML source."""

    def __init__(self, source: str) -> None:
        self.lines: dict[tuple, int] = {}
        self._scan(source)

    def _scan(self, source: str) -> None:
        table: tuple = ()
        arrays: dict[tuple, int] = {}
        in_string: str | None = None
        for number, line in enumerate(source.splitlines(), start=1):
            if in_string:
                if _closes(line, in_string):
                    in_string = None
                continue
            stripped = line.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("[["):
                split = _split_key(stripped[2:])
                if split and split[1].lstrip().startswith("]]"):
                    base = tuple(split[0])
                    index = arrays.get(base, -1) + 1
                    arrays[base] = index
                    table = (*self._resolve(base, arrays), index)
                    self.lines.setdefault(table, number)
                continue
            if stripped.startswith("["):
                split = _split_key(stripped[1:])
                if split and split[1].lstrip().startswith("]"):
                    table = self._resolve(tuple(split[0]), arrays)
                    self.lines.setdefault(table, number)
                continue
            split = _split_key(stripped)
            if split and split[1].startswith("="):
                key = (*table, *split[0])
                self.lines.setdefault(key, number)
                value = split[1][1:].lstrip()
                for quote in ('"""', "'''"):
                    if value.startswith(quote) and not _closes(value[3:], quote):
                        in_string = quote
                        break

    def _resolve(self, path: tuple, arrays: dict[tuple, int]) -> tuple:
        """Insert the current index after every array-of-tables prefix of `path`."""
        out: list = []
        for i, part in enumerate(path):
            out.append(part)
            prefix = tuple(path[: i + 1])
            if prefix in arrays and i + 1 < len(path):
                out.append(arrays[prefix])
        return tuple(out)

    def line(self, *path) -> int:
        """The line of `path`, or of its nearest enclosing table that is written down; else 1."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def _closes(text: str, quote: str) -> bool:
    """Whether `text` holds the closing `quote` of a multi-line string."""
    i = 0
    while True:
        i = text.find(quote, i)
        if i == -1:
            return False
        if quote == "'''" or not _escaped(text, i):
            return True
        i += 1


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    j = i - 1
    while j >= 0 and text[j] == "\\":
        backslashes += 1
        j -= 1
    return backslashes % 2 == 1
