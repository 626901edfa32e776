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

import json
from collections import Counter
from dataclasses import asdict

from glossary import __version__
from glossary.check import CheckResult

SCHEMA_VERSION = 1


def report_data(result: CheckResult) -> dict:
    findings = [f.to_dict() for f in result.findings]
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "glossary", "version": __version__},
        "files": [asdict(f) for f in result.files],
        "skipped": [{"path": p, "reason": r} for p, r in result.skipped],
        "findings": findings,
        "summary": {
            "findings": len(findings),
            "by_severity": dict(sorted(Counter(f.severity for f in result.findings).items())),
            "by_rule": dict(sorted(Counter(f.code for f in result.findings).items())),
            "by_entry": dict(sorted(Counter(f.entry_id for f in result.findings if f.entry_id).items())),
            "fixable": sum(1 for f in result.findings if f.fix),
        },
    }


def render_json(result: CheckResult) -> str:
    """The report as JSON: indented, with one finding per line.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, which is far too slow for
    the hundreds of thousands of findings of a large corpus; each finding is encoded compactly
    by the C encoder and the outer structure is laid out by hand.
    """
    data = report_data(result)
    findings = data.pop("findings")
    summary = data.pop("summary")
    head = json.dumps(data, ensure_ascii=False, indent=2)[:-2]
    body = ",\n    ".join(json.dumps(f, ensure_ascii=False) for f in findings)
    return (f"{head},\n  \"findings\": [" + (f"\n    {body}\n  " if findings else "") + "],\n"
            f"  \"summary\": {json.dumps(summary, ensure_ascii=False)}\n}}\n")
