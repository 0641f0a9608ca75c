"""More of what `check` tells a writer: the front page, chapter files, and lines inside long
values. Each case copies tests/fixtures/good and writes or replaces one file."""

from __future__ import annotations

import shutil

import pytest
from engine_helpers import GOOD

from game.engine.checker import check_story

FRONT = (GOOD / "story.toml").read_text()
HEAD = '[chapter]\nid = "x"\ntitle = "X"\nstart = "a"\n'


def chapter(body: str) -> dict[str, str]:
    return {"03-x.toml": HEAD + body}


CASES = {
    "missing [hero]": (
        {"story.toml": FRONT.replace('[hero]\nname = "Robin"\n', "")},
        ["story.toml:1: error: story.toml needs a [hero] table with a name"],
    ),
    "misspelt table": (
        {"story.toml": FRONT + '\n[companion.bob]\nname = "Bob"\n'},
        [
            "story.toml:17: error: unknown table '[companion]' in story.toml "
            "(did you mean 'companions'?)"
        ],
    ),
    "misspelt top-level key": (
        {"story.toml": 'titel = "T"\n' + FRONT},
        ["story.toml:1: error: unknown key 'titel' in story.toml"],
    ),
    "misspelt companion key": (
        {"story.toml": FRONT.replace('gift = "carries things"', 'gifts = "carries things"')},
        ["story.toml:15: error: companion 'tam': unknown key 'gifts' (did you mean 'gift'?)"],
    ),
    "title of the wrong type": (
        {"story.toml": FRONT.replace('title = "The Little Bell"', "title = 3")},
        ["story.toml:2: error: [story]: 'title' should be text in quotes, not a number"],
    ),
    "renamed to nowhere": (
        {"story.toml": FRONT + '\n[renamed]\n"village:old" = "village:towr"\n'},
        [
            "story.toml:18: error: [renamed]: 'village:towr' is not a scene "
            "(did you mean 'village:tower'?)"
        ],
    ),
    "format 0": (
        {"story.toml": FRONT.replace('start = "village"\n', 'start = "village"\nformat = 0\n')},
        ["story.toml:4: error: [story]: 'format' should be 1 or 2"],
    ),
    "bad companion ids": (
        {
            "story.toml": FRONT + '\n[companions."a b"]\nname = "B"\ngift = "g"\n'
            '[companions.hero]\nname = "H"\ngift = "g"\n'
        },
        [
            "story.toml:17: error: companion 'a b': an id uses only letters, digits, '-' and '_'",
            "story.toml:20: error: a companion cannot have the id 'hero': {hero} is the hero",
        ],
    ),
    "no [chapter]": (
        {"03-x.toml": '[scenes.a]\ntext = "x"\nending = "e"\n'},
        ["03-x.toml:1: error: a chapter file needs a [chapter] table with id, title and start"],
    ),
    "no scenes": (
        {"03-x.toml": HEAD},
        ["03-x.toml:1: error: chapter 'x' has no scenes: add a [scenes.ID] table"],
    ),
    "misspelt [scenes]": (
        chapter('[scene.a]\ntext = "x"\nending = "e"\n'),
        ["03-x.toml:5: error: unknown table '[scene]' in a chapter file (did you mean 'scenes'?)"],
    ),
    "bad chapter id": (
        {"03-x.toml": HEAD.replace('"x"', '"x y"') + '[scenes.a]\ntext = "x"\nending = "e"\n'},
        ["03-x.toml:2: error: chapter id 'x y': use only letters, digits, '-' and '_'"],
    ),
    "talk that is not text": (
        {"03-x.toml": HEAD + 'talk = ["ok {hero}", 3]\n[scenes.a]\ntext = "a"\nending = "e"\n'},
        ["03-x.toml:5: error: [chapter]: 'talk' should be a list of questions in quotes"],
    ),
    "placeholder deep in a long text": (
        chapter(
            '[scenes.a]\ntext = """\nOne {hero}.\nTwo.\nThree {wern} here.\n"""\nending = "e"\n'
        ),
        ["03-x.toml:9: error: scene 'a': unknown placeholder '{wern}' (did you mean 'wren'?)"],
    ),
    "condition and companion in lists over several lines": (
        chapter(
            '[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\ntext = "go"\ngoto = "b"\n'
            'if = [\n  "party.wren",\n  "courage => 2",\n]\nhelp = [\n  "wren",\n  "tom",\n]\n'
            '[scenes.b]\ntext = "b"\nending = "e"\n'
        ),
        [
            "03-x.toml:12: error: scene 'a', choice 1: 'courage => 2' is not a condition: "
            "write '>=' or '<=' (the '=' comes second)",
            "03-x.toml:16: error: scene 'a', choice 1: help 'tom' is not a companion "
            "(did you mean 'tam'?)",
        ],
    ),
    "duplicate choice id, and choices of an ending": (
        chapter(
            '[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\nid = "go"\ntext = "go"\ngoto = "b"\n'
            '[[scenes.a.choices]]\nid = "go"\ntext = "go too"\ngoto = "b"\n'
            '[scenes.b]\ntext = "b"\nending = "e"\n[[scenes.b.choices]]\ntext = "never"\n'
            'goto = "a"\n'
        ),
        [
            "03-x.toml:12: error: scene 'a', choice 2: id 'go' is used by another choice of "
            "this scene",
            "03-x.toml:17: warning: scene 'b' is an ending, so its choices are never shown",
        ],
    ),
    "lone brace": (
        chapter('[scenes.a]\ntext = "a } b"\nending = "e"\n'),
        ["03-x.toml:6: error: scene 'a': a lone '}': to show a brace, write it twice ('}}')"],
    ),
    "placeholders in titles and gifts": (
        {
            "story.toml": FRONT.replace('gift = "reads maps"', 'gift = "reads {maps}"'),
            "03-x.toml": HEAD.replace('"X"', '"The {wern}"')
            + '[scenes.a]\ntext = "a"\nending = "e"\n',
        },
        [
            "03-x.toml:3: error: [chapter] title: unknown placeholder '{wern}' "
            "(did you mean 'wren'?)",
            "story.toml:10: error: companion 'wren': unknown placeholder '{maps}': "
            "use {hero} or a companion's id",
        ],
    ),
    "bad scene id": (
        {"03-x.toml": HEAD.replace('"a"', '"a b"') + '[scenes."a b"]\ntext = "a"\nending = "e"\n'},
        ["03-x.toml:5: error: scene 'a b': a scene id uses only letters, digits, '-' and '_'"],
    ),
    "scene id ending in a line break": (
        {
            "03-x.toml": HEAD
            + '[scenes.a]\ntext = "a"\nending = "e"\n[scenes."b\\n"]\ntext = "b"\n'
            'ending = "e"\n'
        },
        ["03-x.toml:8: error: scene 'b ': a scene id uses only letters, digits, '-' and '_'"],
    ),
    "flag and choice id ending in a line break": (
        chapter(
            '[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\ntext = "go"\ngoto = "a"\n'
            'set = "f\\n"\nid = "c\\n"\n'
        ),
        [
            "03-x.toml:10: error: scene 'a', choice 1: flag 'f ' should use only letters, "
            "digits, '-' and '_'",
            "03-x.toml:11: error: scene 'a', choice 1: id 'c ' should use only letters, "
            "digits, '-' and '_'",
        ],
    ),
    "bad add": (
        chapter(
            '[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\ntext = "go"\ngoto = "a"\n'
            'add = { x = "one", "help.received" = 1, y = 5000 }\n'
        ),
        [
            "03-x.toml:10: error: scene 'a', choice 1: add x should be a whole number, "
            "such as { x = 1 }",
            "03-x.toml:10: error: scene 'a', choice 1: add y = 5000 is too large (at most 1000)",
            "03-x.toml:10: error: scene 'a', choice 1: counter 'help.received' should use only "
            "letters, digits, '-' and '_' (help is counted by itself)",
        ],
    ),
    "bad flag names": (
        chapter(
            '[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\ntext = "go"\ngoto = "a"\n'
            'set = "my flag"\nunset = ["party.wren"]\n'
        ),
        [
            "03-x.toml:10: error: scene 'a', choice 1: flag 'my flag' should use only letters, "
            "digits, '-' and '_'",
            "03-x.toml:11: error: scene 'a', choice 1: 'party.wren' is built in: the party "
            "changes with recruit and leave, help is counted by help and give_help",
        ],
    ),
    "goto an unknown chapter's scene": (
        chapter('[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\ntext = "go"\ngoto = "forst:path"\n'),
        [
            "03-x.toml:9: error: scene 'a', choice 1: goto 'forst:path': 'forst' is not a "
            "chapter (did you mean 'forest'?)"
        ],
    ),
    "art too tall, chapter never reached": (
        chapter('[scenes.a]\ntext = "a"\nending = "e"\nart = """\n' + "x\n" * 13 + '"""\n'),
        [
            "03-x.toml:1: warning: chapter 'x' can never be reached: no choice leads into it",
            "03-x.toml:8: warning: scene 'a': art is 13 lines tall; at most 12 fit",
        ],
    ),
    "choice that is not a table": (
        chapter('[scenes.a]\ntext = "a"\nchoices = ["go"]\n'),
        ["03-x.toml:7: error: scene 'a', choice 1 should be a table, not text"],
    ),
    "empty ending": (
        chapter('[scenes.a]\ntext = "a"\nending = " "\n'),
        ["03-x.toml:7: error: scene 'a': 'ending' needs the ending's name"],
    ),
    "missing = sign": (
        {"03-x.toml": '[chapter]\nid = "x"\ntitle "X"\n'},
        ["03-x.toml:3: error: 'title' needs an = before its value: title = \"X\""],
    ),
    "not UTF-8": (
        {"03-x.toml": b'[chapter]\nid = "x"\ntitle = "\xff"\n'},
        ["03-x.toml:3: error: the file is not UTF-8 text: save it as UTF-8 in your editor"],
    ),
    "escape sequences in a key are not passed to the terminal": (
        chapter('"\\u001b[2Jboom\\n" = 1\n[scenes.a]\ntext = "x"\nending = "e"\n'),
        ["03-x.toml:5: error: [chapter]: unknown key 'boom '"],
    ),
    "a byte order mark and Windows line endings change no line": (
        {
            "03-x.toml": "\ufeff"
            + (
                HEAD + '[scenes.a]\ntext = """\nOne.\n\nTwo.\n"""\n[[scenes.a.choices]]\n'
                'text = "go"\ngoto = "b"\n'
            ).replace("\n", "\r\n")
        },
        [
            "03-x.toml:13: error: scene 'a', choice 1: goto 'b' is not a scene of chapter 'x' "
            "or a chapter"
        ],
    ),
    "drafts and playtests are not chapters": (
        {"_draft.toml": "broken [", ".hidden.toml": "broken [", "playtests/x.toml": "broken ["},
        [],
    ),
    "a syntax error hides no other file's problems, and adds none": (
        {
            "01-village.toml": (GOOD / "01-village.toml")
            .read_text()
            .replace('"tower"', '"towr"', 1),
            "02-forest.toml": "[chapter\n",
        },
        [
            "01-village.toml:20: error: scene 'square', choice 2: goto 'towr' is not a scene of "
            "chapter 'village' or a chapter (did you mean 'tower'?)",
            "02-forest.toml:1: error: the table name needs a closing ] at the end of the line",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_tells_the_writer(case, tmp_path, monkeypatch):
    files, expected = CASES[case]
    root = tmp_path / "story"
    shutil.copytree(GOOD, root)
    for name, content in files.items():
        (root / name).parent.mkdir(exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode()
        (root / name).write_bytes(data)
    monkeypatch.chdir(root)
    assert [p.format() for p in check_story(".").problems] == expected
