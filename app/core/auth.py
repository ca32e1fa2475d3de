"""Signing in: passwords (argon2id), lockout after repeated failures, first password, kiosk.

Failure counts live in the settings table (key ``signin:<employee_no>``), so a lockout survives a
restart of the program and needs no schema change. Unknown employee numbers are counted and
answered exactly like known ones, and take as long: their password is checked against a dummy
hash, so neither the message nor the time tells which numbers exist. Failed sign-ins, lockouts
and unlocks go to the audit log. A hash made with older argon2 parameters is replaced at the next
successful sign-in.

A kiosk is a shared terminal where a worker proposes with only an employee number: nothing proves
who typed it, so a kiosk session acts with a worker's rights only and its proposals are marked for
a leader to confirm.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, IdeaBankError, NotFound, PermissionDenied, ValidationError
from app.core.i18n import t
from app.core.people import hash_password, needs_rehash, password_matches
from app.core.permissions import check, project_subject
from db.models import Project, Setting, User

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
DEFAULT_IDLE_MINUTES = 15  # automatic sign-out on shared workstations; 0 turns it off


class PasswordNotSet(IdeaBankError):
    """The account has no password yet (the local admin on first start): set one first."""

    exit_code = 4


def _key(employee_no: str) -> str:
    return f"signin:{employee_no[:60]}"


def _parse(value: Any) -> tuple[int, dt.datetime | None]:
    if not isinstance(value, dict):
        return 0, None
    until = value.get("locked_until")
    return int(value.get("failures", 0)), dt.datetime.fromisoformat(until) if until else None


def lock_state(bank: Bank, employee_no: str) -> tuple[int, dt.datetime | None]:
    """(failures so far, locked until) for this employee number."""
    return _parse(bank.setting(_key(employee_no)))


def _locked_error(until: dt.datetime, now: dt.datetime) -> PermissionDenied:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return PermissionDenied(t("密码连续输错 {n} 次，账号已锁定，请 {m} 分钟后再试，或请管理员协助。",
                              "Wrong password {n} times in a row: the account is locked. Try again in {m} minute(s) "
                              "or ask an administrator.", n=MAX_FAILURES, m=minutes))


def needs_password(bank: Bank, employee_no: str) -> bool:
    """True when this active account exists but has no password yet."""
    with bank.session() as s:
        user = s.scalar(select(User).where(User.employee_no == employee_no.strip()))
        return bool(user and user.active and not user.password_hash)


_dummy_hash: str | None = None


def _dummy() -> str:
    """A hash to check unknown numbers against, so they take as long as known ones."""
    global _dummy_hash
    if _dummy_hash is None:
        import secrets
        _dummy_hash = hash_password(secrets.token_hex(16))
    return _dummy_hash


def sign_in(bank: Bank, employee_no: str, password: str) -> Actor:
    """The Actor for these credentials, or PermissionDenied (wrong, locked) / PasswordNotSet."""
    employee_no = (employee_no or "").strip()
    if not employee_no:
        raise ValidationError(t("请输入工号。", "Enter your employee number."))
    dummy = _dummy()  # made before anything is looked up: the first attempt costs the same either way
    now = bank.now()
    refused: PermissionDenied | None = None
    with bank.write() as s:
        row = s.get(Setting, _key(employee_no))
        failures, until = _parse(row.value if row else None)
        user = s.scalar(select(User).where(User.employee_no == employee_no))
        known = user if user is not None and user.active else None  # the account, when it may sign in
        if until and until > now:
            audit.record(s, None, "user", known.id if known else "", "sign_in_refused",
                         new={"employee_no": employee_no, "locked_until": until.isoformat()}, site_id=bank.site_id,
                         at=now)
            refused = _locked_error(until, now)
        elif known and not known.password_hash:
            raise PasswordNotSet(t("账号 {no} 还没有密码，请先设置密码。", "Account {no} has no password yet: set one first.",
                                   no=employee_no))
        elif password_matches(known.password_hash if known else dummy, password or "") and known:
            if row is not None:
                s.delete(row)
            if known.password_hash and needs_rehash(known.password_hash):  # it matched, so there is one
                known.password_hash = hash_password(password)
                audit.record(s, Actor.of(known), "user", known.id, "password_rehashed", site_id=bank.site_id, at=now)
            audit.record(s, Actor.of(known), "user", known.id, "sign_in", site_id=bank.site_id, at=now)
            return Actor.of(known)
        else:
            # Unknown numbers count too, so the answer does not reveal which numbers exist.
            failures = 0 if (until and until <= now) else failures
            failures += 1
            state: dict[str, Any] = {"failures": failures, "locked_until": None}
            if failures >= MAX_FAILURES:
                state["locked_until"] = (now + LOCKOUT).isoformat()
            if row is None:
                s.add(Setting(key=_key(employee_no), value=state))
            else:
                row.value = state
            entity_id = known.id if known else ""
            audit.record(s, None, "user", entity_id, "sign_in_failed",
                         new={"employee_no": employee_no, "failures": failures}, site_id=bank.site_id, at=now)
            if failures >= MAX_FAILURES:
                audit.record(s, None, "user", entity_id, "lockout",
                             new={"employee_no": employee_no, "locked_until": state["locked_until"]},
                             site_id=bank.site_id, at=now)
                refused = _locked_error(now + LOCKOUT, now)
            else:
                refused = PermissionDenied(t("工号或密码不正确（还可尝试 {k} 次）。",
                                             "Wrong employee number or password ({k} attempt(s) left).",
                                             k=MAX_FAILURES - failures))
    raise refused


def clear_lockout(s: Session, employee_no: str) -> dict[str, Any] | None:
    """Inside a write: forget the failures of this number; what was recorded, or None."""
    row = s.get(Setting, _key(employee_no))
    if row is None:
        return None
    value = row.value if isinstance(row.value, dict) else {}
    s.delete(row)
    return value


def unlock(bank: Bank, actor: Actor, employee_no: str) -> Changes:
    """An administrator lifts a lockout (and forgets the failures counted so far)."""
    check(actor, "user.manage")
    employee_no = (employee_no or "").strip()
    with bank.write() as s:
        user = s.scalar(select(User).where(User.employee_no == employee_no))
        if user is None:
            raise NotFound(t("没有工号为 {no} 的人员。", "No person with employee number {no}.", no=employee_no))
        was = clear_lockout(s, employee_no)
        audit.record(s, actor, "user", user.id, "unlock", old=was, site_id=bank.site_id, at=bank.now())
        return Changes(people=True, value=user.id)


def locked_accounts(bank: Bank) -> list[dict[str, Any]]:
    """People locked out now: employee number, name, failures, locked until (ISO)."""
    now = bank.now()
    with bank.session() as s:
        rows = s.execute(select(Setting.key, Setting.value).where(Setting.key.like("signin:%"))).all()
        names = dict(s.execute(select(User.employee_no, User.name)).all())
    out = []
    for key, value in rows:
        failures, until = _parse(value)
        no = key.split(":", 1)[1]
        if until and until > now and no in names:
            out.append({"employee_no": no, "name": names[no], "failures": failures, "locked_until": until.isoformat()})
    return sorted(out, key=lambda x: x["employee_no"])


def set_first_password(bank: Bank, employee_no: str, password: str) -> Actor:
    """Give a password to an account that has none yet (the local admin on first start)."""
    new_hash = hash_password(password)
    with bank.write() as s:
        user = s.scalar(select(User).where(User.employee_no == employee_no.strip()))
        if user is None or not user.active:
            raise PermissionDenied(t("没有工号为 {no} 的在职用户。", "No active user with employee number {no}.",
                                     no=employee_no))
        if user.password_hash:
            raise Conflict(t("账号 {no} 已经有密码了，请用原密码登录。", "Account {no} already has a password: sign in with it.",
                             no=employee_no))
        user.password_hash = new_hash
        user.updated_at = bank.now()
        actor = Actor.of(user)
        audit.record(s, actor, "user", user.id, "set_password", site_id=bank.site_id, at=user.updated_at)
        return actor


def kiosk_sign_in(bank: Bank, employee_no: str) -> Actor:
    """A kiosk session: identified by employee number only, so it carries a worker's rights only.
    The refusal does not say whether the number exists."""
    employee_no = (employee_no or "").strip()
    if not employee_no:
        raise ValidationError(t("请输入工号。", "Enter your employee number."))
    with bank.session() as s:
        user = s.scalar(select(User).where(User.employee_no == employee_no))
        if user is None or not user.active:
            raise PermissionDenied(t("无法用这个工号在自助终端提交，请核对工号，或请工作室领衔人协助。",
                                     "This employee number cannot propose at the kiosk. Check it, or ask your "
                                     "studio leader."))
        actor = Actor.of(user)
    return dataclasses.replace(actor, role="worker") if actor.role != "worker" else actor


def propose_at_kiosk(bank: Bank, actor: Actor, data: dict[str, Any]) -> Changes:
    """Propose and submit from a kiosk; the project is marked for a leader to confirm."""
    from app.core.projects import propose
    return propose(bank, actor, dict(data) | {"kiosk": True}, submit=True)


def confirm_kiosk(bank: Bank, actor: Actor, project_id: str) -> Changes:
    """A leader confirms that a kiosk proposal really comes from the person named on it."""
    with bank.write() as s:
        project = s.get(Project, project_id)
        if project is None:
            from app.core.projects import load
            project = load(s, project_id)  # raises NotFound
        check(actor, "project.confirm_kiosk", project_subject(project))
        if not project.kiosk:
            return Changes(value=project_id)
        now = bank.now()
        project.kiosk = False
        project.updated_at = now
        audit.record(s, actor, "project", project.id, "kiosk_confirm", field="kiosk", old=True, new=False,
                     site_id=bank.site_id, at=now)
        return Changes(project_ids=frozenset({project_id}), fields=frozenset({"kiosk"}), value=project_id)


def idle_minutes(bank: Bank) -> int:
    """Minutes of inactivity before a shared workstation signs out (site setting ``idle_signout_minutes``)."""
    value = bank.setting("idle_signout_minutes", DEFAULT_IDLE_MINUTES)
    try:
        return max(0, int(value)) if isinstance(value, (str, int, float)) else DEFAULT_IDLE_MINUTES
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES


def set_idle_minutes(bank: Bank, actor: Actor, minutes: int) -> None:
    check(actor, "site.settings")
    if not 0 <= int(minutes) <= 24 * 60:
        raise ValidationError(t("自动退出时间应在 0 到 1440 分钟之间（0 表示不自动退出）。",
                                "The idle time must be 0–1440 minutes (0 turns automatic sign-out off)."))
    with bank.write() as s:
        row = s.get(Setting, "idle_signout_minutes")
        if row is None:
            s.add(Setting(key="idle_signout_minutes", value=int(minutes)))
        else:
            row.value = int(minutes)
