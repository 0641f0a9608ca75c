"""`python -m game test`: golden playthroughs, and failures a writer can act on."""

from __future__ import annotations

import re

from writers_support import FIXTURES, copy_story, run

from game.engine.playtest_file import _item_lines

PASS = FIXTURES / "writers_playtests_pass"
FAIL = FIXTURES / "writers_playtests_fail"
BAD = FIXTURES / "writers_playtests_bad"
GOOD = FIXTURES / "good"


FAILED = [
    "story/playtests/village.toml:14: error: playtest 'Asking before meeting Wren': step 1 of 1 "
    '(line 16), "Ask Wren to help you climb the tower": that choice is in village:square but '
    "not available:\n"
    "    Wren must be in the party (party: nobody)",
    "story/playtests/village.toml:19: error: playtest 'Wrong place at the end': after 1 choice: "
    "expected to be at village:tower, but the hero is at village:rope_alone",
    "story/playtests/village.toml:24: error: playtest 'Wrong party': after 1 choice: expected "
    "the party to be [nobody], but it is [wren]",
    "story/playtests/village.toml:29: error: playtest 'Too many choices': step 4 of 4 (line 36), "
    "\"Ring it once more\": the story already ended at forest:end (ending 'Stronger Together');\n"
    "    there is nothing left to choose",
]
"""Each failure of writers_playtests_fail, exactly as `test` prints it from the story's
parent folder (its first line, and the rest of the message when it goes on below); the
misspelt choice, first, is the guide's lake example (test_writers_messages pins it)."""

MISTAKES_IN_FILES = [
    "story/playtests/mistakes.toml:2: error: playtest 1: unknown key 'nam' (did you mean 'name'?)",
    "story/playtests/mistakes.toml:7: error: playtest 'Unknown places and people': start "
    "'vilage:square': 'vilage' is not a chapter (did you mean 'village'?) (write chapter:scene)",
    "story/playtests/mistakes.toml:8: error: playtest 'Unknown places and people': party: 'wen' "
    "is not a companion (did you mean 'wren'?)",
    "story/playtests/mistakes.toml:10: error: playtest 'Unknown places and people': expect "
    "ending 'Stronger Togeter' is not the name of an ending (did you mean 'Stronger Together'?)"
    "\n    (the story's endings: 'Stronger Together')",
    "story/playtests/mistakes.toml:10: error: playtest 'Unknown places and people': expect "
    "scene 'village:towr' is not a scene of the story (did you mean 'village:tower'?)\n"
    "    (chapter 'village' begins at 'village:square')",
    "story/playtests/mistakes.toml:14: error: playtest 'Choices as one string of text': 'choose' "
    "should be text or a list of text, not a number",
    'story/playtests/syntax.toml:2: error: the text on this line has no closing quote ("): add " '
    'where the text ends (a text in quotes stays on one line; for more lines, use """ … """)',
]
"""Each mistake in the files of writers_playtests_bad, exactly as `test` prints it."""


def messages(printed: list[str]) -> list[str]:
    """Each error printed with the lines that finish it: a first line that ends with ':' or
    ';' goes on below (see game.engine.problems.fold), and so does a line followed by an
    aside in brackets."""
    out = []
    for at, line in enumerate(printed):
        if ": error: " not in line and ": warning: " not in line:
            continue
        message = [line]
        rest = printed[at + 1 :]
        while (
            rest
            and rest[0].startswith("    ")
            and (message[-1].endswith((":", ";")) or rest[0].startswith("    ("))
        ):
            message.append(rest.pop(0))
            if not message[-1].endswith((":", ";")):
                break
        out.append("\n".join(message))
    return out


def test_each_failure_reads_exactly_so(tmp_path):
    copy_story(FAIL, tmp_path / "story")
    code, out, _ = run("test", "story", cwd=tmp_path)
    assert code == 1
    assert messages(out.splitlines())[1:] == FAILED, out


def test_each_mistake_in_a_playtest_file_reads_exactly_so(tmp_path):
    copy_story(BAD, tmp_path / "story")
    code, out, _ = run("test", "story", cwd=tmp_path)
    assert code == 1
    assert messages(out.splitlines()) == MISTAKES_IN_FILES, out


def failures(out: str) -> dict[str, str]:
    """Each failure's whole text (head line and notes), by playtest name."""
    found = {}
    for block in re.split(r"\n(?=\S)", out):
        match = re.match(r"\S+:\d+: error: playtest '([^']+)'", block)
        if match:
            found[match.group(1)] = block
    return found


