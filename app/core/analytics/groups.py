"""Figures per person, per unit and per studio: proposals, adoption, participation, ideas per head.

`people` aggregates per person in SQL (one row per person who proposed or co-authored a counted
proposal): the top contributors, the participants of each unit and studio, and later the merit
competitions' leaderboards read it. Units are added up along the organisation tree (a few hundred
rows of already-aggregated figures).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import InstrumentedAttribute

from app.core.analytics.scope import ADOPTED, DECIDED, Frame
from app.core.i18n import t
from db.models import Project, ProjectMember, Studio, Unit, User


def people(frame: Frame, limit: int | None = None) -> list[dict[str, Any]]:
    """Per person who proposed or co-authored a counted proposal (a project's members: the proposer
    first, then the co-authors), most projects first: projects, proposed, adopted, and the measured
    benefit of those projects (each author is credited the project's whole benefit). People who left
    (inactive) keep their figures; participation rates count only active people, as headcounts do."""
    member = ProjectMember.user_id
    per_person = frame.proposals(
        select(member.label("user_id"), func.count().label("projects"),
               func.sum(case((Project.proposer_id == member, 1), else_=0)).label("proposed"),
               func.sum(case((Project.status.in_(ADOPTED), 1), else_=0)).label("adopted"),
               func.coalesce(func.sum(Project.measured_benefit), 0).label("benefit"))
        .select_from(Project).join(ProjectMember, ProjectMember.project_id == frame.project_key())
    ).group_by(member).subquery("per_person")
    c = per_person.c
    # People are looked up once each, after the counting (not once per project they are on).
    stmt = (select(User.id, User.employee_no, User.name, User.unit_id, User.studio_id, User.active, Unit.name,
                   c.projects, c.proposed, c.adopted, c.benefit)
            .select_from(per_person).join(User, User.id == c.user_id).outerjoin(Unit, Unit.id == User.unit_id)
            .order_by(c.projects.desc(), c.adopted.desc(), User.employee_no))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [{"user_id": uid, "employee_no": no, "name": name, "unit_id": unit_id, "studio_id": studio_id,
             "active": bool(active), "unit": unit, "projects": n, "proposed": int(p or 0), "adopted": int(a or 0),
             "measured_benefit": float(b or 0)}
            for uid, no, name, unit_id, studio_id, active, unit, n, p, a, b in frame.s.execute(stmt)]


def _headcount(frame: Frame, column: InstrumentedAttribute[str | None]) -> dict[str | None, int]:
    return dict(frame.s.execute(select(column, func.count()).select_from(User)
                                .where(User.active.is_(True)).group_by(column)).all())


Figures = dict[tuple[str | None, str | None], tuple[int, int, int, float]]


def proposal_figures(frame: Frame) -> Figures:
    """Per (proposer, studio): proposals, adopted, decided, measured benefit. One scan of the
    projects' covering index; units and studios are added up from these (a few thousand rows)."""
    proposer = frame.unindexed(Project.proposer_id)
    stmt = frame.proposals(
        select(proposer, Project.studio_id, func.count(),
               func.sum(case((Project.status.in_(ADOPTED), 1), else_=0)),
               func.sum(case((Project.status.in_(DECIDED), 1), else_=0)),
               func.coalesce(func.sum(Project.measured_benefit), 0)).select_from(Project)
    ).group_by(proposer, Project.studio_id)
    return {(who, studio): (n, int(a or 0), int(d or 0), float(b or 0))
            for who, studio, n, a, d, b in frame.s.execute(stmt)}


def _row(key: str | None, name: str, proposals: int, adopted: int, decided: int, benefit: float, headcount: int,
         participants: int) -> dict[str, Any]:
    return {"id": key, "name": name, "proposals": proposals, "adopted": adopted,
            "adoption_rate": adopted / decided if decided else None, "measured_benefit": benefit,
            "people": headcount, "participants": participants,
            "participation_rate": participants / headcount if headcount else None,
            "ideas_per_head": proposals / headcount if headcount else None}


def _add(rows: dict[Any, list[float]], key: Any, values: tuple[float, ...]) -> None:
    acc = rows.setdefault(key, [0.0] * len(values))
    for i, v in enumerate(values):
        acc[i] += v


def by_unit(frame: Frame, figures: Figures, persons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per unit one level below the scope's unit (or below the top of the tree), each with
    every unit under it; people attached to the scope's unit itself get a row of their own.
    Proposals count by the proposer's unit, participants and people by their own unit."""
    tree = dict(frame.s.execute(select(Unit.id, Unit.parent_id)).all())
    names = dict(frame.s.execute(select(Unit.id, Unit.name)).all())
    focus = frame.scope.unit_id
    if focus is None:
        roots = [u for u, parent in tree.items() if parent is None or parent not in tree]
        focus = roots[0] if len(roots) == 1 else None

    def group_of(unit_id: str | None) -> str | None:
        """The unit just below the focus that `unit_id` lies under ("" for the focus itself; None: outside)."""
        seen = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            parent = tree.get(unit_id)
            if unit_id == focus:
                return ""
            if parent == focus or (focus is None and (parent is None or parent not in tree)):
                return unit_id
            unit_id = parent
        return None
    unit_of: dict[str | None, str | None] = dict(frame.s.execute(select(User.id, User.unit_id)).all())
    acc: dict[Any, list[float]] = {}
    for (proposer, _studio), (n, a, d, b) in figures.items():
        _add(acc, group_of(unit_of.get(proposer)), (n, a, d, b, 0, 0))
    for unit_id, heads in _headcount(frame, User.unit_id).items():
        _add(acc, group_of(unit_id), (0, 0, 0, 0, heads, 0))
    for p in persons:
        if p["active"]:  # of the people counted (active ones), how many took part
            _add(acc, group_of(p["unit_id"]), (0, 0, 0, 0, 0, 1))
    acc.pop(None, None)
    direct = t("{u}（直属）", "{u} (directly)", u=names.get(focus or "", ""))
    rows = [_row(key or focus, names.get(key, "") if key else direct, int(n), int(a), int(d), b, int(h), int(pt))
            for key, (n, a, d, b, h, pt) in acc.items() if key or n or pt]
    return sorted(rows, key=lambda r: (-r["proposals"], r["name"]))


def by_studio(frame: Frame, figures: Figures, persons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per studio (of the scope's studio only, when it names one): proposals filed under the
    studio, its people (members), and how many of them proposed or co-authored a counted proposal."""
    per_studio: dict[str | None, list[float]] = {}
    for (_proposer, studio), values in figures.items():
        _add(per_studio, studio, values)
    heads = _headcount(frame, User.studio_id)
    participants: dict[str, int] = defaultdict(int)
    for p in persons:
        if p["studio_id"] and p["active"]:
            participants[p["studio_id"]] += 1
    stmt = select(Studio.id, Studio.name).order_by(Studio.name)
    if frame.scope.studio_id:
        stmt = stmt.where(Studio.id == frame.scope.studio_id)
    rows = []
    for sid, name in frame.s.execute(stmt):
        n, a, d, b = per_studio.get(sid, (0, 0, 0, 0.0))
        rows.append(_row(sid, name, int(n), int(a), int(d), b, heads.get(sid, 0), participants.get(sid, 0)))
    return sorted(rows, key=lambda r: (-r["proposals"], r["name"]))
