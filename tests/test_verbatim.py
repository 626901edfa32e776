"""Addresses, HTML comments and Markdown code and link targets are not prose: no findings, no
fixes, no counts in them; offsets of the prose around them unchanged."""

from __future__ import annotations

from pathlib import Path

from glossary.check import CheckOptions, check_paths
from glossary.fix import fix_files
from glossary.store import load_glossary
from glossary.verbatim import BLANK, blanked, verbatim_spans

DATA = Path(__file__).resolve().parent / "data" / "check"

MARKDOWN = """# 伊朗外长访问

见[阿拉格齐](https://zh.wikipedia.org/wiki/阿拉格奇)词条，![图](img/阿拉格奇.png)。
本站译稿中，`阿拉格奇` 一律改为 `阿拉格齐`。

```bash
grep -n "阿拉格奇" *.txt
```

<!-- 编辑注：内坦亚胡 的译名待统一 -->
阿拉格奇表示。

[维基]: https://zh.wikipedia.org/wiki/内坦亚胡
"""


def test_only_the_prose_of_a_markdown_file_is_checked_and_fixed(tmp_path):
    glossary = load_glossary(DATA / "glossary")
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    result = check_paths(glossary, [str(path)], CheckOptions())
    # the link's text is prose, its target is not: 阿拉格齐 there and 阿拉格奇 here are two forms
    assert [(f.code, f.line, f.column, f.matched) for f in result.findings] == [
        ("GL001", 11, 1, "阿拉格奇"), ("GL007", 11, 1, "阿拉格奇")]
    fix_files(result.findings)
    assert path.read_text(encoding="utf-8") == MARKDOWN.replace("阿拉格奇表示", "阿拉格齐表示")


def test_a_plain_text_keeps_its_code_marks_but_not_its_addresses(tmp_path):
    glossary = load_glossary(DATA / "glossary")
    path = tmp_path / "a.txt"
    path.write_text("见https://zh.wikipedia.org/wiki/阿拉格奇。另，`阿拉格奇`说。\n", encoding="utf-8")
    result = check_paths(glossary, [str(path)], CheckOptions())
    assert [(f.code, f.column) for f in result.findings] == [("GL001", 40)]  # in backticks: prose


def test_blanked_spans_keep_lengths_and_line_breaks():
    text = "```\n甲\r\n乙\n```\n丙`丁`戊"
    spans = verbatim_spans(text, markdown=True)
    out = blanked(text, spans)
    assert len(out) == len(text)
    assert out == f"{BLANK * 3}\n{BLANK}\r\n{BLANK}\n{BLANK * 3}\n丙{BLANK * 3}戊"
    assert verbatim_spans(text) == []  # not Markdown: no code


def test_what_ends_an_address_a_fence_and_a_reference():
    def shown(text, markdown=False):
        return blanked(text, verbatim_spans(text, markdown)).replace(BLANK, "_")

    # prose right after an address is prose; a path segment of Chinese is the address's
    assert shown("链接https://t.co/abc内坦亚胡表示") == "链接" + "_" * 16 + "内坦亚胡表示"
    assert shown("见https://zh.wikipedia.org/wiki/阿拉格奇。另") == "见" + "_" * 34 + "。另"
    # an unclosed fence runs to the end; a code span after a fence is found
    assert shown("正文\n```\n内坦亚胡", True) == "正文\n___\n____"
    assert shown("~~~\n`x\n~~~\n正文`内坦亚胡`说", True) == "___\n__\n___\n正文______说"
    # a line that only looks like a link reference definition is prose
    assert shown("[1]:内坦亚胡表示", True) == "[1]:内坦亚胡表示"
