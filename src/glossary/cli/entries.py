"""Maintenance commands: add, edit, remove, list, show, search, validate."""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from glossary.cli.common import glossary_dir, warn
from glossary.edit import add_entry, remove_entry, slugify, update_entry
from glossary.errors import GlossaryError
from glossary.model import (ENTRY_TYPES, FORBIDDEN, PREFERRED, STATUSES, VARIANT, Entry, Glossary,
                            form_key)
from glossary.render import render_entries
from glossary.scripts import traditional_forms
from glossary.store import load_file, load_glossary
from glossary.textwidth import display_width
from glossary.validate import validate as validate_glossary

TABLE_FORMATS = ("table", "json", "yaml")


# --- helpers -------------------------------------------------------------------------------


def _root(ctx: typer.Context) -> Path:
    """The glossary folder, relative to the current folder when inside it (for short paths)."""
    root = glossary_dir(ctx)
    try:
        rel = os.path.relpath(root)
    except ValueError:  # pragma: no cover - another drive on Windows
        return root
    return Path(rel) if not rel.startswith("..") else root


def _entry(data: dict[str, Any]) -> Entry:
    """An entry from command-line values; an invalid value is a one-line error without a path."""
    try:
        return Entry.from_dict({k: v for k, v in data.items() if v not in (None, [], ())},
                               "<command line>")
    except GlossaryError as error:
        raise GlossaryError(error.message) from None


def _forbidden(value: str) -> dict[str, str]:
    """``FORM`` or ``FORM=reason`` → a forbidden item."""
    form, sep, reason = value.partition("=")
    return {"form": form.strip(), **({"reason": reason.strip()} if sep and reason.strip() else {})}


def _location(entry: Entry) -> str:
    loc = entry.location
    return f"{loc.path}:{loc.line}" if loc else "?"


def _table(rows: list[list[str]]) -> str:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _entries_table(entries: list[Entry]) -> str:
    rows = [["ID", "ZH", "ZH-HANT", "EN", "TYPE", "STATUS"]]
    rows += [[e.id, e.zh, e.hant(), e.en, e.type, e.status] for e in entries]
    return _table(rows)


def _print_entries(entries: list[Entry], output_format: str) -> None:
    if output_format == "json":
        print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
    elif output_format == "yaml":
        print(render_entries(entries), end="")
    else:
        print(_entries_table(entries))


def _check_choice(value: Optional[str], choices: tuple[str, ...], option: str) -> None:
    if value is not None and value not in choices:
        raise GlossaryError(f"{option} must be one of {', '.join(choices)}, not {value!r}")


def _suggestions(key: str, glossary: Glossary) -> str:
    """``; did you mean a, b?`` for a key that matched nothing, or an empty string."""
    candidates: dict[str, str] = {}
    for entry in glossary:
        candidates[entry.id] = entry.id
        for form in (*entry.accepted_forms, entry.en):
            candidates.setdefault(form, entry.id)
    close = [candidates[c] for c in difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.6)]
    close += [e.id for e in glossary.search(key)[:3]]
    names = list(dict.fromkeys(close))[:3]
    return f"; did you mean {', '.join(names)}?" if names else ""


def _line_of(path: Path, entry_id: str) -> str:
    try:
        for entry in load_file(path):
            if entry.id == entry_id:
                return _location(entry)
    except GlossaryError:  # pragma: no cover - changed by someone else meanwhile
        pass
    return str(path)


# --- add, edit, remove ----------------------------------------------------------------------


