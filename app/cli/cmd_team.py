"""`ideabank team create|add-member|remove-member|order|link|log|list|show|find|alliance ...|call ...`."""
from __future__ import annotations

import argparse

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import teams
from app.core.i18n import t
from app.core.vocab import SKILL_GRADES, label


def register(sub: Subparsers) -> None:
    p = sub.add_parser("team", help=t("团队、创客联盟与揭榜挂帅", "teams, the maker alliance and open calls"))
    ts = p.add_subparsers(dest="team_command", metavar="ACTION")
    ts.required = True

    c = ts.add_parser("create", help=t("组建团队", "form a team"))
    c.add_argument("name")
    c.add_argument("--kind", default="tackling", help=t("攻关队 | 智囊团 | 工作室核心团队（或 tackling|think_tank|studio_core）",
                                                        "tackling | think_tank | studio_core"))
    c.add_argument("--leader", help=t("负责人工号（默认自己）", "leader's employee number (default: you)"))
    c.add_argument("--studio", help=t("所属工作室名称", "studio name"))
    c.add_argument("--host-unit", help=t("牵头单位", "host unit"))
    c.add_argument("--partner-unit", action="append", default=[], help=t("协作单位（可重复）", "partner unit (repeatable)"))
    c.add_argument("--project", action="append", default=[], help=t("关联项目编号（可重复）", "linked project number (repeatable)"))
    c.add_argument("--problem", default="", help=t("要攻克的问题", "the problem the team tackles"))
    c.set_defaults(handler=run_create)

    am = ts.add_parser("add-member", help=t("添加团队成员", "add a member"))
    am.add_argument("team", help=t("团队名称或 id", "team name or id"))
    am.add_argument("person", help=t("工号", "employee number"))
    am.add_argument("--role", default="")
    am.add_argument("--specialty")
    am.add_argument("--skill-grade", choices=SKILL_GRADES)
    am.add_argument("--joined", metavar="YYYY-MM-DD")
    am.set_defaults(handler=run_add_member)

    rm = ts.add_parser("remove-member", help=t("成员离队", "a member leaves"))
    rm.add_argument("team")
    rm.add_argument("person")
    rm.add_argument("--left", metavar="YYYY-MM-DD")
    rm.set_defaults(handler=run_remove_member)

    od = ts.add_parser("order", help=t("设置贡献排序", "set the contribution order"))
    od.add_argument("team")
    od.add_argument("people", nargs="+", help=t("工号，贡献大的在前", "employee numbers, most contribution first"))
    od.set_defaults(handler=run_order)

    ln = ts.add_parser("link", help=t("关联项目", "link a project"))
    ln.add_argument("team")
    ln.add_argument("project", help=t("项目编号或 id", "project number or id"))
    ln.set_defaults(handler=run_link)

    lg = ts.add_parser("log", help=t("记录团队活动（会议、试验、成果）", "log an activity (meeting, trial, result)"))
    lg.add_argument("team")
    lg.add_argument("title")
    lg.add_argument("--kind", default="meeting", help=t("会议 | 试验 | 成果 | 其他", "meeting | trial | result | other"))
    lg.add_argument("--body", default="")
    lg.add_argument("--date", metavar="YYYY-MM-DD")
    lg.add_argument("--attach", action="append", default=[], metavar="FILE", help=t("附件（可重复）", "a file (repeatable)"))
    lg.set_defaults(handler=run_log)

    ls = ts.add_parser("list", help=t("列出团队", "list teams"))
    ls.add_argument("--kind")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)

    sh = ts.add_parser("show", help=t("查看团队", "show a team"))
    sh.add_argument("team")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)

    fd = ts.add_parser("find", help=t("按专长、技能等级、单位、项目找人", "find people by specialty, grade, unit, projects"))
    fd.add_argument("--specialty")
    fd.add_argument("--min-grade", choices=SKILL_GRADES, help=t("最低技能等级", "lowest skill grade"))
    fd.add_argument("--unit", help=t("单位（含下级）", "unit (and the units below it)"))
    fd.add_argument("--project", help=t("参与过的项目（标题或编号包含）", "past project (title or number contains)"))
    fd.add_argument("--alliance", action="store_true", help=t("只找创客联盟成员", "only maker alliance members"))
    fd.add_argument("--json", action="store_true")
    fd.set_defaults(handler=run_find)

    al = ts.add_parser("alliance", help=t("创客联盟", "the maker alliance"))
    als = al.add_subparsers(dest="alliance_command", metavar="ACTION")
    als.required = True
    j = als.add_parser("join", help=t("加入创客联盟", "join the maker alliance"))
    j.add_argument("--specialty", required=True)
    j.add_argument("--person", help=t("为他人登记（领衔人、管理员）", "enrol someone else (leaders, admins)"))
    j.add_argument("--note", default="")
    j.set_defaults(handler=run_alliance_join)
    lv = als.add_parser("leave", help=t("退出创客联盟", "leave the maker alliance"))
    lv.add_argument("--person")
    lv.set_defaults(handler=run_alliance_leave)
    al_ls = als.add_parser("list", help=t("列出联盟成员", "list members"))
    al_ls.add_argument("--json", action="store_true")
    al_ls.set_defaults(handler=run_alliance_list)

    call = ts.add_parser("call", help=t("揭榜挂帅", "open calls (揭榜挂帅)"))
    cs = call.add_subparsers(dest="call_command", metavar="ACTION")
    cs.required = True
    post = cs.add_parser("post", help=t("发布难题", "post a hard problem"))
    post.add_argument("title")
    post.add_argument("--problem", required=True)
    post.add_argument("--deadline", required=True, metavar="YYYY-MM-DD")
    post.add_argument("--kind", default="members", help=t("招募成员 | 征集方案（members|solutions）", "members | solutions"))
    post.add_argument("--team", help=t("接受的成员加入此团队", "accepted members join this team"))
    post.set_defaults(handler=run_call_post)
    ap = cs.add_parser("apply", help=t("揭榜", "apply"))
    ap.add_argument("call", help=t("榜单编号或 id", "call number or id"))
    ap.add_argument("--statement", required=True, help=t("简短说明（最多 500 字）", "a short statement (at most 500 characters)"))
    ap.set_defaults(handler=run_call_apply)
    dc = cs.add_parser("decide", help=t("接受或谢绝揭榜申请", "accept or decline an application"))
    dc.add_argument("call")
    dc.add_argument("applicant", help=t("申请人工号", "applicant's employee number"))
    dc.add_argument("decision", choices=["accept", "decline"])
    dc.add_argument("--reason", default="")
    dc.set_defaults(handler=run_call_decide)
    cl = cs.add_parser("close", help=t("关闭榜单", "close a call"))
    cl.add_argument("call")
    cl.set_defaults(handler=run_call_close)
    cls_ = cs.add_parser("list", help=t("列出榜单", "list calls"))
    cls_.add_argument("--state", choices=["open", "expired", "closed"])
    cls_.add_argument("--json", action="store_true")
    cls_.set_defaults(handler=run_call_list)
    csh = cs.add_parser("show", help=t("查看榜单与申请", "show a call and its applications"))
    csh.add_argument("call")
    csh.add_argument("--json", action="store_true")
    csh.set_defaults(handler=run_call_show)


