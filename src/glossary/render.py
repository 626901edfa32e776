"""Render glossary entries as YAML text in the layout of the glossary files.

The layout is fixed so that a rendered entry looks like a hand-written one::

    - id: abbas-araghchi
      zh: 阿拉格齐
      en: Abbas Araghchi
      type: person
      status: approved
      variants: [阿巴斯·阿拉格齐]
      forbidden:
        - form: 阿拉格奇
          reason: non-standard transliteration
      en_variants: [Araghchi]
      note: Iran's foreign minister.

Fields come in :data:`glossary.model.FIELD_ORDER`, empty optional fields are left out, lists of
strings are flow lists, forbidden forms a block list of ``form``/``reason`` mappings. Scalars are
written by PyYAML's emitter, so they are quoted exactly when YAML needs it (``: ``, ``#``, leading
``*``/``&``/quotes, words like ``yes`` or ``null``, numbers); values with line breaks are written
double-quoted with ``\\n`` escapes so that every field stays on one line.

Only text is produced here; :mod:`glossary.edit` splices it into files.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from glossary.model import FIELD_ORDER, Entry, Forbidden

INDENT = 2
_LINE_BREAKS = "\r\n\x85\u2028\u2029"
_WIDTH = float("inf")  # never fold long lines
_RISKY_COLON = re.compile(r":(?![A-Za-z0-9/])")  # "a:b" and "https://" are plain in a flow list


def _style(value: str) -> str | None:
    # Double quotes keep a value with line breaks on one line ("a\nb"); otherwise let the
    # emitter pick plain or single-quoted style.
    return '"' if any(c in value for c in _LINE_BREAKS) else None


def scalar(value: str) -> str:
    """*value* as a YAML scalar in block context (a mapping value), on one line."""
    text = yaml.safe_dump(value, allow_unicode=True, width=_WIDTH, default_style=_style(value))
    if text.endswith("\n...\n"):
        text = text[: -len("\n...\n")]
    elif text.endswith("\n"):
        text = text[:-1]
    if "\n" in text:  # pragma: no cover - the emitter never breaks with infinite width
        text = yaml.safe_dump(value, allow_unicode=True, width=_WIDTH, default_style='"')[:-1]
    return text


def flow_item(value: str) -> str:
    """*value* as an item of a flow list (``[a, b]``): flow indicators ``,[]{}`` are quoted too.

    A value that is plain in block context and has no flow indicator stays plain, so that
    ``[https://example.org/a?b]`` is not quoted (PyYAML's emitter quotes any ``:`` or ``?`` in
    a flow list; the parser reads them fine when not followed by a space).
    """
    if scalar(value) == value and value[:1] not in ("?", ":", "-") \
            and not any(c in value for c in ",[]{}") and not _RISKY_COLON.search(value):
        return value
    text = yaml.safe_dump([value], allow_unicode=True, width=_WIDTH, default_flow_style=True,
                          default_style=_style(value))
    return text.rstrip("\n")[1:-1]


def flow_list(values: tuple[str, ...] | list[str]) -> str:
    """A list of strings as a one-line flow list: ``[a, 'b: c', "d\\ne"]``."""
    return "[" + ", ".join(flow_item(v) for v in values) + "]"


def field_lines(name: str, value: Any, indent: int = INDENT) -> list[str]:
    """The lines (without line ends) of one field *name* of an entry, keys at column *indent*.

    *value* is the entry's attribute value (a string, a tuple of strings or of
    :class:`~glossary.model.Forbidden`); an empty value gives no lines.
    """
    pad = " " * indent
    if value in (None, "", ()):
        return []
    if name == "forbidden":
        lines = [f"{pad}forbidden:"]
        item_pad = " " * (indent + INDENT)
        for item in value:
            item = item if isinstance(item, Forbidden) else Forbidden(str(item))
            lines.append(f"{item_pad}- form: {scalar(item.form)}")
            if item.reason:
                lines.append(f"{item_pad}  reason: {scalar(item.reason)}")
        return lines
    if isinstance(value, (tuple, list)):
        return [f"{pad}{name}: {flow_list(value)}"]
    return [f"{pad}{name}: {scalar(value)}"]


def entry_lines(entry: Entry, indent: int = 0) -> list[str]:
    """The lines (without line ends) of *entry* as an item of the file's top-level list.

    *indent* is the column of the ``-`` (0 in the glossary files); keys are two columns in.
    """
    lines: list[str] = []
    key_indent = indent + INDENT
    for name in FIELD_ORDER:
        lines.extend(field_lines(name, getattr(entry, name), key_indent))
    # The first field shares its line with the list's dash.
    lines[0] = " " * indent + "- " + lines[0][key_indent:]
    return lines


def render_entry(entry: Entry, newline: str = "\n", indent: int = 0) -> str:
    """One entry as YAML text ending in *newline*, in the layout of the glossary files."""
    return "".join(line + newline for line in entry_lines(entry, indent))


def render_entries(entries: list[Entry] | tuple[Entry, ...], newline: str = "\n",
                   header: str | None = None) -> str:
    """A whole glossary file: optional *header* lines, then the entries separated by blank lines."""
    parts = []
    if header:
        parts.append("".join(line + newline for line in header.splitlines()))
    for i, entry in enumerate(entries):
        if i or header:
            parts.append(newline)
        parts.append(render_entry(entry, newline))
    return "".join(parts)
