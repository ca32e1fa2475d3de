"""Read side: the project list (ids, then rows lazily, as the table needs them), details, JSON.

The list is built for 100,000 projects: `list_ids` returns ids only in display order, `rows` fetches
the visible rows by id, and `page` is one indexed query with LIMIT/OFFSET for the CLI.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import ValidationError
from app.core.history import describe, ids_in
from app.core.i18n import t
from app.core.permissions import Verdicts, draft_denied, for_project, may_see, secret_denied
from app.core.projects import load
from app.core.vocab import CATEGORIES, STATUSES, label
from db.models import Attachment, AuditLog, Comment, Project, Studio, Unit, User, Vote

SORTS = {
    "updated": Project.updated_at, "created": Project.created_at, "title": Project.title,
    "number": Project.number, "votes": Project.vote_count, "comments": Project.comment_count,
    "status": Project.status, "category": Project.category, "benefit": Project.measured_benefit,
    "expected_benefit": Project.expected_benefit,
}


@dataclass(frozen=True)
class ProjectFilter:
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    studio_id: str | None = None
    unit_id: str | None = None  # the proposer's unit and every unit below it
    year: int | None = None
    created_from: dt.datetime | None = None  # created at or after this instant
    created_before: dt.datetime | None = None  # created before this instant
    has_measured_benefit: bool | None = None
    proposer_id: str | None = None
    member_id: str | None = None  # proposer or co-author
    include_merged: bool = False
    ids: tuple[str, ...] | None = None  # e.g. search results
    viewer: Actor | None = None  # leaves out secret projects this person may not see


@dataclass(frozen=True)
class ProjectRow:
    id: str
    number: str
    title: str
    category: str
    status: str
    studio: str | None
    proposer: str | None
    unit: str | None
    vote_count: int
    comment_count: int
    expected_benefit: float | None
    measured_benefit: float | None
    created_at: dt.datetime
    updated_at: dt.datetime
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "title": self.title, "category": self.category,
                "status": self.status, "studio": self.studio, "proposer_name": self.proposer, "unit": self.unit,
                "vote_count": self.vote_count, "comment_count": self.comment_count,
                "expected_benefit": self.expected_benefit, "measured_benefit": self.measured_benefit,
                "created_at": self.created_at.isoformat(), "updated_at": self.updated_at.isoformat()}


_Row = TypeVarTuple("_Row")  # the columns of a statement the filters and sorting leave as they are


def _unit_and_below(s: Session, unit_id: str) -> list[str]:
    pairs = s.execute(select(Unit.id, Unit.parent_id)).all()
    children: dict[str | None, list[str]] = {}
    for uid, parent in pairs:
        children.setdefault(parent, []).append(uid)
    found, todo = [], [unit_id]
    while todo:
        uid = todo.pop()
        found.append(uid)
        todo.extend(children.get(uid, []))
    return found


def _where(s: Session, stmt: Select[*_Row], f: ProjectFilter) -> Select[*_Row]:
    if f.statuses:
        stmt = stmt.where(Project.status.in_(f.statuses))
    if f.categories:
        stmt = stmt.where(Project.category.in_(f.categories))
    if f.studio_id:
        stmt = stmt.where(Project.studio_id == f.studio_id)
    if f.year:
        start = dt.datetime(f.year, 1, 1, tzinfo=dt.timezone.utc)
        stmt = stmt.where(Project.created_at >= start, Project.created_at < start.replace(year=f.year + 1))
    if f.created_from is not None:
        stmt = stmt.where(Project.created_at >= f.created_from)
    if f.created_before is not None:
        stmt = stmt.where(Project.created_at < f.created_before)
    if f.has_measured_benefit is True:
        stmt = stmt.where(Project.measured_benefit.is_not(None), Project.measured_benefit > 0)
    elif f.has_measured_benefit is False:
        stmt = stmt.where((Project.measured_benefit.is_(None)) | (Project.measured_benefit == 0))
    if f.proposer_id:
        stmt = stmt.where(Project.proposer_id == f.proposer_id)
    if f.member_id:
        from db.models import ProjectMember
        stmt = stmt.where((Project.proposer_id == f.member_id) | Project.id.in_(
            select(ProjectMember.project_id).where(ProjectMember.user_id == f.member_id)))
    if f.unit_id:
        units = _unit_and_below(s, f.unit_id)
        stmt = stmt.where(Project.proposer_id.in_(select(User.id).where(User.unit_id.in_(units))))
    if not f.include_merged:
        stmt = stmt.where(Project.merged_into_id.is_(None))
    if f.ids is not None:
        stmt = stmt.where(Project.id.in_(f.ids))
    if f.viewer is not None:
        stmt = stmt.where(visible_to(f.viewer))
    return stmt


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """The SQL form of permissions.may_see: other people's drafts never, secret projects only for
    their authors, their studio's leader and admins."""
    from db.models import ProjectMember
    owner = or_(Project.proposer_id == actor.id,
                Project.id.in_(select(ProjectMember.project_id).where(ProjectMember.user_id == actor.id)))
    if actor.role == "admin":
        return or_(Project.status != "draft", owner)
    shown = Project.confidentiality != "secret"
    if actor.role == "leader" and actor.studio_id:
        shown = or_(shown, Project.studio_id == actor.studio_id)
    return or_(owner, and_(Project.status != "draft", shown))


