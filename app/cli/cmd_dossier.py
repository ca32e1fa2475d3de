"""`ideabank dossier`, `ideabank report`, `ideabank verify`: achievement dossiers (成果档案) as PDF.

    ideabank dossier CX-2025-ABCD-000001 -o dossier.pdf [--template company_archive]
    ideabank dossier --batch --studio NAME --status adopted --year 2025 -o DIR [--combined -o FILE.pdf]
    ideabank report --studio NAME --year 2025 -o report.pdf
    ideabank verify dossier.pdf        # exit 0: matches the database; 10: it does not (says what changed)
"""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.cli.context import Context, Subparsers
from app.core.i18n import t

if TYPE_CHECKING:  # the dossier package loads reportlab and pypdf: only the commands that need it import it
    from app.dossier.verify import Verdict

VERIFY_MISMATCH = 10  # not an error: a clear "no" scripts can test for


def register(sub: Subparsers) -> None:
    from app.dossier.templates import DEFAULT_TEMPLATE, TEMPLATES

    templates = ", ".join(f"{k}（{v.label}）" for k, v in TEMPLATES.items())
    d = sub.add_parser("dossier", help=t("导出成果档案 PDF（单项或批量）", "export achievement dossiers as PDF"),
                       description=t("模板：{x}", "Templates: {x}", x=templates))
    d.add_argument("id", nargs="?", help=t("项目编号或标识（--batch 时不用）", "project number or id (not with --batch)"))
    d.add_argument("-o", "--output", required=True,
                   help=t("输出 PDF 文件；--batch 时为文件夹（加 --combined 则为一个 PDF 文件）",
                          "output PDF; with --batch a folder (or one PDF file with --combined)"))
    d.add_argument("--template", choices=list(TEMPLATES), default=DEFAULT_TEMPLATE,
                   help=t("档案模板（默认 {d}）", "dossier layout (default {d})", d=DEFAULT_TEMPLATE))
    d.add_argument("--batch", action="store_true", help=t("按条件批量导出", "export every project of a filter"))
    d.add_argument("--studio", help=t("工作室名称", "studio name"))
    d.add_argument("--status", action="append", default=[],
                   help=t("状态（代码或中文，可重复）", "status (code or label; repeatable)"))
    d.add_argument("--category", action="append", default=[],
                   help=t("类别（代码或中文，可重复）", "category (code or label; repeatable)"))
    d.add_argument("--year", type=int, help=t("项目创建年份", "year the projects were created"))
    d.add_argument("--combined", action="store_true", help=t("合并为一个 PDF", "one combined PDF"))
    d.set_defaults(handler=run_dossier)

    r = sub.add_parser("report", help=t("导出工作室年度创新报告 PDF", "export a studio's annual report as PDF"))
    r.add_argument("--studio", help=t("工作室名称（领衔人默认为本工作室）", "studio name (leaders: their own)"))
    r.add_argument("--year", type=int, help=t("年度（默认全部年度）", "year (default: all years)"))
    r.add_argument("-o", "--output", required=True, help=t("输出 PDF 文件", "output PDF file"))
    r.set_defaults(handler=run_report)

    v = sub.add_parser("verify", help=t("核验成果档案 PDF 是否与数据库一致", "check a dossier PDF against the database"))
    v.add_argument("file", help=t("成果档案 PDF 文件", "dossier PDF file"))
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=run_verify)


def run_dossier(args: argparse.Namespace, ctx: Context) -> int:
    from app.core.errors import ValidationError

    if args.batch:
        if args.id:
            raise ValidationError(t("--batch 按条件导出，不需要项目编号。", "--batch exports by filter; drop the project id."))
        return _run_batch(args, ctx)
    if not args.id:
        raise ValidationError(t("请给出项目编号，或用 --batch 按条件批量导出。",
                                "Give a project number, or use --batch to export by filter."))
    if args.studio or args.status or args.category or args.year or args.combined:
        raise ValidationError(t("--studio/--status/--category/--year/--combined 只用于 --batch。",
                                "--studio/--status/--category/--year/--combined only go with --batch."))
    from app.dossier.export import export_dossier, glyph_note

    result = export_dossier(ctx.bank(), ctx.actor, args.id, args.output, template=args.template)
    for name, reason in result.image_problems:
        ctx.info(t("注意：图片 {n} 未能放入档案（{r}）", "note: picture {n} left out ({r})", n=name, r=reason))
    for problem in result.glyph_problems:
        ctx.info(glyph_note(*problem))
    code = next(iter(result.codes.values()))
    ctx.info(t("已导出 {f}（{p} 页），校验码 {c}", "wrote {f} ({p} pages), verification code {c}",
               f=args.output, p=result.pages, c=code))
    return 0


