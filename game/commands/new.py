"""`python -m game new CHAPTER_ID [DIR]`: start a new chapter from a small, commented file.

The file passes `check` as it is once another chapter leads to it: it keeps the
teamwork rule (the hero accepts a companion's help before the chapter ends) and
ends in an ending, so nothing can get stuck. A playtest that plays it through is
written beside it, in DIR/playtests/.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from string import Template

from game.commands import story_arg
from game.locations import default_story_dir

NUMBERED = re.compile(r"^(\d+)-")

CHAPTER = Template(
    '''\
# Chapter "$id": a new part of the story.
#
# Lines that begin with # are notes for you, the writer: the game never shows them.
# Every key is explained in story/README.md.
#
#   Play it:        python -m game$story_opt --at $id:$start --party $who
#   Check it:       python -m game check$dir_opt
#   Playtest it:    python -m game test$dir_opt

# ------------------------------------------------------------------ the chapter

[chapter]
id = "$id"$id_pad# other chapters lead here with goto = "$id"
title = $title_toml$title_pad# shown when the chapter ends
start = "$start"$start_pad# the first scene: one of the [scenes.NAME] below
talk = [                   # questions for parent and child, shown when the chapter ends
  "When did a friend help you with something hard?",
]

# ------------------------------------------------------------------ the scenes
#
# A scene is some text and the choices that leave it.
# In text, {hero} is the hero's name and {$who} is $Who's name.
# Leave a blank line between paragraphs. *Stars* make italics, **two** make bold.

[scenes.$start]
text = """
Here a new part of the story begins, {hero}.

Write what the hero sees, hears and feels. Then write the choices below.
"""

# Each [[scenes.$start.choices]] is one choice the player can pick.
# Trying alone is always allowed. It never hurts, and it never moves the story on.
[[scenes.$start.choices]]
text = "Try to do it all by yourself"
goto = "$alone"                   # the scene this choice leads to

# Giving help counts too. This choice is only shown while $Who is not in the
# party yet: helping $Who makes $Who join.
[[scenes.$start.choices]]
text = "Help {$who} first"
goto = "$start"
give_help = "$who"               # the hero helps $Who
recruit = "$who"                 # $Who joins the party
if = "not party.$who"            # only while $Who is not in the party

# The teamwork rule: before a chapter ends, the hero must accept a companion's
# help at least once. help = "$who" means the hero accepts $Who's help;
# $Who must be in the party, so until then the choice is shown dimmed with its hint.
[[scenes.$start.choices]]
text = "Ask {$who} to help you"
goto = "$together"
help = "$who"
locked = "This is too hard to do alone. Who could help?"

[scenes.$alone]
text = """
You try, and try again. It does not work.

That is all right. Some things are too big for one person.
"""

[[scenes.$alone.choices]]
text = "Go back and think again"
goto = "$start"

[scenes.$together]
text = """
"Of course I'll help," says {$who}.

Together, you do it!
"""

[[scenes.$together.choices]]
text = "Thank {$who}"
goto = "$end"

# An ending ends the whole story: ending = "..." is the ending's name.
# To go on to another chapter instead, delete the ending line and give this
# scene a choice, such as:
#
#   [[scenes.$end.choices]]
#   text = "Walk on together"
#   goto = "$next"              # a chapter's id: the story goes on there
[scenes.$end]
text = """
You smile at {$who}. Nobody has to do everything alone.
"""
ending = $title_toml
'''
)

PLAYTEST = Template(
    """\
# A playtest for chapter "$id": a playthrough the game replays to check that
# the chapter still works. Choices are named by their text. When you change the
# text of a choice, change it here too. Run: python -m game test$dir_opt

