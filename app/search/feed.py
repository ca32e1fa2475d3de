"""The index follows the database: documents built from the store, the queue drained into them.

Core writes a `search_queue` row in the same transaction as every change to a project's
searchable text. `sync_index` indexes the queued projects and deletes the queue rows only
after the index has committed, so a crash between the database commit and the index update
leaves the rows behind and the next start repairs the index. `reindex` rebuilds from scratch.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from app.search.extract import attachment_text
from app.search.index import Cancel, Progress, SearchIndex
from app.search.schema import SearchDoc

if TYPE_CHECKING:
    from app.core.bank import Bank

log = logging.getLogger(__name__)
BATCH = 500


def _year(p) -> str:
    when = p.submitted_at or p.created_at
    return str(when.year) if when else ""


def _body(p) -> str:
    points = p.innovation_points or []
    parts = [p.background, p.solution, "\n".join(str(x) for x in points), p.implementation,
             p.indicators, p.promotion, p.benefit_basis, p.social_benefit]
    for pat in p.patents or []:
        if isinstance(pat, dict):
            parts.append(" ".join(str(pat.get(k) or "") for k in ("number", "title")))
    for award in p.awards or []:
        if isinstance(award, dict):
            parts.append(str(award.get("name") or ""))
    return "\n".join(x for x in parts if x)


def _docs_for(s, projects, data_dir, unit_names: dict[str, str]) -> list[SearchDoc]:
    from db.models import Attachment, Comment

    ids = [p.id for p in projects]
    comments: dict[str, list[str]] = {}
    for pid, body in s.execute(select(Comment.project_id, Comment.body).where(Comment.project_id.in_(ids))):
        comments.setdefault(pid, []).append(body or "")
    files: dict[str, list[str]] = {}
    for a in s.scalars(select(Attachment).where(Attachment.project_id.in_(ids))):
        text = attachment_text(data_dir, a.sha256, a.original_name, a.mime)
        files.setdefault(a.project_id, []).append(a.original_name + "\n" + text)
    docs = []
    for p in projects:
        people = []
        if p.proposer is not None:
            people.append(p.proposer.name)
        for m in p.members:
            if m.user is not None and m.user.name not in people:
                people.append(m.user.name)
        studio = p.studio.name if p.studio is not None else ""
        unit_id = (p.studio.unit_id if p.studio is not None else None) or (
            p.proposer.unit_id if p.proposer is not None else None)
        docs.append(SearchDoc(
            id=p.id, title=p.title or "", body=(p.number or "") + "\n" + _body(p), tags=list(p.tags or []),
            people=people, studio=studio, unit=unit_names.get(unit_id or "", ""),
            comments="\n".join(comments.get(p.id, [])), attachments="\n".join(files.get(p.id, [])),
            category=p.category or "", status=p.status or "", year=_year(p),
        ))
    return docs


def _project_query():
    from db.models import Project, ProjectMember

    return select(Project).options(
        selectinload(Project.members).selectinload(ProjectMember.user),
        selectinload(Project.studio), selectinload(Project.proposer),
    )


def _unit_names(s) -> dict[str, str]:
    from db.models import Unit

    return dict(s.execute(select(Unit.id, Unit.name)).all())


def docs_for_ids(bank: Bank, ids: list[str]) -> tuple[list[SearchDoc], list[str]]:
    """Documents for the given project ids, and the ids to drop (deleted or merged away)."""
    from db.models import Project

    with bank.session() as s:
        projects = list(s.scalars(_project_query().where(Project.id.in_(ids))))
        live = [p for p in projects if not p.merged_into_id]
        docs = _docs_for(s, live, bank.data_dir, _unit_names(s)) if live else []
    found = {d.id for d in docs}
    return docs, [i for i in ids if i not in found]


def iter_all_docs(bank: Bank) -> Iterator[SearchDoc]:
    """Every live project, in id order, a batch of projects per session round trip."""
    from db.models import Project

    last = ""
    with bank.session() as s:
        units = _unit_names(s)
    while True:
        with bank.session() as s:
            batch = list(s.scalars(_project_query().where(Project.id > last, Project.merged_into_id.is_(None))
                                   .order_by(Project.id).limit(BATCH)))
            if not batch:
                return
            docs = _docs_for(s, batch, bank.data_dir, units)
        last = batch[-1].id
        yield from docs


def count_projects(bank: Bank) -> int:
    from db.models import Project

    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(Project).where(Project.merged_into_id.is_(None))) or 0


def _queue_head(bank: Bank, limit: int) -> tuple[int | None, list[str]]:
    from db.models import SearchQueue

    with bank.session() as s:
        rows = s.execute(select(SearchQueue.seq, SearchQueue.project_id).order_by(SearchQueue.seq).limit(limit)).all()
    if not rows:
        return None, []
    ids = list(dict.fromkeys(pid for _, pid in rows))
    return rows[-1][0], ids


def _forget_queue(bank: Bank, upto_seq: int) -> None:
    from db.models import SearchQueue

    with bank.write() as s:
        s.execute(delete(SearchQueue).where(SearchQueue.seq <= upto_seq))


def pending_count(bank: Bank) -> int:
    from db.models import SearchQueue

    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(SearchQueue)) or 0


def sync_index(bank: Bank, index: SearchIndex, batch: int = 1000) -> int:
    """Index every queued project; returns how many projects were (re)indexed or dropped.

    Queue rows go only after the index commit: if anything fails before, they stay for next time.
    """
    done = 0
    while True:
        upto, ids = _queue_head(bank, batch)
        if upto is None:
            return done
        docs, gone = docs_for_ids(bank, ids)
        index.update(docs, gone)
        _forget_queue(bank, upto)
        done += len(ids)


def reindex(bank: Bank, index: SearchIndex, progress: Progress | None = None,
            cancel: Cancel | None = None, procs: int | None = None) -> int:
    """Rebuild the whole index from the database, then apply what changed meanwhile."""
    from db.models import SearchQueue

    with bank.session() as s:
        upto = s.scalar(select(func.max(SearchQueue.seq)))
    total = count_projects(bank)
    count = index.rebuild(iter_all_docs(bank), progress=progress, cancel=cancel, total=total, procs=procs)
    if upto is not None:
        _forget_queue(bank, upto)  # the rebuild read every project after these rows were written
    sync_index(bank, index)
    return count
