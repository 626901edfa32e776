"""Pausing Python's cyclic garbage collector while large, acyclic data is built.

Loading a large glossary, its automaton's patterns or a corpus's findings makes hundreds of
thousands of objects and no reference cycles; each time allocations pass a threshold, the
collector walks every tracked object again. Paused, the same work takes a fraction of the time
(the 80,000 patterns of a 10,000-entry glossary: 0.09 s → 0.02 s).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block (re-enabled after, if it was on)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
