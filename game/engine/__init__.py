"""The story engine: its public face. Front ends (the full-screen game, plain mode, the
writers' commands) import from here, not from the modules inside.

    from game.engine import load_story, new_game, apply_choice, SaveStore

The engine never imports Textual. Each name is imported from its module the first time it
is asked for, so `import game.engine` costs nothing at start-up and a front end pays only
for what it uses (the checker, say, is not loaded to play).

Inside: reading (TOML files) → tables (key checks) → loader (the model) → checker
(explore, softlock: the proofs) → state and rules (pure moves) → saves (save_file,
save_fit). See ARCHITECTURE.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOME = {
    # the story model
    "frozen": "values",
    "Story": "model",
    "Chapter": "model",
    "Scene": "model",
    "Choice": "model",
    "Companion": "model",
    "When": "model",
    # reading and building a story folder
    "load_story": "loader",
    "LoadResult": "loader",
    "NotAStory": "files",
    "chapter_files": "files",
    "has_front": "files",
    "story_bytes": "files",
    "RefusedFile": "files",
    "kept_story": "story_cache",
    "keep_story": "story_cache",
    "ID": "names",
    "FLAG": "names",
    "is_id": "names",
    # proving it
    "check_story": "checker",
    "CheckReport": "checker",
    "DEFAULT_MAX_STATES": "explore",
    "explore_story": "explore",
    "run_playtests": "playtest",
    "PLAYTEST_FOLDER": "playtest",
    "Problem": "problems",
    "Problems": "problems",
    "fold": "problems",
    "LINE_LIMIT": "problems",
    "did_you_mean": "words",
    # playing it
    "GameState": "state",
    "Step": "state",
    "new_game": "rules",
    "begun": "rules",
    "apply_choice": "rules",
    "go_back": "rules",
    "available_choices": "rules",
    "offers": "rules",
    "current_scene": "rules",
    "scene_text": "rules",
    "shown_along": "rules",
    "find_choice": "rules",
    "resolve_at": "rules",
    "Offer": "rules",
    "Outcome": "rules",
    "RuleError": "rules",
    # saving it
    "SaveStore": "saves",
    "SaveInfo": "saves",
    "SaveError": "saves",
    "NewerSave": "saves",
    "BACKUP_SUFFIX": "saves",
    "fit_state": "save_fit",
    "SaveClaim": "save_lock",
    # the endings a family has found
    "EndingsBook": "endings",
    "EndingsRecord": "endings",
    # its text, ready for a terminal
    "Paragraph": "text",
    "clean": "text",
    "clean_name": "text",
    "clean_line": "text",
    "is_clean": "text",
    "NAME_LIMIT": "text",
    "render": "text",
    "render_line": "text",
    "render_plain": "text",
}

_RENAMED = {"explore_story": "explore", "PLAYTEST_FOLDER": "FOLDER"}
"""Public names spelt otherwise in their module. Not `explore`: a name that is also a
module's would be replaced by the module when it loads; `FOLDER` alone says too little."""

__all__ = [
    "apply_choice",
    "available_choices",
    "BACKUP_SUFFIX",
    "begun",
    "Chapter",
    "chapter_files",
    "check_story",
    "CheckReport",
    "Choice",
    "clean",
    "clean_line",
    "clean_name",
    "Companion",
    "current_scene",
    "DEFAULT_MAX_STATES",
    "did_you_mean",
    "EndingsBook",
    "EndingsRecord",
    "explore_story",
    "find_choice",
    "fit_state",
    "FLAG",
    "fold",
    "frozen",
    "GameState",
    "go_back",
    "has_front",
    "ID",
    "is_clean",
    "is_id",
    "LINE_LIMIT",
    "keep_story",
    "kept_story",
    "load_story",
    "LoadResult",
    "NAME_LIMIT",
    "new_game",
    "NewerSave",
    "NotAStory",
    "Offer",
    "offers",
    "Outcome",
    "Paragraph",
    "PLAYTEST_FOLDER",
    "Problem",
    "Problems",
    "RefusedFile",
    "render",
    "render_line",
    "render_plain",
    "resolve_at",
    "RuleError",
    "run_playtests",
    "SaveClaim",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "Scene",
    "scene_text",
    "shown_along",
    "Step",
    "Story",
    "story_bytes",
    "When",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'game.engine' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"game.engine.{module}"), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what type checkers and editors see; the same names as _HOME
    from game.engine.checker import CheckReport, check_story
    from game.engine.endings import EndingsBook, EndingsRecord
    from game.engine.explore import DEFAULT_MAX_STATES
    from game.engine.explore import explore as explore_story
    from game.engine.files import NotAStory, RefusedFile, chapter_files, has_front, story_bytes
    from game.engine.loader import LoadResult, load_story
    from game.engine.model import Chapter, Choice, Companion, Scene, Story, When
    from game.engine.names import FLAG, ID, is_id
    from game.engine.playtest import FOLDER as PLAYTEST_FOLDER
    from game.engine.playtest import run_playtests
    from game.engine.problems import LINE_LIMIT, Problem, Problems, fold
    from game.engine.rules import (
        Offer,
        Outcome,
        RuleError,
        apply_choice,
        available_choices,
        begun,
        current_scene,
        find_choice,
        go_back,
        new_game,
        offers,
        resolve_at,
        scene_text,
        shown_along,
    )
    from game.engine.save_fit import fit_state
    from game.engine.save_lock import SaveClaim
    from game.engine.saves import BACKUP_SUFFIX, NewerSave, SaveError, SaveInfo, SaveStore
    from game.engine.state import GameState, Step
    from game.engine.story_cache import keep_story, kept_story
    from game.engine.text import (
        NAME_LIMIT,
        Paragraph,
        clean,
        clean_line,
        clean_name,
        is_clean,
        render,
        render_line,
        render_plain,
    )
    from game.engine.values import frozen
    from game.engine.words import did_you_mean
