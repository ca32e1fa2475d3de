"""Teams (攻关队, 智囊团, studio core teams), the maker alliance (创客联盟), open calls (揭榜挂帅) and
the skills search that finds people for them.

Who manages a team: admins, the team's own leader (often a skilled worker, not a `leader` account),
and leaders of the studio the team belongs to. Each use case is one transaction returning Changes.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.core import audit, notify
from app.core.actor import Actor
from app.core.attachments import guess_mime, store_file
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from app.core.i18n import t
from app.core.lifecycle import CALL_STATES
from app.core.numbering import serial_number
from app.core.permissions import (
    Verdicts,
    allowed,
    call_subject,
    check,
    for_call,
    for_team,
    studio_subject,
    team_subject,
)
from app.core.vocab import SKILL_GRADES, Labels, _parse, label
from db.models import (
    AllianceMember,
    CallApplication,
    OpenCall,
    Project,
    ProjectMember,
    Studio,
    Team,
    TeamActivity,
    TeamMember,
    TeamPartner,
    TeamProject,
    Unit,
    User,
)

TEAM_KINDS: Labels = {
    "tackling": ("攻关队", "Tackling team"),
    "think_tank": ("智囊团", "Think tank"),
    "studio_core": ("工作室核心团队", "Studio core team"),
}
ACTIVITY_KINDS: Labels = {
    "meeting": ("会议", "Meeting"),
    "trial": ("试验", "Trial"),
    "result": ("成果", "Result"),
    "other": ("其他", "Other"),
}
CALL_KINDS: Labels = {
    "members": ("招募成员", "Call for members"),
    "solutions": ("征集方案", "Call for solutions"),
}
APPLICATION_STATUSES: Labels = {
    "pending": ("待答复", "Pending"),
    "accepted": ("已接受", "Accepted"),
    "declined": ("未接受", "Declined"),
}
MAX_STATEMENT = 500


def parse_team_kind(text: str) -> str:
    return _parse(TEAM_KINDS, text, "团队类型", "team kind")


def parse_activity_kind(text: str) -> str:
    return _parse(ACTIVITY_KINDS, text, "活动类型", "activity kind")


def parse_call_kind(text: str) -> str:
    return _parse(CALL_KINDS, text, "揭榜类型", "call kind")


def parse_date(value: Any, what: str = "日期") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(t("{w}应写作 年-月-日，例如 2025-03-31（收到“{v}”）。",
                                "{w} must be written YYYY-MM-DD, e.g. 2025-03-31 (got '{v}').", w=what, v=value)) from None


def today(bank: Bank) -> dt.date:
    """Dates (joined, due, done) are UTC calendar days of the bank's clock, so tests and sites agree."""
    return bank.now().astimezone(dt.timezone.utc).date()


# -- look-ups -------------------------------------------------------------------------------------
def person(s: Session, ref: str) -> User:
    user = s.scalar(select(User).where((User.employee_no == str(ref).strip()) | (User.id == ref)))
    if user is None:
        raise ValidationError(t("没有工号为 {no} 的人员。", "No person with employee number {no}.", no=ref))
    return user


def own_account(s: Session, actor: Actor) -> User:
    """The acting person's own row (missing only if it was deleted after they signed in)."""
    user = s.get(User, actor.id)
    if user is None:
        raise NotFound(t("你的账号已不存在，请重新登录。", "Your account no longer exists; sign in again."))
    return user


def unit_named(s: Session, name: str) -> Unit:
    unit = s.scalar(select(Unit).where((Unit.name == str(name).strip()) | (Unit.id == name)))
    if unit is None:
        raise ValidationError(t("没有名为“{n}”的单位。", "There is no unit named '{n}'.", n=name))
    return unit


def project_ref(s: Session, ref: str) -> Project:
    project = s.scalar(select(Project).where((Project.id == ref) | (Project.number == str(ref).strip())))
    if project is None:
        raise NotFound(t("找不到项目 {id}。", "Project {id} not found.", id=ref))
    return project


def team_ref(s: Session, ref: str) -> Team:
    team = s.scalar(select(Team).where((Team.id == ref) | (Team.name == str(ref).strip())).options(
        selectinload(Team.members)))
    if team is None:
        raise NotFound(t("找不到团队“{r}”。", "Team '{r}' not found.", r=ref))
    return team


