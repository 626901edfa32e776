"""Recognition: every spelling of every glossary form is found and mapped back to the text.

Offsets are code points of the original text; annotations and noise are seen through.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from glossary.alphabet import Alphabet
from glossary.matcher import (
    Matcher,
    Pattern,
    expand_patterns,
    find_terms,
    get_matcher,
    glossary_fingerprint,
    prepare,
)
from glossary.check import check_text
from glossary.errors import GlossaryError
from glossary.model import Entry, Glossary
from glossary.normalize import (fold_noise, fold_noise_at, invisible_runs, latin_spaces,
                                name_hyphens, number_interpuncts, positions, spaced_separators,
                                strip_hyphens, strip_number_hyphens)
from glossary.pinyin import OffsetMap, find_annotations, is_pinyin, strip_annotations
from glossary.scripts import to_traditional, traditional_forms
from glossary.store import load_glossary

DATA = Path(__file__).resolve().parent / "data" / "check"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(DATA / "glossary")


@pytest.fixture(scope="module")
def matcher(glossary) -> Matcher:
    return Matcher.build(glossary)


def only(matcher: Matcher, text: str):
    found = matcher.scan(text)
    assert len(found) == 1, [(m.entry.id, m.matched) for m in found]
    return found[0]


# --- preferred, traditional, variant and forbidden forms -------------------------------------


def test_preferred_form_with_offsets(matcher):
    text = "伊朗外长阿拉格齐表示"
    m = matcher.scan(text)[1]
    assert (m.entry.id, m.kind, m.start, m.end) == ("abbas-araghchi", "preferred", 4, 8)
    assert text[m.start:m.end] == m.matched == m.clean == "阿拉格齐"
    assert m.script == "simplified" and m.separated


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
@pytest.mark.parametrize("form, entry_id", [
    ("台湾", "taiwan"), ("卫星", "satellite"), ("阿里·拉里贾尼", "ali-larijani"),
    ("新削减战略武器条约", "new-start"), ("内塔尼亚胡", "benjamin-netanyahu"), ("协议", "agreement"),
])
def test_every_opencc_traditional_spelling_is_found(matcher, form, entry_id, config):
    spelling = to_traditional(form, config)
    m = only(matcher, f"他說{spelling}。")
    assert (m.entry.id, m.kind, m.matched, m.start) == (entry_id, "preferred", spelling, 2)


def test_opencc_configs_really_differ_for_the_test_forms():
    # The parametrised test above is only worth something if the configurations disagree.
    assert to_traditional("台湾", "s2t") != to_traditional("台湾", "s2hk")
    assert to_traditional("卫星", "s2t") != to_traditional("卫星", "s2hk")
    assert {"臺灣", "台灣"} <= set(traditional_forms("台湾"))


def test_zh_hant_is_a_preferred_form(matcher):
    m = only(matcher, "川普說")
    assert (m.entry.id, m.kind, m.form) == ("donald-trump", "preferred", "川普")
    m = only(matcher, "紐西蘭總理")
    assert (m.entry.id, m.kind, m.form) == ("new-zealand", "preferred", "紐西蘭")


@pytest.mark.parametrize("text, kind, form", [
    ("拉里贾尼", "variant", "拉里贾尼"),
    ("拉里賈尼", "variant", "拉里贾尼"),
    ("内坦亚胡", "variant", "内坦亚胡"),
    ("內坦亞胡", "variant", "内坦亚胡"),
    ("阿拉格奇", "forbidden", "阿拉格奇"),
    ("阿里·拉利贾尼", "forbidden", "阿里·拉利贾尼"),
    ("阿里·拉利賈尼", "forbidden", "阿里·拉利贾尼"),
    ("阿里拉利贾尼", "forbidden", "阿里·拉利贾尼"),
    ("纽西兰", "forbidden", "纽西兰"),
])
def test_variants_and_forbidden_forms_in_both_scripts(matcher, text, kind, form):
    m = only(matcher, f"据报道，{text}表示")
    assert (m.kind, m.form, m.matched, m.start, m.end) == (kind, form, text, 4, 4 + len(text))


def test_script_of_each_spelling(matcher):
    assert only(matcher, "阿拉格齐").script == "simplified"
    assert only(matcher, "阿拉格齊").script == "traditional"
    assert only(matcher, "伊朗").script == "unknown"  # shared characters only


# --- interpuncts, dashes, widths ------------------------------------------------------------


@pytest.mark.parametrize("sep", ["·", "•", "・", "‧", "･", "．", "∙", "⋅"])
def test_interpunct_variants_in_names(matcher, sep):
    text = f"伊朗议长阿里{sep}拉里贾尼表示"
    m = matcher.scan(text)[1]
    assert (m.entry.id, m.kind, m.start, m.end) == ("ali-larijani", "preferred", 4, 11)
    assert m.matched == f"阿里{sep}拉里贾尼" and m.separated


def test_name_without_interpunct(matcher):
    m = only(matcher, "议长阿里拉里贾尼表示")
    assert (m.entry.id, m.kind, m.start, m.end, m.separated) == ("ali-larijani", "preferred", 2, 8, False)


@pytest.mark.parametrize("text", ["阿里·拉里贾尼", "阿里‧拉里賈尼", "阿里拉里贾尼", "阿里•拉里賈尼", "阿里拉里賈尼"])
def test_all_spellings_of_a_name_are_the_same_entry(matcher, text):
    m = only(matcher, text)
    assert (m.entry.id, m.form, m.start, m.end) == ("ali-larijani", "阿里·拉里贾尼", 0, len(text))


@pytest.mark.parametrize("text", [
    "霍拉姆沙赫尔-4", "霍拉姆沙赫尔－4", "霍拉姆沙赫尔—4", "霍拉姆沙赫尔-４", "霍拉姆沙赫尔–4",
    "霍拉姆沙赫尔‐4", "霍拉姆沙赫尔−4", "霍拉姆沙赫尔－４", "霍拉姆沙赫爾-4",
])
def test_hyphen_dash_and_width_variants(matcher, text):
    m = only(matcher, f"试射{text}导弹")
    assert (m.entry.id, m.start, m.end, m.matched) == ("khorramshahr-4", 2, 10, text)


def test_full_width_letters_and_digits(matcher):
    m = only(matcher, "两架Ｆ－３５战斗机")
    assert (m.entry.id, m.start, m.end, m.matched) == ("f-35", 2, 9, "Ｆ－３５战斗机")


def test_noise_folding_keeps_lengths():
    text = "阿里•拉里贾尼、霍拉姆沙赫尔—４、Ｆ－３５"
    folded = fold_noise(text)
    assert len(folded) == len(text)
    assert folded == "阿里·拉里贾尼、霍拉姆沙赫尔-4、F-35"
    again, changed = fold_noise_at(text)
    assert again == folded
    assert [text[i] for i in changed] == ["•", "—", "４", "Ｆ", "－", "３", "５"]


# --- pinyin annotations -----------------------------------------------------------------------


def test_term_interrupted_by_annotation_keeps_original_span(matcher):
    text = "12日戰(zhàn)爭結束"
    m = matcher.scan(text)[0]
    assert (m.entry.id, m.start, m.end) == ("twelve-day-war", 0, 11)
    assert m.matched == "12日戰(zhàn)爭" and m.clean == "12日戰爭"


def test_two_annotations_inside_one_term(matcher):
    text = "签署協(xié)議(yì)后"
    m = matcher.scan(text)[0]
    assert (m.entry.id, m.start, m.end, m.matched) == ("agreement", 2, 9, "協(xié)議")
    assert [(a.start, a.end, a.reading) for a in prepare(text).annotations] == [
        (3, 8, "xié"), (9, 13, "yì")]


@pytest.mark.parametrize("text, term_start, term_end", [
    ("说(shuō)阿拉格齐表示", 7, 11),  # annotation just before the term
    ("阿拉格齐(qí)表示", 0, 4),  # annotation just after: not part of the span
    ("阿(ā)拉格齐表示", 0, 7),  # annotation after the first character
    ("阿拉格(gé)齐表示", 0, 8),
])
def test_annotation_at_term_boundaries(matcher, text, term_start, term_end):
    m = only(matcher, text)
    assert (m.start, m.end, m.clean) == (term_start, term_end, "阿拉格齐")


@pytest.mark.parametrize("text, readings", [
    ("戰(zhàn)爭", ["zhàn"]),
    ("戰（zhàn）爭", ["zhàn"]),
    ("戰( zhàn )爭", ["zhàn"]),
    ("战(zhan4)争", ["zhan4"]),
    ("協(xié)議", ["xié"]),
    ("绿(lǜ)色", ["lǜ"]),
    ("战争(zhàn zhēng)", ["zhàn zhēng"]),
    ("西安(xī'ān)", ["xī'ān"]),
    ("伊朗(Iran)", []),
    ("伊朗（Iran）", []),
    ("美国(USA)", []),
    ("导弹(missile)", []),
    ("第(1)条", []),
    ("(zhàn)开头", []),  # no character before the bracket
    ("abc(zhàn)", []),
    # capitalised, hyphenated, run together with capitals: as pages paste them
    ("阿拉格齐（Ā lā gé qí）", ["Ā lā gé qí"]),
    ("阿拉格齐（Ālāgéqí）", ["Ālāgéqí"]),
    ("阿拉格齐（ā-lā-gé-qí）", ["ā-lā-gé-qí"]),
    ("发送(e-mail)", []),
    ("他(Émile)说", []),
    # Zhuyin, as Taiwan's pages annotate
    ("戰(ㄓㄢˋ)爭", ["ㄓㄢˋ"]),
    ("談判(ㄊㄢˊ ㄆㄢˋ)", ["ㄊㄢˊ ㄆㄢˋ"]),
    ("的(˙ㄉㄜ)", ["˙ㄉㄜ"]),
    ("注音符号（ㄅㄆㄇㄈ）", []),  # the symbols listed, not a syllable
    ("声调符号（ˇ）", []),
    # a reading pasted twice, in both systems, or with a space between
    ("12日戰(zhàn)(ㄓㄢˋ)爭", ["zhàn", "ㄓㄢˋ"]),
    ("戰 (zhàn) (zhàn)爭", ["zhàn", "zhàn"]),
    ("阿(a)", []), ("俄(e)语", []),  # list labels
    # the reading of a quoted or bold word
    ("各方“斡旋”（wòxuán）未果", ["wòxuán"]), ("**斡旋**（wòxuán）", ["wòxuán"]),
    ("“伊朗”（Iran）", []), ("“咖啡”(café)", []),
])
def test_find_annotations(text, readings):
    assert [a.reading for a in find_annotations(text)] == readings


def test_a_space_before_the_bracket_goes_with_the_annotation():
    (a,) = find_annotations("12日戰 (zhàn)爭")
    assert (a.start, a.end) == (4, 11)
    assert prepare("12日戰 (zhàn)爭").clean == "12日戰爭"
    assert find_annotations("伊朗 (Iran)") == []


@pytest.mark.parametrize("text", ["根据第五条(a)款", "附件(e)", "第一条(i)项", "第三条(v)项", "第(o)段"])
def test_enumeration_labels_are_not_annotations(text):
    # Untoned one-letter readings are list labels (fixed: --fix used to delete them).
    assert list(find_annotations(text)) == []


@pytest.mark.parametrize("text, reading", [("啊(ā)", "ā"), ("啊(a1)", "a1"), ("饿(è)", "è")])
def test_toned_one_letter_readings_are_annotations(text, reading):
    assert [a.reading for a in find_annotations(text)] == [reading]


def test_english_in_brackets_does_not_interrupt_terms(matcher):
    text = "伊朗(Iran)与美国"
    m = only(matcher, text)
    assert (m.entry.id, m.start, m.end) == ("iran", 0, 2)
    assert prepare(text).annotations == []


def test_is_pinyin():
    assert is_pinyin("zhàn") and is_pinyin("zhan4") and is_pinyin("xié") and is_pinyin("ma")
    assert not is_pinyin("Iran") and not is_pinyin("USA") and not is_pinyin("hello")


@pytest.mark.parametrize("text, readings", [
    ("做多（long）原油期货", []),  # English glosses that spell pinyin: 多 reads duō
    ("伊朗禁止（ban）核武器試驗", []),
    ("人(man)和枪(gun)", []),
    # the characters' own, on a page annotated with tone marks elsewhere
    ("戰(zhàn)爭，朗(lang)读、天(tian)气、長(chang)城", ["zhàn", "lang", "tian", "chang"]),
    ("伊朗(yi lang)说，戰(zhàn)", ["yi lang", "zhàn"]),  # one syllable a character before it
    # no tone mark anywhere: a text glossing its words in romanisation
    ("朗(lang)读、天(tian)气", []), ("躺平（tang ping）、风水（feng shui）、元（yuan）", []),
    ("朗(lang)(lang)读", []),
    ("戰(zhàn)爭、協(xie2)議", ["zhàn", "xie2"]),  # tone marks and numbers: pinyin, whatever follows
])
def test_toneless_readings_must_be_the_characters_own(text, readings):
    assert [a.reading for a in find_annotations(text)] == readings


def test_offset_map_round_trip():
    text = "甲(jiǎ)乙丙(bǐng)丁"
    annotations = list(find_annotations(text))
    clean = strip_annotations(text, annotations)
    assert clean == "甲乙丙丁"
    offsets = OffsetMap(annotations)
    assert [text[offsets.start(i)] for i in range(len(clean))] == list(clean)
    assert offsets.end(1) == 1 and offsets.end(2) == 7 and offsets.end(4) == len(text)


# --- quotes, brackets, leftmost-longest -----------------------------------------------------


@pytest.mark.parametrize("text, entry_id, start, end", [
    ("“12日战争”", "twelve-day-war", 1, 6),
    ("「12日戰爭」", "twelve-day-war", 1, 6),
    ("《新削减战略武器条约》", "new-start", 1, 10),
    ("〈新削減戰略武器條約〉", "new-start", 1, 10),
    ("‘阿拉格齐’", "abbas-araghchi", 1, 5),
    ("\"阿拉格齐\"", "abbas-araghchi", 1, 5),
    ("『川普』", "donald-trump", 1, 3),
])
def test_quotes_and_book_title_marks_do_not_hide_terms(matcher, text, entry_id, start, end):
    m = only(matcher, text)
    assert (m.entry.id, m.start, m.end) == (entry_id, start, end)


@pytest.mark.parametrize("text, expected", [
    ("霍拉姆沙赫尔-4导弹", [("khorramshahr-4", 0, 8)]),
    ("霍拉姆沙赫尔港", [("khorramshahr", 0, 6)]),
    ("美军中央司令部说", [("centcom", 0, 7)]),
    ("中央司令部说", [("central-command", 0, 5)]),
    ("美军中央司令部和中央司令部", [("centcom", 0, 7), ("central-command", 8, 13)]),
    ("阿巴斯·阿拉格齐和阿拉格齐", [("abbas-araghchi", 0, 8), ("abbas-araghchi", 9, 13)]),
    ("阿里·拉里贾尼和拉里贾尼", [("ali-larijani", 0, 7), ("ali-larijani", 8, 12)]),
])
def test_leftmost_longest(matcher, text, expected):
    assert [(m.entry.id, m.start, m.end) for m in matcher.scan(text)] == expected


def test_leftmost_longest_through_noise_and_annotations(matcher):
    text = "霍拉姆沙赫(hè)尔—４导弹"
    m = only(matcher, text)
    assert (m.entry.id, m.start, m.end, m.clean) == ("khorramshahr-4", 0, 12, "霍拉姆沙赫尔—４")


def test_offsets_count_code_points_beyond_the_bmp(matcher):
    text = "𠮷𠮷阿拉格齐"  # two astral characters (two UTF-16 units each) before the term
    m = only(matcher, text)
    assert (m.start, m.end) == (2, 6)


def test_many_terms_in_one_text_keep_order(matcher):
    text = "伊朗\n阿拉格齐与拉里贾尼会谈，讨论协议和12日战争。\r\n川普"
    found = [(m.entry.id, text[m.start:m.end]) for m in matcher.scan(text)]
    assert found == [("iran", "伊朗"), ("abbas-araghchi", "阿拉格齐"), ("ali-larijani", "拉里贾尼"),
                     ("agreement", "协议"), ("twelve-day-war", "12日战争"), ("donald-trump", "川普")]


def test_large_texts_give_the_same_hits_as_small_ones(matcher):
    # A large text is rewritten in the automaton's alphabet with NumPy, a small one with
    # str.translate (when NumPy is not loaded yet).
    pieces = ["伊朗\n阿拉格齐与拉里贾尼会谈，讨论协议和12日战争。\r\n川普", "霍拉姆沙赫(hè)尔—４导弹",
              "阿里‧拉里賈尼", "𠮷𠮷阿拉格齐", "今天天气很好，我们去公园散步。", "\x00\uffff\ufffe\uffff"]
    small = [matcher.scan(piece) for piece in pieces]
    text = "".join(pieces) * 1000
    assert len(text) > 20_000
    offset, expected = 0, []
    for _ in range(1000):
        for piece, found in zip(pieces, small):
            expected += [(m.entry.id, m.start + offset, m.end + offset) for m in found]
            offset += len(piece)
    assert [(m.entry.id, m.start, m.end) for m in matcher.scan(text)] == expected
    assert expected


def test_find_terms_helper(glossary):
    assert [m.entry.id for m in find_terms(glossary, "阿拉格齊說")] == ["abbas-araghchi"]


def test_no_terms_in_plain_text(matcher):
    assert matcher.scan("今天天气很好，我们去公园散步。") == []
    assert matcher.scan("") == []


def test_first_claim_wins_for_a_shared_spelling():
    a = Entry.from_dict({"id": "a", "zh": "甲乙", "en": "A", "type": "term"})
    b = Entry.from_dict({"id": "b", "zh": "丙丁", "en": "B", "type": "term", "variants": ["甲乙"]})
    patterns = expand_patterns(Glossary([a, b]))
    assert [(p.entry, p.kind) for p in patterns if p.text == "甲乙"] == [(0, "preferred")]


# --- the on-disk cache ------------------------------------------------------------------------


def _glossary(*extra_variants: str) -> Glossary:
    return Glossary([Entry.from_dict({
        "id": "abbas-araghchi", "zh": "阿拉格齐", "en": "Abbas Araghchi", "type": "person",
        "variants": list(extra_variants), "forbidden": ["阿拉格奇"],
    })])


def test_cache_second_call_loads_from_disk(tmp_path):
    first = Matcher.for_glossary(_glossary())
    assert first.loaded_from_cache is False
    files = list((tmp_path / "cache").glob("patterns-*"))
    assert len(files) == 1
    second = Matcher.for_glossary(_glossary())  # a new object with the same content
    assert second.loaded_from_cache is True
    assert second.patterns == first.patterns
    text = "阿拉格奇和阿拉格齊"
    assert [(m.start, m.end, m.kind) for m in second.scan(text)] == [
        (m.start, m.end, m.kind) for m in first.scan(text)]


def test_changed_glossary_gets_a_new_key(tmp_path):
    assert glossary_fingerprint(_glossary()) == glossary_fingerprint(_glossary())
    assert glossary_fingerprint(_glossary()) != glossary_fingerprint(_glossary("阿巴斯·阿拉格齐"))
    Matcher.for_glossary(_glossary())
    changed = Matcher.for_glossary(_glossary("阿巴斯·阿拉格齐"))
    assert changed.loaded_from_cache is False
    assert [m.kind for m in changed.scan("阿巴斯·阿拉格齐")] == ["variant"]
    assert len(list((tmp_path / "cache").glob("patterns-*"))) == 2


def test_english_fields_do_not_change_the_key():
    base = _glossary()
    other = Glossary([Entry.from_dict({
        "id": "abbas-araghchi", "zh": "阿拉格齐", "en": "A. Araghchi", "type": "person",
        "forbidden": ["阿拉格奇"], "note": "changed",
    })])
    assert glossary_fingerprint(base) == glossary_fingerprint(other)


@pytest.mark.parametrize("junk", [b"", b"not marshal data", b"\x80\x05\x95garbage", b"\x00" * 64, "truncate"])
def test_corrupt_cache_file_is_rebuilt_silently(tmp_path, junk):
    Matcher.for_glossary(_glossary())
    (path,) = (tmp_path / "cache").glob("patterns-*")
    path.write_bytes(path.read_bytes()[:40] if junk == "truncate" else junk)
    rebuilt = Matcher.for_glossary(_glossary())
    assert rebuilt.loaded_from_cache is False
    assert [m.kind for m in rebuilt.scan("阿拉格奇")] == ["forbidden"]
    again = Matcher.for_glossary(_glossary())
    assert again.loaded_from_cache is True  # the rebuilt automaton was written back


def test_no_cache_writes_nothing(tmp_path):
    matcher = Matcher.for_glossary(_glossary(), use_cache=False)
    assert matcher.loaded_from_cache is False
    assert not (tmp_path / "cache").exists()


def test_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    matcher = Matcher.for_glossary(_glossary())
    assert [m.kind for m in matcher.scan("阿拉格奇")] == ["forbidden"]


def test_cache_leaves_no_temporary_files(tmp_path):
    Matcher.for_glossary(_glossary())
    Matcher.for_glossary(_glossary("阿巴斯·阿拉格齐"))
    names = sorted(os.listdir(tmp_path / "cache"))
    assert len(names) == 2 and all(n.startswith("patterns-") for n in names)


def test_get_matcher_is_built_once_per_glossary_object():
    g = _glossary()
    assert get_matcher(g) is get_matcher(g)


def test_a_form_written_with_a_space_is_looked_for_as_texts_are_read():
    glossary = Glossary([Entry.from_dict({
        "id": "wang-yi", "zh": "王 毅", "en": "Wang Yi", "type": "person"})])
    assert [m.entry.id for m in find_terms(glossary, "王毅说")] == ["wang-yi"]
    assert [m.clean for m in find_terms(glossary, "出席：王　毅、李　强")] == ["王毅"]


@pytest.mark.parametrize("text, cuts", [
    ("在 2025 年", [(1, 2), (6, 7)]),
    ("iPhone 手机", [(6, 7)]),
    ("F-35\u00a0战斗机", [(4, 5)]),
    ("8200\u2009部隊、12\u2006日戰爭、F-35\u202f戰機", [(4, 5), (10, 11), (19, 20)]),  # typeset spaces
    ("Iran said，伊朗  2025", []),  # between Latin words; a double space is a gap
    ("伊朗 美国", []),  # between two ideographs: spaced_separators' business
])
def test_latin_spaces(text, cuts):
    assert latin_spaces(text) == cuts


def test_a_form_with_a_latin_space_is_looked_for_without_it():
    glossary = Glossary([Entry.from_dict({
        "id": "f-35", "zh": "F-35 战斗机", "en": "F-35", "type": "term"})])
    assert [m.clean for m in find_terms(glossary, "以色列F-35战斗机和F-35 战斗机")] == [
        "F-35战斗机", "F-35战斗机"]


def test_a_form_with_a_hyphen_between_ideographs_is_read_as_texts_are():
    """Texts read a hyphen between ideographs as a name's interpunct; so do glossary forms."""
    glossary = Glossary([Entry.from_dict({
        "id": "iran-iraq-war", "zh": "两伊-战争", "en": "Iran-Iraq War", "type": "event"})])
    found = find_terms(glossary, "两伊-战争、两伊－战争、两伊·战争")
    assert [(m.entry.id, m.clean) for m in found] == [
        ("iran-iraq-war", "两伊-战争"), ("iran-iraq-war", "两伊－战争"), ("iran-iraq-war", "两伊·战争")]
    assert check_text(glossary, "两伊-战争。") == []