def _run_batch(args: argparse.Namespace, ctx: Context) -> int:
    from app.dossier.export import BatchFilter, export_batch, glyph_note

    f = BatchFilter(studio=args.studio, statuses=tuple(args.status), categories=tuple(args.category),
                    year=args.year)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\r{t('成果档案', 'dossiers')} {done}/{total}", end="", file=sys.stderr, flush=True)

    result = export_batch(ctx.bank(), ctx.actor, f, args.output, combined=args.combined,
                          template=args.template, progress=progress)
    if tty:
        print(file=sys.stderr)
    for number, name, reason in result.image_problems:
        ctx.info(t("注意：{no} 的图片 {n} 未能放入档案（{r}）", "note: {no}: picture {n} left out ({r})",
                   no=number, n=name, r=reason))
    for problem in result.glyph_problems:
        ctx.info(glyph_note(*problem))
    rate = result.total / result.seconds if result.seconds else 0
    if args.combined:
        ctx.info(t("已导出 {n} 份成果档案到 {f}（{p} 页，{s:.1f} 秒）",
                   "wrote {n} dossiers to {f} ({p} pages, {s:.1f} s)",
                   n=result.total, f=args.output, p=result.pages, s=result.seconds))
    else:
        ctx.info(t("已导出 {n} 份成果档案到文件夹 {f}（{p} 页，{s:.1f} 秒，每秒 {r:.1f} 份）",
                   "wrote {n} dossiers into {f} ({p} pages, {s:.1f} s, {r:.1f}/s)",
                   n=len(result.files), f=args.output, p=result.pages, s=result.seconds, r=rate))
    return 0


def run_report(args: argparse.Namespace, ctx: Context) -> int:
    from app.dossier.report import annual_report

    pages = annual_report(ctx.bank(), ctx.actor, studio=args.studio, year=args.year, target=args.output)
    ctx.info(t("已导出年度报告 {f}（{p} 页）", "wrote the annual report {f} ({p} pages)", f=args.output, p=pages))
    return 0


def run_verify(args: argparse.Namespace, ctx: Context) -> int:
    from app.dossier.verify import read_dossiers, verify_pdf

    read_dossiers(args.file)  # a foreign or damaged file says so before the database is opened
    verdicts = verify_pdf(ctx.bank(create=False), args.file, viewer=ctx.actor)
    if args.json:
        ctx.print_json([{"project_id": v.project_id, "number": v.number, "matches": v.matches,
                         "stored_code": v.stored_code, "current_code": v.current_code, "changed": v.changed,
                         "deleted": v.deleted, "missing": v.missing, "hidden": v.hidden,
                         "printed_code_ok": v.printed_code_ok}
                        for v in verdicts])
    else:
        for v in verdicts:
            print(_verdict_line(v))
    return 0 if verdicts and all(v.matches for v in verdicts) else VERIFY_MISMATCH


def _verdict_line(v: Verdict) -> str:
    if v.hidden:
        return t("✗ {no}：这是秘密级项目，只有作者、其工作室领衔人和管理员可以核验。",
                 "✗ {no}: the project is secret: only its authors, its studio's leader and administrators "
                 "may verify it.", no=v.number)
    if v.deleted:
        return t("✗ {no}：该项目已从数据库中删除。", "✗ {no}: the project was deleted from the database.", no=v.number)
    if v.missing:
        return t("✗ {no}：本数据库中没有该项目（是否在其他站点导出？）。",
                 "✗ {no}: this database has no such project (exported at another site?).", no=v.number)
    if not v.printed_code_ok:
        return t("✗ {no}：页面上印的校验码与文件内记录的不符，文件可能被改动过。",
                 "✗ {no}: the code printed on the pages differs from the one recorded in the file; "
                 "the file may have been altered.", no=v.number)
    if v.matches:
        return t("✓ {no}：与数据库一致（校验码 {c}）。", "✓ {no}: matches the database (code {c}).",
                 no=v.number, c=v.stored_code[:16])
    if v.changed == ["format"]:
        return t("✗ {no}：档案由旧版本导出，无法逐项比对；请重新导出。",
                 "✗ {no}: exported by an older version and cannot be compared field by field; export it again.",
                 no=v.number)
    return t("✗ {no}：导出后已有改动：{f}。", "✗ {no}: changed since export: {f}.", no=v.number,
             f="、".join(v.changed_labels) if v.changed_labels else t("（未知字段）", "(unknown fields)"))
