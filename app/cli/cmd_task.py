"""`ideabank task send|list|show|report|accept|return|remind`: one-click dispatch (一键下达)."""
from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import dispatch
from app.core.bank import Bank
from app.core.errors import ValidationError
from app.core.i18n import t


def register(sub: Subparsers) -> None:
    p = sub.add_parser("task", help=t("一键下达：任务和通知，各单位反馈", "one-click dispatch: tasks and notices, units report"))
    ps = p.add_subparsers(dest="task_command", metavar="ACTION")
    ps.required = True

    s = ps.add_parser("send", help=t("下达任务或通知给多个单位（领衔人、管理员）",
                                     "send a task or notice to many units (leaders, admins)"))
    s.add_argument("title")
    s.add_argument("--due", required=True, metavar="YYYY-MM-DD", help=t("截止日期（站点时区）", "due date (the site's time zone)"))
    s.add_argument("--unit", action="append", default=[], metavar="UNIT[=EMPLOYEE_NO]",
                   help=t("单位及其责任人（可重复）；省略责任人则沿用该单位上次的责任人",
                          "a unit and its responsible person (repeatable); without one, the person last responsible"))
    s.add_argument("--below", action="append", default=[], metavar="UNIT",
                   help=t("该单位以下的所有单位（可重复）", "every unit below this one (repeatable)"))
    s.add_argument("--responsible", action="append", default=[], metavar="UNIT=EMPLOYEE_NO",
                   help=t("为某个单位指定责任人（可重复）", "the responsible person of one unit (repeatable)"))
    s.add_argument("--notice", action="store_true", help=t("通知（各单位确认已阅即可）", "a notice (units confirm they read it)"))
    s.add_argument("--body", default="", help=t("内容", "the text"))
    s.add_argument("--attach", action="append", default=[], metavar="FILE")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run_send)

    ls = ps.add_parser("list", help=t("列出任务", "list tasks"))
    box = ls.add_mutually_exclusive_group()
    box.add_argument("--sent", action="store_const", dest="box", const="sent", help=t("我下达的", "those I sent"))
    box.add_argument("--mine", action="store_const", dest="box", const="mine", help=t("我负责的", "those I answer for"))
    state = ls.add_mutually_exclusive_group()
    state.add_argument("--open", action="store_const", dest="status", const="open")
    state.add_argument("--closed", action="store_const", dest="status", const="closed")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list, box="all", status=None)

    sh = ps.add_parser("show", help=t("查看任务及各单位进展", "show a task and every unit's progress"))
    sh.add_argument("task", help=t("任务编号或 id", "task number or id"))
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)

    r = ps.add_parser("report", help=t("反馈进展或提交总结（单位责任人）", "report progress or a summary (responsible person)"))
    r.add_argument("task")
    r.add_argument("--unit", help=t("负责多个单位时指明", "when you answer for several units"))
    r.add_argument("--progress", metavar="0-100")
    r.add_argument("--note", default="")
    r.add_argument("--summary", action="store_true", help=t("提交总结，等待验收", "the summary, for acceptance"))
    r.add_argument("--attach", action="append", default=[], metavar="FILE")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_report)

    a = ps.add_parser("accept", help=t("验收某单位的总结（下达人）", "accept a unit's summary (sender)"))
    a.add_argument("task")
    a.add_argument("--unit", required=True)
    a.add_argument("--note", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_accept)

    rt = ps.add_parser("return", help=t("退回某单位的总结并说明理由（下达人）", "return a unit's summary with a reason (sender)"))
    rt.add_argument("task")
    rt.add_argument("--unit", required=True)
    rt.add_argument("--reason", required=True)
    rt.add_argument("--json", action="store_true")
    rt.set_defaults(handler=run_return)

    rm = ps.add_parser("remind", help=t("催办尚未反馈的单位（下达人）", "remind the units that still owe a report (sender)"))
    rm.add_argument("task")
    rm.add_argument("--unit", action="append", default=None, help=t("只催办这些单位（可重复）", "only these units (repeatable)"))
    rm.add_argument("--note", default="")
    rm.add_argument("--json", action="store_true")
    rm.set_defaults(handler=run_remind)


def _split(text: str, option: str) -> tuple[str, str | None]:
    unit, sep, person = text.rpartition("=")
    if not sep:
        return text.strip(), None
    if not unit.strip() or not person.strip():
        raise ValidationError(t("{o} 应写作 单位=工号（收到“{v}”）。", "{o} takes UNIT=EMPLOYEE_NO (got '{v}').",
                                o=option, v=text))
    return unit.strip(), person.strip()


