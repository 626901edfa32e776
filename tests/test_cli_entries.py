"""The maintenance commands through the command line: add, edit, remove, list, show, search, validate."""

from __future__ import annotations

import builtins
import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from glossary.store import load_file, load_glossary


@pytest.fixture
def g(small_glossary, cli, monkeypatch):
    """Run commands from the folder holding ``glossary/`` (paths print as glossary/…)."""
    monkeypatch.chdir(small_glossary.parent)
    return lambda *args: cli(*args)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and p.name != ".lock"}


def one_error_line(result) -> str:
    assert result.code == 2, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("glossary: error: ")
    assert "Traceback" not in result.err
    return lines[0]


# --- add -----------------------------------------------------------------------------------


def test_add(g, small_glossary):
    path = small_glossary / "people.yaml"
    before = path.read_bytes()
    result = g("add", "拉里贾尼", "Ali Larijani", "--type", "person", "--variant", "阿里·拉里贾尼",
               "--forbid", "拉里加尼=non-standard transliteration", "--forbid", "拉里嘉尼",
               "--note", "Speaker: former", "--en-variant", "Larijani", "--en-forbid", "Laridjani",
               "--source", "https://en.wikipedia.org/wiki/Ali_Larijani", "--context", "Iran",
               "--zh-hant", "拉里賈尼", "--status", "proposed")
    assert result.code == 0, result.err
    assert result.out == "added ali-larijani to glossary/people.yaml:22\n"
    assert path.read_bytes().startswith(before)
    added = load_file(path)[-1]
    assert added.to_dict() == {
        "id": "ali-larijani", "zh": "拉里贾尼", "en": "Ali Larijani", "type": "person",
        "status": "proposed", "zh_hant": "拉里賈尼", "variants": ["阿里·拉里贾尼"],
        "forbidden": [{"form": "拉里加尼", "reason": "non-standard transliteration"}, {"form": "拉里嘉尼"}],
        "en_variants": ["Larijani"], "en_forbidden": ["Laridjani"], "note": "Speaker: former",
        "context": "Iran", "sources": ["https://en.wikipedia.org/wiki/Ali_Larijani"],
    }


def test_not_in_words_by_command(g, small_glossary):
    result = g("add", "川普", "Donald Trump", "-t", "person", "--not-in", "四川普")
    assert result.code == 0, result.err
    assert load_file(small_glossary / "people.yaml")[-1].not_in == ("四川普",)
    assert "not_in:          四川普" in g("show", "donald-trump").out
    assert g("edit", "donald-trump", "--add-not-in", "四川普降", "--remove-not-in", "四川普").code == 0
    assert load_file(small_glossary / "people.yaml")[-1].not_in == ("四川普降",)
    assert "not_in: [四川普降]\n" in (small_glossary / "people.yaml").read_text(encoding="utf-8")
    line = one_error_line(g("edit", "donald-trump", "--add-not-in", "四川"))
    assert "not_in phrase '四川' must contain one of the entry's forms" in line


def test_add_with_id_and_file_and_new_type_file(g, small_glossary):
    assert g("add", "德黑兰", "Tehran", "-t", "place", "--id", "tehran-city").out == \
        "added tehran-city to glossary/places.yaml:3\n"
    text = (small_glossary / "places.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../src/glossary/schema/glossary.schema.json\n")
    assert g("add", "伊朗", "Iran", "-t", "place", "--file", "people.yaml").out == \
        "added iran to glossary/people.yaml:22\n"


