"""Safe fixes: what they write, in which script and encoding, and that a second run changes nothing."""

from __future__ import annotations

import codecs
import functools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.check import CheckOptions, check_paths, check_text
from glossary.findings import Finding, Fix
from glossary.fix import MAX_ROUNDS, apply_fixes, fix_files
from glossary.model import Entry, Glossary
from glossary.normalize import HYPHEN_VARIANTS, INTERPUNCT_VARIANTS
from glossary.scripts import traditional_forms
from glossary.store import load_glossary

DATA = Path(__file__).resolve().parent / "data" / "check"
TRAD_FILLER = "這個國家們說"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "glossary")


def fix_text(glossary, text: str) -> str:
    """The text after one round of safe fixes (what --fix writes)."""
    fixes = [f.fix for f in check_text(glossary, text) if f.fix is not None]
    return apply_fixes(text, fixes)[0]


def fix_path(glossary, path: Path, write: bool = True, **options):
    result = check_paths(glossary, [str(path)], CheckOptions(**options))
    return fix_files(result.findings, write=write)


# --- apply_fixes ------------------------------------------------------------------------------


def test_apply_fixes_in_offsets_of_the_text():
    text, applied, skipped = apply_fixes("甲乙丙丁", [Fix(2, 3, "三"), Fix(0, 1, "一")])
    assert text == "一乙三丁"
    assert applied == [Fix(0, 1, "一"), Fix(2, 3, "三")] and skipped == []


def test_apply_fixes_overlapping_first_and_longest_wins():
    text, applied, skipped = apply_fixes("甲乙丙丁", [Fix(1, 2, ""), Fix(0, 3, "X"), Fix(0, 1, "Y")])
    assert text == "X丁"
    assert applied == [Fix(0, 3, "X")]
    assert sorted(skipped, key=lambda f: f.start) == [Fix(0, 1, "Y"), Fix(1, 2, "")]


def test_apply_fixes_duplicates_count_once():
    text, applied, _ = apply_fixes("甲乙", [Fix(0, 1, "一"), Fix(0, 1, "一")])
    assert text == "一乙" and applied == [Fix(0, 1, "一")]


def test_apply_no_fixes():
    assert apply_fixes("甲乙", []) == ("甲乙", [], [])


# --- what the fixes write -----------------------------------------------------------------------


@pytest.mark.parametrize("before, after", [
    ("伊朗外长阿拉格奇表示", "伊朗外长阿拉格齐表示"),  # forbidden → zh
    (f"阿拉格奇表示{TRAD_FILLER}", f"阿拉格齊表示{TRAD_FILLER}"),  # traditional doc: s2t of zh
    (f"纽西兰總理{TRAD_FILLER}", f"紐西蘭總理{TRAD_FILLER}"),  # traditional doc: zh_hant
    ("纽西兰总理说", "新西兰总理说"),
    ("议长阿里拉利贾尼表示", "议长阿里·拉里贾尼表示"),
    ("阿里•拉里贾尼、阿里‧拉里贾尼、阿里拉里贾尼", "阿里·拉里贾尼、阿里·拉里贾尼、阿里·拉里贾尼"),
    (f"阿里‧拉里賈尼、阿里·拉里賈尼{TRAD_FILLER}", f"阿里·拉里賈尼、阿里·拉里賈尼{TRAD_FILLER}"),
    (f"阿里‧拉里賈尼{TRAD_FILLER}", f"阿里‧拉里賈尼{TRAD_FILLER}"),  # Taiwan's ‧, the document's own
    ("霍拉姆沙赫尔－４、霍拉姆沙赫尔—4", "霍拉姆沙赫尔-4、霍拉姆沙赫尔-4"),
    ("Ｆ－３５战斗机", "F-35战斗机"),
    ("12日戰(zhàn)爭", "12日戰爭"),
    ("協(xié)議(yì)簽署", "協議簽署"),
    ("天气(qì)很好", "天气很好"),
    ("阿拉格(gé)奇表示", "阿拉格齐表示"),  # the forbidden form's fix swallows the annotation
    ("阿(ā)里•拉里贾尼", "阿里·拉里贾尼"),
    ("伊朗(Iran)和拉里贾尼", "伊朗(Iran)和拉里贾尼"),  # nothing safe to fix
    ("根据第五条(a)款", "根据第五条(a)款"),  # a list label, not an annotation
])
def test_fixes(glossary, before, after):
    assert fix_text(glossary, before) == after
    assert fix_text(glossary, after) == after


