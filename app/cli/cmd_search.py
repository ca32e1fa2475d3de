"""`ideabank search QUERY`, `ideabank similar ID`, `ideabank reindex`."""
from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core.i18n import t

if TYPE_CHECKING:  # whoosh loads with the search service: only the commands that search import it
    from app.search.service import SearchPage, SearchService


def register(sub: Subparsers) -> None:
    s = sub.add_parser("search", help=t("全文搜索项目", "full-text search of projects"),
                       description=t(
                           "词语默认同时满足；\"短语\"；-排除；分类:/category: 状态:/status: 工作室:/studio: "
                           "年份:/year: 标签:/tag: 人员:/person:；前缀*；姓名拼音或首字母（zhangsan、zs）。",
                           "Words must all match; \"phrases\"; -exclude; category:/分类: status:/状态: studio:/工作室: "
                           "year:/年份: tag:/标签: person:/人员:; prefix*; names by pinyin or initials (zhangsan, zs)."))
    s.add_argument("query", nargs="+", help=t("搜索内容", "what to search for"))
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--offset", type=int, default=0)
    s.add_argument("--facets", action="store_true", help=t("同时列出分类、状态、工作室、年份的计数",
                                                          "also count hits by category, status, studio, year"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run_search)

    sim = sub.add_parser("similar", help=t("列出与某项目相似的项目", "list projects similar to one"))
    sim.add_argument("id", help=t("项目 id 或编号", "project id or number"))
    sim.add_argument("--limit", type=int, default=10)
    sim.add_argument("--json", action="store_true")
    sim.set_defaults(handler=run_similar)

    r = sub.add_parser("reindex", help=t("从数据库重建搜索索引", "rebuild the search index from the database"))
    r.set_defaults(handler=run_reindex)


def _service(ctx: Context) -> SearchService:
    from app.search.service import SearchService

    return SearchService(ctx.bank())


def _print_rows(page: SearchPage) -> None:
    from app.core.vocab import CATEGORIES, STATUSES, label

    rows = [(r.number, r.title, label(CATEGORIES, r.category) if r.category else "",
             label(STATUSES, r.status) if r.status else "", f"{r.score:.2f}", r.snippet.marked("【", "】"))
            for r in page.rows]
    print(render([t("编号", "Number"), t("标题", "Title"), t("分类", "Category"), t("状态", "Status"),
                  t("得分", "Score"), t("摘要", "Snippet")], rows, limits=[22, 30, 10, 8, 6, 60]))


def _show(ctx: Context, args: argparse.Namespace, page: SearchPage, nothing: str) -> bool:
    """Print the page as JSON or as a table; True when a table of rows was printed."""
    if args.json:
        ctx.print_json(page.as_dict())
        return False
    if not page.rows:
        ctx.info(nothing)
        return False
    _print_rows(page)
    return True


def run_search(args: argparse.Namespace, ctx: Context) -> int:
    service = _service(ctx)
    try:
        page = service.search(" ".join(args.query), limit=max(1, args.limit), offset=max(0, args.offset),
                              facets=args.facets, viewer=ctx.actor)
    finally:
        service.close()
    if not _show(ctx, args, page, t("没有找到匹配的项目。", "No matching projects.")):
        return 0
    ctx.info(t("共 {n} 个结果", "{n} results in all", n=page.total))
    if args.facets:
        for name, counts in page.facets.items():
            ctx.info(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def run_similar(args: argparse.Namespace, ctx: Context) -> int:
    from app.core.queries import project_by_ref

    project = project_by_ref(ctx.bank(), args.id, ctx.actor)
    service = _service(ctx)
    try:
        page = service.similar(project_id=project["id"], limit=max(1, args.limit), viewer=ctx.actor)
    finally:
        service.close()
    _show(ctx, args, page, t("没有相似的项目。", "No similar projects."))
    return 0


def run_reindex(args: argparse.Namespace, ctx: Context) -> int:
    service = _service(ctx)
    started = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if not total:  # every project handed over: the index is being written
            print(f"\r{t('重建索引', 'reindexing')}: {done} {t('（正在写入索引…）', '(writing the index…)')}",
                  end="", file=sys.stderr, flush=True)
            return
        now = time.monotonic()
        if now - last[0] >= 0.5 or (total and done >= total):
            last[0] = now
            pct = f" {done * 100 // total}%" if total else ""
            print(f"\r{t('重建索引', 'reindexing')}: {done}/{total or '?'}{pct}", end="", file=sys.stderr, flush=True)

    try:
        count = service.reindex(progress=progress)
    finally:
        service.close()
    print(file=sys.stderr)
    ctx.info(t("已为 {n} 个项目重建索引，用时 {s:.1f} 秒。", "Reindexed {n} projects in {s:.1f} s.",
               n=count, s=time.monotonic() - started))
    return 0
