"""The shipped story is the product a family meets: big enough, easy enough to read, sound
(`check` passes with no warnings), and every ending played by a playtest."""

from __future__ import annotations

import re
from functools import cache

import pytest

from game.engine.checker import check_story
from game.engine.model import Story
from game.engine.playtest import run_playtests
from game.engine.rules import apply_choice, available_choices, new_game, scene_text
from game.engine.state import GameState
from game.engine.text import render_line
from game.locations import CHECKOUT

STORY = CHECKOUT / "story"
PARTY = ("wren", "tam", "june", "bram")


@cache
def report():
    return check_story(STORY)


@cache
def story() -> Story:
    assert report().story is not None
    return report().story


def scene_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z']+", text))


def test_check_passes_with_no_errors_and_no_warnings():
    problems = [p.format() for p in report().problems]
    assert problems == []
    assert report().exploration is not None and report().exploration.complete


def test_story_is_big_enough():
    chapters = story().chapters
    scenes = list(story().scenes())
    words = sum(scene_words(s.text) for s in scenes)
    assert len(chapters) >= 5
    assert len(scenes) >= 120
    assert words >= 15_000


def test_every_companion_has_a_gift_and_a_portrait():
    companions = story().companions
    assert len(companions) >= 4
    for companion in companions.values():
        assert companion.gift.strip()
        assert companion.portrait.strip()
        assert companion.about.strip()


def test_help_goes_both_ways_with_every_companion():
    """Each companion both helps the hero and is helped by the hero somewhere."""
    received, given = set(), set()
    for scene in story().scenes():
        for choice in scene.choices:
            received.update(choice.help_received)
            given.update(choice.help_given)
    assert set(story().companions) <= received
    assert set(story().companions) <= given


def test_every_chapter_has_talk_questions():
    for chapter in story().chapters.values():
        assert len(chapter.talk) >= 2, chapter.id
        assert all("?" in q for q in chapter.talk), chapter.id


def test_there_are_at_least_three_endings_and_some_art():
    endings = {s.ending for s in story().scenes() if s.ending}
    assert len(endings) >= 3
    assert sum(1 for s in story().scenes() if s.art) >= 3


def test_every_chapter_offers_trying_alone():
    """Somewhere in each chapter the hero can try alone (a choice with 'alone', 'yourself'
    or 'by myself'), and it never ends the story."""
    pattern = re.compile(r"\balone\b|yourself|by myself|on my own|on your own", re.I)
    for chapter in story().chapters.values():
        alone = [c for s in chapter.scenes.values() for c in s.choices if pattern.search(c.text)]
        assert alone, f"chapter {chapter.id} has no try-alone choice"
        for choice in alone:
            assert story().scene(choice.target).ending is None


def all_words(scenes) -> str:
    """Every word a family may read aloud: scene text, `when` text and replies."""
    parts = []
    for scene in scenes:
        parts.append(scene.text)
        parts.extend(block.text for block in scene.when)
        parts.extend(choice.reply for choice in scene.choices if choice.reply)
    return "\n\n".join(parts)


def test_reading_level_is_for_ages_7_to_11():
    textstat = pytest.importorskip("textstat")
    assert textstat.flesch_kincaid_grade(all_words(story().scenes())) <= 5
    for chapter in story().chapters.values():
        grade = textstat.flesch_kincaid_grade(all_words(chapter.scenes.values()))
        assert grade <= 5, chapter.id


def test_original_names_only():
    """No names or places borrowed from the famous books the story echoes."""
    borrowed = [
        "Harry",
        "Hermione",
        "Ron Weasley",
        "Hogwarts",
        "Frodo",
        "Samwise",
        "Gandalf",
        "Mordor",
        "Shire",
        "Dumbledore",
        "Gollum",
        "Bilbo",
        "Hobbit",
        "Muggle",
    ]
    text = " ".join(s.text for s in story().scenes())
    for name in borrowed:
        assert not re.search(rf"\b{name}\b", text), name