def test_fix_files_write_and_dry_run(glossary, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("外长阿拉格奇表示，天(tiān)气很好\n", encoding="utf-8")
    (dry,) = fix_path(glossary, path, write=False)
    assert dry.after == "外长阿拉格齐表示，天气很好\n"
    assert path.read_text(encoding="utf-8") == "外长阿拉格奇表示，天(tiān)气很好\n"
    assert "-外长阿拉格奇表示，天(tiān)气很好\n+外长阿拉格齐表示，天气很好\n" in dry.diff()
    name = str(path).lstrip("/")  # an absolute path outside the current folder: no a//tmp
    assert dry.diff().startswith(f"--- a/{name}\n+++ b/{name}\n")
    (done,) = fix_path(glossary, path)
    assert len(done.applied) == 2 and done.skipped == []
    assert path.read_text(encoding="utf-8") == "外长阿拉格齐表示，天气很好\n"
    assert [n for n in os.listdir(tmp_path) if n != "cache"] == ["a.txt"]  # no temporary file left
    assert fix_path(glossary, path) == []  # nothing left to fix


def test_diff_of_a_file_without_final_newline(glossary, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("阿拉格奇", encoding="utf-8")
    (dry,) = fix_path(glossary, path, write=False)
    assert dry.diff().endswith("+阿拉格齐\n\\ No newline at end of file\n")


@pytest.mark.parametrize("encoding, prefix", [
    ("gb18030", b""), ("utf-8-sig", codecs.BOM_UTF8), ("utf-8", b""),
])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_fix_keeps_encoding_and_line_ends(glossary, tmp_path, encoding, prefix, newline):
    text = newline.join(["伊朗外长阿拉格奇说，", "阿里•拉里贾尼表示，天(tiān)气很好。", ""])
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert path.read_bytes().startswith(prefix)
    (outcome,) = fix_path(glossary, path)
    expected = newline.join(["伊朗外长阿拉格齐说，", "阿里·拉里贾尼表示，天气很好。", ""])
    assert path.read_bytes() == expected.encode(encoding)
    assert len(outcome.applied) == 3


def test_fix_keeps_big5(glossary, tmp_path):
    text = "伊朗外長阿拉格奇說，這個國家的協(xie2)議\r\n阿里•拉里賈尼表示。\r\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    fix_path(glossary, path)
    # the document's own ‧ (Big5's A1 45) is its house style: it stays
    expected = "伊朗外長阿拉格齊說，這個國家的協議\r\n阿里•拉里賈尼表示。\r\n"
    assert path.read_bytes() == expected.encode("big5")


def test_fix_not_encodable_is_skipped(tmp_path):
    glossary = Glossary([Entry.from_dict({
        "id": "rare", "zh": "甲乙", "zh_hant": "㐀乙", "en": "Rare", "type": "term", "forbidden": ["丙丁"],
    })])
    text = f"丙丁說，天(tian1)氣很好{TRAD_FILLER}"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    (outcome,) = fix_path(glossary, path)
    assert [f.replacement for f in outcome.skipped] == ["㐀乙"]  # U+3400 has no Big5 code
    assert [f.replacement for f in outcome.applied] == [""]
    assert path.read_bytes() == f"丙丁說，天氣很好{TRAD_FILLER}".encode("big5")


def test_fix_files_ignores_findings_without_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("拉里贾尼", encoding="utf-8")
    finding = Finding("GL002", "variant-form", "info", str(path), 1, 1, 1, 5, "m")
    assert fix_files([finding]) == []


# --- idempotence ------------------------------------------------------------------------------


def test_second_run_changes_nothing(glossary, tmp_path):
    text = ("“12日戰(zhàn)爭”后，阿里•拉利贾尼和阿拉格(gé)奇讨论了霍拉姆沙赫尔－４导弹。\r\n"
            "《新削减战略武器条约》，阿里拉里贾尼，纽西兰，Ｆ－３５战斗机。\r\n")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    fix_path(glossary, path)
    once = path.read_bytes()
    assert fix_path(glossary, path) == []
    assert path.read_bytes() == once


def test_repeated_annotation_is_removed_in_one_run(glossary):
    once = fix_text(glossary, "戰(zhàn)(zhàn)爭")
    assert once == "戰爭"


def test_fix_completing_a_longer_form_needs_a_second_round(glossary):
    # One round of fixes: replacing the forbidden form completes a longer variant whose separator
    # needs a fix of its own. `glossary check --fix` must therefore repeat the rounds (see
    # test_cli_check.py::test_fix_twice_changes_nothing_when_a_fix_completes_a_longer_form).
    once = fix_text(glossary, "阿巴斯•阿拉格奇表示")
    assert once == "阿巴斯•阿拉格齐表示"
    assert fix_text(glossary, once) == "阿巴斯·阿拉格齐表示"


# The property: texts built from glossary forms (with noise and annotations inside), noise
# characters, annotations after Chinese characters and filler; one --fix round leaves nothing
# for a second one. (Repeated annotations and partial names are left out: see the tests above.)

_ANNOTATIONS = ["(zhàn)", "(xié)", "（yì）", "(qí)", "(lā)", "(shuō)", "(zhan4)"]
_NOISE = list(INTERPUNCT_VARIANTS + HYPHEN_VARIANTS) + ["·", "-", "４", "Ｆ", "１２", "“", "”", "《", "》"]
_FILLER = list("天气很好我们在这里看了的是报道称表示他說這個國家們，。、 ") + ["\n", "\r\n", "伊朗(Iran)"]
_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


@functools.lru_cache(maxsize=None)
def _forms() -> list[str]:
    glossary = load_glossary(DATA / "glossary")
    forms: list[str] = []
    for entry in glossary:
        for form in (entry.zh, entry.zh_hant, *entry.variants, *entry.forbidden_forms):
            if form:
                forms += [form, *traditional_forms(form)]
    return sorted(set(forms))


@st.composite
def _written_form(draw, wrapped: bool = False) -> str:
    """A glossary form as web copy writes it: separators swapped or dropped, widths, annotations
    (and, *wrapped*, hard line wraps inside it)."""
    out = []
    for char in draw(st.sampled_from(_forms())):
        if char == "·":  # also a hyphen for it, or an HTML character reference from a web page
            char = draw(st.sampled_from(["·", "", *INTERPUNCT_VARIANTS, "-", "－", "&middot;",
                                         "&#183;", "&#x30FB;", "&amp;middot;", " ", "\u3000"]))
        elif char == "-":  # also dropped (a model number: F35) or a character reference
            char = draw(st.sampled_from(["-", "", *HYPHEN_VARIANTS, "&ndash;", "&#45;"]))
        if char and _is_han(char) and draw(st.integers(0, 14)) == 0:
            char = f"&#{ord(char)};"  # a numeric character reference, as scraped pages have
        elif char and _is_han(char) and draw(st.integers(0, 9)) == 0:
            char += draw(st.sampled_from(["\u200b", "\u00ad", "\u200d"]))  # invisible, inside
        elif wrapped and char and _is_han(char) and draw(st.integers(0, 9)) == 0:
            char += draw(st.sampled_from(["\n", "\r\n"]))  # a hard line wrap inside the term
        elif char and _is_han(char) and draw(st.integers(0, 9)) == 0:
            char += draw(st.sampled_from([" ", "\u3000", "  "]))  # PDF copy, a padded name
        elif char and _is_han(char) and draw(st.integers(0, 19)) == 0:
            char += draw(st.sampled_from(["<em>", "</em>", "<b>"]))  # a search page's markup
        if char and char in "·-" + INTERPUNCT_VARIANTS + HYPHEN_VARIANTS:
            char = draw(st.sampled_from(["", " ", "\u3000"])) + char + draw(
                st.sampled_from(["", " ", "\u00a0"]))  # spaces around it, as some copy has
        elif char in _WIDE and draw(st.booleans()):
            char = _WIDE[char]
        elif char.isascii() and char.isalnum() and out and _is_han(out[-1][-1:]) \
                and draw(st.integers(0, 3)) == 0:
            char = " " + char  # Chinese and Latin spaced apart, as pangu.js does
        out.append(char)
        if _is_han(char) and draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(_ANNOTATIONS)))
    if len(out) > 2 and out[-1] in ("号", "號") and draw(st.booleans()):
        opening, closing = draw(st.sampled_from(["“”", "「」", '""']))
        out = [opening, *out[:-1], closing, out[-1]]  # a ship's name quoted before its 号
    return "".join(out)


