"""The index follows the database's change sequence with a cursor of its own.

Every row of a project and of what is searched with it (comments, attachments, co-authors,
people's and studios' names) carries the number of its last change (db/sequence.py).
The index remembers, in a file inside its own folder, the highest number it has taken in
(`feed-cursor.json`); `sync_index` indexes the projects touched by anything numbered above it
and moves the cursor only after the index has committed, so a crash in between makes the next
sync do the same work again. Nothing is deleted for other readers: two workstations on one
PostgreSQL hub each follow the same sequence with their own index and cursor. `reindex` reads
the counter first, rebuilds from every project, then catches up from that number.

The cursor is also recorded in the database (`sync_cursors`, consumer `index:<id>`, at most once
a minute) so that tombstones are pruned only once every index has passed them; an index whose
cursor fell below the pruned mark, or that belongs to another database, is rebuilt.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.core import blobstore
from app.search.extract import attachment_text
from app.search.index import Cancel, IndexCorrupt, Progress, SearchIndex
from app.search.schema import SearchDoc
from db.files import atomic_file

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Select
    from sqlalchemy.orm import InstrumentedAttribute, Session

    from app.core.bank import Bank
    from db.models import Project

log = logging.getLogger(__name__)
BATCH = 500
CURSOR_FILE = "feed-cursor.json"
REGISTER_EVERY = 60.0  # seconds between updates of the cursor kept in the database


def _year(p: Project) -> str:
    when = p.submitted_at or p.created_at
    return str(when.year) if when else ""


def _body(p: Project) -> str:
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


def _docs_for(s: Session, projects: list[Project], bank: Bank, unit_names: dict[str, str]) -> list[SearchDoc]:
    from db.models import Attachment, Comment

    ids = [p.id for p in projects]
    comments: dict[str, list[str]] = {}
    for pid, body in s.execute(select(Comment.project_id, Comment.body).where(Comment.project_id.in_(ids))):
        comments.setdefault(pid, []).append(body or "")
    files: dict[str, list[str]] = {}
    for a in s.scalars(select(Attachment).where(Attachment.project_id.in_(ids))):
        blobstore.local_path(bank, a.sha256)  # on a hub the file may not be in this folder yet
        text = attachment_text(bank.data_dir, a.sha256, a.original_name, a.mime)
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


def _project_query() -> Select[Project]:
    from db.models import Project, ProjectMember

    return select(Project).options(
        selectinload(Project.members).selectinload(ProjectMember.user),
        selectinload(Project.studio), selectinload(Project.proposer),
    )


def _unit_names(s: Session) -> dict[str, str]:
    from db.models import Unit

    return dict(s.execute(select(Unit.id, Unit.name)).all())


def docs_for_ids(bank: Bank, ids: list[str]) -> tuple[list[SearchDoc], list[str]]:
    """Documents for the given project ids, and the ids to drop (deleted or merged away)."""
    from db.models import Project

    with bank.session() as s:
        projects = list(s.scalars(_project_query().where(Project.id.in_(ids))))
        live = [p for p in projects if not p.merged_into_id]
        docs = _docs_for(s, live, bank, _unit_names(s)) if live else []
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
            docs = _docs_for(s, batch, bank, units)
        last = batch[-1].id
        yield from docs


def count_projects(bank: Bank) -> int:
    from db.models import Project

    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(Project).where(Project.merged_into_id.is_(None))) or 0


# -- the cursor --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cursor:
    index_id: str  # names this index among the database's consumers
    database: str  # the site id of the database it follows
    seq: int


def _cursor_path(index: SearchIndex) -> Path:
    return Path(index.path) / CURSOR_FILE


def read_cursor(index: SearchIndex) -> Cursor | None:
    try:
        data = json.loads(_cursor_path(index).read_text("utf-8"))
        return Cursor(str(data["index_id"]), str(data["database"]), int(data["seq"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cursor(index: SearchIndex, cursor: Cursor) -> None:
    """Atomically (temporary file, fsync, rename): a torn cursor would make the next start rebuild."""
    data = json.dumps({"index_id": cursor.index_id, "database": cursor.database, "seq": cursor.seq}).encode()
    with atomic_file(_cursor_path(index)) as out:
        out.write(data)


_registered: dict[str, float] = {}  # index id -> when this process last recorded it in the database


def _register(bank: Bank, cursor: Cursor, *, force: bool = False) -> None:
    """Record the cursor in the database for tombstone pruning; throttled, since a stale (lower)
    value only delays pruning."""
    last = _registered.get(cursor.index_id)
    if not force and last is not None and time.monotonic() - last < REGISTER_EVERY:
        return
    from db.sequence import save_cursor

    with bank.write(stamp=False) as s:
        save_cursor(s, f"index:{cursor.index_id}", cursor.seq, {"path": str(Path(bank.data_dir).resolve())},
                    when=dt.datetime.now(dt.timezone.utc))
    _registered[cursor.index_id] = time.monotonic()


def _counter(bank: Bank) -> tuple[int, int]:
    from db.sequence import counter

    with bank.session() as s:
        return counter(s.connection())


def _usable(bank: Bank, cursor: Cursor | None, committed: int, pruned: int) -> bool:
    return (cursor is not None and cursor.database == bank.site_id
            and pruned <= cursor.seq <= committed)


# -- following the sequence ----------------------------------------------------------------------

def changed_projects(bank: Bank, after: int, upto: int) -> list[str]:
    """Ids of projects whose searchable text may have changed in (after, upto], deleted ones included."""
    from db.models import Attachment, Comment, Project, ProjectMember, Studio, Tombstone, User

    def span(col: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        return (col > after) & (col <= upto)

    with bank.session() as s:
        ids: set[str] = set(s.scalars(select(Project.id).where(span(Project.seq))))
        for model in (Comment, Attachment, ProjectMember):
            ids.update(s.scalars(select(model.project_id).where(span(model.seq))))
        ids.update(s.scalars(select(Tombstone.entity_id).where(
            span(Tombstone.seq), Tombstone.entity.in_(("projects", "project")))))
        # names are searched (people, studio): a renamed person or studio touches their projects
        people = select(User.id).where(span(User.seq))
        ids.update(s.scalars(select(Project.id).where(or_(
            Project.proposer_id.in_(people),
            Project.id.in_(select(ProjectMember.project_id).where(ProjectMember.user_id.in_(people))),
            Project.studio_id.in_(select(Studio.id).where(span(Studio.seq)))))))
    return sorted(ids)


def sync_index(bank: Bank, index: SearchIndex, batch: int = 1000) -> int:
    """Index every project changed since the index's cursor; returns how many were (re)indexed or
    dropped. Raises IndexCorrupt when the cursor cannot be trusted (missing, another database's,
    below the pruned mark): the caller rebuilds."""
    cursor = read_cursor(index)
    committed, pruned = _counter(bank)
    if not _usable(bank, cursor, committed, pruned):
        raise IndexCorrupt("the index's cursor does not match this database")
    assert cursor is not None
    if cursor.seq == committed:
        return 0
    ids = changed_projects(bank, cursor.seq, committed)
    for start in range(0, len(ids), batch):
        docs, gone = docs_for_ids(bank, ids[start:start + batch])
        index.update(docs, gone)
    moved = Cursor(cursor.index_id, cursor.database, committed)
    _write_cursor(index, moved)
    if ids:
        _register(bank, moved)
    return len(ids)


def reindex(bank: Bank, index: SearchIndex, progress: Progress | None = None,
            cancel: Cancel | None = None, procs: int | None = None) -> int:
    """Rebuild the whole index from the database, then apply what changed meanwhile."""
    old = read_cursor(index)  # the rebuild replaces the folder the cursor file is in
    upto, _pruned = _counter(bank)  # every change numbered up to here is read by the rebuild
    total = count_projects(bank)
    count = index.rebuild(iter_all_docs(bank), progress=progress, cancel=cancel, total=total, procs=procs)
    cursor = Cursor(old.index_id if old else str(uuid.uuid4()), bank.site_id, upto)
    _write_cursor(index, cursor)
    _register(bank, cursor, force=True)
    sync_index(bank, index)
    return count
