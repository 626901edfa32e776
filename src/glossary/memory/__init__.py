"""The translation memory: sentence pairs a news desk has translated, found again by similarity.

Library API (what ``glossary tm ...`` calls)::

    from glossary.memory import open_memory, lookup, Unit
    with open_memory(".glossary/memory.sqlite") as tm:
        tm.add(Unit("伊朗外长阿拉格齐抵达马斯喀特。", "Iranian FM Araghchi arrived in Muscat."))
        for match in lookup(tm, "伊朗外長阿拉格齊抵達馬斯喀特。"):   # traditional query
            print(match.score, match.kind, match.unit.target)

* Storage: :class:`Store` (the interface) and :class:`SqliteStore` (one SQLite file, WAL,
  FTS5 trigram index); :class:`Unit` is one pair, :class:`AddReport` what a bulk add did.
* Text: :func:`normalize` (script, width, punctuation, spaces, pinyin annotations folded).
* Finding: :func:`lookup`, :func:`score`, :func:`diff` / :func:`render_diff`.
* Files: :func:`import_file`, :func:`read_units`, :func:`export_tmx`,
  :func:`pretranslate_file`.
* Glossary: :func:`check_memory`, :func:`record_renderings`.
"""

from __future__ import annotations

import os
from pathlib import Path

from glossary.memory.check import MemoryFinding, check_memory, record_renderings, renderings_used
from glossary.memory.io import export_tmx, import_file, read_units
from glossary.memory.normalize import normalize, normalize_with_offsets
from glossary.memory.pretranslate import PretranslateReport, pretranslate_file, suggest
from glossary.memory.score import Match, diff, lookup, rank, render_diff, score, similarity
from glossary.memory.sqlite_store import SqliteStore
from glossary.memory.store import AddReport, Store, Unit

DEFAULT_DIR = ".glossary"
DEFAULT_NAME = "memory.sqlite"


def default_path(project_root: str | os.PathLike[str]) -> Path:
    """``<project root>/.glossary/memory.sqlite``: the memory's default place."""
    return Path(project_root) / DEFAULT_DIR / DEFAULT_NAME


def open_memory(path: str | os.PathLike[str], *, create: bool = True) -> Store:
    """Open the memory at *path* (created on first use when *create*)."""
    return SqliteStore(path, create=create)


__all__ = [
    "AddReport", "Match", "MemoryFinding", "PretranslateReport", "SqliteStore", "Store", "Unit",
    "check_memory", "default_path", "diff", "export_tmx", "import_file", "lookup", "normalize",
    "normalize_with_offsets", "open_memory", "pretranslate_file", "rank", "read_units",
    "record_renderings", "render_diff", "renderings_used", "score", "similarity", "suggest",
]
