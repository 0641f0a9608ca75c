"""`check` (story/README.md, "Reading check's messages"): one tiny broken story per problem kind.

Each folder under tests/fixtures/check is a copy of tests/fixtures/good with one thing
broken. Every test pins the exact file, line, severity and message a writer sees.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from engine_helpers import CHECK, GOOD

from game.engine.checker import check_story
from game.engine.loader import MAX_FILE_BYTES, NotAStory

E, W = "error", "warning"


def problems_of(folder: Path, monkeypatch, **options) -> list[tuple]:
    """(file, line, severity, message, notes) of every problem, run from inside the folder
    so that files are named as a writer standing there would name them."""
    monkeypatch.chdir(folder)
    report = check_story(".", **options)
    return [(p.file, p.line, p.severity, p.message, list(p.notes)) for p in report.problems]


EXPECTED = {
    "toml-syntax": [
        (
            "02-forest.toml",
            11,
            E,
            'the text on this line has no closing quote ("): add " where the text ends '
            '(a text in quotes stays on one line; for more lines, use """ … """)',
        )
    ],
    "missing-key": [
        ("01-village.toml", 43, E, "scene 'tower', choice 1: missing required key 'text'"),
    ],
    "unknown-key": [
        (
            "02-forest.toml",
            20,
            E,
            "scene 'path', choice 2: unknown key 'gotoo' (did you mean 'goto'?)",
        ),
    ],
    "wrong-type": [
        (
            "01-village.toml",
            31,
            E,
            "scene 'square', choice 3: 'once' should be true or false, not text",
        ),
    ],
    "goto-nowhere": [
        (
            "01-village.toml",
            20,
            E,
            "scene 'square', choice 2: goto 'towr' is not a scene of chapter 'village' "
            "or a chapter (did you mean 'tower'?)",
        ),
    ],
    "goto-other-chapter-scene": [
        (
            "01-village.toml",
            45,
            E,
            "scene 'tower', choice 1: goto 'forest:pth': 'pth' is not a scene of chapter "
            "'forest' (did you mean 'path'?)",
        ),
    ],
    "chapter-start-nowhere": [
        (
            "02-forest.toml",
            4,
            E,
            "chapter 'forest': start 'paht' is not a scene of this chapter (did you mean 'path'?)",
        ),
    ],
    "story-start-nowhere": [
        ("story.toml", 3, E, "[story]: start 'vilage' is not a chapter (did you mean 'village'?)"),
    ],
    "unknown-companion": [
        (
            "02-forest.toml",
            13,
            E,
            "scene 'path', choice 1: recruit 'tom' is not a companion (did you mean 'tam'?)",
        ),
    ],
    "unknown-placeholder": [
        (
            "02-forest.toml",
            26,
            E,
            "scene 'home': unknown placeholder '{wern}' (did you mean 'wren'?)",
        ),
    ],
    "bad-condition": [
        (
            "02-forest.toml",
            31,
            E,
            "scene 'home', choice 1: 'courage = 1' is not a condition: "
            "to compare, write '==' (two signs)",
        ),
    ],
    "no-choices": [
        (
            "01-village.toml",
            33,
            E,
            "scene 'rope_alone' has no choices and is not an ending: "
            'add a [[scenes.rope_alone.choices]] or an ending = "..."',
        ),
    ],
    "duplicate-chapter": [
        (
            "03-forest-again.toml",
            2,
            E,
            "duplicate chapter id 'forest': 02-forest.toml already uses it",
        ),
    ],
    "unreachable": [
        ("01-village.toml", 40, W, "scene 'old_mill' can never be reached"),
    ],
    "flags": [
        (
            "02-forest.toml",
            15,
            W,
            "flag 'met_tam' is set but never tested (line 16 tests 'met_tom': did you mean "
            "'met_tam' there?)",
        ),
        (
            "02-forest.toml",
            16,
            W,
            "flag 'met_tom' is tested but never set (did you mean 'met_tam'?): "
            'it is always off (set it with set = "met_tom")',
        ),
    ],
    "art-too-wide": [
        ("01-village.toml", 42, W, "scene 'tower': art is 61 columns wide; at most 60 fit"),
    ],
    "id-clash": [
        (
            "01-village.toml",
            38,
            W,
            "scene 'rope_alone', choice 1: goto 'forest' names both a scene of this chapter "
            "and a chapter; the scene wins (write 'forest:path' for the chapter)",
        ),
    ],
    "newer-format": [
        (
            "story.toml",
            4,
            E,
            "this story is written in format 3; this game reads format 2 and older: "
            "update the game",
        ),
    ],
    "too-deep": [
        ("03-deep.toml", 1, E, "the file is nested too deeply to read"),
    ],
    "format2-never": [
        (
            "01-village.toml",
            20,
            W,
            "scene 'square', when 3 is never shown: Tam is never in the party here",
        ),
        (
            "01-village.toml",
            24,
            W,
            "scene 'square', when 4 is never shown: flag 'met_tam' is never on here",
        ),
        (
            "01-village.toml",
            28,
            W,
            "scene 'square', choice 1 can never be picked: "
            "it recruits Tam but also needs Tam, who joins only once it is picked: "
            'remove needs = "tam" here',
        ),
        (
            "01-village.toml",
            66,
            W,
            "scene 'tower', when 1 is never shown: "
            "'visits >= 2' never holds: the hero never comes back to this scene",
        ),
        (
            "02-forest.toml",
            14,
            W,
            "scene 'path', when 2 is never shown: "
            '"party.tam" and "not met_tam" never hold at once here: change one of them',
        ),
        (
            "02-forest.toml",
            40,
            W,
            "scene 'home', when 2 is never shown: "
            "'help.received >= 5' never holds here (help.received is always 2 here)",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_problem_kind_is_reported_at_its_line(name, monkeypatch):
    found = [problem[:4] for problem in problems_of(CHECK / name, monkeypatch)]
    assert found == EXPECTED[name]


def test_every_fixture_folder_is_pinned():
    folders = {p.name for p in CHECK.iterdir() if p.is_dir()}
    assert folders == set(EXPECTED) | {"softlock", "teamwork", "not-a-story"}


def test_good_story_has_no_problems(monkeypatch):
    assert problems_of(GOOD, monkeypatch) == []


def test_softlock_shows_the_way_to_where_the_hero_is_trapped(monkeypatch):
    assert problems_of(CHECK / "softlock", monkeypatch) == [
        (
            "02-forest.toml",
            25,
            E,
            "softlock: the hero can get stuck in scene 'home': no ending can be reached "
            "from there (7 other stuck situations in all)",
            [
                "the way there:",
                "(after 3 choices that reach the chapter)",
                '4. at forest:path: "Sit with Tam"',
                '5. at forest:path: "Ask Tam to carry the bell home"',
            ],
        ),
        ("02-forest.toml", 33, W, "scene 'end' can never be reached", []),
    ]


def test_teamwork_break_shows_the_way_through(monkeypatch):
    assert problems_of(CHECK / "teamwork", monkeypatch) == [
        (
            "01-village.toml",
            36,
            E,
            "teamwork rule: chapter 'village' can be left without help: the way below leaves "
            "for 'forest:path' with no help = ... in this chapter; make the way on need a "
            "friend's help",
            [
                "the way through:",
                '1. at village:square: "Pull the rope by yourself"',
                '2. at village:rope_alone: "Go back to the square"',
            ],
        ),
    ]


def test_a_folder_without_story_toml_is_not_a_story():
    with pytest.raises(
        NotAStory, match=r"not-a-story: not a story folder \(it has no story.toml\)"
    ):
        check_story(CHECK / "not-a-story")


def test_a_missing_folder_is_not_a_story(tmp_path):
    with pytest.raises(NotAStory, match="no such folder"):
        check_story(tmp_path / "nowhere")


def test_a_file_is_not_a_story(tmp_path):
    (tmp_path / "story.toml").write_text("")
    with pytest.raises(NotAStory, match="not a folder"):
        check_story(tmp_path / "story.toml")


def test_a_too_large_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    story = tmp_path / "story"
    shutil.copytree(GOOD, story)
    with open(story / "03-huge.toml", "wb") as huge:
        huge.truncate(MAX_FILE_BYTES + 1024 * 1024)  # sparse: nothing is written or read
    assert problems_of(story, monkeypatch) == [
        (
            "03-huge.toml",
            1,
            E,
            f"the file is too large ({MAX_FILE_BYTES // 1024 + 1024} KiB); "
            "split it into chapters under 8 MiB",
            [],
        )
    ]


def test_notes_and_files_print_as_compilers_do(monkeypatch):
    monkeypatch.chdir(CHECK / "teamwork")
    (problem,) = check_story(".").problems
    assert problem.format().splitlines() == [
        "01-village.toml:36: error: " + problem.message,
        "    the way through:",
        '    1. at village:square: "Pull the rope by yourself"',
        '    2. at village:rope_alone: "Go back to the square"',
    ]


def test_a_huge_broken_file_is_reported_in_bounded_time(tmp_path, monkeypatch):
    story = tmp_path / "story"
    shutil.copytree(GOOD, story)
    head = '[chapter]\nid = "big"\ntitle = "Big"\nstart = "s0"\n'
    scene = (
        '[scenes.s{n}]\ntext = "{{x}} {{y}}"\n[[scenes.s{n}.choices]]\ntext = "go"\ngoto = "q{n}"\n'
    )
    body = (
        head
        + "".join(scene.format(n=n) for n in range(3000))
        + "".join(f"k{n} = 1\n" for n in range(3000))
    )
    (story / "03-big.toml").write_text(body)
    started = time.perf_counter()
    found = problems_of(story, monkeypatch)
    assert time.perf_counter() - started < 10
    assert len(found) == 101
    assert found[0][:4] == (
        "03-big.toml",
        6,
        E,
        "scene 's0': unknown placeholder '{x}': use {hero} or a companion's id",
    )
    summary = "100 errors in this file already: the rest, from here on, are not shown"
    assert [f[:4] for f in found if f[3] == summary] == [("03-big.toml", 171, E, summary)]
