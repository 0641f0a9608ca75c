"""The one playthrough core (`game.session.Playthrough`) that the full-screen game and
`--plain` both drive: what it does here, both front ends do."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.engine.save_fit import fit_state
from game.engine.save_lock import lock_path
from game.engine.saves import SaveStore
from game.engine.text import render_line
from game.launch import Launch
from game.session import IN_USE, NO_SAVE_YET, CannotStart, Playthrough, chapter_just_ended

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
ESCAPE = "\x1b]0;PWNED\x07"
"""An escape sequence that retitles the terminal."""


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(GOOD).story


@pytest.fixture
def store(tmp_path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def pick(game: Playthrough, text: str):
    """Choose the available choice whose text starts so."""
    (choice,) = [c for c in game.available if render_line(c.text, game.names).startswith(text)]
    return game.choose(choice)


def hostile(story: Story) -> Story:
    """The story with an escape code in Wren's name (as a hand-edited or future story
    might hold; the game must never pass it to the terminal)."""
    wren = dataclasses.replace(story.companions["wren"], name=f"W{ESCAPE}ren")
    return dataclasses.replace(story, companions={**story.companions, "wren": wren})


def saves_in(store: SaveStore, story: Story) -> list[Path]:
    return sorted(info.path for info in store.list(story))


# ---------------------------------------------------------------- beginning


def test_a_new_game_is_saved_at_once(story, store):
    game = Playthrough.new(story, store, "Sam")
    assert game.path is not None and game.path.is_file()
    assert store.load(game.path, story).state == game.state
    assert game.saved and game.news() == []


@pytest.mark.parametrize(
    ("typed", "hero"),
    [
        (f"Sam{ESCAPE}", "Sam"),
        ("  Mia \n  Rose ", "Mia Rose"),
        ("x" * 3000, "x" * 24),
        (ESCAPE, "Robin"),
        ("", "Robin"),
        (None, "Robin"),
    ],
)
def test_a_hero_name_is_cleaned_and_shortened(story, store, typed, hero):
    assert Playthrough.new(story, store, typed).state.hero == hero


def test_a_state_begun_elsewhere_is_cleaned_too(story, store):
    from game.engine.rules import new_game

    game = Playthrough.begin(story, store, new_game(story, f"Kim{ESCAPE}"))
    assert game.state.hero == "Kim"


def test_at_a_scene_that_is_not_there_cannot_start(story, store):
    with pytest.raises(CannotStart, match="Cannot start at nowhere:nothing"):
        Playthrough.new(story, store, at="nowhere:nothing")
    assert saves_in(store, story) == []


def test_load_plays_on_in_the_same_file(story, store):
    first = Playthrough.new(story, store)
    pick(first, "Help Wren")
    first.release()  # the first game is closed
    game = Playthrough.load(story, store, first.path)
    assert game.path == first.path and game.state == first.state
    pick(game, "Ask Wren")
    assert saves_in(store, story) == [first.path]
    assert store.load(first.path, story).state.scene == "village:tower"


def test_loading_a_kept_previous_version_plays_on_in_a_new_file(story, store):
    first = Playthrough.new(story, store)
    pick(first, "Help Wren")
    pick(first, "Ask Wren")
    backup = SaveStore.backup(first.path)
    kept = backup.read_bytes()
    game = Playthrough.load(story, store, backup)
    assert game.state.scene == "village:square"  # the version before the last choice
    assert game.path is None
    assert "kept earlier version" in game.news()[0].text
    pick(game, "Pull the rope")
    assert game.path is not None and game.path.name.endswith(".save.toml")
    assert backup.read_bytes() == kept
    assert len(saves_in(store, story)) == 2
    assert not list(store.folder.glob("*.bak.bak"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:100],
        lambda raw: b"",
        lambda raw: re.sub(rb"(?m)^format = \d+$", b"format = 99", raw),
    ],
)
def test_a_save_that_cannot_be_loaded_is_refused_and_left_as_it_is(story, store, damage):
    path = Playthrough.new(story, store).path
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    with pytest.raises(CannotStart, match=f"Cannot load {path}: "):
        Playthrough.load(story, store, path)
    assert path.read_bytes() == bad


def test_resuming_the_newest_passes_over_damaged_saves_naming_them(story, store):
    good = Playthrough.new(story, store, "Kim")
    pick(good, "Help Wren")
    damaged = store.folder / "zz-damaged.save.toml"
    damaged.write_bytes(good.path.read_bytes()[:150])
    os.utime(damaged, (good.path.stat().st_mtime + 60,) * 2)
    good.release()
    game, passed = Playthrough.resume_newest(story, store)
    assert game is not None and game.path == good.path and game.state == good.state
    (told,) = passed
    assert told.trouble and told.text.startswith(f"Passing over {damaged}: it is cut off")


def test_start_follows_the_command_line(story, store):
    game = Playthrough.start(story, store, Launch(continue_=True))
    assert [news.text for news in game.news()] == [NO_SAVE_YET]
    pick(game, "Help Wren")
    game.release()
    again = Playthrough.start(story, store, Launch(continue_=True))
    assert again.path == game.path and again.state == game.state
    again.release()
    loaded = Playthrough.start(story, store, Launch(load=game.path))
    assert loaded.path == game.path
    at = Playthrough.start(story, store, Launch(name="Sam", at="forest:path", party=("wren",)))
    assert (at.state.hero, at.state.scene, at.state.party) == ("Sam", "forest:path", ("wren",))


# ---------------------------------------------------------------- playing


def test_choosing_and_going_back_save_every_move(story, store):
    game = Playthrough.new(story, store)
    assert not game.back()  # at the very start
    move = pick(game, "Help Wren")
    assert move.outcome.recruited == ("wren",)
    assert store.load(game.path, story).state.party == ("wren",)
    assert game.back()
    assert game.state.party == () and game.state.trail == ()
    assert store.load(game.path, story).state == game.state


def test_a_background_save_is_left_to_the_front_end(story, store):
    game = Playthrough.new(story, store)
    pick_choice = game.available[1]
    game.choose(pick_choice, save=False)
    assert game.unsaved and not game.saved
    assert store.load(game.path, story).state.trail == ()
    assert game.save()
    assert game.saved and store.load(game.path, story).state == game.state


def test_a_move_says_the_warm_word_then_who_joined(story, store):
    game = Playthrough.new(story, store)
    move = pick(game, "Help Wren")
    assert move.warm == ("You helped Wren. That was kind.",)
    assert move.facts == ("Wren joins your team.",)
    assert move.said == (*move.warm, *move.facts)
    assert not move.chapter_ended and not move.ending
    # both front ends: who joined before the scene, the warm word after it
    assert (move.before_scene, move.after_scene) == (move.facts, move.warm)


def test_warm_words_never_carry_an_escape_code(store, story):
    story = hostile(story)
    game = Playthrough.new(story, store)
    said = [*pick(game, "Help W").said, *pick(game, "Ask W").said]
    assert said and any("Wren" in line for line in said)
    assert not [ch for line in said for ch in line if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0]
    assert "\x1b" not in game.name_of("wren")


def test_the_way_to_an_ending(story, store):
    game = Playthrough.new(story, store)
    for text in ("Help Wren", "Ask Wren", "Go to the forest"):
        move = pick(game, text)
    assert move.chapter_ended == "village"
    praised = dataclasses.replace(move, warm=("Well done.",))
    assert praised.before_scene == ("Well done.", *move.facts)  # before the chapter's end
    assert praised.after_scene == ()
    for text in ("Sit with Tam", "Ask Tam", "Ring it again"):
        move = pick(game, text)
    assert move.ending == game.ending == "Stronger Together"
    praised = dataclasses.replace(move, warm=("Well done.",))
    assert (praised.before_scene, praised.after_scene) == (praised.said, ())  # before the end
    assert game.available == []


# ---------------------------------------------------------------- saving


def test_a_save_that_fails_is_told_once_and_its_recovery_too(story, store, tmp_path):
    game = Playthrough.new(story, store)
    aside = tmp_path / "aside"
    store.folder.rename(aside)
    store.folder.write_text("a file where the saves folder was")  # nothing can be written
    pick(game, "Help Wren")
    pick(game, "Ask Wren")
    assert game.save_error and not game.saved
    (told,) = game.news()
    assert told.trouble and told.text.startswith("The game could not be saved:")
    store.folder.unlink()
    aside.rename(store.folder)
    pick(game, "Go to the forest")
    assert game.saved
    assert [news.text for news in game.news()] == ["Saving works again."]
    assert store.load(game.path, story).state == game.state


def test_a_new_game_that_cannot_be_saved_still_plays(story, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    game = Playthrough.new(story, SaveStore(not_a_folder / "saves"))
    assert game.path is None and game.save_error
    (told,) = game.news()
    assert told.trouble and told.text.startswith("This game cannot be saved:")
    pick(game, "Pull the rope")
    assert game.state.scene == "village:rope_alone"
    assert game.news() == []  # the same reason is not told twice


def test_a_save_damaged_under_the_game_is_kept_and_the_game_moves_to_a_new_file(story, store):
    game = Playthrough.new(story, store)
    old = game.path
    old.write_bytes(b"format = 1\nhero = ")
    pick(game, "Help Wren")
    assert game.path != old and game.saved
    assert old.read_bytes() == b"format = 1\nhero = "
    assert not lock_path(old).exists() and lock_path(game.path).exists()  # the hold moved too
    (told,) = game.news()
    assert told.trouble and f"the game is saved in {game.path.name}" in told.text
    assert store.load(game.path, story).state == game.state


def test_two_players_moved_to_a_new_file_are_still_two(story, store):
    """The new file a damaged save gives way to keeps the players, as every save does."""
    game = Playthrough.new(story, store, players=("Mia", "Dad"))
    game.path.write_bytes(b"format = 1\nhero = ")
    game.ask()
    pick(game, "Help Wren")  # Dad chose for Mia
    game.release()
    loaded = Playthrough.load(story, store, game.path)
    assert loaded.team is not None and loaded.team.players == ("Mia", "Dad")
    assert (loaded.team.asks(0), loaded.team.asks(1)) == (1, 0)


# ---------------------------------------------------------------- live reload


def test_refit_keeps_the_place_or_moves_the_hero_and_says_so(story, store):
    game = Playthrough.new(story, store)
    pick(game, "Help Wren")
    pick(game, "Ask Wren")
    assert game.refit(story) is None
    village = story.chapters["village"]
    scenes = {k: v for k, v in village.scenes.items() if k != "tower"}
    edited = dataclasses.replace(
        story, chapters={**story.chapters, "village": dataclasses.replace(village, scenes=scenes)}
    )
    edited = dataclasses.replace(edited, companions={"tam": story.companions["tam"]})
    assert fit_state(edited, game.state)[0].scene == "village:square"
    notice = game.refit(edited)
    assert notice and game.state.scene == "village:square" and game.state.party == ()
    assert store.load(game.path, story).state.scene == "village:square"


# ---------------------------------------------------------------- every text is clean


def test_every_text_the_core_hands_out_is_clean(story, tmp_path):
    story = hostile(story)
    store = SaveStore(tmp_path / f"sa{ESCAPE}ves")
    game = Playthrough.new(story, store, f"K{ESCAPE}im")
    old = game.path
    old.write_bytes(b"damaged")
    said = [*pick(game, "Help W").said]
    said += [news.text for news in game.news()]
    with pytest.raises(CannotStart) as refused:
        Playthrough.load(story, store, old)
    said.append(str(refused.value))
    assert len(said) >= 3
    assert not [ch for line in said for ch in line if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0]


# ---------------------------------------------------------------- two games, one save


def test_a_save_open_in_another_game_plays_on_in_a_copy(story, store):
    first = Playthrough.new(story, store)
    path = first.path
    second = Playthrough.load(story, store, path)
    assert second.path is None
    (told,) = second.news()
    assert told.text == IN_USE.format(name=path.name)
    pick(second, "Pull the rope")
    pick(first, "Help Wren")
    assert second.path not in (None, path)
    assert store.load(path, story).state == first.state
    assert store.load(second.path, story).state == second.state
    assert len(saves_in(store, story)) == 2
    second.release()
    third = Playthrough.load(story, store, second.path)  # closed: free again
    assert third.path == second.path


def test_a_closed_game_frees_its_save_and_leaves_no_lock_file(story, store):
    game = Playthrough.new(story, store)
    assert lock_path(game.path).exists()
    game.release()
    assert not lock_path(game.path).exists()
    assert Playthrough.load(story, store, game.path).path == game.path


def test_a_lock_file_left_by_a_killed_game_does_not_block(story, store):
    game = Playthrough.new(story, store)
    path = game.path
    game.release()
    lock_path(path).write_text("")  # what a SIGKILLed game leaves: a file, no lock
    again = Playthrough.load(story, store, path)
    assert again.path == path and again.news() == []


# ---------------------------------------------------------------- warm words


def test_no_warm_word_right_after_another(story, store):
    game = Playthrough.new(story, store)
    assert pick(game, "Help Wren").warm
    assert pick(game, "Ask Wren").warm == ()  # praise-worthy, but right after


def test_going_back_forgets_the_warm_word_and_a_loaded_game_remembers_it(story, store):
    game = Playthrough.new(story, store)
    first = pick(game, "Help Wren").warm
    game.back()
    assert pick(game, "Help Wren").warm == first  # as if it had never been said
    game.release()
    loaded = Playthrough.load(story, store, game.path)
    assert pick(loaded, "Ask Wren").warm == ()  # the save's last choice was praised


def test_no_warm_word_for_a_misstep(story, store):
    square = story.chapters["village"].scenes["square"]
    choices = tuple(
        dataclasses.replace(c, misstep=True) if c.help_received else c for c in square.choices
    )
    village = dataclasses.replace(
        story.chapters["village"],
        scenes={
            **story.chapters["village"].scenes,
            "square": dataclasses.replace(square, choices=choices),
        },
    )
    edited = dataclasses.replace(story, chapters={**story.chapters, "village": village})
    game = Playthrough.new(edited, store, at="village:square", party=("wren",))
    assert pick(game, "Ask Wren").warm == ()
    plain = Playthrough.new(story, store, at="village:square", party=("wren",))
    assert pick(plain, "Ask Wren").warm  # the same choice, not a misstep: praised


# ---------------------------------------------------------------- two players


def test_two_players_take_turns_and_going_back_returns_the_turn(story, store):
    game = Playthrough.new(story, store, players=("Mia", f"D{ESCAPE}ad"))
    assert game.team is not None and game.team.players == ("Mia", "Dad")
    assert game.state.hero == "Mia"
    assert (game.player, game.helper, game.chooser) == ("Mia", "Dad", "Mia")
    pick(game, "Help Wren")
    assert game.player == "Dad"
    game.back()
    assert game.player == "Mia"


def test_asking_the_other_player_is_said_counted_and_undone_by_going_back(story, store):
    game = Playthrough.new(story, store, players=("Mia", "Dad"))
    assert game.ask() == "Mia asks Dad to help choose."
    assert game.chooser == "Dad"
    move = pick(game, "Pull the rope")
    assert move.warm == ("Mia asked Dad to help. That is what teammates do.",)
    assert (game.team.asks(0), game.team.asks(1), game.player) == (1, 0, "Mia")
    assert not game.asking and game.chooser == "Mia"  # Dad chose for Mia: Mia chooses next
    game.back()
    assert (game.team.asks(0), game.player, game.asking) == (0, "Mia", False)


def test_asking_is_offered_only_when_there_is_more_than_one_choice(story, store):
    """With one way on there is nothing to help choose: `a` is not offered, and pressed
    anyway it says so kindly and asks nothing."""
    game = Playthrough.new(story, store, players=("Mia", "Dad"))
    assert len(game.available) > 1 and game.can_ask
    pick(game, "Pull the rope")  # Mia's turn; then one way on: back to the square
    assert len(game.available) == 1 and not game.can_ask
    assert game.ask() == "There is only one way to go here, Dad. Ask Mia next time!"
    assert not game.asking and game.chooser == "Dad" and game.team.asked == []


def test_with_two_players_warm_words_name_who_chose(story, store):
    """Said to both at once, "You helped Wren" leaves them guessing whose act it was."""
    alone = Playthrough.new(story, store, "Mia")
    assert pick(alone, "Help Wren").warm == ("You helped Wren. That was kind.",)
    game = Playthrough.new(story, store, players=("Mia", "Dad"))
    assert pick(game, "Help Wren").warm == ("Mia, you helped Wren. That was kind.",)
    pick(game, "Pull the rope")  # Dad
    pick(game, "Go back")  # Mia
    assert pick(game, "Ask Wren").warm == ("Dad, you asked Wren for help. That takes courage.",)


def test_a_two_player_save_keeps_names_turn_and_counts(story, store):
    game = Playthrough.new(story, store, players=("Mia", "Dad"))
    game.ask()
    pick(game, "Help Wren")  # Mia's turn, Dad chose
    pick(game, "Ask Wren")  # Mia's turn again: Dad chose the last one
    game.release()
    loaded = Playthrough.start(story, store, Launch(continue_=True))
    assert loaded.team is not None and loaded.team.players == ("Mia", "Dad")
    assert loaded.player == "Dad"
    assert (loaded.team.asks(0), loaded.team.asks(1)) == (1, 0)
    assert loaded.talk(("Q1?", "Q2?")) == ["Mia, then Dad: Q1?", "Dad, then Mia: Q2?"]


def test_after_someone_chooses_for_you_your_turn_comes_next(story, store):
    """From a family playtest: Leo asked, Mum chose for him, and then it was Mum's turn
    again, so asking cost the child a turn. The turn now goes to the one who did not make
    the last choice: the players who really choose alternate (one rule, for --plain too)."""
    game = Playthrough.new(story, store, players=("Leo", "Mum"))
    assert game.ask() == "Leo asks Mum to help choose."
    pick(game, "Help Wren")  # Mum chooses for Leo
    assert (game.player, game.helper, game.chooser) == ("Leo", "Mum", "Leo")
    assert game.can_ask  # and Leo may ask again
    pick(game, "Pull the rope")  # Leo chooses
    assert game.player == "Mum"
    pick(game, "Go back")  # Mum chooses
    assert game.player == "Leo"
    assert [game.team.chooser(step) for step in range(3)] == ["Mum", "Leo", "Mum"]
    game.back()
    game.back()
    assert (game.player, game.team.asked) == ("Leo", [0])  # Leo's turn, after Mum chose
    game.back()
    assert (game.player, game.team.asked) == ("Leo", [])


def test_a_save_from_before_the_turn_rule_keeps_its_turns(story, store, tmp_path):
    """A two-player save written by the game before asking kept the turn (its [team] has no
    `alternate_until`) still loads with the turn it had, and tells the help of its steps of
    the player who chose them then; from there on, the turn rule holds."""
    import shutil

    old = FIXTURES / "saves" / "two-players-before-the-turn-rule.save.toml"
    assert b"alternate_until" not in old.read_bytes()
    store.folder.mkdir(parents=True)
    shutil.copy(old, store.folder / old.name)
    game = Playthrough.start(story, store, Launch(continue_=True))
    assert game.team is not None and game.team.players == ("Mia", "Dad")
    # Mia asked Dad at step 0; step 1 was Dad's turn then, and step 2 is Mia's.
    assert [game.team.chooser(step) for step in range(2)] == ["Dad", "Dad"]
    assert game.player == "Mia" and game.team.asks(0) == 1
    game.back()  # back to step 1, Dad's turn as it was; chosen again, it follows the rule
    assert game.player == "Dad"
    assert game.ask() == "Dad asks Mia to help choose."
    pick(game, "Pull the rope")  # Mia chooses for Dad: Dad chooses next
    assert game.player == "Dad"
    game.release()
    again = Playthrough.start(story, store, Launch(continue_=True))
    assert again.team is not None and again.player == "Dad"
    assert [again.team.chooser(step) for step in range(2)] == ["Dad", "Mia"]


def test_a_one_player_game_is_unchanged(story, store):
    game = Playthrough.new(story, store, "Sam")
    assert game.team is None and game.player is None and game.ask() is None
    assert b"[team]" not in game.path.read_bytes()
    assert game.talk(("Q?",)) == ["Q?"]


@pytest.mark.parametrize(
    "table",
    [None, "Mia", {"players": ["Mia"]}, {"players": ["Mia", "Mia"]}, {"players": [1, 2]}],
)
def test_a_damaged_team_plays_on_as_one_player(story, store, table):
    from game.team import Team

    assert Team.from_table(table, 3) is None
    odd = Team.from_table({"players": ["A", "B"], "first": 7, "asked": [1, -1, 99, "x"]}, 3)
    assert odd is not None and odd.first == 0 and odd.asked == [1]
    for until in (-1, "x", True, 2.5, 99):
        team = Team.from_table({"players": ["A", "B"], "alternate_until": until}, 3)
        assert team is not None and team.alternate_until == 3


def test_two_players_need_two_names(story, store):
    with pytest.raises(CannotStart):
        Playthrough.new(story, store, players=("Mia",))


# ---------------------------------------------------------------- a chapter's end


def test_a_game_saved_right_at_a_chapters_end_opens_with_it(story, store):
    """Chapter ends are where families stop: the save made at once stands in the next
    chapter; loaded, the game still knows which chapter just ended (from the trail), so
    both front ends show its end (its talk questions) first. One choice on, it does not."""
    game = Playthrough.new(story, store, "Sam")
    assert game.chapter_just_ended is None
    pick(game, "Help Wren")
    pick(game, "Ask Wren")
    assert game.chapter_just_ended is None  # still in the village
    pick(game, "Go to the forest")
    assert game.chapter_just_ended == "village"
    assert game.path is not None
    game.release()

    again = Playthrough.load(story, store, game.path)
    assert again.state.scene == "forest:path"
    assert again.chapter_just_ended == "village"
    pick(again, "Sit with Tam")
    assert again.chapter_just_ended is None
    again.back()  # at the forest's first scene again, nothing chosen there
    assert again.chapter_just_ended == "village"
    again.release()


def test_no_chapter_end_for_a_game_begun_in_a_chapter_or_a_chapter_now_gone(story, store):
    at_forest = Playthrough.new(story, store, "Sam", at="forest:path")
    assert at_forest.chapter_just_ended is None  # --at: no chapter was left
    at_forest.release()
    game = Playthrough.new(story, store, "Kim")
    pick(game, "Help Wren")
    pick(game, "Ask Wren")
    pick(game, "Go to the forest")
    chapters = {k: v for k, v in story.chapters.items() if k != "village"}
    assert chapter_just_ended(dataclasses.replace(story, chapters=chapters), game.state) is None
    game.release()
