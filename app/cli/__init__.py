"""`ideabank`: the same core as the window, from a terminal (after calibre's calibredb).

Each subcommand lives in a module `cmd_<name>.py` with `register(sub: Subparsers)`, which adds its
parser and sets `handler=`. A handler receives (args: argparse.Namespace, ctx: Context) and returns an
exit code (Subparsers and Context are in app/cli/context.py). Errors the user can cause
(IdeaBankError) print one clear line on stderr and exit non-zero; no traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from app import __version__
from app.cli.context import Context
from app.core.errors import IdeaBankError
from app.core.fields import argument_problem, printable
from app.core.i18n import set_language, t

# One line per subcommand module; the order is the order of `ideabank --help`.
COMMANDS = [
    "cmd_init",
    "cmd_user",
    "cmd_org",
    "cmd_people",
    "cmd_project",
    "cmd_demo",
    "cmd_transfer",
    "cmd_admin",
    "cmd_search",
    "cmd_team",
    "cmd_incubation",
    "cmd_warnings",
    "cmd_task",
    "cmd_campaign",
    "cmd_stats",
    "cmd_ledger",
    "cmd_dossier",
    "cmd_sync",
    "cmd_site",
    "cmd_package",
    "cmd_join",  # adds `site join` to cmd_site's `site` command
    "cmd_conflicts",
]


class _Parser(argparse.ArgumentParser):
    """argparse, but bad arguments give one line and exit 2, in the active language."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"ideabank: {t('参数错误', 'bad arguments')}: {message} ({t('用 --help 查看用法', 'see --help')})\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ideabank", description=t("创新智慧库命令行", "Idea Bank command line"))
    parser.add_argument("--version", action="version", version=f"ideabank {__version__}")
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
    for name in COMMANDS:
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
    parser = build_parser()
    args = parser.parse_args(argv)
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
