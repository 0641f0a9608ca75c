"""`python -m bench`: the engine's, saves' and UI's speed, each as a ratio measured in this run.

Machines here are noisy, so every figure is compared with a baseline timed in the
same run (bare `tomllib`, a smaller story, a minimal Textual app), best of a few.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import tomli

from bench.synthetic import write_maze, write_story
from game.engine.checker import check_story
from game.engine.explore import explore
from game.engine.loader import load_story
from game.locations import default_story_dir


def best_of(fn, repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bare_parse(root: Path) -> None:
    for path in sorted(root.glob("*.toml")):
        tomllib.loads(path.read_text(encoding="utf-8"))


def bare_tomli(root: Path) -> None:
    """The parser the game reads stories with (tomli, a compiled wheel where there is one:
    about twice as fast as the standard library's pure-Python tomllib on Python 3.11)."""
    for path in sorted(root.glob("*.toml")):
        tomli.loads(path.read_text(encoding="utf-8"))


def against(ours: float, base: float, tomli_base: float, target: str) -> str:
    return (
        f"{ours * 1000:8.1f} ms; bare tomllib {base * 1000:8.1f} ms; ratio {ours / base:4.2f}x "
        f"(target <= {target}); bare tomli {tomli_base * 1000:.1f} ms, ratio "
        f"{ours / tomli_base:4.2f}x (what checking the tables adds to the parse)"
    )


def loading(tmp: Path, quick: bool) -> list[str]:
    lines = []
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    times = {}
    for size in sizes:
        root = write_story(tmp / f"story{size}", size)
        repeat = 1 if size >= 100_000 else 3
        base = best_of(lambda root=root: bare_parse(root), repeat)
        tomli_base = best_of(lambda root=root: bare_tomli(root), repeat)
        ours = best_of(lambda root=root: load_story(root), repeat)
        times[size] = ours
        lines.append(
            f"load + validate {size:>7,} scenes: {against(ours, base, tomli_base, '1.5x')}"
        )
    if 100_000 in times:
        ratio = times[100_000] / times[10_000]
        lines.append(f"10,000 -> 100,000 scenes: {ratio:4.1f}x the time (target <= 12x: linear)")
    for size in sizes:
        root = write_story(tmp / f"reacting{size}", size, reacting=True)
        repeat = 1 if size >= 100_000 else 3
        base = best_of(lambda root=root: bare_parse(root), repeat)
        tomli_base = best_of(lambda root=root: bare_tomli(root), repeat)
        ours = best_of(lambda root=root: load_story(root), repeat)
        lines.append(
            f"format 2, a third of scenes with when + reply, {size:>7,} scenes: "
            f"{against(ours, base, tomli_base, '1.5x')}"
        )
    return lines


BARE_PARSE = (
    "import pathlib, sys, tomllib\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):\n"
    "    tomllib.loads(path.read_text(encoding='utf-8'))\n"
)


def whole_check(tmp: Path) -> list[str]:
    """`python -m game check` of the 10,000-scene story against a bare stdlib `tomllib`
    parse of the same files, each a whole process (start-up included), taken in turns."""
    root = write_story(tmp / "check10000", 10_000)
    compileall.compile_dir(Path(__file__).parent.parent / "game", quiet=1)
    check = [sys.executable, "-m", "game", "check", str(root)]
    bare = [sys.executable, "-c", BARE_PARSE, str(root)]

    def run(command: list[str]) -> float:
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command[:4])} failed:\n{done.stdout}{done.stderr}")
        return seconds

    ours = base = float("inf")
    for _ in range(3):
        base = min(base, run(bare))
        ours = min(ours, run(check))
    return [
        f"check of 10,000 scenes, whole process: {ours * 1000:6.0f} ms; bare tomllib parse "
        f"{base * 1000:6.0f} ms; ratio {ours / base:4.2f}x (target <= 1.2x)"
    ]


def proving(tmp: Path) -> list[str]:
    maze = load_story(write_maze(tmp / "maze")).story
    found = None

    def run():
        nonlocal found
        found = explore(maze)

    seconds = best_of(run)
    lines = [
        f"state exploration: {found.states:,} states in {seconds * 1000:.0f} ms = "
        f"{found.states / seconds:,.0f} states/s"
    ]
    reacting = load_story(write_maze(tmp / "reacting-maze", reacting=True)).story

    def run_reacting():
        nonlocal found
        found = explore(reacting)

    reacting_seconds = best_of(run_reacting)
    lines.append(
        f"the same maze in format 2, every room with when blocks: {found.states:,} states in "
        f"{reacting_seconds * 1000:.0f} ms = {found.states / reacting_seconds:,.0f} states/s "
        f"({seconds / reacting_seconds:4.2f}x the rate above; target >= 0.9x)"
    )
    shipped = default_story_dir()
    report = None

    def prove():
        nonlocal report
        report = check_story(shipped)

    seconds = best_of(prove)
    states = report.exploration.states if report.exploration else 0
    verdict = "ok" if report.ok else f"{len(report.errors)} errors"
    lines.append(
        f"check of the shipped story ({verdict}, {states:,} states): "
        f"{seconds * 1000:.0f} ms (target < 1000 ms)"
    )
    return lines


def optional(module: str) -> list[str]:
    """Benchmarks kept beside their code (saves, UI): run when present."""
    try:
        bench = importlib.import_module(module)
    except ModuleNotFoundError:
        return [f"({module} is not there yet)"]
    return bench.run()


def hostile(quick: bool) -> list[str]:
    from bench.hostile_bench import run

    return run(quick)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-scene story")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for section, lines in (
            ("Loading", lambda: loading(Path(tmp), args.quick)),
            ("Proving", lambda: proving(Path(tmp))),
            ("Checking", lambda: whole_check(Path(tmp))),
            ("Saves", lambda: optional("bench.saves_bench")),
            ("Game", lambda: optional("bench.ui_bench")),
            ("Hostile input", lambda: hostile(args.quick)),
        ):
            print(f"== {section}")
            for line in lines():
                print("  " + line, flush=True)


if __name__ == "__main__":
    main()