[[playtest]]
name = "Helping $Who, then asking for help, ends the chapter"
start = "$id:$start"
party = []
choose = [
  "Help $Who first",
  "Ask $Who to help you",
  "Thank $Who",
]
expect = { ending = $title_toml, party = ["$who"] }
"""
)


def title_of(chapter_id: str) -> str:
    """`lake-shore` → `Lake Shore`."""
    words = re.split(r"[-_]+", chapter_id)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or chapter_id


def next_file(root: Path, chapter_id: str) -> Path:
    """`NN-CHAPTER_ID.toml`, with NN one past the highest number in use."""
    from game.engine import chapter_files

    numbers = [NUMBERED.match(p.name) for p in chapter_files(root)]
    used = [m.group(1) for m in numbers if m]
    width = max([2, *(len(n) for n in used)])
    number = max([0, *(int(n) for n in used)]) + 1
    return root / f"{number:0{width}d}-{chapter_id}.toml"


def _pad(text: str, column: int) -> str:
    return " " * max(1, column - len(text))


class Refused(Exception):
    """Why the chapter was not started; `str(exc)` is the message, after "error: "."""


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m game new",
        description="Start a new chapter: write a small chapter file, with notes, to fill in.",
    )
    parser.add_argument("chapter_id", metavar="CHAPTER_ID", help="the new chapter's id, e.g. lake")
    story_arg(parser)
    parser.add_argument(
        "--with",
        dest="companion",
        metavar="ID",
        help="the companion whose help the chapter accepts (default: the story's first)",
    )
    parser.add_argument("--title", help="the chapter's title (default: from its id)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    from game.commands import CommandExit, load_or_report

    root = Path(args.story or default_story_dir())
    try:
        check_id(args.chapter_id)
        story = load_or_report(root).story
        who = companion_for(story, root, args.chapter_id, args.companion)
        path = next_file(root, args.chapter_id)
        if path.exists():
            raise Refused(f"{shown(path)} already exists; it was left as it is")
        values = template_values(story, args, who)
        write_chapter(path, values)
    except CommandExit as stop:
        return stop.code
    except Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    wrote = [
        f"Wrote {shown(path)}: the chapter '{args.chapter_id}' ({values['title_toml']}), "
        f"where the hero accepts {values['Who']}'s help.",
        write_playtest(root / "playtests" / f"{args.chapter_id}.toml", values),
    ]
    print("\n".join(wrote))
    print(next_steps(values, path))
    return 0


def shown(path: Path) -> str:
    """A file as the writer would name it (relative to where they stand)."""
    from game.engine import Problems

    return Problems().display_name(path)


def check_id(chapter_id: str) -> None:
    """Refused unless `chapter_id` is a whole id (a final line break is not allowed)."""
    from game.engine import ID, clean

    if not ID.match(chapter_id):
        shown_id = clean(json.dumps(chapter_id, ensure_ascii=False))  # a line break shows as \n
        raise Refused(
            f"{shown_id} cannot be a chapter id: use only letters, digits, "
            "'-' and '_' (for example: lake, old-mill, chapter_7)"
        )


def companion_for(story, root: Path, chapter_id: str, wanted: str | None) -> str:
    """The companion whose help the new chapter accepts; Refused when there can be none."""
    from game.engine import did_you_mean

    if chapter_id in story.chapters:
        where = story.chapters[chapter_id].file.name
        raise Refused(
            f"the story already has a chapter '{chapter_id}' (in {where}): choose another id"
        )
    if not story.companions:
        raise Refused(
            f"{root / 'story.toml'} has no companions yet. Every chapter must accept "
            "a companion's help (the teamwork rule), so add one first, for example:\n\n"
            "[companions.wren]\n"
            'name = "Wren"\n'
            'gift = "reads maps and old books"\n\n'
            "then run this again."
        )
    who = wanted or next(iter(story.companions))
    if who not in story.companions:
        raise Refused(
            f"'{who}' is not a companion of this story"
            f"{did_you_mean(who, story.companions)}; the companions are: "
            f"{', '.join(story.companions)}"
        )
    return who


def template_values(story, args: argparse.Namespace, who: str) -> dict[str, str]:
    """What fills in the chapter and playtest templates."""
    chapter_id, given_root = args.chapter_id, args.story
    names = {"start": "start", "alone": "alone", "together": "together", "end": "the_end"}
    for key, name in names.items():
        if name in story.chapters or name == chapter_id:
            names[key] = f"{chapter_id}_{name}"
    title = args.title or title_of(chapter_id)
    title_toml = json.dumps(" ".join(title.split()), ensure_ascii=False)
    is_default = given_root is None or Path(given_root).resolve() == default_story_dir().resolve()
    others = [c for c in story.chapters if c != story.start] or [story.start or "home"]
    return {
        "id": chapter_id,
        "who": who,
        "Who": " ".join(story.companions[who].name.split()) or who,
        "title": title,
        "title_toml": title_toml,
        "dir_opt": "" if is_default else f" {given_root}",
        "story_opt": "" if is_default else f" --story {given_root}",
        "next": others[-1],
        "id_pad": _pad(f'id = "{chapter_id}"', 27),
        "title_pad": _pad(f"title = {title_toml}", 27),
        "start_pad": _pad(f'start = "{names["start"]}"', 27),
        **names,
    }


def write_chapter(path: Path, values: dict[str, str]) -> None:
    """The chapter file, created new (never over another file); Refused when it cannot be."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(CHAPTER.substitute(values))
    except FileExistsError:
        raise Refused(f"{shown(path)} already exists; it was left as it is") from None
    except OSError as exc:
        raise Refused(f"cannot write {path}: {exc.strerror or exc}") from None


def write_playtest(playtest: Path, values: dict[str, str]) -> str:
    """A playtest that plays the chapter through, unless one is there; what was done."""
    try:
        playtest.parent.mkdir(exist_ok=True)
        with playtest.open("x", encoding="utf-8", newline="\n") as out:
            out.write(PLAYTEST.substitute(values))
        return f"Wrote {shown(playtest)}: a playtest that plays it through."
    except FileExistsError:
        return f"({shown(playtest)} already exists; it was left as it is.)"
    except OSError as exc:
        return f"(Could not write a playtest to {shown(playtest)}: {exc.strerror or exc}.)"


def next_steps(values: dict[str, str], path: Path) -> str:
    """What to do next, with the commands for this story and chapter."""
    chapter_id, title, dir_opt = values["id"], values["title"], values["dir_opt"]
    story_opt, start, who = values["story_opt"], values["start"], values["who"]
    return f"""
Next steps:
  1. Link it in: in the chapter that should lead here, add a choice that goes to
     "{chapter_id}", in a scene the hero reaches after accepting help in that chapter:

         [[scenes.SCENE.choices]]
         text = "Go on to {title}"
         goto = "{chapter_id}"

     (Until then, check warns that chapter '{chapter_id}' can never be reached.)
  2. Check the story:    python -m game check{dir_opt}
  3. Play your chapter:  python -m game{story_opt} --at {chapter_id}:{start} --party {who}
     (leave out --party {who} to meet {values["Who"]} in the chapter first)
  4. Run the playtests:  python -m game test{dir_opt}
  5. Write! Open {shown(path)}: the notes beginning with # explain each part,
     and story/README.md explains every key."""
