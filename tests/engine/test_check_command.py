"""`python -m game check DIR`: a line per problem, and exit 0 (fine or warnings only),
1 (errors) or 2 (not a story), with no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from engine_helpers import CHECK, FIXTURES, GOOD

ROOT = FIXTURES.parent.parent


def check(folder) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", "check", str(folder.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "folder, code, out, err",
    [
        (
            GOOD,
            0,
            "tests/fixtures/good: 2 chapters, 6 scenes; every way through proved in 9 game "
            "states: 0 errors, 0 warnings\n",
            "",
        ),
        (
            CHECK / "flags",
            0,
            "tests/fixtures/check/flags/02-forest.toml:15: warning: flag 'met_tam' is set but "
            "never tested (line 16 tests 'met_tom': did you mean 'met_tam' there?)\n"
            "tests/fixtures/check/flags/02-forest.toml:16: warning: flag 'met_tom' is tested "
            "but never set (did you mean 'met_tam'?): it is always off "
            '(set it with set = "met_tom")\n'
            "tests/fixtures/check/flags: 2 chapters, 6 scenes; every way through "
            "proved in 9 game states: 0 errors, 2 warnings\n",
            "",
        ),
        (
            CHECK / "goto-nowhere",
            1,
            "tests/fixtures/check/goto-nowhere/01-village.toml:20: error: scene 'square', "
            "choice 2: goto 'towr' is not a scene of chapter 'village' or a chapter "
            "(did you mean 'tower'?)\n"
            "tests/fixtures/check/goto-nowhere: 1 error, 0 warnings\n",
            "",
        ),
        (
            CHECK / "not-a-story",
            2,
            "",
            "error: tests/fixtures/check/not-a-story: not a story folder (it has no story.toml)\n",
        ),
    ],
    ids=["good", "warnings", "errors", "not-a-story"],
)
def test_check_exit_codes(folder, code, out, err):
    done = check(folder)
    assert (done.returncode, done.stdout, done.stderr) == (code, out, err)
