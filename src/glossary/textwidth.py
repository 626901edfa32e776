"""How many terminal columns a text takes: CJK and full-width characters two, combining marks none."""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=16384)
def char_width(char: str) -> int:
    """Columns one character takes on a terminal."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """Columns *text* takes on a terminal (``display_width("伊朗 Iran") == 9``)."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))
