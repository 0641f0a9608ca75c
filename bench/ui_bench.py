"""The full-screen game's speed and memory, each a ratio against a minimal Textual app
measured in the same run (machines here are noisy; only ratios are comparable).

- cold start: `python -m game` in a real pseudo-terminal, from launch until the title
  screen's menu is on the screen, against a minimal app showing one label (best of
  several runs taken in turns, like the rest of `python -m bench`);
- memory: the resident set size of both processes at that moment;
- keypress → next scene: headless, from the key event to the first screen update that
  shows the new scene, against a minimal app that changes one label on a keypress;
  measured early in a playthrough and again after 500 scenes of play.

`run()` returns the result lines; `python -m bench.ui_bench` prints them.
"""

from __future__ import annotations

import asyncio
import compileall
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "fixtures" / "good"
"""A small story with a loop (square ↔ rope), to play 500 scenes."""

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Ready to play")

Minimal().run()
"""

COLD_RUNS = 11
FIRST_SCENE = b"What will you do?"
"""On the screen with the first scene's choices (one player)."""
PRESSES = 30


# ---------------------------------------------------------------- cold start, memory


class Screenful(NamedTuple):
    """A program's start, until its first screen shows."""

    seconds: float
    """Wall-clock time from launch."""
    cpu: float
    """CPU time it used (all its threads)."""
    memory: int
    """Resident memory once it settled (KiB)."""


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of `pid` (the scheduler's own count, in
    nanoseconds: unlike the wall clock, it hardly moves when other programs are busy)."""
    total = 0
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
    return total / 1e9


def time_to_screen(argv: list[str], marker: bytes, timeout: float = 30.0) -> Screenful:
    """Start `argv` in an 80×24 pseudo-terminal: seconds until `marker` is on the screen,
    the CPU seconds it used to get there, and its memory (KiB) once it has settled there.
    Quits it with Ctrl+Q."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24")
    env.pop("TEXTUAL", None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed = None
    try:
        deadline = start + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if marker in seen:
                    elapsed = time.perf_counter() - start
                    cpu = _cpu_seconds(proc.pid)
                    break
            elif proc.poll() is not None:
                break
        if elapsed is None:
            raise RuntimeError(f"{argv}: {marker!r} never appeared:\n{seen[-2000:]!r}")
        _drain(master, 0.3)
        memory = _rss_kib(proc.pid)
        os.write(master, b"\x11")  # Ctrl+Q
        end = time.perf_counter() + 5
        while proc.poll() is None and time.perf_counter() < end:
            _drain(master, 0.05)
    finally:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    return Screenful(elapsed, cpu, memory)


def _drain(fd: int, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                return


def cold_start(story: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        minimal_script = Path(tmp) / "minimal_app.py"
        minimal_script.write_text(MINIMAL_APP)
        minimal = [sys.executable, str(minimal_script)]
        saves = Path(tmp) / "saves"
        game = [sys.executable, "-m", "game", "--story", str(story), "--saves", str(saves)]
        # each game begun makes a save: in a folder of its own, so the title stays the same
        into_game = [*game[:-1], str(Path(tmp) / "played"), "--name", "Robin"]
        # Both sides start from bytecode, as after `pip install` (which compiles): Textual's
        # is compiled in site-packages, and ours would be recompiled at every start where
        # PYTHONDONTWRITEBYTECODE is set (it is on these machines).
        compileall.compile_dir(ROOT / "game", quiet=1)
        # once each to warm the file cache (and let the game remember the story passed check)
        time_to_screen(minimal, b"Ready to play")
        time_to_screen(game, b"New game")
        ours: list[Screenful] = []
        base: list[Screenful] = []
        into_play: list[Screenful] = []
        for _ in range(COLD_RUNS):
            base.append(time_to_screen(minimal, b"Ready to play"))
            ours.append(time_to_screen(game, b"New game"))
            into_play.append(time_to_screen(into_game, FIRST_SCENE))
    t_ours, t_base = min(r.seconds for r in ours), min(r.seconds for r in base)
    med_ours = statistics.median(r.seconds for r in ours)
    med_base = statistics.median(r.seconds for r in base)
    c_ours, c_base = min(r.cpu for r in ours), min(r.cpu for r in base)
    t_play, c_play = min(r.seconds for r in into_play), min(r.cpu for r in into_play)
    m_ours = statistics.median(r.memory for r in ours)
    m_base = statistics.median(r.memory for r in base)
    return [
        f"cold start to the title: {t_ours * 1000:.0f} ms; minimal Textual app "
        f"{t_base * 1000:.0f} ms; ratio {t_ours / t_base:.2f}x (target <= 1.2x; best of "
        f"{COLD_RUNS}, taken in turns, both from bytecode; medians "
        f"{med_ours * 1000:.0f} / {med_base * 1000:.0f} ms, ratio {med_ours / med_base:.2f}x)",
        f"CPU time to the title: {c_ours * 1000:.0f} ms; minimal Textual app "
        f"{c_base * 1000:.0f} ms; ratio {c_ours / c_base:.2f}x (best of {COLD_RUNS}; the "
        "wall clock's ratio, less the noise of a busy machine)",
        f"cold start straight into the first scene (--name): {t_play * 1000:.0f} ms, CPU "
        f"{c_play * 1000:.0f} ms: {(c_play - c_ours) * 1000:.0f} ms of CPU more than the "
        "title (the play screen is loaded when a game begins: a game begun from the title "
        "costs about that, once)",
        f"memory at the title: {m_ours / 1024:.1f} MiB; minimal Textual app "
        f"{m_base / 1024:.1f} MiB; ratio {m_ours / m_base:.2f}x (target <= 1.3x)",
    ]


# ---------------------------------------------------------------- keypress → next scene


class _Displays:
    """Records when the app hands a screen update to its driver (headless too)."""

    def __init__(self, app) -> None:
        self.times: list[float] = []
        original = app._display

        def display(screen, renderable):
            if renderable is not None:
                self.times.append(time.perf_counter())
            return original(screen, renderable)

        app._display = display

    def first_after(self, moment: float) -> float | None:
        return next((t for t in self.times if t >= moment), None)


async def _press_latency(app, pilot, key: str, changed) -> tuple[float, float]:
    """Seconds from the key until the first screen update after `changed()` flips
    (drawn), and until the app is idle again with everything done (settled)."""
    displays = app._bench_displays
    marks: list[float] = []
    app._bench_mark = marks
    start = time.perf_counter()
    await pilot.press(key)
    settled = time.perf_counter() - start
    await pilot.pause()
    if not marks or not changed():
        raise RuntimeError(f"the key {key!r} changed nothing")
    shown = displays.first_after(marks[0])
    if shown is None:
        raise RuntimeError("no screen update after the change")
    return shown - start, settled


def _medians(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


async def minimal_latency(presses: int) -> tuple[float, float]:
    from textual.app import App
    from textual.widgets import Label

    class Minimal(App):
        BINDINGS = [("1", "change", "Change")]
        count = 0

        def compose(self):
            yield Label("scene 0")

        def action_change(self) -> None:
            self.count += 1
            self.query_one(Label).update(f"scene {self.count}")
            self._bench_mark.append(time.perf_counter())

    app = Minimal()
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        app._bench_displays = _Displays(app)
        await pilot.pause()
        for _ in range(presses):
            before = app.count
            times.append(await _press_latency(app, pilot, "1", lambda b=before: app.count > b))
    return _medians(times)


async def game_latency(
    presses: int, warm_scenes: int
) -> tuple[tuple[float, float], tuple[float, float], int]:
    """Median latency early in a game, and after `warm_scenes` scenes; the widget counts
    are compared so that nothing piles up."""
    from game.engine.checker import check_story
    from game.engine.saves import SaveStore
    from game.launch import Launch
    from game.ui.app import StrongerTogether
    from game.ui.screens.play import PlayScreen

    story = check_story(GOOD).story
    original_show = PlayScreen.show_state

    def show_state(self, *args, **kwargs):
        original_show(self, *args, **kwargs)
        marks = getattr(self.app, "_bench_mark", None)
        if marks is not None:
            marks.append(time.perf_counter())

    PlayScreen.show_state = show_state
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = StrongerTogether(story, GOOD, SaveStore(Path(tmp)), Launch(name="Robin"))
            async with app.run_test(size=(80, 24)) as pilot:
                app._bench_displays = _Displays(app)
                await pilot.pause()
                play = app.screen

                def moved(before: int) -> bool:
                    return len(play.game.state.trail) > before

                async def measure() -> tuple[float, float]:
                    times = []
                    for _ in range(presses):
                        before = len(play.game.state.trail)
                        times.append(
                            await _press_latency(app, pilot, "1", lambda b=before: moved(b))
                        )
                    return _medians(times)

                early = await measure()
                widgets = len(play.query("*"))
                while len(play.game.state.trail) < warm_scenes:
                    await pilot.press("1")
                await pilot.pause()
                late = await measure()
                grown = len(play.query("*")) - widgets
    finally:
        PlayScreen.show_state = original_show
    return early, late, grown


def keypress(presses: int = PRESSES, warm_scenes: int = 500) -> list[str]:
    (base_drawn, base_settled) = asyncio.run(minimal_latency(presses))
    (drawn, settled), (late_drawn, late_settled), grown = asyncio.run(
        game_latency(presses, warm_scenes)
    )
    return [
        f"keypress -> next scene rendered and idle (headless, pilot round trip): "
        f"{settled * 1000:.1f} ms; minimal app changing a label {base_settled * 1000:.1f} ms; "
        f"ratio {settled / base_settled:.2f}x (target <= 1.5x)",
        f"  after {warm_scenes} scenes of play: {late_settled * 1000:.1f} ms; ratio "
        f"{late_settled / base_settled:.2f}x; {late_settled / settled:.2f}x the early time "
        f"(target: no slower); widgets on the play screen grew by {grown}",
        f"keypress -> first screen update showing it (strict): {drawn * 1000:.1f} ms "
        f"({late_drawn * 1000:.1f} ms after {warm_scenes} scenes); minimal app "
        f"{base_drawn * 1000:.1f} ms; ratio {drawn / base_drawn:.1f}x (a whole-screen "
        "relayout against one label; under two 60 Hz frames is the aim)",
    ]


# ---------------------------------------------------------------- the story reloads itself


async def reload_seconds(story_dir: Path, runs: int = 5) -> list[float]:
    """Seconds from saving an edited chapter file to the edit on the (headless) screen,
    with no key pressed: the folder poll notices, the story is read, the scene redrawn."""
    import shutil

    from game.engine import SaveStore, load_story
    from game.launch import Launch
    from game.ui.app import StrongerTogether

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        shutil.copytree(story_dir, folder, ignore=shutil.ignore_patterns("playtests"))
        story = load_story(folder).story
        chapter = story.chapters[story.start]
        scene = chapter.scenes[chapter.start]
        path = folder / Path(chapter.file).name
        needle = scene.text.strip().split()[0:3]
        needle = " ".join(needle)
        app = StrongerTogether(story, folder, SaveStore(Path(tmp) / "saves"), Launch(name="Robin"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            for run in range(runs):
                mark = f"Edited{run}"
                text = path.read_text(encoding="utf-8")
                start = time.perf_counter()
                path.write_text(text.replace(needle, f"{mark} {needle}", 1), encoding="utf-8")
                while mark not in _screen_words(app):
                    if time.perf_counter() - start > 10:
                        raise RuntimeError("the edit never reached the screen")
                    await pilot.pause(0.005)
                times.append(time.perf_counter() - start)
                assert screen is app.screen  # the same playthrough, in its place
                await app.workers.wait_for_complete()
    return times


def _screen_words(app) -> str:
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )


def reload(story: Path) -> list[str]:
    times = asyncio.run(reload_seconds(story))
    return [
        f"story file saved -> the edit on the screen (no key pressed): median "
        f"{statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
        f"over {len(times)} saves (target < 1 s; a poll every 0.25 s, then the story is read; "
        "check's proof follows in the background)"
    ]


# ---------------------------------------------------------------- all


def shipped_or_fixture() -> tuple[Path, str]:
    """The shipped story when it passes check, else the small fixture story."""
    from game.engine.checker import check_story
    from game.locations import default_story_dir

    shipped = default_story_dir()
    try:
        if check_story(shipped).ok:
            return shipped, "the shipped story"
    except Exception:  # noqa: BLE001 - a story being written may not load at all
        pass
    return GOOD, "tests/fixtures/good (the shipped story does not pass check)"


def run() -> list[str]:
    """Every UI figure, one line each."""
    story, which = shipped_or_fixture()
    lines = [f"(cold start with {which})"]
    lines += cold_start(story)
    lines += keypress()
    lines += reload(story)
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
