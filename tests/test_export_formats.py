"""Exports: every file valid against its schema, accepted by msgfmt, read back by Translate
Toolkit with the right languages, deterministic, and faithful to each format's rules."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest
from lxml import etree

from conftest import SCHEMAS, SEED_GLOSSARY
from glossary.errors import GlossaryError
from glossary.formats import FORMATS, csvfmt, mt, po, tmx
from glossary.formats.base import DERIVED_NOTE, ExportOptions, export_date
from glossary.langtags import Languages
from glossary.model import Entry, Glossary
from glossary.store import load_glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3 = "{urn:iso:std:iso:30042:ed-2}"
MSGFMT = shutil.which("msgfmt")
DATE = datetime(2026, 2, 6, 12, 30, tzinfo=timezone.utc)

SPECIAL_YAML = """\
- id: at-and-t
  zh: 美国电话电报公司
  en: "AT&T <Corp> \\"quoted\\" & 'single'"
  type: organization
  status: proposed
  zh_hant: 美國電話電報公司
  variants: [AT&T公司, 𠀋𠀌公司]
  forbidden:
    - form: 美国电报<公司>
      reason: "wrong & <odd>"
  en_variants: [AT&T]
  en_forbidden: ["=cmd|' /C calc'!A0"]
  note: "Line one & <two>\\nline \\"three\\" 🙂 𝒜"
  context: the US telecom
  sources: ["https://example.org/?a=1&b=2"]

- id: 2025-war
  zh: 二〇二五战争
  en: "-2025 war"
  type: event
  note: "@mention +plus"

- id: bank-river
  zh: 河岸
  en: bank
  type: term
  context: river

- id: bank-finance
  zh: 银行
  en: bank
  type: term
  variants: [河岸银行]
  context: finance
