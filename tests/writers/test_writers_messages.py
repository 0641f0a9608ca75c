"""The mistakes a new writer makes, each met by one message at the line of its cause that says
what to change: the exact words are pinned here, and the writers' guide quotes each of them.

Each case is a folder of tests/fixtures/writers_mistakes, laid over the tutorial's small story
(tests/fixtures/writers_lake) as a writer would have edited it.
"""

from __future__ import annotations

import re

import pytest
from writers_support import FIXTURES, README, copy_story, run

LAKE = FIXTURES / "writers_lake"
MISTAKES = FIXTURES / "writers_mistakes"

CHECK = {
    "goto_nowhere": (
        "story/07-lake.toml:25: error: scene 'shore', choice 2: goto 'shor' is not a scene of "
        "chapter 'lake' or a chapter (did you mean 'shore'?)"
    ),
    "syntax": (
        'story/07-lake.toml:44: error: the text on this line has no closing quote ("): add " '
        'where the text ends (a text in quotes stays on one line; for more lines, use """ … """)'
    ),
    "text_open": (
        'story/07-lake.toml:48: error: the text that starts at line 48 is never closed with """: '
        'end it with """ on a line of its own, before line 54 ([[scenes.listen.choices]])'
    ),
    "quote_inside": (
        'story/07-lake.toml:55: error: a " inside the text ends it early: write \\" for each " '
        "inside, or put the whole text in single quotes ('…')"
    ),
    "duplicate_key": (
        "story/07-lake.toml:46: error: scene 'wade', choice 1: 'goto' is written twice in this "
        "choice (first at line 45): keep one of them"
    ),
    "duplicate_table": (
        "story/07-lake.toml:47: error: [scenes.wade] is written twice (first at line 35): give "
        "one of the scenes another id, or join the two"
    ),
    "companion_list": (
        "story/07-lake.toml:32: error: scene 'shore', choice 3: help 'pip' is not a companion "
        "(the companions are 'wren', 'tam', 'june' and 'bram'; for a new friend, add "
        "[companions.pip] to story.toml)"
    ),
    "help_named_in_text": (
        "story/07-lake.toml:32: error: scene 'shore', choice 3: help 'pip' is not a companion "
        "(did you mean 'june'? the choice's text names {june})"
    ),
    "teamwork_recruit": (
        "story/07-lake.toml:42: error: teamwork rule: chapter 'lake' can be left without help: "
        "the way below leaves for 'mountain:foot' with no help = ... in this chapter;\n"
        '    "Shout for June to come and listen" recruits June but goes on before any help: in '
        'that choice, write goto = "shore", where "Ask June to listen for the duckling" accepts '
        "June's help"
    ),
    "lone_brace": (
        "story/07-lake.toml:15: error: scene 'shore': a lone '}': to show a brace, write it "
        "twice ('}}')"
    ),
    "softlock": (
        "story/07-lake.toml:67: error: scene 'thanks', choice 1: softlock: flag 'found_duckling' "
        "is tested but never set, so the hero is stuck here:\n"
        '    write set = "found_duckling" on an earlier choice, or remove this if'
    ),
    "softlock_counter": (
        "story/07-lake.toml:68: error: scene 'thanks', choice 1: softlock: counter 'courage' is "
        "compared but never added to, so the hero is stuck here:\n"
        "    write add = { courage = 1 } on an earlier choice, or change this if"
    ),
    "softlock_leave": (
        "story/07-lake.toml:68: error: scene 'thanks', choice 1: softlock: June leaves here for "
        'good, but mountain:foot needs June ("Ask June to sing…"): remove leave = "june", or '
        "recruit June again later"
    ),
    "leave_exit": (
        "story/04-river.toml:29: error: scene 'far_bank', choice 1: softlock: June leaves here "
        'for good, but lake:shore needs June ("Ask June to listen…"): remove leave = "june", or '
        "recruit June again later"
    ),
    "rejoin_needs": (
        "story/07-lake.toml:41: error: scene 'shore', choice 3: softlock: the only way to bring "
        'June back needs June already (help = "june"): remove help = "june" here (accept '
        "June's help in a later choice)"
    ),
    "rejoin_if": (
        "story/07-lake.toml:40: error: scene 'shore', choice 3: softlock: the only way to bring "
        'June back needs June already (if = "party.june"): change "party.june" in its if to '
        '"not party.june"'
    ),
    "brace_placeholder": (
        "story/07-lake.toml:22: error: scene 'shore', when 1: a lone '{' next to 'june': did you "
        "mean '{june}'? (to show a brace itself, write it twice: '{{')"
    ),
    "header_typo": (
        "story/07-lake.toml:49: error: [[scenes.wdae.choices]]: there is no [scenes.wdae] in "
        "this file (did you mean 'wade'?): write the id of the scene it belongs to"
    ),
}