def test_playtests_pass_and_reach_every_ending():
    played = run_playtests(STORY)
    assert played.ok, [r.problem.format() for r in played.failed] + [
        p.format() for p in played.file_problems
    ]
    reached = {run.playtest.expect.ending for run in played.runs if run.playtest.expect.ending}
    endings = {s.ending for s in story().scenes() if s.ending}
    assert reached == endings


# ---------------------------------------------------------------- a story that reacts (format 2)


def walk(at: str, *texts: str, party=PARTY[:3]) -> GameState:
    """Start at `at` and pick choices by the words the player sees."""
    state = new_game(story(), "Robin", at=at, party=party)
    for text in texts:
        names = story().names(state.hero)
        offered = available_choices(story(), state)
        choice = next((c for c in offered if render_line(c.text, names) == text), None)
        assert choice is not None, (state.scene, text, [c.text for c in offered])
        state = apply_choice(story(), state, choice).state
    return state


def shown(state: GameState) -> str:
    """The scene's text as the family sees it now, `when` blocks included."""
    return scene_text(story(), state)


@pytest.mark.parametrize("chapter_id", ["river", "mountain", "home"])
def test_the_later_chapters_react_to_what_the_hero_did(chapter_id):
    """Each of them changes with what happened (`when`), notices coming back (`visits`),
    and answers gestures (`reply`)."""
    chapter = story().chapters[chapter_id]
    blocks = [block for scene in chapter.scenes.values() for block in scene.when]
    replies = [c for scene in chapter.scenes.values() for c in scene.choices if c.reply]
    assert len(blocks) >= 10
    assert any(block.uses_visits for block in blocks)
    assert len(replies) >= 8


def test_the_story_says_it_uses_format_2():
    assert story().format == 2


def test_every_ending_has_a_hint_and_says_why_it_came():
    for scene in story().scenes():
        if scene.ending:
            assert scene.hint and scene.hint.strip(), scene.ref
            assert "because" in scene.text, scene.ref
            assert "This story has three endings" in scene.text, scene.ref  # others exist


def test_the_other_endings_are_shown_locked_with_a_hint():
    """Where the story ends, the endings not reached are seen, dimmed, with how to find them."""
    for scene in story().scenes():
        to_endings = [c for c in scene.choices if story().scene(c.target).ending]
        if len(to_endings) > 1:
            assert all(c.locked for c in to_endings), scene.ref


def test_words_a_young_reader_knows():
    """Hard words and British-only words are swapped or explained (a US or Indian child
    stalled on them in a family playtest)."""
    swapped = ["jumper", "conker", "mum", "gran", "lass", "lad", "folk", "cobbles", "shawl"]
    swapped += ["thrives", "whom"]
    for chapter in story().chapters.values():
        text = all_words(chapter.scenes.values()) + " ".join(chapter.talk)
        for word in swapped:
            assert not re.search(rf"\b{word}\b", text, re.I), (chapter.id, word)
    river = all_words(story().chapters["river"].scenes.values())
    assert "ferry is a boat" in river or "boat that carries people" in river
    assert "rudder, a flat wooden fin" in river


def test_the_river_says_every_single_time_only_when_it_is_true():
    only_wren = walk(
        "river:bank",
        "Ask Wren to read the old sign",
        "Ring the little bell twice",
        'Say, "Yes! We\'ll help you, Bram."',
        "Ask Wren to read Bram's boat book",
        "Thank Wren and go back to the boat",
        "Ask Wren to turn the boat over",
        "Look at Wren",
    )
    assert only_wren.scene == "river:wren_worn"
    assert "Every single time" in shown(only_wren)
    assert "lift a heavy boat" in shown(only_wren)

    june_too = walk(
        "river:bank",
        "Just ring the little bell",
        'Say, "Yes! We\'ll help you, Bram."',
        "Go down to the water to get the rope back",
        "Ask Wren to get the rope back",
        "Go back to the otters",
        "Ask June to talk to the otters",
        "Carry the rope back up to Bess",
        "Ask Wren to read Bram's boat book",
        "Thank Wren and go back to the boat",
        "Ask Wren to turn the boat over",
        "Look at Wren",
    )
    assert june_too.scene == "river:wren_worn"
    assert "Every single time" not in shown(june_too)
    assert "You did ask June" in shown(june_too)
    assert "lift a heavy boat, and to chase otters" in shown(june_too)