def call_ref(s: Session, ref: str) -> OpenCall:
    call = s.scalar(select(OpenCall).where((OpenCall.id == ref) | (OpenCall.number == str(ref).strip())))
    if call is None:
        raise NotFound(t("找不到揭榜挂帅 {r}。", "Open call {r} not found.", r=ref))
    return call


def may_manage(actor: Actor, team: Team) -> bool:
    return allowed(actor, "team.manage", team_subject(team))


def _check_manage(actor: Actor, team: Team) -> None:
    check(actor, "team.manage", team_subject(team))


def _next_number(s: Session, bank: Bank, prefix: str, year: int) -> str:
    return serial_number(s, bank.site_code, prefix, f"{prefix.lower()}_seq:{year}", year, 4)


def attachment_refs(bank: Bank, files: Iterable[Path | str]) -> list[dict[str, Any]]:
    """Copy files into the content-addressed store and return references to them. Called before the
    transaction: a stored file without a row is harmless, a row pointing at no file is not."""
    refs = []
    for f in files:
        path = Path(f)
        sha, size = store_file(bank.data_dir, path)
        refs.append({"sha256": sha, "name": path.name[:300], "size": size, "mime": guess_mime(path.name)})
    return refs


def _stamp(bank: Bank) -> dict[str, Any]:
    now = bank.now()
    return {"site_id": bank.site_id, "created_at": now, "updated_at": now}


