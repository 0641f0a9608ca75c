"""Where keys and tables stand in a TOML file, found by a light scan of its text."""

from __future__ import annotations

import time

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.positions import Positions

CHAPTER = '''\
# A chapter [with brackets in a comment]
[chapter]
id = "village"   # a comment
title = "The # Silent [Bell]"
start = "square"

[scenes.square]
text = """
The bell has not rung.
[scenes.fake]
goto = "nowhere"
"""
art = \'\'\'
 ___
[[scenes.square.choices]]
\'\'\'

[[scenes.square.choices]]
text = "Pull"
goto = "rope"

[[scenes.square.choices]]
text = "Ask"
goto = "tower"
help = [
  "wren",
  "tam",
]

[scenes.square.choices.add]
courage = 1

[scenes.rope]
text = "Too heavy."
'''


@pytest.fixture(scope="module")
def chapter() -> Positions:
    tomli.loads(CHAPTER)  # the sample is valid TOML
    return Positions(CHAPTER)


@pytest.mark.parametrize(
    "path, line",
    [
        (("chapter",), 2),
        (("chapter", "id"), 3),
        (("chapter", "title"), 4),
        (("chapter", "start"), 5),
        (("scenes", "square"), 7),
        (("scenes", "square", "text"), 8),
        (("scenes", "square", "art"), 13),
        (("scenes", "square", "choices", 0), 18),
        (("scenes", "square", "choices", 0, "goto"), 20),
        (("scenes", "square", "choices", 1), 22),
        (("scenes", "square", "choices", 1, "help"), 25),
        (("scenes", "square", "choices", 1, "add"), 30),
        (("scenes", "square", "choices", 1, "add", "courage"), 31),
        (("scenes", "rope"), 33),
        (("scenes", "rope", "text"), 34),
    ],
)
def test_lines_of_tables_and_keys(chapter, path, line):
    assert chapter.line(*path) == line


def test_text_inside_multi_line_strings_is_not_read_as_keys(chapter):
    assert ("scenes", "fake") not in chapter.lines
    assert ("scenes", "square", "goto") not in chapter.lines
    assert ("scenes", "square", "choices", 2) not in chapter.lines


def test_lookups_fall_back_to_the_nearest_table(chapter):
    assert chapter.line("scenes", "square", "choices", 1, "if") == 22
    assert chapter.line("scenes", "square", "choices", 1, "help", 0) == 25
    assert chapter.line("scenes", "square", "ending") == 7
    assert chapter.line("nothing", "here") == 1
    assert chapter.line() == 1


def test_each_array_of_tables_counts_from_zero_under_its_own_parent():
    source = "[[a]]\nx = 1\n[[a.b]]\ny = 1\n[[a]]\nx = 2\n[[a.b]]\ny = 2\n[[a.b]]\ny = 3\n"
    tomli.loads(source)
    positions = Positions(source)
    assert positions.line("a", 0) == 1
    assert positions.line("a", 0, "b", 0, "y") == 4
    assert positions.line("a", 1) == 5
    assert positions.line("a", 1, "b", 0) == 7
    assert positions.line("a", 1, "b", 1, "y") == 10


@pytest.mark.parametrize(
    "source, path, line",
    [
        ('[scenes."old mill"]\ntext = "x"\n', ("scenes", "old mill", "text"), 2),
        ("[scenes.'old mill']\n\ntext = 'x'\n", ("scenes", "old mill", "text"), 3),
        ('[renamed]\n"village:old_well" = "village:well"\n', ("renamed", "village:old_well"), 2),
        ('[t]\n"a.b" = 1\na.b = 2\n', ("t", "a.b"), 2),
        ('[t]\n"a.b" = 1\na.b = 2\n', ("t", "a", "b"), 3),
        ('[t]\n"say \\"hi\\"" = 1\n', ("t", 'say "hi"'), 2),
        ('[t]\n"back\\\\" = 1\nnext = 2\n', ("t", "back\\"), 2),
        ('[t]\n"back\\\\" = 1\nnext = 2\n', ("t", "next"), 3),
        ('[t]\n"\\u0041" = 1\n', ("t", "A"), 2),
        ("[ scenes . square ]\n text . more = 1\n", ("scenes", "square", "text", "more"), 2),
        ("[[ scenes.a.choices ]]\ngoto = 'b'\n", ("scenes", "a", "choices", 0, "goto"), 2),
        ("[t]\r\nx = 1\r\n\r\ny = 2\r\n", ("t", "y"), 4),
    ],
)
def test_quoted_dotted_and_spaced_keys(source, path, line):
    tomli.loads(source)
    assert Positions(source).line(*path) == line


def test_multi_line_strings_anywhere_are_skipped():
    source = (
        "talk = [\n  \"\"\"\n  [fake]\n  x = 1\n  \"\"\",\n  '''\n  y = 2\n  ''',\n]\n"
        'a = """one ""\\""" still"""\n'
        "[real]\n"
        'b = "\\"\\"\\""\n'
        "c = 3\n"
    )
    data = tomli.loads(source)
    assert data["real"]["c"] == 3
    positions = Positions(source)
    assert ("fake",) not in positions.lines and ("x",) not in positions.lines
    assert ("y",) not in positions.lines
    assert positions.line("a") == 10
    assert positions.line("real") == 11
    assert positions.line("real", "c") == 13


def test_a_line_that_only_looks_like_a_table_inside_an_array_is_not_one():
    source = 'x = [\n  ["a"],\n  ["b"],\n]\n[t]\ny = 1\n'
    tomli.loads(source)
    positions = Positions(source)
    assert ("a",) not in positions.lines and positions.line("t", "y") == 6


def test_scanning_is_fast_on_a_large_chapter():
    scene = '[scenes.s{n}]\ntext = """\nA long text, {{hero}}.\n"""\n\n[[scenes.s{n}.choices]]\n'
    scene += 'text = "Go on"\ngoto = "s{n}"\nif = ["party.wren", "x >= 1"]\n\n'
    source = "".join(scene.format(n=n) for n in range(5000))
    started = time.perf_counter()
    positions = Positions(source)
    assert time.perf_counter() - started < 2
    assert positions.line("scenes", "s4999", "choices", 0, "goto") == 4999 * 10 + 8


toml_keys = st.text(alphabet="ab_-.\"' 1", min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["[", "[[", "", '"""']), toml_keys), max_size=12))
def test_any_text_scans_without_error(lines):
    source = "\n".join(f"{kind}{key}{'=' if not kind else ''}" for kind, key in lines)
    positions = Positions(source)
    for path in positions.lines:
        assert 1 <= positions.line(*path) <= source.count("\n") + 1
