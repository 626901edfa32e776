"""``glossary tm ...``: the translation memory (:mod:`glossary.memory`).

The memory is one SQLite file, by default ``.glossary/memory.sqlite`` at the project root (the
folder holding ``glossary/``), created on first write. ``--tm PATH`` (or ``$GLOSSARY_TM``), then
``tm = "PATH"`` (or ``[tool.glossary.tm] path = "PATH"``) in the project configuration, point
elsewhere. Commands: import, add, remove, stats, lookup, search, pretranslate, export, check.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from glossary.cli.common import glossary_dir, warn
from glossary.errors import GlossaryError
from glossary.findings import SEVERITY_RANK
from glossary.langtags import Languages, from_config
from glossary.memory import (DEFAULT_DIR, SqliteStore, default_path, diff, lookup,
                             render_diff)
from glossary.memory.store import AddReport, Unit

tm_app = typer.Typer(
    name="tm",
    help="The translation memory: import, look up, search, pretranslate, export, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FORMATS = ("table", "json")


def register(app: typer.Typer) -> None:
    """Add the ``tm`` command group to *app*."""
    app.add_typer(tm_app, name="tm")


@tm_app.callback()
def tm_options(
    ctx: typer.Context,
    tm: Optional[str] = typer.Option(
        None, "--tm", metavar="PATH", envvar="GLOSSARY_TM",
        help="The memory file (default: .glossary/memory.sqlite at the project root).",
    ),
) -> None:
    ctx.obj = {**(ctx.obj or {}), "tm": tm}


# -- shared -------------------------------------------------------------------------------------

def _tm_option(ctx: typer.Context) -> str | None:
    while ctx is not None:
        if isinstance(ctx.obj, dict) and ctx.obj.get("tm"):
            return ctx.obj["tm"]
        ctx = ctx.parent
    return None


def memory_path(ctx: typer.Context) -> Path:
    """The memory file: ``--tm``, the configuration's ``tm``, or the project default."""
    explicit = _tm_option(ctx)
    if explicit:
        return Path(explicit)
    from glossary.config import load_config

    config = load_config()
    setting = config.values.get("tm")
    if isinstance(setting, dict):
        setting = setting.get("path")
    if setting is not None:
        if not isinstance(setting, str) or not setting.strip():
            raise GlossaryError("setting 'tm' must be a path (or a table with 'path')",
                                config.path)
        path = Path(setting)
        return path if path.is_absolute() else Path(config.path or ".").parent / path
    try:
        root = glossary_dir(ctx).resolve().parent
    except GlossaryError as error:
        raise GlossaryError(f"{error.message}; or pass --tm PATH for the memory") from None
    return default_path(root)


def open_store(ctx: typer.Context, *, create: bool = False) -> SqliteStore:
    path = memory_path(ctx)
    if create and not path.exists():
        _ignore_folder(path)
    return SqliteStore(path, create=create)


def _ignore_folder(path: Path) -> None:
    """Give a new ``.glossary/`` folder its own ``.gitignore`` (the memory is not committed)."""
    folder = path.parent
    if folder.name != DEFAULT_DIR or folder.exists():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text("# made by glossary: the translation memory is not "
                                           "committed; commit its TMX export instead\n*\n",
                                           encoding="utf-8")
    except OSError:
        pass


def _glossary(ctx: typer.Context):
    """The project's glossary, or None when there is none (the memory works without one)."""
    from glossary.store import load_glossary

    try:
        return load_glossary(glossary_dir(ctx))
    except GlossaryError as error:
        explicit = ctx.find_root().obj.get("glossary") if ctx.find_root().obj else None
        if explicit:
            raise
        if "no glossary/ folder" not in error.message:
            warn(f"glossary not loaded: {error}")
        return None


def _languages(src: Optional[str], trad: Optional[str], tgt: Optional[str]) -> Languages:
    return from_config(src, trad, tgt)


def _check_format(output_format: str) -> None:
    if output_format not in FORMATS:
        raise GlossaryError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")


def _when(seconds: int | None) -> str:
    if not seconds:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(seconds))


