"""What every command module shares: the glossary location and error reporting."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from glossary.errors import GlossaryError
from glossary.model import Glossary
from glossary.store import find_glossary_dir, load_glossary


def glossary_dir(ctx: typer.Context) -> Path:
    """The glossary folder given by the global ``--glossary`` option, or found upward."""
    root = ctx.find_root().obj.get("glossary") if ctx.find_root().obj else None
    return Path(root) if root else find_glossary_dir()


def open_glossary(ctx: typer.Context, use_cache: bool = True) -> Glossary:
    """Load the glossary that the global options point at."""
    return load_glossary(glossary_dir(ctx), use_cache=use_cache)


def fail(error: GlossaryError | str) -> "typer.Exit":
    """Print one line on stderr and return the exit (code 2) for the caller to raise."""
    print(f"glossary: error: {error}", file=sys.stderr)
    return typer.Exit(2)


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    print(f"glossary: warning: {message}", file=sys.stderr)
