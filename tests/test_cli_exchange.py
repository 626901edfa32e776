"""The exchange commands end to end, and the committed exports under exports/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, SEED_GLOSSARY, SEEDS
from glossary.cli.exchange import SEED_EXPORT_COMMANDS
from glossary.store import load_glossary


@pytest.fixture
def project(small_glossary) -> Path:
    return small_glossary.parent


def test_export_default_path_and_message(cli, project):
    result = cli("export", "tmx", cwd=project)
    assert result.code == 0, result.err
    path = project / "exports" / "glossary.tmx"
    assert path.is_file() and "wrote" in result.err and "2 entries" in result.err
    assert oct(path.stat().st_mode & 0o777) != "0o600"


def test_export_to_stdout_and_filters(cli, project):
    result = cli("export", "csv", "-o", "-", "--ids", "badr-albusaidi", cwd=project)
    assert result.code == 0
    assert "badr-albusaidi" in result.out and "abbas-araghchi" not in result.out
    result = cli("export", "deepl", "-o", "-", "--status", "approved", "--type", "person", cwd=project)
    assert result.out.splitlines()[0] == "阿拉格齐\tAbbas Araghchi"
    result = cli("export", "deepl", "-o", "-", "--status", "deprecated", cwd=project)
    assert result.code == 2 and "no entry matches" in result.err


@pytest.mark.parametrize("args, message", [
    (["export", "docx"], "unknown format"),
    (["export", "tmx", "--type", "animal"], "--type"),
    (["export", "tmx", "--status", "final"], "--status"),
    (["export", "tmx", "--ids", "nobody"], "nobody"),
    (["export", "tmx", "--src-lang", "zh_XX"], "--src-lang"),
    (["export", "tmx", "--src-lang", "zh-Hant", "--trad-lang", "zh-Hans"], "traditional script"),
    (["export", "tmx", "--src-lang", "zh-Latn"], "another script"),
    (["export", "tmx", "--tgt-lang", "fr"], "--tgt-lang"),
    (["export", "tbx", "--tbx-version", "4"], "--tbx-version"),
    (["export", "google", "--google-layout", "grid"], "--google-layout"),
    (["export", "all", "-o", "-"], "folder"),
])
def test_export_bad_options(cli, project, args, message):
    result = cli(*args, cwd=project)
    assert result.code == 2 and message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (project / "exports").exists()


def test_export_languages_from_options_and_config(cli, project):
    result = cli("export", "tmx", "-o", "-", "--src-lang", "zh-Hans", "--tgt-lang", "en-GB",
                 cwd=project)
    assert 'srclang="zh-Hans"' in result.out and 'xml:lang="en-GB"' in result.out
    (project / "glossary.toml").write_text('[languages]\nsource = "zh-Hans"\ntraditional = "zh-Hant"\n',
                                           encoding="utf-8")
    result = cli("export", "tbx", "-o", "-", cwd=project)
    assert 'xml:lang="zh-Hans"' in result.out and 'xml:lang="zh-Hant"' in result.out


def test_export_is_byte_identical(cli, project, monkeypatch):
    first = cli("export", "po", "-o", "-", "--no-dates", cwd=project).out
    assert first == cli("export", "po", "-o", "-", "--no-dates", cwd=project).out
    assert "POT-Creation-Date" not in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770381000")
    dated = cli("export", "po", "-o", "-", cwd=project).out
    assert "POT-Creation-Date: 2026-02-06 12:30+0000" in dated
    assert dated == cli("export", "po", "-o", "-", cwd=project).out


def test_export_all(cli, project):
    result = cli("export", "all", "--no-dates", cwd=project)
    assert result.code == 0, result.err
    names = sorted(p.name for p in (project / "exports").iterdir())
    assert names == sorted([
        "glossary.tmx", "glossary.tbx", "glossary.tbx3.tbx", "glossary.po", "glossary.pot",
        "glossary.csv", "glossary.tsv", "glossary.deepl.tsv", "glossary.google.csv",
        "glossary.google-equivalent.csv", "glossary.omegat.txt",
        "tmx14.dtd", "TBXBasiccoreStructV02.dtd"])


def test_export_all_writes_the_dtds_the_doctypes_name(cli, project):
    """xmllint --valid, jing and Java's parsers load the DTD a DOCTYPE names from beside the
    file; so does a DTD-validating lxml parser (never over the network)."""
    from lxml import etree

    from conftest import SCHEMAS

    assert cli("export", "all", "--no-dates", cwd=project).code == 0
    exports = project / "exports"
    assert (exports / "tmx14.dtd").read_bytes() == (SCHEMAS / "tmx" / "tmx14.dtd").read_bytes()
    assert (exports / "TBXBasiccoreStructV02.dtd").read_bytes() == \
        (SCHEMAS / "tbx-v2-basic" / "TBXBasiccoreStructV02.dtd").read_bytes()
    validating = etree.XMLParser(load_dtd=True, dtd_validation=True, no_network=True,
                                 resolve_entities=True)  # the DTDs' parameter entities
    for name in ("glossary.tmx", "glossary.tbx"):
        etree.parse(str(exports / name), validating)  # raises when invalid or not found


def test_export_all_writes_every_file_it_can(cli, project):
    (project / "glossary" / "terms.yaml").write_text(
        f"- id: long\n  zh: 长\n  en: {'x' * 1100}\n  type: term\n", encoding="utf-8")
    result = cli("export", "all", "--no-dates", cwd=project)
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if line.startswith("glossary: error:")]
    assert errors[0].endswith("glossary.deepl.tsv: entry long: the English rendering "
                              f"'{'x' * 40}'… is longer than 1024 UTF-8 bytes, the limit of MT "
                              "glossaries; not written")
    assert errors[-1] == ("glossary: error: 2 of 11 files not written: glossary.deepl.tsv, "
                          "glossary.google.csv")
    names = sorted(p.name for p in (project / "exports").iterdir())
    assert "glossary.tmx" in names and "glossary.deepl.tsv" not in names and len(names) == 11


def test_import_command(cli, project, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("source,target\n阿曼,Oman\n阿拉格齐,Araghchi\n", encoding="utf-8")
    before = (project / "glossary" / "people.yaml").read_bytes()
    result = cli("import", str(source), "--dry-run", cwd=project)
    assert result.code == 0
    assert "would add 1 new entry" in result.out and "+ oman: 阿曼 = Oman" in result.out
    assert "1 conflict " in result.out and "in.csv:3" in result.out
    assert "dry run: nothing written" in result.out
    assert not (project / "glossary" / "places.yaml").exists()
    result = cli("import", str(source), "--default-type", "place", cwd=project)
    assert result.code == 0 and "added 1 entry" in result.out
    assert (project / "glossary" / "people.yaml").read_bytes() == before
    assert load_glossary(project / "glossary").get("oman").type == "place"
    again = cli("import", str(source), "--default-type", "place", cwd=project)
    assert "1 entry already in the glossary, unchanged" in again.out


def test_import_into_a_named_file(cli, project, tmp_path):
    source = tmp_path / "in.tsv"
    source.write_text("source\ttarget\n马斯喀特\tMuscat\n", encoding="utf-8")
    result = cli("import", str(source), "--file", "new.yaml", cwd=project)
    assert result.code == 0, result.err
    assert "马斯喀特" in (project / "glossary" / "new.yaml").read_text(encoding="utf-8")


# --- the committed exports ------------------------------------------------------------------


def test_committed_exports_are_up_to_date(cli, tmp_path):
    """exports/ holds the exports of the seed glossary and texts; regenerate them with
    ``glossary export all --no-dates -o exports`` and the two ``glossary segment seeds``
    commands in SEED_EXPORT_COMMANDS (from the repository root) when this fails."""
    shutil.copytree(SEED_GLOSSARY, tmp_path / "glossary")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    for command in SEED_EXPORT_COMMANDS:
        result = cli(*command, cwd=tmp_path)
        assert result.code == 0, result.err
    fresh = sorted((tmp_path / "exports").iterdir())
    assert len(fresh) == 15
    stale = []
    for path in fresh:
        committed = REPO / "exports" / path.name
        if not committed.is_file() or committed.read_bytes() != path.read_bytes():
            stale.append(path.name)
    assert not stale, (f"exports/ is stale: {', '.join(stale)}; regenerate with: "
                       + "; ".join("glossary " + " ".join(c) for c in SEED_EXPORT_COMMANDS))