def _origin(unit: Unit) -> str:
    where = unit.origin or "-"
    return f"{where}#{unit.origin_id}" if unit.origin_id else where


def _unit_dict(unit: Unit) -> dict:
    return {
        "id": unit.id, "source": unit.source, "target": unit.target,
        "source_lang": unit.source_lang, "target_lang": unit.target_lang,
        "origin": unit.origin, "origin_id": unit.origin_id, "context": unit.context,
        "note": unit.note, "created": unit.created, "changed": unit.changed, "count": unit.count,
    }


def _highlighter() -> tuple[str, str]:
    if sys.stdout.isatty():
        return "\x1b[1;7m", "\x1b[0m"
    return "[[", "]]"


class _Progress:
    """A progress bar on stderr (``[#####     ]  45% 450,000/1,000,000 units (21,000/s)``), on a
    terminal only, updated a few times a second; a count alone when the total is unknown."""

    def __init__(self, label: str, total: int | None = None):
        self.label = label
        self.total = total or None
        self.enabled = sys.stderr.isatty()
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(1e-6, now - self.started)
        if self.total:
            share = min(1.0, done / self.total)
            bar = "#" * int(24 * share)
            line = (f"{self.label} [{bar:<24}] {share:4.0%} {done:,}/{self.total:,} units "
                    f"({rate:,.0f}/s)")
        else:
            line = f"{self.label}: {done:,} units ({rate:,.0f}/s)"
        sys.stderr.write("\r" + line[:150] + "\x1b[K")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _report_line(name: str, report: AddReport) -> str:
    return (f"{name}: {report.added:,} added, {report.duplicates:,} duplicate"
            f"{'' if report.duplicates == 1 else 's'}, {report.skipped:,} skipped")


# -- import, add, remove, stats -------------------------------------------------------------

