"""`ideabank stats [--studio S] [--unit U] [--from D --to D] [--category C]... [--top N] [--xlsx FILE] [--json]`."""
from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import analytics
from app.core.analytics.scope import scope_for
from app.core.analytics.tables import STAGE_LABELS, cell_text, tables, write_xlsx
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.vocab import CATEGORIES, STATUSES, label


def register(sub: Subparsers) -> None:
    p = sub.add_parser("stats", help=t("统计分析：漏斗、各阶段用时、单位与工作室、趋势、效益与投资回报、贡献者",
                                       "analytics: funnel, time in stage, units and studios, trend, benefit and ROI, "
                                       "contributors"))
    p.add_argument("--studio", metavar="NAME", help=t("只统计该工作室的项目", "only this studio's projects"))
    p.add_argument("--unit", metavar="NAME", help=t("只统计该单位（含下级）人员提出的项目",
                                                    "only projects proposed in this unit or below it"))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help=t("提出日期自（含）", "proposed on or after"))
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=t("提出日期至（含）", "proposed on or before"))
    p.add_argument("--category", action="append", default=[], metavar="C",
                   help=t("分类（可多次）", "category (repeatable)"))
    p.add_argument("--top", type=int, default=analytics.TOP, metavar="N",
                   help=t("贡献者排行的人数", "how many top contributors"))
    p.add_argument("--xlsx", metavar="FILE", help=t("把各表保存为 Excel 工作簿", "also save every table as a workbook"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run, reads_only=True)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.top < 0:
        raise ValidationError(t("--top 应为不小于 0 的整数。", "--top must be a whole number of at least 0."))
    bank = ctx.bank()
    scope = scope_for(bank, ctx.actor, studio=args.studio, unit=args.unit, date_from=args.date_from,
                      date_to=args.date_to, categories=tuple(args.category))
    report = analytics.report(bank, scope, top=args.top)
    if args.xlsx:
        path = write_xlsx(args.xlsx, tables(report))
        ctx.info(t("已保存 {p}", "Saved {p}", p=str(path)))
    if args.json:
        ctx.print_json(_json(args, report))
        return 0
    if report["restricted"]:
        ctx.info(t("统计只包括您有权查看的项目。", "Figures count only the projects you may see."))
    for table in tables(report):
        print(f"\n{table.title}")
        print(render([heading for heading, _ in table.columns],
                     [[cell_text(v, kind) for v, (_, kind) in zip(row, table.columns)] for row in table.rows]))
    return 0


def _json(args: argparse.Namespace, report: dict[str, Any]) -> dict[str, Any]:
    return {"filter": {"studio": args.studio, "unit": args.unit, "from": args.date_from, "to": args.date_to,
                       "categories": args.category},
            **report,
            "labels": {"category": {c: label(CATEGORIES, c) for c in CATEGORIES},
                       "status": {s: label(STATUSES, s) for s in STATUSES},
                       "stage": {s: label(STAGE_LABELS, s) for s in STAGE_LABELS}}}
