"""Round trips: export, then import into an empty glossary, gives back the same entries.

A property test over random entries (XML-special characters, quotes, line breaks in notes,
characters outside the BMP, Chinese characters in English renderings) for every format that carries all fields: TMX, TBX v2 and v3,
CSV and TSV. PO is checked on the seed glossary (it flattens line breaks in list items);
DeepL and Google carry only forms and renderings (checked for what they keep).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_GLOSSARY
from glossary.formats import FORMATS
from glossary.formats.base import ExportOptions
from glossary.importing import ImportOptions, ImportReport, import_file, records_to_entries
from glossary.langtags import Languages
from glossary.model import ENTRY_TYPES, STATUSES, Entry, Forbidden
from glossary.scripts import TRADITIONAL, form_script
from glossary.store import load_glossary
from glossary.validate import ERROR, internal_problems

HAN = "阿拉格齐伊朗美国谈判馬斯喀特戰爭協議巴德尔核问题國際原子能機構台灣臺"
HAN_EXTRA = "𠀋𠀌𪚥"  # outside the BMP
SPECIAL = "&<>\"' ·-=+@;,|\\\t"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüñ"


def _strip(s: str) -> str:
    return s.strip()


han_form = st.text(st.sampled_from(HAN + HAN_EXTRA + SPECIAL + " "), min_size=0, max_size=6).flatmap(
    lambda rest: st.sampled_from(HAN + HAN_EXTRA).map(lambda c: _strip(c + rest))
).filter(lambda s: s and s == s.strip())
# English renderings, now and then with Chinese characters (14th Five-Year Plan (十四五)): our
# own export's language tags say what they are, whatever their characters
english = st.text(st.one_of(st.sampled_from(LATIN + SPECIAL + " 𝒜🙂"), st.sampled_from(HAN + HAN_EXTRA)),
                  min_size=1, max_size=20).map(_strip).filter(bool).filter(lambda s: "\n" not in s)
one_line = st.text(st.sampled_from(LATIN + HAN + SPECIAL + " 🙂𠀋"), min_size=1, max_size=25) \
    .map(_strip).filter(bool)
multi_line = st.lists(one_line, min_size=1, max_size=3).map("\n".join)
slug = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


@st.composite
def entries(draw) -> Entry:
    zh = draw(han_form)
    variants = draw(st.lists(han_form, max_size=3, unique=True))
    forbidden_forms = draw(st.lists(han_form, max_size=2, unique=True))
    forbidden = tuple(Forbidden(f, draw(st.none() | one_line)) for f in forbidden_forms)
    en = draw(english)
    data = dict(
        id=draw(slug), zh=zh, en=en, type=draw(st.sampled_from(ENTRY_TYPES)),
        status=draw(st.sampled_from(STATUSES)),
        zh_hant=draw(st.none() | han_form),
        variants=tuple(v for v in variants if v != zh),
        forbidden=forbidden,
        en_variants=tuple(draw(st.lists(english, max_size=2, unique=True))),
        en_forbidden=tuple(draw(st.lists(english, max_size=2, unique=True))),
        note=draw(st.none() | multi_line), context=draw(st.none() | multi_line),
        sources=tuple(draw(st.lists(one_line, max_size=2, unique=True))),
    )
    forms = [*data["variants"], *forbidden_forms]
    if forms:  # some of them ordinary words too
        data["generic"] = tuple(draw(st.lists(st.sampled_from(forms), max_size=2, unique=True)))
    entry = Entry(**data)
    try:
        entry = Entry.from_dict(entry.to_dict())
    except Exception:
        return draw(st.nothing())
    if any(sev == ERROR for sev, _, _ in internal_problems(entry)):
        return draw(st.nothing())
    if entry.zh_hant == entry.zh or entry.zh_hant in entry.variants:
        return draw(st.nothing())
    if entry.en in entry.en_variants:
        return draw(st.nothing())
    return entry


def by_script(items, form=lambda x: x):
    """TBX groups Chinese forms by script: simplified-language section first."""
    items = list(items)
    return tuple([i for i in items if form_script(form(i)) != TRADITIONAL]
                 + [i for i in items if form_script(form(i)) == TRADITIONAL])


def canonical(entry: Entry, fmt: str) -> Entry:
    if fmt == "tbx":
        return dataclasses.replace(entry, variants=by_script(entry.variants),
                                   forbidden=by_script(entry.forbidden, lambda f: f.form))
    return entry


def round_trip(entries_in: list[Entry], fmt: str, tmp: Path, **options) -> list[Entry]:
    chosen = FORMATS[fmt]
    path = tmp / f"x{chosen.suffix}"
    path.write_bytes(chosen.write(entries_in, ExportOptions(**options), []))
    result = chosen.read(path, Languages())
    report = ImportReport(str(path), fmt)
    out = records_to_entries(result.records, path, ImportOptions(keep_status=True), None, report)
    assert report.rejected == [] and result.skipped == []
    return out


@pytest.mark.parametrize("fmt, options", [
    ("tmx", {}), ("tbx", {"tbx_version": 2}), ("tbx", {"tbx_version": 3}), ("csv", {}),
    ("tsv", {}),
])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.filter_too_much,
                                                                  HealthCheck.function_scoped_fixture])
@given(batch=st.lists(entries(), min_size=1, max_size=3, unique_by=lambda e: e.id))
def test_property_round_trip(fmt, options, batch, tmp_path):
    back = round_trip(batch, fmt, tmp_path, **options)
    assert [canonical(e, fmt) for e in back] == [canonical(e, fmt) for e in batch]


@pytest.mark.parametrize("fmt", ["tmx", "tbx", "csv", "tsv", "po", "pot"])
def test_seed_glossary_round_trip_without_writing(fmt, tmp_path):
    seed = load_glossary(SEED_GLOSSARY).entries
    back = round_trip(seed, fmt, tmp_path)
    assert [canonical(e, fmt) for e in back] == [canonical(e, fmt) for e in seed]


@pytest.mark.parametrize("fmt", ["tmx", "tbx", "csv", "po"])
def test_export_then_import_into_an_empty_glossary(fmt, tmp_path):
    seed = load_glossary(SEED_GLOSSARY)
    chosen = seed.entries[::8]  # a sample of every type, to keep the test fast
    path = tmp_path / f"x{FORMATS[fmt].suffix}"
    path.write_bytes(FORMATS[fmt].write(chosen, ExportOptions(), []))
    root = tmp_path / "glossary"
    root.mkdir()
    report = import_file(root, path, options=ImportOptions(keep_status=True))
    assert len(report.added) == len(chosen) and not report.conflicts
    back = load_glossary(root)
    assert sorted((canonical(e, fmt) for e in back), key=lambda e: e.id) == \
        sorted((canonical(e, fmt) for e in chosen), key=lambda e: e.id)
    # the default: imported entries await review
    second = tmp_path / "glossary2"
    second.mkdir()
    import_file(second, path)
    assert {e.status for e in load_glossary(second)} == {"proposed"}


@pytest.mark.parametrize("fmt", ["deepl", "google", "omegat"])
def test_mt_glossaries_keep_forms_and_renderings(fmt, tmp_path):
    seed = load_glossary(SEED_GLOSSARY).entries[:20]
    path = tmp_path / f"x{FORMATS[fmt].suffix}"
    path.write_bytes(FORMATS[fmt].write(seed, ExportOptions(), []))
    result = FORMATS[fmt].read(path, Languages())
    pairs = {(r.zh, r.en) for r in result.records}
    for entry in seed:
        assert (entry.zh, entry.en) in pairs
        for variant in entry.variants:
            assert (variant, entry.en) in pairs
