"""What a translation memory stores, and the small interface every storage backend offers.

The commands (``glossary tm ...``) and the lookup, pretranslation and check logic talk only to
:class:`Store`; :class:`glossary.memory.sqlite_store.SqliteStore` is the embedded default.
A server backend (PostgreSQL with ``pg_trgm``) implements the same methods; the README (section "The storage interface, and a PostgreSQL backend")
says how each maps onto it.

A backend does storage and candidate retrieval only. Normalising text
(:mod:`glossary.memory.normalize`) and scoring candidates (:mod:`glossary.memory.score`) are
shared, so every backend scores the same way.
"""

from __future__ import annotations

import abc
import functools
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from glossary.errors import GlossaryError
from glossary.memory.normalize import control_character

DEFAULT_SOURCE_LANG = "zh-CN"
DEFAULT_TARGET_LANG = "en-US"


@dataclass(frozen=True, slots=True)
class Unit:
    """One translation unit: a source sentence, its translation, and where it came from.

    ``created`` and ``changed`` are Unix times in seconds (UTC). ``count`` is how many times
    the identical pair (same source, target and languages) was added. ``id`` is the backend's
    key, None until stored.
    """

    source: str
    target: str
    source_lang: str = DEFAULT_SOURCE_LANG
    target_lang: str = DEFAULT_TARGET_LANG
    origin: str | None = None
    origin_id: str | None = None
    context: str | None = None
    note: str | None = None
    created: int | None = None
    changed: int | None = None
    count: int = 1
    id: int | None = None

    def with_times(self, now: int | None = None) -> "Unit":
        """This unit with created/changed set (to *now* where missing)."""
        now = int(time.time()) if now is None else now
        if self.created is not None and self.changed is not None:
            return self
        created = self.created if self.created is not None else (self.changed or now)
        return replace(self, created=created, changed=self.changed or created)


@dataclass
class AddReport:
    """What adding a batch of units did: counts, and why each skipped unit was skipped."""

    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    reasons: list[tuple[str | None, str]] = field(default_factory=list)  # (unit id, why)
    already: str | None = None  # the file was imported before, with the same content: when

    def skip(self, unit_id: str | None, why: str) -> None:
        self.skipped += 1
        if len(self.reasons) < 1000:
            self.reasons.append((unit_id, why))

    def merge(self, other: "AddReport") -> None:
        self.added += other.added
        self.duplicates += other.duplicates
        self.skipped += other.skipped
        self.reasons.extend(other.reasons[: max(0, 1000 - len(self.reasons))])

    @property
    def total(self) -> int:
        return self.added + self.duplicates + self.skipped