@pytest.mark.parametrize("text, offsets", [
    ("阿里-拉里贾尼", [2]),
    ("阿里－拉里贾尼和阿巴斯‐阿拉格齐", [2, 11]),
    ("F-35、霍拉姆沙赫尔-4、2025-2026、-阿里-", []),
    ("阿里——拉里贾尼", []),
    ("阿里 拉里贾尼、阿里\u3000拉里贾尼、阿里\u00a0拉里贾尼", [2, 10, 18]),  # a space for the interpunct
    ("阿里  拉里贾尼、F 35、 阿里", []),  # two spaces: a column gap; not between two ideographs
])
def test_name_hyphens(text, offsets):
    assert name_hyphens(text) == offsets


@pytest.mark.parametrize("folded, bare", [
    ("F-35", "F35"), ("MQ-9B无人机", "MQ9B无人机"), ("S-400", "S400"),
    ("霍拉姆沙赫尔-4", "霍拉姆沙赫尔-4"),  # 霍拉姆沙赫尔4日: the city, on the 4th
    ("歼-20", "歼-20"), ("2025-2026年", "2025-2026年"), ("K-pop", "K-pop"), ("两伊-战争", "两伊-战争"),
    ("-4", "-4"), ("F-", "F-"),
])
def test_strip_hyphens(folded, bare):
    assert strip_hyphens(folded) == bare


