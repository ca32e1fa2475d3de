"""Every analytics figure on the fixed data set of analytics_data.py, against values computed by hand,
on SQLite and on PostgreSQL (the SQL for months and days differs)."""
from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from app.core import analytics, projects
from app.core.analytics import Scope
from app.core.bank import Bank
from tests.conftest import FakeClock, make_people
from tests.core import analytics_data
from tests.postgres_server import new_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    """The data set, built once per backend for the tests that only read it."""
    with contextlib.ExitStack() as stack:
        url = None
        if request.param == "postgresql":
            url = stack.enter_context(new_database(request.getfixturevalue("postgres_server")))
        bank = Bank.open(tmp_path_factory.mktemp("analytics") / "data", url, clock=FakeClock())
        stack.callback(bank.close)
        people = make_people(bank)
        yield bank, people, analytics_data.build(bank, people, bank.clock)


def _approx(value):
    return pytest.approx(value, rel=1e-9)


def test_totals_funnel_and_adoption(world):
    bank, people, _ = world
    r = analytics.report(bank, Scope(people["admin"]))
    # The admin sees the secret P5 but not W002's draft P4 (drafts count only for their authors).
    assert r["count"] == 4 and r["restricted"] is False
    assert r["by_status"] == {"completed": 2, "not_adopted": 1, "promoted": 1}
    assert r["by_category"] == {"innovation": 2, "suggestion": 1, "invention": 1}
    assert r["by_year"] == {"2025": 4}
    assert (r["adopted"], r["decided"], r["adoption_rate"]) == (3, 4, 0.75)
    assert [(f["stage"], f["count"]) for f in r["funnel"]] == [
        ("submitted", 4), ("adopted", 3), ("in_progress", 3), ("completed", 3), ("incubating", 1), ("promoted", 1)]
    assert [f["from_previous"] for f in r["funnel"]] == [None, 0.75, 1.0, 1.0, _approx(1 / 3), 1.0]
    assert [f["from_first"] for f in r["funnel"]] == [1.0, 0.75, 0.75, 0.75, 0.25, 0.25]


def test_times_in_stage_from_the_audit_trail(world):
    bank, people, _ = world
    times = {t["stage"]: (t["count"], t["mean_days"], t["median_days"])
             for t in analytics.report(bank, Scope(people["admin"]))["stage_times"]}
    assert times == {
        "submitted": (4, _approx(2.5), _approx(2.5)),  # 2, 2, 3, 3
        "under_review": (4, _approx(3.5), _approx(3.5)),  # 3, 3, 4, 4
        "adopted": (3, _approx(40 / 3), _approx(10)),  # 10, 10, 20
        "in_progress": (3, _approx(160 / 3), _approx(60)),  # 30, 60, 70
        "completed": (1, _approx(10), _approx(10)),  # P3 only: P1 and P5 are still completed
        "incubating": (1, _approx(30), _approx(30)),
    }
    # A filtered scope joins its projects to their stays (the unfiltered one subtracts the hidden ones).
    with bank.session() as s:
        from sqlalchemy import select

        from db.models import Studio
        b = s.scalar(select(Studio.id).where(Studio.name == "输电工作室"))
    p3 = {t["stage"]: (t["count"], t["mean_days"]) for t in analytics.report(bank, Scope(people["admin"],
                                                                                      studio_id=b))["stage_times"]}
    assert p3 == {"submitted": (1, _approx(3)), "under_review": (1, _approx(4)), "adopted": (1, _approx(20)),
                  "in_progress": (1, _approx(60)), "completed": (1, _approx(10)), "incubating": (1, _approx(30))}
    # W002 may not see P5: its stays (3, 4, 10, 70 days) are subtracted from every stay's figures.
    w = {t["stage"]: (t["count"], t["median_days"])
         for t in analytics.report(bank, Scope(people["W002"]))["stage_times"]}
    assert w["adopted"] == (2, _approx(15)) and w["in_progress"] == (2, _approx(45)) and w["submitted"] == (3, _approx(2))


