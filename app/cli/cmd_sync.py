"""`ideabank sync --hub URL`: exchange what changed with the central PostgreSQL hub, both ways."""
from __future__ import annotations

import argparse
import sys
import time

from app.cli.context import Context, Subparsers
from app.core.i18n import t
from app.sync import hub


def register(sub: Subparsers) -> None:
    p = sub.add_parser("sync", help=t("与中心库（PostgreSQL）双向同步", "synchronise with the central hub (PostgreSQL), both ways"))
    p.add_argument("--hub", required=True, metavar="URL",
                   help=t("中心库地址，例如 postgresql+psycopg://user@host/ideabank",
                          "the hub's URL, e.g. postgresql+psycopg://user@host/ideabank"))
    p.add_argument("--batch", type=int, default=hub.BATCH, metavar="N",
                   help=t("每批最多多少行（默认 {n}）", "rows a batch at most (default {n})", n=hub.BATCH))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出结果", "print the result as JSON"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    last = [0.0]
    names = {"push": t("上传", "push"), "pull": t("下载", "pull")}

    def progress(done: int, total: int, phase: str) -> None:
        now = time.perf_counter()
        if done >= total or now - last[0] >= 1.0:
            last[0] = now
            print(f"\r{names[phase]} {done}/{total}", end="", file=sys.stderr, flush=True)

    report = hub.sync(bank, ctx.actor, args.hub, limit=max(1, args.batch), progress=progress)
    print(file=sys.stderr)
    if args.json:
        ctx.print_json(report.as_json())
    else:
        ctx.info(t("同步完成：上传 {up} 条、下载 {down} 条记录，冲突 {c} 个，被中心库拒绝 {r} 个，用时 {s:.1f} 秒。",
                   "Synced: {up} records up, {down} down, {c} conflicts, {r} refused by the hub, in {s:.1f} s.",
                   up=report.pushed_records, down=report.pulled_records,
                   c=report.pushed.conflicts + report.pulled.conflicts, r=report.pushed.rejected, s=report.seconds))
    return 0