def add(
    ctx: typer.Context,
    zh: str = typer.Argument(..., metavar="ZH", help="The preferred Chinese form (simplified script)."),
    en: str = typer.Argument(..., metavar="EN", help="The preferred English rendering."),
    entry_type: str = typer.Option(..., "--type", "-t", help="One of: " + ", ".join(ENTRY_TYPES) + "."),
    entry_id: Optional[str] = typer.Option(None, "--id", help="The entry's id (default: a slug of EN)."),
    status: Optional[str] = typer.Option(None, "--status", help="approved (default), proposed or deprecated."),
    zh_hant: Optional[str] = typer.Option(None, "--zh-hant", help="The preferred traditional form, if not OpenCC's."),
    variant: Optional[List[str]] = typer.Option(None, "--variant", help="An accepted Chinese variant (repeatable)."),
    forbid: Optional[List[str]] = typer.Option(None, "--forbid", help="A forbidden Chinese form, FORM or FORM=reason (repeatable)."),
    not_in: Optional[List[str]] = typer.Option(None, "--not-in", help="A longer word in which one of the forms is not this entry, e.g. 四川普 for 川普 (repeatable)."),
    generic: Optional[List[str]] = typer.Option(None, "--generic", help="A variant or forbidden form that is also an ordinary word, e.g. 经济学者: it counts only where the text shows the entry is meant (repeatable)."),
    en_variant: Optional[List[str]] = typer.Option(None, "--en-variant", help="An accepted English variant (repeatable)."),
    en_forbid: Optional[List[str]] = typer.Option(None, "--en-forbid", help="A forbidden English rendering (repeatable)."),
    note: Optional[str] = typer.Option(None, "--note", help="A note for translators."),
    context: Optional[str] = typer.Option(None, "--context", help="What tells this entry from a homograph."),
    source: Optional[List[str]] = typer.Option(None, "--source", help="A source (URL or reference; repeatable)."),
    file: Optional[str] = typer.Option(None, "--file", help="The glossary file (relative to the glossary folder)."),
) -> None:
    """Add an entry; refused if its id or one of its forms is already taken.

    The entry goes to --file, else to the file whose entries are mostly of its type, else to
    <type plural>.yaml (people.yaml for person). The file is otherwise left byte for byte.
    """
    root = _root(ctx)
    entry = _entry({
        "id": entry_id or slugify(en), "zh": zh, "en": en, "type": entry_type, "status": status,
        "zh_hant": zh_hant, "variants": variant, "forbidden": [_forbidden(f) for f in forbid or []],
        "not_in": not_in, "en_variants": en_variant, "en_forbidden": en_forbid, "note": note, "context": context,
        "sources": source,
    } | {"generic": _as_written(generic, variant or [], [_forbidden(f)["form"] for f in forbid or []])})
    path = add_entry(root, entry, file)
    print(f"added {entry.id} to {_line_of(path, entry.id)}")
    _warn_shared_english(root, entry)


def _warn_shared_english(root: Path, entry: Entry) -> None:
    try:
        glossary = load_glossary(root)
    except GlossaryError:  # pragma: no cover - changed by someone else meanwhile
        return
    for other in glossary:
        if other.id != entry.id and other.en.casefold() == entry.en.casefold():
            warn(f"entry {other.id} ({_location(other)}) has the same English rendering {other.en!r}")


