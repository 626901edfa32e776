"""The rules GL001–GL007 on synthetic texts: code, position, matched text, entry, suggestion, fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import rules
from glossary.check import CheckOptions, Checker, check_text
from glossary.errors import GlossaryError
from glossary.findings import Fix
from glossary.fix import apply_fixes
from glossary.matcher import find_terms
from glossary.model import Entry, Glossary
from glossary.reader import Decoded
from glossary.store import load_glossary

DATA = Path(__file__).resolve().parent / "data" / "check"
TRAD_FILLER = "這個國家們說"  # six traditional-only characters: makes a short text traditional
SIMP_FILLER = "这个国家们说"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "glossary")


def findings(glossary, text, **options):
    return check_text(glossary, text, "doc.txt", CheckOptions(**options))


def codes(found):
    return [f.code for f in found]


def one(glossary, text, code, **options):
    found = [f for f in findings(glossary, text, **options) if f.code == code]
    assert len(found) == 1, found
    return found[0]


def where(f):
    return (f.line, f.column, f.end_line, f.end_column)


# --- GL001 forbidden-form ----------------------------------------------------------------------


def test_gl001_forbidden_form(glossary):
    text = "第一行。\n伊朗外长阿拉格奇表示"
    found = findings(glossary, text)
    assert codes(found) == ["GL001"]
    f = found[0]
    assert (f.code, f.rule, f.severity) == ("GL001", "forbidden-form", "error")
    assert where(f) == (2, 5, 2, 9)
    assert (f.matched, f.entry_id, f.suggestion) == ("阿拉格奇", "abbas-araghchi", "阿拉格齐")
    assert f.fix == Fix(9, 13, "阿拉格齐")
    assert text[f.fix.start:f.fix.end] == f.matched
    assert "non-standard transliteration" in f.message and "forbidden" in f.message
    assert f.path == "doc.txt"


def test_gl001_in_a_traditional_document_suggests_s2t(glossary):
    f = one(glossary, f"阿拉格奇表示{TRAD_FILLER}", "GL001")
    assert (f.suggestion, f.fix.replacement) == ("阿拉格齊", "阿拉格齊")


def test_gl001_in_a_traditional_document_suggests_zh_hant(glossary):
    f = one(glossary, f"纽西兰總理{TRAD_FILLER}", "GL001")
    assert (f.matched, f.entry_id, f.suggestion, f.fix) == ("纽西兰", "new-zealand", "紐西蘭", Fix(0, 3, "紐西蘭"))
    f = one(glossary, f"纽西兰总理{SIMP_FILLER}", "GL001")
    assert f.suggestion == "新西兰"


def test_gl001_forbidden_form_in_the_other_script_is_not_also_gl003(glossary):
    found = findings(glossary, f"阿里·拉利賈尼{SIMP_FILLER}")
    assert codes(found) == ["GL001"]
    assert (found[0].matched, found[0].suggestion) == ("阿里·拉利賈尼", "阿里·拉里贾尼")


def test_gl001_forbidden_form_without_interpunct_is_not_also_gl005(glossary):
    found = findings(glossary, "议长阿里拉利贾尼表示")
    assert codes(found) == ["GL001"]
    assert found[0].fix == Fix(2, 8, "阿里·拉里贾尼")


def test_gl001_forbidden_form_with_separator_variant(glossary):
    found = findings(glossary, "阿里•拉利贾尼")
    assert codes(found) == ["GL001"]
    assert found[0].fix == Fix(0, 7, "阿里·拉里贾尼")


def test_gl001_span_includes_an_annotation_inside_the_term(glossary):
    found = findings(glossary, "阿拉格(gé)奇表示")
    assert codes(found) == ["GL001", "GL006"]
    gl001, gl006 = found
    assert where(gl001) == (1, 1, 1, 9) and gl001.matched == "阿拉格(gé)奇"
    assert gl001.fix == Fix(0, 8, "阿拉格齐")
    assert "`阿拉格奇`" in gl001.message  # the message names the clean form
    assert where(gl006) == (1, 4, 1, 8)


def test_gl001_forbidden_without_reason(glossary):
    f = one(glossary, "阿里·拉利贾尼", "GL001")
    assert "(" not in f.message


# --- GL002 variant-form ------------------------------------------------------------------------


def test_gl002_variant_form(glossary):
    found = findings(glossary, "伊朗议长拉里贾尼表示")
    assert codes(found) == ["GL002"]
    f = found[0]
    assert (f.rule, f.severity, where(f)) == ("variant-form", "info", (1, 5, 1, 9))
    assert (f.matched, f.entry_id, f.suggestion, f.fix) == ("拉里贾尼", "ali-larijani", "阿里·拉里贾尼", None)


def test_gl002_suggestion_in_the_document_script(glossary):
    f = one(glossary, f"拉里賈尼表示{TRAD_FILLER}", "GL002")
    assert f.suggestion == "阿里·拉里賈尼"
    assert codes(findings(glossary, f"拉里賈尼表示{TRAD_FILLER}")) == ["GL002"]


def test_gl002_not_on_a_variant_holding_the_whole_preferred_form(glossary):
    # the full name, as news copy writes it at first mention, where the glossary prefers the
    # surname: nothing is lost, nothing reported (the suggestion would drop the given name)
    assert findings(glossary, "阿巴斯·阿拉格齐说，阿拉格齐又说") == []
    assert findings(glossary, "美国总统特使威特科夫") == []
    (m, _) = find_terms(glossary, "阿巴斯·阿拉格齐说，阿拉格齐又说")
    assert (m.start, m.end, m.kind) == (0, 8, "variant")
    # a variant that leaves part of the preferred form out is still reported
    assert codes(findings(glossary, "拉里贾尼表示")) == ["GL002"]


# --- GL003 script-mismatch ---------------------------------------------------------------------


def test_gl003_traditional_term_in_simplified_document(glossary):
    found = findings(glossary, f"{SIMP_FILLER}，阿拉格齊表示")
    assert codes(found) == ["GL003"]
    f = found[0]
    assert (f.rule, f.severity, where(f)) == ("script-mismatch", "warning", (1, 8, 1, 12))
    assert (f.matched, f.entry_id, f.suggestion, f.fix) == ("阿拉格齊", "abbas-araghchi", "阿拉格齐", None)
    assert "traditional script in a simplified document" in f.message


def test_gl003_simplified_term_in_traditional_document(glossary):
    f = one(glossary, f"{TRAD_FILLER}，阿拉格齐表示", "GL003")
    assert (f.matched, f.suggestion) == ("阿拉格齐", "阿拉格齊")
    assert "simplified script in a traditional document" in f.message


def test_gl003_variant_suggestion_stays_a_variant(glossary):
    f = one(glossary, f"{TRAD_FILLER}，拉里贾尼表示", "GL003")
    assert f.suggestion == "拉里賈尼"


def test_gl003_shared_characters_never_count(glossary):
    assert findings(glossary, f"{TRAD_FILLER}伊朗中央司令部") == []
    assert findings(glossary, f"{SIMP_FILLER}伊朗中央司令部") == []


@pytest.mark.parametrize("spelling", ["臺灣", "台灣"])
def test_gl003_any_traditional_spelling_is_fine_in_a_traditional_document(glossary, spelling):
    assert findings(glossary, f"{TRAD_FILLER}{spelling}") == []


# --- GL008 regional-form -----------------------------------------------------------------------


def test_gl008_mainland_wording_in_a_taiwan_document(glossary):
    f = one(glossary, f"特朗普{TRAD_FILLER}", "GL008", traditional_region="taiwan")
    assert (where(f), f.matched, f.entry_id, f.suggestion) == ((1, 1, 1, 4), "特朗普", "donald-trump", "川普")
    assert (f.rule, f.severity, f.fix) == ("regional-form", "info", None)
    assert f.message == ("`特朗普` is donald-trump's mainland wording, in a document that writes "
                         "Taiwan's forms")
    assert findings(glossary, f"特朗普{SIMP_FILLER}", traditional_region="taiwan") == []
    assert findings(glossary, f"川普{TRAD_FILLER}", traditional_region="taiwan") == []


def test_gl008_the_minority_wording_of_a_traditional_document_is_reported(glossary):
    # Taiwan's forms twice, the mainland wording once: a Taiwan document, one term out of place
    taiwan = f"川普與紐西蘭總理會談，特朗普表示{TRAD_FILLER}"
    (f,) = [f for f in findings(glossary, taiwan) if f.code == "GL008"]
    assert (f.matched, f.suggestion) == ("特朗普", "川普")
    # the other way round: Hong Kong copy (and converted mainland copy) with one Taiwan form
    hong_kong = f"特朗普與新西蘭總理會談，川普表示{TRAD_FILLER}"
    (f,) = [f for f in findings(glossary, hong_kong) if f.code == "GL008"]
    assert (f.matched, f.suggestion) == ("川普", "特朗普")
    assert f.message == ("`川普` is donald-trump's Taiwan form, in a document that writes the "
                         "mainland wording (as Hong Kong media do)")


def test_gl008_a_document_in_one_wording_throughout_has_nothing_to_report(glossary):
    assert [f for f in findings(glossary, f"特朗普表示{TRAD_FILLER}") if f.code == "GL008"] == []
    assert [f for f in findings(glossary, f"川普表示{TRAD_FILLER}") if f.code == "GL008"] == []


def test_gl008_the_region_set_overrides_what_the_document_reads_as(glossary):
    hong_kong = f"特朗普與新西蘭總理會談，川普表示{TRAD_FILLER}"
    found = [f.matched for f in findings(glossary, hong_kong, traditional_region="taiwan")
             if f.code == "GL008"]
    assert found == ["特朗普", "新西蘭"]
    found = [f.matched for f in findings(glossary, f"川普表示{TRAD_FILLER}",
                                         traditional_region="hong-kong") if f.code == "GL008"]
    assert found == ["川普"]


def test_a_hong_kong_document_is_told_the_mainland_wording_not_taiwans(glossary):
    # Hong Kong copy writes 特朗普 and 新西蘭: a forbidden form is fixed to the mainland wording,
    # not to Taiwan's 紐西蘭
    text = f"特朗普表示，纽西兰{TRAD_FILLER}"
    f = one(glossary, text, "GL001")
    assert (f.suggestion, f.fix.replacement) == ("新西蘭", "新西蘭")
    f = one(glossary, text, "GL001", traditional_region="taiwan")
    assert (f.suggestion, f.fix.replacement) == ("紐西蘭", "紐西蘭")


@pytest.mark.parametrize("text, region", [
    ("他説，衞生署會跟進。", "hong-kong"),  # Hong Kong's standard characters
    ("他在這裏表示。", "hong-kong"),
    ("他在這裡表示。", "taiwan"),  # Taiwan's 裡
    ("他周日表示。", "hong-kong"),  # Hong Kong's weekdays; converters, like Taiwan, write 週
    ("他週日表示。", "taiwan"),
    ("他表示會跟進。", "taiwan"),  # no evidence: Taiwan's, the default
    ("川普在這裏表示。", "taiwan"),  # the terms' wording outweighs 裏, which Taiwan writes too
    # 説 衞 綫 are never Taiwan's: stray matches (川普 as Sichuan Mandarin) do not outweigh
    # them, nor does one quoted 解説 outweigh Taiwan's wording
    ("他説一口川普，川普不是普通話，他又説，我説。", "hong-kong"),
    ("川普週日表示，川普政府將施壓。據日本媒體的解説，川普不會讓步。", "taiwan"),
])
def test_a_traditional_documents_region_is_read_from_it(glossary, text, region):
    from glossary.check import Checker
    from glossary.reader import Decoded

    doc = Checker(glossary).check_document("doc.txt", Decoded(text + TRAD_FILLER, "utf-8", "\n"))
    assert doc.region == region


def test_a_simplified_document_has_no_region(glossary):
    result = check_paths_text(glossary, f"特朗普{SIMP_FILLER}")
    assert result.files[0].region is None


def check_paths_text(glossary, text):
    from glossary.check import Checker
    from glossary.reader import Decoded

    checker = Checker(glossary)
    checker.check_document("doc.txt", Decoded(text, "utf-8", "\n"))
    return checker.finish()


def test_an_unknown_region_is_refused(glossary):
    from glossary.errors import GlossaryError

    with pytest.raises(GlossaryError, match="auto, taiwan or hong-kong"):
        findings(glossary, "特朗普", traditional_region="macau")


def test_gl008_s2t_spelling_of_zh_when_entry_has_zh_hant(glossary):
    f = one(glossary, f"新西蘭總理{TRAD_FILLER}", "GL008", traditional_region="taiwan")
    assert f.suggestion == "紐西蘭"


def test_gl008_taiwan_form_in_a_simplified_document(glossary):
    f = one(glossary, f"川普表示{SIMP_FILLER}", "GL008")
    assert (where(f), f.matched, f.entry_id, f.suggestion, f.fix) == (
        (1, 1, 1, 3), "川普", "donald-trump", "特朗普", None)
    assert f.message == ("`川普` in a simplified document is donald-trump's Taiwan form (川普), "
                         "not its mainland one")


def test_gl008_converted_taiwan_form_in_a_simplified_document():
    # 纳坦雅胡 is what a converter makes of Taiwan's 納坦雅胡: found, and pointed to the mainland form
    glossary = Glossary([Entry.from_dict({
        "id": "benjamin-netanyahu", "zh": "内塔尼亚胡", "zh_hant": "納坦雅胡", "en": "Netanyahu",
        "type": "person"})])
    f = one(glossary, f"以色列总理纳坦雅胡{SIMP_FILLER}", "GL008")
    assert (f.matched, f.suggestion) == ("纳坦雅胡", "内塔尼亚胡")
    assert "(納坦雅胡)" in f.message
    # in traditional characters it is the other script (GL003), not GL008 again
    assert codes(findings(glossary, f"以色列总理納坦雅胡{SIMP_FILLER}")) == ["GL003"]


def test_gl008_a_converted_form_never_takes_a_form_the_glossary_writes(glossary):
    # new-zealand: zh_hant 紐西蘭, and 纽西兰 (its simplified spelling) forbidden: GL001 stays
    f = one(glossary, f"纽西兰总理{SIMP_FILLER}", "GL001")
    assert f.suggestion == "新西兰"


# --- GL004 mixed-script ------------------------------------------------------------------------


def test_gl004_mixed_script(glossary):
    found = findings(glossary, "这个国家说。\n這個國家說。")
    assert codes(found) == ["GL004"]
    f = found[0]
    assert (f.rule, f.severity, where(f), f.matched, f.entry_id, f.fix) == (
        "mixed-script", "warning", (1, 1, 1, 1), "", None, None)
    assert "simplified (4 characters)" in f.message and "traditional (4 characters)" in f.message


def test_gl004_a_few_stray_characters_do_not_make_a_text_mixed(glossary):
    # "这个国家说" has four simplified-only characters (家 is shared).
    assert findings(glossary, "这个国家说。" * 5 + "這個") == []  # 2 stray characters
    assert codes(findings(glossary, "这个国家说。" * 10 + "這個國")) == ["GL004"]  # 3 of 43
    assert findings(glossary, "这个国家说。" * 20 + "這個國") == []  # 3 of 83: under 5%


def test_gl004_large_document(glossary):
    text = ("这个国家说。" * 2000) + ("這個國家說。" * 500)  # > 20,000 characters
    f = one(glossary, text, "GL004")
    assert "simplified (8000 characters)" in f.message and "traditional (2000 characters)" in f.message


# --- GL005 separator-variant -------------------------------------------------------------------


@pytest.mark.parametrize("written", ["阿里•拉里贾尼", "阿里・拉里贾尼", "阿里‧拉里贾尼", "阿里･拉里贾尼", "阿里．拉里贾尼"])
def test_gl005_interpunct_variant(glossary, written):
    text = f"议长{written}表示"
    found = findings(glossary, text)
    assert codes(found) == ["GL005"]
    f = found[0]
    assert (f.rule, f.severity, where(f)) == ("separator-variant", "warning", (1, 3, 1, 10))
    assert (f.matched, f.entry_id, f.suggestion) == (written, "ali-larijani", "阿里·拉里贾尼")
    assert f.fix == Fix(2, 9, "阿里·拉里贾尼")


def test_gl005_missing_interpunct(glossary):
    f = one(glossary, "议长阿里拉里贾尼表示", "GL005")
    assert (where(f), f.matched, f.suggestion, f.fix) == (
        (1, 3, 1, 9), "阿里拉里贾尼", "阿里·拉里贾尼", Fix(2, 8, "阿里·拉里贾尼"))
    assert "without its interpunct" in f.message


def test_gl005_keeps_the_written_script(glossary):
    f = one(glossary, f"阿里‧拉里賈尼{TRAD_FILLER}", "GL005", traditional_interpunct="·")
    assert f.fix.replacement == "阿里·拉里賈尼"
    f = one(glossary, f"阿里拉里賈尼{TRAD_FILLER}", "GL005")
    assert f.fix.replacement == "阿里·拉里賈尼"


@pytest.mark.parametrize("written", ["霍拉姆沙赫尔－4", "霍拉姆沙赫尔—4", "霍拉姆沙赫尔-４", "霍拉姆沙赫尔－４"])
def test_gl005_dash_and_width_variants(glossary, written):
    f = one(glossary, f"“{written}”导弹", "GL005")
    assert (where(f), f.matched, f.entry_id, f.suggestion) == (
        (1, 2, 1, 10), written, "khorramshahr-4", "霍拉姆沙赫尔-4")
    assert f.fix == Fix(1, 9, "霍拉姆沙赫尔-4")


@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u2011", "－", "﹣"])
def test_gl005_hyphen_for_a_names_interpunct(glossary, hyphen):
    written = f"阿里{hyphen}拉里贾尼"
    f = one(glossary, f"议长{written}表示", "GL005")
    assert (where(f), f.matched, f.entry_id, f.suggestion) == (
        (1, 3, 1, 10), written, "ali-larijani", "阿里·拉里贾尼")
    assert f.fix == Fix(2, 9, "阿里·拉里贾尼") and "separator or width variant" in f.message
    f = one(glossary, f"議長阿里 {hyphen} 拉里賈尼{TRAD_FILLER}", "GL005")
    assert f.fix == Fix(2, 11, "阿里·拉里賈尼")


@pytest.mark.parametrize("text", ["议长阿里——拉里贾尼表示", "中-美关系、京-沪高铁"])
def test_gl005_dashes_between_words_are_punctuation(glossary, text):
    assert "GL005" not in codes(findings(glossary, text))


@pytest.mark.parametrize("dash", ["–", "—", "−", "-"])
def test_a_hyphenated_name_written_with_a_dash(dash):
    glossary = Glossary([Entry.from_dict({
        "id": "ahmadinejad", "zh": "艾哈迈迪-内贾德", "en": "Mahmoud Ahmadinejad", "type": "person"})])
    found = findings(glossary, f"前总统艾哈迈迪{dash}内贾德说，{SIMP_FILLER}")
    if dash == "-":
        assert found == []
    else:
        assert [(f.code, f.fix.replacement) for f in found] == [("GL005", "艾哈迈迪-内贾德")]


@pytest.mark.parametrize("written, shown, fixed", [
    ("F35战斗机", "F35战斗机", "F-35战斗机"),
    ("Ｆ３５战斗机", "Ｆ３５战斗机", "F-35战斗机"),
])
def test_gl005_model_number_without_its_hyphen(glossary, written, shown, fixed):
    f = one(glossary, f"以色列{written}起飞", "GL005")
    assert (f.matched, f.suggestion, f.fix) == (shown, fixed, Fix(3, 3 + len(written), fixed))
    assert f"`{shown}` is written without its hyphen" == f.message


def test_gl005_model_number_without_its_hyphen_keeps_the_script(glossary):
    f = one(glossary, f"F35戰鬥機{TRAD_FILLER}", "GL005")
    assert f.fix.replacement == "F-35戰鬥機"


@pytest.mark.parametrize("written, shown, what, fixed", [
    ("霍拉姆沙赫尔4型导弹", "霍拉姆沙赫尔4", "without its hyphen", "霍拉姆沙赫尔-4型导弹"),
    ("“霍拉姆沙赫尔4”导弹", "霍拉姆沙赫尔4", "without its hyphen", "“霍拉姆沙赫尔-4”导弹"),
    ("霍拉姆沙赫尔4、泥石", "霍拉姆沙赫尔4", "without its hyphen", "霍拉姆沙赫尔-4、泥石"),
    ("霍拉姆沙赫尔 4 型导弹", "霍拉姆沙赫尔4", "without its hyphen", "霍拉姆沙赫尔-4 型导弹"),
    ("霍拉姆沙赫尔‧4导弹", "霍拉姆沙赫尔‧4", "with a separator or width variant",
     "霍拉姆沙赫尔-4导弹"),
    ("霍拉姆沙赫尔·４导弹", "霍拉姆沙赫尔·４", "with a separator or width variant",
     "霍拉姆沙赫尔-4导弹"),
])
def test_gl005_a_names_number_without_its_hyphen(glossary, written, shown, what, fixed):
    """霍拉姆沙赫尔4型, “霍拉姆沙赫尔4” and Taiwan's 霍拉姆沙赫爾‧4 are the missile 霍拉姆沙赫尔-4."""
    text = f"伊朗试射{written}。{SIMP_FILLER}"
    f = one(glossary, text, "GL005")
    assert (f.entry_id, f.message) == ("khorramshahr-4", f"`{shown}` is written {what}")
    assert apply_fixes(text, [f.fix])[0] == f"伊朗试射{fixed}。{SIMP_FILLER}"


