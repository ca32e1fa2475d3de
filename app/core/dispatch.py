"""One-click dispatch (一键下达) and progress feedback (进展反馈).

A leader or an administrator sends a task or a notice to many units at once, with a due date,
attachments and a named responsible person per unit. Each responsible person finds it in their
inbox and reports on it: progress (a percentage and a note) any number of times, then a summary
with attachments. The sender accepts each summary or returns it with a reason (the unit reports
again). A task closes by itself when every unit's summary is accepted: the closed loop. A notice
asks less: each unit confirms it has read it, which settles that unit at once.

A unit is *overdue* while it still owes its report (pending, in progress or returned) after the
due date, a day in the site's time zone (app/core/sitetime.py); warnings (alerts.py) raise one
for every unit behind. The sender can remind the units that still owe a report.

Who may do what is in the permission table (task.*): the subject is one unit of a task, its state
the unit's state (lifecycle.TASK_STATES).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.core import audit, notify, sitetime
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from app.core.i18n import t
from app.core.lifecycle import DISPATCH_KINDS, TASK_OWED, TASK_STATES
from app.core.numbering import serial_number
from app.core.permissions import Verdicts, allowed, check, for_target, target_subject, task_subject
from app.core.teams import attachment_refs, parse_date
from app.core.vocab import Labels, _parse, label
from db.models import DispatchReport, DispatchTarget, DispatchTask, Unit, User

KINDS: Labels = DISPATCH_KINDS
TASK_STATUSES: Labels = {"open": ("进行中", "Open"), "closed": ("已办结", "Closed")}
REPORT_KINDS: Labels = {"progress": ("进展", "Progress"), "summary": ("总结", "Summary"), "read": ("已阅", "Read"),
                        "reminder": ("催办", "Reminder"), "accepted": ("验收通过", "Accepted"),
                        "returned": ("退回", "Returned")}
MAX_TITLE, MAX_TEXT, MAX_UNITS = 300, 5000, 1000


def parse_kind(text: str) -> str:
    return _parse(KINDS, text, "下达类型", "kind")


# -- look-ups ---------------------------------------------------------------------------------------
def _task(s: Session, ref: str) -> DispatchTask:
    key = str(ref or "").strip()
    task = s.scalar(select(DispatchTask).where((DispatchTask.id == key) | (DispatchTask.number == key))
                    .options(selectinload(DispatchTask.targets)))
    if task is None:
        raise NotFound(t("找不到下达的任务 {r}。", "Dispatched task {r} not found.", r=ref))
    return task


def _target(s: Session, target_id: str) -> tuple[DispatchTask, DispatchTarget]:
    target = s.get(DispatchTarget, target_id)
    if target is None:
        raise NotFound(t("找不到该单位的任务记录 {r}。", "No unit record {r} of a dispatched task.", r=target_id))
    return target.task, target


def _unit(s: Session, ref: str) -> Unit:
    key = str(ref or "").strip()
    unit = s.scalar(select(Unit).where((Unit.name == key) | (Unit.id == key)))
    if unit is None:
        raise ValidationError(t("没有名为“{n}”的单位。", "There is no unit named '{n}'.", n=ref))
    return unit


def _person(s: Session, ref: str) -> User:
    key = str(ref or "").strip()
    user = s.scalar(select(User).where((User.employee_no == key) | (User.id == key)))
    if user is None:
        raise ValidationError(t("没有工号为 {no} 的人员。", "No person with employee number {no}.", no=ref))
    if not user.active:
        raise ValidationError(t("{n}（{no}）已停用，不能作为责任人。", "{n} ({no}) is deactivated and cannot be "
                                "responsible.", n=user.name, no=user.employee_no))
    return user


def units_below(bank: Bank, unit: str) -> list[str]:
    """The ids of every unit below `unit` (not the unit itself), in tree order: "all below one"."""
    with bank.session() as s:
        top = _unit(s, unit)
        pairs = s.execute(select(Unit.id, Unit.parent_id, Unit.name)).all()
    children: dict[str | None, list[tuple[str, str]]] = {}
    for uid, parent, name in pairs:
        children.setdefault(parent, []).append((name, uid))
    out: list[str] = []

    def walk(parent: str) -> None:
        for _name, uid in sorted(children.get(parent, [])):
            out.append(uid)
            walk(uid)
    walk(top.id)
    return out


def last_responsible(bank: Bank, unit_ids: Iterable[str]) -> dict[str, str]:
    """For each unit, the person named responsible for it the last time a task went there (a
    default the sender can change): unit id -> employee number."""
    with bank.session() as s:
        return _last_responsible(s, unit_ids)


def _last_responsible(s: Session, unit_ids: Iterable[str]) -> dict[str, str]:
    rows = s.execute(select(DispatchTarget.unit_id, User.employee_no)
                     .join(User, User.id == DispatchTarget.responsible_id)
                     .where(DispatchTarget.unit_id.in_(list(unit_ids)), User.active.is_(True))
                     .order_by(DispatchTarget.created_at)).all()
    return {unit_id: no for unit_id, no in rows}  # the latest wins


# -- checks ---------------------------------------------------------------------------------------
def _text(value: Any, limit: int, what_zh: str, what_en: str, *, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError(t("请填写{w}。", "Enter the {w_en}.", w=what_zh, w_en=what_en))
    if len(text) > limit:
        raise ValidationError(t("{w}最多 {n} 字。", "The {w_en} takes at most {n} characters.", w=what_zh, w_en=what_en,
                                n=limit))
    return text


def _progress(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip().rstrip("%"))
    except ValueError:
        number = -1
    if not 0 <= number <= 100:
        raise ValidationError(t("进度应为 0 到 100 之间的整数（百分比），收到“{v}”。",
                                "Progress must be a whole number from 0 to 100 (per cent); got '{v}'.", v=value))
    return number


def today(bank: Bank) -> dt.date:
    return sitetime.today(bank)


def is_overdue(target_state: str, due_on: dt.date, day: dt.date) -> bool:
    """A unit that still owes its report after the due date."""
    return target_state in TASK_OWED and day > due_on


def _tell(s: Session, bank: Bank, actor: Actor, user_id: str | None, code: str, task: DispatchTask,
          **params: Any) -> None:
    """A notice about a task (its words: notices.py, codes task_*)."""
    notify.send(s, bank, user_id, "task", None, code, {"title": task.title, "who": actor.name, **params}, actor=actor)


def _entry(s: Session, bank: Bank, actor: Actor, target: DispatchTarget, kind: str, *, note: str = "",
           progress: int | None = None, attachments: list[dict[str, Any]] | None = None) -> None:
    now = bank.now()
    s.add(DispatchReport(target_id=target.id, author_id=actor.id, kind=kind, note=note, progress=progress,
                         attachments=attachments or [], site_id=bank.site_id, created_at=now, updated_at=now))


def _changed(task: DispatchTask) -> Changes:
    return Changes(tasks=True, notifications=True, value=task.id)


# -- sending --------------------------------------------------------------------------------------
def send(bank: Bank, actor: Actor, title: str, due_on: Any, targets: Iterable[tuple[str, str | None]], *,
         kind: str = "task", body: str = "", files: Iterable[Path | str] = ()) -> Changes:
    """Send a task or notice to units at once. `targets` pairs each unit (name or id) with its
    responsible person (employee number or id); None names the person last responsible for that
    unit. The due date is a day in the site's time zone, today or later. Returns the task's id."""
    check(actor, "task.send")
    title = _text(title, MAX_TITLE, "标题", "title", required=True)
    body = _text(body, MAX_TEXT, "内容", "text")
    kind = parse_kind(kind)
    due = parse_date(due_on, t("截止日期", "The due date"))
    if due < today(bank):
        raise ValidationError(t("截止日期 {d} 已经过去。", "The due date {d} has passed.", d=due.isoformat()))
    pairs = list(targets)
    if not pairs:
        raise ValidationError(t("请至少选择一个单位。", "Choose at least one unit."))
    if len(pairs) > MAX_UNITS:
        raise ValidationError(t("一次最多下达给 {n} 个单位。", "At most {n} units at once.", n=MAX_UNITS))
    refs = attachment_refs(bank, files)  # before the transaction: a file without a row is harmless
    with bank.write() as s:
        chosen: dict[str, tuple[Unit, str | None]] = {}
        for unit_ref, person_ref in pairs:
            unit = _unit(s, unit_ref)
            if unit.id not in chosen or person_ref:
                chosen[unit.id] = (unit, person_ref)
        defaults = _last_responsible(s, [u for u, (_, p) in chosen.items() if not p])
        missing = [unit.name for uid, (unit, p) in chosen.items() if not p and uid not in defaults]
        if missing:
            raise ValidationError(t("请为这些单位指定责任人：{u}", "Name the responsible person for: {u}",
                                    u="、".join(missing)), details=missing)
        now = bank.now()
        task = DispatchTask(number=serial_number(s, bank.site_code, "XD", f"dispatch_seq:{now.year}", now.year, 4),
                            kind=kind, title=title, body=body, due_on=due, sender_id=actor.id, status="open",
                            attachments=refs, site_id=bank.site_id, created_at=now, updated_at=now)
        s.add(task)
        s.flush()
        audit.record(s, actor, "dispatch", task.id, "send", new=title, site_id=bank.site_id, at=now)
        for uid, (unit, person_ref) in chosen.items():
            person = _person(s, person_ref or defaults[uid])
            target = DispatchTarget(task_id=task.id, unit_id=uid, responsible_id=person.id, state="pending",
                                    site_id=bank.site_id, created_at=now, updated_at=now)
            s.add(target)
            audit.record(s, actor, "dispatch", task.id, "assign", field=unit.name, new=person.employee_no,
                         site_id=bank.site_id, at=now)
            _tell(s, bank, actor, person.id, "task_sent", task, kind=kind, unit=unit.name, due=due.isoformat())
        return _changed(task)


# -- the unit's side ------------------------------------------------------------------------------
def report(bank: Bank, actor: Actor, target_id: str, *, note: str = "", progress: Any = None, summary: bool = False,
           files: Iterable[Path | str] = ()) -> Changes:
    """The responsible person reports on their unit: progress (a percentage and a note), or with
    summary=True the unit's summary, which waits for the sender's acceptance. On a notice, any
    report confirms the unit has read it and settles the unit."""
    note = _text(note, MAX_TEXT, "说明", "note")
    pct = _progress(progress)
    refs = attachment_refs(bank, files)
    with bank.write() as s:
        task, target = _target(s, target_id)
        check(actor, "task.report", target_subject(task, target))
        now = bank.now()
        old = target.state
        if task.kind == "notice":
            kind, target.state, target.progress, target.reported_at = "read", "accepted", 100, now
            target.decided_at = now
        elif summary:
            if not note and not refs:
                raise ValidationError(t("总结请写明办理情况或附上材料。", "A summary needs a note or an attachment."))
            kind, target.state, target.reported_at = "summary", "reported", now
            target.progress = 100 if pct is None else pct
        else:
            if pct is None and not note and not refs:
                raise ValidationError(t("请填写进度、说明或附件。", "Give the progress, a note or an attachment."))
            kind, target.state = "progress", "in_progress"
            target.progress = target.progress if pct is None else pct
        target.updated_at = now
        _entry(s, bank, actor, target, kind, note=note, progress=target.progress, attachments=refs)
        audit.record(s, actor, "dispatch", task.id, kind, field=target.unit.name, old=old, new=target.state,
                     site_id=bank.site_id, at=now)
        _tell(s, bank, actor, task.sender_id, f"task_{kind}", task, unit=target.unit.name, p=target.progress)
        _close_if_done(s, bank, actor, task)
        return _changed(task)


# -- the sender's side ----------------------------------------------------------------------------
def accept(bank: Bank, actor: Actor, target_id: str, note: str = "") -> Changes:
    """Accept a unit's summary (验收). The task closes when every unit's is accepted."""
    note = _text(note, MAX_TEXT, "说明", "note")
    with bank.write() as s:
        task, target = _target(s, target_id)
        check(actor, "task.accept", target_subject(task, target))
        now = bank.now()
        target.state, target.decided_at, target.decided_by, target.return_reason = "accepted", now, actor.id, ""
        target.updated_at = now
        _entry(s, bank, actor, target, "accepted", note=note)
        audit.record(s, actor, "dispatch", task.id, "accept", field=target.unit.name, old="reported", new="accepted",
                     site_id=bank.site_id, at=now)
        _tell(s, bank, actor, target.responsible_id, "task_accepted", task, unit=target.unit.name)
        _close_if_done(s, bank, actor, task)
        return _changed(task)


def return_report(bank: Bank, actor: Actor, target_id: str, reason: str) -> Changes:
    """Send a unit's summary back with a reason; the unit reports again."""
    reason = _text(reason, MAX_TEXT, "退回理由", "reason for returning it", required=True)
    with bank.write() as s:
        task, target = _target(s, target_id)
        check(actor, "task.return", target_subject(task, target))
        now = bank.now()
        target.state, target.decided_at, target.decided_by, target.return_reason = "returned", now, actor.id, reason
        target.updated_at = now
        _entry(s, bank, actor, target, "returned", note=reason)
        audit.record(s, actor, "dispatch", task.id, "return", field=target.unit.name, old="reported", new=reason,
                     site_id=bank.site_id, at=now)
        _tell(s, bank, actor, target.responsible_id, "task_returned", task, unit=target.unit.name, r=reason)
        return _changed(task)


