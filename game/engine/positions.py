"""Where tables and keys stand in a TOML file's text.

No TOML parser keeps positions, so we scan the source lightly: table headers
(`[a.b]`, `[[a.b.c]]`) and `key =` lines, skipping multi-line strings. The
result maps a key path such as ``("scenes", "gate", "choices", 1, "goto")``
to its line. Lookups fall back to the nearest enclosing table.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN_DOTTED = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_BARE_DOTTED = re.compile(r"[ \t]*[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*[ \t]*")
_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]+|\\.)*+"|'[^'\n]*')"""
_ML_BASIC = r'"""(?:[^"\\]+|\\[\s\S]|"(?!""))*+"""(?!")'
_ML_LITERAL = r"'''[\s\S]*?'''(?!')"
_BASIC = r'"(?:[^"\\\n]+|\\.)*+"'
_LITERAL = r"'[^'\n]*'"
_REST = (
    r"""(?:[^"'#\n]++"""
    rf"""|{_ML_BASIC}|{_ML_LITERAL}|"(?!""){_BASIC[1:]}|'(?!''){_LITERAL[1:]}|#[^\n]*)*+"""
)
"""What follows `key =` on its line, as far as the scan below would only skip it (text
outside strings, whole strings, a comment): taken with the key, it costs no match of its own."""
_TOKENS = re.compile(
    r"^[ \t]*\[\[(?P<array>[^\]\n]*)\]\](?=[ \t]*(?:#|\r?$))"  # [[array.of.tables]]
    r"|^[ \t]*\[(?P<table>[^\]\n]*)\](?=[ \t]*(?:#|\r?$))"  # [table], alone on its line
    rf"|^[ \t]*(?P<bare>[A-Za-z0-9_-]+)[ \t]*={_REST}"  # key = (the usual, plain key)
    rf"|^[ \t]*(?P<key>{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*={_REST}"  # "key".b =
    rf"|(?P<string>{_ML_BASIC}|{_ML_LITERAL}|{_BASIC}|{_LITERAL})"  # strings are skipped whole
    r"|(?P<comment>#[^\n]*)",
    re.M,
)


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
            while ch == '"' and end != -1 and _escaped(text, end):
                end = text.find(ch, end + 1)
            if end == -1:
                return None
            key = text[i + 1 : end]
            parts.append(_unescape(text[i : end + 1]) if ch == '"' and "\\" in key else key)
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


def _escaped(text: str, i: int) -> bool:
    """Whether the character at `i` follows an odd number of backslashes."""
    backslashes = 0
    while i > backslashes and text[i - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _unescape(quoted: str) -> str:
    """A basic-string key as TOML reads it (`"say \\"hi\\""` is `say "hi"`)."""
    import tomli

    try:
        return tomli.loads(f"k = {quoted}")["k"]
    except tomli.TOMLDecodeError:
        return quoted[1:-1]


class Positions:
    """Line numbers of the tables and keys of one TOML source."""

    def __init__(self, source: str, track_repeats: bool = False) -> None:
        self.lines: dict[tuple, int] = {}
        self.repeats: list[tuple[str, tuple, int, int]] | None = [] if track_repeats else None
        """With `track_repeats`: each key or `[table]` written a second time, as (`key` or
        `table`, its path, the first line, the line again), for explaining a syntax error."""
        self._written: dict[tuple, int] = {}
        self._scan(source)

    def _written_at(self, kind: str, path: tuple, line: int) -> None:
        if self.repeats is None:
            return
        first = self._written.setdefault(path, line)
        if first != line:
            self.repeats.append((kind, path, first, line))

    def _scan(self, source: str) -> None:
        table: tuple = ()
        arrays: dict[tuple, int] = {}
        """The current index of each array of tables, by its path as written."""
        counts: dict[tuple, int] = {}
        """The last index of each array of tables, by its full path (`[[a.b]]` counts anew
        under each `[[a]]`)."""
        shortest = 1 << 30
        """The length of the shortest path in `arrays`."""
        headed: set[tuple] = set()
        """Tables placed by a header, with every table around them (all placed already)."""
        line, at = 1, 0
        count = source.count
        lines = self.lines
        place = lines.setdefault
        tracking = self.repeats is not None
        for match in _TOKENS.finditer(source):
            kind = match.lastgroup
            if kind == "bare":  # most keys: the fast way
                start = match.start()
                line += count("\n", at, start)
                at = start
                path = (*table, match.group(kind))
                place(path, line)
                if tracking:
                    self._written_at("key", path, line)
                continue
            if kind is None or kind == "string" or kind == "comment":
                continue
            start = match.start()
            line += count("\n", at, start)
            at = start
            text = match.group(kind)
            if kind == "key":
                parts = [text] if _BARE.fullmatch(text) else (_split_key(text) or ([],))[0]
                if parts:
                    place((*table, *parts), line)
                    self._written_at("key", (*table, *parts), line)
                continue
            if _PLAIN_DOTTED.fullmatch(text):
                parts = text.split(".")
            elif _BARE_DOTTED.fullmatch(text):
                parts = text.replace(" ", "").replace("\t", "").split(".")
            else:
                split = _split_key(text)
                if not split or split[1].strip():
                    continue
                parts = split[0]
            if kind == "array":
                base = tuple(parts)
                resolved = self._resolve(base, arrays, shortest)
                index = counts.get(resolved, -1) + 1
                counts[resolved] = arrays[base] = index
                shortest = min(shortest, len(base))
                table = (*resolved, index)
            else:
                table = self._resolve(tuple(parts), arrays, shortest)
                self._written_at("table", table, line)
            place(table, line)
            if table[:-1] not in headed:
                for end in range(1, len(table)):
                    # `[scene.door]` also places `scene`, which was never written on its own
                    place(table[:end], line)
                    headed.add(table[:end])
            headed.add(table)

    @staticmethod
    def _resolve(path: tuple, arrays: dict[tuple, int], shortest: int) -> tuple:
        """Insert the current index after every array-of-tables prefix of `path`
        (`shortest`: the shortest path in `arrays`; a path no longer has no such prefix)."""
        if len(path) <= shortest:
            return path
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
