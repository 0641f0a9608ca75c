"""The JSON Schemas editors use: valid draft 4, in step with the engine, accepting every good
story and rejecting the broken ones; and the .taplo.toml that maps files to them."""

from __future__ import annotations

import shutil
import subprocess

import jsonschema
import pytest
import tomli
from writers_support import (
    FIXTURES,
    ROOT,
    SHIPPED,
    copy_story,
    schema,
    schema_errors,
    shipped_story_written,
    story_files,
)

from game.engine import loader, playtest

KINDS = ("story", "chapter", "playtest")
GOOD_STORIES = [
    "good",
    "format2",
    "writers_lake",
    "writers_playtests_pass",
    "writers_playtests_fail",
]


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_draft_4(kind):
    data = schema(kind)
    assert data["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(data)


def _described(node, where="") -> list[str]:
    """Every property without a description, for writers hovering over a key."""
    missing = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if "description" not in sub:
                missing.append(f"{where}.{name}")
            missing += _described(sub, f"{where}.{name}")
        for sub in node.get("patternProperties", {}).values():
            missing += _described(sub, f"{where}.*")
        if isinstance(node.get("items"), dict):
            missing += _described(node["items"], f"{where}[]")
    return missing


@pytest.mark.parametrize("kind", KINDS)
def test_every_key_is_described_for_writers(kind):
    assert _described(schema(kind)) == []


def test_schemas_know_exactly_the_engines_keys():
    story = schema("story")["properties"]
    assert set(story) == loader.STORY_KEYS
    assert set(story["story"]["properties"]) == set(loader.STORY_TABLE)
    assert set(story["hero"]["properties"]) == set(loader.HERO_TABLE)
    (companion,) = story["companions"]["patternProperties"].values()
    assert set(companion["properties"]) == set(loader.COMPANION_TABLE)
    chapter = schema("chapter")["properties"]
    assert set(chapter) == loader.CHAPTER_KEYS
    assert set(chapter["chapter"]["properties"]) == set(loader.CHAPTER_TABLE)
    (scene,) = chapter["scenes"]["patternProperties"].values()
    assert set(scene["properties"]) == set(loader.SCENE_TABLE)
    assert set(scene["properties"]["choices"]["items"]["properties"]) == set(loader.CHOICE_TABLE)
    assert set(scene["properties"]["when"]["items"]["properties"]) == set(loader.WHEN_TABLE)
    tests = schema("playtest")["properties"]
    assert set(tests) == playtest.PLAYTEST_KEYS
    assert set(tests["playtest"]["items"]["properties"]) == set(playtest.PLAYTEST_TABLE)
    expect = tests["playtest"]["items"]["properties"]["expect"]
    assert set(expect["properties"]) == set(playtest.EXPECT_TABLE)


@pytest.mark.parametrize("name", GOOD_STORIES)
def test_schemas_accept_the_good_fixtures(name):
    files = story_files(FIXTURES / name)
    assert files
    for path in files:
        assert schema_errors(path) == [], path


def test_schemas_accept_the_shipped_story():
    if not shipped_story_written():
        pytest.skip("the shipped story has no chapters yet (story/0*.toml)")
    for path in story_files(SHIPPED):
        assert schema_errors(path) == [], path


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown_key", "'hlep' was unexpected"),
        ("wrong_type", "'yes' is not of type 'boolean'"),
        ("missing_key", "'goto' is a required property"),
        ("scene_singular", "'scene' was unexpected"),
        ("choice_singular", "'choice' was unexpected"),
        ("one_bracket", "is not of type 'array'"),
        ("bad_condition", "'party.june = false' is not valid"),
        ("bad_condition_and", "is not valid under any of the given schemas"),
    ],
)
def test_schemas_reject_broken_chapters(case, expected):
    errors = schema_errors(FIXTURES / "writers_mistakes" / case / "07-lake.toml")
    assert any(expected in e for e in errors), errors


def test_schemas_reject_a_broken_front_page():
    errors = schema_errors(FIXTURES / "writers_broken_front" / "story.toml")
    assert any("'titel' was unexpected" in e for e in errors)
    assert any("3 is not of type 'string'" in e for e in errors)
    assert any("'gift' is a required property" in e for e in errors)


