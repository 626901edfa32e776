"""Which files a check reads: files as given, folders walked, glob patterns expanded, and the
``--include``/``--exclude`` patterns that narrow them."""

from __future__ import annotations

import fnmatch
import functools
import glob
import os
import re
from pathlib import Path
from typing import Iterable

from glossary.errors import GlossaryError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
BILINGUAL_SUFFIXES = (".po", ".pot", ".tmx", ".xlf", ".xliff")
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "node_modules", ".glossary"}


def collect_paths(paths: Iterable[str], include: Iterable[str] = (),
                  exclude: Iterable[str] = ()) -> list[Path]:
    """The files named by *paths*: files as given, folders walked, glob patterns expanded.

    Folders contribute text files (.txt, .md) and bilingual files (.po, .pot, .tmx, .xlf);
    ``include`` patterns replace that default, ``exclude`` patterns remove files. A path that
    matches nothing is an error.
    """
    include, exclude = list(include), list(exclude)
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            candidates, explicit = [path], True
        elif path.is_dir():
            candidates, explicit = _walk(path), False
        elif glob.has_magic(raw):
            candidates = [Path(p) for p in _expand(raw)]
            candidates = [c for p in candidates if not _skipped(p, raw)
                          for c in ([p] if p.is_file() else _walk(p))]
            explicit = False
            if not candidates:
                raise GlossaryError("the pattern matches no file", raw)
        else:
            raise GlossaryError("no such file or folder", raw)
        for candidate in candidates:
            name = candidate.as_posix()
            if not explicit and not _wanted(name, include):
                continue
            if any(_excluded(name, pattern) for pattern in exclude):
                continue
            out.append(candidate)
    seen: set[str] = set()
    unique = []
    for p in out:
        key = os.path.normcase(os.path.realpath(p))  # one file under two names: once
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _expand(pattern: str) -> list[str]:
    """The paths a glob *pattern* matches, sorted. ``**`` is walked with os.walk, which does
    not follow a symlinked folder: glob's own ``**`` follows them, and a link to a parent
    folder made it list files again and again, or never end."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern, recursive=True))
    pattern = pattern.replace(os.sep, "/")
    parts = pattern.split("/")
    fixed = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    base = "/".join(fixed) if fixed else "."
    if fixed == [""]:
        base = "/"
    matches = _glob_regex(pattern).match
    found = []
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs + sorted(f for f in files if not f.startswith(".")):
            path = os.path.join(root, name).replace(os.sep, "/")
            if not fixed and path.startswith("./"):
                path = path[2:]
            if matches(path) and not (name in dirs and os.path.islink(path)):
                found.append(path)  # a symlinked folder is not walked into later either
    return sorted(found)


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        joined = (os.path.join(root, n) for n in sorted(files))
        found.extend(Path(p) for p in joined if os.path.isfile(p))
    return found


def _wanted(name: str, include: list[str]) -> bool:
    if include:
        return any(_included(name, pattern) for pattern in include)
    return name.lower().endswith(TEXT_SUFFIXES + BILINGUAL_SUFFIXES)


def _parts(name: str) -> list[str]:
    return [p for p in name.replace(os.sep, "/").split("/") if p not in ("", ".")]


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern:
    """A glob as a regular expression: ``*`` and ``?`` stay inside one name, ``**`` crosses
    folders (``**/`` also matches no folder at all)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        char = pattern[i]
        closing = pattern.find("]", i + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif closing != -1:
            body = pattern[i + 1:closing]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = closing
        else:
            out.append(re.escape(char))
        i += 1
    try:
        return re.compile("".join(out) + r"\Z", re.S)
    except re.error as error:  # [z-a], [!]: a character class no regex takes
        raise GlossaryError(f"bad glob pattern {pattern!r}: {error}; write a valid one "
                            "(a class as [a-z], a literal bracket as [[])") from None


def _included(name: str, pattern: str) -> bool:
    """Whether the file *name* is one that ``--include`` *pattern* names.

    A pattern without a ``/`` is matched against the file name (``*.md``); one with a ``/``
    against the end of the path, from any folder down (``drafts/*.txt``, ``news/**/*.md``).
    """
    rx = _glob_regex(pattern)
    parts = _parts(name)
    if "/" not in pattern:
        return bool(parts) and rx.match(parts[-1]) is not None
    return rx.match(name) is not None or any(
        rx.match("/".join(parts[i:])) for i in range(len(parts)))


def _excluded(name: str, pattern: str) -> bool:
    """Whether ``--exclude`` *pattern* leaves the file *name* out, as in .gitignore.

    A pattern without a ``/`` matches any file or folder name on the path (``drafts``,
    ``*.bak``); one with a ``/`` matches a file or a folder by its path from any folder down
    (``drafts/*`` leaves out everything under a ``drafts`` folder, however the folder was
    written on the command line).
    """
    rx = _glob_regex(pattern)
    parts = _parts(name)
    if "/" not in pattern:
        return any(rx.match(part) for part in parts)
    if rx.match(name):
        return True
    count = len(parts)
    return any(rx.match("/".join(parts[i:j]))
               for i in range(count) for j in range(i + 1, count + 1))


def _skipped(path: Path, pattern: str) -> bool:
    """A glob match inside (or being) a folder a walk would not enter (node_modules,
    __pycache__...), unless the pattern names that folder. (glob leaves hidden ones out.)"""
    named = [p for p in Path(pattern).parts if p not in ("*", "**")]
    parts = path.parts if path.is_dir() else path.parts[:-1]
    return any(part in SKIPPED_DIRS and not any(fnmatch.fnmatchcase(part, p) for p in named)
               for part in parts)