def edit(
    ctx: typer.Context,
    entry_id: str = typer.Argument(..., metavar="ID", help="The id of the entry to change."),
    new_id: Optional[str] = typer.Option(None, "--id", help="Rename the entry."),
    zh: Optional[str] = typer.Option(None, "--zh", help="New preferred Chinese form."),
    en: Optional[str] = typer.Option(None, "--en", help="New preferred English rendering."),
    entry_type: Optional[str] = typer.Option(None, "--type", "-t", help="New type."),
    status: Optional[str] = typer.Option(None, "--status", help="New status."),
    zh_hant: Optional[str] = typer.Option(None, "--zh-hant", help="New traditional form ('' removes it)."),
    note: Optional[str] = typer.Option(None, "--note", help="New note ('' removes it)."),
    context: Optional[str] = typer.Option(None, "--context", help="New context ('' removes it)."),
    add_variant: Optional[List[str]] = typer.Option(None, "--add-variant", help="Add an accepted Chinese variant."),
    remove_variant: Optional[List[str]] = typer.Option(None, "--remove-variant", help="Remove a Chinese variant."),
    add_forbid: Optional[List[str]] = typer.Option(None, "--add-forbid", help="Add a forbidden form: FORM or FORM=reason (replaces the reason of a form already there)."),
    remove_forbid: Optional[List[str]] = typer.Option(None, "--remove-forbid", help="Remove a forbidden form."),
    add_not_in: Optional[List[str]] = typer.Option(None, "--add-not-in", help="Add a longer word in which a form is not this entry (四川普 for 川普)."),
    remove_not_in: Optional[List[str]] = typer.Option(None, "--remove-not-in", help="Remove such a word."),
    add_generic: Optional[List[str]] = typer.Option(None, "--add-generic", help="Mark a variant or forbidden form as an ordinary word too (经济学者): it counts only where the text shows the entry is meant."),
    remove_generic: Optional[List[str]] = typer.Option(None, "--remove-generic", help="Unmark such a form."),
    add_en_variant: Optional[List[str]] = typer.Option(None, "--add-en-variant", help="Add an accepted English variant."),
    remove_en_variant: Optional[List[str]] = typer.Option(None, "--remove-en-variant", help="Remove an English variant."),
    add_en_forbid: Optional[List[str]] = typer.Option(None, "--add-en-forbid", help="Add a forbidden English rendering."),
    remove_en_forbid: Optional[List[str]] = typer.Option(None, "--remove-en-forbid", help="Remove a forbidden English rendering."),
    add_source: Optional[List[str]] = typer.Option(None, "--add-source", help="Add a source."),
    remove_source: Optional[List[str]] = typer.Option(None, "--remove-source", help="Remove a source."),
    set_sources: Optional[List[str]] = typer.Option(None, "--set-source", "--set-sources", help="Replace all sources (repeatable; '' clears them)."),
) -> None:
    """Change fields of an entry; only the lines of the changed fields are rewritten."""
    options = [new_id, zh, en, entry_type, status, zh_hant, note, context, add_variant,
               remove_variant, add_forbid, remove_forbid, add_not_in, remove_not_in,
               add_generic, remove_generic, add_en_variant, remove_en_variant,
               add_en_forbid, remove_en_forbid, add_source, remove_source, set_sources]
    if all(option is None for option in options):
        raise GlossaryError("nothing to change; give at least one option (see 'glossary edit --help')")
    root = _root(ctx)
    before: list[Entry] = []
    after: list[Entry] = []

    def change(old: Entry) -> Entry:
        before.append(old)
        data = old.to_dict()
        for name, value in (("id", new_id), ("zh", zh), ("en", en), ("type", entry_type),
                            ("status", status), ("zh_hant", zh_hant), ("note", note),
                            ("context", context)):
            if value is not None:
                data[name] = value if value.strip() or name not in ("zh_hant", "note", "context") \
                    else None
        if set_sources is not None:
            data["sources"] = [s for s in set_sources if s.strip()]
        _edit_list(data, "variants", add_variant, remove_variant, "variant", form_key)
        _edit_list(data, "not_in", add_not_in, remove_not_in, "not_in word", form_key)
        _edit_list(data, "en_variants", add_en_variant, remove_en_variant, "English variant", str.casefold)
        _edit_list(data, "en_forbidden", add_en_forbid, remove_en_forbid, "forbidden English rendering",
                   str.casefold)
        _edit_list(data, "sources", add_source, remove_source, "source", str.strip)
        forbidden = data.get("forbidden", [])
        for value in remove_forbid or []:
            keep = [f for f in forbidden if form_key(f["form"]) != form_key(value)]
            if len(keep) == len(forbidden):
                raise GlossaryError(f"entry {old.id} has no forbidden form {value!r}")
            forbidden = keep
        for value in add_forbid or []:
            item = _forbidden(value)
            forbidden = [f for f in forbidden if form_key(f["form"]) != form_key(item["form"])] + [item]
        data["forbidden"] = forbidden
        # a generic form is one of the variants or forbidden forms, as written there
        # (one whose form this edit removed goes with it)
        forms = [*data.get("variants", []), *(f["form"] for f in forbidden)]
        kept = {form_key(f) for f in forms}
        data["generic"] = [g for g in data.get("generic", []) if form_key(g) in kept]
        _edit_list(data, "generic", _as_written(add_generic, forms), remove_generic,
                   "generic form", form_key)
        after.append(_entry(data))
        return after[-1]

    path = update_entry(root, entry_id, change)
    final_id = new_id or entry_id
    if before and after and before[-1] == after[-1]:
        print(f"{entry_id} unchanged ({_line_of(path, final_id)})")
    else:
        print(f"changed {final_id} in {_line_of(path, final_id)}")


