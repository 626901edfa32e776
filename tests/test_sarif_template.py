"""The SARIF results are written from a template: they must equal the plain object encoding.

The reference below builds each result as a dictionary, as the SARIF 2.1.0 schema describes
it; the written log must parse to exactly that, for findings with every optional part present
or absent and with characters that JSON must escape.
"""

from __future__ import annotations

import json

import pytest

from glossary.check import CheckResult, FileReport
from glossary.findings import Finding, Fix
from glossary.report.sarif import LEVELS, _fingerprint, _uri, render_sarif, write_sarif
from glossary.rules import ALL_RULES


def reference(f: Finding, artifact_index: dict[str, int]) -> dict:
    location = {"uri": _uri(f.path), "uriBaseId": "SRCROOT"}
    if f.path in artifact_index:
        location["index"] = artifact_index[f.path]
    region = {"startLine": f.line, "startColumn": f.column,
              "endLine": f.end_line, "endColumn": max(f.end_column, f.column)}
    if f.matched:
        region["snippet"] = {"text": f.matched}
    item = {
        "ruleId": f.code,
        "ruleIndex": [r.code for r in ALL_RULES].index(f.code),
        "level": LEVELS[f.severity],
        "message": {"text": f.text()},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {"glossaryFinding/v1": _fingerprint(f)},
        "properties": {k: v for k, v in {"entryId": f.entry_id, "rule": f.rule,
                                         "suggestion": f.suggestion}.items() if v is not None},
    }
    if f.fix is not None:
        item["fixes"] = [{
            "description": {"text": "remove it" if f.fix.replacement == ""
                            else f"write `{f.fix.replacement}`"},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "SRCROOT"},
                "replacements": [{
                    "deletedRegion": {"startLine": f.line, "startColumn": f.column,
                                      "endLine": f.end_line, "endColumn": f.end_column},
                    "insertedContent": {"text": f.fix.replacement},
                }],
            }],
        }]
    return item


FINDINGS = [
    Finding("GL001", "forbidden-form", "error", "a.txt", 1, 3, 1, 7, "`阿拉格奇` is forbidden",
            "阿拉格奇", "abbas-araghchi", "阿拉格齐", Fix(2, 6, "阿拉格齐")),
    Finding("GL006", "pinyin-annotation", "warning", "a.txt", 2, 2, 2, 8,
            "pinyin annotation `(zhàn)` after `戰`", "(zhàn)", None, "", Fix(9, 15, "")),
    Finding("GL004", "mixed-script", "warning", "dir with space/b#1.txt", 1, 1, 1, 1,
            'a "quoted"\tmessage\\ with \n controls \x01 and \u2028', "", None, None, None),
    Finding("GL002", "variant-form", "info", "c/文件.txt", 3, 5, 4, 2, "spans lines",
            "拉里\n贾尼", "ali-larijani", "阿里·拉里贾尼", None, {"forms": {"x": 1}}),
    Finding("GL005", "separator-variant", "warning", "not-an-artifact.txt", 9, 9, 9, 12, "m",
            "a\"b", "e", 'say "x"', Fix(0, 3, 'say "x"\\')),
]


@pytest.fixture
def result():
    files = [FileReport(p, "utf-8", "\n", "simplified", 1, 0, 3, 1)
             for p in ("a.txt", "dir with space/b#1.txt", "c/文件.txt")]
    return CheckResult(findings=list(FINDINGS), files=files)


def test_results_equal_the_reference_encoding(result):
    log = json.loads(render_sarif(result))
    index = {f.path: i for i, f in enumerate(result.files)}
    assert log["runs"][0]["results"] == [reference(f, index) for f in FINDINGS]


def test_many_results_are_written_in_chunks_and_stay_valid_json(result, tmp_path):
    result.findings = FINDINGS * 700  # more than one chunk of a thousand
    path = tmp_path / "out.sarif"
    with open(path, "w", encoding="utf-8") as stream:
        write_sarif(result, stream)
    text = path.read_text(encoding="utf-8")
    assert text == render_sarif(result) and text.endswith("}\n")
    assert len(json.loads(text)["runs"][0]["results"]) == 3500


def test_no_findings(result):
    result.findings = []
    assert json.loads(render_sarif(result))["runs"][0]["results"] == []
