"""Laptops (SQLite) synchronising with a hub (a real PostgreSQL started by the test run): both
ways, in batches, resumable after a dropped connection, with the hub re-checking every change."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core import discussion, projects
from app.core import people as P
from app.core.bank import Bank
from app.core.errors import StorageError
from app.sync import changeset, hub, join
from db.models import Comment, Project, SyncConflict, Vote
from tests.conftest import FakeClock

pytestmark = pytest.mark.postgres

DRAFT = {"title": "主变油色谱在线监测改进", "category": "小革新", "background": "油色谱取样周期长。",
         "solution": "加装在线监测装置。", "innovation_points": ["在线监测"]}


@pytest.fixture
def laptops(tmp_path):
    made = [Bank.open(tmp_path / f"laptop{i}", clock=FakeClock()) for i in range(2)]
    yield made
    for b in made:
        b.close()


def org(bank):
    admin = bank.actor()
    P.add_unit(bank, admin, "变电运维车间", "workshop")
    P.add_user(bank, admin, "L001", "王建国", role="leader", unit="变电运维车间")
    P.add_studio(bank, admin, "王建国劳模创新工作室", "provincial", unit="变电运维车间", leader="L001")
    P.add_user(bank, admin, "W001", "张三", unit="变电运维车间", studio="王建国劳模创新工作室")
    P.add_user(bank, admin, "W002", "李四", unit="变电运维车间")


def contents(bank):
    with bank.session() as s:
        return (sorted(s.execute(select(Project.id, Project.title, Project.status, Project.vote_count,
                                        Project.comment_count)).all()),
                sorted(s.scalars(select(Comment.body))), s.scalar(select(func.count()).select_from(Vote)))


def test_two_laptops_meet_through_the_hub(laptops, postgres_db):
    a, b = laptops
    org(a)
    pid = projects.propose(a, a.actor("W001"), DRAFT, submit=True).value
    first = hub.sync(a, a.actor(), postgres_db)
    assert first.pushed_records > 0 and first.pushed.rejected == 0
    hub.sync(b, b.actor(), postgres_db)
    assert contents(b) == contents(a)
    # offline work on both, then both sync: each ends with everything
    discussion.comment(b, b.actor("W002"), pid, "在B笔记本上的评论")
    discussion.vote(b, b.actor("W002"), pid)
    projects.propose(a, a.actor("W002"), DRAFT | {"title": "A 笔记本上的新想法"}, submit=True)
    for laptop in (a, b, a):
        hub.sync(laptop, laptop.actor(), postgres_db)
    assert contents(a) == contents(b) and len(contents(a)[0]) == 2
    # nothing left to do: quick, and nothing moves
    again = hub.sync(a, a.actor(), postgres_db)
    assert again.pushed_records == 0 and again.pulled_records == 0
    assert hub.last_sync(a)["hub"] == again.hub_site


def test_the_hub_refuses_a_worker_adopting_a_project(laptops, postgres_db):
    a, b = laptops
    org(a)
    pid = projects.propose(a, a.actor("W001"), DRAFT, submit=True).value
    hub.sync(a, a.actor(), postgres_db)
    worker = a.actor("W001")
    with a.write() as s:  # a laptop whose copy of the rules let a worker adopt (tampered, or old)
        s.info["actor_id"] = worker.id
        s.get(Project, pid).status = "adopted"
    report = hub.sync(a, a.actor(), postgres_db)
    assert report.pushed.rejected == 1
    with a.session() as s:
        assert s.get(Project, pid).status == "submitted"  # the hub's value came back
        rejected = s.scalar(select(SyncConflict).where(SyncConflict.kind == "rejected"))
        assert (rejected.value, rejected.value_by, rejected.field) == ("adopted", worker.id, "status")
    hub.sync(b, b.actor(), postgres_db)
    with b.session() as s:
        assert s.get(Project, pid).status == "submitted"
    # a leader of the project's studio may: accepted
    projects.start_review(a, a.actor("L001"), pid)
    projects.adopt(a, a.actor("L001"), pid)
    assert hub.sync(a, a.actor(), postgres_db).pushed.rejected == 0
    hub.sync(b, b.actor(), postgres_db)
    with b.session() as s:
        assert s.get(Project, pid).status == "adopted"


def test_a_sync_killed_midway_continues_where_it_stopped(laptops, postgres_db, monkeypatch):
    a, b = laptops
    org(a)
    for i in range(12):
        pid = projects.propose(a, a.actor("W001"), DRAFT | {"title": f"项目{i}"}, submit=True).value
        discussion.comment(a, a.actor("W002"), pid, f"评论{i}")
    real_apply, calls = changeset.apply, []

    def dying(bank, changes, **kw):
        calls.append(1)
        if len(calls) == 3:
            raise hub.OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))
        return real_apply(bank, changes, **kw)

    monkeypatch.setattr(changeset, "apply", dying)
    with pytest.raises(StorageError, match="2"):
        hub.sync(a, a.actor(), postgres_db, limit=10)
    monkeypatch.setattr(changeset, "apply", real_apply)
    resumed = hub.sync(a, a.actor(), postgres_db, limit=10)
    assert resumed.push_batches >= 1
    hub.sync(b, b.actor(), postgres_db, limit=10)
    assert contents(b) == contents(a) and len(contents(b)[0]) == 12


def test_a_copied_database_is_refused_until_it_takes_a_new_id(laptops, postgres_db, tmp_path):
    import shutil

    a, _ = laptops
    org(a)
    hub.sync(a, a.actor(), postgres_db)
    copy = tmp_path / "copy"
    shutil.copytree(a.data_dir, copy)
    twin = Bank.open(copy, clock=a.clock)
    try:
        # both work offline: same site code, same counter, so the same number for two projects
        mine = projects.propose(a, a.actor("W001"), DRAFT | {"title": "原件上的项目"}).value
        theirs = projects.propose(twin, twin.actor("W001"), DRAFT | {"title": "副本上的项目"}).value
        hub.sync(a, a.actor(), postgres_db)
        with pytest.raises(hub.CopiedDatabase, match="site join"):
            hub.sync(twin, twin.actor(), postgres_db)
        report = join.join(twin, postgres_db, "admin")
        assert twin.site_id == report.site_id != a.site_id and report.renumbered == 1
        hub.sync(a, a.actor(), postgres_db)
        with a.session() as s:
            numbers = {s.get(Project, pid).number for pid in (mine, theirs)}
        assert len(numbers) == 2 and any(f"-{twin.site_code}-" in n for n in numbers)
        assert contents(a) == contents(twin)
    finally:
        twin.close()


def test_a_bank_made_by_an_import_keeps_its_states_at_the_hub(laptops, postgres_db):
    """An administrator's bank (demo data, as an import writes it: every project made in its state)
    reaches an empty hub with its states (a worker's status change is still re-checked: test above)."""
    from app.core import demo
    a, b = laptops
    demo.generate(a, a.actor(), 60, 7)
    with a.session() as s:
        states = dict(s.execute(select(Project.id, Project.status)).all())
    assert len(set(states.values())) > 3
    report = hub.sync(a, a.actor(), postgres_db)
    assert report.pushed.rejected == 0
    hub.sync(b, b.actor(), postgres_db)
    for bank in (a, b):  # nothing turned back into a draft, on the laptop or the one that joined
        with bank.session() as s:
            assert dict(s.execute(select(Project.id, Project.status)).all()) == states
