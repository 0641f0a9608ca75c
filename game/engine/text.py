"""Story text: placeholders, the two kinds of emphasis, and nothing else.

Writer and player text is data. Control characters and terminal escape
sequences are removed; `{hero}` and `{ID}` are filled in; `*italic*` and
`**bold**` become styled spans; everything else is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from game.engine.values import frozen
from game.engine.words import did_you_mean

# CSI / OSC / other ESC sequences, then any remaining C0/C1 control character
# except newline and tab; and bidirectional overrides, which can disguise text.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.S)


def clean(text: str) -> str:
    """Remove escape sequences and control characters; keep newlines; tabs become spaces.

    THE one place where text is made safe for a terminal: everything that shows text
    (`clean_line`, `clean_name`, `render*`, the command line's output streams, the
    full-screen game's line filter) goes through it, whatever the text came from: a
    story, a save, a typed line, an option, a file name.
    """
    if not isinstance(text, str):
        text = str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return text.replace("\t", "    ")


def is_clean(text: str) -> bool:
    """Whether `clean` would leave `text` as it is apart from newlines and tabs (a fast test).

    Printable text (`str.isprintable`, a C loop) holds no control character, escape or bidi
    override, so it is clean at once; anything else (a newline, a tab, a no-break space) is
    looked at closely."""
    return text.isprintable() or _CONTROLS.search(text) is None


def clean_line(text: object, limit: int | None = None) -> str:
    """Any text (or path, or number) made safe and put on one line, cut to `limit`
    characters with '…' when it is longer: for names, titles and file names in messages."""
    line = " ".join(clean(str(text)).split())
    if limit is not None and len(line) > limit:
        line = line[: max(0, limit - 1)].rstrip() + "…"
    return line


NAME_LIMIT = 24
"""How long a hero's name may be, typed or given with `--name`, in every front end."""


def clean_name(name: str, limit: int = NAME_LIMIT) -> str:
    """A player's typed name, safe and short, on one line (cut without '…')."""
    return " ".join(clean(name).split())[:limit].strip()


def iter_placeholder_issues(text: str, names: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(the token as written, a message) for every `{...}` in `text` that is not a known
    placeholder, one at a time, so that a caller may stop early."""

    for match in _PLACEHOLDER.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            yield token, _lone_brace(text, match, names)
            continue
        key = match.group(1).strip()
        if key not in names:
            hint = did_you_mean(key, names)
            if hint:
                yield token, f"unknown placeholder '{token}'{hint}"
            else:
                yield token, f"unknown placeholder '{token}': use {{hero}} or a companion's id"


def placeholders(text: str) -> list[str]:
    """The names of `text`'s placeholders (`{tam}`), in order, each once (`{{` is no
    placeholder)."""
    found = (m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1))
    return list(dict.fromkeys(found))


_WORD_AFTER = re.compile(r"\s*([A-Za-z_]\w*)")
_WORD_BEFORE = re.compile(r"([A-Za-z_]\w*)\s*$")


def _lone_brace(text: str, match: re.Match, names: Mapping[str, str]) -> str:
    """What to say of a lone brace: a placeholder whose other brace is missing when a name
    is next to it (`{tam looks up`), else how to show a brace."""
    token = match.group(0)
    if token == "{":
        near = _WORD_AFTER.match(text, match.end())
    else:
        near = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    if near is not None and near.group(1).lower() in names:
        return (
            f"a lone '{token}' next to '{near.group(1)}': did you mean "
            f"'{{{near.group(1).lower()}}}'? (to show a brace itself, write it twice: "
            f"'{token}{token}')"
        )
    return f"a lone '{token}': to show a brace, write it twice ('{token}{token}')"


def fill(text: str, names: Mapping[str, str]) -> str:
    """Fill in placeholders; `{{`/`}}` become braces; unknown ones stay as written."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        key = (match.group(1) or "").strip()
        return names.get(key, token) if match.group(1) is not None else token

    return _PLACEHOLDER.sub(replace, text)


@frozen
class Span:
    """A run of text and its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


Paragraph = tuple[Span, ...]


def emphasis(text: str) -> Paragraph:
    """Split text into spans at `**bold**` and `*italic*`; stray asterisks stay as written.

    The same spans as matching `_EMPHASIS` from left to right, found in O(n log n): the regex
    backtracks to the end of the text from every unmatched opener, so a long text full of
    stray asterisks would take quadratic time to show.
    """
    import bisect

    n = len(text)
    if "*" not in text:
        return (Span(text),) if text else ()
    stars = [i for i, ch in enumerate(text) if ch == "*"]
    # Where `**` may close (after a non-space) and where `*` may close (after neither a
    # space nor a star).
    bold_ends = [
        p for p in stars if 0 < p < n - 1 and text[p + 1] == "*" and not text[p - 1].isspace()
    ]
    italic_ends = [q for q in stars if q > 0 and not text[q - 1].isspace() and text[q - 1] != "*"]
    spans: list[Span] = []
    at = 0
    k = 0
    while k < len(stars):
        i = stars[k]
        if i < at:
            k += 1
            continue
        end = None
        if i + 2 < n and text[i + 1] == "*" and not text[i + 2].isspace():
            j = bisect.bisect_left(bold_ends, i + 3)
            if j < len(bold_ends):
                end, inner, bold = bold_ends[j] + 2, text[i + 2 : bold_ends[j]], True
        if end is None and i + 1 < n and text[i + 1] != "*" and not text[i + 1].isspace():
            j = bisect.bisect_left(italic_ends, i + 2)
            if j < len(italic_ends):
                end, inner, bold = italic_ends[j] + 1, text[i + 1 : italic_ends[j]], False
        if end is None:
            k += 1
            continue
        if i > at:
            spans.append(Span(text[at:i]))
        spans.append(Span(inner, bold=bold, italic=not bold))
        at = end
        k += 1
    if at < n:
        spans.append(Span(text[at:]))
    return tuple(spans)


def paragraphs(text: str) -> Iterator[str]:
    """Paragraphs separated by blank lines; single line breaks inside a paragraph are kept."""
    for block in re.split(r"\n(?:[ \t]*\n)+", text):
        block = "\n".join(line.rstrip() for line in block.split("\n")).strip("\n")
        if block.strip():
            yield block


def render(text: str, names: Mapping[str, str]) -> tuple[Paragraph, ...]:
    """Writer text → cleaned, filled paragraphs of styled spans.

    Emphasis is read before the names are filled in, so a name is shown as typed: a hero
    called `*Sam*` keeps the asterisks, while `*{hero}*` still makes the name italic.
    """
    safe = {k: clean_name(v, 60) for k, v in names.items()}
    return tuple(
        tuple(
            Span(fill(span.text, safe), bold=span.bold, italic=span.italic)
            for span in emphasis(paragraph)
        )
        for paragraph in paragraphs(clean(text))
    )


def render_plain(text: str, names: Mapping[str, str]) -> str:
    """Writer text → cleaned, filled text without the emphasis markers, paragraphs kept."""
    return "\n\n".join("".join(s.text for s in p) for p in render(text, names))


def render_line(text: str, names: Mapping[str, str]) -> str:
    """A one-line text (a choice, a title, a hint) rendered plainly on one line."""
    return " ".join(render_plain(text, names).split())
