"""Import and export: TMX round trip, CSV/TSV, PO, XLIFF, bad files, killed imports, readers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from glossary.errors import GlossaryError
from glossary.memory import export_tmx, import_file, lookup
from glossary.memory.sqlite_store import SqliteStore
from glossary.memory.store import Unit

from conftest import SCHEMAS

TMX_DTD = SCHEMAS / "tmx" / "tmx14.dtd"


def units_of(store) -> list[tuple]:
    return sorted((u.source, u.target, u.source_lang, u.target_lang, u.count, u.origin,
                   u.origin_id, u.context, u.note, u.created, u.changed)
                  for u in store.iter_units())


def validate_tmx(path: Path) -> None:
    dtd = etree.DTD(str(TMX_DTD))
    doc = etree.parse(str(path))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()


# -- TMX round trip -------------------------------------------------------------------------

_SPECIAL = "<>&\"'"
_ASTRAL = st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF)
_TEXT_CHARS = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    st.sampled_from(list(_SPECIAL + "伊朗戰爭，。 \t\n")),
    _ASTRAL,
)
_text = st.text(_TEXT_CHARS, min_size=1, max_size=30).filter(lambda t: t.strip())
_optional = st.one_of(st.none(), _text.map(str.strip).filter(bool))


@st.composite
def memory_units(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    out = []
    for i in range(n):
        out.append(Unit(
            draw(_text), draw(_text),
            draw(st.sampled_from(["zh-CN", "zh-TW"])), "en-US",
            origin=draw(_optional), origin_id=draw(_optional), context=draw(_optional),
            note=draw(_optional), created=1700000000 + i, changed=1700000100 + i,
            count=draw(st.integers(min_value=1, max_value=3))))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=memory_units())
def test_tmx_round_trip(tmp_path_factory, units):
    folder = tmp_path_factory.mktemp("rt")
    with SqliteStore(folder / "a.sqlite") as first:
        first.add_many(units)
        export_tmx(first, folder / "memory.tmx")
        expected = units_of(first)
    validate_tmx(folder / "memory.tmx")
    with SqliteStore(folder / "b.sqlite") as second:
        report = import_file(second, folder / "memory.tmx")
        assert report.skipped == 0
        assert units_of(second) == expected


def test_export_header_and_segtype(tmp_path):
    with SqliteStore(tmp_path / "m.sqlite") as store:
        store.add_many([Unit("伊朗外长抵达。", "The FM arrived.")])
        assert export_tmx(store, tmp_path / "out" / "memory.tmx") == 1
    tree = etree.parse(str(tmp_path / "out" / "memory.tmx"))
    header = tree.find("header")
    assert header.get("segtype") == "sentence" and header.get("srclang") == "zh-CN"
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tree.iter("tuv")] == [
        "zh-CN", "en-US"]
    validate_tmx(tmp_path / "out" / "memory.tmx")


# -- TMX import ----------------------------------------------------------------------------

TMX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
            'adminlang="en" srclang="{src}" datatype="plaintext"/>\n<body>\n')


def tmx(path: Path, units: list[tuple[str, str, str, str]], src: str = "zh-CN",
        tail: str = "</body>\n</tmx>\n") -> Path:
    body = "".join(
        f'<tu tuid="u{i}"><tuv xml:lang="{sl}"><seg>{s}</seg></tuv>'
        f'<tuv xml:lang="{tl}"><seg>{t}</seg></tuv></tu>\n'
        for i, (s, t, sl, tl) in enumerate(units))
    path.write_text(TMX_HEAD.format(src=src) + body + tail, encoding="utf-8")
    return path


def test_tmx_import_counts(tmp_path):
    path = tmx(tmp_path / "a.tmx", [("伊朗", "Iran", "zh-CN", "en-US"),
                                    ("伊朗", "Iran", "zh-CN", "en-US"),
                                    ("美國", "US", "zh-TW", "EN-us")])
    path.write_text(path.read_text(encoding="utf-8").replace(
        "</body>", '<tu tuid="lonely"><tuv xml:lang="zh-CN"><seg>孤单</seg></tuv></tu>\n</body>'),
        encoding="utf-8")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        report = import_file(store, path)
        assert (report.added, report.duplicates, report.skipped) == (2, 1, 1)
        assert report.reasons == [("lonely", "untranslated (no target variant)")]
        assert {(u.source_lang, u.target_lang) for u in store.iter_units()} == {
            ("zh-CN", "en-US"), ("zh-TW", "en-US")}
        assert store.get_exact("伊朗")[0].origin_id == "u0"


def test_malformed_tmx_is_an_error_with_a_line_and_nothing_is_kept(tmp_path):
    good = [(f"第{i}句。", f"Sentence {i}.", "zh-CN", "en-US") for i in range(50)]
    path = tmx(tmp_path / "bad.tmx", good, tail="<tu><tuv xml:lang='zh-CN'><seg>x</tuv></tu>\n")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        store.add(Unit("已有的句子。", "Already there."))
        with pytest.raises(GlossaryError, match="malformed XML") as error:
            import_file(store, path)
        assert error.value.path == str(path) and error.value.line == 55
        assert store.count() == 1
        assert [u.source for u in store.concordance("句")] == ["已有的句子。"]


def test_other_language_pair_is_refused_unless_asked(tmp_path):
    path = tmx(tmp_path / "fr.tmx", [("Hello", "Bonjour", "en-US", "fr-FR")], src="en-US")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        store.add(Unit("伊朗", "Iran"))
        with pytest.raises(GlossaryError, match="en-US → fr-FR does not match the memory's "
                                                "zh-CN → en-US"):
            import_file(store, path)
        assert store.count() == 1
        assert import_file(store, path, allow_other_languages=True).added == 1


def test_a_unit_srclang_overrides_the_header(tmp_path):
    path = tmx(tmp_path / "tt.tmx", [("Iran", "伊朗", "en-US", "zh-CN")], src="en")
    path.write_text(path.read_text(encoding="utf-8").replace('<tu tuid="u0">',
                                                             '<tu tuid="u0" srclang="zh-CN">'),
                    encoding="utf-8")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        assert import_file(store, path).added == 1
        [unit] = store.iter_units()
        assert (unit.source, unit.target, unit.source_lang, unit.target_lang) == (
            "伊朗", "Iran", "zh-CN", "en-US")
        assert store.language_pair() == ("zh-CN", "en-US")


@pytest.mark.parametrize("order", ["chinese first", "english first"])
def test_labels_of_one_language_yield_to_the_content(tmp_path, order):
    # po2tmx without --source-language: the Chinese source labelled "en", the header srclang "en"
    units = [("伊朗", "Iran", "en", "en-US"), ("美國國務卿", "Secretary of State", "en", "en-US"),
             ("十四五规划", "the 14th Five-Year Plan (十四五)", "en", "en-US")]
    if order == "english first":
        units = [(t, s, tl, sl) for s, t, sl, tl in units]
    path = tmx(tmp_path / "tt.tmx", units, src="en")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        assert import_file(store, path).added == 3
        got = {(u.source, u.target, u.source_lang, u.target_lang) for u in store.iter_units()}
        assert got == {("伊朗", "Iran", "zh-CN", "en-US"),
                       ("美國國務卿", "Secretary of State", "zh-TW", "en-US"),
                       ("十四五规划", "the 14th Five-Year Plan (十四五)", "zh-CN", "en-US")}


def test_a_truly_english_source_is_not_turned_around(tmp_path):
    path = tmx(tmp_path / "en-zh.tmx", [("Iran", "伊朗", "en-US", "zh-CN")], src="en-US")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        store.add(Unit("阿曼", "Oman"))
        with pytest.raises(GlossaryError, match="en-US → zh-CN does not match"):
            import_file(store, path)


@pytest.mark.parametrize("source_language", [None, "zh-CN"])
def test_translate_toolkit_po2tmx_goes_in_the_right_way_round(tmp_path, source_language):
    po2tmx = Path(sys.executable).parent / "po2tmx"
    if not po2tmx.exists():
        pytest.skip("po2tmx (Translate Toolkit) is not installed next to this Python")
    po_path = tmp_path / "terms.po"
    po_path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "能源停火"\nmsgstr "energy ceasefire"\n\n'
                       'msgid "附加议定书"\nmsgstr "Additional Protocol"\n', encoding="utf-8")
    out = tmp_path / "terms.tmx"
    extra = ["--source-language", source_language] if source_language else []
    subprocess.run([str(po2tmx), "-l", "en-US", *extra, str(po_path), str(out)], check=True,
                   capture_output=True)
    with SqliteStore(tmp_path / "m.sqlite") as store:
        store.add(Unit("伊朗", "Iran"))  # a zh-CN → en-US memory: the file must fit it
        assert import_file(store, out).added == 2
        assert store.get_exact("能源停火")[0].target == "energy ceasefire"
        assert {(u.source_lang, u.target_lang) for u in store.iter_units()} == {("zh-CN", "en-US")}


# -- CSV / TSV -----------------------------------------------------------------------------

def test_csv_with_header_and_tsv_without(tmp_path):
    csv_path = tmp_path / "pairs.csv"
    csv_path.write_text('source,target,note\n"伊朗，美国","Iran, the US",checked\n'
                        '美國國務卿,Secretary of State,\n,empty source,\n', encoding="utf-8")
    tsv_path = tmp_path / "pairs.tsv"
    tsv_path.write_text("zh-CN\ten-GB\n阿曼\tOman\n", encoding="utf-8")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        report = import_file(store, csv_path)
        assert (report.added, report.skipped) == (2, 1)
        [unit] = store.get_exact("伊朗，美国")
        assert unit.target == "Iran, the US" and unit.note == "checked"
        assert unit.origin_id == "line 2"
        assert store.get_exact("美國國務卿")[0].source_lang == "zh-TW"  # traditional text
        assert import_file(store, tsv_path).added == 1
        assert store.get_exact("阿曼")[0].target_lang == "en-GB"


def test_malformed_csv_names_the_line_and_keeps_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("伊朗,Iran\n阿曼,Oman\nonly one column\n", encoding="utf-8")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        with pytest.raises(GlossaryError, match="expected at least two columns") as error:
            import_file(store, path)
        assert str(error.value).startswith(f"{path}:3: ")
        assert store.count() == 0


def test_not_utf8_csv(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("伊朗,Iran\n".encode("gbk"))
    with SqliteStore(tmp_path / "m.sqlite") as store:
        with pytest.raises(GlossaryError, match="not UTF-8"):
            import_file(store, path)


def test_unknown_extension(tmp_path):
    path = tmp_path / "pairs.docx"
    path.write_text("x")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        with pytest.raises(GlossaryError, match="unknown file type .docx"):
            import_file(store, path)


# -- PO and XLIFF --------------------------------------------------------------------------

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en_US\\n"

msgid "伊朗外长抵达。"
msgstr "The Iranian FM arrived."

#, fuzzy
msgid "阿曼外交大臣表示。"
msgstr "Oman's foreign minister said."

msgid "尚未翻译。"
msgstr ""
'''


def test_po_translated_only_unless_include_fuzzy(tmp_path):
    path = tmp_path / "done.po"
    path.write_text(PO, encoding="utf-8")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        report = import_file(store, path)
        assert (report.added, report.skipped) == (1, 2)
        assert import_file(store, path, include_fuzzy=True).added == 1


XLIFF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="zh-CN" target-language="en-US" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>伊朗外长抵达。</source><target state="translated">The FM arrived.</target></trans-unit>
      <trans-unit id="2"><source>阿曼表示。</source><target state="needs-review-translation">Oman said.</target></trans-unit>
      <trans-unit id="3"><source>未译。</source></trans-unit>
    </body>
  </file>
</xliff>
'''


def test_xliff_translated_only_unless_include_fuzzy(tmp_path):
    path = tmp_path / "done.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        report = import_file(store, path)
        assert (report.added, report.skipped) == (1, 2)
        assert store.get_exact("伊朗外长抵达。")[0].origin_id == "1"
        assert import_file(store, path, include_fuzzy=True).added == 1


def test_xliff_source_copies_are_untranslated_even_with_include_fuzzy(tmp_path):
    # segment --copy-source-to-target, then OmegaT 3.6: it translates <target> and keeps
    # state="new"; an untranslated segment keeps the copy of its source
    path = tmp_path / "omegat.xlf"
    path.write_text(XLIFF.replace('<trans-unit id="3"><source>未译。</source></trans-unit>',
                                  '<trans-unit id="3"><source>未译。</source>'
                                  '<target state="new">未译。</target></trans-unit>'),
                    encoding="utf-8")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        report = import_file(store, path, include_fuzzy=True)
        assert report.added == 2
        assert ("3", "untranslated (the target is a copy of the source)") in report.reasons


# -- a killed import, and readers during an import -----------------------------------------

WRITER = textwrap.dedent('''
    import sys, time, os
    from glossary.memory.sqlite_store import SqliteStore
    from glossary.memory.store import Unit
    db, ready, go = sys.argv[1:4]
    store = SqliteStore(db)
    def units():
        for i in range(30000):
            if i == 25000:  # the first batch is in the file, uncommitted
                open(ready, "w").write("ready")
                while not os.path.exists(go):
                    time.sleep(0.02)
            yield Unit(f"第{i}条新闻：伊朗和美国在阿曼举行谈判。", f"News {i}.")
    store.add_many(units())
    store.close()
''')


def start_writer(tmp_path: Path, db: Path) -> tuple[subprocess.Popen, Path, Path]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    ready, go = tmp_path / "ready", tmp_path / "go"
    process = subprocess.Popen([sys.executable, str(script), str(db), str(ready), str(go)])
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert process.poll() is None, "the writer died"
        assert time.monotonic() < deadline, "the writer did not get ready"
        time.sleep(0.02)
    return process, ready, go


def test_killed_import_leaves_the_memory_as_it_was(tmp_path):
    db = tmp_path / "m.sqlite"
    with SqliteStore(db) as store:
        store.add_many([Unit("已有的句子。", "Already there."), Unit("伊朗外长。", "The FM.")])
    process, _, _ = start_writer(tmp_path, db)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with SqliteStore(db) as store:
        assert store.count() == 2
        assert list(store.concordance("新闻")) == []
        assert [u.source for u in store.concordance("已有")] == ["已有的句子。"]
        assert store.add(Unit("第1条新闻：伊朗和美国在阿曼举行谈判。", "News 1.")) == "added"


def test_readers_work_while_an_import_runs(tmp_path):
    db = tmp_path / "m.sqlite"
    with SqliteStore(db) as store:
        store.add(Unit("伊朗和美国在阿曼举行谈判。", "Iran and the US hold talks in Oman."))
    process, _, go = start_writer(tmp_path, db)
    try:
        with SqliteStore(db, create=False) as reader:  # a second process would see the same
            assert reader.count() == 1
            [best] = lookup(reader, "伊朗和美國在阿曼舉行談判。", limit=1)
            assert best.score == 100
            assert len(list(reader.concordance("阿曼"))) == 1
    finally:
        go.write_text("go")
        assert process.wait(timeout=60) == 0
    with SqliteStore(db, create=False) as reader:
        assert reader.count() == 30001
        assert lookup(reader, "第29999条新闻：伊朗和美国在阿曼举行谈判。")[0].exact


def test_import_read_in_a_second_process(tmp_path):
    units = [(f"第{i}句。", f"Sentence {i}.", "zh-CN", "en-US") for i in range(30)]
    good = tmx(tmp_path / "good.tmx", units + units[:5])
    bad = tmx(tmp_path / "bad.tmx", units, tail="<tu><tuv xml:lang='zh-CN'><seg>x</tuv></tu>\n")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        seen = []
        report = import_file(store, good, parallel=True, progress=seen.append)
        assert (report.added, report.duplicates, report.skipped) == (30, 5, 0)
        assert seen[-1] == 35
        with pytest.raises(GlossaryError, match="malformed XML") as error:
            import_file(store, bad, parallel=True)
        assert (error.value.path, error.value.line) == (str(bad), 35)
        assert store.count() == 30
        fr = tmx(tmp_path / "fr.tmx", [("Hello", "Bonjour", "en-US", "fr-FR")], src="en-US")
        with pytest.raises(GlossaryError, match="does not match"):
            import_file(store, fr, parallel=True)


@pytest.mark.parametrize("parallel", [False, True])
def test_the_same_file_is_not_counted_twice(tmp_path, parallel):
    units = [(f"第{i}句。", f"Sentence {i}.", "zh-CN", "en-US") for i in range(4)]
    path = tmx(tmp_path / "news.tmx", units)
    bad = tmx(tmp_path / "bad.tmx", units, tail="<tu><tuv xml:lang='zh-CN'><seg>x</tuv></tu>\n")
    with SqliteStore(tmp_path / "m.sqlite") as store:
        first = import_file(store, path, parallel=parallel)
        assert (first.added, first.already) == (4, None)
        again = import_file(store, path, parallel=parallel)
        assert (again.added, again.duplicates) == (0, 0)
        assert again.already.startswith(f"as {path} on ") and again.already.endswith(", 4 units")
        assert [u.count for u in store.iter_units()] == [1, 1, 1, 1]
        forced = import_file(store, path, parallel=parallel, again=True)
        assert (forced.added, forced.duplicates) == (0, 4)
        assert [u.count for u in store.iter_units()] == [2, 2, 2, 2]
        # a copy elsewhere is the same content; a changed file is another
        copy = tmp_path / "copy.tmx"
        copy.write_bytes(path.read_bytes())
        assert import_file(store, copy, parallel=parallel).already is not None
        changed = tmx(tmp_path / "news.tmx", units + [("新的一句。", "A new one.", "zh-CN", "en-US")])
        assert import_file(store, changed, parallel=parallel).added == 1
        # a failed import is not recorded: the file can be imported once it is mended
        with pytest.raises(GlossaryError):
            import_file(store, bad, parallel=parallel)
        with pytest.raises(GlossaryError):  # not "already imported": nothing was recorded
            import_file(store, bad, parallel=parallel)
        # forgetting the imports of a file (its units removed) lets it be imported afresh
        assert store.forget_imports(str(path)) == 2
        assert import_file(store, path, parallel=parallel, again=False).already is None


def test_other_options_make_another_import(tmp_path):
    from glossary.langtags import Languages

    path = tmx(tmp_path / "news.tmx", [("第1句。", "Sentence 1.", "zh-CN", "en-US")])
    with SqliteStore(tmp_path / "m.sqlite") as store:
        assert import_file(store, path).added == 1
        assert import_file(store, path, langs=Languages()).already is not None  # the defaults
        assert import_file(store, path, allow_other_languages=True).already is None
        assert import_file(store, path, include_fuzzy=True).already is None