@pytest.mark.parametrize("folded, bare", [
    ("霍拉姆沙赫尔-4", "霍拉姆沙赫尔4"), ("歼-20", "歼20"),
    ("F-35", "F-35"), ("2025-2026年", "2025-2026年"), ("两伊-战争", "两伊-战争"), ("伊-4", "伊4"),
    ("-4", "-4"), ("霍拉姆沙赫尔-", "霍拉姆沙赫尔-"),
])
def test_strip_number_hyphens(folded, bare):
    assert strip_number_hyphens(folded) == bare


@pytest.mark.parametrize("folded, offsets", [
    ("霍拉姆沙赫尔·4", [6]), ("阿里·拉里贾尼", []), ("5·12地震", []), ("·4", []), ("霍拉·", []),
    ("甲·1、乙·2", [1, 5]),
])
def test_number_interpuncts(folded, offsets):
    assert number_interpuncts(folded) == offsets


def test_a_name_written_with_a_hyphen_is_found_without_it():
    glossary = Glossary([Entry.from_dict({
        "id": "ahmadinejad", "zh": "艾哈迈迪-内贾德", "en": "Mahmoud Ahmadinejad", "type": "person"})])
    found = check_text(glossary, "前总统艾哈迈迪内贾德说，")
    assert [(f.code, f.matched, f.fix.replacement) for f in found] == [
        ("GL005", "艾哈迈迪内贾德", "艾哈迈迪-内贾德")]
    assert found[0].message == "`艾哈迈迪内贾德` is written without its hyphen"
    assert check_text(glossary, "前总统艾哈迈迪-内贾德说，") == []


