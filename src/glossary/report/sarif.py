"""SARIF 2.1.0 output, so code-scanning tools show the findings inline.

Columns count Unicode code points (``columnKind: unicodeCodePoints``); paths are relative to
the current folder (``uriBaseId: SRCROOT``); safe fixes are SARIF ``fixes`` with the
replaced region and the new text.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
from json.encoder import encode_basestring as _string  # the C escaper json.dumps uses
from pathlib import Path
from typing import TextIO
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
    # RFC 3986: %, space, #, ?, non-ASCII; a name that is not UTF-8 by its own bytes
    return quote(os.fsencode(Path(relative).as_posix()), safe="/")


def _region(f: Finding, line_text: str | None = None) -> dict:
    region = {"startLine": f.line, "startColumn": f.column,
              "endLine": f.end_line, "endColumn": max(f.end_column, f.column)}
    if f.matched:
        region["snippet"] = {"text": f.matched}
    return region


def _fingerprint(f: Finding) -> str:
    key = f"{f.code}\0{f.path}\0{f.entry_id}\0{f.matched}\0{f.line}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def render_sarif(result: CheckResult) -> str:
    """The SARIF log as one string (see :func:`write_sarif`)."""
    buffer = io.StringIO()
    write_sarif(result, buffer)
    return buffer.getvalue()


def write_sarif(result: CheckResult, stream: TextIO) -> None:
    """Write the SARIF log to *stream*, compact, one result at a time.

    The log around the results is one small document; the results are encoded and written
    a thousand at a time, so a large corpus never holds its whole report in memory twice.
    """
    rules = list(ALL_RULES)
    index = {rule.code: i for i, rule in enumerate(rules)}
    uri = functools.lru_cache(maxsize=None)(_uri)
    artifacts = [
        {"location": {"uri": uri(f.path), "uriBaseId": "SRCROOT"},
         **({"encoding": f.encoding} if f.kind == "text" else {}),
         "properties": {"script": f.script, "simplifiedChars": f.simplified_chars,
                        "traditionalChars": f.traditional_chars, "terms": f.terms}}
        for f in result.files
    ]
    artifact_index = {f.path: i for i, f in enumerate(result.files)}
    locations: dict[str, dict] = {}

    def location_of(path: str) -> dict:
        location = locations.get(path)
        if location is None:
            location = locations[path] = {"uri": uri(path), "uriBaseId": "SRCROOT"}
            if path in artifact_index:
                location["index"] = artifact_index[path]
        return location

    heads: dict[tuple, str] = {}
    fix_places: dict[str, str] = {}

    def encode(f: Finding) -> str:
        # Written as a template (strings through the C escaper), byte for byte what
        # json.dumps of the result object gives: the encoder costs 20 us per nested result.
        key = (f.code, f.severity, f.path)
        head = heads.get(key)
        if head is None:
            head = heads[key] = (
                f'{{"ruleId":{_string(f.code)},"ruleIndex":{index[f.code]},'
                f'"level":{_string(LEVELS[f.severity])},"message":{{"text":')
            place = _dumps(location_of(f.path))
            heads[key + (None,)] = f'"locations":[{{"physicalLocation":{{"artifactLocation":{place},'
        place = heads[key + (None,)]
        region = (f'"region":{{"startLine":{f.line},"startColumn":{f.column},'
                  f'"endLine":{f.end_line},"endColumn":{max(f.end_column, f.column)}')
        if f.matched:
            region += f',"snippet":{{"text":{_string(f.matched)}}}'
        properties = ",".join(f'"{name}":{_string(value)}' for name, value in (
            ("entryId", f.entry_id), ("rule", f.rule), ("suggestion", f.suggestion))
            if value is not None)
        text = (f'{head}{_string(f.text())}}},{place}{region}}}}}}}],'
                f'"partialFingerprints":{{"glossaryFinding/v1":"{_fingerprint(f)}"}},'
                f'"properties":{{{properties}}}')
        fix = f.fix
        if fix is None:
            return text + "}"
        where = fix_places.get(f.path)
        if where is None:
            where = fix_places[f.path] = _dumps({"uri": uri(f.path), "uriBaseId": "SRCROOT"})
        described = "remove it" if fix.replacement == "" else f"write `{fix.replacement}`"
        return (f'{text},"fixes":[{{"description":{{"text":{_string(described)}}},'
                f'"artifactChanges":[{{"artifactLocation":{where},"replacements":[{{'
                f'"deletedRegion":{{"startLine":{f.line},"startColumn":{f.column},'
                f'"endLine":{f.end_line},"endColumn":{f.end_column}}},'
                f'"insertedContent":{{"text":{_string(fix.replacement)}}}}}]}}]}}]}}')

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
            "results": [],
        }],
    }
    if result.usage:  # --stats: every entry found, its spellings, their counts per file
        from glossary.report.json_report import usage_data

        log["runs"][0]["properties"] = {"usage": usage_data(result)}
    head, tail = _dumps(log).rsplit('"results":[]', 1)
    stream.write(head + '"results":[')
    findings = result.findings
    for first in range(0, len(findings), 1000):
        stream.write(("," if first else "") + ",".join(map(encode, findings[first:first + 1000])))
    stream.write("]" + tail + "\n")


def _dumps(data) -> str:
    # Compact: the C encoder; with indent= json falls back to its far slower Python encoder.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
