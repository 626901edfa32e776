"""The parsed-glossary cache: unchanged files are not parsed again, changed ones always are."""

from __future__ import annotations

import marshal
import os
import time

import pytest

from glossary import cache, store, yamlnodes
from glossary.store import load_glossary


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(folder))
    return folder


def _fields(glossary):
    return [(e, e.location, e.field_lines) for e in glossary.entries]


def test_second_load_comes_from_the_cache(small_glossary, cache_dir, monkeypatch):
    first = load_glossary(small_glossary)
    assert len(list(cache_dir.glob("entries-*"))) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlnodes, "parse_entries", refuse)
    second = load_glossary(small_glossary)
    assert _fields(second) == _fields(first)
    assert second.entries[0].forbidden[0].reason == "non-standard transliteration"
    assert second.entries[0].location.path == str(small_glossary / "people.yaml")
    assert second.find("阿拉格奇").id == "abbas-araghchi"


def test_an_edited_file_is_parsed_again(small_glossary):
    load_glossary(small_glossary)
    path = small_glossary / "people.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("巴德尔\n", "巴德尔·阿尔布赛义迪\n"),
                    encoding="utf-8")
    assert load_glossary(small_glossary).get("badr-albusaidi").zh == "巴德尔·阿尔布赛义迪"


def test_a_broken_file_is_reported_even_after_a_good_load(small_glossary):
    load_glossary(small_glossary)
    (small_glossary / "people.yaml").write_text("- id: [\n", encoding="utf-8")
    with pytest.raises(Exception, match="people.yaml:.*invalid YAML"):
        load_glossary(small_glossary)


@pytest.mark.parametrize("junk", [b"", b"\x00" * 40, b"garbage", "truncate"])
def test_a_corrupt_cache_file_is_ignored_and_rewritten(small_glossary, cache_dir, junk):
    first = load_glossary(small_glossary)
    (path,) = cache_dir.glob("entries-*")
    path.write_bytes(path.read_bytes()[:30] if junk == "truncate" else junk)
    assert _fields(load_glossary(small_glossary)) == _fields(first)
    assert "people.yaml" in marshal.loads(path.read_bytes())  # rewritten whole


def test_one_cache_file_per_folder_and_no_thrashing(tmp_path, cache_dir, monkeypatch):
    root = tmp_path / "big"
    root.mkdir()
    for number in range(40):
        (root / f"f{number:02d}.yaml").write_text(
            f"- id: entry-{number}\n  zh: 阿拉格齐{number}\n  en: E{number}\n  type: term\n",
            encoding="utf-8")
    load_glossary(root)
    assert len(list(cache_dir.glob("entries-*"))) == 1
    parsed = []
    real = store.load_file
    monkeypatch.setattr(store, "load_file", lambda path, text=None: parsed.append(path) or
                        real(path, text))
    load_glossary(root)
    monkeypatch.chdir(tmp_path)
    load_glossary("big")  # the same folder by a relative path shares the cache
    assert parsed == []
    (root / "f07.yaml").write_text("- id: changed\n  zh: 阿拉格奇\n  en: C\n  type: term\n",
                                   encoding="utf-8")
    assert [e.id for e in load_glossary(root)][7] == "changed"
    assert [p.name for p in parsed] == ["f07.yaml"]


def test_no_cache_reads_and_writes_nothing(small_glossary, cache_dir):
    load_glossary(small_glossary, use_cache=False)
    assert not cache_dir.exists()


def test_same_content_at_another_path_keeps_its_own_location(small_glossary, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "people.yaml").write_bytes((small_glossary / "people.yaml").read_bytes())
    load_glossary(small_glossary)
    moved = load_glossary(other)
    assert moved.entries[0].location.path == str(other / "people.yaml")


def test_prune_keeps_the_most_recently_used(cache_dir):
    for number in range(5):
        cache.write(f"thing-{number}", b"x")
        os.utime(cache_dir / f"thing-{number}", (time.time() - 100 + number,) * 2)
    cache.write("other-0", b"y")
    (cache_dir / "old.tmp").write_bytes(b"half")
    os.utime(cache_dir / "old.tmp", (time.time() - 7200,) * 2)
    (cache_dir / "new.tmp").write_bytes(b"being written")
    cache.prune("thing-", keep=2)
    assert sorted(p.name for p in cache_dir.iterdir()) == [
        "new.tmp", "other-0", "thing-3", "thing-4"]


def test_unwritable_cache_only_costs_time(small_glossary, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    assert len(load_glossary(small_glossary)) == 2
    assert len(load_glossary(small_glossary)) == 2