def test_a_latin_space_written_as_a_character_reference_is_cut_quietly():
    glossary = Glossary([
        Entry.from_dict({"id": "twelve-day-war", "zh": "12日战争", "en": "Twelve-Day War",
                         "type": "event"}),
        Entry.from_dict({"id": "f-35", "zh": "F-35战斗机", "en": "F-35", "type": "term"})])
    text = "這場12&nbsp;日戰爭中，F-35&#8201;戰鬥機起飛"
    assert [m.entry.id for m in find_terms(glossary, text)] == ["twelve-day-war", "f-35"]
    assert check_text(glossary, "这场12&nbsp;日战争中，F-35&thinsp;战斗机起飞") == []
    assert check_text(glossary, "这场12&amp;nbsp;日战争中") == []  # escaped twice
    assert [m.matched for m in find_terms(glossary, "这场12&amp;nbsp;日战争中")] == ["12&amp;nbsp;日战争"]


# --- not_in: longer words in which a form is not the entry --------------------------------


def _not_in_glossary():
    return Glossary([
        Entry.from_dict({"id": "donald-trump", "zh": "特朗普", "zh_hant": "川普", "en": "Donald Trump",
                         "type": "person", "not_in": ["四川普"]}),
        Entry.from_dict({"id": "russia", "zh": "俄罗斯", "en": "Russia", "type": "place",
                         "not_in": ["白俄罗斯"]}),
        Entry.from_dict({"id": "russian-foreign-ministry", "zh": "俄罗斯外交部",
                         "en": "Russian Foreign Ministry", "type": "organization"}),
        Entry.from_dict({"id": "foreign-minister", "zh": "外交部长", "en": "foreign minister",
                         "type": "term"}),
        Entry.from_dict({"id": "qatar", "zh": "卡塔尔", "zh_hant": "卡達", "en": "Qatar",
                         "type": "place", "variants": ["卡达"], "not_in": ["卡达菲"]}),
    ])


