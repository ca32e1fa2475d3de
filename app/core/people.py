"""People and their accounts (argon2id password hashes).

Admins administer accounts (number, name, unit, role, password, deactivation); a studio's leader
changes the details (skill grade, specialty, honours) of their own studio's people and who belongs
to it. Nobody is deleted: a deactivated person keeps their projects, reviews and points and cannot
sign in. The unit tree and studios live in org.py (add_unit/add_studio are re-exported here for
older callers).
"""
from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.core import audit
from app.core.actor import Actor
from app.core.bank import LOCAL_ADMIN, Bank
from app.core.changes import Changes
from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.i18n import t

# Re-exported (`X as X`): the people use cases' callers find the organisation's look-ups here too.
from app.core.org import add_studio as add_studio
from app.core.org import add_unit as add_unit
from app.core.org import apply_fields as apply_fields
from app.core.org import studio_by_name as studio_by_name
from app.core.org import unit_by_name as unit_by_name
from app.core.org import user_by_no as user_by_no
from app.core.permissions import can, check, studio_subject
from app.core.vocab import ROLES, SKILL_GRADES, label, parse_role
from db.models import Studio, User

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


MAX_NO, MAX_PERSON_NAME = 50, 100
PROFILE_FIELDS = ("skill_grade", "specialty", "honours")  # person.profile: admins and their studio's leader
ACCOUNT_FIELDS = ("employee_no", "name", "unit")           # user.manage: admins
# "studio" is studio.members: admins, or a leader taking a person into or out of their own studio.
EDITABLE = PROFILE_FIELDS + ACCOUNT_FIELDS + ("studio",)


