"""The entry model: validation with field lines, field order, forms, and glossary lookup."""

from __future__ import annotations

import pytest

from glossary.errors import GlossaryError
from glossary.model import (FIELD_ORDER, FORBIDDEN, PREFERRED, VARIANT, Entry, Forbidden, Glossary,
                            form_key)

BASE = {"id": "abbas-araghchi", "zh": "阿拉格齐", "en": "Abbas Araghchi", "type": "person"}


def make(**fields) -> Entry:
    return Entry.from_dict({**BASE, **fields}, "people.yaml", 3,
                           {name: 3 + i for i, name in enumerate({**BASE, **fields})})


def test_minimal_entry_gets_defaults():
    entry = make()
    assert entry.status == "approved"
    assert entry.variants == () and entry.forbidden == () and entry.note is None
    assert entry.location.path == "people.yaml" and entry.location.line == 3


def test_values_are_stripped_and_lists_normalised():
    entry = make(en="  Abbas Araghchi ", variants="阿巴斯·阿拉格齐", forbidden="阿拉格奇",
                 sources=["https://example.org "])
    assert entry.en == "Abbas Araghchi"
    assert entry.variants == ("阿巴斯·阿拉格齐",)
    assert entry.forbidden == (Forbidden("阿拉格奇"),)
    assert entry.sources == ("https://example.org",)


def test_forbidden_with_reason():
    entry = make(forbidden=[{"form": "阿拉格奇", "reason": "non-standard"}, "阿拉格其"])
    assert entry.forbidden == (Forbidden("阿拉格奇", "non-standard"), Forbidden("阿拉格其"))
    assert entry.forbidden_forms == ("阿拉格奇", "阿拉格其")


@pytest.mark.parametrize("fields, message, field", [
    ({"colour": "red"}, "unknown field 'colour'", "colour"),
    ({"en": None}, "missing required field 'en'", None),
    ({"type": ""}, "missing required field 'type'", None),
    ({"type": "planet"}, "type 'planet' is not one of", "type"),
    ({"status": "maybe"}, "status 'maybe' is not one of", "status"),
    ({"id": "Abbas Araghchi"}, "is not a slug", "id"),
    ({"en": 1984}, "field 'en' must be a string, not a number", "en"),
    ({"note": True}, "field 'note' must be a string, not a boolean", "note"),
    ({"note": "   "}, "field 'note' is empty", "note"),
    ({"zh": "Araghchi"}, "has no Chinese character", "zh"),
    ({"variants": {"a": 1}}, "must be a list of strings", "variants"),
    ({"variants": ["阿", 3]}, "must hold non-empty strings", "variants"),
    ({"variants": ["阿", "阿 "]}, "lists '阿' twice", "variants"),
    ({"variants": ["Araghchi"]}, "has no Chinese character", "variants"),
    ({"forbidden": [{"form": "阿", "why": "x"}]}, "unknown field 'why' in a forbidden form", "forbidden"),
    ({"forbidden": [{"reason": "x"}]}, "needs a non-empty 'form'", "forbidden"),
    ({"forbidden": [{"form": "阿", "reason": 3}]}, "must be a string", "forbidden"),
    ({"forbidden": [3]}, "must be a string or a mapping", "forbidden"),
])
def test_invalid_entries_name_the_field_line(fields, message, field):
    data = {**BASE, **fields}
    lines = {name: 10 + i for i, name in enumerate(data)}
    with pytest.raises(GlossaryError) as info:
        Entry.from_dict(data, "people.yaml", 10, lines)
    error = info.value
    assert message in error.message
    assert error.path == "people.yaml"
    assert error.line == (lines[field] if field else 10)
    assert str(error).startswith(f"people.yaml:{error.line}: ")


def test_entry_must_be_a_mapping():
    with pytest.raises(GlossaryError, match="must be a mapping"):
        Entry.from_dict(["id", "x"], "people.yaml", 4)


def test_to_dict_follows_field_order_and_drops_empty_fields():
    entry = make(note="n", variants=["阿巴斯·阿拉格齐"], forbidden=[{"form": "阿拉格奇", "reason": "r"}])
    data = entry.to_dict()
    assert list(data) == [n for n in FIELD_ORDER if n in data]
    assert data["forbidden"] == [{"form": "阿拉格奇", "reason": "r"}]
    assert "zh_hant" not in data and "sources" not in data
    assert Entry.from_dict(data) == entry


def test_equality_ignores_location():
    a = make()
    b = Entry.from_dict(dict(BASE), "other.yaml", 99)
    assert a == b


def test_forms_and_traditional_script():
    entry = make(variants=["阿巴斯·阿拉格齐"])
    assert entry.accepted_forms == ("阿拉格齐", "阿巴斯·阿拉格齐")
    assert entry.hant() == "阿拉格齊"
    assert make(zh_hant="阿拉格齊").accepted_forms[1] == "阿拉格齊"
    assert entry.en_forms == ("Abbas Araghchi",)
    assert entry.line_of("zh") == 4 and entry.line_of("nothing") == 3


def test_form_key_folds_script_interpuncts_and_dashes():
    assert form_key("阿巴斯·阿拉格齐") == form_key("阿巴斯•阿拉格齊") == form_key("阿巴斯阿拉格齐")
    assert form_key("F－35") == form_key("F-35") == form_key("Ｆ—35")


def test_glossary_lookup_by_id_form_and_search():
    a = make(variants=["阿巴斯·阿拉格齐"], forbidden=["阿拉格奇"], note="Iran's foreign minister")
    b = Entry.from_dict({"id": "badr-albusaidi", "zh": "巴德尔", "en": "Badr Albusaidi",
                         "type": "person"})
    glossary = Glossary([a, b])
    assert len(glossary) == 2 and "badr-albusaidi" in glossary
    assert glossary.get("badr-albusaidi") is b
    assert glossary.find("阿拉格齊") is a
    assert [(o.entry, o.kind) for o in glossary.owners("阿巴斯・阿拉格齐")] == [(a, VARIANT)]
    assert [(o.entry, o.kind) for o in glossary.owners("阿拉格奇")] == [(a, FORBIDDEN)]
    assert glossary.owners("阿拉格齐")[0].kind == PREFERRED
    assert glossary.find("nothing") is None
    assert glossary.search("foreign minister") == [a]
    assert glossary.search("巴德爾") == [b]
    assert glossary.search("albusaidi") == [b]
    assert glossary.search("  ") == []
