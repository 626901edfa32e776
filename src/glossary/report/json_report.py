"""The JSON report: a documented, stable shape (``"version": 1``).

::

    {"version": 1,
     "tool": {"name": "glossary", "version": "0.1.0"},
     "files": [{"path", "kind", "encoding", "newline", "script", "simplified_chars",
                "traditional_chars", "lines", "terms", "replaced", "region"}],
     "skipped": [{"path", "reason"}],
     "findings": [{"code", "rule", "severity", "path", "line", "column", "end_line",
                   "end_column", "message", "matched", "entry_id", "suggestion",
                   "fix": null | {"start", "end", "replacement"}, "extra"?}],
     "summary": {"findings", "by_severity", "by_rule", "by_entry", "fixable"},
     "usage"?: {entry id: {form as written: {path: count}}}}

``usage`` is there with ``--stats`` (:attr:`CheckOptions.stats`): every entry found, each
spelling it was written in, and how often in each file.

Lines and columns are 1-based; columns and fix offsets count Unicode code points.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import asdict
from json.encoder import encode_basestring as _string  # the C escaper json.dumps uses
from operator import attrgetter
from typing import TextIO

from glossary import __version__
from glossary.check import CheckResult
from glossary.findings import Finding

SCHEMA_VERSION = 1


def report_data(result: CheckResult, with_findings: bool = True) -> dict:
    """The report as plain data (``with_findings=False`` leaves the findings list out)."""
    findings = [f.to_dict() for f in result.findings] if with_findings else []

    def field(name: str):
        return map(attrgetter(name), result.findings)

    data = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "glossary", "version": __version__},
        "files": [asdict(f) for f in result.files],
        "skipped": [{"path": p, "reason": r} for p, r in result.skipped],
        "findings": findings,
        "summary": {
            "findings": len(result.findings),
            "by_severity": dict(sorted(Counter(field("severity")).items())),
            "by_rule": dict(sorted(Counter(field("code")).items())),
            "by_entry": dict(sorted(Counter(filter(None, field("entry_id"))).items())),
            "fixable": sum(map(bool, field("fix"))),
        },
    }
    if result.usage:
        data["usage"] = usage_data(result)
    if not with_findings:
        del data["findings"]
    return data


def usage_data(result: CheckResult) -> dict:
    """``--stats`` as plain data: entry id → spelling → path → count, sorted."""
    return {entry: {form: dict(sorted(files.items())) for form, files in sorted(forms.items())}
            for entry, forms in sorted(result.usage.items())}


def write_json(result: CheckResult, stream: TextIO) -> None:
    """Write the report as JSON to *stream*: indented, one finding per line, as it goes.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, far too slow for the
    hundreds of thousands of findings of a large corpus, and one string of the whole report
    would hold it all in memory twice; each finding is encoded by the C encoder and written.
    """
    data = report_data(result, with_findings=False)
    summary = data.pop("summary")
    usage = data.pop("usage", None)
    stream.write(json.dumps(data, ensure_ascii=False, indent=2)[:-2])
    stream.write(',\n  "findings": [')
    encode = _finding_encoder()
    findings = result.findings
    for first in range(0, len(findings), 1000):  # written a thousand findings at a time
        chunk = ",\n    ".join(map(encode, findings[first:first + 1000]))
        stream.write(("\n    " if first == 0 else ",\n    ") + chunk)
    stream.write("\n  ]," if result.findings else "],")
    stream.write(f'\n  "summary": {json.dumps(summary, ensure_ascii=False)}')
    if usage is not None:
        stream.write(f',\n  "usage": {json.dumps(usage, ensure_ascii=False)}')
    stream.write("\n}\n")


def _finding_encoder():
    """A function that encodes one finding exactly as ``json.dumps(f.to_dict(), ensure_ascii=False)``.

    Only the strings go through the C escaper; the rest is a fixed format. The leading fields
    (code, rule, severity, path) repeat from finding to finding, and so do the message,
    matched text, entry and suggestion (the same annotation or variant all over a corpus):
    their encodings are memoised.
    """
    heads: dict[tuple, str] = {}
    bodies: dict[tuple, str] = {}

    def optional(value) -> str:
        return "null" if value is None else _string(value)

    def encode(f: Finding) -> str:
        if type(f) is not Finding:
            return json.dumps(f.to_dict(), ensure_ascii=False)
        key = (f.code, f.rule, f.severity, f.path)
        head = heads.get(key)
        if head is None:
            head = heads[key] = (
                f'{{"code": {_string(f.code)}, "rule": {_string(f.rule)}, '
                f'"severity": {_string(f.severity)}, "path": {_string(f.path)}, "line": ')
        key = (f.message, f.matched, f.entry_id, f.suggestion)
        body = bodies.get(key)
        if body is None:
            if len(bodies) > 100_000:  # all different: stop keeping them
                bodies.clear()
            body = bodies[key] = (
                f', "message": {_string(f.message)}, "matched": {_string(f.matched)}, '
                f'"entry_id": {optional(f.entry_id)}, "suggestion": {optional(f.suggestion)}, '
                f'"fix": ')
        fix = f.fix
        tail = "null}" if fix is None else (
            f'{{"start": {fix.start}, "end": {fix.end}, '
            f'"replacement": {_string(fix.replacement)}}}}}')
        if f.extra:
            tail = tail[:-1] + ', "extra": ' + json.dumps(f.extra, ensure_ascii=False) + "}"
        return (f'{head}{f.line}, "column": {f.column}, "end_line": {f.end_line}, '
                f'"end_column": {f.end_column}{body}{tail}')

    return encode


def render_json(result: CheckResult) -> str:
    """The report as one JSON string (see :func:`write_json`)."""
    buffer = io.StringIO()
    write_json(result, buffer)
    return buffer.getvalue()
