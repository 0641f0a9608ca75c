"""Bounded time and memory against hostile input, measured in this run.

- `check` of a story of 300 counters that go up and down: its proof would need gigabytes,
  so the explorer stops at its memory budget. Time and peak memory of the whole `check`
  process (goal: under 30 s and 1 GiB).
- The longest text `check` allows (64 KiB), shown in the full-screen game, against a short
  scene in the same run (goal: under a second).
- 150 bad `[renamed]` entries in a 100,000-scene story: loading with them against loading
  without (did-you-mean is answered from an index, not by comparing every scene).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench.synthetic import write_counters, write_story

CHECK_IN_A_CHILD = textwrap.dedent(
    """
    import resource, sys, time
    from game.engine.checker import check_story
    started = time.perf_counter()
    report = check_story(sys.argv[1])
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    warning = report.warnings[0].message if report.warnings else ""
    print(f"{seconds:.1f} {peak:.0f} {report.exploration.states} {len(warning)}")
    """
)


def counters(tmp: Path) -> list[str]:
    root = write_counters(tmp / "counters", counters=300)
    out = subprocess.run(
        [sys.executable, "-c", CHECK_IN_A_CHILD, str(root)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    seconds, peak, states, width = float(out[0]), int(out[1]), int(out[2]), int(out[3])
    return [
        f"check of 300 counters that go up and down: {seconds:.1f} s, peak {peak} MiB, "
        f"stopped at {states:,} states (goal < 30 s and < 1024 MiB); warning line {width} chars"
    ]


SHOW_IN_THE_GAME = textwrap.dedent(
    """
    import asyncio, sys, tempfile, time
    from pathlib import Path
    from game.engine import SaveStore, load_story
    from game.launch import Launch
    from game.ui.app import StrongerTogether

    story = load_story(sys.argv[1]).story

    async def main():
        app = StrongerTogether(
            story, Path(sys.argv[1]), SaveStore(Path(tempfile.mkdtemp())), Launch(name="Sam")
        )
        started = time.perf_counter()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            print(f"{time.perf_counter() - started:.2f}")

    asyncio.run(main())
    """
)


def longest_text(tmp: Path) -> list[str]:
    import shutil

    good = Path(__file__).parent.parent / "tests" / "fixtures" / "good"
    times = {}
    for name, text in (("short", None), ("longest", "word " * 13_000)):
        root = tmp / f"text-{name}"
        shutil.copytree(good, root)
        if text:
            chapter = root / "01-village.toml"
            chapter.write_text(
                chapter.read_text().replace("The bell has not rung", text, 1), encoding="utf-8"
            )
        out = subprocess.run(
            [sys.executable, "-c", SHOW_IN_THE_GAME, str(root)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times[name] = float(out.split()[-1])
    return [
        f"the longest text check allows (64 KiB) shown full screen: {times['longest']:.2f} s; "
        f"a short scene {times['short']:.2f} s (goal < 1 s)"
    ]


def renamed(tmp: Path) -> list[str]:
    from game.engine.loader import load_story

    root = write_story(tmp / "renamed", 100_000)
    started = time.perf_counter()
    load_story(root)
    plain = time.perf_counter() - started
    front = root / "story.toml"
    front.write_text(
        front.read_text()
        + "\n[renamed]\n"
        + "".join(f'"c1:old{i}" = "c{i % 100}:s{i}x"\n' for i in range(150))
    )
    started = time.perf_counter()
    load_story(root)
    bad = time.perf_counter() - started
    return [
        f"150 bad [renamed] entries in a 100,000-scene story: load {bad:.1f} s; "
        f"without them {plain:.1f} s (before the index: 53 s more)"
    ]


def run(quick: bool = False) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        lines = counters(tmp) + longest_text(tmp)
        if not quick:
            lines += renamed(tmp)
        return lines
