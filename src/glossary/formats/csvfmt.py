"""CSV and TSV: every field of every entry, one row each, readable by spreadsheets and
Translate Toolkit.

Specs: CSV per RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) in UTF-8 with a header row.
TSV is the same table with tabs, one record per line as the IANA registration of
text/tab-separated-values (:data:`TSV_URL`) wants: no quoting, and a tab, line feed, carriage
return or backslash inside a value written as ``\t``, ``\n``, ``\r``, ``\\`` (the "linear
TSV" escapes of PostgreSQL's text format), so ``cut``, ``awk`` and OmegaT read it line by line.
The reader undoes them; a TSV whose records run over several lines in CSV-style quotes (a
spreadsheet's, or an export of this tool before 2026-12) is read as such. Where the columns overlap with Translate Toolkit's CSV
(https://docs.translatehouse.org/projects/translate-toolkit/en/latest/formats/csv.html) they
have its names, so ``csv2po`` turns the file into a PO file: ``source`` (the Chinese form),
``target`` (the English rendering), ``id``, ``context``, ``developer_comments`` (the note).
The glossary's other fields follow in columns named after the YAML fields; list fields hold
one item per line within their cell, and ``forbidden_reasons`` holds the reason of each
forbidden form on the same line number as the form.

Spreadsheet-safe: a cell that begins with ``=``, ``+``, ``-`` or ``@`` (a formula to Excel,
LibreOffice and Google Sheets) is written with a leading apostrophe, as Translate Toolkit's
``escape_formulas`` does; the import removes it again.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from glossary.errors import GlossaryError
from glossary.formats.base import ExportOptions, ReadResult, Record, check_entries
from glossary.langtags import SOURCE, TARGET, TRADITIONAL, Languages
from glossary.model import Entry
from glossary.reader import decode

SPEC_URL = "https://www.rfc-editor.org/rfc/rfc4180"
TSV_URL = "https://www.iana.org/assignments/media-types/text/tab-separated-values"
TT_CSV_URL = "https://docs.translatehouse.org/projects/translate-toolkit/en/latest/formats/csv.html"

COLUMNS = ("id", "source", "target", "context", "developer_comments", "type", "status",
           "zh_hant", "variants", "forbidden", "forbidden_reasons", "en_variants",
           "en_forbidden", "sources", "not_in", "generic")
LIST_COLUMNS = ("variants", "forbidden", "forbidden_reasons", "en_variants", "en_forbidden",
                "sources", "not_in", "generic")
_FORMULA = re.compile(r"^'*[=+\-@]")

# Header names this reader understands (lower case), mapped to a column of COLUMNS.
ALIASES = {
    "source": "source", "zh": "source", "chinese": "source", "original": "source",
    "untranslated": "source", "term": "source", "msgid": "source",
    "target": "target", "en": "target", "english": "target", "translation": "target",
    "translated": "target", "msgstr": "target",
    "id": "id", "key": "id", "label": "id", "identified": "id",
    "context": "context", "msgctxt": "context",
    "developer_comments": "developer_comments", "developer comments": "developer_comments",
    "note": "developer_comments", "notes": "developer_comments", "comment": "developer_comments",
    "comments": "developer_comments", "description": "developer_comments",
    "definition": "developer_comments", "translator_comments": "translator_comments",
    "translator comments": "translator_comments",
    "type": "type", "status": "status",
    "zh_hant": "zh_hant", "traditional": "zh_hant",
    "variants": "variants", "forbidden": "forbidden", "forbidden_reasons": "forbidden_reasons",
    "en_variants": "en_variants", "en_forbidden": "en_forbidden", "sources": "sources",
    "not_in": "not_in", "generic": "generic", "location": "location",
}


def escape_formula(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula: ``=1+1`` → ``'=1+1``."""
    return "'" + value if _FORMULA.match(value) else value


def unescape_formula(value: str) -> str:
    """Undo :func:`escape_formula` (exactly: ``''=x`` came from ``'=x``)."""
    return value[1:] if value.startswith("'") and _FORMULA.match(value[1:]) else value


_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_TSV_SPECIAL = re.compile(r"[\\\t\n\r]")
_TSV_ESCAPED = re.compile(r"\\(.)", re.S)


def escape_tsv(value: str) -> str:
    """A value as one TSV field: ``a<TAB>b`` → ``a\\tb``, ``C:\\x`` → ``C:\\\\x``."""
    return _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES[m.group()], value)


def unescape_tsv(field: str) -> str:
    """Undo :func:`escape_tsv`; an unknown escape (``\\N``) is kept as written."""
    if "\\" not in field:
        return field
    return _TSV_ESCAPED.sub(lambda m: _TSV_UNESCAPES.get(m.group(1), m.group()), field)


def _cell_list(values, entry: Entry, name: str) -> str:
    for value in values:
        if "\n" in value or "\r" in value:
            raise GlossaryError(f"entry {entry.id}: an item of {name} contains a line break, "
                                "which a CSV list cell cannot carry; remove it")
    return "\n".join(values)


def row_of(entry: Entry) -> dict[str, str]:
    """The CSV row of an entry (before formula escaping)."""
    return {
        "id": entry.id, "source": entry.zh, "target": entry.en, "context": entry.context or "",
        "developer_comments": entry.note or "", "type": entry.type, "status": entry.status,
        "zh_hant": entry.zh_hant or "",
        "variants": _cell_list(entry.variants, entry, "variants"),
        "forbidden": _cell_list([f.form for f in entry.forbidden], entry, "forbidden"),
        "forbidden_reasons": _cell_list([f.reason or "" for f in entry.forbidden], entry,
                                        "forbidden reasons").rstrip("\n"),
        "en_variants": _cell_list(entry.en_variants, entry, "en_variants"),
        "en_forbidden": _cell_list(entry.en_forbidden, entry, "en_forbidden"),
        "sources": _cell_list(entry.sources, entry, "sources"),
        "not_in": _cell_list(entry.not_in, entry, "not_in"),
        "generic": _cell_list(entry.generic, entry, "generic"),
    }


