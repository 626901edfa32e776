"""Terms broken by a hard line wrap (text copied from PDFs, e-mail, wrapped Markdown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.check import CheckOptions, check_paths, check_text
from glossary.fix import apply_fixes, fix_files
from glossary.matcher import find_terms
from glossary.normalize import WRAPPED_LINE_MIN, wrapped_breaks
from glossary.store import load_glossary

DATA = Path(__file__).resolve().parent / "data" / "check"
LEAD = "伊朗外交部发言人周三在德黑兰表示,外交部长阿拉"  # a long line, wrapped inside a name


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "glossary")


@pytest.mark.parametrize("text, breaks", [
    (LEAD + "\n格齐说。", [(len(LEAD), len(LEAD) + 1)]),
    (LEAD + "\r\n格齐说。", [(len(LEAD), len(LEAD) + 2)]),
    ("　　" + LEAD + "\n格齐说。", [(len(LEAD) + 2, len(LEAD) + 3)]),  # an indented first line
    ("导弹型号为霍拉姆沙赫尔-\n4型", [(12, 13)]),  # after a name's separator
    ("伊朗在2025年6月13\n日遭到袭击", [(12, 13)]),  # a digit, then an ideograph
])
def test_breaks_inside_a_wrapped_paragraph(text, breaks):
    assert wrapped_breaks(text) == breaks


@pytest.mark.parametrize("text", [
    "伊朗\n外交部长阿拉格齐说。",  # a short line: a title or a label
    "# 伊朗外交部长阿拉格齐表示\n谈判取得进展",  # a Markdown heading
    "伊朗外交部长阿拉格齐周三表示。\n谈判取得进展",  # the line ends with punctuation
    "伊朗外交部长阿拉格齐周三表示\n　　谈判取得进展",  # the next paragraph is indented
    "伊朗外交部长阿拉格齐周三表示\n\n谈判取得进展",  # a blank line between paragraphs
    "伊朗外交部长阿拉格齐周三表示\n- 谈判取得进展",  # a list item
    "The foreign minister said on\nWednesday",  # Latin words on both sides
    "伊朗外交部长阿拉格齐周三表示 \n谈判取得进展",  # a space before the break
])
def test_other_line_breaks_stay(text):
    assert wrapped_breaks(text) == []


def test_the_shortest_wrapped_line():
    line = "伊" * (WRAPPED_LINE_MIN - 1)
    assert wrapped_breaks(line + "\n朗") == []
    assert wrapped_breaks(line + "伊\n朗") == [(WRAPPED_LINE_MIN, WRAPPED_LINE_MIN + 1)]


def test_a_term_broken_by_a_wrap_is_found_at_its_place(glossary):
    text = LEAD + "\n格齐说。"
    (match,) = [m for m in find_terms(glossary, text) if m.entry.id == "abbas-araghchi"]
    assert (match.start, match.end) == (len(LEAD) - 2, len(LEAD) + 3)
    assert (match.matched, match.clean) == ("阿拉\n格齐", "阿拉格齐")
    assert not match.spaced  # a wrap is not noise: the preferred form gets no finding
    assert check_text(glossary, text) == []


def test_a_title_line_does_not_run_into_the_body(glossary):
    assert [m.entry.id for m in find_terms(glossary, "阿拉\n格奇说")] == []


def test_a_forbidden_form_across_lines_is_reported_and_fixed_line_by_line(glossary):
    text = LEAD[:-2] + "阿拉\r\n格奇说,霍拉姆沙赫尔导弹。\r\n"
    (finding,) = check_text(glossary, text)
    assert (finding.code, finding.line, finding.column, finding.end_line, finding.end_column) == (
        "GL001", 1, len(LEAD) - 1, 2, 3)
    assert finding.matched == "阿拉\r\n格奇" and finding.suggestion == "阿拉格齐"
    assert "`阿拉格奇`" in finding.message  # the term as read, without the break
    fixed = apply_fixes(text, [finding.fix])[0]
    # the term is written whole and the break follows it: as many lines as before
    assert fixed == LEAD + "格齐\r\n说,霍拉姆沙赫尔导弹。\r\n"
    assert check_text(glossary, fixed) == []


def test_fix_of_a_wrapped_file_keeps_its_lines(glossary, tmp_path):
    path = tmp_path / "wrapped.txt"
    body = (LEAD[:-2] + "阿拉\n格奇与阿曼外交大臣通了电话。导弹型号霍拉姆沙赫尔－\n4型\n")
    path.write_bytes(body.encode("gb18030"))
    fix_files(check_paths(glossary, [str(path)], CheckOptions()).findings, write=True)
    fixed = path.read_bytes().decode("gb18030")
    assert fixed.count("\n") == body.count("\n")
    assert "阿拉格齐\n与阿曼" in fixed and "霍拉姆沙赫尔-4\n型" in fixed
    assert check_paths(glossary, [str(path)], CheckOptions()).findings == []