def test_schemas_reject_broken_playtests():
    path = FIXTURES / "writers_playtests_bad" / "playtests" / "mistakes.toml"
    errors = schema_errors(path)
    assert any("'nam' was unexpected" in e for e in errors)
    assert any("3 is not valid" in e for e in errors)


def test_condition_pattern_matches_the_engine():
    from game.engine.conditions import ConditionError, parse_condition

    item = schema("chapter")["properties"]["scenes"]["patternProperties"]
    (scene,) = item.values()
    check = jsonschema.Draft4Validator(scene["properties"]["choices"]["items"]["properties"]["if"])
    companions = {"wren": None}
    for text in [
        "found_key",
        "not found_key",
        " not  party.wren ",
        "courage >= 2",
        "help.received.wren==1",
        "x != -3",
        "party.wren = true",
        "a and b",
        "courage >= two",
        ">= 2",
    ]:
        try:
            parse_condition(text, companions)
            engine_ok = True
        except ConditionError:
            engine_ok = False
        assert check.is_valid(text) == engine_ok, text


# -- taplo --------------------------------------------------------------------

taplo = shutil.which("taplo")
needs_taplo = pytest.mark.skipif(taplo is None, reason="taplo is not installed (the test extra)")


def _lint(cwd, *files) -> subprocess.CompletedProcess:
    return subprocess.run(
        [taplo, "lint", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "RUST_LOG": "error"},
    )


def test_taplo_config_maps_each_kind_of_file_to_its_schema():
    config = tomli.loads((ROOT / ".taplo.toml").read_text())
    rules = {rule["schema"]["path"]: rule for rule in config["rule"]}
    assert set(rules) == {f"story/schemas/{kind}.schema.json" for kind in KINDS}
    for path in rules:
        assert (ROOT / path).is_file()
    assert rules["story/schemas/story.schema.json"]["include"] == ["story/story.toml"]
    assert rules["story/schemas/playtest.schema.json"]["include"] == ["story/playtests/*.toml"]
    chapters = rules["story/schemas/chapter.schema.json"]
    assert chapters["include"] == ["story/*.toml"]
    assert "story/story.toml" in chapters["exclude"]


@needs_taplo
def test_taplo_accepts_a_good_story_through_the_config(tmp_path):
    shutil.copy(ROOT / ".taplo.toml", tmp_path)
    shutil.copytree(ROOT / "story" / "schemas", tmp_path / "story" / "schemas")
    copy_story(FIXTURES / "writers_lake", tmp_path / "lake")
    for path in (tmp_path / "lake").iterdir():
        shutil.move(path, tmp_path / "story" / path.name)
    shutil.copytree(
        FIXTURES / "writers_playtests_pass" / "playtests", tmp_path / "story" / "playtests"
    )
    result = _lint(tmp_path, *story_files(tmp_path / "story"))
    assert result.returncode == 0, result.stdout + result.stderr


@needs_taplo
def test_taplo_flags_mistakes_through_the_config(tmp_path):
    shutil.copy(ROOT / ".taplo.toml", tmp_path)
    shutil.copytree(ROOT / "story" / "schemas", tmp_path / "story" / "schemas")
    story = tmp_path / "story"
    shutil.copy(FIXTURES / "writers_broken_front" / "story.toml", story / "story.toml")
    shutil.copy(FIXTURES / "writers_mistakes" / "unknown_key" / "07-lake.toml", story)
    (story / "playtests").mkdir()
    shutil.copy(
        FIXTURES / "writers_playtests_bad" / "playtests" / "mistakes.toml", story / "playtests"
    )
    for path, expected in [
        (story / "story.toml", "'titel' was unexpected"),
        (story / "07-lake.toml", "'hlep' was unexpected"),
        (story / "playtests" / "mistakes.toml", "'nam' was unexpected"),
    ]:
        result = _lint(tmp_path, path.relative_to(tmp_path))
        assert result.returncode != 0
        assert expected in result.stdout + result.stderr, path