def test_the_job_list_ticks_off_jobs_and_stops_suggesting_wren_when_it_is_not_easy():
    first = walk("river:bank", "Just ring the little bell", 'Say, "Yes! We\'ll help you, Bram."')
    assert "It would be easy to ask Wren" in shown(first)
    assert "Turn Bess the right way up" in shown(first)
    turned = walk(
        "river:bank",
        "Just ring the little bell",
        'Say, "Yes! We\'ll help you, Bram."',
        "Ask Tam to turn the boat over",
        "Give Tam a thumbs-up and go back to the jobs",
    )
    assert "Turn Bess over. *Tick!*" in shown(turned)
    assert "Turn Bess the right way up" not in shown(turned)
    rested = walk(
        "river:bank",
        "Ask Wren to read the old sign",
        "Ring the little bell twice",
        'Say, "Yes! We\'ll help you, Bram."',
        "Ask Wren to read Bram's boat book",
        "Thank Wren and go back to the boat",
        "Ask Wren to turn the boat over",
        "Look at Wren",
        "Sit down next to Wren and say sorry",
        "Share out the jobs",
    )
    assert rested.scene == "river:boatyard"
    assert "It would be easy to ask Wren" not in shown(rested)
    assert "A job for everyone." in shown(rested)


def test_asking_the_friend_whose_gift_does_not_fit_is_a_misstep_with_a_kind_redirect():
    river = story().chapters["river"].scenes
    for scene_id, choice_id, redirect in [
        ("boatyard", "wren_lift", "Ask Tam?"),
        ("otters", "wren_otters", "Ask June?"),
    ]:
        choice = next(c for c in river[scene_id].choices if c.id == choice_id)
        assert choice.misstep
        assert redirect in story().scene(choice.target).text


# -------------------------------------------------- chapters 1-3: alone and together


@pytest.mark.parametrize("chapter_id", ["village", "school", "forest"])
def test_the_first_chapters_react_to_the_party_and_to_coming_back(chapter_id):
    chapter = story().chapters[chapter_id]
    blocks = [block for scene in chapter.scenes.values() for block in scene.when]
    replies = [c for scene in chapter.scenes.values() for c in scene.choices if c.reply]
    by_party = [b for b in blocks if any("party." in str(c) for c in b.conditions)]
    assert len(blocks) >= 10
    assert any(block.uses_visits for block in blocks)
    assert by_party
    assert len(replies) >= 10


def test_the_first_chapters_use_words_a_young_reader_knows():
    swapped = ["jumper", "conker", "mum", "gran", "lass", "lad", "folk", "cobbles", "shawl"]
    swapped += ["thrives", "whom", "heron"]
    for chapter_id in ("village", "school", "forest"):
        text = all_words(story().chapters[chapter_id].scenes.values())
        for word in swapped:
            assert not re.search(rf"\b{word}\b", text, re.I), (chapter_id, word)


def test_no_warm_word_names_wren_before_she_says_her_name():
    """Helping with the books is counted only once she has said 'I'm Wren'."""
    village = story().chapters["village"].scenes
    for scene_id in ("square", "bell_look", "shout_bell", "mayor", "mayor_story", "mayor_hand"):
        for choice in village[scene_id].choices:
            assert "wren" not in choice.help_received + choice.help_given + choice.recruit, scene_id
    for choice in village["crash"].choices:
        assert "wren" not in choice.help_given + choice.recruit
    assert "I'm Wren" in village["wren_meet"].text


