"""Corruption, backups and restore (issue 14 items 13 and 14).

A store with 4 KB of random bytes inside it is caught by the check at open, moved aside (never
deleted, never written again) and the newest sound backup is offered with its date; `backup`
refuses a damaged source and checks what it wrote; automatic backups are rolling and thinned;
`restore` checks the file before anything is replaced and keeps the store it replaces."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3

import pytest

from app.cli import main
from app.core import backups, projects
from app.core.bank import Bank
from app.core.errors import DamagedDatabase, ValidationError
from app.core.instance import FolderLock
from db.backup import SourceDamaged, backup_sqlite, quick_check


def fill_bank(data, draft_data, n=40):
    bank = Bank.open(data)
    admin = bank.actor()
    for i in range(n):
        projects.propose(bank, admin, draft_data | {"title": f"项目{i}", "background": "背景" * 400})
    bank.close()
    for b in backups.list_backups(data):  # the automatic one taken at close: each test makes its own
        b.path.unlink()


def corrupt(path, pages=1):
    """4 KB of random bytes over a page in the middle of the file (the issue's experiment)."""
    size = path.stat().st_size
    page = 4096
    middle = (size // page // 2) * page
    with open(path, "r+b") as fh:
        fh.seek(middle)
        fh.write(os.urandom(page * pages))
    assert quick_check(path) is not None


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM projects").fetchone()[0]


def test_backup_refuses_a_damaged_source_and_checks_its_copy(tmp_path, draft_data, capsys):
    data = tmp_path / "data"
    fill_bank(data, draft_data)
    good = backup_sqlite(data / "ideabank.sqlite", tmp_path / "good.sqlite")
    assert quick_check(good) is None and count(good) == 40
    corrupt(data / "ideabank.sqlite")
    with pytest.raises(SourceDamaged):
        backup_sqlite(data / "ideabank.sqlite", tmp_path / "bad.sqlite")
    assert not (tmp_path / "bad.sqlite").exists() and not (tmp_path / "bad.sqlite.part").exists()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "backup", str(tmp_path / "cli.sqlite")]) == 7
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and not (tmp_path / "cli.sqlite").exists()


def test_a_damaged_store_is_moved_aside_and_the_newest_backup_offered(tmp_path, draft_data, capsys):
    data = tmp_path / "data"
    fill_bank(data, draft_data)
    older = backups.take(data, "auto", dt.datetime(2025, 3, 1, 8, 0))
    newest = backups.take(data, "auto", dt.datetime(2025, 3, 2, 9, 30))
    corrupt(newest)  # the newest backup went bad on disk: the one offered is the newest *sound* one
    db = data / "ideabank.sqlite"
    corrupt(db)
    damaged = digest(db)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "project", "add", "--title", "不应写入", "--category", "小革新"]) == 7
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "2025-03-01 08:00" in err and str(older) in err
    assert not db.exists()
    [aside] = backups.damaged_stores(data)
    assert digest(aside) == damaged  # moved, not changed, not deleted
    # Every later start says the same until the person chooses: restore, or start anew with init.
    for args in (["project", "list"], ["check"], ["export", str(tmp_path / "x.json")], ["backup", str(tmp_path / "b")]):
        assert main(["--data-dir", str(data), *args]) == 7, args
        err = capsys.readouterr().err
        assert "2025-03-01 08:00" in err and "Traceback" not in err
    assert not db.exists() and digest(aside) == damaged
    assert main(["--data-dir", str(data), "restore", str(older)]) == 0
    assert count(db) == 40
    assert main(["--data-dir", str(data), "project", "add", "--title", "恢复后", "--category", "小革新"]) == 0
    assert main(["--data-dir", str(data), "check", "--no-hash"]) == 0


@pytest.mark.parametrize("check_now", [True, False], ids=["checked-from-open", "checked-at-first-write"])
def test_a_store_damaged_while_open_is_never_written(tmp_path, draft_data, check_now):
    data = tmp_path / "data"
    fill_bank(data, draft_data)
    corrupt(data / "ideabank.sqlite")
    # The check runs beside the first reads, or (a command that only reads) when a first write comes;
    # either way the first write waits for it.
    bank = Bank.open(data, check_now=check_now)
    with pytest.raises(DamagedDatabase) as err:
        projects.propose(bank, bank.actor() if not bank.damaged else None, draft_data)
    assert err.value.moved_to is not None and err.value.backup is None
    assert "init" in err.value.message
    with pytest.raises(DamagedDatabase):
        with bank.session():
            pass
    bank.close()
    assert not (data / "ideabank.sqlite").exists()
    fresh = Bank.open(data, fresh=True)  # `ideabank init`: an explicit new start
    assert fresh.actor().employee_no == "admin"
    fresh.close()