# -- teams ----------------------------------------------------------------------------------------
def create_team(bank: Bank, actor: Actor, name: str, kind: str = "tackling", *, leader: str | None = None,
                studio: str | None = None, host_unit: str | None = None, partner_units: Iterable[str] = (),
                projects: Iterable[str] = (), problem: str = "") -> Changes:
    """A new team; its leader becomes member no. 1. Studio leaders form teams for their own studio."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise ValidationError(t("请填写团队名称（最多 200 字）。", "Enter the team's name (at most 200 characters)."))
    kind = parse_team_kind(kind)
    with bank.write() as s:
        if s.scalar(select(Team.id).where(Team.name == name)):
            raise Conflict(t("团队“{n}”已存在。", "The team '{n}' already exists.", n=name))
        lead = person(s, leader) if leader else own_account(s, actor)
        if studio:
            studio_row = s.scalar(select(Studio).where((Studio.name == studio.strip()) | (Studio.id == studio)))
            if studio_row is None:
                raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=studio))
            studio_id: str | None = studio_row.id
        else:
            studio_id = actor.studio_id if actor.role == "leader" else lead.studio_id  # a leader's own, by default
        check(actor, "studio.create_team", studio_subject(studio_id))
        host = unit_named(s, host_unit) if host_unit else (s.get(Unit, lead.unit_id) if lead.unit_id else None)
        team = Team(name=name, kind=kind, leader_id=lead.id, studio_id=studio_id, host_unit_id=host.id if host else None,
                    problem=(problem or "").strip(), **_stamp(bank))
        s.add(team)
        s.flush()
        for unit_name in partner_units:
            unit = unit_named(s, unit_name)
            if host is None or unit.id != host.id:
                if all(p.unit_id != unit.id for p in team.partners):
                    team.partners.append(TeamPartner(unit_id=unit.id, **_stamp(bank)))
        for ref in projects:
            team.projects.append(TeamProject(project_id=project_ref(s, ref).id, **_stamp(bank)))
        team.members.append(_new_member(s, bank, team, lead, role=t("队长", "Leader"), position=1))
        audit.record(s, actor, "team", team.id, "create", new=name, site_id=bank.site_id, at=bank.now())
        notify.send(s, bank, lead.id, "team", None, "team_lead", {"team": name}, actor=actor)
        return Changes(teams=True, notifications=True, value=team.id)


def _new_member(s: Session, bank: Bank, team: Team, user: User, *, role: str = "", specialty: str | None = None,
                skill_grade: str | None = None, joined_on: dt.date | None = None, position: int) -> TeamMember:
    if specialty is None:
        alliance = s.scalar(select(AllianceMember).where(AllianceMember.user_id == user.id))
        specialty = (alliance.specialty if alliance and alliance.specialty else user.specialty) or ""
    return TeamMember(team_id=team.id, user_id=user.id, unit_id=user.unit_id, specialty=specialty,
                      skill_grade=skill_grade or user.skill_grade, role=role, joined_on=joined_on or today(bank),
                      position=position, **_stamp(bank))


def _enrol(s: Session, bank: Bank, actor: Actor, team: Team, user: User, **kw: Any) -> None:
    """Add someone to a team, or bring back a member who had left (at the end of the order)."""
    existing = next((m for m in team.members if m.user_id == user.id), None)
    position = max((m.position for m in team.members), default=0) + 1
    if existing is not None:
        if existing.left_on is None:
            raise Conflict(t("{name} 已经是团队“{team}”的成员。", "{name} is already a member of '{team}'.",
                             name=user.name, team=team.name))
        existing.left_on, existing.position, existing.updated_at = None, position, bank.now()
        existing.joined_on = kw.get("joined_on") or today(bank)
        if kw.get("role"):
            existing.role = kw["role"]
    else:
        team.members.append(_new_member(s, bank, team, user, position=position, **kw))
    team.updated_at = bank.now()
    audit.record(s, actor, "team", team.id, "add_member", field="members", new=user.employee_no,
                 site_id=bank.site_id, at=bank.now())
    notify.send(s, bank, user.id, "team", None, "team_joined", {"team": team.name}, actor=actor)


def add_member(bank: Bank, actor: Actor, team: str, who: str, *, role: str = "", specialty: str | None = None,
               skill_grade: str | None = None, joined_on: Any = None) -> Changes:
    if skill_grade and skill_grade not in SKILL_GRADES:
        raise ValidationError(t("技能等级应为：{g}", "The skill grade must be one of: {g}", g="、".join(SKILL_GRADES)))
    joined = parse_date(joined_on, t("加入日期", "The joining date")) if joined_on else None
    with bank.write() as s:
        row = team_ref(s, team)
        _check_manage(actor, row)
        _enrol(s, bank, actor, row, person(s, who), role=(role or "").strip(), specialty=specialty,
               skill_grade=skill_grade, joined_on=joined)
        return Changes(teams=True, notifications=True, value=row.id)


def remove_member(bank: Bank, actor: Actor, team: str, who: str, *, left_on: Any = None) -> Changes:
    """A member leaves: the row stays (with the date) so the team's history keeps them."""
    with bank.write() as s:
        row = team_ref(s, team)
        _check_manage(actor, row)
        user = person(s, who)
        member = next((m for m in row.members if m.user_id == user.id and m.left_on is None), None)
        if member is None:
            raise NotFound(t("{name} 不是团队“{team}”的现任成员。", "{name} is not a current member of '{team}'.",
                             name=user.name, team=row.name))
        if user.id == row.leader_id:
            raise ValidationError(t("负责人不能离队；请先更换负责人。", "The leader cannot leave; appoint another leader first."))
        member.left_on = parse_date(left_on, t("离队日期", "The leaving date")) if left_on else today(bank)
        if member.left_on < member.joined_on:
            raise ValidationError(t("离队日期不能早于加入日期 {d}。", "The leaving date cannot be before joining ({d}).",
                                    d=member.joined_on.isoformat()))
        member.updated_at = row.updated_at = bank.now()
        audit.record(s, actor, "team", row.id, "remove_member", field="members", old=user.employee_no,
                     site_id=bank.site_id, at=bank.now())
        return Changes(teams=True, value=row.id)


def reorder_members(bank: Bank, actor: Actor, team: str, order: list[str]) -> Changes:
    """Set the contribution order: the people named come first, in this order; the rest keep theirs."""
    with bank.write() as s:
        row = team_ref(s, team)
        _check_manage(actor, row)
        by_user = {m.user_id: m for m in row.members}
        first = []
        for ref in order:
            user = person(s, ref)
            if user.id not in by_user:
                raise ValidationError(t("{name} 不是团队“{team}”的成员。", "{name} is not a member of '{team}'.",
                                        name=user.name, team=row.name))
            if by_user[user.id] not in first:
                first.append(by_user[user.id])
        rest = [m for m in sorted(row.members, key=lambda m: m.position) if m not in first]
        old = [m.user_id for m in sorted(row.members, key=lambda m: m.position)]
        for pos, m in enumerate(first + rest, start=1):
            m.position, m.updated_at = pos, bank.now()
        audit.record(s, actor, "team", row.id, "reorder", field="members", old=old,
                     new=[m.user_id for m in first + rest], site_id=bank.site_id, at=bank.now())
        return Changes(teams=True, value=row.id)


