"""The change sequence: every write's rows carry its number, numbers become visible in order (no
change skipped by a reader's cursor, also on PostgreSQL with concurrent writers), clocks and
per-field versions, and tombstones that remember what the deletion saw."""
from __future__ import annotations

import random
import threading
import time

import pytest
from sqlalchemy import insert, select

from app.core import discussion, projects
from app.core import people as P
from app.core.bank import Bank
from db import sequence
from db.models import AuditLog, Comment, Project, SyncCounter, Tombstone, Unit


def _seq(bank, model, row_id):
    with bank.session() as s:
        return s.get(model, row_id).seq


def test_a_transaction_stamps_every_row_it_writes_with_one_new_number(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    with bank.session() as s:
        project = s.get(Project, pid)
        audit = s.scalar(select(AuditLog).where(AuditLog.entity_id == pid))
        counter = s.get(SyncCounter, 1)
        assert project.seq == audit.seq == counter.seq  # the last number taken is this one
        assert project.hlc and project.hlc.endswith(bank.site_id) and project.origin is None
        first = project.seq
    projects.edit(bank, people["W001"], pid, {"title": "改过的标题"})
    assert _seq(bank, Project, pid) > first


def test_core_bulk_inserts_are_stamped_too(bank):
    with bank.write() as s:
        s.connection().execute(insert(Unit.__table__), [
            {"id": f"u{i}", "name": f"班组{i}", "kind": "crew", "created_at": bank.now(), "updated_at": bank.now(),
             "site_id": bank.site_id} for i in range(3)])
        taken = sequence.current(s.connection()).seq
    with bank.session() as s:
        assert set(s.scalars(select(Unit.seq).where(Unit.id.like("u%")))) == {taken}


def test_a_rolled_back_write_leaves_no_number_behind(bank, people, draft_data):
    with bank.session() as s:
        before = s.get(SyncCounter, 1).seq
    with pytest.raises(RuntimeError):
        with bank.write() as s:
            s.add(Unit(name="回滚的班组", site_id=bank.site_id))
            s.flush()
            raise RuntimeError("power cut")
    with bank.session() as s:
        assert s.get(SyncCounter, 1).seq == before


def test_a_changed_field_records_its_clock_and_who_changed_it(bank, people, draft_data):
    w = people["W001"]
    pid = projects.propose(bank, w, draft_data).value
    with bank.session() as s:
        assert s.get(Project, pid).versions == {"_by": w.id}  # who made it; no field changed since
    projects.edit(bank, w, pid, {"title": "第二版"})
    projects.edit(bank, w, pid, {"title": "第三版", "background": "新背景"})
    with bank.session() as s:
        p = s.get(Project, pid)
        by, *clocks = p.versions["title"]
        assert by == w.id and len(clocks) == 2 and clocks[0] == p.hlc and clocks[0] > clocks[1]
        assert p.versions["background"][1] == p.hlc
        assert "vote_count" not in p.versions  # derived counters are not merged field by field
    projects.submit(bank, w, pid)  # a draft is private: others vote once it is submitted
    discussion.vote(bank, people["W002"], pid)
    with bank.session() as s:
        assert "vote_count" not in (s.get(Project, pid).versions or {})


def test_co_authors_change_as_one_field(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    projects.edit(bank, people["W001"], pid, {"co_authors": ["W001", "W002"]})
    with bank.session() as s:
        p = s.get(Project, pid)
        assert p.versions["members"][1] == p.hlc


def test_a_deletion_leaves_a_tombstone_that_remembers_the_row_s_clocks(bank, people, draft_data):
    w = people["W001"]
    pid = projects.propose(bank, w, draft_data).value
    projects.edit(bank, w, pid, {"title": "删前改过"})
    with bank.session() as s:
        hlc, versions = s.get(Project, pid).hlc, s.get(Project, pid).versions
    projects.delete_project(bank, w, pid)
    with bank.session() as s:
        stones = list(s.scalars(select(Tombstone).where(Tombstone.entity_id == pid)))
    assert len(stones) == 1 and stones[0].entity == "project"
    assert stones[0].seen == {"hlc": hlc, "versions": versions} and stones[0].seq > 0


def test_clocks_move_past_what_another_site_has_seen(bank):
    with bank.write() as s:
        ahead = sequence.make_clock(sequence._ms(bank.now()) + 60_000, 7, "another-site")
        tick = sequence.observe(s.connection(), ahead, bank.now(), bank.site_id)
    assert tick.clock > ahead
    with bank.write() as s:
        assert sequence.current(s.connection()).clock > tick.clock


@pytest.mark.postgres
def test_concurrent_writers_never_let_a_reader_skip_a_change(postgres_db, tmp_path):
    """Two writers interleave transactions that hold their number for a while; a reader keeps
    moving its cursor to the highest committed number. Whatever the interleaving, the reader ends
    up having seen every row (a sequence object would let a later number commit first)."""
    banks = [Bank.open(tmp_path / name, postgres_db) for name in ("w1", "w2", "reader")]
    writers, reader = banks[:2], banks[2]
    written: list[str] = []
    errors: list[BaseException] = []

    def write(bank: Bank, name: str, rng: random.Random) -> None:
        try:
            for i in range(25):
                with bank.write() as s:
                    s.add(Unit(id=f"{name}-{i}", name=f"{name}-{i}", site_id=bank.site_id))
                    s.flush()
                    time.sleep(rng.random() * 0.01)  # hold the number a while before committing
                written.append(f"{name}-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    seen: set[str] = set()
    cursor = 0
    threads = [threading.Thread(target=write, args=(b, f"w{n}", random.Random(n))) for n, b in enumerate(writers)]
    for t in threads:
        t.start()
    try:
        while True:
            writing = any(t.is_alive() for t in threads)
            with reader.session() as s:
                committed, _ = sequence.counter(s.connection())
                seen.update(s.scalars(select(Unit.id).where(Unit.seq > cursor, Unit.seq <= committed)))
            cursor = committed
            if not writing:
                break  # a pass that began after the last commit: anything still unseen was skipped
    finally:
        for t in threads:
            t.join()
        for b in banks:
            b.close()
    assert not errors, errors
    assert seen == set(written) and len(written) == 50


@pytest.mark.postgres
def test_writers_locking_the_same_project_queue_instead_of_deadlocking(postgres_db, tmp_path, draft_data):
    """Each write session takes its number first, so two transactions cannot each hold a row the
    other waits for (a project locked FOR UPDATE, then the counter)."""
    first = Bank.open(tmp_path / "a", postgres_db)
    second = Bank.open(tmp_path / "b", postgres_db)
    try:
        admin = first.actor()
        P.add_user(first, admin, "W1", "甲")
        pid = projects.propose(first, first.actor("W1"), draft_data, submit=True).value  # not a private draft
        errors: list[BaseException] = []

        def edit(bank: Bank, n: int) -> None:
            try:
                for i in range(10):
                    projects.edit(bank, bank.actor(), pid, {"title": f"并发修改{n}-{i}"})
                    discussion.comment(bank, bank.actor(), pid, f"评论{n}-{i}")
            except BaseException as exc:  # pragma: no cover
                errors.append(exc)

        threads = [threading.Thread(target=edit, args=(b, n)) for n, b in enumerate((first, second))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        with first.session() as s:
            assert len(list(s.scalars(select(Comment.id).where(Comment.project_id == pid)))) == 20
    finally:
        first.close()
        second.close()