@pytest.mark.parametrize("text, found", [
    ("四川普降大雨，川普表示", [("donald-trump", "川普")]),  # heavy rain in Sichuan; Trump
    ("白俄罗斯与俄罗斯", [("russia", "俄罗斯")]),
    ("卡達菲與卡達、卡达菲", [("qatar", "卡達")]),  # Gaddafi, in either script, is not Qatar's
    ("四川(sì)普降", []),  # through a pinyin annotation too
    ("四川 普降", []),  # and a space read as an interpunct
])
def test_a_form_inside_a_not_in_word_is_no_match(text, found):
    assert [(m.entry.id, m.matched) for m in find_terms(_not_in_glossary(), text)] == found


def test_the_terms_within_and_after_a_dropped_match_are_found():
    # 白俄罗斯 is not Russia, but the ministry after it is Russia's; 四川普 is not Trump
    found = find_terms(_not_in_glossary(), "白俄罗斯与俄罗斯外交部，四川普降")
    assert [(m.entry.id, m.start) for m in found] == [("russian-foreign-ministry", 5)]


def test_a_ministrys_not_in_minister_keeps_both_terms_found():
    glossary = Glossary([e for e in _not_in_glossary() if e.id != "russian-foreign-ministry"] + [
        Entry.from_dict({"id": "russian-foreign-ministry", "zh": "俄罗斯外交部",
                         "en": "Russian Foreign Ministry", "type": "organization",
                         "not_in": ["俄罗斯外交部长", "白俄罗斯外交部"]}),
        Entry.from_dict({"id": "diplomacy", "zh": "外交", "en": "diplomacy", "type": "term"})])
    found = find_terms(glossary, "俄罗斯外交部长拉夫罗夫与俄罗斯外交部、外交部長")
    assert [(m.entry.id, m.start) for m in found] == [
        ("russia", 0), ("foreign-minister", 3), ("russian-foreign-ministry", 12),
        ("foreign-minister", 19)]
    # the longest term wins in the text looked at again: 外交部长, not 外交
    found = find_terms(glossary, "白俄罗斯外交部长表示")
    assert [(m.entry.id, m.matched) for m in found] == [("foreign-minister", "外交部长")]


