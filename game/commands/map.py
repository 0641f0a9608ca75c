"""`python -m game map [DIR]`: the story as a Mermaid flowchart (default) or DOT."""

from __future__ import annotations

import argparse
import sys

from game.commands import CommandExit, load_or_report, story_arg
from game.engine import Choice, Story, render_line
from game.locations import default_story_dir


def node_id(ref: str) -> str:
    """A node name both Mermaid and DOT accept."""
    import zlib

    safe = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in ref)
    return f"n_{safe}_{zlib.crc32(ref.encode()) % 1000}"


def label(text: str, limit: int = 40) -> str:
    """One line of text, short, with the characters that break diagrams replaced."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace('"', "'").replace("[", "(").replace("]", ")").replace("|", "/")


def choice_label(choice: Choice, names: dict[str, str]) -> str:
    marks = []
    if choice.help_received:
        marks.append("🤝 help: " + ", ".join(choice.help_received))
    if choice.help_given:
        marks.append("gives help: " + ", ".join(choice.help_given))
    if choice.recruit:
        marks.append("+" + ", ".join(choice.recruit))
    text = label(render_line(choice.text, names))
    return f"{text} ({'; '.join(marks)})" if marks else text


def mermaid(story: Story) -> str:
    names = story.names(story.hero_name)
    lines = ["flowchart TD"]
    for chapter in story.chapters.values():
        lines.append(f'  subgraph {node_id(chapter.id)}["{label(chapter.title)}"]')
        for scene in chapter.scenes.values():
            shape = ('(["', '"])') if scene.ending else ('["', '"]')
            name = f"{scene.id}: {scene.ending}" if scene.ending else scene.id
            lines.append(f"    {node_id(scene.ref)}{shape[0]}{label(name)}{shape[1]}")
        lines.append("  end")
    for scene in story.scenes():
        for choice in scene.choices:
            if not choice.target:
                continue
            arrow = "==>" if choice.help_received else "-->"
            lines.append(
                f'  {node_id(scene.ref)} {arrow}|"{choice_label(choice, names)}"| '
                f"{node_id(choice.target)}"
            )
    lines.append("  classDef ending fill:#ffe9a8,stroke:#b8860b")
    endings = [node_id(s.ref) for s in story.scenes() if s.ending]
    if endings:
        lines.append(f"  class {','.join(endings)} ending")
    return "\n".join(lines) + "\n"


def dot(story: Story) -> str:
    names = story.names(story.hero_name)
    lines = ["digraph story {", "  rankdir=TB;", '  node [shape=box, fontname="sans-serif"];']
    for chapter in story.chapters.values():
        lines.append(f"  subgraph cluster_{node_id(chapter.id)} {{")
        lines.append(f'    label="{label(chapter.title)}";')
        for scene in chapter.scenes.values():
            if scene.ending:
                lines.append(
                    f'    {node_id(scene.ref)} [label="{label(scene.id)}\\n'
                    f'{label(scene.ending)}", shape=doubleoctagon];'
                )
            else:
                lines.append(f'    {node_id(scene.ref)} [label="{label(scene.id)}"];')
        lines.append("  }")
    for scene in story.scenes():
        for choice in scene.choices:
            if not choice.target:
                continue
            style = ", penwidth=2.5, color=darkgreen" if choice.help_received else ""
            lines.append(
                f"  {node_id(scene.ref)} -> {node_id(choice.target)} "
                f'[label="{choice_label(choice, names)}"{style}];'
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game map",
        description="Draw the story's map: chapters as groups, scenes as boxes, endings rounded; "
        "choices that accept help are drawn thick.",
    )
    story_arg(parser)
    parser.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    args = parser.parse_args(argv)
    root = args.story or default_story_dir()
    try:
        result = load_or_report(root)
    except CommandExit as stop:
        return stop.code
    for problem in result.problems.errors:
        print(problem.format(), file=sys.stderr)
    sys.stdout.write(mermaid(result.story) if args.format == "mermaid" else dot(result.story))
    return 1 if result.problems.errors else 0
