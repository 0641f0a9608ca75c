"""The newest save (the title's Continue): found without reading every save whole, and the
same save the list of saves puts first among those that load."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import game.engine.saves as saves_module
from game.engine.loader import load_story
from game.engine.rules import new_game
from game.engine.saves import SaveStore, document, seal

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = load_story(FIXTURES / "good").story
NOON = datetime(2026, 5, 3, 12, 0, tzinfo=UTC)

KINDS = ("good", "good", "damaged", "another story", "year one", "no time")


def write_save(folder: Path, name: str, kind: str, saved_at: datetime, mtime: int) -> Path:
    """A save of `kind` saying it was saved at `saved_at`, its file's time `mtime` (s)."""
    data = document(GOOD, new_game(GOOD, name), saved_at)
    if kind == "another story":
        data["story"] = "Another Story"
    elif kind == "year one":
        data["saved_at"] = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))  # no clock's
    elif kind == "no time":
        del data["saved_at"]
    raw = seal(data)
    if kind == "damaged":
        raw = raw.replace(name.encode(), name.upper().encode(), 1)  # the checksum differs
    path = folder / f"{name}.save.toml"
    path.write_bytes(raw)
    os.utime(path, (mtime, mtime))
    return path


saves = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(min_value=0, max_value=50),  # minutes after noon, as the save says
        st.integers(min_value=0, max_value=50),  # minutes after noon, as its file says
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(saves)
def test_the_newest_is_the_save_that_loads_with_the_latest_time(made):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number, (kind, said, filed) in enumerate(made):
            moment = NOON + timedelta(minutes=said, seconds=number)  # no two alike
            mtime = int((NOON + timedelta(minutes=filed, seconds=number)).timestamp())
            write_save(folder, f"hero{number}", kind, moment, mtime)
        store = SaveStore(folder)
        listed = store.list(GOOD)
        loadable = [info for info in listed if info.loadable]

        def when(info):  # what the save says once read whole, else its file's time
            filed = info.path.stat().st_mtime_ns
            return info.saved_at.timestamp() if info.saved_at else filed / 1e9

        expected = max(loadable, key=when).path if loadable else None
        newest = SaveStore(folder).newest(GOOD)
        assert (newest.path if newest else None) == expected
        assert (loadable[0].path if loadable else None) == expected
        assert [when(info) for info in loadable] == sorted(map(when, loadable), reverse=True)


def test_the_newest_reads_whole_only_the_saves_it_must(tmp_path, monkeypatch):
    """The title asks for it at every start: a folder of long playthroughs must not make
    the game start slower and slower."""
    for number in range(8):
        moment = NOON + timedelta(minutes=number)
        write_save(tmp_path, f"hero{number}", "good", moment, int(moment.timestamp()))
    read: list[int] = []
    decode = saves_module.decode
    monkeypatch.setattr(saves_module, "decode", lambda raw: read.append(1) or decode(raw))
    assert SaveStore(tmp_path).newest(GOOD).hero == "hero7"
    assert len(read) == 1
    moment = NOON + timedelta(hours=1)
    write_save(tmp_path, "broken", "damaged", moment, int(moment.timestamp()))
    read.clear()
    assert SaveStore(tmp_path).newest(GOOD).hero == "hero7"
    assert len(read) == 2
    read.clear()
    assert len(SaveStore(tmp_path).list(GOOD)) == 9 and len(read) == 9


def test_a_copied_save_goes_by_the_time_it_says_not_its_files_time(tmp_path):
    older = write_save(tmp_path, "older", "good", NOON, int((NOON + timedelta(days=1)).timestamp()))
    newer = write_save(tmp_path, "newer", "good", NOON + timedelta(hours=1), int(NOON.timestamp()))
    assert SaveStore(tmp_path).newest(GOOD).path == newer
    assert [info.path for info in SaveStore(tmp_path).list(GOOD)] == [newer, older]
