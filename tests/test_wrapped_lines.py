"""Terms broken by a hard line wrap (text copied from PDFs, e-mail, wrapped Markdown)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary.check import CheckOptions, check_paths, check_text
from glossary.fix import apply_fixes, fix_files
from glossary.matcher import find_terms
from glossary.model import Entry, Glossary
from glossary.normalize import wrapped_breaks
from glossary.store import load_glossary

DATA = Path(__file__).resolve().parent / "data" / "check"
BODY = ("伊朗外交部发言人周三在德黑兰表示，伊朗外交部长阿拉格奇当天与阿曼外交大臣通了电话，双方就"
        "伊朗与美国之间的间接谈判交换了意见。发言人说，谈判取得了一定进展，但分歧依然存在，下一轮"
        "谈判的时间和地点仍在商定之中。")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "glossary")


def wrap(text: str, width: int, newline: str = "\n") -> str:
    """*text* hard-wrapped every *width* characters, as e-mail and PDF copy has it."""
    return newline.join(text[i:i + width] for i in range(0, len(text), width)) + newline


def test_breaks_of_a_hard_wrapped_paragraph():
    text = wrap(BODY, 20)
    lines = text.splitlines(keepends=True)
    ends = [sum(map(len, lines[:n + 1])) - 1 for n in range(len(lines) - 1)]
    # every break between two characters of a word; not the one before a comma
    expected = [(e, e + 1) for e in ends if "，" not in text[e - 1:e + 2]]
    assert wrapped_breaks(text) == expected and expected


def test_crlf_and_indented_paragraphs():
    text = wrap("　　" + BODY, 20, "\r\n")
    assert [text[s:e] for s, e in wrapped_breaks(text)] == ["\r\n"] * len(wrapped_breaks(text))
    assert wrapped_breaks(text)


@pytest.mark.parametrize("text", [
    "以色列称对伊朗的打击属于自卫\n星期五，以军再次发动空袭，伊朗方面随即表示将予以回应。\n",  # a headline
    BODY[:40] + "\n" + BODY[40:] + "\n",  # paragraphs written on one line each
    "# 伊朗外交部长阿拉格齐表示谈判取得进展取得\n" + wrap(BODY, 20),  # a heading
    wrap(BODY, 20).replace("\n", "\n\n"),  # blank lines between lines
    "The foreign minister said on\nWednesday that talks went well and\nthat more were planned.\n",
])
def test_other_line_breaks_stay(text):
    first = text.index("\n")  # the break after the first line
    assert [text[s - 2:e + 2] for s, e in wrapped_breaks(text) if s <= first] == []


def test_list_items_rules_and_dashes_end_a_line():
    items = "".join(f"{n}. 伊朗外交部长阿拉格齐与代表团会谈\n" for n in range(1, 6))
    assert [s for s, _ in wrapped_breaks(items + wrap(BODY, 20))] == [
        s + len(items) for s, _ in wrapped_breaks(wrap(BODY, 20))]
    text = wrap(BODY, 20)
    for ending in ("——", "----", "。", "：", "●"):
        broken = text.replace("\n", ending + "\n", 1)
        assert wrapped_breaks(broken)[0][0] > broken.index(ending)


def test_after_a_name_separator():
    text = wrap("伊朗展示的新型导弹型号为霍拉姆沙赫尔-4型，射程约两千公里，伊朗国防部长表示该导弹已部署完毕。", 19)
    assert "霍拉姆沙赫尔-\n4型" in text
    assert [m.entry.id for m in find_terms(load_glossary(DATA / "glossary"), text)
            if "\n" in m.matched] == ["khorramshahr-4"]


def test_a_term_broken_by_a_wrap_is_found_at_its_place(glossary):
    text = wrap(BODY.replace("阿拉格奇", "阿拉格齐"), 25)
    (match,) = [m for m in find_terms(glossary, text) if m.entry.id == "abbas-araghchi"]
    assert match.matched == "阿拉\n格齐" and match.clean == "阿拉格齐"
    assert not match.spaced  # a wrap is not noise: the preferred form gets no finding
    assert check_text(glossary, text) == []


def test_a_forbidden_form_across_lines_is_fixed_in_place(glossary):
    text = wrap(BODY, 25, "\r\n")
    (finding,) = [f for f in check_text(glossary, text) if f.code == "GL001"]
    assert (finding.line, finding.end_line) == (1, 2)
    assert finding.matched == "阿拉\r\n格奇" and finding.suggestion == "阿拉格齐"
    assert "`阿拉格奇`" in finding.message  # the term as read, without the break
    fixed = apply_fixes(text, [finding.fix])[0]
    # the term is written whole and the break stays where it was: every line as before
    assert fixed == wrap(BODY.replace("阿拉格奇", "阿拉格齐"), 25, "\r\n")
    assert check_text(glossary, fixed) == []


def test_a_longer_replacement_keeps_the_first_line():
    glossary = Glossary([Entry.from_dict({
        "id": "benjamin-netanyahu", "zh": "内塔尼亚胡", "en": "Netanyahu", "type": "person",
        "forbidden": ["内坦亚胡"]})])
    text = wrap(BODY.replace("伊朗外交部长阿拉格奇", "以色列总理内坦亚胡"), 24)
    assert "内坦\n亚胡" in text
    (finding,) = check_text(glossary, text)
    fixed = apply_fixes(text, [finding.fix])[0]
    # the first line keeps its length; the second takes the extra character
    assert "内塔\n尼亚胡" in fixed
    assert len(fixed.splitlines()[0]) == len(text.splitlines()[0])
    assert check_text(glossary, fixed) == []


def test_fix_of_a_wrapped_file_keeps_its_lines(glossary, tmp_path):
    path = tmp_path / "wrapped.txt"
    body = wrap(BODY + "导弹型号为霍拉姆沙赫尔－4型。", 25)
    path.write_bytes(body.encode("gb18030"))
    fix_files(check_paths(glossary, [str(path)], CheckOptions()).findings, write=True)
    fixed = path.read_bytes().decode("gb18030")
    assert [len(line) for line in fixed.splitlines()] == [len(line) for line in body.splitlines()]
    assert "阿拉格齐" in fixed.replace("\n", "") and "霍拉姆沙赫尔-4" in fixed.replace("\n", "")
    assert check_paths(glossary, [str(path)], CheckOptions()).findings == []


@pytest.mark.parametrize("text", [
    "今日要闻\n伊朗外长称德黑兰有权自卫\n星期五以色列再度发动空袭\n美国国务院呼吁各方保持克制\n"
    "联合国安理会召开紧急会议\n",  # a list of headlines
    "目录\n第一章 伊朗核问题的由来\n第二章 以色列与伊朗的冲突\n第三章 十二日战争的经过\n"
    "第四章 停火协议的达成\n",  # a table of contents
    "伊朗总统会见俄罗斯外长\n新华社记者 张三\n2025年6月13日\n" + BODY + "\n",  # headline, byline
])
def test_lines_alike_but_not_prose_are_not_wrapped(text):
    assert wrapped_breaks(text) == []


def _prefixed(prefix: str, text: str, width: int = 20, first: str | None = None,
              flowed: bool = False) -> str:
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    end = " \n" if flowed else "\n"
    return end.join((first if first is not None and n == 0 else prefix) + line
                    for n, line in enumerate(lines)) + "\n"


def _skeleton(text: str) -> list[str]:
    """Each line without its Chinese: the quote markers, indentation and trailing spaces."""
    return [re.sub("[\u4e00-\u9fff，。]", "", line) for line in text.split("\n")]


@pytest.mark.parametrize("text", [
    _prefixed("> ", BODY),  # e-mail quoting
    _prefixed("> > ", BODY),  # a quote in a quote
    _prefixed("  ", BODY, first="- "),  # a Markdown list item's continuation lines
    _prefixed("", BODY, flowed=True),  # format=flowed: each wrapped line ends in a space
])
def test_wraps_of_quoted_listed_and_flowed_text(glossary, text):
    found = [f for f in check_text(glossary, text) if f.code == "GL001"]
    assert found and all(f.entry_id == "abbas-araghchi" for f in found)
    fixed, _, _ = apply_fixes(text, [f.fix for f in check_text(glossary, text) if f.fix])
    assert _skeleton(fixed) == _skeleton(text) and fixed != text  # markers and spaces stay
    assert check_text(glossary, fixed) == check_text(glossary, fixed)  # and read the same
    assert not [f for f in check_text(glossary, fixed) if f.code == "GL001"]


@pytest.mark.parametrize("text", [
    "> 伊朗外交部长阿拉格奇当天与阿曼外交大臣通\n了电话。\n",  # the quote ends
    "伊朗外交部长阿拉格奇当天与阿曼外交大臣通\n  了电话，双方交换了意见。\n",  # indented after plain
    "- 伊朗外交部长阿拉格奇当天与阿曼外交大臣通\n- 了电话，双方交换了意见。\n",  # two list items
])
def test_a_quote_or_list_that_ends_is_no_wrap(text):
    first = text.index("\n")
    assert [b for b in wrapped_breaks(text + text) if b[0] <= first] == []