def test_small_things_done_alone_are_said_warmly():
    """The hero succeeds alone at something small in every chapter, with no help counted."""
    stairs = walk("village:tower_base", "Climb the stairs by yourself", party=("wren",))
    assert "all by yourself" in shown(stairs) and stairs.help_received() == 0
    road = walk("village:road", "Look for the way yourself", party=("wren",))
    assert "You found it" in shown(road)
    hatch = walk("school:hatch", "Think hard, and answer it yourself", party=("wren", "tam"))
    assert "You got it all by yourself!" in shown(hatch) and hatch.help_received() == 0
    path = walk("forest:edge", "Go a little way in by yourself, to look", party=("wren", "tam"))
    assert "You found it all by yourself" in shown(path)


def test_asking_the_wrong_friend_is_a_kind_redirect_that_counts_no_help():
    for ref, text, who in [
        ("school:stone_hall", "Ask Wren to push with you", "Ask Tam?"),
        ("school:door_riddle", "Ask Tam to read the twisty words", "Ask Wren?"),
        ("forest:plan", "Ask Tam to look for Ember's tracks", "Ask June?"),
        ("forest:stream", "Ask June to hold the log steady", "Ask Tam?"),
    ]:
        scene = story().scene(ref)
        choice = next(
            c for c in scene.choices if render_line(c.text, story().names("Robin")) == text
        )
        assert choice.misstep and not choice.help_received and not choice.help_given, ref
        assert (
            choice.reply and "I'm not the best one for this" in choice.reply and who in choice.reply
        )


def offered(state: GameState) -> list[str]:
    """The choices' words as the player sees them now."""
    names = story().names(state.hero)
    return [render_line(c.text, names) for c in available_choices(story(), state)]


@pytest.mark.parametrize("party", [(), ("wren",)], ids=["alone", "with-wren"])
def test_the_rope_is_pulled_once_then_the_tower_offers_what_is_left(party):
    """A playtest found "Pull the rope by yourself" offered again after it was tried, even
    with Wren there: the dangle is told once, and then the rope is not offered again."""
    pull = ("Pull the rope by yourself", "Let go and think again")
    assert "sock on a washing line" in shown(walk("village:tower_base", pull[0], party=party))
    back = walk("village:tower_base", *pull, party=party)
    assert back.scene == "village:tower_base"
    assert pull[0] not in offered(back)
    assert ("Ask Wren what her bell book says" in offered(back)) == bool(party)
    assert ("Go back to the girl with the books" in offered(back)) == (not party)


def test_the_breath_is_caught_in_the_choice_not_before_it():
    """The solo climb does not say the breath came back before "Catch your breath"."""
    top = walk("village:tower_base", "Climb the stairs by yourself", party=())
    assert "Catch your breath and think again" in offered(top)
    assert "breath back" not in shown(top)


@pytest.mark.parametrize("party", [(), ("wren",)], ids=["alone", "with-wren"])
def test_the_mayor_points_to_wren_and_the_hero_can_go_straight_to_her(party):
    """The mayor sends the hero to Wren; her scene offers the way there, not only the
    tower (a playtest found the tower a detour)."""
    way = ("Hurry off to the bell tower by yourself",) if not party else ()
    at = "village:crash" if not party else "village:tower_base"
    mayor = walk(at, *way, "Ask Mayor Olwen to come up the tower with you", party=party)
    to_wren = (
        "Thank the mayor and ask Wren what her bell book says"
        if party
        else "Thank the mayor and go over to Wren"
    )
    assert offered(mayor) == [to_wren, "Thank the mayor and go back to the tower"]
    assert walk(
        at, *way, "Ask Mayor Olwen to come up the tower with you", to_wren, party=party
    ).scene == ("village:wren_bells" if party else "village:crash")