def _as_written(forms: Optional[List[str]], *lists: List[str]) -> List[str]:
    """*forms* as the entry writes them among *lists* (its variants, its forbidden forms), in
    either script or with any separator; a form it does not have is left for validation to
    name."""
    written = {form_key(f): f for values in lists for f in values}
    return [written.get(form_key(f), f) for f in forms or []]


def _edit_list(data: dict[str, Any], name: str, add: Optional[List[str]],
               remove: Optional[List[str]], label: str, key: Callable[[str], str]) -> None:
    values = list(data.get(name, []))
    for value in remove or []:
        keep = [v for v in values if key(v) != key(value)]
        if len(keep) == len(values):
            raise GlossaryError(f"entry {data['id']} has no {label} {value!r}")
        values = keep
    for value in add or []:
        if all(key(v) != key(value) for v in values):
            values.append(value)
    data[name] = values


def remove(
    ctx: typer.Context,
    entry_id: str = typer.Argument(..., metavar="ID", help="The id of the entry to remove."),
) -> None:
    """Remove an entry, with the comment lines directly above it."""
    root = _root(ctx)
    glossary = load_glossary(root)
    entry = glossary.get(entry_id)
    where = _location(entry) if entry else ""
    path = remove_entry(root, entry_id)
    print(f"removed {entry_id} from {where or path}")


# --- list, show, search ---------------------------------------------------------------------


