"""The organisation: the unit tree (单位) and the innovation studios (职工创新工作室).

Admins administer everything; a studio's leader changes their own studio's details (founded,
premises, logo) and settings (studio_settings.py). Each use case is one transaction, audited field
by field, and returns Changes(people=True) so the pages showing the organisation refresh.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.i18n import t
from app.core.permissions import check, studio_subject
from app.core.vocab import STUDIO_LEVELS, UNIT_KINDS, label, parse_level
from db.models import Project, Studio, Unit, User

MAX_NAME = 200


# -- lookups (shared with people.py and the workbook import) ---------------------------------------
def unit_by_name(s: Session, name: str) -> Unit:
    unit = s.scalar(select(Unit).where(Unit.name == (name or "").strip()))
    if unit is None:
        raise ValidationError(t("没有名为“{n}”的单位。", "There is no unit named '{n}'.", n=name))
    return unit


def studio_by_name(s: Session, name: str) -> Studio:
    """A studio by name (or id, as the window passes it)."""
    key = (name or "").strip()
    studio = s.scalar(select(Studio).where((Studio.name == key) | (Studio.id == key)))
    if studio is None:
        raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=name))
    return studio


def user_by_no(s: Session, employee_no: str) -> User:
    user = s.scalar(select(User).where(User.employee_no == (employee_no or "").strip()))
    if user is None:
        raise NotFound(t("没有工号为 {no} 的人员。", "No person with employee number {no}.", no=employee_no))
    return user


def clean_name(name: Any, what_zh: str, what_en: str) -> str:
    text = " ".join(str(name or "").split())
    if not text or len(text) > MAX_NAME:
        raise ValidationError(t("请填写{w}（最多 {n} 字）。", "Enter the {w_en} (at most {n} characters).",
                                w=what_zh, w_en=what_en, n=MAX_NAME))
    return text


def parse_kind(text: str) -> str:
    key = (text or "").strip()
    for code, (zh, en) in UNIT_KINDS.items():
        if key.lower() in (code, en.lower()) or key == zh:
            return code
    raise ValidationError(t("单位类型应为：{k}", "The unit kind must be one of: {k}",
                            k="、".join(zh for zh, _ in UNIT_KINDS.values()) + " / " + ", ".join(UNIT_KINDS)))


def parse_funds(value: Any) -> float | None:
    """Yuan per year: 50000, "5万", "５万元"; blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from app.core.fields import parse_amount
    try:
        return parse_amount(value)
    except (ValueError, TypeError):
        raise ValidationError(t("经费应为不小于 0 的金额（元/年，可写“5万”），收到“{v}”。",
                                "Funds must be an amount ≥ 0 in yuan per year (\"5万\" works); got '{v}'.",
                                v=value)) from None