"""


def write_glossary(folder: Path, text: str) -> Glossary:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "terms.yaml").write_text(text, encoding="utf-8")
    return load_glossary(folder)


@pytest.fixture(scope="module")
def seed() -> Glossary:
    return load_glossary(SEED_GLOSSARY)


@pytest.fixture(scope="module")
def special(tmp_path_factory) -> Glossary:
    return write_glossary(tmp_path_factory.mktemp("special") / "glossary", SPECIAL_YAML)


def export(glossary_or_entries, fmt: str, **options) -> bytes:
    entries = list(glossary_or_entries)
    return FORMATS[fmt].write(entries, ExportOptions(**options), [])


def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx" / "tmx14.dtd"))


def assert_valid(schema, document: etree._Element) -> None:
    ok = schema.validate(document)
    assert ok, schema.error_log.filter_from_errors()[:5]


def dca_errors(root: etree._Element) -> list[str]:
    """The rules of TBX-Basic_DCA.sch that matter for our files, as XPath (lxml cannot run the
    XSLT2 Schematron itself): levels and picklists of every data category."""
    ns = {"t": TBX3[1:-1]}
    errors = []
    if root.get("type") != "TBX-Basic" or root.get("style") != "dca":
        errors.append("tbx must be type=TBX-Basic style=dca")
    for node in root.iter():
        if not isinstance(node.tag, str) or not node.tag.startswith(TBX3):
            errors.append(f"element outside the TBX namespace: {node.tag}")
    allowed = {"admin": {"customerSubset", "projectSubset", "source"},
               "descrip": {"subjectField", "context", "definition"},
               "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage",
                            "grammaticalGender", "termLocation", "termType"}}
    for name, types in allowed.items():
        for node in root.iterfind(f".//t:{name}", ns):
            if node.get("type") not in types:
                errors.append(f"{name} type {node.get('type')}")
    for node in root.iterfind(".//t:termNote", ns):
        if etree.QName(node.getparent()).localname != "termSec":
            errors.append("termNote outside termSec")
        if node.get("type") == "administrativeStatus" and node.text not in (
                "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
                "preferredTerm-admn-sts"):
            errors.append(f"administrativeStatus {node.text}")
    for node in root.iterfind(".//t:descrip[@type='subjectField']", ns):
        if etree.QName(node.getparent()).localname != "conceptEntry":
            errors.append("subjectField not at conceptEntry level")
    for node in root.iterfind(".//t:descrip[@type='definition']", ns):
        if etree.QName(node.getparent()).localname not in ("conceptEntry", "langSec"):
            errors.append("definition at the wrong level")
    for node in root.iterfind(".//t:admin[@type='source']", ns):
        if etree.QName(node.getparent()).localname not in ("conceptEntry", "langSec", "termSec"):
            errors.append("source at the wrong level")
    return errors


# --- TMX ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed", "special"])
def test_tmx_is_valid_and_complete(which, seed, special):
    glossary = seed if which == "seed" else special
    data = export(glossary, "tmx", date=DATE)
    root = etree.fromstring(data)
    assert_valid(tmx_dtd(), root)
    header = root.find("header")
    for name in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                 "srclang", "datatype"):
        assert header.get(name), name
    assert header.get("segtype") == "phrase"
    assert header.get("creationdate") == "20260206T123000Z"
    main = [tu for tu in root.iter("tu") if tu.find("prop[@type='x-variant-of']") is None]
    assert [tu.get("tuid") for tu in main] == [e.id for e in glossary]
    srclang = header.get("srclang")
    for tu in main:
        langs = [tuv.get(XML_LANG) for tuv in tu.iter("tuv")]
        assert langs == ["zh-CN", "en-US", "zh-TW"]
        assert tu.find("tuv").get(XML_LANG) == srclang
    for tu in root.iter("tu"):
        assert any(tuv.get(XML_LANG) == srclang for tuv in tu.iter("tuv"))
    # forbidden forms are props only, never a segment a TM could offer
    segs = {seg.text for seg in root.iter("seg")}
    for entry in glossary:
        for form in entry.forbidden_forms:
            assert form not in segs
        for form in entry.en_forbidden:
            assert form not in segs


def test_tmx_variants_are_extra_units_marked_with_a_prop(special):
    root = etree.fromstring(export(special, "tmx"))
    variants = [tu for tu in root.iter("tu") if tu.find("prop[@type='x-variant-of']") is not None]
    texts = {seg.text for tu in variants for seg in tu.iter("seg")}
    assert {"AT&T公司", "𠀋𠀌公司", "河岸银行"} <= texts
    assert all(tu.find("prop[@type='x-variant-of']").text in ("at-and-t", "bank-finance")
               for tu in variants)
    entry = next(tu for tu in root.iter("tu") if tu.get("tuid") == "at-and-t")
    assert entry.findtext("note") == "Line one & <two>\nline \"three\" 🙂 𝒜"
    props = [(p.get("type"), p.text) for p in entry.iter("prop")]
    assert ("x-type", "organization") in props and ("x-status", "proposed") in props
    assert ("x-forbidden", "美国电报<公司>") in props
    assert ("x-forbidden-reason", "wrong & <odd>") in props


def test_tmx_derived_traditional_form_is_marked(seed):
    root = etree.fromstring(export(seed, "tmx"))
    entry = next(e for e in seed if e.zh_hant is None)
    tu = next(tu for tu in root.iter("tu") if tu.get("tuid") == entry.id)
    trad = [tuv for tuv in tu.iter("tuv") if tuv.get(XML_LANG) == "zh-TW"][0]
    assert trad.findtext("prop[@type='x-derived']") == "opencc"
    own = next(e for e in seed if e.zh_hant)
    tu = next(tu for tu in root.iter("tu") if tu.get("tuid") == own.id)
    trad = [tuv for tuv in tu.iter("tuv") if tuv.get(XML_LANG) == "zh-TW"][0]
    assert trad.find("prop") is None and trad.findtext("seg") == own.zh_hant


def test_tmx_writer_for_sentence_memories(tmp_path):
    units = [tmx.TmxUnit(tuid=f"s{n}", tuvs=[tmx.Tuv("zh-CN", f"第{n}句。"), tmx.Tuv("en-US", f"Sentence {n}.")])
             for n in range(3)]
    path = tmp_path / "tm.tmx"
    assert tmx.write_tmx(path, iter(units), srclang="zh-CN", segtype="sentence") == 3
    root = etree.parse(str(path)).getroot()
    assert_valid(tmx_dtd(), root)
    assert root.find("header").get("segtype") == "sentence"
    back = list(tmx.iter_units(path))
    assert [u.tuid for u in back] == ["s0", "s1", "s2"]
    assert back[1].text("zh-cn") == "第1句。" and back[1].text("en") == "Sentence 1."
    with pytest.raises(GlossaryError, match="segtype"):
        tmx.write_tmx(io.BytesIO(), units, srclang="zh-CN", segtype="word")


# --- TBX ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed", "special"])
def test_tbx_v2_valid_against_dtd_and_rng(which, seed, special):
    glossary = seed if which == "seed" else special
    data = export(glossary, "tbx")
    assert b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' in data
    root = etree.fromstring(data)
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert_valid(etree.DTD(str(SCHEMAS / "tbx-v2-basic" / "TBXBasiccoreStructV02.dtd")), root)
    assert_valid(etree.RelaxNG(etree.parse(str(SCHEMAS / "tbx-v2-basic" / "TBXBasicRNGV02.rng"))), root)
    assert len(root.findall(".//termEntry")) == len(glossary)
    statuses = {n.text for n in root.iter("termNote") if n.get("type") == "administrativeStatus"}
    assert statuses <= {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"}


@pytest.mark.parametrize("which", ["seed", "special"])
def test_tbx_v3_valid_against_rng_and_dca_rules(which, seed, special):
    glossary = seed if which == "seed" else special
    root = etree.fromstring(export(glossary, "tbx", tbx_version=3))
    assert root.tag == f"{TBX3}tbx"
    assert_valid(etree.RelaxNG(etree.parse(str(SCHEMAS / "tbx-v3" / "TBXcoreStructV03.rng"))), root)
    assert dca_errors(root) == []
    assert len(root.findall(f".//{TBX3}conceptEntry")) == len(glossary)


def test_dca_checker_catches_the_bad_example():
    root = etree.parse(str(SCHEMAS / "examples" / "bad-status.tbx-basic-v3.tbx")).getroot()
    assert dca_errors(root)


def test_tbx_term_statuses_and_fields(special):
    root = etree.fromstring(export(special, "tbx"))
    entry = next(e for e in root.iter("termEntry") if e.get("id") == "at-and-t")
    by_lang = {ls.get(XML_LANG): [(t.findtext("term"), t.findtext("termNote"), t.findtext("note"))
                                   for t in ls.iter("tig")] for ls in entry.iter("langSet")}
    assert list(by_lang) == ["zh-CN", "en-US", "zh-TW"]
    assert by_lang["zh-CN"][0] == ("美国电话电报公司", "preferredTerm-admn-sts", None)
    assert ("AT&T公司", "admittedTerm-admn-sts", None) in by_lang["zh-CN"]
    assert ("美国电报<公司>", "deprecatedTerm-admn-sts", "wrong & <odd>") in by_lang["zh-CN"]
    assert by_lang["en-US"][0][1] == "preferredTerm-admn-sts"
    assert ("=cmd|' /C calc'!A0", "deprecatedTerm-admn-sts", None) in by_lang["en-US"]
    assert by_lang["zh-TW"][0] == ("美國電話電報公司", "preferredTerm-admn-sts", None)
    assert entry.findtext("descrip[@type='subjectField']") == "organization"
    assert entry.findtext("descrip[@type='definition']").startswith("Line one & <two>")
    assert entry.findtext("admin[@type='source']") == "https://example.org/?a=1&b=2"
    assert [n.text for n in entry.findall("note")] == ["status: proposed", "context: the US telecom"]
    # an id that starts with a digit is no XML ID: it gets a leading underscore
    assert any(e.get("id") == "_2025-war" for e in root.iter("termEntry"))
    derived = next(e for e in root.iter("termEntry") if e.get("id") == "bank-river")
    assert derived.find("langSet[3]/tig/note").text == DERIVED_NOTE


# --- PO -------------------------------------------------------------------------------------


def msgfmt(path: Path) -> subprocess.CompletedProcess:
    if MSGFMT is None:
        pytest.skip("msgfmt (GNU gettext) is not installed; install gettext to check PO files")
    return subprocess.run([MSGFMT, "--check-format", "-c", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)


@pytest.mark.parametrize("fmt", ["po", "pot"])
@pytest.mark.parametrize("which", ["seed", "special"])
@pytest.mark.parametrize("dated", [True, False])
def test_msgfmt_accepts_every_po(fmt, which, dated, seed, special, tmp_path):
    glossary = seed if which == "seed" else special
    path = tmp_path / f"glossary.{fmt}"
    path.write_bytes(export(glossary, fmt, date=DATE if dated else None))
    result = msgfmt(path)
    assert result.returncode == 0, result.stderr
    if fmt == "po":  # a POT has its template warnings; a PO none, dated or not
        assert result.stderr == ""


def test_po_header_and_entries(special):
    text = export(special, "po", date=DATE).decode("utf-8")
    po_file = polib.pofile(text)
    meta = po_file.metadata
    assert meta["Language"] == "en_US"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert meta["POT-Creation-Date"] == "2026-02-06 12:30+0000"
    assert "zh_CN" not in text and "en_US" in text  # the POSIX form only in Language:
    entries = {e.msgid: e for e in po_file}
    at = entries["美国电话电报公司"]
    assert at.msgstr == "AT&T <Corp> \"quoted\" & 'single'"
    assert at.msgctxt == "the US telecom"
    assert "id: at-and-t" in at.tcomment and "type: organization" in at.tcomment
    assert at.comment.startswith("Line one & <two>")
    assert "fuzzy" in at.flags  # proposed entries are fuzzy
    # homographs share a msgid and differ by msgctxt
    assert entries["河岸"].msgctxt == "river" and entries["银行"].msgctxt == "finance"


def test_pot_has_empty_translations_and_no_language(special):
    pot = polib.pofile(export(special, "pot").decode("utf-8"))
    assert pot.metadata["Language"] == ""
    assert all(e.msgstr == "" for e in pot)
    assert any("English: bank" in e.comment for e in pot)


def test_duplicate_messages_get_distinct_contexts(tmp_path):
    glossary = write_glossary(tmp_path / "g", "- {id: a, zh: 银行, en: bank, type: term}\n")
    twin = Entry("b", "银行", "the bank", "term")
    data = po.export_glossary(list(glossary) + [twin], ExportOptions())
    path = tmp_path / "dup.po"
    path.write_bytes(data)
    assert msgfmt(path).returncode == 0
    assert {e.msgctxt for e in polib.pofile(str(path))} == {"a", "b"}


# --- CSV / TSV ------------------------------------------------------------------------------


def test_csv_header_rows_and_formula_neutralising(special):
    data = export(special, "csv")
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert list(rows[0]) == list(csvfmt.COLUMNS)
    for column in ("source", "target", "id", "context", "developer_comments"):
        assert column in rows[0]
    war = next(r for r in rows if r["id"] == "2025-war")
    assert war["target"] == "'-2025 war" and war["developer_comments"] == "'@mention +plus"
    at = next(r for r in rows if r["id"] == "at-and-t")
    assert at["en_forbidden"] == "'=cmd|' /C calc'!A0"
    assert at["variants"] == "AT&T公司\n𠀋𠀌公司"
    assert at["forbidden"] == "美国电报<公司>" and at["forbidden_reasons"] == "wrong & <odd>"
    assert at["developer_comments"] == "Line one & <two>\nline \"three\" 🙂 𝒜"
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@")


@pytest.mark.parametrize("which", ["seed", "special"])
def test_tsv_is_one_record_per_line(which, seed, special):
    glossary = seed if which == "seed" else special
    text = export(glossary, "tsv").decode("utf-8")
    lines = text.split("\n")
    assert lines.pop() == "" and "\r" not in text
    assert tuple(lines[0].split("\t")) == csvfmt.COLUMNS
    assert len(lines) == len(glossary) + 1
    assert all(line.count("\t") == len(csvfmt.COLUMNS) - 1 for line in lines)


def test_tsv_escapes_and_lists(special):
    rows = {line.split("\t")[0]: dict(zip(csvfmt.COLUMNS, line.split("\t")))
            for line in export(special, "tsv").decode("utf-8").splitlines()[1:]}
    at = rows["at-and-t"]
    assert at["variants"] == "AT&T公司\\n𠀋𠀌公司"  # list items joined by an escaped line feed
    assert at["developer_comments"] == 'Line one & <two>\\nline "three" 🙂 𝒜'  # no quoting
    assert rows["2025-war"]["target"] == "'-2025 war"  # formulas neutralised as in CSV


@pytest.mark.parametrize("value, field", [
    ("plain", "plain"), ("a\tb", "a\\tb"), ("one\ntwo", "one\\ntwo"), ("cr\r\nlf", "cr\\r\\nlf"),
    ("C:\\new", "C:\\\\new"), ("\\n", "\\\\n"), ("\\", "\\\\"), ('"quoted"', '"quoted"'),
])
def test_tsv_escapes_are_exactly_reversible(value, field):
    assert csvfmt.escape_tsv(value) == field
    assert csvfmt.unescape_tsv(field) == value


def test_tsv_reader_keeps_unknown_escapes_and_reads_quoted_multiline_files(tmp_path):
    linear = tmp_path / "linear.tsv"
    linear.write_text("source\ttarget\tdeveloper_comments\r\n阿曼\tOman\tnull is \\N, a\\tb\r\n",
                      encoding="utf-8")
    [record] = csvfmt.read_records(linear, Languages()).records
    assert (record.zh, record.en, record.note) == ("阿曼", "Oman", "null is \\N, a\tb")
    # a spreadsheet's TSV (or this tool's before it escaped): CSV-style quotes over two lines
    quoted = tmp_path / "quoted.tsv"
    quoted.write_text('source\ttarget\tvariants\n阿曼\tOman\t"阿曼苏丹国\n阿曼国"\n',
                      encoding="utf-8")
    [record] = csvfmt.read_records(quoted, Languages()).records
    assert record.variants == ["阿曼苏丹国", "阿曼国"]


def test_formula_escaping_is_exactly_reversible():
    for value in ("=1+1", "'=1+1", "''@x", "-", "+", "normal", "'quoted'", "@"):
        assert csvfmt.unescape_formula(csvfmt.escape_formula(value)) == value


def test_csv_refuses_list_items_with_line_breaks():
    entry = Entry("x", "阿", "A", "term", variants=("阿\n乙",))
    with pytest.raises(GlossaryError, match="line break"):
        csvfmt.export_glossary([entry], ExportOptions())


@pytest.mark.parametrize("fmt", ["tmx", "tbx"])
def test_xml_exports_name_the_entry_and_field_with_a_character_xml_cannot_carry(fmt):
    built = Entry("oman", "阿曼", "Oman", "place", en_variants=("Sultanate\x0bof Oman",))
    with pytest.raises(GlossaryError, match="entry oman: field 'en_variants' contains the "
                                            "control character U\\+000B"):
        FORMATS[fmt].write([built], ExportOptions(), [])


# --- OmegaT --------------------------------------------------------------------------------


def test_omegat_lines(seed):
    warnings: list[str] = []
    text = FORMATS["omegat"].write(list(seed), ExportOptions(), warnings).decode("utf-8")
    lines = text.split("\n")
    assert lines.pop() == "" and lines[0] == "# -*- coding: utf-8 -*-" and lines[1].startswith("# ")
    rows = [line.split("\t") for line in lines[2:]]
    assert all(len(row) in (2, 3) and row[0] and row[1] for row in rows)
    by_source = {row[0]: row for row in rows}
    # every form a text may hold, as in the DeepL export; never a forbidden one
    assert {(r[0], r[1]) for r in rows} == set(mt.term_rows(list(seed)))
    assert "阿拉格奇" not in by_source
    assert by_source["阿拉格齐"][1:] == [
        "Abbas Araghchi", "also: Araghchi; not: Araqchi, 阿拉格奇; " + seed.get("abbas-araghchi").note]
    assert by_source["阿拉格齊"][1] == "Abbas Araghchi"
    assert by_source["阿巴斯·阿拉格齐"][2].startswith("variant of 阿拉格齐; also: Araghchi")
    assert by_source["阿巴斯阿拉格齐"][2].startswith("variant of 阿拉格齐;")
    assert warnings == []


def test_omegat_homographs_line_breaks_and_comment_marks(tmp_path):
    glossary = write_glossary(tmp_path / "g", (
        "- {id: georgia, zh: 格鲁吉亚, en: Georgia, type: place, context: the country}\n"
        "- {id: georgia-us, zh: 格鲁吉亚, en: Georgia (US state), type: place, context: the state,"
        " status: proposed, note: \"one\\ttwo\\nthree\"}\n"
        "- {id: tag, zh: '#话题', en: topic, type: term}\n"))
    warnings: list[str] = []
    text = FORMATS["omegat"].write(list(glossary), ExportOptions(), warnings).decode("utf-8")
    lines = text.splitlines()[2:]
    # OmegaT shows both entries of a shared form, each with its comment
    assert "格鲁吉亚\tGeorgia\tcontext: the country" in lines
    assert "格鲁吉亚\tGeorgia (US state)\tcontext: the state; one two three; status: proposed" \
        in lines
    assert not any(line.startswith("#") for line in lines)  # OmegaT would skip it as a comment
    assert warnings == ["tag: #话题, #話題 left out: OmegaT reads a line starting with # as a "
                        "comment"]


def test_omegat_glossary_is_imported_as_term_pairs(tmp_path, seed):
    path = tmp_path / "glossary.omegat.txt"
    path.write_bytes(FORMATS["omegat"].write(list(seed)[:5], ExportOptions(), []))
    from glossary.formats import for_import

    chosen = for_import(path)  # a .txt file starting with a comment line
    assert chosen.name == "omegat"
    records = chosen.read(path, Languages()).records
    assert (records[0].zh, records[0].en, records[0].line) == (seed.entries[0].zh, seed.entries[0].en, 3)
    assert {(r.zh, r.en) for r in records} == set(mt.term_rows(list(seed)[:5]))


# --- DeepL / Google -------------------------------------------------------------------------


def test_deepl_rows(seed):
    data = export(seed, "deepl").decode("utf-8")
    rows = [line.split("\t") for line in data.splitlines()]
    assert all(len(r) == 2 for r in rows)
    sources = [r[0] for r in rows]
    assert len(sources) == len(set(sources))
    forbidden = {f for e in seed for f in e.forbidden_forms}
    assert not forbidden & set(sources)
    for source, target in rows:
        assert source == source.strip() and target == target.strip() and source and target
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in source + target)
    araghchi = seed.get("abbas-araghchi")
    mapped = dict(rows)
    assert mapped[araghchi.zh] == araghchi.en
    assert mapped[araghchi.hant()] == araghchi.en
    for variant in araghchi.variants:
        assert mapped[variant] == araghchi.en
    own = next(e for e in seed if e.zh_hant)
    assert mapped[own.zh_hant] == own.en


def test_deepl_leaves_out_homographs_and_cleans_values(special):
    warnings: list[str] = []
    rows = mt.term_rows(list(special), warnings)
    assert all(s not in ("河岸", "银行") or t for s, t in rows)
    entries = list(special) + [Entry("bank-other", "银行", "Bank of China", "organization",
                                     context="other")]
    warnings = []
    rows = dict(mt.term_rows(entries, warnings))
    assert "银行" not in rows and any("银行" in w for w in warnings)
    assert mt.clean(" a\tb\nc\x85d\u2028e  ") == "a b c d e"


def test_google_layouts(special):
    rows = list(csv.reader(io.StringIO(export(special, "google").decode("utf-8"))))
    assert all(len(r) == 2 for r in rows)
    assert rows[0] == ["美国电话电报公司", "AT&T <Corp> \"quoted\" & 'single'"]
    rows = list(csv.reader(io.StringIO(
        export(special, "google", google_layout="equivalent-terms").decode("utf-8"))))
    assert rows[0] == ["zh-CN", "zh-TW", "en-US"]
    assert rows[1] == ["美国电话电报公司", "美國電話電報公司", "AT&T <Corp> \"quoted\" & 'single'"]
    langs = Languages("zh-Hans", "zh-Hant", "en-GB")
    rows = list(csv.reader(io.StringIO(
        export(special, "google", google_layout="equivalent-terms", langs=langs).decode())))
    assert rows[0] == ["zh-Hans", "zh-Hant", "en-GB"]


# --- all formats ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exports_are_deterministic(fmt, seed):
    assert export(seed, fmt) == export(seed, fmt)
    assert export(seed, fmt, date=DATE) == export(seed, fmt, date=DATE)


def test_dates_come_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770381000")
    assert export_date() == datetime(2026, 2, 6, 12, 30, tzinfo=timezone.utc)
    assert export_date(no_dates=True) is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(GlossaryError, match="SOURCE_DATE_EPOCH"):
        export_date()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_empty_export_is_refused(fmt):
    with pytest.raises(GlossaryError, match="no entry"):
        export([], fmt)


@pytest.mark.parametrize("fmt", ["tmx", "tbx"])
def test_xml_exports_use_configured_hyphen_tags(fmt, special):
    langs = Languages("zh-Hans", "zh-Hant", "en-GB")
    data = export(special, fmt, langs=langs)
    root = etree.fromstring(data)
    tags = {n.get(XML_LANG) for n in root.iter() if n.get(XML_LANG)}
    assert {"zh-Hans", "zh-Hant", "en-GB"} <= tags
    assert b"_" not in b"".join(t.encode() for t in tags)


# --- read back by Translate Toolkit ---------------------------------------------------------


def test_translate_toolkit_reads_our_tmx(seed):
    from translate.storage import tmx as tt_tmx

    store = tt_tmx.tmxfile(io.BytesIO(export(seed, "tmx")))
    assert store.sourcelanguage == "zh-CN"
    units = {u.getid(): u for u in store.units}
    entry = seed.get("abbas-araghchi")
    assert units[entry.id].source == entry.zh
    assert units[entry.id].target == entry.en
    assert units[entry.id].gettarget("en-US") == entry.en
    assert units[entry.id].gettarget("zh-TW") == entry.hant()
    assert all(units[e.id].source == e.zh and units[e.id].target == e.en for e in seed)


@pytest.mark.parametrize("version", [2])
def test_translate_toolkit_reads_our_tbx(version, seed):
    from translate.storage import tbx as tt_tbx

    data = export(seed, "tbx", tbx_version=version)
    store = tt_tbx.tbxfile(io.BytesIO(data), sourcelanguage="zh-CN", targetlanguage="en-US")
    units = {u.getid(): u for u in store.units}
    assert len(units) == len(seed)
    for entry in seed:
        unit = units[entry.id]
        assert unit.source == entry.zh and unit.target == entry.en
        assert [t.text for t in unit.get_target_terms()][: 1 + len(entry.en_variants)] == list(entry.en_forms)
    araghchi = units["abbas-araghchi"]
    deprecated = [t.text for t in araghchi.get_source_terms() if t.deprecated]
    assert deprecated == list(seed.get("abbas-araghchi").forbidden_forms)
    # without explicit languages, the second language section (English) is the target
    plain = tt_tbx.tbxfile(io.BytesIO(data))
    assert plain.units[0].target == seed.entries[0].en


def test_translate_toolkit_reads_our_po(seed):
    from translate.storage import po as tt_po

    store = tt_po.pofile(io.BytesIO(export(seed, "po")))
    assert store.gettargetlanguage() == "en_US"
    units = [u for u in store.units if not u.isheader()]
    assert [(u.source, u.target) for u in units] == [(e.zh, e.en) for e in seed]


def test_translate_toolkit_csv2po_reads_our_csv(special, tmp_path):
    csv_path = tmp_path / "g.csv"
    csv_path.write_bytes(export(special, "csv"))
    out = tmp_path / "g.po"
    tool = Path(sys.executable).with_name("csv2po")
    if not tool.exists():
        pytest.skip("csv2po (Translate Toolkit) is not installed next to this Python")
    subprocess.run([str(tool), "--unescape-formulas", str(csv_path), str(out)] if _has_unescape(tool)
                   else [str(tool), str(csv_path), str(out)], check=True, capture_output=True)
    converted = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(out))}
    assert converted[("river", "河岸")] == "bank"
    assert converted[("finance", "银行")] == "bank"
    assert msgfmt(out).returncode == 0


def _has_unescape(tool: Path) -> bool:
    help_text = subprocess.run([str(tool), "--help"], capture_output=True, text=True).stdout
    return "--unescape-formulas" in help_text
