"""``glossary tm ...`` end to end, in-process."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from conftest import SCHEMAS

PAIRS = ("source,target\n"
         "伊朗外长阿拉格齐抵达马斯喀特。,Iranian FM Abbas Araghchi arrived in Muscat.\n"
         "伊朗和美国4日分别证实，定于6日在阿曼举行谈判。,Iran and the US confirmed talks in Oman on the 6th.\n"
         "阿拉格齐说，谈判取得进展。,Araqchi said progress had been made.\n")


@pytest.fixture
def project(tmp_path, small_glossary, monkeypatch):
    monkeypatch.delenv("GLOSSARY_TM", raising=False)
    people = small_glossary / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "  en_variants: [Araghchi]\n", "  en_variants: [Araghchi]\n  en_forbidden: [Araqchi]\n"),
        encoding="utf-8")
    (tmp_path / "pairs.csv").write_text(PAIRS, encoding="utf-8")
    return tmp_path


def test_import_lookup_search_stats(cli, project):
    result = cli("tm", "import", "pairs.csv", cwd=project)
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["pairs.csv: 3 added, 0 duplicates, 0 skipped"]
    assert (project / ".glossary" / "memory.sqlite").is_file()
    assert (project / ".glossary" / ".gitignore").is_file()

    result = cli("tm", "lookup", "伊朗外長阿拉格齊抵達馬斯喀特", cwd=project)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("1.  93  fuzzy  unit 1  pairs.csv#line 2")
    assert lines[1] == "   diff    伊朗外长阿拉格齐抵达马斯喀特[-。-]"
    assert lines[2] == "   target  Iranian FM Abbas Araghchi arrived in Muscat."

    result = cli("tm", "lookup", "伊朗外长阿拉格齐抵达马斯喀特。", "--format", "json", cwd=project)
    [match] = json.loads(result.out)
    assert match["kind"] == "exact" and match["score"] == 100
    assert match["unit"]["origin"] == "pairs.csv"

    result = cli("tm", "lookup", "完全无关的句子，讲天气。", cwd=project)
    assert result.code == 0 and "no match scoring 70 or more" in result.out

    result = cli("tm", "search", "馬斯喀特", cwd=project)
    assert "伊朗外长阿拉格齐抵达[[马斯喀特]]。" in result.out
    result = cli("tm", "search", "oman", "--target", "--format", "json", cwd=project)
    [hit] = json.loads(result.out)
    assert hit["hits"] == [{"start": 35, "end": 39}]

    result = cli("tm", "stats", "--format", "json", cwd=project)
    stats = json.loads(result.out)
    assert stats["units"] == 3 and stats["language_pair"] == ["zh-CN", "en-US"]
    assert stats["units_with_recorded_terms"] == 2
    assert "units:      3" in cli("tm", "stats", cwd=project).out


def test_add_remove_and_duplicates(cli, project):
    assert cli("tm", "add", "伊朗", "Iran", cwd=project).out.strip() == "added unit 1"
    assert "now 2 times" in cli("tm", "add", "伊朗", "Iran", cwd=project).out
    result = cli("tm", "add", "伊朗", " ", cwd=project)
    assert result.code == 2 and result.err.strip() == (
        "glossary: error: cannot add the unit: empty target")
    result = cli("tm", "add", "伊\x07朗", "Iran", cwd=project)
    assert result.code == 2 and "control character U+0007" in result.err
    result = cli("tm", "add", "Hello", "Bonjour", "--src-lang", "en-US", "--tgt-lang", "fr-FR",
                 cwd=project)
    assert result.code == 2 and "does not match the memory's zh-CN → en-US" in result.err
    assert cli("tm", "remove", "--source", "伊朗", cwd=project).out.strip() == "removed 1 unit"
    assert cli("tm", "remove", "7", cwd=project).code == 1


def test_export_is_valid_tmx(cli, project):
    cli("tm", "import", "pairs.csv", cwd=project)
    result = cli("tm", "export", "--no-dates", cwd=project)
    assert result.code == 0
    out = project / "exports" / "memory.tmx"
    assert result.out.strip() == f"{out.resolve()}: 3 units"
    dtd = etree.DTD(str(SCHEMAS / "tmx" / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log
    # And back: a fresh memory from the export.
    result = cli("tm", "--tm", "copy.sqlite", "import", str(out), cwd=project)
    assert result.out.startswith(f"{out}: 3 added")


def test_check_lists_contradicting_units(cli, project):
    cli("tm", "import", "pairs.csv", cwd=project)
    result = cli("tm", "check", cwd=project)
    assert result.code == 1
    assert "GL202 error: uses 'Araqchi' for 阿拉格齐 (abbas-araghchi)" in result.out
    assert result.out.splitlines()[-1] == "1 finding (1 GL202)"
    result = cli("tm", "check", "--format", "json", "--fail-on", "never", cwd=project)
    assert result.code == 0 and json.loads(result.out)[0]["code"] == "GL202"


def test_pretranslate(cli, project):
    cli("tm", "import", "pairs.csv", cwd=project)
    (project / "new.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "伊朗外长阿拉格齐抵达马斯喀特。"\nmsgstr ""\n\n'
        'msgid "伊朗外长阿拉格齐周三抵达马斯喀特。"\nmsgstr ""\n\n'
        'msgid "巴德尔主持会谈。"\nmsgstr ""\n', encoding="utf-8")
    result = cli("tm", "pretranslate", "new.pot", "-o", "new.po", cwd=project)
    assert result.code == 0, result.err
    assert result.out.strip() == "new.po: 1 exact, 1 fuzzy (≥ 70), 1 without a match"
    text = (project / "new.po").read_text(encoding="utf-8")
    assert "#. 巴德尔 = Badr Albusaidi" in text and "#, fuzzy" in text


def test_bad_input_is_one_line_and_exit_2(cli, project):
    (project / "bad.tmx").write_text('<?xml version="1.0"?>\n<tmx version="1.4">\n<header '
                                     'srclang="zh-CN"/>\n<body>\n<tu><tuv xml:lang="zh-CN">'
                                     '<seg>x</tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    cli("tm", "import", "pairs.csv", cwd=project)
    result = cli("tm", "import", "bad.tmx", cwd=project)
    assert result.code == 2
    assert result.err.startswith("glossary: error: bad.tmx:5: malformed XML")
    assert len(result.err.strip().splitlines()) == 1
    assert json.loads(cli("tm", "stats", "--format", "json", cwd=project).out)["units"] == 3

    result = cli("tm", "import", "missing.csv", cwd=project)
    assert result.code == 2 and "missing.csv: no such file" in result.err


def test_no_memory_and_corrupt_memory(cli, project):
    result = cli("tm", "lookup", "伊朗", cwd=project)
    assert result.code == 2 and "no translation memory here" in result.err
    assert not (project / ".glossary").exists()
    (project / "broken.sqlite").write_bytes(b"garbage" * 100)
    result = cli("tm", "--tm", "broken.sqlite", "stats", cwd=project)
    assert result.code == 2
    assert result.err.strip() == ("glossary: error: broken.sqlite: not a translation memory (not "
                                  "an SQLite database); the file was left as it is: move it away "
                                  "or pass --tm PATH")
    assert (project / "broken.sqlite").read_bytes() == b"garbage" * 100


def test_memory_path_from_the_configuration(cli, project):
    (project / "glossary.toml").write_text('tm = "data/tm.sqlite"\n', encoding="utf-8")
    assert cli("tm", "add", "伊朗", "Iran", cwd=project).code == 0
    assert (project / "data" / "tm.sqlite").is_file()


def test_importing_the_same_file_twice_counts_it_once(cli, project):
    assert cli("tm", "import", "pairs.csv", cwd=project).code == 0
    again = cli("tm", "import", "pairs.csv", cwd=project)
    assert again.code == 0
    assert again.out.startswith("pairs.csv: already imported (as pairs.csv on ")
    assert "3 units); nothing added (--again counts its units again)" in again.out
    stats = json.loads(cli("tm", "stats", "--format", "json", cwd=project).out)
    assert stats["units"] == 3 and stats["occurrences"] == 3
    forced = cli("tm", "import", "pairs.csv", "--again", cwd=project)
    assert forced.out.splitlines() == ["pairs.csv: 0 added, 3 duplicates, 0 skipped"]
    assert cli("tm", "remove", "--origin", "pairs.csv", cwd=project).out == "removed 3 units\n"
    fresh = cli("tm", "import", "pairs.csv", cwd=project)  # removed: imported afresh
    assert fresh.out.splitlines() == ["pairs.csv: 3 added, 0 duplicates, 0 skipped"]


def test_export_to_stdout(cli, project):
    cli("tm", "import", "pairs.csv", cwd=project)
    result = cli("tm", "export", "--no-dates", "-o", "-", cwd=project)
    assert result.code == 0, result.err
    assert result.out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert result.out.count("<tu ") == 3
    assert not (project / "-").exists() and not (project / "exports").exists()
