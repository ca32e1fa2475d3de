"""The people workbook: units, studios and people from one .xlsx (or people alone from a .csv).

    report = import_workbook(bank, actor, "组织人员.xlsx", dry_run=True)
    for row in report.rows: row.sheet, row.row, row.key, row.action, row.fields, row.problems

Sheets are found by name: 单位 / Units, 工作室 / Studios, 人员 / People (any may be missing; a
workbook with none of these names is read as people from its first sheet, as a .csv is). Cells are
read by the core's sheet rules (app/core/sheets.py: employee numbers as text, formulas by their
saved values, dates, size limits).

All or nothing, in one transaction: every row is checked and applied, and a single problem rolls
everything back; the report names each row's outcome (create / update / unchanged / error). A
person is matched by employee number, a unit or studio by name, and an empty cell leaves the field
as it is, so importing the same file again changes nothing. Passwords never travel in a workbook:
new people choose theirs at their first sign-in, or an admin sets one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core import audit
from app.core import people as P
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import IdeaBankError, ValidationError
from app.core.i18n import t
from app.core.org import _add_studio, _add_unit, _clean_studio, _set_leader, apply_fields, clean_name, parse_kind
from app.core.permissions import check
from app.core.sheets import Column, Sheet, check_file, read_sheet
from app.core.sheets_xlsx import Limits, sheet_names
from db.models import Studio, Unit, User

MAX_ROWS = 50_000

UNIT_COLUMNS = [
    Column("name", "单位名称", "Unit", required=True, aliases=("单位", "名称")),
    Column("parent", "上级单位", "Parent unit"),
    Column("kind", "类型", "Kind", aliases=("单位类型",)),
    Column("code", "代码", "Code", "code", aliases=("单位代码",)),
]
STUDIO_COLUMNS = [
    Column("name", "工作室名称", "Studio", required=True, aliases=("工作室", "名称")),
    Column("level", "级别", "Level"),
    Column("unit", "所属单位", "Unit", aliases=("单位",)),
    Column("leader", "领衔人工号", "Leader's employee number", "code", aliases=("领衔人", "leader")),
    Column("founded", "成立日期", "Founded", "date"),
    Column("premises", "场地", "Premises"),
    Column("funds", "经费（元/年）", "Funds (yuan/yr)", "number", aliases=("经费", "funds")),
]
PEOPLE_COLUMNS = [
    Column("employee_no", "工号", "Employee number", "code", required=True),
    Column("name", "姓名", "Name", required=True),
    Column("unit", "单位", "Unit"),
    Column("studio", "工作室", "Studio"),
    Column("role", "角色", "Role"),
    Column("skill_grade", "技能等级", "Skill grade"),
    Column("specialty", "专长", "Specialty"),
    Column("honours", "荣誉", "Honours", "lines"),
    Column("active", "在职", "Active", "bool"),
]
# key -> (Chinese sheet name, English sheet name, columns), in the order they are applied.
SHEETS: dict[str, tuple[str, str, list[Column]]] = {
    "units": ("单位", "Units", UNIT_COLUMNS),
    "studios": ("工作室", "Studios", STUDIO_COLUMNS),
    "people": ("人员", "People", PEOPLE_COLUMNS),
}
ACTIONS = ("create", "update", "unchanged", "error")


@dataclass
class RowResult:
    sheet: str                  # units | studios | people
    row: int                    # the row number the suite shows
    key: str                    # the unit's or studio's name, the person's employee number
    action: str = "unchanged"   # create | update | unchanged | error
    fields: list[str] = field(default_factory=list)    # what an update changed
    problems: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.action = "error"
        self.problems.append(message)

    def as_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "key": self.key, "action": self.action,
                "fields": self.fields, "problems": self.problems}

    def __str__(self) -> str:
        zh, en = SHEETS[self.sheet][:2]
        where = t("{s}表第 {r} 行（{k}）", "{s}, row {r} ({k})", s=t(zh, en), r=self.row, k=self.key or "—")
        return f"{where}: {'; '.join(self.problems)}" if self.problems else where


@dataclass
class OrgImportReport:
    dry_run: bool = False
    rows: list[RowResult] = field(default_factory=list)

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "error"]

    def counts(self) -> dict[str, dict[str, int]]:
        out = {sheet: dict.fromkeys(ACTIONS, 0) for sheet in SHEETS}
        for r in self.rows:
            out[r.sheet][r.action] += 1
        return out

    def summary(self) -> str:
        """人员：新建 2、更新 1；工作室：不变 1 — what happened (or would), sheet by sheet."""
        words = {"create": ("新建", "created"), "update": ("更新", "updated"), "unchanged": ("不变", "unchanged"),
                 "error": ("有问题", "with problems")}
        parts = []
        for sheet, counts in self.counts().items():
            zh, en, _c = SHEETS[sheet]
            done = t("、", ", ").join(f"{t(*words[a])} {n}" for a, n in counts.items() if n)
            if done:
                parts.append(f"{t(zh, en)}{t('：', ': ')}{done}")
        return t("；", "; ").join(parts)

    @property
    def changed(self) -> bool:
        return any(r.action in ("create", "update") for r in self.rows)

    def as_json(self) -> dict[str, Any]:
        return {"ok": not self.errors, "dry_run": self.dry_run, "counts": self.counts(),
                "rows": [r.as_json() for r in self.rows]}


class OrgImportFailed(ValidationError):
    """Some rows are wrong; `report` holds every row's outcome. Nothing was written."""

    def __init__(self, report: OrgImportReport) -> None:
        errors = report.errors
        super().__init__(t("导入失败：{n} 行中有 {k} 行有问题，未导入任何数据。请修改后重试（可先用 --dry-run 检查）。",
                           "Import failed: {k} of {n} rows have problems; nothing was imported. Fix them and retry "
                           "(--dry-run checks without importing).", n=len(report.rows), k=len(errors)),
                         details=[str(r) for r in errors])
        self.report = report