def remind(bank: Bank, actor: Actor, task_ref: str, units: Iterable[str] | None = None, note: str = "") -> Changes:
    """Remind (催办) the units that still owe a report (or those of `units` among them). Returns
    the number of units reminded."""
    note = _text(note, MAX_TEXT, "说明", "note")
    with bank.write() as s:
        task = _task(s, task_ref)
        wanted = {_unit(s, u).id for u in units} if units is not None else None
        chosen = [tg for tg in task.targets if wanted is None or tg.unit_id in wanted]
        if wanted is not None and len(chosen) < len(wanted):
            raise ValidationError(t("有的单位不在此任务中。", "Some of these units are not among the task's units."))
        due = [tg for tg in chosen if tg.state in TASK_OWED]
        if not due:
            raise InvalidTransition(t("没有需要催办的单位：都已反馈。", "No unit to remind: every one has reported."))
        for target in due:
            check(actor, "task.remind", target_subject(task, target))
        now = bank.now()
        for target in due:
            target.reminders, target.reminded_at, target.updated_at = target.reminders + 1, now, now
            _entry(s, bank, actor, target, "reminder", note=note)
            _tell(s, bank, actor, target.responsible_id, "task_reminder", task, unit=target.unit.name,
                  due=task.due_on.isoformat(), n=note)
        audit.record(s, actor, "dispatch", task.id, "remind", new=[tg.unit.name for tg in due], site_id=bank.site_id,
                     at=now)
        return Changes(tasks=True, notifications=True, value=len(due))


