"""Helpers for the writers' toolkit tests: the story schemas and stories copied to
temporary folders."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import jsonschema
import tomli

from game.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMAS = ROOT / "story" / "schemas"
README = ROOT / "story" / "README.md"
SHIPPED = ROOT / "story"


def schema(kind: str) -> dict:
    """`story`, `chapter` or `playtest`."""
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def validator(kind: str, *, relaxed: bool = False) -> jsonschema.Draft4Validator:
    """A draft-4 validator; `relaxed` drops every `required`, for fragments of a file."""
    data = schema(kind)
    if relaxed:
        data = _without_required(data)
    return jsonschema.Draft4Validator(data)


def _without_required(node):
    if isinstance(node, dict):
        return {k: _without_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_without_required(v) for v in node]
    return node


def kind_of(path: Path) -> str:
    """Which schema a story file follows."""
    if path.parent.name == "playtests":
        return "playtest"
    return "story" if path.name == "story.toml" else "chapter"


def schema_errors(path: Path) -> list[str]:
    data = tomli.loads(path.read_text(encoding="utf-8"))
    return [e.message for e in validator(kind_of(path)).iter_errors(data)]


def story_files(root: Path) -> list[Path]:
    """story.toml, the chapters and the playtests of a story folder."""
    files = sorted(p for p in root.glob("*.toml") if not p.name.startswith(("_", ".")))
    return files + sorted(root.glob("playtests/*.toml"))


def copy_story(source: Path, target: Path, *overlays: Path) -> Path:
    """Copy a story folder to `target`, then copy each overlay folder's files over it."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("README.md", "schemas"))
    for overlay in overlays:
        for path in overlay.rglob("*"):
            if path.is_file():
                dest = target / path.relative_to(overlay)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
    return target


def shipped_story_written() -> bool:
    return any(SHIPPED.glob("0*.toml"))


def run(*args, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run `python -m game ARGS` in-process (from `cwd`); return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or Path.cwd()), redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli_main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()
