"""`ideabank check [--json]` (is the store sound?) and `ideabank backup FILE` (SQLite online backup)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core import integrity
from app.core.errors import StorageError, ValidationError
from app.core.i18n import t
from app.core.permissions import check
from db.backup import backup_sqlite


def register(sub) -> None:  # type: ignore[no-untyped-def]
    chk = sub.add_parser("check", help=t("检查数据库完整性", "check the integrity of the database"))
    chk.add_argument("--json", action="store_true", help=t("以 JSON 输出问题清单", "print the problems as JSON"))
    chk.add_argument("--no-hash", action="store_true", help=t("不校验附件的 SHA-256（更快）",
                                                            "skip the SHA-256 of attachment files (faster)"))
    chk.set_defaults(handler=run_check)
    bak = sub.add_parser("backup", help=t("在线备份数据库到文件", "back up the database to a file (online)"))
    bak.add_argument("file")
    bak.set_defaults(handler=run_backup)


def run_check(args, ctx) -> int:  # type: ignore[no-untyped-def]
    problems = integrity.check_bank(ctx.bank(create=False), ctx.actor, verify_files=not args.no_hash)
    if args.json:
        ctx.print_json({"ok": not problems, "problems": [p.as_json() for p in problems]})
    elif problems:
        print(t("发现 {n} 处问题：", "{n} problem(s) found:", n=len(problems)))
        for p in problems:
            print(f"  [{p.kind}] {p.message}")
    else:
        ctx.info(t("检查通过：数据库完好。", "Check passed: the database is sound."))
    return 1 if problems else 0


def run_backup(args, ctx) -> int:  # type: ignore[no-untyped-def]
    bank = ctx.bank(create=False)
    check(ctx.actor, "data.backup")
    if bank.engine.dialect.name != "sqlite":
        raise StorageError(t("这是 PostgreSQL 数据库，请用 pg_dump 备份，例如：pg_dump -Fc -f ideabank.dump 数据库名",
                             "This is a PostgreSQL database: back it up with pg_dump, e.g. pg_dump -Fc -f ideabank.dump DBNAME"))
    source = Path(bank.engine.url.database or "")
    target = Path(args.file).expanduser()
    if target.exists() and target.is_dir():
        raise ValidationError(t("{p} 是文件夹，请给出备份文件名。", "{p} is a folder; name the backup file.", p=target))
    if target.resolve() == source.resolve():
        raise ValidationError(t("备份文件不能是数据库本身。", "The backup cannot overwrite the database itself."))
    try:
        backup_sqlite(source, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(t("无法写入备份 {p}：{e}", "Cannot write the backup {p}: {e}", p=target,
                             e=getattr(exc, "strerror", None) or exc)) from None
    ctx.info(t("已备份到 {p}", "Backed up to {p}", p=target))
    return 0