class _Rollback(Exception):
    pass


# -- reading ---------------------------------------------------------------------------------------
def read_workbook(path: Path | str) -> dict[str, Sheet]:
    """The workbook's sheets by key (units, studios, people); raises ValidationError for a file,
    size or header problem."""
    path = Path(path)
    kind = check_file(path, (".xlsx", ".csv"))
    if kind == ".csv":
        return {"people": read_sheet(path, PEOPLE_COLUMNS, max_rows=MAX_ROWS)}
    names = sheet_names(path, Limits())
    wanted = {_norm(zh): key for key, (zh, _en, _c) in SHEETS.items()} | \
             {_norm(en): key for key, (_zh, en, _c) in SHEETS.items()}
    found: dict[str, str] = {}
    for name in names:
        key = wanted.get(_norm(name))
        if key and key not in found:
            found[key] = name
    if not found:
        return {"people": read_sheet(path, PEOPLE_COLUMNS, max_rows=MAX_ROWS)}
    return {key: read_sheet(path, SHEETS[key][2], max_rows=MAX_ROWS, sheet=found[key])
            for key in SHEETS if key in found}


def _norm(name: str) -> str:
    return "".join(name.split()).lower()


# -- the use case ----------------------------------------------------------------------------------
def import_workbook(bank: Bank, actor: Actor, path: Path | str, *, dry_run: bool = False) -> OrgImportReport:
    """Import (or with dry_run only check) the workbook; OrgImportFailed when any row is wrong."""
    for permission in ("unit.manage", "studio.manage", "user.manage"):
        check(actor, permission)
    sheets = read_workbook(path)
    if not any(sheet.rows for sheet in sheets.values()):
        raise ValidationError(t("{p} 中没有要导入的单位、工作室或人员。", "{p} holds no units, studios or people to import.",
                                p=Path(path).name))
    report = OrgImportReport(dry_run=dry_run)
    try:
        with bank.write() as s:
            apply_workbook(s, bank, actor, sheets, report)
            if report.errors:
                raise OrgImportFailed(report)
            if report.changed:
                audit.record(s, actor, "organisation", "import", "import", new={"file": Path(path).name,
                             "counts": report.counts()}, site_id=bank.site_id, at=bank.now())
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def changes_of(report: OrgImportReport) -> Changes:
    return Changes(people=report.changed and not report.dry_run, membership=report.changed and not report.dry_run)


