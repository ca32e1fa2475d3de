"""The demo generator: realistic spread, deterministic per seed, consistent counters, refusals."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core import demo
from app.core.bank import Bank
from app.core.errors import Conflict, PermissionDenied
from app.core.integrity import check_bank
from app.core.vocab import CATEGORIES, STATUSES
from db.models import Project, Review, Studio, Unit, User


def _count(bank, model, *where):
    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _content(bank):
    with bank.session() as s:
        return s.execute(select(Project.title, Project.category, Project.status, Project.background,
                                Project.innovation_points, Project.tags, Project.expected_benefit, Project.created_at)
                         .order_by(Project.created_at, Project.number)).all()


def test_demo_covers_every_category_and_status_and_passes_the_integrity_check(bank):
    seen = []
    counts = demo.generate(bank, bank.actor(), 600, seed=3, progress=lambda d, n: seen.append((d, n)), batch=200)
    assert counts["projects"] == 600 and not counts["cancelled"]
    assert seen[0] == (0, 600) and seen[-1] == (600, 600) and len(seen) == 4
    with bank.session() as s:
        assert set(s.scalars(select(Project.status).distinct())) == set(STATUSES)
        assert set(s.scalars(select(Project.category).distinct())) == set(CATEGORIES)
        years = {p.year for p in s.scalars(select(Project.created_at))}
        assert years == {2021, 2022, 2023, 2024, 2025}  # the test clock stands at 2025-03-01
        assert max(s.scalars(select(Project.updated_at))) <= bank.now()
        leaders = s.scalar(select(func.count()).select_from(User).where(User.role == "leader"))
        titles = list(s.scalars(select(Project.title)))
    assert _count(bank, Studio) == demo.STUDIOS == leaders
    assert _count(bank, User) == demo.PEOPLE + 1  # plus the local administrator
    assert _count(bank, Unit, Unit.kind == "crew") > 200
    decided = ("adopted", "not_adopted", "in_progress", "completed", "incubating", "promoted")
    assert _count(bank, Review) == _count(bank, Project, Project.status.in_(decided))
    assert _count(bank, Project, Project.seq > 1) == 600  # the bulk inserts are stamped too
    assert len(set(titles)) > 500  # composed, not a handful of templates repeated
    assert counts["votes"] > 0 and counts["comments"] > 0 and counts["members"] > 600
    assert check_bank(bank) == []


def test_same_seed_same_content_other_seed_other_content(tmp_path, clock):
    banks = [Bank.open(tmp_path / name, clock=clock) for name in ("a", "b", "c")]
    try:
        for b, seed in zip(banks, (11, 11, 12)):
            demo.generate(b, b.actor(), 120, seed=seed, batch=50)
        a, b, c = (_content(x) for x in banks)
        assert a == b
        assert a != c
        with banks[0].session() as s1, banks[1].session() as s2:
            assert set(s1.scalars(select(Project.id))).isdisjoint(s2.scalars(select(Project.id)))
    finally:
        for b in banks:
            b.close()


def test_refuses_a_bank_with_projects_unless_appending(bank):
    demo.generate(bank, bank.actor(), 20, seed=1)
    with pytest.raises(Conflict, match="--append"):
        demo.generate(bank, bank.actor(), 20, seed=1)
    counts = demo.generate(bank, bank.actor(), 30, seed=2, append=True)
    assert counts["people"] == 0 and counts["studios"] == 0  # the organisation is reused
    assert _count(bank, Project) == 50
    assert _count(bank, User) == demo.PEOPLE + 1
    with bank.session() as s:
        numbers = list(s.scalars(select(Project.number)))
    assert len(set(numbers)) == 50
    assert check_bank(bank) == []


def test_cancel_stops_between_batches_and_leaves_consistent_data(bank):
    from db.models import Team
    done = []
    counts = demo.generate(bank, bank.actor(), 1000, seed=5, batch=100,
                           progress=lambda d, n: done.append(d), cancel=lambda: len(done) >= 3)
    assert counts["cancelled"] is True
    assert counts["projects"] == 200 == _count(bank, Project)
    assert _count(bank, Team) == 0  # teams and requests build on the whole demo: not made when cancelled
    assert check_bank(bank) == []


def test_only_an_administrator_may_generate(bank, people):
    with pytest.raises(PermissionDenied):
        demo.generate(bank, people["W001"], 10)
    with pytest.raises(PermissionDenied):
        demo.generate(bank, people["L001"], 10)


def test_demo_people_can_sign_in_with_the_demo_password(bank):
    from sqlalchemy import select

    from app.core import auth, demo
    from db.models import User
    demo.generate(bank, bank.actor(), 20, seed=5)
    with bank.session() as s:
        leader_no = s.scalars(select(User.employee_no).where(User.role == "leader")).first()
    assert auth.sign_in(bank, leader_no, demo.DEMO_PASSWORD).role == "leader"


# -- teams, calls, incubation and warnings (demo_activity.py) ----------------------------------------

@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """One 600-project demo, read by the tests below (none of them writes)."""
    from tests.conftest import FakeClock
    b = Bank.open(tmp_path_factory.mktemp("demo") / "data", clock=FakeClock())
    b.auto_backup_at_close = False
    counts = demo.generate(b, b.actor(), 600, seed=3)
    yield b, counts
    b.close()


def test_every_board_has_records_of_every_kind(filled):
    from app.core import incubation, teams
    bank, counts = filled
    listed = teams.list_teams(bank)
    assert {tm["kind"] for tm in listed} == set(teams.TEAM_KINDS)
    assert all(tm["members"] >= 2 for tm in listed)
    details = [teams.team_detail(bank, tm["id"]) for tm in listed if tm["kind"] == "tackling"]
    assert all(d["activities"] and d["projects"] for d in details)
    assert any(d["partner_units"] for d in details)  # joint tackling (联合攻关)
    core = [teams.team_detail(bank, tm["id"]) for tm in listed if tm["kind"] == "studio_core"]
    assert any(m["left_on"] for d in core for m in d["members"])  # the record keeps those who left
    assert len(teams.list_alliance(bank)) > 100
    calls = teams.list_calls(bank)
    assert {c["state"] for c in calls} == {"open", "expired", "closed"}
    applications = {a["status"] for c in calls for a in teams.call_detail(bank, c["id"])["application_list"]}
    assert applications == set(teams.APPLICATION_STATUSES)
    requests = incubation.list_requests(bank)
    assert {r["status"] for r in requests} == set(incubation.REQUEST_STATUSES)
    assert all(r["milestones_total"] >= 3 for r in requests)
    assert counts["teams"] == len(listed) and counts["incubation_requests"] == len(requests)


def test_incubation_requests_agree_with_their_projects(filled):
    from app.core import incubation
    bank, _ = filled
    with bank.session() as s:
        projects = {p.id: p for p in s.scalars(select(Project))}
    for r in incubation.list_requests(bank):
        d = incubation.detail(bank, bank.actor(), r["id"])
        p = projects[r["project_id"]]
        assert p.confidentiality != "secret"  # the board lists requests to everyone
        if r["status"] in ("draft", "submitted", "declined"):
            assert p.status in ("adopted", "completed")
        elif d["outcome"]["adopting_units"]:
            assert p.status == "promoted" and d["outcome"]["measured_savings"] == p.measured_benefit
        else:
            assert p.status == "incubating"
        if r["status"] in ("delivered", "closed"):
            assert all(m["done_on"] for m in d["milestones"])
        # The history replays the state machine from draft to where the request stands.
        steps = [(h["old"], h["new"]) for h in d["history"] if h["field"] == "status"]
        assert [new for _, new in steps] == [new for _, new in steps if new] and (steps[-1][1] if steps else "draft") == r["status"]
        assert all(a == b for (_, a), (b, _) in zip(steps, steps[1:]))
        times = [h["at"] for h in d["history"]]
        assert times == sorted(times) and max(times) <= bank.now().isoformat()


def test_warnings_of_every_kind_are_due_but_few_projects_are_stuck(filled):
    from app.core import alerts
    bank, counts = filled
    found = alerts.compute(bank)
    assert {w.kind for w in found} == set(alerts.KINDS)
    stuck = sum(1 for w in found if w.kind == "project_stuck")
    assert 0 < stuck < counts["projects"] // 20


def test_demo_activity_is_numbered_chained_and_hides_secret_projects(filled):
    from db.models import AuditLog, IncubationRequest, OpenCall, Team, TeamMember, TeamProject
    bank, counts = filled
    for model in (Team, TeamMember, OpenCall, IncubationRequest):
        assert _count(bank, model, model.seq <= 1) == 0 and _count(bank, model, model.hlc == "") == 0
    assert _count(bank, AuditLog, AuditLog.chain_seq.is_(None)) == 0
    assert _count(bank, AuditLog) >= counts["audit_log"]
    secret = select(Project.id).where(Project.confidentiality == "secret")
    assert _count(bank, TeamProject, TeamProject.project_id.in_(secret)) == 0
    assert check_bank(bank) == []  # includes the audit chain


def test_studios_keep_ledgers_and_most_have_premises_and_funds(filled):
    from app.core import compliance
    from db.models import StudioRecord
    bank, counts = filled
    year = bank.now().year - 1  # the last whole year of the period
    with bank.session() as s:
        founded = dict(s.execute(select(Studio.id, Studio.founded)).all())
        kinds = set(s.scalars(select(StudioRecord.kind).distinct()))
        latest = s.scalar(select(func.max(StudioRecord.happened_on)))
    assert kinds == {"study", "activity", "reward"} and latest < bank.now().date()
    entries = compliance.checklist(bank, bank.actor(), year)
    for e in entries:
        if founded[e["studio_id"]].year < year:
            assert not {"records.study", "records.activity"} & set(e["missing"]), e
    without = sum("premises_funds" in e["missing"] for e in entries)
    assert 0 < without < len(entries) // 4  # a few gaps to show, most studios on record
    assert _count(bank, StudioRecord) == counts["studio_records"] and _count(bank, StudioRecord, StudioRecord.seq <= 1) == 0