WARN = {
    "clash_welcome": (
        "story/07-lake.toml:29: warning: scene 'shore', choice 2 can never be picked: "
        'help = "june" and if = "not party.june" never hold at once:\n'
        '    it recruits June, so remove help = "june" (accept June\'s help in a later choice)'
    ),
    "recruit_and_help": (
        "story/07-lake.toml:29: warning: scene 'shore', choice 3 can never be picked: it "
        "recruits Bram but also needs Bram, who joins only once it is picked:\n"
        '    remove help = "bram" here (accept Bram\'s help in a later choice)'
    ),
    "leave_warned": (
        "story/07-lake.toml:75: warning: scene 'thanks', choice 1: June leaves here for good, "
        'so 2 things later can never happen (below): remove leave = "june", or recruit June '
        "again later"
    ),
    "clash_help": (
        "story/07-lake.toml:42: warning: scene 'shore', choice 4 can never be picked: "
        'help = "june" and if = "not party.june" never hold at once: it recruits June, so '
        'remove help = "june";\n'
        "    its way on leaves the chapter before anyone helps (the teamwork rule), so also write "
        'goto = "shore", where "Ask June to listen for the duckling" accepts June\'s help'
    ),
    "clash_flag": (
        "story/07-lake.toml:43: warning: scene 'shore', choice 4 can never be picked: "
        '"found_trail" and "not party.june" never hold at once here: change one of them'
    ),
    "clash_three": (
        "story/07-lake.toml:85: warning: scene 'listen', choice 4 can never be picked: "
        '"moss", "reeds" and "feather" never hold all three at once here (any two of them '
        "do): change one of them"
    ),
    "clash_if": (
        "story/07-lake.toml:42: warning: scene 'shore', choice 4 can never be picked: "
        '"party.june" and "not party.june" in its if never hold at once: it recruits June, '
        'so remove "party.june" from its if;\n'
        "    its way on leaves the chapter before anyone helps (the teamwork rule), so also write "
        'goto = "shore", where "Ask June to listen for the duckling" accepts June\'s help'
    ),
}


TEST = {
    "not_passing": (
        "story: the story does not pass check (1 error above): the playtests run anyway, "
        "but fix it first"
    ),
    "edited_choice": (
        "story/playtests/lake.toml:3: error: playtest 'June finds the duckling, and we walk on to "
        'the mountain\': step 3 of 5 (line 10), "Ask June to find the duckling":\n'
        "    no choice at lake:shore reads like that (did you mean 'Ask June to listen for the "
        "duckling'?)"
    ),
    "fails_as_above": (
        "story/playtests/lake.toml:16: error: playtest 'Without June, the hero calls her over "
        "first': step 2 of 2 (line 20) fails as above"
    ),
    "load_errors": (
        "story: the story has 1 error; fix it first (python -m game check story), then run the "
        "playtests again"
    ),
}
"""What `test` says about the story as a whole, exactly."""


def _check(tmp_path, case: str, command: str = "check") -> tuple[int, list[str]]:
    copy_story(LAKE, tmp_path / "story", MISTAKES / case)
    code, out, err = run(command, "story", cwd=tmp_path)
    return code, (out + err).splitlines()