def apply_workbook(s: Session, bank: Bank, actor: Actor, sheets: dict[str, Sheet], report: OrgImportReport) -> None:
    """Apply the sheets inside the caller's transaction (the import, the first-run wizard)."""
    leaders = _Leaders(sheets.get("studios"))
    if "units" in sheets:
        _units(s, bank, actor, sheets["units"], report)
    if "studios" in sheets:
        studio_rows = _studios(s, bank, actor, sheets["studios"], report)
    else:
        studio_rows = []
    if "people" in sheets:
        _people(s, bank, actor, sheets["people"], report, leaders)
    for result, leader in studio_rows:  # once the people exist
        _studio_leader(s, bank, actor, result, leader)


def _start(report: OrgImportReport, sheet: str, sheet_obj: Sheet, row: Any, key: str) -> RowResult:
    result = RowResult(sheet, row.number, key)
    for column, message in row.problems.items():
        result.fail(f"{sheet_obj.label(column)}: {message}" if column else message)
    report.rows.append(result)
    return result


def _guard(result: RowResult, fn: Any, *args: Any) -> Any:
    """Run a step of a row; a problem the person can fix becomes the row's problem."""
    try:
        return fn(*args)
    except IdeaBankError as exc:
        result.fail(exc.message)
        return None


def _mark(result: RowResult, changed: list[str]) -> None:
    if result.action == "error" or not changed:
        return
    if result.action == "unchanged":
        result.action = "update"
    result.fields.extend(f for f in changed if f not in result.fields)


# -- units -----------------------------------------------------------------------------------------
def _units(s: Session, bank: Bank, actor: Actor, sheet: Sheet, report: OrgImportReport) -> None:
    existing = {u.name: u for u in s.scalars(select(Unit))}
    planned: list[tuple[RowResult, Unit, str | None]] = []
    seen: set[str] = set()
    for row in sheet.rows:
        v = row.values
        result = _start(report, "units", sheet, row, str(v.get("name") or ""))
        name = _guard(result, clean_name, v.get("name"), "单位名称", "unit's name")
        kind = _guard(result, parse_kind, v["kind"]) if v.get("kind") else None
        if name is None or result.action == "error":
            continue
        result.key = name
        if name in seen:
            result.fail(t("单位“{n}”在表中重复出现。", "The unit '{n}' appears twice in the sheet.", n=name))
            continue
        seen.add(name)
        code = str(v["code"]).strip() if v.get("code") else None
        unit = existing.get(name)
        if unit is None:
            unit = _add_unit(s, bank, actor, name, kind or "crew", None, code)
            existing[name] = unit
            result.action = "create"
        else:
            new = {k: val for k, val in (("kind", kind), ("code", code)) if val is not None}
            before = {k: getattr(unit, k) for k in new}
            apply_fields(s, bank, actor, "unit", unit, new)
            _mark(result, [k for k in new if before[k] != new[k]])
        planned.append((result, unit, str(v["parent"]).strip() if v.get("parent") else None))
    for result, unit, parent_name in planned:  # parents may come later in the sheet
        if parent_name is None:
            continue
        parent = existing.get(parent_name)
        if parent is None:
            result.fail(t("没有名为“{n}”的上级单位（既不在库中，也不在表中）。",
                          "There is no parent unit named '{n}' (neither in the bank nor in the sheet).", n=parent_name))
            continue
        if unit.parent_id != parent.id:
            old = existing_name(existing, unit.parent_id)
            apply_fields(s, bank, actor, "unit", unit, {"parent_id": parent.id},
                         shown={"parent_id": (old, parent.name)})
            _mark(result, ["parent"])
    by_id = {u.id: u for u in existing.values()}
    for result, unit, _parent in planned:
        up, steps = unit.parent_id, 0
        while up is not None and steps <= len(by_id):
            if up == unit.id:
                result.fail(t("上级单位形成了循环（“{n}”在自己之下）。", "The parent units form a loop ('{n}' is below itself).",
                              n=unit.name))
                break
            up, steps = by_id[up].parent_id if up in by_id else None, steps + 1
    s.flush()


