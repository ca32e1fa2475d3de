"""`ideabank init`: create the data folder and database (migrations applied)."""
from __future__ import annotations

import argparse

from app.cli.context import Context, Subparsers
from app.core.i18n import t


def register(sub: Subparsers) -> None:
    p = sub.add_parser("init", help=t("创建数据文件夹和数据库", "create the data folder and database"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank(fresh=True)  # also after a damaged store was moved aside: an explicit new start
    ctx.info(t("数据库已就绪：{url}", "The database is ready: {url}",
               url=bank.engine.url.render_as_string(hide_password=True)))
    if bank.backup_made:
        ctx.info(t("升级前的备份：{p}", "Backup taken before upgrading: {p}", p=bank.backup_made))
    return 0
