"""The exchange formats: one registry that names each, its file name, spec, writer and reader.

========  ===========================================================  =====================
name      what                                                          spec
========  ===========================================================  =====================
tmx       TMX 1.4b term base (``segtype="phrase"``)                     :data:`tmx.SPEC_URL`
tbx       TBX-Basic, TBX v2 ``martif`` (default) or v3 (``--tbx-version 3``)
po, pot   gettext PO / POT (polib)                                      :data:`po.SPEC_URL`
csv       every field, header row, Translate Toolkit column names      RFC 4180
tsv       the same table, one record per line, ``\t \n \r \\`` escaped   IANA text/tab-separated-values
deepl     DeepL glossary entries (TSV, no header)                       :data:`mt.DEEPL_URL`
google    Google Cloud Translation glossary (CSV)                       :data:`mt.GOOGLE_URL`
omegat    OmegaT glossary: source, target, comment (tab-separated)     :data:`omegat.SPEC_URL`
========  ===========================================================  =====================

Every format but ``deepl``, ``google`` and ``omegat`` can also be imported (those three as
well, as plain term pairs). :func:`detect` names a file's format from its content, so a file whose content
is not what its extension or ``--format`` says is refused instead of misread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from glossary.errors import GlossaryError
from glossary.formats import csvfmt, mt, omegat, po, tbx, tmx, xmlsafe
from glossary.formats.base import ExportOptions, ReadResult, Record
from glossary.langtags import Languages
from glossary.model import Entry

Writer = Callable[[list[Entry], ExportOptions, list[str]], bytes]
Reader = Callable[[Path, Languages], ReadResult]


@dataclass(frozen=True)
class Format:
    """One exchange format: how to write it, read it, and what it carries."""

    name: str
    title: str
    family: str  # what detect() calls its content: tmx, tbx, po, csv
    suffix: str
    spec: str
    write: Writer | None
    read: Reader | None
    loses: str  # which glossary fields the format cannot carry

    def default_name(self, options: ExportOptions | None = None) -> str:
        options = options or ExportOptions()
        if self.name == "tbx" and options.tbx_version == 3:
            return "glossary.tbx3.tbx"
        if self.name == "google" and options.google_layout == "equivalent-terms":
            return "glossary.google-equivalent.csv"
        return f"glossary{self.suffix}"


def _read_pairs(path: Path, langs: Languages, delimiter: str) -> ReadResult:
    """Two-column term pairs without a header (DeepL, Google unidirectional)."""
    text = csvfmt.read_text(path)
    first = text.split("\n", 1)[0]
    cells = [c.strip() for c in re.split(r"[\t,]", first)]
    if cells and all(re.match(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$", c) for c in cells if c) \
            and any(langs.role(c) for c in cells):
        return csvfmt.read_records(path, langs, ",")  # equivalent-term sets: a header row
    result = ReadResult()
    for line, row in mt.read_pairs(text, delimiter):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 2:
            raise GlossaryError(f"expected two columns (Chinese{'<TAB>' if delimiter == chr(9) else ','}"
                                f"English), found {len(row)}", path, line)
        zh, en = row[0].strip(), row[1].strip()
        if not zh or not en:
            result.skipped.append((line, "empty cell"))
            continue
        result.records.append(Record(line=line, zh=zh, en=en))
    return result


FORMATS: dict[str, Format] = {
    "tmx": Format("tmx", "TMX 1.4b", "tmx", ".tmx", tmx.SPEC_URL,
                  lambda e, o, w: tmx.export_glossary(e, o), tmx.read_records,
                  "nothing (every field is a tuv, prop or note)"),
    "tbx": Format("tbx", "TBX-Basic (TBX v2 martif, or v3)", "tbx", ".tbx", tbx.SPEC_URL_V2,
                  lambda e, o, w: tbx.export_glossary(e, o), tbx.read_records,
                  "the order of variants and forbidden forms across scripts (grouped by script)"),
    "po": Format("po", "gettext PO", "po", ".po", po.SPEC_URL,
                 lambda e, o, w: po.export_glossary(e, o, template=False), po.read_records,
                 "line breaks inside list items, blank lines, trailing spaces and carriage "
                 "returns inside notes"),
    "pot": Format("pot", "gettext POT template", "po", ".pot", po.SPEC_URL,
                  lambda e, o, w: po.export_glossary(e, o, template=True), po.read_records,
                  "as po; the English rendering is an extracted comment"),
    "csv": Format("csv", "CSV (RFC 4180, Translate Toolkit columns)", "csv", ".csv",
                  csvfmt.SPEC_URL, lambda e, o, w: csvfmt.export_glossary(e, o, ","),
                  lambda p, l: csvfmt.read_records(p, l, ","),
                  "nothing (list items with line breaks are refused)"),
    "tsv": Format("tsv", "TSV (tab-separated, same columns as csv, one record per line)", "csv",
                  ".tsv", csvfmt.TSV_URL, lambda e, o, w: csvfmt.export_glossary(e, o, "\t"),
                  lambda p, l: csvfmt.read_records(p, l, "\t"),
                  "nothing (list items with line breaks are refused)"),
    "deepl": Format("deepl", "DeepL glossary entries (TSV)", "csv", ".deepl.tsv", mt.DEEPL_URL,
                    mt.export_deepl, lambda p, l: _read_pairs(p, l, "\t"),
                    "id, type, status, note, context, sources, English variants, forbidden forms "
                    "(variants and traditional forms become rows of their own)"),
    "google": Format("google", "Google Cloud Translation glossary (CSV)", "csv", ".google.csv",
                     mt.GOOGLE_URL, mt.export_google, lambda p, l: _read_pairs(p, l, ","),
                     "as deepl; the equivalent-terms layout also drops variants"),
    "omegat": Format("omegat", "OmegaT glossary (tab-separated)", "csv", ".omegat.txt",
                     omegat.SPEC_URL, omegat.export_omegat, omegat.read_records,
                     "id, type, status, sources and the structure of the other fields (the "
                     "comment names English variants, forbidden forms, context and note); "
                     "variants and traditional forms become lines of their own"),
}
EXPORT_FORMATS = tuple(FORMATS)
IMPORT_FORMATS = tuple(FORMATS)
_FAMILY_TITLES = {"tmx": "TMX", "tbx": "TBX", "po": "PO", "csv": "CSV/TSV", "xliff": "XLIFF",
                  "xml": "XML of another kind"}
_SUFFIXES = {".tmx": "tmx", ".tbx": "tbx", ".po": "po", ".pot": "pot", ".csv": "csv",
             ".tsv": "tsv", ".tab": "tsv", ".utf8": "omegat", ".txt": None, ".xml": None}


def dtd_name(name: str, options: ExportOptions | None = None) -> str | None:
    """The DTD file the DOCTYPE of format *name*'s export names (a relative system
    identifier), or None: ``tmx14.dtd`` for TMX, ``TBXBasiccoreStructV02.dtd`` for TBX v2."""
    options = options or ExportOptions()
    if name == "tmx":
        return tmx.DTD_NAME
    if name == "tbx" and options.tbx_version == 2:
        return tbx.V2_DTD_NAME
    return None


def dtd_bytes(file_name: str) -> bytes:
    """The DTD shipped with the package under *file_name* (byte copies of the official ones;
    where they come from: ``tests/schemas/README.md``)."""
    from importlib import resources

    return resources.files("glossary.formats").joinpath("dtd", file_name).read_bytes()


def get(name: str) -> Format:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise GlossaryError(f"unknown format {name!r}; formats: {', '.join(FORMATS)}") from None


def detect(path: str | Path) -> str:
    """The family of a file by its content: ``tmx``, ``tbx``, ``xliff``, ``xml``, ``po`` or ``csv``."""
    root = xmlsafe.scan_prolog(path)
    if root is not None:
        name = xmlsafe.local_name(root.split(":")[-1])
        return {"tmx": "tmx", "martif": "tbx", "tbx": "tbx", "xliff": "xliff"}.get(name, "xml")
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path) from None
    text = head.decode("utf-8", errors="replace")
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return "xml"
    if re.search(r'^\s*(msgid|msgctxt)\s+"', text, re.M):
        return "po"
    return "csv"


def for_import(path: str | Path, declared: str | None = None) -> Format:
    """The format to read *path* with: *declared* (``--format``) or the extension, checked
    against the content; the content alone when neither says."""
    path = Path(path)
    if not path.exists():
        raise GlossaryError("no such file", path)
    if path.is_dir():
        raise GlossaryError("is a folder, not a file", path)
    family = detect(path)
    named = [(declared, "as --format says", "pass --format")] if declared else []
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    if not named and by_suffix:
        named = [(by_suffix, "as its name says", "rename it or pass --format")]
    for name, says, remedy in named:
        fmt = get(name)
        if fmt.family != family:
            raise GlossaryError(
                f"the file is {_FAMILY_TITLES[family]}, not {fmt.title} {says}"
                + (f"; {remedy} {family}" if family in FORMATS else ""), path)
        return fmt
    if family in ("xliff", "xml"):
        raise GlossaryError(f"cannot import {_FAMILY_TITLES[family]}; import TMX, TBX, PO or "
                            "CSV/TSV", path)
    if family == "csv":
        text = csvfmt.read_text(path)
        if text.startswith("#"):  # a comment line: no CSV header, an OmegaT glossary's
            return get("omegat")
        return get("tsv" if csvfmt.sniff_delimiter(text) == "\t" else "csv")
    return get(family)


__all__ = ["EXPORT_FORMATS", "ExportOptions", "FORMATS", "Format", "IMPORT_FORMATS", "Record",
           "ReadResult", "detect", "dtd_bytes", "dtd_name", "for_import", "get"]