def test_a_term_followed_by_zhang_is_still_the_term():
    glossary = Glossary([Entry.from_dict({"id": "centcom", "zh": "美国中央司令部",
                                          "en": "CENTCOM", "type": "military"})])
    assert [m.matched for m in find_terms(glossary, "美国中央司令部长官表示，美国中央司令部长期")] == [
        "美国中央司令部", "美国中央司令部"]


def test_a_not_in_word_in_either_script_applies_to_both():
    glossary = Glossary([Entry.from_dict({"id": "rome", "zh": "罗马", "en": "Rome", "type": "place",
                                          "not_in": ["羅馬尼亞"]})])
    assert [m.matched for m in find_terms(glossary, "罗马尼亚、羅馬尼亞与罗马")] == ["罗马"]


def test_not_in_words_must_hold_a_form_and_more():
    for word in ["巴黎", "俄罗斯", "白俄·罗斯"]:  # a word must hold the form as a text writes it
        with pytest.raises(GlossaryError, match="must contain one of the entry's forms and more"):
            Entry.from_dict({"id": "russia", "zh": "俄罗斯", "en": "Russia", "type": "place",
                             "not_in": [word]})
    entry = Entry.from_dict({"id": "qatar", "zh": "卡塔尔", "zh_hant": "卡達", "en": "Qatar",
                             "type": "place", "not_in": ["卡達菲"]})  # the traditional form's
    assert entry.to_dict()["not_in"] == ["卡達菲"]