def _close_if_done(s: Session, bank: Bank, actor: Actor, task: DispatchTask) -> None:
    """The closed loop: the task closes when every unit is settled."""
    s.flush()
    if task.status == "open" and all(tg.state == "accepted" for tg in task.targets):
        now = bank.now()
        task.status, task.closed_at, task.updated_at = "closed", now, now
        audit.record(s, actor, "dispatch", task.id, "close", old="open", new="closed", site_id=bank.site_id, at=now)
        _tell(s, bank, actor, task.sender_id, "task_closed", task)


# -- reading --------------------------------------------------------------------------------------
def _visible(actor: Actor) -> Any:
    """Tasks the person may see: admins all; others those they sent or are responsible in."""
    if actor.role == "admin":
        return None
    mine = select(DispatchTarget.task_id).where(DispatchTarget.responsible_id == actor.id)
    return or_(DispatchTask.sender_id == actor.id, DispatchTask.id.in_(mine))


def list_tasks(bank: Bank, actor: Actor, *, box: str = "all", status: str | None = None) -> list[dict[str, Any]]:
    """The tasks this person may see, newest first: box "sent" (theirs), "mine" (where they are
    responsible for a unit) or "all"; status "open" or "closed" narrows it. Each with the number of
    units in each state, and how many are overdue."""
    day = today(bank)
    with bank.session() as s:
        stmt = select(DispatchTask).options(selectinload(DispatchTask.targets), selectinload(DispatchTask.sender))
        seen = _visible(actor)
        if seen is not None:
            stmt = stmt.where(seen)
        if box == "sent":
            stmt = stmt.where(DispatchTask.sender_id == actor.id)
        elif box == "mine":
            stmt = stmt.where(DispatchTask.id.in_(select(DispatchTarget.task_id)
                                                  .where(DispatchTarget.responsible_id == actor.id)))
        elif box != "all":
            raise ValidationError(t("box 应为 all、sent 或 mine。", "box must be all, sent or mine."))
        if status:
            if status not in TASK_STATUSES:
                raise ValidationError(t("状态应为 open 或 closed。", "The status must be open or closed."))
            stmt = stmt.where(DispatchTask.status == status)
        tasks = list(s.scalars(stmt.order_by(DispatchTask.created_at.desc(), DispatchTask.id.desc())))
        return [_summary(task, actor, day) for task in tasks]