@tm_app.command("import")
def import_command(
    ctx: typer.Context,
    files: List[Path] = typer.Argument(..., help="TMX, PO/POT, XLIFF, CSV or TSV files."),
    include_fuzzy: bool = typer.Option(False, "--include-fuzzy", help="Also import fuzzy PO entries and XLIFF units needing review."),
    allow_other_languages: bool = typer.Option(False, "--allow-other-languages", help="Store units of another language pair than the memory's."),
    no_terms: bool = typer.Option(False, "--no-terms", help="Do not record which glossary renderings each unit uses."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang", help="Tag of simplified sources without one (default zh-CN)."),
    trad_lang: Optional[str] = typer.Option(None, "--trad-lang", help="Tag of traditional sources without one (default zh-TW)."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="Tag of targets without one (default en-US)."),
    again: bool = typer.Option(False, "--again", help="Import a file even if the same content was imported before (its units are counted again)."),
) -> None:
    """Add the translated units of FILES to the memory, one transaction per file.

    Exact duplicates (same source, target and languages) are stored once, with a count. A file
    whose content was imported before is left out (its units would count twice) unless --again.
    A malformed file stops the import with its file:line and adds nothing of that file.
    """
    from glossary.memory import import_file
    from glossary.memory.check import terms_recorder

    langs = _languages(src_lang, trad_lang, tgt_lang)
    for path in files:  # fail before writing anything when a file is missing
        if not path.is_file():
            raise GlossaryError("no such file", path)
    glossary = None if no_terms else _glossary(ctx)
    terms = terms_recorder(glossary)
    total = AddReport()
    with open_store(ctx, create=True) as store:
        for path in files:
            expected = None
            if sys.stderr.isatty():
                from glossary.memory.io import estimate_units

                expected = estimate_units(path)
            progress = _Progress(f"importing {path}", expected)
            try:
                report = import_file(store, path, langs=langs, include_fuzzy=include_fuzzy,
                                     allow_other_languages=allow_other_languages,
                                     progress=progress, terms=terms, again=again)
            finally:
                progress.close()
            if report.already is not None:
                print(f"{path}: already imported ({report.already}); nothing added "
                      "(--again counts its units again)")
                continue
            total.merge(report)
            print(_report_line(str(path), report))
            for unit_id, why in report.reasons[:5]:
                print(f"  skipped{' ' + unit_id if unit_id else ''}: {why}")
            if len(report.reasons) > 5:
                print(f"  … and {report.skipped - 5:,} more skipped")
    if len(files) > 1:
        print(_report_line("total", total))


@tm_app.command("add")
def add_command(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="The Chinese sentence."),
    target: str = typer.Argument(..., help="Its translation."),
    context: Optional[str] = typer.Option(None, "--context", help="Where the sentence is used."),
    note: Optional[str] = typer.Option(None, "--note", help="A note for translators."),
    origin: Optional[str] = typer.Option(None, "--origin", help="The file the pair comes from."),
    allow_other_languages: bool = typer.Option(False, "--allow-other-languages", help="Store a pair of another language pair than the memory's."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang", help="Source tag (default: zh-CN, or zh-TW for traditional text)."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="Target tag (default en-US)."),
) -> None:
    """Add one sentence pair to the memory."""
    from glossary.memory.check import terms_recorder
    from glossary.memory.io import chinese_tag

    from glossary.langtags import normalize as normalize_tag

    langs = _languages(None, None, None)

    def given(option: str, value: str) -> str:
        try:
            return normalize_tag(value)
        except GlossaryError as error:
            raise GlossaryError(f"{option}: {error.message}") from None

    unit = Unit(source.strip(), target.strip(),
                given("--src-lang", src_lang) if src_lang else chinese_tag(source, langs),
                given("--tgt-lang", tgt_lang) if tgt_lang else langs.target,
                origin=origin, context=context, note=note)
    from glossary.memory.store import check_unit

    check_unit(unit)
    terms = terms_recorder(_glossary(ctx))
    with open_store(ctx, create=True) as store:
        report = store.add_many([unit], allow_other_languages=allow_other_languages, terms=terms)
        if report.skipped:
            raise GlossaryError(f"cannot add the unit: {report.reasons[0][1]}")
        found = store.get_exact(unit.source)
        stored = next((u for u in found if u.target == unit.target), None)
    if report.added:
        print(f"added unit {stored.id if stored else '?'}")
    else:
        times = stored.count if stored else 2
        print(f"already in the memory (unit {stored.id if stored else '?'}, now {times} times)")


@tm_app.command("remove")
def remove_command(
    ctx: typer.Context,
    ids: Optional[List[int]] = typer.Argument(None, help="Unit ids (as lookup and search show)."),
    source: Optional[str] = typer.Option(None, "--source", help="Remove the units with exactly this source."),
    target: Optional[str] = typer.Option(None, "--target", help="With --source: only those with this target."),
    origin: Optional[str] = typer.Option(None, "--origin", help="Remove every unit imported from this file."),
) -> None:
    """Remove units by id, by exact source (and target), or by origin file."""
    if not ids and source is None and origin is None:
        raise GlossaryError("name the units to remove: ids, --source TEXT or --origin FILE")
    if target is not None and source is None:
        raise GlossaryError("--target needs --source")
    with open_store(ctx) as store:
        chosen: list[int] = list(ids or [])
        if source is not None:
            chosen += [u.id for u in store.get_exact(source)
                       if target is None or u.target == target]
        if origin is not None:
            chosen += [u.id for u in store.iter_units() if u.origin == origin]
        removed = store.delete(dict.fromkeys(chosen))
        if origin is not None:
            store.forget_imports(origin)  # so that the file can be imported afresh
    print(f"removed {removed:,} unit{'' if removed == 1 else 's'}")
    if not removed:
        raise typer.Exit(1)


@tm_app.command("stats")
def stats_command(
    ctx: typer.Context,
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Figures about the memory: units, languages, origins, size."""
    _check_format(output_format)
    with open_store(ctx) as store:
        stats = store.stats()
    if output_format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    pair = stats["language_pair"]
    print(f"memory:     {stats['path']}")
    print(f"languages:  {' → '.join(pair) if pair else '(not set yet)'}")
    print(f"units:      {stats['units']:,} ({stats['occurrences']:,} occurrences, "
          f"{stats['duplicates_merged']:,} duplicates merged)")
    print(f"size:       {stats['size_bytes'] / 1e6:,.1f} MB")
    print(f"dates:      {_when(stats['first_created'])} … {_when(stats['last_changed'])} (UTC)")
    print(f"terms:      renderings recorded for {stats['units_with_recorded_terms']:,} units")
    if len(stats["languages"]) > 1 or (stats["languages"] and pair and tuple(pair) != (
            stats["languages"][0]["source_lang"], stats["languages"][0]["target_lang"])):
        for row in stats["languages"]:
            print(f"  {row['source_lang']} → {row['target_lang']}: {row['units']:,}")
    if stats["origins"]:
        print("origins:")
        for row in stats["origins"]:
            print(f"  {row['units']:>10,}  {row['origin'] or '(added by hand)'}")


# -- lookup and search ----------------------------------------------------------------------

@tm_app.command("lookup")
def lookup_command(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="A Chinese sentence (either script)."),
    min_score: int = typer.Option(70, "--min", min=0, max=100, help="Lowest score shown (0–100)."),
    limit: int = typer.Option(5, "--limit", min=1, help="At most this many matches."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """The best matches for a sentence, with a score (0–100) and what differs.

    The score is character-based on normalised text (script, width, punctuation, spaces and
    pinyin annotations folded): 100 means the same sentence after normalisation; "exact" means
    the stored source is byte-for-byte the query. In the differences, [-x-] is only in the
    stored source and {+y+} only in the query.
    """
    _check_format(output_format)
    with open_store(ctx) as store:
        matches = lookup(store, text, min_score=min_score, limit=limit)
    if output_format == "json":
        out = []
        for m in matches:
            parts = diff(text, m.unit.source)
            out.append({"score": m.score, "kind": m.kind, "exact": m.exact,
                        "unit": _unit_dict(m.unit),
                        "diff": [{"op": p.op, "unit": p.unit, "query": p.query} for p in parts]})
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not matches:
        print(f"no match scoring {min_score} or more")
        return
    for number, m in enumerate(matches, 1):
        times = f", {m.unit.count} times" if m.unit.count > 1 else ""
        print(f"{number}. {m.score:>3}  {m.kind:<5}  unit {m.unit.id}{times}  {_origin(m.unit)}")
        if m.exact:
            print(f"   source  {m.unit.source}")
        else:
            print(f"   diff    {render_diff(diff(text, m.unit.source))}")
        print(f"   target  {m.unit.target}")


@tm_app.command("search")
def search_command(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="Text to find (Chinese in either script, or English with --target)."),
    target: bool = typer.Option(False, "--target", help="Search the translations instead of the sources."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many units."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Concordance: every unit whose source (or target) contains TEXT, the hit highlighted."""
    from glossary.memory.score import highlight_spans, mark

    _check_format(output_format)
    if not text.strip():
        raise GlossaryError("give some text to search for")
    with open_store(ctx) as store:
        units = list(store.concordance(text, target=target, limit=limit + 1))
    more = len(units) > limit
    units = units[:limit]
    if output_format == "json":
        out = []
        for unit in units:
            field_text = unit.target if target else unit.source
            spans = highlight_spans(field_text, text, target=target)
            out.append({"unit": _unit_dict(unit),
                        "hits": [{"start": s, "end": e} for s, e in spans],
                        "field": "target" if target else "source"})
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not units:
        print("no unit contains it")
        return
    before, after = _highlighter()
    for unit in units:
        source, translation = unit.source, unit.target
        if target:
            translation = mark(translation, highlight_spans(translation, text, target=True),
                               before, after)
        else:
            source = mark(source, highlight_spans(source, text), before, after)
        print(f"unit {unit.id}  {_origin(unit)}")
        print(f"   source  {source}")
        print(f"   target  {translation}")
    if more:
        print(f"(more than {limit}; use --limit to see more)")


# -- pretranslate, export, check ------------------------------------------------------------

@tm_app.command("pretranslate")
def pretranslate_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A POT/PO or XLIFF 1.2 file."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the filled file."),
    min_score: int = typer.Option(70, "--min", min=1, max=100, help="Lowest fuzzy score used."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="Target language (default en-US)."),
) -> None:
    """Fill a file from the memory: exact matches as translated, fuzzy ones marked for review
    (with the score and origin in a comment), and for units with no match the glossary terms of
    the sentence with their English renderings."""
    from glossary.memory import pretranslate_file

    if not file.is_file():
        raise GlossaryError("no such file", file)
    langs = _languages(None, None, tgt_lang)
    glossary = _glossary(ctx)
    with open_store(ctx) as store:
        progress = _Progress(f"pretranslating {file}")
        try:
            report = pretranslate_file(store, file, output, glossary=glossary,
                                       min_score=min_score, langs=langs, progress=progress)
        finally:
            progress.close()
    print(f"{output}: {report.exact:,} exact, {report.fuzzy:,} fuzzy (≥ {min_score}), "
          f"{report.no_match:,} without a match"
          + (f", {report.already:,} already translated" if report.already else "")
          + (f", {report.skipped:,} skipped" if report.skipped else ""))


