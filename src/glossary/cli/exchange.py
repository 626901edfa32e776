"""Exchange commands: ``export``, ``import`` and ``segment``.

* ``glossary export FORMAT [-o PATH]`` writes the glossary (filtered by ``--type``, ``--status``,
  ``--ids``) as tmx, tbx, po, pot, csv, tsv, deepl, google or omegat, or ``all`` of them, into
  ``exports/`` next to the glossary folder by default. Output is deterministic; dates are left
  out with ``--no-dates`` and taken from ``$SOURCE_DATE_EPOCH`` when set.
* ``glossary import FILE`` reads TMX, TBX (v2/v3), PO/POT, CSV/TSV (and DeepL, Google and
  OmegaT term pairs), lists what is new, unchanged or in conflict, and adds the new entries
  (status ``proposed``) through :mod:`glossary.edit`.
* ``glossary segment PATH... -o exports/seeds.pot`` splits Chinese texts into sentences
  (:mod:`glossary.segment`) and writes a POT/PO or XLIFF 1.2 file with, for each sentence, where
  it occurs and the glossary terms in it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from glossary.cli.common import glossary_dir, warn
from glossary.errors import GlossaryError
from glossary.formats import EXPORT_FORMATS, FORMATS, dtd_bytes, dtd_name, get
from glossary.formats.base import ExportOptions, check_entries, export_date
from glossary.langtags import Languages, from_config, is_chinese, normalize
from glossary.model import ENTRY_TYPES, STATUSES, Entry, Glossary
from glossary.store import load_glossary

EXPORTS_DIRNAME = "exports"
ALL = "all"
SEGMENT_FORMATS = ("pot", "po", "xliff")
TEXT_PATTERNS = ["*.txt", "*.md", "*.markdown", "*.text"]

# The files `glossary export all` writes: (format, options).
ALL_EXPORTS: tuple[tuple[str, dict], ...] = (
    ("tmx", {}), ("tbx", {"tbx_version": 2}), ("tbx", {"tbx_version": 3}), ("po", {}),
    ("pot", {}), ("csv", {}), ("tsv", {}), ("deepl", {}),
    ("google", {"google_layout": "unidirectional"}),
    ("google", {"google_layout": "equivalent-terms"}), ("omegat", {}),
)

# How the committed files under exports/ are made (run from the repository root); a test
# regenerates them and fails when they are stale.
SEED_EXPORT_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("export", "all", "--no-dates", "-o", "exports"),
    ("segment", "seeds", "--no-dates", "-o", "exports/seeds.pot"),
    ("segment", "seeds", "--no-dates", "--format", "xliff", "-o", "exports/seeds.xlf"),
)


def _split(values: Optional[List[str]]) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _languages(src: Optional[str], trad: Optional[str], tgt: Optional[str]) -> Languages:
    return from_config(src, trad, tgt)


def _project_root(ctx: typer.Context) -> Path:
    """The folder that holds the glossary folder (where exports/ goes)."""
    return glossary_dir(ctx).resolve().parent


def _relative(path: Path) -> Path:
    """*path* relative to the current folder when it is inside it (for short messages)."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path
    return Path(rel) if not rel.startswith("..") else path


