"""Pretranslation of POT and XLIFF files: valid output (msgfmt, XLIFF 1.2 strict schema)."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from lxml import etree

from glossary.formats.po import SourceUnit, segments_file
from glossary.formats.xliff import NS12, OutFile, OutUnit, write_xliff
from glossary.langtags import Languages
from glossary.memory import pretranslate_file
from glossary.memory.sqlite_store import SqliteStore
from glossary.memory.store import Unit
from glossary.store import load_glossary

from conftest import SCHEMAS

EXACT = "伊朗外长阿拉格齐抵达马斯喀特。"
FUZZY_STORED = "伊朗外长阿拉格齐周三抵达马斯喀特。"
FUZZY_QUERY = "伊朗外長阿拉格齊周四抵達馬斯喀特。"
NONE = "巴德尔与阿拉格齐举行了会谈。"
SENTENCES = [EXACT, FUZZY_QUERY, NONE]


@pytest.fixture
def setup(tmp_path, small_glossary, monkeypatch):
    store = SqliteStore(tmp_path / "memory.sqlite")
    store.add_many([
        Unit(EXACT, "Iranian FM Abbas Araghchi arrived in Muscat.", origin="news.po",
             origin_id="line 7"),
        Unit(FUZZY_STORED, "Iranian FM Abbas Araghchi arrived in Muscat on Wednesday.",
             origin="old.tmx", origin_id="u3"),
    ])
    yield store, load_glossary(small_glossary), tmp_path
    store.close()


def msgfmt_ok(path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    result = subprocess.run(["msgfmt", "--check-format", "-c", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_pot_is_filled_and_passes_msgfmt(setup):
    store, glossary, tmp = setup
    pot = tmp / "news.pot"
    pot.write_bytes(segments_file([SourceUnit(s, [("news.txt", n)]) for n, s in
                                   enumerate(SENTENCES, 1)], Languages(), True, None, "News"))
    out = tmp / "out" / "news.po"
    report = pretranslate_file(store, pot, out, glossary=glossary, min_score=70)
    assert (report.exact, report.fuzzy, report.no_match) == (1, 1, 1)
    msgfmt_ok(out)
    po = {e.msgid: e for e in polib.pofile(str(out))}
    exact = po[EXACT]
    assert exact.msgstr.startswith("Iranian FM") and "fuzzy" not in exact.flags
    assert "tm: exact match from news.po#line 7" in exact.tcomment
    fuzzy = po[FUZZY_QUERY]
    assert "fuzzy" in fuzzy.flags and fuzzy.msgstr.endswith("on Wednesday.")
    assert fuzzy.previous_msgid == FUZZY_STORED
    assert "tm: 94% match from old.tmx#u3" in fuzzy.tcomment
    none = po[NONE]
    assert none.msgstr == "" and "巴德尔 = Badr Albusaidi" in none.comment
    assert "阿拉格齐 = Abbas Araghchi" in none.comment


def test_a_po_without_dates_gets_its_revision_date(setup, monkeypatch):
    store, glossary, tmp = setup
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770381000")
    po_in = tmp / "news.po"
    po_in.write_bytes(segments_file([SourceUnit(s, [("news.txt", 1)]) for s in SENTENCES],
                                    Languages(), False, None, "News"))
    assert polib.pofile(str(po_in)).metadata["PO-Revision-Date"] == "1970-01-01 00:00+0000"
    pretranslate_file(store, po_in, tmp / "out.po", glossary=glossary, min_score=70)
    assert polib.pofile(str(tmp / "out.po")).metadata["PO-Revision-Date"] == "2026-02-06 12:30+0000"


def test_higher_min_leaves_fuzzy_units_empty(setup):
    store, glossary, tmp = setup
    pot = tmp / "news.pot"
    pot.write_bytes(segments_file([SourceUnit(s, [("news.txt", 1)]) for s in SENTENCES],
                                  Languages(), True, None, "News"))
    report = pretranslate_file(store, pot, tmp / "news.po", glossary=glossary, min_score=95)
    assert (report.exact, report.fuzzy, report.no_match) == (1, 0, 2)
    msgfmt_ok(tmp / "news.po")


def test_translated_po_entries_are_left_alone(setup):
    store, glossary, tmp = setup
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en_US"}
    po.append(polib.POEntry(msgid=EXACT, msgstr="My own translation."))
    po.save(str(tmp / "mine.po"))
    report = pretranslate_file(store, tmp / "mine.po", tmp / "out.po", glossary=glossary)
    assert report.already == 1
    assert polib.pofile(str(tmp / "out.po"))[0].msgstr == "My own translation."


def test_xliff_is_filled_and_valid(setup):
    store, glossary, tmp = setup
    source = tmp / "news.xlf"
    source.write_bytes(write_xliff([OutFile("news.txt", [
        OutUnit(f"s{n}", s, [("news.txt", n)]) for n, s in enumerate(SENTENCES, 1)])],
        "zh-CN", "en-US"))
    out = tmp / "news.out.xlf"
    report = pretranslate_file(store, source, out, glossary=glossary)
    assert (report.exact, report.fuzzy, report.no_match) == (1, 1, 1)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-1.2" / "xliff-core-1.2-strict.xsd")))
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    ns = {"x": NS12}
    units = {u.get("id"): u for u in doc.iterfind(".//x:trans-unit", ns)}
    exact = units["s1"].find("x:target", ns)
    assert exact.get("state") == "translated" and exact.get("state-qualifier") == "exact-match"
    fuzzy = units["s2"].find("x:target", ns)
    assert fuzzy.get("state") == "needs-review-translation"
    assert units["s2"].find("x:alt-trans", ns).get("match-quality") == "94"
    assert units["s3"].find("x:target", ns) is None
    notes = [n.text for n in units["s3"].iterfind("x:note", ns)]
    assert "巴德尔 = Badr Albusaidi" in notes


def test_sample_xliff_from_the_schema_folder_stays_valid(setup):
    store, glossary, tmp = setup
    out = tmp / "sample.xlf"
    pretranslate_file(store, SCHEMAS / "examples" / "sample-zh-en.xliff12.xlf", out,
                      glossary=glossary)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-1.2" / "xliff-core-1.2-strict.xsd")))
    assert schema.validate(etree.parse(str(out))), schema.error_log