def test_owning_up_after_the_brave_face_is_sharing_a_feeling():
    """Each way of saying 'I'm scared too' in the wood is heard as sharing a feeling, so the
    warm word that may follow praises the feeling shared, not a help given; and Wren, who
    said it first, is the one relieved, not the one who says 'me too'."""
    from game.warm_words import is_sharing

    shares = [
        choice
        for scene in story().chapters["forest"].scenes.values()
        for choice in scene.choices
        if "forest_shared" in choice.set
    ]
    assert len(shares) >= 2
    assert all(is_sharing(choice) for choice in shares), [c.text for c in shares]
    admit = next(c for c in story().scene("forest:brave_face").choices if c.id == "admit")
    assert admit.reply and not admit.reply.startswith('"Me too," says Wren')


def test_the_riddle_wheel_counts_friends_not_hands():
    text = story().scene("school:last_door").text
    assert "SIX FRIENDS TURN ME. THREE WILL NOT." in text
    assert "HANDS" not in text


def test_someone_holds_the_log_for_tam():
    for choice in story().scene("forest:log_cross").choices:
        assert choice.help_given == ("tam",)
        assert story().scene(choice.target).ref == "forest:hollow"


def test_whom_the_hero_walks_beside_is_remembered_at_the_end_of_the_wood():
    with_tam = walk("forest:wood_end", party=PARTY[:3])
    assert "Tam walks beside you again" not in shown(with_tam)
    beside = new_game(
        story(), "Robin", at="forest:wood_end", party=PARTY[:3], flags=("forest_with_tam",)
    )
    assert "Tam walks beside you again" in shown(beside)


def test_no_ask_of_wren_that_wears_her_out_is_praised_first():
    """Every ask of Wren at the river that can be her third (the one that wears her out) is
    a misstep: no warm word may praise it one scene before the story shows what it cost.
    An ask is safe from that when it comes first (at the bank) or needs at most one before."""
    river = story().chapters["river"]

    def at_most_one_before(choice) -> bool:
        return any(
            getattr(c, "name", "") == "river_asked_wren"
            and (c.op, c.value) in {("<=", 0), ("<=", 1), ("<", 1), ("<", 2), ("==", 0), ("==", 1)}
            for c in choice.conditions
        )

    for scene in river.scenes.values():
        for choice in scene.choices:
            asks_wren = "wren" in choice.help_received and dict(choice.add).get("river_asked_wren")
            if asks_wren and scene.id != river.start and not at_most_one_before(choice):
                assert choice.misstep, (scene.id, choice.id)


# -------------------------------------------------- said once, in order


def redirects() -> list[tuple[str, object]]:
    """Every kind redirect that stays in its scene: a reply that ends "Ask Tam?"."""
    found = []
    for scene in story().scenes():
        for choice in scene.choices:
            stays = choice.target == scene.ref
            if stays and choice.reply and re.search(r"Ask \w+\?", choice.reply):
                found.append((scene.ref, choice))
    return found


def test_a_kind_redirect_is_said_once_then_no_longer_offered():
    """A family that asks the wrong friend hears the redirect once; offered again, it
    said the same words word for word (mountain:foot, mountain:top, home:tower)."""
    assert len(redirects()) >= 8
    for ref, choice in redirects():
        flag_once = any(
            getattr(c, "negated", False) and c.name in choice.set for c in choice.conditions
        )
        assert choice.once or flag_once, (ref, choice.id or choice.text)
        assert choice.misstep, (ref, choice.id or choice.text)
    state = walk("mountain:foot", "Ask Tam which path to take", party=PARTY)
    names = story().names("Robin")
    offered = [render_line(c.text, names) for c in available_choices(story(), state)]
    assert "Ask Tam which path to take" not in offered


def runs_of_words(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z]+", text.lower().replace("'s", " is"))
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_a_redirect_reply_does_not_echo_the_scene_it_returns_to():
    """The reply is heard, then its scene: no five words of the reply are said there too
    (June's "as heavy as a sack of potatoes" came right after the tower said it)."""
    for ref, choice in redirects():
        scene = story().scene(ref)
        heard = runs_of_words("\n".join([scene.text, *(block.text for block in scene.when)]))
        assert not runs_of_words(choice.reply) & heard, (ref, choice.id)


