"""Reporters: render a :class:`glossary.check.CheckResult` as text, JSON or SARIF."""

from glossary.report.human import render_human, render_stats
from glossary.report.json_report import render_json
from glossary.report.sarif import render_sarif

FORMATS = ("human", "json", "sarif")

__all__ = ["FORMATS", "render_human", "render_json", "render_sarif", "render_stats"]
