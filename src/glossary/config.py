"""Project configuration: a ``[tool.glossary]`` table in pyproject.toml, or ``glossary.toml``.

Example (pyproject.toml)::

    [tool.glossary]
    ignore = ["GL002"]            # rule codes, code prefixes or rule names
    fail-on = "warning"           # error, warning, info or never
    exclude = ["drafts/*"]
    jobs = 0                      # worker processes for large runs; 0: one per core
    traditional-region = "auto"   # whose forms traditional texts write: auto, taiwan, hong-kong

    [tool.glossary.severity]
    GL007 = "error"
    pinyin-annotation = "info"

    [tool.glossary.languages]
    source = "zh-CN"
    traditional = "zh-TW"
    target = "en-US"

``glossary.toml`` holds the same keys at its top level. The nearest file in the current
folder or its parents wins.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.errors import GlossaryError
from glossary.findings import SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_ON = (*SEVERITIES, "never")
KNOWN_KEYS = {"select", "ignore", "fail-on", "severity", "include", "exclude", "languages",
              "traditional-interpunct", "traditional-region", "glossary", "tm", "exports", "jobs"}


@dataclass
class Config:
    """Settings read from the project's configuration file (all optional)."""

    path: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    languages: dict[str, str] = field(default_factory=dict)
    traditional_interpunct: str | None = None  # house style for names in traditional documents
    traditional_region: str | None = None  # auto, taiwan or hong-kong (check.CheckOptions)
    jobs: int | None = None  # worker processes for a large check; 0: one per core
    values: dict[str, Any] = field(default_factory=dict)


def find_config_file(start: str | Path | None = None) -> tuple[Path, bool] | None:
    """The nearest ``glossary.toml`` or pyproject.toml with ``[tool.glossary]``, and which."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dedicated = folder / "glossary.toml"
        if dedicated.is_file():
            return dedicated, True
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.glossary" in pyproject.read_bytes():
            return pyproject, False
    return None


def load_config(start: str | Path | None = None) -> Config:
    """Read the project configuration (an empty :class:`Config` when there is none)."""
    found = find_config_file(start)
    if found is None:
        return Config()
    path, dedicated = found
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise GlossaryError(f"invalid TOML: {exc.args[0] if exc.args else exc}", path, line) from None
    table = data if dedicated else data.get("tool", {}).get("glossary", {})
    return parse_config(table, str(path))


def parse_config(table: dict[str, Any], path: str = "<config>") -> Config:
    """Validate a configuration table."""
    if not isinstance(table, dict):
        raise GlossaryError("[tool.glossary] must be a table", path)
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise GlossaryError(
            f"unknown setting {unknown[0]!r}; known: {', '.join(sorted(KNOWN_KEYS))}", path)
    config = Config(path=path, values=table)
    for key in ("select", "ignore", "include", "exclude"):
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise GlossaryError(f"setting {key!r} must be a list of strings", path)
        setattr(config, key, value)
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise GlossaryError("setting 'severity' must be a table of rule = severity", path)
    from glossary.rules import resolve_selector

    for rule, level in severity.items():
        if level not in SEVERITIES:
            raise GlossaryError(
                f"severity of {rule} must be one of {', '.join(SEVERITIES)}, not {level!r}", path)
        for code in resolve_selector(rule, path):
            config.severity[code] = level
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise GlossaryError(f"fail-on must be one of {', '.join(FAIL_ON)}", path)
    config.fail_on = fail_on
    languages = table.get("languages", {})
    if not isinstance(languages, dict) or not all(isinstance(v, str) for v in languages.values()):
        raise GlossaryError("setting 'languages' must be a table of strings", path)
    config.languages = dict(languages)
    jobs = table.get("jobs")
    if jobs is not None and (type(jobs) is not int or jobs < 0):
        raise GlossaryError(f"jobs must be a whole number, 0 or more (0: one per core), not {jobs!r}", path)
    config.jobs = jobs
    interpunct = table.get("traditional-interpunct")
    if interpunct is not None:
        from glossary.normalize import INTERPUNCT, INTERPUNCT_VARIANTS

        if not isinstance(interpunct, str) or len(interpunct) != 1 \
                or interpunct not in INTERPUNCT + INTERPUNCT_VARIANTS:
            raise GlossaryError("traditional-interpunct must be one of "
                                f"{' '.join(INTERPUNCT + INTERPUNCT_VARIANTS)}, "
                                f"not {interpunct!r}", path)
        config.traditional_interpunct = interpunct
    region = table.get("traditional-region")
    if region is not None:
        from glossary.scripts import region_setting

        region_setting(region, "traditional-region", path)
        config.traditional_region = region
    return config
