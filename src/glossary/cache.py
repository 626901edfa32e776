"""The tool's disk cache: parsed glossary files and the spellings an automaton is built from.

Everything here is an optimisation: a missing, stale, corrupt or unwritable cache only costs
time. Files are written atomically and old ones pruned, so the folder does not grow with every
edit of the glossary.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

KEEP = 8  # files kept per kind (the most recently used)


def cache_dir() -> Path:
    """Where cached files are kept: $GLOSSARY_CACHE_DIR, else the user's cache folder."""
    explicit = os.environ.get("GLOSSARY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "glossary"


def read(name: str) -> bytes | None:
    """The content of cache file *name*, or None; a hit marks the file as recently used."""
    path = cache_dir() / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return data


def write(name: str, data: bytes, prune_prefix: str | None = None, keep: int = KEEP) -> None:
    """Store *data* as cache file *name* atomically; keep only the newest files of its kind."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            _remove(Path(tmp))
            raise
    except OSError:
        return
    if prune_prefix:
        prune(prune_prefix, keep)


def prune(prefix: str, keep: int = KEEP) -> None:
    """Remove all but the *keep* most recently used cache files whose names start with *prefix*."""
    try:
        found = [(p.stat().st_mtime, p) for p in cache_dir().glob(prefix + "*") if p.is_file()]
    except OSError:
        return
    found.sort(reverse=True)
    for _, path in found[keep:]:
        _remove(path)
    # A process killed while writing leaves its temporary file; an hour-old one is an orphan.
    try:
        orphans = [p for p in cache_dir().glob("*.tmp")
                   if p.stat().st_mtime < time.time() - 3600]
    except OSError:
        return
    for path in orphans:
        _remove(path)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
