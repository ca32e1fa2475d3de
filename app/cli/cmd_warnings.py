"""`ideabank warnings [--json] [--at DATE] [--kind K]`, `ideabank warnings config ...` and
`ideabank warnings deliver` (for a cron job: each warning to its people's inboxes, once)."""
from __future__ import annotations

import argparse
import datetime as dt

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import alerts, sitetime, warning_delivery
from app.core.bank import Bank
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.org import studio_by_name
from app.core.vocab import label


def register(sub: Subparsers) -> None:
    p = sub.add_parser("warnings", help=t("预警：逾期里程碑、未答复的委托、停滞的项目",
                                          "warnings: overdue milestones, unanswered requests, stuck projects"))
    p.add_argument("--json", action="store_true")
    p.add_argument("--at", metavar="YYYY-MM-DD", help=t("按某一天计算（默认现在）", "as of this day (default: now)"))
    p.add_argument("--kind", action="append", choices=list(alerts.KINDS), default=[])
    p.set_defaults(handler=run)
    ws = p.add_subparsers(dest="warnings_command", metavar="[config]")  # optional: bare `warnings` lists them
    cfg = ws.add_parser("config", help=t("设置预警天数（按工作室，或全站）", "set the warning thresholds (per studio or site-wide)"))
    cfg.add_argument("--studio", help=t("工作室名称；省略则为全站默认", "studio name; omit for the site default"))
    cfg.add_argument("--unanswered-days", type=int)
    cfg.add_argument("--stuck-days", type=int)
    cfg.add_argument("--milestone-grace-days", type=int)
    cfg.add_argument("--task-warn-days", type=int, help=t("任务到期前几天预警", "warn this many days before a task is due"))
    cfg.add_argument("--proposals-per-head", type=float,
                     help=t("基层单位每人每年的建议目标（0 为不设）", "yearly proposals per head for bottom units (0: none)"))
    cfg.add_argument("--unit-target", action="append", default=[], metavar="UNIT=N",
                     help=t("某单位的人均年度目标（可重复；0 取消）", "one unit's yearly target per head (repeatable; 0 removes it)"))
    cfg.add_argument("--json", action="store_true")
    cfg.set_defaults(handler=run_config)
    dl = ws.add_parser("deliver", help=t("把预警送到责任人的通知中（每条只送一次），并发送领导的每日预警日报",
                                         "deliver warnings to the inboxes of those who must act (each once) and the "
                                         "leaders' daily digest"))
    dl.add_argument("--at", metavar="YYYY-MM-DD", help=t("按某一天计算（默认现在）", "as of this day (default: now)"))
    dl.add_argument("--no-digest", action="store_true", help=t("不发每日预警日报", "no daily digest"))
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(handler=run_deliver)


def _at(bank: Bank, text: str | None) -> dt.datetime | None:
    """Noon of that day in the site's time zone."""
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(t("--at 应写作 年-月-日（收到“{v}”）。", "--at must be YYYY-MM-DD (got '{v}').", v=text)) from None
    return dt.datetime.combine(day, dt.time(12), tzinfo=sitetime.zone(bank))


def run(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    found = alerts.for_actor(bank, ctx.actor, at=_at(bank, args.at))
    if args.kind:
        found = [w for w in found if w.kind in args.kind]
    if args.json:
        ctx.print_json({"count": len(found), "warnings": [w.as_json() for w in found]})
        return 0
    print(render([t("类型", "Kind"), t("对象", "Record"), t("天数", "Days"), t("说明", "Message")],
                 [(label(alerts.KINDS, w.kind), w.title, w.days, w.message) for w in found], limits=[10, 30, 5, 70]))
    ctx.info(t("共 {n} 条预警。", "{n} alerts.", n=len(found)))
    return 0


def run_config(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    targets = {}
    for text in args.unit_target:
        unit, sep, number = text.rpartition("=")
        if not sep or not unit.strip():
            raise ValidationError(t("--unit-target 应写作 单位=人均条数（收到“{v}”）。",
                                    "--unit-target takes UNIT=N (got '{v}').", v=text))
        targets[unit.strip()] = number
    values = {"unanswered_days": args.unanswered_days, "stuck_days": args.stuck_days,
              "milestone_grace_days": args.milestone_grace_days, "task_warn_days": args.task_warn_days,
              "proposals_per_head": args.proposals_per_head, "unit_targets": targets or None}
    if any(v is not None for v in values.values()):
        alerts.set_thresholds(bank, ctx.actor, args.studio, values)
    with bank.session() as s:  # the studio set_thresholds took (by name or id); an unknown one is one line
        studio_id = studio_by_name(s, args.studio).id if args.studio else None
    current = alerts.thresholds_for(bank, studio_id)
    if args.json:
        ctx.print_json(current)
    else:
        print("\n".join(f"{k} = {v}" for k, v in current.items()))
    return 0


def run_deliver(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    result = warning_delivery.deliver(bank, at=_at(bank, args.at), digests=not args.no_digest).value
    if args.json:
        ctx.print_json(result.as_json())
    else:
        ctx.info(t("预警 {w} 条：新送达 {d} 条通知，日报 {g} 份（{a} 条此前已送达）。",
                   "{w} warnings: {d} notice(s) delivered, {g} digest(s), {a} delivered before.",
                   w=result.warnings, d=result.delivered, g=result.digests, a=result.already))
    return 0
