"""Accounts (issue 14 items 5 and 6): sign-in answers and timing reveal no employee numbers, the
kiosk neither; failed sign-ins and lockouts are audited; a locked account can be unlocked (core,
CLI, and an administrator's password reset); older argon2 hashes are replaced at sign-in."""
from __future__ import annotations

import statistics
import time

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from app.cli import main
from app.core import auth
from app.core import people as P
from app.core.errors import PermissionDenied
from db.models import AuditLog, User


def cpu_time(fn) -> float:
    start = time.process_time()
    try:
        fn()
    except PermissionDenied:
        pass
    return time.process_time() - start


def test_unknown_numbers_take_as_long_as_known_ones(bank, people):
    """Before: 1-8 ms for an unknown number against ~300 ms for a wrong password. CPU time, so a
    busy machine does not blur it."""
    auth._dummy()  # the process's one-off cost, outside the measurement
    known = [cpu_time(lambda: auth.sign_in(bank, "W001", f"wrong-{i}")) for i in range(3)]
    unknown = [cpu_time(lambda: auth.sign_in(bank, f"NOBODY{i}", "wrong")) for i in range(3)]
    assert statistics.median(unknown) > 0.5 * statistics.median(known), (known, unknown)
    assert statistics.median(known) > 0.5 * statistics.median(unknown), (known, unknown)


def test_the_same_answer_for_unknown_and_known_numbers(bank, people):
    messages = set()
    for number in ("W001", "NOBODY"):
        with pytest.raises(PermissionDenied) as err:
            auth.sign_in(bank, number, "wrong")
        messages.add(err.value.message)
    assert len(messages) == 1


def test_the_kiosk_does_not_confirm_numbers(bank, people):
    P.add_user(bank, people["admin"], "W050", "离职的人")
    with bank.write() as s:
        s.scalar(select(User).where(User.employee_no == "W050")).active = False
    answers = set()
    for number in ("NOBODY", "W050"):
        with pytest.raises(PermissionDenied) as err:
            auth.kiosk_sign_in(bank, number)
        answers.add(err.value.message)
        assert number not in err.value.message and "没有" not in err.value.message
    assert len(answers) == 1


def test_failed_sign_ins_and_lockouts_are_audited(bank, people, clock):
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.sign_in(bank, "W001", "wrong")
    with pytest.raises(PermissionDenied, match="已锁定"):
        auth.sign_in(bank, "W001", "worker-pass")
    with pytest.raises(PermissionDenied):
        auth.sign_in(bank, "GHOST", "guess")
    with bank.session() as s:
        entries = s.execute(select(AuditLog.action, AuditLog.entity_id, AuditLog.new_value)
                            .where(AuditLog.action.in_(["sign_in_failed", "lockout", "sign_in_refused"]))
                            .order_by(AuditLog.chain_seq)).all()
    actions = [a for a, _, _ in entries]
    assert actions == ["sign_in_failed"] * 5 + ["lockout", "sign_in_refused", "sign_in_failed"]
    assert entries[0][1] == people["W001"].id and '"failures": 1' in entries[0][2]
    assert entries[-1][1] == "" and "GHOST" in entries[-1][2]


def test_unlock(bank, people, clock, capsys):
    admin = people["admin"]
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.sign_in(bank, "W001", "wrong")
    assert [a["employee_no"] for a in auth.locked_accounts(bank)] == ["W001"]
    with pytest.raises(PermissionDenied):
        auth.unlock(bank, people["L001"], "W001")  # only those who manage accounts
    auth.unlock(bank, admin, "W001")
    assert auth.sign_in(bank, "W001", "worker-pass").employee_no == "W001"
    assert auth.locked_accounts(bank) == []
    # An administrator's password reset lifts the lockout too (before: it stayed locked).
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.sign_in(bank, "W001", "wrong")
    P.set_password(bank, admin, "W001", "new-pass-1")
    assert auth.sign_in(bank, "W001", "new-pass-1").employee_no == "W001"
    with bank.session() as s:
        assert s.scalar(select(AuditLog.action).where(AuditLog.action == "unlock").limit(1)) == "unlock"


def test_cli_user_unlock_and_locked(bank, people, clock, capsys):
    import datetime as dt
    clock.now = dt.datetime.now(dt.timezone.utc)  # the CLI runs on the real clock
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.sign_in(bank, "W001", "wrong")
    data = str(bank.data_dir)
    bank.close()
    capsys.readouterr()
    assert main(["--data-dir", data, "user", "locked", "--json"]) == 0
    assert '"W001"' in capsys.readouterr().out
    assert main(["--data-dir", data, "--as", "W002", "user", "unlock", "W001"]) == 4
    assert main(["--data-dir", data, "user", "unlock", "W001"]) == 0
    assert main(["--data-dir", data, "user", "locked", "--json"]) == 0
    assert capsys.readouterr().out.strip().endswith("[]")
    assert main(["--data-dir", data, "user", "unlock", "NOBODY"]) == 3


def test_older_argon2_parameters_are_rehashed_at_sign_in(bank, people):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("worker-pass")
    with bank.write() as s:
        s.scalar(select(User).where(User.employee_no == "W001")).password_hash = weak
    assert auth.sign_in(bank, "W001", "worker-pass").employee_no == "W001"
    with bank.session() as s:
        stored = s.scalar(select(User.password_hash).where(User.employee_no == "W001"))
        assert stored != weak and not PasswordHasher().check_needs_rehash(stored)
        assert s.scalar(select(AuditLog.action).where(AuditLog.action == "password_rehashed")) is not None
    assert auth.sign_in(bank, "W001", "worker-pass").employee_no == "W001"
