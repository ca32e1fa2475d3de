"""The conflicts list: what synchronisation could not settle alone, for a person to decide.

Studio leaders see the conflicts of their studio's projects, admins all of them, and everyone the
changes of theirs the hub refused. Each shows both values, who made each and when. Resolving:

- `keep`: the value the bank holds stays (the conflict is closed);
- `take`: the other value replaces it, as an ordinary edit by the person resolving (so it is
  checked like one, and wins everywhere at the next sync, being the newest);
- an `edit_delete` conflict can also be settled with `delete`: the record goes after all.

Closing a conflict is itself a change that travels, so it closes on every site.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import NotFound, ValidationError
from app.core.fields import EDITABLE_FIELDS, field_name
from app.core.i18n import t
from app.core.permissions import allowed, can, denied, studio_subject
from app.core.queries import visible_to
from app.core.vocab import STATUSES, label
from db.models import Project, SyncConflict, User
from db.sequence import clock_time

KINDS = {
    "field": ("同一字段被两处修改", "Same field changed in two places"),
    "status": ("合并后状态不合规", "Status not legal after merging"),
    "edit_delete": ("修改与删除冲突", "Edited here, deleted there"),
    "orphan": ("上级记录已删除", "Its record was deleted"),
    "duplicate": ("编号或名称重复", "Number or name taken"),
    "rejected": ("被中心库拒绝的修改", "Change refused by the hub"),
}
ACTIONS = ("keep", "take", "delete")


@dataclass(frozen=True)
class ConflictView:
    id: str
    kind: str
    entity: str
    entity_id: str
    project_id: str | None
    project_number: str | None
    project_title: str | None
    field: str | None
    value: Any  # the value that lost (or was refused)
    value_by: str | None  # a person's name
    value_at: str | None  # ISO time
    current: Any  # the value the bank holds now
    current_by: str | None
    current_at: str | None
    reason: str
    status: str
    actions: tuple[str, ...]

    @property
    def kind_label(self) -> str:
        return t(*KINDS.get(self.kind, (self.kind, self.kind)))

    @property
    def field_label(self) -> str:
        return field_name(self.field) if self.field else ""

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "kind_label": self.kind_label, "entity": self.entity,
                "entity_id": self.entity_id, "project_id": self.project_id, "project_number": self.project_number,
                "project_title": self.project_title, "field": self.field, "field_label": self.field_label,
                "value": self.value, "value_by": self.value_by, "value_at": self.value_at, "current": self.current,
                "current_by": self.current_by, "current_at": self.current_at, "reason": self.reason,
                "status": self.status, "actions": list(self.actions)}


def shown_value(field: str | None, value: Any) -> Any:
    """A status code in words; other values as they are."""
    if field == "status" and isinstance(value, str):
        return label(STATUSES, value)
    return value


def _scope(actor: Actor) -> ColumnElement[bool] | None:
    """Which conflicts this person sees."""
    mine = SyncConflict.value_by == actor.id
    if actor.role == "admin":
        return None
    if actor.role == "leader" and actor.studio_id:
        return or_(mine, SyncConflict.studio_id == actor.studio_id)
    return mine


def _time(clock: str | None) -> str | None:
    when = clock_time(clock or "")
    return when.isoformat(timespec="seconds") if when else None


def _actions(actor: Actor, c: SyncConflict, project: Project | None) -> tuple[str, ...]:
    if c.status != "open" or not can(actor, "sync.resolve"):
        return ()
    if project is not None and not allowed(actor, "sync.resolve", studio_subject(project.studio_id)):
        return ()
    if c.kind == "field" and c.entity == "projects" and c.field in EDITABLE_FIELDS and project is not None:
        return ("keep", "take")
    if c.kind == "edit_delete" and c.entity == "projects" and project is not None:
        return ("keep", "delete")
    return ("keep",)


def list_conflicts(bank: Bank, actor: Actor, *, include_closed: bool = False) -> list[ConflictView]:
    stmt = select(SyncConflict).order_by(SyncConflict.created_at.desc(), SyncConflict.id)
    scope = _scope(actor)
    if scope is not None:
        stmt = stmt.where(scope)
    if not include_closed:
        stmt = stmt.where(SyncConflict.status == "open")
    with bank.session() as s:
        rows = list(s.scalars(stmt.limit(1000)))
        pids = {c.project_id for c in rows if c.project_id}
        pstmt = select(Project).where(Project.id.in_(pids))
        clause = visible_to(actor)
        if clause is not None:
            pstmt = pstmt.where(clause)
        projects = {p.id: p for p in s.scalars(pstmt)}
        people = {u.id: u.name for u in s.scalars(select(User).where(User.id.in_(
            {c.value_by for c in rows if c.value_by} | {c.winner_by for c in rows if c.winner_by})))}
        out = []
        for c in rows:
            project = projects.get(c.project_id) if c.project_id else None
            if c.project_id and project is None and c.kind != "edit_delete":
                continue  # a secret project this person may not see (or gone)
            current = getattr(project, c.field) if project is not None and c.field and hasattr(project, c.field) \
                else c.winner
            entry = (project.versions or {}).get(c.field) if project is not None and c.field else None
            current_by = people.get(entry[0]) if entry and entry[0] in people else None
            if current_by is None and entry and entry[0]:
                current_by = s.scalar(select(User.name).where(User.id == entry[0]))
            out.append(ConflictView(
                c.id, c.kind, c.entity, c.entity_id, c.project_id, project.number if project else None,
                project.title if project else None, c.field, shown_value(c.field, c.value), people.get(c.value_by or ""),
                _time(c.value_clock), shown_value(c.field, current), current_by,
                _time(entry[1] if entry else c.winner_clock), c.reason, c.status, _actions(actor, c, project)))
    return out


def count_open(bank: Bank, actor: Actor) -> int:
    return len(list_conflicts(bank, actor))


def resolve(bank: Bank, actor: Actor, conflict_id: str, action: str) -> Changes:
    """Settle one conflict (keep, take the other value, or delete the record)."""
    from app.core import projects as project_cases

    if action not in ACTIONS:
        raise ValidationError(t("处理方式应为：{a}", "The action must be one of: {a}", a=", ".join(ACTIONS)))
    found = {c.id: c for c in list_conflicts(bank, actor)}
    view = found.get(conflict_id)
    if view is None:
        raise NotFound(t("没有这个待处理的冲突（或你无权处理）。", "No such open conflict (or it is not yours to settle)."))
    if action not in view.actions:
        if not view.actions:
            raise denied(actor, "sync.resolve")
        raise ValidationError(t("这个冲突只能：{a}", "This conflict can only be settled with: {a}",
                                a=", ".join(view.actions)))
    changes = Changes()
    if action == "take":
        if view.project_id is None or view.field is None:  # _actions offers "take" only for a project's field
            raise ValidationError(t("这个冲突只能：{a}", "This conflict can only be settled with: {a}",
                                    a=", ".join(view.actions)))
        with bank.session() as s:
            conflict = s.get(SyncConflict, conflict_id)
            if conflict is None:
                raise NotFound(t("冲突记录已不存在。", "The conflict record is gone."))
            raw = conflict.value
        changes = project_cases.edit(bank, actor, view.project_id, {view.field: raw})
    elif action == "delete":
        changes = project_cases.delete_project(bank, actor, view.entity_id)
    with bank.write() as s:
        row = s.get(SyncConflict, conflict_id)
        if row is None:
            raise NotFound(t("冲突记录已不存在。", "The conflict record is gone."))
        s.info["actor_id"] = actor.id
        row.status, row.resolved_by, row.resolved_at = "resolved", actor.id, bank.now()
        row.resolution = {"keep": "kept", "take": "took_value", "delete": "deleted"}[action]
        row.updated_at = bank.now()
    return changes


__all__ = ["list_conflicts", "resolve", "count_open", "ConflictView", "KINDS"]