def clean_person(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Checked person fields (those present in `data`) and the problems found; shared by the
    forms, the CLI and the workbook import."""
    clean: dict[str, Any] = {}
    problems: list[str] = []
    if "employee_no" in data:
        no = str(data["employee_no"] or "").strip()
        if not no or len(no) > MAX_NO or any(c.isspace() for c in no):
            problems.append(t("工号不能为空、不能含空格、最多 50 位。", "The employee number must be 1–50 characters, no spaces."))
        clean["employee_no"] = no
    if "name" in data:
        name = " ".join(str(data["name"] or "").split())
        if not name or len(name) > MAX_PERSON_NAME:
            problems.append(t("请填写姓名（最多 100 字）。", "Enter a name (at most 100 characters)."))
        clean["name"] = name
    if "role" in data:
        try:
            clean["role"] = parse_role(data["role"] or "worker")
        except ValidationError as exc:
            problems.append(exc.message)
    if "skill_grade" in data:
        grade = str(data["skill_grade"] or "").strip() or None
        if grade and grade not in SKILL_GRADES:
            problems.append(t("技能等级应为：{g}", "The skill grade must be one of: {g}", g="、".join(SKILL_GRADES)))
        clean["skill_grade"] = grade
    if "specialty" in data:
        specialty = " ".join(str(data["specialty"] or "").split()) or None
        if specialty and len(specialty) > 200:
            problems.append(t("专长最多 200 字。", "The specialty takes at most 200 characters."))
        clean["specialty"] = specialty
    if "honours" in data:
        raw = data["honours"] or []
        items = raw.splitlines() if isinstance(raw, str) else [str(x) for x in raw]
        clean["honours"] = [h.strip() for h in items if h.strip()]
    for key in ("unit", "studio"):
        if key in data:
            clean[key] = str(data[key] or "").strip() or None
    return clean, problems


def _raise(problems: list[str]) -> None:
    if problems:
        raise ValidationError("；".join(problems), details=problems)


def add_user(bank: Bank, actor: Actor, employee_no: str, name: str, *, role: str = "worker",
             unit: str | None = None, studio: str | None = None, skill_grade: str | None = None,
             specialty: str | None = None, honours: list[str] | None = None, password: str | None = None) -> Changes:
    check(actor, "user.manage")
    clean, problems = clean_person({"employee_no": employee_no, "name": name, "role": role, "unit": unit,
                                    "studio": studio, "skill_grade": skill_grade, "specialty": specialty,
                                    "honours": honours})
    _raise(problems)
    password_hash = hash_password(password) if password else None
    with bank.write() as s:
        user = _add_user(s, bank, actor, clean, password_hash)
        return Changes(people=True, value=user.id)


def _add_user(s: Session, bank: Bank, actor: Actor, clean: dict[str, Any], password_hash: str | None) -> User:
    if s.scalar(select(User.id).where(User.employee_no == clean["employee_no"])):
        raise Conflict(t("工号 {no} 已被使用。", "The employee number {no} is already taken.", no=clean["employee_no"]))
    now = bank.now()
    fields = {k: v for k, v in clean.items() if k not in ("unit", "studio")}
    fields.setdefault("honours", [])
    user = User(**fields, password_hash=password_hash, site_id=bank.site_id,
                unit_id=unit_by_name(s, clean["unit"]).id if clean.get("unit") else None,
                studio_id=studio_by_name(s, clean["studio"]).id if clean.get("studio") else None,
                created_at=now, updated_at=now)
    s.add(user)
    s.flush()
    audit.record(s, actor, "user", user.id, "create", new=user.employee_no, site_id=bank.site_id, at=now)
    return user


def edit_user(bank: Bank, actor: Actor, employee_no: str, changes: dict[str, Any]) -> Changes:
    """Change a person's details. Admins: number, name, unit, studio, skill grade, specialty,
    honours. Their studio's leader: skill grade, specialty, honours, and taking a person into or
    out of the leader's own studio. `unit`/`studio` take names, "" or None clears."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(t("这些字段不能修改：{f}", "These fields cannot be changed: {f}", f=", ".join(sorted(unknown))))
    clean, problems = clean_person(changes)
    _raise(problems)
    with bank.write() as s:
        user = user_by_no(s, employee_no)
        _check_edit(s, actor, user, clean)
        _edit_user(s, bank, actor, user, clean)
        return Changes(people=True, value=user.id)


def _check_edit(s: Session, actor: Actor, user: User, clean: dict[str, Any]) -> None:
    if can(actor, "user.manage"):
        return
    if set(clean) & set(ACCOUNT_FIELDS):
        raise PermissionDenied(t("只有管理员可以修改工号、姓名和单位。", "Only an administrator may change a number, name or unit."))
    if set(clean) & set(PROFILE_FIELDS):
        check(actor, "studio.edit_people", studio_subject(user.studio_id))
    if "studio" in clean:
        target = studio_by_name(s, clean["studio"]).id if clean["studio"] else None
        if target != user.studio_id:  # into one's own studio, and never out of someone else's
            for studio_id in {target, user.studio_id} - {None}:
                check(actor, "studio.manage_members", studio_subject(studio_id))


def _edit_user(s: Session, bank: Bank, actor: Actor, user: User, clean: dict[str, Any]) -> bool:
    """Apply checked changes; True when anything changed. Used by edit_user and the import."""
    new: dict[str, Any] = {k: v for k, v in clean.items() if k in ("employee_no", "name") + PROFILE_FIELDS}
    shown: dict[str, tuple[Any, Any]] = {}
    if "employee_no" in new and new["employee_no"] != user.employee_no:
        if user.employee_no == LOCAL_ADMIN:
            raise ValidationError(t("本地管理员 admin 的工号不能修改。", "The local administrator's number (admin) cannot change."))
        if s.scalar(select(User.id).where(User.employee_no == new["employee_no"])):
            raise Conflict(t("工号 {no} 已被使用。", "The employee number {no} is already taken.", no=new["employee_no"]))
    if "unit" in clean:
        unit = unit_by_name(s, clean["unit"]) if clean["unit"] else None
        new["unit_id"] = unit.id if unit else None
        shown["unit_id"] = (user.unit.name if user.unit else None, unit.name if unit else None)
    if "studio" in clean:
        studio = studio_by_name(s, clean["studio"]) if clean["studio"] else None
        if studio is None or studio.id != user.studio_id:
            _leaving_studio(s, user)
        new["studio_id"] = studio.id if studio else None
        shown["studio_id"] = (user.studio.name if user.studio else None, studio.name if studio else None)
    return apply_fields(s, bank, actor, "user", user, new, shown=shown)


def _leaving_studio(s: Session, user: User) -> None:
    led = s.scalar(select(Studio).where(Studio.leader_id == user.id))
    if led is not None:
        raise Conflict(t("{name} 是“{s}”的领衔人：请先为该工作室另选领衔人。",
                         "{name} leads '{s}': choose another leader for that studio first.", name=user.name, s=led.name))


def set_role(bank: Bank, actor: Actor, employee_no: str, role: str) -> Changes:
    """Change a person's role (worker, leader, base, admin); the last active admin keeps theirs."""
    check(actor, "user.manage")
    role = parse_role(role)
    with bank.write() as s:
        user = user_by_no(s, employee_no)
        changed = _change_role(s, bank, actor, user, role)
        return Changes(people=changed, value=user.id)


def _change_role(s: Session, bank: Bank, actor: Actor, user: User, role: str) -> bool:
    if user.role == role:
        return False
    if user.role == "admin":
        _keep_an_admin(s, user)
    if user.role == "leader" and role != "admin":
        _leaving_studio(s, user)  # a studio's leader holds the leader role while leading it
    return apply_fields(s, bank, actor, "user", user, {"role": role})


def _keep_an_admin(s: Session, user: User) -> None:
    if user.employee_no == LOCAL_ADMIN:
        raise ValidationError(t("本地管理员 admin 始终是管理员（命令行默认以它的身份操作）。",
                                "The local administrator admin stays an administrator (the command line acts as it)."))
    others = s.scalar(select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True),
                                                                   User.id != user.id))
    if not others:
        raise ValidationError(t("{name} 是唯一在用的管理员，不能取消。请先指定另一位管理员。",
                                "{name} is the only active administrator. Make someone else an administrator first.",
                                name=user.name))


