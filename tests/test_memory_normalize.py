"""The memory's text normalisation: scripts, width, punctuation, spaces, pinyin annotations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.memory.normalize import (
    control_character,
    fold_target,
    normalize,
    normalize_with_offsets,
)
from glossary.scripts import to_traditional

SENTENCE = "美国国务卿鲁比奥2月4日早些时候称，除了核问题外，会谈还必须包括伊朗弹道导弹计划。"


def test_traditional_and_simplified_fold_to_one_key():
    assert normalize(to_traditional(SENTENCE)) == normalize(SENTENCE)
    assert normalize("臺灣的後裔") == normalize("台湾的后裔")


def test_width_punctuation_and_quotes_fold():
    assert normalize("２月４日，“战争”。") == normalize('2月4日,「战争」.')
    assert normalize("等等……") == normalize("等等......")
    assert normalize("（一）") == normalize("(一)")


def test_pinyin_annotations_are_removed_but_english_in_brackets_stays():
    assert normalize("戰(zhàn)爭") == normalize("战争") == "战争"
    assert normalize("協（xié）議") == "协议"
    assert normalize("伊朗(Iran)") == "伊朗(iran)"


def test_spaces_dropped_except_between_latin_words_and_digits():
    assert normalize("伊朗 外长  阿拉格齐") == "伊朗外长阿拉格齐"
    assert normalize("G 7   峰会") == "g 7峰会"
    assert normalize("\u3000伊朗\t外长\n") == "伊朗外长"


def test_controls_and_zero_width_characters_are_dropped():
    assert normalize("伊\u200b朗\ufeff") == "伊朗"
    assert control_character("a\x07b") == "\x07"
    assert control_character("line\nbreak\ttab") is None


def test_fold_target():
    assert fold_target("  The  ＵＳ   Envoy ") == "the us envoy"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("戰爭战争伊朗(zhàn)（yī）aB 1２，。“”\u200b\t戶户 ·•-—…𠀾𠁞")),
               max_size=40))
def test_offsets_version_agrees_with_the_fast_one(text):
    key, offsets = normalize_with_offsets(text)
    assert key == normalize(text)
    assert len(offsets) == len(key) + 1
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)
