"""`ideabank unit add|edit|move|list` and `ideabank studio add|edit|list`: the organisation."""
from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import org
from app.core.errors import ValidationError
from app.core.i18n import t


def register(sub: Subparsers) -> None:
    p = sub.add_parser("unit", help=t("单位（组织树）", "units (the organisation tree)"))
    us = p.add_subparsers(dest="unit_command", metavar="ACTION")
    us.required = True
    add = us.add_parser("add", help=t("添加单位", "add a unit"))
    add.add_argument("name", help=t("单位名称", "the unit's name"))
    add.add_argument("--parent", metavar="NAME", help=t("上级单位", "the parent unit"))
    add.add_argument("--kind", default="crew", help=t("公司 | 分公司 | 车间 | 班组（默认班组）",
                                                     "company | branch | workshop | crew (default crew)"))
    add.add_argument("--code", help=t("单位代码", "the unit's code"))
    add.set_defaults(handler=run_unit_add)
    edit = us.add_parser("edit", help=t("修改单位名称、类型或代码", "rename a unit, change its kind or code"))
    edit.add_argument("unit", help=t("单位名称", "the unit's name"))
    edit.add_argument("--name", help=t("新名称", "the new name"))
    edit.add_argument("--kind")
    edit.add_argument("--code", help=t("新代码（\"\" 清除）", "the new code (\"\" clears it)"))
    edit.set_defaults(handler=run_unit_edit)
    move = us.add_parser("move", help=t("把单位（连同下级）移到另一上级之下", "move a unit (with what is below it)"))
    move.add_argument("unit")
    target = move.add_mutually_exclusive_group(required=True)
    target.add_argument("--parent", metavar="NAME", help=t("新的上级单位", "the new parent"))
    target.add_argument("--top", action="store_true", help=t("移到最上层", "make it a top-level unit"))
    move.set_defaults(handler=run_unit_move)
    ls = us.add_parser("list", help=t("列出单位树", "list the unit tree"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_unit_list)

    p = sub.add_parser("studio", help=t("职工创新工作室", "innovation studios"))
    ss = p.add_subparsers(dest="studio_command", metavar="ACTION")
    ss.required = True
    add = ss.add_parser("add", help=t("添加工作室", "add a studio"))
    add.add_argument("name", help=t("工作室名称", "the studio's name"))
    add.add_argument("--unit", required=True, help=t("所属单位", "the unit it belongs to"))
    add.add_argument("--leader", metavar="EMPLOYEE_NO", help=t("领衔人工号", "the leader's employee number"))
    add.add_argument("--level", default="unit", help=t("国家级 | 省级 | 公司级 | 单位级（默认单位级）",
                                                      "national | provincial | company | unit (default unit)"))
    _studio_fields(add)
    add.set_defaults(handler=run_studio_add)
    edit = ss.add_parser("edit", help=t("修改工作室（领衔人可改本工作室的成立日期、场地和标志）",
                                        "change a studio (its leader: founded, premises and logo)"))
    edit.add_argument("studio", help=t("工作室名称", "the studio's name"))
    edit.add_argument("--name", help=t("新名称", "the new name"))
    edit.add_argument("--unit")
    edit.add_argument("--leader", metavar="EMPLOYEE_NO", help=t("新领衔人工号（\"\" 清除）", "the new leader (\"\" clears)"))
    edit.add_argument("--level")
    _studio_fields(edit)
    edit.add_argument("--logo", metavar="FILE", help=t("工作室标志图片（PNG/JPEG，用于成果档案）；\"\" 删除",
                                                      "the logo picture (PNG/JPEG, for dossiers); \"\" removes it"))
    edit.set_defaults(handler=run_studio_edit)
    ls = ss.add_parser("list", help=t("列出工作室", "list studios"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_studio_list)


def _studio_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--founded", metavar="YYYY-MM-DD", help=t("成立日期", "the founding date"))
    p.add_argument("--premises", help=t("场地", "premises"))
    p.add_argument("--funds", help=t("经费（元/年，可写 5万）", "funds (yuan per year, 5万 works)"))


def run_unit_add(args: argparse.Namespace, ctx: Context) -> int:
    ch = org.add_unit(ctx.bank(), ctx.actor, args.name, args.kind, parent=args.parent, code=args.code)
    ctx.info(t("已添加单位 {n}", "Added the unit {n}", n=args.name))
    print(ch.value)
    return 0


def run_unit_edit(args: argparse.Namespace, ctx: Context) -> int:
    if args.name is None and args.kind is None and args.code is None:
        raise ValidationError(t("请给出要修改的内容：--name、--kind 或 --code。", "Say what to change: --name, --kind or --code."))
    org.edit_unit(ctx.bank(), ctx.actor, args.unit, name=args.name, kind=args.kind, code=args.code)
    ctx.info(t("已修改单位 {n}", "Changed the unit {n}", n=args.unit))
    return 0


def run_unit_move(args: argparse.Namespace, ctx: Context) -> int:
    org.move_unit(ctx.bank(), ctx.actor, args.unit, None if args.top else args.parent)
    ctx.info(t("已移动单位 {n}", "Moved the unit {n}", n=args.unit))
    return 0


def run_unit_list(args: argparse.Namespace, ctx: Context) -> int:
    units = org.list_units(ctx.bank())
    if args.json:
        ctx.print_json(units)
        return 0
    print(render([t("单位", "Unit"), t("类型", "Kind"), t("代码", "Code"), t("人数", "People"), t("工作室", "Studios")],
                 [("  " * u["depth"] + u["name"], u["kind_label"], u["code"], u["people"], u["studios"]) for u in units]))
    return 0


def _studio_changes(args: argparse.Namespace) -> dict[str, Any]:
    changes = {}
    for key in ("name", "unit", "leader", "level", "founded", "premises", "funds"):
        value = getattr(args, key, None)
        if value is not None:
            changes[key] = value
    return changes


def run_studio_add(args: argparse.Namespace, ctx: Context) -> int:
    ch = org.add_studio(ctx.bank(), ctx.actor, args.name, args.level, unit=args.unit, leader=args.leader,
                        founded=args.founded, premises=args.premises, funds=args.funds)
    ctx.info(t("已添加工作室 {n}", "Added the studio {n}", n=args.name))
    print(ch.value)
    return 0


def run_studio_edit(args: argparse.Namespace, ctx: Context) -> int:
    changes = _studio_changes(args)
    if not changes and args.logo is None:
        raise ValidationError(t("请给出要修改的内容，例如 --premises 或 --logo。", "Say what to change, e.g. --premises or --logo."))
    bank = ctx.bank()
    if changes:
        org.edit_studio(bank, ctx.actor, args.studio, changes)
    if args.logo is not None:
        org.set_logo(bank, ctx.actor, changes.get("name", args.studio), args.logo or None)
    ctx.info(t("已修改工作室 {n}", "Changed the studio {n}", n=args.studio))
    return 0


def run_studio_list(args: argparse.Namespace, ctx: Context) -> int:
    studios = org.list_studios(ctx.bank())
    if args.json:
        ctx.print_json(studios)
        return 0
    print(render([t("工作室", "Studio"), t("级别", "Level"), t("单位", "Unit"), t("领衔人", "Leader"), t("成员", "Members"),
                  t("成立", "Founded"), t("经费", "Funds")],
                 [(s["name"], s["level_label"], s["unit"], s["leader_name"], s["members"], s["founded"],
                   f"{s['funds']:,.0f}" if s["funds"] is not None else "") for s in studios]))
    return 0
