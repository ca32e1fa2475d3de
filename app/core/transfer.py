"""Import and export of projects (.json, .csv, .xlsx; see transfer_files.py for the cell rules).

Import is all-or-nothing: every row is checked (fields through clean_project_fields, people and
studios looked up, ids and numbers checked for clashes) and written in ONE transaction; if any row
has a problem nothing is written and the error lists every problem as row + field + message.
`dry_run=True` does all of that, inserts included, then rolls back.

Imported projects take the status given in the file directly (an administrator or leader moving
historical records in, not a review), audited as action "import". vote_count and comment_count
start at 0, since votes and comments are not part of the file.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from app.core import audit
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Cancelled, ValidationError
from app.core.fields import EDITABLE_FIELDS, clean_project_fields, field_name, submission_problems
from app.core.i18n import t
from app.core.permissions import allowed, check, studio_subject
from app.core.projects import next_number
from app.core.queries import project_json, visible_to
from app.core.sheets import Sheet
from app.core.transfer_files import read_rows, write_rows
from app.core.transfer_template import is_example
from app.core.vocab import parse_status
from db.base import new_id
from db.models import AuditLog, Project, ProjectMember, Studio, User

# Keys of project_json that import ignores (labels, counters, names: output only).
READ_ONLY_KEYS = frozenset({"category_label", "status_label", "proposer_name", "vote_count", "comment_count",
                            "merged_into", "members", "comments", "attachments", "history", "reviews", "voted",
                            "may"})
TIME_KEYS = ("created_at", "updated_at", "submitted_at", "decided_at", "completed_at")
MAX_ROWS = 200_000
CHUNK = 500  # ids per IN (...) query, under SQLite's bound-parameter limit


@dataclass(frozen=True)
class RowError:
    row: int
    field: str      # the column's key ("" for the whole row), stable in --json
    message: str
    column: str = ""  # the column as the file names it: 合作者工号（W 列）

    def __str__(self) -> str:
        where = self.column or (field_name(self.field) if self.field else "")
        if not where:
            return t("第 {r} 行：{m}", "row {r}: {m}", r=self.row, m=self.message)
        return t("第 {r} 行 {f}：{m}", "row {r}, {f}: {m}", r=self.row, f=where, m=self.message)


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    dry_run: bool = False
    by_status: dict[str, int] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)


class ImportFailed(ValidationError):
    """Some rows are wrong; `errors` holds each (row, field, message). Nothing was written."""

    def __init__(self, errors: list[RowError], rows: int) -> None:
        shown = [str(e) for e in errors]
        super().__init__(t("导入失败：{n} 行中有 {k} 处问题，未导入任何数据。请修改后重试（可先用 --dry-run 检查）。",
                           "Import failed: {k} problem(s) in {n} rows; nothing was imported. Fix them and retry "
                           "(--dry-run checks without importing).", n=rows, k=len(errors)), details=shown)
        self.errors = errors


class TransferCancelled(Cancelled):
    """The person pressed cancel; an import rolled back, an export wrote no file."""

    exit_code = 130


class _Rollback(Exception):
    pass


Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
STEP = 500  # rows between progress reports and cancel checks


def _tick(done: int, total: int, progress: Progress | None, cancel: Cancel | None, zh: str, en: str) -> None:
    if cancel is not None and cancel():
        raise TransferCancelled(t(zh, en))
    if progress is not None:
        progress(done, total)


def _no_person(no: str) -> str:
    message = t("没有工号为 {no} 的人员。", "no person with employee number {no}.", no=no)
    if no.isdigit():  # a suite that took the column for numbers dropped the leading zeros
        message += t("若工号以 0 开头，请把此列设为“文本”格式后重新填写，或改用 .xlsx 文件。",
                     " If the number starts with 0, format the column as text and enter it again, or use .xlsx.")
    return message


def _in_chunks(s: Session, column: Any, values: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(values), CHUNK):
        found.update(s.scalars(select(column).where(column.in_(values[start:start + CHUNK]))))
    return found


def import_projects(bank: Bank, actor: Actor, path: Path | str, *, dry_run: bool = False,
                    progress: Progress | None = None, cancel: Cancel | None = None) -> ImportReport:
    """Import every row of the file or none (see the module docstring). Raises ImportFailed, or
    TransferCancelled when cancel() turns true (nothing is written). progress(done, total) counts rows."""
    check(actor, "data.import")
    path = Path(path)
    sheet = read_rows(path, ignored=READ_ONLY_KEYS)
    raw_rows = sheet.rows
    if not raw_rows:
        raise ValidationError(t("{p} 中没有项目。", "{p} holds no projects.", p=path))
    if len(raw_rows) > MAX_ROWS:
        raise ValidationError(t("一次最多导入 {m} 个项目（文件中有 {n} 个）；请拆分文件。",
                                "At most {m} projects per import (the file has {n}); split the file.",
                                m=MAX_ROWS, n=len(raw_rows)))
    report = ImportReport(rows=len(raw_rows), dry_run=dry_run)
    try:
        with bank.write(actor=actor) as s:
            errors = _import_rows(s, bank, actor, sheet, report, progress, cancel)
            if errors:
                raise ImportFailed(errors, len(raw_rows))
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _import_rows(s: Session, bank: Bank, actor: Actor, sheet: Sheet, report: ImportReport,
                 progress: Progress | None, cancel: Cancel | None) -> list[RowError]:
    errors: list[RowError] = []
    rows = sheet.rows
    users = {no: (uid, studio) for no, uid, studio in s.execute(select(User.employee_no, User.id, User.studio_id))}
    studios = dict(s.execute(select(Studio.name, Studio.id)).all())
    given_ids = [r.values["id"] for r in rows if r.values.get("id")]
    given_numbers = [r.values["number"] for r in rows if r.values.get("number")]
    taken_ids = _in_chunks(s, Project.id, given_ids)
    taken_numbers = _in_chunks(s, Project.number, given_numbers)
    named_numbers = set(given_numbers)
    seen_ids: set[str] = set()
    seen_numbers: set[str] = set()
    now = bank.now()
    projects, members, audits = [], [], []
    for position, row in enumerate(rows):
        if position % STEP == 0:
            _tick(position, len(rows), progress, cancel, "已取消导入，未写入任何数据。",
                  "Import cancelled; nothing was written.")
        row_no, raw = row.number, row.values

        def bad(fld: str, message: str) -> None:
            errors.append(RowError(row_no, fld, message, sheet.label(fld) if fld else ""))

        for fld, message in row.problems.items():
            bad(fld, message)
        if not raw and "" in row.problems:
            continue  # not a record at all (a JSON item that is not an object)
        if is_example(raw):
            bad("", t("这是导入模板中的示例行：请删除或改写后再导入。",
                      "this is the template's example row: delete or overwrite it, then import again."))
            continue
        data = {k: raw.get(k) for k in EDITABLE_FIELDS if k in raw and k != "studio_id"}
        for key in ("title", "category"):
            data.setdefault(key, None)
        clean, problems = clean_project_fields(data)
        try:
            status = parse_status(str(raw.get("status") or "draft"))
        except ValidationError as exc:
            bad("status", exc.message)
            status = "draft"
        if status != "draft":
            problems.update(submission_problems(clean))
        for fld, message in problems.items():
            if fld not in row.problems:  # a cell that could not be read is reported once
                bad(fld, message)

        proposer_no = raw.get("proposer") or ""
        if proposer_no:
            found = users.get(proposer_no)
            if found is None:
                bad("proposer", _no_person(proposer_no))
            proposer_id, proposer_studio = found or (None, None)
        else:
            proposer_id, proposer_studio = actor.id, actor.studio_id
        team = [proposer_id]
        for no in raw.get("co_authors") or []:
            found = users.get(no)
            if found is None:
                bad("co_authors", _no_person(no))
            elif found[0] not in team:
                team.append(found[0])
        studio_name = (raw.get("studio") or "").strip()
        studio_id = proposer_studio
        if studio_name:
            studio_id = studios.get(studio_name)
            if studio_id is None:
                bad("studio", t("没有名为“{n}”的工作室。", "there is no studio named '{n}'.", n=studio_name))
        if not allowed(actor, "studio.import", studio_subject(studio_id)):
            bad("studio", t("只能导入本工作室的项目。", "you may import projects of your own studio only."))

        times: dict[str, dt.datetime | None] = {key: raw.get(key) for key in TIME_KEYS}
        created = times["created_at"] or now
        updated = times["updated_at"] or created

        pid = raw.get("id") or ""
        if pid:
            try:
                pid = str(uuid.UUID(pid))
            except ValueError:
                bad("id", t("不是有效的 id（UUID）。", "not a valid id (UUID)."))
            if pid in taken_ids:
                bad("id", t("库中已有此 id 的项目。", "a project with this id is already in the bank."))
            elif pid in seen_ids:
                bad("id", t("文件中重复出现。", "appears more than once in the file."))
            seen_ids.add(pid)
        number = raw.get("number") or ""
        if number:
            if len(number) > 40:
                bad("number", t("编号最多 40 个字符。", "at most 40 characters."))
            if number in taken_numbers:
                bad("number", t("库中已有此编号的项目。", "a project with this number is already in the bank."))
            elif number in seen_numbers:
                bad("number", t("文件中重复出现。", "appears more than once in the file."))
            seen_numbers.add(number)
        if errors:
            continue  # keep checking the other rows, but build nothing more
        pid = pid or new_id()
        if not number:
            number = next_number(s, bank, created.year)
            # Skip numbers that a row of the file or a project in the bank already carries.
            while number in named_numbers or number in seen_numbers or s.scalar(
                    select(Project.id).where(Project.number == number)):
                number = next_number(s, bank, created.year)
        seen_numbers.add(number)
        projects.append(dict(
            clean, id=pid, number=number, status=status, studio_id=studio_id, proposer_id=proposer_id,
            site_id=bank.site_id, created_at=created, updated_at=updated, kiosk=raw.get("kiosk") is True,
            vote_count=0, comment_count=0, merged_into_id=None, submitted_at=times["submitted_at"],
            decided_at=times["decided_at"], completed_at=times["completed_at"], status_changed_at=updated))
        for pos, uid in enumerate(team, start=1):
            members.append({"id": new_id(), "project_id": pid, "user_id": uid, "position": pos, "role": "",
                            "site_id": bank.site_id, "created_at": created, "updated_at": created})
        audits.append({"id": new_id(), "at": now, "actor_id": actor.id, "entity": "project", "entity_id": pid,
                       "action": "import", "field": "status", "old_value": None, "new_value": status,
                       "site_id": bank.site_id})
        report.by_status[status] = report.by_status.get(status, 0) + 1
        report.ids.append(pid)
    if errors:
        return errors
    conn = s.connection()
    for table, batch in ((Project.__table__, projects), (ProjectMember.__table__, members),
                         (AuditLog.__table__, audit.chained(s, bank.site_id, audits))):
        if batch:
            # Rows differ in which optional keys they carry only through `clean`, which always has them all.
            conn.execute(insert(table), batch)
    report.imported = len(projects)
    _tick(len(rows), len(rows), progress, cancel, "已取消导入，未写入任何数据。",
          "Import cancelled; nothing was written.")
    return errors


def export_projects(bank: Bank, actor: Actor, path: Path | str, *, statuses: tuple[str, ...] = (),
                    progress: Progress | None = None, cancel: Cancel | None = None) -> int:
    """Write the projects (optionally only these statuses) to .json/.csv/.xlsx; returns how many.
    progress(done, total) after each chunk; cancel() → TransferCancelled, and no file is written."""
    check(actor, "data.export")
    path = Path(path)
    codes = tuple(parse_status(x) for x in statuses)
    out: list[dict[str, Any]] = []
    with bank.session() as s:
        stmt = select(Project.id).order_by(Project.created_at, Project.id)
        if codes:
            stmt = stmt.where(Project.status.in_(codes))
        visible = visible_to(actor)  # an export never carries secret projects its maker may not see
        if visible is not None:
            stmt = stmt.where(visible)
        ids = list(s.scalars(stmt))
        for start in range(0, len(ids), CHUNK):
            _tick(start, len(ids), progress, cancel, "已取消导出，未写入文件。", "Export cancelled; no file was written.")
            chunk = ids[start:start + CHUNK]
            loaded = {p.id: p for p in s.scalars(select(Project).where(Project.id.in_(chunk)).options(
                selectinload(Project.members).selectinload(ProjectMember.user), selectinload(Project.studio),
                selectinload(Project.proposer)))}
            for pid in chunk:
                p = loaded[pid]
                out.append(project_json(p) | {"completed_at": p.completed_at.isoformat() if p.completed_at else None})
            s.expunge_all()
    write_rows(path, out)
    if progress is not None:
        progress(len(out), len(out))
    return len(out)


def changes_of(report: ImportReport) -> Changes:
    return Changes(project_ids=frozenset(report.ids), membership=bool(report.ids), value=report.imported)


__all__ = ["import_projects", "export_projects", "ImportReport", "ImportFailed", "RowError", "TransferCancelled",
           "changes_of"]
