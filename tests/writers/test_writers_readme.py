"""story/README.md, the writers' guide, is tested: every TOML example parses and follows the
schema, the tutorial's chapter really works (in a small story and in the shipped one), and
every message it quotes is one that `check` or `test` really prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli
from writers_support import (
    FIXTURES,
    README,
    SHIPPED,
    copy_story,
    kind_of,
    run,
    shipped_story_written,
    validator,
)

from game.cli import COMMANDS

LAKE = FIXTURES / "writers_lake"
MISTAKES = FIXTURES / "writers_mistakes"
KEYS = {
    "story": {"story", "hero", "companions", "renamed"},
    "chapter": {"chapter", "scenes"},
    "playtest": {"playtest"},
}
MESSAGE = re.compile(r"^(\S+\.toml:\d+: (error|warning): |story: the story )")
"""A message the guide quotes: a problem at a file's line, or what `test` says of the story."""
PLAYTEST_STORIES = ("writers_playtests_fail", "writers_playtests_bad")
"""Whole stories whose `check` and `test` messages the guide quotes too."""


@dataclass(frozen=True)
class Block:
    language: str
    tag: str
    """What follows the language: a file's path for a complete file, or `wrong`."""
    text: str
    line: int

    def __str__(self) -> str:
        return f"README.md:{self.line}"


def blocks() -> list[Block]:
    found, inside, start, info, lines = [], False, 0, "", []
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            if inside:
                language, _, tag = info.partition(" ")
                found.append(Block(language, tag.strip(), "\n".join(lines) + "\n", start))
                inside = False
            else:
                inside, start, info, lines = True, number, line[3:].strip(), []
        elif inside:
            lines.append(line)
    assert not inside, "a ``` block in the README is never closed"
    return found


def toml_blocks(tag=None) -> list[Block]:
    return [b for b in blocks() if b.language == "toml" and (tag is None or b.tag == tag)]


def file_block(path: str) -> Block:
    (block,) = [b for b in toml_blocks() if b.tag == path]
    return block


def test_the_guide_has_examples():
    assert len(toml_blocks()) >= 15
    assert file_block("story/07-lake.toml")
    assert file_block("story/playtests/lake.toml")


@pytest.mark.parametrize("block", [b for b in toml_blocks() if b.tag != "wrong"], ids=str)
def test_every_toml_example_parses_and_follows_the_schema(block):
    data = tomli.loads(block.text)
    if block.tag:
        kind = kind_of(Path(block.tag))
        strict = True
    else:
        kinds = [kind for kind, keys in KEYS.items() if set(data) <= keys]
        assert len(kinds) == 1, f"{block}: which file is this from? {sorted(data)}"
        kind = kinds[0]
        strict = False
    errors = [e.message for e in validator(kind, relaxed=not strict).iter_errors(data)]
    assert errors == [], f"{block}: {errors}"


