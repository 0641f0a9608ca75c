"""A TOML syntax mistake explained in a writer's words, at the line where it starts.

The parser stops where it notices something wrong, which is often far from the mistake: a
text left open at line 45 is noticed at line 52, where the next text's words are read as
keys. So the file is scanned again, lightly (strings, brackets and comments only), to find
what was left open, and the parser's message is then turned into what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.positions import Positions
from game.engine.words import shorten

_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}\n]")
_ML_BASIC_END = re.compile(r'(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:""?(?!"))?')
_BASIC_END = re.compile(r'(?:[^"\\\n]++|\\[^\n])*+"?')
_LITERAL_END = re.compile(r"[^'\n]*+'?")
_OPENS_TEXT = re.compile(r"""^[ \t]*[A-Za-z0-9_."' -]+[ \t]*=[ \t]*$""")
_HEADER = re.compile(
    r"^[ \t]*\[\[?[ \t]*[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*[ \t]*\]\]?"
)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_VALUE_START = re.compile(r"""["'0-9tf\[{+-]""")
_DUPLICATES = ("Cannot overwrite", "Cannot declare", "Cannot redefine", "Cannot mutate")
_BACKSLASH = ("Unescaped '\\'", "Invalid hex value", "Unicode escape")


@dataclass
class _Open:
    """Something opened in the file: a multi-line text, a one-line text, a list or { }."""

    kind: str
    """`\"\"\"`, `'''`, `"`, `'`, `[` or `{`."""
    line: int
    start: int
    end: int | None = None
    """Where it closes (just after), or None when it never does."""


@dataclass
class _Scan:
    texts: list[_Open]
    """Multi-line texts, in file order."""
    unclosed_quotes: list[_Open]
    """One-line texts that run into the end of their line."""
    brackets: list[_Open]
    """Lists and { } still open where the scan stopped, innermost last."""


def _scan(source: str, upto: int) -> _Scan:
    """Strings, comments and brackets from the start of `source` to `upto`."""
    texts: list[_Open] = []
    quotes: list[_Open] = []
    stack: list[_Open] = []
    pos, line, line_begin = 0, 1, 0
    while True:
        m = _TOKEN.search(source, pos)
        if m is None or m.start() >= upto:
            break
        token, at = m.group(), m.start()
        pos = m.end()
        if token == "\n":
            line, line_begin = line + 1, pos
        elif token == "#":
            end = source.find("\n", pos)
            pos = len(source) if end == -1 else end
        elif token in ('"""', "'''"):
            text = _Open(token, line, at)
            texts.append(text)
            if token == '"""':
                close = _ML_BASIC_END.match(source, pos)
                end = close.end() if close else -1
            else:
                found = source.find("'''", pos)
                end = found + 3 if found != -1 else -1
            if end == -1:
                break
            text.end = end
            line += source.count("\n", pos, end)
            line_begin = source.rfind("\n", 0, end) + 1 or line_begin
            pos = end
        elif token in ('"', "'"):
            close = (_BASIC_END if token == '"' else _LITERAL_END).match(source, pos)
            end = close.end() if close else pos
            if end == pos or source[end - 1] != token or end - 1 < pos:
                quotes.append(_Open(token, line, at))
            pos = end
        elif token == "[" and not stack and not source[line_begin:at].strip():
            end = source.find("\n", pos)
            pos = len(source) if end == -1 else end  # a table header: skip it whole
        elif token in "[{":
            stack.append(_Open(token, line, at))
        elif token in "]}" and stack and stack[-1].kind == {"]": "[", "}": "{"}[token]:
            stack.pop()
    return _Scan(texts, quotes, stack)


