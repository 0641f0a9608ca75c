"""Endings found: kept per story in the saves folder, written atomically; a
damaged file is read as 'nothing yet' with the reason, and kept, never lost."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.checker import check_story
from game.engine.endings import DAMAGED_SUFFIX, EndingsBook, file_name
from game.locations import CHECKOUT

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = check_story(FIXTURES / "good").story
SHIPPED = check_story(CHECKOUT / "story").story
WHEN = datetime(2026, 5, 3, 14, 3, tzinfo=UTC)


def test_nothing_found_at_first(tmp_path):
    record = EndingsBook(tmp_path, SHIPPED).read()
    assert record.found == () and record.damaged is None
    assert record.count(SHIPPED) == (0, 3)


def test_an_ending_found_is_kept_with_hero_and_date(tmp_path):
    book = EndingsBook(tmp_path, SHIPPED)
    book.record("The Giving Heart", "Mia", WHEN)
    book.record("The Giving Heart", "Dad", datetime(2027, 1, 1, tzinfo=UTC))  # not again
    record = EndingsBook(tmp_path, SHIPPED).read()
    assert record.count(SHIPPED) == (1, 3)
    [found] = record.found
    assert (found.name, found.hero, found.found_at) == ("The Giving Heart", "Mia", WHEN)
    gallery = record.gallery(SHIPPED)
    assert [e.name for e in gallery] == [
        "Stronger Together",
        "The Giving Heart",
        "Brave Enough to Ask",
    ]
    assert [e.found is not None for e in gallery] == [False, True, False]
    assert (tmp_path / "endings-stronger-together.toml").is_file()
    assert not list(tmp_path.glob(".endings-*"))  # no temporary file left behind


def test_each_story_has_its_own_file(tmp_path):
    EndingsBook(tmp_path, SHIPPED).record("The Giving Heart", "Mia", WHEN)
    assert file_name(GOOD) != file_name(SHIPPED) or GOOD.title != SHIPPED.title
    other = EndingsBook(tmp_path, GOOD).read()
    assert other.count(GOOD)[0] == 0 or GOOD.title == SHIPPED.title


def test_an_ending_no_longer_in_the_story_is_not_counted(tmp_path):
    book = EndingsBook(tmp_path, SHIPPED)
    book.record("An Ending The Writer Removed", "Mia", WHEN)
    assert book.read().count(SHIPPED) == (0, 3)


def test_a_damaged_file_is_listed_and_kept_not_lost(tmp_path):
    book = EndingsBook(tmp_path, SHIPPED)
    book.path.write_text("found = [ {ending = \n")
    record = book.read()
    assert record.found == () and record.damaged and "damaged" in record.damaged
    assert book.path.read_text() == "found = [ {ending = \n"  # reading never touches it
    book.record("Brave Enough to Ask", "Sam", WHEN)
    kept = book.path.with_name(book.path.name + DAMAGED_SUFFIX)
    assert kept.read_text() == "found = [ {ending = \n"
    record = book.read()
    assert record.count(SHIPPED) == (1, 3) and record.damaged is None
    assert record.kept == (kept,)


def test_odd_but_valid_files_are_read_or_called_damaged(tmp_path):
    book = EndingsBook(tmp_path, SHIPPED)
    for text in (
        'found = "x"',
        "found = [1]",
        "format = 99",
        'found = [{ending = "A", found_at = "today"}]',
        'found = [{ending = 3, hero = "x"}]',
    ):
        book.path.write_text(text)
        assert book.read().damaged, text
    book.path.write_text('found = [{ending = "The Giving Heart", found_at = 0001-01-01T00:00:00}]')
    [found] = book.read().found
    assert found.found_at is None or found.found_at.year == 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_any_file_reads_without_a_traceback_and_is_never_lost(tmp_path, raw):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    book = EndingsBook(folder, SHIPPED)
    book.path.write_bytes(raw)
    record = book.read()
    book.record("The Giving Heart", "Mia", WHEN)
    after = book.read()
    assert after.damaged is None and "The Giving Heart" in after.found_names()
    if record.damaged:
        kept = book.path.with_name(book.path.name + DAMAGED_SUFFIX)
        assert kept.read_bytes() == raw
