"""`ideabank user add|edit|list|passwd|role|deactivate|activate|unlock|locked`: people and their accounts."""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import auth, people
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.vocab import ROLES, SKILL_GRADES, label


def register(sub: Subparsers) -> None:
    p = sub.add_parser("user", help=t("人员与账号", "people and accounts"))
    us = p.add_subparsers(dest="user_command", metavar="ACTION")
    us.required = True
    add = us.add_parser("add", help=t("添加人员", "add a person"))
    add.add_argument("employee_no", help=t("工号", "employee number"))
    add.add_argument("name", help=t("姓名", "name"))
    add.add_argument("--role", default="worker", help="worker | leader | base | admin")
    add.add_argument("--unit", help=t("单位名称", "unit name"))
    add.add_argument("--studio", help=t("工作室名称", "studio name"))
    add.add_argument("--skill-grade", choices=SKILL_GRADES)
    add.add_argument("--specialty")
    add.add_argument("--honour", action="append", default=[], help=t("荣誉，可重复", "an honour; repeatable"))
    add.add_argument("--password-stdin", action="store_true",
                     help=t("从标准输入读取密码（或设环境变量 IDEABANK_PASSWORD）",
                            "read the password from stdin (or set IDEABANK_PASSWORD)"))
    add.set_defaults(handler=run_add)
    edit = us.add_parser("edit", help=t("修改人员资料（领衔人可改本工作室人员的技能等级、专长、荣誉）",
                                        "change a person's details (a leader: their studio's people's grade, "
                                        "specialty, honours)"))
    edit.add_argument("employee_no")
    edit.add_argument("--name")
    edit.add_argument("--number", metavar="NEW_NO", help=t("新工号", "a new employee number"))
    edit.add_argument("--unit", help=t("单位名称（\"\" 清除）", "unit name (\"\" clears it)"))
    edit.add_argument("--studio", help=t("工作室名称（\"\" 清除）", "studio name (\"\" clears it)"))
    edit.add_argument("--skill-grade", help="、".join(SKILL_GRADES) + t("（\"\" 清除）", " (\"\" clears it)"))
    edit.add_argument("--specialty")
    edit.add_argument("--honour", action="append", help=t("荣誉，可重复；给出即替换全部荣誉", "an honour; repeatable; "
                                                         "replaces all honours"))
    edit.set_defaults(handler=run_edit)
    ls = us.add_parser("list", help=t("列出人员", "list people"))
    ls.add_argument("--unit", help=t("该单位及其下级单位的人员", "people of this unit and the units below it"))
    ls.add_argument("--studio")
    state = ls.add_mutually_exclusive_group()
    state.add_argument("--inactive", action="store_true", help=t("只列出已停用的人员", "only deactivated people"))
    state.add_argument("--all", action="store_true", help=t("在职和已停用的人员", "active and deactivated people"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    pw = us.add_parser("passwd", help=t("设置密码（管理员可重置任何人的密码）", "set a password (admins reset anyone's)"))
    pw.add_argument("employee_no")
    pw.add_argument("--password-stdin", action="store_true")
    pw.set_defaults(handler=run_passwd)
    role = us.add_parser("role", help=t("修改角色", "change a person's role"))
    role.add_argument("employee_no")
    role.add_argument("role", help="worker | leader | base | admin")
    role.set_defaults(handler=run_role)
    off = us.add_parser("deactivate", help=t("停用账号（不删除：项目、评审和积分保留，不能再登录）",
                                             "deactivate an account (nothing is deleted; they can no longer sign in)"))
    off.add_argument("employee_no")
    off.set_defaults(handler=run_deactivate)
    on = us.add_parser("activate", help=t("重新启用已停用的账号", "reactivate a deactivated account"))
    on.add_argument("employee_no")
    on.set_defaults(handler=run_activate)
    ul = us.add_parser("unlock", help=t("解除账号锁定（密码连续输错后）", "lift a lockout (after repeated wrong passwords)"))
    ul.add_argument("employee_no")
    ul.set_defaults(handler=run_unlock)
    lk = us.add_parser("locked", help=t("列出被锁定的账号", "list locked accounts"))
    lk.add_argument("--json", action="store_true")
    lk.set_defaults(handler=run_locked)


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if os.environ.get("IDEABANK_PASSWORD"):
        return os.environ["IDEABANK_PASSWORD"]
    return None


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    ch = people.add_user(bank, ctx.actor, args.employee_no, args.name, role=args.role, unit=args.unit,
                         studio=args.studio, skill_grade=args.skill_grade, specialty=args.specialty,
                         honours=args.honour, password=_password(args))
    ctx.info(t("已添加 {no} {name}", "Added {no} {name}", no=args.employee_no, name=args.name))
    print(ch.value)
    return 0


def run_edit(args: argparse.Namespace, ctx: Context) -> int:
    changes = {key: value for key, value in (("name", args.name), ("employee_no", args.number), ("unit", args.unit),
                                             ("studio", args.studio), ("skill_grade", args.skill_grade),
                                             ("specialty", args.specialty), ("honours", args.honour))
               if value is not None}
    if not changes:
        raise ValidationError(t("请给出要修改的内容，例如 --name 或 --unit。", "Say what to change, e.g. --name or --unit."))
    people.edit_user(ctx.bank(), ctx.actor, args.employee_no, changes)
    ctx.info(t("已修改 {no}", "Changed {no}", no=args.employee_no))
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    active = None if args.all else not args.inactive
    users = people.list_users(ctx.bank(), unit=args.unit, studio=args.studio, active=active)
    if args.json:
        ctx.print_json(users)
    else:
        print(render([t("工号", "No."), t("姓名", "Name"), t("角色", "Role"), t("单位", "Unit"), t("工作室", "Studio")]
                     + ([t("状态", "State")] if args.all or args.inactive else []),
                     [(u["employee_no"], u["name"], label(ROLES, u["role"]), u["unit"], u["studio"])
                      + ((t("在职", "active") if u["active"] else t("已停用", "deactivated"),) if args.all or args.inactive
                         else ()) for u in users]))
    return 0


def run_role(args: argparse.Namespace, ctx: Context) -> int:
    people.set_role(ctx.bank(), ctx.actor, args.employee_no, args.role)
    ctx.info(t("已修改 {no} 的角色", "Changed the role of {no}", no=args.employee_no))
    return 0


def run_deactivate(args: argparse.Namespace, ctx: Context) -> int:
    people.deactivate(ctx.bank(), ctx.actor, args.employee_no)
    ctx.info(t("已停用 {no}：其项目、评审和积分保留，不能再登录。", "Deactivated {no}: their projects, reviews and points stay; "
               "they can no longer sign in.", no=args.employee_no))
    return 0


def run_activate(args: argparse.Namespace, ctx: Context) -> int:
    people.reactivate(ctx.bank(), ctx.actor, args.employee_no)
    ctx.info(t("已重新启用 {no}", "Reactivated {no}", no=args.employee_no))
    return 0


def run_passwd(args: argparse.Namespace, ctx: Context) -> int:
    password = _password(args)
    if password is None:
        password = getpass.getpass(t("新密码：", "New password: "))
    people.set_password(ctx.bank(), ctx.actor, args.employee_no, password)
    ctx.info(t("密码已更新。", "Password updated."))
    return 0


def run_unlock(args: argparse.Namespace, ctx: Context) -> int:
    auth.unlock(ctx.bank(), ctx.actor, args.employee_no)
    ctx.info(t("已解除 {no} 的锁定。", "{no} is unlocked.", no=args.employee_no))
    return 0


def run_locked(args: argparse.Namespace, ctx: Context) -> int:
    from app.core.permissions import check
    check(ctx.actor, "user.manage")
    locked = auth.locked_accounts(ctx.bank())
    if args.json:
        ctx.print_json(locked)
    else:
        print(render([t("工号", "No."), t("姓名", "Name"), t("失败次数", "Failures"), t("锁定至", "Locked until")],
                     [(x["employee_no"], x["name"], x["failures"], x["locked_until"]) for x in locked]))
    return 0
