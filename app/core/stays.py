"""Stays of projects in each status (`project_stages`), kept beside the audit trail of status changes.

Every lifecycle step writes an audit row and, in the same transaction, ends the project's current
stay and begins the next (`record`). Status rows that arrive from another site by synchronisation
(the audit log travels, append-only, possibly out of order) re-derive the stays of their projects
from the trail (`rebuild`), as migration 0010 did for the data before it. The analytics read times
in stage from here with plain aggregates instead of pairing audit rows on every request.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.orm import Session

from db.models import AuditLog, Project, ProjectStage

CHUNK = 500


def hours(days: float | None) -> int | None:
    """The whole hours a stay lasted (the buckets of the median in analytics/stages.py)."""
    return None if days is None else int(days * 24 + 1e-9)  # 1e-9: 2 days stay 48 hours despite rounding


def record(s: Session, project_id: str, stage: str, now: dt.datetime) -> None:
    """End the project's current stay (with the days it lasted) and begin one in `stage`."""
    current = s.scalar(select(ProjectStage).where(ProjectStage.project_id == project_id, ProjectStage.left_at.is_(None))
                       .order_by(ProjectStage.id.desc()).limit(1))
    if current is not None:
        current.left_at, current.days = now, (now - current.entered_at).total_seconds() / 86400
        current.hours = hours(current.days)
    s.add(ProjectStage(project_id=project_id, stage=stage, entered_at=now))


def rebuild(conn: Connection, project_ids: Iterable[str]) -> int:
    """Derive the stays of these projects again from their audit trail; returns how many were written."""
    ids = sorted(set(project_ids))
    a, written = AuditLog, 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = conn.execute(
            select(a.entity_id, a.new_value, a.at,
                   func.lead(a.at, type_=a.at.type).over(partition_by=a.entity_id, order_by=(a.at, a.id)))
            .where(a.entity == "project", a.field == "status", a.new_value.is_not(None), a.entity_id.in_(chunk),
                   a.entity_id.in_(select(Project.id).where(Project.id.in_(chunk))))).all()
        conn.execute(delete(ProjectStage).where(ProjectStage.project_id.in_(chunk)))
        stays = []
        for pid, stage, entered, left in rows:
            days = None if left is None else (left - entered).total_seconds() / 86400
            stays.append({"project_id": pid, "stage": stage, "entered_at": entered, "left_at": left, "days": days,
                          "hours": hours(days)})
        if stays:
            conn.execute(insert(ProjectStage), stays)
        written += len(stays)
    return written