def run_create(args: argparse.Namespace, ctx: Context) -> int:
    ch = teams.create_team(ctx.bank(), ctx.actor, args.name, args.kind, leader=args.leader, studio=args.studio,
                           host_unit=args.host_unit, partner_units=args.partner_unit, projects=args.project,
                           problem=args.problem)
    print(ch.value)
    return 0


def run_add_member(args: argparse.Namespace, ctx: Context) -> int:
    teams.add_member(ctx.bank(), ctx.actor, args.team, args.person, role=args.role, specialty=args.specialty,
                     skill_grade=args.skill_grade, joined_on=args.joined)
    ctx.info(t("已加入团队。", "Added to the team."))
    return 0


def run_remove_member(args: argparse.Namespace, ctx: Context) -> int:
    teams.remove_member(ctx.bank(), ctx.actor, args.team, args.person, left_on=args.left)
    ctx.info(t("已记录离队。", "Recorded as left."))
    return 0


def run_order(args: argparse.Namespace, ctx: Context) -> int:
    teams.reorder_members(ctx.bank(), ctx.actor, args.team, args.people)
    ctx.info(t("贡献排序已更新。", "Contribution order updated."))
    return 0


def run_link(args: argparse.Namespace, ctx: Context) -> int:
    teams.link_project(ctx.bank(), ctx.actor, args.team, args.project)
    ctx.info(t("已关联项目。", "Project linked."))
    return 0


