"""``glossary check``: find every glossary term in texts and report the inconsistencies."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from glossary.check import CheckOptions, check_paths
from glossary.cli.common import open_glossary, warn
from glossary.config import FAIL_ON, load_config
from glossary.errors import GlossaryError
from glossary.fix import fix_files, fix_paths
from glossary.reader import atomic_file, read_text
from glossary.report import FORMATS, render_stats, write_human, write_json, write_sarif
from glossary.report.human import counted, script_of
from glossary.scripts import region_setting


class _LineReader:
    """The text of a line of a checked file, for the excerpts; keeps one file at a time."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.rows: list[str] = []

    def __call__(self, path: str, line: int) -> str:
        if path != self.path:
            self.path = path
            try:
                # each row's \r stripped once, not once per finding on it (a long CRLF line)
                self.rows = [row.rstrip("\r") for row in
                             read_text(path, lossy=True).text.split("\n")]
            except GlossaryError:
                self.rows = []
        return self.rows[line - 1] if 0 < line <= len(self.rows) else ""


def _split(values: Optional[List[str]]) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


class Progress:
    """A one-line progress display on stderr, shown only on a terminal and for long runs."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int, path: str) -> None:
        if not self.enabled or time.monotonic() - self.started < 0.5:
            return
        bar = "#" * (20 * done // total)
        sys.stderr.write(f"\r[{bar:<20}] {done}/{total} {path[-40:]:<40}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 80 + "\r")
            sys.stderr.flush()


def check(
    ctx: typer.Context,
    paths: List[str] = typer.Argument(..., help="Files, folders (walked) or glob patterns."),
    output_format: str = typer.Option("human", "--format", "-f", help="human, json or sarif."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (codes, prefixes or names; comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Leave these rules out."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 on findings at or above: error, warning (default), info, never."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes to the files."),
    diff: bool = typer.Option(False, "--diff", help="Show the safe fixes as a diff; write nothing."),
    stats: bool = typer.Option(False, "--stats", help="Print a table of every entry found, its forms and counts per file."),
    include: Optional[List[str]] = typer.Option(None, "--include", help="Glob of files to take from folders (default: *.txt, *.md and bilingual files)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Glob of files to leave out."),
    region: Optional[str] = typer.Option(None, "--region", help="Whose forms traditional texts write: auto (read from each, the default), taiwan or hong-kong."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes for a large run (0, the default: one per CPU core; 1: none)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Parse the glossary and build the automaton afresh; read and write no cache."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list files without findings, with their script and encoding."),
    colour: str = typer.Option("auto", "--color", help="auto, always or never."),
) -> None:
    """Check Chinese texts (and PO/TMX/XLIFF files) against the glossary.

    Exit code 0: no finding at or above --fail-on; 1: findings; 2: usage or input error.
    """
    if output_format not in FORMATS:
        raise GlossaryError(f"--format must be one of {', '.join(FORMATS)}")
    config = load_config()
    fail_on = fail_on or config.fail_on or "warning"
    if fail_on not in FAIL_ON:
        raise GlossaryError(f"--fail-on must be one of {', '.join(FAIL_ON)}")
    if colour not in ("auto", "always", "never"):
        raise GlossaryError("--color must be auto, always or never")
    region = region or config.traditional_region or "auto"
    region_setting(region, "--region")
    if jobs is not None and jobs < 0:
        raise GlossaryError("--jobs must be 0 (one per CPU core) or more")
    options = CheckOptions(
        select=_split(select) or config.select,
        ignore=config.ignore + _split(ignore),
        severity=config.severity,
        include=_split(include) or config.include,
        exclude=config.exclude + _split(exclude),
        use_cache=not no_cache,
        stats=stats,
        languages=config.languages,
        traditional_interpunct=config.traditional_interpunct,
        traditional_region=region,
        jobs=jobs if jobs is not None else config.jobs if config.jobs is not None else 0,
    )
    glossary = open_glossary(ctx, use_cache=not no_cache)
    progress = Progress(sys.stderr is not None and sys.stderr.isatty()
                        and output_format == "human")
    try:
        result = check_paths(glossary, paths, options, progress)
    finally:
        progress.close()
    for path, why in result.skipped + result.warnings:
        warn(f"{path}: {why}")
    if verbose:
        for fact in result.files:
            if fact.kind == "text":
                print(f"{fact.path}: {fact.encoding}, {'CRLF' if fact.newline == chr(13) + chr(10) else 'LF'}, "
                      f"{script_of(fact)} ({fact.simplified_chars} simplified-only, "
                      f"{fact.traditional_chars} traditional-only characters), {counted(fact.terms, 'term')}",
                      file=sys.stderr)

    if diff:
        changed = fix_files(result.findings, write=False)
        if sys.stdout is None:  # closed (>&-): nothing to show it on
            pass
        elif sys.stdout.isatty():  # to be read: all of it in the terminal's text
            sys.stdout.write("".join(o.diff() for o in changed))
        else:  # to be applied (patch, git apply): each file's lines in its own encoding
            sys.stdout.flush()
            sys.stdout.buffer.write(b"".join(o.diff_bytes() for o in changed))
            sys.stdout.buffer.flush()
    elif fix:
        run = fix_paths(glossary, paths, options, result)
        result = run.result
        print(f"Fixed {counted(run.applied, 'finding')} in {counted(len(run.files), 'file')}"
              + (f"; {counted(run.left, 'fix')} left out (overlapping, not encodable, or in a file "
                 "that is not all UTF-8)." if run.left
                 else "."),
              file=sys.stderr)

    use_colour = colour == "always" or (
        colour == "auto" and output is None and sys.stdout is not None and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR"))

    def write_report(stream) -> None:
        if output_format == "json":  # with --stats, its "usage"
            write_json(result, stream)
        elif output_format == "sarif":
            write_sarif(result, stream)
        elif stats:
            stream.write(render_stats(result))
        elif not diff:
            write_human(result, _LineReader(), stream, colour=use_colour, verbose=verbose)

    # a file name that is not UTF-8 (bad\xff.txt) is shown with its byte escaped: bad\udcff.txt
    if output is None:
        if sys.stdout is not None:  # closed (>&-): the exit code is the answer
            if hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(errors="backslashreplace")
            write_report(sys.stdout)
    else:
        try:
            with atomic_file(output, encoding="utf-8", errors="backslashreplace") as handle:
                write_report(handle)
        except OSError as exc:
            raise GlossaryError(f"cannot write the report: {exc.strerror}", output) from None
    if fail_on != "never" and result.count_at_or_above(fail_on):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