def test_passing_playtests_exit_0_and_name_each_one():
    code, out, _ = run("test", PASS)
    assert code == 0
    assert "passed: village.toml: Helping Wren first gets us up the tower" in out
    assert "passed: forest.toml: Starting in the forest with Wren" in out
    assert out.rstrip().endswith("4 playtests: 4 passed, 0 failed")


def test_choices_named_as_shown_or_as_written_both_work():
    code, out, _ = run("test", PASS)
    assert "passed: village.toml: Choices can be named as written, placeholders and all" in out


def test_failing_playtests_exit_1():
    code, out, _ = run("test", FAIL)
    assert code == 1
    assert out.rstrip().endswith("6 playtests: 1 passed, 5 failed (village.toml)")
    assert "passed: village.toml: Passes" in out


def test_what_went_wrong_is_printed_last_next_to_the_tally(tmp_path):
    """However many playtests pass, their lines come first: the failures and mistakes stay
    on the screen, above a tally that names the files to open."""
    story = copy_story(FAIL, tmp_path / "story")
    (story / "playtests" / "more.toml").write_text(
        '[[playtest]]\nname = "Wrong start"\nstart = "village:start"\nchoose = []\n'
    )
    _, out, _ = run("test", "story", cwd=tmp_path)
    printed = out.splitlines()
    passed = [i for i, line in enumerate(printed) if line.startswith("passed: ")]
    problems = [i for i, line in enumerate(printed) if ": error: " in line]
    assert passed and problems and max(passed) < min(problems)
    assert printed[-1] == (
        "story/playtests: 6 playtests: 1 passed, 5 failed (village.toml), "
        "1 mistake in the playtest files (more.toml)"
    )


def test_a_start_at_the_chapters_start_key_says_where_the_chapter_begins(tmp_path):
    story = copy_story(PASS, tmp_path / "story")
    (story / "playtests" / "more.toml").write_text(
        '[[playtest]]\nname = "From new"\nstart = "village:start"\nchoose = []\n'
        'expect = { ending = "Village" }\n'
    )
    _, out, _ = run("test", "story", cwd=tmp_path)
    assert (
        "start 'village:start': chapter 'village' has no scene 'start'; it begins at "
        "'village:square' (write start = \"village:square\")"
    ) in " ".join(line.strip() for line in out.splitlines())
    assert "did you mean" not in out
    assert (
        "where a chapter goes on to the next, check the scene it reaches instead: "
        'expect = { scene = "forest:path" }'  # the village's one way on, named
    ) in " ".join(line.strip() for line in out.splitlines())


def test_misspelt_choice_reports_file_line_step_and_the_choices_there():
    _, out, _ = run("test", FAIL, cwd=FIXTURES.parent.parent)
    block = failures(out)["A misspelt choice"]
    # too long for one line: what went wrong goes on, indented, on the next
    head = " ".join(line.strip() for line in block.splitlines()[:2])
    assert head.startswith("tests/fixtures/writers_playtests_fail/playtests/village.toml:6: error:")
    assert 'step 2 of 2 (line 10), "Ask Wren to help you clim the tower"' in head
    assert "no choice at village:square reads like that" in head
    assert "did you mean 'Ask Wren to help you climb the tower'?" in head
    assert "the choices available at village:square:" in block
    assert '"Pull the rope by yourself"' in block
    assert '"Ask Wren to help you climb the tower"' in block
    assert '1. at village:square: "Help Wren pick up her spilled books"' in block


def test_unavailable_choice_says_why():
    _, out, _ = run("test", FAIL)
    block = failures(out)["Asking before meeting Wren"]
    assert "village.toml:14: error:" in block
    assert "step 1 of 1 (line 16)" in block
    assert "that choice is in village:square but not available" in block
    assert "Wren must be in the party (party: nobody)" in block
    assert '"Help Wren pick up her spilled books"' in block


def test_wrong_place_and_wrong_party_are_reported():
    _, out, _ = run("test", FAIL)
    found = failures(out)
    place = found["Wrong place at the end"]
    assert "village.toml:19: error:" in place
    assert (
        "after 1 choice: expected to be at village:tower, but the hero is at village:rope_alone"
        in place
    )
    assert '"Go back to the square"' in place
    party = found["Wrong party"]
    assert "expected the party to be [nobody], but it is [wren]" in party