@st.composite
def _texts(draw, wrapped: bool = False) -> str:
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["form", "form", "noise", "filler", "filler", "annotation"]))
        if kind == "annotation":
            last = pieces[-1] if pieces else ""
            if not last or not _is_han(last[-1]):
                continue  # an annotation follows a character, never another annotation
            pieces.append(draw(st.sampled_from(_ANNOTATIONS)))
        elif kind == "form":
            pieces.append(draw(_written_form(wrapped)))
        elif kind == "noise":
            pieces.append(draw(st.sampled_from(_NOISE)))
        else:
            pieces.append(draw(st.sampled_from(_FILLER)))
    return "".join(pieces)


@settings(max_examples=int(os.environ.get("FIX_EXAMPLES", 300)), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=_texts())
def test_fix_is_idempotent_property(glossary, text):
    once = fix_text(glossary, text)
    assert fix_text(glossary, once) == once
    # Safe fixes never leave a forbidden form, a separator variant or an annotation behind.
    assert [f for f in check_text(glossary, once) if f.fix is not None] == []


def fix_rounds(glossary, text: str) -> str:
    """The text after the rounds of fixes ``glossary check --fix`` makes (until nothing changes)."""
    for _ in range(MAX_ROUNDS):
        fixed = fix_text(glossary, text)
        if fixed == text:
            break
        text = fixed
    return text


