"""Taking a change set in: one transaction, record kind by record kind (docs/SYNC.md).

- Rows merge field by field by their clocks (app/sync/merge.py); the losing value of a same-field
  collision becomes a conflict record; a project whose merged status breaks the lifecycle's rules
  keeps its other value and records a conflict.
- Append-only rows (the audit log) are added if missing, never changed.
- Rows that state the same fact under two ids (one vote per person and project, one membership
  per team and person) merge into the smaller id, on every site alike.
- Rows whose natural key (a project number, a person's employee number, a studio's name) is
  taken here by a different row are not written: a `duplicate` conflict records them.
- A tombstone deletes its row, unless the row has an edit the deletion did not see: then the row
  stays, flagged (`edit_delete`), and it and everything under it is sent on again.
- A row that refers to one not here yet (a change set from a package applied before the one that
  carried its parent) is parked and applied as soon as its parent arrives; a row whose parent was
  deleted is kept whole in an `orphan` conflict.
- On the hub (`authority`), app/sync/authority.py re-checks each change against the hub's roles and
  lifecycle; a refused change is undone by a newer value and kept as a `rejected` record.

Everything is written with Core statements carrying the incoming clocks, so nothing here counts as
a local edit; each written row gets this transaction's change number, and `origin` names the
sending site when the row is now exactly what it sent (so it is not sent back).
"""
from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from app.core import blobstore, stays
from app.core.errors import ValidationError
from app.core.i18n import t
from app.sync import tables
from app.sync.changeset import CHUNK, ApplyReport, ChangeSet
from app.sync.merge import Collision, Merged, after_deletion, head, merge_row
from db import sequence
from db.models import Comment, Project, ProjectMember, SyncConflict, SyncPending, Tombstone, Vote

if TYPE_CHECKING:
    from app.core.bank import Bank
    from app.sync.authority import Authority

CONFLICT_NS = uuid.UUID("5d1b7c2e-4f0a-4c55-9a57-1c0d7e9b2a10")
MAX_ROUNDS = 20  # parked records retried after each change set, until no more can be placed


def conflict_id(*parts: str) -> str:
    """Deterministic, so two sites that detect the same collision make the same record."""
    return str(uuid.uuid5(CONFLICT_NS, "|".join(parts)))


def _clock_of(record: dict[str, Any]) -> str:
    return str((record.get("values") or {}).get("hlc") or "")


def validate(changes: ChangeSet) -> None:
    """Refuse a malformed change set before anything changes (one line)."""
    names = tables.by_name()
    for n, rec in enumerate(changes.records):
        ok = isinstance(rec, dict) and isinstance(rec.get("values"), dict)
        if ok and rec.get("t") == "row":
            ok = rec.get("table") in names and isinstance(rec["values"].get("id"), str)
        elif ok and rec.get("t") == "tombstone":
            ok = all(isinstance(rec["values"].get(k), str) for k in ("id", "entity", "entity_id"))
        else:
            ok = False
        if not ok:
            raise ValidationError(t("变更集中第 {n} 条记录格式不对，未做任何更改。",
                                    "Record {n} of the change set is malformed; nothing was changed.", n=n + 1))


