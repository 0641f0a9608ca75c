"""`python -m game saves`: every save with hero, chapter, scene and time; damaged ones with why."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.locations import default_story_dir, saves_dir


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game saves",
        description="List the saved games: hero, chapter, scene and time; damaged ones with why.",
    )
    parser.add_argument("--saves", metavar="DIR", type=Path, help="the saves folder")
    parser.add_argument(
        "--story", metavar="DIR", type=Path, help="the story, for chapter titles and scenes"
    )
    args = parser.parse_args(argv)
    from game.engine import NAME_LIMIT, NotAStory, SaveStore, clean_line, load_story

    folder = saves_dir(args.saves)
    shown_folder = clean_line(folder)
    story = None
    try:
        story = load_story(args.story or default_story_dir()).story
    except NotAStory:
        if args.story:
            print(
                f"(the story {clean_line(args.story)} cannot be read: "
                "showing chapter and scene ids)"
            )
    infos = SaveStore(folder).list(story)
    if not infos:
        print(f"No saved games in {shown_folder}.")
        return 0
    good = sum(1 for info in infos if info.loadable)
    print(
        f"{len(infos)} saved game{'s' if len(infos) != 1 else ''} in {shown_folder}, newest first:"
    )
    for info in infos:
        # Everything below came from a file: cleaned, on one line, and cut short.
        when = info.saved_at.strftime("%Y-%m-%d %H:%M") if info.saved_at else "?"
        hero = clean_line(info.hero, NAME_LIMIT) or "?"
        chapter, scene = clean_line(info.chapter, 40), clean_line(info.scene, 40)
        name = clean_line(info.path.name, 60)
        print()
        if info.loadable or info.saved_at is not None:
            print(f"  {hero}, {when}: {clean_line(info.where, 100)}")
            print(f"    chapter {chapter}, scene {scene}    {name}")
        else:
            place = f"chapter {chapter}, scene {scene}" if info.chapter else ""
            print(f"  {name}" + (f" ({hero}, {place})" if place else ""))
        if not info.loadable:
            print(f"    cannot be loaded: {clean_line(info.cannot_load or '')}")
    damaged = len(infos) - good
    if damaged:
        print()
        print(
            f"{damaged} of them cannot be loaded; they are left exactly as they are "
            "(nothing was changed or deleted)."
        )
    return 0
