"""Building scenes and choices from their checked tables, for the loader.

`SceneBuilding` is the part of `Loader` that builds one scene (its text, art, `when`
blocks) and its choices (companions, flags, counters, conditions, where each goes),
reporting every problem with the line of the key it is about.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from game.engine import tables
from game.engine.conditions import VISITS, ConditionError, FlagTest, parse_condition
from game.engine.keys import (
    CHOICE_TABLE,
    COMPANION_KEYS,
    FORMAT_2_KEYS,
    SCENE_TABLE,
    VISITS_BUILT_IN,
    WHEN_TABLE,
)
from game.engine.model import Choice, Scene, When
from game.engine.names import FLAG, ID
from game.engine.problems import Problems
from game.engine.reading import SourceFile
from game.engine.text import iter_placeholder_issues, placeholders
from game.engine.words import did_you_mean, did_you_mean_companion

_LIST_KEYS = (*COMPANION_KEYS, "set", "unset", "if")
"""The keys of a choice that hold a name or a list of names."""
_LIST_KEY_SET = frozenset(_LIST_KEYS)


def _header_only(table: Any) -> bool:
    """Whether a scene's table holds only what `[[scenes.ID.choices]]` or `[[scenes.ID.when]]`
    headers made: no `[scenes.ID]` of its own (a mistyped id in such a header)."""
    return (
        isinstance(table, dict)
        and 0 < len(table) <= 2
        and "text" not in table  # (the usual scene: a quick no)
        and set(table) <= {"choices", "when"}
    )


def _mistyped_for(src: SourceFile, sid: str) -> bool:
    """Whether a header in the file holds a mistyped `sid` (its choices are then not missing:
    they are written under the other id, which has its own message)."""
    scenes = src.data.get("scenes") if isinstance(src.data, dict) else None
    if not isinstance(scenes, dict):
        return False
    return any(
        other != sid and _header_only(table) and did_you_mean(other, [sid])
        for other, table in scenes.items()
    )


class SceneBuilding:
    """Scenes and choices, built and checked; `Loader` holds the state they read."""

    problems: Problems
    unread: list[Path]
    """Chapter files that could not be read far enough to know their chapter id."""
    chapter_starts: dict[str, str]
    unparsed_names: set[str]
    format: int
    """The story's format, from story.toml (format-2 keys are errors below 2)."""

    # -- generic table checks -------------------------------------------------
    def check_table(self, src: SourceFile, table: Any, spec: dict, path: tuple, what: str) -> dict:
        """Report unknown keys, missing keys and wrong types; return the good values."""
        return tables.check_table(self.problems, src, table, spec, path, what)

    def check_top(self, src: SourceFile, allowed: set[str], what: str) -> None:
        tables.check_top(self.problems, src, allowed, what)

    def text_problems(self, src, path, text, what, companions) -> None:
        if "{" not in text and "}" not in text:
            return  # no placeholder, no brace: nothing to check (most texts of a big story)
        names = {"hero": "", **{c: "" for c in companions}}
        braces = text.count("{")
        if braces == text.count("}") and braces == sum(text.count(f"{{{n}}}") for n in names):
            return  # every brace is in a known placeholder such as {hero}: nothing to report
        lone = None
        for token, message in iter_placeholder_issues(text, names):
            if self.problems.full(src.path):
                return
            if len(token) > 1:
                line = src.line_of(token, *path)
            else:  # a lone brace: the line of the text it is on, in a text of many lines
                if lone is None:  # found only when needed: most texts have no lone brace
                    lone = iter(_lines_with_lone_braces(text))
                line = src.line_of(next(lone, ""), *path)
            self.problems.error(src.path, line, f"{what}: {message}")

    def build_scene(self, src, cid, sid, table, companions, chapter_ids, scene_ids) -> Scene | None:
        path = ("scenes", sid)
        what = f"scene '{sid}'"
        if not ID.match(sid):
            self.problems.error(
                src.path,
                src.line(*path),
                f"{what}: a scene id uses only letters, digits, '-' and '_'",
            )
            return None
        if _header_only(table):
            # Only [[scenes.ID.choices]] or [[scenes.ID.when]] headers made this scene: the
            # id in the header is most likely mistyped (there is no [scenes.ID] itself).
            others = [s for s in scene_ids.get(cid, ()) if s != sid]
            header = f"[[scenes.{sid}.{next(iter(table))}]]"
            self.problems.error(
                src.path,
                src.line(*path),
                f"{header}: there is no [scenes.{sid}] in this file{did_you_mean(sid, others)}: "
                "write the id of the scene it belongs to",
            )
            return None
        good = tables.check_table(self.problems, src, table, SCENE_TABLE, path, what)
        self.format_2_keys(src, good, path, what)
        if "text" in good:
            self.text_problems(src, (*path, "text"), good["text"], what, companions)
        if "ending" in good:
            self.text_problems(
                src, (*path, "ending"), good["ending"], f"{what}: ending", companions
            )
            if not good["ending"].strip():
                self.problems.error(
                    src.path, src.line(*path, "ending"), f"{what}: 'ending' needs the ending's name"
                )
        choices = []
        ids: set[str] = set()
        raw_choices = good.get("choices", [])
        for index, raw_choice in enumerate(raw_choices):
            choice = self.build_choice(
                src, cid, sid, index, raw_choice, companions, chapter_ids, scene_ids
            )
            if choice is None:
                continue
            if choice.id is not None:
                if choice.id in ids:
                    self.problems.error(
                        src.path,
                        src.line(*path, "choices", index, "id"),
                        f"{what}, choice {index + 1}: id '{choice.id}' is used "
                        "by another choice of this scene",
                    )
                ids.add(choice.id)
            choices.append(choice)
        if (
            not raw_choices
            and "ending" not in good
            and isinstance(table, dict)
            and not _mistyped_for(src, sid)
        ):
            self.problems.error(
                src.path,
                src.line(*path),
                f"{what} has no choices and is not an ending: add a "
                '[[scenes.%s.choices]] or an ending = "..."' % sid,
            )
        if raw_choices and "ending" in good:
            self.problems.warning(
                src.path,
                src.line(*path, "ending"),
                f"{what} is an ending, so its choices are never shown",
            )
        art = good.get("art")
        if art is not None:
            lines = art.strip("\n").splitlines()
            width = max((display_width(line) for line in lines), default=0)
            if width > 60:
                self.problems.warning(
                    src.path,
                    src.line(*path, "art"),
                    f"{what}: art is {width} columns wide; at most 60 fit",
                )
            if len(lines) > 12:
                self.problems.warning(
                    src.path,
                    src.line(*path, "art"),
                    f"{what}: art is {len(lines)} lines tall; at most 12 fit",
                )
        when = tuple(self.build_when(src, sid, good["when"], companions)) if "when" in good else ()
        hint = good.get("hint")
        if hint is not None:
            self.text_problems(src, (*path, "hint"), hint, f"{what}: hint", companions)
            if "ending" not in good and "ending" not in table:
                self.problems.warning(
                    src.path,
                    src.line(*path, "hint"),
                    f"{what}: 'hint' is shown in the endings gallery for an ending not yet "
                    "found, but this scene is not an ending",
                )
        return Scene(
            sid,
            cid,
            good.get("text", ""),
            (src, path),
            tuple(choices),
            art,
            good.get("ending"),
            when,
            hint,
        )

    def format_2_keys(self, src: SourceFile, good: dict, path: tuple, what: str) -> None:
        """A format-2 key in a story that has not said `format = 2`: an error naming it."""
        if self.format >= 2 or FORMAT_2_KEYS.isdisjoint(good):
            return
        for key in FORMAT_2_KEYS.intersection(good):
            self.problems.error(
                src.path,
                src.line(*path, key),
                f"{what}: '{key}' is a key of story format 2: write format = 2 in the "
                "[story] table of story.toml to use it",
            )

    def build_when(self, src: SourceFile, sid: str, blocks: list, companions) -> list[When]:
        """A scene's `when` blocks: more text, shown while their conditions hold."""
        built = []
        for index, table in enumerate(blocks):
            path = ("scenes", sid, "when", index)
            what = f"scene '{sid}', when {index + 1}"
            good = tables.check_table(self.problems, src, table, WHEN_TABLE, path, what)
            if not isinstance(table, dict):
                continue
            if "text" in good:
                self.text_problems(src, (*path, "text"), good["text"], what, companions)
            written = good.get("if", [])
            written = (written,) if isinstance(written, str) else tuple(written)
            conditions = self.conditions(src, path, what, written, companions, when=True)
            if "if" in good and not written:
                self.problems.warning(
                    src.path,
                    src.line(*path, "if"),
                    f"{what}: it has no conditions, so it always shows: "
                    "put its text in the scene's text instead",
                )
            built.append(When(good.get("text", ""), tuple(conditions), index + 1, (src, path)))
        return built

    def conditions(self, src, path, what, written, companions, when=False) -> list:
        """Parse the conditions of a choice's or a `when` block's `if`, reporting bad ones.

        In format 2, `visits` is built in: a `when` block may compare it; a choice may not
        (text never changes which choices exist, so the proof stays exact).
        """
        parsed = []
        for text in written:
            try:
                condition = parse_condition(text, companions)
                if self.format >= 2 and condition.name == VISITS:
                    self.visits_problem(condition, text, when)
            except ConditionError as exc:
                self.unparsed_names.update(re.findall(r"[A-Za-z0-9_.-]+", str(text)))
                line = src.line_of(text, *path, "if") if isinstance(text, str) else src.line(*path)
                self.problems.error(src.path, line, f"{what}: {exc}")
                continue
            parsed.append(condition)
        return parsed

    @staticmethod
    def visits_problem(condition, text: str, when: bool) -> None:
        """Raise ConditionError where `visits` is used as it cannot be."""
        if isinstance(condition, FlagTest):
            raise ConditionError(
                f"'{text}': 'visits' is a number (how many times the hero has been in this "
                "scene); compare it, such as 'visits >= 2'"
            )
        if not when:
            raise ConditionError(
                f"'{text}': 'visits' can be tested only in a when block (it changes the text, "
                "never which choices there are): to offer a choice only once, write "
                'once = true; to remember a visit, set a flag (set = "been_here") and test it'
            )

    def build_choice(
        self, src, cid, sid, index, table, companions, chapter_ids, scene_ids
    ) -> Choice | None:
        path = ("scenes", sid, "choices", index)
        what = f"scene '{sid}', choice {index + 1}"
        good = tables.check_table(self.problems, src, table, CHOICE_TABLE, path, what)
        if not isinstance(table, dict):
            return None
        self.format_2_keys(src, good, path, what)

        def fault(key: str, message: str, line: int | None = None) -> None:
            """An error at the choice's `key` (or at `line`), saying which choice it is."""
            self.problems.error(src.path, line or src.line(*path, key), f"{what}: {message}")

        lists: dict[str, tuple[str, ...]] = dict.fromkeys(_LIST_KEYS, ())
        present = _LIST_KEY_SET.intersection(good)  # most choices have none or one
        for key in present:
            value = good[key]
            lists[key] = (value,) if isinstance(value, str) else tuple(value)
        for key in COMPANION_KEYS if present else ():
            names = lists[key]
            if not names or all(who in companions for who in names):
                continue  # the usual case: every name is a companion
            for who in names:
                if who not in companions:
                    line = src.line_of(f'"{who}"', *path, key)
                    hint = did_you_mean(who, companions) or _named_in_text(
                        good.get("text"), companions, names
                    )
                    hint = hint or did_you_mean_companion(who, companions)
                    fault(key, f"{key} '{who}' is not a companion{hint}", line)
            lists[key] = tuple(w for w in names if w in companions)
        for key in ("set", "unset"):
            if lists[key]:
                lists[key] = self.flag_names(lists[key], key, fault)
        written = lists["if"]
        conditions = self.conditions(src, path, what, written, companions) if written else []
        add = self.counter_changes(good["add"], fault) if "add" in good else []
        choice_id = good.get("id")
        if choice_id is not None and not ID.match(choice_id):
            fault("id", f"id '{choice_id}' should use only letters, digits, '-' and '_'")
        for key in ("text", "locked", "reply"):
            text = good.get(key)
            if text is not None and ("{" in text or "}" in text):  # else nothing to check
                self.text_problems(src, (*path, key), text, what, companions)
        target = ""
        if "goto" in good:
            target = self.resolve_goto(src, cid, what, path, good["goto"], chapter_ids, scene_ids)
        return Choice(
            text=good.get("text", ""),
            goto=good.get("goto", ""),
            target=target,
            index=index + 1,
            line=(src, path),
            id=choice_id,
            needs=lists["needs"],
            conditions=tuple(conditions),
            locked=good.get("locked"),
            once=good.get("once", False),
            recruit=lists["recruit"],
            leave=lists["leave"],
            help_received=lists["help"],
            help_given=lists["give_help"],
            set=lists["set"],
            unset=lists["unset"],
            add=tuple(add),
            reply=good.get("reply"),
            misstep=good.get("misstep", False),
        )

    def flag_names(self, names: tuple[str, ...], key: str, fault) -> tuple[str, ...]:
        """The flags a choice sets (or unsets) that are the writer's own; the others are
        reported through `fault`."""
        for name in names:
            if name.startswith(("party.", "help.")):
                fault(
                    key,
                    f"'{name}' is built in: the party changes with recruit and "
                    "leave, help is counted by help and give_help",
                )
            elif not FLAG.match(name):
                fault(key, f"flag '{name}' should use only letters, digits, '-' and '_'")
            elif name == VISITS and self.format >= 2:
                fault(key, VISITS_BUILT_IN)
        return tuple(name for name in names if FLAG.match(name))

    def counter_changes(self, add: dict, fault) -> list[tuple[str, int]]:
        """A choice's `add` as (counter, amount) pairs; the bad ones reported through `fault`."""
        changes = []
        for name, amount in add.items():
            if name == VISITS and self.format >= 2:
                fault("add", VISITS_BUILT_IN)
            elif not FLAG.match(name):
                fault(
                    "add",
                    f"counter '{name}' should use only letters, "
                    "digits, '-' and '_' (help is counted by itself)",
                )
            elif not isinstance(amount, int) or isinstance(amount, bool):
                fault("add", f"add {name} should be a whole number, such as {{ {name} = 1 }}")
            elif abs(amount) > 1000:
                fault("add", f"add {name} = {amount} is too large (at most 1000)")
            else:
                changes.append((name, amount))
        return changes

    def resolve_goto(self, src, cid, what, path, goto, chapter_ids, scene_ids) -> str:
        """`chapter:scene` for a goto, or "" after reporting where it fails."""
        if ":" in goto:
            chapter, _, scene = goto.partition(":")
            if chapter not in chapter_ids:
                if self.unread:
                    return ""  # it may be the chapter of a file that could not be read
                return self._bad_goto(
                    src,
                    path,
                    f"{what}: goto '{goto}': '{chapter}' is "
                    f"not a chapter{did_you_mean(chapter, chapter_ids)}",
                )
            if scene not in scene_ids[chapter]:
                return self._bad_goto(
                    src,
                    path,
                    f"{what}: goto '{goto}': '{scene}' is not a "
                    f"scene of chapter '{chapter}'"
                    f"{did_you_mean(scene, scene_ids[chapter])}",
                )
            return goto
        if goto in scene_ids[cid]:
            if goto in chapter_ids and goto != cid:
                start = self.chapter_starts.get(goto) or "START"
                self.problems.warning(
                    src.path,
                    src.line(*path, "goto"),
                    f"{what}: goto '{goto}' names both a scene of this chapter and a "
                    f"chapter; the scene wins (write '{goto}:{start}' for the chapter)",
                )
            return f"{cid}:{goto}"
        if goto in chapter_ids:
            return f"{goto}:"  # completed with the chapter's start in build_story
        if self.problems.full(src.path):
            return ""  # no more errors are shown for this file: skip the hint
        options = sorted(scene_ids[cid] | chapter_ids)
        if self.unread and not did_you_mean(goto, options):
            return ""  # it may be the chapter of a file that could not be read
        return self._bad_goto(
            src,
            path,
            f"{what}: goto '{goto}' is not a scene of chapter "
            f"'{cid}' or a chapter{did_you_mean(goto, options)}",
        )

    def _bad_goto(self, src, path, message: str) -> str:
        """Report a goto that leads nowhere, at its line (unless this file has had all the
        errors shown for it: the hint is skipped); "" for the goto."""
        if not self.problems.full(src.path):
            self.problems.error(src.path, src.line(*path, "goto"), message)
        return ""


def _lines_with_lone_braces(text: str) -> list[str]:
    """Each line of `text` holding a lone `{` or `}`, once per brace, as far as it can be found
    in the file as written (up to a backslash or a quote, which may be written otherwise)."""
    found = []
    for row in text.split("\n"):
        bare = re.sub(r"\{\{|\}\}|\{[^{}\n]*\}", "", row)
        for _ in range(bare.count("{") + bare.count("}")):
            found.append(max(re.split(r"[\\\"]", row), key=len).strip())
    return found


def display_width(text: str) -> int:
    """Columns a line takes in a terminal (wide East Asian characters and emoji count two)."""
    import unicodedata

    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _named_in_text(text: Any, companions, written: tuple[str, ...]) -> str:
    """` (did you mean 'tam'? …)` when the choice's own text names a companion (`{tam}`)
    that its list (`written`) does not: the friend the writer most likely meant."""
    if not isinstance(text, str) or "{" not in text:
        return ""
    for name in placeholders(text):
        if name in companions and name not in written:
            return f" (did you mean '{name}'? the choice's text names {{{name}}})"
    return ""
