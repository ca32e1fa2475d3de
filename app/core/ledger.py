"""The studio ledger (工作室台账): the records a studio keeps for the year, and the workbook of them.

Most of the ledger already has a home: tackling projects and their stays (projects), team activities
(teams), transformation (incubation requests), awards (projects). What had none are a studio's own
activities, study sessions and the rewards it gives: `StudioRecord` holds those (migration 0010).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.core import audit, sitetime
from app.core.actor import Actor
from app.core.analytics.tables import COUNT, MONEY, TEXT, Table, write_xlsx
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import NotFound, ValidationError
from app.core.fields import parse_amount
from app.core.i18n import t
from app.core.permissions import check, studio_subject
from app.core.teams import parse_date
from app.core.vocab import CATEGORIES, STATUSES, STUDIO_LEVELS, Labels, _parse, label
from db.models import IncubationRequest, Project, ProjectStage, Studio, StudioRecord, Team, TeamActivity, Unit, User

RECORD_KINDS: Labels = {
    "activity": ("活动", "Activity"),
    "study": ("学习", "Study session"),
    "reward": ("奖励", "Reward"),
}


def parse_record_kind(text: str) -> str:
    return _parse(RECORD_KINDS, text, "记录类型", "record kind")


def _studio(s: Session, ref: str) -> Studio:
    studio = s.scalar(select(Studio).where((Studio.id == ref) | (Studio.name == str(ref).strip())))
    if studio is None:
        raise NotFound(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=ref))
    return studio


def _may_keep(actor: Actor, studio: Studio) -> None:
    check(actor, "studio.keep_ledger", studio_subject(studio.id))


def add_record(bank: Bank, actor: Actor, studio: str, kind: str, title: str, happened_on: Any, *, body: str = "",
               participants: Any = None, amount: Any = None) -> Changes:
    """A studio's activity, study session or reward, for its ledger; its leader or an admin writes it."""
    kind = parse_record_kind(kind)
    title = (title or "").strip()
    problems = []
    if not title or len(title) > 300:
        problems.append(t("请填写标题（最多 300 字）。", "Enter a title (at most 300 characters)."))
    day = parse_date(happened_on, t("日期", "The date"))
    try:
        people = None if participants in (None, "") else int(participants)
        if people is not None and people < 0:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(t("参加人数应为不小于 0 的整数。", "The number of participants must be a whole number ≥ 0."))
        people = None
    try:
        money = parse_amount(amount)
    except (TypeError, ValueError):
        problems.append(t("金额应为不小于 0 的数（元），例如 2000 或 0.2万。", "The amount must be yuan ≥ 0, e.g. 2000."))
        money = None
    if problems:
        raise ValidationError("；".join(problems), details=problems)
    with bank.write() as s:
        row = _studio(s, studio)
        _may_keep(actor, row)
        now = bank.now()
        record = StudioRecord(studio_id=row.id, kind=kind, title=title, happened_on=day, body=(body or "").strip(),
                              participants=people, amount=money, author_id=actor.id, site_id=bank.site_id,
                              created_at=now, updated_at=now)
        s.add(record)
        s.flush()
        audit.record(s, actor, "studio", row.id, "record", field=kind, new=title, site_id=bank.site_id, at=now)
        # Studio data: the pages that show studios refresh on `people`.
        return Changes(people=True, value=record.id)


def delete_record(bank: Bank, actor: Actor, record_id: str) -> Changes:
    with bank.write() as s:
        record = s.get(StudioRecord, record_id)
        if record is None:
            raise NotFound(t("没有这条台账记录。", "There is no such ledger record."))
        _may_keep(actor, _studio(s, record.studio_id))
        now = bank.now()
        audit.record(s, actor, "studio", record.studio_id, "record_delete", field=record.kind, old=record.title,
                     site_id=bank.site_id, at=now)
        audit.tombstone(s, "studio_record", record.id, bank.site_id, now)
        s.delete(record)
        return Changes(people=True)


