"""Lines are found only when a message needs them: a story without problems is never scanned
for key positions, and a line found late is the line an eager scan finds."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import game.engine.positions as positions
from game.engine.checker import check_story
from game.engine.loader import load_story
from game.engine.model import Line, changed
from game.engine.positions import Positions
from game.locations import default_story_dir


@pytest.fixture
def scans(monkeypatch) -> list[int]:
    """Counts the scans of a file's text for positions."""
    counted: list[int] = []
    scan = Positions._scan

    def counting(self, source: str) -> None:
        counted.append(len(source))
        scan(self, source)

    monkeypatch.setattr(positions.Positions, "_scan", counting)
    return counted


def test_a_story_without_problems_is_not_scanned(scans):
    report = check_story(default_story_dir())
    assert report.ok and not report.problems
    assert scans == []


def test_a_problem_scans_only_its_own_file(tmp_path, scans):
    root = tmp_path / "story"
    shutil.copytree(default_story_dir(), root)
    chapter = sorted(root.glob("0*.toml"))[1]
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("goto = ", "gotoo = ", 1), encoding="utf-8")
    report = check_story(root)
    assert report.errors and all(Path(p.file) == chapter for p in report.errors)
    assert scans == [len(chapter.read_text(encoding="utf-8"))]


def test_each_line_read_late_is_the_line_of_its_table():
    result = load_story(default_story_dir())
    files = {src.path: src for src in result.files}
    for chapter in result.story.chapters.values():
        eager = Positions(files[chapter.file].source)
        assert chapter.line == eager.line("chapter")
        for scene in chapter.scenes.values():
            assert scene.line == eager.line("scenes", scene.id)
            for choice in scene.choices:
                assert choice.line == eager.line("scenes", scene.id, "choices", choice.index - 1)
            for block in scene.when:
                assert block.line == eager.line("scenes", scene.id, "when", block.index - 1)


def test_a_changed_copy_keeps_its_line_unread_and_right():
    scene = next(load_story(default_story_dir()).story.scenes())
    copy = changed(scene, text="Other")
    assert not isinstance(Line.kept(copy), int)  # not read by the copy
    assert copy.line == scene.line and isinstance(Line.kept(copy), int)


def test_a_pickled_story_holds_its_lines_not_its_files():
    story = load_story(default_story_dir()).story
    body = pickle.dumps(story)
    assert b"SourceFile" not in body and b"Positions" not in body
    again = pickle.loads(body)
    assert again == story
    assert all(isinstance(Line.kept(scene), int) for scene in again.scenes())