def test_benefit_roi_and_payback(world):
    bank, people, _ = world
    r = analytics.report(bank, Scope(people["admin"]))
    assert (r["expected_benefit"], r["measured_benefit"]) == (1_065_000, 560_000)
    b = r["benefit"]
    assert (b["expected"], b["measured"], b["investment"], b["with_investment"]) == (1_065_000, 560_000, 115_000, 3)
    assert b["roi"] == _approx(560_000 / 115_000)
    assert b["payback_months"] == _approx(115_000 / 560_000 * 12)
    assert (b["with_both"], b["expected_of_measured"], b["measured_of_expected"]) == (3, 1_062_000, 560_000)
    assert b["realisation"] == _approx(560_000 / 1_062_000)
    assert b["by_category"]["suggestion"]["roi"] is None and b["by_category"]["suggestion"]["expected"] == 3000
    assert b["by_category"]["innovation"]["roi"] == _approx(60_000 / 15_000)
    assert b["by_category"]["innovation"]["payback_months"] == _approx(3.0)


def test_participation_by_unit_and_studio(world):
    bank, people, _ = world
    r = analytics.report(bank, Scope(people["admin"]))
    units = {u["name"]: u for u in r["by_unit"]}
    assert set(units) == {"变电运维车间", "输电运检车间"}
    sub, line = units["变电运维车间"], units["输电运检车间"]
    # P1, P2, P5 by W001; P3 by W002 (P4 is a draft). People: L001, W001 | W002, L002.
    assert (sub["proposals"], sub["adopted"], sub["people"], sub["participants"]) == (3, 2, 2, 1)
    assert (sub["adoption_rate"], sub["participation_rate"], sub["ideas_per_head"]) == (_approx(2 / 3), 0.5, 1.5)
    assert sub["measured_benefit"] == 520_000
    assert (line["proposals"], line["adopted"], line["people"], line["participants"]) == (1, 1, 2, 1)
    assert (line["adoption_rate"], line["participation_rate"], line["ideas_per_head"]) == (1.0, 0.5, 0.5)
    studios = {s["name"]: s for s in r["by_studio"]}
    a, b = studios["王建国劳模创新工作室"], studios["输电工作室"]
    assert (a["proposals"], a["adopted"], a["people"], a["participants"], a["participation_rate"]) == (3, 2, 2, 1, 0.5)
    assert (b["proposals"], b["adopted"], b["people"], b["participants"], b["participation_rate"]) == (1, 1, 1, 0, 0.0)
    assert b["ideas_per_head"] == 1.0
    assert r["participants"] == 2


def test_a_unit_filter_groups_below_that_unit(world):
    bank, people, _ = world
    with bank.session() as s:
        from sqlalchemy import select

        from db.models import Unit
        line = s.scalar(select(Unit.id).where(Unit.name == "输电运检车间"))
    r = analytics.report(bank, Scope(people["admin"], unit_id=line))
    # Only P3 is proposed by someone of 输电运检车间 (P2's co-author W002 is, but its proposer is not).
    assert r["count"] == 1 and [f["count"] for f in r["funnel"]][:2] == [1, 1]
    assert [(u["name"], u["proposals"], u["people"], u["participants"]) for u in r["by_unit"]] == [
        ("输电运检车间（直属）", 1, 2, 1)]


def test_top_contributors(world):
    bank, people, _ = world
    top = analytics.report(bank, Scope(people["admin"]))["top_contributors"]
    assert [(p["employee_no"], p["projects"], p["proposed"], p["adopted"], p["measured_benefit"]) for p in top] == [
        ("W001", 3, 3, 2, 520_000), ("W002", 2, 1, 1, 40_000)]
    assert top[0]["unit"] == "变电运维车间"