def check_visible(actor: Actor, p: Project) -> None:
    if not may_see(actor, confidentiality=p.confidentiality, studio_id=p.studio_id, proposer_id=p.proposer_id,
                   member_ids={m.user_id for m in p.members}, status=p.status):
        raise draft_denied(actor) if p.status == "draft" else secret_denied(actor)


def _order(stmt: Select[*_Row], sort: str, descending: bool) -> Select[*_Row]:
    column = SORTS.get(sort)
    if column is None:
        raise ValidationError(t("不能按“{s}”排序。可选：{c}", "Cannot sort by '{s}'. Choose one of: {c}",
                                s=sort, c=", ".join(SORTS)))
    # id breaks ties, so paging is stable when many rows share a value.
    return stmt.order_by(column.desc(), Project.id.desc()) if descending else stmt.order_by(column, Project.id)


def list_ids(bank: Bank, f: ProjectFilter = ProjectFilter(), sort: str = "updated", descending: bool = True) -> list[str]:
    with bank.session() as s:
        return list(s.scalars(_order(_where(s, select(Project.id), f), sort, descending)))


def count(bank: Bank, f: ProjectFilter = ProjectFilter()) -> int:
    with bank.session() as s:
        return s.scalar(_where(s, select(func.count()).select_from(Project), f)) or 0


def _row_select() -> Select[*tuple[Any, ...]]:
    proposer = aliased(User)
    unit = aliased(Unit)
    return (select(Project.id, Project.number, Project.title, Project.category, Project.status, Studio.name,
                   proposer.name, unit.name, Project.vote_count, Project.comment_count, Project.expected_benefit,
                   Project.measured_benefit, Project.created_at, Project.updated_at)
            .select_from(Project)
            .outerjoin(Studio, Studio.id == Project.studio_id)
            .outerjoin(proposer, proposer.id == Project.proposer_id)
            .outerjoin(unit, unit.id == proposer.unit_id))


def page(bank: Bank, f: ProjectFilter = ProjectFilter(), *, sort: str = "updated", descending: bool = True,
         limit: int = 50, offset: int = 0) -> list[ProjectRow]:
    """One page of rows: a single indexed query (the CLI's list, and the benchmark's)."""
    with bank.session() as s:
        stmt = _order(_where(s, _row_select(), f), sort, descending).limit(limit).offset(offset)
        return [ProjectRow(*r) for r in s.execute(stmt)]


def rows(bank: Bank, ids: list[str]) -> dict[str, ProjectRow]:
    """Rows for these ids (the table's lazy cache asks for the rows it is about to show)."""
    out: dict[str, ProjectRow] = {}
    with bank.session() as s:
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            chunk = ids[start:start + 500]
            for r in s.execute(_row_select().where(Project.id.in_(chunk))):
                out[r[0]] = ProjectRow(*r)
    return out


def project_json(p: Project) -> dict[str, Any]:
    """The stable JSON form of a project (documented in docs/CLI.md); import reads the same keys."""
    return {
        "id": p.id, "number": p.number, "title": p.title, "category": p.category,
        "category_label": label(CATEGORIES, p.category), "status": p.status, "status_label": label(STATUSES, p.status),
        "background": p.background, "solution": p.solution, "innovation_points": list(p.innovation_points or []),
        "implementation": p.implementation, "indicators": p.indicators, "promotion": p.promotion,
        "expected_benefit": p.expected_benefit, "measured_benefit": p.measured_benefit,
        "benefit_basis": p.benefit_basis, "investment": p.investment, "social_benefit": p.social_benefit,
        "tags": list(p.tags or []), "patents": list(p.patents or []), "awards": list(p.awards or []),
        "confidentiality": p.confidentiality,
        "studio": p.studio.name if p.studio else None,
        "proposer": p.proposer.employee_no if p.proposer else None,
        "proposer_name": p.proposer.name if p.proposer else None,
        "co_authors": [m.user.employee_no for m in p.members if m.user_id != p.proposer_id],
        "vote_count": p.vote_count, "comment_count": p.comment_count, "merged_into": p.merged_into_id,
        "kiosk": p.kiosk,
        "created_at": p.created_at.isoformat(), "updated_at": p.updated_at.isoformat(),
        "submitted_at": p.submitted_at.isoformat() if p.submitted_at else None,
        "decided_at": p.decided_at.isoformat() if p.decided_at else None,
    }