def test_add_with_the_glossary_option_from_elsewhere(small_glossary, cli, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = cli("--glossary", small_glossary, "add", "拉里贾尼", "Ali Larijani", "-t", "person")
    assert result.code == 0, result.err
    assert result.out == f"added ali-larijani to {small_glossary / 'people.yaml'}:22\n"
    monkeypatch.setenv("GLOSSARY_DIR", str(small_glossary))
    assert cli("show", "ali-larijani").code == 0


@pytest.mark.parametrize("args, message", [
    (("阿拉格齐", "Someone", "-t", "person"), "claimed by entry abbas-araghchi at glossary/people.yaml:3"),
    (("阿拉格齊", "Someone", "-t", "person"), "claimed by entry abbas-araghchi at glossary/people.yaml:3"),
    (("某人", "Abbas Araghchi", "-t", "person"), "the id abbas-araghchi is already used by the entry at glossary/people.yaml:3"),
    (("某人", "Someone", "-t", "person", "--variant", "巴德尔·本·哈马德·阿尔布赛义迪"),
     "claimed by entry badr-albusaidi at glossary/people.yaml:16 as variant"),
    (("某人", "Someone", "-t", "person", "--variant", "阿拉格奇"), "as forbidden form"),
    (("某人", "Someone", "-t", "alien"), "type 'alien' is not one of: person, place"),
    (("某人", "Someone", "-t", "person", "--status", "done"), "status 'done' is not one of"),
    (("某人", "Someone", "-t", "person", "--id", "Some One"), "is not a slug"),
    (("someone", "Someone", "-t", "person"), "has no Chinese character"),
    (("某人", "某人", "-t", "person"), "cannot derive an id from '某人'; give one with --id"),
    (("某人", "Someone", "-t", "person", "--file", "../x.yaml"), "not inside the glossary folder"),
    (("某人", "Someone"), "Missing option '--type'"),
    (("阿曼", "Oman", "-t", "place", "--note", "pasted from Word\x0bsecond line"),
     "field 'note' contains the control character U+000B, which XML cannot carry"),
    (("马斯喀特", "Muscat\x01", "-t", "place"), "field 'en' contains the control character U+0001"),
    (("马斯喀特", "Muscat", "-t", "place", "--en-variant", "Masqat\uffff"), "noncharacter U+FFFF"),
])
def test_add_refusals(g, small_glossary, args, message):
    before = snapshot(small_glossary)
    line = one_error_line(g("add", *args))
    assert message in line
    assert snapshot(small_glossary) == before


def test_add_homograph_with_context(g):
    assert g("edit", "badr-albusaidi", "--context", "the Omani minister").code == 0
    result = g("add", "巴德尔", "Badr (other)", "-t", "person", "--id", "badr-other",
               "--context", "someone else")
    assert result.code == 0, result.err


def test_add_warns_about_a_shared_english_rendering(g):
    result = g("add", "阿拉格赤", "Abbas Araghchi", "-t", "person", "--id", "araghchi-2")
    assert result.code == 0
    assert "warning: entry abbas-araghchi (glossary/people.yaml:3) has the same English rendering" in result.err


# --- edit, remove --------------------------------------------------------------------------


def test_edit_fields(g, small_glossary):
    path = small_glossary / "people.yaml"
    before = path.read_text(encoding="utf-8")
    result = g("edit", "abbas-araghchi", "--status", "proposed", "--add-variant", "阿拉格希",
               "--remove-variant", "阿巴斯•阿拉格齊", "--add-forbid", "阿拉格其=typo",
               "--add-forbid", "阿拉格奇=Xinhua writes 阿拉格齐", "--add-en-variant", "FM Araghchi",
               "--remove-en-variant", "araghchi", "--add-en-forbid", "Araqchi", "--note", "",
               "--set-source", "https://a.org", "--add-source", "https://b.org", "--context", "Iran")
    assert result.code == 0, result.err
    assert result.out == "changed abbas-araghchi in glossary/people.yaml:3\n"
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "  status: approved\n  variants: [阿巴斯·阿拉格齐]\n  forbidden:\n    - form: 阿拉格奇\n"
        "      reason: non-standard transliteration\n  en_variants: [Araghchi]\n"
        "  note: Iran's foreign minister.\n",
        "  status: proposed\n  variants: [阿拉格希]\n  forbidden:\n    - form: 阿拉格其\n"
        "      reason: typo\n    - form: 阿拉格奇\n      reason: Xinhua writes 阿拉格齐\n"
        "  en_variants: [FM Araghchi]\n  en_forbidden: [Araqchi]\n  context: Iran\n"
        "  sources: ['https://a.org', 'https://b.org']\n".replace("'", ""),
    )


def test_edit_rename_and_core_fields(g, small_glossary):
    result = g("edit", "badr-albusaidi", "--id", "badr-al-busaidi", "--en", "Badr Al-Busaidi",
               "--zh", "巴德尔·布赛义迪", "--add-variant", "巴德尔", "--type", "person", "--zh-hant",
               "巴德爾·布賽義迪")
    assert result.code == 0, result.err
    assert result.out == "changed badr-al-busaidi in glossary/people.yaml:16\n"
    entry = load_glossary(small_glossary).get("badr-al-busaidi")
    assert (entry.zh, entry.en, entry.zh_hant) == ("巴德尔·布赛义迪", "Badr Al-Busaidi", "巴德爾·布賽義迪")
    assert entry.variants == ("巴德尔·本·哈马德·阿尔布赛义迪", "巴德尔")
    assert g("edit", "badr-al-busaidi", "--zh-hant", "").code == 0
    assert load_glossary(small_glossary).get("badr-al-busaidi").zh_hant is None


