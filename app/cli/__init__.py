"""`ideabank`: the same core as the window, from a terminal (after calibre's calibredb).

Each subcommand lives in a module `cmd_<name>.py` with `register(sub: Subparsers)`, which adds its
parser and sets `handler=`. A handler receives (args: argparse.Namespace, ctx: Context) and returns an
exit code (Subparsers and Context are in app/cli/context.py). Errors the user can cause
(IdeaBankError) print one clear line on stderr and exit non-zero; no traceback.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from app.cli.context import Context
from app.core.errors import IdeaBankError
from app.core.fields import argument_problem, printable
from app.core.i18n import set_language, t

# Each subcommand module and the commands it registers; the order is the order of `ideabank --help`.
# A run imports only the modules of the command it names (a test checks this table against what the
# modules register): the imports of all of them cost more than a quick command itself.
COMMANDS: dict[str, tuple[str, ...]] = {
    "cmd_init": ("init",),
    "cmd_user": ("user",),
    "cmd_org": ("unit", "studio"),
    "cmd_people": ("people",),
    "cmd_project": ("project",),
    "cmd_demo": ("demo",),
    "cmd_transfer": ("import", "export"),
    "cmd_admin": ("check", "backup", "restore"),
    "cmd_search": ("search", "similar", "reindex"),
    "cmd_team": ("team",),
    "cmd_incubation": ("incubation",),
    "cmd_warnings": ("warnings",),
    "cmd_task": ("task",),
    "cmd_campaign": ("campaign",),
    "cmd_stats": ("stats",),
    "cmd_ledger": ("compliance", "ledger"),
    "cmd_dossier": ("dossier", "report", "verify"),
    "cmd_sync": ("sync",),
    "cmd_site": ("site",),
    "cmd_package": ("package",),
    "cmd_join": ("site",),  # adds `site join` to cmd_site's `site` command
    "cmd_conflicts": ("conflicts",),
}
# Options before the command that take a value (`--data-dir DIR`), skipped when looking for it.
_VALUED = ("--data-dir", "--db-url", "--as", "--lang")


class _Parser(argparse.ArgumentParser):
    """argparse, but bad arguments give one line and exit 2, in the active language."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"ideabank: {t('参数错误', 'bad arguments')}: {message} ({t('用 --help 查看用法', 'see --help')})\n")


class _Version(argparse.Action):
    """`--version`, reading the version only when asked (the package metadata costs a command ~40 ms)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        import app
        print(f"ideabank {app.__version__}")  # on stdout, as argparse's own version action
        parser.exit()


def command_of(argv: Sequence[str]) -> str | None:
    """The command `argv` names, when it names a known one before any help or version option."""
    known = {c for names in COMMANDS.values() for c in names}
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            return arg if arg in known else None
        elif arg.split("=", 1)[0] not in _VALUED:  # --help, --version, or a mistake: the whole parser says it
            return None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `command` only ("": of none)."""
    parser = _Parser(prog="ideabank", description=t("创新智慧库命令行", "Idea Bank command line"))
    parser.add_argument("--version", action=_Version, nargs=0, help=t("显示版本号并退出", "show the version and exit"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help=t("数据文件夹（默认为用户数据文件夹，或环境变量 IDEABANK_HOME）",
                               "data folder (default: the per-user data folder, or $IDEABANK_HOME)"))
    parser.add_argument("--db-url", metavar="URL", help=t("数据库地址，例如 PostgreSQL 中心库",
                                                          "database URL, e.g. a PostgreSQL hub"))
    parser.add_argument("--as", dest="as_user", metavar="EMPLOYEE_NO",
                        help=t("以该工号的身份操作（默认本地管理员）", "act as this user (default: the local admin)"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=t("消息语言", "message language"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, commands in COMMANDS.items():
        if command is None or command in commands:
            importlib.import_module(f"app.cli.{name}").register(sub)
    return parser


class _PrintableOut:
    """stdout that shows control characters of stored text as visible escapes (text stored before
    the rules of app/core/fields.py, or arriving from another site, cannot drive the terminal)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        self._out.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def bad_argument(argv: Sequence[str]) -> str | None:
    """One line for the first argument that carries NUL, invalid Unicode or control characters."""
    for position, arg in enumerate(argv, start=1):
        problem = argument_problem(arg)
        if problem:
            return t("第 {i} 个参数“{a}”{p}", "argument {i} ('{a}') {p}", i=position, a=printable(arg)[:60], p=problem)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv[:-1]:
        set_language(argv[argv.index("--lang") + 1])
    problem = bad_argument(argv)
    if problem:
        print(f"ideabank: {t('参数错误', 'bad arguments')}: {problem}", file=sys.stderr)
        return 2
    command = command_of(argv)
    if command is None and "--version" in argv:
        command = ""  # no command's module is needed to say the version
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if not getattr(args, "reads_only", False):
        gc.enable()  # held off by app/cli/entry.py while starting; a command that only reads goes on without
    ctx = Context(args)
    stdout = sys.stdout
    sys.stdout = _PrintableOut(stdout)
    try:
        return int(args.handler(args, ctx) or 0)
    except IdeaBankError as exc:
        print(f"ideabank: {exc.message}", file=sys.stderr)
        for line in exc.details[:50]:
            print(f"  - {line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"ideabank: {t('已取消', 'cancelled')}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ideabank project list | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        sys.stdout = stdout
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