def _summary(task: DispatchTask, actor: Actor, day: dt.date) -> dict[str, Any]:
    states = Counter(tg.state for tg in task.targets)
    overdue = sum(1 for tg in task.targets if is_overdue(tg.state, task.due_on, day))
    mine = [tg for tg in task.targets if tg.responsible_id == actor.id]
    return {"id": task.id, "number": task.number, "kind": task.kind, "kind_label": label(KINDS, task.kind),
            "title": task.title, "due_on": task.due_on.isoformat(), "status": task.status,
            "status_label": label(TASK_STATUSES, task.status), "sender": task.sender.employee_no if task.sender else None,
            "sender_name": task.sender.name if task.sender else None, "units": len(task.targets),
            "states": {code: states.get(code, 0) for code in TASK_STATES}, "overdue": overdue,
            "my_units": [{"target_id": tg.id, "state": tg.state} for tg in mine],
            "created_at": task.created_at.isoformat(),
            "closed_at": task.closed_at.isoformat() if task.closed_at else None}


def detail(bank: Bank, actor: Actor, task_ref: str) -> dict[str, Any]:
    """One task with its board: every unit's state, progress, responsible person, whether it is
    overdue, and its thread of reports; `may` says what this person may do with each unit."""
    day = today(bank)
    with bank.session() as s:
        task = s.scalar(select(DispatchTask).where((DispatchTask.id == task_ref) | (DispatchTask.number == task_ref))
                        .options(selectinload(DispatchTask.targets).selectinload(DispatchTarget.reports),
                                 selectinload(DispatchTask.targets).selectinload(DispatchTarget.unit),
                                 selectinload(DispatchTask.targets).selectinload(DispatchTarget.responsible)))
        if task is None:
            raise NotFound(t("找不到下达的任务 {r}。", "Dispatched task {r} not found.", r=task_ref))
        if not allowed(actor, "task.view", task_subject(task)):
            raise PermissionDenied(t("{name}（{no}）不能查看此任务：只有下达人、各单位责任人和管理员可以。",
                                     "{name} ({no}) may not see this task: only its sender, the units' responsible "
                                     "people and administrators may.", name=actor.name, no=actor.employee_no))
        authors = {u.id: u for u in s.scalars(select(User).where(User.id.in_(
            {r.author_id for tg in task.targets for r in tg.reports if r.author_id})))}
        out = _summary(task, actor, day)
        out.update(body=task.body, attachments=list(task.attachments or []), targets=[])
        for tg in sorted(task.targets, key=lambda x: x.unit.name):
            verdicts = for_target(actor, task, tg)
            out["targets"].append({
                "id": tg.id, "unit": tg.unit.name, "unit_id": tg.unit_id,
                "responsible": tg.responsible.employee_no if tg.responsible else None,
                "responsible_name": tg.responsible.name if tg.responsible else None,
                "state": tg.state, "state_label": label(TASK_STATES, tg.state), "progress": tg.progress,
                "overdue": is_overdue(tg.state, task.due_on, day),
                "days_overdue": max(0, (day - task.due_on).days) if is_overdue(tg.state, task.due_on, day) else 0,
                "reported_at": tg.reported_at.isoformat() if tg.reported_at else None,
                "return_reason": tg.return_reason, "reminders": tg.reminders,
                "may": [a for a in ("report", "remind", "accept", "return") if verdicts.may(a)],
                "reports": [{"kind": r.kind, "kind_label": label(REPORT_KINDS, r.kind), "note": r.note,
                             "progress": r.progress, "attachments": list(r.attachments or []),
                             "by": authors[r.author_id].name if r.author_id in authors else None,
                             "at": r.created_at.isoformat()} for r in tg.reports]})
        return out


