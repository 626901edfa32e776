"""Import files written by other tools: Translate Toolkit's converters, OmegaT, spreadsheets,
DeepL and Google glossaries; and the conflict handling against an existing glossary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.importing import ImportOptions, import_file
from glossary.store import load_glossary

BIN = Path(sys.executable).parent

CSV_SOURCE = """\
source,target,context,developer_comments
阿拉格齐,Abbas Araghchi,,Iran's foreign minister
巴德尔,Badr Albusaidi,,Oman's foreign minister
银行,bank,finance,
河岸,bank,river,
"""


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} (Translate Toolkit) is not installed next to this Python")
    return path


def run(*args) -> None:
    subprocess.run([str(a) for a in args], check=True, capture_output=True)


@pytest.fixture
def empty(tmp_path) -> Path:
    root = tmp_path / "glossary"
    root.mkdir()
    return root


def entries(root: Path) -> dict[str, tuple[str, str]]:
    return {e.id: (e.zh, e.en) for e in load_glossary(root)}


def test_csv2po_output(tmp_path, empty):
    source = tmp_path / "terms.csv"
    source.write_text(CSV_SOURCE, encoding="utf-8")
    target = tmp_path / "terms.po"
    run(tool("csv2po"), source, target)
    report = import_file(empty, target)
    assert len(report.added) == 4 and not report.rejected
    got = load_glossary(empty)
    by_zh = {e.zh: e for e in got}
    assert by_zh["阿拉格齐"].en == "Abbas Araghchi" and by_zh["阿拉格齐"].id == "abbas-araghchi"
    assert by_zh["银行"].context == "finance" and by_zh["河岸"].context == "river"
    assert {e.status for e in got} == {"proposed"}
    assert {e.type for e in got} == {"term"}


@pytest.mark.parametrize("source_language", [None, "zh-CN"])
def test_po2tmx_output_even_with_its_wrong_languages(tmp_path, empty, source_language):
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text(CSV_SOURCE, encoding="utf-8")
    po_path = tmp_path / "terms.po"
    run(tool("csv2po"), csv_path, po_path)
    tmx_path = tmp_path / "terms.tmx"
    extra = ["--source-language", source_language] if source_language else []
    run(tool("po2tmx"), "-l", "en-US", *extra, po_path, tmx_path)
    text = tmx_path.read_text(encoding="utf-8")
    if source_language is None:
        assert 'xml:lang="en"' in text  # po2tmx labels the Chinese source "en"
    report = import_file(empty, tmx_path)
    assert len(report.added) == 4, report
    got = {e.zh: e.en for e in load_glossary(empty)}
    assert got["阿拉格齐"] == "Abbas Araghchi" and got["巴德尔"] == "Badr Albusaidi"
    if source_language is None:
        assert any("language tag" in w for w in report.warnings)


def test_csv2tbx_output(tmp_path, empty):
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text("source,target,id,developer_comments\n"
                        "阿拉格齐,Abbas Araghchi,abbas-araghchi,Iran's foreign minister\n"
                        "马斯喀特,Muscat,muscat,\n", encoding="utf-8")
    tbx_path = tmp_path / "terms.tbx"
    run(tool("csv2tbx"), csv_path, tbx_path)
    assert 'xml:lang="xx"' in tbx_path.read_text(encoding="utf-8")  # its target label
    report = import_file(empty, tbx_path)
    assert len(report.added) == 2
    got = load_glossary(empty)
    assert got.get("abbas-araghchi").en == "Abbas Araghchi"
    assert got.get("abbas-araghchi").note == "Iran's foreign minister"
    assert got.get("muscat").zh == "马斯喀特"


OMEGAT_TMX = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="6.0.0_0_1bf1729c" segtype="sentence" srclang="ZH-CN"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv lang="ZH-CN">
        <seg>阿拉格齐</seg>
      </tuv>
      <tuv lang="EN-US" changeid="translator" changedate="20260206T120000Z">
        <seg>Abbas Araghchi</seg>
      </tuv>
    </tu>
    <tu>
      <tuv lang="ZH-TW">
        <seg>馬斯喀特</seg>
      </tuv>
      <tuv lang="EN-US">
        <seg>Muscat</seg>
      </tuv>
    </tu>
    <tu>
      <tuv lang="ZH-CN"><seg>未翻译</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_omegat_tmx(tmp_path, empty):
    path = tmp_path / "project_save.tmx"
    path.write_text(OMEGAT_TMX, encoding="utf-8")
    report = import_file(empty, path)
    assert len(report.added) == 2
    assert [why for _, why in report.rejected] == ["no English variant (untranslated)"]
    got = {e.zh: e for e in load_glossary(empty)}
    assert got["阿拉格齐"].en == "Abbas Araghchi"
    # a traditional-only unit: the simplified form is derived, the usual spelling not kept
    assert got["马斯喀特"].en == "Muscat" and got["马斯喀特"].zh_hant is None


def test_spreadsheet_with_language_code_columns(tmp_path, empty):
    path = tmp_path / "sheet.csv"
    path.write_text("\ufeffzh-CN,zh-TW,en-US,notes\n"
                    "阿拉格齐,阿拉格齊,Abbas Araghchi,FM\n"
                    "台湾,臺灣,Taiwan,\n", encoding="utf-8")
    import_file(empty, path)
    got = {e.zh: e for e in load_glossary(empty)}
    assert got["阿拉格齐"].zh_hant == "阿拉格齊" and got["阿拉格齐"].note == "FM"
    assert got["台湾"].zh_hant == "臺灣"


def test_gb18030_csv(tmp_path, empty):
    path = tmp_path / "legacy.csv"
    path.write_bytes("source,target\n阿拉格齐,Abbas Araghchi\n".encode("gb18030"))
    import_file(empty, path)
    assert entries(empty) == {"abbas-araghchi": ("阿拉格齐", "Abbas Araghchi")}


@pytest.mark.parametrize("fmt, text", [
    ("deepl", "阿拉格齐\tAbbas Araghchi\n巴德尔\tBadr Albusaidi\n"),
    ("google", "阿拉格齐,Abbas Araghchi\n巴德尔,Badr Albusaidi\n"),
    ("google", "zh-CN,zh-TW,en-US\n阿拉格齐,阿拉格齊,Abbas Araghchi\n巴德尔,巴德爾,Badr Albusaidi\n"),
])
def test_mt_glossaries(tmp_path, empty, fmt, text):
    path = tmp_path / ("g.tsv" if fmt == "deepl" else "g.csv")
    path.write_text(text, encoding="utf-8")
    import_file(empty, path, fmt)
    assert entries(empty) == {"abbas-araghchi": ("阿拉格齐", "Abbas Araghchi"),
                              "badr-albusaidi": ("巴德尔", "Badr Albusaidi")}


def test_numeric_unit_ids_become_slugs(tmp_path, empty):
    path = tmp_path / "ids.tmx"
    path.write_text("""<?xml version="1.0"?><tmx version="1.4"><header creationtool="x"
      creationtoolversion="1" segtype="phrase" o-tmf="x" adminlang="en" srclang="zh-CN"
      datatype="plaintext"/><body>
      <tu tuid="1"><tuv xml:lang="zh-CN"><seg>阿曼</seg></tuv><tuv xml:lang="en-US"><seg>Oman</seg></tuv></tu>
      <tu tuid="Term 7"><tuv xml:lang="zh-CN"><seg>伊朗</seg></tuv><tuv xml:lang="en-US"><seg>Iran</seg></tuv></tu>
      </body></tmx>""", encoding="utf-8")
    import_file(empty, path)
    assert set(entries(empty)) == {"oman", "term-7"}


def _tmx(units: str) -> str:
    return ('<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" '
            'creationtoolversion="1" segtype="phrase" o-tmf="x" adminlang="en" srclang="zh-CN" '
            f'datatype="plaintext"/><body>{units}</body></tmx>')


def _tu(*tuvs: tuple[str, str]) -> str:
    return "<tu>" + "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>'
                            for lang, text in tuvs) + "</tu>\n"


def test_a_trusted_english_label_keeps_its_chinese_characters(tmp_path, empty):
    path = tmp_path / "vendor.tmx"
    path.write_text(_tmx(
        _tu(("zh-CN", "十四五规划"), ("en-US", "14th Five-Year Plan (十四五)"))
        + _tu(("zh-CN", "中期选举"), ("en-US", "midterm elections"), ("en-US", "中期 elections"))
        + _tu(("zh-CN", "表情"), ("en-US", "Emoji 😀 and 𠀀 CJK-ext-B"))
        + _tu(("zh-CN", "阿曼"), ("en-US", "十四五"))), encoding="utf-8")
    report = import_file(empty, path)
    assert not report.rejected and not report.warnings
    got = {e.zh: e for e in load_glossary(empty)}
    assert got["十四五规划"].en == "14th Five-Year Plan (十四五)"
    assert got["中期选举"].en_variants == ("中期 elections",) and got["中期选举"].variants == ()
    assert got["表情"].en == "Emoji 😀 and 𠀀 CJK-ext-B"
    # even all Chinese: three of four English texts read as English, so the label holds
    assert got["阿曼"].en == "十四五"


def test_content_decides_where_the_labels_contradict_the_whole_file(tmp_path, empty):
    path = tmp_path / "swapped.tmx"
    path.write_text(_tmx(
        _tu(("zh-CN", "Oman"), ("en-US", "阿曼"))
        + _tu(("zh-CN", "Iran"), ("en-US", "伊朗"))), encoding="utf-8")
    report = import_file(empty, path)
    assert entries(empty) == {"oman": ("阿曼", "Oman"), "iran": ("伊朗", "Iran")}
    assert report.warnings and "4 <tuv> elements" in report.warnings[0]


def test_content_decides_a_unit_its_labels_leave_without_chinese(tmp_path, empty):
    path = tmp_path / "one-slip.tmx"
    path.write_text(_tmx(
        _tu(("zh-CN", "阿曼"), ("en-US", "Oman"))
        + _tu(("zh-CN", "伊朗"), ("en-US", "Iran"))
        + _tu(("en", "马斯喀特"), ("en-US", "Muscat"))), encoding="utf-8")
    report = import_file(empty, path)
    assert entries(empty)["muscat"] == ("马斯喀特", "Muscat")
    assert report.warnings and "1 <tuv> elements" in report.warnings[0]


def test_tbx_without_our_notes_keeps_an_english_term_with_chinese_characters(tmp_path, empty):
    path = tmp_path / "vendor.tbx"
    path.write_text("""<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en"><martifHeader>
      <fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
      <termEntry id="t1">
        <langSet xml:lang="zh-CN"><tig><term>中期选举</term></tig></langSet>
        <langSet xml:lang="en-US"><tig><term>midterm elections</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
          <tig><term>中期 elections</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
      </termEntry>
      <termEntry id="t2">
        <langSet xml:lang="zh-CN"><tig><term>十四五规划</term></tig></langSet>
        <langSet xml:lang="en-US"><tig><term>14th Five-Year Plan (十四五)</term></tig></langSet>
      </termEntry></body></text></martif>""", encoding="utf-8")
    report = import_file(empty, path)
    assert not report.rejected and not report.warnings
    got = {e.zh: e for e in load_glossary(empty)}
    assert got["中期选举"].en == "midterm elections"
    assert got["中期选举"].en_variants == ("中期 elections",) and got["中期选举"].variants == ()
    assert got["十四五规划"].en == "14th Five-Year Plan (十四五)"


# --- against an existing glossary -----------------------------------------------------------

IMPORT_CSV = """\
id,source,target,type,developer_comments
abbas-araghchi,阿拉格齐,Araghchi,person,changed rendering
badr,巴德尔,Badr,person,
oman,阿曼,Oman,place,
"""


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.glob("*.yaml"))}


def test_conflicts_are_listed_and_skipped_and_comments_kept(small_glossary, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(IMPORT_CSV, encoding="utf-8")
    before = (small_glossary / "people.yaml").read_text(encoding="utf-8")
    report = import_file(small_glossary, path)
    assert [e.id for e, _ in report.added] == ["oman"]
    assert {c.entry.id for c in report.skipped} == {"abbas-araghchi", "badr"}
    conflict = next(c for c in report.skipped if c.entry.id == "abbas-araghchi")
    assert conflict.line == 2 and "already used" in conflict.reason
    badr = next(c for c in report.skipped if c.entry.id == "badr")
    assert "巴德尔" in badr.reason and "badr-albusaidi" in badr.reason
    after = (small_glossary / "people.yaml").read_text(encoding="utf-8")
    assert after == before  # untouched: comments, order, everything
    places = (small_glossary / "places.yaml").read_text(encoding="utf-8")
    assert "status: proposed" in places and places.startswith("# yaml-language-server")


def test_dry_run_writes_nothing(small_glossary, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(IMPORT_CSV, encoding="utf-8")
    before = snapshot(small_glossary)
    report = import_file(small_glossary, path, dry_run=True)
    assert [e.id for e in report.new] == ["oman"] and len(report.conflicts) == 2
    assert snapshot(small_glossary) == before


def test_on_conflict_fail_writes_nothing(small_glossary, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(IMPORT_CSV, encoding="utf-8")
    before = snapshot(small_glossary)
    with pytest.raises(GlossaryError, match="nothing was written"):
        import_file(small_glossary, path, on_conflict="fail")
    assert snapshot(small_glossary) == before


def test_on_conflict_overwrite(small_glossary, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(IMPORT_CSV, encoding="utf-8")
    report = import_file(small_glossary, path, on_conflict="overwrite")
    assert {e.id for e, _ in report.overwritten} == {"abbas-araghchi", "badr-albusaidi"}
    got = load_glossary(small_glossary)
    assert got.get("abbas-araghchi").en == "Araghchi"
    assert got.get("abbas-araghchi").note == "changed rendering"
    assert got.get("badr-albusaidi").en == "Badr"
    text = (small_glossary / "people.yaml").read_text(encoding="utf-8")
    assert "# People named in the news." in text and "# The Omani mediator." in text


def test_unchanged_entries_and_renamed_ids(small_glossary, tmp_path):
    from glossary.formats import FORMATS
    from glossary.formats.base import ExportOptions

    glossary = load_glossary(small_glossary)
    path = tmp_path / "mine.tmx"
    path.write_bytes(FORMATS["tmx"].write(glossary.entries, ExportOptions(), []))
    report = import_file(small_glossary, path, options=ImportOptions(keep_status=True))
    assert len(report.unchanged) == 2 and not report.added and not report.conflicts
    # an unrelated term whose id is taken gets a fresh id instead of a conflict
    other = tmp_path / "other.csv"
    other.write_text("id,source,target\nbadr-albusaidi,白宫,White House\n", encoding="utf-8")
    report = import_file(small_glossary, other)
    assert [e.id for e, _ in report.added] == ["badr-albusaidi-2"]
    assert report.renamed == [("badr-albusaidi", "badr-albusaidi-2", 2)]


def test_conflicts_inside_the_file(empty, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("source,target\n阿曼,Oman\n阿曼,Sultanate of Oman\n", encoding="utf-8")
    report = import_file(empty, path)
    assert [e.id for e, _ in report.added] == ["oman"]
    assert [c.entry.id for c in report.skipped] == ["sultanate-of-oman"]


def test_invalid_records_are_reported_not_imported(empty, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("source,target,type\nOman,Oman,place\n阿曼,,place\n伊朗,Iran,nonsense\n",
                    encoding="utf-8")
    report = import_file(empty, path)
    assert entries(empty) == {"iran": ("伊朗", "Iran")}
    reasons = dict(report.rejected)
    assert "no Chinese character" in reasons[2] and "empty target" in reasons[3]
    assert load_glossary(empty).get("iran").type == "term"  # unknown type → default