def _messages(printed: list[str], expected: str) -> list[str]:
    """Each problem printed, with as many of the indented lines below it as `expected` has
    (a message too long for one line goes on, indented, before any notes)."""
    more = expected.count("\n")
    return [
        "\n".join(printed[at : at + 1 + more])
        for at, line in enumerate(printed)
        if ": error: " in line or ": warning: " in line
    ]


@pytest.mark.parametrize("case", sorted(CHECK))
def test_each_mistake_gets_one_message_at_its_cause(tmp_path, case):
    code, printed = _check(tmp_path, case)
    assert code == 1
    assert _messages(printed, CHECK[case]) == [CHECK[case]], "\n".join(printed)


@pytest.mark.parametrize("case", sorted(WARN))
def test_each_silent_mistake_gets_one_warning_at_its_line(tmp_path, case):
    code, printed = _check(tmp_path, case)
    assert code == 0
    assert _messages(printed, WARN[case]) == [WARN[case]], "\n".join(printed)


@pytest.mark.parametrize("case", sorted(CHECK) + sorted(WARN))
def test_the_guide_quotes_each_message(case):
    assert {**CHECK, **WARN}[case] in README.read_text(encoding="utf-8")


FOLLOWED = {
    "clash_help": ('help = "june"\nif = "not party.june"', 'if = "not party.june"'),
    "clash_if": ('if = ["not party.june", "party.june"]', 'if = "not party.june"'),
}
"""What the writer changes in the choice as each clash warning says: keep "not party.june"
(dropping what needs June), and the goto it names."""


