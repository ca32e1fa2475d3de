"""Figures for the statistics and studios pages: counts and benefit by status, category, year, studio."""
from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from app.core.bank import Bank
from app.core.queries import ProjectFilter, _where
from db.models import Project, Studio, Unit, User

# Statuses that count as an adopted idea (it was adopted, whatever happened next).
ADOPTED = ("adopted", "in_progress", "completed", "incubating", "promoted")
DECIDED = ADOPTED + ("not_adopted",)


def summary(bank: Bank, f: ProjectFilter = ProjectFilter()) -> dict[str, Any]:
    """Totals and breakdowns of the projects a filter selects."""
    year = func.strftime("%Y", Project.created_at) if bank.engine.dialect.name == "sqlite" \
        else func.to_char(Project.created_at, "YYYY")
    with bank.session() as s:
        def grouped(column) -> dict[str, int]:  # type: ignore[no-untyped-def]
            stmt = _where(s, select(column, func.count()).select_from(Project), f).group_by(column)
            return {str(k): n for k, n in s.execute(stmt) if k is not None}
        totals = s.execute(_where(s, select(
            func.count(), func.coalesce(func.sum(Project.measured_benefit), 0),
            func.coalesce(func.sum(Project.expected_benefit), 0),
            func.sum(case((Project.status.in_(ADOPTED), 1), else_=0)),
            func.sum(case((Project.status.in_(DECIDED), 1), else_=0))).select_from(Project), f)).one()
        by_status, by_category, by_year = grouped(Project.status), grouped(Project.category), grouped(year)
    count, measured, expected, adopted, decided = totals
    return {"count": count or 0, "measured_benefit": float(measured or 0), "expected_benefit": float(expected or 0),
            "adopted": adopted or 0, "adoption_rate": (adopted or 0) / decided if decided else None,
            "by_status": by_status, "by_category": by_category,
            "by_year": dict(sorted(by_year.items()))}


def studios_overview(bank: Bank) -> list[dict[str, Any]]:
    """One row per studio: level, unit, leader, members, projects, adopted, measured benefit."""
    with bank.session() as s:
        members = dict(s.execute(select(User.studio_id, func.count()).where(User.studio_id.is_not(None))
                                 .group_by(User.studio_id)).all())
        figures = {sid: (n, a, b) for sid, n, a, b in s.execute(
            select(Project.studio_id, func.count(), func.sum(case((Project.status.in_(ADOPTED), 1), else_=0)),
                   func.coalesce(func.sum(Project.measured_benefit), 0))
            .where(Project.studio_id.is_not(None), Project.merged_into_id.is_(None)).group_by(Project.studio_id))}
        leader = User.__table__.alias("leader")
        rows = s.execute(select(Studio.id, Studio.name, Studio.level, Unit.name, leader.c.name, Studio.founded)
                         .outerjoin(Unit, Unit.id == Studio.unit_id)
                         .outerjoin(leader, leader.c.id == Studio.leader_id).order_by(Studio.name)).all()
    out = []
    for sid, name, level, unit, leader_name, founded in rows:
        n, adopted, benefit = figures.get(sid, (0, 0, 0))
        out.append({"id": sid, "name": name, "level": level, "unit": unit, "leader": leader_name,
                    "founded": founded.isoformat() if founded else None, "members": members.get(sid, 0),
                    "projects": n, "adopted": adopted or 0, "measured_benefit": float(benefit or 0)})
    return out