def verdicts(bank: Bank, actor: Actor, target_id: str) -> Verdicts:
    """What this person may do with one unit of a task (the page's buttons)."""
    with bank.session() as s:
        task, target = _target(s, target_id)
        return for_target(actor, task, target)


def my_target(bank: Bank, actor: Actor, task_ref: str, unit: str | None = None) -> str:
    """The unit of a task this person answers for (naming the unit when they answer for several)."""
    with bank.session() as s:
        task = _task(s, task_ref)
        if unit:
            unit_id = _unit(s, unit).id
            found = [tg for tg in task.targets if tg.unit_id == unit_id]
            if not found:
                raise ValidationError(t("单位“{u}”不在任务 {n} 中。", "The unit '{u}' is not among the units of {n}.",
                                        u=unit, n=task.number))
            return found[0].id
        mine = [tg for tg in task.targets if tg.responsible_id == actor.id]
        if len(mine) == 1:
            return mine[0].id
        if not mine:
            raise PermissionDenied(t("{name}（{no}）不是任务 {n} 任何单位的责任人。",
                                     "{name} ({no}) is not responsible for any unit of {n}.", name=actor.name,
                                     no=actor.employee_no, n=task.number))
        names = "、".join(tg.unit.name for tg in mine)
        raise ValidationError(t("你负责多个单位（{u}），请用 --unit 指明。", "You answer for several units ({u}); "
                                "name one with --unit.", u=names))


