"""Small stories built in code, written with tomli-w, for the engine's tests."""

from __future__ import annotations

from pathlib import Path

import tomli_w

from game.engine.loader import load_story
from game.engine.model import Story

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = FIXTURES / "good"
CHECK = FIXTURES / "check"

COMPANIONS = {
    "wren": {"name": "Wren", "gift": "reads maps"},
    "tam": {"name": "Tam", "gift": "carries things"},
}


def front(start: str = "one", companions: dict | None = None, **story) -> dict:
    """A story.toml table: title, start, a hero, and Wren and Tam."""
    return {
        "story": {"title": "Test", "start": start, **story},
        "hero": {"name": "Robin"},
        "companions": COMPANIONS if companions is None else companions,
    }


def chapter(cid: str, scenes: dict, start: str | None = None, **info) -> dict:
    """A chapter table; `scenes` maps a scene id to its table (text defaults to its id)."""
    full = {sid: {"text": sid, **table} for sid, table in scenes.items()}
    return {
        "chapter": {"id": cid, "title": cid.title(), "start": start or next(iter(scenes)), **info},
        "scenes": full,
    }


def write_story(root: Path, story: dict, *chapters: dict) -> Path:
    """Write story.toml and one numbered file per chapter into `root`; return `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.toml").write_text(tomli_w.dumps(story), encoding="utf-8")
    for number, table in enumerate(chapters, start=1):
        name = f"{number:02d}-{table['chapter']['id']}.toml"
        (root / name).write_text(tomli_w.dumps(table), encoding="utf-8")
    return root


def build(root: Path, *chapters: dict, **story) -> Story:
    """Write and load a story that must load without errors."""
    write_story(root, front(start=chapters[0]["chapter"]["id"], **story), *chapters)
    result = load_story(root)
    assert result.ok, [p.format() for p in result.problems.errors]
    return result.story


def good_story() -> Story:
    result = load_story(GOOD)
    assert result.ok
    return result.story
