"""Shared fixtures: paths of the repository's data, a scratch glossary, and an in-process CLI."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossary.cli.app import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_GLOSSARY = REPO / "glossary"
SCHEMAS = REPO / "tests" / "schemas"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """The tests' own cache folder: a test run never writes to the user's ~/.cache/glossary."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.mktemp("glossary-cache")))
        yield


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the ``glossary`` command in-process: ``cli("list", "--type", "person", cwd=...)``."""

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def glossary_copy(tmp_path) -> Path:
    """A scratch copy of the seed glossary (its ``glossary/`` folder) inside *tmp_path*."""
    target = tmp_path / "glossary"
    shutil.copytree(SEED_GLOSSARY, target)
    return target


@pytest.fixture
def small_glossary(tmp_path) -> Path:
    """A tiny hand-written glossary with a comment, in ``tmp_path/glossary/people.yaml``."""
    root = tmp_path / "glossary"
    root.mkdir()
    (root / "people.yaml").write_text(
        "# yaml-language-server: $schema=../src/glossary/schema/glossary.schema.json\n"
        "# People named in the news.\n"
        "- id: abbas-araghchi\n"
        "  zh: 阿拉格齐\n"
        "  en: Abbas Araghchi\n"
        "  type: person\n"
        "  status: approved\n"
        "  variants: [阿巴斯·阿拉格齐]\n"
        "  forbidden:\n"
        "    - form: 阿拉格奇\n"
        "      reason: non-standard transliteration\n"
        "  en_variants: [Araghchi]\n"
        "  note: Iran's foreign minister.\n"
        "\n"
        "# The Omani mediator.\n"
        "- id: badr-albusaidi\n"
        "  zh: 巴德尔\n"
        "  en: Badr Albusaidi\n"
        "  type: person\n"
        "  variants: [巴德尔·本·哈马德·阿尔布赛义迪]\n",
        encoding="utf-8",
    )
    return root