def test_restore_checks_the_file_before_replacing_anything(tmp_path, draft_data):
    data = tmp_path / "data"
    fill_bank(data, draft_data, n=3)
    db = data / "ideabank.sqlite"
    before = digest(db)
    bad = tmp_path / "bad.sqlite"
    backup_sqlite(db, bad)
    corrupt(bad)
    with pytest.raises(ValidationError, match="检查"):
        backups.restore(data, bad)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(ValidationError, match="不是创新智慧库"):
        backups.restore(data, foreign)
    with pytest.raises(ValidationError):
        backups.restore(data, tmp_path / "missing.sqlite")
    assert digest(db) == before and backups.list_backups(data) == []
    # A window holding the folder blocks a restore.
    good = backup_sqlite(db, tmp_path / "good.sqlite")
    lock = FolderLock(data)
    assert lock.acquire()
    try:
        assert main(["--data-dir", str(data), "restore", str(good)]) == 7
    finally:
        lock.release()
    assert digest(db) == before


def test_restore_keeps_the_store_it_replaces(tmp_path, draft_data):
    data = tmp_path / "data"
    fill_bank(data, draft_data, n=3)
    snapshot = backup_sqlite(data / "ideabank.sqlite", tmp_path / "three.sqlite")
    bank = Bank.open(data)
    projects.propose(bank, bank.actor(), draft_data | {"title": "第四个"})
    bank.close()
    (data / "search" / "index").mkdir(parents=True, exist_ok=True)
    result = backups.restore(data, snapshot)
    assert result.projects == 3 and count(data / "ideabank.sqlite") == 3
    assert result.previous is not None and result.previous.name.startswith("before-restore-")
    assert count(result.previous) == 4  # the replaced store, whole, in the backups folder
    assert not (data / "search").exists()  # the index of the old store goes; it rebuilds from the new one
    assert not list(data.glob("*.restoring*"))


def test_automatic_backups_when_data_changed_and_due(tmp_path, draft_data):
    data = tmp_path / "data"
    bank = Bank.open(data)
    with bank.session():
        pass
    bank.close()
    assert backups.list_backups(data) == []  # nothing written, no backup
    bank = Bank.open(data)
    projects.propose(bank, bank.actor(), draft_data)
    bank.close()
    [first] = backups.list_backups(data)
    assert first.kind == "auto" and quick_check(first.path) is None and count(first.path) == 1
    bank = Bank.open(data)
    projects.propose(bank, bank.actor(), draft_data)
    bank.close()
    assert len(backups.list_backups(data)) == 1  # not more often than configured (120 minutes)
    later = dt.datetime.now() + dt.timedelta(minutes=121)
    assert backups.due(data, 120, later)
    assert backups.maybe_backup(data, 120, later) is not None
    assert not backups.due(data, 120, later + dt.timedelta(minutes=500))  # nothing changed since


def test_thinning_keeps_a_day_then_days_weeks_months():
    now = dt.datetime(2025, 6, 30, 12, 0)
    made = [backups.BackupInfo(backups.Path(f"auto-{i}.sqlite"), "auto", now - dt.timedelta(hours=2 * i))
            for i in range(0, 24 * 400 // 2)]  # every two hours for 400 days
    keep = backups.to_keep(made, now)
    kept = sorted((b for b in made if b.path in keep), key=lambda b: b.taken_at)
    last_day = [b for b in kept if now - b.taken_at <= dt.timedelta(days=1)]
    assert len(last_day) == 13  # all of them
    days = {b.taken_at.date() for b in kept if dt.timedelta(days=1) < now - b.taken_at <= dt.timedelta(days=7)}
    assert len(days) >= 6
    assert now - kept[0].taken_at <= dt.timedelta(days=366)  # nothing older than a year
    assert 13 + 6 <= len(kept) <= 13 + 7 + 6 + 13 + 2
