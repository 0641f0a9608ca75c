"""The writers' toolkit tests: `run` calls `python -m game ...` in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main as cli_main


@pytest.fixture
def run(capsys, monkeypatch):
    """Run `python -m game ARGS` in-process from `cwd`; return (exit code, stdout, stderr)."""

    def runner(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = cli_main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return runner