def existing_name(units: dict[str, Unit], unit_id: str | None) -> str | None:
    return next((name for name, u in units.items() if u.id == unit_id), None)


# -- studios ---------------------------------------------------------------------------------------
class _Leaders:
    """Who the workbook names as a studio's leader: their role and studio follow from it."""

    def __init__(self, sheet: Sheet | None) -> None:
        self.studio_of: dict[str, str] = {}
        for row in sheet.rows if sheet else []:
            if row.values.get("leader") and row.values.get("name"):
                self.studio_of[str(row.values["leader"]).strip()] = " ".join(str(row.values["name"]).split())


def _studios(s: Session, bank: Bank, actor: Actor, sheet: Sheet, report: OrgImportReport
             ) -> list[tuple[RowResult, str]]:
    existing = {st.name: st for st in s.scalars(select(Studio))}
    units = {u.name: u for u in s.scalars(select(Unit))}
    leaders: list[tuple[RowResult, str]] = []
    seen: set[str] = set()
    for row in sheet.rows:
        v = dict(row.values)
        result = _start(report, "studios", sheet, row, str(v.get("name") or ""))
        clean = _guard(result, _clean_studio, {k: v[k] for k in ("name", "level", "founded", "premises", "funds")
                                                if k in v})
        if clean is None or result.action == "error":
            continue
        name = clean["name"]
        result.key = name
        if name in seen:
            result.fail(t("工作室“{n}”在表中重复出现。", "The studio '{n}' appears twice in the sheet.", n=name))
            continue
        seen.add(name)
        unit_name = str(v["unit"]).strip() if v.get("unit") else None
        if unit_name and unit_name not in units:
            result.fail(t("没有名为“{n}”的单位（既不在库中，也不在单位表中）。",
                          "There is no unit named '{n}' (neither in the bank nor in the units sheet).", n=unit_name))
            continue
        studio = existing.get(name)
        if studio is None:
            clean.setdefault("level", "unit")
            studio = _add_studio(s, bank, actor, clean, unit_name, None)
            existing[name] = studio
            result.action = "create"
        else:
            new = {k: val for k, val in clean.items() if k != "name" and val is not None}
            shown = {}
            if unit_name and (studio.unit_id != units[unit_name].id):
                new["unit_id"] = units[unit_name].id
                shown["unit_id"] = (studio.unit.name if studio.unit else None, unit_name)
            changed = [k for k in new if getattr(studio, k) != new[k]]
            apply_fields(s, bank, actor, "studio", studio, new, shown=shown)
            _mark(result, [k.removesuffix("_id") for k in changed])
        if v.get("leader"):
            leaders.append((result, str(v["leader"]).strip()))
    s.flush()
    return leaders


def _studio_leader(s: Session, bank: Bank, actor: Actor, result: RowResult, employee_no: str) -> None:
    if result.action == "error":
        return
    studio = s.scalar(select(Studio).where(Studio.name == result.key))
    if studio is None:  # its row did not make it (it failed on its own)
        result.fail(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=result.key))
        return
    user = s.scalar(select(User).where(User.employee_no == employee_no))
    if user is None:
        result.fail(t("没有工号为 {no} 的人员（既不在库中，也不在人员表中）。",
                      "No person with employee number {no} (neither in the bank nor in the people sheet).",
                      no=employee_no))
        return
    before = studio.leader_id
    _guard(result, _set_leader, s, bank, actor, studio, user)
    if before != studio.leader_id:
        _mark(result, ["leader"])


