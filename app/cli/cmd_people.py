"""`ideabank people import FILE [--dry-run] [--json]` and `ideabank people template -o FILE.xlsx`:
units, studios and people from one workbook."""
from __future__ import annotations

import argparse
import sys

from app.cli.context import Context, Subparsers
from app.core import org_import, org_template
from app.core.i18n import t

SHOWN = 100  # problems printed on the terminal; --json carries every row


def register(sub: Subparsers) -> None:
    p = sub.add_parser("people", help=t("从一个工作簿导入单位、工作室和人员", "units, studios and people from one workbook"))
    ps = p.add_subparsers(dest="people_command", metavar="ACTION")
    ps.required = True
    imp = ps.add_parser("import", help=t("导入 .xlsx（单位、工作室、人员三张表）或 .csv（人员）；全部成功或全部不导入",
                                         "import an .xlsx (units, studios, people sheets) or a .csv (people); all or nothing"))
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help=t("只检查，不写入", "check only, write nothing"))
    imp.add_argument("--json", action="store_true", help=t("以 JSON 输出逐行结果", "print the row-by-row report as JSON"))
    imp.set_defaults(handler=run_import)
    tpl = ps.add_parser("template", help=t("写出可在 WPS/Excel 中填写的模板（.xlsx）", "write the workbook template (.xlsx)"))
    tpl.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    tpl.set_defaults(handler=run_template)


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    try:
        report = org_import.import_workbook(ctx.bank(), ctx.actor, args.file, dry_run=args.dry_run)
    except org_import.OrgImportFailed as exc:
        if args.json:
            ctx.print_json(exc.report.as_json())
        print(f"ideabank: {exc.message}", file=sys.stderr)
        for line in exc.details[:SHOWN]:
            print(f"  - {line}", file=sys.stderr)
        if len(exc.details) > SHOWN:
            print("  " + t("……另有 {n} 行有问题（--json 列出全部）。", "... and {n} more rows (--json lists them all).",
                           n=len(exc.details) - SHOWN), file=sys.stderr)
        return exc.exit_code
    if args.json:
        ctx.print_json(report.as_json())
    if report.dry_run:
        ctx.info(t("检查通过（未写入任何数据）：{s}", "Check passed (nothing was written): {s}", s=report.summary()))
    else:
        ctx.info(t("已导入：{s}", "Imported: {s}", s=report.summary()))
    return 0


def run_template(args: argparse.Namespace, ctx: Context) -> int:
    path = org_template.write_template(args.output)
    ctx.info(t("已写出模板 {f}：填写后用 ideabank people import {f} 导入。",
               "Wrote the template {f}; fill it in, then run ideabank people import {f}.", f=path))
    return 0
