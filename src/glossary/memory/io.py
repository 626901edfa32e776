"""Reading translation units from files (TMX, PO, XLIFF, CSV/TSV) and exporting the memory.

TMX, PO and XLIFF are read with :mod:`glossary.formats` (TMX streamed, so files of millions of
units use flat memory); CSV/TSV here. Every reader yields :class:`~glossary.memory.store.Unit`
objects lazily, and :func:`import_file` stores one file in one transaction: a malformed file
raises :class:`~glossary.errors.GlossaryError` naming the file and line, and nothing of it is
kept.
"""

from __future__ import annotations

import calendar
import csv
import functools
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Iterator

from glossary.errors import GlossaryError
from glossary.langtags import Languages, is_chinese, language_of
from glossary.memory.store import AddReport, Progress, Store, Unit

if TYPE_CHECKING:
    from glossary.formats.tmx import Tuv

FORMATS = {
    ".tmx": "tmx",
    ".po": "po", ".pot": "po",
    ".xlf": "xliff", ".xliff": "xliff", ".xlif": "xliff",
    ".csv": "csv",
    ".tsv": "tsv", ".tab": "tsv",
}

PARALLEL_BYTES = 1 << 20  # files this big are read in a second process during the import

# Props of the memory's TMX export, read back on import (a round trip keeps them).
P_ORIGIN = "x-origin"
P_ORIGIN_ID = "x-origin-id"
P_CONTEXT = "x-context"
P_EXPORT = "x-glossary-memory"  # header prop: the file is this tool's memory export