def project_detail(bank: Bank, actor: Actor, project_id: str) -> dict[str, Any]:
    """Everything the detail pane shows: fields, people, comments (threaded), votes, reviews,
    attachments, the audit history, and what this actor may do with it (permissions.Verdicts)."""
    from app.core.reviews import reviews_of
    with bank.session() as s:
        p = s.scalar(select(Project).where(Project.id == project_id).options(
            selectinload(Project.members), selectinload(Project.studio), selectinload(Project.proposer)))
        if p is None:
            p = load(s, project_id)  # raises NotFound with the usual message
        check_visible(actor, p)
        data = project_json(p)
        data["members"] = [{"employee_no": m.user.employee_no, "name": m.user.name, "position": m.position,
                            "role": m.role, "unit": m.user.unit.name if m.user.unit else None,
                            "skill_grade": m.user.skill_grade} for m in p.members]
        comments = s.scalars(select(Comment).where(Comment.project_id == project_id)
                             .order_by(Comment.created_at)).all()
        data["comments"] = [{"id": c.id, "parent_id": c.parent_id, "author": c.author.name if c.author else None,
                             "author_no": c.author.employee_no if c.author else None, "body": c.body,
                             "at": c.created_at.isoformat()} for c in comments]
        data["voted"] = s.scalar(select(Vote.id).where(Vote.project_id == project_id,
                                                       Vote.user_id == actor.id)) is not None
        data["attachments"] = [{"id": a.id, "name": a.original_name, "mime": a.mime, "size": a.size,
                                "kind": a.kind, "sha256": a.sha256}
                               for a in s.scalars(select(Attachment).where(Attachment.project_id == project_id)
                                                  .order_by(Attachment.created_at))]
        history = s.execute(select(AuditLog, User.name).outerjoin(User, User.id == AuditLog.actor_id)
                            .where(AuditLog.entity_id == project_id).order_by(AuditLog.at)).all()
        data["history"] = history_rows(s, [(a, name) for a, name in history], "project")
        data["may"] = for_project(actor, p)  # what this person may do with it, and why not
    data["reviews"] = reviews_of(bank, actor, project_id)
    return data


def project_by_ref(bank: Bank, ref: str, actor: Actor | None = None) -> dict[str, Any]:
    """A project by id or number, as JSON; with an actor, a secret project they may not see is refused."""
    with bank.session() as s:
        p = s.scalar(select(Project).where((Project.id == ref) | (Project.number == ref)).options(
            selectinload(Project.members), selectinload(Project.studio), selectinload(Project.proposer)))
        if p is None:
            p = load(s, ref)  # raises NotFound with the usual message
        if actor is not None:
            check_visible(actor, p)
        return project_json(p)


def history_rows(s: Session, entries: list[tuple[AuditLog, str | None]], entity: str) -> list[dict[str, Any]]:
    """Audit entries with the words a person reads (`what`, `change`) beside the stored codes."""
    wanted = ids_in([v for a, _ in entries if a.field in ("members", "studio_id") for v in (a.old_value, a.new_value)])
    names: dict[str, str] = {}
    if wanted:
        for model in (User, Studio):
            names.update({key: name for key, name in s.execute(select(model.id, model.name).where(model.id.in_(wanted)))})
    out = []
    for a, who in entries:
        what, change = describe(a.action, a.field, a.old_value, a.new_value, entity=entity, names=names)
        out.append({"at": a.at.isoformat(), "who": who, "action": a.action, "field": a.field, "old": a.old_value,
                    "new": a.new_value, "what": what, "change": change})
    return out


def project_permissions(bank: Bank, actor: Actor, project_id: str) -> Verdicts:
    """What this person may do with this project, without the rest of the detail."""
    with bank.session() as s:
        p = s.scalar(select(Project).where((Project.id == project_id) | (Project.number == project_id))
                     .options(selectinload(Project.members)))
        if p is None:
            p = load(s, project_id)  # raises NotFound with the usual message
        check_visible(actor, p)
        return for_project(actor, p)


def awaiting_review(bank: Bank, actor: Actor) -> ProjectFilter:
    """The filter behind a leader's 待我评审 queue."""
    return ProjectFilter(statuses=("submitted", "under_review"),
                         studio_id=actor.studio_id if actor.role == "leader" else None, viewer=actor)


__all__ = ["ProjectFilter", "ProjectRow", "list_ids", "count", "page", "rows", "project_json", "project_detail",
           "project_by_ref", "project_permissions", "awaiting_review"]
