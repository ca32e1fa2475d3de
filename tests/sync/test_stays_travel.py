"""Times in stage on another site: the status trail travels (the audit log is append-only) and the
receiving site derives the stays from it, so its analytics agree with the site where the steps were taken."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core import analytics, projects
from app.core.analytics import Scope
from db.models import ProjectStage
from tests.sync.test_changeset import DRAFT, org


def stays(bank):  # type: ignore[no-untyped-def]
    with bank.session() as s:
        return sorted(((p, a, st, b, d) for p, st, a, b, d in s.execute(
            select(ProjectStage.project_id, ProjectStage.stage, ProjectStage.entered_at, ProjectStage.left_at,
                   ProjectStage.days))))


def test_stays_follow_the_status_trail_to_another_site(sites):
    a, b = sites(2)
    org(a)
    b.take(a)
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    for days, who, action in ((2, "L001", "start_review"), (5, "L001", "adopt"), (9, "W001", "start_work")):
        a.bank.clock.now += dt.timedelta(days=days)
        projects.move(a.bank, a.actor(who), pid, action)
    b.take(a)
    assert [(st, d) for _p, _a, st, _b, d in stays(b.bank)] == [
        ("submitted", 2.0), ("under_review", 5.0), ("adopted", 9.0), ("in_progress", None)]
    assert stays(b.bank) == stays(a.bank)
    assert analytics.report(b.bank, Scope(b.actor()))["stage_times"] == \
        analytics.report(a.bank, Scope(a.actor()))["stage_times"]