def _squash(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


@pytest.mark.parametrize("block", toml_blocks("wrong"), ids=str)
def test_every_wrong_example_is_a_mistake_check_was_run_on(block):
    wrong = _squash(block.text)
    texts = [_squash(p.read_text()) for p in MISTAKES.rglob("*.toml")]
    assert any(wrong in text for text in texts), f"{block} is in no writers_mistakes fixture"


def test_tutorial_files_are_the_fixtures():
    assert file_block("story/07-lake.toml").text == (LAKE / "07-lake.toml").read_text()
    playtest = MISTAKES / "playtest_ok" / "playtests" / "lake.toml"
    assert file_block("story/playtests/lake.toml").text == playtest.read_text()


def _add_tutorial(story: Path) -> None:
    (story / "07-lake.toml").write_text(file_block("story/07-lake.toml").text)
    (story / "playtests").mkdir(exist_ok=True)
    (story / "playtests" / "lake.toml").write_text(file_block("story/playtests/lake.toml").text)


def test_tutorial_chapter_checks_and_playtests_clean(tmp_path):
    story = copy_story(LAKE, tmp_path / "story")
    _add_tutorial(story)
    code, out, _ = run("check", story)
    assert code == 0 and "0 errors, 0 warnings" in out, out
    code, out, _ = run("test", story)
    assert code == 0, out
    assert "2 playtests: 2 passed, 0 failed" in out


def _link_blocks() -> tuple[str, str]:
    """Step 4's two examples: the river's choice before and after linking the lake in."""
    linked = [b.text for b in toml_blocks() if b.text.startswith("[[scenes.far_bank.choices]]")]
    assert len(linked) == 2 and 'goto = "lake"' in linked[1]
    return linked[0], linked[1]


def test_tutorial_links_into_the_shipped_story(tmp_path):
    if not shipped_story_written():
        pytest.skip("the shipped story has no chapters yet (story/0*.toml)")
    code, out, _ = run("check", SHIPPED)
    if code != 0:
        pytest.skip("the shipped story does not pass check yet (it is being written)")
    story = copy_story(SHIPPED, tmp_path / "story")
    before, after = _link_blocks()
    river = story / "04-river.toml"
    assert river.is_file(), "the guide's step 4 edits story/04-river.toml"
    text = river.read_text()
    assert before in text, (
        "the guide's step 4 quotes a choice that story/04-river.toml no longer has: "
        "update story/README.md (and tests/fixtures/writers_lake)"
    )
    river.write_text(text.replace(before, after))
    _add_tutorial(story)
    code, out, _ = run("check", story)
    assert code == 0, out
    assert "07-lake.toml" not in out and "04-river.toml" not in out, out
    code, out, _ = run("test", story)
    assert "passed: lake.toml: June finds the duckling" in out
    # As step 4 warns, playtests that walk the whole story past the river now walk
    # into the lake: each failure must be that, and nothing else.
    failures = [line for line in out.splitlines() if ": error: " in line]
    assert code == (1 if failures else 0), out
    # (a playtest that fails on the same step as one above says so in one line)
    assert failures == [] or "at lake:" in failures[0], out
    for line in failures:
        assert "at lake:" in line or line.endswith("fails as above"), out


# -- the messages the guide quotes ----------------------------------------------


def _normal(line: str) -> str:
    line = re.sub(r"^\S*/(?=[^/\s]+\.toml:)", "", line.strip())
    return re.sub(r"\d+", "N", line)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> set[str]:
    """Every line `check` and `test` print for the mistakes fixtures, normalized."""
    import contextlib
    import io
    import os

    from game.cli import main

    lines: set[str] = set()
    base = tmp_path_factory.mktemp("mistakes")
    cwd = os.getcwd()
    stories = [(LAKE, case) for case in sorted(p for p in MISTAKES.iterdir() if p.is_dir())]
    stories += [(FIXTURES / name, None) for name in PLAYTEST_STORIES]
    try:
        for source, case in stories:
            work = base / (case or source).name
            copy_story(source, work / "story", *([case] if case else []))
            os.chdir(work)
            for command in ("check", "test"):
                out = io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                    main([command, "story"])
                lines |= {_normal(line) for line in out.getvalue().splitlines()}
    finally:
        os.chdir(cwd)
    return lines


def quoted_messages() -> list[tuple[Block, list[str]]]:
    """Each message the guide quotes (outside TOML examples), with its indented notes."""
    out = []
    for block in blocks():
        if block.language == "toml":
            continue
        current: list[str] | None = None
        for line in block.text.splitlines():
            if MESSAGE.match(line):
                current = [line]
                out.append((block, current))
            elif current is not None and line.startswith(" "):
                current.append(line)
            else:
                current = None
    return out


def test_the_guide_quotes_messages():
    assert len(quoted_messages()) >= 25


@pytest.mark.parametrize(
    ("block", "message"), quoted_messages(), ids=lambda x: str(x) if isinstance(x, Block) else ""
)
def test_every_quoted_message_is_really_printed(block, message, printed):
    for line in message:
        assert _normal(line) in printed, (
            f"{block}: the guide quotes a message that check/test no longer print:\n{line}\n"
            "run them on tests/fixtures/writers_mistakes and update story/README.md"
        )


def test_every_message_the_writers_tests_pin_is_quoted():
    """The exact messages tests/writers pins (each mistake's, each playtest failure's, what
    `test` says of the story) are all in the guide, so a writer can look any of them up."""
    from test_writers_messages import CHECK, TEST, WARN
    from test_writers_playtests import FAILED, MISTAKES_IN_FILES

    guide = README.read_text(encoding="utf-8")
    pinned = [*CHECK.values(), *WARN.values(), *TEST.values(), *FAILED, *MISTAKES_IN_FILES]
    missing = [message for message in pinned if message not in guide]
    assert not missing, "story/README.md does not quote:\n" + "\n".join(missing)


# -- commands and links -----------------------------------------------------------


def test_every_command_in_the_guide_exists():
    text = README.read_text()
    for word in re.findall(r"python -m game ([a-z]\w*)", text):
        assert word in COMMANDS, word
    from game.commands.stats import main as stats_main  # noqa: F401

    for option, command in [("--brief", "stats"), ("--playtests", "stats"), ("--with", "new")]:
        source = (Path(__file__).parents[2] / "game" / "commands" / f"{command}.py").read_text()
        assert f'"{option}"' in source


def _slug(heading: str) -> str:
    slug = heading.strip().lower()
    slug = re.sub(r"[^\w\- ]", "", slug)
    return slug.replace(" ", "-")


def test_every_link_inside_the_guide_leads_somewhere():
    text = README.read_text()
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
    anchors |= set(re.findall(r'<a id="([^"]+)"></a>', text))
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, target


def test_the_guides_playtest_of_what_is_shown_passes_on_the_lake(tmp_path):
    """The playtest example for `flags`, `counters`, `shown`, `available` and `unavailable`
    really passes on the tutorial's chapter, whose shore reacts to June (format 2)."""
    (example,) = [b for b in toml_blocks() if "expect = { shown" in b.text]
    story = copy_story(LAKE, tmp_path / "story")
    (story / "playtests").mkdir(exist_ok=True)
    (story / "playtests" / "shown.toml").write_text(example.text)
    code, out, _ = run("test", story)
    assert code == 0 and "1 playtest: 1 passed, 0 failed" in out, out