def test_not_in_changes_the_automatons_cache_key():
    from glossary.matcher import glossary_fingerprint

    plain = Glossary([Entry.from_dict({"id": "rome", "zh": "罗马", "en": "Rome", "type": "place"})])
    told = Glossary([Entry.from_dict({"id": "rome", "zh": "罗马", "en": "Rome", "type": "place",
                                      "not_in": ["罗马尼亚"]})])
    assert glossary_fingerprint(plain) != glossary_fingerprint(told)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("阿拉格齐伊朗·-4F川普 \n"), max_size=30).map("".join),
       st.text(max_size=60))
def test_both_ways_of_rewriting_a_text_in_the_alphabet_agree(spellings, text):
    alphabet = Alphabet.of([spellings, "12日战争", "F-35"])
    text = spellings + text  # surrogates, astral characters, U+0000 and U+FFFF included
    translated, looked_up = alphabet._translated(text), alphabet._looked_up(text)
    assert translated == looked_up
    assert len(translated) == len(text)
    assert all(c == "\x00" or alphabet.characters[ord(c) - 1] == t for c, t in zip(translated, text))


def test_the_alphabets_commonest_characters_take_one_byte():
    alphabet = Alphabet.of(["伊朗", "伊拉克", "伊斯兰"])
    assert alphabet.characters[0] == "伊"
    assert alphabet.encode("伊朗") == "\x01" + chr(alphabet.characters.index("朗") + 1)
    assert alphabet.encode("美国") == "\x00\x00"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["阿", "拉", "F", "4", "-", "·", " ", "\u3000", "\u00a0", "\t",
                                 "\u2009", "\u200b", "\u00ad", "(lā)", "&nbsp;", "\n", "。"]),
                max_size=40).map("".join))
def test_spaces_found_in_one_pass_are_those_found_one_character_at_a_time(text):
    import numpy  # noqa: F401  (loaded: positions() finds them in one pass)

    at = positions(text)
    assert at is not None
    assert spaced_separators(text, None, at) == spaced_separators(text)
    assert latin_spaces(text, at) == latin_spaces(text)
    assert invisible_runs(text, at) == invisible_runs(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["阿", "拉", "里", "F", "4", "４", "Ｆ", "-", "－", "—", "‐", ".",
                                 "·", "•", "‧",
                                 " ", "\u3000", "\u00a0", "\u2009", "\u200b", "(lā)", "&nbsp;",
                                 "&#8226;", "&middot;", "&#45;", "<b>", "</b>", "\n", "。", "“",
                                 "”号"]),
                max_size=40).map("".join))
def test_noise_found_in_one_pass_is_folded_as_the_noise_looked_for(text):
    from unittest import mock

    import glossary.matcher as matcher_module
    import numpy  # noqa: F401  (loaded: positions() finds spaces and noise in one pass)

    def plain(prepared):
        offsets = prepared.offsets
        return (prepared.clean, prepared.folded, prepared.annotations, prepared.noise,
                prepared.spaced, prepared.stand_ins,
                offsets and (offsets.breaks, offsets.shifts))

    assert positions(text) is not None
    one_pass = prepare(text)
    with mock.patch.object(matcher_module, "positions", lambda text: None):
        looked_for = prepare(text)
    assert plain(one_pass) == plain(looked_for)


def test_a_glossary_of_more_characters_than_the_alphabet_holds_still_reads_lone_surrogates():
    chars = [chr(c) for c in (*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0),
                              *range(0x20000, 0x2A6E0))]
    glossary = Glossary([Entry.from_dict({"id": f"x{i}", "zh": chars[2 * i] + chars[2 * i + 1],
                                          "en": f"X{i}", "type": "term"})
                         for i in range(len(chars) // 2)])
    # the spellings made directly: expanding 35,000 forms with OpenCC takes seconds
    matcher = Matcher(glossary, [Pattern(i, "preferred", e.zh, e.zh, "simplified", True)
                                 for i, e in enumerate(glossary.entries)])
    assert not matcher.alphabet.usable
    found = [(m.start, m.end, m.entry.id) for m in matcher.scan("一丁\udc80丂七")]
    assert found == [(0, 2, "x0"), (3, 5, "x1")]


def test_a_term_that_runs_past_the_next_hit_wins_once_a_hit_is_dropped():
    glossary = Glossary([
        Entry.from_dict({"id": "donald-trump", "zh": "川普", "en": "Donald Trump", "type": "person",
                         "not_in": ["四川普降"]}),
        Entry.from_dict({"id": "downpour", "zh": "普降大雨", "en": "downpour", "type": "term"}),
        Entry.from_dict({"id": "rain", "zh": "大雨", "en": "heavy rain", "type": "term"}),
    ])
    # the first scan found 川普 and then 大雨; without 川普, 普降大雨 starts first
    assert [(m.entry.id, m.matched) for m in find_terms(glossary, "四川普降大雨，川普说")] == [
        ("downpour", "普降大雨"), ("donald-trump", "川普")]


def _leftmost_longest(text: str, keys: list[tuple[str, int]], dropped) -> list[tuple]:
    """A plain scan: at the leftmost start with a match, its longest match that is not dropped."""
    out, pos = [], 0
    while pos < len(text):
        found = None
        for start in range(pos, len(text)):
            here = sorted(((len(k), n) for k, n in keys if text.startswith(k, start)), reverse=True)
            kept = [(size, n) for size, n in here if not dropped(n, start, start + size)]
            if kept:
                found = (kept[0][1], start, start + kept[0][0])
                break
        if found is None:
            break
        out.append(found)
        pos = found[2]
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text("甲乙丙丁", min_size=1, max_size=3), min_size=1, max_size=6, unique=True),
       st.lists(st.tuples(st.integers(0, 5), st.text("甲乙丙丁", min_size=1, max_size=2),
                          st.booleans()), max_size=4),
       st.data())
def test_dropping_hits_inside_not_in_words_is_a_scan_that_skips_them(forms, words, data):
    entries = []
    for number, form in enumerate(forms):
        not_in = [(extra + form if before else form + extra)
                  for index, extra, before in words if index == number]
        entries.append(Entry.from_dict({"id": f"e{number}", "zh": form, "en": f"E{number}",
                                        "type": "term", "not_in": list(dict.fromkeys(not_in))}))
    matcher = Matcher.build(Glossary(entries))
    keys = [(p.text, n) for n, p in enumerate(matcher.patterns)]
    # the text made of the forms, their not_in words and single characters
    pieces = [*forms, *(word for e in entries for word in e.not_in), *"甲乙丙丁"]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))

    def dropped(number, start, end):
        entry = entries[matcher.patterns[number].entry]
        key = matcher.patterns[number].text
        return any(text.startswith(word, start - at)
                   for word in entry.not_in for at in range(len(word))
                   if word != key and word.startswith(key, at) and start - at >= 0)

    assert matcher.hits(prepare(text)) == _leftmost_longest(text, keys, dropped)


