"""The SQLite store: adding, duplicates, bad input, language pairs, the index, damaged files."""

from __future__ import annotations

import sqlite3

import pytest

from glossary.errors import GlossaryError
from glossary.memory.sqlite_store import SCHEMA_VERSION, SqliteStore
from glossary.memory.store import Unit

A = Unit("伊朗外长阿拉格齐抵达马斯喀特。", "Iranian FM Araghchi arrived in Muscat.")
B = Unit("伊朗和美国4日分别证实，定于6日在阿曼举行谈判。", "Iran and the US confirmed talks in Oman.")
C = Unit("美國國務卿魯比奧稱，會談必須包括導彈計劃。", "Rubio said talks must include missiles.",
         "zh-TW", "en-GB")


@pytest.fixture
def store(tmp_path):
    with SqliteStore(tmp_path / "tm" / "memory.sqlite") as s:
        yield s


def test_add_counts_duplicates_and_skips_bad_units(store):
    report = store.add_many([A, B, A, Unit("", "x"), Unit("伊朗", " "), Unit("a\x07b", "c")])
    assert (report.added, report.duplicates, report.skipped) == (2, 1, 3)
    assert [why for _, why in report.reasons] == [
        "empty source", "empty target", "control character U+0007 in the source"]
    assert store.count() == 2
    [stored] = store.get_exact(A.source)
    assert stored.count == 2 and stored.target == A.target
    assert store.add(A) == "duplicate" and store.get_exact(A.source)[0].count == 3


def test_single_add_of_a_bad_unit_is_an_error(store):
    with pytest.raises(GlossaryError, match="empty target"):
        store.add(Unit("伊朗", ""))
    with pytest.raises(GlossaryError, match="control character U\\+001B"):
        store.add(Unit("伊朗\x1b", "Iran"))
    assert store.count() == 0


def test_language_pair_is_kept_and_other_pairs_refused(store):
    store.add(A)
    assert store.language_pair() == ("zh-CN", "en-US")
    store.add(C)  # zh-TW → en-GB is the same pair of languages
    other = Unit("Hello", "Bonjour", "en-US", "fr-FR")
    with pytest.raises(GlossaryError, match="en-US → fr-FR does not match"):
        store.add_many([B, other])
    assert store.count() == 2  # B was not kept either: one transaction
    assert store.add(other, allow_other_languages=True) == "added"


def test_exact_normalized_and_candidates(store):
    store.add_many([A, B, C])
    trad = "伊朗外長阿拉格齊抵達馬斯喀特。"
    assert store.get_exact(trad) == []
    assert [u.source for u in store.get_normalized(
        __import__("glossary.memory.normalize", fromlist=["normalize"]).normalize(trad))] == [
        A.source]
    from glossary.memory.normalize import normalize

    assert A.source in [u.source for u in store.candidates(normalize(trad))]


def test_concordance_in_both_scripts_and_targets(store):
    store.add_many([A, B, C])
    assert [u.source for u in store.concordance("馬斯喀特")] == [A.source]
    assert [u.source for u in store.concordance("导弹")] == [C.source]
    assert [u.source for u in store.concordance("伊")] == [A.source, B.source]  # one character
    assert [u.source for u in store.concordance("MUSCAT", target=True)] == [A.source]
    assert list(store.concordance("no such text", target=True)) == []


def test_delete_removes_from_the_index(store):
    store.add_many([A, B])
    [unit] = store.get_exact(A.source)
    assert store.delete([unit.id, 999]) == 1
    assert list(store.concordance("马斯喀特")) == []
    assert store.get_exact(A.source) == []
    assert store.count() == 1


def test_iter_units_and_stats(store):
    store.add_many([A, B, A])
    assert [u.source for u in store.iter_units()] == [A.source, B.source]
    stats = store.stats()
    assert stats["units"] == 2 and stats["occurrences"] == 3
    assert stats["language_pair"] == ["zh-CN", "en-US"]
    assert stats["schema_version"] == SCHEMA_VERSION


def test_wal_mode(tmp_path):
    path = tmp_path / "m.sqlite"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_memory_is_not_created_for_reading(tmp_path):
    with pytest.raises(GlossaryError, match="no translation memory here"):
        SqliteStore(tmp_path / "nothing.sqlite", create=False)
    assert not (tmp_path / "nothing.sqlite").exists()


def test_corrupt_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "memory.sqlite"
    path.write_bytes(b"this is not a database at all" * 10)
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match="not a translation memory") as error:
        SqliteStore(path)
    assert str(path) in str(error.value)
    assert path.read_bytes() == before


def test_damaged_database_is_refused(tmp_path):
    path = tmp_path / "memory.sqlite"
    with SqliteStore(path) as s:
        s.add_many([A, B])
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[100:4096 * 2] = b"\xff" * (4096 * 2 - 100)  # smash the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(GlossaryError, match="damaged|not a"):
        with SqliteStore(path) as s:
            s.count()
    assert path.read_bytes() == bytes(data)


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(GlossaryError, match="not a glossary translation memory"):
        SqliteStore(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "m.sqlite"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(GlossaryError, match="newer than this tool"):
        SqliteStore(path)


def test_locked_memory_is_a_clear_error(tmp_path):
    path = tmp_path / "m.sqlite"
    SqliteStore(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        with SqliteStore(path, timeout=0.05) as s:
            assert s.count() == 0  # reading still works
            with pytest.raises(GlossaryError, match="locked by another process"):
                s.add(A)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_changed_normaliser_rebuilds_the_index(tmp_path):
    path = tmp_path / "m.sqlite"
    with SqliteStore(path) as s:
        s.add_many([A, B])
        s.conn.execute("UPDATE meta SET value='0:old' WHERE key='normalizer'")
        s.conn.execute("INSERT INTO source_index(source_index) VALUES('delete-all')")
    with SqliteStore(path) as s:
        assert [u.source for u in s.concordance("马斯喀特")] == [A.source]


def test_target_index_is_filled_on_demand_and_searched_while_locked(tmp_path):
    path = tmp_path / "m.sqlite"
    with SqliteStore(path) as s:
        s.add_many([A, B])
        assert [u.source for u in s.concordance("muscat", target=True)] == [A.source]
        s.add(C)  # not indexed yet
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # a writer keeps the index from catching up
        try:
            assert not s.index_targets(wait=0.01)
            assert [u.source for u in s.concordance("missiles", target=True)] == [C.source]
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert s.index_targets()
        [unit] = s.get_exact(C.source)
        assert s.delete([unit.id]) == 1
        assert list(s.concordance("missiles", target=True)) == []