def link_project(bank: Bank, actor: Actor, team: str, project: str) -> Changes:
    with bank.write() as s:
        row = team_ref(s, team)
        _check_manage(actor, row)
        p = project_ref(s, project)
        if s.scalar(select(TeamProject.id).where(TeamProject.team_id == row.id, TeamProject.project_id == p.id)):
            raise Conflict(t("项目“{p}”已关联到团队“{n}”。", "'{p}' is already linked to '{n}'.", p=p.title, n=row.name))
        s.add(TeamProject(team_id=row.id, project_id=p.id, **_stamp(bank)))
        audit.record(s, actor, "team", row.id, "link_project", field="projects", new=p.number,
                     site_id=bank.site_id, at=bank.now())
        return Changes(teams=True, project_ids=frozenset({p.id}), value=row.id)


def log_activity(bank: Bank, actor: Actor, team: str, kind: str, title: str, body: str = "", *,
                 happened_on: Any = None, files: Iterable[Path | str] = ()) -> Changes:
    """Record a meeting, trial or result; current members and managers may write the team's log."""
    kind = parse_activity_kind(kind)
    title = (title or "").strip()
    if not title or len(title) > 300:
        raise ValidationError(t("请填写活动标题（最多 300 字）。", "Enter a title for the entry (at most 300 characters)."))
    day = parse_date(happened_on, t("活动日期", "The date")) if happened_on else None
    with bank.session() as s:
        row = team_ref(s, team)
        check(actor, "team.log_activity", team_subject(row))
    refs = attachment_refs(bank, files)
    with bank.write() as s:
        row = team_ref(s, team)
        entry = TeamActivity(team_id=row.id, kind=kind, title=title, body=(body or "").strip(),
                             happened_on=day or today(bank), author_id=actor.id, attachments=refs, **_stamp(bank))
        s.add(entry)
        s.flush()
        row.updated_at = bank.now()
        audit.record(s, actor, "team", row.id, "log", field="activities", new=title, site_id=bank.site_id,
                     at=bank.now())
        return Changes(teams=True, attachments=bool(refs), value=entry.id)


def list_teams(bank: Bank, *, kind: str | None = None, studio_id: str | None = None,
               member_id: str | None = None) -> list[dict[str, Any]]:
    with bank.session() as s:
        stmt = select(Team).options(selectinload(Team.members), selectinload(Team.leader), selectinload(Team.studio),
                                    selectinload(Team.host_unit), selectinload(Team.projects)).order_by(Team.name)
        if kind:
            stmt = stmt.where(Team.kind == parse_team_kind(kind))
        if studio_id:
            stmt = stmt.where(Team.studio_id == studio_id)
        if member_id:
            stmt = stmt.where(Team.id.in_(select(TeamMember.team_id).where(TeamMember.user_id == member_id)))
        return [{"id": tm.id, "name": tm.name, "kind": tm.kind, "kind_label": label(TEAM_KINDS, tm.kind),
                 "leader": tm.leader.name if tm.leader else None, "studio": tm.studio.name if tm.studio else None,
                 "host_unit": tm.host_unit.name if tm.host_unit else None, "status": tm.status,
                 "members": sum(1 for m in tm.members if m.left_on is None), "projects": len(tm.projects)}
                for tm in s.scalars(stmt)]