def test_playtests_that_end_in_the_same_wrong_place_show_the_way_once(tmp_path):
    """Three whole-story playtests after one edited link all end at the same wrong place:
    the first shows the choices there and the way so far, the others one line each."""
    story = copy_story(PASS, tmp_path / "story")
    wrong = '[[playtest]]\nname = "{}"\nchoose = ["Pull the rope by yourself"]\n'
    wrong += 'expect = {{ scene = "village:tower" }}\n\n'
    (story / "playtests" / "wrong.toml").write_text(
        "".join(wrong.format(name) for name in ("First", "Second", "Third"))
    )
    _, out, _ = run("test", "story", cwd=tmp_path)
    found = failures(out)
    assert "the way so far:" in found["First"]
    said = "after 1 choice: expected to be at village:tower, but the hero is at village:rope_alone"
    for name, line in (("Second", 6), ("Third", 11)):
        assert found[name] == (
            f"story/playtests/wrong.toml:{line}: error: playtest '{name}': {said} "
            "(the same as above)"
        )


def test_choosing_after_an_ending_is_a_failure():
    _, out, _ = run("test", FAIL)
    block = failures(out)["Too many choices"]
    assert "village.toml:29: error:" in block
    assert 'step 4 of 4 (line 36), "Ring it once more"' in block
    assert "the story already ended at forest:end (ending 'Stronger Together')" in block


def test_malformed_playtest_files_get_lines_and_no_traceback():
    code, out, err = run("test", BAD)
    assert code == 1
    assert "Traceback" not in out + err
    assert "mistakes.toml:2: error: playtest 1: unknown key 'nam' (did you mean 'name'?)" in out
    assert (
        "mistakes.toml:7: error: playtest 'Unknown places and people': start 'vilage:square'" in out
    )
    assert "'vilage' is not a chapter (did you mean 'village'?)" in out
    assert "mistakes.toml:8: error: playtest 'Unknown places and people': party: 'wen'" in out
    assert "expect scene 'village:towr' is not a scene of the story" in out
    assert "(did you mean 'village:tower'?)" in out
    assert "expect ending 'Stronger Togeter' is not the name of an ending" in out
    assert "mistakes.toml:14: error: playtest 'Choices as one string of text': 'choose'" in out
    assert "syntax.toml:2: error: the text on this line has no closing quote" in out
    assert re.search(r"0 playtests: 0 passed, 0 failed, \d+ mistakes in the playtest files", out)


def test_not_a_story_exits_2(tmp_path):
    code, _, err = run("test", tmp_path / "nowhere")
    assert code == 2
    assert "no such folder" in err


def test_a_story_with_errors_is_not_playtested(tmp_path):
    story = copy_story(PASS, tmp_path / "story")
    text = (story / "01-village.toml").read_text()
    (story / "01-village.toml").write_text(text.replace('goto = "tower"', 'goto = "towr"'))
    code, out, _ = run("test", "story", cwd=tmp_path)
    assert code == 1
    assert "goto 'towr' is not a scene" in out
    assert "story: the story has 1 error; fix it first (python -m game check story)" in out
    assert "passed:" not in out


def test_no_playtests_folder_says_how_to_start():
    code, out, _ = run("test", GOOD)
    assert code == 0
    assert "no playtests yet" in out


def test_single_bracket_playtest_table_gets_a_hint(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    (story / "playtests").mkdir()
    (story / "playtests" / "one.toml").write_text('[playtest]\nname = "x"\nchoose = []\n')
    code, out, _ = run("test", story)
    assert code == 1
    assert "one.toml:1: error: write [[playtest]] with two brackets" in out


def test_drafts_are_skipped(tmp_path):
    story = copy_story(PASS, tmp_path / "story")
    (story / "playtests" / "_draft.toml").write_text("this is not toml at all [")
    code, out, _ = run("test", story)
    assert code == 0


def test_item_lines_follow_comments_and_multiline_strings():
    source = '''[[playtest]]
name = "x"
choose = [
  "one",   # a note with "quotes" and a ] bracket
  # a whole line of notes
  """two
lines""", 'three',
  "four \\" still four",
]
'''
    assert _item_lines(source, 3, "choose", 4) == [4, 6, 7, 8]
    assert _item_lines('choose = ["a", "b"]\n', 1, "choose", 2) == [1, 1]
    assert _item_lines("choose = 'solo'\n", 1, "choose", 1) == [1]