def file_format(path: str | os.PathLike[str]) -> str:
    """``tmx``, ``po``, ``xliff``, ``csv`` or ``tsv``, from the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GlossaryError(
            f"unknown file type {suffix or '(no extension)'}; the memory imports "
            f"{', '.join(sorted(FORMATS))}", path)
    return FORMATS[suffix]


@functools.lru_cache(maxsize=512)
def tag(value: str | None, default: str) -> str:
    """A language tag in canonical form (``zh_cn`` → ``zh-CN``), leniently."""
    from glossary.langtags import normalize as normalize_tag

    if not value or not value.strip():
        return default
    try:
        return normalize_tag(value)
    except GlossaryError:
        return value.strip().replace("_", "-")


def chinese_tag(text: str, langs: Languages) -> str:
    """The configured source tag, or the traditional one when *text* is in traditional script
    (more traditional-only than simplified-only characters)."""
    from glossary.scripts import script_only_characters

    simplified, traditional = script_only_characters()
    trad = simp = 0
    for char in text:
        if char in traditional:
            trad += 1
        elif char in simplified:
            simp += 1
    return langs.traditional if trad > simp else langs.source


def tmx_time(value: str | None) -> int | None:
    """Unix seconds from a TMX date (``20260205T091400Z``), or None."""
    if not value:
        return None
    value = value.strip()
    if len(value) != 16 or value[8] != "T" or value[15] != "Z":
        return None
    try:
        fields = (int(value[0:4]), int(value[4:6]), int(value[6:8]), int(value[9:11]),
                  int(value[11:13]), int(value[13:15]))
        datetime(*fields)  # validates the ranges
    except ValueError:
        return None
    return calendar.timegm(fields)


# -- readers ------------------------------------------------------------------------------------

def read_tmx(path: str | os.PathLike[str], langs: Languages, skipped: AddReport,
             target_lang: str | None = None) -> Iterator[Unit]:
    """The units of a TMX file, streamed: the source variant (the unit's own ``srclang``, else
    the header's, else the first Chinese one) and the target variant (the memory's target
    language, else the first other variant). Units with one variant only are counted as
    skipped. Labels that name one language for both (po2tmx labels the Chinese source ``en``)
    yield to the content: the text that reads as Chinese is the source."""
    from glossary.formats.tmx import TmxReader

    reader = TmxReader(path)
    origin = str(path)
    want_target = language_of(target_lang or langs.target)
    header_srclang: str | None = None
    ours = False
    # srclang → its ranking of variants (by tag as written: 0 srclang, 1 its language,
    # 2 Chinese, 3 other), made once per srclang the file names
    rankings: dict[str, Callable[[Tuv], int]] = {}
    is_target: dict[str, bool] = {}
    same_language: dict[tuple[str, str], bool] = {}

    def ranking(srclang: str) -> Callable[[Tuv], int]:
        found: dict[str, int] = {}
        language = language_of(srclang)

        def rank(variant: Tuv) -> int:
            lang = variant.lang
            value = found.get(lang)
            if value is None:
                key = lang.replace("_", "-").lower()
                if srclang != "*all*" and key == srclang:
                    value = 0
                elif srclang != "*all*" and language_of(lang) == language:
                    value = 1
                else:
                    value = 2 if is_chinese(lang) else 3
                found[lang] = value
            return value
        return rank

    for tu in reader:
        if header_srclang is None:
            header = reader._header
            header_srclang = (header.srclang or "*all*") if header is not None else "*all*"
            header_srclang = header_srclang.replace("_", "-").lower()
            ours = header is not None and header.prop(P_EXPORT) is not None
        variants = [v for v in tu.tuvs if v.lang]
        uid = tu.tuid or (f"line {tu.line}" if tu.line else None)
        if not variants:
            skipped.skip(uid, "no language variant")
            continue
        # TMX 1.4b: a <tu>'s own srclang overrides the header's (po2tmx writes the header's
        # as "en" and the unit's as --source-language says)
        own = tu.attrs.get("srclang") if tu.attrs else None
        srclang = own.replace("_", "-").lower() if own and own.strip() else header_srclang
        rank = rankings.get(srclang)
        if rank is None:
            rank = rankings[srclang] = ranking(srclang)
        source = min(variants, key=rank)
        target = None  # the first variant in the target language, else the first other one
        for variant in variants:
            if variant is source:
                continue
            wanted = is_target.get(variant.lang)
            if wanted is None:
                wanted = is_target[variant.lang] = language_of(variant.lang) == want_target
            if wanted:
                target = variant
                break
            if target is None:
                target = variant
        if target is None or not target.text.strip():
            skipped.skip(uid, "untranslated (no target variant)")
            continue
        pair = (source.lang, target.lang)
        same = same_language.get(pair)
        if same is None:
            same = same_language[pair] = language_of(pair[0]) == language_of(pair[1])
        if same:
            source, target, source_lang, target_lang = _relabel(source, target, langs)
        else:
            source_lang, target_lang = tag(source.lang, langs.source), tag(target.lang, langs.target)
        attrs = tu.attrs
        created = tmx_time(attrs.get("creationdate") or source.attrs.get("creationdate"))
        changed = tmx_time(attrs.get("changedate") or target.attrs.get("changedate")) or created
        try:
            count = max(1, int(attrs.get("usagecount", "1")))
        except ValueError:
            count = 1
        notes = [n.strip() for n in tu.notes if n.strip()]
        yield Unit(
            source.text, target.text, source_lang, target_lang,
            origin=tu.prop(P_ORIGIN) if ours else origin,  # our export: origins as stored
            origin_id=tu.prop(P_ORIGIN_ID) if ours else uid,
            context=tu.prop(P_CONTEXT),
            note="\n".join(notes) or None,
            created=created, changed=changed, count=count,
        )


def _relabel(source: Tuv, target: Tuv, langs: Languages) -> tuple[Tuv, Tuv, str, str]:
    """(source, target, source tag, target tag) of a unit whose two labels name one language:
    as labelled, unless exactly one text reads as Chinese; then that text is the source,
    tagged by its script unless its label is Chinese, and the other the target."""
    from glossary.formats.base import chinese_like

    source_chinese, target_chinese = chinese_like(source.text), chinese_like(target.text)
    if source_chinese == target_chinese:
        return source, target, tag(source.lang, langs.source), tag(target.lang, langs.target)
    chinese, other = (source, target) if source_chinese else (target, source)
    chinese_lang = tag(chinese.lang, langs.source) if is_chinese(chinese.lang) \
        else chinese_tag(chinese.text, langs)
    other_lang = langs.target if is_chinese(other.lang) else tag(other.lang, langs.target)
    return chinese, other, chinese_lang, other_lang


_HEADER_NAMES = {
    "source": "source", "src": "source", "zh": "source", "chinese": "source",
    "target": "target", "tgt": "target", "en": "target", "english": "target",
    "source_lang": "source_lang", "target_lang": "target_lang",
    "context": "context", "note": "note", "comment": "note", "id": "id",
}


def read_delimited(path: str | os.PathLike[str], langs: Languages, skipped: AddReport,
                   delimiter: str) -> Iterator[Unit]:
    """Units from a CSV or TSV file: ``source, target`` columns, or a header row naming them.

    A header row may name the columns ``source``/``target`` (also ``zh``/``en``,
    ``source_lang``, ``target_lang``, ``context``, ``note``, ``id``) or give the two languages'
    tags (``zh-CN, en-US``). Without one, the first two columns are source and target.
    """
    origin = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path) from None
    with handle:
        quoting = csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
        reader = csv.reader(handle, delimiter=delimiter, quoting=quoting, strict=True)
        columns: dict[str, int] | None = None
        file_langs: tuple[str, str] | None = None
        first = True
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise GlossaryError(f"malformed {'CSV' if delimiter == ',' else 'TSV'}: {exc}",
                                    path, reader.line_num) from None
            except UnicodeDecodeError as exc:
                raise GlossaryError(f"not UTF-8 (byte {exc.start} of a line); save the file "
                                    "as UTF-8", path, reader.line_num + 1) from None
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if first:
                first = False
                names = [cell.strip().lower() for cell in row]
                if {"source", "target"} <= {_HEADER_NAMES.get(n) for n in names}:
                    columns = {}
                    for index, name in enumerate(names):
                        columns.setdefault(_HEADER_NAMES.get(name, name), index)
                    continue
                if len(row) >= 2 and all(_looks_like_tag(c) for c in row[:2]):
                    file_langs = (tag(row[0], langs.source), tag(row[1], langs.target))
                    continue
            if len(row) < 2:
                raise GlossaryError(
                    f"expected at least two columns (source, target), found {len(row)}; "
                    f"{'CSV fields are separated by commas' if delimiter == ',' else 'TSV fields are separated by tabs'}",
                    path, line)

            def cell(name: str, default: int | None = None) -> str | None:
                index = columns.get(name, default) if columns is not None else default
                if index is None or index >= len(row):
                    return None
                return row[index]

            source = cell("source", 0) or ""
            target = cell("target", 1) or ""
            if file_langs is not None:
                source_lang, target_lang = file_langs
            else:
                source_lang = tag(cell("source_lang"), "") or chinese_tag(source, langs)
                target_lang = tag(cell("target_lang"), langs.target)
            yield Unit(source.strip(), target.strip(), source_lang, target_lang,
                       origin=origin, origin_id=cell("id") or f"line {line}",
                       context=(cell("context") or "").strip() or None,
                       note=(cell("note") or "").strip() or None)


def _looks_like_tag(text: str) -> bool:
    from glossary.langtags import parse

    try:
        parse(text)
        return True
    except GlossaryError:
        return False


def read_po(path: str | os.PathLike[str], langs: Languages, skipped: AddReport,
            include_fuzzy: bool = False) -> Iterator[Unit]:
    """Translated entries of a PO file (fuzzy ones only with *include_fuzzy*; plural entries
    as their singular form and first translation)."""
    from glossary.formats.po import iter_units as po_units

    origin = str(path)
    for entry in po_units(path):
        uid = f"line {entry.line}" if entry.line else None
        if not entry.translated:
            skipped.skip(uid, "untranslated")
            continue
        if entry.fuzzy and not include_fuzzy:
            skipped.skip(uid, "fuzzy (pass --include-fuzzy to import it)")
            continue
        notes = [n for n in (entry.tcomment, entry.comment) if n and n.strip()]
        yield Unit(entry.source, entry.targets[0], chinese_tag(entry.source, langs), langs.target,
                   origin=origin, origin_id=uid, context=entry.context,
                   note="\n".join(notes) or None)


# XLIFF states that mean "translated"; others (new, needs-translation, needs-review-…, initial)
# are not used unless --include-fuzzy.
_DONE_STATES = {None, "translated", "signed-off", "final", "reviewed"}


def read_xliff(path: str | os.PathLike[str], langs: Languages, skipped: AddReport,
               include_fuzzy: bool = False) -> Iterator[Unit]:
    """Translated units of an XLIFF 1.2 or 2.x file (units needing review or translation only
    with *include_fuzzy*; empty targets never)."""
    from glossary.formats.xliff import iter_units as xliff_units

    origin = str(path)
    for unit in xliff_units(path):
        uid = unit.id or (f"line {unit.line}" if unit.line else None)
        if not unit.translate:
            skipped.skip(uid, 'marked translate="no"')
            continue
        if unit.target is None or not unit.target.strip():
            skipped.skip(uid, "untranslated")
            continue
        if unit.target.strip() == unit.source.strip():  # segment --copy-source-to-target, OmegaT
            skipped.skip(uid, "untranslated (the target is a copy of the source)")
            continue
        if unit.state not in _DONE_STATES and not include_fuzzy:
            skipped.skip(uid, f"state {unit.state} (pass --include-fuzzy to import it)")
            continue
        source_lang = tag(unit.source_lang, "") or chinese_tag(unit.source, langs)
        notes = [n.strip() for n in unit.notes if n and n.strip()]
        yield Unit(unit.source, unit.target, source_lang, tag(unit.target_lang, langs.target),
                   origin=origin, origin_id=uid,
                   note="\n".join(notes) or None)


def estimate_units(path: str | os.PathLike[str]) -> int | None:
    """About how many units *path* holds, from a fast byte scan (for a progress bar)."""
    try:
        kind = file_format(path)
    except GlossaryError:
        return None
    markers = {
        "tmx": ((b"<tu", 1), (b"<tuv", -1)),
        "po": ((b"\nmsgid ", 1),),
        "xliff": ((b"<trans-unit", 1), (b"<segment", 1)),
        "csv": ((b"\n", 1),),
        "tsv": ((b"\n", 1),),
    }[kind]
    total, tail = 0, b""
    try:
        with open(path, "rb") as handle:
            while True:
                chunk = handle.read(1 << 22)
                if not chunk:
                    break
                data = tail + chunk
                for marker, sign in markers:
                    total += sign * data.count(marker)
                    total -= sign * tail.count(marker)  # counted with the previous chunk
                tail = data[-16:]
    except OSError:
        return None
    return max(total, 0)


def read_units(path: str | os.PathLike[str], *, langs: Languages | None = None,
               include_fuzzy: bool = False, skipped: AddReport | None = None,
               target_lang: str | None = None) -> Iterator[Unit]:
    """The translation units of *path*, lazily, whatever its format.

    Units the file itself marks as unusable (untranslated, fuzzy) are counted in *skipped*.
    """
    langs = langs or Languages()
    skipped = skipped if skipped is not None else AddReport()
    kind = file_format(path)
    if not Path(path).is_file():
        raise GlossaryError("no such file", path)
    if kind == "tmx":
        return read_tmx(path, langs, skipped, target_lang)
    if kind == "po":
        return read_po(path, langs, skipped, include_fuzzy)
    if kind == "xliff":
        return read_xliff(path, langs, skipped, include_fuzzy)
    return read_delimited(path, langs, skipped, "," if kind == "csv" else "\t")


def import_file(store: Store, path: str | os.PathLike[str], *, langs: Languages | None = None,
                include_fuzzy: bool = False, allow_other_languages: bool = False,
                progress: Progress | None = None,
                terms: Callable[[Unit], Iterable[tuple[str, str]]] | None = None,
                parallel: bool | None = None, again: bool = False) -> AddReport:
    """Add the units of one file to *store* in one transaction; return the counts.

    Files of :data:`PARALLEL_BYTES` or more are read in a second process while this one
    writes (*parallel*, default: by size). A file whose exact content was imported before, with
    the same options, is not imported again (its units would be counted twice): the report's
    ``already`` says when it was, and nothing is added, unless *again*.
    """
    from glossary.memory.sqlite_store import SqliteStore

    pair = store.language_pair()
    file_format(path)
    if not Path(path).is_file():
        raise GlossaryError("no such file", path)
    # the content, and the options that choose and tag its units: the same file imported
    # with --include-fuzzy, --allow-other-languages or other default languages is another
    from glossary.langtags import Languages

    chosen = langs if langs is not None else Languages()
    digest = (f"{file_digest(path)}:{'fuzzy' if include_fuzzy else 'final'}:"
              f"{'any' if allow_other_languages else 'pair'}:"
              f"{chosen.source},{chosen.traditional},{chosen.target}")
    if not again:
        before = store.imported(digest)
        if before is not None:
            return AddReport(already=before)

    def read(skipped: AddReport) -> Iterator[Unit]:
        return read_units(path, langs=langs, include_fuzzy=include_fuzzy, skipped=skipped,
                          target_lang=pair[1] if pair else None)

    if isinstance(store, SqliteStore):
        if parallel is None:
            parallel = os.path.getsize(path) >= PARALLEL_BYTES
        return store.add_from(read, allow_other_languages=allow_other_languages,
                              progress=progress, terms=terms, parallel=parallel,
                              imported=(digest, str(path)))
    skipped = AddReport()
    report = store.add_many(read(skipped), allow_other_languages=allow_other_languages,
                            progress=progress, terms=terms)
    report.merge(skipped)
    return report


def file_digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- export -------------------------------------------------------------------------------------

def _tmx_stamp(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def tmx_units(units: Iterable[Unit]) -> Iterator:
    """The memory's units as :class:`glossary.formats.tmx.TmxUnit` objects."""
    from glossary.formats.tmx import TmxUnit, Tuv

    for unit in units:
        attrs = {}
        for name, value in (("creationdate", _tmx_stamp(unit.created)),
                            ("changedate", _tmx_stamp(unit.changed))):
            if value:
                attrs[name] = value
        attrs["usagecount"] = str(unit.count)
        props = []
        if unit.origin:
            props.append((P_ORIGIN, unit.origin))
        if unit.origin_id:
            props.append((P_ORIGIN_ID, unit.origin_id))
        if unit.context:
            props.append((P_CONTEXT, unit.context))
        yield TmxUnit(
            tuid=str(unit.id) if unit.id is not None else None, attrs=attrs, props=props,
            notes=[unit.note] if unit.note else [],
            tuvs=[Tuv(unit.source_lang, unit.source), Tuv(unit.target_lang, unit.target)])


