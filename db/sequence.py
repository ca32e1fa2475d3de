"""The change sequence and the clocks of synchronised rows, stamped centrally.

Every write transaction of the bank takes one *tick* from the single `sync_counter` row:

    UPDATE sync_counter SET seq = seq + 1, hlc_ms = ..., hlc_n = ... RETURNING seq, hlc_ms, hlc_n

- `seq` is this database's change sequence: every row the transaction inserts or updates in a
  sequenced table gets it (column default/onupdate, so ORM flushes and Core executemany inserts are
  stamped alike). The UPDATE holds the counter row's lock until the transaction ends, so on
  PostgreSQL writers queue behind each other and numbers become visible in the order they were
  taken: a reader that has seen number N will never later find a row committed with a number
  below N. (Numbers from a sequence object would not give that: a transaction holding 7 can commit
  after one holding 8, and a cursor at 8 would skip it.) On SQLite writers are serialised anyway.
- the hybrid logical clock (HLC) is `max(wall clock, last clock)` in milliseconds plus a counter, and
  a clock string names the site, so clocks of different sites never tie and compare as strings.
  Merging uses it to order concurrent edits (app/sync).

Write sessions (`Bank.write()`) take their tick when they begin, before any row lock, so two
PostgreSQL transactions can never each hold a row the other waits for. A write outside such a
session takes a tick the first time it stamps a row.

`before_flush` keeps each synchronised row's `versions`: per field changed since the row was made,
who changed it and the clocks of its current and last few values. Deleting a synchronised row
through the ORM leaves a tombstone that remembers the versions it had, so a later merge can tell
a deletion that saw an edit from one that did not.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapper, Session

HISTORY = 8  # clocks kept per field: enough for the edits a site makes between two syncs
MAKER = "_by"  # in `versions`: who made the row (keys starting with "_" are not fields)
_TICK = "sync_tick"
# Columns every synchronised row has that are bookkeeping, not content: never merged field by field.
BOOKKEEPING = frozenset({"id", "seq", "origin", "hlc", "versions", "created_at", "updated_at", "site_id"})

_TAKE = text(
    "UPDATE sync_counter SET seq = seq + 1, "
    "hlc_ms = CASE WHEN :ms > hlc_ms THEN :ms ELSE hlc_ms END, "
    "hlc_n = CASE WHEN :ms > hlc_ms THEN 0 ELSE hlc_n + 1 END "
    "WHERE id = 1 RETURNING seq, hlc_ms, hlc_n")
_OBSERVE = text(
    "UPDATE sync_counter SET hlc_ms = :ms, hlc_n = :n "
    "WHERE id = 1 AND (hlc_ms < :ms OR (hlc_ms = :ms AND hlc_n < :n))")


class SyncContext(Protocol):
    """What a write session needs from its owner (the Bank): time and the site's id."""

    site_id: str

    def now(self) -> dt.datetime: ...


@dataclass(frozen=True)
class Tick:
    seq: int
    clock: str


def make_clock(ms: int, n: int, site: str) -> str:
    """A clock as a string that sorts like (ms, n, site)."""
    return f"{ms:013d}.{n:05d}.{site}"


def clock_parts(clock: str) -> tuple[int, int, str]:
    ms, n, site = clock.split(".", 2)
    return int(ms), int(n), site


def clock_time(clock: str) -> dt.datetime | None:
    """The wall-clock time a clock was taken (to show 'when')."""
    if not clock:
        return None
    return dt.datetime.fromtimestamp(clock_parts(clock)[0] / 1000, dt.timezone.utc)


def _ms(when: dt.datetime) -> int:
    return int(when.timestamp() * 1000)


def take(conn: Connection, now: dt.datetime, site: str) -> Tick:
    """Take the next tick for this transaction (and keep it for the rows it stamps)."""
    seq, ms, n = conn.execute(_TAKE, {"ms": _ms(now)}).one()
    tick = Tick(int(seq), make_clock(int(ms), int(n), site))
    conn.info[_TICK] = tick
    return tick