@pytest.mark.parametrize("text", [
    "胡齐斯坦省城市霍拉姆沙赫尔4日遭到空袭，霍拉姆沙赫尔45公里外的油田起火。",
    "霍拉姆沙赫爾 4 日遭到空襲，這個國家們說",
    "霍拉姆沙赫尔4月遭袭，霍拉姆沙赫尔4名平民受伤，霍拉姆沙赫尔4个街区停电。",
    "霍拉姆沙赫尔4至5日举行演习，霍拉姆沙赫尔4、5日停电，霍拉姆沙赫尔4小时内4死6伤。",
])
def test_a_place_and_a_date_are_not_a_model_number(glossary, text):
    """霍拉姆沙赫尔 is a city too: city, day, 日 is a dateline, not the missile 霍拉姆沙赫尔-4."""
    assert "khorramshahr-4" not in {f.entry_id for f in findings(glossary, text)}


@pytest.mark.parametrize("written, what, fixed", [
    ("阿里&middot;拉里贾尼", "with an HTML character reference", "阿里·拉里贾尼"),
    ("阿里&#183;拉里贾尼", "with an HTML character reference", "阿里·拉里贾尼"),
    ("阿里&#xB7;拉里贾尼", "with an HTML character reference", "阿里·拉里贾尼"),
    ("阿里&bull;拉里贾尼", "with a separator or width variant in an HTML character reference",
     "阿里·拉里贾尼"),
    ("霍拉姆沙赫尔&ndash;4", "with a separator or width variant in an HTML character reference",
     "霍拉姆沙赫尔-4"),
    ("阿拉&shy;格齐", "with an HTML character reference", "阿拉格齐"),
    ("阿拉格&#40784;", "with an HTML character reference", "阿拉格齐"),
    # escaped twice, as pages that escape their stored HTML show it
    ("阿里&amp;middot;拉里贾尼", "with an HTML character reference", "阿里·拉里贾尼"),
    ("阿里&amp;#183;拉里贾尼", "with an HTML character reference", "阿里·拉里贾尼"),
    ("阿拉&amp;shy;格齐", "with an HTML character reference", "阿拉格齐"),
])
def test_gl005_html_character_references(glossary, written, what, fixed):
    f = one(glossary, f"伊朗{written}说，", "GL005")
    assert (f.matched, f.message, f.suggestion) == (written, f"`{written}` is written {what}", fixed)
    assert f.fix == Fix(2, 2 + len(written), fixed) and where(f) == (1, 3, 1, 3 + len(written))