def test_coming_back_to_the_flat_rock_tells_what_is_new_last():
    """mountain:hurt on a return: what changed comes last, and nothing the scene just
    before said (the wrap's "It still hurts. But it is held."). The choices' title asks
    what you will do, so the text does not ask it too (a playtest heard it twice)."""
    to_rock = ("Hurry on up the steps", "Sit on a flat rock and look at your ankle")
    ways = [
        (("Ask Bram to wrap up your ankle", "Wiggle your toes and smile"), "snug and tight."),
        (
            ("Tell June how you really feel", "Take a deep breath and look at your friends"),
            "throbs like a little drum.",
        ),
        (
            ('Say "I\'m fine!" and hop up the mountain by yourself', "Go back to the flat rock"),
            "throbs like a little drum.",
        ),
        (("Ask Wren to look up sore ankles in her book",), "throbs like a little drum."),
        (
            ("Tell June how you really feel", "Take a deep breath and look at your friends")
            + ("Ask Bram to wrap up your ankle", "Wiggle your toes and smile"),
            "Not on this ankle.",
        ),
    ]
    for way, new in ways:
        state = walk("mountain:steps", *to_rock, *way, party=PARTY)
        text = shown(state)
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        assert paragraphs[-1].endswith(new), (way, paragraphs)
        assert "What will you do" not in text, way
        assert "puffy and pink" not in text and "It still hurts. But it is held." not in text
        assert "scared feeling is smaller" not in text, way


def all_scene_texts():
    """Every scene's text and `when` block, with where it is."""
    for chapter in story().chapters.values():
        for scene_id, scene in chapter.scenes.items():
            yield f"{chapter.id}:{scene_id}", scene.text
            for n, block in enumerate(scene.when, 1):
                yield f"{chapter.id}:{scene_id} when {n}", block.text


def test_no_scene_asks_what_the_choices_title_already_asks():
    """The choices come under "What will you do?": a scene that ends by asking it too reads
    the question twice (a playtest found it after Tam and Pip's riddle)."""
    asked = re.compile(r"what (will|do|should|shall) (you|we) do\b[^?]*\?\s*$", re.IGNORECASE)
    for where, text in all_scene_texts():
        for paragraph in text.split("\n\n"):
            assert not asked.search(paragraph.strip()), (where, paragraph)


def test_fennick_welcomes_you_once():
    """Coming back to Master Fennick after his story does not bring back his whole
    welcome ("the oldest man you have ever seen", "But you are only two")."""
    for party in [("wren",), ("wren", "tam")]:
        first = walk("school:fennick", party=party)
        back = walk(
            "school:fennick", "Ask who made the Singing Stone", "Thank Master Fennick", party=party
        )
        assert "oldest man" in shown(first) and "oldest man" not in shown(back), party
        assert "Where was I?" in shown(back) and "Where was I?" not in shown(first)
        assert "He loses his glasses every day" not in shown(back), party
        assert "only two" not in shown(back), party
        assert ("only two" in shown(first)) == ("tam" not in party)


def test_the_riddle_door_swirls_once_on_the_way_to_it():
    """Running ahead alone describes the door's swirling words; the door scene that follows
    does not describe them again."""
    run = walk("school:race_start", "Run ahead as fast as you can, by yourself")
    door = walk(
        "school:race_start",
        "Run ahead as fast as you can, by yourself",
        "Look at the door with your friends",
    )
    waited = walk("school:race_start", "Wait for your team")
    assert "fish in a pond" in shown(run) and "fish in a pond" not in shown(door)
    assert "fish in a pond" in shown(waited)


