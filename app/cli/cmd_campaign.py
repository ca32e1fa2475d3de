"""`ideabank campaign create|edit|list|show|enter|withdraw|board|ledger|export`: merit competitions (立功竞赛)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import campaign_points as CP
from app.core import campaigns
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.vocab import label


def _rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--theme")
    p.add_argument("--unit", action="append", default=None, metavar="UNIT",
                   help=t("参赛单位（含其下级；可重复；不写为全部单位）", "a unit taking part, with those below it (repeatable; none: all)"))
    p.add_argument("--rules", metavar="FILE.json", help=t("积分规则（JSON）", "point rules as JSON"))
    for step, zh, en in (("proposed", "提出", "proposed"), ("adopted", "采纳", "adopted"), ("completed", "完成", "completed")):
        p.add_argument(f"--{step}", type=float, metavar="N", help=t(f"{zh}得分", f"points when {en}"))
    p.add_argument("--band", action="append", default=None, metavar="AMOUNT=POINTS",
                   help=t("实测年效益档次（可重复）", "a measured-benefit band (repeatable)"))
    p.add_argument("--patent", action="append", default=[], metavar="KIND=POINTS",
                   help="invention|utility|design=N")
    p.add_argument("--award", action="append", default=[], metavar="LEVEL=POINTS",
                   help="national|provincial|company|unit|other=N")
    p.add_argument("--share", choices=list(campaigns.SHARES))
    p.add_argument("--json", action="store_true")


def register(sub: Subparsers) -> None:
    p = sub.add_parser("campaign", help=t("立功竞赛：积分规则、参赛项目、排行榜", "merit competitions: rules, entries, leaderboards"))
    ps = p.add_subparsers(dest="campaign_command", metavar="ACTION")
    ps.required = True

    c = ps.add_parser("create", help=t("新建立功竞赛（管理员）", "set up a campaign (admins)"))
    c.add_argument("name")
    c.add_argument("--from", dest="starts_on", required=True, metavar="YYYY-MM-DD")
    c.add_argument("--to", dest="ends_on", required=True, metavar="YYYY-MM-DD")
    _rule_options(c)
    c.set_defaults(handler=run_create)

    e = ps.add_parser("edit", help=t("修改立功竞赛（管理员）", "change a campaign (admins)"))
    e.add_argument("campaign")
    e.add_argument("--name")
    e.add_argument("--from", dest="starts_on", metavar="YYYY-MM-DD")
    e.add_argument("--to", dest="ends_on", metavar="YYYY-MM-DD")
    _rule_options(e)
    e.set_defaults(handler=run_edit)

    ls = ps.add_parser("list", help=t("列出立功竞赛", "list campaigns"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)

    sh = ps.add_parser("show", help=t("查看立功竞赛及其规则", "show a campaign and its rules"))
    sh.add_argument("campaign")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)

    for action, zh, en in (("enter", "让项目参赛", "enter a project"), ("withdraw", "让项目退出", "take a project out")):
        sp = ps.add_parser(action, help=t(zh, en))
        sp.add_argument("campaign")
        sp.add_argument("project", help=t("项目编号或 id", "project number or id"))
        sp.set_defaults(handler=run_entry, action=action)

    b = ps.add_parser("board", help=t("排行榜", "a leaderboard"))
    b.add_argument("campaign")
    b.add_argument("--by", choices=list(CP.BOARDS), default="people")
    b.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    b.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    b.add_argument("--limit", type=int)
    b.add_argument("--json", action="store_true")
    b.set_defaults(handler=run_board)

    lg = ps.add_parser("ledger", help=t("某人的积分明细", "one person's points, line by line"))
    lg.add_argument("campaign")
    lg.add_argument("person", help=t("工号", "employee number"))
    lg.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    lg.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(handler=run_ledger)

    x = ps.add_parser("export", help=t("导出结果：.xlsx 排行榜和明细，或 .pdf 表彰名单（领衔人、管理员）",
                                       "export results: .xlsx boards and ledger, or a .pdf certificate list (leaders, admins)"))
    x.add_argument("campaign")
    x.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.pdf")
    x.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    x.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    x.add_argument("--top", type=int, default=10, help=t("名单收录各榜前几名", "places of each board on the list"))
    x.set_defaults(handler=run_export)


def rules_of(args: argparse.Namespace, base: dict[str, Any] | None) -> dict[str, Any] | None:
    """The rules the options give, over `base` (a campaign's) or the defaults; None when untouched."""
    rules: dict[str, Any] = dict(base or campaigns.DEFAULT_RULES)
    touched = False
    if args.rules:
        try:
            given = json.loads(Path(args.rules).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValidationError(t("无法读取积分规则 {p}：{e}", "Cannot read the rules {p}: {e}", p=args.rules, e=exc)) from None
        if not isinstance(given, dict):
            raise ValidationError(t("积分规则应为 JSON 对象。", "The rules must be a JSON object."))
        rules.update(given)
        touched = True
    for step in ("proposed", "adopted", "completed"):
        if getattr(args, step) is not None:
            rules[step], touched = getattr(args, step), True
    if args.band is not None:
        rules["benefit_bands"] = [[a, p] for a, p in campaigns.parse_pairs(args.band, "--band").items()]
        touched = True
    for key, option in (("patents", "patent"), ("awards", "award")):
        given = campaigns.parse_pairs(getattr(args, option), f"--{option}")
        if given:
            rules[key], touched = {**rules.get(key, {}), **given}, True
    if args.share:
        rules["share"], touched = args.share, True
    return rules if touched else None


def _show(ctx: Context, info: dict[str, Any], as_json: bool) -> None:
    if as_json:
        ctx.print_json(info)
        return
    r = info["rules"]
    print(f"{info['name']}（{info['state_label']}）{info['starts_on']} – {info['ends_on']}")
    if info["theme"]:
        print(info["theme"])
    print(t("参赛单位：{u}", "Units: {u}", u="、".join(info["units"]) or t("全部", "all")))
    print(t("参赛项目：{n}", "Projects entered: {n}", n=info["entries"]))
    bands = ", ".join(f"≥{a:,} {p}" for a, p in r["benefit_bands"]) or "—"
    patents = ", ".join(f"{label(campaigns.PATENT_KINDS, k)} {v}" for k, v in r["patents"].items() if v) or "—"
    awards = ", ".join(f"{label(campaigns.AWARD_LEVELS, k)} {v}" for k, v in r["awards"].items() if v) or "—"
    print(t("积分：提出 {a}，采纳 {b}，完成 {c}；实测年效益（元）{d}；专利 {e}；获奖 {f}；{g}",
            "Points: proposed {a}, adopted {b}, completed {c}; measured benefit (yuan a year) {d}; patents {e}; "
            "awards {f}; {g}", a=r["proposed"], b=r["adopted"], c=r["completed"], d=bands, e=patents, f=awards,
            g=label(campaigns.SHARES, r["share"])))


def run_create(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    cid = campaigns.create(bank, ctx.actor, args.name, args.starts_on, args.ends_on, theme=args.theme or "",
                           units=args.unit, rules=rules_of(args, None)).value
    _show(ctx, campaigns.show(bank, ctx.actor, cid), args.json)
    return 0


def run_edit(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    cid = campaigns.edit(bank, ctx.actor, args.campaign, name=args.name, theme=args.theme, starts_on=args.starts_on,
                         ends_on=args.ends_on, units=args.unit,
                         rules=rules_of(args, campaigns.rules_of(bank, args.campaign))).value
    _show(ctx, campaigns.show(bank, ctx.actor, cid), args.json)
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    found = campaigns.list_campaigns(ctx.bank(), ctx.actor)
    if args.json:
        ctx.print_json({"count": len(found), "campaigns": found})
        return 0
    print(render([t("名称", "Name"), t("开始", "From"), t("结束", "To"), t("状态", "State"), t("参赛项目", "Projects")],
                 [(c["name"], c["starts_on"], c["ends_on"], c["state_label"], c["entries"]) for c in found],
                 limits=[40, 10, 10, 8, 8]))
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    _show(ctx, campaigns.show(ctx.bank(), ctx.actor, args.campaign), args.json)
    return 0


def run_entry(args: argparse.Namespace, ctx: Context) -> int:
    fn = campaigns.enter if args.action == "enter" else campaigns.withdraw
    fn(ctx.bank(), ctx.actor, args.campaign, args.project)
    ctx.info(t("已参赛。", "Entered.") if args.action == "enter" else t("已退出。", "Taken out."))
    return 0


def run_board(args: argparse.Namespace, ctx: Context) -> int:
    result = CP.leaderboard(ctx.bank(), ctx.actor, args.campaign, args.by, date_from=args.date_from, date_to=args.date_to,
                            limit=args.limit)
    if args.json:
        ctx.print_json(result)
        return 0
    rows: list[tuple[Any, ...]]
    if args.by == "people":
        rows = [(r["rank"], r["name"], r["employee_no"], r["unit"] or "", r["points"], r["projects"]) for r in result["rows"]]
        heads = [t("名次", "Rank"), t("姓名", "Name"), t("工号", "No."), t("单位", "Unit"), t("积分", "Points"),
                 t("项目", "Projects")]
    else:
        rows = [(r["rank"], r["name"], r["points"], r["projects"]) for r in result["rows"]]
        heads = [t("名次", "Rank"), t("名称", "Name"), t("积分", "Points"), t("项目", "Projects")]
    print(render(heads, rows))
    ctx.info(t("{c}：{a} 至 {b}", "{c}: {a} to {b}", c=result["campaign"], a=result["from"], b=result["to"]))
    return 0


def run_ledger(args: argparse.Namespace, ctx: Context) -> int:
    result = CP.ledger(ctx.bank(), ctx.actor, args.campaign, args.person, date_from=args.date_from, date_to=args.date_to)
    if args.json:
        ctx.print_json(result)
        return 0
    print(render([t("日期", "Day"), t("项目", "Project"), t("积分项", "Rule"), t("说明", "Detail"), t("积分", "Points")],
                 [(x["at"], f"{x['number'] or ''} {x['title']}".strip(), x["rule_label"], x["detail"], x["points"])
                  for x in result["lines"]], limits=[10, 40, 10, 40, 8]))
    ctx.info(t("{n}（{no}）共 {p} 分。", "{n} ({no}): {p} points in all.", n=result["name"], no=result["person"],
               p=result["total"]))
    return 0


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    bank, target = ctx.bank(), Path(args.output)
    if target.suffix.lower() == ".xlsx":
        from app.core.campaign_export import export_xlsx
        export_xlsx(bank, ctx.actor, args.campaign, target, date_from=args.date_from, date_to=args.date_to)
    elif target.suffix.lower() == ".pdf":
        from app.dossier.certificates import certificate_list
        certificate_list(bank, ctx.actor, args.campaign, target, top=args.top, date_from=args.date_from,
                         date_to=args.date_to)
    else:
        raise ValidationError(t("导出文件应为 .xlsx 或 .pdf（收到 {p}）。", "Export to .xlsx or .pdf (got {p}).", p=target))
    ctx.info(t("已导出到 {p}", "Written to {p}", p=target))
    return 0