def team_detail(bank: Bank, ref: str) -> dict[str, Any]:
    with bank.session() as s:
        tm = team_ref(s, ref)
        members = sorted(tm.members, key=lambda m: m.position)
        return {
            "id": tm.id, "name": tm.name, "kind": tm.kind, "kind_label": label(TEAM_KINDS, tm.kind),
            "problem": tm.problem, "status": tm.status,
            "leader": tm.leader.employee_no if tm.leader else None, "leader_name": tm.leader.name if tm.leader else None,
            "studio": tm.studio.name if tm.studio else None,
            "host_unit": tm.host_unit.name if tm.host_unit else None,
            "partner_units": [p.unit.name for p in tm.partners],
            "members": [{"employee_no": m.user.employee_no, "name": m.user.name, "position": m.position,
                         "unit": m.unit.name if m.unit else None, "specialty": m.specialty,
                         "skill_grade": m.skill_grade, "role": m.role, "joined_on": m.joined_on.isoformat(),
                         "left_on": m.left_on.isoformat() if m.left_on else None} for m in members],
            "projects": [{"id": lp.project.id, "number": lp.project.number, "title": lp.project.title,
                          "status": lp.project.status} for lp in tm.projects],
            "activities": [{"id": a.id, "kind": a.kind, "kind_label": label(ACTIVITY_KINDS, a.kind), "title": a.title,
                            "body": a.body, "date": a.happened_on.isoformat(),
                            "author": a.author.name if a.author else None, "attachments": list(a.attachments or [])}
                           for a in tm.activities],
            "calls": [c.number for c in s.scalars(select(OpenCall).where(OpenCall.team_id == tm.id)
                                                   .order_by(OpenCall.created_at))],
        }


# -- the maker alliance ---------------------------------------------------------------------------
def join_alliance(bank: Bank, actor: Actor, specialty: str, *, who: str | None = None, note: str = "") -> Changes:
    """Join the maker alliance (yourself; leaders and admins may enrol others)."""
    check(actor, "alliance.join")
    specialty = (specialty or "").strip()
    if not specialty:
        raise ValidationError(t("请填写专长，例如“继电保护”。", "Enter a specialty, e.g. 'relay protection'."))
    with bank.write() as s:
        user = person(s, who) if who else own_account(s, actor)
        if user.id != actor.id:
            check(actor, "alliance.enrol")
        row = s.scalar(select(AllianceMember).where(AllianceMember.user_id == user.id))
        if row is not None and row.left_on is None:
            raise Conflict(t("{name} 已是创客联盟成员。", "{name} is already in the maker alliance.", name=user.name))
        if row is None:
            row = AllianceMember(user_id=user.id, joined_on=today(bank), **_stamp(bank))
            s.add(row)
        row.specialty, row.note, row.left_on, row.joined_on = specialty, note.strip(), None, today(bank)
        row.updated_at = bank.now()
        s.flush()
        audit.record(s, actor, "alliance", row.id, "join", new=specialty, site_id=bank.site_id, at=bank.now())
        return Changes(teams=True, people=True, value=row.id)


def leave_alliance(bank: Bank, actor: Actor, *, who: str | None = None) -> Changes:
    with bank.write() as s:
        user = person(s, who) if who else own_account(s, actor)
        if user.id != actor.id:
            check(actor, "alliance.enrol")
        row = s.scalar(select(AllianceMember).where(AllianceMember.user_id == user.id,
                                                    AllianceMember.left_on.is_(None)))
        if row is None:
            raise NotFound(t("{name} 不是创客联盟成员。", "{name} is not in the maker alliance.", name=user.name))
        row.left_on, row.updated_at = today(bank), bank.now()
        audit.record(s, actor, "alliance", row.id, "leave", site_id=bank.site_id, at=bank.now())
        return Changes(teams=True, people=True, value=row.id)


def list_alliance(bank: Bank) -> list[dict[str, Any]]:
    with bank.session() as s:
        rows = s.scalars(select(AllianceMember).where(AllianceMember.left_on.is_(None))
                         .options(selectinload(AllianceMember.user)).order_by(AllianceMember.joined_on)).all()
        return [{"employee_no": r.user.employee_no, "name": r.user.name, "specialty": r.specialty,
                 "unit": r.user.unit.name if r.user.unit else None, "skill_grade": r.user.skill_grade,
                 "joined_on": r.joined_on.isoformat()} for r in rows]


# -- open calls (揭榜挂帅) ---------------------------------------------------------------------------
def _deadline(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValidationError(t("截止时间需带时区。", "The deadline needs a time zone."))
        return value
    day = parse_date(value, t("截止日期", "The deadline"))
    # A date means "until the end of that day".
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.timezone.utc)