def observe(conn: Connection, clock: str, now: dt.datetime, site: str) -> Tick:
    """The HLC receive rule: move this site's clock past `clock` (seen from another site), then
    take a fresh tick, so whatever this transaction writes is later than what it has seen."""
    if clock:
        ms, n, _ = clock_parts(clock)
        conn.execute(_OBSERVE, {"ms": ms, "n": n})
    return take(conn, now, site)


def current(conn: Connection) -> Tick:
    """The tick of the transaction on `conn`, taken now if it has none yet."""
    tick = conn.info.get(_TICK)
    if tick is None:
        tick = take(conn, dt.datetime.now(dt.timezone.utc), conn.info.get("sync_site", ""))
    return tick


def stamp_seq(context: Any) -> int:
    return current(context.connection).seq


def stamp_clock(context: Any) -> str:
    return current(context.connection).clock


def stamp_versions(context: Any) -> dict[str, Any] | None:
    """A new row remembers who made it (`_by`), when the transaction knows: the hub checks a row
    made already past draft (an import) against its maker, not only its proposer."""
    actor = (context.connection.info.get("sync_info") or {}).get("actor_id")
    return {MAKER: actor} if actor else None


def no_origin(context: Any) -> None:
    """An update made here: the row is no longer some other site's version."""
    return None


# -- transaction boundaries -------------------------------------------------------------------

@event.listens_for(Engine, "commit")
def _forget_on_commit(conn: Connection) -> None:
    conn.info.pop(_TICK, None)
    conn.info.pop("sync_info", None)


@event.listens_for(Engine, "rollback")
def _forget_on_rollback(conn: Connection) -> None:
    conn.info.pop(_TICK, None)
    conn.info.pop("sync_info", None)


@event.listens_for(Session, "after_begin")
def _tick_on_begin(session: Session, transaction: Any, connection: Connection) -> None:
    owner: SyncContext | None = session.info.get("sync")
    if owner is None or not session.info.get("stamp", True):
        return
    site = owner.site_id
    connection.info["sync_site"] = site
    connection.info["sync_info"] = session.info  # who acts, once a use case says (audit.record)
    if _TICK not in connection.info:
        take(connection, owner.now(), site)


# -- versions and tombstones -----------------------------------------------------------------

def tracked_fields(cls: type) -> tuple[str, ...]:
    """The content fields of a synchronised class that merge field by field."""
    cached: tuple[str, ...] | None = cls.__dict__.get("_sync_fields")
    if cached is None:
        derived = set(getattr(cls, "__sync_derived__", ()))
        mapper: Mapper[Any] = inspect(cls)
        cached = tuple(a.key for a in mapper.column_attrs
                       if a.key not in BOOKKEEPING and a.key not in derived)
        cached += tuple(getattr(cls, "__sync_collections__", ()))
        setattr(cls, "_sync_fields", cached)  # a cache on the mapped class itself, not a declared attribute
    return cached


