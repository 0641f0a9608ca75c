"""`python -m game map`: chapters as groups, help choices marked, Mermaid or DOT."""

from __future__ import annotations

from pathlib import Path

from game.commands import map as story_map
from game.engine.loader import load_story

GOOD = Path(__file__).parent.parent / "fixtures" / "good"


def test_mermaid_groups_chapters_and_marks_help():
    text = story_map.mermaid(load_story(GOOD).story)
    assert text.startswith("flowchart TD\n")
    assert text.count("subgraph ") == 2
    assert '"The Silent Bell"' in text and '"The Forest"' in text
    help_lines = [line for line in text.splitlines() if "==>" in line]
    assert len(help_lines) == 2
    assert all("help:" in line for line in help_lines)
    assert "Ask Wren to help you climb the tower" in text  # placeholders filled in
    assert "end: Stronger Together" in text


def test_dot_is_a_digraph_with_clusters():
    text = story_map.dot(load_story(GOOD).story)
    assert text.startswith("digraph story {") and text.rstrip().endswith("}")
    assert text.count("subgraph cluster_") == 2
    assert text.count("penwidth=2.5") == 2
    assert "doubleoctagon" in text


def test_map_is_the_same_every_run():
    story = load_story(GOOD).story
    assert story_map.mermaid(story) == story_map.mermaid(load_story(GOOD).story)


def test_map_of_a_missing_folder_exits_2(capsys, tmp_path):
    assert story_map.main([str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_map_prints_the_chosen_format(capsys):
    assert story_map.main([str(GOOD), "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith("digraph")


def test_replies_and_when_text_stay_out_of_the_map():
    story = load_story(Path(__file__).parent.parent / "fixtures" / "format2").story
    for text in (story_map.mermaid(story), story_map.dot(story)):
        assert "hums" not in text and "just as quiet" not in text  # when blocks
        assert "tug and tug" not in text and "Thank you" not in text  # replies
        assert "Some bells need" not in text  # an ending's hint
        assert "Pull the rope by yourself" in text