def test_the_wood_stops_once():
    """ "Stop and stand close together" is a choice: the text before it does not stop you
    already, and after it Wren is not said to stop walking (she is standing still)."""
    path = walk("forest:path", party=("wren", "tam"))
    assert "you stop" not in shown(path)
    stood = walk("forest:path", "Stop and stand close together", party=("wren", "tam"))
    hummed = walk("forest:path", "Hum a brave little song and keep walking", party=("wren", "tam"))
    assert "stops walking" not in shown(stood)
    assert "stops walking" in " ".join(
        c.reply or "" for c in story().scene("forest:path").choices if c.id == "hum"
    )
    assert hummed.scene == stood.scene == "forest:feelings"


def test_the_little_gold_bell_is_introduced_before_it_is_the_bell():
    """The bell at the top of the Riddle Tower is met there: "a little gold bell", not
    "the little gold bell" as if the family had heard of it."""
    text = story().scene("school:top").text
    assert "A little gold bell" in text and "The little gold bell" not in text


def test_june_hears_an_offer_of_help_before_she_asks_you_would_help_me():
    """Both ways into forest:june_brave offer help first: "Really? You would help me?"
    followed the hero's "We were scared too", which offered nothing."""
    assert "You would help me?" in story().scene("forest:june_brave").text
    for choice in story().scene("forest:june_talks").choices:
        if choice.target == "forest:june_brave":
            assert "help you look for" in (choice.reply or "") + choice.text, choice.id


def test_the_job_list_suggests_asking_wren_once_not_at_every_return():
    back = walk(
        "river:bank",
        "Just ring the little bell",
        'Say, "Yes! We\'ll help you, Bram."',
        "Ask Tam to turn the boat over",
        "Give Tam a thumbs-up and go back to the jobs",
    )
    assert "It would be easy to ask Wren" not in shown(back)


def test_wren_worn_out_does_not_say_where_she_sits():
    """river:wren_worn is reached from the bucket (the boat book), the grass (the boat)
    and the water's edge (the otters): it said 'sitting on a rock' after all three."""
    ways_in = {
        scene.ref
        for scene in story().chapters["river"].scenes.values()
        for choice in scene.choices
        if choice.target == "river:wren_worn"
    }
    assert len(ways_in) == 3
    text = story().scene("river:wren_worn").text
    assert not re.search(r"\b(rock|bucket|grass)\b", text)


@pytest.mark.parametrize(
    ("ref", "who", "yes"),
    [
        ("school:tam_joins", "tam", "I'll be on your team."),
        ("river:bram_unsure", "bram", "I'll come"),
    ],
)
def test_a_friend_joins_after_saying_yes(ref, who, yes):
    """'Tam joins your team.' was told before the hero even asked him (the ask and his
    answer are the next scene): the friend joins on the choice that leaves the scene of
    the answer, never on the one that leads into it."""
    scene = story().scene(ref)
    assert yes in scene.text
    assert all(who in choice.recruit for choice in scene.choices)
    for other in story().scenes():
        for choice in other.choices:
            if choice.target == ref:
                assert who not in choice.recruit, (other.ref, choice.text)


def test_a_reply_is_not_said_again_by_the_scene_it_leads_to():
    """Read aloud, a reply and then its next scene saying the same five words sounds like
    a stuck record (Bram's 'Thank you for waiting' came twice on the mountain)."""
    for scene in story().scenes():
        for choice in scene.choices:
            if not choice.reply:
                continue
            target = story().scene(choice.target)
            said = "\n".join([target.text, *(b.text for b in target.when)])
            assert not runs_of_words(choice.reply) & runs_of_words(said), (scene.ref, choice.text)
            if choice.target == "mountain:bridge":
                four = runs_of_words(choice.reply, 4) & runs_of_words(said, 4)
                assert not four, (scene.ref, choice.text)


def test_the_belfry_remembers_a_sign_every_way_up_the_tower_has_read():
    """home:belfry says 'you remember the curly sign. *Lift, then push.*': every way into
    chapter 1's bell room must have Wren read it first."""
    assert "*Lift, then push.*" in story().scene("home:belfry").text
    ways_in = {
        scene.ref
        for scene in story().scenes()
        for choice in scene.choices
        if choice.target == "village:belfry" and scene.ref.startswith("village:")
    }
    inside = {"village:belfry", "village:belfry_view", "village:page_show"}
    assert ways_in - inside == {"village:wren_bells"}
    assert "*Lift, then push.*" in story().scene("village:wren_bells").text


