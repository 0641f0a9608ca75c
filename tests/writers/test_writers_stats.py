"""`python -m game stats`: words, scenes, choices, reading grade, the shortest way to endings."""

from __future__ import annotations

import re
import sys

import tomli
from writers_support import FIXTURES, copy_story, run, validator

GOOD = FIXTURES / "good"
LAKE = FIXTURES / "writers_lake"


def row(out: str, chapter: str) -> list[str]:
    line = next(line for line in out.splitlines() if line.startswith(f"{chapter} "))
    return line.split()


def test_stats_counts_each_chapter():
    code, out, _ = run("stats", GOOD)
    assert code == 0
    assert out.startswith("The Little Bell: 2 chapters,")
    village = row(out, "village")
    assert village[1:4] == ["01-village.toml", "3", "5"]
    forest = row(out, "forest")
    assert forest[1:4] == ["02-forest.toml", "3", "3"]
    assert row(out, "all")[1:3] == ["6", "8"]


def test_words_count_what_the_player_reads():
    from game.commands.stats import chapter_stats
    from game.engine.loader import load_story

    story = load_story(GOOD).story
    forest = next(s for s in chapter_stats(story) if s.id == "forest")
    # scene text 6 + 7 + 3 words ({tam} and {wren} are one word each), choices 3 + 7 + 3,
    # and the ending's name, 2 ("Stronger Together")
    assert forest.words == 31


def test_reading_grade_per_chapter():
    _, out, _ = run("stats", GOOD)
    assert re.fullmatch(r"-?\d+\.\d", row(out, "village")[-1])
    assert "Flesch-Kincaid" in out


def test_without_textstat_stats_says_how_to_add_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "textstat", None)
    code, out, _ = run("stats", GOOD)
    assert code == 0
    assert row(out, "village")[-1] == "-"
    assert "pip install -e '.[writers]'" in out


def test_shortest_way_to_each_ending():
    _, out, _ = run("stats", GOOD)
    assert '"Stronger Together" at forest:end: 6 choices' in out
    ways = re.findall(r"^\s+(\d+)\. (\S+)\s+(.+)$", out, re.M)
    assert [w[0] for w in ways] == ["1", "2", "3", "4", "5", "6"]
    assert ways[0][1:] == ("village:square", "Help Wren pick up her spilled books")
    assert ways[-1][1:] == ("forest:home", "Ring it again")


def test_brief_leaves_out_the_way():
    _, out, _ = run("stats", GOOD, "--brief")
    assert "6 choices" in out
    assert "Ring it again" not in out


