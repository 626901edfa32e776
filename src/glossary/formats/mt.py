"""Glossaries for machine translation engines: DeepL and Google Cloud Translation.

* **DeepL** (https://developers.deepl.com/docs/customize/managing-glossaries, "Entry formats"):
  TSV entries, no header, one ``source<TAB>target`` per line. DeepL requires sources to be
  unique and entries to be free of C0/C1 control characters and Unicode line breaks and of
  leading or trailing whitespace, at most 1024 UTF-8 bytes each. We write one row per Chinese
  form that a text may contain — the simplified form, its traditional spellings (the
  entry's ``zh_hant`` and OpenCC's generic, Taiwan and Hong Kong conversions), each accepted
  variant and its traditional spellings, and each of these without the name interpunct
  (阿巴斯·阿拉格齐 and 阿巴斯阿拉格齐) — mapped to the
  English rendering. Forbidden forms are never written (an engine would then accept them);
  a form claimed by two entries (homographs) is left out, since one source can have only one
  target, and reported.
* **Google Cloud Translation** (https://cloud.google.com/translate/docs/advanced/glossary):
  the unidirectional glossary, a two-column CSV without header (the same rows as DeepL's), or
  with ``--google-layout equivalent-terms`` an equivalent-term-sets CSV whose header row holds
  the language codes (``zh-CN,zh-TW,en-US``) and whose rows hold one entry's simplified,
  traditional and English forms (variants are not carried by this layout).

Both lose every field but the forms and the English rendering: type, status, note, context,
sources, English variants and forbidden forms.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from typing import Iterator

from glossary.errors import GlossaryError
from glossary.formats.base import ExportOptions, check_entries, traditional_preferred
from glossary.model import Entry, form_key
from glossary.normalize import INTERPUNCT, fold_noise, strip_interpuncts
from glossary.scripts import TRADITIONAL_CONFIGS, to_traditional

DEEPL_URL = "https://developers.deepl.com/docs/customize/managing-glossaries"
GOOGLE_URL = "https://cloud.google.com/translate/docs/advanced/glossary"
MAX_BYTES = 1024
LAYOUTS = ("unidirectional", "equivalent-terms")

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def clean(value: str) -> str:
    """*value* as an MT engine accepts it: control characters and line breaks turned into
    spaces, runs of whitespace collapsed, trimmed."""
    chars = []
    for c in value:
        if c in _LINE_BREAKS or c == "\t" or unicodedata.category(c) == "Cc":
            chars.append(" ")
        else:
            chars.append(c)
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def spellings(form: str, given_traditional: str | None = None) -> list[str]:
    """*form*, its traditional spellings (*given_traditional*, then OpenCC's), and each of them
    without a name interpunct, in that order, without repeats."""
    out = [form]
    if given_traditional:
        out.append(given_traditional)
    # OpenCC's conversions (generic, Taiwan, Hong Kong); not the character-by-character
    # spellings of crude converters, which the checker looks for but no MT input should have.
    out.extend(to_traditional(form, config) for config in TRADITIONAL_CONFIGS)
    more = []
    for spelling in out:
        folded = fold_noise(spelling)
        if INTERPUNCT in folded:
            more.append(strip_interpuncts(folded))
    seen: dict[str, None] = {}
    for spelling in out + more:
        seen.setdefault(spelling)
    return list(seen)


def entry_forms(entries: list[Entry]) -> Iterator[tuple[Entry, str, str | None]]:
    """(entry, Chinese form, the accepted variant it spells or None) for every form a text may
    contain (see :func:`spellings`), cleaned, in entry order; never a form that any of
    *entries* forbids."""
    forbidden = {form_key(f.form) for e in entries for f in e.forbidden}
    forbidden_exact = {f.form for e in entries for f in e.forbidden}
    for entry in entries:
        forms: dict[str, str | None] = dict.fromkeys(spellings(entry.zh, entry.zh_hant))
        for variant in entry.variants:
            for form in spellings(variant):
                forms.setdefault(form, variant)
        seen = set()
        for form, variant in forms.items():
            source = clean(form)
            if not source or source in seen or source in forbidden_exact \
                    or form_key(source) in forbidden:
                continue
            seen.add(source)
            yield entry, source, variant


def term_rows(entries: list[Entry], warnings: list[str] | None = None) -> list[tuple[str, str]]:
    """(Chinese form, English rendering) rows: unique sources, no forbidden form, in entry order."""
    claims: dict[str, list[tuple[str, str]]] = {}  # source → [(entry id, english)]
    order: list[str] = []
    for entry, source, _ in entry_forms(entries):
        if source not in claims:
            claims[source] = []
            order.append(source)
        claims[source].append((entry.id, clean(entry.en)))
    rows = []
    for source in order:
        owners = claims[source]
        targets = {english for _, english in owners}
        if len(targets) > 1:
            if warnings is not None:
                warnings.append(f"{source} left out: it stands for {', '.join(i for i, _ in owners)} "
                                "(an MT glossary maps a source to one target)")
            continue
        target = owners[0][1]
        for value, what in ((source, "the Chinese form"), (target, "the English rendering")):
            if len(value.encode("utf-8")) > MAX_BYTES:
                raise GlossaryError(f"entry {owners[0][0]}: {what} {value[:40]!r}… is longer "
                                    f"than {MAX_BYTES} UTF-8 bytes, the limit of MT glossaries")
        rows.append((source, target))
    return rows


def export_deepl(entries: list[Entry], options: ExportOptions,
                 warnings: list[str] | None = None) -> bytes:
    """DeepL glossary entries (TSV, no header)."""
    check_entries(entries)
    return "".join(f"{s}\t{t}\n" for s, t in term_rows(entries, warnings)).encode("utf-8")


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def export_google(entries: list[Entry], options: ExportOptions,
                  warnings: list[str] | None = None) -> bytes:
    """Google Cloud Translation glossary: unidirectional (default) or equivalent-term sets."""
    check_entries(entries)
    layout = options.google_layout
    if layout not in LAYOUTS:
        raise GlossaryError(f"--google-layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if layout == "unidirectional":
        return _csv([[s, t] for s, t in term_rows(entries, warnings)])
    langs = options.langs
    rows = [[langs.source, langs.traditional, langs.target]]
    seen: dict[str, str] = {}
    for entry in entries:
        hant, _ = traditional_preferred(entry)
        zh, trad, en = clean(entry.zh), clean(hant), clean(entry.en)
        if zh in seen:
            if warnings is not None:
                warnings.append(f"{zh} left out for {entry.id}: the row of {seen[zh]} has it already")
            continue
        seen[zh] = entry.id
        rows.append([zh, trad, en])
    return _csv(rows)


def read_pairs(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of a header-less two-column file (for importing DeepL/Google glossaries)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for cells in reader:
        yield reader.line_num, cells


__all__ = ["DEEPL_URL", "GOOGLE_URL", "LAYOUTS", "clean", "entry_forms", "export_deepl",
           "export_google", "spellings", "term_rows"]