def primary_language(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag: ``zh-TW`` → ``zh``, ``en_US`` → ``en``."""
    return tag.replace("_", "-").split("-", 1)[0].casefold()


@functools.lru_cache(maxsize=256)
def same_pair(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two language pairs are the same pair of languages (regions and scripts aside).

    ``zh-TW → en-GB`` belongs in a ``zh-CN → en-US`` memory: the memory folds scripts.
    """
    return primary_language(a[0]) == primary_language(b[0]) and primary_language(
        a[1]) == primary_language(b[1])


def unit_problem(unit: Unit) -> str | None:
    """Why *unit* cannot be stored (empty text, control characters), or None if it can."""
    for name, text in (("source", unit.source), ("target", unit.target)):
        if not isinstance(text, str) or not text.strip():
            return f"empty {name}"
        bad = control_character(text)
        if bad is not None:
            return f"control character U+{ord(bad):04X} in the {name}"
    for name, tag in (("source", unit.source_lang), ("target", unit.target_lang)):
        if not valid_tag(tag):
            return f"bad {name} language tag {tag!r}"
    return None


@functools.lru_cache(maxsize=256)
def valid_tag(tag: str) -> bool:
    """Whether *tag* looks like a language tag (letters and digits in hyphenated parts)."""
    return bool(tag) and isinstance(tag, str) and all(
        part.isascii() and part.isalnum() for part in tag.replace("_", "-").split("-"))


def check_unit(unit: Unit, path: str | None = None, line: int | None = None) -> None:
    """Raise a :class:`GlossaryError` if *unit* cannot be stored."""
    problem = unit_problem(unit)
    if problem is not None:
        raise GlossaryError(f"cannot add the unit: {problem}", path, line)


Progress = Callable[[int], None]
"""Called now and then during a bulk add with the number of units read so far."""


class Store(abc.ABC):
    """The storage interface of a translation memory.

    Writes are atomic per call: :meth:`add_many` stores all of its units or none (one
    transaction), so a failed or killed import leaves the memory as it was.
    """

    path: str

    # -- the language pair ------------------------------------------------------------------

    @abc.abstractmethod
    def language_pair(self) -> tuple[str, str] | None:
        """The memory's (source, target) language tags, None while it is empty and unset."""

    # -- writing ----------------------------------------------------------------------------

    def add(self, unit: Unit, *, allow_other_languages: bool = False) -> str:
        """Store one unit; return ``"added"`` or ``"duplicate"``; raise if it cannot be stored."""
        check_unit(unit)
        report = self.add_many([unit], allow_other_languages=allow_other_languages)
        if report.skipped:
            raise GlossaryError(f"cannot add the unit: {report.reasons[0][1]}")
        return "added" if report.added else "duplicate"

    @abc.abstractmethod
    def add_many(
        self,
        units: Iterable[Unit],
        *,
        allow_other_languages: bool = False,
        progress: Progress | None = None,
        terms: Callable[[Unit], Iterable[tuple[str, str]]] | None = None,
    ) -> AddReport:
        """Store *units* in one transaction: all of them or, if anything raises, none.

        Units that cannot be stored (:func:`unit_problem`) are counted as skipped; a unit of
        another language pair raises :class:`GlossaryError` unless *allow_other_languages*.
        *terms* gives, per stored unit, the (glossary entry id, English rendering) pairs it
        uses, recorded for :meth:`unit_terms`.
        """

    @abc.abstractmethod
    def delete(self, ids: Iterable[int]) -> int:
        """Delete the units with these ids; return how many were deleted."""

    # -- the files imported ------------------------------------------------------------------

    def imported(self, digest: str) -> str | None:
        """Where and when a file whose content has the SHA-256 *digest* was imported, or None.

        A store that keeps no record of imports always answers None (files are then counted
        each time they are imported)."""
        return None

    def forget_imports(self, origin: str) -> int:
        """Drop the records of imports of the file *origin* (its units were removed)."""
        return 0

    @abc.abstractmethod
    def record_terms(self, pairs: Iterable[tuple[int, str, str]], *, replace: bool = False) -> int:
        """Record (unit id, entry id, rendering) triples; with *replace*, forget the old ones."""

    # -- reading ----------------------------------------------------------------------------

    @abc.abstractmethod
    def get(self, unit_id: int) -> Unit | None:
        """The unit with this id."""

    @abc.abstractmethod
    def get_exact(self, source: str) -> list[Unit]:
        """Units whose source is byte-for-byte *source*."""

    @abc.abstractmethod
    def get_normalized(self, key: str) -> list[Unit]:
        """Units whose normalised source (:func:`~glossary.memory.normalize.normalize`) is *key*."""

    @abc.abstractmethod
    def candidates(self, key: str, limit: int = 60) -> list[Unit]:
        """Up to *limit* units likely to be the most similar to the normalised *key*.

        Found through an index (never by reading the whole memory); the caller scores them.
        """

    @abc.abstractmethod
    def concordance(self, text: str, *, target: bool = False, limit: int | None = None
                    ) -> Iterator[Unit]:
        """Units whose source (or target) contains *text*, in either script, noise folded."""

    @abc.abstractmethod
    def iter_units(self) -> Iterator[Unit]:
        """Every unit, oldest first."""

    @abc.abstractmethod
    def unit_terms(self) -> Iterator[tuple[int, str, str]]:
        """Every recorded (unit id, entry id, rendering) triple, by unit id."""

    @abc.abstractmethod
    def count(self) -> int:
        """How many units the memory holds."""

    @abc.abstractmethod
    def stats(self) -> dict:
        """Figures about the memory (units, languages, origins, size) as plain data."""

    # -- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release the backend's resources."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
