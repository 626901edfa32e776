"""SARIF 2.1.0 output, so code-scanning tools show the findings inline.

Columns count Unicode code points (``columnKind: unicodeCodePoints``); paths are relative to
the current folder (``uriBaseId: SRCROOT``); safe fixes are SARIF ``fixes`` with the
replaced region and the new text.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import quote

from glossary import __version__
from glossary.check import CheckResult
from glossary.findings import Finding
from glossary.rules import ALL_RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/glossary-tool/glossary#rules"


def _uri(path: str) -> str:
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return quote(Path(relative).as_posix(), safe="/")  # RFC 3986: %, space, #, ?, non-ASCII


def _region(f: Finding, line_text: str | None = None) -> dict:
    region = {"startLine": f.line, "startColumn": f.column,
              "endLine": f.end_line, "endColumn": max(f.end_column, f.column)}
    if f.matched:
        region["snippet"] = {"text": f.matched}
    return region


def _fingerprint(f: Finding) -> str:
    key = f"{f.code}\0{f.path}\0{f.entry_id}\0{f.matched}\0{f.line}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def render_sarif(result: CheckResult) -> str:
    rules = list(ALL_RULES)
    index = {rule.code: i for i, rule in enumerate(rules)}
    artifacts = [
        {"location": {"uri": _uri(f.path), "uriBaseId": "SRCROOT"},
         **({"encoding": f.encoding} if f.kind == "text" else {}),
         "properties": {"script": f.script, "simplifiedChars": f.simplified_chars,
                        "traditionalChars": f.traditional_chars, "terms": f.terms}}
        for f in result.files
    ]
    artifact_index = {f.path: i for i, f in enumerate(result.files)}
    results = []
    for f in result.findings:
        location = {"uri": _uri(f.path), "uriBaseId": "SRCROOT"}
        if f.path in artifact_index:
            location["index"] = artifact_index[f.path]
        item = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.severity],
            "message": {"text": f.text()},
            "locations": [{"physicalLocation": {"artifactLocation": location,
                                                "region": _region(f)}}],
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
        results.append(item)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "glossary",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [{
                    "id": rule.code,
                    "name": rule.name,
                    "shortDescription": {"text": rule.summary.split(". ")[0].rstrip(".") + "."},
                    "fullDescription": {"text": rule.summary},
                    "help": {"text": f"{rule.summary}\nExample: {rule.example}"},
                    "defaultConfiguration": {"level": LEVELS[rule.severity]},
                    "properties": {"fixable": rule.fixable, "scope": rule.scope},
                } for rule in rules],
            }},
            "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    }
    # Compact: the C encoder; with indent= json falls back to its far slower Python encoder.
    return json.dumps(log, ensure_ascii=False, separators=(",", ":")) + "\n"