def run_log(args: argparse.Namespace, ctx: Context) -> int:
    ch = teams.log_activity(ctx.bank(), ctx.actor, args.team, args.kind, args.title, args.body,
                            happened_on=args.date, files=args.attach)
    print(ch.value)
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = teams.list_teams(ctx.bank(), kind=args.kind)
    if args.json:
        ctx.print_json(rows)
        return 0
    print(render([t("团队", "Team"), t("类型", "Kind"), t("负责人", "Leader"), t("工作室", "Studio"),
                  t("牵头单位", "Host unit"), t("成员", "Members"), t("项目", "Projects")],
                 [(r["name"], r["kind_label"], r["leader"], r["studio"], r["host_unit"], r["members"], r["projects"])
                  for r in rows], limits=[30, 14, 10, 24, 20, 5, 5]))
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    d = teams.team_detail(ctx.bank(), args.team)
    if args.json:
        ctx.print_json(d)
        return 0
    lines = [f"{d['name']}（{d['kind_label']}）",
             f"{t('负责人', 'Leader')}: {d['leader_name'] or '-'}    {t('工作室', 'Studio')}: {d['studio'] or '-'}",
             f"{t('牵头单位', 'Host unit')}: {d['host_unit'] or '-'}    "
             f"{t('协作单位', 'Partner units')}: {'、'.join(d['partner_units']) or '-'}"]
    if d["problem"]:
        lines += ["", d["problem"]]
    lines += ["", render([t("序", "#"), t("工号", "No."), t("姓名", "Name"), t("单位", "Unit"), t("专长", "Specialty"),
                          t("等级", "Grade"), t("角色", "Role"), t("加入", "Joined"), t("离队", "Left")],
                         [(m["position"], m["employee_no"], m["name"], m["unit"], m["specialty"], m["skill_grade"],
                           m["role"], m["joined_on"], m["left_on"]) for m in d["members"]])]
    if d["projects"]:
        lines += ["", t("关联项目：", "Linked projects:")] + [f"  {p['number']}  {p['title']}" for p in d["projects"]]
    if d["activities"]:
        lines += ["", t("活动记录：", "Activity log:")]
        lines += [f"  {a['date']}  [{a['kind_label']}] {a['title']}" +
                  (f"  ({len(a['attachments'])} {t('个附件', 'attachments')})" if a["attachments"] else "")
                  for a in d["activities"]]
    print("\n".join(lines))
    return 0


def run_find(args: argparse.Namespace, ctx: Context) -> int:
    rows = teams.find_people(ctx.bank(), specialty=args.specialty, min_grade=args.min_grade, unit=args.unit,
                             project=args.project, alliance_only=args.alliance)
    if args.json:
        ctx.print_json(rows)
        return 0
    print(render([t("工号", "No."), t("姓名", "Name"), t("单位", "Unit"), t("等级", "Grade"), t("专长", "Specialty"),
                  t("联盟", "Alliance"), t("项目数", "Projects")],
                 [(r["employee_no"], r["name"], r["unit"], r["skill_grade"], "、".join(r["specialties"]),
                   "✓" if r["in_alliance"] else "", r["project_count"]) for r in rows], limits=[12, 10, 20, 8, 24, 4, 6]))
    return 0


