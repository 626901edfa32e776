"""The reporters: the documented JSON shape, SARIF 2.1.0 (schema-valid) and the human report."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from jsonschema import Draft202012Validator

from glossary import __version__
from glossary.check import CheckOptions, check_paths
from glossary.reader import read_text
from glossary.report import render_human, render_json, render_sarif, render_stats
from glossary.textwidth import display_width as width
from glossary.store import load_glossary

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "check"
SARIF_SCHEMA = HERE / "schemas" / "sarif" / "sarif-2.1.0.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "glossary")


@pytest.fixture(scope="module")
def sarif_validator():
    return Draft202012Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def write(path: Path, text: str, encoding: str = "utf-8") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return str(path.relative_to(Path.cwd())) if path.is_absolute() else str(path)


def line_of(path: str, line: int) -> str:
    rows = read_text(path).text.split("\n")
    return rows[line - 1].rstrip("\r") if 0 < line <= len(rows) else ""


@pytest.fixture
def result(glossary, tmp_path):
    """Two files with findings of every document rule and GL007, one clean GB18030 file, one skipped."""
    write(tmp_path / "a.txt", "伊朗外长阿拉格奇表示，\n议长阿里•拉里贾尼和拉里贾尼说天(tiān)气很好。\n")
    write(tmp_path / "b.txt", "這個國家說阿拉格齐，这个国家说。\r\n內坦亞胡")
    write(tmp_path / "c.txt", "伊朗外长阿拉格齐说，内塔尼亚胡说。\n", "gb18030")
    (tmp_path / "d.txt").write_bytes(b"\x00\x01binary")
    return check_paths(glossary, ["a.txt", "b.txt", "c.txt", "d.txt"], CheckOptions(stats=True))


# --- JSON -------------------------------------------------------------------------------------


FINDING_KEYS = {"code", "rule", "severity", "path", "line", "column", "end_line", "end_column",
                "message", "matched", "entry_id", "suggestion", "fix"}
FILE_KEYS = {"path", "kind", "encoding", "newline", "script", "simplified_chars", "traditional_chars",
             "lines", "terms", "replaced", "region"}


def test_json_documented_shape(result):
    data = json.loads(render_json(result))
    # "usage": the fixture's check counts every entry's forms, as --stats does
    assert set(data) == {"version", "tool", "files", "skipped", "findings", "summary", "usage"}
    assert data["version"] == 1
    assert data["tool"] == {"name": "glossary", "version": __version__}
    assert [f["path"] for f in data["files"]] == ["a.txt", "b.txt", "c.txt"]
    for f in data["files"]:
        assert set(f) == FILE_KEYS
        assert f["kind"] == "text" and f["newline"] in ("\n", "\r\n")
        assert isinstance(f["lines"], int) and isinstance(f["terms"], int)
    files = {f["path"]: f for f in data["files"]}
    assert files["c.txt"]["encoding"] == "gb18030"
    assert files["b.txt"]["newline"] == "\r\n" and files["b.txt"]["lines"] == 2
    assert files["a.txt"]["script"] == "simplified" and files["a.txt"]["terms"] == 4
    assert data["skipped"] == [{"path": "d.txt", "reason": "binary file (NUL bytes), skipped"}]
    for f in data["findings"]:
        assert FINDING_KEYS <= set(f) <= FINDING_KEYS | {"extra"}
        assert f["severity"] in ("error", "warning", "info")
        assert f["line"] >= 1 and f["column"] >= 1
        assert f["fix"] is None or set(f["fix"]) == {"start", "end", "replacement"}
    summary = data["summary"]
    assert summary["findings"] == len(data["findings"])
    assert sum(summary["by_severity"].values()) == len(data["findings"])
    assert sum(summary["by_rule"].values()) == len(data["findings"])
    assert summary["fixable"] == sum(1 for f in data["findings"] if f["fix"])
    assert summary["by_entry"]["abbas-araghchi"] >= 1


def test_json_finding_values(result):
    data = json.loads(render_json(result))
    gl001 = next(f for f in data["findings"] if f["code"] == "GL001")
    assert gl001 == {
        "code": "GL001", "rule": "forbidden-form", "severity": "error", "path": "a.txt",
        "line": 1, "column": 5, "end_line": 1, "end_column": 9,
        "message": "`阿拉格奇` is forbidden for abbas-araghchi (non-standard transliteration)",
        "matched": "阿拉格奇", "entry_id": "abbas-araghchi", "suggestion": "阿拉格齐",
        "fix": {"start": 4, "end": 8, "replacement": "阿拉格齐"},
    }
    gl007 = [f for f in data["findings"] if f["code"] == "GL007"]
    assert gl007 and all("forms" in f["extra"] for f in gl007)
    assert "阿拉格奇" in render_json(result)  # ensure_ascii=False keeps Chinese readable


def test_json_with_no_findings(glossary, tmp_path):
    write(tmp_path / "ok.txt", "")
    data = json.loads(render_json(check_paths(glossary, ["ok.txt"])))
    assert data["findings"] == [] and data["summary"] == {
        "findings": 0, "by_severity": {}, "by_rule": {}, "by_entry": {}, "fixable": 0}
    assert data["files"][0]["lines"] == 0 and data["files"][0]["terms"] == 0


# --- SARIF ------------------------------------------------------------------------------------


def test_sarif_is_valid(result, sarif_validator):
    log = json.loads(render_sarif(result))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert errors == [], [e.message for e in errors[:5]]
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "glossary"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {f"GL00{i}" for i in range(1, 8)}
    assert len(run["results"]) == len(result.findings)
    assert any("fixes" in r for r in run["results"])
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["a.txt", "b.txt", "c.txt"]
    assert run["artifacts"][2]["encoding"] == "gb18030"


def test_sarif_results_mirror_findings(result):
    run = json.loads(render_sarif(result))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for finding, item in zip(result.findings, run["results"]):
        assert item["ruleId"] == finding.code
        assert rules[item["ruleIndex"]]["id"] == finding.code
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        region = item["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding.line, finding.column, finding.end_line, max(finding.end_column, finding.column))
        if finding.fix is not None:
            (change,) = item["fixes"][0]["artifactChanges"]
            (replacement,) = change["replacements"]
            assert replacement["insertedContent"]["text"] == finding.fix.replacement
            deleted = replacement["deletedRegion"]
            assert (deleted["startLine"], deleted["startColumn"], deleted["endColumn"]) == (
                finding.line, finding.column, finding.end_column)
        else:
            assert "fixes" not in item
    gl001 = next(r for r in run["results"] if r["ruleId"] == "GL001")
    assert gl001["properties"] == {"entryId": "abbas-araghchi", "rule": "forbidden-form", "suggestion": "阿拉格齐"}
    assert gl001["locations"][0]["physicalLocation"]["region"]["snippet"] == {"text": "阿拉格奇"}
    gl006 = next(r for r in run["results"] if r["ruleId"] == "GL006")
    assert gl006["fixes"][0]["description"]["text"] == "remove it"


def test_sarif_zero_width_region_is_valid(glossary, tmp_path, sarif_validator):
    write(tmp_path / "mixed.txt", "这个国家说。這個國家說。")
    log = json.loads(render_sarif(check_paths(glossary, ["mixed.txt"])))
    assert list(sarif_validator.iter_errors(log)) == []
    (item,) = log["runs"][0]["results"]
    assert item["ruleId"] == "GL004"
    region = item["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (1, 1) and "snippet" not in region


@pytest.mark.parametrize("name", ["新闻 稿/今日%.txt", "drafts/a#1?.txt", "a[1].md"])
def test_sarif_uris_are_relative_and_escaped(glossary, tmp_path, sarif_validator, name):
    write(tmp_path / name, "阿拉格奇")
    absolute = str(tmp_path / name)
    log = json.loads(render_sarif(check_paths(glossary, [absolute])))
    assert list(sarif_validator.iter_errors(log)) == []
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    uri = location.pop("uri")
    assert location == {"uriBaseId": "SRCROOT", "index": 0}
    # a relative URI reference (RFC 3986): nothing that would end the path or need escaping
    assert re.fullmatch(r"[A-Za-z0-9\-._~/%!$&'()*+,;=:@]+", uri), uri
    assert unquote(uri) == name
    assert log["runs"][0]["artifacts"][0]["location"]["uri"] == uri
    assert log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.as_uri() + "/"


def test_sarif_without_findings_is_valid(glossary, tmp_path, sarif_validator):
    write(tmp_path / "ok.txt", "阿拉格齐")
    log = json.loads(render_sarif(check_paths(glossary, ["ok.txt"])))
    assert list(sarif_validator.iter_errors(log)) == []
    assert log["runs"][0]["results"] == []


def test_sarif_fingerprints_are_stable_and_distinct(result):
    first = json.loads(render_sarif(result))["runs"][0]["results"]
    second = json.loads(render_sarif(result))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["glossaryFinding/v1"] for r in first]
    assert prints == [r["partialFingerprints"]["glossaryFinding/v1"] for r in second]
    assert len(set(prints)) == len(prints)


# --- human ------------------------------------------------------------------------------------


LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<code>GL\d{3}) "
                  r"(?P<severity>error|warning|info): (?P<message>.+)$")


def test_human_lines(result):
    text = render_human(result, line_of)
    assert not ANSI.search(text)
    rows = [m.groupdict() for m in map(LINE.match, text.splitlines()) if m]
    assert len(rows) == len(result.findings)
    first = rows[0]
    assert (first["path"], first["line"], first["col"], first["code"], first["severity"]) == (
        "a.txt", "1", "5", "GL001", "error")
    assert first["message"] == ("`阿拉格奇` is forbidden for abbas-araghchi (non-standard transliteration) "
                                "(suggestion: `阿拉格齐`) [fixable]")
    assert "a.txt  (simplified script, utf-8)" in text
    annotation = next(r for r in rows if r["code"] == "GL006")
    assert annotation["message"].endswith("(remove it) [fixable]")
    variant = next(r for r in rows if r["code"] == "GL002")
    assert "(suggestion: `阿里·拉里贾尼`)" in variant["message"] and "[fixable]" not in variant["message"]


def _excerpt_after(text: str, header: str) -> tuple[str, str]:
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(header))
    return lines[i + 1], lines[i + 2]


def test_human_caret_is_width_aware(result):
    text = render_human(result, line_of)
    source, marker = _excerpt_after(text, "a.txt:2:11: GL002")
    assert source == "    2 | 议长阿里•拉里贾尼和拉里贾尼说天(tiān)气很好。"
    gutter = "    2 | "
    before = "议长阿里•拉里贾尼和"
    assert marker == " " * (len(gutter) - 2) + "| " + " " * width(before) + "^" * 8
    # the caret sits under the term on a terminal: CJK characters are two columns wide
    assert width(before) == 19  # • is narrow
    source, marker = _excerpt_after(text, "a.txt:2:17: GL006")
    assert marker.endswith(" " * width("议长阿里•拉里贾尼和拉里贾尼说天") + "^^^^^^")


def test_human_excerpt_of_a_long_line(glossary, tmp_path):
    write(tmp_path / "long.txt", "天" * 60 + "阿拉格奇" + "气" * 60 + "\n")
    result = check_paths(glossary, ["long.txt"])
    source, marker = _excerpt_after(render_human(result, line_of), "long.txt:1:61: GL001")
    assert source == "    1 | …" + "天" * 24 + "阿拉格奇" + "气" * 24 + "…"
    assert marker == "      | " + " " * (1 + 48) + "^" * 8


def test_human_no_excerpt_for_document_level_findings(glossary, tmp_path):
    write(tmp_path / "mixed.txt", "这个国家说。這個國家說。")
    text = render_human(check_paths(glossary, ["mixed.txt"]), line_of)
    assert "mixed.txt:1:1: GL004 warning: document mixes simplified" in text
    assert "    1 | " not in text


def test_human_summary(result):
    text = render_human(result, line_of)
    assert "d.txt: skipped: binary file (NUL bytes), skipped" in text
    severities = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    assert f"Found {len(result.findings)} findings in 3 files: " in text
    assert f"{severities['error']} error" in text
    fixable = sum(1 for f in result.findings if f.fix)
    assert f"{fixable} fixable with --fix." in text
    by_rule = text.split("By rule:\n")[1].split("By entry:\n")[0]
    assert re.search(r"^  GL001 forbidden-form\s+1$", by_rule, re.M)
    assert re.search(r"^  GL007 inconsistent-forms\s+\d+$", by_rule, re.M)
    by_entry = text.split("By entry:\n")[1]
    assert re.search(r"^  abbas-araghchi\s+\d+$", by_entry, re.M)
    assert re.search(r"^  ali-larijani\s+2$", by_entry, re.M)


def test_human_without_findings(glossary, tmp_path):
    write(tmp_path / "ok.txt", "阿拉格齐")
    result = check_paths(glossary, ["ok.txt"])
    assert render_human(result, line_of) == "No findings in 1 file.\n"
    verbose = render_human(result, line_of, verbose=True)
    assert "ok.txt  (simplified script, utf-8): 1 term, no findings" in verbose


def test_human_colour(result):
    plain = render_human(result, line_of, colour=False)
    coloured = render_human(result, line_of, colour=True)
    assert not ANSI.search(plain)
    assert "\x1b[31merror\x1b[0m" in coloured and "\x1b[35mGL001\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == plain


def test_stats_table(result):
    text = render_stats(result)
    lines = text.splitlines()
    assert lines[0] == "Files: #1 a.txt  #2 b.txt  #3 c.txt"
    header = lines[2]
    assert header.split() == ["entry", "form", "total", "#1", "#2", "#3"]
    rows = [line.split() for line in lines[3:] if line and not line.endswith("occurrences.")]
    assert ["abbas-araghchi", "阿拉格奇", "1", "1"] in rows
    assert ["ali-larijani", "拉里贾尼", "1", "1"] in rows
    assert ["iran", "伊朗", "2", "1", "1"] in rows
    # columns line up on a terminal: every cell of the "total" column starts at the same width
    starts = {width(re.match(r"\S+\s+\S+\s+", line).group()) for line in lines[2:-2]}
    assert len(starts) == 1
    assert lines[-1].endswith("occurrences.") and lines[-1].startswith(f"{len(result.usage)} entries found, ")


def test_findings_pickle_and_copy(result):
    """Findings are plain data: they survive pickling (other processes) and deep copies."""
    import copy
    import pickle

    from glossary.findings import NO_EXTRA

    assert pickle.loads(pickle.dumps(result.findings)) == result.findings
    plain = [f for f in result.findings if not f.extra]
    assert plain and all(pickle.loads(pickle.dumps(f)).extra is NO_EXTRA for f in plain)
    assert copy.deepcopy(result.findings) == result.findings
