"""``tm check``: the memory against the glossary, so the memory does not teach outdated terms.

Two checks run over every unit:

* **The bilingual check** (:func:`glossary.bilingual.check_unit`, the same logic as
  ``glossary check`` on a PO/TMX/XLIFF file): for each glossary term in the source, the target
  must have the English rendering or an accepted variant (GL201 missing-target-term) and no
  forbidden rendering (GL202 forbidden-target-term).
* **Renderings recorded when the unit was stored** (GL210 outdated-target-term): when a unit is
  added with a glossary at hand (``tm import``/``tm add`` inside a project), the memory records,
  per glossary term of the source, the English form the target used (entry id + rendering, in
  the ``unit_term`` table). When the glossary later changes that entry's rendering, the recorded
  form is no longer among the entry's ``en``/``en_variants``, and the unit is listed with the old
  and the new rendering — even when the old form was not added to ``en_forbidden``. Units stored
  without a glossary get their renderings recorded by ``tm check --record`` (a baseline).

Why records rather than git history: the memory does not depend on the glossary being a git
checkout, on the history being complete (shallow clones, squashed merges) or on how long ago
the change was; a record says exactly which form a unit used and for which entry, and survives
an entry's Chinese forms changing. ``en_forbidden`` remains the way to say a form is *wrong*
everywhere (GL202); the records catch renderings that were merely replaced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable, Iterable, Iterator

from glossary.model import Glossary
from glossary.memory.store import Store, Unit
from glossary.rules import BY_CODE, OUTDATED_TARGET_TERM  # noqa: F401 (re-exported)

SEVERITY = {code: BY_CODE[code].severity for code in ("GL201", "GL202", "GL210")}
NAMES = {code: BY_CODE[code].name for code in ("GL201", "GL202", "GL210")}


@dataclass(frozen=True)
class MemoryFinding:
    """A unit of the memory that contradicts the glossary."""

    code: str
    rule: str
    severity: str
    unit_id: int | None
    source: str
    target: str
    entry_id: str
    message: str
    matched: str = ""
    suggestion: str | None = None
    origin: str | None = None
    origin_id: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _accepts(form: str, accepted: Iterable[str]) -> bool:
    folded = " ".join(form.casefold().split())
    return any(folded == " ".join(a.casefold().split()) for a in accepted)


def renderings_used(glossary: Glossary, source: str, target: str) -> list[tuple[str, str]]:
    """(entry id, English form) for each glossary term of *source* whose rendering, accepted or
    forbidden, *target* contains (the longest form found per entry)."""
    from glossary.bilingual import english_pattern
    from glossary.matcher import find_terms

    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for match in find_terms(glossary, source):
        entry = match.entry
        if entry.id in seen:
            continue
        seen.add(entry.id)
        found = [form for form in (*entry.en_forms, *entry.en_forbidden)
                 if english_pattern(form).search(target)]
        if found:
            out.append((entry.id, max(found, key=len)))
    return out


def terms_recorder(glossary: Glossary | None) -> Callable[[Unit], list[tuple[str, str]]] | None:
    """The ``terms`` callback for :meth:`Store.add_many` (None without a glossary)."""
    if glossary is None or not len(glossary):
        return None
    return lambda unit: renderings_used(glossary, unit.source, unit.target)


def record_renderings(store: Store, glossary: Glossary, *, only_missing: bool = True,
                      progress: Callable[[int], None] | None = None) -> int:
    """Record the renderings every unit uses now (only units with no record, by default).

    Returns the number of (unit, entry, rendering) records written.
    """
    recorded = {uid for uid, _, _ in store.unit_terms()} if only_missing else set()
    rows: list[tuple[int, str, str]] = []
    for seen, unit in enumerate(store.iter_units(), 1):
        if progress is not None and seen % 5000 == 0:
            progress(seen)
        if unit.id in recorded:
            continue
        rows.extend((unit.id, entry_id, form)
                    for entry_id, form in renderings_used(glossary, unit.source, unit.target))
    return store.record_terms(rows, replace=not only_missing) if rows else 0


def _records_by_unit(store: Store) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    current, items = None, []
    for uid, entry_id, rendering in store.unit_terms():
        if uid != current and current is not None:
            yield current, items
            items = []
        current = uid
        items.append((entry_id, rendering))
    if current is not None:
        yield current, items


def check_memory(store: Store, glossary: Glossary, *,
                 progress: Callable[[int], None] | None = None) -> Iterator[MemoryFinding]:
    """Every unit that contradicts *glossary*, in unit order (see the module documentation)."""
    from glossary.bilingual import BilingualUnit, check_unit

    records = _records_by_unit(store)
    pending = next(records, None)
    for seen, unit in enumerate(store.iter_units(), 1):
        if progress is not None and seen % 5000 == 0:
            progress(seen)
        while pending is not None and unit.id is not None and pending[0] < unit.id:
            pending = next(records, None)
        recorded = pending[1] if pending is not None and pending[0] == unit.id else []
        done: set[str] = set()

        def finding(code: str, entry_id: str, message: str, matched: str,
                    suggestion: str | None) -> MemoryFinding:
            return MemoryFinding(code, NAMES[code], SEVERITY[code], unit.id, unit.source,
                                 unit.target, entry_id, message, matched, suggestion,
                                 unit.origin, unit.origin_id)

        for entry_id, rendering in recorded:
            entry = glossary.get(entry_id)
            if entry is None or entry.id in done or _accepts(rendering, entry.en_forms) \
                    or _accepts(rendering, entry.en_forbidden):  # forbidden: GL202 says so
                continue
            done.add(entry.id)
            yield finding(
                OUTDATED_TARGET_TERM.code, entry.id,
                f"uses {rendering!r} for {entry.zh} ({entry.id}), which is no longer the "
                f"glossary's rendering; the glossary says {entry.en!r}", rendering, entry.en)
        for code, entry, text, _where in check_unit(
                glossary, BilingualUnit(unit.source, unit.target, 0, id=str(unit.id))):
            if entry.id in done:
                continue
            done.add(entry.id)
            if code == "GL202":
                message = (f"uses {text!r} for {entry.zh} ({entry.id}), which the glossary "
                           f"forbids; write {entry.en!r}")
            else:
                message = (f"has {text} ({entry.id}) in the source but neither "
                           f"{' nor '.join(repr(f) for f in entry.en_forms)} in the target")
            yield finding(code, entry.id, message, text, entry.en)


__all__ = ["MemoryFinding", "OUTDATED_TARGET_TERM", "check_memory", "record_renderings",
           "renderings_used", "terms_recorder"]