def run_alliance_join(args: argparse.Namespace, ctx: Context) -> int:
    teams.join_alliance(ctx.bank(), ctx.actor, args.specialty, who=args.person, note=args.note)
    ctx.info(t("已加入创客联盟。", "Joined the maker alliance."))
    return 0


def run_alliance_leave(args: argparse.Namespace, ctx: Context) -> int:
    teams.leave_alliance(ctx.bank(), ctx.actor, who=args.person)
    ctx.info(t("已退出创客联盟。", "Left the maker alliance."))
    return 0


def run_alliance_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = teams.list_alliance(ctx.bank())
    if args.json:
        ctx.print_json(rows)
        return 0
    print(render([t("工号", "No."), t("姓名", "Name"), t("单位", "Unit"), t("专长", "Specialty"), t("加入", "Joined")],
                 [(r["employee_no"], r["name"], r["unit"], r["specialty"], r["joined_on"]) for r in rows]))
    return 0


def run_call_post(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    ch = teams.post_call(bank, ctx.actor, args.title, args.problem, deadline=args.deadline, kind=args.kind,
                         team=args.team)
    print(teams.call_detail(bank, ch.value)["number"])
    return 0


def run_call_apply(args: argparse.Namespace, ctx: Context) -> int:
    teams.apply_call(ctx.bank(), ctx.actor, args.call, args.statement)
    ctx.info(t("已揭榜，发榜人会收到通知。", "Applied; the poster has been notified."))
    return 0


def run_call_decide(args: argparse.Namespace, ctx: Context) -> int:
    ch = teams.decide_application(ctx.bank(), ctx.actor, args.call, args.applicant, args.decision == "accept",
                                  args.reason)
    ctx.info(t("已答复（{s}），申请人会收到通知。", "Answered ({s}); the applicant has been notified.",
               s=label(teams.APPLICATION_STATUSES, ch.value)))
    return 0


def run_call_close(args: argparse.Namespace, ctx: Context) -> int:
    teams.close_call(ctx.bank(), ctx.actor, args.call)
    ctx.info(t("榜单已关闭。", "The call is closed."))
    return 0


def run_call_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = teams.list_calls(ctx.bank(), state=args.state)
    if args.json:
        ctx.print_json(rows)
        return 0
    print(render([t("编号", "Number"), t("难题", "Problem"), t("类型", "Kind"), t("状态", "State"), t("截止", "Deadline"),
                  t("发榜人", "Poster"), t("申请", "Applied"), t("待答复", "Pending")],
                 [(r["number"], r["title"], r["kind_label"], r["state_label"], r["deadline"][:10], r["poster"],
                   r["applications"], r["pending"]) for r in rows], limits=[20, 30, 10, 8, 10, 10, 6, 8]))
    return 0


def run_call_show(args: argparse.Namespace, ctx: Context) -> int:
    d = teams.call_detail(ctx.bank(), args.call)
    if args.json:
        ctx.print_json(d)
        return 0
    lines = [f"{d['number']}  {d['title']}（{d['kind_label']}，{d['state_label']}）",
             f"{t('截止', 'Deadline')}: {d['deadline'][:10]}    {t('发榜人', 'Poster')}: {d['poster'] or '-'}"
             f"    {t('团队', 'Team')}: {d['team'] or '-'}", "", d["problem"], ""]
    lines.append(render([t("工号", "No."), t("姓名", "Name"), t("单位", "Unit"), t("状态", "Status"), t("说明", "Statement")],
                        [(a["employee_no"], a["name"], a["unit"], a["status_label"], a["statement"])
                         for a in d["application_list"]], limits=[12, 10, 16, 8, 50]))
    print("\n".join(lines))
    return 0
