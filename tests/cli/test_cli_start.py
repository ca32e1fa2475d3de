"""What `ideabank` loads to run one command: only that command's module, and no alembic for a store
that is up to date; help still lists every command."""
from __future__ import annotations

import importlib
import json
import subprocess
import sys

from app.cli import COMMANDS, _Parser, command_of
from tests.cli.test_cli_data import ROOT, ideabank


def test_the_command_table_names_what_each_module_registers():
    sub = _Parser(prog="ideabank").add_subparsers(dest="command", parser_class=_Parser)
    for name, commands in COMMANDS.items():
        before = set(sub.choices)
        importlib.import_module(f"app.cli.{name}").register(sub)
        added = set(sub.choices) - before
        # A module either adds its commands, or extends ones added before it (cmd_join: `site join`).
        assert added == set(commands) or (not added and set(commands) <= before), name


def test_the_command_is_found_after_the_global_options():
    assert command_of(["--data-dir", "x", "--as", "W1", "stats", "--json"]) == "stats"
    assert command_of(["--data-dir=x", "--lang", "en", "site", "join", "--help"]) == "site"
    assert command_of(["--help", "stats"]) is None  # the whole parser answers --help
    assert command_of(["--version"]) is None and command_of([]) is None
    assert command_of(["bogus"]) is None  # the whole parser says which commands there are


def test_a_command_loads_only_its_own_module_and_no_alembic(tmp_path):
    home = tmp_path / "data"
    ideabank(home, "init")
    # As the `ideabank` program runs (app/cli/entry.py), reporting what it loaded and whether
    # Python's cycle collector is on at the end (off for a command that only reads).
    probe = ("import gc, json, sys; from app.cli.entry import main; sys.argv[0] = 'ideabank'; rc = main(); "
             "print(json.dumps([rc, sorted(m for m in sys.modules if m.startswith('app.cli.cmd_')), "
             "'alembic' in sys.modules, gc.isenabled()]), file=sys.stderr)")

    def run(*args: str) -> list:
        proc = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(home), *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return [*json.loads(proc.stderr.strip().splitlines()[-1]), proc.stdout]
    rc, modules, alembic, collector, out = run("stats", "--json")
    assert (rc, modules, alembic, collector) == (0, ["app.cli.cmd_stats"], False, False)
    assert json.loads(out)["count"] == 0
    rc, modules, alembic, collector, out = run("project", "list", "--json")
    assert (rc, modules, alembic, collector) == (0, ["app.cli.cmd_project"], False, True)


def test_help_still_lists_every_command(tmp_path):
    out = ideabank(tmp_path / "data", "--help").stdout
    for commands in COMMANDS.values():
        for command in commands:
            assert command in out
    assert "join" in ideabank(tmp_path / "data", "site", "--help").stdout
    bad = ideabank(tmp_path / "data", "bogus", check=False)
    assert bad.returncode == 2 and "stats" in bad.stderr


def test_parsers_are_the_same_whether_built_whole_or_for_one_command():
    from app.cli import build_parser
    whole, one = build_parser(), build_parser("task")
    argv = ["--as", "L001", "task", "list", "--json"]
    assert vars(whole.parse_args(argv)).keys() == vars(one.parse_args(argv)).keys()


def test_the_version_needs_no_command(tmp_path):
    from app import __version__
    proc = ideabank(tmp_path / "data", "--version")
    assert proc.stdout.strip() == f"ideabank {__version__}"
    assert not (tmp_path / "data").exists()  # nothing opened, nothing made