class Applier:
    def __init__(self, bank: Bank, changes: ChangeSet, blob: Callable[[str], bytes | None],
                 authority: bool | None) -> None:
        self.bank = bank
        self.changes = changes
        self.blob = blob
        self.authority = blobstore.shared(bank) if authority is None else authority
        self.source = changes.source_site
        self.report = ApplyReport()
        self.touched_projects: set[str] = set()
        self.restaged: set[str] = set()  # projects whose status trail grew: their stays are derived again
        self.known: dict[str, set[str]] = defaultdict(set)  # ids known to exist here, per table
        self.deferred: list[tuple[tables.Spec, str, dict[str, Any]]] = []

    # -- the transaction ---------------------------------------------------------------------------

    def run(self) -> ApplyReport:
        validate(self.changes)
        if self.source == self.bank.site_id:
            raise ValidationError(t("这个变更集来自本站点自己，未做任何更改。",
                                    "This change set comes from this very site; nothing was changed."))
        with self.bank.write() as s:
            self.s = s
            self.conn = s.connection()
            newest = max((_clock_of(r) for r in self.changes.records), default="")
            self.tick = sequence.observe(self.conn, newest, self.bank.now(), self.bank.site_id)
            self.check: Authority | None
            if self.authority:
                from app.sync.authority import Authority
                self.check = Authority(self)
            else:
                self.check = None
            self._blobs()
            rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
            stones: list[dict[str, Any]] = []
            for rec in self.changes.records:
                if rec["t"] == "row":
                    rows[rec["table"]].append(rec)
                else:
                    stones.append(rec)
            self._rows(rows)
            self._tombstones(stones)
            self._unpark()
            self._recount()
            stays.rebuild(self.conn, self.restaged)
        return self.report

    def _rows(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        for spec in tables.specs():
            if rows.get(spec.name):
                self._table(spec, rows[spec.name])
        self._deferred_pass()

    # -- attachments' bytes ------------------------------------------------------------------------

    def _blobs(self) -> None:
        shared = blobstore.shared(self.bank)
        for sha in sorted(self.changes.blobs):
            here = blobstore.has(self.s, sha) if shared else blobstore.local_path(self.bank, sha) is not None
            if here:
                continue
            data = self.blob(sha)
            if data is None:
                self.report.missing_blobs.append(sha)
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                raise ValidationError(t("附件内容与其 SHA-256 不符（{sha}），未做任何更改。",
                                        "An attachment's bytes do not match its SHA-256 ({sha}); nothing was changed.",
                                        sha=sha[:12]))
            if shared:
                blobstore.put_bytes(self.s, sha, data)
            blobstore.write_local(self.bank.data_dir, sha, data)

    # -- rows --------------------------------------------------------------------------------------

    def _decode(self, spec: tables.Spec, values: dict[str, Any]) -> dict[str, Any]:
        decoders = spec.decoders
        out = {}
        for name in spec.columns:
            if name in values:
                value = values[name]
                decode = decoders.get(name)
                out[name] = decode(value) if decode is not None and value is not None else value
        if spec.name == "projects":
            out["members"] = [list(m) for m in values.get("members") or []]
        return out

    def _local(self, spec: tables.Spec, ids: list[str]) -> dict[str, dict[str, Any]]:
        t = spec.table
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), CHUNK):
            for row in self.conn.execute(select(t).where(t.c.id.in_(ids[start:start + CHUNK]))).mappings():
                found[row["id"]] = dict(row)
        if spec.name == "projects" and found:
            from app.sync.changeset import members_of
            members = members_of(self.s, list(found))
            for pid, local in found.items():
                local["members"] = members.get(pid, [])
        self.known[spec.name].update(found)
        return found

    def _exists(self, table: str, ids: set[str]) -> set[str]:
        """Which of `ids` are here (already, or written by this change set so far: tables are
        taken parents first, so a parent table's rows are settled before its children's)."""
        missing = [i for i in ids if i not in self.known[table]]
        if missing:
            t = tables.by_name()[table].table
            for start in range(0, len(missing), CHUNK):
                self.known[table].update(self.conn.execute(
                    select(t.c.id).where(t.c.id.in_(missing[start:start + CHUNK]))).scalars())
        return {i for i in ids if i in self.known[table]}

    def _tombstoned(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        t = Tombstone.__table__
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), CHUNK):
            for row in self.conn.execute(select(t).where(t.c.entity_id.in_(ids[start:start + CHUNK]))).mappings():
                found[row["entity_id"]] = dict(row)
        return found

    def _table(self, spec: tables.Spec, recs: list[dict[str, Any]]) -> None:
        ids = [r["values"]["id"] for r in recs]
        local = self._local(spec, ids)
        stones = self._tombstoned([i for i in ids if i not in local])
        refs: dict[str, set[str]] = defaultdict(set)
        decoded = []
        for rec in recs:
            values = self._decode(spec, rec["values"])
            decoded.append((rec, values))
            for col, target in spec.parents.items():
                if values.get(col):
                    refs[target].add(values[col])
        present = {target: self._exists(target, ids_) for target, ids_ in refs.items()}
        if spec.name in present:  # a reply to a comment of this same change set: ordered when written
            present[spec.name] |= set(ids)
        self._load_keys(spec, [v for _, v in decoded if v["id"] not in local])
        if self.check is not None:
            self.check.prepare(spec, [v for _, v in decoded])
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for rec, values in decoded:
            rid = values["id"]
            if rid in local:
                if spec.append_only:
                    self.report.unchanged += 1
                else:
                    updates.append(values)
                continue
            missing = [(col, target) for col, target in spec.parents.items()
                       if values.get(col) and values[col] not in present[target]]
            if missing:
                self._orphan_or_park(spec, rec, values, missing)
                continue
            stone = stones.get(rid)
            if stone is not None and not spec.append_only:
                fate = after_deletion(values.get("versions"), values.get("hlc"), stone.get("seen"))
                if fate is None:
                    self.report.unchanged += 1  # deleted here after this version: stays deleted
                    continue
                if fate == "edited":
                    self._conflict("edit_delete", spec, rid, None, values, winner=None, reason="resurrected",
                                   key=stone["id"])
            if self._duplicate(spec, values):
                continue
            if self.check is not None and not self.check.insert(spec, values):
                continue
            inserts.append(values)
        if inserts:  # first: an updated row may now point at one of them
            self._insert(spec, inserts)
        for values in updates:
            self._update(spec, local[values["id"]], values)

    def _parents_first(self, spec: tables.Spec, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows pointing at rows of their own table (replies, sub-units) after those; a row whose
        own-table parent is neither here nor among them is parked."""
        if not spec.self_refs:
            return rows
        by_id = {r["id"]: r for r in rows}
        refs = {r[col] for r in rows for col in spec.self_refs if r.get(col) and r[col] not in by_id}
        self._exists(spec.name, refs)  # learns which of them are written here already
        here = {i for i in refs if i in self.known[spec.name]}
        ordered: list[dict[str, Any]] = []
        state: dict[str, int] = {}  # 1 visiting, 2 placed, 3 parked

        def place(row: dict[str, Any]) -> bool:
            rid = row["id"]
            if state.get(rid) in (2, 3):
                return state[rid] == 2
            if state.get(rid) == 1:
                return False  # a cycle: nothing to write it after
            state[rid] = 1
            ok = True
            for col in spec.self_refs:
                ref = row.get(col)
                if ref and ref != rid:
                    ok = ok and (place(by_id[ref]) if ref in by_id else ref in here)
            state[rid] = 2 if ok else 3
            if ok:
                ordered.append(row)
            else:
                self._orphan_or_park(spec, {"t": "row", "table": spec.name, "values": _jsonable(spec, row)}, row,
                                     [(col, spec.name) for col in spec.self_refs if row.get(col)])
            return ok
        for row in rows:
            place(row)
        return ordered

    def _insert(self, spec: tables.Spec, rows: list[dict[str, Any]]) -> None:
        t = spec.table
        plain = []
        seq = sequence.current(self.conn).seq
        rows = self._parents_first(spec, rows)
        for values in rows:
            row: dict[str, Any] = {c: values.get(c) for c in spec.columns}
            for col in spec.deferred:  # set once every row of this change set is in
                if row.get(col) is not None:
                    self.deferred.append((spec, row["id"], {col: row[col]}))
                row[col] = None
            row["origin"] = None if values.get("_resend") else self.source
            row["seq"] = seq
            plain.append(row)
            self._note_project(spec, values)
        insert_many(self.conn, t, plain)
        if spec.name == "audit_log":
            self.restaged.update(r["entity_id"] for r in rows if r.get("entity") == "project"
                                 and r.get("field") == "status")
        if spec.name == "projects":
            self._write_members({v["id"]: v.get("members") or [] for v in rows}, replace=False)
        self.known[spec.name].update(r["id"] for r in rows)
        self.report.applied += len(rows)

    def _update(self, spec: tables.Spec, local: dict[str, Any], incoming: dict[str, Any], *,
                resend: bool = False) -> None:
        merged = merge_row(spec.fields, local, incoming)
        if resend:
            merged.took_all = False
        for col, target in spec.parents.items():
            ref = merged.values.get(col)
            if ref is not None and not self._exists(target, {ref}):  # moved under a row not here yet
                self._orphan_or_park(spec, {"t": "row", "table": spec.name, "values": _jsonable(spec, incoming)},
                                     incoming, [(col, target)])
                return
        if self.check is not None:
            self.check.update(spec, local, incoming, merged)
        if spec.name == "projects":
            self._status_rule(local, incoming, merged)
        for c in merged.collisions:
            self._collision(spec, local, c)
        hlc = max(local.get("hlc") or "", incoming.get("hlc") or "")
        versions_changed = merged.versions != (local.get("versions") or {})
        if not merged.changed and not versions_changed and hlc == local.get("hlc"):
            self.report.unchanged += 1
            return
        values = {k: v for k, v in merged.values.items() if k != "members"}
        for col in spec.deferred:
            if col in values:
                self.deferred.append((spec, local["id"], {col: values.pop(col)}))
        newer = incoming.get("updated_at")
        if newer is not None and (local.get("updated_at") is None or newer > local["updated_at"]):
            values["updated_at"] = newer
        values.update(versions=merged.versions or None, hlc=hlc,
                      origin=self.source if merged.took_all else None)
        t = spec.table
        self.conn.execute(update(t).where(t.c.id == local["id"]).values(**values))
        if "members" in merged.values:
            self._write_members({local["id"]: merged.values["members"]}, replace=True)
        self._note_project(spec, local)
        self.report.applied += 1

    def _note_project(self, spec: tables.Spec, values: dict[str, Any]) -> None:
        if spec.name == "projects":
            self.touched_projects.add(values["id"])
        elif values.get("project_id"):
            self.touched_projects.add(values["project_id"])
        pid = values["id"] if spec.name == "projects" else values.get("project_id")
        if pid:
            self.report.project_ids.add(pid)

    def _write_members(self, lists: dict[str, list[list[Any]]], *, replace: bool) -> None:
        """Co-authors travel as one field of their project: rewrite the rows from the list."""
        t = ProjectMember.__table__
        if replace and lists:
            self.conn.execute(delete(t).where(t.c.project_id.in_(list(lists))))
        users = self._exists("users", {uid for members in lists.values() for uid, *_ in members})
        rows = []
        now = self.bank.now()
        for pid, members in lists.items():
            position = 0
            for uid, *rest in members:
                if uid not in users:
                    continue  # a person not known here (yet): the list is complete again once they are
                position += 1
                rows.append({"id": conflict_id("member", pid, uid), "project_id": pid, "user_id": uid,
                             "position": position, "role": rest[0] if rest else "", "site_id": self.source,
                             "created_at": now, "updated_at": now, "hlc": self.tick.clock,
                             "seq": self.tick.seq, "origin": self.source, "versions": None})
        if rows:
            insert_many(self.conn, t, rows)

    def _deferred_pass(self) -> None:
        for spec, rid, values in self.deferred:
            col, ref = next(iter(values.items()))
            target = next(fk.column.table.name for fk in spec.table.c[col].foreign_keys)
            if ref is not None and not self._exists(target, {ref}):
                continue  # refers to a row not here: left empty until it arrives with a later change
            t = spec.table
            self.conn.execute(update(t).where(t.c.id == rid).values({col: ref, "hlc": t.c.hlc, "origin": t.c.origin}))
        self.deferred = []

    # -- same fact under two ids, natural keys taken -------------------------------------------------

    def _load_keys(self, spec: tables.Spec, rows: list[dict[str, Any]]) -> None:
        """Rows here that share a unique key (besides the id) with the rows about to be inserted."""
        self.keys: dict[tuple[str, ...], dict[tuple[Any, ...], dict[str, Any]]] = {}
        t = spec.table
        for key in spec.unique:
            found: dict[tuple[Any, ...], dict[str, Any]] = {}
            firsts = sorted({r[key[0]] for r in rows if r.get(key[0]) is not None})
            for start in range(0, len(firsts), CHUNK):
                for row in self.conn.execute(select(t).where(t.c[key[0]].in_(firsts[start:start + CHUNK]))).mappings():
                    found[tuple(row[c] for c in key)] = dict(row)
            self.keys[key] = found

    def _duplicate(self, spec: tables.Spec, values: dict[str, Any]) -> bool:
        """True when the row must not be inserted as it is (merged into another, or refused)."""
        t = spec.table
        for key in spec.unique:
            if any(values.get(c) is None for c in key):
                continue
            found = self.keys[key]
            kv = tuple(values[c] for c in key)
            other = found.get(kv)
            if other is None or other["id"] == values["id"]:
                found[kv] = values
                continue
            same_fact = all(c in spec.parents or c in spec.deferred for c in key)
            if not same_fact:
                self._conflict("duplicate", spec, values["id"], key[0], values, winner=other,
                               reason=",".join(key))
                return True
            # One vote per person and project, one membership per team and person: the same
            # fact made twice. Keep the smaller id everywhere, with both versions merged, and
            # send the result on (the other site still has the row under its own id).
            if other["id"] < values["id"]:
                if other.get("seq") is None:  # both arrived in this change set: the other is written already
                    other = self._local(spec, [other["id"]]).get(other["id"], other)
                self._update(spec, other, {**values, "id": other["id"]}, resend=True)
                return True
            merged = merge_row(spec.fields, values, other)
            combined = {**values, **merged.values, "versions": merged.versions or values.get("versions"),
                        "_resend": True}
            self.conn.execute(delete(t).where(t.c.id == other["id"]))
            values.clear()
            values.update(combined)
            found[kv] = values
        return False

    # -- deletions -----------------------------------------------------------------------------------

    def _tombstones(self, stones: list[dict[str, Any]]) -> None:
        if not stones:
            return
        t = Tombstone.__table__
        ids = [s["values"]["id"] for s in stones]
        have: set[str] = set()
        for start in range(0, len(ids), CHUNK):
            have.update(self.conn.execute(select(t.c.id).where(t.c.id.in_(ids[start:start + CHUNK]))).scalars())
        for rec in stones:
            v = {c.name: tables.from_json(c, rec["values"].get(c.name)) for c in t.columns
                 if c.name in rec["values"]}
            if v["id"] in have:
                self.report.unchanged += 1
                continue
            name = tables.table_of_entity(v["entity"])
            spec = tables.by_name().get(name)
            if spec is not None:
                self._delete(spec, v)
            row = {c.name: v.get(c.name) for c in t.columns if c.name not in ("seq", "origin")}
            row["origin"] = self.source
            self.conn.execute(insert(t).values(**row))
            have.add(v["id"])

    def _delete(self, spec: tables.Spec, stone: dict[str, Any]) -> None:
        t = spec.table
        found = self.conn.execute(select(t).where(t.c.id == stone["entity_id"])).mappings().first()
        if found is None:
            self.report.unchanged += 1
            return
        row = dict(found)
        fate = None if spec.append_only else after_deletion(row.get("versions"), row.get("hlc"), stone.get("seen"))
        if fate == "edited":
            # an edit the deletion did not see: keep the record, flag it, send it (and what hangs
            # off it) on again so the sites that deleted it get it back whole
            self._conflict("edit_delete", spec, row["id"], None, row, winner=None, reason="kept",
                           key=stone["id"])
            self._resend(spec, [row["id"]])
            return
        if fate == "remade":
            return
        if spec.name == "projects":
            self.touched_projects.discard(row["id"])
            self.report.project_ids.add(row["id"])
        elif row.get("project_id"):
            self.touched_projects.add(row["project_id"])
        self.conn.execute(delete(t).where(t.c.id == row["id"]))
        self.report.deleted += 1

    def _resend(self, spec: tables.Spec, ids: list[str]) -> None:
        """Give rows (and their children, recursively) a new change number, content unchanged."""
        if not ids:
            return
        t = spec.table
        self.conn.execute(update(t).where(t.c.id.in_(ids)).values(hlc=t.c.hlc, origin=None))
        for child in tables.specs():
            for col, target in child.parents.items():
                if target == spec.name:
                    ct = child.table
                    kids = list(self.conn.execute(select(ct.c.id).where(ct.c[col].in_(ids))).scalars())
                    self._resend(child, kids)

    # -- records waiting for their parents ---------------------------------------------------------

    def _orphan_or_park(self, spec: tables.Spec, rec: dict[str, Any], values: dict[str, Any],
                        missing: list[tuple[str, str]]) -> None:
        for col, target in missing:
            if self._tombstoned([values[col]]):
                self._conflict("orphan", spec, values["id"], col, rec["values"], winner=None,
                               reason=f"{target}:{values[col]}")
                return
        col, target = missing[0]
        key = f"{spec.name}:{values['id']}"
        parked = self.s.get(SyncPending, key)
        if parked is None:
            self.s.add(SyncPending(id=key, record=rec, source_site=self.source,
                                   waiting_for=f"{target}:{values[col]}", parked_at=self.bank.now()))
        elif _clock_of(rec) >= _clock_of(parked.record):
            parked.record, parked.source_site = rec, self.source
        self.s.flush()
        self.report.parked += 1

    def _unpark(self) -> None:
        for _ in range(MAX_ROUNDS):
            waiting = self.s.scalars(select(SyncPending).order_by(SyncPending.parked_at)).all()
            ready = []
            for p in waiting:
                target, _, ref = p.waiting_for.partition(":")
                if self._exists(target, {ref}) or self._tombstoned([ref]):
                    ready.append(p)
            if not ready:
                return
            rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for p in ready:
                rows[p.record["table"]].append(p.record)
                self.s.delete(p)
            self.s.flush()
            parked_before = self.report.parked
            self._rows(rows)
            self.report.unparked += len(ready) - (self.report.parked - parked_before)

    # -- conflicts -----------------------------------------------------------------------------------

    def _conflict(self, kind: str, spec: tables.Spec, entity_id: str, field_name: str | None, value: Any, *,
                  winner: Any, reason: str = "", key: str = "", value_entry: list[Any] | None = None,
                  winner_entry: list[Any] | None = None) -> None:
        cid = conflict_id(kind, spec.name, entity_id, field_name or "", key)
        t = SyncConflict.__table__
        if self.conn.execute(select(t.c.id).where(t.c.id == cid)).first() is not None:
            return
        project_id = entity_id if spec.name == "projects" else (value or {}).get("project_id") \
            if isinstance(value, dict) else None
        studio_id = self._studio_of(project_id)
        now = self.bank.now()
        self.conn.execute(insert(t).values(
            id=cid, kind=kind, entity=spec.name, entity_id=entity_id, field=field_name, project_id=project_id,
            studio_id=studio_id, value=_jsonable(spec, value), value_clock=head(value_entry) if value_entry else "",
            value_by=value_entry[0] if value_entry else None, winner=_jsonable(spec, winner),
            winner_clock=head(winner_entry) if winner_entry else "",
            winner_by=winner_entry[0] if winner_entry else None, reason=reason, status="open", resolution="",
            site_id=self.bank.site_id, created_at=now, updated_at=now, hlc=self.tick.clock))
        self.report.conflicts += 1

    def _collision(self, spec: tables.Spec, local: dict[str, Any], c: Collision) -> None:
        self._conflict("field", spec, local["id"], c.field, c.loser, winner=c.winner, key=head(c.loser_entry),
                       value_entry=c.loser_entry, winner_entry=c.winner_entry)

    def _studio_of(self, project_id: str | None) -> str | None:
        if not project_id:
            return None
        return self.conn.execute(select(Project.studio_id).where(Project.id == project_id)).scalar()

    # -- the lifecycle after a merge -------------------------------------------------------------------

    def _status_rule(self, local: dict[str, Any], incoming: dict[str, Any], merged: Merged) -> None:
        """A merged project must still be a legal one: a status other than draft needs what
        submitting needs. If the winning status is not legal with the merged fields, the other
        value stays (when it is) and the refused one becomes a `status` conflict."""
        from app.core.fields import submission_problems

        if not merged.values:
            return
        result = {**local, **merged.values}
        status = result.get("status")
        if status == "draft" or not submission_problems({k: result.get(k) for k in
                                                          ("background", "solution", "innovation_points")}):
            return
        collision = next((c for c in merged.collisions if c.field == "status"), None)
        fallback = collision.loser if collision is not None else local.get("status")
        if fallback == status:
            return
        merged.values["status"] = fallback
        merged.took_all = False
        if collision is not None:
            merged.collisions.remove(collision)
        self._conflict("status", tables.by_name()["projects"], local["id"], "status", status, winner=fallback,
                       key=str(merged.versions.get("status")), reason="submission")

    # -- counters --------------------------------------------------------------------------------------

    def _recount(self) -> None:
        """Vote and comment counts follow the rows this site has (they never travel as values).
        Not a change of the project: its number, clock and origin stay."""
        ids = list(self.touched_projects)
        t = Project.__table__
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            votes = (select(func.count()).select_from(Vote).where(Vote.project_id == t.c.id).scalar_subquery())
            comments = (select(func.count()).select_from(Comment).where(Comment.project_id == t.c.id)
                        .scalar_subquery())
            self.conn.execute(update(t).where(t.c.id.in_(chunk)).values(
                vote_count=votes, comment_count=comments, seq=t.c.seq, hlc=t.c.hlc, origin=t.c.origin))


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany: psycopg pipelines it to a hub (measured faster than multi-row INSERTs,
    whose long statements psycopg parses again each time)."""
    if rows:
        conn.execute(insert(table), rows)


def _jsonable(spec: tables.Spec, value: Any) -> Any:
    if isinstance(value, dict):
        cols = spec.table.columns
        return {k: tables.to_json(cols[k], v) if k in cols else v for k, v in value.items()}
    import datetime as dt
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