@pytest.mark.parametrize("case", sorted(FOLLOWED))
def test_a_clash_on_a_choice_that_recruits_is_mended_by_doing_what_it_says(tmp_path, case):
    """The advice names the condition to keep and, as the way on would then skip the
    chapter's help, where that friend's help is accepted: doing both leaves nothing to fix."""
    _code, printed = _check(tmp_path, case)
    goto = re.findall(r'also write (goto = "\w+")', "\n".join(printed))
    assert len(goto) == 1, printed
    lake = tmp_path / "story" / "07-lake.toml"
    before, after = FOLLOWED[case]
    wrong = 'goto = "listen"\nrecruit = "june"\n' + before
    text = lake.read_text(encoding="utf-8")
    assert wrong in text
    lake.write_text(text.replace(wrong, f'{goto[0]}\nrecruit = "june"\n{after}'))
    code, out, err = run("check", "story", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.endswith(": 0 errors, 0 warnings\n"), out


def test_a_clash_after_the_chapters_help_asks_for_no_other_goto(tmp_path):
    """Past the help ('listen' is reached only with June's help), the way on is fine
    without it: the warning says what to remove, and nothing about the teamwork rule."""
    story = copy_story(LAKE, tmp_path / "story")
    lake = story / "07-lake.toml"
    text = lake.read_text(encoding="utf-8")
    extra = (
        '[[scenes.listen.choices]]\ntext = "Shout for {june} to come back"\ngoto = "thanks"\n'
        'recruit = "june"\nhelp = "june"\nif = "not party.june"\n\n[scenes.thanks]\n'
    )
    lake.write_text(text.replace("[scenes.thanks]\n", extra, 1), encoding="utf-8")
    code, out, _err = run("check", "story", cwd=tmp_path)
    assert code == 0
    said = " ".join(line.strip() for line in out.splitlines()[:2])
    assert said.endswith(
        "scene 'listen', choice 2 can never be picked: help = \"june\" and if = "
        '"not party.june" never hold at once: it recruits June, so remove help = "june" '
        "(accept June's help in a later choice)"
    ), out


NEST = 'if = ["moss", "reeds", "feather"]'
PEBBLE = (
    '[[scenes.listen.choices]]\ntext = "Pick up a smooth pebble"\ngoto = "listen"\n'
    'set = "pebble"\nadd = { picked = 1 }\nif = "picked < 3"\nonce = true\n\n'
)
CLASHES = {
    "a pair among them": (
        [(NEST, 'if = ["moss", "reeds", "feather", "picked < 1"]')],
        'choice 4 can never be picked: "moss" and "picked < 1" never hold at once here: '
        "change one of them",
    ),
    "four": (
        [
            ('if = "picked < 2"', 'if = "picked < 3"'),
            (NEST, 'if = ["moss", "reeds", "feather", "pebble"]'),
            ("[[scenes.listen.choices]]\n", PEBBLE + "[[scenes.listen.choices]]\n"),
        ],
        'choice 5 can never be picked: "moss", "reeds", "feather" and "pebble" never '
        "hold all four at once here (any three of them do): change one of them",
    ),
    "a when block": (
        [
            ('text = "Build the duckling a new nest"\ngoto = "thanks"\n' + NEST, ""),
            ("[[scenes.listen.choices]]\n\n", ""),
            (
                "[[scenes.listen.choices]]\n",
                '[[scenes.listen.when]]\nif = ["moss", "reeds", "feather"]\ntext = "A nest!"\n\n'
                "[[scenes.listen.choices]]\n",
            ),
        ],
        'when 1 is never shown: "moss", "reeds" and "feather" never hold all three at '
        "once here (any two of them do): change one of them",
    ),
}


@pytest.mark.parametrize("case", sorted(CLASHES))
def test_the_fewest_parts_that_never_hold_together_are_named(tmp_path, case):
    """Two that clash are named even when three do too; four are counted as four; a `when`
    block's conditions are named the same way as a choice's."""
    story = copy_story(LAKE, tmp_path / "story", MISTAKES / "clash_three")
    lake = story / "07-lake.toml"
    text = lake.read_text(encoding="utf-8")
    edits, expected = CLASHES[case]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    lake.write_text(text, encoding="utf-8")
    code, out, _err = run("check", "story", cwd=tmp_path)
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert [w.partition("scene 'listen', ")[2] for w in warnings] == [expected], out


def test_a_leave_lists_what_it_stops_under_its_one_warning(tmp_path):
    _code, printed = _check(tmp_path, "leave_warned")
    start = printed.index(WARN["leave_warned"])
    assert printed[start + 1 : start + 3] == [
        "    story/05-mountain.toml:9: scene 'foot', choice 1 (\"Ask June to sing while you "
        'climb") is never picked',
        "    story/05-mountain.toml:31: scene 'top', when 1 is never shown",
    ]


LEAVE_TWICE = [
    "story/07-lake.toml:75: warning: scene 'thanks', choice 1: June leaves here for good, so 2 "
    'things later can never happen (below): remove leave = "june", or recruit June again later',
    "    story/05-mountain.toml:9: scene 'foot', choice 1 (\"Ask June to sing while you climb\") "
    "is never picked",
    "    story/05-mountain.toml:31: scene 'top', when 1 is never shown",
    "story/07-lake.toml:80: warning: scene 'thanks', choice 2: June leaves here for good, so 3 "
    'things later can never happen (below): remove leave = "june", or recruit June again later',
    "    story/07-lake.toml:87: scene 'birds', choice 1 (\"Ask June what the birds are saying\") "
    "is never picked",
    "    and 2 more, listed above under scene 'thanks', choice 1",
]


def test_two_leaves_that_stop_the_same_things_list_them_once(tmp_path):
    """Both ways out of the lake send June home: what either stops on the mountain is listed
    under the first warning; the second lists what only it stops and points up for the rest."""
    code, printed = _check(tmp_path, "leave_twice")
    assert code == 0
    assert printed[:-1] == LEAVE_TWICE, "\n".join(printed)
    assert "\n".join(LEAVE_TWICE) in README.read_text(encoding="utf-8")


def test_the_way_there_shows_choices_as_the_game_does(tmp_path):
    _code, printed = _check(tmp_path, "rejoin_needs")
    assert '    4. at lake:shore: "Let June go and look for the mother duck"' in printed


CAUSES = [
    "leave_exit",
    "rejoin_needs",
    "brace_placeholder",
    "header_typo",
    "leave_warned",
    "help_named_in_text",
]


@pytest.mark.parametrize("case", [*CAUSES, "clash_help", "clash_if", "clash_flag", "clash_three"])
def test_messages_that_name_a_cause_fit_200_columns(tmp_path, case):
    _code, printed = _check(tmp_path, case)
    assert max(len(line) for line in printed) <= 200, printed


def test_a_counter_typo_is_named_in_both_of_its_warnings_and_nowhere_else(tmp_path):
    code, printed = _check(tmp_path, "counter_typo")
    problems = [line for line in printed if ": error: " in line or ": warning: " in line]
    assert code == 0
    assert problems == [
        "story/07-lake.toml:63: warning: counter 'ducks' is added to but never compared (line 74 "
        "compares 'duck': did you mean 'ducks' there?)",
        "story/07-lake.toml:74: warning: counter 'duck' is compared but never added to (did you "
        "mean 'ducks'?): it is always 0",
    ]


def test_no_line_of_these_reports_is_longer_than_a_screen_of_names(tmp_path):
    for case in sorted(CHECK):
        _code, printed = _check(tmp_path / case, case)
        assert max(len(line) for line in printed) <= 210, case


def test_playtests_run_after_saying_the_story_fails_check(tmp_path):
    code, printed = _check(tmp_path, "softlock", "test")
    assert code == 1
    assert "\n".join(printed[:2]) == CHECK["softlock"]
    said = next(i for i, line in enumerate(printed) if "does not pass check" in line)
    assert printed[said] == TEST["not_passing"]
    assert said < max(i for i, line in enumerate(printed) if "playtest" in line)


def test_playtests_that_fail_on_the_same_edited_choice_say_so_briefly(tmp_path):
    code, printed = _check(tmp_path, "playtest_outdated", "test")
    assert code == 1
    errors = [line for line in printed if ": error: " in line]
    first = printed.index(errors[0])
    assert "\n".join(printed[first : first + 2]) == TEST["edited_choice"]
    assert errors[1:] == [TEST["fails_as_above"]]


def test_a_story_that_does_not_read_is_not_playtested(tmp_path):
    code, printed = _check(tmp_path, "goto_nowhere", "test")
    assert code == 1
    assert printed == [CHECK["goto_nowhere"], TEST["load_errors"]]


def test_an_edited_choice_is_suggested_by_where_it_leads(tmp_path):
    story = copy_story(LAKE, tmp_path / "story", MISTAKES / "playtest_ok")
    river = story / "04-river.toml"
    river.write_text(river.read_text().replace("Start up the mountain, together", "Off we go"))
    (story / "playtests" / "river.toml").write_text(
        '[[playtest]]\nname = "Over the river"\nstart = "river:far_bank"\n'
        'choose = ["Start up the mountain, together"]\nexpect = { scene = "lake:shore" }\n'
    )
    code, out, _ = run("test", "story", cwd=tmp_path)
    assert code == 1
    assert "no choice at river:far_bank reads like that (did you mean 'Off we go'?)" in out


def test_an_edited_last_choice_is_suggested_when_it_is_the_only_one(tmp_path):
    """The last step has no later steps to tell which choice was meant, and the linked-in
    chapter changed where it leads: the one choice there is still the one meant."""
    story = copy_story(LAKE, tmp_path / "story", MISTAKES / "playtest_ok")
    river = story / "04-river.toml"
    river.write_text(river.read_text().replace("Start up the mountain, together", "Off we go"))
    (story / "playtests" / "river.toml").write_text(
        '[[playtest]]\nname = "Over the river"\nstart = "river:far_bank"\n'
        'choose = ["Start up the mountain, together"]\nexpect = { scene = "mountain:foot" }\n'
    )
    code, out, _ = run("test", "story", cwd=tmp_path)
    assert code == 1
    assert "no choice at river:far_bank reads like that (did you mean 'Off we go'?)" in out


def test_a_python_without_the_games_packages_is_told_to_turn_on_the_environment():
    import subprocess
    import sys

    from writers_support import ROOT

    # -S: no site-packages, as the system's Python in a new terminal without the venv.
    done = subprocess.run(
        [sys.executable, "-S", "-m", "game", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert ". .venv/bin/activate" in done.stderr