def test_edit_unchanged(g, small_glossary):
    before = snapshot(small_glossary)
    result = g("edit", "abbas-araghchi", "--status", "approved")
    assert result.code == 0 and result.out == "abbas-araghchi unchanged (glossary/people.yaml:3)\n"
    assert snapshot(small_glossary) == before


@pytest.mark.parametrize("args, message", [
    (("nobody", "--note", "x"), "no entry has the id 'nobody'"),
    (("badr", "--note", "x"), "did you mean badr-albusaidi?"),
    (("abbas-araghchi",), "nothing to change"),
    (("abbas-araghchi", "--remove-variant", "不存在"), "entry abbas-araghchi has no variant '不存在'"),
    (("abbas-araghchi", "--remove-forbid", "不存在"), "has no forbidden form '不存在'"),
    (("abbas-araghchi", "--remove-source", "x"), "has no source 'x'"),
    (("abbas-araghchi", "--type", "planet"), "type 'planet' is not one of"),
    (("abbas-araghchi", "--en", ""), "missing required field 'en'"),
    (("abbas-araghchi", "--id", "badr-albusaidi"), "the id badr-albusaidi is already used"),
    (("abbas-araghchi", "--add-variant", "巴德尔"), "claimed by entry badr-albusaidi at glossary/people.yaml:16"),
    (("abbas-araghchi", "--add-variant", "阿拉格奇"), "both accepted"),
    (("abbas-araghchi", "--note", "a\x0cb"), "field 'note' contains the control character U+000C"),
    (("abbas-araghchi", "--context", "\x00"), "U+0000"),
])
def test_edit_refusals(g, small_glossary, args, message):
    before = snapshot(small_glossary)
    assert message in one_error_line(g("edit", *args))
    assert snapshot(small_glossary) == before


def test_remove(g, small_glossary):
    result = g("remove", "abbas-araghchi")
    assert result.code == 0 and result.out == "removed abbas-araghchi from glossary/people.yaml:3\n"
    assert [e.id for e in load_glossary(small_glossary)] == ["badr-albusaidi"]
    assert "no entry has the id 'abbas-araghchi'" in one_error_line(g("remove", "abbas-araghchi"))


