"""Time spent in each stage, from the stays every lifecycle step records beside its audit row.

A stay runs from the step that entered a status to the next step (`project_stages`, filled from the
audit trail for older data by migration 0010). Stays still running are not counted: their length is
not known yet. One grouped query gives, per stage and per hour of duration, the number of stays and
their total days: the mean is exact; the median is the mean of the stays in the middle hour (or of
the two middle ones), so it is exact to within an hour.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, cast, func, select

from app.core.analytics.scope import Frame
from db.models import Project, ProjectStage

# The stages a project waits in on its way (the final ones have no end).
TIMED = ("submitted", "under_review", "adopted", "in_progress", "completed", "incubating")


def stage_times(frame: Frame) -> list[dict[str, Any]]:
    hours = ProjectStage.days * 24  # SQLite's CAST truncates (days ≥ 0: floor); PostgreSQL's rounds
    hour = (cast(hours, Integer) if frame.sqlite else func.floor(hours)).label("hour")
    stmt = frame.counted(
        select(ProjectStage.stage, hour, func.count(), func.sum(ProjectStage.days)).select_from(Project)
        .join(ProjectStage, ProjectStage.project_id == frame.project_key())
        .where(ProjectStage.days.is_not(None))  # every stage: one index seek per project, not one per stage
    ).group_by(ProjectStage.stage, hour).order_by(ProjectStage.stage, hour)
    histogram: dict[str, list[tuple[int, float]]] = {}
    for stage, _hour, n, days in frame.s.execute(stmt):
        if stage in TIMED:
                histogram.setdefault(stage, []).append((n, float(days)))
    return [{"stage": stage, **_mean_and_median(histogram.get(stage, []))} for stage in TIMED]


def _mean_and_median(buckets: list[tuple[int, float]]) -> dict[str, Any]:
    """From (count, total days) per hour of duration, in order."""
    n = sum(c for c, _ in buckets)
    if not n:
        return {"count": 0, "mean_days": None, "median_days": None}
    # Positions (1-based) of the middle stay, or of the two middle stays.
    wanted = sorted({(n + 1) // 2, (n + 2) // 2})
    found: list[float] = []
    seen = 0
    for count, days in buckets:
        while wanted and wanted[0] <= seen + count:
            found.append(days / count)
            wanted.pop(0)
        seen += count
    return {"count": n, "mean_days": sum(d for _, d in buckets) / n, "median_days": sum(found) / len(found)}
