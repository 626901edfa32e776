"""The sentence splitter and ``glossary segment``: sentences, furniture, pinyin, outputs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree

from conftest import SCHEMAS, SEEDS
from glossary.segment import (FURNITURE, furniture, read_source, segment_files,
                              segment_text, split_sentences, term_notes)
from glossary.store import load_glossary

MSGFMT = shutil.which("msgfmt")


@pytest.mark.parametrize("text, expected", [
    ("伊朗表示同意。美国拒绝！为什么？因为；", ["伊朗表示同意。", "美国拒绝！", "为什么？", "因为；"]),
    ("他说：“美方缺乏诚意。”该人士表示。", ["他说：“美方缺乏诚意。”", "该人士表示。"]),
    ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    ("权益……平等地位。", ["权益……", "平等地位。"]),
    ("为何改变地点?伊朗回应!", ["为何改变地点?", "伊朗回应!"]),
    ("高度达198.1米。射程2000公里", ["高度达198.1米。", "射程2000公里"]),
    ("Version 1.2? ok", ["Version 1.2? ok"]),
    ("（他说。）然后", ["（他说。）", "然后"]),
    ("没有结尾的标题", ["没有结尾的标题"]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_headings_and_list_lines_are_whole():
    text = ("# 伊美在阿曼间接谈判。第二句\n\n"
            "——2025年4月12日,伊美举行第一轮谈判。双方表示会谈有建设性。\n"
            "- 第一项。第二项。\n"
            "（一）在地点选择上阿曼更中立\n"
            "正文第一句。正文第二句。\n")
    sentences = segment_text(text)
    assert [(s.text, s.line) for s in sentences] == [
        ("伊美在阿曼间接谈判。第二句", 1),
        ("——2025年4月12日,伊美举行第一轮谈判。双方表示会谈有建设性。", 3),
        ("第一项。第二项。", 4),
        ("（一）在地点选择上阿曼更中立", 5),
        ("正文第一句。", 6), ("正文第二句。", 6),
    ]


def test_lines_broken_mid_sentence_run_on():
    text = "沙特草拟了一份协议框架,其中包\n\n括美伊相互承诺不以对方为攻击目标。\n\n标题不接下去\n\n正文。"
    assert [(s.text, s.line) for s in segment_text(text)] == [
        ("沙特草拟了一份协议框架,其中包括美伊相互承诺不以对方为攻击目标。", 1),
        ("标题不接下去", 5), ("正文。", 7)]


def test_markdown_hard_breaks_join():
    assert [s.text for s in segment_text("2025年  \n4月12日-  \n5月23日\n\n伊美谈判。")] == [
        "2025年4月12日-5月23日", "伊美谈判。"]


def test_invisible_characters_are_removed():
    assert [s.text for s in segment_text("伊朗\u200b表示\x0b同意。\ufeff")] == ["伊朗表示同意。"]


def test_pinyin_annotations_are_removed():
    sentences = segment_text("自2025年6月“12日戰(zhàn)爭”爆發(fā)。伊朗(Iran)表示。")
    assert [s.text for s in sentences] == ["自2025年6月“12日戰爭”爆發。", "伊朗(Iran)表示。"]


@pytest.mark.parametrize("line, rule", [
    ("调查问题加载中,请稍候。", "loading-widget"),
    ("若长时间无响应,请刷新本页面", "loading-widget"),
    ("![]()", "no-chinese"),
    ("![伊朗](photo.jpg)", "markdown-image"),
    ("2026-02-05 09:14来源: 看看新闻Knews", "source-line"),
    ("来源：新华社", "source-line"),
    ("[责任编辑: ]", "source-line"),
    ("转自丨央视新闻", "source-line"),
    ("点击右上角微信好友", "share-prompt"),
    ("点击浏览器下方“”分享QQ好友Safari浏览器请点击“”按钮", "share-prompt"),
    ("朋友圈", "share-prompt"),
    ("扫一扫二维码分享", "share-prompt"),
    ("返回", "navigation"),
    ("阅读剩余全文(", "navigation"),
    ("载入更多资讯", "navigation"),
    ("为你推荐", "recommendations"),
    ("新华社发 李源清 摄", "credit"),
    ("本版稿件图片均据新华社", "credit"),
    ("特別聲明:以上內容(如有圖片或視頻亦包括在內)為自媒體平臺“網易號”用戶上傳並發布", "disclaimer"),
    ("06", "no-chinese"),
    ("Notice: The content above is uploaded by a user.", "no-chinese"),
    ("Table with lottery results for 福彩3D and 福彩15选5.", "mostly-latin"),
])
def test_furniture_rules(line, rule):
    found = furniture(line)
    assert found is not None and found.name == rule


@pytest.mark.parametrize("line", [
    "声明说,这些会谈重点在于为伊美恢复外交创造条件。",
    "新华社马斯喀特2月6日电 记者 汪强 董修竹",
    "伊朗首都德黑兰(资料图)",
    "美国国务卿鲁比奥2月4日早些时候称,会谈还必须包括伊朗弹道导弹计划。",
    "返回谈判桌是双方的共同选择。",
])
def test_article_lines_are_not_furniture(line):
    assert furniture(line) is None


def test_recommendations_end_the_article_and_keep_furniture_keeps_all():
    text = "正文一句。\n为你推荐\n推荐的另一篇文章。\n返回\n"
    dropped: dict[str, int] = {}
    assert [s.text for s in segment_text(text, dropped=dropped)] == ["正文一句。"]
    assert dropped == {"recommendations": 3}
    kept = [s.text for s in segment_text(text, keep_furniture=True)]
    assert kept == ["正文一句。", "为你推荐", "推荐的另一篇文章。", "返回"]
    assert {r.name for r in FURNITURE} >= {"recommendations", "share-prompt", "source-line"}


@pytest.fixture(scope="module")
def seed_units():
    files = sorted(SEEDS.glob("*.txt"))
    return segment_files([(f.name, read_source(f)) for f in files])


def test_seeds_have_no_furniture_or_pinyin_left(seed_units):
    texts = [u.text for u in seed_units]
    joined = "\n".join(texts)
    for furniture_text in ("调查问题加载中", "请稍候", "来源:", "责任编辑", "朋友圈", "点击右上角",
                           "为你推荐", "![]()", "载入更多资讯", "特別聲明", "李源清 摄",
                           "本版稿件", "Table with lottery", "Notice:"):
        assert furniture_text not in joined, furniture_text
    assert "(zhàn)" not in joined and "(xié)" not in joined
    assert any("12日戰爭" in t for t in texts)
    assert any(t.startswith("沙特阿拉伯、卡塔尔") or "其中包括美伊相互承诺" in t for t in texts)
    assert len(texts) == len(set(texts))


def test_repeated_sentences_are_one_unit_with_every_place(seed_units):
    headline = next(u for u in seed_units if u.text.startswith("会谈濒临破裂"))
    assert headline.places == [("000_17d45becb5166798.txt", 1), ("000_17d45becb5166798.txt", 26)]


def test_term_notes():
    glossary = load_glossary(SEEDS.parent / "glossary")
    notes = term_notes(glossary, "伊朗外长阿拉格齐4日在社交媒体上发文说")
    assert "阿拉格齐 = Abbas Araghchi" in notes and "伊朗 = Iran" in notes
    notes = term_notes(glossary, "阿拉格奇表示")
    assert notes == ["阿拉格奇 = Abbas Araghchi (forbidden form; write 阿拉格齐)"]
    assert term_notes(None, "阿拉格齐") == []


# --- the command ----------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path, glossary_copy) -> Path:
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(SEEDS / "003_60688e6718160c8f.txt", texts / "trad.txt")
    (texts / "big5.txt").write_bytes("阿拉格齊表示，伊朗願意談判。\r\n美國回應了。\r\n".encode("big5"))
    (texts / "gb.md").write_bytes("# 标题\n\n阿拉格齐说，谈判将在马斯喀特举行。\n".encode("gb18030"))
    return tmp_path


def test_segment_pot(cli, project):
    result = cli("segment", "texts", "-o", "out/texts.pot", "--no-dates", cwd=project)
    assert result.code == 0, result.err
    pot = polib.pofile(str(project / "out" / "texts.pot"))
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert "POT-Creation-Date" not in pot.metadata
    units = {e.msgid: e for e in pot}
    unit = units["阿拉格齊表示，伊朗願意談判。"]
    assert unit.occurrences == [("texts/big5.txt", "1")]
    assert "阿拉格齊 = Abbas Araghchi" in unit.comment.splitlines()
    assert units["标题"].occurrences == [("texts/gb.md", "1")]
    assert units["阿拉格齐说，谈判将在马斯喀特举行。"].occurrences == [("texts/gb.md", "3")]
    assert all(e.msgstr == "" for e in pot)
    if MSGFMT:
        check = subprocess.run([MSGFMT, "--check-format", "-c", "-o", "/dev/null",
                                str(project / "out" / "texts.pot")], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_segment_po_has_language(cli, project):
    assert cli("segment", "texts/big5.txt", "-o", "x.po", cwd=project).code == 0
    po = polib.pofile(str(project / "x.po"))
    assert po.metadata["Language"] == "en_US" and po.metadata["POT-Creation-Date"]
    if MSGFMT:
        assert subprocess.run([MSGFMT, "--check-format", "-c", "-o", "/dev/null",
                               str(project / "x.po")]).returncode == 0


def test_segment_xliff_is_valid(cli, project):
    result = cli("segment", "texts", "--format", "xliff", "-o", "out/texts.xlf", cwd=project)
    assert result.code == 0, result.err
    document = etree.parse(str(project / "out" / "texts.xlf"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-1.2" / "xliff-core-1.2-strict.xsd")))
    assert schema.validate(document), schema.error_log.filter_from_errors()[:3]
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    files = document.getroot().findall("x:file", ns)
    assert [f.get("original") for f in files] == ["texts/big5.txt", "texts/gb.md", "texts/trad.txt"]
    # each file names its own script: 003 and the Big5 text are traditional
    assert [f.get("source-language") for f in files] == ["zh-TW", "zh-CN", "zh-TW"]
    first = files[0].find("x:body/x:trans-unit", ns)
    assert first.findtext("x:source", namespaces=ns) == "阿拉格齊表示，伊朗願意談判。"
    assert first.findtext("x:context-group/x:context[@context-type='linenumber']", namespaces=ns) == "1"
    assert "阿拉格齊 = Abbas Araghchi" in [n.text for n in first.findall("x:note", ns)]
    sources = [s.text for s in document.getroot().iter("{urn:oasis:names:tc:xliff:document:1.2}source")]
    assert not any("(zhàn)" in s for s in sources)


def test_segment_xliff_with_source_copies_for_omegat_3(cli, project):
    result = cli("segment", "texts", "--format", "xliff", "--copy-source-to-target",
                 "-o", "out/texts.xlf", cwd=project)
    assert result.code == 0, result.err
    document = etree.parse(str(project / "out" / "texts.xlf"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-1.2" / "xliff-core-1.2-strict.xsd")))
    assert schema.validate(document), schema.error_log.filter_from_errors()[:3]
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    units = list(document.getroot().iter(f"{ns}trans-unit"))
    assert units and all(u.findtext(f"{ns}target") == u.findtext(f"{ns}source")
                         and u.find(f"{ns}target").get("state") == "new" for u in units)
    result = cli("segment", "texts", "--copy-source-to-target", "-o", "out/texts.pot", cwd=project)
    assert result.code == 2 and "--copy-source-to-target is for XLIFF" in result.err


def test_segment_without_glossary_still_works(cli, tmp_path):
    (tmp_path / "a.txt").write_text("第一句。第二句。", encoding="utf-8")
    result = cli("segment", "a.txt", "-o", "-", cwd=tmp_path)
    assert result.code == 0 and 'msgid "第一句。"' in result.out
    assert "no glossary" in result.err


def test_segment_bad_input(cli, tmp_path, glossary_copy):
    assert cli("segment", "nothing-here", cwd=tmp_path).code == 2
    (tmp_path / "a.txt").write_text("第一句。", encoding="utf-8")
    result = cli("segment", "a.txt", "--format", "docx", cwd=tmp_path)
    assert result.code == 2 and "--format" in result.err
    result = cli("segment", "a.txt", "--src-lang", "zz", cwd=tmp_path)
    assert result.code == 2 and "--src-lang" in result.err
    result = cli("segment", "a.txt", "--src-lang", "en-US", cwd=tmp_path)
    assert result.code == 2 and "--src-lang" in result.err
    result = cli("segment", "a.txt", "--src-lang", "zh-TW", "--format", "xliff", "-o", "-",
                 cwd=tmp_path)
    assert result.code == 0 and 'source-language="zh-TW"' in result.out
