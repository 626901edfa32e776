"""The seed texts, as they are, against the seed glossary: the findings we expect, written down."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from conftest import SEED_GLOSSARY, SEEDS
from glossary import load_glossary
from glossary.check import CheckOptions, check_paths

TRADITIONAL_SEED = "003_60688e6718160c8f.txt"
# The pinyin readings pasted into seed 003 (each reported once per occurrence).
READINGS_003 = {"chuàng", "fā", "guī", "huán", "jié", "jiān", "lián", "qū", "tài", "tǒng",
                "wèi", "wěn", "xiàn", "xié", "xù", "zhàn", "zhí"}


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(SEED_GLOSSARY)


@pytest.fixture(scope="module")
def result(glossary):
    return check_paths(glossary, [str(SEEDS)], CheckOptions(stats=True))


def by_code(result, code):
    return [f for f in result.findings if f.code == code]


def name(path):
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def test_every_entry_is_found_in_the_seeds(glossary, result):
    assert set(result.usage) == {e.id for e in glossary}


def test_scripts_and_encodings_detected(result):
    facts = {name(f.path): f for f in result.files}
    assert len(facts) == 5
    for file, fact in facts.items():
        assert fact.encoding == "utf-8"
        assert fact.script == ("traditional" if file == TRADITIONAL_SEED else "simplified")


def test_no_forbidden_forms_and_no_mixed_documents_in_the_seeds(result):
    assert by_code(result, "GL001") == []
    assert by_code(result, "GL004") == []


def test_pinyin_annotations_of_seed_003(result):
    found = by_code(result, "GL006")
    assert len(found) == 181
    assert {name(f.path) for f in found} == {TRADITIONAL_SEED}
    assert {f.matched.strip("()（）") for f in found} == READINGS_003
    first = found[0]
    assert (first.line, first.column, first.matched) == (1, 112, "(zhàn)")
    assert all(f.fix is not None and f.fix.replacement == "" for f in found)


def test_terms_found_through_annotations_and_scripts(result):
    usage = result.usage
    assert dict(usage["twelve-day-war"]["12日戰爭"]) == {str(SEEDS / TRADITIONAL_SEED): 2}
    assert sum(usage["twelve-day-war"]["12日战争"].values()) == 3
    assert sum(usage["abbas-araghchi"]["阿拉格齊"].values()) == 3
    assert sum(usage["abbas-araghchi"]["阿拉格齐"].values()) == 24
    assert set(usage["ali-larijani"]) == {"阿里·拉里賈尼", "拉里贾尼"}
    assert sum(usage["khorramshahr-4"]["霍拉姆沙赫尔-4"].values()) == 3
    assert sum(usage["uranium-enrichment"]["鈾濃縮"].values()) == 8
    assert sum(usage["new-start"]["新削减战略武器条约"].values()) == 6
    assert sum(usage["jcpoa"]["伊核協議"].values()) == 7


def test_no_script_mismatch_in_the_seeds(result):
    assert by_code(result, "GL003") == []


def test_the_traditional_seed_reads_as_mainland_wording(result):
    """Seed 003 is mainland copy converted to traditional script: it writes the mainland wording
    (特朗普) throughout, as Hong Kong media do, and has no regional form out of place."""
    (fact,) = [f for f in result.files if name(f.path) == TRADITIONAL_SEED]
    assert (fact.script, fact.region) == ("traditional", "hong-kong")
    assert {f.region for f in result.files if f is not fact} == {None}
    assert by_code(result, "GL008") == []


def test_regional_forms_in_the_traditional_seed_for_a_taiwan_desk(glossary):
    """With ``traditional-region = "taiwan"``, each mainland wording is reported, as info."""
    result = check_paths(glossary, [str(SEEDS)], CheckOptions(traditional_region="taiwan"))
    found = Counter(f.entry_id for f in by_code(result, "GL008"))
    assert found == {
        "donald-trump": 5, "trump-administration": 5, "nuclear-non-proliferation-treaty": 4,
        "steve-witkoff": 3, "qatar": 3, "ballistic-missile": 2, "jared-kushner": 2,
        "international-atomic-energy-agency": 2, "benjamin-netanyahu": 2, "marco-rubio": 1,
        "karoline-leavitt": 1, "italy": 1, "missile": 1, "mahmoud-ahmadinejad": 1,
        "masoud-pezeshkian": 1, "istanbul": 1, "ballistic-missile-program": 6,
        "muscat": 8, "chief-of-the-general-staff": 2,  # Taiwan's 馬斯開特, 參謀總長
        "united-arab-emirates": 3,  # Taiwan's 阿拉伯聯合大公國
    }
    assert {name(f.path) for f in by_code(result, "GL008")} == {TRADITIONAL_SEED}
    assert {f.severity for f in by_code(result, "GL008")} == {"info"}
    trump = next(f for f in by_code(result, "GL008") if f.entry_id == "donald-trump")
    assert trump.suggestion == "川普"


def test_dash_variant_in_seed_004(result):
    (dash,) = by_code(result, "GL005")
    assert (name(dash.path), dash.line, dash.column) == ("004_97377f0d0f408748.txt", 133, 12)
    assert dash.matched == "RBC—乌克兰通讯社"
    assert dash.fix.replacement == "RBC-乌克兰通讯社"


def test_inconsistent_forms_across_the_seeds(result):
    entries = {f.entry_id for f in by_code(result, "GL007")}
    assert entries == {"foreign-minister", "intermediary", "investigative-committee-of-russia",
                       "israel-defense-forces", "jcpoa", "observer-state", "prisoner-exchange"}
    jcpoa = next(f for f in by_code(result, "GL007") if f.entry_id == "jcpoa")
    assert jcpoa.extra["forms"] == {"伊核协议": 7, "伊朗核问题全面协议": 1}


def test_variants_are_info_only(result):
    variants = by_code(result, "GL002")
    assert len(variants) == 48  # not the full forms of a preferred short one (总统特使)
    assert {f.severity for f in variants} == {"info"}
    assert Counter(f.entry_id for f in variants)["foreign-minister"] == 14


def test_fix_cleans_seed_003_and_is_idempotent(glossary, tmp_path):
    copy = tmp_path / TRADITIONAL_SEED
    shutil.copy(SEEDS / TRADITIONAL_SEED, copy)
    from glossary.fix import fix_files

    first = check_paths(glossary, [str(copy)])
    outcomes = fix_files(first.findings)
    assert sum(len(o.applied) for o in outcomes) == 181
    text = copy.read_text(encoding="utf-8")
    assert "12日戰爭" in text and "(zhàn)" not in text
    second = check_paths(glossary, [str(copy)])
    assert [f for f in second.findings if f.fix is not None] == []
    assert fix_files(second.findings) == []
    assert copy.read_text(encoding="utf-8") == text


def test_cli_on_the_seeds(cli):
    run = cli("--glossary", SEED_GLOSSARY, "check", SEEDS)
    assert run.code == 1  # warnings (annotations) fail at the default --fail-on warning
    assert "003_60688e6718160c8f.txt:1:112: GL006 warning: pinyin annotation `(zhàn)`" in run.out
    assert "Found 237 findings in 5 files" in run.out
    assert cli("--glossary", SEED_GLOSSARY, "check", SEEDS, "--fail-on", "error").code == 0