def post_call(bank: Bank, actor: Actor, title: str, problem: str, *, deadline: Any, kind: str = "members",
              team: str | None = None) -> Changes:
    """A leader posts a hard problem and calls for members or solutions until a deadline."""
    title, problem = (title or "").strip(), (problem or "").strip()
    problems = []
    if not title or len(title) > 300:
        problems.append(t("请填写榜单标题（最多 300 字）。", "Enter the call's title (at most 300 characters)."))
    if not problem:
        problems.append(t("请描述要攻克的难题。", "Describe the hard problem to be solved."))
    if problems:
        raise ValidationError("；".join(problems), details=problems)
    kind = parse_call_kind(kind)
    when = _deadline(deadline)
    if when <= bank.now():
        raise ValidationError(t("截止时间必须晚于现在。", "The deadline must be in the future."))
    with bank.write() as s:
        team_row = team_ref(s, team) if team else None
        if team_row is not None:
            check(actor, "team.post_call", team_subject(team_row))
        else:
            check(actor, "call.post")
        now = bank.now()
        call = OpenCall(number=_next_number(s, bank, "JB", now.year), title=title, problem=problem, kind=kind,
                        poster_id=actor.id, team_id=team_row.id if team_row else None,
                        studio_id=team_row.studio_id if team_row else actor.studio_id, deadline=when, **_stamp(bank))
        s.add(call)
        s.flush()
        audit.record(s, actor, "call", call.id, "post", new=title, site_id=bank.site_id, at=now)
        return Changes(teams=True, value=call.id)


def apply_call(bank: Bank, actor: Actor, call: str, statement: str) -> Changes:
    """A worker takes up the challenge (揭榜) with a short statement; the poster is told."""
    statement = (statement or "").strip()
    if not statement:
        raise ValidationError(t("请写几句话说明你的思路或专长。", "Write a short statement of your approach or skills."))
    if len(statement) > MAX_STATEMENT:
        raise ValidationError(t("说明最多 {n} 字。", "The statement may have at most {n} characters.", n=MAX_STATEMENT))
    with bank.write() as s:
        row = call_ref(s, call)
        now = bank.now()
        if row.status != "open" or now > row.deadline:
            raise InvalidTransition(t("“{t}”已于 {d} 截止，不再接受揭榜。", "'{t}' closed on {d}; it takes no more applications.",
                                      t=row.title, d=row.deadline.date().isoformat()))
        if row.poster_id == actor.id:
            raise ValidationError(t("不能揭自己发布的榜。", "You cannot apply to your own call."))
        check(actor, "call.apply", call_subject(row, row.team, call_state(row, now)))
        if s.scalar(select(CallApplication.id).where(CallApplication.call_id == row.id,
                                                     CallApplication.applicant_id == actor.id)):
            raise Conflict(t("你已经揭过这个榜了。", "You have already applied to this call."))
        app = CallApplication(call_id=row.id, applicant_id=actor.id, statement=statement, **_stamp(bank))
        s.add(app)
        s.flush()
        audit.record(s, actor, "call", row.id, "apply", field="applications", new=actor.employee_no,
                     site_id=bank.site_id, at=now)
        notify.send(s, bank, row.poster_id, "call", None, "call_applied",
                    {"who": actor.name, "title": row.title, "statement": statement[:80]}, actor=actor)
        return Changes(teams=True, notifications=True, value=app.id)