def export_tmx(store: Store, output: str | os.PathLike[str] | BinaryIO, *,
               creationdate: datetime | None = None) -> int:
    """Write the whole memory as TMX 1.4b (``segtype="sentence"``) to *output*: a path,
    replaced atomically, or a binary stream (stdout).

    The header's ``srclang`` is the memory's source language when every unit has it, else
    ``*all*`` (as TMX allows). Returns the number of units written.
    """
    from glossary.formats.tmx import write_tmx
    from glossary.reader import atomic_file

    pair = store.language_pair()
    source_langs = {row["source_lang"] for row in store.stats()["languages"]}
    if len(source_langs) == 1:
        srclang = next(iter(source_langs))
    elif not source_langs and pair:
        srclang = pair[0]
    else:
        srclang = "*all*"
    admin = pair[1] if pair else "en-US"

    def write(stream: BinaryIO) -> int:
        return write_tmx(stream, tmx_units(store.iter_units()), srclang=srclang,
                         segtype="sentence", adminlang=admin, o_tmf="glossary-tm",
                         creationdate=creationdate, header_props=[(P_EXPORT, "1")])

    if not isinstance(output, (str, os.PathLike)):
        return write(output)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(output) as stream:
        return write(stream)


__all__ = ["FORMATS", "export_tmx", "file_format", "import_file", "read_units", "tmx_units"]
