"""Which tables travel, in which order, and how their values become JSON and back.

Every table whose rows are synchronised (`SyncedMixin`: a UUIDv7 id, `seq`, `hlc`, `versions`)
travels unless its class says it travels inside another record (`__sync_via__`: co-authors are a
field of their project). The audit log travels too, append-only. New tables of that kind join
without a change here. Settings, drafts, search and sync bookkeeping, site keys and package logs
stay where they are.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Callable

from sqlalchemy import Column, Date, DateTime, Table, UniqueConstraint

from db import sequence
from db.models import AuditLog, Base


@dataclass(frozen=True)
class Spec:
    table: Table
    model: type
    append_only: bool  # rows are never changed after they are made (the audit log)
    fields: tuple[str, ...]  # content columns merged field by field (and pseudo-fields like members)
    columns: tuple[str, ...]  # every column a record carries, bookkeeping included
    # Foreign keys to a table that comes later (a studio's leader): set in a second pass.
    deferred: tuple[str, ...] = ()
    # Foreign keys (column -> table) whose target must exist before the row can be written; one to
    # the row's own table (a reply, a sub-unit) may point at a row of the same change set.
    parents: dict[str, str] = field(default_factory=dict)

    @property
    def self_refs(self) -> tuple[str, ...]:
        return tuple(col for col, target in self.parents.items() if target == self.name)
    # Unique keys besides the id: tuples of columns.
    unique: tuple[tuple[str, ...], ...] = ()
    # JSON value -> column value, for the columns that need it (dates and times).
    decoders: dict[str, Callable[[str], Any]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.table.name


def _model_of(table: Table) -> type | None:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return None


@cache
def specs() -> tuple[Spec, ...]:
    """The synchronised tables, parents before children."""
    chosen: list[tuple[Table, type]] = []
    for table in Base.metadata.sorted_tables:
        model = _model_of(table)
        if model is None or getattr(model, "__sync_via__", None):
            continue
        if sequence.is_synced(model) or model is AuditLog:
            chosen.append((table, model))
    names = [t.name for t, _ in chosen]
    out = []
    for position, (table, model) in enumerate(chosen):
        deferred, parents = [], {}
        for fk in table.foreign_keys:
            target = fk.column.table.name
            if target not in names:
                continue
            if names.index(target) > position:
                deferred.append(fk.parent.name)
            else:  # an earlier table, or this one (a reply's comment: written parents first)
                parents[fk.parent.name] = target
        unique = tuple(tuple(c.name for c in con.columns) for con in table.constraints
                       if isinstance(con, UniqueConstraint))
        unique += tuple((c.name,) for c in table.columns if c.unique)
        unique += tuple(tuple(c.name for c in ix.columns) for ix in table.indexes if ix.unique)
        append_only = model is AuditLog
        fields = () if append_only else sequence.tracked_fields(model)
        columns = tuple(c.name for c in table.columns if c.name not in ("seq", "origin"))
        decoders = {c.name: decode for c in table.columns if (decode := _decoder(c)) is not None}
        out.append(Spec(table, model, append_only, fields, columns, tuple(sorted(deferred)), parents, unique,
                        decoders))
    return tuple(out)


@cache
def by_name() -> dict[str, Spec]:
    return {s.name: s for s in specs()}


# Older tombstones name the entity, not its table.
_ENTITY_TABLES = {"project": "projects", "vote": "votes", "comment": "comments", "review": "reviews",
                  "incubation_milestone": "incubation_milestones"}


def table_of_entity(entity: str) -> str:
    return _ENTITY_TABLES.get(entity, entity)


def order(name: str) -> int:
    return [s.name for s in specs()].index(name)


# -- values ---------------------------------------------------------------------------------------

def to_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decoder(column: Column[Any]) -> Callable[[str], Any] | None:
    if is_datetime(column):
        return dt.datetime.fromisoformat
    if isinstance(column.type, Date):
        return dt.date.fromisoformat
    return None


def from_json(column: Column[Any], value: Any) -> Any:
    decode = _decoder(column)
    return value if value is None or decode is None else decode(value)


def is_datetime(column: Column[Any]) -> bool:
    kind = column.type
    return isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime)
