"""Reporters: render a :class:`glossary.check.CheckResult` as text, JSON or SARIF.

``write_*`` stream a report to a text stream a piece at a time (what the command line uses);
``render_*`` return it as one string.
"""

from glossary.report.human import render_human, render_stats, write_human
from glossary.report.json_report import render_json, write_json
from glossary.report.sarif import render_sarif, write_sarif

FORMATS = ("human", "json", "sarif")

__all__ = ["FORMATS", "render_human", "render_json", "render_sarif", "render_stats",
           "write_human", "write_json", "write_sarif"]