def _write(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(Path(target), data)


def write_file(path: Path, data: bytes) -> None:
    """Replace *path* by *data* atomically, creating its folder; OS errors become one line."""
    from glossary.reader import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        raise GlossaryError(f"cannot write: {exc.strerror or exc}", path) from None


def select_entries(glossary: Glossary, types: list[str], statuses: list[str],
                   ids: list[str]) -> list[Entry]:
    """The entries the filters keep, in glossary order; unknown values are errors."""
    for value in types:
        if value not in ENTRY_TYPES:
            raise GlossaryError(f"--type {value!r} is not one of: {', '.join(ENTRY_TYPES)}")
    for value in statuses:
        if value not in STATUSES:
            raise GlossaryError(f"--status {value!r} is not one of: {', '.join(STATUSES)}")
    for value in ids:
        if value not in glossary:
            raise GlossaryError(f"--ids: no entry has the id {value!r}")
    wanted = set(ids)
    return [e for e in glossary.entries
            if (not types or e.type in types) and (not statuses or e.status in statuses)
            and (not wanted or e.id in wanted)]


def export_to(entries: list[Entry], fmt: str, options: ExportOptions) -> tuple[bytes, list[str]]:
    """The bytes of one export and the warnings it produced."""
    warnings: list[str] = []
    chosen = get(fmt)
    assert chosen.write is not None
    return chosen.write(entries, options, warnings), warnings


def export(
    ctx: typer.Context,
    fmt: str = typer.Argument(..., metavar="FORMAT",
                              help="tmx, tbx, po, pot, csv, tsv, deepl, google, omegat, or all."),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", metavar="PATH",
        help="The file to write ('-' for stdout; a folder for 'all'). Default: exports/glossary.<ext>."),
    types: Optional[List[str]] = typer.Option(None, "--type", "-t", help="Only these types (repeatable or comma-separated)."),
    statuses: Optional[List[str]] = typer.Option(None, "--status", help="Only these statuses (approved, proposed, deprecated)."),
    ids: Optional[List[str]] = typer.Option(None, "--ids", help="Only these entry ids (comma-separated)."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang", help="Simplified Chinese tag (default zh-CN)."),
    trad_lang: Optional[str] = typer.Option(None, "--trad-lang", help="Traditional Chinese tag (default zh-TW)."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="English tag (default en-US)."),
    tbx_version: int = typer.Option(2, "--tbx-version", help="TBX 2 (martif, default) or 3 (ISO 30042:2019)."),
    google_layout: str = typer.Option("unidirectional", "--google-layout", help="unidirectional or equivalent-terms."),
    no_dates: bool = typer.Option(False, "--no-dates", help="Leave dates out (byte-identical output for an unchanged glossary)."),
) -> None:
    """Export the glossary for CAT tools and MT engines.

    Formats: tmx (TMX 1.4b), tbx (TBX-Basic; v2 martif, or --tbx-version 3), po/pot (gettext),
    csv/tsv (every field), deepl (DeepL glossary TSV), google (Google Cloud Translation CSV),
    omegat (OmegaT tab-separated glossary), all (every one of them into a folder).
    """
    fmt = fmt.lower()
    if fmt != ALL and fmt not in FORMATS:
        raise GlossaryError(f"unknown format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}, all")
    if tbx_version not in (2, 3):
        raise GlossaryError("--tbx-version must be 2 or 3")
    from glossary.formats.mt import LAYOUTS

    if google_layout not in LAYOUTS:
        raise GlossaryError(f"--google-layout must be one of {', '.join(LAYOUTS)}")
    langs = _languages(src_lang, trad_lang, tgt_lang)
    glossary = load_glossary(glossary_dir(ctx))
    entries = select_entries(glossary, _split(types), _split(statuses), _split(ids))
    base = ExportOptions(langs=langs, date=export_date(no_dates), tbx_version=tbx_version,
                         google_layout=google_layout)
    if fmt == ALL:
        folder = Path(output) if output else _project_root(ctx) / EXPORTS_DIRNAME
        if output == "-":
            raise GlossaryError("export all writes several files; give a folder with -o")
        check_entries(entries)
        jobs, failed = [], []
        for name, extra in ALL_EXPORTS:
            options = ExportOptions(langs=langs, date=base.date,
                                    tbx_version=extra.get("tbx_version", 2),
                                    google_layout=extra.get("google_layout", "unidirectional"))
            path = folder / FORMATS[name].default_name(options)
            try:
                data, warnings = export_to(entries, name, options)
            except GlossaryError as error:  # one format's limit does not cost the others
                failed.append((path, error))
                continue
            jobs.append((path, data, warnings, f"{len(entries)} entries"))
            dtd = dtd_name(name, options)
            if dtd and all(p.name != dtd for p, *_ in jobs):
                # the DTD the DOCTYPE names, beside the file: DTD-loading tools (xmllint
                # --valid, jing, Java's XML parsers) resolve it from there
                jobs.append((folder / dtd, dtd_bytes(dtd), [], f"the DTD {path.name} names"))
        for path, data, warnings, what in jobs:  # every file produced before any is written
            for message in warnings:
                warn(f"{path.name}: {message}")
            _write(str(path), data)
            print(f"wrote {path} ({what})", file=sys.stderr)
        for path, error in failed:
            kept = " (the file there is from an earlier export)" if path.exists() else ""
            print(f"glossary: error: {path}: {error}; not written{kept}", file=sys.stderr)
        if failed:
            raise GlossaryError(f"{len(failed)} of {len(ALL_EXPORTS)} files not written: "
                                + ", ".join(p.name for p, _ in failed))
        return
    data, warnings = export_to(entries, fmt, base)
    target = output or str(_project_root(ctx) / EXPORTS_DIRNAME / FORMATS[fmt].default_name(base))
    for message in warnings:
        warn(message)
    _write(target, data)
    if target != "-":
        print(f"wrote {target} ({len(entries)} entries)", file=sys.stderr)


def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="A TMX, TBX, PO/POT, CSV or TSV file."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="tmx, tbx, po, pot, csv, tsv, deepl, google or omegat (default: from the file)."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="List what would be added and the conflicts; write nothing."),
    on_conflict: str = typer.Option("skip", "--on-conflict", help="skip (default), overwrite or fail."),
    keep_status: bool = typer.Option(False, "--keep-status", help="Keep the file's status (default: new entries are proposed)."),
    default_type: str = typer.Option("term", "--default-type", help="Type of entries whose file gives none."),
    into: Optional[str] = typer.Option(None, "--file", help="The glossary file to add to (default: by type)."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang", help="Simplified Chinese tag in the file."),
    trad_lang: Optional[str] = typer.Option(None, "--trad-lang", help="Traditional Chinese tag in the file."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="English tag in the file."),
) -> None:
    """Import entries from a TMX, TBX, PO or CSV/TSV file (new entries get status: proposed).

    Conflicts with existing entries are listed, never merged silently; --on-conflict decides.
    Exit code 2 on bad input or (with --on-conflict fail) a conflict; nothing is written then.
    """
    from glossary.importing import ImportOptions, describe, import_file

    langs = _languages(src_lang, trad_lang, tgt_lang)
    root = _relative(glossary_dir(ctx))
    report = import_file(root, file, fmt, on_conflict=on_conflict, dry_run=dry_run,
                         options=ImportOptions(langs=langs, default_type=default_type,
                                               keep_status=keep_status, file=into))
    for line in describe(report):
        print(line)


