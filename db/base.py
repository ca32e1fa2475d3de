"""Declarative base and the columns every synchronised row carries."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import JSON, BigInteger, DateTime, MetaData, String, Table, TypeDecorator, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from uuid6 import uuid7

from db import sequence

# Stable constraint names, so alembic migrations are identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A UUIDv7: time-ordered, so ids made on different sites never collide and sort by creation."""
    return str(uuid7())


FACTS = uuid.UUID("0b6f3f0e-8a43-4c3e-9d0a-6a1f6f1c2b77")


def fact_id(table: str, *key: object) -> str:
    """The id of a row that states a fact about other rows (a person's vote on a project, a
    person's membership of a team): the same fact gets the same id on every site, so two sites
    recording it at once make one row, not two that collide (docs/SYNC.md)."""
    return str(uuid.uuid5(FACTS, "|".join([table, *(str(k) for k in key)])))


def fact_key(table: str, *columns: str) -> Any:
    """A column default: the fact id from the row's own values of `columns`."""
    def default(context: Any) -> str:
        params = context.get_current_parameters()
        return fact_id(table, *(params[c] for c in columns))
    return default


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend (SQLite stores naive text, so re-attach UTC on the way out)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[dict[str, Any]]: JSON,
    }
    if TYPE_CHECKING:
        # Every model here is mapped to a Table (none to a select or a join), so its columns,
        # constraints and name can be used as a Table's.
        __table__: ClassVar[Table]


class Sequenced:
    """Rows that carry the change sequence: `seq` is the number of the transaction that last wrote
    the row (db/sequence.py stamps it on every insert and update, ORM or Core), so a consumer that
    remembers the highest number it has read finds everything written since with `seq > cursor`.
    `origin` is the site whose version this row is, when it came in by synchronisation unchanged
    (NULL once written here), so a changeset for that site can leave out what it already has."""

    seq: Mapped[int] = mapped_column(BigInteger, index=True, default=sequence.stamp_seq,
                                     onupdate=sequence.stamp_seq, server_default=text("1"))
    origin: Mapped[str | None] = mapped_column(String(36), default=None, onupdate=sequence.no_origin)


class SyncedMixin(Sequenced):
    """Rows that travel between sites: a UUIDv7 key, times, the site that made them, the change
    sequence, and the clocks that merge uses (see docs/SYNC.md):

    - `hlc`: the hybrid-logical-clock time of the row's last change;
    - `versions`: per field changed since the row was made, who changed it and the clocks of its
      current and a few earlier values (db/sequence.py keeps it on every ORM flush), so two sites
      can tell an edit made on top of theirs from a concurrent one.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    site_id: Mapped[str] = mapped_column(String(36), default="")
    hlc: Mapped[str] = mapped_column(String(64), default=sequence.stamp_clock, onupdate=sequence.stamp_clock,
                                     server_default=text("''"))
    versions: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=sequence.stamp_versions)
