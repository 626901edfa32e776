"""The ``glossary`` command: global options, the command modules, and the error boundary."""

from __future__ import annotations

import importlib
import sys
from typing import Optional

import typer

from glossary import __version__
from glossary.errors import GlossaryError

app = typer.Typer(
    name="glossary",
    help="Keep a reviewed Chinese→English glossary and check, segment and exchange texts with it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Each module defines register(app) and adds its commands; a module owns one command group.
COMMAND_MODULES = ("entries", "check", "exchange", "tm")


def _version(value: bool) -> None:
    if value:
        print(f"glossary {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    glossary: Optional[str] = typer.Option(
        None, "--glossary", "-g", metavar="DIR", envvar="GLOSSARY_DIR",
        help="The glossary folder (default: ./glossary, or the nearest one in a parent folder).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    ctx.obj = {"glossary": glossary}


for _name in COMMAND_MODULES:
    importlib.import_module(f"glossary.cli.{_name}").register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; bad input becomes one line on stderr and exit code 2."""
    try:
        result = app(args=argv, prog_name="glossary", standalone_mode=False)
    except GlossaryError as error:
        print(f"glossary: error: {error}", file=sys.stderr)
        return 2
    except typer.Exit as done:
        return done.exit_code
    except KeyboardInterrupt:
        print("glossary: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # typer/click usage errors
        usage = _usage_error(error)
        if usage is None:
            raise
        print(f"glossary: error: {usage}", file=sys.stderr)
        return 2
    return result if isinstance(result, int) else 0


def _usage_error(error: Exception) -> str | None:
    """The one-line message of a command-line usage error, or None if *error* is not one."""
    show = getattr(error, "format_message", None)
    if show is None or getattr(error, "exit_code", None) is None:
        return None
    message = show()
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message


def run() -> None:  # pragma: no cover - console-script entry point
    sys.exit(main())
