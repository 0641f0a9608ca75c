"""`python -m game --plain`, `--at`, a story with errors, and `python -m game saves`."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import game.engine
from game.cli import main as cli
from game.engine.loader import load_story
from game.engine.saves import SaveStore
from game.warm_words import ACCEPTING, GIVING, JOINED, SHARING

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def saves(tmp_path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def play(saves, monkeypatch, capsys):
    """Run the game with these options and these lines typed; (exit code, stdout, stderr)."""

    def run(*options: str, typed: list[str] = (), story: Path = GOOD):
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in typed)))
        code = cli(["--plain", "--story", str(story), "--saves", str(saves), *options])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def only_save(saves: Path):
    (info,) = SaveStore(saves).list(load_story(GOOD).story)
    return info


def test_the_first_scene_numbers_available_choices_then_shows_locked_ones(play):
    code, out, _ = play(typed=[])
    assert code == 0
    assert out.splitlines()[:12] == [
        "The Little Bell",
        "",
        "== The Silent Bell ==",
        "",
        "The bell has not rung for three days, Robin.",
        "",
        "Who could help?",
        "",
        "1. Pull the rope by yourself",
        "2. Help Wren pick up her spilled books",
        "   (locked) Ask Wren to help you climb the tower: The tower is too high to climb alone.",
        "> ",
    ]


def test_a_playthrough_to_the_ending_with_back_and_bad_input(play, saves):
    typed = [
        "hello",  # not a choice: a friendly hint, the same question again
        "2",  # help Wren with her books: she joins
        "9",  # no such choice
        "1",  # pull the rope alone: it is too heavy
        "b",  # back to the square
        "",  # nothing typed
        "2",  # ask Wren to help climb the tower
        "1",  # go to the forest: the chapter ends
        "1",  # sit with Tam
        "p",  # the party
        "1",  # ask Tam to carry the bell
        "1",  # ring it again: the ending
        "this line is never read",
    ]
    code, out, err = play(typed=typed)
    assert code == 0, err
    assert err == ""
    assert "> hello\nType a number from 1 to 2 and press Enter" in out
    assert any(line.replace("{name}", "Wren") in out for line in GIVING)
    after_books = out.split("> 2\n", 1)[1].split("> ", 1)[0]
    praises = (line.replace("{name}", "Wren") for line in GIVING)
    praise = next(words for words in praises if words in after_books)
    assert after_books.index("Wren joins your team.") < after_books.index(praise), after_books
    # the warm word follows the scene that tells the act, just before the choices
    assert after_books.index("Who could help?") < after_books.index(praise), after_books
    assert after_books.index(praise) < after_books.index("1. "), after_books
    assert "> 9\nThere is no choice 9 here." in out
    assert "The rope is too heavy. Maybe a friend could help." in out
    assert "> b\n\nYou go back one step.\n\nThe bell has not rung" in out
    assert "-- End of chapter: The Silent Bell --" in out
    assert "  * When did someone help you this week?" in out
    assert out.index("-- End of chapter") < out.index("== The Forest ==")
    assert "Your party: Robin, Wren and Tam." in out
    assert "  Wren (reads maps): helped you once, you helped Wren once." in out
    assert any(line.replace("{name}", "Tam") in out for line in GIVING)
    assert not any(line.replace("{name}", "Tam") in out for line in ACCEPTING)  # right after
    assert out.rstrip().endswith(
        "Everyone came together.\n\n*** The end: Stronger Together ***\n\n"
        "Friends helping friends:\n"
        "  * Wren helped you once and you helped Wren once.\n"
        "  * Tam helped you once and you helped Tam once.\n"
        "You accepted help twice and you gave help twice. Stronger together!\n\n"
        "Talk about these together. There are no wrong answers.\n"
        "  * What do you do when you feel lost?\n\n"
        "You found a new ending!\n"
        "Endings found: 1 of 1."
    )
    assert "never read" not in out
    info = only_save(saves)
    assert (info.chapter, info.scene) == ("forest", "end")
    state = SaveStore(saves).load(info.path, load_story(GOOD).story).state
    assert [step.choice for step in state.trail] == ["books", "#2", "#1", "#1", "#2", "#1"]


def test_s_tells_the_story_so_far(play):
    code, out, _ = play(typed=["2", "2", "s"])  # help Wren, ask her to climb, the story
    assert code == 0
    story_so_far = out[out.index("The story so far:") :]
    assert story_so_far.startswith(
        "The story so far:\n== The Silent Bell ==\n"
        "  The bell has not rung for three days, Robin. Who…\n"
        "    -> Help Wren pick up her spilled books\n"
        "    -> Ask Wren to help you climb the tower\n"
        "  Now: "
    )


def test_an_ending_found_again_is_counted_once(play):
    for _ in range(2):
        code, out, _ = play("--at", "forest:path", "--party", "wren", typed=["1", "1", "1"])
        assert code == 0
    assert "new ending" not in out
    assert out.rstrip().endswith("Endings found: 1 of 1.")


def test_warm_words_are_sparing_and_varied_and_joining_is_told(play):
    _, out, _ = play(typed=["2", "2", "1", "1", "1", "1"])
    lines = out.splitlines()
    templates = {
        template.replace("{name}", name): template
        for template in (*GIVING, *ACCEPTING, *SHARING)
        for name in ("Wren", "Tam")
    }
    said = [templates[line] for line in lines if line in templates]
    # helped Wren (praised), asked Wren (right after: not), went on, helped Tam (praised),
    # asked Tam (right after: not), rang the bell
    assert said == [GIVING[0], GIVING[1]]
    assert "Wren joins your team." in lines and "Tam joins your team." in lines
    assert JOINED == "{name} joins your team."


def test_end_of_input_is_a_clean_saved_exit_and_continue_resumes(play, saves):
    code, out, _ = play(typed=["2", "2"])
    assert code == 0
    assert out.rstrip().endswith("Your game is saved. See you next time!")
    assert only_save(saves).scene == "tower"
    code, out, _ = play("--continue", typed=["1"])
    assert code == 0
    assert "From the tower you see the forest." in out
    assert "-- End of chapter: The Silent Bell --" in out
    assert only_save(saves).scene == "path"


def test_continue_after_quitting_at_a_chapters_end_shows_that_end_first(play, saves):
    """The save stands at the next chapter's first scene; --continue prints the chapter's
    end (its title and talk questions) before that scene, as the full-screen game does."""
    play(typed=["2", "2", "1", "q"])
    assert only_save(saves).scene == "path"
    code, out, _ = play("--continue", typed=[])
    assert code == 0
    end = out.index("-- End of chapter: The Silent Bell --")
    assert (
        end < out.index("  * When did someone help you this week?") < out.index("== The Forest ==")
    )
    code, out, _ = play("--continue", typed=["1"])  # sit with Tam
    code, out, _ = play("--continue", typed=[])
    assert "End of chapter" not in out


def test_q_quits_with_the_game_saved(play, saves):
    code, out, _ = play(typed=["2", "q", "1"])
    assert code == 0
    assert "> q\nYour game is saved. See you next time!" in out
    assert only_save(saves).scene == "square"


def test_going_back_at_the_very_start_says_so(play):
    _, out, _ = play(typed=["b"])
    assert "This is where your story began: there is no step to go back to." in out


def test_name_names_the_hero(play, saves):
    _, out, _ = play("--name", "Sam\x1b[31m", typed=[])
    assert "The bell has not rung for three days, Sam." in out
    assert only_save(saves).hero == "Sam"


def test_continue_passes_over_damaged_saves_naming_them(play, saves):
    play(typed=["2"])
    good = only_save(saves).path
    damaged = saves / "zz-damaged.save.toml"
    damaged.write_bytes(good.read_bytes()[:150])
    os.utime(damaged, (good.stat().st_mtime + 60,) * 2)
    before = damaged.read_bytes()
    code, out, err = play("--continue", typed=[])
    assert code == 0
    assert f"Passing over {damaged}: it is cut off" in err
    assert "1. Pull the rope by yourself\n2. Ask Wren to help you climb the tower" in out
    assert damaged.read_bytes() == before


def test_continue_without_a_save_begins_a_new_game(play):
    code, out, _ = play("--continue", typed=[])
    assert code == 0
    assert "There is no saved game to continue yet, so a new one begins." in out


def test_continue_at_an_ending_shows_the_ending(play):
    play(typed=["2", "2", "1", "1", "1", "1"])
    code, out, _ = play("--continue", typed=["1"])
    assert code == 0
    assert "*** The end: Stronger Together ***" in out


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda raw: raw[:100], "it is cut off"),
        (lambda raw: b"", "the file is empty"),
        (
            lambda raw: re.sub(rb"(?m)^format = \d+$", b"format = 99", raw),
            "newer version of the game",
        ),
        (lambda raw: raw.replace(b'hero = "Robin"', b"hero = 3"), "'hero' should be text"),
    ],
)
def test_load_of_a_damaged_or_newer_save_exits_2_and_leaves_it(play, saves, damage, reason):
    play(typed=["2"])
    path = only_save(saves).path
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    code, out, err = play("--load", str(path), typed=["1"])
    assert code == 2
    assert f"Cannot load {path}: " in err and reason in err
    assert out == ""
    assert path.read_bytes() == bad


def test_load_resumes_that_save(play, saves):
    play(typed=["1"])
    path = only_save(saves).path
    code, out, _ = play("--load", str(path), typed=[])
    assert code == 0
    assert "The rope is too heavy." in out


def test_load_of_a_missing_file_exits_2(play, saves):
    code, _, err = play("--load", str(saves / "nope.save.toml"))
    assert code == 2
    assert "there is no save file" in err


def test_at_starts_a_new_game_at_a_scene_with_party_and_flags(play, saves):
    code, out, _ = play("--at", "forest:path", "--party", "tam,wren", "--set", "met_tam", typed=[])
    assert code == 0
    assert (
        "== The Forest ==\n\nTam is sitting on a log.\n\n1. Ask Tam to carry the bell home\n" in out
    )
    code, out, _ = play("--at", "forest", typed=["p"])
    assert "1. Sit with Tam\n" in out
    assert "Your party is just you, Robin, for now." in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--at", "forest:pth"], "'pth' is not a scene of chapter 'forest' (did you mean 'path'?)"),
        (["--at", "woods"], "'woods' is not a chapter"),
        (["--at", "forest", "--party", "wrne"], "'wrne' is not a companion of this story"),
        (["--set", "not a flag"], "'not a flag' is not a flag name"),
    ],
)
def test_a_bad_at_party_or_set_exits_2(play, options, message):
    code, out, err = play(*options)
    assert code == 2
    assert message in err
    assert out == ""


def test_continue_and_new_game_options_do_not_mix(play):
    with pytest.raises(SystemExit) as stop:
        play("--continue", "--at", "forest")
    assert stop.value.code == 2


def test_a_story_with_errors_does_not_start(play):
    code, out, err = play(story=FIXTURES / "check" / "goto-nowhere")
    assert code == 2
    assert ": error: " in err
    assert "cannot be played until they are fixed" in err
    assert out == ""


def test_a_missing_story_folder_exits_2(play, tmp_path):
    code, _, err = play(story=tmp_path / "nowhere")
    assert code == 2
    assert err.strip() == f"error: {tmp_path / 'nowhere'}: no such folder"


def test_a_story_that_passed_is_proved_only_once(play, tmp_path, monkeypatch):
    story = tmp_path / "story"
    shutil.copytree(GOOD, story)
    calls = []
    check = game.engine.check_story
    monkeypatch.setattr(
        game.engine, "check_story", lambda *a, **k: calls.append(1) or check(*a, **k)
    )
    assert play(story=story)[0] == 0
    assert play(story=story)[0] == 0
    assert len(calls) == 1
    chapter = story / "02-forest.toml"
    chapter.write_text(chapter.read_text().replace("Tam is sitting", "Tam sits"))
    assert play(story=story)[0] == 0
    assert len(calls) == 2


def test_control_characters_never_reach_the_terminal(play):
    code, out, err = play(
        "--name", "\x1b]0;evil\x07Kim", typed=["1", "1", "1", "1"], story=FIXTURES / "ui_hostile"
    )
    assert code == 0
    assert not [ch for ch in out + err if ord(ch) < 32 and ch != "\n"]
    assert "\x9b" not in out
    assert "[@click=app.quit]Click to quit[/] and [/]x" in out  # shown as written


def test_the_plain_game_through_a_real_pipe(saves):
    typed = "2\n2\n1\n1\n1\n1\n"
    env = {**os.environ, "STRONGER_TOGETHER_SAVES": str(saves), "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "game", "--plain", "--story", str(GOOD)],
        input=typed,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "*** The end: Stronger Together ***" in done.stdout
    assert len(SaveStore(saves).list()) == 1


def test_saves_lists_every_save_and_why_damaged_ones_cannot_load(play, saves, capsys):
    play("--name", "Sam", typed=["2"])
    (saves / "broken.save.toml").write_bytes(b"format = 1\nhero = ")
    code = cli(["saves", "--saves", str(saves), "--story", str(GOOD)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"2 saved games in {saves}, newest first:" in out
    assert (
        "  Sam, " in out and ": The Silent Bell: The bell has not rung for three days, Sam." in out
    )
    assert "    chapter village, scene square" in out
    assert "  broken.save.toml\n    cannot be loaded: it is cut off" in out
    assert "1 of them cannot be loaded; they are left exactly as they are" in out


def test_saves_with_no_saves(saves, capsys):
    assert cli(["saves", "--saves", str(saves)]) == 0
    assert capsys.readouterr().out == f"No saved games in {saves}.\n"


def test_loading_a_kept_previous_version_plays_on_in_a_new_file(play, saves):
    play(typed=["2", "2"])
    path = only_save(saves).path
    backup = SaveStore.backup(path)
    kept = backup.read_bytes()
    code, out, _ = play("--load", str(backup), typed=["1"])
    assert code == 0
    assert "The bell has not rung" in out  # the version before the last choice
    assert backup.read_bytes() == kept
    assert len(SaveStore(saves).list()) == 2


def test_plain_play_never_imports_textual(saves):
    code = (
        "import io, sys; sys.stdin = io.StringIO('1\\n');"
        "from game.cli import main; code = main(['--plain', '--story', sys.argv[1],"
        " '--saves', sys.argv[2]]);"
        "assert 'textual' not in sys.modules, 'textual was imported'; raise SystemExit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(GOOD), str(saves)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_a_folder_that_cannot_hold_saves_is_said_plainly(monkeypatch, capsys, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    code = cli(["--plain", "--story", str(GOOD), "--saves", str(not_a_folder / "saves")])
    out, err = capsys.readouterr()
    assert code == 0
    assert "This game cannot be saved: the saves folder" in err
    assert "The rope is too heavy." in out
    assert out.rstrip().splitlines()[-1].startswith("Sorry: this game could not be saved")


def test_a_story_that_reacts_in_plain_mode(play):
    """Format 2: when text after the scene's text while it holds; a reply once, after its
    choice and before the next scene."""
    story = FIXTURES / "format2"
    code, out, _ = play(typed=["1", "1", "2"], story=story)
    assert code == 0
    tug = "You tug and tug. The rope does not move."
    assert out.count(tug) == 1
    assert out.index("> 1") < out.index(tug) < out.index("The rope is too heavy")
    back = out.index("The square is just as quiet as before.")
    assert out.count("just as quiet") == 2  # shown again after Wren joins: still a return
    assert out.index("Wren smiles.") > back
    assert out.count("Wren hums a little tune beside you.") == 1
    assert out.index("Wren hums") > out.index("Wren smiles.")


TWO_PLAYERS_HELPED = (
    "  * Wren helped Mia once and Mia helped Wren once.\n"
    "  * Tam helped Dad once and Mia helped Tam once.\n"
    "Together, Mia and Dad accepted help twice and gave help twice. Stronger together!\n"
)
"""Mia helped Wren, chose Wren's help for Dad when he asked, and helped Tam; Dad accepted Tam's."""


def test_two_players_take_turns_ask_each_other_and_are_named_at_the_end(play, saves):
    typed = ["2", "a", "2", "1", "1", "1", "a", "1"]
    code, out, err = play("--players", "Mia,Dad", typed=typed)
    assert code == 0, err
    turns = [line for line in out.splitlines() if "'s turn" in line]
    assert turns[:4] == [
        "Mia's turn. (a: ask Dad to help choose)",
        "Dad's turn. (a: ask Mia to help choose)",
        "Mia's turn, to help Dad.",
        "Dad's turn.",  # Mia chose for Dad: the one who did not choose chooses next
    ]
    assert "Mia's turn. (a: ask Dad to help choose)" in out
    assert "Dad asks Mia to help choose." in out
    assert "Mia's turn, to help Dad." in out
    assert "  * Mia, then Dad: When did someone help you this week?" in out
    assert "The bell has not rung for three days, Mia." in out
    assert "Dad's turn.\n" in out  # one way on: nothing to ask about
    assert "There is only one way to go here, Mia. Ask Dad next time!" in out
    assert "Dad asked Mia to help choose once.\n" in out  # beside who helped whom
    assert TWO_PLAYERS_HELPED in out  # who helped whom names who chose (as the UI does)
    assert out.index("Dad asked Mia") < out.index("Talk about these together", out.index("The end"))
    assert out.rstrip().endswith("Endings found: 1 of 1.")


def test_continue_after_mias_choice_gives_dad_the_turn(play, saves):
    play("--players", "Mia,Dad", typed=["2"])
    code, out, _ = play("--continue", typed=[])
    assert code == 0
    assert "Dad's turn." in out and "Mia's turn." not in out


def test_a_in_a_one_player_game_says_what_it_is_for(play):
    _, out, _ = play(typed=["a"])
    assert "a asks the other player to help choose, in a game for two" in out
    assert "'s turn" not in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--players", "Mia"], "--players takes two names"),
        (["--players", "Mia,Mia"], "different names"),
        (["--players", "Mia,Dad", "--name", "Sam"], "leave out --name"),
        (["--players", "Mia,Dad", "--continue"], "start a new game"),
    ],
)
def test_bad_players_options_are_refused(play, options, message, capsys):
    with pytest.raises(SystemExit) as stop:
        play(*options)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_p_tells_the_help_in_the_team_panels_words(play):
    # help Wren pick up her books: the hero gave help once
    code, out, _ = play("--name", "Robin", typed=["2", "p", "q"])
    assert code == 0
    assert "So far, you accepted help 0 times and gave help once." in out
    assert "Help given" not in out and "Help accepted" not in out
