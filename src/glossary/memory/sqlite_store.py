"""The embedded translation memory: one SQLite file (standard library ``sqlite3``).

Layout (schema version :data:`SCHEMA_VERSION`, kept in ``PRAGMA user_version``)::

    meta(key, value)                 language pair, normaliser fingerprint, creation time
    unit(id, source, target, source_lang, target_lang, dkey, nkey, count,
         created, changed, origin, origin_id, context, note)
        dkey  64-bit hash of (source, target, languages), UNIQUE: exact duplicates stored once
        nkey  64-bit hash of the normalised source, indexed: exact and 100 % lookups
    unit_term(unit_id, entry_id, rendering)   glossary renderings a unit used when stored
    source_index   FTS5, trigram tokenizer, contentless, detail=none: the normalised sources
    source_terms   fts5vocab over source_index: how many units hold each trigram
    gram_stats(term, doc)   the frequent trigrams and their counts (refreshed as it grows)
    target_index   FTS5, trigram tokenizer, external content (unit.target), detail=none;
                   filled on demand up to meta.target_indexed (see index_targets)

Fuzzy candidates come from the trigram index, never from reading the table: the query's
rarest trigrams are looked up, their postings merged with a weight per trigram (rarer weighs
more), and the best-covered units returned for scoring (:meth:`SqliteStore.candidate_ids`).
The file is in WAL mode: readers never wait for the writer, and a write (one transaction per
:meth:`SqliteStore.add_many`) is all or nothing, also when the process is killed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from glossary.errors import GlossaryError
from glossary.memory.normalize import NORMALIZER_VERSION, normalize, translate_table
from glossary.memory.store import (
    AddReport,
    Progress,
    Store,
    Unit,
    same_pair,
    unit_problem,
)

SCHEMA_VERSION = 1
APPLICATION_ID = 0x474C544D  # "GLTM": marks the file as a glossary translation memory
SQLITE_HEADER = b"SQLite format 3\x00"

BATCH = 20_000  # units per executemany during a bulk add
MAX_GRAMS = 16  # trigrams whose postings a fuzzy query reads, one per stretch of the key
SAMPLE = 120  # trigrams whose frequency is looked up, evenly spread over the key
POSTING_BUDGET = 20_000  # stop adding trigrams once this many postings would be read
FREQUENT = 64  # trigrams held by this many units or more are listed in gram_stats
REFINE_GRAMS = 8  # trigrams used to tell apart the units sharing the query's longest phrase
COLLAPSE_DF = 50  # trigrams held by this many units or more are grouped by that number
AUTOMERGE = 16  # FTS5 automerge: fewer, larger merges make bulk imports faster
HASHSIZE = 32 << 20  # FTS5 pending-data size: flushing segments less often halves index time
CACHE_KIB = int(os.environ.get("GLOSSARY_TM_CACHE_KIB", 1 << 20))  # page cache: 1 GiB at most
REFRESH_GROWTH = 0.1  # refresh statistics and merge the index when a write grew it this much

_IMPORTED = "imported:"  # meta key prefix: + a file's SHA-256 → {"path", "at", "units"}

_UNIT_COLUMNS = ("id, source, target, source_lang, target_lang, origin, origin_id, context, "
                 "note, created, changed, count")

_SCHEMA = [
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE unit(
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        dkey INTEGER NOT NULL,
        nkey INTEGER NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        created INTEGER NOT NULL,
        changed INTEGER NOT NULL,
        origin TEXT,
        origin_id TEXT,
        context TEXT,
        note TEXT)""",
    "CREATE UNIQUE INDEX unit_dkey ON unit(dkey)",
    "CREATE INDEX unit_nkey ON unit(nkey)",
    """CREATE TABLE unit_term(
        unit_id INTEGER NOT NULL,
        entry_id TEXT NOT NULL,
        rendering TEXT NOT NULL,
        PRIMARY KEY (unit_id, entry_id, rendering)) WITHOUT ROWID""",
    "CREATE INDEX unit_term_entry ON unit_term(entry_id)",
    "CREATE VIRTUAL TABLE source_index USING fts5(key, content='', tokenize='trigram', "
    "detail='none', columnsize=0)",
    "CREATE VIRTUAL TABLE source_terms USING fts5vocab('source_index', 'row')",
    "CREATE TABLE gram_stats(term TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE target_index USING fts5(target, content='unit', content_rowid='id', "
    "tokenize='trigram', detail='none', columnsize=0)",
    f"INSERT INTO source_index(source_index, rank) VALUES('automerge', {AUTOMERGE})",
    f"INSERT INTO target_index(target_index, rank) VALUES('automerge', {AUTOMERGE})",
    f"INSERT INTO source_index(source_index, rank) VALUES('hashsize', {HASHSIZE})",
    f"INSERT INTO target_index(target_index, rank) VALUES('hashsize', {HASHSIZE})",
]

