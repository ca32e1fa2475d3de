"""Warnings (预警): items flagged before they fail, computed from the bank's (injectable) clock.

- a milestone of an accepted or running incubation request past its due date;
- a request left unanswered: an incubation request submitted and not decided, or an application
  to an open call not answered, for more than N days;
- a project stuck in one active stage for longer than N days.

N comes from the studio's settings (`Studio.settings["warnings"]`), then the site's (`Setting`
"warnings"), then DEFAULTS. `stuck_days` may be one number or a number per project status.
Nothing is stored: warnings are recomputed on demand, so they can never go stale.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.incubation import MILESTONE_OPEN
from app.core.permissions import allowed, check, studio_subject, warning_subject
from app.core.vocab import STATUSES, Labels, label
from db.models import CallApplication, IncubationRequest, Milestone, OpenCall, Project, ProjectMember, Setting, Studio

DEFAULTS: dict[str, Any] = {"unanswered_days": 7, "stuck_days": 30, "milestone_grace_days": 0}
# Stages where a project waits on someone; drafts, final and rejected states are not "stuck".
ACTIVE_STAGES = ("submitted", "under_review", "adopted", "in_progress", "incubating")

# What each board needs; compute(kinds=...) skips the queries of the others.
INCUBATION_KINDS = ("milestone_overdue", "request_unanswered")
CALL_KINDS = ("application_unanswered",)

KINDS: Labels = {
    "milestone_overdue": ("里程碑逾期", "Milestone overdue"),
    "request_unanswered": ("委托未答复", "Request unanswered"),
    "application_unanswered": ("揭榜未答复", "Application unanswered"),
    "project_stuck": ("项目停滞", "Project stuck"),
}


@dataclass(frozen=True)
class EarlyWarning:
    kind: str
    entity: str        # project | incubation | call
    entity_id: str     # the record the warning is shown on
    title: str
    since: dt.datetime  # when the clock started (due date, submission, last status change)
    days: int          # how long it has been (overdue by, waiting for, stuck for)
    threshold: int
    studio_id: str | None
    project_id: str | None = None
    people: frozenset[str] = field(default_factory=frozenset)  # user ids concerned
    detail: str = ""

    @property
    def message(self) -> str:
        if self.kind == "milestone_overdue":
            return t("“{t}”的里程碑“{d}”已逾期 {n} 天。", "'{t}': milestone '{d}' is {n} days overdue.",
                     t=self.title, d=self.detail, n=self.days)
        if self.kind == "request_unanswered":
            return t("孵化委托“{t}”提交 {n} 天仍未受理（预警阈值 {k} 天）。",
                     "Incubation request '{t}' has waited {n} days for an answer (threshold {k}).",
                     t=self.title, n=self.days, k=self.threshold)
        if self.kind == "application_unanswered":
            return t("揭榜“{t}”中 {d} 的申请 {n} 天未答复。", "In the call '{t}', {d}'s application has waited {n} days.",
                     t=self.title, d=self.detail, n=self.days)
        return t("项目“{t}”停留在“{s}”已 {n} 天（预警阈值 {k} 天）。", "Project '{t}' has been '{s}' for {n} days (threshold {k}).",
                 t=self.title, s=label(STATUSES, self.detail), n=self.days, k=self.threshold)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "kind_label": label(KINDS, self.kind), "entity": self.entity,
                "entity_id": self.entity_id, "project_id": self.project_id, "title": self.title,
                "since": self.since.isoformat(), "days": self.days, "threshold": self.threshold,
                "studio_id": self.studio_id, "detail": self.detail, "message": self.message}


# -- thresholds ------------------------------------------------------------------------------------
def _merge(base: dict[str, Any], over: Any) -> dict[str, Any]:
    out = dict(base)
    if isinstance(over, dict):
        out.update({k: v for k, v in over.items() if k in DEFAULTS and v is not None})
    return out


class Thresholds:
    """Per-studio thresholds, read once per computation."""

    def __init__(self, s: Session) -> None:
        row = s.get(Setting, "warnings")
        self.site = _merge(DEFAULTS, row.value if row else None)
        self.studios = {sid: _merge(self.site, (settings or {}).get("warnings"))
                        for sid, settings in s.execute(select(Studio.id, Studio.settings))}

    def of(self, studio_id: str | None) -> dict[str, Any]:
        return self.studios.get(studio_id, self.site) if studio_id else self.site

    def stuck_days(self, studio_id: str | None, status: str) -> int:
        value = self.of(studio_id)["stuck_days"]
        if isinstance(value, dict):
            value = value.get(status, DEFAULTS["stuck_days"])
        return int(value)

    def smallest_stuck(self) -> int:
        values = [self.stuck_days(sid, st) for sid in [None, *self.studios] for st in ACTIVE_STAGES]
        return min(values)


def _days(since: dt.datetime, now: dt.datetime) -> int:
    return int((now - since).total_seconds() // 86400)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)


# -- computing ------------------------------------------------------------------------------------
def compute(bank: Bank, *, at: dt.datetime | None = None, kinds: Iterable[str] | None = None,
            project_id: str | None = None) -> list[EarlyWarning]:
    """Every warning (or those of `kinds`) as of `at` (default: the bank's clock), most urgent kinds
    first, the longest waiting first within a kind. Boards ask only for their kinds: stuck projects
    are the expensive part (one row per project, 0.6–1 s at 100,000 demo projects). With project_id,
    only that project and its requests are looked at (a record's banner)."""
    wanted = set(KINDS if kinds is None else kinds)
    now = at or bank.now()
    today = now.astimezone(dt.timezone.utc).date()
    out: list[EarlyWarning] = []
    with bank.session() as s:
        th = Thresholds(s)
        # Milestones: a due date is a calendar day, overdue from the day after it (plus any grace).
        rows = s.execute(select(Milestone, IncubationRequest).join(IncubationRequest)
                         .where(Milestone.done_on.is_(None), Milestone.due_on < today,
                                IncubationRequest.status.in_(MILESTONE_OPEN), *_of_project(project_id))
                         .order_by(Milestone.due_on)).all() if "milestone_overdue" in wanted else []
        for m, req in rows:
            grace = int(th.of(req.studio_id)["milestone_grace_days"])
            late = (today - m.due_on).days
            if late > grace:
                out.append(EarlyWarning("milestone_overdue", "incubation", req.id, req.title, _start_of(m.due_on), late,
                                   grace, req.studio_id, req.project_id,
                                   frozenset({x for x in (req.requester_id, req.decided_by) if x}), m.title))
        unanswered = (select(IncubationRequest).where(IncubationRequest.status == "submitted", *_of_project(project_id))
                      if "request_unanswered" in wanted else None)
        for req in (s.scalars(unanswered) if unanswered is not None else []):
            since = req.submitted_at or req.status_changed_at or req.created_at
            limit = int(th.of(req.studio_id)["unanswered_days"])
            if _days(since, now) > limit:
                out.append(EarlyWarning("request_unanswered", "incubation", req.id, req.title, since, _days(since, now),
                                   limit, req.studio_id, req.project_id,
                                   frozenset({x for x in (req.requester_id,) if x})))
        pending = (select(CallApplication, OpenCall).join(OpenCall).where(CallApplication.status == "pending")
                   if "application_unanswered" in wanted and project_id is None else None)
        for app, call in (s.execute(pending) if pending is not None else []):
            limit = int(th.of(call.studio_id)["unanswered_days"])
            if _days(app.created_at, now) > limit:
                out.append(EarlyWarning("application_unanswered", "call", call.id, call.title, app.created_at,
                                   _days(app.created_at, now), limit, call.studio_id, None,
                                   frozenset({x for x in (call.poster_id, app.applicant_id) if x}),
                                   app.applicant.name))
        if "project_stuck" in wanted:
            out.extend(_stuck_projects(s, th, now, project_id))
    order = list(KINDS)
    out.sort(key=lambda w: (order.index(w.kind), -w.days, w.title))
    return out


def _of_project(project_id: str | None) -> list[Any]:
    return [] if project_id is None else [IncubationRequest.project_id == project_id]


def _stuck_projects(s: Session, th: Thresholds, now: dt.datetime, project_id: str | None = None) -> list[EarlyWarning]:
    # One indexed range query bounded by the smallest threshold in force, then per-studio filtering.
    since_col = func.coalesce(Project.status_changed_at, Project.created_at)
    cutoff = now - dt.timedelta(days=th.smallest_stuck())
    rows = s.execute(select(Project.id, Project.title, Project.status, Project.studio_id, Project.proposer_id,
                            since_col).where(Project.status.in_(ACTIVE_STAGES), Project.merged_into_id.is_(None),
                                             since_col < cutoff,
                                             *([] if project_id is None else [Project.id == project_id]))).all()
    out = []
    for pid, title, status, studio_id, proposer_id, since in rows:
        if since.tzinfo is None:  # func.coalesce bypasses the column type on SQLite
            since = since.replace(tzinfo=dt.timezone.utc)
        limit = th.stuck_days(studio_id, status)
        if _days(since, now) > limit:
            out.append(EarlyWarning("project_stuck", "project", pid, title, since, _days(since, now), limit, studio_id, pid,
                                    frozenset((proposer_id,)) if proposer_id else frozenset(), status))
    return out


def visible_to(bank: Bank, actor: Actor, warnings: list[EarlyWarning]) -> list[EarlyWarning]:
    """Base managers and admins see every warning; leaders those of their studio; others only the
    ones that concern them (their requests, their calls, their projects)."""
    with bank.session() as s:
        mine = set(s.scalars(select(ProjectMember.project_id).where(ProjectMember.user_id == actor.id)))

    def concerned(w: EarlyWarning) -> set[str]:
        return set(w.people) | ({actor.id} if w.project_id in mine else set())
    return [w for w in warnings if allowed(actor, "warning.view", warning_subject(w.studio_id, concerned(w)))]


def for_actor(bank: Bank, actor: Actor, *, at: dt.datetime | None = None,
              kinds: Iterable[str] | None = None) -> list[EarlyWarning]:
    return visible_to(bank, actor, compute(bank, at=at, kinds=kinds))


def for_record(bank: Bank, actor: Actor, entity_id: str, *, at: dt.datetime | None = None) -> list[EarlyWarning]:
    """The warnings to show on one record, computed for that record only (cheap enough for a detail pane)."""
    with bank.session() as s:
        is_project = s.get(Project, entity_id) is not None
    if is_project:
        found = compute(bank, at=at, project_id=entity_id)
    else:
        found = compute(bank, at=at, kinds=INCUBATION_KINDS + CALL_KINDS)
    return on_record(visible_to(bank, actor, found), entity_id)


def on_record(warnings: list[EarlyWarning], entity_id: str) -> list[EarlyWarning]:
    """The warnings to show on one record (a project, a request, a call)."""
    return [w for w in warnings if w.entity_id == entity_id or w.project_id == entity_id]


# -- settings --------------------------------------------------------------------------------------
def thresholds_for(bank: Bank, studio_id: str | None) -> dict[str, Any]:
    with bank.session() as s:
        return Thresholds(s).of(studio_id)


def set_thresholds(bank: Bank, actor: Actor, studio: str | None, values: dict[str, Any]) -> Changes:
    """Change N for a studio (its leader or an admin) or for the whole site (admins)."""
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key not in DEFAULTS:
            raise ValidationError(t("未知的预警设置：{k}（可选：{c}）", "Unknown warning setting: {k} (choose from {c})",
                                    k=key, c=", ".join(DEFAULTS)))
        if key == "stuck_days" and isinstance(value, dict):
            try:
                clean[key] = {st: int(v) for st, v in value.items() if st in ACTIVE_STAGES}
            except (TypeError, ValueError):
                raise ValidationError(t("天数应为整数。", "Days must be whole numbers.")) from None
            continue
        try:
            clean[key] = int(value)
        except (TypeError, ValueError):
            raise ValidationError(t("{k} 应为整数天数（收到“{v}”）。", "{k} must be a whole number of days (got '{v}').",
                                    k=key, v=value)) from None
        if clean[key] < 0:
            raise ValidationError(t("{k} 不能为负数。", "{k} cannot be negative.", k=key))
    with bank.write() as s:
        now = bank.now()
        if studio is None:
            check(actor, "studio.configure_warnings", studio_subject(None))  # the site's defaults
            row = s.get(Setting, "warnings")
            old = dict(row.value) if row else {}
            if row is None:
                s.add(Setting(key="warnings", value={**clean}))
            else:
                row.value = {**old, **clean}
            audit.record(s, actor, "setting", "warnings", "edit", field="warnings", old=old, new=clean,
                         site_id=bank.site_id, at=now)
            return Changes(value=None)
        row = s.scalar(select(Studio).where((Studio.name == studio.strip()) | (Studio.id == studio)))
        if row is None:
            raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=studio))
        check(actor, "studio.configure_warnings", studio_subject(row.id))
        settings = dict(row.settings or {})
        old = dict(settings.get("warnings") or {})
        settings["warnings"] = {**old, **clean}
        row.settings, row.updated_at = settings, now  # a new dict, so the JSON column sees the change
        audit.record(s, actor, "studio", row.id, "edit", field="settings.warnings", old=old,
                     new=settings["warnings"], site_id=bank.site_id, at=now)
        return Changes(people=True, value=row.id)


__all__ = ["EarlyWarning", "DEFAULTS", "KINDS", "INCUBATION_KINDS", "CALL_KINDS", "compute", "for_actor", "visible_to",
           "for_record", "on_record", "thresholds_for",
           "set_thresholds"]
