"""The ``glossary`` command: global options, the command modules, and the error boundary."""

from __future__ import annotations

import importlib
import sys
from typing import Optional

import typer

from glossary import __version__
from glossary.errors import GlossaryError

# Each module defines register(app) and adds its commands; a module owns one command group.
COMMAND_MODULES = ("entries", "check", "exchange", "tm")
# The module of each command: `glossary check ...` imports only what `check` needs (the others
# bring lxml, SQLite and the edit machinery: a third of the start-up time of a check).
COMMANDS = {
    "add": "entries", "edit": "entries", "remove": "entries", "list": "entries",
    "show": "entries", "search": "entries", "validate": "entries", "check": "check",
    "export": "exchange", "import": "exchange", "segment": "exchange", "tm": "tm",
}
_GLOBAL_OPTIONS_WITH_VALUE = ("--glossary", "-g")


def _version(value: bool) -> None:
    if value:
        print(f"glossary {__version__}")
        raise typer.Exit()


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


_apps: dict[tuple[str, ...], typer.Typer] = {}


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """The command-line application with the commands of *modules* (all by default)."""
    built = _apps.get(modules)
    if built is None:
        built = typer.Typer(
            name="glossary",
            help="Keep a reviewed Chinese→English glossary and check, segment and exchange texts "
                 "with it.",
            no_args_is_help=True,
            add_completion=False,
            pretty_exceptions_enable=False,
            rich_markup_mode=None,
        )
        built.callback()(main_options)
        for name in modules:
            importlib.import_module(f"glossary.cli.{name}").register(built)
        _apps[modules] = built
    return built


def _modules_for(argv: list[str]) -> tuple[str, ...]:
    """The command modules a command line needs: the named command's, or all of them."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            module = COMMANDS.get(arg)
            return (module,) if module else COMMAND_MODULES
    return COMMAND_MODULES


def __getattr__(name: str):
    if name == "app":  # the whole application, for documentation and tests
        return build_app()
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; bad input becomes one line on stderr and exit code 2."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        result = build_app(_modules_for(argv))(args=argv, prog_name="glossary",
                                               standalone_mode=False)
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
