"""Analytics (统计分析): the figures of the analytics page and of `ideabank stats`.

`report(bank, scope)` answers everything at once, in one read session: totals and breakdowns, the
stage funnel, times in stage, figures by unit and by studio, the monthly trend, benefit and ROI, and
the top contributors. Each part is a function of its own module (figures, stages, groups) taking a
`Frame`, so other views (leaderboards, the studio ledger) reuse the same aggregates. Everything is
aggregated in SQL and counts only what `scope.viewer` may see (see scope.py).
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import case, func, select

from app.core import kept
from app.core.actor import Actor
from app.core.analytics import figures, groups, stages
from app.core.analytics.scope import ADOPTED, STAGES, Frame, Scope
from app.core.bank import Bank
from db.models import Project, Studio, Unit, User

TOP = 10
T = TypeVar("T")


def report(bank: Bank, scope: Scope, *, top: int = TOP, fresh: bool = False) -> dict[str, Any]:
    """Every figure for this scope, as JSON-ready data (the shape is documented in docs/CLI.md).

    Kept on disk until the bank changes (app/core/kept.py): the same question again costs a file
    read. `fresh` works it out whatever is kept (the benchmark's cold case)."""
    question = [scope.date_from, scope.date_to, scope.studio_id, scope.unit_id, list(scope.categories), top]
    return kept.answer(bank, "analytics", scope.viewer, question, lambda: _compute(bank, scope, top), fresh=fresh)


def _compute(bank: Bank, scope: Scope, top: int) -> dict[str, Any]:
    """The three costly parts (per person, times in stage, the grouped projects) are independent reads:
    they run at once on their own connections (the database works outside Python's lock), so on two
    cores the figures take about as long as the slowest part."""
    def part(fn: Callable[[Frame], T]) -> T:
        with bank.session() as s:
            return fn(Frame(bank, s, scope))
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="analytics") as pool:
        people = pool.submit(part, groups.people)
        times = pool.submit(part, stages.stage_times)
        with bank.session() as s:
            frame = Frame(bank, s, scope)
            rows = figures.groups(frame)
            proposals = groups.proposal_figures(frame)
            persons = people.result()
            out = figures.summary(rows)
            out.update({
                "restricted": scope.restricted,
                "funnel": figures.funnel(rows),
                "stage_times": times.result(),
                "by_unit": groups.by_unit(frame, proposals, persons),
                "by_studio": groups.by_studio(frame, proposals, persons),
                "trend": figures.trend(rows, scope.date_from.strftime("%Y-%m") if scope.date_from else None,
                                       scope.date_to.strftime("%Y-%m") if scope.date_to else None),
                "benefit": figures.benefit(rows),
                "participants": len(persons),
                "top_contributors": [{k: p[k] for k in ("employee_no", "name", "unit", "projects", "proposed",
                                                        "adopted", "measured_benefit")} for p in persons[:top]],
            })
    return out


def studios_overview(bank: Bank, viewer: Actor) -> list[dict[str, Any]]:
    """One row per studio for the studios page: level, unit, leader, members, and the projects,
    adoptions and measured benefit `viewer` may see."""
    with bank.session() as s:
        frame = Frame(bank, s, Scope(viewer))
        members = dict(s.execute(select(User.studio_id, func.count()).where(User.studio_id.is_not(None))
                                 .group_by(User.studio_id)).all())
        counted = {sid: (n, a, b) for sid, n, a, b in s.execute(frame.counted(
            select(Project.studio_id, func.count(), func.sum(case((Project.status.in_(ADOPTED), 1), else_=0)),
                   func.coalesce(func.sum(Project.measured_benefit), 0)).select_from(Project)
            .where(Project.studio_id.is_not(None))).group_by(Project.studio_id))}
        leader = User.__table__.alias("leader")
        rows = s.execute(select(Studio.id, Studio.name, Studio.level, Unit.name, leader.c.name, Studio.founded)
                         .outerjoin(Unit, Unit.id == Studio.unit_id)
                         .outerjoin(leader, leader.c.id == Studio.leader_id).order_by(Studio.name)).all()
    out = []
    for sid, name, level, unit, leader_name, founded in rows:
        n, adopted, benefit = counted.get(sid, (0, 0, 0))
        out.append({"id": sid, "name": name, "level": level, "unit": unit, "leader": leader_name,
                    "founded": founded.isoformat() if founded else None, "members": members.get(sid, 0),
                    "projects": n, "adopted": adopted or 0, "measured_benefit": float(benefit or 0)})
    return out


__all__ = ["Scope", "Frame", "STAGES", "report", "studios_overview", "TOP"]