# Migrations from version N to N + 1, run in order inside one transaction when a file is opened.
_MIGRATIONS: dict[int, list[str]] = {}


def _hash64(text: str) -> int:
    """A stable signed 64-bit hash (SQLite integers are signed)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big", signed=True)


def duplicate_key(source: str, target: str, source_lang: str, target_lang: str) -> int:
    # Units never hold control characters, so U+001F cannot occur inside the fields.
    return _hash64(f"{source}\x1f{target}\x1f{source_lang}\x1f{target_lang}")


def normalized_key(key: str) -> int:
    return _hash64(key)


def normalizer_fingerprint() -> str:
    """Identifies the normalisation (its version and OpenCC's table): stored keys depend on it."""
    items = sorted(translate_table().items())
    digest = hashlib.sha256(f"{NORMALIZER_VERSION}:{items!r}".encode("utf-8", "surrogatepass"))
    return f"{NORMALIZER_VERSION}:{digest.hexdigest()[:16]}"


def trigrams(key: str) -> list[str]:
    """The distinct trigrams of *key*, in order of first occurrence."""
    return list(dict.fromkeys(key[i:i + 3] for i in range(len(key) - 2)))


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _to_unit(row: tuple) -> Unit:
    (uid, source, target, slang, tlang, origin, origin_id, context, note, created, changed,
     count) = row
    return Unit(source, target, slang, tlang, origin, origin_id, context, note, created, changed,
                count, uid)


class _Preparer:
    """Turns units into rows for the unit table: checks, language pair, key, hashes, terms.

    Units that cannot be stored are counted in :attr:`report`; a unit of another language
    pair raises :class:`GlossaryError`.
    """

    def __init__(self, pair: tuple[str, str] | None, allow_other_languages: bool,
                 progress: Progress | None,
                 terms: Callable[[Unit], Iterable[tuple[str, str]]] | None):
        self.pair = pair
        self.allow_other_languages = allow_other_languages
        self.progress = progress
        self.terms = terms
        self.report = AddReport()
        self.seen = 0
        self.now = int(time.time())

    def batches(self, units: Iterable[Unit]) -> Iterator[tuple[list[tuple], dict]]:
        batch: list[tuple] = []
        unit_terms: dict[int, list[tuple[str, str]]] = {}
        pairs_ok: set[tuple[str, str]] = set()
        for unit in units:
            self.seen += 1
            if self.progress is not None and self.seen % 5000 == 0:
                self.progress(self.seen)
            problem = unit_problem(unit)
            if problem is not None:
                self.report.skip(unit.origin_id, problem)
                continue
            unit_pair = (unit.source_lang, unit.target_lang)
            if unit_pair not in pairs_ok:
                if self.pair is None:
                    self.pair = unit_pair
                elif not self.allow_other_languages and not same_pair(self.pair, unit_pair):
                    where = f"unit {unit.origin_id}: " if unit.origin_id else ""
                    raise GlossaryError(
                        f"{where}language pair {unit_pair[0]} → {unit_pair[1]} does not match "
                        f"the memory's {self.pair[0]} → {self.pair[1]}; nothing of it "
                        "was added (pass --allow-other-languages to store it anyway)",
                        unit.origin)
                pairs_ok.add(unit_pair)
            key = normalize(unit.source)
            created = unit.created if unit.created is not None else (unit.changed or self.now)
            changed = unit.changed if unit.changed is not None else created
            dkey = duplicate_key(unit.source, unit.target, unit.source_lang, unit.target_lang)
            batch.append((
                unit.source, unit.target, unit.source_lang, unit.target_lang, dkey,
                normalized_key(key), max(1, unit.count), created, changed, unit.origin,
                unit.origin_id, unit.context, unit.note, key,
            ))
            if self.terms is not None:
                found = list(self.terms(unit))
                if found:
                    unit_terms[dkey] = found
            if len(batch) >= BATCH:
                yield batch, unit_terms
                batch, unit_terms = [], {}
        if batch:
            yield batch, unit_terms


def _can_fork() -> bool:
    import multiprocessing

    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class _Child:
    """A forked process that runs a reader and a :class:`_Preparer` and sends the batches."""

    def __init__(self, prepare: _Preparer, read: Callable[[AddReport], Iterable[Unit]]):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.prepare = prepare
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_child_main, args=(prepare, read, send),
                                       name="glossary-tm-reader", daemon=True)
        self.process.start()
        send.close()

    def batches(self, progress: Progress | None) -> Iterator[tuple[list[tuple], dict]]:
        while True:
            try:
                message = self.receive.recv()
            except EOFError:
                code = self.process.exitcode
                raise GlossaryError(f"the import's reader process stopped (exit code {code})"
                                    ) from None
            kind = message[0]
            if kind == "batch":
                _, batch, unit_terms, seen, pair = message
                self.prepare.pair = self.prepare.pair or pair
                self.prepare.seen = seen
                if progress is not None:
                    progress(seen)
                yield batch, unit_terms
            elif kind == "done":
                _, report, seen, pair = message
                self.prepare.report = report
                self.prepare.seen = seen
                self.prepare.pair = self.prepare.pair or pair
                self.prepare.progress = progress
                return
            elif kind == "glossary-error":
                _, text, path, line = message
                raise GlossaryError(text, path, line)
            else:
                raise RuntimeError(f"the import's reader process failed: {message[1]}")

    def close(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=5)
        self.receive.close()


