"""The JSON Schema of the glossary files agrees with the entry model."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import yaml

from conftest import SEED_GLOSSARY
from glossary.errors import GlossaryError
from glossary.model import ENTRY_TYPES, FIELD_ORDER, REQUIRED_FIELDS, STATUSES, Entry

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def schema() -> dict:
    text = resources.files("glossary").joinpath("schema/glossary.schema.json").read_text("utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def entry_schema(schema) -> dict:
    return schema["$defs"]["entry"]


def test_the_schema_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "array"


def test_the_schema_follows_the_model(schema):
    entry = entry_schema(schema)
    assert list(entry["properties"]) == list(FIELD_ORDER)
    assert entry["required"] == list(REQUIRED_FIELDS)
    assert entry["additionalProperties"] is False
    assert entry["properties"]["type"]["enum"] == list(ENTRY_TYPES)
    assert [s for s in entry["properties"]["status"]["enum"] if s] == list(STATUSES)
    for name, prop in entry["properties"].items():
        assert prop.get("description"), f"{name} has no description for editor completion"


def seed_files():
    return sorted(SEED_GLOSSARY.glob("*.yaml")) if SEED_GLOSSARY.is_dir() else []


@pytest.mark.parametrize("path", seed_files() or [None], ids=lambda p: p.name if p else "none")
def test_the_seed_glossary_validates(validator, path):
    if path is None:
        pytest.skip("the seed glossary is not written yet")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data or [])]
    assert errors == []
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../src/glossary/schema/glossary.schema.json")


BASE = "id: a\n  zh: 阿拉格齐\n  en: Abbas Araghchi\n  type: person\n"

GOOD = [
    BASE,
    BASE + "  status: proposed\n  zh_hant: 阿拉格齊\n  note: 'a: b'\n  context: Iran\n",
    BASE + "  variants: [阿巴斯·阿拉格齐]\n  en_variants: Araghchi\n  sources: [https://x.org]\n",
    BASE + "  forbidden: 阿拉格奇\n",
    BASE + "  forbidden: [阿拉格奇, {form: 阿拉格其, reason: typo}, {form: 阿拉格赤}]\n",
    BASE + "  forbidden: {form: 阿拉格奇, reason: null}\n",
    BASE + "  note:\n  status:\n  variants:\n",
    BASE + "  en_forbidden: [Araqchi]\n  zh_hant: 𠀀拉格齊\n",
    BASE + '  note: "tab\\there\\r\\nnew line"\n  en_variants: ["Emoji 😀 and 𠀀"]\n',
]

BAD = [
    "id: a\n  zh: 阿\n  en: A\n",                                  # type missing
    "id: a\n  zh: 阿\n  type: person\n",                            # en missing
    "zh: 阿\n  en: A\n  type: person\n",                            # id missing
    "id: a\n  zh: 阿\n  en: ''\n  type: person\n",                  # en empty
    "id: a\n  zh: 阿\n  en: A\n  type: null\n",                     # type null
    BASE + "  colour: red\n",                                       # unknown field
    BASE.replace("type: person", "type: planet"),                   # type not in enum
    BASE + "  status: maybe\n",                                     # status not in enum
    BASE.replace("id: a", "id: Abbas_Araghchi"),                    # id pattern
    BASE.replace("id: a", "id: a--b"),
    BASE.replace("id: a", "id: 12"),                                # id a number
    BASE.replace("en: Abbas Araghchi", "en: 1984"),                 # wrong type
    BASE.replace("zh: 阿拉格齐", "zh: Araghchi"),                   # no Chinese character
    BASE + "  zh_hant: Araghchi\n",
    BASE + "  note: yes\n",                                         # a boolean
    BASE + "  note: '  '\n",                                        # blank
    BASE + "  variants: [Araghchi]\n",                              # a variant without Chinese
    BASE + "  variants: {a: 1}\n",
    BASE + "  variants: [阿, 3]\n",
    BASE + "  en_variants: ['']\n",
    BASE + "  sources: [[a]]\n",
    BASE + "  forbidden: 3\n",
    BASE + "  forbidden: [{reason: r}]\n",                          # form missing
    BASE + "  forbidden: [{form: 阿拉格奇, why: r}]\n",             # unknown key
    BASE + "  forbidden: [{form: 阿拉格奇, reason: 3}]\n",
    BASE + "  forbidden: [{form: Araghchi}]\n",
    BASE + "  forbidden: [[阿拉格奇]]\n",
    # characters XML cannot carry
    BASE + '  note: "pasted from Word\\vsecond line"\n',
    BASE.replace("en: Abbas Araghchi", 'en: "Abbas\\x01"'),
    BASE + '  variants: ["阿\\uFFFE"]\n',
    BASE + '  forbidden: [{form: 阿拉格奇, reason: "x\\x1f"}]\n',
    BASE + '  sources: "\\0"\n',
]


def as_entry(text: str):
    return yaml.safe_load("- " + text)[0]


@pytest.mark.parametrize("text", GOOD)
def test_good_entries_pass_both(validator, text):
    data = as_entry(text)
    assert list(validator.iter_errors([data])) == []
    Entry.from_dict(data)


@pytest.mark.parametrize("text", BAD)
def test_bad_entries_fail_both(validator, text):
    data = as_entry(text)
    assert list(validator.iter_errors([data])), "the schema accepts it"
    with pytest.raises(GlossaryError):
        Entry.from_dict(data)


def test_top_level_must_be_a_list(validator):
    assert list(validator.iter_errors({"id": "a"}))
    assert list(validator.iter_errors(["a"]))