def test_html_character_references_outside_terms_change_nothing(glossary):
    text = "A&amp;B&lt;C&gt;&amp;amp;，&ldquo;阿拉格齐&rdquo;说&nbsp;，&middot外长阿拉格奇"
    found = findings(glossary, text)
    assert [(f.code, f.matched) for f in found if f.code not in ("GL002", "GL007")] == [
        ("GL001", "阿拉格奇")]
    assert [f.fix for f in found if f.code == "GL001"] == [Fix(len(text) - 4, len(text), "阿拉格齐")]


def test_gl001_through_an_html_character_reference(glossary):
    f = one(glossary, "外长阿拉格&#22855;说", "GL001")
    assert (f.matched, f.fix) == ("阿拉格&#22855;", Fix(2, 13, "阿拉格齐"))


def test_gl005_full_width_letters(glossary):
    f = one(glossary, "Ｆ－３５战斗机", "GL005")
    assert f.fix == Fix(0, 7, "F-35战斗机")


def test_gl005_not_for_the_glossary_spelling(glossary):
    assert findings(glossary, "阿里·拉里贾尼、霍拉姆沙赫尔-4、F-35战斗机") == []


@pytest.mark.parametrize("written", ["霍拉姆沙赫尔 - 4", "霍拉姆沙赫尔 -4", "霍拉姆沙赫尔-\u30004",
                                     "霍拉姆沙赫尔\u00a0－ ４"])
def test_gl005_spaces_around_a_separator(glossary, written):
    text = f"“{written}”导弹"
    f = one(glossary, text, "GL005")
    assert (f.matched, f.entry_id, f.suggestion) == (written, "khorramshahr-4", "霍拉姆沙赫尔-4")
    assert f.fix == Fix(1, 1 + len(written), "霍拉姆沙赫尔-4")
    assert where(f) == (1, 2, 1, 2 + len(written))
    assert "spaces" in f.message


def test_gl005_spaces_around_an_interpunct_with_annotations_and_lines(glossary):
    text = "第一行\n议长阿(ā)里 · 拉里贾尼表示，阿里 · 拉里贾尼\r\n"
    found = [f for f in findings(glossary, text) if f.code == "GL005"]
    assert [(f.line, f.column, f.end_column, f.matched) for f in found] == [
        (2, 3, 15, "阿(ā)里 · 拉里贾尼"), (2, 18, 27, "阿里 · 拉里贾尼")]
    assert text[found[1].fix.start:found[1].fix.end] == "阿里 · 拉里贾尼"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c\u200d", "\u00ad", "\ufeff", "\u2060"])
def test_gl005_invisible_characters_inside_a_term(glossary, invisible):
    text = f"第一行\n议长阿里·拉里{invisible}贾尼表示"
    f = one(glossary, text, "GL005")
    assert f.matched == f"阿里·拉里{invisible}贾尼" and f.suggestion == "阿里·拉里贾尼"
    assert where(f) == (2, 3, 2, 10 + len(invisible))
    assert "invisible" in f.message and "<U+" in f.message
    assert text[f.fix.start:f.fix.end] == f"阿里·拉里{invisible}贾尼"