def decide_application(bank: Bank, actor: Actor, call: str, applicant: str, accept: bool, reason: str = "") -> Changes:
    """The poster (or the team's manager) accepts or declines; the applicant is told either way.
    Accepting someone on a call for members puts them in the call's team."""
    with bank.write() as s:
        row = call_ref(s, call)
        team_row = team_ref(s, row.team_id) if row.team_id else None
        check(actor, "call.decide", call_subject(row, team_row, call_state(row, bank.now())))
        user = person(s, applicant)
        stmt = select(CallApplication).where(CallApplication.call_id == row.id, CallApplication.applicant_id == user.id)
        if s.get_bind().dialect.name != "sqlite":  # two answers at once on the hub: the second waits, then sees it answered
            stmt = stmt.with_for_update()
        app = s.scalar(stmt)
        if app is None:
            raise NotFound(t("{name} 没有揭这个榜。", "{name} has not applied to this call.", name=user.name))
        if app.status != "pending":
            raise InvalidTransition(t("对 {name} 的申请已答复（{s}）。", "The application of {name} was already answered ({s}).",
                                      name=user.name, s=label(APPLICATION_STATUSES, app.status)))
        now = bank.now()
        app.status = "accepted" if accept else "declined"
        app.reason, app.decided_by, app.decided_at, app.updated_at = (reason or "").strip(), actor.id, now, now
        audit.record(s, actor, "call", row.id, "accept" if accept else "decline", field="applications",
                     old="pending", new=f"{user.employee_no}:{app.status}", site_id=bank.site_id, at=now)
        if accept and row.kind == "members" and team_row is not None:
            if not any(m.user_id == user.id and m.left_on is None for m in team_row.members):
                _enrol(s, bank, actor, team_row, user, role=t("揭榜成员", "Member by open call"))
        notify.send(s, bank, user.id, "call", None, "call_accepted" if accept else "call_declined",
                    {"title": row.title, "reason": app.reason}, actor=actor)
        return Changes(teams=True, notifications=True, value=app.status)


def close_call(bank: Bank, actor: Actor, call: str) -> Changes:
    with bank.write() as s:
        row = call_ref(s, call)
        if row.status == "closed":
            raise InvalidTransition(t("榜单已关闭。", "The call is already closed."))
        check(actor, "call.close", call_subject(row, row.team, call_state(row, bank.now())))
        row.status, row.updated_at = "closed", bank.now()
        audit.record(s, actor, "call", row.id, "close", field="status", old="open", new="closed",
                     site_id=bank.site_id, at=bank.now())
        return Changes(teams=True, value=row.id)


def call_state(call: OpenCall, now: dt.datetime) -> str:
    """open, expired (past the deadline, still to be answered) or closed."""
    if call.status == "closed":
        return "closed"
    return "expired" if now > call.deadline else "open"




def _call_json(c: OpenCall, now: dt.datetime) -> dict[str, Any]:
    state = call_state(c, now)
    return {"id": c.id, "number": c.number, "title": c.title, "problem": c.problem, "kind": c.kind,
            "kind_label": label(CALL_KINDS, c.kind), "state": state, "state_label": label(CALL_STATES, state),
            "deadline": c.deadline.isoformat(), "poster": c.poster.name if c.poster else None,
            "poster_no": c.poster.employee_no if c.poster else None, "team": c.team.name if c.team else None,
            "applications": len(c.applications),
            "pending": sum(1 for a in c.applications if a.status == "pending")}


def list_calls(bank: Bank, *, state: str | None = None) -> list[dict[str, Any]]:
    now = bank.now()
    with bank.session() as s:
        calls = s.scalars(select(OpenCall).options(selectinload(OpenCall.applications), selectinload(OpenCall.poster),
                                                   selectinload(OpenCall.team)).order_by(OpenCall.deadline)).all()
        out = [_call_json(c, now) for c in calls]
    return [c for c in out if state is None or c["state"] == state]


def call_detail(bank: Bank, ref: str) -> dict[str, Any]:
    now = bank.now()
    with bank.session() as s:
        c = call_ref(s, ref)
        data = _call_json(c, now)
        data["application_list"] = [
            {"id": a.id, "employee_no": a.applicant.employee_no, "name": a.applicant.name,
             "unit": a.applicant.unit.name if a.applicant.unit else None, "skill_grade": a.applicant.skill_grade,
             "statement": a.statement, "status": a.status, "status_label": label(APPLICATION_STATUSES, a.status),
             "reason": a.reason, "at": a.created_at.isoformat()} for a in c.applications]
        return data


def team_permissions(bank: Bank, actor: Actor, ref: str) -> Verdicts:
    """What this person may do with this team (permissions.Verdicts: manage, log_activity, post_call)."""
    with bank.session() as s:
        return for_team(actor, team_ref(s, ref))


def call_permissions(bank: Bank, actor: Actor, ref: str) -> Verdicts:
    """What this person may do with this open call (apply, decide, close)."""
    with bank.session() as s:
        row = call_ref(s, ref)
        return for_call(actor, row, row.team, call_state(row, bank.now()))


