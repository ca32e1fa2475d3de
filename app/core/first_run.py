"""The first start of a new data folder, as one use case: the first administrator, the
organisation (a workbook, or a first unit and studio, or nothing yet) and the site's name, all in
one transaction. The window's first-run wizard gathers a `FirstRun` and calls `setup`; joining a
hub instead is app/sync/join.py.

The local account `admin` exists in every bank (the command line acts as it). The first
administrator is either that account (given a name and a password) or a person of their own; then
`admin` gets the same password, so nobody can claim it at the sign-in screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core import audit
from app.core import people as P
from app.core.actor import Actor
from app.core.bank import LOCAL_ADMIN, Bank
from app.core.changes import Changes
from app.core.errors import StorageError, ValidationError
from app.core.i18n import t
from app.core.org import _add_studio, _add_unit, _clean_studio, clean_name, parse_kind
from db.models import Setting, User

SITE_NAME = "site_name"  # the same setting app/sync/identity.py reads
MAX_SITE_NAME = 200


@dataclass
class FirstRun:
    admin_no: str = LOCAL_ADMIN
    admin_name: str = ""
    password: str = ""
    site_name: str = ""
    workbook: Path | None = None   # units, studios and people (app/core/org_import.py)
    unit: str = ""                 # or a first unit ...
    unit_kind: str = "company"
    studio: str = ""               # ... and a first studio in it
    studio_level: str = "unit"


def problems(plan: FirstRun) -> list[str]:
    """What is wrong with the plan, before anything is created (the wizard's pages check as you go)."""
    found: list[str] = []
    clean, person = P.clean_person({"employee_no": plan.admin_no, "name": plan.admin_name or "x"})
    found += person
    if not plan.admin_name.strip():
        found.append(t("请填写管理员的姓名。", "Enter the administrator's name."))
    if len(plan.password) < P.MIN_PASSWORD:
        found.append(t("密码至少 {n} 位。", "A password needs at least {n} characters.", n=P.MIN_PASSWORD))
    if len(" ".join(plan.site_name.split())) > MAX_SITE_NAME:
        found.append(t("站点名称最多 {n} 字。", "The site name takes at most {n} characters.", n=MAX_SITE_NAME))
    if plan.studio.strip() and not plan.unit.strip():
        found.append(t("工作室需要一个所属单位。", "A studio needs a unit to belong to."))
    for check in (lambda: plan.unit.strip() and clean_name(plan.unit, "单位名称", "unit's name"),
                  lambda: plan.unit.strip() and parse_kind(plan.unit_kind),
                  lambda: plan.studio.strip() and _clean_studio({"name": plan.studio, "level": plan.studio_level})):
        try:
            check()
        except ValidationError as exc:
            found.append(exc.message)
    return found


def setup(bank: Bank, plan: FirstRun) -> Changes:
    """Create the first administrator, the organisation and the site's name in one transaction;
    returns Changes whose value is the administrator's employee number."""
    found = problems(plan)
    if found:
        raise ValidationError("；".join(found), details=found)
    sheets = None
    if plan.workbook is not None:
        from app.core.org_import import read_workbook
        sheets = read_workbook(plan.workbook)
    password_hash = P.hash_password(plan.password)
    admin_no = plan.admin_no.strip()
    with bank.write() as s:
        local = s.scalar(select(User).where(User.employee_no == LOCAL_ADMIN))
        if local is None:  # Bank.open makes it with every new store
            raise StorageError(t("数据库缺少本机管理员账号。", "The database has no local administrator account."))
        if local.password_hash:  # not a first start: the wizard never overwrites an existing administrator
            raise ValidationError(t("这个数据文件夹已经设置过了。", "This data folder has been set up already."))
        now = bank.now()
        local.password_hash, local.updated_at = password_hash, now
        if admin_no == LOCAL_ADMIN:
            local.name = " ".join(plan.admin_name.split())
            admin = local
        else:
            admin = P._add_user(s, bank, Actor.of(local), {"employee_no": admin_no, "role": "admin",
                                                           "name": " ".join(plan.admin_name.split())}, password_hash)
        actor = Actor.of(admin)
        audit.record(s, actor, "user", local.id, "set_password", site_id=bank.site_id, at=now)
        if plan.site_name.strip():
            name = " ".join(plan.site_name.split())
            row = s.get(Setting, SITE_NAME)
            if row is None:
                s.add(Setting(key=SITE_NAME, value=name))
            else:
                row.value = name
        if sheets is not None:
            from app.core.org_import import OrgImportFailed, OrgImportReport, apply_workbook
            report = OrgImportReport()
            apply_workbook(s, bank, actor, sheets, report)
            if report.errors:
                raise OrgImportFailed(report)
        elif plan.unit.strip():
            unit = _add_unit(s, bank, actor, clean_name(plan.unit, "单位名称", "unit's name"), parse_kind(plan.unit_kind),
                             None, None)
            if plan.studio.strip():
                _add_studio(s, bank, actor, _clean_studio({"name": plan.studio, "level": plan.studio_level}),
                            unit.name, None)
        return Changes(people=True, value=admin.employee_no)


def is_set_up(bank: Bank) -> bool:
    """Whether the first start is behind this bank (its administrator has a password)."""
    with bank.session() as s:
        return bool(s.scalar(select(User.password_hash).where(User.employee_no == LOCAL_ADMIN)))