@settings(max_examples=int(os.environ.get("FIX_EXAMPLES", 300)), deadline=None, derandomize=True,
          database=None, suppress_health_check=[HealthCheck.too_slow,
                                                HealthCheck.function_scoped_fixture])
@given(text=_texts(wrapped=True))
def test_fix_rounds_reach_a_fixpoint_with_wrapped_lines_property(glossary, text):
    # Hard wraps are recognised by the width of the lines, which fixes change (an annotation
    # removed, a longer form written): a wrap may show only once others are fixed, as --fix's
    # rounds allow. They end, and leave nothing to fix.
    done = fix_rounds(glossary, text)
    assert fix_text(glossary, done) == done
    assert [f for f in check_text(glossary, done) if f.fix is not None] == []
    assert done.count("\n") == text.count("\n")  # the fixes keep the lines


def test_fix_removes_spaces_around_separators(glossary):
    text = "外长阿巴斯 · 阿拉格齐说，霍拉姆沙赫尔 - 4导弹和阿里 •拉里贾尼\n"
    once = fix_text(glossary, text)
    assert once == "外长阿巴斯·阿拉格齐说，霍拉姆沙赫尔-4导弹和阿里·拉里贾尼\n"
    assert fix_text(glossary, once) == once



def test_big5_taiwan_interpunct_reads_as_itself_and_is_written_back(glossary, tmp_path):
    """Big5 A1 45 is the Taiwan interpunct ‧ (U+2027), which Python's codec calls a bullet."""
    path = tmp_path / "tw.txt"
    data = "議長阿里‧拉里賈尼表示，這個國家的外交部長。\r\n".replace("‧", "•").encode("big5")
    assert b"\xa1\x45" in data
    path.write_bytes(data)
    # held to the glossary's · by the setting (by default, the document's own ‧ stands)
    result = check_paths(glossary, [str(path)], CheckOptions(traditional_interpunct="·"))
    (gl005,) = [f for f in result.findings if f.code == "GL005"]
    assert gl005.matched == "阿里‧拉里賈尼"
    (outcome,) = fix_files(result.findings, write=False)
    assert outcome.before.count("‧") == 1
    fix_path(glossary, path, traditional_interpunct="·")
    assert path.read_bytes() == data.replace(b"\xa1\x45", "·".encode("big5"))


