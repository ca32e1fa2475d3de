"""`ideabank site join --hub URL`: make this data folder a site of the hub (its own id and code,
the organisation and the projects its person may see). Added to the `site` command, whichever
module made it (site show/key/trust live in cmd_site.py)."""
from __future__ import annotations

import argparse
import os
import sys

from app.cli.context import Context, Subparsers
from app.core.bank import LOCAL_ADMIN
from app.core.i18n import t


def _site_actions(sub: Subparsers) -> Subparsers:
    site = sub.choices.get("site")
    if site is None:
        site = sub.add_parser("site", help=t("本站点身份与中心库", "this site's identity and the hub"))
        actions = site.add_subparsers(dest="site_command", metavar="ACTION")
        actions.required = True
        return actions
    return next(a for a in site._actions if isinstance(a, argparse._SubParsersAction))


def register(sub: Subparsers) -> None:
    p = _site_actions(sub).add_parser(
        "join", help=t("让本数据文件夹成为中心库的一个站点（新的站点编号与代码），并取回组织和项目",
                       "make this data folder a site of the hub (a new site id and code), with the organisation "
                       "and projects"))
    p.add_argument("--hub", required=True, metavar="URL", help=t("中心库地址", "the hub's URL"))
    p.add_argument("--name", help=t("本站点的名称，例如“某某变电站笔记本”", "a name for this site, e.g. 'substation laptop'"))
    p.add_argument("--password-stdin", action="store_true",
                   help=t("从标准输入读取密码（或设置环境变量 IDEABANK_PASSWORD）",
                          "read the password from stdin (or set IDEABANK_PASSWORD)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from app.sync import join

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else os.environ.get("IDEABANK_PASSWORD")
    bank = ctx.bank()
    report = join.join(bank, args.hub, args.as_user or LOCAL_ADMIN, password, name=args.name)
    if args.json:
        ctx.print_json(report.as_json())
    else:
        ctx.info(t("已加入中心库：本站点代码 {code}（{id}），取回 {n} 条记录。",
                   "Joined the hub: this site's code is {code} ({id}); {n} records pulled.",
                   code=report.site_code, id=report.site_id, n=report.sync.pulled_records))
    return 0