def deactivate(bank: Bank, actor: Actor, employee_no: str) -> Changes:
    """Instead of deleting: the person can no longer sign in; their projects, reviews and points
    stay and still name them. A studio they led is left without a leader until one is chosen."""
    check(actor, "user.manage")
    with bank.write() as s:
        user = user_by_no(s, employee_no)
        return Changes(people=_set_active(s, bank, actor, user, False), value=user.id)


def reactivate(bank: Bank, actor: Actor, employee_no: str) -> Changes:
    check(actor, "user.manage")
    with bank.write() as s:
        user = user_by_no(s, employee_no)
        return Changes(people=_set_active(s, bank, actor, user, True), value=user.id)


def _set_active(s: Session, bank: Bank, actor: Actor, user: User, active: bool) -> bool:
    if user.active == active:
        return False
    if not active:
        if user.id == actor.id:
            raise ValidationError(t("不能停用自己的账号。", "You cannot deactivate your own account."))
        if user.role == "admin":
            _keep_an_admin(s, user)
        now = bank.now()
        for studio in s.scalars(select(Studio).where(Studio.leader_id == user.id)):
            audit.record(s, actor, "studio", studio.id, "edit", field="leader", old=user.employee_no, new=None,
                         site_id=bank.site_id, at=now)
            studio.leader_id, studio.updated_at = None, now
    return apply_fields(s, bank, actor, "user", user, {"active": active})


def set_password(bank: Bank, actor: Actor, employee_no: str, password: str) -> Changes:
    """People change their own password; admins anyone's (a reset), which also lifts a lockout."""
    from app.core.auth import clear_lockout
    if actor.employee_no != employee_no:
        check(actor, "user.manage")
    new_hash = hash_password(password)
    with bank.write() as s:
        user = user_by_no(s, employee_no)
        if actor.employee_no != employee_no and clear_lockout(s, employee_no) is not None:
            audit.record(s, actor, "user", user.id, "unlock", site_id=bank.site_id, at=bank.now())
        user.password_hash = new_hash
        user.updated_at = bank.now()
        audit.record(s, actor, "user", user.id, "set_password", site_id=bank.site_id, at=user.updated_at)
        return Changes(people=True, value=user.id)


def list_users(bank: Bank, *, unit: str | None = None, studio: str | None = None, active: bool | None = None,
               text: str | None = None) -> list[dict[str, Any]]:
    """People by employee number; `unit` includes the units below it, `text` matches number or name."""
    from app.core.queries import _unit_and_below
    with bank.session() as s:
        stmt = select(User).options(selectinload(User.unit), selectinload(User.studio)).order_by(User.employee_no)
        if unit:
            stmt = stmt.where(User.unit_id.in_(_unit_and_below(s, unit_by_name(s, unit).id)))
        if studio:
            stmt = stmt.where(User.studio_id == studio_by_name(s, studio).id)
        if active is not None:
            stmt = stmt.where(User.active.is_(active))
        if text and text.strip():
            like = f"%{text.strip()}%"
            stmt = stmt.where(User.employee_no.like(like) | User.name.like(like))
        return [user_dict(u) for u in s.scalars(stmt)]


def user_dict(u: User) -> dict[str, Any]:
    return {"id": u.id, "employee_no": u.employee_no, "name": u.name, "role": u.role,
            "role_label": label(ROLES, u.role),
            "unit": u.unit.name if u.unit else None, "studio": u.studio.name if u.studio else None,
            "skill_grade": u.skill_grade, "specialty": u.specialty, "honours": list(u.honours or []),
            "active": u.active}
