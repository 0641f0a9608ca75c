"""The story format's keys: which keys each table of a story file may hold, of what kind,
and whether it is required (the specs `tables.check_table` checks against).

A kind is a Python type, or "ids" (a name or a list of names) or "strings" (text or a
list of text). The writers' guide and the schemas list the same keys; tests keep them in step.
"""

from __future__ import annotations

FORMAT = 2
"""The newest story format this game reads."""
FIRST_FORMAT = 1
"""The format of a story that does not say (`format` left out of [story])."""

STORY_KEYS = {"story", "hero", "companions", "renamed"}
STORY_TABLE = {
    "title": (str, True),
    "author": (str, False),
    "start": (str, True),
    "format": (int, False),
}
HERO_TABLE = {"name": (str, True)}
COMPANION_TABLE = {
    "name": (str, True),
    "gift": (str, True),
    "about": (str, False),
    "portrait": (str, False),
}
CHAPTER_KEYS = {"chapter", "scenes"}
CHAPTER_TABLE = {
    "id": (str, True),
    "title": (str, True),
    "start": (str, True),
    "talk": (list, False),
}
SCENE_TABLE = {
    "text": (str, True),
    "art": (str, False),
    "choices": (list, False),
    "ending": (str, False),
    "when": (list, False),
    "hint": (str, False),
}
WHEN_TABLE = {
    "if": ("strings", True),
    "text": (str, True),
}
CHOICE_TABLE = {
    "text": (str, True),
    "goto": (str, True),
    "needs": ("ids", False),
    "if": ("strings", False),
    "locked": (str, False),
    "once": (bool, False),
    "recruit": ("ids", False),
    "leave": ("ids", False),
    "help": ("ids", False),
    "give_help": ("ids", False),
    "set": ("ids", False),
    "unset": ("ids", False),
    "add": (dict, False),
    "id": (str, False),
    "reply": (str, False),
    "misstep": (bool, False),
}
FORMAT_2_KEYS = {"when", "hint", "reply", "misstep"}
"""Keys of a scene or a choice that only a story in format 2 may use."""
VISITS_BUILT_IN = (
    "'visits' is built in: the game counts the hero's visits to each scene by itself "
    "(name your own flag or counter another way)"
)
COMPANION_KEYS = ("needs", "recruit", "leave", "help", "give_help")