def test_a_spelling_that_starts_or_ends_with_a_digit_is_no_match_inside_a_number():
    glossary = Glossary([
        Entry.from_dict({"id": "channel-12", "zh": "第12频道电视台", "en": "Channel 12",
                         "type": "media", "variants": ["12频道"]}),
        Entry.from_dict({"id": "twelve-day-war", "zh": "12日战争", "en": "Twelve-Day War",
                         "type": "event"}),
        Entry.from_dict({"id": "khorramshahr-4", "zh": "霍拉姆沙赫尔-4", "en": "Khorramshahr-4",
                         "type": "military"}),
        Entry.from_dict({"id": "khorramshahr", "zh": "霍拉姆沙赫尔", "en": "Khorramshahr",
                         "type": "place"})])
    found = find_terms(glossary, "数字电视第112频道、以色列１２频道、112日战争、12日战争")
    assert [m.matched for m in found] == ["１２频道", "12日战争"]
    # a longer number is another missile; the shorter term before it is still found
    found = find_terms(glossary, "霍拉姆沙赫尔-40与霍拉姆沙赫尔-4")
    assert [(m.entry.id, m.matched) for m in found] == [
        ("khorramshahr", "霍拉姆沙赫尔"), ("khorramshahr-4", "霍拉姆沙赫尔-4")]


@pytest.mark.parametrize("text, found", [
    ("萨米尔·哈提卜说，以军总参谋长埃亚勒·扎米尔说", ["埃亚勒·扎米尔"]),  # another Samir
    ("萨米尔•哈提卜说，埃亚勒·扎米尔说", ["埃亚勒·扎米尔"]),  # another interpunct
    ("埃亚勒·扎米尔说，萨米尔说", ["埃亚勒·扎米尔", "萨米尔"]),
    ("埃亚勒·扎米尔说，埃亚勒·萨米尔说", ["埃亚勒·扎米尔", "萨米尔"]),  # the entry's own given name
    # a hyphen or dash joins two names, a space ends a clause: no full name of another
    ("埃亚勒·扎米尔说，萨米尔-哈提卜会谈", ["埃亚勒·扎米尔", "萨米尔"]),
    ("埃亚勒·扎米尔说。#萨米尔 表示", ["埃亚勒·扎米尔", "萨米尔"]),
    # a form that is no generic one keeps its hits: given names come in many transliterations
    ("伊万卡·特朗普说", ["特朗普"]), ("唐納·川普说", ["川普"]), ("唐纳德·特朗普说", ["唐纳德·特朗普"]),
])
def test_a_generic_name_in_another_persons_full_name_is_no_hit(text, found):
    """A person's generic one-part name (萨米尔, a given name as common as Samir) joined by an
    interpunct to a part none of the entry's full names has is another person's name."""
    glossary = Glossary([
        Entry.from_dict({"id": "eyal-zamir", "zh": "扎米尔", "en": "Eyal Zamir", "type": "person",
                         "variants": ["埃亚勒·扎米尔", "萨米尔"], "generic": ["萨米尔"]}),
        Entry.from_dict({"id": "donald-trump", "zh": "特朗普", "en": "Donald Trump",
                         "type": "person", "variants": ["唐纳德·特朗普"], "zh_hant": "川普"})])
    assert [t.matched for t in find_terms(glossary, text)] == found


@pytest.mark.parametrize("text", ["阿里\u0387拉里贾尼说", "阿里\u2e31拉里贾尼说", "阿里\u318d拉里贾尼说",
                                  "阿里·拉里\ufe0f贾尼说", "阿里·拉\u034f里贾尼说"])
def test_rarer_interpuncts_and_invisible_marks_are_seen_through(text):
    """The Greek ano teleia (NFC's ·), the word separator middle dot and the Hangul araea as a
    name's interpunct; an emoji variation selector or a combining grapheme joiner inside."""
    glossary = Glossary([Entry.from_dict({"id": "ali-larijani", "zh": "阿里·拉里贾尼",
                                          "en": "Ali Larijani", "type": "person"})])
    assert [t.entry.id for t in find_terms(glossary, text)] == ["ali-larijani"]
