"""Counts, the stage funnel, benefit and ROI, and the monthly trend: from one grouped query.

The database groups the counted projects by status, category and month of proposal (a few thousand
groups at most, whatever the number of projects) and sums what every figure needs; the figures are
then added up from those groups.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Function, and_, case, func, select
from sqlalchemy.orm import InstrumentedAttribute

from app.core.analytics.scope import ADOPTED, DECIDED, RANK, STAGES, Frame
from db.models import Project


@dataclass(frozen=True)
class Group:
    status: str
    category: str
    month: str
    count: int
    expected: float
    measured: float
    # Projects with a measured benefit and an investment: ROI and payback are computed on these only.
    roi_n: int
    roi_benefit: float
    roi_investment: float
    # Projects with both an expected and a measured benefit: how much of the promise came true.
    real_n: int
    real_expected: float
    real_measured: float


def groups(frame: Frame) -> list[Group]:
    measured, expected, investment = Project.measured_benefit, Project.expected_benefit, Project.investment
    with_roi = and_(measured > 0, investment > 0)
    with_both = and_(measured > 0, expected > 0)

    def total(value: InstrumentedAttribute[float | None], when: ColumnElement[bool] | None = None) -> Function[Any]:
        return func.coalesce(func.sum(value if when is None else case((when, value), else_=0)), 0)
    month = frame.month(Project.created_at).label("month")
    stmt = frame.counted(select(
        Project.status, Project.category, month, func.count(), total(expected), total(measured),
        func.sum(case((with_roi, 1), else_=0)), total(measured, with_roi), total(investment, with_roi),
        func.sum(case((with_both, 1), else_=0)), total(expected, with_both), total(measured, with_both),
    ).select_from(Project)).group_by(Project.status, Project.category, month)
    return [Group(st, cat, m, n, float(e), float(me), int(rn or 0), float(rb), float(ri), int(bn or 0), float(be),
                  float(bm))
            for st, cat, m, n, e, me, rn, rb, ri, bn, be, bm in frame.s.execute(stmt)]


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def summary(rows: list[Group]) -> dict[str, Any]:
    """Totals and breakdowns of every counted project (the viewer's own drafts included)."""
    by_status: dict[str, int] = defaultdict(int)
    by_category: dict[str, int] = defaultdict(int)
    by_year: dict[str, int] = defaultdict(int)
    for g in rows:
        by_status[g.status] += g.count
        by_category[g.category] += g.count
        by_year[g.month[:4]] += g.count
    adopted = sum(n for s, n in by_status.items() if s in ADOPTED)
    decided = sum(n for s, n in by_status.items() if s in DECIDED)
    return {"count": sum(by_status.values()), "adopted": adopted, "decided": decided,
            "adoption_rate": _ratio(adopted, decided),
            "expected_benefit": sum(g.expected for g in rows), "measured_benefit": sum(g.measured for g in rows),
            "by_status": dict(by_status), "by_category": dict(by_category), "by_year": dict(sorted(by_year.items()))}


def funnel(rows: list[Group]) -> list[dict[str, Any]]:
    """submitted → adopted → in progress → completed → incubating → promoted, with conversion rates."""
    reached = [sum(g.count for g in rows if RANK.get(g.status, 0) >= rank) for rank in range(1, len(STAGES) + 1)]
    return [{"stage": stage, "count": n,
             "from_previous": None if i == 0 else _ratio(n, reached[i - 1]),
             "from_first": _ratio(n, reached[0])}
            for i, (stage, n) in enumerate(zip(STAGES, reached))]


def _benefit(rows: list[Group]) -> dict[str, Any]:
    roi_benefit, roi_investment = sum(g.roi_benefit for g in rows), sum(g.roi_investment for g in rows)
    real_expected, real_measured = sum(g.real_expected for g in rows), sum(g.real_measured for g in rows)
    return {"expected": sum(g.expected for g in rows), "measured": sum(g.measured for g in rows),
            "with_investment": sum(g.roi_n for g in rows), "benefit_with_investment": roi_benefit,
            "investment": roi_investment, "roi": _ratio(roi_benefit, roi_investment),
            "payback_months": None if not roi_benefit else roi_investment / roi_benefit * 12,
            "with_both": sum(g.real_n for g in rows), "expected_of_measured": real_expected,
            "measured_of_expected": real_measured, "realisation": _ratio(real_measured, real_expected)}


def benefit(rows: list[Group]) -> dict[str, Any]:
    """Expected and measured benefit (yuan a year) of the proposals; ROI = measured benefit ÷
    investment and payback = investment ÷ monthly benefit, both over the projects that have a
    measured benefit and an investment; realisation = measured ÷ expected over those with both."""
    proposals = [g for g in rows if g.status != "draft"]
    by_category: dict[str, list[Group]] = defaultdict(list)
    for g in proposals:
        by_category[g.category].append(g)
    return _benefit(proposals) | {"by_category": {c: _benefit(gs) for c, gs in sorted(by_category.items())}}


def trend(rows: list[Group], first: str | None = None, last: str | None = None) -> list[dict[str, Any]]:
    """Per month of proposal ('YYYY-MM' in the site's zone): proposals, how many of them were adopted
    (by now), expected and measured benefit. Months without proposals are listed with zeros."""
    months: dict[str, dict[str, Any]] = {}
    for g in rows:
        if g.status == "draft":
            continue
        m = months.setdefault(g.month, {"month": g.month, "proposals": 0, "adopted": 0, "expected_benefit": 0.0,
                                        "measured_benefit": 0.0})
        m["proposals"] += g.count
        m["adopted"] += g.count if g.status in ADOPTED else 0
        m["expected_benefit"] += g.expected
        m["measured_benefit"] += g.measured
    if not months and not (first and last):
        return []
    first = first or min(months)
    last = last or max(months)
    out = []
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append(months.get(key) or {"month": key, "proposals": 0, "adopted": 0, "expected_benefit": 0.0,
                                       "measured_benefit": 0.0})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
