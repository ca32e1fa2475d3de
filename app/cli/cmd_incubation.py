"""`ideabank incubation create|edit|submit|withdraw|decide|start|milestone|add-milestone|confirm-delivery|deliver|close|list|show`."""
from __future__ import annotations

import argparse
from typing import Any

from app.cli.cmd_project import read_json_object
from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import incubation
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.vocab import label


def register(sub: Subparsers) -> None:
    p = sub.add_parser("incubation", help=t("孵化委托", "incubation requests"))
    ps = p.add_subparsers(dest="incubation_command", metavar="ACTION")
    ps.required = True

    c = ps.add_parser("create", help=t("为已采纳或已完成的项目起草孵化委托", "draft a request for an adopted or completed project"))
    c.add_argument("project", help=t("项目编号或 id", "project number or id"))
    _field_options(c)
    c.add_argument("--from-json", metavar="FILE", help=t("从 JSON 文件读取字段", "read the fields from a JSON file"))
    c.add_argument("--submit", action="store_true", help=t("起草后立即提交", "submit it at once"))
    c.set_defaults(handler=run_create)

    e = ps.add_parser("edit", help=t("修改草稿", "edit a draft"))
    e.add_argument("id", help=t("委托编号或 id", "request number or id"))
    _field_options(e)
    e.set_defaults(handler=run_edit)

    for action, zh, en in (("submit", "提交委托（工作室领衔人）", "submit (studio leader)"),
                           ("withdraw", "撤回已提交的委托", "withdraw a submitted request"),
                           ("revise", "把未受理的委托改回草稿", "take a declined request back to draft"),
                           ("start", "开始实施（孵化基地）", "start work (incubation base)"),
                           ("deliver", "交付（孵化基地）", "deliver (incubation base)")):
        sp = ps.add_parser(action, help=t(zh, en))
        sp.add_argument("id")
        sp.set_defaults(handler=run_step, step=action)

    cd = ps.add_parser("confirm-delivery", help=t("确认里程碑未完成时也可交付（工作室领衔人）",
                                                  "confirm delivery while milestones are still open (studio leader)"))
    cd.add_argument("id")
    cd.add_argument("--note", default="", help=t("说明", "a note"))
    cd.set_defaults(handler=run_confirm_delivery)

    d = ps.add_parser("decide", help=t("受理或不予受理（孵化基地）", "accept or decline (incubation base)"))
    d.add_argument("id")
    d.add_argument("decision", choices=["accept", "decline"])
    d.add_argument("--reason", default="", help=t("不予受理时必填", "required when declining"))
    d.set_defaults(handler=run_decide)

    m = ps.add_parser("milestone", help=t("报告里程碑进展", "report progress on a milestone"))
    m.add_argument("id")
    m.add_argument("milestone", help=t("里程碑序号或名称", "milestone number or title"))
    m.add_argument("--note", default="")
    m.add_argument("--done", action="store_true", help=t("标记完成", "mark it done"))
    m.add_argument("--attach", action="append", default=[], metavar="FILE")
    m.set_defaults(handler=run_milestone)

    am = ps.add_parser("add-milestone", help=t("增加里程碑", "add a milestone"))
    am.add_argument("id")
    am.add_argument("title")
    am.add_argument("due", metavar="YYYY-MM-DD")
    am.set_defaults(handler=run_add_milestone)

    cl = ps.add_parser("close", help=t("结项并登记成果", "close with the outcome"))
    cl.add_argument("id")
    cl.add_argument("--units-made", type=int)
    cl.add_argument("--adopting-unit", action="append", default=[], help=t("采用单位（可重复）", "adopting unit (repeatable)"))
    cl.add_argument("--savings", help=t("实测节约（元/年，可写“3.5万”）", "measured savings (yuan per year)"))
    cl.add_argument("--note", default="")
    cl.set_defaults(handler=run_close)

    ls = ps.add_parser("list", help=t("列出孵化委托", "list requests"))
    ls.add_argument("--status", action="append", default=[])
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)

    sh = ps.add_parser("show", help=t("查看孵化委托", "show a request"))
    sh.add_argument("id")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)


def _field_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title")
    p.add_argument("--service", dest="services", action="append",
                   help=t("试品加工 | 量化生产 | 市场推广 | 检测试验 | 专利申报（可重复）",
                          "prototype | volume_production | market_promotion | testing | patent_filing (repeatable)"))
    p.add_argument("--maturity", help=t("构想 | 样机 | 试用 | 成熟", "concept | prototype | pilot | mature"))
    p.add_argument("--quantity", type=int)
    p.add_argument("--materials")
    p.add_argument("--budget", dest="budget_lines", action="append", metavar="ITEM=AMOUNT",
                   help=t("预算行，例如 材料费=2万（可重复）", "a budget line, e.g. materials=20000 (repeatable)"))
    p.add_argument("--target-unit", dest="target_units", action="append", help=t("拟采用单位（可重复）", "target adopting unit"))
    p.add_argument("--market")
    p.add_argument("--ip", dest="ip_ownership", help=t("知识产权归属", "IP ownership"))
    p.add_argument("--benefit-sharing")
    p.add_argument("--risks")
    p.add_argument("--milestone", dest="milestones", action="append", metavar="TITLE@YYYY-MM-DD",
                   help=t("里程碑及到期日（可重复）", "a milestone and its due date (repeatable)"))


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    data = {}
    for key in ("title", "services", "maturity", "quantity", "materials", "target_units", "market", "ip_ownership",
                "benefit_sharing", "risks"):
        if getattr(args, key, None) is not None:
            data[key] = getattr(args, key)
    if args.budget_lines is not None:
        lines = []
        for item in args.budget_lines:
            name, sep, amount = item.rpartition("=")
            if not sep:
                raise ValidationError(t("预算写作 名称=金额，例如 材料费=2万。", "Write budget lines as ITEM=AMOUNT, e.g. materials=20000."))
            lines.append({"item": name, "amount": amount})
        data["budget_lines"] = lines
    if args.milestones is not None:
        plan = []
        for item in args.milestones:
            title, sep, due = item.rpartition("@")
            if not sep:
                raise ValidationError(t("里程碑写作 名称@年-月-日，例如 样机完成@2025-06-30。",
                                        "Write milestones as TITLE@YYYY-MM-DD, e.g. prototype@2025-06-30."))
            plan.append({"title": title, "due_on": due})
        data["milestones"] = plan
    return data