# -- skills search --------------------------------------------------------------------------------
def find_people(bank: Bank, *, specialty: str | None = None, min_grade: str | None = None,
                unit: str | None = None, project: str | None = None, alliance_only: bool = False,
                limit: int = 100) -> list[dict[str, Any]]:
    """People by specialty (their own, their alliance entry or a team role), skill grade at least
    `min_grade`, unit (and the units below it) and past projects (title or number contains)."""
    from app.core.queries import _unit_and_below
    with bank.session() as s:
        stmt = select(User).where(User.active.is_(True), User.employee_no != "admin")
        if specialty:
            like = f"%{specialty.strip().lower()}%"
            stmt = stmt.where(or_(
                func.lower(User.specialty).like(like),
                User.id.in_(select(AllianceMember.user_id).where(func.lower(AllianceMember.specialty).like(like),
                                                                 AllianceMember.left_on.is_(None))),
                User.id.in_(select(TeamMember.user_id).where(func.lower(TeamMember.specialty).like(like)))))
        if min_grade:
            if min_grade not in SKILL_GRADES:
                raise ValidationError(t("技能等级应为：{g}", "The skill grade must be one of: {g}", g="、".join(SKILL_GRADES)))
            stmt = stmt.where(User.skill_grade.in_(SKILL_GRADES[SKILL_GRADES.index(min_grade):]))
        if unit:
            stmt = stmt.where(User.unit_id.in_(_unit_and_below(s, unit_named(s, unit).id)))
        if project:
            like = f"%{project.strip().lower()}%"
            matching = select(Project.id).where(or_(func.lower(Project.title).like(like),
                                                    func.lower(Project.number).like(like)))
            stmt = stmt.where(User.id.in_(select(ProjectMember.user_id).where(ProjectMember.project_id.in_(matching))))
        if alliance_only:
            stmt = stmt.where(User.id.in_(select(AllianceMember.user_id).where(AllianceMember.left_on.is_(None))))
        users = s.scalars(stmt.order_by(User.name, User.employee_no).limit(limit)).all()
        ids = [u.id for u in users]
        alliance = {a.user_id: a for a in s.scalars(select(AllianceMember).where(AllianceMember.user_id.in_(ids),
                                                                                 AllianceMember.left_on.is_(None)))}
        past: dict[str, list[str]] = {}
        for uid, title in s.execute(select(ProjectMember.user_id, Project.title).join(Project)
                                    .where(ProjectMember.user_id.in_(ids)).order_by(Project.created_at.desc())):
            past.setdefault(uid, []).append(title)
        teams: dict[str, list[str]] = {}
        team_specialties: dict[str, list[str]] = {}
        for uid, name, spec in s.execute(select(TeamMember.user_id, Team.name, TeamMember.specialty).join(Team)
                                         .where(TeamMember.user_id.in_(ids))):
            teams.setdefault(uid, []).append(name)
            if spec:
                team_specialties.setdefault(uid, []).append(spec)
        return [{"employee_no": u.employee_no, "name": u.name, "unit": u.unit.name if u.unit else None,
                 "skill_grade": u.skill_grade, "specialty": u.specialty or "",
                 "alliance_specialty": alliance[u.id].specialty if u.id in alliance else None,
                 "in_alliance": u.id in alliance,
                 # Everything the person is known for, own entry first, without repeats.
                 "specialties": list(dict.fromkeys(x for x in [alliance[u.id].specialty if u.id in alliance else "",
                                                               u.specialty or "", *team_specialties.get(u.id, [])] if x)),
                 "projects": past.get(u.id, [])[:5],
                 "project_count": len(past.get(u.id, [])), "teams": teams.get(u.id, [])} for u in users]


__all__ = ["TEAM_KINDS", "ACTIVITY_KINDS", "CALL_KINDS", "create_team", "add_member", "remove_member",
           "reorder_members", "link_project", "log_activity", "list_teams", "team_detail", "join_alliance",
           "leave_alliance", "list_alliance", "post_call", "apply_call", "decide_application", "close_call",
           "list_calls", "call_detail", "find_people", "attachment_refs", "may_manage", "team_permissions",
           "call_permissions"]