def test_gl005_taiwan_interpunct_as_house_style(glossary):
    taiwan = f"阿里‧拉里賈尼{TRAD_FILLER}"
    # by default, a traditional document is held to Taiwan's standard ‧ where it writes that
    # more often than the glossary's ·; the setting holds every one to either
    assert findings(glossary, taiwan) == []
    assert codes(findings(glossary, f"阿里‧拉里賈尼、阿里·拉里賈尼說{TRAD_FILLER}")) == ["GL005"]
    f = one(glossary, f"阿里‧拉里賈尼、阿里‧拉里賈尼、阿里·拉里賈尼說{TRAD_FILLER}", "GL005")
    assert (f.matched, f.fix.replacement) == ("阿里·拉里賈尼", "阿里‧拉里賈尼")
    assert codes(findings(glossary, taiwan, traditional_interpunct="·")) == ["GL005"]
    assert findings(glossary, taiwan, traditional_interpunct="‧") == []
    f = one(glossary, f"阿里·拉里賈尼說{TRAD_FILLER}", "GL005", traditional_interpunct="‧")
    assert (f.matched, f.suggestion, f.fix.replacement) == ("阿里·拉里賈尼", "阿里‧拉里賈尼",
                                                            "阿里‧拉里賈尼")
    f = one(glossary, f"阿里拉里賈尼說{TRAD_FILLER}", "GL005", traditional_interpunct="‧")
    assert f.fix.replacement == "阿里‧拉里賈尼"
    # simplified documents keep the glossary's separator
    assert findings(glossary, "阿里·拉里贾尼说", traditional_interpunct="‧") == []


def test_house_interpunct_in_every_suggestion_of_a_traditional_document(glossary):
    found = findings(glossary, f"拉里賈尼表示{TRAD_FILLER}", traditional_interpunct="‧")
    assert [(f.code, f.suggestion) for f in found] == [("GL002", "阿里‧拉里賈尼")]


def test_gl005_invisible_characters_around_a_term_change_nothing(glossary):
    assert findings(glossary, "\u200b阿里·拉里贾尼\u200b表示\u00ad。") == []


def test_gl005_spaces_elsewhere_change_nothing(glossary):
    assert findings(glossary, "伊朗 - 美国会谈，2020 - 2021年，F-35 战斗机") == []
    assert findings(glossary, "阿里·拉里贾尼 表示") == []


def test_gl005_noise_outside_terms_is_ignored(glossary):
    assert findings(glossary, "伊朗—美国．协议－草案") == []


# --- GL006 pinyin-annotation -------------------------------------------------------------------


def test_gl006_pinyin_annotation(glossary):
    text = f"{TRAD_FILLER}\n12日戰(zhàn)爭結束"
    found = findings(glossary, text)
    assert codes(found) == ["GL006"]  # the term is found through it, and is fine otherwise
    f = found[0]
    assert (f.rule, f.severity, where(f)) == ("pinyin-annotation", "warning", (2, 5, 2, 11))
    assert (f.matched, f.entry_id, f.suggestion) == ("(zhàn)", None, "")
    assert f.fix == Fix(11, 17, "")
    assert "`(zhàn)`" in f.message and "`戰`" in f.message
    assert f.text().endswith("(remove it)")


def test_gl006_each_annotation_is_reported(glossary):
    found = findings(glossary, "签署協(xié)議(yì)。")
    assert [(f.code, f.column, f.matched) for f in found] == [
        ("GL006", 4, "(xié)"), ("GL006", 10, "(yì)")]


def test_gl006_annotations_outside_terms(glossary):
    found = findings(glossary, "天气(qì)很好")
    assert [(f.code, f.column, f.end_column) for f in found] == [("GL006", 3, 7)]


def test_gl006_english_in_brackets_is_not_an_annotation(glossary):
    assert findings(glossary, "伊朗(Iran)和美国(USA)") == []


# --- GL007 inconsistent-forms (corpus) ---------------------------------------------------------


def corpus(glossary, docs: dict[str, str], **options):
    checker = Checker(glossary, CheckOptions(**options))
    for path, text in docs.items():
        checker.check_document(path, Decoded(text, "utf-8", "\n"))
    return checker.finish().findings


def test_gl007_inconsistent_forms_across_files(glossary):
    found = corpus(glossary, {
        "a.txt": "内塔尼亚胡说。内塔尼亚胡说。\n内塔尼亚胡说。",
        "b.txt": "第一行\n据报道，内坦亚胡表示",
    })
    gl007 = [f for f in found if f.code == "GL007"]
    assert len(gl007) == 1
    f = gl007[0]
    assert (f.rule, f.severity, f.path, where(f)) == ("inconsistent-forms", "warning", "b.txt", (2, 5, 2, 9))
    assert (f.matched, f.entry_id, f.suggestion) == ("内坦亚胡", "benjamin-netanyahu", "内塔尼亚胡")
    assert f.message == ("benjamin-netanyahu is written in 2 forms across the checked files: "
                         "`内塔尼亚胡` (3× in a.txt), `内坦亚胡` (1× in b.txt)")
    assert f.extra == {"forms": {"内塔尼亚胡": 3, "内坦亚胡": 1}}
    assert f.fix is None


def test_gl007_shows_forms_as_traditional_documents_write_them(glossary):
    found = corpus(glossary, {
        "a.txt": f"阿拉格齊說{TRAD_FILLER}",
        "b.txt": f"阿拉格奇說{TRAD_FILLER}",
    })
    (f,) = [f for f in found if f.code == "GL007"]
    assert "`阿拉格齊` (1× in a.txt)" in f.message and "`阿拉格奇` (1× in b.txt)" in f.message
    assert f.extra["forms"] == {"阿拉格齐": 1, "阿拉格奇": 1}  # the glossary's own forms


def test_gl007_shows_the_spelling_a_traditional_document_used():
    # The converted 內塔尼亞胡 and the entry's own 納坦雅胡 are one form in traditional documents;
    # the message shows the one the document wrote.
    glossary = Glossary([Entry.from_dict({
        "id": "benjamin-netanyahu", "zh": "内塔尼亚胡", "zh_hant": "納坦雅胡", "en": "Netanyahu",
        "type": "person", "variants": ["尼坦雅胡"]})])
    found = corpus(glossary, {
        "a.txt": f"內塔尼亞胡說，內塔尼亞胡說{TRAD_FILLER}",
        "b.txt": f"尼坦雅胡說{TRAD_FILLER}",
    })
    (f,) = [f for f in found if f.code == "GL007"]
    assert "`內塔尼亞胡` (2× in a.txt), `尼坦雅胡` (1× in b.txt)" in f.message
    assert f.extra["forms"] == {"内塔尼亚胡": 2, "尼坦雅胡": 1}


