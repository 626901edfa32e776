"""The bilingual check (GL201, GL202) on PO, TMX and XLIFF files, alone and via ``glossary check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.bilingual import check_file, english_pattern
from glossary.errors import GlossaryError
from glossary.store import load_glossary

GLOSSARY = """\
- id: abbas-araghchi
  zh: 阿拉格齐
  en: Abbas Araghchi
  type: person
  variants: [阿巴斯·阿拉格齐]
  forbidden:
    - form: 阿拉格奇
      reason: non-standard transliteration
  en_variants: [Araghchi]
  en_forbidden: [Araqchi]

- id: badr-albusaidi
  zh: 巴德尔
  en: Badr Albusaidi
  type: person
  en_forbidden: [Badr]

- id: twelve-day-war
  zh: 12日战争
  en: Twelve-Day War
  type: event

- id: sanction
  zh: 制裁
  en: sanction
  type: term
"""

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en_US\\n"

#: a.txt:1
msgid "阿拉格齐表示，伊朗愿意谈判。"
msgstr "The foreign minister said Iran is willing to talk."

msgid "阿拉格奇会见了巴德尔。"
msgstr "ARAGHCHI'S meeting with Badr Albusaidi."

msgid "阿拉格齐说"
msgstr ""

#, fuzzy
msgid "阿拉格齐说了"
msgstr "Araqchi said"

msgid "美国加强制裁。"
msgstr "The US tightened sanctions."

msgid "戰(zhàn)爭：12日戰爭結束"
msgstr "The twelve-day war ended"

msgid "阿巴斯阿拉格齐与巴德尔会谈"
msgstr "Abbas Araghchi met Badr, the Omani minister"
"""


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "glossary"
    root.mkdir()
    (root / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


@pytest.fixture
def glossary(project):
    return load_glossary(project / "glossary")


def codes(findings):
    return [(f.code, f.line, f.column, f.matched, f.entry_id) for f in findings]


def test_po(project, glossary):
    path = project / "t.po"
    path.write_text(PO, encoding="utf-8")
    findings = check_file(path, glossary)
    assert codes(findings) == [
        ("GL201", 7, 8, "阿拉格齐", "abbas-araghchi"),
        ("GL202", 18, 9, "Araqchi", "abbas-araghchi"),
        ("GL202", 27, 28, "Badr", "badr-albusaidi"),
    ]
    missing, forbidden = findings[0], findings[1]
    assert missing.severity == "warning" and missing.rule == "missing-target-term"
    assert missing.suggestion == "Abbas Araghchi" and missing.end_column == 12
    assert forbidden.severity == "error" and forbidden.rule == "forbidden-target-term"
    assert forbidden.path == str(path)


@pytest.mark.parametrize("form, text, found", [
    ("Abbas Araghchi", "abbas araghchi said", True),
    ("Abbas Araghchi", "Abbas  Araghchi's visit", True),
    ("Abbas Araghchi", "Abbas Araghchi’s visit", True),
    ("Twelve-Day War", "the twelve day war", True),
    ("sanction", "new sanctions", True),
    ("sanction", "the sanctions' effect", True),
    ("sanction", "sanctioned", False),
    ("Oman", "Omani", False),
    ("Oman", "Romania", False),
])
def test_english_matching(form, text, found):
    assert bool(english_pattern(form).search(text)) is found


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
        srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="1">
  <tuv xml:lang="zh-CN"><seg>阿拉格齐抵达马斯喀特。</seg></tuv>
  <tuv xml:lang="en-US"><seg>Araqchi arrived in Muscat.</seg></tuv>
</tu>
<tu tuid="2">
  <tuv lang="ZH-TW"><seg>阿拉格齊抵達。</seg></tuv>
  <tuv lang="EN-US"><seg>He arrived.</seg></tuv>
</tu>
<tu tuid="3">
  <tuv xml:lang="zh-CN"><seg>阿拉格齐。</seg></tuv>
</tu>
<tu tuid="4">
  <tuv xml:lang="zh-CN"><seg>巴德尔说</seg></tuv>
  <tuv xml:lang="en-US"><seg>Badr Albusaidi said</seg></tuv>
</tu>
</body>
</tmx>
"""


def test_tmx(project, glossary):
    path = project / "t.tmx"
    path.write_text(TMX, encoding="utf-8")
    assert codes(check_file(path, glossary)) == [
        ("GL202", 8, 30, "Araqchi", "abbas-araghchi"),
        ("GL201", 11, 26, "阿拉格齊", "abbas-araghchi"),
    ]


def test_tmx_translation_with_chinese_characters_is_still_the_translation(project, glossary):
    path = project / "t.tmx"
    path.write_text(TMX.replace("<seg>Araqchi arrived in Muscat.</seg>",
                                "<seg>Araqchi (阿拉格齐) arrived in Muscat.</seg>"), encoding="utf-8")
    found = codes(check_file(path, glossary))
    assert found[0][:2] == ("GL202", 8) and found[0][3] == "Araqchi"


XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="zh-CN" target-language="en-US" datatype="plaintext">
    <body>
      <trans-unit id="s1">
        <source>阿拉格齐会见巴德尔。</source>
        <target state="translated">Araghchi met Badr Albusaidi.</target>
      </trans-unit>
      <trans-unit id="s2">
        <source>阿拉格齐会见巴德尔。</source>
        <target state="translated">The FM met the mediator.</target>
      </trans-unit>
      <trans-unit id="s3">
        <source>阿拉格齐会见巴德尔。</source>
      </trans-unit>
      <trans-unit id="s4" translate="no">
        <source>阿拉格齐</source>
        <target>x</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en-US">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>阿拉格齐抵达。</source>
        <target>Araqchi arrived.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff12(project, glossary):
    path = project / "t.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    findings = check_file(path, glossary)
    assert codes(findings) == [
        ("GL201", 10, 17, "阿拉格齐", "abbas-araghchi"),
        ("GL201", 10, 23, "巴德尔", "badr-albusaidi"),
    ]
    assert findings[0].extra["unit"] == "s2"


def test_xliff12_source_copies_are_not_translations(project, glossary):
    path = project / "t.xlf"
    path.write_text(XLIFF12.replace('<target state="translated">Araghchi met Badr Albusaidi.</target>',
                                    '<target state="new">阿拉格齐会见巴德尔。</target>'),
                    encoding="utf-8")
    assert [f.extra["unit"] for f in check_file(path, glossary)] == ["s2", "s2"]


def test_xliff20(project, glossary):
    path = project / "t.xliff"
    path.write_text(XLIFF20, encoding="utf-8")
    assert codes(check_file(path, glossary)) == [("GL202", 7, 17, "Araqchi", "abbas-araghchi")]


def test_not_a_bilingual_file(project, glossary):
    path = project / "t.po"
    path.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(GlossaryError):
        check_file(path, glossary)


def test_via_glossary_check(cli, project):
    (project / "t.po").write_text(PO, encoding="utf-8")
    (project / "t.tmx").write_text(TMX, encoding="utf-8")
    (project / "t.xlf").write_text(XLIFF12, encoding="utf-8")
    result = cli("check", "t.po", "t.tmx", "t.xlf", cwd=project)
    assert result.code == 1
    assert "t.po:18:9: GL202" in result.out and "t.tmx:11:26: GL201" in result.out
    result = cli("check", "t.po", "--format", "json", cwd=project)
    data = json.loads(result.out)
    assert [f["code"] for f in data["findings"]] == ["GL201", "GL202", "GL202"]
    result = cli("check", "t.xlf", "--format", "sarif", cwd=project)
    sarif = json.loads(result.out)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"GL201"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 10
    # GL201 can be switched off like any rule
    result = cli("check", "t.xlf", "--ignore", "GL201", cwd=project)
    assert result.code == 0


def test_folders_include_bilingual_files(cli, project):
    (project / "docs").mkdir()
    (project / "docs" / "t.po").write_text(PO, encoding="utf-8")
    result = cli("check", "docs", "--format", "json", cwd=project)
    assert len(json.loads(result.out)["findings"]) == 3
