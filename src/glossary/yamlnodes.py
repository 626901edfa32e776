"""Glossary files as YAML nodes: entries with the lines they start and end on.

Kept apart from :mod:`glossary.store` so that a command that finds its glossary in the cache
never imports PyYAML (20-30 ms of start-up).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from glossary.errors import GlossaryError

try:  # the C parser is several times faster; the pure one gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader


def parse_entries(text: str, path: str | Path) -> list[tuple[Any, Any, dict[str, int]]]:
    """Parse a file's text into (node, plain data, field → line) per entry, in file order."""
    text = text.lstrip("\ufeff")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise GlossaryError(f"invalid YAML: {problem}; fix the syntax there", path, line) from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"invalid YAML: {exc}", path) from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise GlossaryError(
            "a glossary file must be a list of entries (each starting with '- id: ...')",
            path, root.start_mark.line + 1,
        )
    out = []
    for node in root.value:
        data = _plain(node, path)
        lines: dict[str, int] = {}
        if isinstance(node, yaml.MappingNode):
            lines = {k.value: k.start_mark.line + 1 for k, _ in node.value
                     if isinstance(k, yaml.ScalarNode)}
        out.append((node, data, lines))
    return out


def last_mark(node: Any) -> Any:
    """The end mark of the last piece of text that belongs to *node*.

    A block collection's own end mark sits at the next token, after any comments and blank lines
    that follow it; this goes down to its last scalar (or flow collection) instead.
    """
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node.end_mark


def end_line(node: Any) -> int:
    """The last line (1-based) that holds part of *node* (not the comments that follow it)."""
    mark = last_mark(node)
    start = node.start_mark.line
    # A block scalar's end mark sits at column 0 of the line after it.
    end = mark.line if mark.column == 0 and mark.line > start else mark.line + 1
    return max(end, start + 1)


_scalar_loader = yaml.SafeLoader("")


def _plain(node: Any, path: str | Path) -> Any:
    """Turn a YAML node into plain Python data, refusing duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _plain(key_node, path)
            if not isinstance(key, str):
                raise GlossaryError(f"field names must be text, not {key!r}", path,
                                    key_node.start_mark.line + 1)
            if key in out:
                raise GlossaryError(f"field {key!r} given twice in one entry", path,
                                    key_node.start_mark.line + 1)
            out[key] = _plain(value_node, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, path) for item in node.value]
    try:
        return _scalar_loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise GlossaryError(f"bad value: {exc}", path, node.start_mark.line + 1) from None
