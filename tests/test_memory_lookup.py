"""Lookup: the planted near-duplicate is found across scripts and through noise, scored sanely."""

from __future__ import annotations

import random
import re

import pytest

from glossary.memory import lookup, render_diff, diff, score, normalize
from glossary.memory.sqlite_store import SqliteStore
from glossary.memory.store import Unit
from glossary.scripts import to_traditional

from conftest import SEEDS


def seed_sentences() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for piece in re.findall(r"[^。！？]+[。！？”]*", line.strip()):
                if len(piece.strip()) >= 12:
                    out.append(piece.strip())
    return list(dict.fromkeys(out))


CITIES = "北京 上海 德黑兰 华盛顿 莫斯科 伦敦 巴黎 柏林 东京 开罗 多哈 日内瓦".split()


@pytest.fixture(scope="module")
def memory(tmp_path_factory):
    """~3,000 units: the seed sentences, each also with several datelines (siblings that
    differ only in their first words)."""
    rng = random.Random(7)
    sentences = seed_sentences()
    units = []
    for n, sentence in enumerate(sentences):
        units.append(Unit(sentence, f"English of sentence {n}.", origin="seeds", origin_id=str(n)))
        for k in range(5):
            city = rng.choice(CITIES)
            units.append(Unit(f"新华社{city}{rng.randint(1, 12)}月{rng.randint(1, 28)}日电 {sentence}",
                              f"{city} (Xinhua) -- English of sentence {n}, variant {k}."))
    path = tmp_path_factory.mktemp("tm") / "memory.sqlite"
    store = SqliteStore(path)
    store.add_many(units)
    yield store, sentences
    store.close()


def test_exact_match_is_shown_as_such(memory):
    store, sentences = memory
    [best, *_] = lookup(store, sentences[10])
    assert best.exact and best.kind == "exact" and best.score == 100
    assert best.unit.source == sentences[10]


def test_traditional_query_finds_simplified_unit_with_100(memory):
    store, sentences = memory
    query = to_traditional(sentences[20])
    assert query != sentences[20]
    [best, *_] = lookup(store, query)
    assert best.unit.source == sentences[20]
    assert best.score == 100 and not best.exact and best.kind == "100"


def test_noise_does_not_lower_the_score(memory):
    store, sentences = memory
    sentence = next(s for s in sentences if "，" in s and len(s) > 20)
    noisy = sentence.replace("，", ", ")
    k = next(i for i, c in enumerate(noisy) if "\u4e00" <= c <= "\u9fff") + 1
    noisy = noisy[:k] + "(zhàn)" + noisy[k:]
    [best, *_] = lookup(store, noisy)
    assert best.unit.source == sentence and best.score == 100


def test_planted_near_duplicates_are_found(memory):
    store, sentences = memory
    rng = random.Random(11)
    found = 0
    trials = 40
    for _ in range(trials):
        sentence = rng.choice([s for s in sentences if len(s) >= 20])
        chars = list(sentence)
        for _ in range(2):
            pos = rng.randrange(len(chars))
            chars[pos] = rng.choice("的了在是和有")
        query = "".join(chars)
        if rng.random() < 0.5:
            query = to_traditional(query)
        matches = lookup(store, query, min_score=50)
        want = score(normalize(query), normalize(sentence))
        if matches and matches[0].score >= want:
            found += 1
    assert found == trials


def test_sibling_with_the_same_dateline_wins(memory):
    store, sentences = memory
    unit = next(u for u in store.iter_units() if u.source.startswith("新华社") and len(u.source) > 40)
    query = unit.source[:-3] + "。"  # its ending changed a little
    [best, *_] = lookup(store, to_traditional(query))
    assert best.unit.source == unit.source


def test_min_and_limit(memory):
    store, sentences = memory
    long = max(sentences, key=len)
    assert len(lookup(store, long, limit=2)) == 2
    assert len(lookup(store, long, limit=10)) == 6  # the sentence and its five datelines
    assert lookup(store, "完全无关的一句话，讲天气和足球比赛。", min_score=70) == []
    assert all(m.score >= 97 for m in lookup(store, long, min_score=97, limit=10))


def test_scores_are_100_only_for_equal_keys():
    assert score("伊朗外长", "伊朗外长") == 100
    assert score("伊朗外长阿拉格齐抵达", "伊朗外长阿拉格齐抵") == 90  # 1 - 1/10
    assert 0 <= score("abc", "xyz") < 100


def test_diff_shows_what_differs_in_original_spellings():
    query = "伊朗外長阿拉格齊週四抵達馬斯喀特"
    source = "伊朗外长阿拉格齐周三抵达马斯喀特。"
    parts = diff(query, source)
    assert render_diff(parts) == "伊朗外长阿拉格齐周[-三-]{+四+}抵达马斯喀特[-。-]"
    assert "".join(p.unit for p in parts) == source
    assert "".join(p.query for p in parts) == query


def test_empty_query_returns_nothing(memory):
    store, _ = memory
    assert lookup(store, "  ") == []
    assert lookup(store, "伊") == []
