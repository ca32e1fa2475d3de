"""A held lock, a full disk and an I/O error during a commit (issue 14 items 8 and 17): one clear
line, the right exit code, nothing half-written, the database as it was."""
from __future__ import annotations

import os
import sqlite3
import subprocess

import pytest

import db.engine
from app.cli import main
from app.core import demo, projects
from app.core.bank import Bank
from app.core.errors import Busy, StorageError
from tests.faults import cli_cmd, fill, leftovers, small_fs, strace_cmd


def project_count(data) -> int:
    with sqlite3.connect(data / "ideabank.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return conn.execute("SELECT count(*) FROM projects").fetchone()[0]


def big(draft_data):
    """Large enough that its commit needs new disk blocks (more than the WAL already holds)."""
    return draft_data | {f: "长" * 19000 for f in ("background", "solution", "implementation", "indicators",
                                                  "promotion", "social_benefit")}


def test_a_lock_held_too_long_is_one_line_and_changes_nothing(tmp_path, monkeypatch, draft_data, capsys):
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_S", 0.3)
    data = tmp_path / "data"
    bank = Bank.open(data)
    admin = bank.actor()
    holder = sqlite3.connect(data / "ideabank.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Busy, match="另一个程序"):
            projects.propose(bank, admin, draft_data)
        capsys.readouterr()
        assert main(["--data-dir", str(data), "project", "add", "--title", "锁住时", "--category", "小革新"]) == 8
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("ideabank: ") and "Traceback" not in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert project_count(data) == 0
    projects.propose(bank, admin, draft_data)  # the lock is gone: writes work again
    bank.close()
    assert project_count(data) == 1


def test_disk_full_during_project_add(tmp_path, draft_data, capsys):
    with small_fs(tmp_path, "6m") as fs:
        data = fs / "data"
        bank = Bank.open(data)
        admin = bank.actor()
        projects.propose(bank, admin, draft_data)
        filler = fill(fs)
        with pytest.raises(StorageError, match="磁盘已满"):
            projects.propose(bank, admin, big(draft_data))
        bank.close()
        capsys.readouterr()
        code = main(["--data-dir", str(data), "project", "add", "--title", "满了", "--category", "小革新",
                     "--background", "长" * 19000, "--solution", "长" * 19000, "--promotion", "长" * 19000])
        err = capsys.readouterr().err
        assert code == 7 and err.count("\n") == 1 and "Traceback" not in err, err
        assert leftovers(fs) == []
        filler.unlink()
        assert project_count(data) == 1


def test_disk_full_during_demo_keeps_whole_batches_only(tmp_path):
    with small_fs(tmp_path, "8m") as fs:
        data = fs / "data"
        done = subprocess.run(cli_cmd(["--data-dir", str(data), "demo", "--projects", "4000"]),
                              capture_output=True, text=True, timeout=300)
        err = done.stderr.strip().splitlines()
        assert done.returncode == 7, done.stderr
        assert "Traceback" not in done.stderr and "磁盘已满" in err[-1]
        assert leftovers(fs) == []
        (fs / "room.bin").write_bytes(b"")  # nothing else to free: the check reads only
        n = project_count(data)
        assert n % 200 == 0 and 0 < n < 4000  # whole batches of 200 only
        assert f"{n}" in err[-1]


@pytest.mark.parametrize("syscall", ["fsync,fdatasync", "pwrite64"])
def test_an_io_error_during_commit(tmp_path, draft_data, syscall):
    data = tmp_path / "data"
    Bank.open(data).close()  # created and bootstrapped without faults
    done = subprocess.run(strace_cmd(syscall, ["--data-dir", str(data), "project", "add", "--title", "写盘出错",
                                               "--category", "小革新"], path=data / "ideabank.sqlite-wal"),
                          capture_output=True, text=True, timeout=120, env=os.environ | {"IDEABANK_LANG": "zh_CN"})
    assert done.returncode == 7, done.stderr
    assert done.stderr.count("\n") == 1 and "读写磁盘时出错" in done.stderr
    assert project_count(data) == 0
    # and the bank works afterwards
    bank = Bank.open(data)
    projects.propose(bank, bank.actor(), draft_data)
    bank.close()
    assert project_count(data) == 1


def test_demo_reports_the_batches_it_wrote(bank, people, monkeypatch):
    """The core's side of the demo on a full disk, without a filesystem: the third batch fails."""
    real = bank.write
    calls = {"n": 0}

    def failing_write(**kwargs):
        calls["n"] += 1
        if calls["n"] == 4:  # organisation, batch 1, batch 2, then batch 3 fails
            raise StorageError("磁盘已满")
        return real(**kwargs)
    monkeypatch.setattr(bank, "write", failing_write)
    with pytest.raises(StorageError, match="200"):
        demo.generate(bank, people["admin"], 1000, batch=100)
