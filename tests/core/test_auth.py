"""Signing in: passwords, lockout after 5 failures for 15 minutes, first password, kiosk."""
from __future__ import annotations

import pytest

from app.core import auth
from app.core.errors import Conflict, PermissionDenied
from app.core.queries import project_detail


def test_right_password_signs_in_and_clears_failures(bank, people):
    with pytest.raises(PermissionDenied, match="还可尝试 4 次"):
        auth.sign_in(bank, "W001", "nope")
    actor = auth.sign_in(bank, "W001", "worker-pass")
    assert actor.employee_no == "W001" and actor.role == "worker"
    assert auth.lock_state(bank, "W001") == (0, None)


def test_five_failures_lock_for_fifteen_minutes(bank, people, clock):
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            auth.sign_in(bank, "W001", "wrong")
    with pytest.raises(PermissionDenied, match="已锁定"):
        auth.sign_in(bank, "W001", "wrong")
    # Locked: even the right password is refused until the time is up.
    clock.advance(minutes=14)
    with pytest.raises(PermissionDenied, match="1 分钟"):
        auth.sign_in(bank, "W001", "worker-pass")
    clock.advance(minutes=1, seconds=1)
    assert auth.sign_in(bank, "W001", "worker-pass").employee_no == "W001"


def test_lockout_survives_reopening_the_bank(bank, people, clock, tmp_path):
    from app.core.bank import Bank
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.sign_in(bank, "W001", "wrong")
    again = Bank.open(tmp_path / "data", clock=clock)
    try:
        with pytest.raises(PermissionDenied, match="已锁定"):
            auth.sign_in(again, "W001", "worker-pass")
    finally:
        again.close()


def test_unknown_number_fails_like_a_wrong_password(bank, people):
    with pytest.raises(PermissionDenied, match="工号或密码不正确"):
        auth.sign_in(bank, "NOBODY", "x")


def test_admin_sets_a_first_password_once(bank):
    assert auth.needs_password(bank, "admin")
    with pytest.raises(auth.PasswordNotSet):
        auth.sign_in(bank, "admin", "")
    actor = auth.set_first_password(bank, "admin", "secret-1")
    assert actor.role == "admin"
    assert not auth.needs_password(bank, "admin")
    with pytest.raises(Conflict):
        auth.set_first_password(bank, "admin", "takeover")
    assert auth.sign_in(bank, "admin", "secret-1").role == "admin"


def test_kiosk_session_has_worker_rights_and_marks_proposals(bank, people, draft_data):
    leader_at_kiosk = auth.kiosk_sign_in(bank, "L001")
    assert leader_at_kiosk.role == "worker"  # nothing proved it is the leader typing
    worker = auth.kiosk_sign_in(bank, "W001")
    pid = auth.propose_at_kiosk(bank, worker, draft_data).value
    detail = project_detail(bank, people["L001"], pid)
    assert detail["kiosk"] is True and detail["status"] == "submitted"
    with pytest.raises(PermissionDenied):
        auth.confirm_kiosk(bank, people["W002"], pid)
    with pytest.raises(PermissionDenied):
        auth.confirm_kiosk(bank, people["L002"], pid)  # another studio's leader
    ch = auth.confirm_kiosk(bank, people["L001"], pid)
    assert ch.project_ids == {pid}
    assert project_detail(bank, people["L001"], pid)["kiosk"] is False
    with pytest.raises(PermissionDenied):
        auth.kiosk_sign_in(bank, "NOBODY")


def test_idle_minutes_setting(bank, people):
    assert auth.idle_minutes(bank) == auth.DEFAULT_IDLE_MINUTES
    auth.set_idle_minutes(bank, people["admin"], 5)
    assert auth.idle_minutes(bank) == 5
    with pytest.raises(PermissionDenied):
        auth.set_idle_minutes(bank, people["W001"], 0)