def told_whole_again(story_: Story, hub, choice) -> bool:
    """`choice` leads from `hub` to a scene that tells itself the same way each time (no
    `visits` in its `when`) and comes straight back, and nothing stops it being picked
    again: not `once`, not an `if = "not FLAG"` that this way sets."""
    try_ = story_.scene(choice.target)
    if try_.ref == hub.ref or any(block.uses_visits for block in try_.when):
        return False
    back = [c for c in try_.choices if c.target == hub.ref]
    if not back or choice.once:
        return False
    set_on_the_way = set(choice.set).union(*(c.set for c in back))
    guards = {str(c).removeprefix("not ") for c in choice.conditions if str(c).startswith("not ")}
    return not guards & set_on_the_way


def test_a_try_that_comes_back_is_told_once():
    """Pulling the rope, shouting at the bell, running the log...: a try that comes back to
    where it began is offered once, so its whole story is never told twice (a playtest
    found the rope offered again, and the dangle told again, word for word)."""
    again = [
        (hub.ref, choice.text)
        for hub in story().scenes()
        for choice in hub.choices
        if told_whole_again(story(), hub, choice)
    ]
    assert again == []


def test_asking_fennick_to_read_the_glass_does_not_open_the_gold_door_again():
    """Master Fennick's kind "my old eyes" leads on to the glass, not back to the top of
    the tower, whose wheel, bell and lift were told the first time."""
    glass = walk("school:top", "Ask Master Fennick to read the silver writing")
    assert "Six friends grip six handles" not in shown(glass)
    assert offered(glass) == ["Ask Wren to read the silver writing"]


@pytest.mark.parametrize(
    ("at", "party", "flags", "there", "back"),
    [
        (
            "village:square",
            (),
            (),
            ("Look up at the silent bell",),
            ("Shout at the bell to ring", "Look at the bell a bit longer"),
        ),
        (
            "forest:meet_june",
            ("wren", "tam"),
            (),
            (),
            ("Ask her lots of questions, very fast", "Try again, slowly this time"),
        ),
        (
            "forest:plan",
            PARTY[:3],
            ("forest_map", "forest_tracks"),
            ("Follow the map and the paw prints",),
            ("Run across the log all by yourself", "Squelch back to the bank"),
        ),
        (
            "forest:hollow",
            PARTY[:3],
            (),
            (),
            ("Lift the branch all by yourself", "Climb out of the leaves"),
        ),
        (
            "river:crossing",
            PARTY,
            (),
            (),
            ("Row the boat all by yourself", "Stop spinning and try again"),
        ),
        (
            "school:fennick",
            ("wren",),
            (),
            (),
            ("Ask who made the Singing Stone", "Thank Master Fennick"),
        ),
    ],
    ids=["bell", "june", "stream", "hollow", "crossing", "fennick"],
)
def test_coming_back_does_not_tell_the_first_visit_again(at, party, flags, there, back):
    """Back where the hero tried something, the scene says what is new: none of its first
    visit's paragraphs are told again, only its one opening line (a playtest heard Master
    Fennick's whole welcome twice)."""

    def at_the_scene(*choices: str) -> GameState:
        state = new_game(story(), "Robin", at=at, party=party, flags=flags)
        for text in choices:
            names = story().names(state.hero)
            choice = next(
                c for c in available_choices(story(), state) if render_line(c.text, names) == text
            )
            state = apply_choice(story(), state, choice).state
        return state

    first = at_the_scene(*there)
    again = at_the_scene(*there, *back)
    assert again.scene == first.scene
    told = [p.strip() for p in shown(first).split("\n\n") if p.strip()]
    retold = [p for p in told[1:] if p in shown(again)]
    assert retold == [], retold