def test_endings_that_cannot_be_reached_are_named(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    forest = story / "02-forest.toml"
    forest.write_text(forest.read_text() + '\n[scenes.lost]\ntext = "x"\nending = "Lost"\n')
    _, out, _ = run("stats", story)
    assert '"Lost" at forest:lost: cannot be reached' in out


def test_playtests_from_stats_are_valid_and_pass(tmp_path):
    story = copy_story(LAKE, tmp_path / "story")
    code, out, _ = run("stats", story, "--playtests")
    assert code == 0
    data = tomli.loads(out)
    assert list(validator("playtest").iter_errors(data)) == []
    assert data["playtest"][0]["expect"] == {
        "scene": "mountain:top",
        "ending": "Stronger Together",
    }
    (story / "playtests").mkdir()
    (story / "playtests" / "shortest.toml").write_text(out)
    code, out, _ = run("test", story)
    assert code == 0, out


def test_a_story_with_errors_still_gets_counts(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    forest = story / "02-forest.toml"
    forest.write_text(forest.read_text().replace('goto = "end"', 'goto = "nowhere"'))
    code, out, _ = run("stats", story)
    assert code == 1
    assert row(out, "forest")[1:4] == ["02-forest.toml", "3", "3"]
    assert "The story has 1 error" in out


def test_stats_of_a_missing_folder_exits_2(tmp_path):
    code, _, err = run("stats", tmp_path / "nowhere")
    assert code == 2
    assert "no such folder" in err


def test_search_ends_on_a_counter_that_grows_in_a_loop(tmp_path):
    """Counters past the largest number compared are all alike: the search is finite and exact."""
    from game.commands.stats import shortest_ways
    from game.engine.loader import load_story

    story = tmp_path / "story"
    story.mkdir()
    (story / "story.toml").write_text(
        '[story]\ntitle = "Loop"\nstart = "hill"\n\n[hero]\nname = "Robin"\n\n'
        '[companions.wren]\nname = "Wren"\ngift = "maps"\n'
    )
    (story / "01-hill.toml").write_text(
        '[chapter]\nid = "hill"\ntitle = "Hill"\nstart = "foot"\n\n'
        '[scenes.foot]\ntext = "A hill."\n\n'
        '[[scenes.foot.choices]]\ntext = "Take a deep breath"\ngoto = "foot"\n'
        'add = { courage = 1 }\nrecruit = "wren"\n\n'
        '[[scenes.foot.choices]]\ntext = "Climb with Wren"\ngoto = "top"\nhelp = "wren"\n'
        'if = "courage >= 3"\n\n'
        '[scenes.top]\ntext = "The top."\nending = "Up"\n'
    )
    ways, complete = shortest_ways(load_story(story).story, max_states=1000)
    assert complete
    assert [text for _, text in ways[0].steps] == ["Take a deep breath"] * 3 + ["Climb with Wren"]


def _reacting_story(tmp_path, when: str, reply: str):
    """A format-2 story of one chapter whose scene says little but whose `when` block and
    reply say `when` and `reply`."""
    story = tmp_path / "story"
    story.mkdir(parents=True)
    (story / "story.toml").write_text(
        '[story]\ntitle = "Pond"\nstart = "pond"\nformat = 2\n\n[hero]\nname = "Robin"\n\n'
        '[companions.wren]\nname = "Wren"\ngift = "maps"\n'
    )
    (story / "01-pond.toml").write_text(
        '[chapter]\nid = "pond"\ntitle = "Pond"\nstart = "bank"\n\n'
        '[scenes.bank]\ntext = "A pond."\n\n'
        f'[[scenes.bank.when]]\nif = "party.wren"\ntext = "{when}"\n\n'
        '[[scenes.bank.choices]]\ntext = "Wave to Wren"\ngoto = "bank"\n'
        f'recruit = "wren"\nonce = true\nreply = "{reply}"\n\n'
        '[[scenes.bank.choices]]\ntext = "Swim with Wren"\ngoto = "end"\nhelp = "wren"\n\n'
        '[scenes.end]\ntext = "Home."\nending = "Wet"\n'
    )
    return story


def test_words_count_when_blocks_and_replies(tmp_path):
    """Everything a family hears is counted: the `when` text and the reply too."""
    from game.commands.stats import chapter_stats
    from game.engine.loader import load_story

    story = _reacting_story(
        tmp_path, "Wren points at a frog on a big lily pad.", "Wren waves back."
    )
    (pond,) = chapter_stats(load_story(story).story)
    # scenes 2 + 1, the when block 10, choices 3 + 3, the reply 3, the ending's name 1
    assert pond.words == 23
    code, out, _ = run("stats", story)
    assert code == 0
    assert row(out, "pond")[4] == "23"


def test_reading_grade_hears_when_blocks_and_replies(tmp_path):
    """Hard words in a `when` block or a reply raise the grade of the chapter and of the whole
    story, though the scene text stays simple."""
    easy = _reacting_story(tmp_path / "easy", "Wren sees a frog.", "Wren waves.")
    hard = _reacting_story(
        tmp_path / "hard",
        "Wren contemplates the extraordinarily unpredictable amphibian population.",
        "Wren acknowledges your considerable enthusiasm immediately.",
    )
    _, easy_out, _ = run("stats", easy)
    _, hard_out, _ = run("stats", hard)
    for chapter in ("pond", "all"):
        assert float(row(hard_out, chapter)[-1]) > float(row(easy_out, chapter)[-1]) + 5
    assert "when blocks" in hard_out
