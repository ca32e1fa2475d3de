"""Change sets: what one site sends another, and how a site takes one in.

`collect(bank, since)` gathers every synchronised row and tombstone whose change number is above
`since` (up to `until`, the highest number committed when it started, or fewer with `limit`), as
JSON-serialisable records, plus the SHA-256 of the attachment files they refer to.
`apply(bank, changes, blob=...)` merges them in one transaction: all or nothing, and idempotent
(the same change set twice, or change sets out of order, end in the same state). The hub sync
(app/sync/hub.py) and the exchange packages (app/sync/package.py) both move change sets.

Records (`records`, one dict each):
- `{"t": "row", "table": T, "values": {column: value, ...}}`: a row as it is now, with its clocks
  (`hlc`, `versions`) and, for a project, its co-authors as `members: [[user_id, role], ...]`;
- `{"t": "tombstone", "values": {id, entity, entity_id, deleted_at, site_id, hlc, seen}}`: a deletion.

How records merge, kind by kind, is in docs/SYNC.md and app/sync/apply.py.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, func, literal, or_, select, true, union_all
from sqlalchemy.orm import Session

from app.core import blobstore
from app.sync import tables, visibility
from db.models import ProjectMember, Tombstone
from db.sequence import counter

if TYPE_CHECKING:
    from app.core.bank import Bank

FORMAT = 1
CHUNK = 500  # ids per IN (...) query


@dataclass
class ChangeSet:
    source_site: str  # site id that produced it
    since: int  # exclusive lower bound of the source's sequence
    until: int  # inclusive upper bound
    records: list[dict[str, Any]]  # JSON-serialisable records (rows, field changes, tombstones)
    blobs: set[str]  # sha256 of attachment contents the records reference
    complete: bool = True  # False when `limit` stopped early: collect again from `until`
    format: int = FORMAT


@dataclass
class ApplyReport:
    """What `apply` did. `problems` are lines for a person (rejected changes, parked records)."""

    applied: int = 0  # records that changed something here
    unchanged: int = 0  # records this site already had
    deleted: int = 0
    conflicts: int = 0  # conflict records made (same-field edits, illegal status, edit against delete)
    rejected: int = 0  # changes the hub refused (kept as rejected-change records for their authors)
    parked: int = 0  # records waiting for a row they refer to (packages out of order)
    unparked: int = 0  # parked earlier, applied now
    missing_blobs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    project_ids: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        return {"applied": self.applied, "unchanged": self.unchanged, "deleted": self.deleted,
                "conflicts": self.conflicts, "rejected": self.rejected, "parked": self.parked,
                "unparked": self.unparked, "missing_blobs": len(self.missing_blobs), "problems": self.problems}

    def add(self, other: ApplyReport) -> None:
        for name in ("applied", "unchanged", "deleted", "conflicts", "rejected", "parked", "unparked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missing_blobs += other.missing_blobs
        self.problems += other.problems
        self.project_ids |= other.project_ids


def row_record(spec: tables.Spec, row: Any, members: dict[str, list[list[Any]]] | None = None) -> dict[str, Any]:
    cols = spec.table.columns
    values = {name: tables.to_json(cols[name], row[name]) for name in spec.columns}
    if members is not None:
        values["members"] = members.get(row["id"], [])
    return {"t": "row", "table": spec.name, "values": values}


def tombstone_record(row: Any) -> dict[str, Any]:
    cols = Tombstone.__table__.columns
    values = {c.name: tables.to_json(c, row[c.name]) for c in cols if c.name not in ("seq", "origin")}
    return {"t": "tombstone", "table": "tombstones", "values": values}


def members_of(s: Session, project_ids: list[str]) -> dict[str, list[list[Any]]]:
    out: dict[str, list[list[Any]]] = {}
    for start in range(0, len(project_ids), CHUNK):
        chunk = project_ids[start:start + CHUNK]
        rows = s.execute(select(ProjectMember.project_id, ProjectMember.user_id, ProjectMember.role)
                         .where(ProjectMember.project_id.in_(chunk))
                         .order_by(ProjectMember.project_id, ProjectMember.position))
        for pid, uid, role in rows:
            out.setdefault(pid, []).append([uid, role])
    return out


def _not_from(col_origin: Any, site: str | None) -> ColumnElement[bool]:
    return true() if site is None else or_(col_origin.is_(None), col_origin != site)


def _sequenced() -> list[Any]:
    return [spec.table for spec in tables.specs()] + [Tombstone.__table__]


def _changed(s: Session, since: int, until: int, for_site: str | None) -> dict[str, dict[int, int]]:
    """Per table, how many rows each change number in (since, until] left that `for_site` lacks;
    one round trip (a hub may be far away), and only the tables listed need reading."""
    parts = [select(literal(t.name).label("name"), t.c.seq.label("seq"))
             .where(t.c.seq > since, t.c.seq <= until, _not_from(t.c.origin, for_site)) for t in _sequenced()]
    found: dict[str, dict[int, int]] = {}
    both = union_all(*parts).subquery()
    for name, seq, n in s.execute(select(both.c.name, both.c.seq, func.count()).group_by(both.c.name, both.c.seq)):
        found.setdefault(name, {})[seq] = n
    return found


def _cut(changed: dict[str, dict[int, int]], since: int, committed: int, limit: int) -> int:
    """The highest number up to which there are about `limit` rows (never splitting one
    transaction's rows: a single large one may exceed it)."""
    counts: dict[int, int] = {}
    for per_seq in changed.values():
        for seq, n in per_seq.items():
            counts[seq] = counts.get(seq, 0) + n
    total = 0
    until = since
    for value in sorted(counts):
        if total and total + counts[value] > limit:
            return until
        total += counts[value]
        until = value
    return committed


def collect(bank: Bank, since: int, *, for_site: str | None = None, limit: int | None = None,
            people: Iterable[str] | None = None) -> ChangeSet:
    """Everything changed after `since` that `for_site` does not have yet (rows whose current
    version came from that site are left out) and may see (secret projects only if one of its
    people may see them: `people`, or those recorded for the site; none known means none).

    A `since` above this database's counter (a database restored from a backup) starts over
    from 0: applying is idempotent, so that costs time, never data."""
    with bank.session() as s:
        committed, _pruned = counter(s.connection())
        if since > committed:
            since = 0
        if since == committed:
            return ChangeSet(bank.site_id, since, committed, [], set())
        changed = _changed(s, since, committed, for_site)
        until = committed if limit is None else _cut(changed, since, committed, limit)
        hidden = visibility.hidden(bank, s, for_site, people) if changed else visibility.Hidden()
        records: list[dict[str, Any]] = []
        blobs: set[str] = set()
        batch_ids: dict[str, set[str]] = {}
        for spec in tables.specs():
            if not any(since < seq <= until for seq in changed.get(spec.name, ())):
                continue
            t = spec.table
            rows = s.execute(select(t).where(t.c.seq > since, t.c.seq <= until, _not_from(t.c.origin, for_site))
                             .order_by(t.c.seq)).mappings().all()
            rows = [r for r in rows if not hidden.hides(spec.name, r)]
            if not rows:
                continue
            members = members_of(s, [r["id"] for r in rows]) if spec.name == "projects" else None
            for r in rows:
                records.append(row_record(spec, r, members))
                blobs |= blobstore.refs_in(r)
            batch_ids.setdefault(spec.name, set()).update(r["id"] for r in rows)
        records += _parents(s, batch_ids, until, hidden)
        t = Tombstone.__table__
        if any(since < seq <= until for seq in changed.get(t.name, ())):
            for r in s.execute(select(t).where(t.c.seq > since, t.c.seq <= until, _not_from(t.c.origin, for_site))
                               .order_by(t.c.seq)).mappings():
                records.append(tombstone_record(r))
    return ChangeSet(bank.site_id, since, until, records, blobs, complete=until >= committed)


def _parents(s: Session, batch_ids: dict[str, set[str]], until: int, hidden: visibility.Hidden) -> list[dict[str, Any]]:
    """Rows the batch refers to that changed after `until` (so a later batch holds them): sent now
    as well, so the receiver can write the batch in one go. Repeated until nothing is missing."""
    extra: list[dict[str, Any]] = []
    todo = dict(batch_ids)
    while todo:
        wanted: dict[str, set[str]] = {}
        for spec in tables.specs():
            ids = todo.get(spec.name)
            if not ids or not spec.parents:
                continue
            t = spec.table
            for start in range(0, len(ids), CHUNK):
                chunk = list(ids)[start:start + CHUNK]
                for col, target in spec.parents.items():
                    for (ref,) in s.execute(select(t.c[col]).where(t.c.id.in_(chunk), t.c[col].is_not(None))):
                        if ref not in batch_ids.get(target, ()):
                            wanted.setdefault(target, set()).add(ref)
        todo = {}
        for name, ids in wanted.items():
            spec = tables.by_name()[name]
            t = spec.table
            ids_list = list(ids)
            for start in range(0, len(ids_list), CHUNK):
                rows = s.execute(select(t).where(t.c.id.in_(ids_list[start:start + CHUNK]), t.c.seq > until)
                                 ).mappings().all()
                rows = [r for r in rows if not hidden.hides(name, r)]
                members = members_of(s, [r["id"] for r in rows]) if name == "projects" else None
                for r in rows:
                    extra.append(row_record(spec, r, members))
                    batch_ids.setdefault(name, set()).add(r["id"])
                    todo.setdefault(name, set()).add(r["id"])
    return extra


def apply(bank: Bank, changes: ChangeSet, *, blob: Callable[[str], bytes | None],
          authority: bool | None = None) -> ApplyReport:
    """Merge a change set into this bank in one transaction (all or nothing; applying it again
    changes nothing). `blob(sha256)` gives the bytes of an attachment file (None if the sender
    did not have it). `authority`: re-check every change against this bank's roles and lifecycle
    and refuse what its author may not do (default: when this bank is a PostgreSQL hub)."""
    from app.sync.apply import Applier

    return Applier(bank, changes, blob, authority).run()