def behind(bank: Bank, *, warn_days: int = 0, day: dt.date | None = None) -> list[dict[str, Any]]:
    """Units of open tasks that still owe their report and are overdue, or due within `warn_days`
    days: what the warnings raise (alerts.py). One row per unit."""
    day = day or today(bank)
    horizon = day + dt.timedelta(days=warn_days)
    with bank.session() as s:
        rows = s.execute(select(DispatchTarget, DispatchTask, Unit.name)
                         .join(DispatchTask, DispatchTask.id == DispatchTarget.task_id)
                         .join(Unit, Unit.id == DispatchTarget.unit_id)
                         .where(DispatchTask.status == "open", DispatchTarget.state.in_(TASK_OWED),
                                DispatchTask.due_on <= horizon)).all()
    return [{"target_id": tg.id, "task_id": task.id, "number": task.number, "title": task.title,
             "due_on": task.due_on, "unit": unit, "responsible_id": tg.responsible_id, "sender_id": task.sender_id,
             "overdue": day > task.due_on, "days": (day - task.due_on).days} for tg, task, unit in rows]


__all__ = ["KINDS", "TASK_STATUSES", "REPORT_KINDS", "send", "report", "accept", "return_report", "remind",
           "list_tasks", "detail", "verdicts", "my_target", "units_below", "last_responsible", "behind", "is_overdue",
           "today"]
