"""The audit log becomes append-only and tamper-evident: a hash chain per site, and triggers that
refuse UPDATE and DELETE.

Existing entries are chained in the order they were written (time, then id) per site, so an
upgraded database checks clean. NOTE for later migrations: SQLite's batch mode rebuilds a table
by copying it, which drops its triggers; a migration that rebuilds audit_log must create
APPEND_ONLY again (see upgrade()).

Revision ID: 0006_reliability
Revises: 0007_site_keys
Create Date: 2026-11-29
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from db.audit_chain import FIELDS, GENESIS, entry_hash

revision: str = "0006_reliability"
down_revision: Union[str, Sequence[str], None] = "0007_site_keys"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

MESSAGE = "the audit log is append-only"

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
POSTGRES_TRIGGERS = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("chain_seq", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("chain_hash", sa.String(length=64), nullable=True))
    op.create_index("ix_audit_log_site_chain", "audit_log", ["site_id", "chain_seq"], unique=True)
    op.create_table(
        "audit_heads",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_audit_heads")),
    )
    _chain_existing()
    for statement in (POSTGRES_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS):
        op.execute(statement)


def _chain_existing() -> None:
    conn = op.get_bind()
    log = sa.table("audit_log", *(sa.column(k) for k in FIELDS if k not in ("chain_seq", "at")),
                   sa.column("at", sa.DateTime(timezone=True)), sa.column("chain_seq", sa.Integer()),
                   sa.column("chain_hash", sa.String()))
    heads = sa.table("audit_heads", sa.column("site_id"), sa.column("seq"), sa.column("hash"))
    rows = conn.execute(sa.select(*(log.c[k] for k in FIELDS if k != "chain_seq"))
                        .order_by(log.c.site_id, log.c.at, log.c.id)).mappings().all()
    state: dict[str, tuple[int, str]] = {}
    updates = []
    for row in rows:
        site = row["site_id"] or ""
        seq, prev = state.get(site, (0, GENESIS))
        entry = dict(row, chain_seq=seq + 1)
        digest = entry_hash(prev, entry)
        state[site] = (seq + 1, digest)
        updates.append({"b_id": row["id"], "b_seq": seq + 1, "b_hash": digest})
    if updates:
        conn.execute(log.update().where(log.c.id == sa.bindparam("b_id"))
                     .values(chain_seq=sa.bindparam("b_seq"), chain_hash=sa.bindparam("b_hash")), updates)
    if state:
        conn.execute(heads.insert(), [{"site_id": k, "seq": v[0], "hash": v[1]} for k, v in state.items()])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
    op.drop_table("audit_heads")
    op.drop_index("ix_audit_log_site_chain", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("chain_hash")
        batch.drop_column("chain_seq")