def test_a_padded_name_keeps_its_column():
    glossary = Glossary([Entry.from_dict({"id": "vladimir-putin", "zh": "普京", "en": "Putin",
                                          "type": "person"}),
                         Entry.from_dict({"id": "abbas-araghchi", "zh": "阿拉格齐",
                                          "en": "Araghchi", "type": "person"})])
    table = "姓名\u3000\u3000\u3000\u3000职务\n普\u3000京\u3000\u3000\u3000总统\n阿 拉 格 齐 外长\n"
    # the ideographic spaces of a padded list move after the name; a PDF's spaces go
    assert fix_text(glossary, table) == (
        "姓名\u3000\u3000\u3000\u3000职务\n普京\u3000\u3000\u3000\u3000总统\n阿拉格齐 外长\n")
    assert fix_text(glossary, fix_text(glossary, table)) == fix_text(glossary, table)


def test_a_padded_name_in_a_table_cell_among_others_gets_no_fix():
    glossary = Glossary([Entry.from_dict({"id": "vladimir-putin", "zh": "普京", "en": "Putin",
                                          "type": "person"})])
    row = "莫斯科\u3000\u3000\u3000\u3000普\u3000京、拉夫罗夫\u3000\u3000\u3000\u3000瓦尔代\n"
    (finding,) = check_text(glossary, row)
    assert finding.code == "GL005" and finding.fix is None
    assert fix_text(glossary, "与会：普\u3000京、拉夫罗夫\n") == "与会：普京、拉夫罗夫\n"  # no table


def test_a_diffs_lines_end_at_line_feeds_only():
    """A form feed (pdftotext's page break) or U+2028 inside a line stays in it, as patch reads
    the file; a split there would put "No newline" inside a hunk and break the patch."""
    from glossary.fix import FileFix

    before = "第一页\f阿拉格奇说\r\n第二行\u2028阿拉格奇\n"
    diff = FileFix("a.txt", before=before, after=before.replace("奇", "齐")).diff()
    assert diff.split("\n")[2:8] == [
        "@@ -1,2 +1,2 @@", "-第一页\f阿拉格奇说\r", "-第二行\u2028阿拉格奇",
        "+第一页\f阿拉格齐说\r", "+第二行\u2028阿拉格齐", ""]
    assert "No newline" not in diff


def test_a_fix_is_not_applied_where_the_file_changed_since_the_check(tmp_path):
    """A file edited between the check and the fix (an editor saving it) keeps its text: a fix
    whose span no longer holds what was found there is left out, not written over new text."""
    from glossary import load_glossary
    from glossary.check import check_paths
    from glossary.fix import fix_files

    path = tmp_path / "a.txt"
    path.write_text("外交部长阿拉格奇说。\n", encoding="utf-8")
    glossary = load_glossary(Path(__file__).resolve().parent / "data" / "check" / "glossary")
    result = check_paths(glossary, [str(path)])
    path.write_text("（快讯）外交部长阿拉格奇说。\n", encoding="utf-8")
    (outcome,) = fix_files(result.findings)
    assert outcome.applied == [] and len(outcome.skipped) == 1
    assert path.read_text(encoding="utf-8") == "（快讯）外交部长阿拉格奇说。\n"


def test_a_wrap_inside_an_annotation_stays_where_it_was():
    from glossary import load_glossary
    from glossary.check import check_text

    glossary = load_glossary(Path(__file__).resolve().parent / "data" / "check" / "glossary")
    text = "外交部长阿(ā)拉(lā\n)格(gé)奇(qí)表示，会谈在马斯喀特举行。\n"
    fixes = [f.fix for f in check_text(glossary, text) if f.fix]
    fixed = apply_fixes(text, fixes)[0]
    assert fixed.count("\n") == 2 and fixed.startswith("外交部长阿拉\n格齐表示")
