"""`ideabank conflicts [--all] [--json]`, `ideabank conflicts resolve ID keep|take|delete`: what
synchronisation could not settle alone (both values, who, when), and settling it."""
from __future__ import annotations

import argparse

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core.i18n import t


def register(sub: Subparsers) -> None:
    p = sub.add_parser("conflicts", help=t("同步冲突：列出并处理", "synchronisation conflicts: list and settle"))
    p.add_argument("--all", action="store_true", help=t("也列出已处理的", "include settled ones"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_list)
    ss = p.add_subparsers(dest="conflicts_command", metavar="ACTION")
    r = ss.add_parser("resolve", help=t("处理一个冲突：keep 保留现值，take 改用另一个值，delete 删除记录",
                                        "settle one: keep the current value, take the other, or delete the record"))
    r.add_argument("id")
    r.add_argument("action", choices=["keep", "take", "delete"])
    r.set_defaults(handler=run_resolve)


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from app.sync import conflicts

    found = conflicts.list_conflicts(ctx.bank(), ctx.actor, include_closed=args.all)
    if args.json:
        ctx.print_json({"count": len(found), "conflicts": [c.as_json() for c in found]})
        return 0
    rows = [[c.id[:8], c.kind_label, c.project_number or c.entity_id[:8], c.field_label, str(c.current)[:30],
             f"{c.current_by or ''} {c.current_at or ''}".strip(), str(c.value)[:30],
             f"{c.value_by or ''} {c.value_at or ''}".strip(), c.status] for c in found]
    print(render([t("编号", "Id"), t("类型", "Kind"), t("项目", "Project"), t("字段", "Field"), t("现值", "Current"),
                  t("谁·何时", "Who, when"), t("另一值", "Other value"), t("谁·何时", "Who, when"),
                  t("状态", "Status")], rows))
    return 0


def run_resolve(args: argparse.Namespace, ctx: Context) -> int:
    from app.sync import conflicts

    wanted = args.id
    matches = [c.id for c in conflicts.list_conflicts(ctx.bank(), ctx.actor) if c.id.startswith(wanted)]
    conflicts.resolve(ctx.bank(), ctx.actor, matches[0] if len(matches) == 1 else wanted, args.action)
    ctx.info(t("已处理。", "Settled."))
    return 0
