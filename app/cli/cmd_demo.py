"""`ideabank demo --projects N --seed S [--append]`: fill the bank with realistic demo data."""
from __future__ import annotations

import argparse
import sys
import time

from app.cli.context import Context, Subparsers
from app.core import demo
from app.core.i18n import t


def register(sub: Subparsers) -> None:
    p = sub.add_parser("demo", help=t("生成演示数据（单位、工作室、人员、项目）",
                                      "generate demo data (units, studios, people, projects)"))
    p.add_argument("--projects", type=int, default=2000, metavar="N", help=t("项目数（默认 2000）", "number of projects (default 2000)"))
    p.add_argument("--seed", type=int, default=20241124, metavar="S", help=t("随机种子：相同种子生成相同内容",
                                                                             "random seed: the same seed gives the same content"))
    p.add_argument("--append", action="store_true", help=t("库中已有项目时仍然追加", "add even if the bank already holds projects"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出统计", "print the counts as JSON"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    began = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if done == total or now - last[0] >= 1.0:
            last[0] = now
            rate = done / (now - began) if now > began else 0
            print(t("\r演示数据：{d}/{n} 个项目（{r:.0f} 个/秒）", "\rdemo data: {d}/{n} projects ({r:.0f}/s)",
                    d=done, n=total, r=rate), end="", file=sys.stderr, flush=True)

    counts = demo.generate(bank, ctx.actor, args.projects, args.seed, progress=progress, append=args.append)
    print(file=sys.stderr)
    if args.json:
        ctx.print_json(counts)
    else:
        ctx.info(t("已生成：{u} 个单位、{s} 个工作室、{p} 名人员、{n} 个项目、{c} 条评论、{v} 张票、{r} 份评审，用时 {sec} 秒。",
                   "Written: {u} units, {s} studios, {p} people, {n} projects, {c} comments, {v} votes, "
                   "{r} reviews in {sec} s.", u=counts["units"], s=counts["studios"], p=counts["people"],
                   n=counts["projects"], c=counts["comments"], v=counts["votes"], r=counts["reviews"],
                   sec=counts["seconds"]))
    return 0