def year_bounds(bank: Bank, year: int) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants a calendar year of the site begins and ends."""
    zone = sitetime.zone(bank)
    return sitetime.start_of_day(dt.date(year, 1, 1), zone), sitetime.start_of_day(dt.date(year + 1, 1, 1), zone)


def ledger(bank: Bank, actor: Actor, studio: str, year: int) -> list[Table]:
    """The studio's ledger for one year as tables: profile and checklist, members, activities, study,
    tackling, transformation, rewards and achievements. Projects the person may not see are left out."""
    from app.core import compliance
    from app.core.analytics.scope import Frame, Scope
    check(actor, "studio.export_ledger")
    zone = sitetime.zone(bank)
    start, end = year_bounds(bank, year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with bank.session() as s:
        row = _studio(s, studio)
        status = compliance.checklist(bank, actor, year, studio_id=row.id)[0]
        frame = Frame(bank, s, Scope(actor, studio_id=row.id))
        members = s.execute(select(User.employee_no, User.name, Unit.name, User.skill_grade, User.role)
                            .outerjoin(Unit, Unit.id == User.unit_id)
                            .where(User.studio_id == row.id, User.active.is_(True)).order_by(User.employee_no)).all()
        records = {kind: s.execute(select(StudioRecord.happened_on, StudioRecord.title, StudioRecord.participants,
                                          StudioRecord.amount, StudioRecord.body)
                                   .where(StudioRecord.studio_id == row.id, StudioRecord.kind == kind,
                                          StudioRecord.happened_on.between(first, last))
                                   .order_by(StudioRecord.happened_on)).all() for kind in RECORD_KINDS}
        team_log = s.execute(select(TeamActivity.happened_on, TeamActivity.title, Team.name, TeamActivity.body)
                             .join(Team, Team.id == TeamActivity.team_id)
                             .where(Team.studio_id == row.id, TeamActivity.happened_on.between(first, last))
                             .order_by(TeamActivity.happened_on)).all()
        in_progress = and_(ProjectStage.stage == "in_progress", ProjectStage.entered_at < end,
                           or_(ProjectStage.left_at.is_(None), ProjectStage.left_at >= start))
        proposer = User.__table__.alias("proposer")
        tackling = s.execute(frame.proposals(
            select(Project.number, Project.title, Project.status, proposer.c.name, ProjectStage.entered_at,
                   ProjectStage.left_at).select_from(Project)
            .join(ProjectStage, ProjectStage.project_id == Project.id).where(in_progress)
            .outerjoin(proposer, proposer.c.id == Project.proposer_id)).order_by(ProjectStage.entered_at)).all()
        achievements = s.execute(frame.proposals(
            select(Project.number, Project.title, Project.category, Project.completed_at, Project.measured_benefit,
                   Project.awards, Project.patents).where(compliance.achieved_in(frame, start, end, year))
        ).order_by(Project.number)).all()
        visible = frame.proposals(select(Project.id).select_from(Project))
        transformation = s.execute(
            select(IncubationRequest.number, IncubationRequest.title, IncubationRequest.status,
                   IncubationRequest.submitted_at, IncubationRequest.closed_at, IncubationRequest.measured_savings)
            .where(IncubationRequest.studio_id == row.id, IncubationRequest.project_id.in_(visible),
                   compliance.request_in(start, end)).order_by(IncubationRequest.number)).all()
        leader = s.get(User, row.leader_id) if row.leader_id else None
        premises, funds = row.premises, row.funds
        unit = s.get(Unit, row.unit_id) if row.unit_id else None
    return [
        Table("profile", t("基本情况", "Profile"), [(t("项目", "Item"), TEXT), (t("内容", "Value"), TEXT)], [
            [t("工作室", "Studio"), row.name], [t("级别", "Level"), label(STUDIO_LEVELS, row.level)],
            [t("所属单位", "Unit"), unit.name if unit else ""], [t("领衔人", "Leader"), leader.name if leader else ""],
            [t("成立日期", "Founded"), row.founded.isoformat() if row.founded else ""],
            [t("成员人数", "Members"), str(len(members))], [t("场所", "Premises"), premises or ""],
            [t("经费（元/年）", "Funds (yuan/yr)"), "" if funds is None else f"{funds:,.0f}"],
            [t("年度", "Year"), str(year)],
            *[[compliance.item_label(i["key"]), compliance.item_text(i)] for i in status["items"]]]),
        Table("members", t("成员", "Members"),
              [(t("工号", "No."), TEXT), (t("姓名", "Name"), TEXT), (t("单位", "Unit"), TEXT),
               (t("技能等级", "Skill grade"), TEXT), (t("角色", "Role"), TEXT)],
              [[no, name, u or "", grade or "", role] for no, name, u, grade, role in members]),
        Table("activity", t("活动", "Activities"),
              [(t("日期", "Date"), TEXT), (t("活动", "Activity"), TEXT), (t("团队", "Team"), TEXT),
               (t("参加人数", "Participants"), COUNT), (t("说明", "Notes"), TEXT)],
              sorted([[d.isoformat(), title, "", n, body] for d, title, n, _a, body in records["activity"]]
                     + [[d.isoformat(), title, team, None, body] for d, title, team, body in team_log])),
        Table("study", t("学习", "Study"),
              [(t("日期", "Date"), TEXT), (t("内容", "Subject"), TEXT), (t("参加人数", "Participants"), COUNT),
               (t("说明", "Notes"), TEXT)],
              [[d.isoformat(), title, n, body] for d, title, n, _a, body in records["study"]]),
        Table("tackling", t("攻关", "Tackling"),
              [(t("编号", "Number"), TEXT), (t("项目", "Project"), TEXT), (t("状态", "Status"), TEXT),
               (t("负责人", "Proposer"), TEXT), (t("开始攻关", "Work started"), TEXT), (t("完成", "Finished"), TEXT)],
              [[no, title, label(STATUSES, st), who or "", _day(a, zone), _day(b, zone)] for no, title, st, who, a, b in tackling]),
        Table("transformation", t("转化", "Transformation"),
              [(t("委托编号", "Request"), TEXT), (t("委托", "Title"), TEXT), (t("状态", "Status"), TEXT),
               (t("提交", "Submitted"), TEXT), (t("结项", "Closed"), TEXT), (t("实测节约", "Measured savings"), MONEY)],
              [[no, title, st, _day(a, zone), _day(b, zone), money] for no, title, st, a, b, money in transformation]),
        Table("reward", t("奖励", "Rewards"),
              [(t("日期", "Date"), TEXT), (t("奖励", "Reward"), TEXT), (t("人数", "People"), COUNT),
               (t("金额（元）", "Amount (yuan)"), MONEY), (t("说明", "Notes"), TEXT)],
              [[d.isoformat(), title, n, a, body] for d, title, n, a, body in records["reward"]]),
        Table("achievements", t("成果", "Achievements"),
              [(t("编号", "Number"), TEXT), (t("项目", "Project"), TEXT), (t("分类", "Category"), TEXT),
               (t("完成", "Completed"), TEXT), (t("实测效益", "Measured benefit"), MONEY), (t("获奖", "Awards"), TEXT),
               (t("专利", "Patents"), TEXT)],
              [[no, title, label(CATEGORIES, cat), _day(done, zone), benefit,
                "；".join(" ".join(str(a.get(k) or "") for k in ("name", "level", "year")).strip() for a in awards or []),
                "；".join(str(p.get("number") or "") for p in patents or [])]
               for no, title, cat, done, benefit, awards, patents in achievements]),
    ]


def _day(value: dt.datetime | None, zone: dt.tzinfo) -> str:
    return value.astimezone(zone).date().isoformat() if value else ""


def export_ledger(bank: Bank, actor: Actor, studio: str, year: int, path: str | Path) -> Path:
    return write_xlsx(path, ledger(bank, actor, studio, year))
