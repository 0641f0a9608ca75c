"""Synthetic stories for benchmarks: valid, sound, and as large as asked."""

from __future__ import annotations

from pathlib import Path

WORDS = [
    "the",
    "bell",
    "rings",
    "and",
    "you",
    "walk",
    "with",
    "your",
    "friend",
    "to",
    "the",
    "old",
    "gate",
    "where",
    "the",
    "wind",
    "sings",
    "softly",
    "over",
    "the",
    "hill",
    "and",
    "a",
    "small",
    "fox",
    "waits",
    "by",
    "the",
    "bridge",
]
SCENES_PER_FILE = 1000


def scene_text(i: int) -> str:
    words = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(60)]
    return " ".join(words).capitalize() + ", {hero}."


REACTING = (
    '[[scenes.s{s}.when]]\nif = "party.wren"\ntext = "{{wren}} hums a tune as you walk."\n'
    '[[scenes.s{s}.when]]\nif = "visits >= 2"\n'
    'text = """\nYou have been here before, {{hero}}. The gate is still shut.\n"""\n'
)
"""Two `when` blocks (format 2), given to every third scene of a reacting story."""


def write_story(root: Path, scenes: int, reacting: bool = False) -> Path:
    """A story of `scenes` scenes in files of 1,000: each chapter a line of scenes with a
    try-alone loop, a recruit, and the way on by accepting help. A `reacting` story is in
    format 2: every third scene has two `when` blocks and its way on a `reply`."""
    root.mkdir(parents=True, exist_ok=True)
    chapters = max(1, (scenes + SCENES_PER_FILE - 1) // SCENES_PER_FILE)
    (root / "story.toml").write_text(
        '[story]\ntitle = "Synthetic"\nstart = "c0"\n'
        + ("format = 2\n" if reacting else "")
        + '\n[hero]\nname = "Robin"\n\n'
        '[companions.wren]\nname = "Wren"\ngift = "reads maps"\nportrait = "W"\n',
        encoding="utf-8",
    )
    left = scenes
    for c in range(chapters):
        count = min(SCENES_PER_FILE, left)
        left -= count
        last = c == chapters - 1
        parts = [
            f'[chapter]\nid = "c{c}"\ntitle = "Chapter {c}"\nstart = "s0"\n'
            f'talk = ["Who helped you today?"]\n'
        ]
        for s in range(count):
            parts.append(f'[scenes.s{s}]\ntext = """\n{scene_text(s)}\n"""\n')
            react = reacting and s % 3 == 2 and s < count - 1
            if react:
                parts.append(REACTING.format(s=s))
            if s == count - 1:
                if last:
                    parts.append('ending = "Together"\n')
                    continue
                parts.append(
                    f'[[scenes.s{s}.choices]]\ntext = "On to chapter {c + 1}"\ngoto = "c{c + 1}"\n'
                )
                continue
            if s == 0:
                parts.append(
                    '[[scenes.s0.choices]]\ntext = "Walk with {wren}"\n'
                    'goto = "s1"\nrecruit = "wren"\ngive_help = "wren"\n'
                )
                continue
            parts.append(f'[[scenes.s{s}.choices]]\ntext = "Try alone"\ngoto = "s{s}"\n')
            help_line = 'help = "wren"\n' if s == 1 else ""
            reply = 'reply = "{wren} grins and takes your hand."\n' if react else ""
            parts.append(
                f'[[scenes.s{s}.choices]]\ntext = "Go on together"\ngoto = "s{s + 1}"\n'
                f"{help_line}{reply}"
            )
        (root / f"{c:03d}-c{c}.toml").write_text("\n".join(parts), encoding="utf-8")
    return root


def write_maze(root: Path, rooms: int = 60, flags: int = 10, reacting: bool = False) -> Path:
    """A story whose state space is large: rooms in a ring, each toggling flags that
    later rooms test, so every combination of flags is a different reachable state. In a
    `reacting` maze (format 2) every room also has `when` blocks on the flags it reads, Wren
    and `visits`, and its choices a `reply`: the same states, more for `check` to tell."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.toml").write_text(
        '[story]\ntitle = "Maze"\nstart = "maze"\n'
        + ("format = 2\n" if reacting else "")
        + '\n[hero]\nname = "Robin"\n\n'
        '[companions.wren]\nname = "Wren"\ngift = "reads maps"\n',
        encoding="utf-8",
    )
    parts = ['[chapter]\nid = "maze"\ntitle = "Maze"\nstart = "r0"\n']
    for r in range(rooms):
        nxt = (r + 1) % rooms
        f = f"f{r % flags}"
        parts.append(f'[scenes.r{r}]\ntext = "Room {r}."\n')
        if reacting:
            parts.append(
                f'[[scenes.r{r}.when]]\nif = "{f}"\ntext = "The lamp is lit."\n'
                f'[[scenes.r{r}.when]]\nif = ["party.wren", "not {f}"]\ntext = "Wren waits."\n'
                f'[[scenes.r{r}.when]]\nif = "visits >= 2"\ntext = "You know this room."\n'
            )
        parts.append(
            f'[[scenes.r{r}.choices]]\ntext = "Light lamp"\ngoto = "r{nxt}"\n'
            f'set = "{f}"\nrecruit = "wren"\n'
        )
        parts.append(
            f'[[scenes.r{r}.choices]]\ntext = "Dim lamp"\ngoto = "r{nxt}"\nunset = "{f}"\n'
            + ('reply = "Click."\n' if reacting else "")
        )
        parts.append(
            f'[[scenes.r{r}.choices]]\ntext = "Leave with help"\ngoto = "out"\n'
            f'help = "wren"\nif = ["{f}"]\n'
        )
    parts.append('[scenes.out]\ntext = "Out."\nending = "Out"\n')
    (root / "01-maze.toml").write_text("\n".join(parts), encoding="utf-8")
    return root


def write_counters(root: Path, counters: int = 300) -> Path:
    """A story whose proof would need far more than 1 GiB: `counters` counters that choices
    raise and lower (so none has a limit), each tested on the way out. `check` must stop
    within its memory budget and say so briefly."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.toml").write_text(
        '[story]\ntitle = "Counters"\nstart = "hall"\n\n[hero]\nname = "Robin"\n\n'
        '[companions.wren]\nname = "Wren"\ngift = "counts"\n',
        encoding="utf-8",
    )
    parts = [
        '[chapter]\nid = "hall"\ntitle = "Hall"\nstart = "door"\n',
        '[scenes.door]\ntext = "A door."\n',
        '[[scenes.door.choices]]\ntext = "Go in with Wren"\ngoto = "hub"\nrecruit = "wren"\n',
        '[scenes.hub]\ntext = "Many dials."\n',
    ]
    for c in range(counters):
        parts.append(
            f'[[scenes.hub.choices]]\ntext = "Turn dial {c} up"\ngoto = "hub"\n'
            f"add = {{ dial{c} = 1 }}\n"
        )
        parts.append(
            f'[[scenes.hub.choices]]\ntext = "Turn dial {c} down"\ngoto = "hub"\n'
            f"add = {{ dial{c} = -1 }}\n"
        )
        parts.append(
            f'[[scenes.hub.choices]]\ntext = "Leave by dial {c}"\ngoto = "out"\n'
            f'help = "wren"\nif = "dial{c} >= 2"\n'
        )
    parts.append('[scenes.out]\ntext = "Out."\nending = "Out"\n')
    (root / "01-hall.toml").write_text("\n".join(parts), encoding="utf-8")
    return root
