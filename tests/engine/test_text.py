"""Story text (story/README.md, "Text"): placeholders, two kinds of emphasis, and nothing else."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.text import (
    _EMPHASIS,
    Span,
    clean,
    clean_name,
    emphasis,
    fill,
    iter_placeholder_issues,
    render,
    render_line,
    render_plain,
)

NAMES = {"hero": "Sam", "wren": "Wren", "tam": "Tam"}


def test_placeholders_are_filled():
    assert fill("{hero} and {wren} meet {tam}.", NAMES) == "Sam and Wren meet Tam."


def test_double_braces_are_literal_braces():
    assert fill("{{hero}} and {{ }}", NAMES) == "{hero} and { }"
    assert render_plain("Write {{hero}} to say {hero}", NAMES) == "Write {hero} to say Sam"


def test_unknown_placeholders_stay_as_written_when_filled():
    assert fill("{nobody} {", NAMES) == "{nobody} {"


def test_a_name_is_never_filled_in_twice():
    assert render_plain("{hero}", {"hero": "{wren}", "wren": "Wren"}) == "{wren}"


@pytest.mark.parametrize(
    "text, problems",
    [
        ("{hero} and {wren}, {{literal}}", []),
        ("{wern}", ["unknown placeholder '{wern}' (did you mean 'wren'?)"]),
        ("{Hero}", ["unknown placeholder '{Hero}' (did you mean 'hero'?)"]),
        ("{dragon}", ["unknown placeholder '{dragon}': use {hero} or a companion's id"]),
        ("{}", ["unknown placeholder '{}': use {hero} or a companion's id"]),
        ("a { b", ["a lone '{': to show a brace, write it twice ('{{')"]),
        ("a } b", ["a lone '}': to show a brace, write it twice ('}}')"]),
    ],
)
def test_placeholder_problems(text, problems):
    assert [message for _token, message in iter_placeholder_issues(text, NAMES)] == problems


def test_bold_and_italic_are_the_only_markup():
    (paragraph,) = render("Ask **{wren}** for *help* [b]now[/b].", NAMES)
    assert paragraph == (
        Span("Ask "),
        Span("Wren", bold=True),
        Span(" for "),
        Span("help", italic=True),
        Span(" [b]now[/b]."),
    )


@pytest.mark.parametrize("text", ["2 * 3 * 4", "a ** b", "*", "**", "* not italic *", "***"])
def test_stray_asterisks_stay_as_written(text):
    assert render_plain(text, NAMES) == text


def test_a_name_is_shown_as_typed_even_with_asterisks():
    (paragraph,) = render("Hello *{hero}*", {"hero": "*Sam*"})
    assert paragraph == (Span("Hello "), Span("*Sam*", italic=True))


@pytest.mark.parametrize(
    "text",
    [
        "[@click=app.quit]Run[/]",
        "[/]x",
        "[bold red]shout[/bold red]",
        "\\[escaped] C:\\path\\n",
        "<b>html</b> &amp; 🦉",
    ],
)
def test_brackets_backslashes_and_emoji_are_plain_text(text):
    assert render_plain(text, NAMES) == text
    (paragraph,) = render(text, NAMES)
    assert paragraph == (Span(text),)


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("\x1b[2J\x1b[Hcleared", "cleared"),
        ("\x1b]0;a title\x07after", "after"),
        ("\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x1bPdevice\x1b\\ok", "ok"),
        ("\x1bcreset", "reset"),
        ("\x9b31mcsi", "csi"),
        ("nul\x00bell\x07del\x7fc1\x85", "nulbelldelc1"),
        ("right\u202eto\u2066left", "righttoleft"),
        ("tab\there", "tab    here"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
    ],
)
def test_escape_sequences_and_control_characters_are_removed(raw, shown):
    assert clean(raw) == shown


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_rendered_text_never_holds_a_control_character(text):
    for paragraph in render(text, NAMES):
        for span in paragraph:
            assert not any(
                (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in span.text
            )


def test_names_are_cleaned_too():
    assert render_plain("Hi {hero}!", {"hero": "\x1b[2JSam\x07"}) == "Hi Sam!"


def test_paragraphs_are_separated_by_blank_lines():
    text = "\nFirst line\nstill first.\n\n  \nSecond.  \n\n\n"
    assert [tuple(s.text for s in p) for p in render(text, NAMES)] == [
        ("First line\nstill first.",),
        ("Second.",),
    ]
    assert render_plain(text, NAMES) == "First line\nstill first.\n\nSecond."


def test_a_line_is_one_line():
    assert render_line("Ask\n  **{wren}**\n\nnow", NAMES) == "Ask Wren now"


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("  Sam  ", "Sam"),
        ("Sam\nO'Neil", "Sam O'Neil"),
        ("\x1b[31mZoë\x00", "Zoë"),
        ("x" * 40, "x" * 24),
    ],
)
def test_a_typed_name_is_short_safe_and_on_one_line(typed, kept):
    assert clean_name(typed) == kept


def emphasis_by_regex(text: str) -> tuple[Span, ...]:
    """The plain definition: `_EMPHASIS` matched from left to right."""
    spans, at = [], 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > at:
            spans.append(Span(text[at : match.start()]))
        bold = match.group(1) is not None
        spans.append(Span(match.group(1 if bold else 2), bold=bold, italic=not bold))
        at = match.end()
    if at < len(text):
        spans.append(Span(text[at:]))
    return tuple(spans)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="**  ab\n\u3000", max_size=30))
def test_emphasis_matches_its_definition(text):
    assert emphasis(text) == emphasis_by_regex(text)


def test_emphasis_takes_linear_time_on_stray_asterisks():
    text = "**a *b " * 20_000
    started = time.perf_counter()
    (paragraph,) = render(text, NAMES)
    assert time.perf_counter() - started < 1
    assert "".join(span.text for span in paragraph).count("*") > 0


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_is_clean_says_whether_clean_would_change_the_text(text):
    """Its quick test (printable text is clean at once) agrees with `clean` itself, newlines
    and tabs apart: the full-screen game's last guard before the terminal relies on it."""
    from game.engine.text import clean, is_clean

    plain = text.replace("\n", "").replace("\t", "").replace("\r", "\x00")
    assert is_clean(plain) == (clean(plain) == plain)
