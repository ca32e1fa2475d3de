"""Studio compliance (六有): for each studio and year, what of the six it has, and what is missing.

1. a named leader (有领衔人); 2. a team (有团队): at least TEAM_MIN active people in the studio;
3. a tackling project this year (有攻关项目): a project of the studio in progress at some time in the
year; 4. a recognised achievement this year (有成果): a project of the studio completed or promoted in
the year, or awarded with that year; 5. premises and funds recorded (有场所和经费); 6. records kept
(有台账): activities (the studio's own or its teams'), study sessions, tackling (item 3 or a tackling
team's log), transformation (incubation requests filed, submitted or closed in the year) and rewards
(the studio's reward records or awards of the year), each at least once.

Counts are SQL aggregates per studio and, like every figure, count only projects the person may see.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Select, and_, func, or_, select, text, type_coerce

from app.core.actor import Actor
from app.core.analytics.scope import Frame, Scope
from app.core.bank import Bank
from app.core.i18n import t
from app.core.vocab import Labels, label
from db.models import IncubationRequest, Project, ProjectStage, Studio, StudioRecord, Team, TeamActivity, User

TEAM_MIN = 3
ITEMS: Labels = {
    # Short: they head the columns of the compliance page (the year is chosen above them).
    "leader": ("有领衔人", "Leader"),
    "team": ("有团队", "Team"),
    "tackling": ("有攻关项目", "Tackling"),
    "achievement": ("有成果", "Achievement"),
    "premises_funds": ("有场所和经费", "Premises, funds"),
    "records": ("有台账", "Records"),
}
MISSING: Labels = {
    "leader": ("领衔人", "leader"),
    "team": ("团队", "team"),
    "tackling": ("本年攻关项目", "tackling project this year"),
    "achievement": ("本年成果", "achievement this year"),
    "premises_funds": ("场所和经费记录", "premises and funds on record"),
}
RECORDS: Labels = {
    "activity": ("活动", "activities"),
    "study": ("学习", "study"),
    "tackling": ("攻关", "tackling"),
    "transformation": ("转化", "transformation"),
    "reward": ("奖励", "rewards"),
}


def item_label(key: str) -> str:
    return label(ITEMS, key)


def finished_in(start: dt.datetime, end: dt.datetime) -> ColumnElement[bool]:
    """A project completed or promoted within [start, end)."""
    return Project.id.in_(select(ProjectStage.project_id).where(
        ProjectStage.stage.in_(("completed", "promoted")), ProjectStage.entered_at >= start,
        ProjectStage.entered_at < end))


def awarded_in(frame: Frame, year: int) -> ColumnElement[bool]:
    """A project with an award of `year` (awards are a JSON list of {name, level, year})."""
    if frame.sqlite:
        awarded = text("EXISTS (SELECT 1 FROM json_each(projects.awards) AS award "
                       "WHERE CAST(json_extract(award.value, '$.year') AS TEXT) = :award_year)")
    else:
        awarded = text("EXISTS (SELECT 1 FROM json_array_elements(projects.awards) AS award "
                       "WHERE award ->> 'year' = :award_year)")
    # type_coerce: the same SQL, typed as the boolean condition it is
    return type_coerce(awarded.bindparams(award_year=str(year)), Boolean)


def achieved_in(frame: Frame, start: dt.datetime, end: dt.datetime, year: int) -> ColumnElement[bool]:
    return or_(finished_in(start, end), awarded_in(frame, year))


def request_in(start: dt.datetime, end: dt.datetime) -> ColumnElement[bool]:
    """An incubation request filed, submitted or closed within [start, end)."""
    r = IncubationRequest
    return or_(and_(r.created_at >= start, r.created_at < end), and_(r.submitted_at >= start, r.submitted_at < end),
               and_(r.closed_at >= start, r.closed_at < end))


def checklist(bank: Bank, actor: Actor, year: int, *, studio_id: str | None = None) -> list[dict[str, Any]]:
    """One entry per studio (or the one asked for): the six items with ok and the figure behind each,
    and the keys of what is missing ("records.study" for a kind of record that is missing)."""
    from app.core.ledger import year_bounds
    start, end = year_bounds(bank, year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with bank.session() as s:
        frame = Frame(bank, s, Scope(actor, studio_id=studio_id))

        def per_studio(stmt: Select[str | None, int]) -> dict[str, int]:
            return {sid: n for sid, n in s.execute(stmt) if sid is not None}
        studios = select(Studio, User.name).outerjoin(User, and_(User.id == Studio.leader_id, User.active.is_(True))) \
            .order_by(Studio.name)
        if studio_id:
            studios = studios.where(Studio.id == studio_id)
        rows = s.execute(studios).all()
        members = per_studio(select(User.studio_id, func.count()).where(User.active.is_(True))
                             .group_by(User.studio_id))
        in_progress = and_(ProjectStage.stage == "in_progress", ProjectStage.entered_at < end,
                           or_(ProjectStage.left_at.is_(None), ProjectStage.left_at >= start))
        tackling = per_studio(frame.proposals(
            select(Project.studio_id, func.count(func.distinct(Project.id))).select_from(Project)
            .join(ProjectStage, ProjectStage.project_id == Project.id).where(in_progress)).group_by(Project.studio_id))
        achieved = per_studio(frame.proposals(
            select(Project.studio_id, func.count()).select_from(Project).where(achieved_in(frame, start, end, year))
        ).group_by(Project.studio_id))
        awarded = per_studio(frame.proposals(
            select(Project.studio_id, func.count()).select_from(Project)
            .where(awarded_in(frame, year))).group_by(Project.studio_id))
        records = {(sid, kind): n for sid, kind, n in s.execute(
            select(StudioRecord.studio_id, StudioRecord.kind, func.count())
            .where(StudioRecord.happened_on.between(first, last)).group_by(StudioRecord.studio_id, StudioRecord.kind))}
        team_log = {(sid, kind): n for sid, kind, n in s.execute(
            select(Team.studio_id, Team.kind, func.count()).join(TeamActivity, TeamActivity.team_id == Team.id)
            .where(TeamActivity.happened_on.between(first, last)).group_by(Team.studio_id, Team.kind))}
        visible = frame.proposals(select(Project.id).select_from(Project))
        transformation = per_studio(
            select(IncubationRequest.studio_id, func.count())
            .where(IncubationRequest.project_id.in_(visible), request_in(start, end))
            .group_by(IncubationRequest.studio_id))
    out = []
    for studio, leader in rows:
        sid, name = studio.id, studio.name
        premises, funds = studio.premises, studio.funds
        kept = {"activity": records.get((sid, "activity"), 0) + sum(n for (k, _), n in team_log.items() if k == sid),
                "study": records.get((sid, "study"), 0),
                "tackling": tackling.get(sid, 0) + team_log.get((sid, "tackling"), 0),
                "transformation": transformation.get(sid, 0),
                "reward": records.get((sid, "reward"), 0) + awarded.get(sid, 0)}
        items = [
            {"key": "leader", "ok": leader is not None, "value": leader},
            {"key": "team", "ok": members.get(sid, 0) >= TEAM_MIN, "value": members.get(sid, 0)},
            {"key": "tackling", "ok": tackling.get(sid, 0) > 0, "value": tackling.get(sid, 0)},
            {"key": "achievement", "ok": achieved.get(sid, 0) > 0, "value": achieved.get(sid, 0)},
            {"key": "premises_funds", "ok": bool((premises or "").strip()) and funds is not None,
             "value": {"premises": premises or None, "funds": funds}},
            {"key": "records", "ok": all(kept.values()), "value": kept},
        ]
        missing = [i["key"] for i in items if not i["ok"] and i["key"] != "records"]
        missing += [f"records.{k}" for k, n in kept.items() if not n]
        out.append({"studio_id": sid, "studio": name, "year": year, "items": items, "missing": missing,
                    "complete": not missing})
    return out


def item_text(item: dict[str, Any]) -> str:
    """What an item found, in words (for the ledger's profile sheet and the page)."""
    key, value = item["key"], item["value"]
    mark = "✓ " if item["ok"] else "✗ "
    if key == "leader":
        return mark + (value or t("未指定领衔人", "no leader named"))
    if key == "team":
        return mark + t("{n} 人（至少 {m} 人）", "{n} people (at least {m})", n=value, m=TEAM_MIN)
    if key in ("tackling", "achievement"):
        return mark + t("{n} 项", "{n}", n=value)
    if key == "premises_funds":
        premises = value["premises"] or t("场所未登记", "premises not recorded")
        funds = t("经费未登记", "funds not recorded") if value["funds"] is None else \
            t("经费 {f} 元/年", "funds {f} yuan/yr", f=f"{value['funds']:,.0f}")
        return f"{mark}{premises}；{funds}"
    return mark + "，".join(f"{label(RECORDS, k)} {n}" for k, n in value.items())


def missing_text(entry: dict[str, Any]) -> str:
    """What a studio still lacks, in words ("" when nothing)."""
    items = [label(MISSING, k) for k in entry["missing"] if not k.startswith("records.")]
    kinds = [label(RECORDS, k.split(".", 1)[1]) for k in entry["missing"] if k.startswith("records.")]
    parts = []
    if items:
        parts.append(t("缺{x}", "no {x}", x="、".join(items)))
    if kinds:
        parts.append(t("台账缺{x}", "no records of {x}", x="、".join(kinds)))
    return "；".join(parts)
