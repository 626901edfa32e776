"""Checking many files in worker processes: the same result as one process, sooner.

The files go to the workers in batches, in their order (several per worker, 64 kB to 2 MB);
each worker runs its own :class:`~glossary.check.Checker` on a batch and sends back plain rows,
and the parent merges the batches in order. Findings, file facts, ``--stats`` counts and the uses the corpus
rule (GL007) needs come out exactly as a check in one process would make them.

Findings travel as tuples of their fields: pickling a slots dataclass goes through Python
code for each object and costs four times as much as a tuple (0.7 s against 0.2 s for the
100,000 findings of 20 MB). Workers are forked where the platform allows it, so the glossary
and its automaton are shared, not loaded again; elsewhere they are started afresh and load
the glossary's cached automaton.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from dataclasses import fields
from itertools import starmap
from operator import attrgetter
from pathlib import Path
from typing import Callable

from glossary.check import Checker, CheckOptions, CheckResult
from glossary.errors import GlossaryError
from glossary.findings import Finding
from glossary.model import Glossary
from glossary.rules import inconsistent_forms

PARALLEL_MIN_BYTES = 4_000_000
"""Below this much text a run stays in one process: starting workers would cost more."""

BATCH_BYTES = (64_000, 2_000_000)  # the smallest and largest batch sent to a worker
START_METHOD: str | None = None  # "fork" or "spawn"; None: fork on Linux, spawn elsewhere

_row = attrgetter(*(f.name for f in fields(Finding)))
_checker: Checker | None = None  # the worker's own


def available_cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (macOS, Windows)
        return os.cpu_count() or 1


def worker_count(jobs: int | None, sizes: list[int]) -> int:
    """How many workers a run over files of *sizes* bytes gets (1: check in this process).

    *jobs* 0 or None means one per available core.
    """
    wanted = jobs if jobs and jobs > 0 else available_cores()
    if wanted < 2 or len(sizes) < 2 or sum(sizes) < PARALLEL_MIN_BYTES:
        return 1
    return min(wanted, len(sizes))


def batches(paths: list[Path], sizes: list[int], workers: int) -> list[list[str]]:
    """*paths* cut in order into batches of similar size, several per worker."""
    low, high = BATCH_BYTES
    target = min(high, max(low, sum(sizes) // (workers * 8)))
    out: list[list[str]] = []
    batch: list[str] = []
    filled = 0
    for path, size in zip(paths, sizes):
        batch.append(str(path))
        filled += size
        if filled >= target:
            out.append(batch)
            batch, filled = [], 0
    if batch:
        out.append(batch)
    return out


def _start(glossary: Glossary, options: CheckOptions, vectorized: bool) -> None:
    global _checker
    # Ctrl-C is the parent's to handle (one line, as in one process), not every worker's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()  # as in one process: the findings are acyclic (glossary.gcpause)
    if vectorized:
        from glossary.scripts import prefer_vectorized

        prefer_vectorized()
    _checker = Checker(glossary, options)


def _check_batch(paths: list[str]) -> tuple:
    """Check *paths* in this worker; the outcome as plain data."""
    checker = _checker
    checker.result, checker._uses = CheckResult(), inconsistent_forms.CorpusUses()
    for path in paths:
        checker.check_file(Path(path))
    result = checker.result
    uses = {key: (use.count, use.kind, use.files, _row(use.first), use.spellings)
            for key, use in checker._uses.forms(everything=True).items()}
    return (list(map(_row, result.findings)), result.files, result.skipped, uses, result.usage,
            result.warnings)


def _merge(checker: Checker, outcome: tuple) -> None:
    rows, files, skipped, uses, usage, warnings = outcome
    result = checker.result
    result.findings.extend(starmap(Finding, rows))
    result.files.extend(files)
    result.skipped.extend(skipped)
    result.warnings.extend(warnings)
    for key, (count, kind, where, first, spellings) in uses.items():
        checker._uses.merge(key, count, kind, where, first, spellings)
    for entry_id, forms in usage.items():  # each file is in one batch: counts only add up
        into = result.usage.setdefault(entry_id, {})
        for form, counts in forms.items():
            into.setdefault(form, counts.__class__()).update(counts)


def check_in_workers(checker: Checker, paths: list[Path], sizes: list[int], workers: int,
                     progress: Callable[[int, int, str], None] | None = None,
                     vectorized: bool = False) -> None:
    """Check *paths* in *workers* processes, merging every outcome into *checker*."""
    import multiprocessing  # here: 18 ms of imports that a small run does not need
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = START_METHOD
    if method is None:  # macOS's system libraries are not safe to fork
        forks = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
        method = "fork" if forks else "spawn"
    work = batches(paths, sizes, workers)
    done = 0
    # An executor, not a Pool: a worker that dies (killed for memory) breaks the run with an
    # error instead of leaving it waiting for ever.
    executor = ProcessPoolExecutor(workers, multiprocessing.get_context(method), _start,
                                   (checker.glossary, checker.options, vectorized))
    try:
        for batch, outcome in zip(work, executor.map(_check_batch, work)):
            _merge(checker, outcome)
            done += len(batch)
            if progress:
                progress(done, len(paths), batch[-1])
    except BrokenProcessPool:
        raise GlossaryError("a worker process of the check died (out of memory?); "
                            "run it again with --jobs 1") from None
    finally:  # on an error or Ctrl-C, the batches not begun are dropped, not run
        executor.shutdown(wait=True, cancel_futures=True)
