"""Generic forms: an entry's variant or forbidden form that is also an ordinary word
(经济学者 economists, 总统办公室 any president's office) counts as the entry only where the text
shows that the entry is meant."""

from __future__ import annotations

from collections import Counter

import pytest

from glossary.check import CheckOptions, check_text
from glossary.errors import GlossaryError
from glossary.matcher import find_terms
from glossary.model import Entry, Glossary
from glossary.segment import segment_files, term_notes


def _glossary(**extra) -> Glossary:
    return Glossary([
        Entry.from_dict({"id": "the-economist", "zh": "经济学人", "en": "The Economist",
                         "type": "media", "variants": ["经济学者"], "generic": ["经济学者"]}),
        Entry.from_dict({"id": "office-of-the-president-of-ukraine", "zh": "乌克兰总统办公室",
                         "en": "Office of the President of Ukraine", "type": "organization",
                         "variants": ["总统办公室"], "generic": ["总统办公室"]}),
        Entry.from_dict({"id": "kyrylo-budanov", "zh": "布达诺夫", "en": "Kyrylo Budanov",
                         "type": "person"}),
        *extra.get("more", []),
    ])


def found(text: str, glossary: Glossary | None = None, documents=()) -> list[tuple[str, str]]:
    return [(m.entry.id, m.matched) for m in find_terms(glossary or _glossary(), text, documents)]


@pytest.mark.parametrize("text, expected", [
    # ordinary words: economists, France's presidential office
    ("多位经济学者认为，美联储将继续加息。", []),
    ("法国总统办公室发表声明。", []),
    # a publication's name stands in book-title marks
    ("英国《经济学者》杂志报道", [("the-economist", "经济学者")]),
    ("英國〈經濟學者〉週刊報導", [("the-economist", "經濟學者")]),
    # the document writes what the generic form leaves out of the preferred form (乌克兰)
    ("乌克兰安全会议后，总统办公室主任布达诺夫表示",
     [("office-of-the-president-of-ukraine", "总统办公室"), ("kyrylo-budanov", "布达诺夫")]),
    ("烏克蘭官員稱，總統辦公室將回應",
     [("office-of-the-president-of-ukraine", "總統辦公室")]),
    # or another form of the entry
    ("乌克兰总统办公室称，总统办公室将回应",
     [("office-of-the-president-of-ukraine", "乌克兰总统办公室"),
      ("office-of-the-president-of-ukraine", "总统办公室")]),
    ("布达诺夫任总统办公室主任", [("kyrylo-budanov", "布达诺夫")]),
])
def test_a_generic_form_counts_only_where_its_entry_is_meant(text, expected):
    assert found(text) == expected


def test_without_evidence_the_hit_is_not_counted_by_any_rule():
    findings = check_text(_glossary(), "多位经济学者认为。法国总统办公室发表声明。")
    assert findings == []
    findings = check_text(_glossary(), "英国《经济学者》杂志称。多位经济学者认为。")
    assert [(f.code, f.column) for f in findings] == [("GL002", 4)]  # the title only


def test_the_terms_within_a_dropped_generic_hit_are_found():
    president = Entry.from_dict({"id": "president", "zh": "总统", "en": "president", "type": "term"})
    assert found("法国总统办公室发表声明", _glossary(more=[president])) == [("president", "总统")]
    assert found("乌克兰总统办公室", _glossary(more=[president])) == [
        ("office-of-the-president-of-ukraine", "乌克兰总统办公室")]


def test_the_sentences_document_is_evidence_for_segment_notes():
    document = "乌克兰代表团抵达。\n代表团成员包括总统办公室主任布达诺夫。\n"
    sentence = "代表团成员包括总统办公室主任布达诺夫。"
    assert found(sentence) == [("kyrylo-budanov", "布达诺夫")]
    assert found(sentence, documents=(document,))[0] == (
        "office-of-the-president-of-ukraine", "总统办公室")
    (unit,) = [u for u in segment_files([("a.txt", document)]) if u.text == sentence]
    assert unit.documents == [document]
    notes = term_notes(_glossary(), unit.text, unit.documents)
    assert notes[0] == "总统办公室 = Office of the President of Ukraine (variant of 乌克兰总统办公室)"


