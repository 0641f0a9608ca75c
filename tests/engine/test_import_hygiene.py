"""The engine never imports Textual: plain mode, `check` and the tests stand without it."""

from __future__ import annotations

import ast
import importlib
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


def test_the_engines_public_names_are_the_modules_own():
    for name in game.engine.__all__:
        value = getattr(game.engine, name)
        home = importlib.import_module(f"game.engine.{game.engine._HOME[name]}")
        assert value is getattr(home, game.engine._RENAMED.get(name, name)), name
    assert sorted(game.engine._HOME) == sorted(game.engine.__all__)
    modules = {m.rpartition(".")[2] for m in MODULES}
    assert not modules & set(game.engine.__all__), "a module would replace the name once loaded"
    assert set(game.engine._RENAMED) <= set(game.engine.__all__)


def test_importing_the_engine_loads_none_of_its_modules():
    """Its names load on first use, so a front end pays only for what it uses."""
    probe = "import sys, game.engine; print([m for m in sys.modules if m.startswith('game.')])"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "['game.engine']", done.stderr


def engine_imports(path) -> list[tuple[int, str, list[str]]]:
    """Each import of the engine in a file: its line, the module and the names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game.engine"):
            found.append((node.lineno, node.module or "", [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            engine = [a.name for a in node.names if a.name.startswith("game.engine")]
            found += [(node.lineno, name, []) for name in engine]
    return found


FRONT_ENDS = sorted(
    path.relative_to(ROOT).as_posix()
    for path in (ROOT / "game").rglob("*.py")
    if not path.relative_to(ROOT).as_posix().startswith("game/engine/")
)


def test_the_front_ends_are_all_found():
    assert {"game/session.py", "game/plain.py", "game/ui/screens/play.py"} <= set(FRONT_ENDS)


@pytest.mark.parametrize("where", FRONT_ENDS)
def test_front_ends_use_only_the_engines_public_face(where):
    """The session, plain mode, the screens and the commands see `game.engine`'s `__all__`
    and nothing inside it, so the engine can move its modules around freely."""
    inside = [
        f"{where}:{line}: {module} {', '.join(names)}".rstrip()
        for line, module, names in engine_imports(ROOT / where)
        if module != "game.engine" or not set(names) <= set(game.engine.__all__)
    ]
    assert inside == []