def parse_founded(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from app.core.teams import parse_date
    return parse_date(value, t("成立日期", "The founding date"))


# -- units -----------------------------------------------------------------------------------------
def add_unit(bank: Bank, actor: Actor, name: str, kind: str = "crew", parent: str | None = None,
             code: str | None = None) -> Changes:
    check(actor, "unit.manage")
    name = clean_name(name, "单位名称", "unit's name")
    kind = parse_kind(kind)
    with bank.write() as s:
        unit = _add_unit(s, bank, actor, name, kind, parent, code)
        return Changes(people=True, value=unit.id)


def _add_unit(s: Session, bank: Bank, actor: Actor, name: str, kind: str, parent: str | None,
              code: str | None) -> Unit:
    if s.scalar(select(Unit.id).where(Unit.name == name)):
        raise Conflict(t("单位“{n}”已存在。", "The unit '{n}' already exists.", n=name))
    parent_id = unit_by_name(s, parent).id if parent else None
    now = bank.now()
    unit = Unit(name=name, kind=kind, parent_id=parent_id, code=(code or "").strip() or None, site_id=bank.site_id,
                created_at=now, updated_at=now)
    s.add(unit)
    s.flush()
    audit.record(s, actor, "unit", unit.id, "create", new=name, site_id=bank.site_id, at=now)
    return unit


def edit_unit(bank: Bank, actor: Actor, unit: str, *, name: str | None = None, kind: str | None = None,
              code: str | None = None) -> Changes:
    """Rename a unit, change its kind or code (None leaves a field as it is; code "" clears it)."""
    check(actor, "unit.manage")
    new: dict[str, Any] = {}
    if name is not None:
        new["name"] = clean_name(name, "单位名称", "unit's name")
    if kind is not None:
        new["kind"] = parse_kind(kind)
    if code is not None:
        new["code"] = code.strip() or None
    with bank.write() as s:
        row = unit_by_name(s, unit)
        if "name" in new and new["name"] != row.name and s.scalar(select(Unit.id).where(Unit.name == new["name"])):
            raise Conflict(t("单位“{n}”已存在。", "The unit '{n}' already exists.", n=new["name"]))
        apply_fields(s, bank, actor, "unit", row, new)
        return Changes(people=True, value=row.id)


def move_unit(bank: Bank, actor: Actor, unit: str, parent: str | None) -> Changes:
    """Put a unit (with everything below it) under another parent, or at the top (parent None)."""
    check(actor, "unit.manage")
    with bank.write() as s:
        row = unit_by_name(s, unit)
        target = unit_by_name(s, parent) if parent else None
        if target is not None:
            up: Unit | None = target
            while up is not None:  # the new parent may not sit below the unit itself
                if up.id == row.id:
                    raise ValidationError(t("不能把“{u}”移到它自己或它的下级“{p}”之下。",
                                            "'{u}' cannot move under itself or under '{p}', which belongs to it.",
                                            u=row.name, p=target.name))
                up = s.get(Unit, up.parent_id) if up.parent_id else None
        apply_fields(s, bank, actor, "unit", row, {"parent_id": target.id if target else None},
               shown={"parent_id": (row.parent.name if row.parent else None, target.name if target else None)})
        return Changes(people=True, membership=True, value=row.id)


def list_units(bank: Bank) -> list[dict[str, Any]]:
    """Every unit in tree order (each parent before its children, siblings by name), with its depth,
    path, and how many people and studios it holds directly."""
    with bank.session() as s:
        units = list(s.scalars(select(Unit)))
        people = dict(s.execute(select(User.unit_id, func.count()).where(User.active.is_(True))
                                .group_by(User.unit_id)).all())
        studios = dict(s.execute(select(Studio.unit_id, func.count()).group_by(Studio.unit_id)).all())
    by_id = {u.id: u for u in units}
    children: dict[str | None, list[Unit]] = {}
    for u in units:
        parent = u.parent_id if u.parent_id in by_id else None
        children.setdefault(parent, []).append(u)
    out: list[dict[str, Any]] = []

    def walk(parent: str | None, depth: int, path: list[str]) -> None:
        for u in sorted(children.get(parent, []), key=lambda x: x.name):
            out.append({"id": u.id, "name": u.name, "kind": u.kind, "kind_label": label(UNIT_KINDS, u.kind),
                        "code": u.code, "parent": by_id[u.parent_id].name if u.parent_id in by_id else None,
                        "parent_id": u.parent_id, "depth": depth, "path": "/".join(path + [u.name]),
                        "people": people.get(u.id, 0), "studios": studios.get(u.id, 0)})
            walk(u.id, depth + 1, path + [u.name])
    walk(None, 0, [])
    return out


# -- studios ---------------------------------------------------------------------------------------
STUDIO_ADMIN_FIELDS = ("name", "level", "unit", "leader", "funds")  # studio.manage (admins)
STUDIO_PROFILE_FIELDS = ("founded", "premises")                    # studio.profile (its leader too)


def add_studio(bank: Bank, actor: Actor, name: str, level: str = "unit", unit: str | None = None,
               leader: str | None = None, founded: Any = None, premises: str | None = None,
               funds: Any = None) -> Changes:
    check(actor, "studio.manage")
    fields = _clean_studio({"name": name, "level": level, "founded": founded, "premises": premises, "funds": funds})
    with bank.write() as s:
        studio = _add_studio(s, bank, actor, fields, unit, leader)
        return Changes(people=True, value=studio.id)


def _add_studio(s: Session, bank: Bank, actor: Actor, fields: dict[str, Any], unit: str | None,
                leader: str | None) -> Studio:
    if s.scalar(select(Studio.id).where(Studio.name == fields["name"])):
        raise Conflict(t("工作室“{n}”已存在。", "The studio '{n}' already exists.", n=fields["name"]))
    now = bank.now()
    studio = Studio(**fields, unit_id=unit_by_name(s, unit).id if unit else None, settings={},
                    site_id=bank.site_id, created_at=now, updated_at=now)
    s.add(studio)
    s.flush()
    audit.record(s, actor, "studio", studio.id, "create", new=fields["name"], site_id=bank.site_id, at=now)
    if leader:
        _set_leader(s, bank, actor, studio, user_by_no(s, leader))
    return studio


def _clean_studio(data: dict[str, Any]) -> dict[str, Any]:
    """Checked values for the studio's own columns (name, level, founded, premises, funds)."""
    out: dict[str, Any] = {}
    if "name" in data:
        out["name"] = clean_name(data["name"], "工作室名称", "studio's name")
    if "level" in data:
        out["level"] = parse_level(data["level"] or "unit")
    if "founded" in data:
        out["founded"] = parse_founded(data["founded"])
    if "premises" in data:
        out["premises"] = " ".join(str(data["premises"] or "").split()) or None
        if out["premises"] and len(out["premises"]) > 500:
            raise ValidationError(t("场地描述最多 500 字。", "The premises take at most 500 characters."))
    if "funds" in data:
        out["funds"] = parse_funds(data["funds"])
    return out


def _set_leader(s: Session, bank: Bank, actor: Actor, studio: Studio, user: User | None) -> None:
    """The studio's leader (领衔人) belongs to it and holds the leader role; a worker who led it before
    goes back to being a member, so leading rights never outlive the post."""
    old = s.get(User, studio.leader_id) if studio.leader_id else None
    if (old.id if old else None) == (user.id if user else None):
        return
    now = bank.now()
    if old is not None and old.role == "leader" and old.studio_id == studio.id:
        audit.record(s, actor, "user", old.id, "edit", field="role", old=old.role, new="worker",
                     site_id=bank.site_id, at=now)
        old.role, old.updated_at = "worker", now
    if user is not None:
        if not user.active:
            raise ValidationError(t("{name}（{no}）已停用，不能担任领衔人。", "{name} ({no}) is deactivated and cannot lead a studio.",
                                    name=user.name, no=user.employee_no))
        other = s.scalar(select(Studio).where(Studio.leader_id == user.id, Studio.id != studio.id))
        if other is not None:
            raise Conflict(t("{name} 已是“{s}”的领衔人，一人只领衔一个工作室。",
                             "{name} already leads '{s}'; a person leads one studio.", name=user.name, s=other.name))
        if user.studio_id != studio.id:
            audit.record(s, actor, "user", user.id, "edit", field="studio_id", old=user.studio_id, new=studio.id,
                         site_id=bank.site_id, at=now)
            user.studio_id = studio.id
        if user.role == "worker":
            audit.record(s, actor, "user", user.id, "edit", field="role", old=user.role, new="leader",
                         site_id=bank.site_id, at=now)
            user.role = "leader"
        user.updated_at = now
    audit.record(s, actor, "studio", studio.id, "edit", field="leader", old=old.employee_no if old else None,
                 new=user.employee_no if user else None, site_id=bank.site_id, at=now)
    studio.leader_id, studio.updated_at = (user.id if user else None), now


def edit_studio(bank: Bank, actor: Actor, studio: str, changes: dict[str, Any]) -> Changes:
    """Change a studio: admins any field (name, level, unit, leader, funds, founded, premises); its
    leader founded and premises. `leader` and `unit` take an employee number / unit name, "" clears."""
    unknown = set(changes) - set(STUDIO_ADMIN_FIELDS) - set(STUDIO_PROFILE_FIELDS)
    if unknown:
        raise ValidationError(t("这些字段不能修改：{f}", "These fields cannot be changed: {f}", f=", ".join(sorted(unknown))))
    clean = _clean_studio({k: v for k, v in changes.items() if k not in ("unit", "leader")})
    with bank.write() as s:
        row = studio_by_name(s, studio)
        if set(changes) & set(STUDIO_ADMIN_FIELDS):
            check(actor, "studio.manage")
        else:
            check(actor, "studio.edit_profile", studio_subject(row.id))
        _edit_studio(s, bank, actor, row, clean, changes)
        return Changes(people=True, value=row.id)


def _edit_studio(s: Session, bank: Bank, actor: Actor, row: Studio, clean: dict[str, Any],
                 changes: dict[str, Any]) -> bool:
    """Apply checked changes to a studio; True when something changed."""
    if "name" in clean and clean["name"] != row.name and s.scalar(select(Studio.id).where(Studio.name == clean["name"])):
        raise Conflict(t("工作室“{n}”已存在。", "The studio '{n}' already exists.", n=clean["name"]))
    shown: dict[str, tuple[Any, Any]] = {}
    if "unit" in changes:
        target = unit_by_name(s, changes["unit"]) if changes["unit"] else None
        clean["unit_id"] = target.id if target else None
        shown["unit_id"] = (row.unit.name if row.unit else None, target.name if target else None)
    changed = apply_fields(s, bank, actor, "studio", row, clean, shown=shown)
    if "leader" in changes:
        before = row.leader_id
        _set_leader(s, bank, actor, row, user_by_no(s, changes["leader"]) if changes["leader"] else None)
        changed = changed or before != row.leader_id
    return changed


def set_logo(bank: Bank, actor: Actor, studio: str, path: Path | str | None) -> Changes:
    """The studio's logo for dossiers (an image file, kept in the attachment store); None removes it."""
    sha = None
    if path is not None:
        source = Path(path).expanduser()
        _check_image(source)
        from app.core.attachments import store_file
    with bank.session() as s:
        studio_id = studio_by_name(s, studio).id
    check(actor, "studio.edit_profile", studio_subject(studio_id))
    if path is not None:
        sha, _size = store_file(bank.data_dir, source)  # before the transaction: a file without a row is harmless
    with bank.write() as s:
        row = s.get(Studio, studio_id)
        if row is None:  # deleted since it was looked up above
            raise NotFound(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=studio))
        apply_fields(s, bank, actor, "studio", row, {"logo": sha})
        return Changes(people=True, value=row.id)


