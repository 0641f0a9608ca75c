"""The repository stands alone: its code, tests and docs cite only what a reader of the
repository has (README.md, ARCHITECTURE.md, story/README.md), never a design file kept
outside it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"DESIGN(\.md)? ?§|shared/DESIGN")
"""A citation of the team's design notes, which live beside the repository, not in it."""


def cited_outside(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if OUTSIDE.search(line)]


def test_a_citation_of_the_design_notes_is_found():
    assert cited_outside('"""Saves (DESIGN §4): one file."""\nok\n# see shared/DESIGN.md') == [1, 3]


def test_nothing_cites_a_file_outside_the_repository():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in ("game", "tests", "bench", "story")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in {".py", ".md", ".toml", ".tcss", ".json"} and path != Path(__file__)
        for line in cited_outside(path.read_text(encoding="utf-8", errors="replace"))
    ] + [
        f"{path.name}:{line}"
        for path in sorted(ROOT.glob("*.md"))
        for line in cited_outside(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_architecture_notes_name_files_that_exist():
    """ARCHITECTURE.md's recipes name the files a change touches: each must be there (but
    the new screen its recipe makes)."""
    notes = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"\b(?:game|tests|story|bench)/[\w/.-]*\w", notes))
    files = {
        path.name for folder in ("game", "tests", "bench") for path in (ROOT / folder).rglob("*.py")
    }
    missing = sorted(p for p in paths - {"game/ui/screens/party.py"} if not (ROOT / p).exists())
    missing += sorted(set(re.findall(r"\b\w+\.py\b", notes)) - files - {"party.py"})
    assert missing == []