def list_entries(
    ctx: typer.Context,
    entry_type: Optional[str] = typer.Option(None, "--type", "-t", help="Only entries of this type."),
    status: Optional[str] = typer.Option(None, "--status", help="Only entries with this status."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, json or yaml."),
) -> None:
    """List the entries: id, Chinese (simplified and traditional), English, type, status."""
    _check_choice(entry_type, ENTRY_TYPES, "--type")
    _check_choice(status, STATUSES, "--status")
    _check_choice(output_format, TABLE_FORMATS, "--format")
    glossary = load_glossary(_root(ctx))
    entries = [e for e in glossary if (entry_type in (None, e.type)) and (status in (None, e.status))]
    _print_entries(entries, output_format)


def _trad(forms: tuple[str, ...] | list[str]) -> list[str]:
    out: dict[str, None] = {}
    for form in forms:
        for trad in traditional_forms(form):
            if trad not in forms:
                out.setdefault(trad)
    return list(out)


def _show_data(entry: Entry, matched: str | None, kind: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"location": _location(entry), **entry.to_dict()}
    data["zh_hant_effective"] = entry.hant()
    data["traditional_forms"] = _trad(entry.accepted_forms)
    data["traditional_forbidden_forms"] = _trad(entry.forbidden_forms)
    if matched is not None:
        data["matched"] = {"form": matched, "as": kind}
    return data


def show(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="ID|FORM", help="An entry id, or any Chinese form in either script."),
    output_format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Show an entry with all its fields, its file:line and the traditional forms checked.

    FORM may be in simplified or traditional script, any accepted or forbidden form, with any
    interpunct or dash. Unknown ID or FORM: exit code 2.
    """
    _check_choice(output_format, ("text", "json"), "--format")
    glossary = load_glossary(_root(ctx))
    entry = glossary.get(key.strip())
    hits: list[tuple[Entry, str | None, str | None]]
    if entry is not None:
        hits = [(entry, None, None)]
    else:
        hits = [(o.entry, o.form, o.kind) for o in glossary.owners(key)] if key.strip() else []
    if not hits:
        raise GlossaryError(f"no entry has the id or Chinese form {key!r}{_suggestions(key, glossary)}")
    if output_format == "json":
        print(json.dumps([_show_data(*hit) for hit in hits], ensure_ascii=False, indent=2))
        return
    blocks = []
    for entry, form, kind in hits:
        lines = []
        if kind == FORBIDDEN:
            reason = next((f.reason for f in entry.forbidden if f.form == form), None)
            lines.append(f"{form} is FORBIDDEN: use {entry.zh} ({entry.en}); it is a forbidden "
                         f"form of entry {entry.id}" + (f": {reason}" if reason else ""))
        elif kind == VARIANT:
            lines.append(f"{form} is an accepted variant of entry {entry.id}")
        elif kind == PREFERRED and form is not None:
            which = "traditional form" if form == entry.zh_hant and form != entry.zh else "form"
            lines.append(f"{form} is the preferred {which} of entry {entry.id}")
        lines.append(_show_text(entry))
        blocks.append("\n".join(lines))
    print("\n\n".join(blocks))


def _show_text(entry: Entry) -> str:
    rows: list[tuple[str, str]] = [("id", entry.id), ("file", _location(entry))]
    for name in ("zh", "zh_hant", "en", "type", "status", "variants", "forbidden", "not_in",
                 "generic", "en_variants", "en_forbidden", "note", "context", "sources"):
        value = getattr(entry, name)
        if name == "zh_hant" and not value:
            rows.append((name, f"{entry.hant()} (OpenCC conversion)"))
            continue
        if name == "forbidden":
            value = ", ".join(f.form + (f" ({f.reason})" if f.reason else "") for f in value)
        elif isinstance(value, tuple):
            value = ", ".join(value)
        rows.append((name, (value or "-").replace("\n", "\n" + " " * 17)))
    rows.append(("traditional", ", ".join(_trad(entry.accepted_forms)) or "-"))
    if entry.forbidden:
        rows.append(("trad. forbidden", ", ".join(_trad(entry.forbidden_forms)) or "-"))
    return "\n".join(f"{name + ':':<17}{value}" for name, value in rows)


def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., metavar="TEXT", help="Part of a Chinese form (either script), an English rendering, a note or an id."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, json or yaml."),
) -> None:
    """Find entries by any Chinese form, English rendering, note or id."""
    _check_choice(output_format, TABLE_FORMATS, "--format")
    glossary = load_glossary(_root(ctx))
    hits = glossary.search(text)
    if not hits and output_format == "table":
        warn(f"no entry matches {text!r}")
        return
    _print_entries(hits, output_format)


# --- validate -------------------------------------------------------------------------------


def validate(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    output_format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Check every glossary file: format, duplicate ids, forms claimed twice, contradictions.

    Prints each problem as path:line: severity: message. Exit code 1 if there are errors (or,
    with --strict, warnings), 0 otherwise.
    """
    _check_choice(output_format, ("text", "json"), "--format")
    result = validate_glossary(_root(ctx))
    ok = result.ok(strict)
    if output_format == "json":
        print(json.dumps({
            "entries": result.entries, "files": result.files, "ok": ok,
            "problems": [dataclasses.asdict(p) for p in result.problems],
        }, ensure_ascii=False, indent=2))
    else:
        for problem in result.problems:
            print(problem)
        summary = f"{result.entries} entries in {result.files} files: "
        errors, warnings = len(result.errors), len(result.warnings)
        counts = ", ".join(part for part in (
            f"{errors} error{'s' * (errors != 1)}" if errors else "",
            f"{warnings} warning{'s' * (warnings != 1)}" if warnings else "") if part)
        print(summary + ("OK" + (f" ({counts})" if counts else "") if ok else counts))
    if not ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("add")(add)
    app.command("edit")(edit)
    app.command("remove")(remove)
    app.command("list")(list_entries)
    app.command("show")(show)
    app.command("search")(search)
    app.command("validate")(validate)