def is_synced(obj: Any) -> bool:
    """Whether a row (or a class) is synchronised: it carries clocks and versions."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "versions") and hasattr(cls, "hlc")


def bump(versions: dict[str, Any] | None, field: str, clock: str, by: str | None) -> dict[str, Any]:
    """`versions` with `field` changed at `clock` by `by` (a new dict: JSON columns notice reassignment)."""
    out = dict(versions or {})
    old = out.get(field)
    clocks = list(old[1:]) if old else []
    if not clocks or clocks[0] != clock:
        clocks = [clock] + clocks
    out[field] = [by] + clocks[:HISTORY]
    return out


def _changed(state: Any, key: str) -> bool:
    hist = state.attrs[key].history
    if not hist.has_changes():
        return False
    if state.mapper.relationships.get(key) is not None:
        return True
    before = hist.deleted[0] if hist.deleted else None
    after = hist.added[0] if hist.added else None
    return before != after


@event.listens_for(Session, "before_flush")
def _keep_versions(session: Session, _ctx: Any, _instances: Any) -> None:
    if session.info.get("sync") is None or not session.info.get("stamp", True):
        return
    if not (session.new or session.dirty or session.deleted):
        return
    tick = current(session.connection())
    by = session.info.get("actor_id")
    created = _created(session, tick)
    for obj in list(session.dirty):
        if not is_synced(obj) or getattr(type(obj), "__sync_via__", None) or obj.id in created:
            continue
        state = inspect(obj)
        fields = [k for k in tracked_fields(type(obj)) if _changed(state, k)]
        if fields:
            versions = obj.versions
            for key in fields:
                versions = bump(versions, key, tick.clock, by)
            obj.versions = versions
    _tombstones(session, tick)


def _created(session: Session, tick: Tick) -> set[str]:
    """Ids of rows inserted by this transaction: new as a whole, so what else it sets on them is
    no edit of theirs."""
    created: set[str]
    clock, created = session.info.get("sync_created", ("", set()))
    if clock != tick.clock:
        created = set()
        session.info["sync_created"] = (tick.clock, created)
    return created


@event.listens_for(Session, "after_flush")
def _remember_created(session: Session, _ctx: Any) -> None:
    if session.info.get("sync") is None or not session.new:
        return
    tick = session.connection().info.get(_TICK)
    if tick is not None:
        made = [o for o in session.new if is_synced(o)]
        _created(session, tick).update(o.id for o in made)
        session.info.setdefault("sync_made", []).extend(made)


@event.listens_for(Session, "before_commit")
def _name_makers(session: Session) -> None:
    """Rows flushed before the use case said who acts (it records the audit entry last) learn
    their maker now, in the same transaction."""
    made = session.info.pop("sync_made", None)
    actor = session.info.get("actor_id")
    if not made or not actor:
        return
    for obj in made:
        if obj in session and not (obj.versions or {}).get(MAKER):
            obj.versions = {**(obj.versions or {}), MAKER: actor}


def _tombstones(session: Session, tick: Tick) -> None:
    from db.models.audit import Tombstone  # the models import this module

    deleted = [o for o in session.deleted if is_synced(o) and not getattr(type(o), "__sync_via__", None)]
    if not deleted:
        return
    pending = {t.entity_id: t for t in session.new if isinstance(t, Tombstone)}
    for obj in deleted:
        stone = pending.get(obj.id)
        if stone is None:
            stone = Tombstone(entity=obj.__tablename__, entity_id=obj.id, site_id=session.info["sync"].site_id,
                              deleted_at=session.info["sync"].now())
            session.add(stone)
        stone.seen = {"hlc": obj.hlc, "versions": obj.versions or {}}


# -- cursors ---------------------------------------------------------------------------------

def counter(conn: Connection) -> tuple[int, int]:
    """(highest committed number, pruned-below number) as this connection sees them."""
    seq, pruned = conn.execute(text("SELECT seq, pruned FROM sync_counter WHERE id = 1")).one()
    return int(seq), int(pruned)


def load_cursor(session: Session, consumer: str) -> tuple[int, dict[str, Any]] | None:
    from db.models.sync import SyncCursor

    row = session.get(SyncCursor, consumer)
    return None if row is None else (row.seq, dict(row.info or {}))


def save_cursor(session: Session, consumer: str, seq: int, info: dict[str, Any] | None = None,
                when: dt.datetime | None = None) -> None:
    """Record how far `consumer` has read (in the caller's transaction)."""
    from db.models.sync import SyncCursor

    row = session.get(SyncCursor, consumer)
    when = when or dt.datetime.now(dt.timezone.utc)
    if row is None:
        session.add(SyncCursor(consumer=consumer, seq=seq, info=info or {}, updated_at=when))
    else:
        row.seq, row.updated_at = seq, when
        if info is not None:
            row.info = info
