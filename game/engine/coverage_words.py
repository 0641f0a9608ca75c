"""Why a `when` block is never shown or a choice never picked, in the writer's words.

coverage.py finds them in the states `explore` visited, each with what never holds there
(or the fewest parts that never hold together); here that becomes one warning at the block's
or the choice's line that names the condition, the friend or the clash, and what to change.
A choice that recruits a friend it also needs is told to drop the need, and where to send
it when its way on would then skip the chapter's help (help_detour.py).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from game.engine.conditions import VISITS, FlagTest
from game.engine.coverage import Coverage, Unmet
from game.engine.help_detour import help_detour
from game.engine.model import Choice, Scene, Story, When
from game.engine.problems import Problems
from game.engine.softlock import raised_counters


def explain_coverage(
    story: Story, coverage: Coverage, problems: Problems, stuck: AbstractSet[str] = frozenset()
) -> None:
    """A warning at each `when` block never shown and each choice never available, saying
    why in the writer's words. Choices of the scenes where a softlock is reported (`stuck`)
    are left to it: one message says enough."""
    if not coverage.never_shown and not coverage.never_picked:
        return  # nothing to say (most stories)
    flags_set = {name for s in story.scenes() for c in s.choices for name in c.set}
    raised = raised_counters(story)

    def said_already(unmet: Unmet) -> bool:
        """Whether `unmet` is a flag nothing sets or a counter nothing adds to: its own
        warning, at the `if`, says so (with a did-you-mean)."""
        cond = unmet.condition
        if cond is None or "." in cond.name or cond.name == VISITS:
            return False
        if isinstance(cond, FlagTest):
            return not cond.negated and cond.name not in flags_set
        return cond.name not in raised

    for never in coverage.never_shown:
        scene, block = never.scene, never.item
        if never.unmet and all(said_already(u) for u in never.unmet):
            continue
        why = "; ".join(unmet_words(story, u) for u in never.unmet)
        problems.warning(
            story.chapters[scene.chapter].file,
            block.line,
            f"scene '{scene.id}', when {block.index} is never shown: "
            + (why or clash_of(block, never.clash)),
        )
    named = {(p.file, p.message.partition(":")[0]) for p in problems.errors}
    """Choices an error names already (a softlock's cause): one message says enough."""
    for never in coverage.never_picked:
        scene, choice = never.scene, never.item
        assert isinstance(choice, Choice)
        file = story.chapters[scene.chapter].file
        if scene.ref in stuck:
            continue
        if (problems.display_name(file), f"scene '{scene.id}', choice {choice.index}") in named:
            continue
        reasons = []
        for unmet in never.unmet:
            words = unmet_words(story, unmet)
            if unmet.companion in choice.recruit:
                who = unmet.companion
                name = companion_name(story, who)
                key = "help" if who in choice.help_received else "needs"
                if who not in choice.required:
                    key = "if"
                undo = f'{key} = "{who}"' if key != "if" else f'the if on "party.{who}"'
                words = (
                    f"it recruits {name} but also needs {name}, who joins only once it is "
                    f"picked: remove {undo} here"
                    + (f" (accept {name}'s help in a later choice)" if key == "help" else "")
                )
            reasons.append(words)
        problems.warning(
            file,
            choice.line,
            f"scene '{scene.id}', choice {choice.index} can never be picked: "
            + ("; ".join(reasons) or clash_words(story, choice, never.clash, scene))
            + (" (it is only ever shown locked)" if choice.locked else ""),
        )


def clash_words(
    story: Story, choice: Choice, clash: tuple | None = None, scene: Scene | None = None
) -> str:
    """Why a choice whose needs each hold somewhere never holds all at once: two of them
    ask for opposite things (Tam in the party and Tam away), named as the writer wrote them.
    A choice that recruits the friend keeps "not party.ID" and drops what needs them; when
    its way on then skips the chapter's help, the advice says where to send it instead."""
    wanted = {c.name: c for c in choice.conditions if isinstance(c, FlagTest) and not c.negated}
    for cond in choice.conditions:
        if not isinstance(cond, FlagTest) or not cond.negated:
            continue
        who = cond.name[len("party.") :] if cond.name.startswith("party.") else ""
        recruits = who in choice.recruit
        detour = help_detour(story, scene, choice, who) if recruits and scene else ""
        if cond.name in wanted:
            both = f'"{wanted[cond.name]}" and "{cond}" in its if never hold at once'
            if recruits:
                name = companion_name(story, who)
                drop = wanted[cond.name]
                return f'{both}: it recruits {name}, so remove "{drop}" from its if{detour}'
            return f"{both}: keep one of them"
        if not who or who not in choice.required:
            continue
        name = companion_name(story, who)
        key = "help" if who in choice.help_received else "needs"
        later = f" (accept {name}'s help in a later choice)" if key == "help" else ""
        head = f'{key} = "{who}" and if = "{cond}" never hold at once'
        if recruits:
            return f'{head}: it recruits {name}, so remove {key} = "{who}"' + (detour or later)
        return f'{head}: remove {key} = "{who}"{later}'
    return clash_of(choice, clash)


COUNTED = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
"""How many parts clash together, in words (two is said as "never hold at once")."""


def clash_of(item: Choice | When, clash: tuple | None) -> str:
    """The fewest parts of a choice or a `when` block that never hold together, as the
    writer wrote them: `"a" and "b" never hold at once here`, or for three that clash only
    together, `"a", "b" and "c" never hold all three at once here (any two of them do)`."""
    if clash is None:
        if isinstance(item, When):
            return "its conditions never hold all at once here"
        return "what it needs never holds all at once here"
    written = [_as_written(item, part) for part in clash]
    both = f"{', '.join(written[:-1])} and {written[-1]}"
    if len(clash) == 2:
        return f"{both} never hold at once here: change one of them"
    count = COUNTED.get(len(clash), str(len(clash)))
    fewer = COUNTED.get(len(clash) - 1, "two")
    return (
        f"{both} never hold all {count} at once here (any {fewer} of them do): change one of them"
    )


def _as_written(item: Choice | When, part) -> str:
    """A part of a choice as the writer wrote it: `help = "tam"`, or a condition in quotes."""
    if isinstance(part, str) and isinstance(item, Choice):
        key = "help" if part in item.help_received else "needs"
        return f'{key} = "{part}"'
    return f'"{part}"'


def companion_name(story: Story, who: str) -> str:
    companion = story.companions.get(who)
    return companion.name if companion else who


def unmet_words(story: Story, unmet: Unmet) -> str:
    """Why one condition (or a needed companion) never holds here, as a writer would say it."""
    condition = unmet.condition
    if condition is None:
        return f"{companion_name(story, unmet.companion or '')} is never in the party here"
    if isinstance(condition, FlagTest):
        never_or_always = "always" if condition.negated else "never"
        if condition.name.startswith("party."):
            who = companion_name(story, condition.name[6:])
            return f"{who} is {never_or_always} in the party here"
        return f"flag '{condition.name}' is {never_or_always} on here"
    if condition.name == VISITS:
        if not unmet.comes_back:
            return f"'{condition}' never holds: the hero never comes back to this scene"
        return f"'{condition}' never holds: visits counts this visit too, so it is 1 or more"
    low, high = unmet.lowest, unmet.highest
    low_capped, high_capped = unmet.capped
    if low == high and not (low_capped or high_capped):
        values = f"always {low}"
    elif high_capped and not low_capped:
        values = f"{low} or more"
    elif low_capped and not high_capped:
        values = f"{high} or less"
    else:
        values = f"between {low} and {high}"
    return f"'{condition}' never holds here ({condition.name} is {values} here)"
