"""`ideabank check [--json]` (is the store sound?), `ideabank backup FILE` (a checked online
backup) and `ideabank restore FILE` (checked before anything is replaced)."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import Context, Subparsers
from app.core import backups, integrity
from app.core.errors import StorageError, ValidationError
from app.core.i18n import t
from app.core.instance import FolderLock
from app.core.paths import default_data_dir
from app.core.permissions import check


def register(sub: Subparsers) -> None:
    chk = sub.add_parser("check", help=t("检查数据库完整性", "check the integrity of the database"))
    chk.add_argument("--json", action="store_true", help=t("以 JSON 输出问题清单", "print the problems as JSON"))
    chk.add_argument("--no-hash", action="store_true", help=t("不校验附件的 SHA-256（更快）",
                                                            "skip the SHA-256 of attachment files (faster)"))
    chk.add_argument("--repair", action="store_true",
                     help=t("修复能修复的问题（索引、计数、附件大小；有完好副本时的附件文件），报告其余问题",
                            "repair what can be repaired (indexes, counts, sizes; attached files when a good copy "
                            "is found) and report the rest"))
    chk.add_argument("--from", dest="sources", action="append", default=[], metavar="DIR",
                     help=t("在此文件夹中寻找损坏或丢失附件的完好副本（可重复）",
                            "look for good copies of damaged or missing attached files here (repeatable)"))
    chk.set_defaults(handler=run_check)
    bak = sub.add_parser("backup", help=t("在线备份数据库到文件", "back up the database to a file (online)"))
    bak.add_argument("file")
    bak.set_defaults(handler=run_backup)
    rst = sub.add_parser("restore", help=t("从备份文件恢复数据库（先检查备份，并备份当前库）",
                                           "restore the database from a backup (checked first; the current one is "
                                           "backed up)"))
    rst.add_argument("file", nargs="?", help=t("备份文件；不给出时列出数据文件夹中的备份",
                                               "the backup file; without it, list the backups in the data folder"))
    rst.add_argument("--json", action="store_true")
    rst.set_defaults(handler=run_restore)


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    repaired: list[str] = []
    if args.sources and not args.repair:
        raise ValidationError(t("--from 只与 --repair 一起使用。", "--from goes with --repair."))
    if args.repair:
        from app.core.repair import repair
        report = repair(ctx.bank(create=False), ctx.actor, sources=[Path(p) for p in args.sources])
        repaired, problems = report.repaired, report.remaining
    else:
        problems = integrity.check_bank(ctx.bank(create=False), ctx.actor, verify_files=not args.no_hash)
    if args.json:
        out = {"ok": not problems, "problems": [p.as_json() for p in problems]}
        if args.repair:
            out["repaired"] = repaired
        ctx.print_json(out)
        return 1 if problems else 0
    for line in repaired:
        print(t("已修复：{m}", "repaired: {m}", m=line))
    if problems:
        print(t("发现 {n} 处问题：", "{n} problem(s) found:", n=len(problems)))
        for p in problems:
            print(f"  [{p.kind}] {p.message}")
    else:
        ctx.info(t("检查通过：数据库完好。", "Check passed: the database is sound."))
    return 1 if problems else 0


def run_backup(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank(create=False)
    check(ctx.actor, "data.backup")
    if bank.engine.dialect.name != "sqlite":
        raise StorageError(t("这是 PostgreSQL 数据库，请用 pg_dump 备份，例如：pg_dump -Fc -f ideabank.dump 数据库名",
                             "This is a PostgreSQL database: back it up with pg_dump, e.g. pg_dump -Fc -f ideabank.dump DBNAME"))
    source = bank.db_path
    if source is None:  # SQLite in memory: no file to copy
        raise StorageError(t("只能备份 SQLite 数据库文件。", "Only a SQLite database file can be backed up."))
    target = Path(args.file).expanduser()
    if target.exists() and target.is_dir():
        raise ValidationError(t("{p} 是文件夹，请给出备份文件名。", "{p} is a folder; name the backup file.", p=target))
    if target.resolve() == source.resolve():
        raise ValidationError(t("备份文件不能是数据库本身。", "The backup cannot overwrite the database itself."))
    bank.verify()  # a store that fails its check is never copied into a backup
    backups.backup_file(source, target)
    ctx.info(t("已备份到 {p}（已检查）", "Backed up to {p} (checked)", p=target))
    return 0


def run_restore(args: argparse.Namespace, ctx: Context) -> int:
    if args.db_url:
        raise StorageError(t("PostgreSQL 数据库请用 pg_restore 恢复。", "Restore a PostgreSQL database with pg_restore."))
    data_dir = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
    if not args.file:
        found = [{"path": str(b.path), "kind": b.kind, "taken_at": b.taken_at.isoformat(timespec="seconds")}
                 for b in backups.list_backups(data_dir)]
        if args.json:
            ctx.print_json(found)
        else:
            for b in found:
                print(f"{b['taken_at']}  {b['kind']:<28}  {b['path']}")
            if not found:
                ctx.info(t("{p} 中没有备份。", "There are no backups in {p}.", p=data_dir / backups.BACKUP_DIR))
        return 0
    source = Path(args.file).expanduser()
    backups.check_restorable(source)  # a bad file is refused before anything else happens
    with FolderLock(data_dir):
        result = backups.restore(data_dir, source)
    bank = ctx.bank()  # opens (and, for an older backup, upgrades) the restored store
    if args.json:
        ctx.print_json({"restored_from": str(result.restored_from), "previous": str(result.previous or ""),
                        "projects": result.projects})
    if result.previous is not None:
        ctx.info(t("原数据库已保存为 {p}", "The database it replaced was kept as {p}", p=result.previous))
    ctx.info(t("已从 {f} 恢复：{n} 个项目。", "Restored from {f}: {n} projects.", f=source, n=result.projects))
    if bank.backup_made:
        ctx.info(t("恢复的备份来自旧版本，已升级（升级前的副本：{p}）。",
                   "The backup came from an older version and was upgraded (copy before the upgrade: {p}).",
                   p=bank.backup_made))
    return 0
