"""The one error type for bad input: it names the file and line and says what to do."""

from __future__ import annotations

from pathlib import Path


class GlossaryError(Exception):
    """Bad input or a refused operation.

    The command line prints ``str(error)`` as one line on stderr and exits with code 2;
    no other layer knows about exit codes.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self):  # whole across processes (glossary.parallel), not just its message
        return (self.__class__, (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return where + self.message.replace("\n", " ")