# --- list, show, search --------------------------------------------------------------------


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_list_table_aligns_cjk_columns(g):
    result = g("list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "ZH", "ZH-HANT", "EN", "TYPE", "STATUS"]
    assert lines[1].split()[:4] == ["abbas-araghchi", "阿拉格齐", "阿拉格齊", "Abbas"]
    assert lines[2].split()[2] == "巴德爾"  # the OpenCC conversion when zh_hant is not given
    for column in ("EN", "TYPE", "STATUS"):
        starts = set()
        for line in lines:
            token = {"EN": ("EN", "Abbas", "Badr"), "TYPE": ("TYPE", "person"),
                     "STATUS": ("STATUS", "approved")}[column]
            index = min(i for i in (line.find(t + " ") if t != "approved" and t != "STATUS"
                                    else line.find(t) for t in token) if i >= 0)
            starts.add(width(line[:index]))
        assert len(starts) == 1, (column, result.out)


def test_list_filters_and_formats(g):
    assert g("list", "--type", "place").out.splitlines()[1:] == []
    data = json.loads(g("list", "--format", "json").out)
    assert [d["id"] for d in data] == ["abbas-araghchi", "badr-albusaidi"]
    assert data[0]["forbidden"] == [{"form": "阿拉格奇", "reason": "non-standard transliteration"}]
    dumped = g("list", "-f", "yaml", "--status", "approved").out
    assert [d["id"] for d in yaml.safe_load(dumped)] == ["abbas-araghchi", "badr-albusaidi"]
    assert "--type must be one of" in one_error_line(g("list", "--type", "planet"))
    assert "--status must be one of" in one_error_line(g("list", "--status", "ok"))
    assert "--format must be one of" in one_error_line(g("list", "--format", "csv"))


@pytest.mark.parametrize("key, headline", [
    ("abbas-araghchi", None),
    ("阿拉格齐", "阿拉格齐 is the preferred form of entry abbas-araghchi"),
    ("阿拉格齊", "阿拉格齐 is the preferred form of entry abbas-araghchi"),
    ("阿巴斯・阿拉格齊", "阿巴斯·阿拉格齐 is an accepted variant of entry abbas-araghchi"),
    ("阿巴斯阿拉格齐", "阿巴斯·阿拉格齐 is an accepted variant of entry abbas-araghchi"),
    ("阿拉格奇", "阿拉格奇 is FORBIDDEN: use 阿拉格齐 (Abbas Araghchi); it is a forbidden form of "
                 "entry abbas-araghchi: non-standard transliteration"),
])
def test_show(g, key, headline):
    result = g("show", key)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    if headline:
        assert lines.pop(0) == headline
    assert lines[0].split() == ["id:", "abbas-araghchi"]
    assert lines[1].split() == ["file:", "glossary/people.yaml:3"]
    assert "zh_hant:         阿拉格齊 (OpenCC conversion)" in lines
    assert "traditional:     阿拉格齊, 阿巴斯·阿拉格齊" in lines
    assert "forbidden:       阿拉格奇 (non-standard transliteration)" in lines
    assert "note:            Iran's foreign minister." in lines


def test_show_json(g):
    [data] = json.loads(g("show", "阿拉格奇", "--format", "json").out)
    assert data["id"] == "abbas-araghchi" and data["location"] == "glossary/people.yaml:3"
    assert data["matched"] == {"form": "阿拉格奇", "as": "forbidden"}
    assert data["traditional_forms"] == ["阿拉格齊", "阿巴斯·阿拉格齊"]


def test_show_unknown_is_exit_2_with_suggestions(g):
    line = one_error_line(g("show", "阿拉格"))
    assert line == "glossary: error: no entry has the id or Chinese form '阿拉格'; did you mean abbas-araghchi?"
    assert one_error_line(g("show", "zzz")) == "glossary: error: no entry has the id or Chinese form 'zzz'"


@pytest.mark.parametrize("text, ids", [
    ("Albusaidi", ["badr-albusaidi"]),
    ("foreign minister", ["abbas-araghchi"]),
    ("巴德爾", ["badr-albusaidi"]),
    ("阿拉格", ["abbas-araghchi"]),
    ("哈马德", ["badr-albusaidi"]),
])
def test_search(g, text, ids):
    result = g("search", text)
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()[1:]] == ids
    assert [d["id"] for d in json.loads(g("search", text, "--format", "json").out)] == ids


def test_search_without_hits(g):
    result = g("search", "nothing like this")
    assert result.code == 0 and result.out == ""
    assert "no entry matches 'nothing like this'" in result.err
    assert g("search", "nothing", "-f", "json").out.strip() == "[]"


# --- validate ------------------------------------------------------------------------------


def test_validate_ok(g):
    result = g("validate")
    assert (result.code, result.out) == (0, "2 entries in 1 files: OK\n")


def test_validate_errors_and_warnings(g, small_glossary):
    (small_glossary / "zz.yaml").write_text(
        "- {id: badr-albusaidi, zh: 某, en: X, type: person}\n"
        "- {id: y, zh: 阿拉格齊, en: Y, type: person}\n"
        "- {id: z, zh: 丙, en: abbas araghchi, type: person}\n", encoding="utf-8")
    result = g("validate")
    assert result.code == 1
    assert result.out.splitlines() == [
        "glossary/zz.yaml:1: error: duplicate id 'badr-albusaidi'; first used at glossary/people.yaml:16",
        "glossary/zz.yaml:2: error: 阿拉格齊 (preferred form of y) is already claimed by entry "
        "abbas-araghchi at glossary/people.yaml:3 as preferred form (written 阿拉格齐); if they are "
        "homographs, give both entries distinct 'context' values",
        "glossary/zz.yaml:3: warning: entry z: English rendering 'abbas araghchi' is also the "
        "rendering of entry abbas-araghchi at glossary/people.yaml:3",
        "5 entries in 2 files: 2 errors, 1 warning",
    ]
    data = json.loads(g("validate", "--format", "json").out)
    assert data["ok"] is False and len(data["problems"]) == 3
    assert data["problems"][0]["line"] == 1 and data["problems"][0]["code"] == "duplicate-id"