def test_gl007_lists_both_spellings_documents_wrote_for_one_form():
    # Taiwan copy writes the entry's zh_hant (川普), Hong Kong copy the converted zh (特朗普), and
    # a simplified document may write 川普 too: which region's wording is GL008's business; for
    # GL007 all are the preferred form, shown with both spellings, and 川普 is not listed twice.
    glossary = Glossary([Entry.from_dict({
        "id": "donald-trump", "zh": "特朗普", "zh_hant": "川普", "en": "Donald Trump",
        "type": "person", "forbidden": ["特郎普"]})])
    files = {
        "a_tw.txt": f"川普說{TRAD_FILLER}",
        "b_hk.txt": f"特朗普說，特朗普說{TRAD_FILLER}",
        "c.txt": f"川普说{SIMP_FILLER}",
    }
    assert [f.code for f in corpus(glossary, files)] == ["GL008"]  # c.txt's 川普
    found = corpus(glossary, {**files, "d.txt": f"特郎普说{SIMP_FILLER}"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert ("`特朗普` (4× in 3 files: written 川普 2×, 特朗普 2×), `特郎普` (1× in d.txt)"
            in f.message), f.message
    assert f.extra["forms"] == {"特朗普": 4, "特郎普": 1}


def test_gl007_lists_a_short_form_used_beside_its_full_name(glossary):
    found = corpus(glossary, {"a.txt": "阿巴斯·阿拉格齐说，阿拉格齐说，阿拉格齐又说",
                              "b.txt": "阿拉格奇说"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert f.message.startswith("abbas-araghchi is written in 3 forms across the checked files: "
                                "`阿拉格齐` (2× in a.txt)"), f.message
    assert (f.path, f.matched) == ("b.txt", "阿拉格奇")


def test_gl007_counts_forbidden_forms_too(glossary):
    found = corpus(glossary, {"a.txt": "阿拉格齐说", "b.txt": "阿拉格奇说"})
    assert sorted(codes(found)) == ["GL001", "GL007"]


def test_gl007_within_one_document(glossary):
    found = corpus(glossary, {"a.txt": "内塔尼亚胡说，内坦亚胡说，内塔尼亚胡"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert (f.column, f.matched) == (8, "内坦亚胡")


def test_gl007_tie_is_reported_at_the_non_preferred_form(glossary):
    found = corpus(glossary, {"a.txt": "内塔尼亚胡说，内坦亚胡说"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert (f.column, f.matched) == (8, "内坦亚胡")
    assert f.matched != f.suggestion


def test_gl007_script_only_difference_between_documents_does_not_count(glossary):
    found = corpus(glossary, {
        "simplified.txt": f"阿拉格齐表示{SIMP_FILLER}",
        "traditional.txt": f"阿拉格齊表示{TRAD_FILLER}",
    })
    assert found == []


def test_gl007_separator_variants_do_not_count(glossary):
    found = corpus(glossary, {"a.txt": "阿里·拉里贾尼说", "b.txt": "阿里拉里贾尼说", "c.txt": "阿里•拉里贾尼"})
    assert "GL007" not in codes(found)


def test_gl007_short_form_beside_the_full_name_does_not_count(glossary):
    found = corpus(glossary, {"a.txt": "阿里·拉里贾尼说，拉里贾尼还说", "b.txt": "拉里贾尼说"})
    assert codes(found) == ["GL002", "GL002"]


def test_gl007_reported_once_per_entry_at_the_less_frequent_form(glossary):
    found = corpus(glossary, {
        "a.txt": "内坦亚胡说",
        "b.txt": "内塔尼亚胡说，内塔尼亚胡说",
        "c.txt": "内坦亚胡，内塔尼亚胡",
    })
    gl007 = [f for f in found if f.code == "GL007"]
    assert [(f.path, f.line, f.column, f.matched) for f in gl007] == [("a.txt", 1, 1, "内坦亚胡")]
    assert "`内塔尼亚胡` (3× in 2 files), `内坦亚胡` (2× in 2 files)" in gl007[0].message


def test_gl007_zh_and_zh_hant_in_documents_of_their_script(glossary):
    found = corpus(glossary, {
        "simplified.txt": f"特朗普表示{SIMP_FILLER}",
        "traditional.txt": f"川普表示{TRAD_FILLER}",
    })
    assert found == []


def test_gl007_can_be_ignored(glossary):
    docs = {"a.txt": "内塔尼亚胡说", "b.txt": "内坦亚胡说"}
    assert "GL007" in codes(corpus(glossary, docs))
    assert "GL007" not in codes(corpus(glossary, docs, ignore=["inconsistent-forms"]))
    assert codes(corpus(glossary, docs, select=["GL007"])) == ["GL007"]


# --- positions -------------------------------------------------------------------------------


def test_columns_count_code_points(glossary):
    f = one(glossary, "𠮷𠮷、阿拉格奇", "GL001")
    assert where(f) == (1, 4, 1, 8)


def test_crlf_text_columns(glossary):
    text = "第一行\r\n第二行阿拉格奇\r\n"
    f = one(glossary, text, "GL001")
    assert where(f) == (2, 4, 2, 8)
    assert text[f.fix.start:f.fix.end] == "阿拉格奇"


def test_findings_are_sorted_by_path_line_column(glossary):
    found = corpus(glossary, {
        "b.txt": "拉里贾尼\n阿拉格奇",
        "a.txt": "阿拉格奇，天(tiān)气",
    })
    keys = [(f.path, f.line, f.column) for f in found]
    assert keys == sorted(keys)
    assert found[0].path == "a.txt"


# --- selection and severities --------------------------------------------------------------


TEXT_ALL = "阿拉格奇，拉里贾尼，阿里•拉里贾尼，天(tiān)气"


@pytest.mark.parametrize("select, expected", [
    (None, ["GL001", "GL002", "GL005", "GL006"]),
    (["GL001"], ["GL001"]),
    (["forbidden-form", "variant-form"], ["GL001", "GL002"]),
    (["GL00"], ["GL001", "GL002", "GL005", "GL006"]),
    (["all"], ["GL001", "GL002", "GL005", "GL006"]),
])
def test_select(glossary, select, expected):
    assert sorted(codes(findings(glossary, TEXT_ALL, select=select))) == expected


@pytest.mark.parametrize("ignore, expected", [
    (["GL002"], ["GL001", "GL005", "GL006"]),
    (["pinyin-annotation", "GL005"], ["GL001", "GL002"]),
    (["GL0"], []),
])
def test_ignore(glossary, ignore, expected):
    assert sorted(codes(findings(glossary, TEXT_ALL, ignore=ignore))) == expected


def test_severity_overrides(glossary):
    found = findings(glossary, TEXT_ALL, severity={"GL002": "error", "GL001": "info"})
    by_code = {f.code: f.severity for f in found}
    assert by_code == {"GL001": "info", "GL002": "error", "GL005": "warning", "GL006": "warning"}


def test_resolve_selector():
    assert rules.resolve_selector("GL001") == ["GL001"]
    assert rules.resolve_selector("gl001") == ["GL001"]
    assert rules.resolve_selector("separator-variant") == ["GL005"]
    assert set(rules.resolve_selector("GL00")) == {f"GL00{i}" for i in range(1, 9)}
    with pytest.raises(GlossaryError, match="unknown rule 'GL9'"):
        rules.resolve_selector("GL9")
    with pytest.raises(GlossaryError):
        rules.resolve_selector("")


def test_rule_registry_is_consistent():
    codes_ = [r.code for r in rules.ALL_RULES]
    assert len(codes_) == len(set(codes_))
    expected = {"GL001": ("forbidden-form", "error", True), "GL002": ("variant-form", "info", False),
                "GL003": ("script-mismatch", "warning", False), "GL004": ("mixed-script", "warning", False),
                "GL005": ("separator-variant", "warning", True), "GL006": ("pinyin-annotation", "warning", True),
                "GL007": ("inconsistent-forms", "warning", False)}
    for code, (name, severity, fixable) in expected.items():
        rule = rules.BY_CODE[code]
        assert (rule.name, rule.severity, rule.fixable) == (name, severity, fixable)


def test_default_notable_patterns_are_the_union_of_the_rules_wants(glossary):
    """Matcher.notable's default must stay the union of the match-reading rules' tests."""
    from glossary import rules
    from glossary.matcher import get_matcher

    matcher = get_matcher(glossary)
    wants = tuple(r.wants for r in rules.DOCUMENT_RULES if hasattr(r, "wants"))
    assert len(wants) == 5
    for script in ("simplified", "traditional"):
        assert matcher.notable(script) == matcher.notable(script, wants)


def test_a_run_with_some_rules_off_reports_the_same_for_the_others(glossary):
    text = f"阿拉格奇、拉里贾尼、阿里拉里贾尼、霍拉姆沙赫尔－4和特朗普{TRAD_FILLER}"
    everything = findings(glossary, text, traditional_region="taiwan")
    assert {"GL001", "GL002", "GL003", "GL005", "GL008"} <= set(codes(everything))
    for code in ("GL001", "GL002", "GL003", "GL005", "GL008"):
        only = findings(glossary, text, select=[code], traditional_region="taiwan")
        assert only == [f for f in everything if f.code == code], code


@pytest.mark.parametrize("written", ["阿 拉 格 齐", "阿\u00a0拉\u00a0格\u00a0齐", "阿\u3000拉\u3000格\u3000齐",
                                     "阿  拉  格  齐"])
def test_gl005_spaces_between_the_characters_of_a_term(glossary, written):
    # text copied from PDFs
    f = one(glossary, f"外长{written}表示", "GL005")
    assert (f.matched, f.entry_id, f.suggestion) == (written, "abbas-araghchi", "阿拉格齐")
    assert "between its characters" in f.message
    assert f.fix == Fix(2, 2 + len(written), "阿拉格齐")


def test_gl005_a_padded_two_character_name(glossary):
    # lists pad two-character names to the width of three
    f = one(glossary, "与会国家：伊　朗、新西兰", "GL005")
    assert (f.matched, f.fix.replacement) == ("伊　朗", "伊朗")


def test_a_forbidden_form_with_spaces_inside_is_found(glossary):
    f = one(glossary, "外长阿 拉 格 奇表示", "GL001")
    assert (f.matched, f.fix.replacement) == ("阿 拉 格 奇", "阿拉格齐")


def test_spaces_between_words_and_clauses_change_nothing(glossary):
    # a space at a term's edge, between two words, a headline's clauses, a column gap
    assert findings(glossary, "外长 阿拉格齐 表示，伊朗与美国续谈核问 题阿拉格齐：谈判有建设性，"
                              "记者 汪强 陈霄，阿拉   格齐") == []
    # but where the glossary writes an interpunct, a space there is the name's (GL005)
    assert [f.code for f in findings(glossary, "议长阿里 拉里贾尼表示")] == ["GL005"]


def test_spaces_between_chinese_and_latin_are_a_house_style(glossary):
    # Taiwan copy and pangu.js space Chinese from Latin letters and digits: the terms are
    # found (for GL007 and --stats) and the spacing is not reported
    text = "去年 6 月爆發的「12 日戰爭」中，以色列的 F-35 戰鬥機也參與行動。"
    assert findings(glossary, text) == []
    checker = Checker(glossary, CheckOptions(stats=True))
    checker.check_document("a.txt", Decoded(text, "utf-8", "\n"))
    assert {"twelve-day-war", "f-35"} <= set(checker.finish().usage)


@pytest.mark.parametrize("text, fixed", [
    ("美国总统&#29305;&#26391;&#26222;表示", "美国总统特朗普表示"),  # every character a reference
    ("外长&#38463;拉格奇说", "外长阿拉格齐说"),  # a reference first: the fix starts at its "&"
    ("外长阿拉格&#22855;说", "外长阿拉格齐说"),
])
def test_fixes_of_terms_with_character_references_replace_them_whole(glossary, text, fixed):
    found = findings(glossary, text)
    assert apply_fixes(text, [f.fix for f in found if f.fix])[0] == fixed


def test_gl008_not_in_a_text_without_script_evidence(glossary):
    # 川普表示 has no character of one script only: a Taiwan headline as much as a mainland one
    assert findings(glossary, "川普表示") == []


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u3000"])
def test_gl005_a_space_for_a_names_interpunct(glossary, space):
    written = f"阿里{space}拉里贾尼"
    f = one(glossary, f"议长{written}表示", "GL005")
    assert (f.matched, f.entry_id, f.suggestion) == (written, "ali-larijani", "阿里·拉里贾尼")
    assert f.message == f"`{written}` is written with a space for its interpunct"
    assert f.fix == Fix(2, 9, "阿里·拉里贾尼")


def test_a_space_between_two_words_joins_no_term(glossary):
    # the glossary writes no interpunct between them: a headline's two clauses stay apart
    assert codes(findings(glossary, "核问题 阿拉格齐：谈判将继续")) == []
    assert codes(findings(glossary, "伊朗 霍拉姆沙赫尔")) == []


def test_hong_kong_copy_is_told_hong_kongs_standard_characters(glossary):
    # 衞 where s2t and Taiwan write 衛, in a document that writes them (説)
    f = one(glossary, f"他説，卫星{TRAD_FILLER}", "GL003")
    assert f.suggestion == "衞星"
    f = one(glossary, f"他說，卫星{TRAD_FILLER}", "GL003")  # no Hong Kong characters: s2t's
    assert f.suggestion == "衛星"


def _ship_glossary():
    return Glossary([Entry.from_dict({
        "id": "uss-abraham-lincoln", "zh": "亚伯拉罕·林肯号", "en": "USS Abraham Lincoln",
        "type": "military", "variants": ["林肯号"]})])


@pytest.mark.parametrize("text", ["“亚伯拉罕·林肯”号航母", "「亞伯拉罕·林肯」號航艦", '"亚伯拉罕·林肯"号'])
def test_a_ships_name_quoted_before_its_hao_is_its_preferred_form(text):
    (m,) = find_terms(_ship_glossary(), text)
    assert (m.kind, m.start) == ("preferred", 1)
    assert check_text(_ship_glossary(), text) == []


def test_a_fix_of_a_quoted_ships_name_keeps_its_quote():
    text = "“亚伯拉罕•林肯”号航母"
    (f,) = check_text(_ship_glossary(), text)
    assert (f.code, f.fix) == ("GL005", Fix(1, 10, "亚伯拉罕·林肯”号"))
    fixed = text[:f.fix.start] + f.fix.replacement + text[f.fix.end:]
    assert fixed == "“亚伯拉罕·林肯”号航母" and check_text(_ship_glossary(), fixed) == []


def test_quotes_before_hao_elsewhere_change_nothing():
    assert check_text(_ship_glossary(), "他说“好”号召大家，“林肯号”航母") != []  # 林肯号: GL002
    assert [f.matched for f in check_text(_ship_glossary(), "他说“好”号召大家")] == []


def test_html_tags_inside_a_term_are_seen_through_and_never_fixed(glossary):
    # a search page's highlighting, scraped: the term is found; a fix would break the markup
    f = one(glossary, "外长<b>阿拉</b>格奇说", "GL001")
    assert (f.matched, f.suggestion, f.fix) == ("阿拉</b>格奇", "阿拉格齐", None)
    assert codes(findings(glossary, "议长阿里·<em>拉里贾尼</em>表示")) == []
    f = one(glossary, "<p>外长阿拉格奇说</p>", "GL001")  # around a term: fixed as usual
    assert f.fix == Fix(5, 9, "阿拉格齐")
    # nothing inside a tag counts: an attribute is markup, not text
    assert codes(findings(glossary, '<span title="阿拉格奇">x</span>')) == []


def test_gl005_a_latin_full_stop_for_a_names_interpunct(glossary):
    f = one(glossary, "议长阿里.拉里贾尼表示", "GL005")
    assert (f.matched, f.fix) == ("阿里.拉里贾尼", Fix(2, 9, "阿里·拉里贾尼"))
    assert codes(findings(glossary, "版本1.2，伊朗.")) == []


def test_a_fix_inside_a_longer_term_keeps_a_ships_quote():
    glossary = Glossary([Entry.from_dict({
        "id": "csg", "zh": "亚伯拉罕·林肯号航母打击群", "en": "Abraham Lincoln Carrier Strike Group",
        "type": "military", "forbidden": ["林肯号航母打击群"]})])
    for text in ["“亚伯拉罕-林肯”号航母打击群抵达。", "“林肯”号航母打击群抵达。"]:
        (f,) = check_text(glossary, text)
        fixed = text[:f.fix.start] + f.fix.replacement + text[f.fix.end:]
        assert fixed == "“亚伯拉罕·林肯”号航母打击群抵达。", (text, f)


def test_a_quote_before_haozhao_is_no_ships_name():


    # “亚伯拉罕·林肯”号召 quotes the president calling on people: not the carrier's 号
    found = find_terms(_ship_glossary(), "他引用“亚伯拉罕·林肯”号召大家，“亚伯拉罕·林肯”号称")
    assert [m.matched for m in found] == []


def test_a_pinyin_reading_inside_a_tags_attribute_is_markup(glossary):
    text = '<i title="戰(zhàn)">12日战争</i>'
    assert codes(findings(glossary, text)) == []


def test_gl007_points_at_a_departing_form_when_the_preferred_one_is_the_less_used(glossary):
    found = corpus(glossary, {"a.txt": "内坦亚胡说，内坦亚胡又说，内坦亚胡再说",
                              "b.txt": "内塔尼亚胡说"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert (f.path, f.matched, f.suggestion) == ("a.txt", "内坦亚胡", "内塔尼亚胡")


def test_gl007_points_at_the_forbidden_form_beside_a_full_name_used_once(glossary):
    # the preferred short form is dropped from the comparison beside its full name; the
    # finding still points at the forbidden spelling, not at the accepted full name
    found = corpus(glossary, {"a.txt": "阿巴斯·阿拉格齐说，阿拉格齐说",
                              "b.txt": "阿拉格奇说，阿拉格奇说，阿拉格奇说"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert (f.path, f.matched) == ("b.txt", "阿拉格奇")


@pytest.mark.parametrize("text, readings", [
    ("各方斡旋（wòxuán）未果", ["（wòxuán）"]),  # syllables run together, as WeChat copy has them
    ("12日戰爭(zhànzhēng)爆發", ["(zhànzhēng)"]),
    ("同位素丰度（fēngdù）", ["（fēngdù）"]),
    ("戰爭(zhan4zheng1)", ["(zhan4zheng1)"]),
    ("一杯咖啡(café)", []),  # one tone mark for two syllables: a word, not a reading
    # a neutral tone: pinyin where the characters read so, not where a word spells syllables
    ("老朋友(péngyou)", ["(péngyou)"]),
    ("說什麼（shénme）", ["（shénme）"]),
    ("他的简历(résumé)", []),
    # no tone mark at all: a loanword or an English word, whatever the characters read
    ("朋友(pengyou)们", []), ("关系（guanxi）", []), ("风水（feng-shui）", []), ("沙特阿(tea)", []),
    ("朋友(Péngyou)", []),  # capitalised and not each syllable toned: a name's romanisation
])
def test_gl006_finds_readings_with_syllables_run_together(glossary, text, readings):
    assert [f.matched for f in findings(glossary, text) if f.code == "GL006"] == readings


def test_gl006_says_zhuyin_for_a_zhuyin_annotation_and_removes_it(glossary):
    (f,) = [f for f in findings(glossary, "12日戰(ㄓㄢˋ)爭") if f.code == "GL006"]
    assert f.message == "zhuyin annotation `(ㄓㄢˋ)` after `戰`"
    assert f.fix.replacement == ""
    (f,) = [f for f in findings(glossary, "12日戰 (zhàn)爭") if f.code == "GL006"]
    assert (f.matched, f.column, f.fix.start, f.fix.end) == (" (zhàn)", 5, 4, 11)


def test_no_fix_that_would_end_a_hashtag(glossary):
    # an interpunct ends a tag on X; a fix with word characters only keeps it a tag
    for text in ("航母#亚伯拉罕林肯号 驶向中东", "#美伊 #亚伯拉罕林肯号", "＃亚伯拉罕林肯号＃",
                 "#美伊# #亚伯拉罕林肯号#"):
        (f,) = check_text(_ship_glossary(), text)
        assert (f.code, f.fix) == ("GL005", None), text
    # after a Weibo topic (#…#), after C#, or a name whose tag its text already ends
    for text in ("#美伊谈判# 亚伯拉罕林肯号驶向中东", "#美伊谈判#亚伯拉罕林肯号驶向中东",
                 "C#亚伯拉罕林肯号", "#亚伯拉罕•林肯号", "今天C#课上，#美伊谈判#亚伯拉罕林肯号"):
        (f,) = check_text(_ship_glossary(), text)
        assert f.fix.replacement == "亚伯拉罕·林肯号", text
    (f,) = findings(glossary, "#阿拉格奇 表示")
    assert (f.code, f.fix.replacement) == ("GL001", "阿拉格齐")


@pytest.mark.parametrize("text", [
    "阿拉格齐（Araghchi），不作“阿拉格奇”。",  # a style sheet
    "[删：阿拉格奇][改：阿拉格齐]",  # an editor's marks
    "~~阿拉格奇~~阿拉格齐",
    "“阿拉格奇”系原稿笔误",  # a translator's note
    "“阿拉格奇”按新华社译名应为阿拉格齐",
    "阿拉格奇是老译名",
    "阿拉格奇（原文如此）说",
    "亦有写作“阿拉格奇”者",
    # a correction notice
    "将伊朗外长的名字误写为阿拉格奇。",
    "“阿拉格奇”一律更正为“阿拉格齐”",
    "图片说明中的阿拉格奇（应为阿拉格齐）亦予更正",
    "原稿作阿拉格奇，已予更正。",
    "夜班编辑已将阿拉格奇改为阿拉格齐",
    "阿拉格奇应为阿拉格齐",
    "A3　　　阿拉格奇　　　　　阿拉格齐",  # a 勘误表's row
    "| 阿拉格奇 | 阿拉格齐 |",
    # a style sheet
    "勿用“阿拉格奇”", "避免使用阿拉格奇（旧译）", "✗阿拉格奇", "旧译：阿拉格奇", "误：阿拉格奇",
    "阿拉格奇→阿拉格齐", "阿拉格奇（误）", "原文作阿拉格奇[sic]", "<del>阿拉格奇</del>",
    "~阿拉格奇~", "“阿拉格奇”的写法已过时", "港台译作阿拉格奇", "不写“阿拉格齊”或“阿拉格奇”",
    "正：阿拉格齐 误：阿拉格奇", "寫成阿拉格奇，這是比較舊的譯法",
    "A5　　　阿巴斯·阿拉格奇　阿巴斯·阿拉格齐", "阿拉格奇\t阿拉格齐\r\n",
    # another rendering named beside the right one, a slip spoken of, a plea
    "伊朗外长阿拉格齐（又译阿拉格奇）与", "伊朗外長阿拉格齊（又譯阿拉格奇）在會後表示",
    "阿拉格齐（亦译阿拉格奇）", "阿拉格齐，别再写成阿拉格奇了！", "请不要写成阿拉格奇，应写阿拉格齐。",
    "很多媒体把他的名字写作阿拉格奇，本号统一用阿拉格齐。",
    "本报将阿拉格齐错写成阿拉格奇，特此更正。", "也有人翻译成阿拉格希或者阿拉格奇",
    "有啲朋友叫佢「阿拉格奇」", "有人叫阿拉格齐做「阿拉格奇」",
    # a wire service's corrections
    "第二段“伊朗外长阿拉格奇”应为“伊朗外长阿拉格齐”", "导语中“阿拉格奇”一名有误，应为“阿拉格齐”",
    "名字误植为阿拉格奇，现更正为阿拉格齐", "“阿拉格奇”均应更正为“阿拉格齐”",
    # a region's name for him
    "台湾叫阿拉格奇", "大陆媒体多译作阿拉格奇", "台湾简化成阿拉格奇",
])
def test_no_fix_where_a_wrong_form_is_spoken_of(glossary, text):
    # still reported; but the fix would turn the note against itself
    found = [f for f in findings(glossary, text) if f.code == "GL001"]
    assert [(f.matched, f.fix) for f in found] == [("阿拉格奇", None)]


@pytest.mark.parametrize("text", ["阿拉格奇表示，美方的说法有误", "伊朗外长“阿拉格奇”说",
                                  "“阿拉格奇”说，这一说法有误", "点名“阿拉格奇”，称其应为局势负责",
                                  "“阿拉格奇”政府应为冲突负责", "被称为“阿拉格奇”的外长",
                                  "他说“阿拉格奇”“内坦亚胡”都来了", "他称阿拉格奇将访华",
                                  # an indented paragraph writing both forms is no table's row
                                  "　　外长阿拉格齐周二抵达。阿拉格奇表示愿意谈判。",
                                  "\t外长阿拉格齐周二抵达。阿拉格奇表示愿意谈判。",
                                  # cue words in their ordinary senses
                                  "阿拉格奇应为此负责，批评者说。", "阿拉格奇应作出解释。",
                                  "阿拉格奇已改为周三出访。", "阿拉格奇为误判负责。",
                                  "阿拉格奇→德黑兰→马斯喀特", "×阿拉格奇访问阿曼",
                                  "他写作阿拉格奇的传记已有三年。", "避免阿拉格奇被孤立",
                                  "他不写阿拉格奇的文章", "这是个错误：阿拉格奇并未出席",
                                  "美方旧称阿拉格奇为“谈判高手”", "阿拉格奇的讲话被译成英文",
                                  "伊朗、阿拉格奇与", "美国或阿拉格奇", "他叫阿拉格奇来",
                                  "批评美方不作为、阿拉格奇则",
                                  # a region's name that says, is or writes, not names
                                  "台湾外交部称阿拉格奇的言论不实", "欧亚大陆是阿拉格奇此行的重点",
                                  "台湾是阿拉格奇的批评者", "外界对“阿拉格奇”有误解"])
def test_a_wrong_form_used_in_news_copy_keeps_its_fix(glossary, text):
    (f,) = [f for f in findings(glossary, text) if f.code == "GL001"]
    assert f.fix.replacement == "阿拉格齐"


@pytest.mark.parametrize("text, held", [
    ("A3\u3000\u3000\u3000阿拉格奇\u3000阿拉格齐", True), ("| 阿拉格奇 | 阿拉格齐 |", True),
    ("阿拉格奇\t阿拉格齐", True), ("\u3000\u3000外长阿拉格齐周二抵达。\n\u3000\u3000阿拉格奇表示", False),
    ("段落。\n \u3000\u3000阿拉格奇", False), ("\n" + "\u3000" * 100_000 + "阿拉格奇", False),
])
def test_where_a_table_may_be(text, held):
    """A table's rows are looked for only in texts with a |, a tab, or two ideographic spaces
    after a character (a paragraph's indent is none)."""
    from glossary.fixguard import may_hold_table

    assert may_hold_table(text) is held


def test_every_cue_word_is_known_in_both_scripts():
    from glossary import fixguard
    from glossary.scripts import to_traditional

    for cues in (fixguard._STRONG_CUES, fixguard._WEAK_CUES):
        missing = {to_traditional(c) for c in cues} - set(cues)
        assert not missing, missing


def test_a_form_in_the_title_of_a_cited_work_is_quoted_as_published():
    jcpoa = Glossary([Entry.from_dict({"id": "jcpoa", "zh": "联合全面行动计划", "en": "JCPOA",
                                       "type": "agreement", "variants": ["伊核协议"],
                                       "forbidden": ["伊朗核协定"]})])
    # a bibliography's title: no GL002, and a forbidden form keeps its finding but no fix
    assert check_text(jcpoa, "[1] 王晋：《伊核协议的前世今生》，2025年。") == []
    (f,) = check_text(jcpoa, "[2] 《伊朗核协定十年回顾》")
    assert (f.code, f.fix) == ("GL001", None)
    # the term itself in book-title marks, or beside them, is the writer's use
    assert codes(check_text(jcpoa, "《伊核协议》签署十年")) == ["GL002"]
    (f,) = check_text(jcpoa, "《纽约时报》称伊朗核协定已死")
    assert f.fix.replacement == "联合全面行动计划"
    # Taiwan's marks for an article's title
    assert check_text(jcpoa, "王晉：〈伊核協議的前世今生〉，2025年。") == []


def test_an_accepted_or_regional_form_the_text_names_is_no_finding(glossary):
    """A variant or another region's wording that the text names rather than uses (a subtitle
    on renderings, a Hong Kong column on Taiwan's names) is no GL002 or GL008 finding."""
    araghchi = Glossary([Entry.from_dict({"id": "abbas-araghchi", "zh": "阿拉格齐",
                                          "en": "Abbas Araghchi", "type": "person",
                                          "variants": ["阿拉格希", "阿拉奇"]})])
    assert check_text(araghchi, "00:14 也有人翻译成阿拉格希或者阿拉奇") == []
    assert sorted(codes(check_text(araghchi, "阿拉奇表示，阿拉格希说"))) == ["GL002", "GL002", "GL007"]
    # named forms are no uses: GL007 counts only the form used, and points at a use, whichever
    # rules are enabled
    (f,) = [f for f in check_text(araghchi, "阿拉格希表示，也有人翻译成阿拉奇。阿拉格齐说")
            if f.code == "GL007"]
    assert f.extra["forms"] == {"阿拉格齐": 1, "阿拉格希": 1}
    for options in ({}, {"select": ["GL007"]}, {"ignore": ["variant-form"]}):
        (f,) = [f for f in corpus(araghchi, {"c.txt": "阿拉格齐表示。",
                                             "d.txt": "也有人译作阿拉奇。后来阿拉奇说。"},
                                  **options) if f.code == "GL007"]
        assert (f.path, f.column, f.extra["forms"]) == ("d.txt", 12, {"阿拉格齐": 1, "阿拉奇": 1})
    hong_kong = "佢哋説，特朗普今日又講咗嘢。台灣媒體普遍把他的名字譯作川普。"
    assert "GL008" not in codes(findings(glossary, hong_kong))
    for named in ("习惯称他为“川普”", "台湾媒体译作川普", "台湾就叫川普"):
        assert "GL008" not in codes(findings(glossary, f"特朗普说。{named}。")), named
    assert "GL008" in codes(findings(glossary, "佢哋説，特朗普今日又講咗嘢。川普説。"))


def test_no_fix_closing_up_a_name_in_a_line_spaced_out_character_by_character(glossary):
    # a crossword's rows: joining one name's cells would break the grid
    found = findings(glossary, "阿 拉 格 齐 □ 马\n特 □ □ 伊 朗 □\n")
    assert [(f.code, f.matched, f.fix) for f in found] == [
        ("GL005", "阿 拉 格 齐", None), ("GL005", "伊 朗", None)]
    # a spaced name in prose keeps its fix
    (f,) = [f for f in findings(glossary, "伊朗外长阿 拉 格 齐表示") if f.code == "GL005"]
    assert f.fix.replacement == "阿拉格齐"


def test_suggestions_write_tai_as_a_taiwan_document_does():
    glossary = Glossary([Entry.from_dict({"id": "channel-12", "zh": "第12频道电视台",
                                          "en": "Channel 12", "type": "media",
                                          "variants": ["第12频道"]})])
    (f,) = check_text(glossary, "對台灣而言，以色列第12頻道報導。")
    assert f.suggestion == "第12頻道電視台"  # the document writes 台, never 臺
    (f,) = check_text(glossary, "對臺灣而言，以色列第12頻道報導。")
    assert f.suggestion == "第12頻道電視臺"


@pytest.mark.parametrize("text", [
    "《联合全面行动计划》（JCPOA，以下简称“伊核协议”）生效",  # as a think tank writes it
    "《联合全面行动计划》（伊核协议）",
    "“伊朗伊斯兰共和国通讯社”（伊通社）报道",
    "伊朗伊斯兰共和国通讯社（简称“伊通社”）报道",
    "伊朗伊斯兰共和国通讯社（以下简称伊通社）报道",
    "伊朗伊斯兰共和国通讯社（IRNA，下称伊通社）报道",
    "伊朗伊斯兰共和国通讯社（伊通社，IRNA）报道",
    "伊朗伊斯蘭共和國通訊社（以下簡稱「伊通社」）報導",
    "伊朗伊斯兰共和国通讯社（Islamic Republic News Agency，IRNA，简称伊通社）报道",
    "伊朗伊斯兰共和国通讯社（英文缩写IRNA，下文简称伊通社）报道",
    "伊朗伊斯兰共和国通讯社（以下称为伊通社）报道", "伊朗伊斯兰共和国通讯社（亦称伊通社）报道",
    "伊朗伊斯兰共和国通讯社［伊通社］报道",
])
def test_an_introduction_in_the_usual_layouts_is_no_finding(text):
    glossary = Glossary([
        Entry.from_dict({"id": "irna", "zh": "伊朗伊斯兰共和国通讯社", "en": "IRNA",
                         "type": "media", "variants": ["伊通社"]}),
        Entry.from_dict({"id": "jcpoa", "zh": "联合全面行动计划", "en": "JCPOA",
                         "type": "agreement", "variants": ["伊核协议", "伊朗核问题全面协议"]})])
    assert corpus(glossary, {"a.txt": text}) == []


def test_a_variant_introduced_beside_another_variant_is_still_reported():
    glossary = Glossary([Entry.from_dict({
        "id": "jcpoa", "zh": "联合全面行动计划", "en": "JCPOA", "type": "agreement",
        "variants": ["伊核协议", "伊朗核问题全面协议"]})])
    # the preferred form is written nowhere: both are reported, as variants
    found = check_text(glossary, "《伊朗核问题全面协议》（伊核协议）")
    assert [(f.code, f.matched) for f in found if f.code == "GL002"] == [
        ("GL002", "伊朗核问题全面协议"), ("GL002", "伊核协议")]


def test_a_forbidden_form_introduces_nothing():
    glossary = Glossary([Entry.from_dict({
        "id": "abbas-araghchi", "zh": "阿拉格齐", "en": "Abbas Araghchi", "type": "person",
        "variants": ["阿拉格希"], "forbidden": ["阿拉格奇"]})])
    # the variant beside a forbidden form in brackets is still a variant
    for text in ("阿拉格希（阿拉格奇）表示。", "阿拉格奇（阿拉格希）表示。"):
        assert sorted(codes(check_text(glossary, text))) == ["GL001", "GL002", "GL007"], text


def test_an_introduction_through_a_character_reference():
    glossary = Glossary([Entry.from_dict({"id": "irna", "zh": "伊朗伊斯兰共和国通讯社",
                                          "en": "IRNA", "type": "media", "variants": ["伊通社"]})])
    # the reference itself is reported (GL005); the introduced form is not a variant's use
    found = corpus(glossary, {"a.txt": "伊朗伊斯兰共和国通讯社（&#20234;通社）报道"})
    assert codes(found) == ["GL005"]


@pytest.mark.parametrize("text", [
    "伊朗伊斯兰共和国通讯社（并非伊通社）报道",  # words in the brackets: no introduction
    "伊朗伊斯兰共和国通讯社报道（伊通社）",  # the brackets not right after the name
    "伊朗伊斯兰共和国通讯社（据（伊通社））",
])
def test_not_an_introduction(text):
    glossary = Glossary([Entry.from_dict({"id": "irna", "zh": "伊朗伊斯兰共和国通讯社",
                                          "en": "IRNA", "type": "media", "variants": ["伊通社"]})])
    assert "GL002" in codes(corpus(glossary, {"a.txt": text}))


def test_gl007_takes_a_form_introduced_in_brackets_as_the_one_it_stands_for():
    glossary = Glossary([Entry.from_dict({
        "id": "irna", "zh": "伊朗伊斯兰共和国通讯社", "en": "IRNA", "type": "media",
        "variants": ["伊通社", "伊朗通讯社"]})])
    # news copy introduces an abbreviation after the full name, then uses it
    text = "伊朗伊斯兰共和国通讯社（伊通社）报道，伊通社称，伊通社又称。"
    # the introduction itself is no GL002 (its suggestion would double the name); later uses are
    assert [(f.code, f.column) for f in corpus(glossary, {"a.txt": text})] == [
        ("GL002", 20), ("GL002", 25)]
    assert [f.code for f in corpus(glossary, {"a.txt": "伊通社（伊朗伊斯兰共和国通讯社）称"})] == []
    # both rules read the introduction from the scanned text: through a pasted reading, and
    # with the full name in the other script
    assert [f.code for f in corpus(glossary, {"a.txt": "伊朗伊斯兰共和国通讯社（伊通(tōng)社）称"})
            ] == ["GL006"]
    assert [f.code for f in corpus(glossary, {"a.txt": "伊朗伊斯蘭共和國通訊社（伊通社）稱"})] == []
    found = corpus(glossary, {"a.txt": text, "b.txt": "伊朗伊斯兰共和国通讯社报道。"})
    assert "GL007" not in codes(found)
    # the abbreviation used without being introduced is still the other form
    found = corpus(glossary, {"a.txt": text, "b.txt": "伊通社报道。"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert (f.path, f.matched) == ("b.txt", "伊通社")
    assert f.extra["forms"] == {"伊朗伊斯兰共和国通讯社": 4, "伊通社": 1}
    # the count takes the introduced abbreviation in; the message says how each was written
    assert "`伊朗伊斯兰共和国通讯社` (4× in a.txt: written 伊通社 3×, 伊朗伊斯兰共和国通讯社 1×)" \
        in f.message
    # the full name introduced after the short form, and another variant, which still counts
    found = corpus(glossary, {"a.txt": "伊通社（伊朗伊斯兰共和国通讯社）称，伊朗通讯社说"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert f.extra["forms"] == {"伊朗伊斯兰共和国通讯社": 2, "伊朗通讯社": 1}
    # introductions in a chain all end in one form
    found = corpus(glossary, {"a.txt": "伊朗通讯社（伊通社）报道。伊朗伊斯兰共和国通讯社（伊朗通讯社）称。"})
    assert "GL007" not in codes(found)


def test_gl007_points_at_another_transliteration_not_at_the_full_name(glossary):
    cooper = Glossary([Entry.from_dict({"id": "brad-cooper", "zh": "库珀", "en": "Brad Cooper",
                                        "type": "person", "variants": ["布拉德·库珀", "库柏"]})])
    found = corpus(cooper, {"a.txt": "库珀说。库珀又说。", "b.txt": "布拉德·库珀说。",
                            "c.txt": "库柏说。"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert (f.path, f.matched) == ("c.txt", "库柏")
    # the same where the preferred short form itself is not used anywhere
    found = corpus(cooper, {"a.txt": "布拉德·库珀说。", "b.txt": "库柏说。"})
    (f,) = [f for f in found if f.code == "GL007"]
    assert (f.path, f.matched) == ("b.txt", "库柏")