def test_generic_forms_and_inconsistent_forms():
    # the economists of one file do not make the-economist inconsistent with another's title
    from glossary.check import Checker
    from glossary.reader import Decoded

    checker = Checker(_glossary(), CheckOptions())
    checker.check_document("a.txt", Decoded("《经济学人》报道。", "utf-8", "\n"))
    checker.check_document("b.txt", Decoded("多位经济学者认为。", "utf-8", "\n"))
    assert Counter(f.code for f in checker.finish().findings) == Counter()


@pytest.mark.parametrize("data, message", [
    ({"variants": ["经济学者"], "generic": ["经济学家"]}, "generic form '经济学家' must be written as one"),
    ({"generic": ["经济学人"]}, "generic form '经济学人' must be written as one"),  # the preferred
    ({"variants": ["经济学者"], "generic": "经济学者"}, None),  # one value without a list
])
def test_a_generic_form_must_be_a_variant_or_forbidden_form(data, message):
    record = {"id": "the-economist", "zh": "经济学人", "en": "The Economist", "type": "media", **data}
    if message is None:
        assert Entry.from_dict(record).generic == ("经济学者",)
        return
    with pytest.raises(GlossaryError, match=message):
        Entry.from_dict(record, "media.yaml", 3, {"generic": 5})
    try:
        Entry.from_dict(record, "media.yaml", 3, {"generic": 5})
    except GlossaryError as error:
        assert error.line == 5


def test_a_forbidden_form_may_be_generic():
    entry = Entry.from_dict({"id": "x", "zh": "乌克兰总统办公室", "en": "Office", "type": "organization",
                             "forbidden": ["总统府"], "generic": ["总统府"]})
    glossary = Glossary([entry])
    assert found("韩国总统府发表声明", glossary) == []
    # 总统府 is not within the preferred form: only another form of the entry tells
    assert found("乌克兰总统府发表声明", glossary) == []
    assert found("乌克兰总统办公室（总统府）发表声明", glossary) == [
        ("x", "乌克兰总统办公室"), ("x", "总统府")]


def test_a_generic_form_after_another_countrys_name_is_not_meant():
    # 乌克兰 elsewhere in the text does not make South Korea's office Ukraine's
    text = "韩国总统办公室14日表示，将与乌克兰加强合作。"
    assert found(text) == []
    assert found("外国总统办公室称，乌克兰方面") == []
    # 该国, 我国: the country the text is about
    assert found("乌克兰局势紧张。该国总统办公室表示，总统办公室将继续谈判。") == [
        ("office-of-the-president-of-ukraine", "总统办公室")] * 2


def test_only_book_title_marks_tell_a_publications_generic_form():
    # another form of the publication in the text does not make economists a weekly
    assert found("英国《经济学人》杂志称，多位经济学者认为") == [("the-economist", "经济学人")]
    assert found("英国《经济学人》称，《经济学者》一文") == [
        ("the-economist", "经济学人"), ("the-economist", "经济学者")]


def test_a_single_character_left_out_of_the_preferred_form_is_no_evidence():
    glossary = Glossary([Entry.from_dict({
        "id": "uss-abraham-lincoln", "zh": "亚伯拉罕·林肯号", "en": "USS Abraham Lincoln",
        "type": "military", "variants": ["亚伯拉罕·林肯", "林肯号"], "generic": ["亚伯拉罕·林肯"]})])
    assert found("亚伯拉罕·林肯诞辰纪念日，3号举行", glossary) == []  # the president; 号 anywhere
    assert found("林肯号航母抵达。亚伯拉罕·林肯随后", glossary) == [
        ("uss-abraham-lincoln", "林肯号"), ("uss-abraham-lincoln", "亚伯拉罕·林肯")]


def test_a_generic_form_after_a_persons_title_is_the_person():
    """The carrier is named after the president: 总统亚伯拉罕·林肯 is the man, though the
    document writes the carrier elsewhere (field test 8: a film review, an encyclopedia)."""
    glossary = Glossary([Entry.from_dict({
        "id": "uss-abraham-lincoln", "zh": "亚伯拉罕·林肯号", "en": "USS Abraham Lincoln",
        "type": "military", "variants": ["亚伯拉罕·林肯", "林肯号"], "generic": ["亚伯拉罕·林肯"]})])
    assert found("以美国第16任总统亚伯拉罕·林肯命名的林肯号航母", glossary) == [
        ("uss-abraham-lincoln", "林肯号")]
    assert found("林肯号航母抵达。美军亚伯拉罕·林肯随后", glossary) == [
        ("uss-abraham-lincoln", "林肯号"), ("uss-abraham-lincoln", "亚伯拉罕·林肯")]