def test_validate_warnings_only_and_strict(g, small_glossary):
    (small_glossary / "more.yaml").write_text("- {id: z, zh: 丙, en: Badr Albusaidi, type: person}\n",
                                              encoding="utf-8")
    assert g("validate").code == 0
    assert g("validate").out.endswith("3 entries in 2 files: OK (1 warning)\n")
    assert g("validate", "--strict").code == 1


def test_validate_reports_broken_files(g, small_glossary):
    (small_glossary / "broken.yaml").write_text("- id: x\n  zh: [\n", encoding="utf-8")
    result = g("validate")
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("glossary/broken.yaml:3: error: invalid YAML")
    assert result.out.splitlines()[-1] == "2 entries in 2 files: 1 error"


# --- bad input everywhere ------------------------------------------------------------------

BAD_FILES = {
    "broken YAML": ("- id: x\n  zh: [甲\n  en: X\n", "broken.yaml:3: invalid YAML"),
    "unknown field": ("- id: x\n  zh: 甲\n  en: X\n  type: term\n  colour: red\n",
                      "broken.yaml:5: unknown field 'colour'"),
    "wrong type": ("- id: x\n  zh: 甲\n  en: X\n  type: term\n  variants: 3\n",
                   "broken.yaml:5: field 'variants' must be a list of strings, not a number"),
    "missing field": ("- id: x\n  zh: 甲\n  type: term\n",
                      "broken.yaml:1: entry x: missing required field 'en'"),
    "not a list": ("id: x\n", "broken.yaml:1: a glossary file must be a list of entries"),
    "not UTF-8": ("- id: x\n  zh: 甲乙丙\n".encode("gbk"), "broken.yaml:2: not UTF-8"),
}

COMMANDS = [
    ("list",), ("show", "abbas-araghchi"), ("search", "Abbas"),
    ("add", "拉里贾尼", "Ali Larijani", "-t", "person"),
    ("edit", "abbas-araghchi", "--note", "new"), ("remove", "badr-albusaidi"),
]


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_bad_files_give_one_line_exit_2_and_write_nothing(g, small_glossary, kind, command):
    content, message = BAD_FILES[kind]
    path = small_glossary / "broken.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = snapshot(small_glossary)
    line = one_error_line(g(*command))
    assert f"glossary/{message}" in line
    assert snapshot(small_glossary) == before


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_unreadable_file(g, small_glossary, monkeypatch, command):
    path = small_glossary / "people.yaml"
    before = snapshot(small_glossary)
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if Path(str(file)).name == "people.yaml" and "r" in (args[0] if args else kwargs.get("mode", "r")):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    line = one_error_line(g(*command))
    assert line == "glossary: error: glossary/people.yaml: cannot read: Permission denied"
    monkeypatch.setattr(builtins, "open", real_open)
    assert snapshot(small_glossary) == before and path.exists()


def test_no_glossary_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GLOSSARY_DIR", raising=False)
    for command in COMMANDS + [("validate",)]:
        assert "no glossary/ folder" in one_error_line(cli(*command))
    assert "does not exist" in one_error_line(cli("--glossary", tmp_path / "nope", "list"))


def test_generic_forms_by_command(g, small_glossary):
    result = g("add", "经济学人", "The Economist", "-t", "media", "--variant", "经济学者",
               "--generic", "經濟學者", "--file", "people.yaml")
    assert result.code == 0, result.err
    assert load_file(small_glossary / "people.yaml")[-1].generic == ("经济学者",)  # as written
    assert "generic:         经济学者" in g("show", "the-economist").out
    assert "generic: [经济学者]\n" in (small_glossary / "people.yaml").read_text(encoding="utf-8")
    assert g("edit", "the-economist", "--remove-generic", "经济学者").code == 0
    assert load_file(small_glossary / "people.yaml")[-1].generic == ()
    assert g("edit", "the-economist", "--add-generic", "经济学者").code == 0
    # removing the variant takes its generic mark with it
    assert g("edit", "the-economist", "--remove-variant", "经济学者").code == 0
    entry = load_file(small_glossary / "people.yaml")[-1]
    assert (entry.variants, entry.generic) == ((), ())
    line = one_error_line(g("edit", "the-economist", "--add-generic", "经济学家"))
    assert "generic form '经济学家' must be written as one of the entry's variants" in line