def export_glossary(entries: list[Entry], options: ExportOptions, delimiter: str = ",") -> bytes:
    """The glossary as CSV (or TSV with ``delimiter="\\t"``), UTF-8, header row first."""
    check_entries(entries)
    if delimiter == "\t":
        lines = ["\t".join(COLUMNS)]
        for entry in entries:
            row = row_of(entry)
            lines.append("\t".join(escape_tsv(escape_formula(row[name])) for name in COLUMNS))
        return ("\n".join(lines) + "\n").encode("utf-8")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n" if delimiter == "," else "\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        row = row_of(entry)
        writer.writerow([escape_formula(row[name]) for name in COLUMNS])
    return out.getvalue().encode("utf-8")


def read_text(path: str | Path) -> str:
    """The decoded text of a table file (UTF-8 with or without BOM, GB18030, Big5)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path) from None
    try:
        return decode(data, path).text.lstrip("\ufeff")
    except GlossaryError:
        raise GlossaryError("not a text file (binary data, or an encoding other than UTF-8, "
                            "GB18030 or Big5)", path) from None


def _rows(text: str, delimiter: str, path: str | Path) -> list[tuple[int, list[str]]]:
    """(line, cells) for every row; a malformed row is a :class:`GlossaryError` with its line.

    A TSV whose lines all have the header's number of fields is one record per line, its
    escapes undone; otherwise (a record over several lines) it has CSV-style quotes."""
    if delimiter == "\t":
        lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
        counts = {line.count("\t") for line in lines if line.strip()}
        if len(counts) <= 1:
            return [(number, [unescape_tsv(field) for field in line.split("\t")])
                    for number, line in enumerate(lines, 1) if line.strip()]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    line = 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}", path,
                            reader.line_num or line) from None
    return rows


def sniff_delimiter(text: str, default: str = ",") -> str:
    first = text.split("\n", 1)[0]
    if "\t" in first and first.count("\t") >= first.count(","):
        return "\t"
    return default


def read_records(path: str | Path, langs: Languages, delimiter: str | None = None) -> ReadResult:
    """Glossary records from a CSV/TSV file with a header row (ours, Translate Toolkit's po2csv,
    or a spreadsheet with ``source``/``target`` or language-code columns such as ``zh-CN``)."""
    text = read_text(path)
    delimiter = delimiter or sniff_delimiter(text, "\t" if str(path).lower().endswith(".tsv") else ",")
    rows = [(line, cells) for line, cells in _rows(text, delimiter, path) if any(c.strip() for c in cells)]
    kind = "TSV" if delimiter == "\t" else "CSV"
    if not rows:
        raise GlossaryError(f"empty {kind} file: expected a header row and entries", path)
    header_line, header = rows[0]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower()
        column = ALIASES.get(key)
        if column is None:
            role = langs.role(name.strip()) if re.match(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$", name.strip()) else None
            column = {SOURCE: "source", TARGET: "target", TRADITIONAL: "zh_hant"}.get(role or "")
        if column and column not in columns:
            columns[column] = index
    missing = [c for c in ("source", "target") if c not in columns]
    if missing:
        shown = ", ".join(h.strip() for h in header[:8]) or "nothing"
        raise GlossaryError(
            f"{kind} header has no {' or '.join(repr(m) for m in missing)} column (it has: "
            f"{shown}); name the Chinese column 'source' (or zh-CN) and the English column "
            "'target' (or en-US); for two columns without a header pass --format deepl "
            "(tab), google (comma) or omegat", path, header_line)
    result = ReadResult()
    for line, cells in rows[1:]:
        def cell(name: str) -> str:
            index = columns.get(name)
            if index is None or index >= len(cells):
                return ""
            return unescape_formula(cells[index])

        def items(name: str) -> list[str]:
            value = cell(name)
            return [v.strip() for v in re.split(r"\r?\n", value)] if value.strip() else []

        record = Record(line=line, id=cell("id").strip() or None, zh=cell("source").strip() or None,
                        en=cell("target").strip() or None, trusted_id=True)
        record.context = cell("context").strip() or None
        note = cell("developer_comments").strip()
        extra = cell("translator_comments").strip()
        record.note = "\n".join(p for p in (note, extra) if p) or None
        record.type = cell("type").strip() or None
        record.status = cell("status").strip() or None
        record.zh_hant = cell("zh_hant").strip() or None
        for name in ("variants", "en_variants", "en_forbidden", "sources", "not_in", "generic"):
            for value in items(name):
                record.add_unique(name, value)
        reasons = items("forbidden_reasons")
        for number, form in enumerate(items("forbidden")):
            if form:
                reason = reasons[number] if number < len(reasons) else ""
                record.forbidden.append((form, reason or None))
        if len(cells) < len(header) and not record.en:
            result.skipped.append((line, f"the row has {len(cells)} cells, the header {len(header)}"))
        elif record.zh is None:
            result.skipped.append((line, "empty source (Chinese) cell"))
        elif record.en is None:
            result.skipped.append((line, "empty target (English) cell"))
        else:
            result.records.append(record)
    return result


__all__ = ["COLUMNS", "SPEC_URL", "TSV_URL", "TT_CSV_URL", "escape_formula", "escape_tsv",
           "export_glossary", "read_records", "sniff_delimiter", "unescape_formula",
           "unescape_tsv"]
