"""OmegaT's own glossary format: ``source<TAB>target<TAB>comment``, one entry per line.

Spec: the OmegaT manual, "Glossaries" (:data:`SPEC_URL`): a tab-separated file in the
project's ``glossary/`` folder; ``.txt`` and ``.utf8`` files are read as UTF-8 (OmegaT 3.6
detects the encoding of a ``.txt`` file, later versions first read a ``-*- coding: … -*-``
comment on its first line); lines starting with ``#`` are comments; there is no quoting or
escaping, so a tab or line break inside a value becomes a space.

One line per Chinese form a translator may meet — the simplified form, its traditional
spellings (``zh_hant`` and OpenCC's), each accepted variant and its spellings, each without
its name interpunct, as in the DeepL export — with the English rendering. Forbidden forms are
never a source (OmegaT would offer their translation); the comment names the forbidden forms
and renderings (``not: Araqchi, 阿拉格奇``), the accepted English variants (``also: …``), the
variant a form spells, the context of homographs (both entries of a shared form are listed:
OmegaT shows each) and the note.
"""

from __future__ import annotations

from pathlib import Path

from glossary.errors import GlossaryError
from glossary.formats.base import TOOL_NAME, TOOL_VERSION, ExportOptions, ReadResult, Record, \
    check_entries
from glossary.formats.csvfmt import read_text
from glossary.formats.mt import clean, entry_forms
from glossary.langtags import Languages
from glossary.model import Entry

# The OmegaT manual's chapter on glossaries, in OmegaT's repository.
SPEC_URL = "https://github.com/omegat-org/omegat/blob/master/src/docs/manual/en/App_Glossaries.xml"
MAGIC = "# -*- coding: utf-8 -*-"


def comment(entry: Entry, variant: str | None = None) -> str:
    """The comment column of a line of *entry* (for a form of the accepted *variant*)."""
    parts = []
    if variant is not None:
        parts.append(f"variant of {entry.zh}")
    if entry.en_variants:
        parts.append("also: " + ", ".join(entry.en_variants))
    nots = [*entry.en_forbidden, *entry.forbidden_forms]
    if nots:
        parts.append("not: " + ", ".join(nots))
    if entry.context:
        parts.append(f"context: {entry.context}")
    if entry.note:
        parts.append(entry.note)
    if entry.status != "approved":
        parts.append(f"status: {entry.status}")
    return clean("; ".join(parts))


def export_omegat(entries: list[Entry], options: ExportOptions,
                  warnings: list[str] | None = None) -> bytes:
    """The glossary as an OmegaT tab-separated glossary (UTF-8, LF)."""
    check_entries(entries)
    lines = [MAGIC, f"# {options.title} ({options.langs.source} → {options.langs.target}) for "
             f"OmegaT, exported by {TOOL_NAME} {TOOL_VERSION}: source, target, comment"]
    commented: dict[str, list[str]] = {}  # entry id → its forms OmegaT would skip
    for entry, source, variant in entry_forms(entries):
        if source.startswith("#"):
            commented.setdefault(entry.id, []).append(source)
            continue
        lines.append("\t".join((source, clean(entry.en), comment(entry, variant))).rstrip("\t"))
    for entry_id, forms in commented.items():
        if warnings is not None:
            warnings.append(f"{entry_id}: {', '.join(forms)} left out: OmegaT reads a line "
                            "starting with # as a comment")
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_records(path: str | Path, langs: Languages) -> ReadResult:
    """Term pairs from an OmegaT glossary (the comment column is not read back)."""
    result = ReadResult()
    for number, line in enumerate(read_text(path).split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2:
            raise GlossaryError("expected source<TAB>target[<TAB>comment], found one column",
                                path, number)
        if not cells[0] or not cells[1]:
            result.skipped.append((number, "empty cell"))
            continue
        result.records.append(Record(line=number, zh=cells[0], en=cells[1]))
    return result


__all__ = ["SPEC_URL", "comment", "export_omegat", "read_records"]