def run_create(args: argparse.Namespace, ctx: Context) -> int:
    data = read_json_object(args.from_json) if args.from_json else {}
    data.update(_fields(args))
    bank = ctx.bank()
    ch = incubation.create(bank, ctx.actor, args.project, data)
    if args.submit:
        incubation.submit(bank, ctx.actor, ch.value)
    print(incubation.detail(bank, ctx.actor, ch.value)["number"])
    return 0


def run_edit(args: argparse.Namespace, ctx: Context) -> int:
    incubation.edit(ctx.bank(), ctx.actor, args.id, _fields(args))
    ctx.info(t("已修改。", "Changed."))
    return 0


def _status(ctx: Context, value: str) -> None:
    ctx.info(t("委托状态：{s}", "Request status: {s}", s=label(incubation.REQUEST_STATUSES, value)))


def run_step(args: argparse.Namespace, ctx: Context) -> int:
    _status(ctx, incubation.move(ctx.bank(), ctx.actor, args.id, args.step).value)
    return 0


def run_confirm_delivery(args: argparse.Namespace, ctx: Context) -> int:
    incubation.confirm_delivery(ctx.bank(), ctx.actor, args.id, args.note)
    ctx.info(t("已确认：孵化基地可以交付。", "Confirmed: the incubation base may deliver."))
    return 0


def run_decide(args: argparse.Namespace, ctx: Context) -> int:
    _status(ctx, incubation.move(ctx.bank(), ctx.actor, args.id, args.decision, args.reason).value)
    return 0


def run_milestone(args: argparse.Namespace, ctx: Context) -> int:
    incubation.update_milestone(ctx.bank(), ctx.actor, args.id, args.milestone, args.note, done=args.done,
                                files=args.attach)
    ctx.info(t("进展已记录。", "Progress recorded."))
    return 0


def run_add_milestone(args: argparse.Namespace, ctx: Context) -> int:
    incubation.add_milestone(ctx.bank(), ctx.actor, args.id, args.title, args.due)
    ctx.info(t("已增加里程碑。", "Milestone added."))
    return 0


def run_close(args: argparse.Namespace, ctx: Context) -> int:
    ch = incubation.close(ctx.bank(), ctx.actor, args.id, units_made=args.units_made, adopting_units=args.adopting_unit,
                          measured_savings=args.savings, note=args.note)
    _status(ctx, ch.value)
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = incubation.list_requests(ctx.bank(), statuses=args.status)
    if args.json:
        ctx.print_json(rows)
        return 0
    print(render([t("编号", "Number"), t("委托", "Request"), t("状态", "Status"), t("项目", "Project"),
                  t("服务", "Services"), t("里程碑", "Milestones"), t("下一到期", "Next due"), t("逾期", "Overdue")],
                 [(r["number"], r["title"], r["status_label"], r["project_number"], r["services_label"],
                   f"{r['milestones_done']}/{r['milestones_total']}", r["next_due"] or "-", r["overdue"] or "")
                  for r in rows], limits=[20, 30, 8, 22, 24, 6, 10, 4]))
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    d = incubation.detail(ctx.bank(), ctx.actor, args.id)
    if args.json:
        ctx.print_json(d)
        return 0
    lines = [f"{d['number']}  {d['title']}（{d['status_label']}）",
             f"{t('项目', 'Project')}: {d['project_number']} {d['project_title']}",
             f"{t('服务', 'Services')}: {d['services_label'] or '-'}    {t('成熟度', 'Maturity')}: {d['maturity_label']}"
             f"    {t('数量', 'Quantity')}: {d['quantity'] if d['quantity'] is not None else '-'}",
             f"{t('预算合计', 'Budget total')}: {d['budget_total']:,.2f} {t('元', 'yuan')}",
             f"{t('知识产权', 'IP ownership')}: {d['ip_ownership'] or '-'}    {t('收益分配', 'Benefit sharing')}: "
             f"{d['benefit_sharing'] or '-'}"]
    if d["decision_reason"]:
        lines.append(f"{t('受理意见', 'Decision note')}: {d['decision_reason']}")
    lines += ["", t("里程碑：", "Milestones:")]
    for m in d["milestones"]:
        mark = "✓" if m["done_on"] else ("!" if m["overdue"] else " ")
        lines.append(f"  [{mark}] {m['position']}. {m['title']}  {t('到期', 'due')} {m['due_on']}"
                     + (f"  {t('完成', 'done')} {m['done_on']}" if m["done_on"] else ""))
        lines += [f"       {u['at'][:10]} {u['who'] or ''}: {u['note']}" for u in m["updates"]]
    if d["status"] == "closed":
        o = d["outcome"]
        lines += ["", t("成果：制成 {u}，采用单位 {a}，实测节约 {s} 元/年", "Outcome: {u} made, adopted by {a}, savings {s} yuan/year",
                        u=o["units_made"] if o["units_made"] is not None else "-",
                        a="、".join(o["adopting_units"]) or "-",
                        s=o["measured_savings"] if o["measured_savings"] is not None else "-")]
    print("\n".join(lines))
    return 0
