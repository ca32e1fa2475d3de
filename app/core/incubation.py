"""Incubation requests (孵化委托): a studio commissions the incubation base to turn an adopted or
completed project into a product, as an explicit state machine.

草稿 → 已提交 (studio leader) → 已受理 | 未受理 (base manager, reason required) → 实施中 (milestone
updates) → 已交付 → 已结项 (with outcome). Accepting moves the project to 孵化中 through the project
lifecycle's `incubate`; closing with adopting units moves it to 已推广 through `promote` and writes the
measured savings into the project's measured benefit. Every step is audited and the people concerned
are told.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core import audit, notify
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from app.core.i18n import t
from app.core.lifecycle import MILESTONE_OPEN, REQUEST_STATUSES, STEPS, action_between, step_for
from app.core.permissions import Verdicts, allowed, check, for_request, project_subject, request_subject
from app.core.projects import _apply_transition
from app.core.queries import history_rows, visible_to
from app.core.teams import _next_number, _stamp, attachment_refs, parse_date, project_ref, today
from app.core.vocab import STATUSES, Labels, _parse, label
from db.models import AuditLog, IncubationRequest, Milestone, MilestoneUpdate, Project, User

SERVICES: Labels = {
    "prototype": ("试品加工", "Prototype processing"),
    "volume_production": ("量化生产", "Volume production"),
    "market_promotion": ("市场推广", "Market promotion"),
    "testing": ("检测试验", "Testing"),
    "patent_filing": ("专利申报", "Patent filing"),
}
MATURITY: Labels = {
    "concept": ("构想", "Concept"),
    "prototype": ("样机", "Prototype"),
    "pilot": ("试用", "Pilot use"),
    "mature": ("成熟", "Mature"),
}
# Only these projects are ready for the base (glossary: an achievement adopted or finished).
SUBMITTABLE_PROJECTS = frozenset({"adopted", "completed"})


def available_actions(actor: Actor, req: IncubationRequest) -> list[str]:
    """The workflow steps this person may take on the request now (for menus and the board)."""
    may = for_request(actor, req)
    return [a for a in STEPS if may.may(a)]


# -- loading and cleaning -------------------------------------------------------------------------
def load(s: Session, ref: str, *, for_update: bool = False) -> IncubationRequest:
    """A request by id or number. for_update locks the row on PostgreSQL, so two base managers
    deciding at once queue up; SQLite's writers already run one at a time (BEGIN IMMEDIATE)."""
    stmt = (select(IncubationRequest).where((IncubationRequest.id == ref) | (IncubationRequest.number == ref))
            .options(selectinload(IncubationRequest.milestones).selectinload(Milestone.updates)))
    if for_update and s.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update(of=IncubationRequest)
    req = s.scalar(stmt)
    if req is None:
        raise NotFound(t("找不到孵化委托 {r}。", "Incubation request {r} not found.", r=ref))
    return req


def _parse_services(values: Any) -> tuple[list[str], list[str]]:
    out, problems = [], []
    for v in values or []:
        try:
            code = _parse(SERVICES, str(v), "服务", "service")
        except ValidationError as exc:
            problems.append(exc.message)
            continue
        if code not in out:
            out.append(code)
    return out, problems


def _money(value: Any) -> float:
    text = str(value).strip().replace(",", "").replace("，", "")
    factor = 1.0
    if text.endswith("万"):
        text, factor = text[:-1], 10000.0
    elif text.endswith("元"):
        text = text[:-1]
    amount = float(text) * factor
    if amount < 0:
        raise ValueError(text)
    return round(amount, 2)