def targets_of(bank: Bank, args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """--unit, --below and --responsible as (unit, responsible) pairs, responsible None where not named."""
    named = dict(_split(r, "--responsible") for r in args.responsible)
    if any(v is None for v in named.values()):
        raise ValidationError(t("--responsible 应写作 单位=工号。", "--responsible takes UNIT=EMPLOYEE_NO."))
    pairs = [_split(u, "--unit") for u in args.unit]
    for top in args.below:
        pairs += [(uid, None) for uid in dispatch.units_below(bank, top)]
    with bank.session() as s:
        from app.core.dispatch import _unit  # names and ids of the same unit must meet
        ids = {name: _unit(s, name).id for name in named}
        out = []
        for unit, person in pairs:
            uid = _unit(s, unit).id
            by_name = next((p for n, p in named.items() if ids[n] == uid), None)
            out.append((uid, person or by_name))
    return out


def _show(ctx: Context, data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        ctx.print_json(data)
        return
    print(f"{data['number']}  {data['kind_label']}  {data['title']}")
    print(t("下达人：{s}　截止：{d}　状态：{st}", "Sender: {s}  Due: {d}  Status: {st}", s=data["sender_name"],
            d=data["due_on"], st=data["status_label"]))
    if data.get("body"):
        print(data["body"])
    for ref in data.get("attachments") or []:
        print(t("附件：{n}", "Attachment: {n}", n=ref.get("name")))
    rows = [(tg["unit"], tg["responsible_name"], tg["state_label"] + (t("（逾期）", " (overdue)") if tg["overdue"] else ""),
             f"{tg['progress']}%", tg["reminders"], tg["return_reason"]) for tg in data["targets"]]
    print(render([t("单位", "Unit"), t("责任人", "Responsible"), t("状态", "State"), t("进度", "Progress"),
                  t("催办", "Reminders"), t("退回理由", "Returned because")], rows, limits=[24, 12, 16, 6, 6, 40]))


def run_send(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    pairs = targets_of(bank, args)
    tid = dispatch.send(bank, ctx.actor, args.title, args.due, pairs, kind="notice" if args.notice else "task",
                        body=args.body, files=args.attach).value
    data = dispatch.detail(bank, ctx.actor, tid)
    ctx.info(t("已下达 {n}，共 {u} 个单位。", "Sent {n} to {u} unit(s).", n=data["number"], u=data["units"]))
    _show(ctx, data, args.json)
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    tasks = dispatch.list_tasks(bank, ctx.actor, box=args.box, status=args.status)
    if args.json:
        ctx.print_json({"count": len(tasks), "tasks": tasks})
        return 0
    rows = [(x["number"], x["kind_label"], x["title"], x["due_on"], x["status_label"],
             f"{x['states']['accepted']}/{x['units']}", x["overdue"] or "") for x in tasks]
    print(render([t("编号", "Number"), t("类型", "Kind"), t("标题", "Title"), t("截止", "Due"), t("状态", "Status"),
                  t("已办结", "Settled"), t("逾期", "Overdue")], rows, limits=[22, 6, 36, 10, 8, 8, 6]))
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    _show(ctx, dispatch.detail(ctx.bank(), ctx.actor, args.task), args.json)
    return 0


def _done(ctx: Context, args: argparse.Namespace, message: str) -> int:
    data = dispatch.detail(ctx.bank(), ctx.actor, args.task)
    ctx.info(message)
    if args.json:
        ctx.print_json(data)
    return 0


def run_report(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    target = dispatch.my_target(bank, ctx.actor, args.task, args.unit)
    dispatch.report(bank, ctx.actor, target, note=args.note, progress=args.progress, summary=args.summary,
                    files=args.attach)
    return _done(ctx, args, t("已反馈。", "Reported."))


def run_accept(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    dispatch.accept(bank, ctx.actor, dispatch.my_target(bank, ctx.actor, args.task, args.unit), args.note)
    return _done(ctx, args, t("已验收。", "Accepted."))


def run_return(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    dispatch.return_report(bank, ctx.actor, dispatch.my_target(bank, ctx.actor, args.task, args.unit), args.reason)
    return _done(ctx, args, t("已退回。", "Returned."))


def run_remind(args: argparse.Namespace, ctx: Context) -> int:
    n = dispatch.remind(ctx.bank(), ctx.actor, args.task, args.unit, args.note).value
    return _done(ctx, args, t("已催办 {n} 个单位。", "Reminded {n} unit(s).", n=n))
