"""``tm check``: units that contradict the glossary, and units using a replaced rendering."""

from __future__ import annotations

import pytest

from glossary.memory import check_memory, record_renderings, renderings_used
from glossary.memory.check import terms_recorder
from glossary.memory.sqlite_store import SqliteStore
from glossary.memory.store import Unit
from glossary.store import load_glossary

OK = Unit("阿拉格齐抵达马斯喀特。", "Abbas Araghchi arrived in Muscat.")
SHORT = Unit("阿拉格齐表示，谈判有进展。", "Araghchi said the talks had progressed.")
FORBIDDEN = Unit("阿拉格齐说，谈判取得进展。", "Araqchi said progress had been made.")
MISSING = Unit("巴德尔主持了会谈。", "The Omani mediator hosted the talks.")


@pytest.fixture
def project(tmp_path, small_glossary, monkeypatch):
    people = small_glossary / "people.yaml"
    text = people.read_text(encoding="utf-8").replace(
        "  en_variants: [Araghchi]\n", "  en_variants: [Araghchi]\n  en_forbidden: [Araqchi]\n")
    people.write_text(text, encoding="utf-8")
    store = SqliteStore(tmp_path / "memory.sqlite")
    yield store, small_glossary
    store.close()




def test_contradictions_are_found(project):
    store, root = project
    glossary = load_glossary(root)
    store.add_many([OK, SHORT, FORBIDDEN, MISSING])
    found = [(f.code, f.source, f.entry_id) for f in check_memory(store, glossary)]
    assert found == [
        ("GL202", FORBIDDEN.source, "abbas-araghchi"),
        ("GL201", MISSING.source, "badr-albusaidi"),
    ]


def test_recorded_rendering_that_the_glossary_replaced(project):
    store, root = project
    glossary = load_glossary(root)
    assert renderings_used(glossary, OK.source, OK.target) == [("abbas-araghchi",
                                                                 "Abbas Araghchi")]
    store.add_many([OK, SHORT], terms=terms_recorder(glossary))
    assert list(check_memory(store, glossary)) == []
    # The entry's rendering changes; the old ones are not even forbidden.
    people = root / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8")
                      .replace("en: Abbas Araghchi", "en: Seyed Abbas Araghchi")
                      .replace("  en_variants: [Araghchi]\n", ""), encoding="utf-8")
    changed = load_glossary(root)
    findings = list(check_memory(store, changed))
    assert [(f.code, f.source, f.matched, f.suggestion) for f in findings] == [
        ("GL210", OK.source, "Abbas Araghchi", "Seyed Abbas Araghchi"),
        ("GL210", SHORT.source, "Araghchi", "Seyed Abbas Araghchi"),
    ]
    assert "no longer the glossary's rendering" in findings[0].message


def test_record_gives_a_baseline_for_units_stored_without_a_glossary(project):
    store, root = project
    store.add_many([OK])
    glossary = load_glossary(root)
    assert record_renderings(store, glossary) == 1
    assert record_renderings(store, glossary) == 0  # only units without a record
    assert list(store.unit_terms())[0][1:] == ("abbas-araghchi", "Abbas Araghchi")