def test_trend_by_month_in_the_site_time_zone(bank, people, clock):
    analytics_data.build(bank, people, clock)
    r = analytics.report(bank, Scope(people["admin"], date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 4, 30)))
    assert r["trend"] == [
        {"month": "2025-02", "proposals": 0, "adopted": 0, "expected_benefit": 0, "measured_benefit": 0},
        {"month": "2025-03", "proposals": 4, "adopted": 3, "expected_benefit": 1_065_000, "measured_benefit": 560_000},
        {"month": "2025-04", "proposals": 0, "adopted": 0, "expected_benefit": 0, "measured_benefit": 0}]
    # 2025-06-30 20:00 UTC is already 1 July in Shanghai: it counts in July, and in a period from 1 July.
    clock.now = dt.datetime(2025, 6, 30, 20, 0, tzinfo=dt.timezone.utc)
    projects.propose(bank, people["W001"], analytics_data.BASE | {"title": "七月的建议", "category": "小建议"},
                     submit=True)
    july = analytics.report(bank, Scope(people["admin"], date_from=dt.date(2025, 7, 1), date_to=dt.date(2025, 7, 31)))
    assert july["count"] == 1 and [m["month"] for m in july["trend"]] == ["2025-07"]
    june = analytics.report(bank, Scope(people["admin"], date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 6, 30)))
    assert june["count"] == 0 and june["trend"][0]["proposals"] == 0


def test_a_period_before_everything_counts_nothing(world):
    bank, people, _ = world
    r = analytics.report(bank, Scope(people["admin"], date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31)))
    assert r["count"] == 0 and r["adoption_rate"] is None and r["funnel"][0]["count"] == 0
    assert r["funnel"][1]["from_previous"] is None and r["benefit"]["roi"] is None
    assert all(t["count"] == 0 and t["median_days"] is None for t in r["stage_times"])
    assert r["top_contributors"] == [] and len(r["trend"]) == 12


def test_studios_overview(world):
    bank, people, _ = world
    rows = {r["name"]: r for r in analytics.studios_overview(bank, people["admin"])}
    wang = rows["王建国劳模创新工作室"]
    assert (wang["leader"], wang["unit"], wang["level"]) == ("王建国", "变电运维车间", "provincial")
    assert (wang["members"], wang["projects"], wang["adopted"], wang["measured_benefit"]) == (2, 3, 2, 520_000)
    assert (rows["输电工作室"]["projects"], rows["输电工作室"]["adopted"]) == (1, 1)


def test_stays_recorded_by_each_step_equal_those_migration_0010_reads_from_the_audit_trail(bank, people, clock):
    from alembic import command
    from sqlalchemy import select

    from db import migrate
    from db.models import ProjectStage
    analytics_data.build(bank, people, clock)

    def stays():  # type: ignore[no-untyped-def]
        with bank.session() as s:
            return sorted((p, st, a.isoformat(), b.isoformat() if b else None, round(d, 9) if d is not None else None,
                           h) for p, st, a, b, d, h in s.execute(select(
                               ProjectStage.project_id, ProjectStage.stage, ProjectStage.entered_at,
                               ProjectStage.left_at, ProjectStage.days, ProjectStage.hours)))
    live = stays()
    assert len(live) == 5 + 3 + 7 + 5  # P1, P2, P3 (up to promoted), P5
    cfg = migrate.alembic_config(bank.engine)
    command.downgrade(cfg, "0003")
    command.upgrade(cfg, "head")
    assert stays() == live


def test_people_who_left_keep_their_figures_but_not_the_headcount(bank, people, clock):
    from db.models import User
    analytics_data.build(bank, people, clock)
    with bank.write() as s:
        s.query(User).filter_by(employee_no="W002").one().active = False
    r = analytics.report(bank, Scope(people["admin"]))
    line = next(u for u in r["by_unit"] if u["name"] == "输电运检车间")
    assert (line["proposals"], line["people"], line["participants"], line["participation_rate"]) == (1, 1, 0, 0.0)
    assert [p["employee_no"] for p in r["top_contributors"]] == ["W001", "W002"] and r["participants"] == 2
