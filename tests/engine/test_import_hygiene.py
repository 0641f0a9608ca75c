"""The engine never imports Textual: plain mode, `check` and the tests stand without it."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys

import pytest
from engine_helpers import FIXTURES

import game.engine

ROOT = FIXTURES.parent.parent
MODULES = sorted(f"game.engine.{m.name}" for m in pkgutil.iter_modules(game.engine.__path__))
PROBE = """
import importlib, sys
importlib.import_module(sys.argv[1])
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "rich")))
print(" ".join(loaded))
"""


def imported_by(module: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_every_engine_module_is_listed():
    assert {"game.engine.loader", "game.engine.checker", "game.engine.rules"} <= set(MODULES)


@pytest.mark.parametrize("module", [*MODULES, "game.commands.check"])
def test_module_never_imports_textual(module):
    assert imported_by(module) == ""


@pytest.mark.parametrize("module", MODULES)
def test_engine_modules_import_the_game_only_at_the_top(module):
    """An import of the game's own code inside a function hides an import cycle."""
    path = ROOT / (module.replace(".", "/") + ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = [
        f"{path.name}:{node.lineno}"
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game")
    ]
    assert hidden == []
