"""`ideabank project add|list|show|edit|move|review|comment|vote|merge|unmerge|delete`."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.cli.context import Context, Subparsers
from app.cli.table import render
from app.core import discussion, projects, reviews
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.lifecycle import TRANSITIONS
from app.core.permissions import use_case_name
from app.core.queries import ProjectFilter, count, page, project_by_ref, project_permissions
from app.core.vocab import CATEGORIES, RUBRIC, STATUSES, label, parse_category, parse_status
from db.models import Studio

TEXT_OPTIONS = ("title", "category", "background", "solution", "implementation", "indicators", "promotion",
                "benefit_basis", "social_benefit", "confidentiality", "studio")
NUMBER_OPTIONS = ("expected_benefit", "measured_benefit", "investment")


def register(sub: Subparsers) -> None:
    p = sub.add_parser("project", help=t("创新项目", "innovation projects"))
    ps = p.add_subparsers(dest="project_command", metavar="ACTION")
    ps.required = True

    add = ps.add_parser("add", help=t("提出新项目（草稿）", "propose a project (a draft)"))
    _field_options(add)
    add.add_argument("--from-json", metavar="FILE", help=t("从 JSON 文件读取字段", "read the fields from a JSON file"))
    add.add_argument("--submit", action="store_true", help=t("直接提交评审", "submit it for review at once"))
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)

    edit = ps.add_parser("edit", help=t("修改项目", "edit a project"))
    edit.add_argument("id")
    _field_options(edit)
    edit.set_defaults(handler=run_edit)

    ls = ps.add_parser("list", help=t("列出项目", "list projects"))
    ls.add_argument("--status", action="append", default=[], help=t("状态（可重复）", "status (repeatable)"))
    ls.add_argument("--category", action="append", default=[])
    ls.add_argument("--studio", help=t("工作室名称", "studio name"))
    ls.add_argument("--year", type=int)
    ls.add_argument("--sort", default="updated")
    ls.add_argument("--asc", action="store_true")
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--offset", type=int, default=0)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)

    show = ps.add_parser("show", help=t("查看项目", "show a project"))
    show.add_argument("id", help=t("项目 id 或编号", "project id or number"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    mv = ps.add_parser("move", help=t("推进项目状态", "take a lifecycle action"))
    mv.add_argument("id")
    mv.add_argument("action", choices=list(TRANSITIONS))
    mv.add_argument("--reason", default="")
    mv.set_defaults(handler=run_move)

    rv = ps.add_parser("review", help=t("评审项目", "review a project"))
    rv.add_argument("id")
    rv.add_argument("--score", action="append", default=[], metavar="CRITERION=N",
                    help=", ".join(RUBRIC) + t("；0–10 分", "; 0–10"))
    rv.add_argument("--decision", choices=["adopt", "not_adopt"])
    rv.add_argument("--reason", default="")
    rv.add_argument("--note", default="", help=t("评审人私人备注", "private reviewer note"))
    rv.set_defaults(handler=run_review)

    cm = ps.add_parser("comment", help=t("评论项目", "comment on a project"))
    cm.add_argument("id")
    cm.add_argument("body")
    cm.add_argument("--reply-to", metavar="COMMENT_ID")
    cm.set_defaults(handler=run_comment)

    vt = ps.add_parser("vote", help=t("为项目投票", "vote for a project"))
    vt.add_argument("id")
    vt.set_defaults(handler=run_vote)

    mg = ps.add_parser("merge", help=t("把重复项目合并到保留项目", "merge a duplicate into a survivor"))
    mg.add_argument("survivor")
    mg.add_argument("duplicate")
    mg.set_defaults(handler=run_merge)
    um = ps.add_parser("unmerge", help=t("撤销合并：重复项目恢复为独立项目（工作室领衔人、管理员）",
                                         "undo a merge: the duplicate stands on its own again (leaders, admins)"))
    um.add_argument("duplicate")
    um.set_defaults(handler=run_unmerge)

    rm = ps.add_parser("delete", help=t("删除项目", "delete a project"))
    rm.add_argument("id")
    rm.set_defaults(handler=run_delete)


def _field_options(p: argparse.ArgumentParser) -> None:
    for name in TEXT_OPTIONS + NUMBER_OPTIONS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name)
    p.add_argument("--point", dest="innovation_points", action="append",
                   help=t("创新点（可重复，最多 3 条）", "an innovation point (repeatable, at most 3)"))
    p.add_argument("--tag", dest="tags", action="append", help=t("标签（可重复）", "a tag (repeatable)"))
    p.add_argument("--co-author", dest="co_authors", action="append",
                   help=t("合作者工号，按贡献排序（可重复）", "co-author employee number, in contribution order"))


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    keys = TEXT_OPTIONS + NUMBER_OPTIONS + ("innovation_points", "tags", "co_authors")
    return {k: getattr(args, k) for k in keys if getattr(args, k, None) is not None}


def read_json_object(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ValidationError(t("找不到文件 {p}。", "File not found: {p}", p=path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(t("无法读取 JSON 文件 {p}：{e}", "Cannot read the JSON file {p}: {e}", p=path, e=exc)) from None
    if not isinstance(data, dict):
        raise ValidationError(t("{p} 应包含一个 JSON 对象。", "{p} must hold one JSON object.", p=path))
    return data


def _resolve(bank: Bank, ref: str) -> str:
    project_id: str = project_by_ref(bank, ref)["id"]  # the use case itself checks who may act on it
    return project_id


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    data = read_json_object(args.from_json) if args.from_json else {}
    data.update(_fields(args))
    ch = projects.propose(ctx.bank(), ctx.actor, data, submit=args.submit)
    if args.json:
        ctx.print_json(project_by_ref(ctx.bank(), ch.value))
    else:
        print(ch.value)
    return 0


def run_edit(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    ch = projects.edit(bank, ctx.actor, _resolve(bank, args.id), _fields(args))
    ctx.info(t("已修改：{f}", "Changed: {f}", f=", ".join(sorted(ch.fields)) or t("无", "nothing")))
    return 0


def _filter(args: argparse.Namespace, bank: Bank, ctx_actor: Actor) -> ProjectFilter:
    studio_id = None
    if args.studio:
        with bank.session() as s:
            studio_id = s.scalar(select(Studio.id).where(Studio.name == args.studio))
        if studio_id is None:
            raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=args.studio))
    if args.limit < 1 or args.offset < 0:
        raise ValidationError(t("--limit 至少为 1，--offset 不能为负。", "--limit must be at least 1 and --offset not negative."))
    return ProjectFilter(statuses=tuple(parse_status(x) for x in args.status),
                         categories=tuple(parse_category(x) for x in args.category), studio_id=studio_id,
                         year=args.year, viewer=ctx_actor)


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    f = _filter(args, bank, ctx.actor)
    rows = page(bank, f, sort=args.sort, descending=not args.asc, limit=args.limit, offset=args.offset)
    if args.json:
        ctx.print_json({"total": count(bank, f), "offset": args.offset, "projects": [r.as_json() for r in rows]})
        return 0
    print(render([t("编号", "Number"), t("标题", "Title"), t("分类", "Category"), t("状态", "Status"),
                  t("工作室", "Studio"), t("提出人", "Proposer"), t("票", "Votes")],
                 [(r.number, r.title, label(CATEGORIES, r.category), label(STATUSES, r.status), r.studio,
                   r.proposer, r.vote_count) for r in rows], limits=[22, 40, 10, 8, 24, 10, 5]))
    ctx.info(t("共 {n} 个项目，显示第 {a}–{b} 个。", "{n} projects; showing {a}–{b}.", n=count(bank, f),
               a=args.offset + 1 if rows else 0, b=args.offset + len(rows)))
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    data = project_by_ref(ctx.bank(), args.id, ctx.actor)
    may = project_permissions(ctx.bank(), ctx.actor, data["id"])  # the same answer the window shows
    data["may"] = may.allowed_names()
    if args.json:
        ctx.print_json(data)
        return 0
    lines = [f"{data['number']}  {data['title']}",
             f"{t('分类', 'Category')}: {data['category_label']}    {t('状态', 'Status')}: {data['status_label']}",
             f"{t('工作室', 'Studio')}: {data['studio'] or '-'}    {t('提出人', 'Proposer')}: {data['proposer_name'] or '-'}",
             "", f"[{t('背景', 'Background')}]", data["background"], "", f"[{t('解决方案', 'Solution')}]", data["solution"],
             "", f"[{t('创新点', 'Innovation points')}]"]
    lines += [f"{i}. {p}" for i, p in enumerate(data["innovation_points"], 1)]
    if data["tags"]:
        lines += ["", f"{t('标签', 'Tags')}: {'、'.join(data['tags'])}"]
    lines += ["", f"{t('你可以', 'You may')}: {'、'.join(use_case_name('project.' + a) for a in data['may']) or '-'}"]
    print("\n".join(lines))
    return 0


def run_move(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    ch = projects.move(bank, ctx.actor, _resolve(bank, args.id), args.action, args.reason)
    ctx.info(t("项目状态：{s}", "Project status: {s}", s=label(STATUSES, ch.value)))
    return 0


def run_review(args: argparse.Namespace, ctx: Context) -> int:
    scores = {}
    for item in args.score:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValidationError(t("评分写作 项目=分数，例如 creativity=8。", "Write scores as CRITERION=N, e.g. creativity=8."))
        scores[key.strip()] = value.strip()
    bank = ctx.bank()
    reviews.review(bank, ctx.actor, _resolve(bank, args.id), scores=scores, decision=args.decision,
                   reason=args.reason, private_note=args.note)
    ctx.info(t("评审已记录。", "Review recorded."))
    return 0


def run_comment(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    print(discussion.comment(bank, ctx.actor, _resolve(bank, args.id), args.body, parent_id=args.reply_to).value)
    return 0


def run_vote(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    ch = discussion.vote(bank, ctx.actor, _resolve(bank, args.id))
    ctx.info(t("已投票，共 {n} 票。", "Voted; {n} votes in all.", n=ch.value))
    return 0


def run_merge(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    projects.merge(bank, ctx.actor, _resolve(bank, args.survivor), _resolve(bank, args.duplicate))
    ctx.info(t("已合并。", "Merged."))
    return 0


def run_unmerge(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    projects.undo_merge(bank, ctx.actor, _resolve(bank, args.duplicate))
    ctx.info(t("已撤销合并。", "The merge was undone."))
    return 0


def run_delete(args: argparse.Namespace, ctx: Context) -> int:
    bank = ctx.bank()
    projects.delete_project(bank, ctx.actor, _resolve(bank, args.id))
    ctx.info(t("已删除。", "Deleted."))
    return 0


__all__ = ["register", "read_json_object"]
