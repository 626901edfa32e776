"""The JSON report: a documented, stable shape (``"version": 1``).

::

    {"version": 1,
     "tool": {"name": "glossary", "version": "0.1.0"},
     "files": [{"path", "kind", "encoding", "newline", "script", "simplified_chars",
                "traditional_chars", "lines", "terms"}],
     "skipped": [{"path", "reason"}],
     "findings": [{"code", "rule", "severity", "path", "line", "column", "end_line",
                   "end_column", "message", "matched", "entry_id", "suggestion",
                   "fix": null | {"start", "end", "replacement"}, "extra"?}],
     "summary": {"findings", "by_severity", "by_rule", "by_entry", "fixable"}}

Lines and columns are 1-based; columns and fix offsets count Unicode code points.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import asdict
from typing import TextIO

from glossary import __version__
from glossary.check import CheckResult

SCHEMA_VERSION = 1


def report_data(result: CheckResult, with_findings: bool = True) -> dict:
    """The report as plain data (``with_findings=False`` leaves the findings list out)."""
    findings = [f.to_dict() for f in result.findings] if with_findings else []
    data = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "glossary", "version": __version__},
        "files": [asdict(f) for f in result.files],
        "skipped": [{"path": p, "reason": r} for p, r in result.skipped],
        "findings": findings,
        "summary": {
            "findings": len(result.findings),
            "by_severity": dict(sorted(Counter(f.severity for f in result.findings).items())),
            "by_rule": dict(sorted(Counter(f.code for f in result.findings).items())),
            "by_entry": dict(sorted(Counter(f.entry_id for f in result.findings if f.entry_id).items())),
            "fixable": sum(1 for f in result.findings if f.fix),
        },
    }
    if not with_findings:
        del data["findings"]
    return data


def write_json(result: CheckResult, stream: TextIO) -> None:
    """Write the report as JSON to *stream*: indented, one finding per line, as it goes.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, far too slow for the
    hundreds of thousands of findings of a large corpus, and one string of the whole report
    would hold it all in memory twice; each finding is encoded by the C encoder and written.
    """
    data = report_data(result, with_findings=False)
    summary = data.pop("summary")
    stream.write(json.dumps(data, ensure_ascii=False, indent=2)[:-2])
    stream.write(',\n  "findings": [')
    for number, finding in enumerate(result.findings):
        stream.write(",\n    " if number else "\n    ")
        stream.write(json.dumps(finding.to_dict(), ensure_ascii=False))
    stream.write("\n  ]," if result.findings else "],")
    stream.write(f'\n  "summary": {json.dumps(summary, ensure_ascii=False)}\n}}\n')


def render_json(result: CheckResult) -> str:
    """The report as one JSON string (see :func:`write_json`)."""
    buffer = io.StringIO()
    write_json(result, buffer)
    return buffer.getvalue()
