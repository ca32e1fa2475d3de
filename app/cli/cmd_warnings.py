"""`ideabank warnings [--json] [--at DATE] [--kind K]` and `ideabank warnings config ...`."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.cli.table import render
from app.core import alerts
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.vocab import label
from db.models import Studio


def register(sub) -> None:  # type: ignore[no-untyped-def]
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
    cfg.add_argument("--json", action="store_true")
    cfg.set_defaults(handler=run_config)


def _at(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(t("--at 应写作 年-月-日（收到“{v}”）。", "--at must be YYYY-MM-DD (got '{v}').", v=text)) from None
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc)


def run(args, ctx) -> int:  # type: ignore[no-untyped-def]
    bank = ctx.bank()
    found = alerts.for_actor(bank, ctx.actor, at=_at(args.at))
    if args.kind:
        found = [w for w in found if w.kind in args.kind]
    if args.json:
        ctx.print_json({"count": len(found), "warnings": [w.as_json() for w in found]})
        return 0
    print(render([t("类型", "Kind"), t("对象", "Record"), t("天数", "Days"), t("说明", "Message")],
                 [(label(alerts.KINDS, w.kind), w.title, w.days, w.message) for w in found], limits=[10, 30, 5, 70]))
    ctx.info(t("共 {n} 条预警。", "{n} alerts.", n=len(found)))
    return 0


def run_config(args, ctx) -> int:  # type: ignore[no-untyped-def]
    bank = ctx.bank()
    values = {"unanswered_days": args.unanswered_days, "stuck_days": args.stuck_days,
              "milestone_grace_days": args.milestone_grace_days}
    if any(v is not None for v in values.values()):
        alerts.set_thresholds(bank, ctx.actor, args.studio, values)
    with bank.session() as s:
        studio_id = s.scalar(select(Studio.id).where(Studio.name == args.studio)) if args.studio else None
    current = alerts.thresholds_for(bank, studio_id)
    if args.json:
        ctx.print_json(current)
    else:
        print("\n".join(f"{k} = {v}" for k, v in current.items()))
    return 0
