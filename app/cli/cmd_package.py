"""`ideabank package export|import|log`: signed, encrypted exchange packages for air-gapped sites."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core.i18n import t
from app.sync import package

PHASES = {"records": ("记录", "records"), "blobs": ("附件", "attachments"), "check": ("校验", "checking"),
          "apply": ("应用", "applying")}


def _cursor(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("应为整数序号", "a whole sequence number is expected")) from None
    if value < 0:
        raise argparse.ArgumentTypeError(t("不能为负数", "cannot be negative"))
    return value


def register(sub: Subparsers) -> None:
    p = sub.add_parser("package", help=t("交换包：与离线站点通过U盘交换数据", "exchange packages for air-gapped sites (USB)"))
    ps = p.add_subparsers(dest="package_command", metavar="ACTION")
    ps.required = True
    ex = ps.add_parser("export", help=t("写出给某站点的交换包（签名并加密）", "write a package for a site (signed, encrypted)"))
    ex.add_argument("-o", "--output", required=True, metavar="FILE")
    ex.add_argument("--to", metavar="SITE", help=t("接收站点的编号、代码或名称（只信任一个站点时可省略）",
                                                   "receiving site by id, code or name (optional when only one is trusted)"))
    ex.add_argument("--since", type=_cursor, metavar="CURSOR",
                    help=t("从本站点变更序号的这一位置之后开始（默认：对方尚未确认的部分）",
                           "start after this point of this site's change sequence (default: what the site has not "
                           "acknowledged)"))
    ex.add_argument("--json", action="store_true")
    ex.set_defaults(handler=run_export)
    im = ps.add_parser("import", help=t("导入交换包（先校验签名和完整性，全部应用或全部不应用）",
                                        "import a package (checked first; applied all or nothing)"))
    im.add_argument("file")
    im.add_argument("--json", action="store_true")
    im.set_defaults(handler=run_import)
    lg = ps.add_parser("log", help=t("列出写出和导入过的交换包", "list packages written and imported"))
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(handler=run_log)


def _progress(done: int, total: int, phase: str) -> None:
    if sys.stderr.isatty():
        zh, en = PHASES.get(phase, (phase, phase))
        sys.stderr.write(f"\r{t(zh, en)} {done}/{total or '?'}   ")
        sys.stderr.flush()


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    summary = package.export_package(ctx.bank(), ctx.actor, Path(args.output).expanduser(), to=args.to,
                                     since=args.since, progress=_progress)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.json:
        ctx.print_json(summary.as_json())
    ctx.info(t("已写出交换包 {p}：给站点“{n}”，序号 {a}–{b}，{r} 条记录，{k} 个附件。",
               "Wrote {p} for site '{n}': sequence {a}–{b}, {r} records, {k} attachments.", p=args.output,
               n=summary.peer.name, a=summary.since, b=summary.until, r=summary.records, k=summary.blobs))
    if summary.missing_blobs:
        ctx.info(t("有 {m} 个附件的文件不在本机，未放入交换包。", "{m} attachment file(s) are not on this computer and were "
                   "left out.", m=summary.missing_blobs))
    return 0


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    summary = package.import_package(ctx.bank(), ctx.actor, Path(args.file).expanduser(), progress=_progress)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.json:
        ctx.print_json(summary.as_json())
    ctx.info(t("已导入来自站点“{n}”的交换包：序号 {a}–{b}，{r} 条记录，{k} 个附件。",
               "Imported the package from site '{n}': sequence {a}–{b}, {r} records, {k} attachments.",
               n=summary.peer.name, a=summary.since, b=summary.until, r=summary.records, k=summary.blobs))
    report = summary.applied
    if getattr(report, "conflicts", 0):
        ctx.info(t("有 {n} 处冲突需要处理：运行 `ideabank conflicts`。", "{n} conflict(s) to settle: run `ideabank "
                   "conflicts`.", n=report.conflicts))
    for line in getattr(report, "problems", [])[:50]:
        ctx.info(f"  - {line}")
    return 0


def run_log(args: argparse.Namespace, ctx: Context) -> int:
    rows = package.history(ctx.bank())
    if args.json:
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.info(t("还没有交换包。", "No packages yet."))
        return 0
    print(render([t("时间", "When"), t("方向", "Direction"), t("站点", "Site"), t("序号", "Sequence"),
                  t("记录", "Records"), t("附件", "Files")],
                 [[r["at"], t("导入", "in") if r["direction"] == "in" else t("导出", "out"), r["site_name"] or r["site_id"][:8],
                   f"{r['since']}–{r['until']}", r["records"], r["blobs"]] for r in rows]))
    return 0
