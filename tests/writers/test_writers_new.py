"""`python -m game new`: a commented chapter that passes check once linked in."""

from __future__ import annotations

from writers_support import FIXTURES, copy_story, run, schema_errors

GOOD = FIXTURES / "good"

LINK = """
[[scenes.home.choices]]
text = "Walk down to the lake"
goto = "lake"
"""


def test_new_chapter_is_numbered_commented_and_valid(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    code, out, _ = run("new", "lake", story)
    assert code == 0
    chapter = story / "03-lake.toml"
    text = chapter.read_text()
    assert text.startswith('# Chapter "lake"')
    assert 'id = "lake"' in text and 'title = "Lake"' in text
    assert 'help = "wren"' in text
    assert "teamwork rule" in text
    assert schema_errors(chapter) == []
    assert schema_errors(story / "playtests" / "lake.toml") == []
    assert f"Wrote {chapter}" in out


def test_new_chapter_tells_the_next_steps(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    _, out, _ = run("new", "lake", story)
    assert "Link it in" in out
    assert 'goto = "lake"' in out
    assert f"python -m game check {story}" in out
    assert f"python -m game --story {story} --at lake:start --party wren" in out
    assert f"python -m game test {story}" in out


def test_unlinked_new_chapter_only_warns_that_it_is_unreachable(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    run("new", "lake", story)
    code, out, _ = run("check", story)
    assert code == 0
    assert "warning: chapter 'lake' can never be reached" in out
    assert "0 errors, 1 warning" in out


def test_new_chapter_passes_check_and_its_playtest_once_linked(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    run("new", "lake", story)
    forest = story / "02-forest.toml"
    forest.write_text(forest.read_text() + LINK)
    code, out, _ = run("check", story)
    assert code == 0, out
    assert "0 errors, 0 warnings" in out
    code, out, _ = run("test", story)
    assert code == 0, out
    assert "passed: lake.toml" in out


def test_new_chapter_with_another_companion_and_title(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    code, _, _ = run("new", "mill", story, "--with", "tam", "--title", 'The "Old" Mill')
    assert code == 0
    text = (story / "03-mill.toml").read_text()
    assert 'help = "tam"' in text
    assert 'title = "The \\"Old\\" Mill"' in text
    forest = story / "02-forest.toml"
    forest.write_text(forest.read_text() + LINK.replace("lake", "mill"))
    code, out, _ = run("check", story)
    assert code == 0 and "0 errors, 0 warnings" in out
    assert run("test", story)[0] == 0


def test_new_refuses_to_overwrite(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    run("new", "lake", story)
    before = (story / "03-lake.toml").read_text()
    code, _, err = run("new", "lake", story)
    assert code == 1
    assert "already has a chapter 'lake'" in err
    assert (story / "03-lake.toml").read_text() == before
    assert not (story / "04-lake.toml").exists()


def test_new_never_overwrites_a_file(tmp_path, monkeypatch):
    import game.commands.new as new

    story = copy_story(GOOD, tmp_path / "story")
    taken = story / "_taken.toml"
    taken.write_text("# my notes\n")
    monkeypatch.setattr(new, "next_file", lambda root, chapter_id: taken)
    code, _, err = run("new", "lake", story)
    assert code == 1
    assert "already exists; it was left as it is" in err
    assert taken.read_text() == "# my notes\n"


def test_new_keeps_an_existing_playtest(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    (story / "playtests").mkdir()
    (story / "playtests" / "lake.toml").write_text("# mine\n")
    code, out, _ = run("new", "lake", story)
    assert code == 0
    assert (story / "playtests" / "lake.toml").read_text() == "# mine\n"
    assert "already exists; it was left as it is" in out


def test_new_rejects_a_bad_id_an_unknown_companion_and_a_missing_story(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    code, _, err = run("new", "the lake", story)
    assert code == 1 and "cannot be a chapter id" in err
    code, _, err = run("new", "lake", story, "--with", "wen")
    assert code == 1 and "'wen' is not a companion of this story (did you mean 'wren'?)" in err
    code, _, err = run("new", "lake", tmp_path / "nowhere")
    assert code == 2
    assert list(story.glob("*lake*")) == []


def test_new_refuses_an_id_that_ends_in_a_line_break(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    before = sorted(p.name for p in story.rglob("*"))
    code, _, err = run("new", "lake\n", story)
    assert code == 1
    assert 'error: "lake\\n" cannot be a chapter id: use only letters, digits' in err
    assert sorted(p.name for p in story.rglob("*")) == before


def test_new_in_a_story_without_companions_says_what_to_do(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    (story / "story.toml").write_text(
        '[story]\ntitle = "Alone"\nstart = "a"\n\n[hero]\nname = "Robin"\n'
    )
    code, _, err = run("new", "lake", story)
    assert code == 1
    assert "has no companions yet" in err
    assert "[companions.wren]" in err and 'gift = "' in err
    assert list(story.glob("*lake*")) == []


def test_scene_names_never_clash_with_chapter_ids(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    code, _, _ = run("new", "start", story)
    assert code == 0
    assert "[scenes.start_start]" in (story / "03-start.toml").read_text()
    code, out, _ = run("check", story)
    assert "names both a scene" not in out


def test_numbering_follows_the_highest_number(tmp_path):
    story = copy_story(GOOD, tmp_path / "story")
    (story / "02-forest.toml").rename(story / "09-forest.toml")
    run("new", "lake", story)
    assert (story / "10-lake.toml").is_file()