def test_after_another_countrys_name_once_the_documents_other_uses_are_that_countrys():
    text = "韩国总统办公室14日表示，将与乌克兰加强合作。\n总统办公室相关人士说。"
    assert found(text) == []
    # the entry's own full name still tells
    assert found("韩国总统办公室称。乌克兰总统办公室称，总统办公室将回应")[1:] == [
        ("office-of-the-president-of-ukraine", "总统办公室")]


def test_a_sentence_is_judged_as_its_document_is_checked():
    document = "韩国总统办公室发表声明。乌克兰外长表示欢迎。总统办公室称将继续谈判。"
    sentence = "总统办公室称将继续谈判。"
    assert [f.matched for f in check_text(_glossary(), document)] == []
    assert found(sentence, documents=(document,)) == []


def test_country_names_that_do_not_end_in_guo():
    assert found("南韓總統辦公室稱，烏克蘭局勢緊張") == []
    assert found("以色列总统办公室称，乌克兰局势紧张") == []
    # a nationality before a person's name is no other person
    alekseyev = Entry.from_dict({"id": "vladimir-alekseyev", "zh": "弗拉基米尔·阿列克谢耶夫",
                                 "en": "Vladimir Alekseyev", "type": "person",
                                 "variants": ["阿列克谢耶夫"], "generic": ["阿列克谢耶夫"]})
    assert found("弗拉基米尔·阿列克谢耶夫访华。俄罗斯阿列克谢耶夫称",
                 _glossary(more=[alekseyev]))[-1] == ("vladimir-alekseyev", "阿列克谢耶夫")


def test_a_form_inside_its_not_in_word_is_no_evidence():
    ship = Entry.from_dict({"id": "uss-abraham-lincoln", "zh": "亚伯拉罕·林肯号",
                            "en": "USS Abraham Lincoln", "type": "military",
                            "variants": ["亚伯拉罕·林肯", "林肯号"], "generic": ["亚伯拉罕·林肯"],
                            "not_in": ["林肯号召"]})
    glossary = Glossary([ship])
    # "Lincoln called on": not the ship, so the president stays the president
    assert found("林肯号召人民。亚伯拉罕·林肯是美国第十六任总统。", glossary) == []
    assert found("林肯号航母驶向中东。亚伯拉罕·林肯打击群", glossary) == [
        ("uss-abraham-lincoln", "林肯号"), ("uss-abraham-lincoln", "亚伯拉罕·林肯")]


def test_the_words_a_form_leaves_out_count_where_they_stand_on_their_own():
    ukraine = [Entry.from_dict({"id": "ukraine", "zh": "乌克兰", "en": "Ukraine", "type": "place"}),
               Entry.from_dict({"id": "ukraine-crisis", "zh": "乌克兰危机", "en": "Ukraine crisis",
                                "type": "event"})]
    glossary = _glossary(more=ukraine)
    # Korea's presidential office in a text that mentions the Ukraine crisis once
    assert found("总统办公室发言人表示，韩国将关注乌克兰危机。", glossary) == [
        ("ukraine-crisis", "乌克兰危机")]
    assert found("总统办公室发言人表示，乌克兰将回应。", glossary) == [
        ("office-of-the-president-of-ukraine", "总统办公室"), ("ukraine", "乌克兰")]
    # a word that is no term of the glossary counts wherever it is written
    assert found("乌克兰危机后，总统办公室表示") == [
        ("office-of-the-president-of-ukraine", "总统办公室")]


def test_the_entrys_english_name_in_the_text_is_evidence():
    zamir = Entry.from_dict({"id": "eyal-zamir", "zh": "扎米尔", "en": "Eyal Zamir",
                             "type": "person", "variants": ["萨米尔"], "generic": ["萨米尔"]})
    glossary = Glossary([zamir])
    assert found("以色列国防军总参谋长萨米尔（Eyal Zamir）表示", glossary) == [
        ("eyal-zamir", "萨米尔")]
    assert found("萨米尔（EYAL ZAMIR）表示", glossary) == [("eyal-zamir", "萨米尔")]
    assert found("萨米尔·哈立德（Samir Khaled）表示", glossary) == []
    # an ordinary English word is no name: it tells nothing
    middle = Entry.from_dict({"id": "intermediary", "zh": "中间方", "en": "intermediary",
                              "type": "term", "variants": ["中间人"], "generic": ["中间人"]})
    assert found("阿曼充当中间人（intermediary）。", Glossary([middle])) == []