def segment(
    ctx: typer.Context,
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Text files or folders (GB18030/Big5/UTF-8)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="PATH", help="Where to write ('-' for stdout). Default: exports/segments.pot."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="pot, po or xliff (default: from -o's extension, else pot)."),
    keep_furniture: bool = typer.Option(False, "--keep-furniture", help="Keep page furniture (share buttons, source lines…)."),
    no_terms: bool = typer.Option(False, "--no-terms", help="Do not list glossary terms in the comments."),
    no_dates: bool = typer.Option(False, "--no-dates", help="Leave dates out (byte-identical output)."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang", help="Source language tag (default zh-CN)."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="Target language tag (default en-US)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Report what was dropped as furniture."),
    copy_source: bool = typer.Option(False, "--copy-source-to-target", help="XLIFF only: each source also as <target state=\"new\">, for OmegaT 3.x, which translates only <target> (other tools would take the copies for translations)."),
) -> None:
    """Split Chinese texts into sentences and write a POT/PO or XLIFF file for translators.

    Each unit is one distinct sentence with its places (file:line) and the glossary terms in it
    with their English renderings (阿拉格齐 = Abbas Araghchi).
    """
    from glossary.paths import collect_paths
    from glossary.formats import po, xliff
    from glossary.segment import read_source, segment_files, term_notes

    if fmt is None:
        suffix = Path(output).suffix.lower() if output and output != "-" else ".pot"
        fmt = {".po": "po", ".xlf": "xliff", ".xliff": "xliff"}.get(suffix, "pot")
    fmt = fmt.lower()
    if fmt not in SEGMENT_FORMATS:
        raise GlossaryError(f"--format must be one of {', '.join(SEGMENT_FORMATS)}")
    if copy_source and fmt != "xliff":
        raise GlossaryError("--copy-source-to-target is for XLIFF (--format xliff); a PO file's "
                            "untranslated msgstr is what OmegaT translates")
    langs = _languages(None, None, tgt_lang)
    source_lang = None
    if src_lang:
        source_lang = normalize(src_lang) if _is_tag(src_lang) else None
        if source_lang is None or not is_chinese(source_lang):
            raise GlossaryError(f"--src-lang: {src_lang!r} is not a Chinese language tag "
                                "(e.g. zh-CN, zh-TW, zh-Hans)")
    files = collect_paths(paths, include=TEXT_PATTERNS)
    if not files:
        raise GlossaryError("no text file (.txt, .md) in the given paths")
    glossary = None
    if not no_terms:
        try:
            glossary = load_glossary(glossary_dir(ctx))
        except GlossaryError as error:
            warn(f"no glossary, so no term comments: {error}")
    texts = [(Path(f).as_posix(), read_source(f)) for f in files]
    dropped: dict[str, int] = {}
    date = export_date(no_dates)
    title = ("Sentences of " + ", ".join(name for name, _ in texts[:3])
             + (f" and {len(texts) - 3} more files" if len(texts) > 3 else "")
             + f" for translation ({langs.source} → {langs.target}), made by glossary segment.\n"
             "Extracted comments list the glossary terms of each sentence.")
    if fmt == "xliff":
        from glossary.scripts import TRADITIONAL, profile

        out_files = []
        for name, text in texts:
            units = segment_files([(name, text)], keep_furniture, dropped)
            out_units = [xliff.OutUnit(f"s{n}", u.text, u.places,
                                       term_notes(glossary, u.text, u.documents),
                                       u.text if copy_source else None,
                                       "new" if copy_source else None)
                         for n, u in enumerate(units, 1)]
            if out_units:
                # Each <file> names its own script: a traditional text gets the traditional tag.
                own = source_lang or (langs.traditional if profile(text).script == TRADITIONAL
                                      else langs.source)
                out_files.append(xliff.OutFile(name, out_units, own))
        data = xliff.write_xliff(out_files, source_lang or langs.source, langs.target, date)
        count = sum(len(f.units) for f in out_files)
    else:
        units = segment_files(texts, keep_furniture, dropped)
        if not units:
            raise GlossaryError("nothing to write: no sentence found")
        source_units = [po.SourceUnit(u.text, u.places, term_notes(glossary, u.text, u.documents))
                        for u in units]
        if source_lang:
            title = title.replace(f"({langs.source} →", f"({source_lang} →")
        data = po.segments_file(source_units, langs, fmt == "pot", date, title)
        count = len(units)
    target = output or str(_project_root_or_cwd(ctx) / EXPORTS_DIRNAME
                           / ("segments.xlf" if fmt == "xliff" else f"segments.{fmt}"))
    _write(target, data)
    if verbose and dropped:
        print("dropped as furniture: " + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())),
              file=sys.stderr)
    if target != "-":
        print(f"wrote {target} ({count} units from {len(texts)} files)", file=sys.stderr)


def _is_tag(value: str) -> bool:
    try:
        normalize(value)
    except GlossaryError:
        return False
    return True


def _project_root_or_cwd(ctx: typer.Context) -> Path:
    try:
        return _project_root(ctx)
    except GlossaryError:
        return Path.cwd()


def register(app: typer.Typer) -> None:
    """Add export, import and segment to *app*."""
    app.command("export")(export)
    app.command("import")(import_)
    app.command("segment")(segment)