def clean_fields(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Check and normalise request fields; every problem is reported, not just the first."""
    clean: dict[str, Any] = {}
    problems: list[str] = []
    if "title" in data:
        title = str(data["title"] or "").strip()
        if not title or len(title) > 300:
            problems.append(t("请填写委托标题（最多 300 字）。", "Enter the request's title (at most 300 characters)."))
        clean["title"] = title
    if "services" in data:
        clean["services"], bad = _parse_services(data["services"])
        problems += bad
    if "maturity" in data:
        try:
            clean["maturity"] = _parse(MATURITY, str(data["maturity"]), "成熟度", "maturity")
        except ValidationError as exc:
            problems.append(exc.message)
    if "quantity" in data:
        q = data["quantity"]
        try:
            clean["quantity"] = None if q in (None, "") else int(q)
            if clean["quantity"] is not None and clean["quantity"] < 0:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(t("数量应为不小于 0 的整数（收到“{v}”）。", "The quantity must be a whole number ≥ 0 (got '{v}').", v=q))
    if "budget_lines" in data:
        lines = []
        for line in data["budget_lines"] or []:
            item = str(line.get("item", "")).strip() if isinstance(line, dict) else ""
            try:
                amount = _money(line.get("amount")) if isinstance(line, dict) else None
            except (TypeError, ValueError):
                amount = None
            if not item or amount is None:
                problems.append(t("预算行应有名称和金额（元，可写“1.5万”）：{l}",
                                  "A budget line needs an item and an amount in yuan: {l}", l=line))
                continue
            lines.append({"item": item, "amount": amount})
        clean["budget_lines"] = lines
    if "target_units" in data:
        clean["target_units"] = [str(u).strip() for u in data["target_units"] or [] if str(u).strip()]
    for field in ("materials", "market", "ip_ownership", "benefit_sharing", "risks"):
        if field in data:
            clean[field] = str(data[field] or "").strip()
    if "milestones" in data:
        plan = []
        for i, m in enumerate(data["milestones"] or [], start=1):
            title = str(m.get("title", "")).strip() if isinstance(m, dict) else ""
            try:
                due = parse_date(m.get("due_on"), t("到期日", "The due date")) if isinstance(m, dict) else None
            except ValidationError as exc:
                problems.append(t("里程碑 {i}：{e}", "Milestone {i}: {e}", i=i, e=exc.message))
                continue
            if not title or due is None:
                problems.append(t("里程碑 {i} 需要名称和到期日。", "Milestone {i} needs a title and a due date.", i=i))
                continue
            plan.append({"title": title, "due_on": due})
        clean["milestones"] = plan
    return clean, problems


def submission_problems(req: IncubationRequest) -> list[str]:
    problems = []
    if not req.services:
        problems.append(t("请选择需要的服务（试品加工、量化生产、市场推广、检测试验、专利申报）。",
                          "Choose the services needed (prototype, volume production, market promotion, testing, patent filing)."))
    if not req.milestones:
        problems.append(t("请至少列出一个带到期日的里程碑。", "List at least one milestone with a due date."))
    if not req.ip_ownership:
        problems.append(t("请写明知识产权归属。", "State who owns the intellectual property."))
    return problems


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise ValidationError(t("孵化委托：", "Incubation request: ") + "；".join(problems), details=problems)


def _check_project_ready(project: Project) -> None:
    if project.status not in SUBMITTABLE_PROJECTS:
        raise ValidationError(t("只有“已采纳”或“已完成”的项目可以申请孵化；“{p}”当前为“{s}”。",
                                "Only adopted or completed projects may be incubated; '{p}' is '{s}'.",
                                p=project.title, s=label(STATUSES, project.status)))


# -- use cases -------------------------------------------------------------------------------------
def create(bank: Bank, actor: Actor, project: str, data: dict[str, Any]) -> Changes:
    """A draft request for a project of the actor's studio (leaders) or any project (admins)."""
    data = dict(data)
    clean, problems = clean_fields(data)
    with bank.write() as s:
        p = project_ref(s, project)
        _check_project_ready(p)
        check(actor, "project.request_incubation", project_subject(p))
        _raise_if(problems)
        now = bank.now()
        plan = clean.pop("milestones", [])
        clean.setdefault("title", p.title)
        if not clean["title"]:
            clean["title"] = p.title
        req = IncubationRequest(number=_next_number(s, bank, "FH", now.year), project_id=p.id, studio_id=p.studio_id,
                                requester_id=actor.id, status="draft", status_changed_at=now, **clean, **_stamp(bank))
        s.add(req)
        s.flush()
        for pos, m in enumerate(plan, start=1):
            req.milestones.append(Milestone(request_id=req.id, position=pos, title=m["title"], due_on=m["due_on"],
                                            **_stamp(bank)))
        audit.record(s, actor, "incubation", req.id, "create", new=clean["title"], site_id=bank.site_id, at=now)
        return Changes(incubation=True, value=req.id)


EDITABLE = frozenset({"title", "services", "maturity", "quantity", "materials", "budget_lines", "target_units",
                      "market", "ip_ownership", "benefit_sharing", "risks", "milestones"})


def edit(bank: Bank, actor: Actor, ref: str, data: dict[str, Any]) -> Changes:
    """Change a draft (the studio side); `milestones` replaces the whole plan."""
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(t("这些字段不能修改：{f}", "These fields cannot be changed: {f}", f=", ".join(sorted(unknown))))
    clean, problems = clean_fields(data)
    _raise_if(problems)
    with bank.write() as s:
        req = load(s, ref, for_update=True)
        if req.status != "draft":
            raise InvalidTransition(t("只有草稿可以修改；此委托为“{s}”。", "Only drafts can be edited; this request is '{s}'.",
                                      s=label(REQUEST_STATUSES, req.status)))
        check(actor, "incubation.edit", request_subject(req))
        now = bank.now()
        plan = clean.pop("milestones", None)
        old = [(m.title, m.due_on.isoformat()) for m in req.milestones]
        if plan is not None and [(m["title"], m["due_on"].isoformat()) for m in plan] != old:
            for gone in req.milestones:  # the deletion travels to other sites
                audit.tombstone(s, "incubation_milestone", gone.id, bank.site_id, now)
            req.milestones.clear()
            s.flush()
            for pos, m in enumerate(plan, start=1):
                req.milestones.append(Milestone(request_id=req.id, position=pos, title=m["title"], due_on=m["due_on"],
                                                **_stamp(bank)))
            audit.record(s, actor, "incubation", req.id, "edit", field="milestones", old=old,
                         new=[(m["title"], m["due_on"].isoformat()) for m in plan], site_id=bank.site_id, at=now)
        for field, value in clean.items():
            if getattr(req, field) != value:
                audit.record(s, actor, "incubation", req.id, "edit", field=field, old=getattr(req, field), new=value,
                             site_id=bank.site_id, at=now)
                setattr(req, field, value)
        req.updated_at = now
        return Changes(incubation=True, value=req.id)


def _concerned(s: Session, req: IncubationRequest, project: Project) -> set[str | None]:
    people = {req.requester_id, project.proposer_id, req.decided_by}
    if req.studio and req.studio.leader_id:
        people.add(req.studio.leader_id)
    return people


def _notify_step(s: Session, bank: Bank, actor: Actor, req: IncubationRequest, project: Project, old: str,
                 reason: str) -> None:
    params = {"title": req.title, "old": old, "new": req.status, "who": actor.name, "reason": reason}
    people = _concerned(s, req, project)
    if req.status == "submitted":  # the base has to hear of new work
        people |= set(s.scalars(select(User.id).where(User.role == "base", User.active.is_(True))))
    for uid in people:
        notify.send(s, bank, uid, "incubation", project.id, "incubation_status", params, actor=actor)


def move(bank: Bank, actor: Actor, ref: str, action: str, reason: str | None = None, *,
         outcome: dict[str, Any] | None = None) -> Changes:
    """Take a workflow step. `close` needs `outcome` (units_made, adopting_units, measured_savings, note)."""
    reason = (reason or "").strip()
    with bank.write() as s:
        req = load(s, ref, for_update=True)
        st = step_for(action, req.status)
        check(actor, f"incubation.{action}", request_subject(req))
        if st.needs_reason and not reason:
            raise ValidationError(t("“{act}”需要填写理由，委托方会看到它。", "'{act_en}' needs a reason; the studio will see it.",
                                    act=st.zh, act_en=st.en))
        project = req.project
        if action == "submit":
            _check_project_ready(project)
            _raise_if(submission_problems(req))
        if action == "deliver":
            _check_delivery(req)
        now = bank.now()
        old = req.status
        changed_projects: set[str] = set()
        if action == "accept" and project.status != "incubating":
            # The project enters 孵化中 in the same transaction, through its own state machine.
            _apply_transition(s, bank, actor, project, "incubate", None)
            changed_projects.add(project.id)
        if action == "close":
            changed_projects |= _apply_outcome(s, bank, actor, req, project, outcome or {})
        req.status, req.status_changed_at, req.updated_at = st.target, now, now
        if st.target == "submitted":
            req.submitted_at = now
        elif st.target in ("accepted", "declined"):
            req.decided_at, req.decided_by, req.decision_reason = now, actor.id, reason
        elif st.target == "delivered":
            req.delivered_at = now
        elif st.target == "closed":
            req.closed_at = now
        audit.record(s, actor, "incubation", req.id, action, field="status", old=old, new=st.target,
                     site_id=bank.site_id, at=now)
        if reason:
            audit.record(s, actor, "incubation", req.id, action, field="reason", new=reason, site_id=bank.site_id, at=now)
        _notify_step(s, bank, actor, req, project, old, reason)
        return Changes(incubation=True, notifications=True, project_ids=frozenset(changed_projects),
                       membership=bool(changed_projects), fields=frozenset({"status"} if changed_projects else ()),
                       value=req.status)


def open_milestones(req: IncubationRequest) -> list[Milestone]:
    return [m for m in req.milestones if m.done_on is None]


def _check_delivery(req: IncubationRequest) -> None:
    """Work is delivered when its milestones are done, or when the studio's leader said it may be
    delivered all the same (confirm_delivery)."""
    still_open = open_milestones(req)
    if still_open and req.delivery_confirmed_at is None:
        raise Conflict(t("还有 {n} 个里程碑未完成（{m}）：需先由工作室领衔人确认交付（ideabank incubation confirm-delivery {r}）。",
                         "{n} milestone(s) are still open ({m}): the studio's leader must confirm the delivery first "
                         "(ideabank incubation confirm-delivery {r}).", n=len(still_open),
                         m=t("、", ", ").join(m.title for m in still_open), r=req.number))


def confirm_delivery(bank: Bank, actor: Actor, ref: str, note: str = "") -> Changes:
    """The studio's leader agrees that the base may deliver while milestones are still open."""
    with bank.write() as s:
        req = load(s, ref, for_update=True)
        check(actor, "incubation.confirm_delivery", request_subject(req))
        if req.delivery_confirmed_at is not None:
            return Changes(value=req.id)
        now = bank.now()
        still_open = [m.title for m in open_milestones(req)]
        req.delivery_confirmed_by, req.delivery_confirmed_at, req.updated_at = actor.id, now, now
        audit.record(s, actor, "incubation", req.id, "confirm_delivery", field="open_milestones", new=still_open,
                     site_id=bank.site_id, at=now)
        if note.strip():
            audit.record(s, actor, "incubation", req.id, "confirm_delivery", field="reason", new=note.strip(),
                         site_id=bank.site_id, at=now)
        project = req.project
        params = {"title": req.title, "who": actor.name}
        for uid in _concerned(s, req, project) | set(s.scalars(select(User.id).where(User.role == "base",
                                                                                     User.active.is_(True)))):
            notify.send(s, bank, uid, "incubation", project.id, "delivery_confirmed", params, actor=actor)
        return Changes(incubation=True, notifications=True, value=req.id)


def _apply_outcome(s: Session, bank: Bank, actor: Actor, req: IncubationRequest, project: Project,
                   outcome: dict[str, Any]) -> set[str]:
    problems = []
    units_made = outcome.get("units_made")
    try:
        units_made = None if units_made in (None, "") else int(units_made)
        if units_made is not None and units_made < 0:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(t("制成数量应为不小于 0 的整数。", "Units made must be a whole number ≥ 0."))
    savings = outcome.get("measured_savings")
    try:
        savings = None if savings in (None, "") else _money(savings)
    except (TypeError, ValueError):
        problems.append(t("实测节约应为金额（元/年，可写“3.5万”）。", "Measured savings must be an amount in yuan per year."))
    adopting = [str(u).strip() for u in outcome.get("adopting_units") or [] if str(u).strip()]
    if units_made is None and savings is None and not adopting:
        problems.append(t("结项需填写成果：制成数量、采用单位或实测节约，至少一项。",
                          "Closing needs an outcome: units made, adopting units or measured savings (at least one)."))
    _raise_if(problems)
    now = bank.now()
    req.units_made, req.adopting_units, req.measured_savings = units_made, adopting, savings
    req.outcome_note = str(outcome.get("note") or "").strip()
    audit.record(s, actor, "incubation", req.id, "close", field="outcome",
                 new={"units_made": units_made, "adopting_units": adopting, "measured_savings": savings},
                 site_id=bank.site_id, at=now)
    changed = set()
    if savings is not None and project.measured_benefit != savings:
        audit.record(s, actor, "project", project.id, "incubation_outcome", field="measured_benefit",
                     old=project.measured_benefit, new=savings, site_id=bank.site_id, at=now)
        project.measured_benefit, project.updated_at = savings, now
        changed.add(project.id)
    if adopting and project.status == "incubating":
        # Adopted beyond its origin: the project is promoted (已推广) through its own state machine.
        _apply_transition(s, bank, actor, project, "promote", None)
        changed.add(project.id)
    return changed


def submit(bank: Bank, actor: Actor, ref: str) -> Changes:
    return move(bank, actor, ref, "submit")


def accept(bank: Bank, actor: Actor, ref: str, reason: str = "") -> Changes:
    return move(bank, actor, ref, "accept", reason)


def decline(bank: Bank, actor: Actor, ref: str, reason: str) -> Changes:
    return move(bank, actor, ref, "decline", reason)


def start(bank: Bank, actor: Actor, ref: str) -> Changes:
    return move(bank, actor, ref, "start")


def deliver(bank: Bank, actor: Actor, ref: str) -> Changes:
    return move(bank, actor, ref, "deliver")


def close(bank: Bank, actor: Actor, ref: str, *, units_made: int | None = None, adopting_units: Iterable[str] = (),
          measured_savings: Any = None, note: str = "") -> Changes:
    return move(bank, actor, ref, "close", outcome={"units_made": units_made, "adopting_units": list(adopting_units),
                                                    "measured_savings": measured_savings, "note": note})


def _milestone(req: IncubationRequest, which: str | int) -> Milestone:
    for m in req.milestones:
        if m.id == which or str(m.position) == str(which) or m.title == str(which).strip():
            return m
    raise NotFound(t("委托 {n} 没有里程碑“{m}”。", "Request {n} has no milestone '{m}'.", n=req.number, m=which))


def _check_milestone_work(actor: Actor, req: IncubationRequest) -> None:
    if req.status not in MILESTONE_OPEN:
        raise InvalidTransition(t("只有“已受理”或“实施中”的委托可以更新里程碑；此委托为“{s}”。",
                                  "Milestones can be updated only while a request is accepted or in progress; "
                                  "this one is '{s}'.", s=label(REQUEST_STATUSES, req.status)))
    check(actor, "incubation.report_progress", request_subject(req))


def update_milestone(bank: Bank, actor: Actor, ref: str, milestone: str | int, note: str = "", *,
                     done: bool = False, files: Iterable[Path | str] = ()) -> Changes:
    """Report progress on a milestone (base staff or the studio side), optionally marking it done."""
    note = (note or "").strip()
    if not note and not done and not files:
        raise ValidationError(t("请填写进展说明、附上文件或标记完成。", "Write a note, attach a file or mark it done."))
    with bank.session() as s:
        req = load(s, ref)
        _check_milestone_work(actor, req)
        _milestone(req, milestone)
    refs = attachment_refs(bank, files)
    with bank.write() as s:
        req = load(s, ref, for_update=True)
        _check_milestone_work(actor, req)
        m = _milestone(req, milestone)
        now = bank.now()
        m.updates.append(MilestoneUpdate(milestone_id=m.id, author_id=actor.id, note=note, done=done, attachments=refs,
                                         **_stamp(bank)))
        if done and m.done_on is None:
            m.done_on = today(bank)
            audit.record(s, actor, "incubation", req.id, "milestone_done", field="milestone", new=m.title,
                         site_id=bank.site_id, at=now)
        audit.record(s, actor, "incubation", req.id, "milestone_update", field="milestone", new=f"{m.title}: {note}",
                     site_id=bank.site_id, at=now)
        m.updated_at = req.updated_at = now
        project = req.project
        params = {"title": req.title, "milestone": m.title, "note": note, "done": done}
        for uid in _concerned(s, req, project):
            notify.send(s, bank, uid, "incubation", project.id, "milestone_update", params, actor=actor)
        return Changes(incubation=True, notifications=True, attachments=bool(refs), value=m.id)


def add_milestone(bank: Bank, actor: Actor, ref: str, title: str, due_on: Any) -> Changes:
    """Plans change: add a milestone to an accepted or running request."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(t("请填写里程碑名称。", "Enter the milestone's title."))
    due = parse_date(due_on, t("到期日", "The due date"))
    with bank.write() as s:
        req = load(s, ref, for_update=True)
        _check_milestone_work(actor, req)
        pos = max((m.position for m in req.milestones), default=0) + 1
        req.milestones.append(Milestone(request_id=req.id, position=pos, title=title, due_on=due, **_stamp(bank)))
        req.updated_at = bank.now()
        audit.record(s, actor, "incubation", req.id, "milestone_add", field="milestones",
                     new=f"{title} @ {due.isoformat()}", site_id=bank.site_id, at=bank.now())
        return Changes(incubation=True, value=req.id)


# -- reading ---------------------------------------------------------------------------------------
def _summary(req: IncubationRequest, day: dt.date) -> dict[str, Any]:
    open_ms = [m for m in req.milestones if m.done_on is None]
    nxt = min(open_ms, key=lambda m: m.due_on) if open_ms else None
    return {"id": req.id, "number": req.number, "title": req.title, "status": req.status,
            "status_label": label(REQUEST_STATUSES, req.status),
            "project_id": req.project_id, "project_number": req.project.number, "project_title": req.project.title,
            "project_status": req.project.status,
            "studio": req.studio.name if req.studio else None,
            "requester": req.requester.name if req.requester else None,
            "services": list(req.services or []),
            "services_label": "、".join(label(SERVICES, x) for x in req.services or []),
            "milestones_done": len(req.milestones) - len(open_ms), "milestones_total": len(req.milestones),
            "next_due": nxt.due_on.isoformat() if nxt else None,
            "delivery_confirmed": req.delivery_confirmed_at is not None,
            # Due dates bind only once the base has taken the work on (as in warnings.py).
            "overdue": sum(1 for m in open_ms if m.due_on < day) if req.status in MILESTONE_OPEN else 0,
            "updated_at": req.updated_at.isoformat()}


def request_permissions(bank: Bank, actor: Actor, ref: str) -> Verdicts:
    """What this person may do with this request (permissions.Verdicts: edit, submit, accept, …)."""
    with bank.session() as s:
        return for_request(actor, load(s, ref))


def candidate_projects(bank: Bank, actor: Actor, *, limit: int = 500) -> list[tuple[str, str, str]]:
    """(id, number, title) of the projects this person may request incubation for, newest first."""
    with bank.session() as s:
        stmt = (select(Project).where(Project.status.in_(SUBMITTABLE_PROJECTS), Project.merged_into_id.is_(None))
                .options(selectinload(Project.members)).order_by(Project.updated_at.desc()))
        clause = visible_to(actor)
        if clause is not None:
            stmt = stmt.where(clause)
        if actor.role == "leader":  # narrows the scan; the table below decides
            stmt = stmt.where((Project.studio_id == actor.studio_id) | Project.studio_id.is_(None))
        elif actor.role == "worker":  # their own projects (they commission the base directly)
            from db.models import ProjectMember
            stmt = stmt.where((Project.proposer_id == actor.id) | Project.id.in_(
                select(ProjectMember.project_id).where(ProjectMember.user_id == actor.id)))
        out = []
        for p in s.scalars(stmt.limit(limit * 4)):
            if allowed(actor, "project.request_incubation", project_subject(p)):
                out.append((p.id, p.number, p.title))
                if len(out) == limit:
                    break
        return out


def list_requests(bank: Bank, *, statuses: Iterable[str] = (), studio_id: str | None = None,
                  project_id: str | None = None) -> list[dict[str, Any]]:
    day = today(bank)
    with bank.session() as s:
        stmt = (select(IncubationRequest).options(selectinload(IncubationRequest.milestones),
                                                  selectinload(IncubationRequest.project),
                                                  selectinload(IncubationRequest.studio),
                                                  selectinload(IncubationRequest.requester))
                .order_by(IncubationRequest.updated_at.desc()))
        statuses = [_parse(REQUEST_STATUSES, x, "委托状态", "request status") for x in statuses]
        if statuses:
            stmt = stmt.where(IncubationRequest.status.in_(statuses))
        if studio_id:
            stmt = stmt.where(IncubationRequest.studio_id == studio_id)
        if project_id:
            stmt = stmt.where(IncubationRequest.project_id == project_id)
        return [_summary(r, day) for r in s.scalars(stmt)]


def detail(bank: Bank, actor: Actor, ref: str) -> dict[str, Any]:
    day = today(bank)
    with bank.session() as s:
        req = load(s, ref)
        data = _summary(req, day)
        data.update({
            "maturity": req.maturity, "maturity_label": label(MATURITY, req.maturity), "quantity": req.quantity,
            "materials": req.materials, "budget_lines": list(req.budget_lines or []),
            "budget_total": round(sum(line["amount"] for line in req.budget_lines or []), 2),
            "target_units": list(req.target_units or []), "market": req.market, "ip_ownership": req.ip_ownership,
            "benefit_sharing": req.benefit_sharing, "risks": req.risks, "decision_reason": req.decision_reason,
            "submitted_at": req.submitted_at.isoformat() if req.submitted_at else None,
            "decided_at": req.decided_at.isoformat() if req.decided_at else None,
            "outcome": {"units_made": req.units_made, "adopting_units": list(req.adopting_units or []),
                        "measured_savings": req.measured_savings, "note": req.outcome_note},
            "milestones": [{"id": m.id, "position": m.position, "title": m.title, "due_on": m.due_on.isoformat(),
                            "done_on": m.done_on.isoformat() if m.done_on else None,
                            "overdue": m.done_on is None and m.due_on < day and req.status in MILESTONE_OPEN,
                            "updates": [{"at": u.created_at.isoformat(), "who": u.author.name if u.author else None,
                                         "note": u.note, "done": u.done, "attachments": list(u.attachments or [])}
                                        for u in m.updates]} for m in req.milestones],
            "actions": available_actions(actor, req),
        })
        history = s.execute(select(AuditLog, User.name).outerjoin(User, User.id == AuditLog.actor_id)
                            .where(AuditLog.entity == "incubation", AuditLog.entity_id == req.id)
                            .order_by(AuditLog.at)).all()
        data["history"] = history_rows(s, [(a, name) for a, name in history], "incubation")
        return data


__all__ = ["SERVICES", "MATURITY", "REQUEST_STATUSES", "STEPS", "create", "edit", "move", "submit", "accept",
           "decline", "start", "deliver", "confirm_delivery", "close", "update_milestone", "add_milestone", "list_requests", "detail",
           "action_between", "available_actions", "step_for", "request_permissions", "candidate_projects"]
