"""TOML syntax mistakes are explained in a writer's words at the line where they start, never
in the parser's notation and never past the file's last line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.syntax import explain

LAKE = (Path(__file__).parents[1] / "fixtures" / "syntax" / "07-lake.toml").read_text()
"""A chapter as the tutorial once had it, kept as it is so that line numbers stay put."""
PARSER_WORDS = ("Cannot", "Expected", "Invalid", "Unclosed", "Illegal", "Unterminated", "(")


def explained(source: str) -> tuple[int, str, str]:
    """(line, message, the text of that line)."""
    with pytest.raises(tomli.TOMLDecodeError) as caught:
        tomli.loads(source)
    line, message = explain(source, caught.value.msg, caught.value.pos)
    return line, message, source.split("\n")[line - 1]


def edited(old: str, new: str) -> str:
    assert old in LAKE
    return LAKE.replace(old, new, 1)


CASES = {
    "a text of many lines left open in the middle": (
        edited('to its mother.\n"""', "to its mother.\n"),
        'text = """',
        'the text that starts at line 48 is never closed with """: end it with """ on a line '
        "of its own, before line 54 ([[scenes.listen.choices]])",
    ),
    "a text of many lines left open at the end of the file": (
        LAKE[: LAKE.rindex('"""')] + LAKE[LAKE.rindex('"""') + 3 :],
        'text = """',
        'the text that starts at line 59 is never closed with """: end it with """ on a line '
        "of its own, before line 65 ([[scenes.thanks.choices]])",
    ),
    "a picture left open": (
        edited("[scenes.wade]", "[scenes.wade]\nart = '''\n  ~~~\n"),
        "art = '''",
        "the text that starts at line 36 is never closed with ''': end it with ''' on a line "
        'of its own, before line 39 (text = """)',
    ),
    "a key written twice in a choice": (
        edited('goto = "shore"', 'goto = "shore"\ngoto = "wade"'),
        'goto = "wade"',
        "scene 'shore', choice 2: 'goto' is written twice in this choice (first at line 25): "
        "keep one of them",
    ),
    "a scene written twice": (
        edited("[scenes.listen]", "[scenes.wade]"),
        "[scenes.wade]",
        "[scenes.wade] is written twice (first at line 35): give one of the scenes another id, "
        "or join the two",
    ),
    "a text written twice in a scene": (
        edited('[scenes.thanks]\ntext = """', '[scenes.thanks]\ntext = "hi"\ntext = """'),
        'text = """',
        "scene 'thanks': 'text' is written twice in this scene (first at line 59): keep one of "
        "them",
    ),
    "a key written twice in [chapter]": (
        edited('title = "The Misty Lake"', 'title = "The Misty Lake"\nid = "lake2"'),
        'id = "lake2"',
        "'id' is written twice in [chapter] (first at line 4): keep one of them",
    ),
    "a key written twice under choices named like a table": (
        LAKE + '\n[scenes.a.choices.add]\ntitle = "T"\ntitle = "T"\n',
        'title = "T"',
        "'title' is written twice in [scenes.a.choices.add] (first at line 70): keep one of them",
    ),
    "a missing =": (
        edited('goto = "wade"', 'goto "wade"'),
        'goto "wade"',
        "'goto' needs an = before its value: goto = \"wade\"",
    ),
    "text without quotes": (
        edited('goto = "wade"', "goto = wade"),
        "goto = wade",
        'text needs quotes around it: goto = "wade"',
    ),
    "True": (
        edited('recruit = "june"', 'recruit = "june"\nonce = True'),
        "once = True",
        "true and false are written in lower case, without quotes: once = true",
    ),
    "one closing bracket for two": (
        edited("[[scenes.wade.choices]]", "[[scenes.wade.choices]"),
        "[[scenes.wade.choices]",
        "this line starts with [[, so it must end with ]]: write [[…]] for a choice",
    ),
    "a space in a scene id": (
        edited("[scenes.wade]", "[scenes.wade in]"),
        "[scenes.wade in]",
        "a name in [ ] has no spaces: write it with letters, digits, - and _ "
        "(such as [scenes.wade_in])",
    ),
    "a list never closed": (
        edited("don't?\",\n]", "don't?\","),
        "talk = [",
        "the list that starts at line 7 is never closed with ]: add ] after its last item",
    ),
    "a comma missing in a list": (
        edited("talk = [\n", 'talk = [\n  "A question?"\n'),
        '  "June knew what the duckling needed. What is something a friend knows that you '
        "don't?\",",
        "a comma is missing before this item of the list that starts at line 7: put , between "
        "the items",
    ),
    "story text outside a text": (
        edited("[scenes.wade]", "The duck swims away.\n\n[scenes.wade]"),
        "The duck swims away.",
        'this line is story text outside any text: put it between the """ and """ of the text '
        "above (is one of them missing?), or remove it",
    ),
    "two quotes for three": (
        edited('[scenes.wade]\ntext = """', '[scenes.wade]\ntext = ""'),
        'text = ""',
        'a text of many lines starts with three quotes: write """ here (not ""), and end the '
        'text with """ on a line of its own',
    ),
    "curly quotes": (
        edited('goto = "wade"', "goto = \u201cwade\u201d"),
        "goto = \u201cwade\u201d",
        'this line has curly quotes (“ ”): TOML needs straight ones ("), as a text editor types '
        "them (a word processor changes them)",
    ),
    "a control character": (
        edited('goto = "wade"', 'goto = "wade"\x07'),
        'goto = "wade"\x07',
        "this line holds a control character (U+0007) that cannot be seen: delete it, or type "
        "the line again",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_syntax_mistake_is_explained_where_it_starts(case):
    source, line_text, message = CASES[case]
    line, said, at = explained(source)
    assert (at, said) == (line_text, message)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=0, max_value=len(LAKE) - 1),
    st.integers(min_value=1, max_value=40),
    st.sampled_from(["", '"', '"""', "[", "]", "{", "=", "'''", "\n", "x y", "\\", "\x07"]),
)
def test_any_damage_gets_a_plain_message_inside_the_file(at, length, put):
    source = LAKE[:at] + put + LAKE[at + length :]
    try:
        tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        line, message = explain(source, exc.msg, exc.pos)
    else:
        return
    assert 1 <= line <= max(1, len(source.splitlines()))
    assert not message.startswith(PARSER_WORDS), message
    assert not re.search(r"\('\w+', '", message) and len(message) < 200, message