def _line_of(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def _line_text(source: str, line: int) -> str:
    lines = source.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _left_open(source: str, scan: _Scan, error_pos: int) -> _Open | None:
    """The first multi-line text that is never closed, or whose closing quotes are really the
    opening of the next text (`text = \"\"\"` a few lines on): the rest of the file is then
    read inside out, and the parser's complaint comes later."""
    for text in scan.texts:
        if text.start > error_pos:
            break
        if text.end is None:
            return text
        close_line_begin = source.rfind("\n", 0, text.end - 3) + 1
        if _OPENS_TEXT.match(source, close_line_begin, text.end - 3):
            return text
        inside = source[text.start + 3 : text.end - 3]
        if text.end <= error_pos and any(_HEADER.match(row) for row in inside.split("\n")[1:]):
            return text
    return None


_KEY_LINE = re.compile(r"^[ \t]*[A-Za-z_][A-Za-z0-9_-]*[ \t]*=")


def _probable_end(source: str, opened: int) -> str:
    """Where a text left open most likely should end: before the first line after its start
    that looks like a table header or a `key =` line (words of a story seldom do)."""
    for number, row in enumerate(source.split("\n")[opened:], start=opened + 1):
        if _HEADER.match(row) or _KEY_LINE.match(row):
            shown = shorten(row.strip(), 30)
            return f", before line {number} ({shown})"
    return ""


def explain(source: str, message: str, pos: int) -> tuple[int, str]:
    """The line where a syntax mistake starts and what to change, from the parser's `message`
    and the position `pos` where it stopped."""
    last_line = max(1, len(source.splitlines()))
    pos = max(0, min(pos, len(source)))
    scan = _scan(source, pos if pos < len(source) else len(source) + 1)
    line = min(_line_of(source, pos), last_line)
    text = _line_text(source, line)

    opened = _left_open(source, scan, pos)
    if opened is not None:
        quotes = opened.kind
        return opened.line, (
            f"the text that starts at line {opened.line} is never closed with {quotes}: "
            f"end it with {quotes} on a line of its own" + _probable_end(source, opened.line)
        )
    if message.startswith(_DUPLICATES) or message.startswith("Duplicate inline table key"):
        return _duplicate(source, message, line, text)
    if scan.unclosed_quotes:
        quote = scan.unclosed_quotes[-1]
        if quote.line <= line:
            mark = quote.kind
            return quote.line, (
                f"the text on this line has no closing quote ({mark}): add {mark} where the "
                "text ends (a text in quotes stays on one line; for more lines, use "
                f"{mark * 3} … {mark * 3})"
            )
    if scan.brackets:
        return _bracket(source, message, pos, line, scan.brackets)
    char = source[pos] if pos < len(source) else ""
    if char and (char < " " and char not in "\t\n" or char == "\x7f"):
        return line, (
            f"this line holds a control character (U+{ord(char):04X}) that cannot be seen: "
            "delete it, or type the line again"
        )
    if message.startswith("Expected '=' after a key") or message == "Invalid statement":
        above = line - 1
        while above > 1 and not _line_text(source, above).strip():
            above -= 1
        if re.search(r"=[ \t]*(?:\"\"|'')[ \t]*$", _line_text(source, above)):
            return above, (
                'a text of many lines starts with three quotes: write """ here (not ""), '
                'and end the text with """ on a line of its own'
            )
    return line, _plain(message, text, source, pos)


def _bracket(source: str, message: str, pos: int, line: int, stack: list) -> tuple[int, str]:
    """A list or a { } still open where the parser stopped."""
    starts_value = bool(_VALUE_START.match(source, pos))
    inner = stack[-1]
    if inner.kind == "[" and not (message.startswith("Unclosed array") and starts_value):
        inner = stack[0]  # a list left open swallows the table headers after it
    if inner.kind == "[":
        if message.startswith("Unclosed array") and starts_value and line - inner.line < 50:
            return line, (
                f"a comma is missing before this item of the list that starts at line "
                f"{inner.line}: put , between the items"
            )
        return inner.line, (
            f"the list that starts at line {inner.line} is never closed with ]: "
            "add ] after its last item"
        )
    if message.startswith("Unclosed inline table") and starts_value:
        return line, "a comma is missing between two items of this { … }: put , between them"
    return inner.line, (
        "the { on this line is never closed with }: add } after the last item, on this line"
    )


def _plain(message: str, text: str, source: str, pos: int) -> str:
    """The parser's complaint about one line, in a writer's words."""
    stripped = text.strip()
    key, sep, value = stripped.partition("=")
    key, value = key.strip(), value.strip()
    column = pos - (source.rfind("\n", 0, pos) + 1) + 1
    if "\u201c" in text or "\u201d" in text:
        return (
            'this line has curly quotes (“ ”): TOML needs straight ones ("), as a text '
            "editor types them (a word processor changes them)"
        )
    if message.startswith("Expected '=' after a key") or message == "Invalid statement":
        return _not_key_value(stripped, key, sep)
    if message == "Invalid value":
        return _bad_value(key, value, sep)
    if message.startswith("Expected ']]'") or message.startswith("Expected ']'"):
        if stripped.startswith("[[") and stripped.rstrip().endswith("]") and "]]" not in text:
            return "this line starts with [[, so it must end with ]]: write [[…]] for a choice"
        inner = stripped.strip("[]")
        if " " in inner.strip():
            return (
                f"a name in [ ] has no spaces: write it with letters, digits, - and _ "
                f"(such as [{inner.strip().replace(' ', '_')}])"
            )
        return "the table name needs a closing ] at the end of the line"
    if message.startswith("Invalid initial character for a key part"):
        if stripped.startswith("["):
            return "a name is missing in this table name: write names joined by dots"
        if stripped.startswith("="):
            return "a key is missing before the =: write key = value"
        return (
            "a key uses only letters, digits, - and _: write it so, or put it in quotes "
            f"(column {column})"
        )
    if message.startswith("Expected newline or end of document"):
        if stripped.startswith("["):
            return "write nothing after the table name on its line (a note for you goes after #)"
        if value.startswith('"') and value.count('"') > 2:
            return (
                'a " inside the text ends it early: write \\" for each " inside, or put '
                "the whole text in single quotes ('…')"
            )
        if value.startswith("'") and value.count("'") > 2:
            return 'a \' inside the text ends it early: put the text in double quotes ("…") instead'
        return f"one key = value on each line: start a new line for the next key (column {column})"
    if message.startswith(_BACKSLASH):
        return (
            'a backslash (\\) in "…" text starts a code such as \\" or \\n: write \\\\ '
            "for a backslash itself, or put the text in '…' (or '''…''' for a picture) "
            f"(column {column})"
        )
    if message.startswith(("Illegal character", "Found invalid character")):
        char = source[pos] if pos < len(source) else ""
        code = f"U+{ord(char):04X}" if char else "an invisible one"
        return (
            f"this line holds a control character ({code}) that cannot be seen: delete it, "
            f"or type the line again (column {column})"
        )
    if message.startswith("Invalid date or datetime"):
        return "this looks like a date or time: put text in quotes"
    if message.startswith("Unclosed"):
        return "something opened here is never closed: look for a missing ] or }"
    return (
        "TOML cannot read this line: look for a missing quote, = or bracket here or just "
        f"above (column {column})"
    )


def _not_key_value(stripped: str, key: str, sep: str) -> str:
    """A line that should be `key = value` and is not."""
    words = stripped.split()
    if sep and " " in key and not key.startswith(('"', "'")):
        return (
            f"a key is one word: '{key}' has a space (use _ instead, such as "
            f"{key.replace(' ', '_')} = …)"
        )
    if stripped.startswith(("]", "}")):
        return f"a {stripped[0]} with nothing open before it: remove it, or look for its pair"
    if len(words) == 2 and _BARE_KEY.fullmatch(words[0]) and words[1][:1] in "\"'[{0123456789":
        return f"'{words[0]}' needs an = before its value: {words[0]} = {words[1]}"
    if not sep or len(words) > 3:
        return (
            'this line is story text outside any text: put it between the """ and """ '
            "of the text above (is one of them missing?), or remove it"
        )
    return "this line needs the form key = value"


def _bad_value(key: str, value: str, sep: str) -> str:
    """The value after `=` is not one TOML reads."""
    if not value:
        return f"the value after {key} = is missing: write it after the ="
    word = value.split()[0]
    if word.lower() in ("true", "false", "yes", "no") or key == "once":
        return f"true and false are written in lower case, without quotes: {key} = true"
    return f'text needs quotes around it: {key} = "{value}"'


def _duplicate(source: str, message: str, line: int, text: str) -> tuple[int, str]:
    """A key or table written twice: name both lines, in the words of the story."""
    if message.startswith("Duplicate inline table key"):
        name = message.split("'")[1] if "'" in message else "a key"
        return line, f"'{name}' is written twice in this {{ … }}: keep one of them"
    repeats = Positions(source, track_repeats=True).repeats or []
    before = [r for r in repeats if r[2] <= line] or repeats
    if not before:
        return line, "this line writes something already written above: keep one of them"
    kind, path, first, again = before[0]
    if kind == "table":
        header = "[" + ".".join(str(p) for p in path if not isinstance(p, int)) + "]"
        fix = (
            "give one of the scenes another id, or join the two"
            if len(path) == 2 and path[0] == "scenes"
            else "join the two into one"
        )
        return again, f"{header} is written twice (first at line {first}): {fix}"
    where, name = path[:-1], path[-1]
    if (
        len(where) == 4
        and where[0] == "scenes"
        and where[2] == "choices"
        and isinstance(where[3], int)
    ):
        return again, (
            f"scene '{where[1]}', choice {where[3] + 1}: '{name}' is written twice in this "
            f"choice (first at line {first}): keep one of them"
        )
    if len(where) == 2 and where[0] == "scenes":
        return again, (
            f"scene '{where[1]}': '{name}' is written twice in this scene "
            f"(first at line {first}): keep one of them"
        )
    table = f"[{'.'.join(str(p) for p in where)}]" if where else "this file"
    return again, f"'{name}' is written twice in {table} (first at line {first}): keep one of them"
