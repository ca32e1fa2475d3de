"""Units, studios and people (accounts with argon2id password hashes)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.i18n import t
from app.core.permissions import check
from app.core.vocab import SKILL_GRADES, UNIT_KINDS, parse_level, parse_role
from db.models import Studio, Unit, User

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_PASSWORD = 6


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(t("密码至少 {n} 位。", "A password needs at least {n} characters.", n=MIN_PASSWORD))
    return _hasher.hash(password)


def needs_rehash(stored_hash: str) -> bool:
    """True for a hash made with other argon2 parameters than this program's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return False


def password_matches(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def unit_by_name(s: Session, name: str) -> Unit:
    unit = s.scalar(select(Unit).where(Unit.name == name.strip()))
    if unit is None:
        raise ValidationError(t("没有名为“{n}”的单位。", "There is no unit named '{n}'.", n=name))
    return unit


def studio_by_name(s: Session, name: str) -> Studio:
    studio = s.scalar(select(Studio).where(Studio.name == name.strip()))
    if studio is None:
        raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=name))
    return studio


def add_unit(bank: Bank, actor: Actor, name: str, kind: str = "crew", parent: str | None = None,
             code: str | None = None) -> Changes:
    check(actor, "unit.manage")
    name = (name or "").strip()
    if not name:
        raise ValidationError(t("请填写单位名称。", "Enter the unit's name."))
    if kind not in UNIT_KINDS:
        raise ValidationError(t("单位类型应为：{k}", "The unit kind must be one of: {k}", k=", ".join(UNIT_KINDS)))
    with bank.write() as s:
        if s.scalar(select(Unit.id).where(Unit.name == name)):
            raise Conflict(t("单位“{n}”已存在。", "The unit '{n}' already exists.", n=name))
        parent_id = unit_by_name(s, parent).id if parent else None
        now = bank.now()
        unit = Unit(name=name, kind=kind, parent_id=parent_id, code=code, site_id=bank.site_id,
                    created_at=now, updated_at=now)
        s.add(unit)
        s.flush()
        audit.record(s, actor, "unit", unit.id, "create", new=name, site_id=bank.site_id, at=now)
        return Changes(people=True, value=unit.id)


def add_studio(bank: Bank, actor: Actor, name: str, level: str = "unit", unit: str | None = None,
               leader: str | None = None, founded: dt.date | None = None) -> Changes:
    check(actor, "studio.manage")
    name = (name or "").strip()
    if not name:
        raise ValidationError(t("请填写工作室名称。", "Enter the studio's name."))
    level = parse_level(level)
    with bank.write() as s:
        if s.scalar(select(Studio.id).where(Studio.name == name)):
            raise Conflict(t("工作室“{n}”已存在。", "The studio '{n}' already exists.", n=name))
        now = bank.now()
        studio = Studio(name=name, level=level, unit_id=unit_by_name(s, unit).id if unit else None,
                        founded=founded, settings={}, site_id=bank.site_id, created_at=now, updated_at=now)
        s.add(studio)
        s.flush()
        if leader:
            user = _user(s, leader)
            studio.leader_id = user.id
            user.studio_id = studio.id
        audit.record(s, actor, "studio", studio.id, "create", new=name, site_id=bank.site_id, at=now)
        return Changes(people=True, value=studio.id)


def _user(s: Session, employee_no: str) -> User:
    user = s.scalar(select(User).where(User.employee_no == employee_no))
    if user is None:
        raise NotFound(t("没有工号为 {no} 的人员。", "No person with employee number {no}.", no=employee_no))
    return user


def add_user(bank: Bank, actor: Actor, employee_no: str, name: str, *, role: str = "worker",
             unit: str | None = None, studio: str | None = None, skill_grade: str | None = None,
             specialty: str | None = None, honours: list[str] | None = None, password: str | None = None) -> Changes:
    check(actor, "user.manage")
    employee_no, name = (employee_no or "").strip(), (name or "").strip()
    problems = []
    if not employee_no or len(employee_no) > 50 or any(c.isspace() for c in employee_no):
        problems.append(t("工号不能为空、不能含空格、最多 50 位。", "The employee number must be 1–50 characters, no spaces."))
    if not name or len(name) > 100:
        problems.append(t("请填写姓名（最多 100 字）。", "Enter a name (at most 100 characters)."))
    if skill_grade and skill_grade not in SKILL_GRADES:
        problems.append(t("技能等级应为：{g}", "The skill grade must be one of: {g}", g="、".join(SKILL_GRADES)))
    if problems:
        raise ValidationError("；".join(problems), details=problems)
    role = parse_role(role)
    password_hash = hash_password(password) if password else None
    with bank.write() as s:
        if s.scalar(select(User.id).where(User.employee_no == employee_no)):
            raise Conflict(t("工号 {no} 已被使用。", "The employee number {no} is already taken.", no=employee_no))
        now = bank.now()
        user = User(employee_no=employee_no, name=name, role=role, skill_grade=skill_grade, specialty=specialty,
                    honours=list(honours or []), password_hash=password_hash, site_id=bank.site_id,
                    unit_id=unit_by_name(s, unit).id if unit else None,
                    studio_id=studio_by_name(s, studio).id if studio else None, created_at=now, updated_at=now)
        s.add(user)
        s.flush()
        audit.record(s, actor, "user", user.id, "create", new=employee_no, site_id=bank.site_id, at=now)
        return Changes(people=True, value=user.id)


def set_password(bank: Bank, actor: Actor, employee_no: str, password: str) -> Changes:
    """People change their own password; admins anyone's, which also lifts a lockout."""
    from app.core.auth import clear_lockout
    if actor.employee_no != employee_no:
        check(actor, "user.manage")
    new_hash = hash_password(password)
    with bank.write() as s:
        user = _user(s, employee_no)
        if actor.employee_no != employee_no and clear_lockout(s, employee_no) is not None:
            audit.record(s, actor, "user", user.id, "unlock", site_id=bank.site_id, at=bank.now())
        user.password_hash = new_hash
        user.updated_at = bank.now()
        audit.record(s, actor, "user", user.id, "set_password", site_id=bank.site_id, at=user.updated_at)
        return Changes(people=True, value=user.id)


def list_users(bank: Bank, **where: Any) -> list[dict[str, Any]]:
    with bank.session() as s:
        stmt = select(User).order_by(User.employee_no)
        for key, value in where.items():
            stmt = stmt.where(getattr(User, key) == value)
        return [user_dict(u) for u in s.scalars(stmt)]


def user_dict(u: User) -> dict[str, Any]:
    return {"id": u.id, "employee_no": u.employee_no, "name": u.name, "role": u.role,
            "unit": u.unit.name if u.unit else None, "studio": u.studio.name if u.studio else None,
            "skill_grade": u.skill_grade, "specialty": u.specialty, "honours": list(u.honours or []),
            "active": u.active}
