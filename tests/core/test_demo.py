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
    done = []
    counts = demo.generate(bank, bank.actor(), 1000, seed=5, batch=100,
                           progress=lambda d, n: done.append(d), cancel=lambda: len(done) >= 3)
    assert counts["cancelled"] is True
    assert counts["projects"] == 200 == _count(bank, Project)
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
