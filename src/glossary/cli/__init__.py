"""The command line: one Typer app, one small module per command group (parse → call → render)."""
