"""The README stays true to the tool: its two commands, every rule, every command."""

from __future__ import annotations

import re

from conftest import REPO
from glossary.cli.app import app
from glossary.rules import ALL_RULES

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands_ci_runs():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert blocks[0] == "pip install . && glossary check seeds/"
    assert blocks[1] == "pip install -e '.[test]' && python -m pytest"
    assert blocks[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_rule_is_documented():
    for rule in ALL_RULES:
        assert f"| {rule.code} | {rule.name} | {rule.severity} |" in README, rule.code


def test_every_command_is_documented():
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert names
    for name in names:
        assert f"glossary {name}" in README, name


def test_every_command_is_in_the_lazy_import_table():
    from glossary.cli.app import COMMANDS, build_app

    whole = build_app()
    names = {c.name for c in whole.registered_commands} | {g.name for g in whole.registered_groups}
    assert names == set(COMMANDS)
    for command, module in COMMANDS.items():
        alone = build_app((module,))
        own = {c.name for c in alone.registered_commands} | {g.name for g in alone.registered_groups}
        assert command in own
