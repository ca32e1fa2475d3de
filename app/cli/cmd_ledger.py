"""`ideabank compliance [--year Y] [--studio S] [--json]` (六有) and `ideabank ledger add|list|export` (台账)."""
from __future__ import annotations

import argparse

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import compliance, ledger, sitetime
from app.core.i18n import t
from app.core.vocab import label


def register(sub: Subparsers) -> None:
    c = sub.add_parser("compliance", help=t("工作室“六有”检查：缺什么", "studio compliance (六有): what is missing"))
    c.add_argument("--year", type=int, help=t("年度（默认今年）", "year (default: this year)"))
    c.add_argument("--studio", metavar="NAME")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_compliance)
    p = sub.add_parser("ledger", help=t("工作室台账：记录活动、学习、奖励，导出 Excel",
                                        "studio ledger: record activities, study, rewards; export a workbook"))
    lsub = p.add_subparsers(dest="ledger_command", metavar="add|list|export", required=True)
    add = lsub.add_parser("add", help=t("记一条台账", "add a ledger record"))
    add.add_argument("--studio", required=True, metavar="NAME")
    add.add_argument("--kind", required=True, help=t("活动、学习或奖励", "activity, study or reward"))
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--title", required=True)
    add.add_argument("--note", default="")
    add.add_argument("--people", help=t("参加人数", "participants"))
    add.add_argument("--amount", help=t("金额（元）", "amount (yuan)"))
    add.set_defaults(handler=run_add)
    show = lsub.add_parser("list", help=t("列出某年的台账", "a year's ledger"))
    export = lsub.add_parser("export", help=t("把台账导出为 Excel 工作簿", "save the ledger as a workbook"))
    for q in (show, export):
        q.add_argument("--studio", required=True, metavar="NAME")
        q.add_argument("--year", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_list)
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    export.set_defaults(handler=run_export)


def _year(args: argparse.Namespace, ctx: Context) -> int:
    return args.year or sitetime.today(ctx.bank()).year


def run_compliance(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    studio_id = None
    if args.studio:
        from app.core.org import studio_by_name
        with bank.session() as s:
            studio_id = studio_by_name(s, args.studio).id
    found = compliance.checklist(bank, ctx.actor, _year(args, ctx), studio_id=studio_id)
    if args.json:
        ctx.print_json({"year": _year(args, ctx), "count": len(found), "studios": found})
        return 0
    print(render([t("工作室", "Studio")] + [label(compliance.ITEMS, k) for k in compliance.ITEMS] + [t("缺", "Missing")],
                 [[e["studio"]] + ["✓" if i["ok"] else "✗" for i in e["items"]] + [compliance.missing_text(e)]
                  for e in found], limits=[30] + [8] * len(compliance.ITEMS) + [60]))
    ctx.info(t("{n} 个工作室，{k} 个“六有”齐全。", "{n} studios, {k} complete.", n=len(found),
               k=sum(e["complete"] for e in found)))
    return 0


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    ch = ledger.add_record(ctx.bank(), ctx.actor, args.studio, args.kind, args.title, args.date, body=args.note,
                           participants=args.people, amount=args.amount)
    ctx.info(t("已记入台账。", "Recorded."))
    print(ch.value)
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    sheets = ledger.ledger(ctx.bank(), ctx.actor, args.studio, _year(args, ctx))
    if args.json:
        ctx.print_json({"studio": args.studio, "year": _year(args, ctx),
                        "sheets": {s.key: {"title": s.title, "columns": [c for c, _ in s.columns], "rows": s.rows}
                                   for s in sheets}})
        return 0
    for sheet in sheets:
        print(f"\n{sheet.title}")
        print(render([c for c, _ in sheet.columns], [["" if v is None else v for v in row] for row in sheet.rows]))
    return 0


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    path = ledger.export_ledger(ctx.bank(), ctx.actor, args.studio, _year(args, ctx), args.output)
    ctx.info(t("已保存 {p}", "Saved {p}", p=str(path)))
    return 0