def _child_main(prepare: _Preparer, read: Callable[[AddReport], Iterable[Unit]], send) -> None:
    """In the child: read, prepare, send; errors are sent as plain data."""
    try:
        skipped = AddReport()
        for batch, unit_terms in prepare.batches(read(skipped)):
            send.send(("batch", batch, unit_terms, prepare.seen, prepare.pair))
        prepare.report.merge(skipped)
        send.send(("done", prepare.report, prepare.seen, prepare.pair))
    except GlossaryError as error:
        send.send(("glossary-error", error.message, error.path, error.line))
    except BaseException as error:  # noqa: BLE001 - reported in the parent
        import traceback

        send.send(("error", "".join(traceback.format_exception_only(type(error), error)).strip()))
    finally:
        send.close()


class SqliteStore(Store):
    """A translation memory in one SQLite file.

    ``SqliteStore(path)`` opens the memory at *path*, creating it (and its folder) when
    *create* is true and the file does not exist. A file that is not a memory, a damaged file or
    a memory from a newer version of the tool is refused with a :class:`GlossaryError`; nothing
    is ever re-created over an existing file.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True, timeout: float = 10.0):
        self.path = str(path)
        self.timeout = timeout
        file = Path(self.path)
        exists = file.exists()
        if not exists and not create:
            raise GlossaryError(
                "no translation memory here; add units with 'glossary tm import' or "
                "'glossary tm add' first, or pass --tm PATH", self.path)
        if exists:
            self._check_header(file)
        else:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise GlossaryError(f"cannot create the memory's folder: {exc.strerror}",
                                    self.path) from None
        with self._errors():
            try:
                self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                            check_same_thread=False)
            except sqlite3.OperationalError as exc:
                raise GlossaryError(f"cannot open the memory: {exc}", self.path) from None
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA temp_store=MEMORY")
            self.conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self.conn.execute("PRAGMA mmap_size=1073741824")
            self._open_schema()

    # -- opening ----------------------------------------------------------------------------

    def _check_header(self, file: Path) -> None:
        try:
            with open(file, "rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise GlossaryError(f"cannot read the memory: {exc.strerror}", self.path) from None
        if head and head != SQLITE_HEADER:
            raise GlossaryError(
                "not a translation memory (not an SQLite database); the file was left as it is: "
                "move it away or pass --tm PATH", self.path)

    def _open_schema(self) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables == 0:
            self._create()
            return
        if app_id != APPLICATION_ID:
            raise GlossaryError(
                "an SQLite database but not a glossary translation memory; the file was left as "
                "it is: pass --tm PATH to use another file", self.path)
        if version > SCHEMA_VERSION:
            raise GlossaryError(
                f"this memory has schema version {version}, newer than this tool's "
                f"({SCHEMA_VERSION}); upgrade glossary to use it", self.path)
        if version < SCHEMA_VERSION:
            self._migrate(version)
        if self._meta("normalizer") != normalizer_fingerprint():
            self.reindex()

    def _create(self) -> None:
        conn = self.conn
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":  # pragma: no cover - e.g. a network file system
            raise GlossaryError(f"cannot put the memory in WAL mode (got {mode})", self.path)
        with self._write():
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return  # another process created it meanwhile
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._set_meta("normalizer", normalizer_fingerprint())
            self._set_meta("created", str(int(time.time())))

    def _migrate(self, version: int) -> None:
        with self._write():
            current = self.conn.execute("PRAGMA user_version").fetchone()[0]
            while current < SCHEMA_VERSION:
                for statement in _MIGRATIONS.get(current, []):
                    self.conn.execute(statement)
                current += 1
            self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def reindex(self) -> None:
        """Rebuild the normalised keys and the source index (after the normaliser changed)."""
        with self._write():
            conn = self.conn
            conn.execute("DROP TABLE IF EXISTS source_terms")
            conn.execute("DROP TABLE source_index")
            for statement in _SCHEMA:
                if "source_index" in statement and "target_index" not in statement:
                    conn.execute(statement)
            rows = conn.execute("SELECT id, source FROM unit").fetchall()
            keys = [(uid, normalize(source)) for uid, source in rows]
            conn.executemany("UPDATE unit SET nkey=? WHERE id=?",
                             [(normalized_key(k), uid) for uid, k in keys])
            conn.executemany("INSERT INTO source_index(rowid, key) VALUES(?, ?)", keys)
            self._set_meta("normalizer", normalizer_fingerprint())
            self._refresh(conn, optimize=True)

    # -- plumbing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite's errors into one-line :class:`GlossaryError` messages."""
        try:
            yield
        except GlossaryError:
            raise
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise GlossaryError(
                    f"the memory is locked by another process ({text}); wait for it to finish "
                    "and try again", self.path) from None
            if "readonly" in text or "read-only" in text:
                raise GlossaryError("the memory is read-only here; nothing was changed",
                                    self.path) from None
            raise GlossaryError(f"the memory could not be used: {text}", self.path) from None
        except sqlite3.DatabaseError as exc:
            raise GlossaryError(
                f"the memory file is damaged ({exc}); it was left as it is: restore it from a "
                "backup, or move it away and re-import your TMX export", self.path) from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed at the end, rolled back on any exception."""
        with self._errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta(key, value) VALUES(?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
            self.conn = None  # type: ignore[assignment]

    # -- the language pair ------------------------------------------------------------------

    def language_pair(self) -> tuple[str, str] | None:
        with self._errors():
            source, target = self._meta("source_lang"), self._meta("target_lang")
        return (source, target) if source and target else None

    def set_language_pair(self, source: str, target: str) -> None:
        """Fix the memory's language pair (before its first unit, or to relabel it)."""
        with self._write():
            self._set_meta("source_lang", source)
            self._set_meta("target_lang", target)

    # -- writing ----------------------------------------------------------------------------

    def add_many(
        self,
        units: Iterable[Unit],
        *,
        allow_other_languages: bool = False,
        progress: Progress | None = None,
        terms: Callable[[Unit], Iterable[tuple[str, str]]] | None = None,
        imported: tuple[str, str] | None = None,
    ) -> AddReport:
        """Store *units* in one transaction (see :meth:`Store.add_many`); *imported*: see
        :meth:`add_from`."""
        with self._write() as conn:
            prepare = _Preparer(self.language_pair_in_transaction(), allow_other_languages,
                                progress, terms)
            return self._store_batches(conn, prepare, prepare.batches(units), imported)

    def add_from(
        self,
        read: Callable[[AddReport], Iterable[Unit]],
        *,
        allow_other_languages: bool = False,
        progress: Progress | None = None,
        terms: Callable[[Unit], Iterable[tuple[str, str]]] | None = None,
        parallel: bool = True,
        imported: tuple[str, str] | None = None,
    ) -> AddReport:
        """Like :meth:`add_many` for the units ``read(skipped)`` yields (a file reader, which
        counts the units it leaves out in *skipped*).

        With *parallel* (and ``fork`` available), reading, normalising and hashing run in a
        child process while this one writes, so a big import keeps two cores busy. The child
        never touches the database: it sends prepared rows, and this process stores them in
        one transaction. An error in the child (a malformed file) is raised here, with its
        file and line, and nothing is kept. *imported* (the file's SHA-256 and its path) is
        recorded in the same transaction, for :meth:`imported`.
        """
        if not parallel or not _can_fork():
            skipped = AddReport()
            report = self.add_many(read(skipped), allow_other_languages=allow_other_languages,
                                   progress=progress, terms=terms, imported=imported)
            report.merge(skipped)
            return report
        with self._write() as conn:
            prepare = _Preparer(self.language_pair_in_transaction(), allow_other_languages,
                                None, terms)
            child = _Child(prepare, read)
            try:
                return self._store_batches(conn, prepare, child.batches(progress), imported)
            finally:
                child.close()

    def _store_batches(self, conn: sqlite3.Connection, prepare: "_Preparer",
                       batches: Iterable[tuple[list[tuple], dict]],
                       imported: tuple[str, str] | None = None) -> AddReport:
        report = AddReport()
        pair = prepare.pair
        for batch, unit_terms in batches:
            if pair is None and prepare.pair is not None:
                pair = prepare.pair
                self._set_meta("source_lang", pair[0])
                self._set_meta("target_lang", pair[1])
            self._flush(conn, batch, unit_terms, report)
        report.merge(prepare.report)
        if imported is not None:
            digest, path = imported
            self._set_meta(_IMPORTED + digest, json.dumps(
                {"path": path, "at": int(time.time()), "units": report.total}))
        if report.added:
            self._maybe_refresh(conn)
        if prepare.progress is not None:
            prepare.progress(prepare.seen)
        return report

    def _maybe_refresh(self, conn: sqlite3.Connection) -> None:
        """After a write that grew the memory by a tenth: merge the index, recount trigrams."""
        units = conn.execute("SELECT coalesce(max(id), 0) FROM unit").fetchone()[0]
        counted = int(self._meta("stats_units") or 0)
        if units - counted >= REFRESH_GROWTH * units:
            self._refresh(conn, optimize=True)

    def language_pair_in_transaction(self) -> tuple[str, str] | None:
        source, target = self._meta("source_lang"), self._meta("target_lang")
        return (source, target) if source and target else None

    def _flush(self, conn: sqlite3.Connection, batch: list[tuple],
               unit_terms: dict[int, list[tuple[str, str]]], report: AddReport) -> None:
        if not batch:
            return
        top = conn.execute("SELECT coalesce(max(id), 0) FROM unit").fetchone()[0]
        changes = conn.total_changes
        conn.executemany(
            "INSERT INTO unit(source, target, source_lang, target_lang, dkey, nkey, count, "
            "created, changed, origin, origin_id, context, note) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(dkey) DO UPDATE SET count = count + excluded.count, "
            "changed = max(changed, excluded.changed) "
            "WHERE source = excluded.source AND target = excluded.target "
            "AND source_lang = excluded.source_lang AND target_lang = excluded.target_lang",
            [row[:13] for row in batch])
        touched = conn.total_changes - changes
        new = conn.execute("SELECT id, dkey FROM unit WHERE id > ?", (top,)).fetchall()
        keys = {row[4]: row[13] for row in batch}
        conn.executemany("INSERT INTO source_index(rowid, key) VALUES(?, ?)",
                         [(uid, keys[dkey]) for uid, dkey in new])
        report.added += len(new)
        report.duplicates += touched - len(new)
        for _ in range(len(batch) - touched):  # a 64-bit hash collision: never silently merged
            report.skip(None, "its duplicate key collides with a different unit's")
        if unit_terms and new:
            rows = [(uid, entry_id, rendering) for uid, dkey in new
                    for entry_id, rendering in unit_terms.get(dkey, ())]
            conn.executemany("INSERT OR IGNORE INTO unit_term(unit_id, entry_id, rendering) "
                             "VALUES(?, ?, ?)", rows)

    def delete(self, ids: Iterable[int]) -> int:
        deleted = 0
        with self._write() as conn:
            for uid in ids:
                row = conn.execute("SELECT source, target FROM unit WHERE id=?", (uid,)).fetchone()
                if row is None:
                    continue
                conn.execute("INSERT INTO source_index(source_index, rowid, key) "
                             "VALUES('delete', ?, ?)", (uid, normalize(row[0])))
                if uid <= self._targets_indexed():
                    conn.execute("INSERT INTO target_index(target_index, rowid, target) "
                                 "VALUES('delete', ?, ?)", (uid, row[1]))
                conn.execute("DELETE FROM unit_term WHERE unit_id=?", (uid,))
                conn.execute("DELETE FROM unit WHERE id=?", (uid,))
                deleted += 1
        return deleted

    def imported(self, digest: str) -> str | None:
        with self._errors():
            value = self._meta(_IMPORTED + digest)
        if value is None:
            return None
        try:
            record = json.loads(value)
            at = datetime.fromtimestamp(record["at"], tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            return f"as {record['path']} on {at}, {record['units']:,} units"
        except (ValueError, KeyError, TypeError, OverflowError, OSError):
            return "before"

    def forget_imports(self, origin: str) -> int:
        with self._write() as conn:
            rows = conn.execute("SELECT key, value FROM meta WHERE key >= ? AND key < ?",
                                (_IMPORTED, _IMPORTED[:-1] + chr(ord(_IMPORTED[-1]) + 1))).fetchall()
            gone = []
            for key, value in rows:
                try:
                    if json.loads(value).get("path") == origin:
                        gone.append((key,))
                except (ValueError, AttributeError):
                    continue
            conn.executemany("DELETE FROM meta WHERE key=?", gone)
        return len(gone)

    def record_terms(self, triples: Iterable[tuple[int, str, str]], *, replace: bool = False
                     ) -> int:
        rows = list(triples)
        with self._write() as conn:
            if replace:
                conn.executemany("DELETE FROM unit_term WHERE unit_id=?",
                                 [(uid,) for uid in {r[0] for r in rows}])
            before = conn.total_changes
            conn.executemany("INSERT OR IGNORE INTO unit_term(unit_id, entry_id, rendering) "
                             "VALUES(?, ?, ?)", rows)
            return conn.total_changes - before

    def optimize(self) -> None:
        """Merge the index segments into one (slow on a big memory; lookups get a bit faster)."""
        with self._write() as conn:
            conn.execute("INSERT INTO source_index(source_index) VALUES('optimize')")
            conn.execute("INSERT INTO target_index(target_index) VALUES('optimize')")

    # -- reading ----------------------------------------------------------------------------

    def _units(self, sql: str, params: tuple | list = ()) -> list[Unit]:
        with self._errors():
            return [_to_unit(r) for r in self.conn.execute(sql, params).fetchall()]

    def get(self, unit_id: int) -> Unit | None:
        found = self._units(f"SELECT {_UNIT_COLUMNS} FROM unit WHERE id=?", (unit_id,))
        return found[0] if found else None

    def get_exact(self, source: str) -> list[Unit]:
        return [u for u in self.get_normalized(normalize(source)) if u.source == source]

    def get_normalized(self, key: str) -> list[Unit]:
        found = self._units(f"SELECT {_UNIT_COLUMNS} FROM unit WHERE nkey=?",
                            (normalized_key(key),))
        return [u for u in found if normalize(u.source) == key]

    def get_many(self, ids: list[int]) -> list[Unit]:
        """The units with these ids (in no particular order)."""
        out: list[Unit] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(self._units(f"SELECT {_UNIT_COLUMNS} FROM unit WHERE id IN ({marks})",
                                   chunk))
        return out

    def term_frequencies(self, grams: list[str]) -> dict[str, int]:
        """About how many units hold each trigram (0 for trigrams none holds).

        Frequent trigrams (:data:`FREQUENT` units or more) are read from ``gram_stats``,
        refreshed after every write that grew the memory by a tenth; the others are counted in
        the index, at most ``4 * FREQUENT`` postings each (a trigram that reaches that count
        became frequent since the last refresh and is taken to be held by that many).
        """
        out = dict.fromkeys(grams, 0)
        if not out:
            return out
        with self._errors():
            conn = self.conn
            marks = ",".join("?" * len(out))
            for term, doc in conn.execute(
                    f"SELECT term, doc FROM gram_stats WHERE term IN ({marks})", list(out)):
                out[term] = doc
            sql = (f"SELECT count(*) FROM (SELECT rowid FROM source_index WHERE source_index "
                   f"MATCH ? LIMIT {4 * FREQUENT})")
            for gram, doc in out.items():
                if doc == 0:
                    out[gram] = conn.execute(sql, (_quote(gram),)).fetchone()[0]
        return out

    def refresh_statistics(self, optimize: bool = True) -> None:
        """Recount the frequent trigrams (and, with *optimize*, merge the index segments)."""
        with self._write() as conn:
            self._refresh(conn, optimize)

    def _refresh(self, conn: sqlite3.Connection, optimize: bool) -> None:
        if optimize:
            conn.execute("INSERT INTO source_index(source_index) VALUES('optimize')")
            conn.execute("INSERT INTO target_index(target_index) VALUES('optimize')")
        conn.execute("DELETE FROM gram_stats")
        conn.execute("INSERT INTO gram_stats(term, doc) SELECT term, doc FROM source_terms "
                     "WHERE doc >= ?", (FREQUENT,))
        self._set_meta("stats_units",
                       str(conn.execute("SELECT coalesce(max(id), 0) FROM unit").fetchone()[0]))

    def choose_grams(self, key: str) -> tuple[list[tuple[str, int, float]],
                                              list[tuple[str, int, float]]]:
        """The trigrams of *key* to look up: (trigram, units holding it, weight) each.

        First list: the trigrams whose postings are read, rarest first, within
        :data:`POSTING_BUDGET` postings and :data:`MAX_GRAMS` trigrams, skipping trigrams that
        overlap one already taken (neighbours say the same thing) and trigrams that a twentieth
        of the memory holds. Trigrams held by exactly the same number of units
        (:data:`COLLAPSE_DF` or more) almost always come from one phrase those units share: one
        of them is read, weighing as much as all of them, so a long shared phrase costs one
        posting list, not one per trigram. A trigram weighs ``log(1 + N/df)``.

        Second list: further trigrams, too common to read whole, that tell apart the units
        sharing the query's longest common phrase (see :meth:`candidate_ids`).
        """
        grams = [key[i:i + 3] for i in range(len(key) - 2)]
        if not grams:
            return [], []
        if len(grams) > SAMPLE:  # very long sentences: an even sample
            step = len(grams) / SAMPLE
            grams = [grams[int(k * step)] for k in range(SAMPLE)]
        frequencies = self.term_frequencies(list(dict.fromkeys(grams)))
        total = max(1, self.count_estimate())
        common = max(1000, total // 20)
        group: dict[int, int] = {}
        for gram in dict.fromkeys(grams):
            df = frequencies[gram]
            if df >= COLLAPSE_DF:
                group[df] = group.get(df, 0) + 1
        order = sorted((frequencies[g], i) for i, g in enumerate(grams) if frequencies[g] > 0)
        chosen: list[tuple[str, int, float]] = []
        extra: list[tuple[str, int, float]] = []
        taken: list[int] = []
        seen_grams: set[str] = set()
        seen_df: set[int] = set()
        budget = 0
        for df, i in order:
            gram = grams[i]
            if gram in seen_grams or (df >= COLLAPSE_DF and df in seen_df):
                continue
            if any(abs(i - j) < 3 for j in taken):
                continue
            weight = math.log(1 + total / df) * (group.get(df, 1) if df >= COLLAPSE_DF else 1)
            seen_grams.add(gram)
            seen_df.add(df)
            taken.append(i)
            if df <= common and len(chosen) < MAX_GRAMS and (not chosen or
                                                             budget + df <= POSTING_BUDGET):
                chosen.append((gram, df, weight))
                budget += df
            elif len(extra) < REFINE_GRAMS and df <= total // 4:
                extra.append((gram, df, weight))
        return chosen, extra

    def candidate_ids(self, key: str, limit: int = 60) -> list[int]:
        """Ids of up to *limit* units likely to be the most similar to *key*.

        Stage one merges the postings of the chosen trigrams (:meth:`choose_grams`) and ranks
        units by the weight of the trigrams they share with the query. When the query shares a
        phrase with more units than *limit* (a standard sentence stored with many dates and
        names), stage two tells those units apart: for each further trigram, the units holding
        both the phrase and the trigram (an FTS5 ``AND``, evaluated inside SQLite), ranked the
        same way. The caller scores the union.
        """
        chosen, extra = self.choose_grams(key)
        if not chosen:
            return []
        parts, params = [], []
        for gram, _, weight in chosen:
            parts.append("SELECT rowid AS id, ? AS w FROM source_index WHERE source_index MATCH ?")
            params.extend((weight, _quote(gram)))
        sql = (f"SELECT id FROM ({' UNION ALL '.join(parts)}) GROUP BY id "
               f"ORDER BY sum(w) DESC, id DESC LIMIT {int(limit)}")
        with self._errors():
            ids = [r[0] for r in self.conn.execute(sql, params)]
        anchor = max(chosen, key=lambda c: c[2])
        others = [c for c in chosen if c is not anchor] + extra
        if anchor[1] <= limit or not others:
            return ids
        parts, params = [], []
        for gram, _, weight in others[:REFINE_GRAMS]:
            parts.append("SELECT rowid AS id, ? AS w FROM source_index WHERE source_index MATCH ?")
            params.extend((weight, f"{_quote(anchor[0])} AND {_quote(gram)}"))
        sql = (f"SELECT id FROM ({' UNION ALL '.join(parts)}) GROUP BY id "
               f"ORDER BY sum(w) DESC, id DESC LIMIT {int(limit)}")
        with self._errors():
            more = [r[0] for r in self.conn.execute(sql, params)]
        return list(dict.fromkeys(ids + more))

    def candidates(self, key: str, limit: int = 60) -> list[Unit]:
        ids = self.candidate_ids(key, limit)
        by_id = {u.id: u for u in self.get_many(ids)}
        return [by_id[i] for i in ids if i in by_id]

    def count_estimate(self) -> int:
        """The number of units, cheaply (the largest id; exact unless units were deleted)."""
        cached = getattr(self, "_count_cache", None)
        if cached is not None and cached[0] > time.monotonic() - 5:
            return cached[1]
        with self._errors():
            value = self.conn.execute("SELECT coalesce(max(id), 0) FROM unit").fetchone()[0]
        self._count_cache = (time.monotonic(), value)
        return value

    def _targets_indexed(self) -> int:
        """The largest unit id whose target is in ``target_index``."""
        return int(self._meta("target_indexed") or 0)

    def index_targets(self, *, wait: float | None = 0.2) -> bool:
        """Bring the target index up to date; False if another writer kept it from doing so.

        Targets are indexed on demand (by the first ``tm search --target`` after an import)
        rather than during imports, which it would slow down by a quarter.
        """
        with self._errors():
            top = self.conn.execute("SELECT coalesce(max(id), 0) FROM unit").fetchone()[0]
            if top <= self._targets_indexed():
                return True
        if wait is not None:
            self.conn.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
        try:
            with self._write() as conn:
                mark = self._targets_indexed()
                top = conn.execute("SELECT coalesce(max(id), 0) FROM unit").fetchone()[0]
                conn.execute("INSERT INTO target_index(rowid, target) SELECT id, target FROM unit "
                             "WHERE id > ?", (mark,))
                self._set_meta("target_indexed", str(top))
            return True
        except GlossaryError:
            return False
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")

    def concordance(self, text: str, *, target: bool = False, limit: int | None = None
                    ) -> Iterator[Unit]:
        mark: int | None = None
        if target:
            from glossary.memory.normalize import fold_target

            needle = fold_target(text)
            index, check = "target_index", (lambda u: needle in fold_target(u.target))
            if needle:
                self.index_targets()
                mark = self._targets_indexed()
        else:
            needle = normalize(text)
            index, check = "source_index", (lambda u: needle in normalize(u.source))
        if not needle:
            return
        grams = trigrams(needle)
        queries: list[tuple[str, tuple]] = []
        if grams:
            match = " AND ".join(_quote(g) for g in grams)
            sql = (f"SELECT {_UNIT_COLUMNS} FROM unit WHERE id IN "
                   f"(SELECT rowid FROM {index} WHERE {index} MATCH ?)")
            if mark is None:
                queries.append((sql + " ORDER BY id", (match,)))
            else:  # units not in the target index yet (a writer is busy) are read in order
                queries.append((sql + " AND id <= ? ORDER BY id", (match, mark)))
                queries.append((f"SELECT {_UNIT_COLUMNS} FROM unit WHERE id > ? ORDER BY id",
                                (mark,)))
        else:  # one or two characters: no trigram to look up, read the units in order
            queries.append((f"SELECT {_UNIT_COLUMNS} FROM unit ORDER BY id", ()))
        found = 0
        with self._errors():
            for sql, params in queries:
                for row in self.conn.execute(sql, params):
                    unit = _to_unit(row)
                    if check(unit):
                        yield unit
                        found += 1
                        if limit is not None and found >= limit:
                            return

    def iter_units(self) -> Iterator[Unit]:
        with self._errors():
            cursor = self.conn.execute(f"SELECT {_UNIT_COLUMNS} FROM unit ORDER BY id")
            while True:
                rows = cursor.fetchmany(2000)
                if not rows:
                    return
                for row in rows:
                    yield _to_unit(row)

    def unit_terms(self) -> Iterator[tuple[int, str, str]]:
        with self._errors():
            yield from self.conn.execute(
                "SELECT unit_id, entry_id, rendering FROM unit_term ORDER BY unit_id")

    def count(self) -> int:
        with self._errors():
            return self.conn.execute("SELECT count(*) FROM unit").fetchone()[0]

    def stats(self) -> dict:
        with self._errors():
            conn = self.conn
            units, occurrences, first, last = conn.execute(
                "SELECT count(*), coalesce(sum(count), 0), min(created), max(changed) FROM unit"
            ).fetchone()
            pairs = [
                {"source_lang": s, "target_lang": t, "units": n}
                for s, t, n in conn.execute(
                    "SELECT source_lang, target_lang, count(*) FROM unit "
                    "GROUP BY source_lang, target_lang ORDER BY count(*) DESC")
            ]
            origins = [
                {"origin": o, "units": n}
                for o, n in conn.execute(
                    "SELECT origin, count(*) FROM unit GROUP BY origin "
                    "ORDER BY count(*) DESC, origin LIMIT 10")
            ]
            recorded = conn.execute("SELECT count(DISTINCT unit_id) FROM unit_term").fetchone()[0]
        size = sum(os.path.getsize(self.path + ext) for ext in ("", "-wal")
                   if os.path.exists(self.path + ext))
        pair = self.language_pair()
        return {
            "path": self.path,
            "schema_version": SCHEMA_VERSION,
            "language_pair": list(pair) if pair else None,
            "units": units,
            "occurrences": occurrences,
            "duplicates_merged": occurrences - units,
            "first_created": first,
            "last_changed": last,
            "languages": pairs,
            "origins": origins,
            "units_with_recorded_terms": recorded,
            "size_bytes": size,
        }


def open_store(path: str | os.PathLike[str], *, create: bool = True) -> SqliteStore:
    """Open (or create) the SQLite memory at *path*."""
    return SqliteStore(path, create=create)


__all__ = ["SqliteStore", "open_store", "trigrams", "duplicate_key", "SCHEMA_VERSION",
           "normalizer_fingerprint"]
