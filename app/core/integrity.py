"""`ideabank check`: is the store sound?

SQLite's own checks (integrity_check, foreign_key_check), then the application's invariants:
denormalised counters match their rows, every attached file (of projects, team logs and
incubation milestones) exists in the data folder with the right SHA-256, statuses and categories
are known codes, at most three innovation points, and the audit log's hash chain holds.
This module only reports; app/core/repair.py repairs what can be repaired.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.attachments import file_sha256
from app.core.bank import Bank
from app.core.i18n import t
from app.core.paths import attachment_path
from app.core.permissions import check
from app.core.vocab import CATEGORIES, MAX_INNOVATION_POINTS, STATUSES
from db.audit_chain import FIELDS, GENESIS, entry_hash
from db.models import (
    Attachment,
    AuditHead,
    AuditLog,
    Comment,
    DispatchReport,
    DispatchTask,
    MilestoneUpdate,
    Project,
    TeamActivity,
    Vote,
)

MAX_PER_KIND = 200  # a broken counter trigger could flag every row; the first ones make the point


Progress = Callable[[int, int, str], None]  # (step, steps, what) for a progress bar


@dataclass(frozen=True)
class Problem:
    kind: str  # sqlite | foreign_key | counter | attachment | status | category | innovation_points | audit
    message: str
    entity_id: str | None = None
    sha256: str | None = None  # attachment problems: the file's content hash (what a good copy must match)
    code: str | None = None  # what exactly: file_missing | file_damaged | file_size | index (for --repair)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


STEPS = 5


def check_bank(bank: Bank, actor: Actor | None = None, *, verify_files: bool = True,
               progress: Progress | None = None) -> list[Problem]:
    """Every problem found (empty when the store is sound)."""
    if actor is not None:
        check(actor, "data.backup")
    tick = progress or (lambda _d, _n, _w: None)
    problems: list[Problem] = []
    with bank.session() as s:
        conn = s.connection()
        tick(0, STEPS, t("SQLite 完整性检查", "SQLite integrity check"))
        if bank.engine.dialect.name == "sqlite":
            problems += _sqlite(conn)
        tick(1, STEPS, t("计数", "counters"))
        problems += _counters(s)
        tick(2, STEPS, t("项目字段", "project fields"))
        problems += _vocabulary(s)
        tick(3, STEPS, t("附件文件", "attached files"))
        problems += _attachments(s, bank, verify_files)
        tick(4, STEPS, t("审计日志链", "audit chain"))
        problems += audit_chain(s)
        tick(STEPS, STEPS, "")
    return problems


def _capped(found: list[Problem]) -> list[Problem]:
    if len(found) <= MAX_PER_KIND:
        return found
    more = len(found) - MAX_PER_KIND
    return found[:MAX_PER_KIND] + [Problem(found[0].kind, t("……另有 {n} 处同类问题。", "... and {n} more of this kind.",
                                                           n=more))]


def _sqlite(conn: Connection) -> list[Problem]:
    out = [Problem("sqlite", t("SQLite 完整性检查：{m}", "SQLite integrity check: {m}", m=row[0]),
                   code="index" if " index " in f" {row[0]} " else None)
           for row in conn.exec_driver_sql("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
    fk = [Problem("foreign_key", t("表 {tb} 第 {rowid} 行引用了 {parent} 中不存在的记录。",
                                   "Table {tb}, rowid {rowid}, refers to a missing row of {parent}.",
                                   tb=r[0], rowid=r[1], parent=r[2]))
          for r in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()]
    return out + _capped(fk)


def _counters(s: Session) -> list[Problem]:
    found: list[Problem] = []
    for counter, table, label_zh, label_en in ((Project.vote_count, Vote, "票数", "vote count"),
                                                (Project.comment_count, Comment, "评论数", "comment count")):
        actual = select(table.project_id, func.count().label("n")).group_by(table.project_id).subquery()
        stmt = (select(Project.id, Project.number, counter, func.coalesce(actual.c.n, 0))
                .outerjoin(actual, actual.c.project_id == Project.id)
                .where(counter != func.coalesce(actual.c.n, 0)))
        for pid, number, stored, real in s.execute(stmt):
            found.append(Problem("counter", t("项目 {no} 的{what}记为 {a}，实际 {b}。",
                                              "Project {no}: {what_en} is {a} but there are {b}.",
                                              no=number, what=label_zh, what_en=label_en, a=stored, b=real), pid))
    return _capped(found)


def _vocabulary(s: Session) -> list[Problem]:
    bad_status, bad_category, too_many = [], [], []
    rows = s.execute(select(Project.id, Project.number, Project.status, Project.category,
                            Project.innovation_points).execution_options(yield_per=5000))
    for pid, number, status, category, points in rows:
        if status not in STATUSES:
            bad_status.append(Problem("status", t("项目 {no} 的状态“{v}”无效。", "Project {no} has an unknown status '{v}'.",
                                                  no=number, v=status), pid))
        if category not in CATEGORIES:
            bad_category.append(Problem("category", t("项目 {no} 的分类“{v}”无效。",
                                                      "Project {no} has an unknown category '{v}'.", no=number, v=category),
                                        pid))
        if isinstance(points, str):  # stored by hand as text rather than a JSON array
            try:
                points = json.loads(points)
            except json.JSONDecodeError:
                points = None
        if not isinstance(points, list):
            too_many.append(Problem("innovation_points", t("项目 {no} 的创新点不是列表。",
                                                           "Project {no}: innovation points are not a list.", no=number),
                                    pid))
        elif len(points) > MAX_INNOVATION_POINTS:
            too_many.append(Problem("innovation_points", t("项目 {no} 有 {n} 条创新点（最多 {m} 条）。",
                                                           "Project {no} has {n} innovation points (at most {m}).",
                                                           no=number, n=len(points), m=MAX_INNOVATION_POINTS), pid))
    return _capped(bad_status) + _capped(bad_category) + _capped(too_many)


@dataclass(frozen=True)
class FileUse:
    """One place that refers to a stored file: a project's attachment, or an attachment of a team
    log entry, an incubation milestone update, a dispatched task or a unit's report on it (those
    keep references in JSON)."""
    where: str        # project | team | incubation | dispatch
    row_id: str
    sha256: str
    name: str
    size: int | None


def file_uses(s: Session) -> list[FileUse]:
    uses = [FileUse("project", aid, sha or "", name, size) for aid, sha, name, size in s.execute(
        select(Attachment.id, Attachment.sha256, Attachment.original_name, Attachment.size))]
    for where, model in (("team", TeamActivity), ("incubation", MilestoneUpdate), ("dispatch", DispatchTask),
                         ("dispatch", DispatchReport)):
        for row_id, refs in s.execute(select(model.id, model.attachments)):
            for ref in refs or []:
                if isinstance(ref, dict):
                    uses.append(FileUse(where, row_id, str(ref.get("sha256") or ""), str(ref.get("name") or ""),
                                        ref.get("size")))
    return uses


_WHERE = {"project": ("项目附件", "project attachment"), "team": ("团队活动记录的附件", "team log attachment"),
          "incubation": ("孵化进展的附件", "incubation progress attachment"),
          "dispatch": ("下达任务或反馈的附件", "dispatched task or report attachment")}


def _attachments(s: Session, bank: Bank, verify: bool) -> list[Problem]:
    found: list[Problem] = []
    verified: dict[str, str | None] = {}  # a file shared by several attachments is hashed once
    for use in file_uses(s):
        zh, en = _WHERE[use.where]
        sha = use.sha256
        path = attachment_path(bank.data_dir, sha) if len(sha) == 64 else None
        if path is None or not path.is_file():
            found.append(Problem("attachment", t("{w}“{n}”的文件不存在：{p}", "The file of {w_en} '{n}' is missing: {p}",
                                                 w=zh, w_en=en, n=use.name, p=path), use.row_id, sha, "file_missing"))
            continue
        if sha not in verified:
            verified[sha] = file_sha256(path) if verify else sha
        if verified[sha] != sha:
            found.append(Problem("attachment", t("{w}“{n}”的文件已损坏（SHA-256 不符）：{p}",
                                                 "The file of {w_en} '{n}' is damaged (SHA-256 differs): {p}",
                                                 w=zh, w_en=en, n=use.name, p=path), use.row_id, sha, "file_damaged"))
        elif use.size is not None and path.stat().st_size != use.size:
            found.append(Problem("attachment", t("{w}“{n}”的大小记为 {a} 字节，文件为 {b} 字节。",
                                                 "The {w_en} '{n}' is recorded as {a} bytes; the file has {b}.",
                                                 w=zh, w_en=en, n=use.name, a=use.size, b=path.stat().st_size),
                                 use.row_id, sha, "file_size" if use.where == "project" else None))
    return _capped(found)


def _entry(row: Any) -> str:
    return t("第 {n} 条（{id}，{at}，{e} {a}）", "entry #{n} ({id}, {at}, {e} {a})", n=row.chain_seq, id=row.id,
             at=row.at.isoformat(timespec="seconds") if row.at else "?", e=row.entity, a=row.action)


def audit_chain(s: Session) -> list[Problem]:
    """Each site's chain of audit entries, from its first entry: the first entry that is missing,
    altered or out of place, per site; entries outside the chain; entries cut off the end."""
    found: list[Problem] = []
    columns = [getattr(AuditLog, k) for k in FIELDS] + [AuditLog.chain_hash]
    for site in s.scalars(select(AuditLog.site_id).distinct().order_by(AuditLog.site_id)).all():
        site_label = site or t("（无站点）", "(no site)")
        expected, prev, broken = 1, GENESIS, False
        rows = s.execute(select(*columns).where(AuditLog.site_id == site, AuditLog.chain_seq.is_not(None))
                         .order_by(AuditLog.chain_seq).execution_options(yield_per=5000))
        for row in rows:
            if row.chain_seq != expected:
                found.append(Problem("audit", t(
                    "站点 {s} 的审计日志链在第 {n} 条处断开：第 {n}–{m} 条不见了（被删除，或尚未从该站点同步过来）。",
                    "The audit chain of site {s} breaks at entry #{n}: entries #{n}–#{m} are missing (deleted, or "
                    "not synchronised from that site yet).", s=site_label, n=expected, m=row.chain_seq - 1), row.id))
                broken = True
                break
            if entry_hash(prev, row) != row.chain_hash:
                found.append(Problem("audit", t("站点 {s} 的审计日志链在{e}处断开：该条在写入后被改动过。",
                                                "The audit chain of site {s} breaks at {e_en}: it was altered after it "
                                                "was written.", s=site_label, e=_entry(row), e_en=_entry(row)), row.id))
                broken = True
                break
            expected, prev = expected + 1, row.chain_hash
        rows.close()
        head = s.get(AuditHead, site)
        if not broken and head is not None and head.seq > expected - 1:
            found.append(Problem("audit", t("站点 {s} 的审计日志末尾少了第 {n}–{m} 条（被删除）。",
                                            "The audit log of site {s} lacks its last entries #{n}–#{m} (deleted).",
                                            s=site_label, n=expected, m=head.seq)))
        loose = s.scalar(select(func.count()).select_from(AuditLog)
                         .where(AuditLog.site_id == site, AuditLog.chain_seq.is_(None)))
        if loose:
            found.append(Problem("audit", t("站点 {s} 有 {n} 条审计记录不在链中（绕过了审计记录的写法写入）。",
                                            "Site {s} has {n} audit entries outside the chain (written around the "
                                            "audit log's own way of adding entries).", s=site_label, n=loose)))
    return found


def audit_heads(s: Session) -> list[dict[str, Any]]:
    """The end of each site's chain as this database has it: written down (or printed) elsewhere,
    it anchors the chain, so even a rewrite of the whole log from some entry on is caught."""
    return [{"site_id": h.site_id, "seq": h.seq, "hash": h.hash}
            for h in s.scalars(select(AuditHead).order_by(AuditHead.site_id))]


__all__ = ["FileUse", "Problem", "audit_chain", "audit_heads", "check_bank", "file_uses"]
