"""`ideabank check --repair`: repair what can be repaired safely, report the rest.

Repaired, each in one transaction and recorded in the audit log:
- SQLite index entries that disagree with their table (integrity_check names the index): REINDEX
  rebuilds every index from the table rows, which are the data.
- denormalised vote and comment counts: counted again from the rows.
- a project attachment's recorded size, when its file has the right SHA-256.
- an attached file that is missing or damaged, when a good copy (the same SHA-256) is found in a
  folder given with --from (the original folder, a USB stick): the damaged bytes are moved to
  attachments/damaged/ and the good copy takes their place. Attaching a good copy again in the
  window does the same (app/core/attachments.py).

Never repaired, only reported: broken foreign keys, unknown codes, too many innovation points
(a person decides), a damaged file without a good copy, and the audit chain (by design: a chain
that could be "repaired" would prove nothing). A second run after a repair repairs nothing more.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update

from app.core import audit
from app.core.actor import Actor
from app.core.attachments import file_sha256, store_file
from app.core.bank import Bank
from app.core.i18n import t
from app.core.integrity import Problem, Progress, check_bank
from app.core.permissions import check
from db.models import Attachment, Comment, Project, Vote


@dataclass
class RepairReport:
    repaired: list[str] = field(default_factory=list)
    remaining: list[Problem] = field(default_factory=list)


def repair(bank: Bank, actor: Actor, *, sources: Iterable[Path] = (), progress: Progress | None = None) -> RepairReport:
    """Check, repair what can be repaired, check again; what was done and what is left."""
    check(actor, "data.backup")
    report = RepairReport()
    problems = check_bank(bank, actor, progress=progress)
    kinds = {p.kind for p in problems}
    if any(p.code == "index" for p in problems):
        with bank.write() as s:
            s.connection().exec_driver_sql("REINDEX")
            audit.record(s, actor, "bank", bank.site_id, "repair", new="reindex", site_id=bank.site_id, at=bank.now())
        report.repaired.append(t("已重建数据库索引（REINDEX）。", "Rebuilt the database's indexes (REINDEX)."))
    if "counter" in kinds:
        report.repaired += _counters(bank, actor)
    attachment_problems = [p for p in problems if p.code in ("file_missing", "file_damaged", "file_size")]
    if attachment_problems:
        report.repaired += _files(bank, actor, attachment_problems, list(sources))
    report.remaining = check_bank(bank, actor, progress=progress) if report.repaired else problems
    return report


def _counters(bank: Bank, actor: Actor) -> list[str]:
    with bank.write() as s:
        votes = select(func.count()).select_from(Vote).where(Vote.project_id == Project.id).scalar_subquery()
        comments = select(func.count()).select_from(Comment).where(Comment.project_id == Project.id).scalar_subquery()
        # Session.execute types every result as Result; an UPDATE's is a CursorResult, which counts rows
        changed = cast("CursorResult[Any]",
                       s.execute(update(Project).where((Project.vote_count != votes) | (Project.comment_count != comments))
                                 .values(vote_count=votes, comment_count=comments)
                                 .execution_options(synchronize_session=False))).rowcount
        audit.record(s, actor, "bank", bank.site_id, "repair", new={"counters": changed}, site_id=bank.site_id,
                     at=bank.now())
    return [t("已重新计数 {n} 个项目的票数和评论数。", "Counted votes and comments again for {n} project(s).", n=changed)]


def _files(bank: Bank, actor: Actor, problems: list[Problem], sources: list[Path]) -> list[str]:
    done: list[str] = []
    wanted = {p.sha256 for p in problems if p.sha256 and p.code in ("file_missing", "file_damaged")}
    good: dict[str, Path] = _find_copies(wanted, sources) if sources and wanted else {}
    for sha, copy in good.items():
        store_file(bank.data_dir, copy)  # checks it, and replaces a damaged stored file
        done.append(t("已用完好的副本 {p} 替换附件文件 {s}。", "Put the good copy {p} in place of the stored file {s}.",
                      p=copy, s=sha[:12]))
    # A size recorded wrongly while the file itself is right: the file is the truth.
    sizes = [p for p in problems if p.code == "file_size"]
    if sizes:
        from app.core.paths import attachment_path
        with bank.write() as s:
            for p in sizes:
                path = attachment_path(bank.data_dir, p.sha256 or "")
                row = s.get(Attachment, p.entity_id) if p.entity_id else None
                if row is not None and path.is_file() and file_sha256(path) == row.sha256:
                    row.size = path.stat().st_size
                    done.append(t("已更正附件“{n}”记录的大小。", "Corrected the recorded size of '{n}'.", n=row.original_name))
    if done:
        with bank.write() as s:
            audit.record(s, actor, "bank", bank.site_id, "repair", new={"files": len(good)}, site_id=bank.site_id,
                         at=bank.now())
    return done


def _find_copies(wanted: set[str], sources: list[Path]) -> dict[str, Path]:
    """Files under `sources` whose SHA-256 is one of `wanted` (each hashed at most once)."""
    found: dict[str, Path] = {}
    for root in sources:
        for path in sorted(Path(root).expanduser().rglob("*")) if Path(root).is_dir() else [Path(root)]:
            if len(found) == len(wanted):
                return found
            if not path.is_file():
                continue
            try:
                sha = file_sha256(path)
            except OSError:
                continue
            if sha in wanted and sha not in found:
                found[sha] = path
    return found