# -- people ----------------------------------------------------------------------------------------
PERSON_FIELDS = ("name", "unit", "studio", "role", "skill_grade", "specialty", "honours")


def _people(s: Session, bank: Bank, actor: Actor, sheet: Sheet, report: OrgImportReport, leaders: _Leaders) -> None:
    existing = {u.employee_no: u for u in s.scalars(select(User).options(selectinload(User.unit),
                                                                         selectinload(User.studio)))}
    units: dict[str | None, str] = {u.id: u.name for u in s.scalars(select(Unit))}
    studios: dict[str | None, str] = {st.id: st.name for st in s.scalars(select(Studio))}
    seen: set[str] = set()
    for row in sheet.rows:
        v = row.values
        result = _start(report, "people", sheet, row, str(v.get("employee_no") or ""))
        data = {k: v[k] for k in ("employee_no",) + PERSON_FIELDS if k in v}
        clean, problems = P.clean_person(data)
        for problem in problems:
            result.fail(problem)
        if "employee_no" not in clean:
            result.fail(t("请填写工号。", "Enter the employee number."))
        if result.action == "error":
            continue
        no = clean["employee_no"]
        if no in seen:
            result.fail(t("工号 {no} 在表中重复出现。", "The employee number {no} appears twice in the sheet.", no=no))
            continue
        seen.add(no)
        user = existing.get(no)
        given = set(v)  # an empty cell leaves the field as it is
        led = leaders.studio_of.get(no)
        if led is not None:  # named a studio's leader in the workbook: leads with the leader's rights
            if clean.get("role") in (None, "worker") and not (user is not None and user.role == "admin"):
                clean["role"] = "leader"
                given.add("role")
            if clean.get("studio") is None:
                clean["studio"] = led
                given.add("studio")
            elif clean["studio"] != led:
                result.fail(t("{no} 是“{led}”的领衔人，工作室一栏却填了“{s}”。",
                              "{no} leads '{led}' but the studio column says '{s}'.", no=no, led=led, s=clean["studio"]))
                continue
        if user is None:
            if not clean.get("name"):
                result.fail(t("新人员需要填写姓名。", "A new person needs a name."))
                continue
            created = _guard(result, _create_person, s, bank, actor, clean, v.get("active"))
            if created is not None:
                existing[no] = created
                result.action = "create"
            continue
        current = {"name": user.name, "unit": units.get(user.unit_id), "studio": studios.get(user.studio_id),
                   "role": user.role, "skill_grade": user.skill_grade, "specialty": user.specialty,
                   "honours": list(user.honours or [])}
        wanted = {k: val for k, val in clean.items() if k in PERSON_FIELDS and k in given and current[k] != val}
        role = wanted.pop("role", None)
        if wanted:
            _guard(result, P._edit_user, s, bank, actor, user, wanted)
        if role is not None and result.action != "error":
            _guard(result, P._change_role, s, bank, actor, user, role)
        if result.action == "error":
            continue
        changed = list(wanted) + (["role"] if role is not None else [])
        if "active" in v and bool(v["active"]) != user.active:
            _guard(result, P._set_active, s, bank, actor, user, bool(v["active"]))
            changed.append("active")
        _mark(result, changed)
    s.flush()


def _create_person(s: Session, bank: Bank, actor: Actor, clean: dict[str, Any], active: Any) -> User:
    fields = {k: val for k, val in clean.items() if val is not None}
    user = P._add_user(s, bank, actor, fields, None)
    if active is False:
        user.active = False
    return user
