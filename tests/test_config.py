"""Project configuration: [tool.glossary] in pyproject.toml or glossary.toml, and its effect on a check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from glossary.config import Config, find_config_file, load_config, parse_config
from glossary.errors import GlossaryError

DATA = Path(__file__).resolve().parent / "data" / "check"

ALL_RULES_TEXT = "阿拉格奇，拉里贾尼，阿里•拉里贾尼，天(tiān)气\n"  # GL001 GL002 GL005 GL006


# --- parsing ----------------------------------------------------------------------------------


def test_full_table():
    config = parse_config({
        "select": ["GL0"], "ignore": ["GL002", "pinyin-annotation"], "fail-on": "error",
        "severity": {"GL007": "error", "variant-form": "warning", "GL00": "info"},
        "include": ["*.txt"], "exclude": ["drafts/*"],
        "languages": {"source": "zh-CN", "traditional": "zh-TW", "target": "en-US"},
    }, "pyproject.toml")
    assert config.path == "pyproject.toml"
    assert (config.select, config.ignore, config.fail_on) == (["GL0"], ["GL002", "pinyin-annotation"], "error")
    assert (config.include, config.exclude) == (["*.txt"], ["drafts/*"])
    assert config.languages == {"source": "zh-CN", "traditional": "zh-TW", "target": "en-US"}
    # later keys win; a prefix names every rule it starts
    assert config.severity["GL001"] == "info" and config.severity["GL007"] == "info"


def test_severity_by_code_and_name():
    config = parse_config({"severity": {"GL007": "error", "pinyin-annotation": "info"}})
    assert config.severity == {"GL007": "error", "GL006": "info"}


def test_empty_table():
    config = parse_config({})
    assert (config.select, config.ignore, config.severity, config.fail_on) == (None, [], {}, None)


@pytest.mark.parametrize("table, message", [
    ({"colour": "always"}, "unknown setting 'colour'"),
    ({"select": "GL001"}, "'select' must be a list of strings"),
    ({"ignore": [1]}, "'ignore' must be a list of strings"),
    ({"exclude": "drafts"}, "'exclude' must be a list of strings"),
    ({"severity": ["GL001"]}, "'severity' must be a table"),
    ({"severity": {"GL001": "fatal"}}, "severity of GL001 must be one of error, warning, info"),
    ({"severity": {"GL999": "error"}}, "unknown rule 'GL999'"),
    ({"fail-on": "always"}, "fail-on must be one of error, warning, info, never"),
    ({"languages": {"source": 1}}, "'languages' must be a table of strings"),
    ({"traditional-interpunct": "-"}, "traditional-interpunct must be one of"),
    ({"traditional-interpunct": "‧‧"}, "traditional-interpunct must be one of"),
    ({"traditional-region": "hk"}, "traditional-region must be auto, taiwan or hong-kong"),
])
def test_invalid_settings(table, message):
    with pytest.raises(GlossaryError, match=message) as info:
        parse_config(table, "glossary.toml")
    assert str(info.value).startswith("glossary.toml: ")


def test_not_a_table():
    with pytest.raises(GlossaryError, match="must be a table"):
        parse_config(["GL001"])  # type: ignore[arg-type]


# --- finding the file -------------------------------------------------------------------------


def test_no_config_file(tmp_path):
    assert find_config_file(tmp_path) is None
    assert load_config(tmp_path) == Config()


def test_pyproject_needs_a_tool_glossary_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n", encoding="utf-8")
    assert find_config_file(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[tool.glossary]\nignore = ["GL002"]\n', encoding="utf-8")
    assert find_config_file(tmp_path) == (tmp_path / "pyproject.toml", False)
    assert load_config(tmp_path).ignore == ["GL002"]


def test_pyproject_subtable_only(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.glossary.severity]\nGL002 = "error"\n', encoding="utf-8")
    assert load_config(tmp_path).severity == {"GL002": "error"}


def test_glossary_toml_wins_in_the_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.glossary]\nignore = ["GL002"]\n', encoding="utf-8")
    (tmp_path / "glossary.toml").write_text('ignore = ["GL006"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.ignore == ["GL006"] and config.path == str(tmp_path / "glossary.toml")


def test_nearest_file_in_a_parent_wins(tmp_path):
    (tmp_path / "glossary.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.glossary]\nfail-on = "info"\n', encoding="utf-8")
    deep = tmp_path / "sub" / "deeper" / "still"
    deep.mkdir(parents=True)
    assert load_config(deep).fail_on == "info"
    assert load_config(tmp_path).fail_on == "error"


def test_invalid_toml_names_file_and_line(tmp_path):
    (tmp_path / "glossary.toml").write_text('ignore = ["GL002"]\nfail-on = \n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="invalid TOML") as info:
        load_config(tmp_path)
    assert info.value.path == str(tmp_path / "glossary.toml")
    assert "line 2" in str(info.value)  # tomllib puts the position in its message


# --- effect on `glossary check` --------------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("GLOSSARY_DIR", raising=False)
    shutil.copytree(DATA / "glossary", tmp_path / "glossary")
    (tmp_path / "a.txt").write_text(ALL_RULES_TEXT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def check(cli, project):
    def go(*args, cwd=None):
        r = cli("check", "--format", "json", *args, cwd=cwd or project)
        data = json.loads(r.out) if r.out else None
        return r.code, data, r.err
    return go


def codes(data):
    return sorted(f["code"] for f in data["findings"])


def severities(data):
    return {f["code"]: f["severity"] for f in data["findings"]}


def test_without_config(check):
    code, data, _ = check("a.txt")
    assert (code, codes(data)) == (1, ["GL001", "GL002", "GL005", "GL006"])


def test_config_ignore_and_select(check, project):
    (project / "glossary.toml").write_text('ignore = ["GL002", "separator-variant"]\n', encoding="utf-8")
    assert codes(check("a.txt")[1]) == ["GL001", "GL006"]
    # --ignore adds to the configuration's list
    assert codes(check("--ignore", "GL006", "a.txt")[1]) == ["GL001"]
    (project / "glossary.toml").write_text('select = ["GL001", "GL002"]\n', encoding="utf-8")
    assert codes(check("a.txt")[1]) == ["GL001", "GL002"]
    # --select replaces the configuration's selection
    assert codes(check("--select", "GL006", "a.txt")[1]) == ["GL006"]


def test_config_severity_changes_report_and_exit_code(check, project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "news"\n\n[tool.glossary.severity]\nGL001 = "info"\n'
        'separator-variant = "info"\npinyin-annotation = "info"\nGL002 = "error"\n', encoding="utf-8")
    code, data, _ = check("a.txt")
    assert severities(data) == {"GL001": "info", "GL002": "error", "GL005": "info", "GL006": "info"}
    assert code == 1
    code, data, _ = check("--ignore", "GL002", "a.txt")
    assert code == 0  # only infos left, below the default fail-on (warning)


def test_config_severity_applies_to_the_corpus_rule(check, project):
    (project / "b.txt").write_text("阿拉格齐说\n", encoding="utf-8")
    (project / "glossary.toml").write_text('[severity]\ninconsistent-forms = "info"\n', encoding="utf-8")
    _, data, _ = check("a.txt", "b.txt")
    assert severities(data)["GL007"] == "info"


def test_config_fail_on_and_cli_override(check, project):
    (project / "glossary.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert check("a.txt")[0] == 0
    assert check("--fail-on", "error", "a.txt")[0] == 1
    (project / "glossary.toml").write_text('fail-on = "error"\nignore = ["GL001"]\n', encoding="utf-8")
    assert check("a.txt")[0] == 0  # warnings and infos only
    assert check("--fail-on", "warning", "a.txt")[0] == 1


def test_config_include_and_exclude(check, project):
    (project / "texts" / "drafts").mkdir(parents=True)
    (project / "texts" / "a.txt").write_text(ALL_RULES_TEXT, encoding="utf-8")
    (project / "texts" / "drafts" / "b.txt").write_text(ALL_RULES_TEXT, encoding="utf-8")
    (project / "texts" / "c.rst").write_text(ALL_RULES_TEXT, encoding="utf-8")
    (project / "glossary.toml").write_text('exclude = ["texts/drafts/*"]\n', encoding="utf-8")
    assert [f["path"] for f in check("texts")[1]["files"]] == ["texts/a.txt"]
    assert [f["path"] for f in check("--exclude", "a.txt", "texts")[1]["files"]] == []
    (project / "glossary.toml").write_text('include = ["*.rst"]\n', encoding="utf-8")
    assert [f["path"] for f in check("texts")[1]["files"]] == ["texts/c.rst"]
    # --include replaces the configured patterns
    assert [f["path"] for f in check("--include", "*.txt", "texts")[1]["files"]] == [
        "texts/a.txt", "texts/drafts/b.txt"]


def test_config_found_from_a_subfolder(check, project):
    (project / "glossary.toml").write_text('ignore = ["GL0"]\n', encoding="utf-8")
    (project / "sub").mkdir()
    (project / "sub" / "x.txt").write_text(ALL_RULES_TEXT, encoding="utf-8")
    code, data, _ = check("x.txt", cwd=project / "sub")
    assert (code, data["findings"]) == (0, [])


@pytest.mark.parametrize("content, message", [
    ('fail-on = \n', "invalid TOML"),
    ('colour = "always"\n', "unknown setting 'colour'"),
    ('[severity]\nGL001 = "fatal"\n', "severity of GL001 must be one of"),
])
def test_bad_config_is_exit_2(check, project, content, message):
    (project / "glossary.toml").write_text(content, encoding="utf-8")
    code, data, err = check("a.txt")
    assert (code, data) == (2, None)
    assert err.startswith(f"glossary: error: {project / 'glossary.toml'}") and message in err
    assert err.count("\n") == 1


def test_config_traditional_interpunct(check, project):
    (project / "tw.txt").write_text("議長阿里‧拉里賈尼表示，這個國家們說。\n", encoding="utf-8")
    assert codes(check("tw.txt")[1]) == []  # by default, the document's own ‧ (Taiwan's)
    (project / "glossary.toml").write_text('traditional-interpunct = "·"\n', encoding="utf-8")
    assert codes(check("tw.txt")[1]) == ["GL005"]
    (project / "glossary.toml").write_text('traditional-interpunct = "‧"\n', encoding="utf-8")
    assert parse_config({"traditional-interpunct": "‧"}).traditional_interpunct == "‧"
    code, data, _ = check("tw.txt")
    assert (code, data["findings"]) == (0, [])
    (project / "tw.txt").write_text("議長阿里·拉里賈尼表示，這個國家們說。\n", encoding="utf-8")
    code, data, _ = check("tw.txt")
    assert [(f["code"], f["suggestion"]) for f in data["findings"]] == [("GL005", "阿里‧拉里賈尼")]



def test_config_traditional_region(check, project):
    (project / "hk.txt").write_text("特朗普表示，纽西兰這個國家們說\n", encoding="utf-8")
    _, data, _ = check("hk.txt")
    assert data["files"][0]["region"] == "hong-kong"  # read from its wording
    assert [f["suggestion"] for f in data["findings"] if f["code"] == "GL001"] == ["新西蘭"]
    (project / "glossary.toml").write_text('traditional-region = "taiwan"\n', encoding="utf-8")
    _, data, _ = check("hk.txt")
    assert data["files"][0]["region"] == "taiwan"
    assert [f["suggestion"] for f in data["findings"] if f["code"] == "GL001"] == ["紐西蘭"]
    assert [f["matched"] for f in data["findings"] if f["code"] == "GL008"] == ["特朗普"]
    _, data, _ = check("hk.txt", "--region", "hong-kong")  # the command line wins
    assert data["files"][0]["region"] == "hong-kong"
    code, data, err = check("hk.txt", "--region", "hk")
    assert (code, data) == (2, None)
    assert err.strip() == "glossary: error: --region must be auto, taiwan or hong-kong, not 'hk'"
