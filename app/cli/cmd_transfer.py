"""`ideabank import FILE [--dry-run]` and `ideabank export FILE [--status S ...]` (.json, .csv, .xlsx).

CSV/XLSX cells are read as office suites store them (app/core/sheets.py); details in
docs/IMPORT-EXPORT.md.
"""
from __future__ import annotations

import argparse
import sys

from app.cli.context import Context, Subparsers
from app.core import transfer
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.transfer_template import write_template
from app.core.vocab import STATUSES, label

SHOWN = 100  # problems printed on the terminal; --json carries every one


def register(sub: Subparsers) -> None:
    imp = sub.add_parser("import", help=t("从 .json/.csv/.xlsx 导入项目（全部成功或全部不导入）",
                                          "import projects from .json/.csv/.xlsx (all or nothing)"))
    imp.add_argument("file", nargs="?")
    imp.add_argument("--template", action="store_true",
                     help=t("写出可在 WPS/Excel 中填写的导入模板（.xlsx），不导入", "write the import template (.xlsx) "
                            "to fill in WPS/Excel; import nothing"))
    imp.add_argument("-o", "--output", help=t("模板的保存位置（与 --template 一起用）", "where to save the template "
                                              "(with --template)"))
    imp.add_argument("--dry-run", action="store_true", help=t("只检查，不写入", "check only; change nothing"))
    imp.add_argument("--json", action="store_true", help=t("以 JSON 输出结果或错误清单", "print the result or the errors as JSON"))
    imp.set_defaults(handler=run_import)

    exp = sub.add_parser("export", help=t("把项目导出为 .json/.csv/.xlsx", "export projects to .json/.csv/.xlsx"))
    exp.add_argument("file")
    exp.add_argument("--status", action="append", default=[], help=t("只导出此状态（可重复）", "only this status (repeatable)"))
    exp.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    if args.template or args.output:
        if not (args.template and args.output) or args.file:
            raise ValidationError(t("写模板请用：ideabank import --template -o 文件.xlsx",
                                    "To write the template: ideabank import --template -o FILE.xlsx"))
        path = write_template(args.output)
        ctx.info(t("已写出导入模板 {f}：填写后用 ideabank import {f} 导入。",
                   "Wrote the import template {f}; fill it in, then run ideabank import {f}.", f=path))
        return 0
    if not args.file:
        raise ValidationError(t("请给出要导入的文件：ideabank import 文件（.xlsx/.csv/.json）",
                                "Name the file to import: ideabank import FILE (.xlsx/.csv/.json)"))
    bank = ctx.bank()
    try:
        report = transfer.import_projects(bank, ctx.actor, args.file, dry_run=args.dry_run)
    except transfer.ImportFailed as exc:
        if args.json:
            ctx.print_json({"ok": False, "errors": [{"row": e.row, "field": e.field, "column": e.column,
                                                     "message": e.message} for e in exc.errors]})
        print(f"ideabank: {exc.message}", file=sys.stderr)
        for line in exc.details[:SHOWN]:
            print(f"  - {line}", file=sys.stderr)
        if len(exc.details) > SHOWN:
            print("  " + t("……另有 {n} 处问题（--json 列出全部）。", "... and {n} more (--json lists them all).",
                           n=len(exc.details) - SHOWN), file=sys.stderr)
        return exc.exit_code
    if args.json:
        ctx.print_json({"ok": True, "dry_run": report.dry_run, "rows": report.rows, "imported": report.imported,
                        "by_status": report.by_status})
        return 0
    summary = "、".join(f"{label(STATUSES, k)} {v}" for k, v in sorted(report.by_status.items()))
    if report.dry_run:
        ctx.info(t("检查通过：{n} 个项目可以导入（{s}）。未写入任何数据。",
                   "Check passed: {n} projects can be imported ({s}). Nothing was written.", n=report.imported, s=summary))
    else:
        ctx.info(t("已导入 {n} 个项目（{s}）。", "Imported {n} projects ({s}).", n=report.imported, s=summary))
    return 0


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    n = transfer.export_projects(ctx.bank(), ctx.actor, args.file, statuses=tuple(args.status))
    ctx.info(t("已导出 {n} 个项目到 {f}", "Exported {n} projects to {f}", n=n, f=args.file))
    return 0
