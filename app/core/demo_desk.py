"""The leader's desk in the demo bank: dispatched tasks (一键下达) and a merit competition (立功竞赛),
so those pages show what they are for on first start, as the other pages do.

Made through the core's own use cases (a handful of calls, not bulk rows): one task sent by a studio
leader to four units — one report accepted, one awaiting acceptance, one behind, one returned —
whose due day has passed, a notice due tomorrow to two more units, and a campaign over the last
years with the newest submitted projects entered in it. The warnings page then shows units behind
schedule and tasks due soon.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update

from app.core import campaigns, dispatch
from app.core.actor import Actor
from app.core.bank import Bank
from db.models import Campaign, DispatchTask, Project, Studio, Unit, User

CAMPAIGN_ENTRIES = 60  # projects entered in the demo campaign (each entry is one use case)


def fill(bank: Bank, admin: Actor) -> dict[str, int]:
    """Tasks and a campaign, if the bank has a studio with a leader and units with workers, and has
    no campaign yet (more demo projects appended later add no second desk)."""
    with bank.session() as s:
        if s.scalar(select(Campaign.id).limit(1)) is not None:
            return {"dispatch_tasks": 0, "campaigns": 0}
        leader_id = s.scalar(select(Studio.leader_id).where(Studio.leader_id.is_not(None)).order_by(Studio.name))
        pairs = s.execute(select(Unit.name, User.employee_no).join(User, User.unit_id == Unit.id)
                          .where(User.role == "worker", User.active.is_(True))
                          .order_by(Unit.name, User.employee_no)).all()
        newest = list(s.scalars(select(Project.id).where(Project.status.not_in(("draft", "not_adopted")),
                                                        Project.merged_into_id.is_(None))
                                .order_by(Project.created_at.desc()).limit(CAMPAIGN_ENTRIES)))
    if leader_id is None:
        return {"dispatch_tasks": 0, "campaigns": 0}
    leader = bank.actor(_employee_no(bank, leader_id))
    responsible: dict[str, str] = {}
    for unit, person in pairs:
        responsible.setdefault(unit, person)
    units = list(responsible.items())
    tasks = 0
    if len(units) >= 4:
        _task_behind(bank, admin, leader, units[:4])
        tasks += 1
    if len(units) >= 6:
        dispatch.send(bank, leader, "迎峰度夏保电值守安排", dispatch.today(bank) + dt.timedelta(days=1), units[4:6],
                      kind="notice", body="请各单位于明日前报送值守人员名单和联系方式。")
        tasks += 1
    made = 0
    if newest:
        year = dispatch.today(bank).year
        cid = campaigns.create(bank, admin, f"{year - 3}—{year}年创新立功竞赛", f"{year - 3}-01-01",
                               dispatch.today(bank), theme="保供电、降损耗、促创新").value
        for pid in newest:
            campaigns.enter(bank, admin, cid, pid)
        made = 1
    return {"dispatch_tasks": tasks, "campaigns": made}


def _employee_no(bank: Bank, user_id: str) -> str:
    with bank.session() as s:
        return str(s.scalar(select(User.employee_no).where(User.id == user_id)))


def _task_behind(bank: Bank, admin: Actor, leader: Actor, units: list[tuple[str, Any]]) -> None:
    tid = dispatch.send(bank, leader, "迎峰度夏设备隐患排查", dispatch.today(bank) + dt.timedelta(days=5), units,
                        body="请各单位排查所辖设备隐患，上报排查总结和整改清单。").value
    for i, target in enumerate(dispatch.detail(bank, admin, tid)["targets"]):
        who = bank.actor(target["responsible"])
        if i == 0:
            dispatch.report(bank, who, target["id"], note="排查 32 台设备，整改 5 项。", progress=100, summary=True)
            dispatch.accept(bank, leader, target["id"])
        elif i == 1:
            dispatch.report(bank, who, target["id"], note="已完成排查，整改清单见附件。", progress=100, summary=True)
        elif i == 2:
            dispatch.report(bank, who, target["id"], note="已排查一半。", progress=50)
        else:
            dispatch.report(bank, who, target["id"], note="已排查。", progress=100, summary=True)
            dispatch.return_report(bank, leader, target["id"], "缺少整改清单")
    # Time has passed since it was sent: its due day was two days ago (the use case refuses a past
    # day, as it should for a person).
    with bank.write() as s:
        s.execute(update(DispatchTask).where(DispatchTask.id == tid)
                  .values(due_on=dispatch.today(bank) - dt.timedelta(days=2)))
