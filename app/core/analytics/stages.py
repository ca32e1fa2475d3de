"""Time spent in each stage, from the stays every lifecycle step records beside its audit row.

A stay runs from the step that entered a status to the next step (`project_stages`, see
app/core/stays.py). Stays still running are not counted: their length is not known yet. The database
counts the stays and their days per stage and whole hour of length: the mean is exact; the median is
the mean of the stays in the middle hour (or the two middle ones), so exact to within an hour.

When the scope filters nothing (no period, studio, unit or category) the few projects the viewer may
not see are subtracted from the figures of every stay, read from an index alone; otherwise the scope's
projects are joined to their stays. Both are exact: counts and sums add up.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Function, false, func, not_, select
from sqlalchemy.orm import InstrumentedAttribute

from app.core.analytics.scope import Frame
from db.models import Project, ProjectStage

# The stages a project waits in on its way (the final ones have no end).
TIMED = ("submitted", "under_review", "adopted", "in_progress", "completed", "incubating")
Histogram = dict[tuple[str, int], list[float]]  # (stage, hours) -> [stays, days]


def stage_times(frame: Frame) -> list[dict[str, Any]]:
    scope = frame.scope
    everything = not (scope.date_from or scope.date_to or scope.studio_id or scope.unit_id or scope.categories)
    histogram = _all_but_hidden(frame) if everything else _joined(frame, frame.counted(select(Project.id)).whereclause)
    by_stage: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for (stage, hour), (n, days) in sorted(histogram.items()):
        if stage in TIMED and n:
            by_stage[stage].append((int(n), days))
    return [{"stage": stage, **_mean_and_median(by_stage.get(stage, []))} for stage in TIMED]


def _columns() -> tuple[InstrumentedAttribute[str], InstrumentedAttribute[int | None], Function[int], Function[Any]]:
    return ProjectStage.stage, ProjectStage.hours, func.count(), func.sum(ProjectStage.days)


def _joined(frame: Frame, where: ColumnElement[Any] | None) -> Histogram:
    """The stays of the projects `where` selects."""
    stmt = (select(*_columns()).select_from(Project)
            .join(ProjectStage, ProjectStage.project_id == frame.project_key())
            .where(false() if where is None else where, ProjectStage.hours.is_not(None))  # no clause: as WHERE NULL
            .group_by(ProjectStage.stage, ProjectStage.hours))
    return {(stage, hour): [n, float(days)] for stage, hour, n, days in frame.s.execute(stmt)}


def _all_but_hidden(frame: Frame) -> Histogram:
    """Every finished stay (one pass over an index, already in order), less the stays of the projects
    the scope does not count (other people's drafts, secret projects the viewer may not see, merged ones)."""
    stmt = (select(*_columns()).where(ProjectStage.hours.is_not(None))
            .group_by(ProjectStage.stage, ProjectStage.hours))
    histogram = {(stage, hour): [n, float(days)] for stage, hour, n, days in frame.s.execute(stmt)}
    counted = frame.counted(select(Project.id)).whereclause
    for key, (n, days) in _joined(frame, not_(func.coalesce(counted, false()))).items():
        histogram[key][0] -= n
        histogram[key][1] -= days
    return histogram


def _mean_and_median(buckets: list[tuple[int, float]]) -> dict[str, Any]:
    """From (stays, total days) per hour of length, in order."""
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
