"""Warnings (预警): items flagged before they fail, computed from the bank's (injectable) clock.

- a milestone of an accepted or running incubation request past its due date;
- a request left unanswered: an incubation request submitted and not decided, or an application
  to an open call not answered, for more than N days;
- a project stuck in one active stage for longer than N days;
- a unit of a dispatched task (app/core/dispatch.py) that still owes its report when the due day
  is near (`task_warn_days`) or past;
- a unit below its target of proposals per head this year (`unit_targets`, `proposals_per_head`;
  see `TargetSettings.targets`), pro rata to the day of the year.

N comes from the studio's settings (`Studio.settings["warnings"]`), then the site's (`Setting`
"warnings"), then DEFAULTS. `stuck_days` may be one number or a number per project status.
Days (due dates, today, the year) are days in the site's time zone (app/core/sitetime.py).
Nothing is stored: warnings are recomputed on demand, so they can never go stale; delivering them
to the people who must act is app/core/warning_delivery.py.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit, sitetime
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.lifecycle import MILESTONE_OPEN
from app.core.permissions import allowed, check, studio_subject, warning_subject
from app.core.vocab import STATUSES, Labels, label
from db.models import (
    CallApplication,
    DispatchTarget,
    DispatchTask,
    IncubationRequest,
    Milestone,
    OpenCall,
    Project,
    ProjectMember,
    Setting,
    Studio,
    Unit,
    User,
)

# proposals_per_head: a yearly target for every bottom unit (0: none); unit_targets: {unit id: proposals
# per head per year} for particular units (a studio's for its unit and the units below it).
DEFAULTS: dict[str, Any] = {"unanswered_days": 7, "stuck_days": 30, "milestone_grace_days": 0, "task_warn_days": 2,
                            "proposals_per_head": 0, "unit_targets": {}}
TARGET_KEYS = ("proposals_per_head", "unit_targets")  # numbers of proposals, not days
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
    "task_due_soon": ("任务即将到期", "Task due soon"),
    "task_overdue": ("任务逾期", "Task overdue"),
    "unit_below_target": ("单位未达目标", "Unit below target"),
}
TASK_KINDS = ("task_due_soon", "task_overdue")
# What each kind says: {t} title, {d} detail, {n} days, {k} threshold ({p} made, {x} target; {s} status).
WORDS: dict[str, tuple[str, str]] = {
    "milestone_overdue": ("“{t}”的里程碑“{d}”已逾期 {n} 天。", "'{t}': milestone '{d}' is {n} days overdue."),
    "request_unanswered": ("孵化委托“{t}”提交 {n} 天仍未受理（预警阈值 {k} 天）。",
                           "Incubation request '{t}' has waited {n} days for an answer (threshold {k})."),
    "application_unanswered": ("揭榜“{t}”中 {d} 的申请 {n} 天未答复。",
                               "In the call '{t}', {d}'s application has waited {n} days."),
    "project_stuck": ("项目“{t}”停留在“{s}”已 {n} 天（预警阈值 {k} 天）。",
                      "Project '{t}' has been '{s}' for {n} days (threshold {k})."),
    "task_due_soon": ("任务“{t}”将于 {n} 天后到期，{d}尚未反馈。", "Task '{t}' is due in {n} day(s) and {d} has not reported."),
    "task_overdue": ("任务“{t}”已逾期 {n} 天，{d}尚未反馈。", "Task '{t}' is {n} day(s) overdue and {d} has not reported."),
    "unit_below_target": ("{t}今年已提建议 {p} 条，按人均每年 {x} 条的目标至今应有 {k} 条，差 {n} 条。",
                          "{t} has made {p} proposal(s) this year; its target of {x} per head a year means {k} by now, "
                          "{n} short."),
}


@dataclass(frozen=True)
class EarlyWarning:
    kind: str
    entity: str        # project | incubation | call | task | unit
    entity_id: str     # the record the warning is shown on
    title: str
    since: dt.datetime  # when the clock started (due date, submission, last status change)
    days: int          # how long it has been (overdue by, waiting for, stuck for)
    threshold: int
    studio_id: str | None
    project_id: str | None = None
    people: frozenset[str] = field(default_factory=frozenset)  # user ids concerned
    detail: str = ""
    # who must act on it (the inbox it is delivered to); the people concerned when empty
    responsible: frozenset[str] = field(default_factory=frozenset)
    episode: str = ""  # what makes a warning of the same record a new one (default: when its clock started)

    @property
    def key(self) -> str:
        """The same warning has the same key wherever and however often it is computed, so it is
        delivered once (warning_delivery.py); a new episode (stuck again after moving) is a new one."""
        return "|".join((self.kind, self.entity_id, self.detail, self.episode or self.since.date().isoformat()))

    @property
    def message(self) -> str:
        return t(self.words(True), self.words(False))

    def words(self, zh: bool) -> str:
        """The message in Chinese (zh) or English, whatever the active language: a delivered
        notice keeps both (notices.py shows the reader's)."""
        pick = 0 if zh else 1
        zh_en, values = WORDS[self.kind], {"t": self.title, "d": self.detail, "n": self.days, "k": self.threshold}
        if self.kind == "unit_below_target":
            values.update(p=self.threshold - self.days, x=self.detail)
        if self.kind == "project_stuck":
            values["s"] = STATUSES.get(self.detail, (self.detail, self.detail))[pick]
        return zh_en[pick].format(**values)

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
        self.own: dict[str, dict[str, Any]] = {}  # what each studio set itself (targets do not inherit)
        self.studios: dict[str, dict[str, Any]] = {}
        for sid, settings in s.execute(select(Studio.id, Studio.settings)):
            own = (settings or {}).get("warnings")
            self.own[sid] = dict(own) if isinstance(own, dict) else {}
            self.studios[sid] = _merge(self.site, own)

    def studio_settings(self, studio_id: str) -> dict[str, Any]:
        return self.own.get(studio_id, {})

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


# -- computing ------------------------------------------------------------------------------------
def compute(bank: Bank, *, at: dt.datetime | None = None, kinds: Iterable[str] | None = None,
            project_id: str | None = None) -> list[EarlyWarning]:
    """Every warning (or those of `kinds`) as of `at` (default: the bank's clock), most urgent kinds
    first, the longest waiting first within a kind. Boards ask only for their kinds: stuck projects
    are the expensive part (one row per project, 0.6–1 s at 100,000 demo projects). With project_id,
    only that project and its requests are looked at (a record's banner)."""
    wanted = set(KINDS if kinds is None else kinds)
    now = at or bank.now()
    zone = sitetime.zone(bank)
    today = now.astimezone(zone).date()
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
                people = frozenset({x for x in (req.requester_id, req.decided_by) if x})
                out.append(EarlyWarning("milestone_overdue", "incubation", req.id, req.title,
                                        sitetime.start_of_day(m.due_on, zone), late, grace, req.studio_id,
                                        req.project_id, people, m.title, people))
        unanswered = (select(IncubationRequest).where(IncubationRequest.status == "submitted", *_of_project(project_id))
                      if "request_unanswered" in wanted else None)
        base = None
        for req in (s.scalars(unanswered) if unanswered is not None else []):
            since = req.submitted_at or req.status_changed_at or req.created_at
            limit = int(th.of(req.studio_id)["unanswered_days"])
            if _days(since, now) > limit:
                if base is None:  # the incubation base answers requests
                    base = frozenset(s.scalars(select(User.id).where(User.role == "base", User.active.is_(True))))
                out.append(EarlyWarning("request_unanswered", "incubation", req.id, req.title, since, _days(since, now),
                                        limit, req.studio_id, req.project_id,
                                        frozenset({x for x in (req.requester_id,) if x}), responsible=base))
        pending = (select(CallApplication, OpenCall).join(OpenCall).where(CallApplication.status == "pending")
                   if "application_unanswered" in wanted and project_id is None else None)
        for app, call in (s.execute(pending) if pending is not None else []):
            limit = int(th.of(call.studio_id)["unanswered_days"])
            if _days(app.created_at, now) > limit:
                out.append(EarlyWarning("application_unanswered", "call", call.id, call.title, app.created_at,
                                        _days(app.created_at, now), limit, call.studio_id, None,
                                        frozenset({x for x in (call.poster_id, app.applicant_id) if x}),
                                        app.applicant.name, frozenset({x for x in (call.poster_id,) if x})))
        if "project_stuck" in wanted:
            out.extend(_stuck_projects(s, th, now, project_id))
        if wanted & set(TASK_KINDS) and project_id is None:
            out.extend(w for w in _tasks_behind(s, th, today, zone) if w.kind in wanted)
        if "unit_below_target" in wanted and project_id is None:
            out.extend(_units_below_target(s, th, today, zone))
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
    leaders: dict[str | None, str | None] = dict(s.execute(select(Studio.id, Studio.leader_id)).all()) if rows else {}
    out = []
    for pid, title, status, studio_id, proposer_id, since in rows:
        if since.tzinfo is None:  # func.coalesce bypasses the column type on SQLite
            since = since.replace(tzinfo=dt.timezone.utc)
        limit = th.stuck_days(studio_id, status)
        if _days(since, now) > limit:
            # the studio's leader moves it on (review, decide); its proposer hears it too
            act = frozenset(x for x in (leaders.get(studio_id), proposer_id) if x)
            out.append(EarlyWarning("project_stuck", "project", pid, title, since, _days(since, now), limit, studio_id, pid,
                                    frozenset((proposer_id,)) if proposer_id else frozenset(), status, act))
    return out


def _tasks_behind(s: Session, th: Thresholds, today: dt.date, zone: dt.tzinfo) -> list[EarlyWarning]:
    """A unit that still owes its report on an open task due within `task_warn_days`, or past due."""
    from app.core.lifecycle import TASK_OWED
    horizon = today + dt.timedelta(days=int(th.site["task_warn_days"]))
    rows = s.execute(select(DispatchTarget.responsible_id, DispatchTask.id, DispatchTask.title, DispatchTask.due_on,
                            DispatchTask.sender_id, DispatchTask.created_at, Unit.name)
                     .join(DispatchTask, DispatchTask.id == DispatchTarget.task_id)
                     .join(Unit, Unit.id == DispatchTarget.unit_id)
                     .where(DispatchTask.status == "open", DispatchTarget.state.in_(TASK_OWED),
                            DispatchTask.due_on <= horizon)).all()
    out = []
    for responsible, task_id, title, due, sender, created, unit in rows:
        people = frozenset(x for x in (responsible, sender) if x)
        act = frozenset(x for x in (responsible,) if x)
        if today > due:
            out.append(EarlyWarning("task_overdue", "task", task_id, title,
                                    sitetime.start_of_day(due + dt.timedelta(days=1), zone), (today - due).days, 0,
                                    None, None, people, unit, act, due.isoformat()))
        else:
            out.append(EarlyWarning("task_due_soon", "task", task_id, title, created, (due - today).days,
                                    int(th.site["task_warn_days"]), None, None, people, unit, act, due.isoformat()))
    return out


def _units_below_target(s: Session, th: Thresholds, today: dt.date, zone: dt.tzinfo) -> list[EarlyWarning]:
    """Units whose proposals this year (days of the site's zone) fall short of their target, pro rata
    to the day of the year (`expected_by_now`), warned once a unit is a whole proposal short. A unit
    counts with every unit below it: their active people and the proposals those people made
    (`year_counts`). Secret projects are not counted, so a warning never tells anyone of one (they
    still earn their authors points: campaigns.py)."""
    settings = TargetSettings.load(s, th)
    targets = settings.targets()
    if not targets:
        return []
    start = dt.date(today.year, 1, 1)
    fraction = year_fraction(today)
    made_below, heads_below = year_counts(s, settings.tree, today, zone)
    names = dict(s.execute(select(Unit.id, Unit.name).where(Unit.id.in_(list(targets)))).all())
    studios = _studios_of_units(s)
    out = []
    for unit_id, target in targets.items():
        expected = expected_by_now(target, heads_below.get(unit_id, 0), fraction)
        proposals = made_below.get(unit_id, 0)
        if expected - proposals >= 1:
            studio_id, leaders = _nearest(studios, settings.tree, unit_id)
            out.append(EarlyWarning("unit_below_target", "unit", unit_id, names.get(unit_id, ""),
                                    sitetime.start_of_day(start, zone), expected - proposals, expected, studio_id, None,
                                    leaders, f"{target:g}", leaders, f"{today:%Y-%m}"))  # once a month at most
    return out


def year_fraction(today: dt.date) -> float:
    """The share of `today`'s year gone by the end of today (1 January: 1/365)."""
    start = dt.date(today.year, 1, 1)
    return ((today - start).days + 1) / (dt.date(today.year + 1, 1, 1) - start).days


def expected_by_now(target: float, heads: int, fraction: float) -> int:
    """The proposals a unit of `heads` people should have made by now: target × people × the share
    of the year gone, rounded down."""
    return math.floor(target * heads * fraction)


def year_counts(s: Session, tree: dict[str, str | None], today: dt.date,
                zone: dt.tzinfo) -> tuple[dict[str, int], dict[str, int]]:
    """(proposals this year, active people) of each unit with every unit below it, counted in SQL
    per unit. A proposal counts for its proposer's unit once submitted (not a draft), unless merged
    into another or secret: figures every signed-in person may see, whoever asks."""
    start = sitetime.start_of_day(dt.date(today.year, 1, 1), zone)
    made = dict(s.execute(
        select(User.unit_id, func.count()).select_from(Project).join(User, User.id == Project.proposer_id)
        .where(Project.created_at >= start, Project.status != "draft",
               Project.merged_into_id.is_(None), Project.confidentiality != "secret")
        .group_by(User.unit_id)).all())
    heads = dict(s.execute(select(User.unit_id, func.count()).where(User.active.is_(True))
                           .group_by(User.unit_id)).all())
    return _roll_up(tree, made), _roll_up(tree, heads)


def _roll_up(tree: dict[str, str | None], values: dict[Any, int]) -> dict[str, int]:
    """Each unit's value plus those of every unit below it."""
    out: dict[str, int] = {}
    for unit_id, n in values.items():
        seen: set[str] = set()
        while unit_id is not None and unit_id in tree and unit_id not in seen:
            seen.add(unit_id)
            out[unit_id] = out.get(unit_id, 0) + n
            unit_id = tree[unit_id]
    return out


@dataclass(frozen=True)
class TargetSettings:
    """What the units' targets are worked out from: the unit tree (unit id -> parent id), the
    studios attached to each unit (in order of name), what each studio set itself and the site's
    values."""

    tree: dict[str, str | None]
    studios_by_unit: dict[str | None, list[str]]
    own: dict[str, dict[str, Any]]
    site: dict[str, Any]

    @classmethod
    def load(cls, s: Session, th: Thresholds) -> TargetSettings:
        by_unit: dict[str | None, list[str]] = {}
        for sid, unit_id in s.execute(select(Studio.id, Studio.unit_id).order_by(Studio.name)):
            by_unit.setdefault(unit_id, []).append(sid)
        return cls(dict(s.execute(select(Unit.id, Unit.parent_id)).all()), by_unit, th.own, th.site)

    def with_scope(self, studio_id: str | None, proposals_per_head: float,
                   unit_targets: dict[str, float]) -> TargetSettings:
        """The same, had the studio (None: the site) set these values in place of its own."""
        values = {"proposals_per_head": proposals_per_head,
                  "unit_targets": {k: v for k, v in unit_targets.items() if v}}
        if studio_id is None:
            return TargetSettings(self.tree, self.studios_by_unit, self.own, {**self.site, **values})
        own = {**self.own, studio_id: {**self.own.get(studio_id, {}), **values}}
        return TargetSettings(self.tree, self.studios_by_unit, own, self.site)

    def targets(self) -> dict[str, float]:
        """Each unit's target of proposals per head per year. A target set for the unit itself (by
        the studio whose unit is the unit or lies above it, the nearest first, else by the site)
        wins; otherwise a bottom unit (no unit below it) takes `proposals_per_head` of the nearest
        studio above it that set one, else the site's. Units higher up have a target only when one
        is set for them, so one crew behind does not warn every unit above it as well."""
        tree, parents = self.tree, set(self.tree.values())
        site_targets = self.site.get("unit_targets") or {}
        out: dict[str, float] = {}
        for unit_id in tree:
            chain: list[dict[str, Any]] = []
            up: str | None = unit_id
            seen: set[str] = set()
            while up is not None and up in tree and up not in seen:
                seen.add(up)
                chain.extend(self.own.get(sid, {}) for sid in self.studios_by_unit.get(up, []))
                up = tree[up]
            explicit = next((float(v["unit_targets"][unit_id]) for v in chain
                             if unit_id in (v.get("unit_targets") or {})), None)
            if explicit is None and unit_id in site_targets:
                explicit = float(site_targets[unit_id])
            if explicit is None and unit_id not in parents:
                explicit = next((float(v["proposals_per_head"]) for v in chain if v.get("proposals_per_head")),
                                float(self.site.get("proposals_per_head") or 0))
            if explicit:
                out[unit_id] = explicit
        return out


def _nearest(studios: dict[str, tuple[str | None, frozenset[str]]], tree: dict[str, str | None],
             unit_id: str) -> tuple[str | None, frozenset[str]]:
    """The studios of the unit, else of the nearest unit above it that has any."""
    up: str | None = unit_id
    seen: set[str] = set()
    while up is not None and up not in seen:
        seen.add(up)
        if up in studios:
            return studios[up]
        up = tree.get(up)
    return None, frozenset()


def _studios_of_units(s: Session) -> dict[str, tuple[str | None, frozenset[str]]]:
    """unit id -> (a studio attached to it, the leaders of its studios): who hears of a unit's target."""
    out: dict[str, tuple[str | None, frozenset[str]]] = {}
    for sid, unit_id, leader in s.execute(select(Studio.id, Studio.unit_id, Studio.leader_id).order_by(Studio.name)):
        if unit_id is None:
            continue
        first, leaders = out.get(unit_id, (sid, frozenset()))
        out[unit_id] = (first, leaders | ({leader} if leader else set()))
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


def _number(key: str, value: Any, *, whole: bool) -> float | int:
    try:
        number = int(value) if whole else float(value)
    except (TypeError, ValueError):
        raise ValidationError(t("{k} 应为{w}（收到“{v}”）。", "{k} must be {w_en} (got '{v}').", k=key, v=value,
                                w="整数天数" if whole else "数字", w_en="a whole number of days" if whole else "a number")
                              ) from None
    if number < 0 or not math.isfinite(number):
        raise ValidationError(t("{k} 不能为负数。", "{k} cannot be negative.", k=key))
    return number


def _clean(values: dict[str, Any]) -> dict[str, Any]:
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
        elif key == "unit_targets":
            if not isinstance(value, dict):
                raise ValidationError(t("单位目标应为 单位→人均条数 的对应表。", "Unit targets map units to proposals per head."))
            clean[key] = dict(value)  # numbers checked with each unit's name (_unit_targets)
        else:
            clean[key] = _number(key, value, whole=key not in TARGET_KEYS)
    return clean


MAX_TARGET = 1000  # proposals per head a year: more is a slip of the keyboard


def target_number(value: Any, unit: str) -> float:
    """A unit's yearly target per head from what a person typed: a number from 0 to MAX_TARGET;
    0, empty or None mean no target."""
    text = str(value).strip() if value is not None else ""
    try:
        number = float(text) if text else 0.0
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not 0 <= number <= MAX_TARGET:
        raise ValidationError(t("“{n}”的人均年度目标应为 0 到 {m} 之间的数字（收到“{v}”）；0 或留空表示不设目标。",
                                "The yearly target per head of '{n}' must be a number from 0 to {m} (got '{v}'); "
                                "0 or empty means no target.", n=unit, m=MAX_TARGET, v=text))
    return number


def _unit_targets(s: Session, given: dict[str, Any], under: str | None) -> dict[str, float]:
    """Unit names or ids -> ids and numbers (0 removes a target); with `under`, only that unit and
    those below it."""
    tree = dict(s.execute(select(Unit.id, Unit.parent_id)).all())
    out: dict[str, float] = {}
    for ref, value in given.items():
        unit = s.scalar(select(Unit).where((Unit.id == ref) | (Unit.name == str(ref).strip())).limit(1))
        if unit is None:
            raise ValidationError(t("没有名为“{n}”的单位。", "There is no unit named '{n}'.", n=ref))
        if under is not None and under not in _with_parents(tree, unit.id):
            raise ValidationError(t("“{n}”不在本工作室所在单位之下，不能为它设目标。",
                                    "'{n}' is not the studio's unit or below it: set its target elsewhere.", n=unit.name))
        out[unit.id] = target_number(value, unit.name)
    return out


def _with_parents(tree: dict[str, str | None], unit_id: str) -> set[str]:
    seen: set[str] = set()
    up: str | None = unit_id
    while up is not None and up not in seen:
        seen.add(up)
        up = tree.get(up)
    return seen


def _merged(old: dict[str, Any], clean: dict[str, Any]) -> dict[str, Any]:
    new = {**old, **clean}
    if "unit_targets" in clean:  # per unit: a 0 removes a unit's target
        targets = {**(old.get("unit_targets") or {}), **clean["unit_targets"]}
        new["unit_targets"] = {k: v for k, v in targets.items() if v}
    return new


def set_thresholds(bank: Bank, actor: Actor, studio: str | None, values: dict[str, Any]) -> Changes:
    """Change N and the targets for a studio (its leader or an admin) or for the whole site
    (admins). A studio sets unit targets for its own unit and the units below it."""
    clean = _clean(values)
    with bank.write() as s:
        now = bank.now()
        if studio is None:
            check(actor, "studio.configure_warnings", studio_subject(None))  # the site's defaults
            if "unit_targets" in clean:
                clean["unit_targets"] = _unit_targets(s, clean["unit_targets"], None)
            setting = s.get(Setting, "warnings")
            old = dict(setting.value) if setting else {}
            if setting is None:
                s.add(Setting(key="warnings", value=_merged({}, clean)))
            else:
                setting.value = _merged(old, clean)
            audit.record(s, actor, "setting", "warnings", "edit", field="warnings", old=old, new=clean,
                         site_id=bank.site_id, at=now)
            return Changes(value=None)
        row = s.scalar(select(Studio).where((Studio.name == studio.strip()) | (Studio.id == studio)))
        if row is None:
            raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=studio))
        check(actor, "studio.configure_warnings", studio_subject(row.id))
        if "task_warn_days" in clean:  # a dispatched task belongs to no studio (_tasks_behind)
            raise ValidationError(t("任务到期预警天数对全站有效，请不指定工作室设置（管理员）。",
                                    "The days before a task is due count for the whole site: set them without a "
                                    "studio (administrators)."))
        if "unit_targets" in clean:
            if row.unit_id is None:
                raise ValidationError(t("工作室“{n}”没有所属单位，不能设单位目标。",
                                        "The studio '{n}' belongs to no unit: it cannot set unit targets.", n=row.name))
            clean["unit_targets"] = _unit_targets(s, clean["unit_targets"], row.unit_id)
        settings = dict(row.settings or {})
        old = dict(settings.get("warnings") or {})
        settings["warnings"] = _merged(old, clean)
        row.settings, row.updated_at = settings, now  # a new dict, so the JSON column sees the change
        audit.record(s, actor, "studio", row.id, "edit", field="settings.warnings", old=old,
                     new=settings["warnings"], site_id=bank.site_id, at=now)
        return Changes(people=True, value=row.id)


__all__ = ["EarlyWarning", "DEFAULTS", "KINDS", "INCUBATION_KINDS", "CALL_KINDS", "TASK_KINDS", "compute", "for_actor", "visible_to",
           "for_record", "on_record", "thresholds_for", "TargetSettings", "year_counts", "year_fraction",
           "expected_by_now", "target_number", "MAX_TARGET", "set_thresholds"]