LOGO_MAX_BYTES = 5 * 1024 * 1024


def _check_image(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationError(t("无法读取文件 {p}：{e}", "Cannot read the file {p}: {e}", p=path, e=exc.strerror or exc)) from None
    if size > LOGO_MAX_BYTES:
        raise ValidationError(t("标志图片太大（上限 5 MB）。", "The logo is too large (limit 5 MB)."))
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as image:
            image.verify()
            if image.format not in ("PNG", "JPEG", "GIF", "BMP", "WEBP"):
                raise ValidationError(t("标志应为 PNG 或 JPEG 图片。", "The logo must be a PNG or JPEG picture."))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(t("{p} 不是可用的图片。请选择 PNG 或 JPEG 文件。",
                                "{p} is not a picture that can be used. Choose a PNG or JPEG file.", p=path.name)) from None


def logo_path(bank: Bank, sha: str | None) -> Path | None:
    if not sha:
        return None
    from app.core.paths import attachment_path
    return attachment_path(bank.data_dir, sha)


def list_studios(bank: Bank) -> list[dict[str, Any]]:
    """Every studio with its unit, leader and details (the Organisation page, `studio list`)."""
    with bank.session() as s:
        members = dict(s.execute(select(User.studio_id, func.count()).where(User.active.is_(True))
                                 .group_by(User.studio_id)).all())
        return [studio_dict(st, members.get(st.id, 0)) for st in s.scalars(select(Studio).order_by(Studio.name))]


def studio_dict(st: Studio, members: int = 0) -> dict[str, Any]:
    return {"id": st.id, "name": st.name, "level": st.level, "level_label": label(STUDIO_LEVELS, st.level),
            "unit": st.unit.name if st.unit else None,
            "leader": st.leader.employee_no if st.leader else None,
            "leader_name": st.leader.name if st.leader else None,
            "founded": st.founded.isoformat() if st.founded else None, "premises": st.premises,
            "funds": st.funds, "logo": st.logo, "members": members}


def studio_projects(bank: Bank, studio_id: str) -> int:
    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(Project).where(Project.studio_id == studio_id)) or 0


# -- shared ----------------------------------------------------------------------------------------
def apply_fields(s: Session, bank: Bank, actor: Actor, entity: str, row: Any, new: dict[str, Any], *,
           shown: dict[str, tuple[Any, Any]] | None = None) -> bool:
    """Set the changed fields, one audit entry each (`shown` gives readable old/new, e.g. names
    instead of ids); True when anything changed."""
    now = bank.now()
    changed = False
    for field, value in new.items():
        old = getattr(row, field)
        if old == value:
            continue
        before, after = (shown or {}).get(field, (old, value))
        audit.record(s, actor, entity, row.id, "edit", field=field, old=before, new=after, site_id=bank.site_id, at=now)
        setattr(row, field, value)
        changed = True
    if changed:
        row.updated_at = now
    return changed


__all__ = ["add_unit", "edit_unit", "move_unit", "list_units", "add_studio", "edit_studio", "set_logo", "list_studios",
           "unit_by_name", "studio_by_name", "user_by_no", "logo_path"]