@tm_app.command("export")
def export_command(
    ctx: typer.Context,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The TMX file ('-' for stdout; default: exports/memory.tmx at the project root)."),
    no_dates: bool = typer.Option(False, "--no-dates", help="No creation date in the header (units keep theirs)."),
) -> None:
    """Write the whole memory as TMX 1.4b (segtype="sentence"), its portable, reviewable form."""
    from glossary.formats.base import export_date
    from glossary.memory import export_tmx

    if output is None:
        output = glossary_dir(ctx).resolve().parent / "exports" / "memory.tmx"
    to_stdout = str(output) == "-"
    with open_store(ctx) as store:
        count = export_tmx(store, sys.stdout.buffer if to_stdout else output,
                           creationdate=export_date(no_dates))
    if to_stdout:
        sys.stdout.flush()
    else:
        print(f"{output}: {count:,} unit{'' if count == 1 else 's'}")


@tm_app.command("check")
def check_command(
    ctx: typer.Context,
    record: bool = typer.Option(False, "--record", help="First record the renderings of units that have none (a baseline for later glossary changes)."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
    fail_on: str = typer.Option("warning", "--fail-on", help="Exit 1 on findings at or above: error, warning, info, never."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Show at most this many findings."),
) -> None:
    """Units whose translation contradicts the glossary: a forbidden rendering (GL202), no
    rendering (GL201), or a rendering the glossary has since replaced (GL210)."""
    from glossary.memory import check_memory, record_renderings

    _check_format(output_format)
    if fail_on not in ("error", "warning", "info", "never"):
        raise GlossaryError("--fail-on must be error, warning, info or never")
    glossary = _glossary(ctx)
    if glossary is None:
        raise GlossaryError("no glossary to check against; run inside the project or pass "
                            "--glossary DIR")
    findings = []
    with open_store(ctx, create=False) as store:
        if record:
            written = record_renderings(store, glossary)
            print(f"recorded {written:,} renderings", file=sys.stderr)
        progress = _Progress("checking the memory")
        try:
            for finding in check_memory(store, glossary, progress=progress):
                findings.append(finding)
        finally:
            progress.close()
    shown = findings[:limit] if limit else findings
    if output_format == "json":
        print(json.dumps([f.to_dict() for f in shown], ensure_ascii=False, indent=2))
    else:
        for f in shown:
            where = f"unit {f.unit_id}" + (f" ({f.origin}#{f.origin_id})" if f.origin else "")
            print(f"{where}: {f.code} {f.severity}: {f.message}")
            print(f"   source  {f.source}")
            print(f"   target  {f.target}")
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.code] = counts.get(f.code, 0) + 1
        summary = ", ".join(f"{n:,} {code}" for code, n in sorted(counts.items()))
        print(f"{len(findings):,} finding{'' if len(findings) == 1 else 's'}"
              + (f" ({summary})" if summary else ""))
    if fail_on != "never" and any(
            SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in findings):
        raise typer.Exit(1)
